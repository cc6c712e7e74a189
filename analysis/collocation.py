"""Co-occurrence counts and collocates: `cooccurrence`, `collocates`, `collocate_change`.

The counting model
------------------
Everything here counts **(node, context) position pairs** in the token
sequence exactly as iterating a `Tokens` yields it. Position ``i`` is a
*node* occurrence and position ``j`` a *context* occurrence; the pair is
counted when

* ``j != i``, both positions hold a token (a gap left by ``padding=True``,
  or a term left out by vocabulary pruning, still counts as a position but
  is never paired), and
* ``j`` is in the context of ``i``:

  - ``context="window"``: ``i - left <= j <= i + right`` in the same
    document (and the same sentence with ``sentence_bounded=True``);
    ``window=w`` means ``left = right = w``;
  - ``context="sentence"``: the same sentence;
  - ``context="document"``: the same document.

``count(a, b)`` is the number of such pairs with a node ``a`` and a context
word ``b``: row = node, column = context word. For a symmetric context it is
the number of position pairs ``{i, j}`` within distance ``w`` holding ``a``
and ``b``, so the matrix is symmetric. A word is counted with itself from
both sides: two ``de`` three tokens apart give ``count("de", "de") == 2``
with ``window=3`` (once around each), that is twice the number of unordered
position pairs; quanteda's ``fcm`` diagonal holds the unordered number.

Association
-----------
The 2x2 table of a node ``a`` and a collocate ``b`` is Evert's (2008)
*positional* model over the co-occurrence pairs themselves:
``O11 = count(a, b)``; ``R1`` = the row sum of ``a`` (all pairs with node
``a``: the context slots around ``a``); ``C1`` = the column sum of ``b``
(all pairs with context word ``b``); ``N`` = all pairs (the matrix total).
Every score comes from `analysis.measures`.

NLTK's ``BigramCollocationFinder.from_words(words, window_size=k)`` counts
ordered pairs instead: ``w2`` up to ``k - 1`` tokens *after* ``w1``, and
scores them with ``O11 = pairs / (k - 1)``, ``R1, C1`` = the word
frequencies and ``N`` = the number of tokens (Church & Hanks 1990). Its
numbers are reproduced by ``cooccurrence(tokens, window=(0, k - 1))``
with ``convention="nltk"`` in `Cooccurrence.to_frame` and
`Cooccurrence.collocates`.

References
----------
Evert, S. (2008). Corpora and collocations. In A. Lüdeling & M. Kytö (eds.),
*Corpus Linguistics. An International Handbook*, article 58.
Church, K. W. & Hanks, P. (1990). Word association norms, mutual
information, and lexicography. *Computational Linguistics* 16(1), 22-29.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse

from analysis import measures
from analysis.checks import check_choice, check_count, check_window
from analysis.counting import (
    CHUNK,
    context_counts,
    context_marginals,
    node_counts,
    prune_vocabulary,
    window_counts,
)
from analysis.parallel import check_n_jobs
from analysis.provenance import provenance, stamped
from analysis.query import listed_terms, match_term
from analysis.tokenized import Tokens, check_tokens
from analysis.tokens import abbreviation_mask

__all__ = ["Cooccurrence", "collocate_change", "collocates", "cooccurrence"]

CONTEXTS = ("window", "sentence", "document")
COUNTS = ("frequency", "boolean", "weighted")
CONVENTIONS = ("positional", "nltk")
MEASURES = measures.ASSOCIATION_KEYS
_ALIASES = {"logdice": "log_dice"}
_MEASURE_FUNCTIONS: dict[str, Callable[..., np.ndarray]] = {
    "pmi": measures.pmi,
    "npmi": measures.npmi,
    "mi3": measures.mi3,
    "g2": measures.log_likelihood,
    "t_score": measures.t_score,
    "z_score": measures.z_score,
    "chi2": measures.chi_squared,
    "dice": measures.dice,
    "log_dice": measures.log_dice,
    "jaccard": measures.jaccard,
    "delta_p_node": partial(measures.delta_p, given="node"),
    "delta_p_collocate": partial(measures.delta_p, given="collocate"),
    "log_ratio": measures.log_ratio,
}
COLLOCATE_COLUMNS = ["node", "term", "o11", "e11", "node_count", "term_count", *MEASURES]
_CHANGE_COLUMNS = ["term", "count_a", "count_b", "size_a", "size_b", "g2", "log_ratio",
                   "p_value", "p_adjusted", "direction"]


# ---------------------------------------------------------------------------
# argument checks
# ---------------------------------------------------------------------------


def window_label(left: int, right: int) -> int | tuple[int, int]:
    return left if left == right else (left, right)


def check_measure(measure: Any, *, allow_count: bool = False) -> str:
    name = _ALIASES.get(measure, measure) if isinstance(measure, str) else measure
    if name in MEASURES or (allow_count and name == "count"):
        return name
    known = (["count"] if allow_count else []) + list(MEASURES)
    raise ValueError(f"unknown measure {measure!r}; use one of {known} (or 'logdice')")


# ---------------------------------------------------------------------------
# counting cores
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# vocabulary
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Cooccurrence:
    """A co-occurrence matrix with its vocabulary and marginals.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        ``matrix[a, b]`` = `count` of node ``a`` with context word ``b``
        (int64; float64 for weighted counts), vocabulary x vocabulary.
    vocabulary : tuple of str
        Term of each row and column, sorted.
    frequencies : numpy.ndarray
        Corpus frequency of each term (int64).
    n_tokens : int
        Tokens in the corpus (gaps not counted; pruned terms counted): the
        ``N`` of ``convention="nltk"``.
    settings : dict
        ``context``, ``window`` (``(left, right)``), ``count``,
        ``sentence_bounded``, ``min_count``, ``max_vocabulary``.
    pruned : dict
        What vocabulary pruning left out: ``terms`` and ``tokens`` (how
        many), ``below_min_count``, ``beyond_max_vocabulary``,
        ``not_in_vocabulary`` and ``unknown`` (listed terms not in the
        corpus), ``most_frequent`` (up to 20 left-out terms).
    provenance : dict
        What made it (`analysis.provenance`); every table made from it
        carries the same corpus fingerprint, settings and date.
    names : tuple of str
        The terms that are names (`Tokens.name_terms`), never taken for
        abbreviations (``J.W. Weck``).

    Examples
    --------
    >>> from analysis.tokenized import tokenize
    >>> from analysis.corpus import Document
    >>> co = cooccurrence(tokenize([Document("a", None, "de kat zag de hond")], stopwords=None),
    ...                   window=2)
    >>> co
    <Cooccurrence: 4 terms, 14 pairs, window 2, frequency counts>
    >>> co.count("de", "kat"), co.count("zag", "de"), co.n
    (2, 2, 14)
    """

    matrix: scipy.sparse.csr_matrix
    vocabulary: tuple[str, ...]
    frequencies: np.ndarray
    n_tokens: int
    settings: dict[str, Any] = field(default_factory=dict)
    pruned: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, Any] = field(default_factory=dict)
    names: tuple[str, ...] = ()

    def __repr__(self) -> str:
        if self.settings.get("context", "window") == "window":
            left, right = self.settings.get("window", (0, 0))
            where = f"window {window_label(left, right)}"
        else:
            where = f"{self.settings['context']} context"
        n = self.n
        total = f"{int(n):,}" if float(n).is_integer() else f"{n:,.2f}"
        return (f"<Cooccurrence: {len(self.vocabulary):,} terms, {total} pairs, {where}, "
                f"{self.settings.get('count', 'frequency')} counts>")

    # -- marginals ------------------------------------------------------------

    @cached_property
    def index(self) -> dict[str, int]:
        """Term -> row and column number."""
        return {term: i for i, term in enumerate(self.vocabulary)}

    @cached_property
    def terms(self) -> np.ndarray:
        """The vocabulary as an object array, for fancy indexing."""
        return np.array(self.vocabulary, dtype=object)

    @cached_property
    def row_sums(self) -> np.ndarray:
        """Pairs with each term as node (its context slots): the ``R1`` of a node."""
        return np.asarray(self.matrix.sum(axis=1)).ravel()

    @cached_property
    def col_sums(self) -> np.ndarray:
        """Pairs with each term as context word: the ``C1`` of a collocate."""
        return np.asarray(self.matrix.sum(axis=0)).ravel()

    @cached_property
    def n(self) -> int | float:
        """All pairs, the matrix total: the sample size ``N`` of the positional model."""
        total = self.matrix.sum()
        return float(total) if self.matrix.dtype.kind == "f" else int(total)

    @property
    def symmetric(self) -> bool:
        """Whether ``count(a, b) == count(b, a)`` by construction."""
        left, right = self.settings.get("window", (1, 1))
        return self.settings.get("context", "window") != "window" or left == right

    def _term(self, term: str) -> int:
        try:
            return self.index[term]
        except KeyError:
            hint = " (left out by pruning)" if term in self.pruned.get("most_frequent", ()) else ""
            raise KeyError(f"{term!r} is not in the co-occurrence vocabulary{hint}") from None

    def count(self, a: str, b: str) -> int | float:
        """The number of pairs with node `a` and context word `b`.

        Examples
        --------
        >>> from analysis.tokenized import tokenize
        >>> from analysis.corpus import Document
        >>> t = tokenize([Document("a", None, "de kat zag de hond")], stopwords=None)
        >>> cooccurrence(t, window=3).count("de", "de")  # one pair, counted around each
        2
        """
        value = self.matrix[self._term(a), self._term(b)]
        return float(value) if self.matrix.dtype.kind == "f" else int(value)

    # -- tables ---------------------------------------------------------------

    @cached_property
    def _entries(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Stored (row, col, value), each unordered pair once when symmetric."""
        coo = self.matrix.tocoo()
        rows, cols, data = coo.row, coo.col, coo.data
        if self.symmetric:
            upper = rows <= cols
            rows, cols, data = rows[upper], cols[upper], data[upper]
        return rows, cols, data

    def _entry_blocks(self, min_count: float) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """`_entries` with ``count >= min_count``, a block of rows at a time
        (at least one block, possibly empty)."""
        matrix = self.matrix
        indptr = matrix.indptr
        n_rows = matrix.shape[0]
        start = 0
        while True:
            stop = int(np.searchsorted(indptr, indptr[start] + CHUNK * 4, side="right")) - 1
            stop = min(max(stop, start + 1), n_rows)
            lo, hi = indptr[start], indptr[stop]
            rows = np.repeat(np.arange(start, stop, dtype=np.int32), np.diff(indptr[start : stop + 1]))
            cols, data = matrix.indices[lo:hi], matrix.data[lo:hi]
            keep = data >= min_count
            if self.symmetric:
                keep &= rows <= cols
            yield rows[keep], cols[keep], data[keep]
            start = stop
            if start >= n_rows:
                return

    def _table(self, rows: np.ndarray, cols: np.ndarray, data: np.ndarray,
               convention: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, Any, np.ndarray]:
        """``(o11, r1, c1, n, valid)`` of each pair under a convention."""
        if convention == "positional":
            return (data.astype(np.float64), self.row_sums[rows].astype(np.float64),
                    self.col_sums[cols].astype(np.float64), float(self.n),
                    np.ones(len(data), dtype=bool))
        left, right = self.settings.get("window", (0, 0))
        if (self.settings.get("context") != "window" or self.settings.get("count") != "frequency"
                or left != 0):
            raise ValueError("convention='nltk' needs a forward window of frequency counts, "
                             "cooccurrence(tokens, window=(0, k - 1)) for NLTK's window_size=k; "
                             f"got context={self.settings.get('context')!r}, "
                             f"window={(left, right)!r}, count={self.settings.get('count')!r}")
        o11 = data / float(right)
        r1 = self.frequencies[rows].astype(np.float64)
        c1 = self.frequencies[cols].astype(np.float64)
        n = float(self.n_tokens)
        # A word filling more than half the corpus can give o22 < 0: no table.
        return o11, r1, c1, n, r1 + c1 - o11 <= n

    @stamped
    def to_frame(self, measure: str | Sequence[str] = "pmi", *, top: int | None = None,
                 min_count: int | float = 1, convention: str = "positional") -> pd.DataFrame:
        """Every stored pair with its count and association scores.

        Parameters
        ----------
        measure : str or list of str
            Scores to add (keys of `analysis.measures.association_scores`,
            ``"logdice"`` accepted, or ``"count"``); the table is sorted by
            the first, descending, then by ``term_a``, ``term_b``; ``nan``
            last.
        top : int, optional
            Keep the first ``top`` rows.
        min_count : number
            Keep pairs with ``count >= min_count``.
        convention : {"positional", "nltk"}
            The 2x2 table: the positional model (see the module docstring)
            or NLTK's (``O11 = count / right``, word frequencies, ``N =
            n_tokens``), for a matrix built with ``window=(0, right)``.
            Pairs whose NLTK table is impossible score ``nan``.

        Returns
        -------
        pandas.DataFrame
            ``term_a``, ``term_b``, ``count``, ``freq_a``, ``freq_b`` and
            one column per measure. For a symmetric matrix each unordered
            pair once (``term_a <= term_b``), otherwise ``term_a`` is the
            node and ``term_b`` the context word.

        Examples
        --------
        >>> from analysis.tokenized import tokenize
        >>> from analysis.corpus import Document
        >>> t = tokenize([Document("a", None, "de kat zag de hond")], stopwords=None)
        >>> cooccurrence(t, window=1).to_frame("count")
          term_a term_b  count  count_a  count_b
        0     de   hond      1        2        1
        1     de    kat      1        2        1
        2     de    zag      1        2        1
        3    kat    zag      1        1        1
        >>> cooccurrence(t, window=1).to_frame("pmi", top=2)[["term_a", "term_b", "count", "pmi"]]
          term_a term_b  count       pmi
        0     de   hond      1  1.415037
        1    kat    zag      1  1.000000
        """
        names = [measure] if isinstance(measure, str) else list(measure)
        if not names:
            raise ValueError(f"measure must name at least one measure, got {measure!r}")
        names = [check_measure(m, allow_count=True) for m in names]
        check_choice("convention", convention, CONVENTIONS)
        check_count("top", top, minimum=0, optional=True)
        if top is None:
            rows, cols, data = self._entries
            if len(data) and data.min() < min_count:
                keep = data >= min_count
                rows, cols, data = rows[keep], cols[keep], data[keep]
            scores = self._scores(rows, cols, data, names, convention)
        else:  # the best `top` of each block of rows, then the best of those: memory by the block
            picked = []
            for rows, cols, data in self._entry_blocks(min_count):
                scores = self._scores(rows, cols, data, names, convention)
                best = _ranking(scores[names[0]], rows, cols, top)
                picked.append((rows[best], cols[best], data[best], {k: v[best] for k, v in scores.items()}))
            rows, cols, data = (np.concatenate([p[i] for p in picked]) for i in range(3))
            scores = {name: np.concatenate([p[3][name] for p in picked]) for name in names}
        order = _ranking(scores[names[0]], rows, cols, top)
        rows, cols, data = rows[order], cols[order], data[order]
        frame = pd.DataFrame({
            "term_a": self.terms[rows], "term_b": self.terms[cols], "count": data,
            "count_a": self.frequencies[rows], "count_b": self.frequencies[cols],
        })
        for name in names:
            if name != "count":
                frame[name] = scores[name][order]
        frame.attrs.update(measure=names[0], convention=convention, n=self.n)
        return frame

    def _scores(self, rows: np.ndarray, cols: np.ndarray, data: np.ndarray, names: Sequence[str],
                convention: str) -> dict[str, np.ndarray]:
        out = {name: data if name == "count" else np.full(len(data), np.nan) for name in names}
        scored = [name for name in names if name != "count"]
        if not scored or not len(data):
            return out
        for lo in range(0, len(data), CHUNK):  # in blocks: bounds the formulas' temporaries
            part = slice(lo, lo + CHUNK)
            o11, r1, c1, n, valid = self._table(rows[part], cols[part], data[part], convention)
            if not valid.any() or n <= 0:
                continue
            if not valid.all():
                o11, r1, c1 = o11[valid], r1[valid], c1[valid]
            for name in scored:
                out[name][part][valid] = _MEASURE_FUNCTIONS[name](o11, r1, c1, n)
        return out

    @stamped
    def collocates(self, node: str, *, measure: str = "log_dice", top: int | None = None,
                   min_count: int | float = 1, convention: str = "positional",
                   keep_abbreviations: bool = False) -> pd.DataFrame:
        """The collocates of one node, from its row of the matrix.

        Parameters
        ----------
        node : str
            A term of the vocabulary.
        measure : str
            Sort key (see `collocates`).
        top, min_count, convention
            As in `to_frame`.
        keep_abbreviations : bool
            As in `collocates`.

        Returns
        -------
        pandas.DataFrame
            The columns of `collocates`: ``node, collocate, o11, e11,
            node_count, term_count`` and every association measure, with
            ``R1`` = the node's row sum, ``C1`` = the collocate's column
            sum, ``N`` = `n`.

        Examples
        --------
        >>> from analysis.tokenized import tokenize
        >>> from analysis.corpus import Document
        >>> t = tokenize([Document("a", None, "de kat zag de hond")], stopwords=None)
        >>> cooccurrence(t, window=2).collocates("kat")[["term", "o11", "e11"]]
          term  o11       e11
        0   de    2  1.071429
        1  zag    1  0.857143
        """
        measure = check_measure(measure)
        check_choice("convention", convention, CONVENTIONS)
        check_count("top", top, minimum=0, optional=True)
        if node not in self.index:
            hint = " (left out by pruning)" if node in self.pruned.get("most_frequent", ()) else ""
            return empty_collocates(f"node {node!r} is not in the co-occurrence vocabulary{hint}")
        i = self.index[node]
        row = self.matrix.getrow(i).tocoo()
        cols, data = row.col.astype(np.int64), row.data
        keep = data >= min_count
        if not keep_abbreviations:
            keep &= ~abbreviation_mask(self.terms[cols], names=self.names)
        cols, data = cols[keep], data[keep]
        rows = np.full(len(cols), i, dtype=np.int64)
        o11, r1, c1, n, valid = self._table(rows, cols, data, convention)
        frame = collocates_table(node, self.terms[cols], data, o11, r1, c1, n, valid,
                                 self.frequencies[i], self.frequencies[cols], measure, top)
        left, right = self.settings.get("window", (0, 0))
        frame.attrs.update(node=node, measure=measure, window=window_label(left, right),
                           convention=convention)
        return frame

    @stamped
    def submatrix(self, terms: Sequence[str], measure: str = "count", *,
                  convention: str = "positional") -> pd.DataFrame:
        """A square table of counts or scores among some terms, for a heatmap.

        Parameters
        ----------
        terms : list of str
            Row and column labels, in this order.
        measure : str
            ``"count"`` or an association measure (pairs that never
            co-occur get the measure's value for ``O11 = 0``, e.g. ``-inf``
            for PMI).
        convention : {"positional", "nltk"}
            As in `to_frame`.

        Returns
        -------
        pandas.DataFrame
            ``index = columns = terms``; row = node, column = context word.

        Examples
        --------
        >>> from analysis.tokenized import tokenize
        >>> from analysis.corpus import Document
        >>> t = tokenize([Document("a", None, "de kat zag de hond")], stopwords=None)
        >>> cooccurrence(t, window=2).submatrix(["de", "kat", "hond"])
              de  kat  hond
        de     0    2     1
        kat    2    0     0
        hond   1    0     0
        """
        measure = check_measure(measure, allow_count=True)
        check_choice("convention", convention, CONVENTIONS)
        terms = list(terms)
        missing = [t for t in terms if t not in self.index]
        if missing:
            raise KeyError(f"terms not in the co-occurrence vocabulary: {missing!r}")
        idx = np.array([self.index[t] for t in terms], dtype=np.int64)
        counts = self.matrix[idx][:, idx].toarray()
        if measure == "count":
            return pd.DataFrame(counts, index=terms, columns=terms)
        rows, cols = np.repeat(idx, len(idx)), np.tile(idx, len(idx))
        values = self._scores(rows, cols, counts.ravel(), [measure], convention)[measure]
        return pd.DataFrame(values.reshape(len(idx), len(idx)), index=terms, columns=terms)

    # -- graphs -----------------------------------------------------------------

    def to_networkx(self, measure: str = "pmi", *, top: int | None = None,
                    min_count: int | float = 1, convention: str = "positional") -> Any:
        """A graph of the strongest pairs (for Gephi or networkx layouts).

        Parameters
        ----------
        measure : str
            Edge weight: ``"count"`` or an association measure.
        top : int, optional
            Keep the ``top`` best edges by `measure` (after leaving out
            ``min_count`` and self-pairs).
        min_count : number
            Keep pairs with ``count >= min_count``.
        convention : {"positional", "nltk"}
            As in `to_frame`.

        Returns
        -------
        networkx.Graph or networkx.DiGraph
            A ``DiGraph`` (node -> context word) for an asymmetric window.
            Node attribute ``frequency``; edge attributes ``count``,
            ``weight`` (the measure) and the measure by name. A word with
            itself and edges whose score is not finite are left out.

        Examples
        --------
        >>> from analysis.tokenized import tokenize
        >>> from analysis.corpus import Document
        >>> t = tokenize([Document("a", None, "de kat zag de hond")], stopwords=None)
        >>> g = cooccurrence(t, window=1).to_networkx("pmi")
        >>> sorted(g.edges("kat", data="count"))
        [('kat', 'de', 1), ('kat', 'zag', 1)]
        >>> g.nodes["de"]["frequency"]
        2
        """
        import networkx as nx

        measure = check_measure(measure, allow_count=True)
        frame = self.to_frame(measure, min_count=min_count, convention=convention)
        finite = np.isfinite(frame[measure].to_numpy(float))
        frame = frame[(frame["term_a"] != frame["term_b"]) & finite]
        if top is not None:
            check_count("top", top, minimum=0)
            frame = frame.head(top)
        graph = nx.Graph() if self.symmetric else nx.DiGraph()
        graph.graph["measure"] = measure
        for term, freq in zip(frame["term_a"].tolist() + frame["term_b"].tolist(),
                              frame["count_a"].tolist() + frame["count_b"].tolist(), strict=True):
            graph.add_node(term, frequency=int(freq))
        is_float = self.matrix.dtype.kind == "f"
        for a, b, c, w in zip(frame["term_a"].tolist(), frame["term_b"].tolist(),
                              frame["count"].tolist(), frame[measure].tolist(), strict=True):
            attrs = {"count": float(c) if is_float else int(c), "weight": float(w)}
            if measure != "count":
                attrs[measure] = float(w)
            graph.add_edge(a, b, **attrs)
        return graph

    def to_gexf(self, path: str | Path, measure: str = "pmi", *, top: int | None = None,
                min_count: int | float = 1) -> Path:
        """Write `to_networkx` as GEXF for Gephi; returns the path written.

        The parent folder is created; nothing else is written.
        """
        import networkx as nx

        return self._write_graph(nx.write_gexf, path, measure, top=top, min_count=min_count)

    def to_graphml(self, path: str | Path, measure: str = "pmi", *, top: int | None = None,
                   min_count: int | float = 1) -> Path:
        """Write `to_networkx` as GraphML (Gephi, Cytoscape); returns the path written.

        The parent folder is created; nothing else is written.
        """
        import networkx as nx

        return self._write_graph(nx.write_graphml, path, measure, top=top, min_count=min_count)

    def _write_graph(self, writer: Callable[..., Any], path: str | Path, measure: str, *,
                     top: int | None, min_count: int | float) -> Path:
        target = Path(path)
        graph = self.to_networkx(measure, top=top, min_count=min_count)
        target.parent.mkdir(parents=True, exist_ok=True)
        writer(graph, target)
        return target


