"""News feeds (RSS 0.9x, 1.0, 2.0 and Atom): one document per entry, via feedparser.

The feed is parsed from the file's bytes (never fetched, nothing in it is
followed). An entry becomes a document with ``title``, ``date`` (its
``published`` date, else ``updated``, as a day in UTC), ``source`` (the
feed's title), ``text`` (the entry's content, else its summary, as plain
text) and ``metadata`` ``url`` (the link), ``author`` and ``entry`` (its
1-based position in the feed). Ids are ``<file>#<entry>``. An entry
without text is an error naming the entry; an undated entry is an error
only with ``require_date=True``. A feed that is not well-formed but still
gives entries is read with a warning naming the problem; an XML file with
no ``<rss>``, ``<feed>`` or ``<rdf:RDF>`` element at its start is an error
(a stray ``settings.xml``, not a feed of one entry per ``<item>``).
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.documents import CorpusError, Document
from analysis.readers.base import FileJob, Reader, ReadOptions, ReadResult
from analysis.readers.decoding import normalise

__all__ = ["FEED", "entry_text", "looks_like_feed", "read_feed"]

_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def looks_like_feed(head: str) -> bool:
    """True when an ``<rss>``, ``<feed>`` (Atom) or ``<rdf:RDF>`` (RSS 1.0) element opens early.

    Examples
    --------
    >>> looks_like_feed('<?xml version="1.0"?><rss version="2.0"><channel>')
    True
    >>> looks_like_feed("<!DOCTYPE html><html>")
    False
    """
    return _FEED.search(head[:4096]) is not None


def entry_text(entry: Any) -> str:
    """An entry's content (else summary) as plain text (trafilatura's html2txt
    on the HTML fragment; white space collapsed).

    Examples
    --------
    >>> entry_text({"summary": "<p>Bomen vielen om.</p><p>Treinen reden niet.</p>"})
    'Bomen vielen om. Treinen reden niet.'
    """
    import lxml.html
    import trafilatura

    contents = entry.get("content") or []
    value = contents[0].get("value", "") if contents else entry.get("summary", "")
    if "<" not in value:
        return normalise(value).strip()
    fragment = lxml.html.fragment_fromstring(value, create_parent="div")
    return normalise(trafilatura.html2txt(fragment) or "").strip()


def _entry_date(entry: Any) -> pd.Period | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return pd.Period(year=parsed.tm_year, month=parsed.tm_mon, day=parsed.tm_mday, freq="D")


def _entry_document(entry: Any, k: int, source: str | None, job: FileJob,
                    options: ReadOptions) -> Document | CorpusError:
    title = (entry.get("title") or "").strip() or None
    text = entry_text(entry)
    if not text:
        return CorpusError(f"entry {k}: no content or summary", path=job.path, value=title)
    date = _entry_date(entry)
    if date is None and options.require_date:
        return CorpusError(f"entry {k}: no published or updated date", path=job.path, value=title)
    metadata = {"entry": k}
    if entry.get("link"):
        metadata["url"] = entry["link"]
    if entry.get("author"):
        metadata["author"] = entry["author"]
    return Document(id=f"{job.relative}#{k}", date=date, text=text, title=title, source=source,
                    collection=options.collection or job.collection, metadata=metadata, path=str(job.path))


def read_feed(job: FileJob, options: ReadOptions) -> ReadResult:
    """Every entry of an RSS or Atom feed as a document."""
    import feedparser

    try:
        raw = Path(job.path).read_bytes()
    except OSError as error:
        raise CorpusError(f"cannot read the file ({error.strerror or error})", path=job.path) from None
    if not looks_like_feed(raw[:4096].decode("utf-8", "replace")):
        # feedparser would take any <item> of any XML file for an entry (a settings file, a sitemap)
        raise CorpusError("not a readable feed (no <rss>, <feed> or <rdf:RDF> element at its start; "
                          "pass format= to read it as another format)", path=job.path)
    feed = feedparser.parse(io.BytesIO(raw), resolve_relative_uris=False, sanitize_html=True)
    if feed.bozo and not feed.entries:
        raise CorpusError(f"not a readable feed ({feed.bozo_exception})", path=job.path)
    if feed.bozo:
        warnings.warn(f"{job.path}: feed is not well-formed ({feed.bozo_exception}); "
                      f"read {len(feed.entries)} entries", stacklevel=2)
    if not feed.entries:
        raise CorpusError("a feed without entries", path=job.path)
    source = (feed.feed.get("title") or "").strip() or None
    for k, entry in enumerate(feed.entries, start=1):
        yield _entry_document(entry, k, source, job, options)


FEED = Reader("feed", (".rss", ".atom", ".xml"), read_feed, detect=looks_like_feed,
              description="RSS 0.9x/1.0/2.0 or Atom feed: one document per entry, via feedparser")
