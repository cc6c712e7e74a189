"""Saved web pages (``.html``, ``.htm``): the article's main text, title, date and site, via trafilatura.

trafilatura finds the main text (no menus, footers or comments) and, with
htmldate, the publication date from the page's metadata and markup
(``original_date``; no guessing from dates in the running text). The page
is read from the file as bytes, so its own charset declaration counts;
nothing is fetched. A document gets ``title``, ``source`` (the site name,
else the host name), ``date`` (day precision; undated when the page gives
none, an error then only with ``require_date=True``) and ``metadata``
``url``, ``author``, ``description`` where the page has them. A page
without main text is an error naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from analysis.documents import CorpusError, Document
from analysis.periods import DateError, parse_date
from analysis.readers.base import FileJob, Reader, ReadOptions, ReadResult
from analysis.readers.decoding import normalise

__all__ = ["WEB", "looks_like_html", "page_fields", "read_web_page"]

_HTML = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html|<head|<body)",
                   re.IGNORECASE | re.DOTALL)
_DATE_OPTIONS = {"original_date": True, "extensive_search": False}


def looks_like_html(head: str) -> bool:
    """True when the file starts (after an XML declaration or comments) with an HTML tag.

    Examples
    --------
    >>> looks_like_html("<!DOCTYPE html><html lang='nl'>"), looks_like_html("<rss version='2.0'>")
    (True, False)
    """
    return _HTML.match(head) is not None


def page_fields(html: bytes | str, *, url: str | None = None) -> dict[str, Any] | None:
    """The main text and metadata of one HTML page, or None when it has no main text.

    Returns
    -------
    dict or None
        ``text``, ``title``, ``date`` (``YYYY-MM-DD`` or None), ``source``,
        ``url``, ``author``, ``description`` (None where the page has none).

    Examples
    --------
    >>> page = ("<html><head><title>Storm | NOS</title><meta property='og:site_name' content='NOS'>"
    ...         "<meta property='article:published_time' content='2015-03-09'></head><body><article>"
    ...         "<p>Bomen vielen om in Utrecht en Amersfoort door de zware storm van maandag.</p>"
    ...         "</article></body></html>")
    >>> fields = page_fields(page)
    >>> fields["source"], fields["date"], fields["text"]
    ('NOS', '2015-03-09', 'Bomen vielen om in Utrecht en Amersfoort door de zware storm van maandag.')
    """
    import trafilatura

    extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, favor_recall=True,
                                            include_comments=False, date_extraction_params=_DATE_OPTIONS)
    if extracted is None or not (extracted.text or "").strip():
        return None
    return {
        "text": normalise(extracted.text).strip(),
        "title": extracted.title or None,
        "date": extracted.date or None,
        "source": extracted.sitename or extracted.hostname or None,
        "url": extracted.url or url,
        "author": extracted.author or None,
        "description": extracted.description or None,
    }


def page_document(fields: dict[str, Any], doc_id: str, job: FileJob, options: ReadOptions, *,
                  line: int | None = None, extra: dict[str, Any] | None = None) -> Document | CorpusError:
    """A Document from `page_fields`; an error for a bad or missing (but required) date."""
    date = None
    if fields["date"] is not None:
        try:
            date = parse_date(fields["date"])
        except DateError as error:
            return CorpusError(error.reason, path=job.path, line=line, value=fields["date"])
    elif options.require_date:
        return CorpusError("no publication date on the page", path=job.path, line=line,
                           value=fields["url"] or fields["title"])
    metadata = {k: fields[k] for k in ("url", "author", "description") if fields[k] is not None}
    return Document(id=doc_id, date=date, text=fields["text"], title=fields["title"], source=fields["source"],
                    collection=options.collection or job.collection, metadata=metadata | (extra or {}),
                    path=str(job.path), line=line)


def read_web_page(job: FileJob, options: ReadOptions) -> ReadResult:
    """One saved web page as one document."""
    try:
        raw = Path(job.path).read_bytes()
    except OSError as error:
        raise CorpusError(f"cannot read the file ({error.strerror or error})", path=job.path) from None
    fields = page_fields(raw)
    if fields is None:
        raise CorpusError("no main text found in the web page", path=job.path)
    yield page_document(fields, job.relative, job, options, line=1)


WEB = Reader("web", (".html", ".htm", ".xhtml"), read_web_page, detect=looks_like_html,
             description="saved web page: main text, title, date and site via trafilatura and htmldate")
