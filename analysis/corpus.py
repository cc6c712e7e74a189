"""Documents and loaders: from files on disk to a `Corpus` of dated records.

Formats, detected per file from its name and first line (override with
``format=``):

``news``
    The plain-text format of the article the project started from: optional
    leading whitespace, the word ``date``, a date (``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``), whitespace, then the text. A file may hold many records,
    each starting on a line of its own with ``date``.
``text``
    Any other ``.txt`` file: one document, dated by a ``metadata.csv`` in its
    folder or a folder above it (up to the folder given), or undated.
``csv``, ``tsv``, ``jsonl``, ``parquet``
    Tables with one document per row; the columns are chosen with ``text=``,
    ``date=``, ``id=``, ``title=`` and ``source=`` or guessed from common
    names.

Nothing here knows about tokens: this module turns bytes into `Document`
records and says exactly which file and line is wrong when it cannot. It
only ever reads files.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import html
import json
import os
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import pandas as pd

__all__ = [
    "Corpus",
    "CorpusError",
    "Document",
    "Skipped",
    "iter_documents",
    "load_corpus",
    "parse_date",
    "period_label",
    "period_range",
    "period_start",
]

Precision = Literal["year", "month", "day"]
OnError = Literal["raise", "skip"]

FORMATS = ("auto", "news", "text", "csv", "tsv", "jsonl", "parquet")
# "txt" is not a user-facing format: it means "news or text, decided by the first line".
_SUFFIX_FORMATS = {
    ".txt": "txt",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
SIDECAR_NAME = "metadata.csv"

# Column names tried, in order, when the caller does not name the column.
_GUESSES = {
    "text": ("text", "body", "content", "article", "fulltext", "full_text"),
    "date": ("date", "published", "pubdate", "publication_date", "datetime", "timestamp"),
    "id": ("id", "doc_id", "document_id", "article_id", "uuid"),
    "title": ("title", "headline", "kop"),
    "source": ("source", "publisher", "newspaper", "medium", "outlet"),
}
_FILE_COLUMNS = ("file", "path", "filename", "file_name")

# A news record starts with a line "date", optionally followed by the date and the text.
_NEWS_HEADER = re.compile(r"^[ \t]*date(?:[ \t]+(\d\S*))?(?:[ \t]+(.*?))?[ \t]*$")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_ISO_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_FREQ_OF = {"year": "Y", "month": "M", "day": "D"}
_PRECISION_OF_FREQ = {"Y": "year", "A": "year", "M": "month", "D": "day"}
_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}
_PERIODS = ("year", "month", "week", "day")
_CSV_FIELD_LIMIT = 2**31 - 1  # the csv module's default of 131,072 characters is too small
_STREAM_TEXT_BYTES = 64 * 2**20  # larger .txt files are read line by line, record by record


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
class Document:
    """One dated text with where it came from.

    ``date`` is a `pandas.Period` whose frequency is the precision the
    source gave: a record dated ``2019-01`` is the month January 2019, never
    a made-up first of January. ``path`` and ``line`` say where the record
    starts.

    Examples
    --------
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
            _precision_of(self.date)  # a week or quarter Period is refused here
        # A private copy, so the caller's dict cannot change a frozen document.
        object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 60 else f"{self.text[:57]}..."
        where = f", origin={self.origin!r}" if self.path else ""
        return f"Document(id={self.id!r}, date={self.date_label!r}, text={text!r}{where})"

    @property
    def precision(self) -> Precision | None:
        """``"year"``, ``"month"`` or ``"day"``; None for an undated document."""
        return None if self.date is None else _precision_of(self.date)

    @property
    def date_label(self) -> str | None:
        """The date as written at its precision: ``2019``, ``2019-01`` or ``2019-01-15``."""
        return None if self.date is None else str(self.date)

    @property
    def origin(self) -> str:
        """``path:line`` of the record, for messages."""
        return f"{self.path}:{self.line}" if self.line else str(self.path)


def _precision_of(period: pd.Period) -> Precision:
    precision = _PRECISION_OF_FREQ.get(period.freqstr.split("-")[0])
    if precision is None:
        raise ValueError(f"a document date is a year, month or day, got a {period.freqstr!r} "
                         f"period: {str(period)!r}")
    return precision


def parse_date(value: Any) -> pd.Period:
    """Parse a date keeping its precision.

    Accepts ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (month and day may have
    one digit), ``DD-MM-YYYY``, an ISO date-time (day precision; the time is
    dropped), an int year, `datetime.date`, `datetime.datetime`,
    `pandas.Timestamp` and a year, month or day `pandas.Period`.

    Raises
    ------
    ValueError
        For anything else or an impossible date, ending with the value's repr.

    Examples
    --------
    >>> parse_date("2019-01")
    Period('2019-01', 'M')
    >>> parse_date("4-11-2015")
    Period('2015-11-04', 'D')
    >>> parse_date("2019-02-30")
    Traceback (most recent call last):
    ...
    ValueError: impossible date (day is out of range for month): '2019-02-30'
    """
    try:
        return _parse_date(value)
    except ValueError as error:
        raise ValueError(f"{error}: {value!r}") from None


