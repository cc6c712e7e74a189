"""Delimited tables (``.csv``, ``.tsv``/``.tab``): a header row, then one
document per row; the csv module's quoting rules (fields may span lines)."""

from __future__ import annotations

import csv
import itertools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.documents import CorpusError
from analysis.periods import DateError, parse_date
from analysis.readers.base import FileJob, Reader, ReadOptions, ReadResult
from analysis.readers.columns import header_names, record_to_document, resolve_columns
from analysis.readers.decoding import iter_lines

__all__ = ["CSV", "TSV", "csv_delimiter", "csv_rows", "read_delimited"]

_QUOTE = re.compile('"')
_CSV_FIELD_LIMIT = 2**31 - 1  # the csv module's default of 131,072 characters is too small


@contextmanager
def _large_csv_fields() -> Iterator[None]:
    """Let the csv module read fields longer than 128 KiB (a long article), then restore."""
    old = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(old)


class _Lines:
    """The lines the csv reader takes, counted; the current row's lines are
    kept, and lines can be given back to be read again."""

    def __init__(self, lines: Iterable[str]):
        self.source = iter(lines)
        self.pending: deque[str] = deque()
        self.count = 0
        self.taken: list[str] = []
        self.exhausted = False  # the csv reader asked past the last line (a quote open at the end)

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pending:
            line = self.pending.popleft()
        else:
            try:
                line = next(self.source)
            except StopIteration:
                self.exhausted = True
                raise
        self.count += 1
        self.taken.append(line)
        return line

    def give_back(self, lines: list[str]) -> None:
        self.pending.extendleft(reversed(lines))
        self.count -= len(lines)


def csv_rows(lines: Iterable[str], delimiter: str, path: Path, label: str
             ) -> Iterator[tuple[int, list[str]] | CorpusError]:
    """Every non-blank row with the line it starts on.

    A quoted field that is never closed, or that runs over lines which look
    like rows of the same table (as many fields as the header and, where
    the first row has dates, dates in those columns), is an error naming
    the line where the quote opened; reading goes on from the next line, so
    the rows it swallowed are read as rows. Any other malformed row ends the
    file with an error.
    """
    source = _Lines(lines)
    reader = csv.reader(source, delimiter=delimiter)
    width: int | None = None
    date_columns: list[int] | None = None
    with _large_csv_fields():
        while True:
            source.taken = []
            start = source.count + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield CorpusError(f"malformed {label}: {error}", path=path, line=start)
                return
            if width is not None and (len(source.taken) > 1 or source.exhausted):
                problem = _runaway_quote(source.taken, delimiter, width, date_columns or [])
                if problem is not None:
                    k, reason = problem
                    yield CorpusError(reason, path=path, line=start + k, value=source.taken[k].strip()[:60])
                    source.give_back(source.taken[k + 1:])
                    continue
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if width is None:
                width = len(cells)
            elif date_columns is None:
                date_columns = [i for i, cell in enumerate(cells) if _is_date(cell)]
            yield start, cells


def _runaway_quote(taken: list[str], delimiter: str, width: int, date_columns: list[int]
                   ) -> tuple[int, str] | None:
    """(line offset where the quote opened, reason) when a row's quoted field
    never closes or swallows lines that look like rows; None otherwise."""
    text = "".join(taken)
    opened, closed = _spanning_quote(text, delimiter)
    if opened is None:
        return None
    k = text.count("\n", 0, opened)
    if closed is None:
        return k, "a quoted field opened on this line is never closed (it runs to the end of the file)"
    inside = taken[k + 1 : text.count("\n", 0, closed)]  # the lines wholly inside the field
    swallowed = [line for line in inside if _looks_like_row(line, delimiter, width, date_columns)]
    if not swallowed:
        return None
    return k, (f"a quoted field opened on this line runs over {len(swallowed)} line(s) that look like rows "
               f"of this table; is a closing quote missing?")


def _spanning_quote(text: str, delimiter: str) -> tuple[int | None, int | None]:
    """Where the first quoted field that spans lines opens and closes (None:
    still open at the end), or where a field left open at the end opens;
    ``(None, None)`` when no field spans lines (the csv module's rules: a quote
    opens a field only at its start; ``""`` inside is a quote). Only the
    quotes are visited, so a long text costs little."""
    in_quotes, opened, spanning, closed, skip = False, -1, None, None, -1
    for match in _QUOTE.finditer(text):
        i = match.start()
        if i == skip:
            continue
        if in_quotes:
            if text.startswith('"', i + 1):
                skip = i + 1  # a doubled quote inside the field
                continue
            in_quotes = False
            if spanning is None and text.find("\n", opened, i) >= 0:
                spanning, closed = opened, i
        elif i == 0 or text[i - 1] in (delimiter, "\n"):
            in_quotes, opened = True, i
    if in_quotes and spanning is None:
        return opened, None
    if in_quotes:
        return spanning, None
    return spanning, closed


def _looks_like_row(line: str, delimiter: str, width: int, date_columns: list[int]) -> bool:
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return False
    return len(cells) == width and all(_is_date(cells[i]) for i in date_columns)


def _is_date(cell: str) -> bool:
    try:
        parse_date(cell)
    except (DateError, ValueError, TypeError):
        return False
    return True


def csv_delimiter(header: str) -> str:
    """``;`` when the header line has more semicolons than commas outside quotes
    (the Dutch Excel default), else ``,``.

    Examples
    --------
    >>> csv_delimiter("kop;tekst;datum"), csv_delimiter('"a;b",text,date')
    (';', ',')
    """
    unquoted = "".join(header.split('"')[::2])
    return ";" if unquoted.count(";") > unquoted.count(",") else ","


def read_delimited(job: FileJob, options: ReadOptions) -> ReadResult:
    """The rows of a CSV (``job.format == "csv"``; comma- or semicolon-separated, see
    `csv_delimiter`) or TSV file as documents."""
    label = job.format.upper()
    lines = iter_lines(job.path, options.encoding)
    first_line = next(lines, "")
    delimiter = "\t" if job.format == "tsv" else csv_delimiter(first_line)
    rows = csv_rows(itertools.chain([first_line], lines), delimiter, job.path, label)
    first = next(rows, None)
    if first is None:
        raise CorpusError(f"empty {label} (no header row)", path=job.path, line=1)
    if isinstance(first, CorpusError):
        raise first
    header_line, header = first
    names = header_names(header, job.path, header_line)
    cols = resolve_columns(names, options, job.path, line=header_line)
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
            yield record_to_document(dict(zip(names, cells, strict=True)), cols, options, job,
                                     line, number)
    if number == 0:
        raise CorpusError(f"{label} has a header but no rows", path=job.path, line=header_line)


CSV = Reader("csv", (".csv",), read_delimited,
             description="comma- or semicolon-separated table with a header row, one document per row")
TSV = Reader("tsv", (".tsv", ".tab"), read_delimited,
             description="tab-separated table with a header row, one document per row")
