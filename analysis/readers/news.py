"""The news-text format of the article the project started from.

A record starts on a line of its own: optional leading white space, the
word ``date``, a date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), white
space, then the text, which runs to the next such line. A file may hold
many records; the file is streamed, so memory holds one record at a time.
Ids are the file's path, with ``#k`` for the k-th record when there are
several.

The rule, kept as it is: any line that begins with ``date`` and a date
starts a new record, also inside what was meant as a body (``date 2020 was
een jaar...``). So that such a split is never silent, a new record whose
``date`` line directly follows a line of text (no blank line between), or
whose text on that line begins with a lower-case letter, is reported: one
warning per file naming the file and those lines. Separate records by a
blank line.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

from analysis.documents import CorpusError, Document
from analysis.periods import DateError, parse_date
from analysis.readers.base import FileJob, Reader, ReadOptions, ReadResult
from analysis.readers.decoding import text_lines
from analysis.readers.sidecar import (
    SidecarRow,
    document_fields,
    missing_row,
    sidecar_row,
)

__all__ = ["NEWS", "NEWS_HEADER", "looks_like_news", "read_news"]

# A news record starts with a line "date", optionally followed by the date and the text.
NEWS_HEADER = re.compile(r"^[ \t]*date(?:[ \t]+(\d\S*))?(?:[ \t]+(.*?))?[ \t]*$")


def looks_like_news(head: str) -> bool:
    """True when the first line with text is a ``date`` line.

    Examples
    --------
    >>> looks_like_news("\\n date 2019-01 Wagner in Caracas."), looks_like_news("Wagner")
    (True, False)
    """
    first = next((line for line in head.split("\n") if line.strip()), "")
    return NEWS_HEADER.match(first) is not None


_Record = tuple[int, re.Match, list[str], int | None]  # line, header, body lines, number


def _records(lines: Iterator[tuple[int, str]], start: int, header: re.Match,
             suspect: list[int]) -> Iterator[_Record]:
    """The records from the header at line ``start`` on; a record's number is
    None when it is the only one in the file. Header lines that may have
    split a text (see the module's rule) are added to ``suspect``."""
    body: list[str] = []
    k = 0
    for n, line in lines:
        match = NEWS_HEADER.match(line)
        if match is None:
            body.append(line)
            continue
        if _may_split(body, match):
            suspect.append(n)
        k += 1  # a later header: this record is not alone, its id has a number
        yield start, header, body, k
        start, header, body = n, match, []
    yield start, header, body, None if k == 0 else k + 1


def _may_split(body: list[str], header: re.Match) -> bool:
    """A header right below a line of text, or whose text goes on in lower case."""
    rest = header.group(2) or ""
    return bool(body and body[-1].strip()) or rest[:1].islower()


def _warn_splits(path: object, suspect: list[int]) -> None:
    if suspect:
        named = ", ".join(map(str, suspect[:10])) + (f" and {len(suspect) - 10:,} more" if len(suspect) > 10 else "")
        warnings.warn(f"{path}: line(s) {named} start a new record (a line that begins with 'date' and a date "
                      "always does) but read like text of the record above; if so, that record was split there",
                      stacklevel=4)


def _record_document(record: _Record, job: FileJob, options: ReadOptions,
                     row: SidecarRow | None, fields: dict) -> Document | CorpusError:
    line_no, header, body_lines, number = record
    raw_date, rest = header.group(1), header.group(2) or ""
    doc_date = None
    if raw_date is not None:
        try:
            doc_date = parse_date(raw_date)
        except DateError as error:
            return CorpusError(error.reason, path=job.path, line=line_no, value=raw_date)
    elif options.require_date is not False:
        return CorpusError("no date after 'date' (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                           path=job.path, line=line_no, value=header.group(0).strip()[:60])
    if row and row.date is not None and row.date != doc_date:
        return CorpusError(f"date differs from {job.sidecar} ({row.date})", path=job.path,
                           line=line_no, value=raw_date)
    body = "\n".join([rest, *body_lines]).strip()
    if not body:
        return CorpusError("empty document", path=job.path, line=line_no)
    doc_id = job.relative if number is None else f"{job.relative}#{number}"
    if number is None and row and row.id:
        doc_id = row.id
    return Document(id=doc_id, date=doc_date, text=body, line=line_no, **fields)


def _first_header(lines: Iterator[tuple[int, str]], job: FileJob
                  ) -> tuple[list[CorpusError], tuple[int, re.Match] | None]:
    """The first ``date`` line (None when there is none), and the errors on
    the way: an empty file, or text before it."""
    first, first_line = next(((n, line) for n, line in lines if line.strip()), (None, ""))
    if first is None:
        return [CorpusError("empty document", path=job.path, line=1)], None
    match = NEWS_HEADER.match(first_line)
    if match is not None:
        return [], (first, match)
    for n, line in lines:
        if (match := NEWS_HEADER.match(line)) is not None:
            return [CorpusError("text before the first 'date' line", path=job.path, line=first,
                                value=first_line[:60])], (n, match)
    return [CorpusError("no 'date YYYY-MM' line (news format)", path=job.path, line=first,
                        value=first_line[:60])], None


def read_news(job: FileJob, options: ReadOptions) -> ReadResult:
    """The records of a news-format file, streamed."""
    sidecar, row, problems = sidecar_row(job, options)
    yield from problems
    if row is not None and row.error is not None:
        yield row.error
        return
    lines = enumerate(text_lines(job.path, options.encoding), start=1)
    errors, found = _first_header(lines, job)
    yield from errors
    if found is None:
        return
    if (error := missing_row(job, sidecar, row)) is not None:
        yield error
        return
    fields = document_fields(job, options, row)
    suspect: list[int] = []
    for record in _records(lines, *found, suspect):
        yield _record_document(record, job, options, row, fields)
    _warn_splits(job.path, suspect)


NEWS = Reader("news", (".txt",), read_news, detect=looks_like_news,
              description="news text: records that start with a line 'date YYYY-MM-DD'")