def _parse_date(value: Any) -> pd.Period:
    """`parse_date`, raising ValueError with the reason only (no value)."""
    if isinstance(value, pd.Period):
        _precision_of(value)
        return value
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        if pd.isna(value):
            raise ValueError("not a date")
        return pd.Period(year=value.year, month=value.month, day=value.day, freq="D")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("not a date")
    text = value.strip()
    if match := _ISO_DATE.match(text):
        year, month, day = match.groups()
    elif match := _DUTCH_DATE.match(text):
        day, month, year = match.groups()
    elif match := _ISO_DATETIME.match(text):
        year, month, day = match.groups()
    else:
        raise ValueError("not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year_n = int(year)
    month_n = None if month is None else int(month)
    day_n = None if day is None else int(day)
    try:
        dt.date(year_n, 1 if month_n is None else month_n, 1 if day_n is None else day_n)
    except ValueError as error:
        raise ValueError(f"impossible date ({error})") from None
    if month_n is None:
        return pd.Period(year=year_n, freq="Y")
    if day_n is None:
        return pd.Period(year=year_n, month=month_n, freq="M")
    return pd.Period(year=year_n, month=month_n, day=day_n, freq="D")


def _check_by(by: str) -> None:
    if by not in _PERIODS:
        raise ValueError(f"by must be one of {_PERIODS}, got {by!r}")


def period_label(date: pd.Period | None, by: str) -> str | None:
    """Label a document date with the calendar period ``by`` it falls in.

    Parameters
    ----------
    date : pandas.Period or None
        A document date at its own precision.
    by : {"year", "month", "week", "day"}
        The period to group by. Weeks are ISO weeks, labelled ``2019-W03``;
        a day belongs to the ISO year of its week (2019-12-30 is ``2020-W01``).

    Returns
    -------
    str or None
        None for an undated document.

    Raises
    ------
    ValueError
        When the date is coarser than ``by`` (a month cannot be put in a
        week): the period is never guessed.

    Examples
    --------
    >>> period_label(parse_date("2019-01-15"), "month")
    '2019-01'
    >>> period_label(parse_date("2019-12-30"), "week")
    '2020-W01'
    """
    _check_by(by)
    if date is None:
        return None
    wanted = "day" if by == "week" else by
    have = _precision_of(date)
    if _PRECISION_RANK[have] < _PRECISION_RANK[wanted]:
        raise ValueError(f"date {str(date)!r} has {have} precision; it cannot be grouped by {by!r}")
    if by == "week":
        iso = date.start_time.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return str(date.asfreq(_FREQ_OF[by], how="start"))


def _week_monday(label: str) -> dt.date:
    match = re.fullmatch(r"(\d{4})-W(\d{2})", label)
    if not match:
        raise ValueError(f"not an ISO week label (YYYY-Www): {label!r}")
    return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)


