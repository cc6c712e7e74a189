"""Nexis Uni exports (``.docx``), the current LexisNexis product, read with python-docx.

The file starts with a cover page (``Documents (N)`` and a numbered list of
titles with the search), then each document::

    Kabinet wil strengere regels          <- the title
    NRC Handelsblad                       <- the outlet (source)
    January 11, 2020 Saturday             <- the date line (English or Dutch)
    Copyright 2020 NRC                    <- header lines: copyright and
    Section: ECONOMIE; Blz. 12               ``Field: value`` lines
    Length: 355 words
    Byline: Jan de Vries
    Body
    The body, in paragraphs ...
    Classification                        <- optional
    Language: DUT; NLD                    <- footer ``Field: value`` lines
    Load-Date: January 12, 2020
    End of Document

The date line is the last paragraph before ``Body`` that reads as a date;
the outlet and the title are the two paragraphs before it. Documents get
the fields the LexisNexis text reader gives (`analysis.readers.lexisnexis`):
``source``, ``date``, ``title``, ``text`` (paragraphs separated by a blank
line), and ``byline``, ``section``, ``length`` (an int), ``language`` and
the other fields in ``metadata``. ``line`` is the 1-based *paragraph* where
the title stands. When the cover's ``Documents (N)`` differs from the
documents found, that is an error: a document is missing.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

from analysis.documents import CorpusError, Document
from analysis.readers.base import FileJob, Reader, ReadOptions, ReadResult
from analysis.readers.datelines import parse_date_line

__all__ = ["NEXIS_UNI", "docx_paragraphs", "looks_like_docx", "parse_nexis_uni", "read_nexis_uni"]

_END = "End of Document"
_COVER_COUNT = re.compile(r"^Documents\s*\((\d+)\)$")
_FIELD = re.compile(r"^([A-Z][A-Za-z\-]{1,30}):\s*(.*)$")
_COPYRIGHT = re.compile(r"^(?:Copyright\b|©)", re.IGNORECASE)
_LENGTH = re.compile(r"^\s*(\d[\d.,]*)\s+(?:words|woorden)\b", re.IGNORECASE)
FOOTER_FIELDS = frozenset({
    "Classification", "Language", "Publication-Type", "Journal-Code", "Subject", "Geographic",
    "Industry", "Person", "Organization", "Company", "Ticker", "Load-Date", "Graphic", "Notes",
    "Document-Type", "Country", "City", "State",
})


def looks_like_docx(head: str) -> bool:
    """True for a zip container holding a Word document (``word/document.xml``).

    Examples
    --------
    >>> looks_like_docx("PK\\x03\\x04 ... word/document.xml"), looks_like_docx("1 of 3 DOCUMENTS")
    (True, False)
    """
    return head.startswith("PK") and "word/" in head


def docx_paragraphs(job: FileJob) -> list[str]:
    """The text of every paragraph of the document body, in order, stripped.

    Raises
    ------
    CorpusError
        When the file is not a Word document python-docx can open.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(job.path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise CorpusError(f"not a readable .docx file ({type(error).__name__}: {error})",
                          path=job.path) from None
    return [" ".join(paragraph.text.split()) for paragraph in document.paragraphs]


def _chunks(paragraphs: list[str]) -> Iterator[tuple[int, list[str]]]:
    """The paragraphs up to each ``End of Document`` with the 0-based index of the first."""
    start = 0
    for n, text in enumerate(paragraphs):
        if text == _END:
            yield start, paragraphs[start:n]
            start = n + 1
    yield start, paragraphs[start:]


def _fields(lines: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    name = None
    for line in lines:
        match = _FIELD.match(line)
        if match:
            name = match[1]
            fields[name] = match[2].strip()
        elif name is not None and line and not _COPYRIGHT.match(line) and line != "Classification":
            fields[name] = f"{fields[name]} {line}".strip()
    return fields


def _date_index(chunk: list[str], body: int) -> int | None:
    for n in range(body - 1, 1, -1):
        try:
            if parse_date_line(chunk[n]) is not None:
                return n
        except ValueError:
            return n  # an impossible date on a date line: reported by the caller
    return None


def _header(chunk: list[str], start: int, job: FileJob) -> tuple[int, int] | CorpusError:
    """(index of the date line, index of ``Body``) in a document's paragraphs."""
    body = chunk.index("Body") if "Body" in chunk else None
    if body is None:
        return CorpusError("no 'Body' paragraph before 'End of Document'", path=job.path, line=start + 1,
                           value=next((p for p in chunk if p), None))
    d = _date_index(chunk, body)
    if d is None:
        return CorpusError("no date line between the title and 'Body'", path=job.path, line=start + 1,
                           value=chunk[0] or None)
    return d, body


def _metadata(lines: list[str], job: FileJob, line: int) -> dict[str, object] | CorpusError:
    """The ``Field: value`` paragraphs as metadata, ``length`` as an int."""
    metadata: dict[str, object] = {name.lower().replace("-", "_"): value for name, value in _fields(lines).items()}
    if "length" in metadata:
        stated = _LENGTH.match(str(metadata["length"]))
        if stated is None:
            return CorpusError("Length is not a word count", path=job.path, line=line, value=metadata["length"])
        metadata["length"] = int(re.sub(r"[.,]", "", stated[1]))
    return metadata


def _document(chunk: list[str], start: int, first: bool, job: FileJob, options: ReadOptions,
              k: int) -> Document | CorpusError:
    found = _header(chunk, start, job)
    if isinstance(found, CorpusError):
        return found
    d, body = found
    try:
        date = parse_date_line(chunk[d])
    except ValueError as error:
        return CorpusError(str(error), path=job.path, line=start + d + 1)
    title_at = d - 2
    title = " ".join(p for p in chunk[title_at if first else 0:title_at + 1] if p)
    rest = chunk[body + 1:]
    footer_at = next((n for n, p in enumerate(rest)
                      if p == "Classification" or (_FIELD.match(p) and _FIELD.match(p)[1] in FOOTER_FIELDS)),
                     len(rest))
    text = "\n\n".join(p for p in rest[:footer_at] if p)
    if not text:
        return CorpusError("empty body", path=job.path, line=start + body + 1, value=title)
    metadata = _metadata([p for p in chunk[d + 1:body] if p] + rest[footer_at:], job, start + title_at + 1)
    if isinstance(metadata, CorpusError):
        return metadata
    return Document(id=f"{job.relative}#{k}", date=date, text=text, title=title, source=chunk[d - 1],
                    collection=options.collection or job.collection, metadata=metadata,
                    path=str(job.path), line=start + title_at + 1)


def parse_nexis_uni(paragraphs: list[str], job: FileJob, options: ReadOptions | None = None) -> ReadResult:
    """Documents (and errors) of the paragraphs of a Nexis Uni export.

    Examples
    --------
    >>> from pathlib import Path
    >>> paragraphs = ["Documents (1)", "1. Storm raast over het land", "Storm raast over het land",
    ...               "De Telegraaf", "9 maart 2015 maandag", "Length: 6 words", "Body",
    ...               "Bomen vielen om in Utrecht.", "Load-Date: March 10, 2015", "End of Document"]
    >>> [doc] = parse_nexis_uni(paragraphs, FileJob(Path("nu.docx"), "nu.docx", "nexis_uni"))
    >>> doc.source, doc.date_label, doc.title, doc.text, doc.metadata["length"], doc.line
    ('De Telegraaf', '2015-03-09', 'Storm raast over het land', 'Bomen vielen om in Utrecht.', 6, 3)
    """
    options = options or ReadOptions()
    cover = next((int(m[1]) for p in paragraphs[:50] if (m := _COVER_COUNT.match(p))), None)
    k = 0
    for n, (start, chunk) in enumerate(_chunks(paragraphs)):
        if not any(chunk):
            continue
        last = start + len(chunk) >= len(paragraphs)
        if last and n > 0:
            yield CorpusError("text after the last 'End of Document'", path=job.path, line=start + 1,
                              value=next(p for p in chunk if p)[:60])
            continue
        k += 1
        yield _document(chunk, start, n == 0, job, options, k)
    if k == 0:
        raise CorpusError("no document ending in 'End of Document' (Nexis Uni export)", path=job.path)
    if cover is not None and cover != k:
        yield CorpusError(f"the cover page lists {cover} documents, the file holds", path=job.path,
                          line=1, value=k)


def read_nexis_uni(job: FileJob, options: ReadOptions) -> ReadResult:
    """The documents of a Nexis Uni ``.docx`` export."""
    return parse_nexis_uni(docx_paragraphs(job), job, options)


NEXIS_UNI = Reader("nexis_uni", (".docx",), read_nexis_uni, detect=looks_like_docx,
                   description="Nexis Uni .docx export: cover page, then title, outlet, date, fields, "
                               "Body, text, End of Document")
