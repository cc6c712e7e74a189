"""LexisNexis classic text exports (``.TXT``), as LexisNexis Academic wrote them.

A file holds documents separated by centred lines ``N of M DOCUMENTS``
(Dutch interface: ``N van M DOCUMENTEN``). Exports are often concatenated,
so numbering may restart at 1 with another M; a number that skips, or an
export that stops before its M, is reported as an error (a document is
missing). Each document is::

                  3 of 12 DOCUMENTS
                    NRC Handelsblad          <- the outlet (source)
                January 11, 2010 Monday       <- the date line (English or Dutch)
                     Editie Vandaag           <- optional edition lines
    Kabinet wil strengere regels              <- the headline (the last block before the fields)
    BYLINE: Jan de Vries                      <- FIELD: value lines
    SECTION: ECONOMIE; Blz. 12
    LENGTH: 355 words
    The body, in paragraphs ...
    LOAD-DATE: January 12, 2010               <- footer fields, from the first
    LANGUAGE: DUTCH                              footer field name on
    PUBLICATION-TYPE: Krant
    JOURNAL-CODE: NRC
    Copyright 2010 NRC Handelsblad

Documents get ``source`` (the outlet), ``date``, ``title`` and the body as
``text`` (paragraphs separated by a blank line, header and footer left
out); ``byline``, ``section``, ``length`` (the stated word count, an int),
``language``, ``edition`` and every other field (lowercased, ``-`` as
``_``) go into ``metadata``, with ``document`` (``"3 of 12"``). A field
value that wraps onto the next lines is joined. Only the field names
LexisNexis uses count as fields (`HEADER_FIELDS`, `FOOTER_FIELDS`), so a
body paragraph that starts ``ROTTERDAM: ...`` stays body.
`stated_lengths` compares the stated lengths with the bodies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pandas as pd

from analysis.documents import CorpusError, Document
from analysis.readers.base import FileJob, Reader, ReadOptions, ReadResult
from analysis.readers.datelines import parse_date_line
from analysis.readers.decoding import read_text

__all__ = ["FOOTER_FIELDS", "HEADER_FIELDS", "LEXISNEXIS", "looks_like_lexisnexis", "parse_lexisnexis",
           "read_lexisnexis", "stated_lengths"]

SEPARATOR = re.compile(r"^\s*(\d+)\s+(?:of|van)\s+(\d+)\s+(?:DOCUMENTS?|DOCUMENTEN)\s*$", re.IGNORECASE)
_FIELD = re.compile(r"^([A-Z][A-Z\-]{1,30}):\s*(.*)$")
HEADER_FIELDS = frozenset({
    "BYLINE", "SECTION", "LENGTH", "HEADLINE", "HIGHLIGHT", "DATELINE", "EDITION", "CORRECTION",
    "CORRECTION-DATE", "SOURCE", "TYPE", "SERIES", "COLUMN", "BODY", "RUBRIEK", "AUTEUR",
})
FOOTER_FIELDS = frozenset({
    "LOAD-DATE", "LANGUAGE", "PUBLICATION-TYPE", "JOURNAL-CODE", "DOCUMENT-TYPE", "GRAPHIC",
    "SUBJECT", "GEOGRAPHIC", "ORGANIZATION", "PERSON", "COMPANY", "INDUSTRY", "COUNTRY", "CITY",
    "STATE", "TICKER", "NOTES", "CORRECTION-DATE", "URL", "DISTRIBUTION",
})
_COPYRIGHT = re.compile(r"^\s*(?:Copyright\b|©|\(c\)\s*\d{4}|All Rights Reserved)", re.IGNORECASE)
_LENGTH = re.compile(r"^\s*(\d[\d.,]*)\s+(?:words|woorden)\b", re.IGNORECASE)


def looks_like_lexisnexis(head: str) -> bool:
    """True when a line ``N of M DOCUMENTS`` comes before any other text.

    Examples
    --------
    >>> looks_like_lexisnexis("\\n          1 of 2 DOCUMENTS\\n\\n  NRC\\n")
    True
    >>> looks_like_lexisnexis("date 2019-01 1 of 2 DOCUMENTS")
    False
    """
    first = next((line for line in head.split("\n") if line.strip()), "")
    return SEPARATOR.match(first) is not None


@dataclass(frozen=True, slots=True)
class _Chunk:
    """The lines of one document after its separator."""

    number: int
    total: int
    line: int  # 1-based line of the separator
    lines: list[str]


def _chunks(lines: list[str]) -> Iterator[_Chunk | tuple[int, str]]:
    """Each document's lines; a non-blank line before the first separator comes as (line, text)."""
    current: _Chunk | None = None
    for n, line in enumerate(lines, start=1):
        match = SEPARATOR.match(line)
        if match:
            if current is not None:
                yield current
            current = _Chunk(int(match[1]), int(match[2]), n, [])
        elif current is None:
            if line.strip():
                yield n, line
        else:
            current.lines.append(line)
    if current is not None:
        yield current


