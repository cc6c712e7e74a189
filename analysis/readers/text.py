"""Plain text (``.txt``): the whole file is one document, dated by a
``metadata.csv`` row (see `analysis.readers.sidecar`) or undated."""

from __future__ import annotations

from analysis.documents import CorpusError, Document
from analysis.readers.base import FileJob, Reader, ReadOptions, ReadResult
from analysis.readers.decoding import read_text
from analysis.readers.sidecar import document_fields, missing_row, sidecar_row

__all__ = ["TEXT", "read_plain_text"]


def read_plain_text(job: FileJob, options: ReadOptions) -> ReadResult:
    """The file as one document (``metadata.csv`` fields where there are some)."""
    content = read_text(job.path, options.encoding)
    sidecar, row, problems = sidecar_row(job, options)
    yield from problems
    if row is not None and row.error is not None:
        yield row.error
        return
    first = next((n for n, line in enumerate(content.split("\n")) if line.strip()), None)
    if first is None:
        yield CorpusError("empty document", path=job.path, line=1)
        return
    if (error := missing_row(job, sidecar, row)) is not None:
        yield error
        return
    doc_date = row.date if row else None
    if doc_date is None and options.require_date:
        yield CorpusError("no date: a plain text file without a metadata.csv date",
                          path=job.path, line=first + 1)
        return
    yield Document(id=row.id if row and row.id else job.relative, date=doc_date,
                   text=content.strip(), line=first + 1, **document_fields(job, options, row))


TEXT = Reader("text", (".txt",), read_plain_text,
              description="any other .txt file: one document, dated by a metadata.csv or undated")
