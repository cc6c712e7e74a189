"""Web archives (``.warc``, ``.warc.gz``): every HTML page captured, via warcio.

Each ``response`` record whose HTTP content type is HTML becomes a
document through the web-page reader (`analysis.readers.web`): its main
text, title, site and date. The record's target URL is ``metadata["url"]``
and its capture date ``metadata["captured"]`` (``YYYY-MM-DD``); a page
that gives no publication date is dated by its capture, and
``metadata["date_from"]`` says which (``"page"`` or ``"capture"``).
``metadata["warc_offset"]`` is the record's byte offset in the file (its
position). Ids are ``<file>#<k>`` for the k-th HTML response.

Records that are not HTML responses (requests, metadata, images, scripts,
revisits without a payload) are not articles and are passed over. An HTML
response without main text, or with an HTTP status other than 200, is an
error naming the offset and the URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from analysis.documents import CorpusError, Document
from analysis.periods import parse_date
from analysis.readers.base import FileJob, Reader, ReadOptions, ReadResult
from analysis.readers.web import page_document, page_fields

__all__ = ["WARC", "looks_like_warc", "read_warc"]


def looks_like_warc(head: str) -> bool:
    """True for an uncompressed WARC file (a gzipped one is known by its ending).

    Examples
    --------
    >>> looks_like_warc("WARC/1.0\\r\\nWARC-Type: warcinfo"), looks_like_warc("<html>")
    (True, False)
    """
    return head.startswith("WARC/")


def _html_responses(job: FileJob) -> Iterator[tuple[int, Any, bytes]]:
    """(offset, record, payload) of every HTML response record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with open(job.path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    continue
                payload = record.content_stream().read()
                yield records.get_record_offset(), record, payload
    except ArchiveLoadFailed as error:
        raise CorpusError(f"not a readable WARC file ({error})", path=job.path) from None


def _warc_document(offset: int, record: Any, payload: bytes, k: int, job: FileJob,
                   options: ReadOptions) -> Document | CorpusError:
    url = record.rec_headers.get_header("WARC-Target-URI")
    status = record.http_headers.get_statuscode()
    where = f"record at byte {offset}"
    if status != "200":
        return CorpusError(f"{where}: HTTP status {status}", path=job.path, value=url)
    fields = page_fields(payload, url=url)
    if fields is None:
        return CorpusError(f"{where}: no main text found in the page", path=job.path, value=url)
    captured = (record.rec_headers.get_header("WARC-Date") or "")[:10]
    extra: dict[str, Any] = {"captured": captured or None, "warc_offset": offset,
                             "date_from": "page" if fields["date"] else "capture"}
    if fields["date"] is None and captured:
        try:
            parse_date(captured)
        except ValueError:
            return CorpusError(f"{where}: bad WARC-Date", path=job.path, value=captured)
        fields = fields | {"date": captured}
    fields = fields | {"url": url}
    return page_document(fields, f"{job.relative}#{k}", job, options, extra=extra)


def read_warc(job: FileJob, options: ReadOptions) -> ReadResult:
    """The HTML pages of a web archive, one document each."""
    k = 0
    for offset, record, payload in _html_responses(job):
        k += 1
        yield _warc_document(offset, record, payload, k, job, options)
    if k == 0:
        raise CorpusError("no HTML response records in the web archive", path=job.path)


WARC = Reader("warc", (".warc", ".warc.gz"), read_warc, detect=looks_like_warc,
              description="web archive (WARC): each HTML response through the web-page reader, "
                          "with URL and capture date")