def _ranking(score: np.ndarray, rows: np.ndarray, cols: np.ndarray, top: int | None) -> np.ndarray:
    """Order by score descending (nan last), then row, then column; the first `top`."""
    key = np.where(np.isnan(score), np.inf, -np.asarray(score, dtype=np.float64))
    candidates = np.arange(len(key))
    if top is not None and top < len(key):
        if top == 0:
            return candidates[:0]
        threshold = np.partition(key, top - 1)[top - 1]
        candidates = np.flatnonzero(key <= threshold)  # ties at the cut stay in
    order = np.lexsort((cols[candidates], rows[candidates], key[candidates]))
    order = candidates[order]
    return order if top is None else order[:top]


# ---------------------------------------------------------------------------
# cooccurrence
# ---------------------------------------------------------------------------


def cooccurrence(
    tokens: Tokens,
    *,
    context: str = "window",
    window: int | tuple[int, int] = 5,
    count: str = "frequency",
    min_count: int = 1,
    vocabulary: Iterable[str] | None = None,
    sentence_bounded: bool = False,
    max_vocabulary: int | None = None,
    n_jobs: int = 1,
) -> Cooccurrence:
    """Count how often words occur near each other.

    What is counted (see also the module docstring): a pair of positions
    ``(i, j)``, ``j != i``, both holding a token, with ``j`` in the context
    of ``i``; ``count(a, b)`` is the number of such pairs with ``a`` at
    ``i`` (the node, the row) and ``b`` at ``j`` (the context word, the
    column). Distances are positions in the token sequence as iterating the
    `Tokens` yields it: gaps (``padding=True``) and pruned terms count as
    positions but never pair.

    Worked example, ``"de kat zag de hond"`` (positions 0-4), ``window=2``:
    around ``de``@0 the context is ``kat, zag``; around ``de``@3 it is
    ``kat, zag, hond``. So ``count("de", "kat") == 2`` (pairs 0-1 and
    3-1), ``count("de", "hond") == 1`` (0-4 is 4 apart), and
    ``count("de", "de") == 0`` (3 apart). With ``window=3``,
    ``count("de", "de") == 2``: ``de``@3 is in the window of ``de``@0 and
    the other way round. A repeated word is counted once per occurrence:
    ``"de de kat"``, ``window=2``, gives ``count("de", "kat") == 2``.

    Parameters
    ----------
    tokens : Tokens
        The corpus, from `analysis.tokenize`.
    context : {"window", "sentence", "document"}
        ``"window"``: positions ``i - left <= j <= i + right`` in one
        document; ``"sentence"`` / ``"document"``: any two positions of one
        sentence / document (so ``count(a, b) = sum n_a * n_b`` over the
        contexts, and ``count(a, a) = sum n_a * (n_a - 1)``).
    window : int or (int, int)
        ``w`` for ``left = right = w`` (a symmetric matrix), or ``(left,
        right)``: the matrix is then directional, ``count(a, b)`` counts
        ``b`` from ``left`` tokens before to ``right`` tokens after each
        ``a``. ``(0, k - 1)`` is NLTK's ``window_size=k``.
    count : {"frequency", "boolean", "weighted"}
        ``"frequency"``: every pair once. ``"boolean"``: the number of
        contexts in which ``a`` and ``b`` pair at least once, where the
        context is the document for windows (as quanteda's ``fcm``), the
        sentence or the document otherwise; e.g. ``"de kat de kat"`` with
        ``window=1`` gives ``count("de", "kat") == 1`` (3 pairs, one
        document). ``"weighted"``: each pair adds ``1 / |i - j|`` (windows
        only).
    min_count : int
        Leave out terms with a corpus frequency below this.
    vocabulary : iterable of str, optional
        Count only these terms (normalised like the tokens: lowercased,
        folded).
    sentence_bounded : bool
        A window never crosses a sentence boundary (it never crosses a
        document boundary in any case). Only for ``context="window"``.
    max_vocabulary : int, optional
        Keep the most frequent terms (ties by term).
    n_jobs : int
        Processes for a symmetric window (-1: every core); the matrix is the
        same for any value.

    Returns
    -------
    Cooccurrence
        The matrix over the kept terms, with marginals: row sums (pairs
        around each node), column sums, ``n`` (all pairs) and `pruned`.

    Raises
    ------
    ValueError
        For an empty corpus, a window below 1, an unknown context or
        count, or fewer than two terms left to count.

    Examples
    --------
    >>> from analysis.tokenized import tokenize
    >>> from analysis.corpus import Document
    >>> t = tokenize([Document("a", None, "de kat zag de hond")], stopwords=None)
    >>> co = cooccurrence(t, window=2)
    >>> co.count("de", "kat"), co.count("de", "hond"), co.count("de", "de")
    (2, 1, 0)
    >>> cooccurrence(t, window=3).count("de", "de")
    2
    >>> after = cooccurrence(t, window=(0, 1))  # the next word only
    >>> after.count("de", "kat"), after.count("kat", "de")
    (1, 0)
    >>> cooccurrence(t, context="sentence").count("de", "kat")
    2
    >>> round(cooccurrence(t, window=2, count="weighted").count("de", "kat"), 3)  # 1/1 + 1/2
    1.5
    """
    tokens = check_tokens(tokens, need_tokens=True)
    check_choice("context", context, CONTEXTS)
    check_choice("count", count, COUNTS)
    left, right = check_window(window)
    check_count("min_count", min_count, minimum=1)
    check_count("max_vocabulary", max_vocabulary, minimum=1, optional=True)
    check_n_jobs(n_jobs)
    if context != "window":
        if count == "weighted":
            raise ValueError(f"count='weighted' needs context='window', got context={context!r}")
        if sentence_bounded and context == "document":
            raise ValueError("sentence_bounded=True contradicts context='document'")
    keep, pruned = prune_vocabulary(tokens.counts(), tokens.vocabulary, min_count=min_count,
                                    max_vocabulary=max_vocabulary, index=tokens.index,
                                    listed=listed_terms(vocabulary, tokens.settings))
    kept = np.flatnonzero(keep)
    if len(kept) < 2:
        terms = [tokens.vocabulary[i] for i in kept.tolist()]
        raise ValueError(f"co-occurrence needs at least 2 terms, got vocabulary {terms!r} "
                         f"(min_count={min_count!r}, max_vocabulary={max_vocabulary!r})")
    remap = np.full(len(tokens.vocabulary) + 1, -1, dtype=np.int32)  # slot -1: gaps
    remap[kept] = np.arange(len(kept))
    ids = remap[tokens.ids]
    size = len(kept)
    if context == "window":
        matrix = window_counts(ids, tokens, size, left, right, count, sentence_bounded, n_jobs)
    else:
        matrix = context_counts(ids, tokens, size, context, count)
    matrix.sort_indices()
    settings = {"context": context, "window": (left, right), "count": count,
                "sentence_bounded": bool(sentence_bounded), "min_count": min_count,
                "max_vocabulary": max_vocabulary, "vocabulary": vocabulary is not None}
    return Cooccurrence(matrix, tuple(tokens.vocabulary[i] for i in kept.tolist()),
                        tokens.counts()[kept].astype(np.int64), tokens.n_tokens, settings, pruned,
                        provenance(tokens, "cooccurrence", settings), tokens.name_terms)


