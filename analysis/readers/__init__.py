"""Readers: one module per input format, and a registry of them.

Every format is a `Reader` record (in its own module) listed in
`READERS` (in `analysis.readers.registry`); `analysis.load_corpus`,
`analysis.iter_documents` and `analysis.dask.read_documents` all go
through the same three steps:

1. `plan_files` expands the paths into a `FilePlan`: `FileJob` records (a
   file, its id prefix, format, collection and ``metadata.csv``) in sorted
   order, and the files it found but will not read;
2. `reader_for` picks the reader: the one ``format=`` names, else the one
   claiming the file's ending, and where several claim it (``.txt``: news or
   plain text) the first whose ``detect`` accepts the file's head;
3. the reader yields a `Document` per record, or a `CorpusError` for a bad
   record (raised for a file it cannot read at all).

Formats: ``news`` (`analysis.readers.news`), ``text`` with an optional
``metadata.csv`` (`analysis.readers.text`, `analysis.readers.sidecar`),
``csv`` and ``tsv`` (`analysis.readers.delimited`), ``jsonl``
(`analysis.readers.jsonl`), ``parquet`` (`analysis.readers.parquet`),
``lexisnexis`` (`analysis.readers.lexisnexis`), ``nexis_uni``
(`analysis.readers.nexis_uni`), ``web`` (`analysis.readers.web`), ``feed``
(`analysis.readers.feeds`) and ``warc`` (`analysis.readers.warc`).

Adding a format
---------------
Write ``analysis/readers/<format>.py`` with a function
``read_<format>(job: FileJob, options: ReadOptions) -> ReadResult`` and a
record ``<FORMAT> = Reader("<format>", (".ending",), read_<format>,
detect=..., description="...")``; then add it to `READERS` in
``registry.py``. That is all: ``format="<format>"``, folder search by
ending, `analysis.dask` and the ``FORMATS`` list follow from the registry.

* Build documents with `analysis.Document`; name every bad record with
  ``CorpusError(reason, path=job.path, line=..., value=...)`` and *yield*
  it, so ``on_error="skip"`` can list it and go on; *raise* it only when
  the whole file is unreadable.
* Decode text with `analysis.readers.decoding` (``read_text``,
  ``iter_lines``) so encodings, BOMs and binary files are handled alike;
  tables map their fields with `analysis.readers.columns`
  (``resolve_columns``, ``record_to_document``).
* Give ``detect`` (a test on the first 64 KiB, decoded leniently) when
  another reader claims the same ending, and put the reader before the
  fallback for that ending in `READERS`.
* Ids: the file's ``job.relative``, with ``#k`` for the k-th record when a
  file holds several, unless the format has its own ids.
* Readers only ever read files, never execute or evaluate what they read,
  and know nothing about tokens.
"""

from __future__ import annotations

from analysis.readers.base import FileJob, Reader, ReadOptions, ReadResult
from analysis.readers.columns import Columns, record_to_document, resolve_columns
from analysis.readers.decoding import check_encoding, read_text
from analysis.readers.jsonl import parse_json_record
from analysis.readers.plan import FilePlan, plan_files
from analysis.readers.registry import FORMATS, READERS, read_file, reader_for, readers_for_suffix
from analysis.readers.sidecar import SIDECAR_NAME

__all__ = [
    "FORMATS",
    "READERS",
    "SIDECAR_NAME",
    "Columns",
    "FileJob",
    "FilePlan",
    "ReadOptions",
    "ReadResult",
    "Reader",
    "check_encoding",
    "parse_json_record",
    "plan_files",
    "read_file",
    "read_text",
    "reader_for",
    "readers_for_suffix",
    "record_to_document",
    "resolve_columns",
]
