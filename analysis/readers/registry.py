"""The registry: every input format, in the order their content is tried."""

from __future__ import annotations

from analysis.readers.base import FileJob, Reader, ReadOptions, ReadResult
from analysis.readers.decoding import head_text
from analysis.readers.delimited import CSV, TSV
from analysis.readers.feeds import FEED
from analysis.readers.jsonl import JSONL
from analysis.readers.lexisnexis import LEXISNEXIS
from analysis.readers.news import NEWS
from analysis.readers.nexis_uni import NEXIS_UNI
from analysis.readers.parquet import PARQUET
from analysis.readers.text import TEXT
from analysis.readers.warc import WARC
from analysis.readers.web import WEB

__all__ = ["FORMATS", "READERS", "read_file", "reader_for", "readers_for_suffix"]

# Where several readers claim a suffix, the ones with a `detect` come first
# and the last one is the fallback (LexisNexis and news before plain text for .txt).
READERS: tuple[Reader, ...] = (LEXISNEXIS, NEWS, TEXT, CSV, TSV, JSONL, PARQUET, NEXIS_UNI, WEB, FEED, WARC)

FORMATS: tuple[str, ...] = ("auto", *(reader.name for reader in READERS))

_BY_NAME = {reader.name: reader for reader in READERS}
# A file given by name whose ending no reader claims is recognised by its
# content, and read as plain text when nothing recognises it.
_UNCLAIMED = (LEXISNEXIS, NEWS, WARC, NEXIS_UNI, FEED, WEB, TEXT)


def readers_for_suffix(name: str) -> tuple[Reader, ...]:
    """The readers that claim a file name by its ending (longest endings
    such as ``.warc.gz`` included), in registry order.

    Examples
    --------
    >>> [r.name for r in readers_for_suffix("a.TXT")]
    ['lexisnexis', 'news', 'text']
    """
    lower = name.lower()
    return tuple(r for r in READERS if any(lower.endswith(s) for s in r.suffixes))


def reader_for(job: FileJob) -> Reader:
    """The reader for a planned file: the one its format names, or for
    ``"auto"`` the first of the readers claiming its suffix whose ``detect``
    accepts the head of the file (the last one otherwise)."""
    if job.format != "auto":
        try:
            return _BY_NAME[job.format]
        except KeyError:
            raise ValueError(f"format must be one of {FORMATS}, got {job.format!r}") from None
    candidates = readers_for_suffix(job.path.name) or _UNCLAIMED
    if len(candidates) > 1:
        head = head_text(job.path)
        for reader in candidates[:-1]:
            if reader.detect is not None and reader.detect(head):
                return reader
    return candidates[-1]


def read_file(job: FileJob, options: ReadOptions) -> ReadResult:
    """Documents (and `CorpusError` for bad records) of one planned file."""
    return reader_for(job).read(job, options)