# ---------------------------------------------------------------------------
# node-first collocates
# ---------------------------------------------------------------------------


def collocates_table(node: str, collocates: np.ndarray, counts: np.ndarray, o11: np.ndarray,
                     r1: np.ndarray, c1: np.ndarray, n: Any, valid: np.ndarray, node_count: Any,
                     term_count: np.ndarray, measure: str, top: int | None) -> pd.DataFrame:
    """The collocates table of one node: counts, marginals, every score, sorted."""
    scores = {key: np.full(len(o11), np.nan) for key in MEASURES}
    e11 = np.full(len(o11), np.nan)
    if valid.any() and n > 0:
        table = (o11[valid], r1[valid], c1[valid], n)
        e11[valid] = measures.expected_frequencies(*table)[0]
        for key, values in measures.association_scores(*table).items():
            scores[key][valid] = values
    frame = pd.DataFrame({
        "node": node, "term": np.asarray(collocates, dtype=object), "o11": counts, "e11": e11,
        "node_count": np.full(len(o11), node_count, dtype=np.int64),
        "term_count": np.asarray(term_count, dtype=np.int64), **scores,
    }, columns=COLLOCATE_COLUMNS)
    # Collocates arrive in id order, which is term order: a stable sort on the
    # score alone breaks ties by collocate.
    key = scores[measure]
    order = np.argsort(np.where(np.isnan(key), np.inf, -key), kind="stable")
    frame = frame.iloc[order].reset_index(drop=True)
    return frame if top is None else frame.head(top)


