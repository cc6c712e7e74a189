"""One way to find a term, a glob or a phrase in a token sequence.

`frequency` (`trend`, `occurrences`, `dispersion`), `collocation`
(`collocates`, `collocate_change`), `concordance` (`kwic`) and `analysis.dask`
all call this module, so one query gets one number of hits everywhere.

The matching rule
-----------------
A query is one or more words separated by white space. Each word is
normalised the way the tokens were (`normaliser`: Unicode NFC, lowercased
and diacritics folded when the tokens were; spelling variants and stemming
are *not* applied) and is

* a literal word, matching a token equal to it (``"wagner"``);
* a glob (``"wagner*"``, ``"poe?in"``, ``"[bp]oer"``), matching every token
  that `fnmatch` matches as a whole;
* with ``regex=True`` (`kwic` only), the whole query is one regular
  expression that must match one whole token.

A *match* is a run of consecutive positions, one per word, all in one
sentence of one document, none of them a gap; it is counted at its first
position. **Phrase matches may overlap**: every start position that fits
counts, so ``"enz. enz."`` matches twice in ``"enz. enz. enz."``, exactly as
that text holds two bigrams ``enz. enz.`` in ``frequencies(ngram=2)``. This is
the n-gram rule of corpus frequency lists (NLTK, AntConc's n-grams), and it
makes a phrase's hits equal its n-gram count. A token merged from the
phrase by ``tokenize(phrases=...)`` (``wagner_group``) is one match more, one
position long, and so is a proper name of ``tokenize(names=True)`` whose words
the query spells (``"wagner group"`` finds *Wagner Group*, in any case when the
other tokens were lowercased; see `name_aliases`).

Examples
--------
>>> import numpy as np
>>> vocabulary = ["allen", "beatrix", "enz.", "wij"]
>>> ids = np.array([3, 1, 2, 2, 2, 0])  # wij beatrix enz. enz. enz. allen
>>> found = find_matches(ids, np.zeros(6, np.int64), vocabulary, parse_query("enz. enz."))
>>> found.starts.tolist(), found.ends.tolist()
([2, 3], [3, 4])
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from analysis.tokenized import Tokens, fold_diacritics

__all__ = [
    "Matches",
    "Query",
    "check_terms",
    "find_matches",
    "listed_terms",
    "match_term",
    "name_aliases",
    "normaliser",
    "parse_query",
    "word_ids",
]

_GLOB = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Query:
    """A parsed query: the text as given and its normalised words."""

    text: str
    words: tuple[str, ...]
    regex: bool = False

    @property
    def length(self) -> int:
        """Positions one (unmerged) match covers."""
        return len(self.words)

    @property
    def needles(self) -> tuple[str, ...]:
        """Literal text that every text holding a match contains (after the
        same normalisation): a quick filter before tokenising a document."""
        if self.regex:
            return ()
        parts = (max(re.split(r"[*?]|\[[^\]]*\]?", word), key=len) if _GLOB.search(word)
                 else word for word in self.words)
        return tuple(part for part in parts if part)


@dataclass(frozen=True)
class Matches:
    """Where a query matched: first and last position (inclusive) of each
    match, by first position, and the vocabulary terms it matched."""

    starts: np.ndarray
    ends: np.ndarray
    terms: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.starts)


def normaliser(settings: Mapping[str, Any]) -> Callable[[str], str]:
    """The normalisation `analysis.tokenize` applied with these settings
    (NFC, lowercase, folded diacritics; no variants, no stemming).

    Examples
    --------
    >>> normaliser({"lowercase": True, "fold_diacritics": True})("Café")
    'cafe'
    """
    lowercase = bool(settings.get("lowercase", True))
    fold = bool(settings.get("fold_diacritics", False))

    def normalise(word: str) -> str:
        form = unicodedata.normalize("NFC", word)
        if lowercase:
            form = form.lower()
        return fold_diacritics(form) if fold else form

    return normalise


def listed_terms(terms: Iterable[str] | None, settings: Mapping[str, Any]) -> set[str] | None:
    """A list of terms (a ``vocabulary=`` argument) normalised as `tokenize` did
    with these settings; None stays None.

    Examples
    --------
    >>> sorted(listed_terms(["Kat", "kat", "Hond"], {"lowercase": True}))
    ['hond', 'kat']
    """
    if terms is None:
        return None
    if isinstance(terms, str):
        raise TypeError(f"vocabulary must be a list of terms, got the str {terms!r}")
    normalise = normaliser(settings)
    return {normalise(term) for term in terms}


def check_terms(terms: Any, name: str = "terms") -> list[str]:
    """Distinct query terms (first occurrence kept), each a non-empty str.

    Examples
    --------
    >>> check_terms(["kat", "hond", "kat"])
    ['kat', 'hond']
    """
    if isinstance(terms, str):
        terms = [terms]
    if not isinstance(terms, Iterable):
        raise TypeError(f"{name} must be a str or a list of str, got {terms!r}")
    out: list[str] = []
    for term in terms:
        if not isinstance(term, str) or not term.strip():
            raise ValueError(f"every term must be a non-empty str, got {term!r}")
        if term not in out:
            out.append(term)
    if not out:
        raise ValueError(f"{name} is empty: give at least one term")
    return out


def parse_query(term: str, *, normalise: Callable[[str], str] | None = None,
                regex: bool = False) -> Query:
    """Split a query into normalised words (a regex stays one word).

    Examples
    --------
    >>> parse_query("Wagner  Group*", normalise=str.lower).words
    ('wagner', 'group*')
    """
    if not isinstance(term, str) or not term.strip():
        raise ValueError(f"a query must be a non-empty str, got {term!r}")
    if regex:
        return Query(term, (term,), regex=True)
    normalise = normalise or (lambda word: unicodedata.normalize("NFC", word))
    return Query(term, tuple(normalise(word) for word in term.split()))


def word_ids(vocabulary: Sequence[str], word: str, *, regex: bool = False,
             index: Mapping[str, int] | None = None, flags: int = 0) -> np.ndarray:
    """Ids (ascending) of the vocabulary terms one query word matches.

    ``index`` (term -> id) makes a literal word a lookup instead of a scan;
    without it the vocabulary may repeat a term.

    Examples
    --------
    >>> word_ids(["kat", "katten", "hond"], "kat*").tolist()
    [0, 1]
    """
    if regex or _GLOB.search(word):
        try:
            pattern = re.compile(word if regex else fnmatch.translate(word), flags)
        except re.error as exc:
            raise ValueError(f"pattern {word!r} is not a valid regex: {exc}") from None
        found = [i for i, term in enumerate(vocabulary) if pattern.fullmatch(term)]
    elif index is not None:
        found = [index[word]] if word in index else []
    else:
        found = [i for i, term in enumerate(vocabulary) if term == word]
    return np.array(found, dtype=np.int64)


def _phrase_starts(ids: np.ndarray, sentence_index: np.ndarray,
                   per_word: list[np.ndarray]) -> np.ndarray:
    """Every start where word k matches at start + k, in one sentence (overlaps kept)."""
    if not all(len(found) for found in per_word):
        return np.zeros(0, np.int64)
    starts = np.flatnonzero(np.isin(ids, per_word[0]))
    starts = starts[starts + len(per_word) <= len(ids)]
    for k, found in enumerate(per_word[1:], start=1):
        nxt = starts + k
        starts = starts[np.isin(ids[nxt], found) & (sentence_index[nxt] == sentence_index[starts])]
    return starts.astype(np.int64)


def find_matches(ids: np.ndarray, sentence_index: np.ndarray, vocabulary: Sequence[str],
                 query: Query, *, index: Mapping[str, int] | None = None,
                 flags: int = 0, aliases: Mapping[str, np.ndarray] | None = None) -> Matches:
    """Every match of a query in a sequence of token ids (the module's rule).

    Parameters
    ----------
    ids : numpy.ndarray
        Token ids into `vocabulary`; a negative id is a gap and never matches.
    sentence_index : numpy.ndarray
        Sentence number of every position (distinct across documents).
    vocabulary : sequence of str
        The term of every id, normalised like the query words.
    query : Query
    index : mapping, optional
        Term -> id, for fast lookups of literal words.
    flags : int
        `re` flags for a regex query.
    aliases : mapping, optional
        A query's words joined by a space -> ids of terms it also names,
        each one position long (see `name_aliases`: *wagner group* finds
        the proper name *Wagner Group*).

    Returns
    -------
    Matches
        One entry per match, by first position (a merged token sorts by its
        position).

    Examples
    --------
    >>> found = find_matches(np.array([0, 1, 0, 1]), np.array([0, 0, 1, 1]),
    ...                      ["de", "kat"], parse_query("kat de"))
    >>> len(found)  # "kat" at 1 and "de" at 2 are in different sentences
    0
    """
    per_word = [word_ids(vocabulary, word, regex=query.regex, index=index, flags=flags)
                for word in query.words]
    named = np.zeros(0, dtype=np.int64)
    if aliases and not query.regex:
        named = np.asarray(aliases.get(" ".join(query.words), named), dtype=np.int64)
    if query.length == 1:
        found = np.union1d(per_word[0], named) if len(named) else per_word[0]
        terms = [vocabulary[i] for i in found.tolist()]
        starts = (np.flatnonzero(ids == found[0]) if len(found) == 1
                  else np.flatnonzero(np.isin(ids, found))).astype(np.int64)
        return Matches(starts, starts, tuple(terms))
    starts = _phrase_starts(ids, sentence_index, per_word)
    ends = starts + query.length - 1
    terms = sorted({" ".join(vocabulary[i] for i in ids[s : s + query.length].tolist())
                    for s in starts[:1000].tolist()})
    merged = np.union1d(word_ids(vocabulary, "_".join(query.words), index=index), named)
    if len(merged):
        single = np.flatnonzero(np.isin(ids, merged)).astype(np.int64)
        order = np.argsort(np.concatenate([starts, single]), kind="stable")
        starts = np.concatenate([starts, single])[order]
        ends = np.concatenate([ends, single])[order]
        terms.extend(vocabulary[i] for i in merged.tolist())
    return Matches(starts, ends, tuple(terms))


def match_term(tokens: Tokens, term: str) -> Matches:
    """Every match of a word, glob or phrase in a `Tokens` (the module's rule).

    Examples
    --------
    >>> from analysis.corpus import Document
    >>> from analysis.tokenized import tokenize
    >>> t = tokenize([Document("a", None, "Wij Beatrix, enz. enz. enz. Allen.")],
    ...              stopwords=None, keep_punctuation=True)
    >>> found = match_term(t, "Enz. enz.")
    >>> found.starts.tolist(), found.terms
    ([3, 4], ('enz. enz.',))
    """
    if not isinstance(tokens, Tokens):
        raise TypeError(f"tokens must be a Tokens (see analysis.tokenize), got {type(tokens).__name__}")
    query = parse_query(term, normalise=normaliser(tokens.settings))
    return find_matches(tokens.ids, tokens.sentence_index, tokens.vocabulary, query,
                        index=tokens.index, aliases=name_aliases(tokens))


def name_aliases(tokens: Tokens) -> dict[str, np.ndarray]:
    """Each proper name of tokens made with ``names=True``, normalised as a
    query is (``Wagner Group`` -> ``wagner group`` with ``lowercase=True``),
    -> its id: a name is found by its words, in any case when the tokens
    were lowercased.

    Examples
    --------
    >>> from analysis.corpus import Document
    >>> from analysis.tokenized import tokenize
    >>> t = tokenize([Document("a", None, "Toen leidde Wagner Group de strijd.")], names=True)
    >>> name_aliases(t)
    {'wagner group': array([0])}
    >>> match_term(t, "wagner group").starts.tolist()  # after the gap of the stopword toen
    [2]
    """
    normalise = normaliser(tokens.settings)
    found: dict[str, list[int]] = {}
    for name in tokens.name_terms:
        found.setdefault(normalise(name), []).append(tokens.index[name])
    return {key: np.array(sorted(ids), dtype=np.int64) for key, ids in found.items()}
