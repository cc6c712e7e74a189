"""The records every reader makes: `Document`, and `CorpusError` and `Skipped`
for what could not be read.

`analysis.corpus` re-exports them; they live here, below the readers, so
that a reader module needs nothing from the corpus module that uses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from analysis.periods import Precision, precision_of

__all__ = ["CorpusError", "Document", "Ignored", "Removed", "Skipped"]


class CorpusError(ValueError):
    """A corpus file or record that cannot be read, naming where and what.

    The message reads ``<file>, line <n>: <reason>: <value repr>`` (without
    the line or the value when there is none).

    Attributes
    ----------
    path : str
        The file (or the path the caller gave).
    line : int or None
        The 1-based line (row for Parquet) where the record starts.
    value : object
        The offending value, when there is one.
    reason : str
        What is wrong, without the location and the value.

    Examples
    --------
    >>> str(CorpusError("impossible date", path="a.txt", line=3, value="2019-13"))
    "a.txt, line 3: impossible date: '2019-13'"
    """

    def __init__(
        self, reason: str, *, path: str | Path, line: int | None = None, value: Any = None
    ):
        self.reason = reason
        self.path = str(path)
        self.line = line
        self.value = value
        where = self.path if line is None else f"{self.path}, line {line}"
        shown = "" if value is None else f": {value!r}"
        super().__init__(f"{where}: {reason}{shown}")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record or file that was not loaded, and why.

    Examples
    --------
    >>> Skipped("a.txt", 3, "empty document").reason
    'empty document'
    """

    path: str
    line: int | None
    reason: str
    value: str | None = None

    @classmethod
    def from_error(cls, error: CorpusError) -> Skipped:
        value = None if error.value is None else str(error.value)
        return cls(error.path, error.line, error.reason, value)


@dataclass(frozen=True, slots=True)
class Removed:
    """A document left out by `Corpus.deduplicate`, the one kept instead, and why.

    Examples
    --------
    >>> Removed("nrc-1", "nos-1", 0.93).reason
    "near-duplicate of 'nos-1' (Jaccard 0.930)"
    """

    id: str
    kept: str
    similarity: float

    @property
    def reason(self) -> str:
        return f"near-duplicate of {self.kept!r} (Jaccard {self.similarity:.3f})"


@dataclass(frozen=True, slots=True)
class Ignored:
    """A file found in a folder being loaded that was not read, and why.

    Examples
    --------
    >>> Ignored("corpus/README.md", "no reader for its ending").reason
    'no reader for its ending'
    """

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Document:
    """One dated text with where it came from.

    ``date`` is a `pandas.Period` whose frequency is the precision the
    source gave: a record dated ``2019-01`` is the month January 2019, never
    a made-up first of January. ``path`` and ``line`` say where the record
    starts.

    Examples
    --------
    >>> from analysis.periods import parse_date
    >>> doc = Document("a", parse_date("2019-01"), "Wagner in Caracas.")
    >>> doc.precision, doc.date_label
    ('month', '2019-01')
    >>> doc
    Document(id='a', date='2019-01', text='Wagner in Caracas.')
    """

    id: str
    date: pd.Period | None
    text: str
    title: str | None = None
    source: str | None = None
    collection: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    path: str | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError(f"Document id must be a non-empty str, got {self.id!r}")
        if not isinstance(self.text, str):
            raise TypeError(f"Document text must be str, got {type(self.text).__name__}")
        if self.date is not None:
            if not isinstance(self.date, pd.Period):
                raise TypeError(f"Document date must be a pandas Period or None, got {self.date!r}")
            precision_of(self.date)  # a week or quarter Period is refused here
        # A private copy, so the caller's dict cannot change a frozen document.
        object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 60 else f"{self.text[:57]}..."
        where = f", origin={self.origin!r}" if self.path else ""
        return f"Document(id={self.id!r}, date={self.date_label!r}, text={text!r}{where})"

    @property
    def precision(self) -> Precision | None:
        """``"year"``, ``"month"`` or ``"day"``; None for an undated document."""
        return None if self.date is None else precision_of(self.date)

    @property
    def date_label(self) -> str | None:
        """The date as written at its precision: ``2019``, ``2019-01`` or ``2019-01-15``."""
        return None if self.date is None else str(self.date)

    @property
    def origin(self) -> str:
        """``path:line`` of the record, for messages."""
        return f"{self.path}:{self.line}" if self.line else str(self.path)