def empty_collocates(message: str) -> pd.DataFrame:
    warnings.warn(message, UserWarning, stacklevel=3)
    frame = pd.DataFrame({c: pd.Series(dtype=object if c in ("node", "term") else float)
                          for c in COLLOCATE_COLUMNS})
    frame.attrs["message"] = message
    return frame


def _collocates_one(tokens: Tokens, node: str, left: int, right: int, measure: str,
                    min_count: int | float, top: int | None,
                    sentence_bounded: bool, keep_abbreviations: bool = False) -> pd.DataFrame:
    bound = tokens.sentence_index if sentence_bounded else tokens.doc_index
    found = match_term(tokens, node)
    if not len(found):
        return empty_collocates(f"node {node!r} does not occur in {tokens!r}")
    o11_all, r1 = node_counts(tokens, found.starts, found.ends, left, right, bound)
    c1_all, n_pairs = context_marginals(tokens, left, right, bound)
    n = float(n_pairs)
    listed = (o11_all >= min_count) & (o11_all > 0)
    if not keep_abbreviations:
        listed &= ~abbreviation_mask(tokens.terms, names=tokens.name_terms)
    cols = np.flatnonzero(listed)
    counts = o11_all[cols]
    o11 = counts.astype(np.float64)
    frame = collocates_table(node, tokens.terms[cols], counts, o11, np.full(len(cols), float(r1)),
                             c1_all[cols], n, np.ones(len(cols), dtype=bool), len(found.starts),
                             tokens.counts()[cols], measure, top)
    frame.attrs["terms"] = list(found.terms)
    if not len(frame):
        frame.attrs["message"] = f"node {node!r} has no collocate with o11 >= {min_count!r}"
    return frame


