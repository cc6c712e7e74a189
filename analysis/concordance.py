"""Keyword in context: `kwic` and the `Concordance` table it returns.

From a corpus, every hit carries character offsets into its document's
original text (``text[start:end] == keyword``), so a reader can always go
back to the source. Documents are re-tokenised with
`analysis.tokens.span_tokenize`, the tokeniser `analysis.tokenize` uses, and
only those whose text can contain the pattern (a quick case-insensitive
search first), so a concordance of a rare word in a large corpus is fast.
"""

from __future__ import annotations

import html
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis import tokens as _tokens
from analysis.corpus import Corpus, Document
from analysis.provenance import provenance
from analysis.query import Query, find_matches, name_aliases, normaliser, parse_query, word_ids
from analysis.tokenized import Tokens, corpus_fingerprint

__all__ = ["Concordance", "kwic"]

UNITS = ("tokens", "sentence")
SORTS = (None, "left", "right", "keyword")
_COLUMNS = ["doc_id", "date", "left", "keyword", "right", "start", "end"]
_SPACE = re.compile(r"\s+")
# A regex with these may match a token on its own but not inside the text.
_CONTEXT_SENSITIVE = re.compile(r"\^|\$|\\[AZbBG]|\(\?<?[=!]")


class Concordance(pd.DataFrame):
    """A KWIC table: a `pandas.DataFrame` that displays its keyword column aligned.

    In a notebook ``left`` is right-aligned, ``keyword`` centred in bold and
    ``right`` left-aligned; as plain text the keywords line up in one
    column. Every pandas operation works as on any DataFrame.

    Examples
    --------
    >>> c = Concordance({"doc_id": ["a", "b"], "date": [None, None], "left": ["de", "toen zag de"],
    ...                  "keyword": ["kat", "hond"], "right": ["sliep", "niets"]})
    >>> print(c)
    0  a            de  kat   sliep
    1  b   toen zag de  hond  niets
    """

    _LEFT_WIDTH = 45
    _RIGHT_WIDTH = 45

    @property
    def _constructor(self) -> type[Concordance]:
        return Concordance

    def _aligned(self) -> bool:
        return {"left", "keyword", "right"} <= set(self.columns)

    def __repr__(self) -> str:
        if not self._aligned():
            return super().__repr__()
        return self.to_text()

    def __str__(self) -> str:
        return self.__repr__()

    def to_text(self, *, max_rows: int | None = None, left_width: int | None = None,
                right_width: int | None = None) -> str:
        """The concordance as aligned monospace lines: index, doc_id, left, keyword, right.

        Parameters
        ----------
        max_rows : int, optional
            Lines to show (default: pandas' ``display.max_rows``).
        left_width, right_width : int, optional
            Characters of context shown on each side (cut with ``…``).
        """
        if not len(self):
            return f"Empty Concordance\nColumns: {list(self.columns)}"
        if max_rows is None:
            max_rows = pd.get_option("display.max_rows") or len(self)
        limit = max_rows
        lw = self._LEFT_WIDTH if left_width is None else left_width
        rw = self._RIGHT_WIDTH if right_width is None else right_width
        shown = self.iloc[:limit]
        lefts = [_cut_left(str(v), lw) for v in shown["left"]]
        rights = [_cut_right(str(v), rw) for v in shown["right"]]
        keywords = [str(v) for v in shown["keyword"]]
        index = [str(v) for v in shown.index]
        docs = [str(v) for v in shown["doc_id"]] if "doc_id" in shown else [""] * len(shown)
        widths = [max(map(len, col)) for col in (index, docs, lefts, keywords)]
        lines = [
            (f"{i:<{widths[0]}}  {d:<{widths[1]}}  {left:>{widths[2]}}  "
             f"{k:<{widths[3]}}  {right}").rstrip()
            for i, d, left, k, right in zip(index, docs, lefts, keywords, rights, strict=True)
        ]
        if len(self) > limit:
            lines.append(f"... [{len(self)} hits]")
        return "\n".join(lines)

    def _repr_html_(self) -> str | None:
        if not self._aligned():
            return super()._repr_html_()
        limit = pd.get_option("display.max_rows") or len(self)
        extra = [c for c in self.columns if c not in ("left", "keyword", "right")]
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in ["", *extra])
        head += ("<th style='text-align:right'>left</th><th style='text-align:center'>keyword</th>"
                 "<th style='text-align:left'>right</th>")
        rows = []
        for index, row in self.iloc[:limit].iterrows():
            cells = "".join(f"<td>{html.escape(_cell(row[c]))}</td>" for c in extra)
            rows.append(
                f"<tr><th>{html.escape(str(index))}</th>{cells}"
                f"<td style='text-align:right;white-space:nowrap'>"
                f"{html.escape(_cut_left(str(row['left']), 80))}</td>"
                f"<td style='text-align:center;font-weight:bold;white-space:nowrap'>"
                f"{html.escape(str(row['keyword']))}</td>"
                f"<td style='text-align:left;white-space:nowrap'>"
                f"{html.escape(_cut_right(str(row['right']), 80))}</td></tr>"
            )
        more = f"<p>{len(self)} hits, first {limit} shown</p>" if len(self) > limit else ""
        return (f"<table class='dataframe concordance'><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>{more}")


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def _cut_left(text: str, width: int) -> str:
    return text if len(text) <= width else "…" + text[len(text) - width + 1 :]


