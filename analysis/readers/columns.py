"""Table rows to Documents: which column holds the text, the date, the id,
the title and the source (named by the caller or guessed from common
names), and one row as a `Document`. Shared by every table reader, the
``metadata.csv`` sidecar and `analysis.dask`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.documents import CorpusError, Document
from analysis.periods import DateError, parse_date
from analysis.readers.base import FileJob, ReadOptions
from analysis.readers.decoding import normalise

__all__ = [
    "FILE_COLUMNS",
    "GUESSES",
    "Columns",
    "blank",
    "cell_str",
    "cell_value",
    "date_cell",
    "header_names",
    "record_to_document",
    "resolve_columns",
]

# Column names tried, in order, when the caller does not name the column.
GUESSES = {
    "text": ("text", "body", "content", "article", "fulltext", "full_text", "tekst", "inhoud"),
    "date": ("date", "published", "pubdate", "publication_date", "datetime", "timestamp", "datum"),
    "id": ("id", "doc_id", "document_id", "article_id", "uuid"),
    "title": ("title", "headline", "kop", "titel"),
    "source": ("source", "publisher", "newspaper", "medium", "outlet", "bron", "krant"),
}
# In a metadata.csv: the column naming the file a row describes.
FILE_COLUMNS = ("file", "path", "filename", "file_name")


@dataclass(frozen=True)
class Columns:
    """Which table column holds each field, resolved once per file."""

    text: str | None
    date: str | None
    id: str | None
    title: str | None
    source: str | None
    other: frozenset[str] = frozenset()  # columns that are not metadata (a metadata.csv's file column)

    def used(self) -> set[str]:
        """Every column that is not metadata."""
        roles = (self.text, self.date, self.id, self.title, self.source)
        return {c for c in roles if c} | self.other


def _choose(role: str, present: list[str], options: ReadOptions, sidecar: bool, path: Path,
            line: int | None) -> str | None:
    named = options.columns.get(role)
    if named is not None and named in present:
        return named
    if named is not None and not sidecar:
        raise CorpusError(f"{role}= names a column the table does not have "
                          f"(columns: {', '.join(present)})", path=path, line=line, value=named)
    return next((g for g in GUESSES[role] if g in present), None)


def resolve_columns(header: Sequence[str], options: ReadOptions, path: str | Path, *,
                    sidecar: bool = False, line: int | None = 1) -> Columns:
    """Choose the column for each role; in a metadata.csv (``sidecar``) named
    columns fall back to guesses and there is no text column.

    Examples
    --------
    >>> resolve_columns(["kop", "body", "datum"], ReadOptions({"date": "datum"}), "t.csv")
    Columns(text='body', date='datum', id=None, title='kop', source=None, other=frozenset())
    """
    present = list(header)
    chosen = {role: None if sidecar and role == "text"
              else _choose(role, present, options, sidecar, Path(path), line)
              for role in GUESSES}
    if not sidecar and chosen["text"] is None:
        raise CorpusError(f"no text column (tried {', '.join(GUESSES['text'])}; name it with "
                          f"text=); columns: {', '.join(present)}", path=path, line=line)
    if chosen["date"] is None and options.require_date:
        raise CorpusError(f"no date column and require_date=True (tried "
                          f"{', '.join(GUESSES['date'])}; name it with date=); "
                          f"columns: {', '.join(present)}", path=path, line=line)
    other = frozenset(c for c in FILE_COLUMNS if c in present) if sidecar else frozenset()
    return Columns(**chosen, other=other)


def header_names(header: list[str], path: Path, line: int) -> list[str]:
    """The stripped column names of a header row; a name used twice is an error."""
    names = [h.strip() for h in header]
    twice = sorted(name for name, n in Counter(names).items() if n > 1)
    if twice:
        raise CorpusError("column named twice in the header", path=path, line=line,
                          value=twice[0])
    return names


def record_to_document(record: Mapping[str, Any], cols: Columns, options: ReadOptions,
                       job: FileJob, line: int, number: int) -> Document | CorpusError:
    """One table row as a Document (or the error that names what is wrong).

    ``line`` is where the row starts, ``number`` its 1-based position among
    the rows (the id is ``<file>#<number>`` when there is no id column).

    Examples
    --------
    >>> job = FileJob(Path("t.csv"), "t.csv", "csv")
    >>> cols = Columns("text", "date", None, None, None)
    >>> record_to_document({"text": "Hoi.", "date": "2019", "x": 1}, cols, ReadOptions(), job, 2, 1)
    Document(id='t.csv#1', date='2019', text='Hoi.', origin='t.csv:2')
    """
    text_value = record.get(cols.text)
    if blank(text_value):
        return CorpusError("empty document", path=job.path, line=line)
    if not isinstance(text_value, str):
        return CorpusError(f"text in column {cols.text!r} is not a string", path=job.path,
                           line=line, value=text_value)
    try:
        doc_date = date_cell(record, cols, options)
    except DateError as error:
        return CorpusError(error.reason, path=job.path, line=line, value=record.get(cols.date))
    raw_id = record.get(cols.id) if cols.id else None
    if cols.id and blank(raw_id):
        return CorpusError(f"empty id in column {cols.id!r}", path=job.path, line=line)
    used = cols.used()
    return Document(
        id=str(raw_id).strip() if cols.id else f"{job.relative}#{number}",
        date=doc_date,
        text=normalise(text_value).strip(),
        title=cell_str(record.get(cols.title)) if cols.title else None,
        source=cell_str(record.get(cols.source)) if cols.source else None,
        collection=options.collection or job.collection,
        metadata={c: cell_value(v) for c, v in record.items() if c not in used},
        path=str(job.path),
        line=line,
    )


def date_cell(record: Mapping[str, Any], cols: Columns, options: ReadOptions) -> pd.Period | None:
    """The row's date; `DateError` when it is missing but required, or impossible."""
    if cols.date is None:
        return None
    value = record.get(cols.date)
    if blank(value):
        if options.require_date is False:
            return None
        raise DateError(f"no date in column {cols.date!r}", value)
    return parse_date(value)


def blank(value: Any) -> bool:
    """None, NaN or a str of white space only."""
    if value is None:
        return True
    if isinstance(value, float) and pd.isna(value):
        return True
    return isinstance(value, str) and not value.strip()


def cell_str(value: Any) -> str | None:
    """A cell as a stripped str, None when blank."""
    return None if blank(value) else str(value).strip()


def cell_value(value: Any) -> Any:
    """A metadata cell: strings stripped, blanks None, other values as they are."""
    if blank(value):
        return None
    if isinstance(value, str):
        return value.strip()
    return value