@stamped
def collocates(
    tokens: Tokens,
    node: str,
    *,
    window: int | tuple[int, int] = 5,
    measure: str = "log_dice",
    min_count: int | float = 1,
    by: str | None = None,
    top: int | None = None,
    sentence_bounded: bool = False,
    keep_abbreviations: bool = False,
) -> pd.DataFrame:
    """The words that occur near a node, with every association score.

    Node first: only the windows around the node are gathered, so this works
    on corpora whose full co-occurrence matrix would not fit in memory.
    The model is exactly that of ``cooccurrence(tokens, window=window,
    sentence_bounded=sentence_bounded)`` (see the module docstring):
    ``o11`` = the collocate's occurrences in the node's windows
    (``count(node, collocate)``); ``R1`` = all context slots around the
    node; ``C1`` = the pairs in which the collocate is the context word,
    in the whole corpus; ``N`` = all pairs. ``C1`` and ``N`` are counted
    position by position (each token's own slots near document and
    sentence edges and gaps), never approximated by frequency x span.

    Parameters
    ----------
    tokens : Tokens
        The corpus.
    node : str
        A word (``"wagner"``), normalised like the tokens; a glob
        (``"wagner*"``: all matching terms form one node); or a phrase
        (``"wagner group"``: consecutive tokens in one sentence, or the
        merged token ``wagner_group``), whose window is around the whole
        span. Matched by `analysis.query`: overlapping phrase matches each
        count as a node occurrence, as in `trend` and `kwic`.
    window : int or (int, int)
        Tokens on each side, or ``(left, right)``.
    measure : str
        Sort key: ``"log_dice"`` (or ``"logdice"``), ``"pmi"``, ``"g2"``,
        ... any key of `analysis.measures.association_scores`.
    min_count : number
        Keep collocates with ``o11 >= min_count``.
    by : str, optional
        ``"year"``, ``"month"``, ... or a document column: one table per
        group (its own ``C1`` and ``N``), stacked, with a column named
        after `by` (``year``, ``collection``, ...) first. Groups where the node does not occur are left out.
    top : int, optional
        Keep the best ``top`` (per group).
    sentence_bounded : bool
        Windows stop at sentence boundaries.
    keep_abbreviations : bool
        List initials, abbreviations and Roman numerals (``j.``, ``enz.``,
        ``iii``; `analysis.tokens.is_abbreviation`) as collocates; by
        default they are left out (they still count in ``C1`` and ``N``).

    Returns
    -------
    pandas.DataFrame
        ``node, collocate, o11, e11, node_count, term_count, pmi, npmi,
        mi3, g2, t_score, z_score, chi2, dice, log_dice, jaccard,
        delta_p_node, delta_p_collocate, log_ratio``, by `measure`
        descending, then collocate. ``node_count`` is the number of node
        occurrences. ``attrs``: ``node``, ``measure``, ``window``,
        ``terms`` (matched), and ``message`` when the table is empty.

    Examples
    --------
    >>> from analysis.tokenized import tokenize
    >>> from analysis.corpus import Document
    >>> t = tokenize([Document("a", None, "de kat zag de hond"),
    ...               Document("b", None, "de hond zag de kat")], stopwords=None)
    >>> collocates(t, "hond", window=1)[["term", "o11", "node_count", "log_dice"]]
      term  o11  node_count   log_dice
    0   de    2           2  12.830075
    1  zag    1           2  12.192645
    """
    tokens = check_tokens(tokens, need_tokens=True)
    left, right = check_window(window)
    measure = check_measure(measure)
    if not isinstance(min_count, (int, float, np.integer, np.floating)) or min_count < 0:
        raise ValueError(f"min_count must be a number >= 0, got {min_count!r}")
    check_count("top", top, minimum=0, optional=True)
    attrs = {"node": node, "measure": measure, "window": window_label(left, right)}
    if by is None:
        frame = _collocates_one(tokens, node, left, right, measure, min_count, top,
                                sentence_bounded, keep_abbreviations)
        frame.attrs.update(attrs)
        return frame
    labels = tokens.labels(by)
    parts = []
    for group in tokens.groups(by):
        mask = labels == group
        if not mask.any():
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            part = _collocates_one(tokens.select(mask), node, left, right, measure, min_count, top,
                                   sentence_bounded, keep_abbreviations)
        if len(part):
            parts.append(part.assign(**{by: group}))
    if not parts:
        frame = empty_collocates(f"node {node!r} does not occur in {tokens!r}")
        frame.insert(0, by, pd.Series(dtype=object))
    else:
        frame = pd.concat(parts, ignore_index=True)
        frame = frame[[by, *COLLOCATE_COLUMNS]]
    frame.attrs.update(attrs, by=by)
    return frame