def period_range(labels: Iterable[str], by: str) -> list[str]:
    """Every period label from the earliest to the latest of ``labels``.

    Examples
    --------
    >>> period_range(["2019-03", "2019-01"], "month")
    ['2019-01', '2019-02', '2019-03']
    >>> period_range(["2020-W52", "2021-W02"], "week")
    ['2020-W52', '2020-W53', '2021-W01', '2021-W02']
    """
    _check_by(by)
    labels = sorted(set(labels))
    if not labels:
        return []
    if by == "week":
        first, last = _week_monday(labels[0]), _week_monday(labels[-1])
        out = []
        for k in range((last - first).days // 7 + 1):
            iso = (first + dt.timedelta(weeks=k)).isocalendar()
            out.append(f"{iso.year}-W{iso.week:02d}")
        return out
    return [str(p) for p in pd.period_range(labels[0], labels[-1], freq=_FREQ_OF[by])]


def period_start(label: str, by: str) -> pd.Timestamp:
    """The first day of a period label made by `period_label`.

    Examples
    --------
    >>> period_start("2019-W03", "week")
    Timestamp('2019-01-14 00:00:00')
    >>> period_start("2019-02", "month")
    Timestamp('2019-02-01 00:00:00')
    """
    _check_by(by)
    if by == "week":
        return pd.Timestamp(_week_monday(label))
    return pd.Period(label, freq=_FREQ_OF[by]).start_time


# --------------------------------------------------------------------------
# Corpus


class Corpus(Sequence[Document]):
    """An ordered collection of documents with what was skipped on the way.

    Index with an int position or look up a document by id (``corpus["id"]``).
    ``skipped`` lists the records the loader left out (``on_error="skip"``),
    ``ignored`` the files in the folders it did not read (README.md, ...).

    Examples
    --------
    >>> docs = [Document("a", parse_date("2019-01"), "Wagner in Caracas."),
    ...         Document("b", parse_date("2019-03-02"), "Maduro en het Kremlin.")]
    >>> corpus = Corpus(docs)
    >>> len(corpus), corpus["b"].date_label
    (2, '2019-03-02')
    >>> len(corpus.filter(start="2019-02"))
    1
    """

    def __init__(
        self,
        documents: Iterable[Document] = (),
        *,
        skipped: Iterable[Skipped] = (),
        ignored: Iterable[str] = (),
    ):
        self._documents = tuple(documents)
        self.skipped: tuple[Skipped, ...] = tuple(skipped)
        self.ignored: tuple[str, ...] = tuple(ignored)
        self._by_id: dict[str, int] = {}
        for position, doc in enumerate(self._documents):
            if not isinstance(doc, Document):
                raise TypeError(f"Corpus holds Documents, got {type(doc).__name__} at {position}")
            if doc.id in self._by_id:
                first = self._documents[self._by_id[doc.id]]
                raise ValueError(
                    f"duplicate document id {doc.id!r} ({first.origin} and {doc.origin})")
            self._by_id[doc.id] = position

    def __len__(self) -> int:
        return len(self._documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self._documents)

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            try:
                return self._documents[self._by_id[key]]
            except KeyError:
                raise KeyError(f"no document with id {key!r}") from None
        if isinstance(key, slice):
            return Corpus(self._documents[key])
        return self._documents[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            return key in self._by_id
        return key in self._documents

    def __repr__(self) -> str:
        first, last = self.date_range
        span = f", {first} … {last}" if first else ""
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        return f"<Corpus: {len(self)} documents{span}{skipped}>"

    @property
    def ids(self) -> list[str]:
        """Document ids in corpus order."""
        return [doc.id for doc in self._documents]

    @property
    def date_range(self) -> tuple[str | None, str | None]:
        """Earliest and latest date labels, (None, None) when nothing is dated."""
        dated = [doc.date for doc in self._documents if doc.date is not None]
        if not dated:
            return None, None
        first = min(dated, key=lambda p: (p.start_time, p.end_time))
        last = max(dated, key=lambda p: (p.end_time, p.start_time))
        return str(first), str(last)

    def filter(
        self,
        *,
        start: Any = None,
        end: Any = None,
        **metadata: Any,
    ) -> Corpus:
        """Documents dated within ``[start, end]`` and matching the metadata.

        A document is kept only when its whole date lies inside the range:
        with ``start="2019-01-15"`` a document dated only ``2019-01`` is left
        out, because it may be from before the 15th. Undated documents are
        left out whenever ``start`` or ``end`` is given.

        Parameters
        ----------
        start, end : str, optional
            Inclusive bounds at any precision (anything `parse_date`
            accepts): ``end="2019"`` means through 31 December 2019.
        **metadata
            ``field=value`` (equality), ``field=[v1, v2]`` (any of) or
            ``field=callable`` (a predicate on the value). Fields are
            ``id``, ``title``, ``source``, ``collection``, ``precision``,
            ``date`` (the label), ``path``, ``line`` or a metadata key; a
            document without the metadata key has the value None.

        Raises
        ------
        ValueError
            For a bad date, ``start`` after ``end``, or a field no document has.

        Examples
        --------
        >>> docs = [Document("a", parse_date("2019-01"), "x", source="NOS"),
        ...         Document("b", parse_date("2019-03-02"), "y", source="NRC")]
        >>> Corpus(docs).filter(source="NRC").ids
        ['b']
        >>> Corpus(docs).filter(end="2019-03-01").ids
        ['a']
        """
        lower = None if start is None else parse_date(start).start_time
        upper = None if end is None else parse_date(end).end_time
        if lower is not None and upper is not None and lower > upper:
            raise ValueError(f"start {start!r} is after end {end!r}")
        if self._documents:
            for name in metadata:
                if not any(_has_field(doc, name) for doc in self._documents):
                    raise ValueError(f"no document has a field {name!r}; "
                                     f"fields: {sorted(_field_names(self._documents))}")
        tests = [(name, _matcher(wanted)) for name, wanted in metadata.items()]
        kept = []
        for doc in self._documents:
            if lower is not None or upper is not None:
                if doc.date is None:
                    continue
                if lower is not None and doc.date.start_time < lower:
                    continue
                if upper is not None and doc.date.end_time > upper:
                    continue
            if all(test(_field(doc, name)) for name, test in tests):
                kept.append(doc)
        return Corpus(kept, skipped=self.skipped, ignored=self.ignored)

    def to_frame(self) -> pd.DataFrame:
        """One row per document: id, date, precision, start, title, source,
        collection, path, line, characters, words, then the metadata columns.

        ``start`` is the first day of the date; ``words`` counts
        whitespace-separated strings (a quick size measure; the tokeniser
        gives the real token counts). A metadata key that has the name of one
        of the fixed columns is shown as ``metadata.<key>``.

        Examples
        --------
        >>> frame = Corpus([Document("a", parse_date("2019"), "twee woorden")]).to_frame()
        >>> frame[["id", "date", "words"]]
          id  date  words
        0  a  2019      2
        """
        columns = ["id", "date", "precision", "start", "title", "source", "collection",
                   "path", "line", "characters", "words"]
        rows = []
        for doc in self._documents:
            row = {
                "id": doc.id,
                "date": doc.date_label,
                "precision": doc.precision,
                "start": doc.date.start_time if doc.date is not None else pd.NaT,
                "title": doc.title,
                "source": doc.source,
                "collection": doc.collection,
                "path": doc.path,
                "line": doc.line,
                "characters": len(doc.text),
                "words": len(doc.text.split()),
            }
            for key, value in doc.metadata.items():
                row[f"metadata.{key}" if key in columns else key] = value
            rows.append(row)
        frame = pd.DataFrame(rows, columns=columns + _extra_columns(rows, columns))
        return frame.astype({"characters": "int64", "words": "int64"})

    def summary(self, by: str = "month") -> pd.DataFrame:
        """Documents, words and characters per period or per metadata value.

        For a calendar ``by`` ("year", "month", "week", "day") every period
        from the first to the last appears, with zeros where there are no
        documents, so a time axis has no silent gaps; undated documents are
        counted in a last row labelled ``"undated"`` (``"(none)"`` for
        documents without the field).

        Parameters
        ----------
        by : str
            "year", "month", "week", "day", or a field such as ``source``,
            ``collection`` or a metadata key.

        Returns
        -------
        pandas.DataFrame
            Columns ``period``, ``start`` (first day, NaT for non-calendar
            groups), ``documents``, ``words``, ``characters``; no rows for an
            empty corpus.

        Raises
        ------
        ValueError
            When a document's date is coarser than ``by`` (a month-dated
            document cannot be counted per week), or no document has the field.

        Examples
        --------
        >>> docs = [Document("a", parse_date("2019-01"), "een twee"),
        ...         Document("b", parse_date("2019-03-02"), "drie")]
        >>> Corpus(docs).summary("month")[["period", "documents", "words"]]
            period  documents  words
        0  2019-01          1      2
        1  2019-02          0      0
        2  2019-03          1      1
        """
        columns = ["period", "start", "documents", "words", "characters"]
        calendar = by in _PERIODS
        if not self._documents:
            frame = pd.DataFrame(columns=columns).astype(
                {"start": "datetime64[ns]", "documents": "int64", "words": "int64",
                 "characters": "int64"})
            frame.attrs["by"] = by
            return frame
        if not calendar and not any(_has_field(doc, by) for doc in self._documents):
            raise ValueError(f"unknown by {by!r}: not a period nor a field of any document; "
                             f"fields: {sorted(_field_names(self._documents))}")
        totals: dict[str, list[int]] = {}
        missing = "undated" if calendar else "(none)"
        for doc in self._documents:
            if calendar:
                try:
                    label = period_label(doc.date, by)
                except ValueError as error:
                    raise ValueError(f"document {doc.id!r}: {error}") from None
            else:
                value = _field(doc, by)
                label = None if value is None else str(value)
            row = totals.setdefault(label if label is not None else missing, [0, 0, 0])
            row[0] += 1
            row[1] += len(doc.text.split())
            row[2] += len(doc.text)
        undated = totals.pop(missing, None)
        labels = period_range(totals, by) if calendar else sorted(totals)
        rows = []
        for label in labels:
            docs, words, chars = totals.get(label, (0, 0, 0))
            start = period_start(label, by) if calendar else pd.NaT
            rows.append((label, start, docs, words, chars))
        if undated:
            rows.append((missing, pd.NaT, *undated))
        frame = pd.DataFrame(rows, columns=columns)
        frame.attrs["by"] = by
        return frame

    def _repr_html_(self) -> str:
        first, last = self.date_range
        collections = Counter(doc.collection or "(none)" for doc in self._documents)
        precisions = Counter(doc.precision or "undated" for doc in self._documents)
        words = sum(len(doc.text.split()) for doc in self._documents)
        rows = [
            ("documents", f"{len(self):,}"),
            ("words", f"{words:,}"),
            ("date range", f"{first} … {last}" if first else "undated"),
            ("date precision", ", ".join(f"{k}: {v:,}" for k, v in sorted(precisions.items()))),
            ("collections", ", ".join(f"{k}: {v:,}" for k, v in sorted(collections.items()))),
            ("skipped", f"{len(self.skipped):,}"),
            ("files not read", f"{len(self.ignored):,}"),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
            f"<td style='text-align:left'>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        return f"<table><caption>Corpus</caption>{body}</table>"


def _extra_columns(rows: list[dict], known: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            if key not in known:
                seen.setdefault(key)
    return list(seen)


_DOC_FIELDS = ("id", "title", "source", "collection", "precision", "path", "line")


def _field(doc: Document, name: str) -> Any:
    if name in _DOC_FIELDS:
        return getattr(doc, name)
    if name == "date":
        return doc.date_label
    return doc.metadata.get(name)


def _has_field(doc: Document, name: str) -> bool:
    return name in _DOC_FIELDS or name == "date" or name in doc.metadata


def _field_names(docs: Iterable[Document]) -> set[str]:
    names = {*_DOC_FIELDS, "date"}
    for doc in docs:
        names.update(doc.metadata)
    return names


def _matcher(wanted: Any) -> Callable[[Any], bool]:
    if callable(wanted):
        return lambda value: bool(wanted(value))
    if isinstance(wanted, (list, tuple, set, frozenset)):
        allowed = tuple(wanted)  # a tuple, so unhashable metadata values can be compared
        return lambda value: value in allowed
    return lambda value: value == wanted


# --------------------------------------------------------------------------
# Loading


def load_corpus(
    path: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    format: str = "auto",
    text: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    encoding: str | None = None,
    require_date: bool | None = None,
    on_error: OnError = "raise",
    collection: str | None = None,
    progress: bool = False,
) -> Corpus:
    """Load documents from a file, a folder (searched recursively) or a list.

    Parameters
    ----------
    path : path or list of paths
        A news-format or plain ``.txt`` file, a table (``.csv``, ``.tsv``,
        ``.jsonl``, ``.parquet``), a folder mixing these, or a list of them.
        In a folder, files are chosen by suffix (others are listed in
        ``Corpus.ignored``; hidden files are left out), and a file named
        ``metadata.csv`` is not a corpus table but describes the ``.txt``
        files in its folder and below: a ``file`` column gives the path
        relative to it (or an ``id`` column the file name without ``.txt``),
        and its ``date``, ``title``, ``source`` and other columns become the
        document's fields. Then every ``.txt`` file needs a row when the
        metadata has a date column.
    format : str
        ``"auto"`` (by suffix, and for ``.txt`` by the first line), or one of
        ``"news"``, ``"text"``, ``"csv"``, ``"tsv"``, ``"jsonl"``,
        ``"parquet"`` for every file read.
    text, date, id, title, source : str, optional
        Column names in tables. Unnamed columns are guessed
        (``text``/``body``/``content``, ``date``/``published``,
        ``id``/``doc_id``, ...); a named column that a table lacks is an
        error. In ``metadata.csv`` a named column is used when it is there
        and the guesses are tried otherwise. Other columns go into
        ``Document.metadata``.
    encoding : str, optional
        Force an encoding; a file that does not decode is then an error. By
        default files are UTF-8 (a BOM is dropped); a file that is not valid
        UTF-8 is read as cp1252 with a warning naming it.
    require_date : bool, optional
        True: every document must be dated. False: undated documents are
        fine. None (default): a date is required wherever the source has a
        date field (news headers, a date column, a ``metadata.csv`` date).
    on_error : {"raise", "skip"}
        ``"raise"`` stops at the first bad record with a `CorpusError` naming
        file, line and value. ``"skip"`` loads the rest, lists each bad record
        in ``Corpus.skipped`` with its reason, and warns once with the count.
    collection : str, optional
        The collection name for every document. By default: for a folder,
        the first folder below it (``corpus/news/x.txt`` is ``news``), or the
        folder's own name for files directly in it and for a folder that
        holds a ``metadata.csv`` (``corpus/rechtspraak``); for a file, its
        folder's name.
    progress : bool
        Show a progress bar over files.

    Returns
    -------
    Corpus
        Text is Unicode NFC with ``\\n`` line ends, stripped at both ends;
        typographic quotes and dashes are kept. Ids come from the id column,
        else the path relative to the folder given (to the common folder of
        a list of paths), with ``#k`` for the k-th record of a multi-record
        news file or the k-th row of a table.

    Raises
    ------
    FileNotFoundError
        When a path does not exist or a folder holds no corpus file.
    CorpusError
        For a bad record or file (with ``on_error="raise"``).

    Examples
    --------
    >>> from analysis.config import corpus_dir
    >>> corpus = load_corpus(corpus_dir() / "news")
    >>> len(corpus), corpus[0].date_label, corpus[0].collection
    (1, '2019-01', 'news')
    """
    skipped: list[Skipped] = []
    ignored: list[str] = []
    documents: list[Document] = []
    seen: dict[str, Document] = {}
    for doc in iter_documents(
        path, format=format, text=text, date=date, id=id, title=title, source=source,
        encoding=encoding, require_date=require_date, on_error=on_error,
        collection=collection, progress=progress, skipped=skipped, ignored=ignored,
        _warn=False,
    ):
        if doc.id in seen:
            error = CorpusError(
                f"duplicate document id (first at {seen[doc.id].origin})",
                path=doc.path or "?", line=doc.line, value=doc.id,
            )
            if on_error == "raise":
                raise error
            skipped.append(Skipped.from_error(error))
            continue
        seen[doc.id] = doc
        documents.append(doc)
    _warn_skipped(skipped)
    return Corpus(documents, skipped=skipped, ignored=ignored)


def iter_documents(
    path: str | os.PathLike | Sequence[str | os.PathLike],
    *,
    format: str = "auto",
    text: str | None = None,
    date: str | None = None,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    encoding: str | None = None,
    require_date: bool | None = None,
    on_error: OnError = "raise",
    collection: str | None = None,
    progress: bool = False,
    skipped: list[Skipped] | None = None,
    ignored: list[str] | None = None,
    _warn: bool = True,
) -> Iterator[Document]:
    """Yield documents one at a time, holding at most one file in memory.

    Takes the options of `load_corpus`. With ``on_error="skip"`` the bad
    records are appended to ``skipped`` (when given) and one warning gives
    their count at the end; the files not read are appended to ``ignored``.
    Duplicate ids are not checked here (that needs memory of every id);
    `load_corpus` checks them.

    Examples
    --------
    >>> from analysis.config import corpus_dir
    >>> [doc.id for doc in iter_documents(corpus_dir() / "news")]
    ['2019-01-wagner-caracas.txt']
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, got {format!r}")
    if on_error not in ("raise", "skip"):
        raise ValueError(f"on_error must be 'raise' or 'skip', got {on_error!r}")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r}") from None
    columns = {"text": text, "date": date, "id": id, "title": title, "source": source}
    own_skipped: list[Skipped] = [] if skipped is None else skipped
    before = len(own_skipped)
    plan = list(_plan_files(path, format=format, ignored=ignored))
    if progress:
        from tqdm.auto import tqdm

        plan = tqdm(plan, desc="loading", unit="file")
    options = _Options(columns, encoding, require_date, collection)
    for job in plan:
        try:
            for item in _read_file(job, options):
                if isinstance(item, CorpusError):
                    if on_error == "raise":
                        raise item
                    own_skipped.append(Skipped.from_error(item))
                else:
                    yield item
        except CorpusError as error:
            if on_error == "raise":
                raise
            own_skipped.append(Skipped.from_error(error))
    if _warn:
        _warn_skipped(own_skipped[before:])


def _warn_skipped(skipped: Sequence[Skipped]) -> None:
    if skipped:
        first = skipped[0]
        where = first.path if first.line is None else f"{first.path}, line {first.line}"
        warnings.warn(
            f"{len(skipped)} record(s) skipped; see Corpus.skipped "
            f"(first: {where}: {first.reason})",
            stacklevel=3,
        )


@dataclass(frozen=True)
class _Options:
    columns: dict[str, str | None]
    encoding: str | None
    require_date: bool | None
    collection: str | None
    # metadata.csv files read so far in this call, so each is parsed once
    sidecars: dict[Path, _Sidecar] = field(default_factory=dict)


@dataclass(frozen=True)
class _FileJob:
    path: Path
    relative: str  # the path in ids: relative to the folder given
    format: str
    collection: str | None
    sidecar: Path | None  # the metadata.csv that describes this file


def _plan_files(
    path: str | os.PathLike | Sequence[str | os.PathLike], *, format: str,
    ignored: list[str] | None,
) -> Iterator[_FileJob]:
    """Expand the paths into the files to read, in a stable (sorted) order."""
    paths = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    if not paths:
        raise FileNotFoundError("no corpus path given")
    given_paths = [Path(p) for p in paths]
    for given in given_paths:
        if not given.exists():
            raise FileNotFoundError(f"corpus path does not exist: {str(given)!r}")
    # Ids are relative to the folder given, or to the common folder of several paths.
    bases = [os.path.abspath(p if p.is_dir() else p.parent) for p in given_paths]
    root = os.path.commonpath(bases)

    def relative(file: Path) -> str:
        return Path(os.path.relpath(os.path.abspath(file), root)).as_posix()

    for given in given_paths:
        if given.is_file():
            file_format = format
            if format == "auto":
                file_format = _SUFFIX_FORMATS.get(given.suffix.lower(), "txt")
            sidecar = given.parent / SIDECAR_NAME
            yield _FileJob(given, relative(given), file_format,
                           given.resolve().parent.name or None,
                           sidecar if sidecar.is_file() and sidecar != given else None)
            continue
        own_collection = given.resolve().name or None
        is_collection = (given / SIDECAR_NAME).is_file()
        found = 0
        for file in sorted(p for p in given.rglob("*") if p.is_file()):
            parts = file.relative_to(given).parts
            if any(part.startswith(".") for part in parts):
                continue  # hidden files and folders (.DS_Store, .ipynb_checkpoints)
            if file.name == SIDECAR_NAME:
                continue
            file_format = _SUFFIX_FORMATS.get(file.suffix.lower())
            if file_format is None:
                if ignored is not None:
                    ignored.append(str(file))
                continue
            if format != "auto":
                file_format = format
            file_collection = own_collection if is_collection or len(parts) == 1 else parts[0]
            yield _FileJob(file, relative(file), file_format, file_collection,
                           _find_sidecar(file, given))
            found += 1
        if not found:
            raise FileNotFoundError(
                f"no corpus files (.txt, .csv, .tsv, .jsonl, .parquet) in {str(given)!r}")


def _find_sidecar(file: Path, root: Path) -> Path | None:
    """The nearest metadata.csv in the file's folder or above, up to root."""
    folder = file.parent
    while True:
        candidate = folder / SIDECAR_NAME
        if candidate.is_file():
            return candidate
        if folder == root or folder == folder.parent:
            return None
        folder = folder.parent


def _read_file(job: _FileJob, options: _Options) -> Iterator[Document | CorpusError]:
    if job.format in ("txt", "text", "news"):
        yield from _read_text_file(job, options)
    elif job.format in ("csv", "tsv"):
        yield from _read_delimited(job, options)
    elif job.format == "jsonl":
        yield from _read_jsonl(job, options)
    elif job.format == "parquet":
        yield from _read_parquet(job, options)
    else:  # pragma: no cover - FORMATS is checked on entry
        raise ValueError(f"unknown format {job.format!r}")


def read_text(path: Path, encoding: str | None = None) -> str:
    """Read a whole file as normalised text (NFC, ``\\n`` line ends, no BOM).

    UTF-8 with or without BOM; otherwise cp1252 with a warning naming the
    file, unless ``encoding`` was given. Binary and unreadable files raise
    `CorpusError`.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise CorpusError(f"cannot read the file ({error.strerror or error})", path=path) from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise CorpusError("binary file (NUL bytes; UTF-16 text must be saved as UTF-8)",
                          path=path, line=_line_of(raw, nul))
    if encoding is not None:
        try:
            decoded = raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise _decode_error(path, raw, error, encoding) from None
    else:
        try:
            decoded = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            try:
                decoded = raw.decode("cp1252")
            except UnicodeDecodeError:
                raise _decode_error(path, raw, error, "UTF-8 nor cp1252") from None
            warnings.warn(
                f"{path}: not valid UTF-8 (line {_line_of(raw, error.start)}); read as cp1252",
                stacklevel=2,
            )
    return _normalise(decoded.lstrip("\ufeff"))


def _decode_error(path: Path, raw: bytes, error: UnicodeDecodeError, encoding: str) -> CorpusError:
    return CorpusError(f"not valid {encoding} (byte {error.start})", path=path,
                       line=_line_of(raw, error.start), value=raw[error.start:error.end])


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


# -- .txt files: news records or one plain document ---------------------------


def _read_text_file(job: _FileJob, options: _Options) -> Iterator[Document | CorpusError]:
    if job.format != "text" and job.sidecar is None and _file_size(job.path) > _STREAM_TEXT_BYTES:
        yield from _read_large_text_file(job, options)
    else:
        yield from _read_text_file_whole(job, options)


def _read_text_file_whole(job: _FileJob, options: _Options) -> Iterator[Document | CorpusError]:
    content = read_text(job.path, options.encoding)
    lines = content.split("\n")
    first = _first_content_line(lines)
    headers = [(n, m) for n, line in enumerate(lines) if (m := _NEWS_HEADER.match(line))]
    if job.format == "txt":
        is_news = bool(headers) and headers[0][0] == first
    else:
        is_news = job.format == "news"
    sidecar: _Sidecar | None = None
    if job.sidecar:
        sidecar = options.sidecars.get(job.sidecar)
        if sidecar is None:
            sidecar = options.sidecars[job.sidecar] = _parse_sidecar(job.sidecar, options)
            yield from sidecar.problems  # reported once, with the first file that uses it
    row = sidecar.lookup(job.path) if sidecar else None
    if row is not None and row.error is not None:
        yield row.error
        return
    if first is None:
        yield CorpusError("empty document", path=job.path, line=1)
        return
    fields = {
        "title": row.title if row else None,
        "source": row.source if row else None,
        "collection": options.collection or job.collection,
        "metadata": row.metadata if row else {},
        "path": str(job.path),
    }
    if row is None and sidecar is not None and sidecar.required:
        yield CorpusError("no row for this file in the metadata", path=job.path,
                          value=str(sidecar.path))
        return
    if not is_news:
        doc_date = row.date if row else None
        if doc_date is None and options.require_date:
            yield CorpusError("no date: a plain text file without a metadata.csv date",
                              path=job.path, line=first + 1)
            return
        doc_id = row.id if row and row.id else job.relative
        yield Document(id=doc_id, date=doc_date, text=content.strip(), line=first + 1, **fields)
        return
    if not headers:
        yield CorpusError("no 'date YYYY-MM' line (news format)", path=job.path, line=first + 1,
                          value=lines[first][:60])
        return
    if first < headers[0][0]:
        yield CorpusError("text before the first 'date' line", path=job.path, line=first + 1,
                          value=lines[first][:60])
    bounds = [n for n, _ in headers] + [len(lines)]
    single = len(headers) == 1
    for k, (start, match) in enumerate(headers):
        line_no = start + 1
        raw_date, rest = match.group(1), match.group(2) or ""
        body = "\n".join([rest, *lines[start + 1 : bounds[k + 1]]]).strip()
        doc_date = None
        if raw_date is not None:
            try:
                doc_date = _parse_date(raw_date)
            except ValueError as error:
                yield CorpusError(str(error), path=job.path, line=line_no, value=raw_date)
                continue
        elif options.require_date is not False:
            yield CorpusError("no date after 'date' (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                              path=job.path, line=line_no, value=lines[start].strip()[:60])
            continue
        if row and row.date is not None and row.date != doc_date:
            yield CorpusError(f"date differs from {sidecar.path} ({row.date})", path=job.path,
                              line=line_no, value=raw_date)
            continue
        if not body:
            yield CorpusError("empty document", path=job.path, line=line_no)
            continue
        doc_id = job.relative if single else f"{job.relative}#{k + 1}"
        if single and row and row.id:
            doc_id = row.id
        yield Document(id=doc_id, date=doc_date, text=body, line=line_no, **fields)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # read_text reports it


def _text_lines(path: Path, encoding: str | None) -> Iterator[str]:
    """The normalised lines of a text file, streamed (``content.split("\\n")`` of `read_text`,
    with the line decoding of `_iter_lines`)."""
    for text in _iter_lines(path, encoding):
        parts = text.split("\n")
        if text.endswith("\n"):
            parts.pop()
        yield from parts


def _read_large_text_file(job: _FileJob, options: _Options) -> Iterator[Document | CorpusError]:
    """`_read_text_file` for a file too large to read whole: news records are
    yielded as they end, so memory holds one record, never the file.

    Records, ids, lines and errors are those of the whole-file reader;
    decoding is that of the tables (`_iter_lines`): UTF-8, and cp1252 from
    the first line that is not UTF-8 on, with one warning. A file whose
    first line with text is not a ``date`` line is one plain document and
    is read whole.
    """
    lines = enumerate(_text_lines(job.path, options.encoding))
    first, first_line = next(((n, line) for n, line in lines if line.strip()), (None, ""))
    match = None if first is None else _NEWS_HEADER.match(first_line)
    if first is None or (match is None and job.format == "txt"):
        yield from _read_text_file_whole(job, options)  # empty, or one plain document
        return
    fields = {"title": None, "source": None, "collection": options.collection or job.collection,
              "metadata": {}, "path": str(job.path)}

    def record(start: int, header: re.Match, body_lines: list[str], k: int | None) -> Document | CorpusError:
        line_no = start + 1
        raw_date, rest = header.group(1), header.group(2) or ""
        body = "\n".join([rest, *body_lines]).strip()
        doc_date = None
        if raw_date is not None:
            try:
                doc_date = _parse_date(raw_date)
            except ValueError as error:
                return CorpusError(str(error), path=job.path, line=line_no, value=raw_date)
        elif options.require_date is not False:
            return CorpusError("no date after 'date' (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                               path=job.path, line=line_no, value=header.group(0).strip()[:60])
        if not body:
            return CorpusError("empty document", path=job.path, line=line_no)
        doc_id = job.relative if k is None else f"{job.relative}#{k}"
        return Document(id=doc_id, date=doc_date, text=body, line=line_no, **fields)

    if match is None:  # format="news" and text before the first date line
        before = first_line[:60]
        for n, line in lines:
            match = _NEWS_HEADER.match(line)
            if match is not None:
                yield CorpusError("text before the first 'date' line", path=job.path, line=first + 1,
                                  value=before)
                first = n
                break
        else:
            yield CorpusError("no 'date YYYY-MM' line (news format)", path=job.path, line=first + 1,
                              value=before)
            return
    start, header, body_lines, k = first, match, [], 0
    for n, line in lines:
        match = _NEWS_HEADER.match(line)
        if match is None:
            body_lines.append(line)
            continue
        k += 1  # a later header: this record is not alone, its id has a number
        yield record(start, header, body_lines, k)
        start, header, body_lines = n, match, []
    yield record(start, header, body_lines, None if k == 0 else k + 1)


def _first_content_line(lines: list[str]) -> int | None:
    for n, line in enumerate(lines):
        if line.strip():
            return n
    return None


# -- tables -----------------------------------------------------------------


@dataclass(frozen=True)
class _Columns:
    """Which table column holds each field, resolved once per file."""

    text: str | None
    date: str | None
    id: str | None
    title: str | None
    source: str | None
    other: frozenset[str]  # columns that are not metadata (a metadata.csv's file column)

    def used(self) -> set[str]:
        roles = (self.text, self.date, self.id, self.title, self.source)
        return {c for c in roles if c} | self.other


def _resolve_columns(header: Sequence[str], options: _Options, path: Path, *,
                     sidecar: bool = False, line: int | None = 1) -> _Columns:
    """Choose the column for each role; in a metadata.csv names fall back to guesses."""
    present = list(header)
    chosen: dict[str, str | None] = {}
    for role, guesses in _GUESSES.items():
        if sidecar and role == "text":
            chosen[role] = None
            continue
        named = options.columns.get(role)
        if named is not None and named in present:
            chosen[role] = named
        elif named is not None and not sidecar:
            raise CorpusError(f"{role}= names a column the table does not have "
                              f"(columns: {', '.join(present)})", path=path, line=line, value=named)
        else:
            chosen[role] = next((g for g in guesses if g in present), None)
    if not sidecar and chosen["text"] is None:
        raise CorpusError(f"no text column (tried {', '.join(_GUESSES['text'])}; name it with "
                          f"text=); columns: {', '.join(present)}", path=path, line=line)
    if chosen["date"] is None and options.require_date:
        raise CorpusError(f"no date column and require_date=True (tried "
                          f"{', '.join(_GUESSES['date'])}; name it with date=); "
                          f"columns: {', '.join(present)}", path=path, line=line)
    other = frozenset(c for c in _FILE_COLUMNS if c in present) if sidecar else frozenset()
    return _Columns(**chosen, other=other)


def _record_to_document(
    record: Mapping[str, Any], cols: _Columns, options: _Options, job: _FileJob, line: int,
    number: int,
) -> Document | CorpusError:
    """One table row as a Document; ``number`` is the row's 1-based position."""
    text_value = record.get(cols.text)
    if _blank(text_value):
        return CorpusError("empty document", path=job.path, line=line)
    if not isinstance(text_value, str):
        return CorpusError(f"text in column {cols.text!r} is not a string", path=job.path,
                           line=line, value=text_value)
    body = _normalise(text_value).strip()
    try:
        doc_date = _date_cell(record, cols, options)
    except ValueError as error:
        return CorpusError(str(error), path=job.path, line=line, value=record.get(cols.date))
    raw_id = record.get(cols.id) if cols.id else None
    if cols.id and _blank(raw_id):
        return CorpusError(f"empty id in column {cols.id!r}", path=job.path, line=line)
    used = cols.used()
    return Document(
        id=str(raw_id).strip() if cols.id else f"{job.relative}#{number}",
        date=doc_date,
        text=body,
        title=_cell_str(record.get(cols.title)) if cols.title else None,
        source=_cell_str(record.get(cols.source)) if cols.source else None,
        collection=options.collection or job.collection,
        metadata={c: _cell_value(v) for c, v in record.items() if c not in used},
        path=str(job.path),
        line=line,
    )


def _date_cell(record: Mapping[str, Any], cols: _Columns, options: _Options) -> pd.Period | None:
    """The row's date; ValueError (reason only) when it is missing but required or impossible."""
    if cols.date is None:
        return None
    value = record.get(cols.date)
    if _blank(value):
        if options.require_date is False:
            return None
        raise ValueError(f"no date in column {cols.date!r}")
    return _parse_date(value)


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and pd.isna(value):
        return True
    return isinstance(value, str) and not value.strip()


def _cell_str(value: Any) -> str | None:
    return None if _blank(value) else str(value).strip()


def _cell_value(value: Any) -> Any:
    if _blank(value):
        return None
    if isinstance(value, str):
        return value.strip()
    return value


@contextmanager
def _large_csv_fields() -> Iterator[None]:
    """Let the csv module read fields longer than 128 KiB (a long article), then restore."""
    old = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _iter_lines(path: Path, encoding: str | None) -> Iterator[str]:
    """The file's lines, decoded and normalised one at a time (a table of any
    size is streamed, never read whole).

    UTF-8 (a BOM is dropped) unless ``encoding`` is given; from the first line
    that is not valid UTF-8 on, the file is read as cp1252, with one warning
    naming the file and the line.
    """
    try:
        handle = Path(path).open("rb")
    except OSError as error:
        raise CorpusError(f"cannot read the file ({error.strerror or error})", path=path) from None
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            handle.close()
            raise CorpusError("unknown encoding", path=path, value=encoding) from None
    fallback = False
    with handle:
        for number, raw in enumerate(handle, start=1):
            if b"\x00" in raw:
                raise CorpusError("binary file (NUL bytes; UTF-16 text must be saved as UTF-8)",
                                  path=path, line=number)
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if encoding is not None:
                try:
                    text = raw.decode(encoding)
                except UnicodeDecodeError as error:
                    raise CorpusError(f"not valid {encoding} (byte {error.start} of the line)", path=path,
                                      line=number, value=raw[error.start:error.end]) from None
            elif not fallback:
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    fallback = True
                    warnings.warn(f"{path}: not valid UTF-8 (line {number}); read as cp1252", stacklevel=2)
                    text = _decode_cp1252(raw, path, number, error)
            else:
                text = _decode_cp1252(raw, path, number, None)
            yield _normalise(text)


def _decode_cp1252(raw: bytes, path: Path, line: int, first: UnicodeDecodeError | None) -> str:
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        bad = first or error
        raise CorpusError("not valid UTF-8 nor cp1252", path=path, line=line,
                          value=raw[bad.start:bad.end]) from None


def _csv_rows(lines: Iterable[str], delimiter: str, path: Path, label: str
              ) -> Iterator[tuple[int, list[str]] | CorpusError]:
    """Every non-blank row with the line it starts on; a malformed row ends the file
    with an error (the csv module cannot resynchronise after a bad quote)."""
    reader = csv.reader(lines, delimiter=delimiter)
    line = 1
    with _large_csv_fields():
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield CorpusError(f"malformed {label}: {error}", path=path, line=line)
                return
            if cells and not (len(cells) == 1 and not cells[0].strip()):
                yield line, cells
            line = reader.line_num + 1


def _read_delimited(job: _FileJob, options: _Options) -> Iterator[Document | CorpusError]:
    label = job.format.upper()
    rows = _csv_rows(_iter_lines(job.path, options.encoding), "\t" if job.format == "tsv" else ",",
                     job.path, label)
    first = next(rows, None)
    if first is None:
        raise CorpusError(f"empty {label} (no header row)", path=job.path, line=1)
    if isinstance(first, CorpusError):
        raise first
    header_line, header = first
    names = _header_names(header, job.path, header_line)
    cols = _resolve_columns(names, options, job.path, line=header_line)
    number = 0
    for item in rows:
        if isinstance(item, CorpusError):
            yield item
            continue
        line, cells = item
        number += 1
        if len(cells) != len(names):
            yield CorpusError(f"{len(cells)} fields where the header has {len(names)}",
                              path=job.path, line=line)
        else:
            yield _record_to_document(dict(zip(names, cells, strict=True)), cols, options, job,
                                      line, number)
    if number == 0:
        raise CorpusError(f"{label} has a header but no rows", path=job.path, line=header_line)


def _header_names(header: list[str], path: Path, line: int) -> list[str]:
    names = [h.strip() for h in header]
    twice = sorted(name for name, n in Counter(names).items() if n > 1)
    if twice:
        raise CorpusError("column named twice in the header", path=path, line=line,
                          value=twice[0])
    return names


def _read_jsonl(job: _FileJob, options: _Options) -> Iterator[Document | CorpusError]:
    cols: _Columns | None = None
    number = 0
    # lines split at "\n" only: str.splitlines would also break at U+2028 inside a record
    for line_no, line in enumerate(_iter_lines(job.path, options.encoding), start=1):
        if not line.strip():
            continue
        number += 1
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield CorpusError(f"invalid JSON ({error.msg} at column {error.colno})",
                              path=job.path, line=line_no, value=line.strip()[:60])
            continue
        if not isinstance(record, dict):
            yield CorpusError("a JSON Lines record must be an object", path=job.path,
                              line=line_no, value=line.strip()[:60])
            continue
        if cols is None:
            cols = _resolve_columns(list(record), options, job.path, line=line_no)
        yield _record_to_document(record, cols, options, job, line_no, number)
    if number == 0:
        raise CorpusError("JSON Lines file has no records", path=job.path)


def _read_parquet(job: _FileJob, options: _Options) -> Iterator[Document | CorpusError]:
    import pyarrow.parquet as pq

    try:
        table_file = pq.ParquetFile(job.path)
    except Exception as error:  # pyarrow raises its own error types
        raise CorpusError(f"not a readable Parquet file ({type(error).__name__}: {error})",
                          path=job.path) from None
    cols = _resolve_columns(table_file.schema_arrow.names, options, job.path, line=None)
    if table_file.metadata.num_rows == 0:
        raise CorpusError("Parquet file has no rows", path=job.path)
    row = 0
    for batch in table_file.iter_batches(batch_size=4096):
        for record in batch.to_pylist():
            row += 1
            yield _record_to_document(record, cols, options, job, row, row)


# -- metadata.csv beside text files ------------------------------------------


@dataclass(frozen=True)
class _SidecarRow:
    id: str | None
    date: pd.Period | None
    title: str | None
    source: str | None
    metadata: Mapping[str, Any]
    error: CorpusError | None = None  # a bad row: the file it describes is not loaded


@dataclass(frozen=True)
class _Sidecar:
    path: Path
    by_file: Mapping[str, _SidecarRow]
    by_id: Mapping[str, _SidecarRow]
    required: bool  # every text file below must have a row
    problems: tuple[CorpusError, ...]  # rows naming missing files, or listing a file twice

    def lookup(self, file: Path) -> _SidecarRow | None:
        relative = file.relative_to(self.path.parent).as_posix()
        for row in (self.by_file.get(relative), self.by_id.get(file.stem),
                    self.by_id.get(relative)):
            if row is not None:
                return row
        return None


def _parse_sidecar(path: Path, options: _Options) -> _Sidecar:
    rows = []
    for item in _csv_rows(_iter_lines(path, options.encoding), ",", path, "CSV"):
        if isinstance(item, CorpusError):
            raise item
        rows.append(item)
    if not rows:
        raise CorpusError("empty metadata.csv (no header row)", path=path, line=1)
    header_line, header = rows[0]
    names = _header_names(header, path, header_line)
    file_column = next((c for c in _FILE_COLUMNS if c in names), None)
    cols = _resolve_columns(names, options, path, sidecar=True, line=header_line)
    if file_column is None and cols.id is None:
        raise CorpusError(f"metadata.csv needs a file column ({', '.join(_FILE_COLUMNS)}) or an "
                          f"id column; columns: {', '.join(names)}", path=path, line=header_line)
    used = cols.used()
    by_file: dict[str, _SidecarRow] = {}
    by_id: dict[str, _SidecarRow] = {}
    problems: list[CorpusError] = []
    for line, cells in rows[1:]:
        record = dict(zip(names, cells, strict=False))
        row_error = None
        if len(cells) != len(names):
            row_error = CorpusError(f"{len(cells)} fields where the header has {len(names)}",
                                    path=path, line=line)
        try:
            doc_date = _date_cell(record, cols, options)
        except ValueError as error:
            doc_date = None
            row_error = row_error or CorpusError(str(error), path=path, line=line,
                                                 value=record.get(cols.date))
        entry = _SidecarRow(
            id=_cell_str(record.get(cols.id)) if cols.id else None,
            date=doc_date,
            title=_cell_str(record.get(cols.title)) if cols.title else None,
            source=_cell_str(record.get(cols.source)) if cols.source else None,
            metadata=MappingProxyType({c: _cell_value(v) for c, v in record.items()
                                       if c not in used}),
            error=row_error,
        )
        if file_column and not _blank(record.get(file_column)):
            key = Path(record[file_column].strip().replace("\\", "/")).as_posix()
            if key in by_file:
                problems.append(CorpusError(f"file listed twice in {path.name}", path=path,
                                            line=line, value=key))
                continue
            by_file[key] = entry
            if not (path.parent / key).is_file():
                problems.append(CorpusError(f"{path.name} names a file that does not exist",
                                            path=path, line=line, value=key))
        if entry.id:
            by_id[entry.id] = entry
    required = cols.date is not None and options.require_date is not False
    return _Sidecar(path, MappingProxyType(by_file), MappingProxyType(by_id), required,
                    tuple(problems))
