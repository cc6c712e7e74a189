"""Delimited tables (``.csv``, ``.tsv``/``.tab``): a header row, then one
document per row; the csv module's quoting rules (fields may span lines)."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.documents import CorpusError
from analysis.readers.base import FileJob, Reader, ReadOptions, ReadResult
from analysis.readers.columns import header_names, record_to_document, resolve_columns
from analysis.readers.decoding import iter_lines

__all__ = ["CSV", "TSV", "csv_delimiter", "csv_rows", "read_delimited"]

_CSV_FIELD_LIMIT = 2**31 - 1  # the csv module's default of 131,072 characters is too small


@contextmanager
def _large_csv_fields() -> Iterator[None]:
    """Let the csv module read fields longer than 128 KiB (a long article), then restore."""
    old = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def csv_rows(lines: Iterable[str], delimiter: str, path: Path, label: str
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