def _blocks(lines: list[str], offset: int) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with the 1-based line of their first line."""
    blocks: list[tuple[int, list[str]]] = []
    for k, line in enumerate(lines):
        if not line.strip():
            continue
        if blocks and k > 0 and lines[k - 1].strip():
            blocks[-1][1].append(line.strip())
        else:
            blocks.append((offset + k, [line.strip()]))
    return blocks


def _fields(blocks: list[tuple[int, list[str]]]) -> dict[str, str]:
    """``FIELD: value`` lines of some blocks; a line that is no field continues the value before."""
    fields: dict[str, str] = {}
    name = None
    for _, block in blocks:
        for line in block:
            match = _FIELD.match(line)
            if match:
                name = match[1]
                fields[name] = match[2].strip()
            elif name is not None and not _COPYRIGHT.match(line):
                fields[name] = f"{fields[name]} {line}".strip()
    return fields


def _field_name(line: str) -> str | None:
    match = _FIELD.match(line)
    return None if match is None else match[1]


def _split(blocks: list[tuple[int, list[str]]]) -> tuple[list, list, list, list]:
    """(front blocks, header field blocks, body blocks, footer blocks)."""
    first_field = next((k for k, (_, b) in enumerate(blocks) if _field_name(b[0]) in HEADER_FIELDS),
                       len(blocks))
    body_start = first_field
    while body_start < len(blocks) and _field_name(blocks[body_start][1][0]) in HEADER_FIELDS:
        body_start += 1
    footer_start = next((k for k in range(body_start, len(blocks))
                         if _field_name(blocks[k][1][0]) in FOOTER_FIELDS), len(blocks))
    while footer_start > body_start and _COPYRIGHT.match(blocks[footer_start - 1][1][0]):
        footer_start -= 1  # a copyright line just before the footer is not body
    return (blocks[:first_field], blocks[first_field:body_start], blocks[body_start:footer_start],
            blocks[footer_start:])


def _document(chunk: _Chunk, job: FileJob, options: ReadOptions, k: int) -> Document | CorpusError:
    blocks = _blocks(chunk.lines, chunk.line + 1)
    front, header, body, footer = _split(blocks)
    where = {"path": job.path, "line": chunk.line}
    if len(front) < 2:
        return CorpusError(f"document {chunk.number} of {chunk.total}: no outlet and date line "
                           "before the fields", **where, value=front[0][1][0] if front else None)
    source = " ".join(front[0][1])
    try:
        date = parse_date_line(" ".join(front[1][1]))
    except ValueError as error:
        return CorpusError(str(error), path=job.path, line=front[1][0])
    if date is None:
        return CorpusError(f"document {chunk.number} of {chunk.total}: no date line after the outlet",
                           path=job.path, line=front[1][0], value=" ".join(front[1][1]))
    fields = _fields(header) | _fields(footer)
    title = fields.pop("HEADLINE", None)
    editions = front[2:] if title is not None else front[2:-1]
    if title is None:
        title = " ".join(front[-1][1]) if len(front) > 2 else None
    text = "\n\n".join(" ".join(b) for _, b in body)
    if not text:
        return CorpusError(f"document {chunk.number} of {chunk.total}: empty body", **where, value=title)
    metadata = {"document": f"{chunk.number} of {chunk.total}"}
    if editions:
        metadata["edition"] = "; ".join(" ".join(b) for _, b in editions)
    for name, value in fields.items():
        metadata[name.lower().replace("-", "_")] = value
    if "length" in metadata:
        stated = _LENGTH.match(metadata["length"])
        if stated is None:
            return CorpusError("LENGTH is not a word count", **where, value=metadata["length"])
        metadata["length"] = int(re.sub(r"[.,]", "", stated[1]))
    return Document(id=f"{job.relative}#{k}", date=date, text=text, title=title, source=source,
                    collection=options.collection or job.collection, metadata=metadata,
                    path=str(job.path), line=chunk.line)


def _numbering(chunk: _Chunk, previous: _Chunk | None, job: FileJob) -> CorpusError | None:
    """The error when a document is missing between ``previous`` and ``chunk``."""
    expected_next = 1 if previous is None else previous.number + 1
    if chunk.number == expected_next and (previous is None or chunk.total == previous.total):
        return None
    if chunk.number == 1 and previous is not None and previous.number == previous.total:
        return None  # the next export of a concatenated file
    before = "the start" if previous is None else f"{previous.number} of {previous.total}"
    return CorpusError(f"document(s) missing: {before} is followed by", path=job.path, line=chunk.line,
                       value=f"{chunk.number} of {chunk.total}")


def parse_lexisnexis(lines: Iterable[str], job: FileJob, options: ReadOptions | None = None) -> ReadResult:
    """Documents (and errors) of the lines of a LexisNexis export.

    Examples
    --------
    >>> from pathlib import Path
    >>> lines = ["    1 of 1 DOCUMENT", "", "  De Telegraaf", "", "  9 maart 2015 maandag", "",
    ...          "Storm raast over het land", "", "LENGTH: 6 woorden", "",
    ...          "Bomen vielen om in Utrecht.", "", "LANGUAGE: DUTCH"]
    >>> [doc] = parse_lexisnexis(lines, FileJob(Path("ln.txt"), "ln.txt", "lexisnexis"))
    >>> doc.source, doc.date_label, doc.title, doc.text, doc.metadata["length"]
    ('De Telegraaf', '2015-03-09', 'Storm raast over het land', 'Bomen vielen om in Utrecht.', 6)
    """
    options = options or ReadOptions()
    previous = None
    k = 0
    for chunk in _chunks(list(lines)):
        if isinstance(chunk, tuple):
            yield CorpusError("text before the first 'N of M DOCUMENTS' line", path=job.path,
                              line=chunk[0], value=chunk[1].strip()[:60])
            continue
        if (error := _numbering(chunk, previous, job)) is not None:
            yield error
        k += 1
        previous = chunk
        yield _document(chunk, job, options, k)
    if previous is None:
        raise CorpusError("no 'N of M DOCUMENTS' line (LexisNexis export)", path=job.path, line=1)
    if previous.number != previous.total:
        yield CorpusError("document(s) missing: the file ends at", path=job.path, line=previous.line,
                          value=f"{previous.number} of {previous.total}")


def read_lexisnexis(job: FileJob, options: ReadOptions) -> ReadResult:
    """The documents of a LexisNexis classic text export."""
    return parse_lexisnexis(read_text(job.path, options.encoding).split("\n"), job, options)


def stated_lengths(documents: Iterable[Document]) -> pd.DataFrame:
    """The word count each export states (``LENGTH``) next to the body's.

    A check a user can run after loading: a body much shorter than stated
    was cut (or its paragraphs were taken for header lines). ``words`` are
    whitespace-separated strings of the body (``text``).

    Returns
    -------
    pandas.DataFrame
        ``id``, ``source``, ``stated``, ``words``, ``difference`` (words -
        stated) and ``ratio`` (words / stated), for every document with a
        stated length, in corpus order.

    Examples
    --------
    >>> doc = Document("a", None, "drie korte woorden", metadata={"length": 4})
    >>> stated_lengths([doc]).to_dict("records")
    [{'id': 'a', 'source': None, 'stated': 4, 'words': 3, 'difference': -1, 'ratio': 0.75}]
    """
    rows = [(doc.id, doc.source, int(doc.metadata["length"]), len(doc.text.split()))
            for doc in documents if isinstance(doc.metadata.get("length"), int)]
    table = pd.DataFrame(rows, columns=["id", "source", "stated", "words"]).astype(
        {"stated": "int64", "words": "int64"})
    table["difference"] = table["words"] - table["stated"]
    table["ratio"] = table["words"] / table["stated"].where(table["stated"] > 0)
    return table


LEXISNEXIS = Reader("lexisnexis", (".txt",), read_lexisnexis, detect=looks_like_lexisnexis,
                    description="LexisNexis classic text export: 'N of M DOCUMENTS', outlet, date, "
                                "FIELD: value lines, body")