def _cut_right(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------------------
# patterns
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pattern:
    """A parsed `analysis.query.Query` with the normalisation kwic applies."""

    query: Query
    normalise: Callable[[str], str]
    flags: int  # re flags of a regex query
    search: re.Pattern[str] | None  # a regex to search a whole text with first

    def may_occur(self, text: str) -> bool:
        if self.query.regex:
            return self.search is None or self.search.search(text) is not None
        if not self.query.needles:
            return True
        form = self.normalise(text)
        return all(needle in form for needle in self.query.needles)

    def hits(self, ids: np.ndarray, sentence_of: np.ndarray, vocabulary: Sequence[str],
             index: Mapping[str, int] | None = None,
             aliases: Mapping[str, np.ndarray] | None = None) -> list[tuple[int, int]]:
        """``(first, last)`` token of every match, by the rule of `analysis.query`."""
        found = find_matches(ids, sentence_of, vocabulary, self.query, index=index, flags=self.flags,
                             aliases=aliases)
        return list(zip(found.starts.tolist(), found.ends.tolist(), strict=True))


def _text_normaliser(case_sensitive: bool) -> Callable[[str], str]:
    def normalise(word: str) -> str:
        form = unicodedata.normalize("NFC", word)
        return form if case_sensitive else form.lower()

    return normalise


def _compile(pattern: str, *, case_sensitive: bool, regex: bool,
             normalise: Callable[[str], str] | None = None) -> _Pattern:
    if not isinstance(pattern, str) or not pattern.strip():
        raise ValueError(f"pattern must be a non-empty str, got {pattern!r}")
    normalise = normalise or _text_normaliser(case_sensitive)
    query = parse_query(pattern, normalise=normalise, regex=regex)
    flags = 0 if case_sensitive else re.IGNORECASE
    search = None
    if regex:
        word_ids([], pattern, regex=True, flags=flags)  # a bad regex fails here, with its name
        search = None if _CONTEXT_SENSITIVE.search(pattern) else re.compile(pattern, flags)
    return _Pattern(query, normalise, flags, search)


# ---------------------------------------------------------------------------
# kwic
# ---------------------------------------------------------------------------


def kwic(
    corpus_or_tokens: Iterable[Document] | Tokens,
    pattern: str,
    *,
    window: int = 8,
    unit: str = "tokens",
    case_sensitive: bool = False,
    regex: bool = False,
    sort: str | None = None,
    corpus: Iterable[Document] | None = None,
    language: str = "nl",
) -> Concordance:
    """Every occurrence of a pattern with its context (a concordance).

    Parameters
    ----------
    corpus_or_tokens : Corpus, iterable of Document, or Tokens
        A corpus: each document that may hold the pattern is tokenised with
        `analysis.tokens.span_tokenize` (punctuation included), and hits
        carry character offsets. A `Tokens`: contexts are built from its
        tokens (gaps left out, offsets ``nan``), unless `corpus` is given;
        tokens made with ``lemmatize=True`` or ``names=True`` show the
        words as written (their `Tokens.forms`, removed words kept as gaps
        included) and are matched on their terms (``"lid"`` finds *leden*).
    pattern : str
        A word, matched on whole tokens after the normalisation of
        `analysis.tokenize` (Unicode NFC, lowercased unless
        `case_sensitive`); a glob (``"wagner*"``); a phrase of such words
        (``"wagner group"``: consecutive tokens of one sentence; overlapping
        matches are each a hit, as in `trend`, see `analysis.query`); or,
        with ``regex=True``, a regular expression that must match a whole
        single token. On a `Tokens` the pattern is normalised as `tokenize`
        normalised the tokens, and a phrase also matches its merged token.
    window : int
        Tokens of context on each side (``unit="tokens"``), within the
        document.
    unit : {"tokens", "sentence"}
        ``"sentence"``: ``left`` and ``right`` are the rest of the hit's
        sentence, and a ``sentence`` column holds the whole sentence.
    case_sensitive : bool
        Match the case too.
    regex : bool
        Treat `pattern` as a regular expression.
    sort : {None, "left", "right", "keyword"}
        None: corpus order. ``"left"``: by the words to the left, nearest
        first; ``"right"``: by the words to the right; ``"keyword"``: by the
        keyword. Case-insensitive; ties stay in corpus order.
    corpus : Corpus or iterable of Document, optional
        With a `Tokens`: read these documents (those whose id is in the
        tokens) for offsets and original spelling.
    language : {"nl", "en"}
        Tokeniser rules for a corpus.

    Returns
    -------
    Concordance
        A DataFrame, one row per hit: ``doc_id, date, left, keyword, right,
        start, end`` (+ ``sentence``), where ``text[start:end] == keyword``
        in the document's original text, and ``left``/``right`` are the
        original text around it with runs of whitespace made one space.

    Examples
    --------
    >>> from analysis.corpus import Document
    >>> docs = [Document("a", None, "Vrijdag meldde Reuters dat Wagner Group naar Caracas ging."),
    ...         Document("b", None, "Het Kremlin ontkent de aanwezigheid van Wagner.")]
    >>> hits = kwic(docs, "wagner", window=3)
    >>> hits[["doc_id", "keyword", "start", "end"]]
      doc_id keyword  start  end
    0      a  Wagner     27   33
    1      b  Wagner     40   46
    >>> print(hits)
    0  a  meldde Reuters dat  Wagner  Group naar Caracas
    1  b  de aanwezigheid van  Wagner  .
    >>> kwic(docs, "wagner group", unit="sentence")["right"].tolist()
    ['naar Caracas ging.']
    """
    if not isinstance(window, (int, np.integer)) or isinstance(window, bool) or window < 0:
        raise ValueError(f"window must be an int >= 0, got {window!r}")
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {list(UNITS)}, got {unit!r}")
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {list(SORTS)}, got {sort!r}")
    if isinstance(corpus_or_tokens, Tokens):
        if corpus is None:
            query = _compile(pattern, case_sensitive=case_sensitive, regex=regex,
                             normalise=_tokens_normaliser(corpus_or_tokens, case_sensitive))
            rows = _tokens_hits(corpus_or_tokens, query, window, unit, case_sensitive)
        else:
            query = _compile(pattern, case_sensitive=case_sensitive, regex=regex)
            wanted = set(corpus_or_tokens.documents["id"].tolist())
            documents = (doc for doc in corpus if doc.id in wanted)
            rows = _corpus_hits(documents, query, window, unit, language)
    elif isinstance(corpus_or_tokens, (str, bytes)):
        raise TypeError("kwic takes a Corpus, Documents or Tokens; load a path with load_corpus "
                        f"first, got {corpus_or_tokens!r}")
    else:
        query = _compile(pattern, case_sensitive=case_sensitive, regex=regex)
        rows = _corpus_hits(corpus_or_tokens, query, window, unit, language)
    if sort is not None:
        position = {"left": 0, "right": 1, "keyword": 2}[sort]
        rows.sort(key=lambda row: row[-1][position])
    columns = _COLUMNS + (["sentence"] if unit == "sentence" else [])
    frame = Concordance([row[:-1] for row in rows], columns=columns)
    frame["start"] = frame["start"].astype("float64" if isinstance(corpus_or_tokens, Tokens)
                                           and corpus is None else "int64")
    frame["end"] = frame["end"].astype(frame["start"].dtype)
    frame.attrs.update(pattern=pattern, window=window, unit=unit, sort=sort)
    if not len(frame):
        frame.attrs["message"] = f"pattern {pattern!r} does not occur"
        warnings.warn(frame.attrs["message"], UserWarning, stacklevel=2)
    arguments = {"pattern": pattern, "window": window, "unit": unit, "case_sensitive": case_sensitive,
                 "regex": regex, "sort": sort, "language": language}
    frame.attrs["provenance"] = _provenance(corpus_or_tokens, corpus, arguments)
    return frame


def _provenance(corpus_or_tokens: Any, corpus: Any, arguments: dict[str, Any]) -> dict[str, Any]:
    """Provenance of a concordance: the tokens', or the fingerprint and dates of
    the documents when they can be read again (a Corpus or a list; a one-shot
    stream has none)."""
    if isinstance(corpus_or_tokens, Tokens):
        return provenance(corpus_or_tokens, "kwic", arguments)
    if not isinstance(corpus_or_tokens, Sequence | Corpus):
        return provenance(None, "kwic", arguments)
    documents = [doc for doc in corpus_or_tokens if isinstance(doc, Document)]
    return provenance(None, "kwic", arguments, fingerprint=corpus_fingerprint(documents),
                      dates=[doc.date_label for doc in documents])


def _sort_keys(left: Sequence[str], keyword: str, right: Sequence[str]) -> tuple:
    return ([w.lower() for w in reversed(left)], [w.lower() for w in right], keyword.lower())


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _corpus_hits(documents: Iterable[Document], query: _Pattern, window: int, unit: str,
                 language: str) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for doc in documents:
        if not isinstance(doc, Document):
            raise TypeError("kwic takes Documents (or a Corpus or Tokens), "
                            f"got {type(doc).__name__}")
        text = doc.text
        if not query.may_occur(text):
            continue
        spans = _tokens.span_tokenize(text, language)
        if not spans:
            continue
        vocabulary, ids = np.unique([query.normalise(text[s:e]) for s, e in spans],
                                    return_inverse=True)
        sentence_spans = _tokens.sent_span_tokenize(text, language)
        starts = np.array([s for s, _ in spans], dtype=np.int64)
        sentence_of = np.searchsorted(np.array([s for s, _ in sentence_spans], dtype=np.int64),
                                      starts, side="right") - 1
        for first, last in query.hits(ids.reshape(-1), sentence_of, vocabulary.tolist()):
            start, end = spans[first][0], spans[last][1]
            if unit == "sentence":
                s_start, s_end = sentence_spans[sentence_of[first]]
                lo = int(np.searchsorted(starts, s_start, side="left"))
                hi = int(np.searchsorted(starts, s_end, side="left")) - 1
                left_text, right_text = text[s_start:start], text[end:s_end]
            else:
                lo, hi = max(0, first - window), min(len(spans) - 1, last + window)
                left_text = text[spans[lo][0]:start] if first > lo else ""
                right_text = text[end:spans[hi][1]] if hi > last else ""
            keyword = text[start:end]
            row = [doc.id, doc.date_label, _squash(left_text), keyword, _squash(right_text),
                   start, end]
            if unit == "sentence":
                row.append(_squash(text[s_start:s_end]))
            left_words = [text[s:e] for s, e in spans[lo:first]]
            right_words = [text[s:e] for s, e in spans[last + 1 : hi + 1]]
            row.append(_sort_keys(left_words, keyword, right_words))
            rows.append(row)
    return rows


def _tokens_normaliser(tokens: Tokens, case_sensitive: bool) -> Callable[[str], str]:
    """A pattern is normalised as `tokenize` did (as in `trend`), and lowercased too
    unless `case_sensitive`."""
    base = normaliser(tokens.settings)
    return base if case_sensitive else (lambda word: base(word).lower())


def _tokens_hits(tokens: Tokens, query: _Pattern, window: int, unit: str,
                 case_sensitive: bool) -> list[list[Any]]:
    ids = tokens.ids
    aliases = name_aliases(tokens)  # a proper name by its words: wagner group -> Wagner Group
    if case_sensitive or tokens.settings.get("lowercase", True):
        hits = query.hits(ids, tokens.sentence_index, tokens.vocabulary, tokens.index, aliases)
    else:
        aliases = {key.lower(): found for key, found in aliases.items()}
        hits = query.hits(ids, tokens.sentence_index, [t.lower() for t in tokens.vocabulary], aliases=aliases)
    # Shown: the words as written when the tokens keep them (names, lemmas), else the terms.
    shown, terms = (tokens.form_ids, tokens.forms) if tokens.forms is not None else (ids, tokens.vocabulary)
    doc_index, doc_offsets, sent_offsets = tokens.doc_index, tokens.doc_offsets, tokens.sent_offsets
    sentence_index = tokens.sentence_index
    doc_ids = tokens.documents["id"].tolist()
    dates = tokens.documents["date"].tolist()

    def words(lo: int, hi: int) -> list[str]:
        return [terms[i] for i in shown[lo:hi].tolist() if i >= 0]

    rows: list[list[Any]] = []
    for first, last in hits:
        d = int(doc_index[first])
        if unit == "sentence":
            s = int(sentence_index[first])
            lo, hi = int(sent_offsets[s]), int(sent_offsets[s + 1])
        else:
            lo = max(int(doc_offsets[d]), first - window)
            hi = min(int(doc_offsets[d + 1]), last + 1 + window)
        left, keyword, right = words(lo, first), words(first, last + 1), words(last + 1, hi)
        row = [doc_ids[d], dates[d], " ".join(left), " ".join(keyword), " ".join(right),
               np.nan, np.nan]
        if unit == "sentence":
            row.append(" ".join(left + keyword + right))
        row.append(_sort_keys(left, " ".join(keyword), right))
        rows.append(row)
    return rows