def _period_tokens(tokens: Tokens, period: str | tuple[str, str], name: str) -> Tokens:
    if isinstance(period, str):
        start, end = period, period
    elif isinstance(period, (tuple, list)) and len(period) == 2:
        start, end = period
    else:
        raise ValueError(f"{name} must be a date label ('2019', '2019-01') or a (start, end) pair, "
                         f"got {period!r}")
    mask = tokens.mask(start=start, end=end)
    if not mask.any():
        raise ValueError(f"{name} {period!r} holds no documents")
    return tokens.select(mask)


@stamped
def collocate_change(
    tokens: Tokens,
    node: str,
    period_a: str | tuple[str, str],
    period_b: str | tuple[str, str],
    *,
    window: int | tuple[int, int] = 5,
    min_count: int = 5,
    sentence_bounded: bool = False,
) -> pd.DataFrame:
    """Which collocates of a node gained or lost from one period to another.

    A keyness test on the node's contexts: the target corpus is the
    context slots around the node in `period_b`, the reference those in
    `period_a`. For each collocate, ``count_b`` = its occurrences in the
    node's windows in `period_b` (``o11`` of `collocates`), ``size_b`` =
    all context slots around the node there (``R1``); likewise ``count_a``,
    ``size_a``. Scored by `analysis.measures.keyness_scores` with ``a =
    count_b, b = count_a, c = size_b, d = size_a``.

    Parameters
    ----------
    tokens : Tokens
        The corpus (dated documents).
    node : str
        As in `collocates`.
    period_a, period_b : str or (str, str)
        A date label (``"2018"``, ``"2019-01"``) or an inclusive
        ``(start, end)`` range, as in `Tokens.filter`.
    window : int or (int, int)
        As in `collocates`.
    min_count : int
        Keep collocates with ``count_a + count_b >= min_count``.
    sentence_bounded : bool
        As in `collocates`.

    Returns
    -------
    pandas.DataFrame
        ``collocate, count_a, count_b, size_a, size_b, g2`` (signed:
        positive when the collocate is relatively more frequent in
        `period_b`), ``log_ratio`` (Hardie's, b against a), ``p_value``,
        ``p_adjusted`` (Benjamini-Hochberg over the rows), ``direction``
        (``"gained"``, ``"lost"`` or ``"unchanged"``); by ``|g2|``
        descending, then collocate. Empty, with ``attrs["message"]``, when
        the node does not occur in one of the periods.

    Examples
    --------
    >>> from analysis.tokenized import tokenize
    >>> from analysis.corpus import Document, parse_date
    >>> docs = [Document("a", parse_date("2018"), "wagner steunt maduro " * 5),
    ...         Document("b", parse_date("2019"), "wagner steunt poetin " * 5)]
    >>> change = collocate_change(tokenize(docs, stopwords=None), "wagner", "2018", "2019",
    ...                           window=1, min_count=1)
    >>> change[["term", "count_a", "count_b", "direction"]]
         term  count_a  count_b  direction
    0  maduro        4        0       lost
    1  poetin        0        4     gained
    2  steunt        5        5  unchanged
    """
    tokens = check_tokens(tokens, need_tokens=True)
    left, right = check_window(window)
    check_count("min_count", min_count, minimum=0)
    bound_name = "sentence_index" if sentence_bounded else "doc_index"
    counts, sizes = [], []
    for period, name in ((period_a, "period_a"), (period_b, "period_b")):
        part = _period_tokens(tokens, period, name)
        found = match_term(part, node)
        o11, r1 = node_counts(part, found.starts, found.ends, left, right, getattr(part, bound_name))
        counts.append(o11)
        sizes.append(r1)
    attrs = {"node": node, "period_a": period_a, "period_b": period_b,
             "window": window_label(left, right)}
    if min(sizes) == 0:
        message = (f"node {node!r} has no context in "
                   f"{'period_a' if sizes[0] == 0 else 'period_b'} "
                   f"{period_a if sizes[0] == 0 else period_b!r}")
        warnings.warn(message, UserWarning, stacklevel=2)
        frame = pd.DataFrame({
            c: pd.Series(dtype=object if c in ("term", "direction") else float)
            for c in _CHANGE_COLUMNS
        })
        frame.attrs.update(attrs, message=message)
        return frame
    count_a, count_b = counts
    cols = np.flatnonzero(count_a + count_b >= max(min_count, 1))
    a, b = count_b[cols], count_a[cols]
    scores = measures.keyness_scores(a, b, sizes[1], sizes[0])
    g2 = scores["g2_signed"]
    rate_b, rate_a = a / sizes[1], b / sizes[0]
    direction = np.where(rate_b > rate_a, "gained", np.where(rate_b < rate_a, "lost", "unchanged"))
    frame = pd.DataFrame({
        "term": tokens.terms[cols], "count_a": b, "count_b": a,
        "size_a": np.full(len(cols), sizes[0], dtype=np.int64),
        "size_b": np.full(len(cols), sizes[1], dtype=np.int64),
        "g2": g2, "log_ratio": scores["log_ratio"], "p_value": scores["p_value"],
        "p_adjusted": measures.adjust_pvalues(scores["p_value"]), "direction": direction,
    }, columns=_CHANGE_COLUMNS)
    order = np.lexsort((cols, -np.abs(g2)))  # ids are sorted like the terms
    frame = frame.iloc[order].reset_index(drop=True)
    frame.attrs.update(attrs)
    return frame
