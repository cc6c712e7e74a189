"""Counting terms: frequencies, trends, keyness, dispersion and tf-idf.

Every function takes a `analysis.tokenized.Tokens` and returns a pandas
DataFrame (or, for `tfidf` and `document_term_matrix`, scipy sparse
matrices). Counting is vectorised over the integer token ids: one
``np.bincount`` or one sparse matrix sum per table, never a Python loop over
tokens. The statistics themselves (G², chi-squared, Log Ratio, intervals,
dispersion) come from `analysis.measures`.

Counting semantics, shared by every function:

* A *token* is a position of ``tokens.ids`` that is not a gap; gaps (removed
  tokens kept with ``tokenize(padding=True)``) are never counted and break
  n-grams and phrases.
* An *n-gram* is n consecutive tokens of one sentence; it never crosses a
  sentence or document boundary, nor a gap. Overlapping n-grams all count
  (``a a a`` holds two bigrams ``a a``).
* A query *term* (in `trend`, `dispersion`, `occurrences`) is a word, a
  glob pattern (``"wagner*"``: one row per pattern, summing every matching
  term) or a phrase (``"wagner group"``), found by `analysis.query` with its
  one rule: normalised like the tokens, a phrase matches at every start
  position where its words follow each other in one sentence (overlapping
  matches all count, as overlapping n-grams do), plus every merged token
  ``wagner_group`` made by ``tokenize(phrases=...)``. Words are matched
  against the tokens as stored, so a stopword inside a phrase never matches
  unless the phrase was merged by `tokenize` before stopword removal.

Text columns of the large tables (terms, groups, document ids) are object
columns of ``str``: pandas' arrow-backed ``str`` columns take longer to build
than the counting itself. Same input, same table, same order.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse
import scipy.stats

from analysis.checks import check_count, ngram_orders
from analysis.counting import (
    Ngrams,
    frequency_table,
    group_term_counts,
    ngrams,
    sparse_counts,
    text_column,
)
from analysis.measures import (
    PVALUE_METHODS,
    adjust_pvalues,
    dispersion_scores,
    keyness_scores,
    poisson_interval,
    rate_change_g2,
    wilson_interval,
)
from analysis.parallel import check_n_jobs
from analysis.provenance import stamped
from analysis.query import check_terms, match_term
from analysis.tokenized import Tokens, check_tokens
from analysis.tokens import abbreviation_mask

__all__ = [
    "DocumentTermMatrix",
    "dispersion",
    "document_term_matrix",
    "frequencies",
    "keyness",
    "keyness_by",
    "occurrences",
    "rate_changes",
    "tfidf",
    "tfidf_matrix",
    "trend",
]

CALENDAR = ("year", "month", "week", "day")
KEYNESS_MEASURES = ("g2", "chi2", "log_ratio", "pct_diff")
TREND_PER = {"tokens": ("per 10,000 tokens", 10_000.0), "documents": ("per 100 documents", 100.0)}
KEYNESS_PER = ("tokens", "documents")


# --------------------------------------------------------------------------
# shared helpers


def _group_codes(tokens: Tokens, by: str) -> tuple[list[str], np.ndarray]:
    """All groups ``by`` gives (calendar: every period, empty ones included) and
    the group number of every document."""
    if not isinstance(by, str):
        raise ValueError(f"by must be a calendar period or a documents column name, got {by!r}")
    labels = tokens.labels(by)
    groups = tokens.groups(by)
    codes = pd.Index(groups).get_indexer(labels).astype(np.int64)
    return groups, codes


def _sort_order_key(tokens: Tokens) -> np.ndarray:
    """Documents in date order (start of their date), undated last, ties stable."""
    dates = tokens.documents["date"]
    precision = tokens.documents["precision"]
    padded = np.array(
        ["~" if date is None or (isinstance(date, float) and np.isnan(date))
         else str(date) + {"year": "-01-01", "month": "-01"}.get(prec, "")
         for date, prec in zip(dates.tolist(), precision.tolist(), strict=True)], dtype=object)
    return np.argsort(padded, kind="stable")


def _present(matrix: scipy.sparse.csr_matrix) -> scipy.sparse.csr_matrix:
    """The same sparsity pattern with every stored count replaced by 1."""
    out = matrix.copy()
    out.data = np.ones_like(out.data)
    return out


def _indicator(codes: np.ndarray, n_groups: int) -> scipy.sparse.csr_matrix:
    """Groups x documents matrix with a 1 where a document belongs to a group."""
    n_docs = len(codes)
    return scipy.sparse.csr_matrix((np.ones(n_docs, dtype=np.int64), (codes, np.arange(n_docs))),
                                   shape=(n_groups, n_docs))


# -- n-grams ------------------------------------------------------------------


def _doc_term(tokens: Tokens, grams: Ngrams) -> scipy.sparse.csr_matrix:
    """Documents x n-grams counts (int64)."""
    return sparse_counts(tokens.doc_index[grams.starts].astype(np.int64), grams.codes,
                          (len(tokens), len(grams.terms)))


# --------------------------------------------------------------------------
# frequencies


@stamped
def frequencies(
    tokens: Tokens,
    *,
    by: str | None = None,
    ngram: int | tuple[int, int] = 1,
    min_count: int = 1,
    top: int | None = None,
    n_jobs: int = 1,
    keep_abbreviations: bool = False,
) -> pd.DataFrame:
    """How often every term (or n-gram) occurs, overall or per group.

    A term's ``count`` is its number of tokens; ``doc_count`` is the number
    of documents with at least one; ``per_10k`` is ``count / group size *
    10,000``, where the group size is the number of tokens of the group (the
    whole corpus when ``by`` is None). For n-grams the group size is the
    number of n-grams *of that order* in the group, so ``per_10k`` is per
    10,000 n-grams and adds up to 10,000 per group and order. N-grams are
    consecutive tokens of one sentence (see the module docstring): never
    across a sentence or document boundary or a gap; overlaps all count.

    Parameters
    ----------
    tokens : Tokens
    by : str, optional
        Count per group: ``"year"``, ``"month"``, ``"week"``, ``"day"`` (by
        each document's date; every document needs a date that precise) or a
        column of ``tokens.documents`` (``"source"``, ``"collection"``,
        metadata; a missing value is the group ``"(none)"``).
    ngram : int or (int, int)
        ``1`` for words, ``2`` for bigrams, ``(1, 3)`` for every order from 1
        to 3 (then a column ``n`` gives the order). N-gram terms are the
        words joined by a space.
    min_count : int
        Keep terms counted at least this often (in their group).
    top : int, optional
        Keep the ``top`` most frequent terms (per group), after ``min_count``.
    n_jobs : int
        Processes for counting blocks of documents (-1: every core); the
        table is the same for any value.
    keep_abbreviations : bool
        List initials, abbreviations and Roman numerals (``j.``, ``enz.``,
        ``iii``; see `analysis.tokens.is_abbreviation`) and n-grams holding
        one. By default they are left out of the table (they still count in
        the group sizes, so ``per_10k`` does not change).

    Returns
    -------
    pandas.DataFrame
        Columns: [``by`` column,] [``n``,] ``term``, ``count``, ``per_10k``,
        ``doc_count``, ``doc_share`` (``doc_count`` / documents in the
        group), ``rank`` (1 = most frequent in the group; ties share the
        lowest rank), and with ``by`` also ``group_tokens`` (the group size
        used for ``per_10k``) and ``group_documents``. One row per term with
        a count (per group); groups without tokens have no rows. Ordered by
        group (calendar order for periods, sorted otherwise), then count
        descending, then term. ``attrs``: ``by``, ``ngram``,
        ``total_tokens`` (tokens in the corpus), ``total_ngrams`` (n-grams
        per order), ``groups`` (every group, empty ones included).

    Raises
    ------
    ValueError
        For an unknown ``by``, ``by`` a period while some documents lack a
        date that precise, a bad ``ngram``/``min_count``/``top`` or a corpus
        without tokens.

    Examples
    --------
    >>> from analysis import Document, parse_date
    >>> from analysis.tokenized import tokenize
    >>> docs = [Document("a", parse_date("2019-01"), "De kat zit. De kat slaapt."),
    ...         Document("b", parse_date("2019-02"), "Een hond zit.")]
    >>> toks = tokenize(docs, stopwords=None)
    >>> frequencies(toks)[["term", "count", "per_10k", "doc_count"]].head(3)
      term  count      per_10k  doc_count
    0   de      2  2222.222222          1
    1  kat      2  2222.222222          1
    2  zit      2  2222.222222          2
    >>> frequencies(toks, by="month", ngram=2)[["month", "term", "count"]]
         month      term  count
    0  2019-01    de kat      2
    1  2019-01  kat slaapt      1
    2  2019-01   kat zit      1
    3  2019-02  een hond      1
    4  2019-02  hond zit      1
    """
    check_tokens(tokens)
    orders = ngram_orders(ngram)
    check_count("min_count", min_count)
    check_count("top", top, optional=True)
    check_n_jobs(n_jobs)
    check_tokens(tokens, need_tokens=True)
    if by is not None:
        groups, doc_group = _group_codes(tokens, by)
    else:
        groups, doc_group = ["(all)"], np.zeros(len(tokens), dtype=np.int64)
    n_groups = len(groups)
    group_docs = np.bincount(doc_group, minlength=n_groups)
    parts: list[dict[str, np.ndarray]] = []
    totals = {}
    vocabularies = []  # the terms of every order, laid end to end
    offset = 0
    for n in orders:
        grams = ngrams(tokens, n)
        totals[n] = len(grams.starts)
        row, col, count, in_docs = group_term_counts(tokens, grams, doc_group, n_groups, n_jobs)
        group_size = np.bincount(row, weights=count, minlength=n_groups).astype(np.int64)
        if min_count > 1:
            keep = count >= min_count
            row, col, count, in_docs = row[keep], col[keep], count[keep], in_docs[keep]
        if not keep_abbreviations:  # listed no more, still counted in the group sizes
            keep = ~abbreviation_mask(grams.terms, names=tokens.name_terms)[col]
            row, col, count, in_docs = row[keep], col[keep], count[keep], in_docs[keep]
        parts.append({"row": row, "col": col + offset, "n": np.full(len(row), n),
                      "count": count, "docs": in_docs, "size": group_size[row]})
        vocabularies.append(grams.terms)
        offset += len(grams.terms)
    cols = {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}
    all_terms = np.concatenate(vocabularies) if len(vocabularies) > 1 else vocabularies[0]
    if len(orders) > 1:  # term order across orders: rank the strings themselves
        term_rank = np.empty(len(all_terms), dtype=np.int64)
        term_rank[np.argsort(all_terms, kind="stable")] = np.arange(len(all_terms))
        term_key = term_rank[cols["col"]]
    else:
        term_key = cols["col"]  # codes are in term order
    return frequency_table(
        groups=groups, group_docs=group_docs, row=cols["row"], term_key=term_key,
        terms=all_terms[cols["col"]], n=cols["n"], count=cols["count"], doc_count=cols["docs"],
        size=cols["size"], by=by, ngram=ngram, orders=orders, top=top,
        total_tokens=tokens.n_tokens, total_ngrams=totals)


# --------------------------------------------------------------------------
# trend


def _calendar(tokens: Tokens, by: str, name: str) -> tuple[list[str], np.ndarray]:
    if by not in CALENDAR:
        raise ValueError(f"{name} needs a calendar period for by: one of {CALENDAR}, got {by!r}")
    return _group_codes(tokens, by)


@stamped
def trend(
    tokens: Tokens,
    terms: str | Sequence[str],
    *,
    by: str = "month",
    per: str = "tokens",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """How often terms occur per period, with confidence intervals.

    ``count`` is the number of matches of a term in the period's documents
    (a phrase matches once per start position; a glob pattern sums every
    matching term; see the module docstring). ``rate`` is

    * ``per="tokens"``: ``count / total_tokens * 10,000``, with the exact
      Poisson (Garwood) interval of `analysis.measures.poisson_interval`;
    * ``per="documents"``: ``doc_count / total_documents * 100``, the
      percentage of the period's documents containing the term, with the
      Wilson interval of `analysis.measures.wilson_interval`.

    Every period from the first to the last dated document is present, also
    one without documents: its totals are 0, its rate 0 and its interval
    NaN, so a time axis has no silent gaps. A term that never occurs gives
    rows of zeros.

    Parameters
    ----------
    tokens : Tokens
    terms : str or list of str
        Words, phrases or glob patterns (duplicates are dropped).
    by : {"month", "year", "week", "day"}
        Period length; every document needs a date that precise.
    per : {"tokens", "documents"}
        Rate per 10,000 tokens or per 100 documents.
    confidence : float
        Level of the interval.

    Returns
    -------
    pandas.DataFrame
        a column named after `by` (``month``, ``year``, ...: the period
        label), ``start`` (first day, Timestamp), ``term`` (as
        given), ``count``, ``doc_count``, ``total_tokens``,
        ``total_documents``, ``rate``, ``ci_low``, ``ci_high``; by period,
        then term in the order given. ``attrs``: ``unit``, ``per``, ``by``,
        ``confidence``, ``matched`` (term -> vocabulary terms it matched).

    Examples
    --------
    >>> from analysis import Document, parse_date
    >>> from analysis.tokenized import tokenize
    >>> docs = [Document("a", parse_date("2019-01-05"), "Wagner in Caracas. Wagner Group."),
    ...         Document("b", parse_date("2019-03-01"), "Wagnerleden in Caracas.")]
    >>> table = trend(tokenize(docs), ["wagner*", "wagner group"])
    >>> table[["month", "term", "count", "total_tokens", "rate"]]
         month          term  count  total_tokens    rate
    0  2019-01       wagner*      2             4  5000.0
    1  2019-01  wagner group      1             4  2500.0
    2  2019-02       wagner*      0             0     0.0
    3  2019-02  wagner group      0             0     0.0
    4  2019-03       wagner*      1             2  5000.0
    5  2019-03  wagner group      0             2     0.0
    """
    check_tokens(tokens)
    queries = check_terms(terms)
    if per not in TREND_PER:
        raise ValueError(f"per must be one of {sorted(TREND_PER)}, got {per!r}")
    groups, doc_group = _calendar(tokens, by, "trend")
    n_groups = len(groups)
    total_tokens = np.bincount(doc_group, weights=tokens.doc_lengths, minlength=n_groups)
    total_tokens = total_tokens.astype(np.int64)
    total_docs = np.bincount(doc_group, minlength=n_groups)
    unit, scale = TREND_PER[per]
    counts = np.zeros((n_groups, len(queries)), dtype=np.int64)
    doc_counts = np.zeros_like(counts)
    matched = {}
    for j, query in enumerate(queries):
        found = match_term(tokens, query)
        starts, matched[query] = found.starts, list(found.terms)
        docs = tokens.doc_index[starts]
        counts[:, j] = np.bincount(doc_group[docs], minlength=n_groups)
        doc_counts[:, j] = np.bincount(doc_group[np.unique(docs)], minlength=n_groups)
    k_tot = np.repeat(total_tokens, len(queries))
    n_tot = np.repeat(total_docs, len(queries))
    if per == "tokens":
        hits, exposure = counts.reshape(-1), k_tot
        low, high = poisson_interval(hits, exposure, confidence=confidence)
    else:
        hits, exposure = doc_counts.reshape(-1), n_tot
        low, high = wilson_interval(hits, exposure, confidence=confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(exposure > 0, hits / exposure, 0.0) * scale
    frame = pd.DataFrame({
        by: np.repeat(np.asarray(groups, dtype=object), len(queries)),
        "start": np.repeat(pd.DatetimeIndex([Tokens.period_start(g, by) for g in groups]),
                           len(queries)),
        "term": np.tile(np.asarray(queries, dtype=object), n_groups),
        "count": counts.reshape(-1), "doc_count": doc_counts.reshape(-1),
        "total_tokens": k_tot, "total_documents": n_tot,
        "rate": rate, "ci_low": low * scale, "ci_high": high * scale,
    })
    frame.attrs.update({"unit": unit, "per": per, "by": by, "confidence": confidence,
                        "matched": matched})
    return frame


# --------------------------------------------------------------------------
# keyness


def _describe(spec: Any) -> str:
    if isinstance(spec, Tokens):
        return repr(spec)
    if isinstance(spec, (np.ndarray, list)) and len(spec) > 8:
        return f"mask of {int(np.count_nonzero(spec))} document(s)"
    return repr(spec)


def _mask(tokens: Tokens, spec: Any, name: str) -> np.ndarray:
    """A boolean document mask from a mask, a period label, a (start, end) pair
    of labels or a dict of `Tokens.mask` filters."""
    if isinstance(spec, str):
        mask = tokens.mask(start=spec, end=spec)
    elif (isinstance(spec, tuple) and len(spec) == 2
          and all(isinstance(x, str | None) for x in spec)):
        mask = tokens.mask(start=spec[0], end=spec[1])
    elif isinstance(spec, Mapping):
        mask = tokens.mask(**{field: _known_value(tokens, field, value, name)
                              for field, value in spec.items()})
    elif isinstance(spec, (np.ndarray, list, pd.Series)):
        mask = np.asarray(spec)
        if mask.dtype != bool or mask.shape != (len(tokens),):
            raise ValueError(f"{name} as a mask must be {len(tokens)} booleans (one per document), "
                             f"got dtype {mask.dtype} and shape {mask.shape}")
    else:
        raise TypeError(f"{name} must be a boolean mask, a period label such as '2019-01', a "
                        f"(start, end) pair, a dict of filters or a Tokens, got {spec!r}")
    if not mask.any():
        raise ValueError(f"{name} {_describe(spec)} selects no documents")
    return mask


def _known_value(tokens: Tokens, field: str, value: Any, name: str) -> Any:
    """A str value as the documents write it, matched case-insensitively
    (``source=nos`` selects ``NOS``); an error listing the known values when none matches."""
    if not isinstance(value, str) or field not in tokens.documents.columns:
        return value
    known = sorted({v for v in tokens.documents[field] if isinstance(v, str)})
    if value in known:
        return value
    matches = [v for v in known if v.casefold() == value.casefold()]
    if not matches:
        shown = ", ".join(repr(v) for v in known[:50]) + (", ..." if len(known) > 50 else "")
        raise ValueError(f"{name}: no document has {field} {value!r}; known values: {shown or '(none)'}")
    return matches if len(matches) > 1 else matches[0]


def _term_counts(tokens: Tokens, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Tokens and documents of every term in the documents of `mask` (all when None)."""
    keep = tokens.ids >= 0
    if mask is not None:
        keep &= np.repeat(mask, np.diff(tokens.doc_offsets))
    ids, size = tokens.ids[keep].astype(np.int64), len(tokens.vocabulary)
    pairs = np.unique(tokens.doc_index[keep].astype(np.int64) * max(size, 1) + ids)
    return (np.bincount(ids, minlength=size).astype(np.int64),
            np.bincount(pairs % max(size, 1), minlength=size).astype(np.int64))


def _aligned(terms: np.ndarray, tokens: Tokens, values: np.ndarray) -> np.ndarray:
    out = np.zeros(len(terms), np.int64)
    out[pd.Index(terms).get_indexer(tokens.terms)] = values
    return out


def _keyness_sides(tokens: Tokens, target: Any, reference: Any
                   ) -> tuple[np.ndarray, list, tuple[int, int], str, str]:
    """Terms, [tokens in target, in reference, documents in target, in reference]
    over one aligned vocabulary, the number of documents on each side, and
    labels for both sides."""
    if isinstance(target, Tokens) or isinstance(reference, Tokens):
        first = check_tokens(target, "target") if isinstance(target, Tokens) else None
        if first is None:
            raise TypeError(f"reference is a Tokens, so target must be one too, got {target!r}")
        second = tokens if reference is None else reference
        check_tokens(second, "reference")
        differ = {k: (first.settings.get(k), second.settings.get(k))
                  for k in ("lowercase", "stopwords", "stem", "fold_diacritics", "min_length",
                            "keep_numbers", "keep_punctuation", "variants", "phrases")
                  if first.settings.get(k) != second.settings.get(k)}
        if differ:
            warnings.warn(f"target and reference were tokenised with different settings {differ}; "
                          "their counts may not be comparable", stacklevel=3)
        terms = np.union1d(np.asarray(first.vocabulary, dtype=object),
                           np.asarray(second.vocabulary, dtype=object))
        (a, da), (b, db) = _term_counts(first), _term_counts(second)
        counts = [_aligned(terms, first, a), _aligned(terms, second, b),
                  _aligned(terms, first, da), _aligned(terms, second, db)]
        return terms, counts, (len(first), len(second)), repr(first), repr(second)
    check_tokens(tokens)
    in_target = _mask(tokens, target, "target")
    if reference is None:
        if in_target.all():
            raise ValueError(f"target {_describe(target)} selects every document, leaving no "
                             "reference; give a reference")
        in_reference = ~in_target
        reference_label = "rest of the corpus"
    else:
        in_reference = _mask(tokens, reference, "reference")
        shared = int(np.count_nonzero(in_target & in_reference))
        if shared:
            raise ValueError(f"target {_describe(target)} and reference {_describe(reference)} "
                             f"share {shared} document(s); they must be disjoint")
        reference_label = _describe(reference)
    (a, da), (b, db) = _term_counts(tokens, in_target), _term_counts(tokens, in_reference)
    n_docs = (int(np.count_nonzero(in_target)), int(np.count_nonzero(in_reference)))
    return tokens.terms, [a, b, da, db], n_docs, _describe(target), reference_label


def _check_keyness_options(measure: str, correction: str, min_count: int, alpha: float, per: str) -> None:
    if measure not in KEYNESS_MEASURES:
        raise ValueError(f"measure must be one of {KEYNESS_MEASURES}, got {measure!r}")
    if per not in KEYNESS_PER:
        raise ValueError(f"per must be one of {KEYNESS_PER}, got {per!r}")
    if correction not in PVALUE_METHODS:
        raise ValueError(f"correction must be one of {PVALUE_METHODS}, got {correction!r}")
    check_count("min_count", min_count)
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1 (exclusive), got {alpha!r}")


def _keyness_frame(terms: np.ndarray, a: np.ndarray, b: np.ndarray, c: np.ndarray,
                   d: np.ndarray, measure: str, counts: tuple[np.ndarray, ...]) -> pd.DataFrame:
    """Unsorted keyness rows (no adjusted p-values yet) from the cells ``a, b,
    c, d``; `counts` are the terms' tokens and documents in target and
    reference (``count_target, count_reference, doc_count_target, doc_count_reference``)."""
    scores = keyness_scores(a, b, c, d)
    over = a * d > b * c  # exact in int64 for corpora below ~3e9 tokens
    under = a * d < b * c
    chi2 = scores["chi2"]
    p_value = scores["p_value"] if measure != "chi2" else scipy.stats.chi2.sf(chi2, 1)
    return pd.DataFrame({
        "term": text_column(terms), "count_target": counts[0], "count_reference": counts[1],
        "doc_count_target": counts[2], "doc_count_reference": counts[3],
        "a": a, "b": b, "c": c, "d": d,
        "e1": scores["e1"], "e2": scores["e2"],
        "g2": scores["g2_signed"], "chi2": chi2, "log_ratio": scores["log_ratio"],
        "pct_diff": scores["pct_diff"], "p_value": p_value,
        "direction": np.where(over, "over", np.where(under, "under", "none")),
        "_key": np.where(under, -chi2, chi2) if measure == "chi2" else scores[
            {"g2": "g2_signed"}.get(measure, measure)],
    })


def _finish_keyness(frame: pd.DataFrame, group: str | None, correction: str,
                    alpha: float) -> pd.DataFrame:
    frame["p_adjusted"] = adjust_pvalues(frame["p_value"].to_numpy(), method=correction)
    frame["significant"] = frame["p_adjusted"].to_numpy() < alpha
    keys = [frame["term"].to_numpy(), -frame["_key"].to_numpy()]
    if group is not None:
        keys.append(frame["_group"].to_numpy())
    order = np.lexsort(keys)
    columns = ["term", "count_target", "count_reference", "doc_count_target", "doc_count_reference",
               "a", "b", "c", "d", "e1", "e2", "g2", "chi2", "log_ratio", "pct_diff",
               "p_value", "p_adjusted", "significant", "direction"]
    if group is not None:
        columns.insert(0, group)
    return frame.iloc[order][columns].reset_index(drop=True)


@stamped
def keyness(
    tokens: Tokens,
    target: Any,
    reference: Any = None,
    *,
    measure: str = "g2",
    min_count: int = 5,
    correction: str = "fdr_bh",
    alpha: float = 0.05,
    min_docs: int = 1,
    per: str = "tokens",
    keep_abbreviations: bool = False,
) -> pd.DataFrame:
    """Terms used more (or less) in a target than in a reference corpus.

    For each term, with ``per="tokens"`` (the default): ``a`` = its tokens
    in the target, ``b`` = in the reference, ``c`` and ``d`` = all tokens
    of the target and the reference (gaps never count). With
    ``per="documents"``, *text-dispersion keyness* (Egbert & Biber 2019):
    ``a`` = the target's documents that contain the term, ``b`` = the
    reference's, ``c`` and ``d`` = all documents of the target and the
    reference (also those without tokens), so the 2x2 table is documents
    with the term against documents without it, and a word repeated in a
    few long documents cannot top the list. The scores come from
    `analysis.measures.keyness_scores` on that 2x2 table.

    Parameters
    ----------
    tokens : Tokens
        The corpus the target and reference are taken from.
    target : mask, str, (str, str), dict or Tokens
        The target documents: a boolean mask over the documents, a period
        label (``"2019"``, ``"2019-01"``, ``"2019-01-15"``: documents dated
        within it), a ``(start, end)`` pair of labels, a dict of filters for
        `Tokens.mask` (``{"source": "NOS"}``), or a separate `Tokens`.
    reference : same, optional
        The reference documents, disjoint from the target; by default the
        rest of the corpus. When ``target`` is a `Tokens`, ``reference``
        must be a `Tokens` as well, or None to use all of ``tokens``; the two
        vocabularies are aligned by term string (a warning says when the
        tokenisation settings differ).
    measure : {"g2", "chi2", "log_ratio", "pct_diff"}
        The ranking score. For ``"chi2"`` the p-value is that of Yates'
        chi-squared; otherwise that of G².
    min_count : int, default 5
        Test only terms with ``a + b >= min_count`` (tokens, or documents
        with ``per="documents"``).
    min_docs : int
        Test only terms found in at least this many documents of the target
        or of the reference (dispersion-aware keyness: one long document
        cannot put its words at the top on its own). ``attrs["min_docs"]``.
    correction : {"fdr_bh", "bonferroni", "holm", "none"}
        Multiple-testing correction over the terms tested
        (`analysis.measures.adjust_pvalues`).
    alpha : float
        ``significant`` is ``p_adjusted < alpha``.
    per : {"tokens", "documents"}
        What the rates compared are per, as in `trend`: tokens (keyness on
        frequencies) or documents (text-dispersion keyness).
    keep_abbreviations : bool
        Test and list initials, abbreviations and Roman numerals (``j.``,
        ``enz.``, ``iii``; `analysis.tokens.is_abbreviation`) too; by
        default they are left out of the table (still counted in ``c`` and
        ``d``), as in `frequencies`.

    Returns
    -------
    pandas.DataFrame
        ``term``, ``count_target`` and ``count_reference`` (the term's
        tokens on each side), ``doc_count_target`` and
        ``doc_count_reference`` (documents holding it), then the
        contingency cells ``a, b, c, d`` (``a`` = count_target, ``b`` =
        count_reference, ``c``/``d`` = all tokens of target/reference; with
        ``per="documents"``: ``a`` = doc_count_target, ``b`` =
        doc_count_reference, ``c``/``d`` = all documents of target/reference),
        ``e1, e2`` (expected frequencies), ``g2``
        (four-cell log-likelihood, Dunning 1993, *signed*: negative for
        under-use), ``chi2`` (Pearson with Yates' correction, unsigned),
        ``log_ratio`` (Hardie 2014, a zero count replaced by 0.5),
        ``pct_diff`` (Gabrielatos & Marchi 2012), ``p_value``,
        ``p_adjusted``, ``significant``, ``direction`` (``"over"`` when
        ``a / c > b / d``, ``"under"`` when less, ``"none"`` when equal).
        Sorted by ``measure`` descending (chi2 signed by direction for
        sorting), so over-use comes first and under-use last; ties by term.
        ``attrs``: ``target``, ``reference``, ``measure``, ``correction``,
        ``alpha``, ``min_count``, ``min_docs``, ``per``, ``keep_abbreviations``.

    References
    ----------
    Egbert, J. & Biber, D. (2019). Incorporating text dispersion into
    keyword analyses. *Corpora* 14(1), 77-104.

    Examples
    --------
    >>> from analysis import Document, parse_date
    >>> from analysis.tokenized import tokenize
    >>> docs = [Document("a", parse_date("2019-01"), "Wagner Wagner Wagner Caracas."),
    ...         Document("b", parse_date("2019-02"), "Caracas Caracas Maduro Maduro.")]
    >>> table = keyness(tokenize(docs), "2019-01", min_count=1)
    >>> table[["term", "a", "b", "c", "d", "direction"]]
          term  a  b  c  d direction
    0   wagner  3  0  4  4      over
    1  caracas  1  2  4  4     under
    2   maduro  0  2  4  4     under

    Text-dispersion keyness: ``wagner`` fills one long target document,
    ``caracas`` is in both target documents. By tokens wagner leads; by
    documents caracas does:

    >>> docs = [Document("a", parse_date("2019-01"), "Wagner Wagner Wagner Wagner Caracas."),
    ...         Document("b", parse_date("2019-01"), "Caracas Maduro."),
    ...         Document("c", parse_date("2019-02"), "Maduro Poetin."),
    ...         Document("d", parse_date("2019-02"), "Maduro Poetin.")]
    >>> keyness(tokenize(docs), "2019-01", min_count=1)["term"].tolist()
    ['wagner', 'caracas', 'maduro', 'poetin']
    >>> table = keyness(tokenize(docs), "2019-01", min_count=1, per="documents")
    >>> table[["term", "count_target", "a", "b", "c", "d", "direction"]]
          term  count_target  a  b  c  d direction
    0  caracas             2  2  0  2  2      over
    1   wagner             4  1  0  2  2      over
    2   maduro             1  1  2  2  2     under
    3   poetin             0  0  2  2  2     under
    """
    _check_keyness_options(measure, correction, min_count, alpha, per)
    terms, counts, n_docs, target_label, reference_label = _keyness_sides(tokens, target, reference)
    c, d = int(counts[0].sum()), int(counts[1].sum())
    if c == 0:
        raise ValueError(f"target {target_label} has no tokens")
    if d == 0:
        raise ValueError(f"reference {reference_label} has no tokens")
    check_count("min_docs", min_docs)
    # the 2x2 table: tokens of the term / all tokens, or documents with it / all documents
    a, b = (counts[2], counts[3]) if per == "documents" else (counts[0], counts[1])
    c, d = n_docs if per == "documents" else (c, d)
    keep = a + b >= min_count
    if not keep_abbreviations:
        keep &= ~abbreviation_mask(terms, names=tokens.name_terms)
    if min_docs > 1:
        keep &= _spread_enough(tokens, target, reference, terms, min_docs)
    n_kept = int(keep.sum())
    frame = _keyness_frame(terms[keep], a[keep], b[keep], np.full(n_kept, c), np.full(n_kept, d), measure,
                           tuple(column[keep] for column in counts))
    frame = _finish_keyness(frame, None, correction, alpha)
    frame.attrs.update({"target": target_label, "reference": reference_label, "measure": measure,
                        "correction": correction, "alpha": alpha, "min_count": min_count,
                        "min_docs": min_docs, "per": per, "keep_abbreviations": keep_abbreviations})
    return frame


def _doc_counts(tokens: Tokens, mask: np.ndarray) -> np.ndarray:
    """Per term of ``tokens.vocabulary``: the documents under `mask` that hold it."""
    keep = np.repeat(mask, np.diff(tokens.doc_offsets)) & (tokens.ids >= 0)
    n_terms = max(len(tokens.vocabulary), 1)
    pairs = np.unique(tokens.doc_index[keep].astype(np.int64) * n_terms + tokens.ids[keep])
    return np.bincount(pairs % n_terms, minlength=len(tokens.vocabulary)).astype(np.int64)


def _spread_enough(tokens: Tokens, target: Any, reference: Any, terms: np.ndarray, min_docs: int) -> np.ndarray:
    """Which `terms` occur in at least `min_docs` documents of the target or of the reference."""
    if isinstance(target, Tokens):
        sides = [(target, np.ones(len(target), dtype=bool)),
                 *([(reference if reference is not None else tokens,
                     np.ones(len(reference if reference is not None else tokens), dtype=bool))])]
    else:
        in_target = _mask(tokens, target, "target")
        in_reference = ~in_target if reference is None else _mask(tokens, reference, "reference")
        sides = [(tokens, in_target), (tokens, in_reference)]
    enough = np.zeros(len(terms), dtype=bool)
    for side, mask in sides:
        found = pd.Index(terms).get_indexer(np.asarray(side.vocabulary, dtype=object))
        spread = np.zeros(len(terms), dtype=np.int64)
        spread[found[found >= 0]] = _doc_counts(side, mask)[found >= 0]
        enough |= spread >= min_docs
    return enough


@stamped
def keyness_by(
    tokens: Tokens,
    by: str = "month",
    *,
    measure: str = "g2",
    min_count: int = 5,
    correction: str = "fdr_bh",
    alpha: float = 0.05,
    per: str = "tokens",
    keep_abbreviations: bool = False,
) -> pd.DataFrame:
    """Keyness of every period (or group) against the rest of the corpus.

    For group ``g`` and term ``t``: ``a`` = tokens of ``t`` in ``g``, ``b``
    = tokens of ``t`` in all other groups, ``c`` and ``d`` their sizes, as
    in `keyness`; with ``per="documents"`` (text-dispersion keyness) the
    documents holding ``t`` in ``g`` and in all other groups, and all
    documents of each. Terms tested are those with ``a + b >=
    min_count``, in every group (also where ``a == 0``: a term a period
    never uses is under-used there). The multiple-testing correction is
    applied once, across all tests of all groups.

    Parameters
    ----------
    tokens : Tokens
    by : str
        A calendar period or a documents column, as in `frequencies`.
    measure, min_count, correction, alpha, per, keep_abbreviations
        As in `keyness`.

    Returns
    -------
    pandas.DataFrame
        A column named after ``by`` (the group) first, then the columns of
        `keyness`; by group (calendar order), then measure descending, then
        term. Groups without tokens are skipped and listed in
        ``attrs["skipped_periods"]``.

    Examples
    --------
    >>> from analysis import Document, parse_date
    >>> from analysis.tokenized import tokenize
    >>> docs = [Document("a", parse_date("2019-01"), "Wagner Wagner Caracas."),
    ...         Document("b", parse_date("2019-03"), "Maduro Maduro Caracas.")]
    >>> table = keyness_by(tokenize(docs), "month", min_count=2)
    >>> table[["month", "term", "a", "b", "direction"]]
         month     term  a  b direction
    0  2019-01   wagner  2  0      over
    1  2019-01  caracas  1  1      none
    2  2019-01   maduro  0  2     under
    3  2019-03   maduro  2  0      over
    4  2019-03  caracas  1  1      none
    5  2019-03   wagner  0  2     under
    >>> table.attrs["skipped_periods"]
    ['2019-02']
    """
    check_tokens(tokens)
    _check_keyness_options(measure, correction, min_count, alpha, per)
    check_tokens(tokens, need_tokens=True)
    groups, doc_group = _group_codes(tokens, by)
    n_groups = len(groups)
    grams = ngrams(tokens, 1)
    per_group = sparse_counts(doc_group[tokens.doc_index[grams.starts]], grams.codes,
                               (n_groups, len(tokens.vocabulary)))
    sizes = np.asarray(per_group.sum(axis=1)).reshape(-1).astype(np.int64)
    present = np.flatnonzero(sizes > 0)
    skipped = [groups[g] for g in np.flatnonzero(sizes == 0)]
    if len(present) < 2:
        raise ValueError(f"keyness_by needs at least two groups with tokens for by={by!r}, "
                         f"got {len(present)}")
    docs = _indicator(doc_group, n_groups) @ _present(sparse_counts(
        tokens.doc_index[grams.starts].astype(np.int64), grams.codes, (len(tokens), len(tokens.vocabulary))))
    if per == "documents":  # text-dispersion keyness: documents with the term out of all documents
        cells, group_sizes = docs, np.bincount(doc_group, minlength=n_groups).astype(np.int64)
    else:
        cells, group_sizes = per_group, sizes
    tested = np.flatnonzero(np.asarray(cells.sum(axis=0)).reshape(-1) >= min_count)
    if not keep_abbreviations:
        tested = tested[~abbreviation_mask(tokens.terms[tested], names=tokens.name_terms)]
    rep_group = np.repeat(present, len(tested))
    a, b = _against_rest(cells, present, tested)
    c = group_sizes[rep_group]
    frame = _keyness_frame(np.tile(tokens.terms[tested], len(present)), a, b, c, int(group_sizes.sum()) - c,
                           measure, (*_against_rest(per_group, present, tested),
                                     *_against_rest(docs, present, tested)))
    frame["_group"] = rep_group
    frame.insert(0, by, text_column(np.asarray(groups, dtype=object)[rep_group]))
    frame = _finish_keyness(frame, by, correction, alpha)
    frame.attrs.update({"by": by, "measure": measure, "correction": correction, "alpha": alpha,
                        "min_count": min_count, "skipped_periods": skipped, "per": per,
                        "keep_abbreviations": keep_abbreviations})
    return frame


def _against_rest(matrix: Any, present: np.ndarray, tested: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each group in `present` and term in `tested` (group-major, flat): the
    group's value in `matrix` (groups x terms) and the sum over all other groups."""
    inside = matrix[present][:, tested].toarray().reshape(-1).astype(np.int64)
    totals = np.asarray(matrix.sum(axis=0)).reshape(-1)[tested].astype(np.int64)
    return inside, np.tile(totals, len(present)) - inside


# --------------------------------------------------------------------------
# dispersion and occurrences


def _date_order(tokens: Tokens) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(order, rank, new_offsets): documents in date order (undated last, stable),
    each document's place in that order, and position offsets in that order."""
    order = _sort_order_key(tokens)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    lengths = np.diff(tokens.doc_offsets)[order]
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    return order, rank, offsets


def _document_parts(tokens: Tokens) -> tuple[np.ndarray, np.ndarray]:
    """Each document with tokens is a part: the part of every position, and part sizes."""
    lengths = tokens.doc_lengths
    kept = np.flatnonzero(lengths > 0)
    part_of_doc = np.full(len(tokens), -1, dtype=np.int64)
    part_of_doc[kept] = np.arange(len(kept))
    return part_of_doc[tokens.doc_index], lengths[kept]


def _equal_parts(tokens: Tokens, n_parts: int) -> tuple[np.ndarray, np.ndarray]:
    """`n_parts` consecutive parts of the date-ordered tokens, sizes differing by at most one."""
    ids, n_tokens = tokens.ids, tokens.n_tokens
    if n_parts > n_tokens:
        raise ValueError(f"n_parts={n_parts!r} is more than the {n_tokens} tokens")
    order, rank, _ = _date_order(tokens)
    # index of each token in the date-ordered stream of tokens (gaps get
    # the index of the next token, but are never counted)
    lengths = tokens.doc_lengths
    doc = tokens.doc_index
    is_token = (ids >= 0).astype(np.int64)
    before_in_stream = np.concatenate([[0], np.cumsum(lengths[order])])[rank[doc]]
    before_in_corpus = np.concatenate([[0], np.cumsum(lengths)])[doc]
    stream = before_in_stream + (np.cumsum(is_token) - is_token - before_in_corpus)
    part_of_position = stream * n_parts // n_tokens
    return part_of_position, np.bincount(part_of_position[ids >= 0], minlength=n_parts)


def _part_counts(tokens: Tokens, queries: list[str] | None, part_of_position: np.ndarray,
                 n: int) -> tuple[scipy.sparse.csr_matrix, np.ndarray]:
    """Terms x parts counts (every occurring term, or the queries' matches) and the row labels."""
    if queries is None:
        grams = ngrams(tokens, 1)
        matrix = sparse_counts(grams.codes, part_of_position[grams.starts],
                               (len(tokens.vocabulary), n))
        occurring = np.flatnonzero(np.diff(matrix.indptr) > 0)
        return matrix[occurring], tokens.terms[occurring]
    rows, cols = [], []
    for j, query in enumerate(queries):
        starts = match_term(tokens, query).starts
        rows.append(np.full(len(starts), j, dtype=np.int64))
        cols.append(part_of_position[starts])
    matrix = sparse_counts(np.concatenate(rows), np.concatenate(cols), (len(queries), n))
    return matrix, np.asarray(queries, dtype=object)


@stamped
def dispersion(
    tokens: Tokens,
    terms: str | Sequence[str] | None = None,
    *,
    parts: str = "documents",
    n_parts: int | None = None,
) -> pd.DataFrame:
    """How evenly terms are spread over the corpus.

    The corpus is cut into parts and a term's count per part goes to
    `analysis.measures.dispersion_scores` with each part's size in tokens:

    * ``parts="documents"``: every document with at least one token is a
      part (documents without tokens are left out, as a part must have a
      size);
    * ``parts="equal"``: the tokens (gaps not counted), with the documents
      in date order (undated last, otherwise in corpus order), are cut into
      ``n_parts`` consecutive parts whose sizes differ by at most one: token
      ``k`` of ``N`` goes to part ``k * n_parts // N``. Parts may cut
      documents.

    A phrase is counted in the part where it starts.

    Parameters
    ----------
    tokens : Tokens
    terms : str or list of str, optional
        Words, phrases or glob patterns (module docstring); None for every
        term of the vocabulary that occurs.
    parts : {"documents", "equal"}
    n_parts : int, optional
        Number of equal parts (default 10); only with ``parts="equal"``.

    Returns
    -------
    pandas.DataFrame
        ``term, count`` (its tokens), ``range`` (parts containing the term),
        ``range_share`` (range / number of parts), ``juilland_d``, ``dp``,
        ``dp_norm``; sorted by count descending, then term. A query term
        that never occurs has count 0 and NaN scores. ``attrs``:
        ``parts``, ``n_parts``, ``part_sizes``.

    Examples
    --------
    >>> from analysis import Document
    >>> from analysis.tokenized import tokenize
    >>> docs = [Document("a", None, "kat hond kat"), Document("b", None, "kat muis")]
    >>> dispersion(tokenize(docs, stopwords=None))[["term", "count", "range", "dp"]]
       term  count  range        dp
    0   kat      3      2  0.066667
    1  hond      1      1  0.400000
    2  muis      1      1  0.600000
    """
    check_tokens(tokens)
    if parts not in ("documents", "equal"):
        raise ValueError(f"parts must be 'documents' or 'equal', got {parts!r}")
    queries = None if terms is None else check_terms(terms)
    if parts == "documents":
        if n_parts is not None:
            raise ValueError(f"n_parts only applies to parts='equal', got n_parts={n_parts!r}")
    else:
        n_parts = 10 if n_parts is None else n_parts
        check_count("n_parts", n_parts)
    check_tokens(tokens, need_tokens=True)
    part_of_position, sizes = (_document_parts(tokens) if parts == "documents"
                               else _equal_parts(tokens, n_parts))
    n = len(sizes)
    matrix, labels = _part_counts(tokens, queries, part_of_position, n)
    scores = dispersion_scores(matrix, sizes)
    frame = pd.DataFrame({
        "term": text_column(labels), "count": scores["frequency"].astype(np.int64),
        "range": scores["range"], "range_share": scores["range"] / n,
        "juilland_d": scores["juilland_d"], "dp": scores["dp"], "dp_norm": scores["dp_norm"],
    })
    order = np.lexsort((np.arange(len(frame)) if queries is None
                        else pd.Index(frame["term"]).argsort().argsort(),
                        -frame["count"].to_numpy()))
    frame = frame.iloc[order].reset_index(drop=True)
    frame.attrs.update({"parts": parts, "n_parts": n, "part_sizes": sizes.tolist()})
    return frame


@stamped
def occurrences(tokens: Tokens, terms: str | Sequence[str]) -> pd.DataFrame:
    """Where each term occurs, for a dispersion (barcode) plot.

    Documents are put in date order (by the first day of their date; undated
    documents last; ties in corpus order) and their positions laid end to
    end. Positions count every token *as iteration yields them*, so gaps
    (``padding=True``) take a position too.

    Parameters
    ----------
    tokens : Tokens
    terms : str or list of str
        Words, phrases (located at their first word) or glob patterns.

    Returns
    -------
    pandas.DataFrame
        ``term`` (as given), ``doc_id``, ``date`` (label; missing when undated),
        ``doc_index`` (the document's place in date order), ``position``
        (index within the document), ``corpus_position`` (offset in the
        date-ordered corpus); by term in the order given, then
        ``corpus_position``. ``attrs``: ``corpus_size`` (all positions),
        ``doc_starts`` (corpus position where each date-ordered document
        starts).

    Examples
    --------
    >>> from analysis import Document, parse_date
    >>> from analysis.tokenized import tokenize
    >>> docs = [Document("b", parse_date("2019-03"), "Maduro en Wagner."),
    ...         Document("a", parse_date("2019-01"), "Wagner in Caracas.")]
    >>> table = occurrences(tokenize(docs, stopwords=None), "wagner")
    >>> table[["doc_id", "doc_index", "position", "corpus_position"]]
      doc_id  doc_index  position  corpus_position
    0      a          0         0                0
    1      b          1         2                6
    >>> table.attrs["corpus_size"]  # each full stop is a gap (padding) and takes a position
    8
    """
    check_tokens(tokens)
    queries = check_terms(terms)
    _, rank, offsets = _date_order(tokens)
    dates = tokens.documents["date"].to_numpy(dtype=object)
    frames = []
    for query in queries:
        starts = match_term(tokens, query).starts
        doc = tokens.doc_index[starts].astype(np.int64)
        position = starts - tokens.doc_offsets[doc]
        corpus_position = offsets[rank[doc]] + position
        order = np.argsort(corpus_position, kind="stable")
        doc, position, corpus_position = doc[order], position[order], corpus_position[order]
        frames.append(pd.DataFrame({
            "term": np.full(len(doc), query, dtype=object),
            "doc_id": tokens.documents["id"].to_numpy(dtype=object)[doc],
            "date": dates[doc],
            "doc_index": rank[doc], "position": position.astype(np.int64),
            "corpus_position": corpus_position.astype(np.int64),
        }))
    frame = pd.concat(frames, ignore_index=True)
    frame.attrs.update({"corpus_size": tokens.n_positions, "doc_starts": offsets[:-1].tolist()})
    if not len(frame):
        frame.attrs["message"] = f"no term of {queries!r} occurs in {tokens!r}"
        warnings.warn(frame.attrs["message"], UserWarning, stacklevel=3)
    return frame


# --------------------------------------------------------------------------
# document-term matrices and tf-idf


@dataclass(frozen=True, eq=False)
class DocumentTermMatrix:
    """Counts of terms per document (or per group), ready for scikit-learn.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Rows x terms, int64 counts.
    vocabulary : list of str
        Term of each column, sorted.
    doc_ids : list of str
        Document id (or group label) of each row.
    pruned : dict
        What the pruning left out: ``min_count``, ``max_vocabulary`` (the
        settings), ``terms_below_min_count``, ``terms_beyond_max_vocabulary``
        (numbers of terms dropped) and ``tokens_left_out`` (their tokens).
    """

    matrix: scipy.sparse.csr_matrix
    vocabulary: list[str]
    doc_ids: list[str]
    pruned: dict[str, Any] = field(default_factory=dict)

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape


def _rows(tokens: Tokens, by: str | None) -> tuple[scipy.sparse.csr_matrix, list[str]]:
    """Rows x vocabulary counts: one row per document, or per group that has documents."""
    grams = ngrams(tokens, 1)
    matrix = _doc_term(tokens, grams)
    if by is None:
        return matrix, tokens.documents["id"].astype(str).tolist()
    groups, doc_group = _group_codes(tokens, by)
    used = np.unique(doc_group)
    indicator = _indicator(np.searchsorted(used, doc_group), len(used))
    return (indicator @ matrix).tocsr(), [groups[g] for g in used]


def document_term_matrix(
    tokens: Tokens,
    *,
    min_count: int = 1,
    max_vocabulary: int | None = None,
    by: str | None = None,
) -> DocumentTermMatrix:
    """A documents x terms count matrix (scipy sparse), for use with scikit-learn.

    Parameters
    ----------
    tokens : Tokens
    min_count : int
        Keep terms with at least this many tokens in the corpus.
    max_vocabulary : int, optional
        Then keep the ``max_vocabulary`` most frequent terms (ties: the
        alphabetically first).
    by : str, optional
        One row per group (calendar period or documents column) that has
        documents, summing its documents, instead of one per document.

    Returns
    -------
    DocumentTermMatrix
        Columns in term order; terms with no tokens are never columns.

    Examples
    --------
    >>> from analysis import Document
    >>> from analysis.tokenized import tokenize
    >>> docs = [Document("a", None, "kat hond kat"), Document("b", None, "kat muis")]
    >>> dtm = document_term_matrix(tokenize(docs, stopwords=None), min_count=2)
    >>> dtm.vocabulary, dtm.doc_ids, dtm.matrix.toarray().tolist()
    (['kat'], ['a', 'b'], [[2], [1]])
    >>> dtm.pruned["terms_below_min_count"], dtm.pruned["tokens_left_out"]
    (2, 2)
    """
    check_tokens(tokens)
    check_count("min_count", min_count)
    check_count("max_vocabulary", max_vocabulary, optional=True)
    matrix, labels = _rows(tokens, by)
    totals = np.asarray(matrix.sum(axis=0)).reshape(-1)
    occurring = totals > 0
    frequent = occurring & (totals >= min_count)
    keep = np.flatnonzero(frequent)
    beyond = 0
    if max_vocabulary is not None and len(keep) > max_vocabulary:
        best = keep[np.lexsort((keep, -totals[keep]))[:max_vocabulary]]
        beyond = len(keep) - max_vocabulary
        keep = np.sort(best)
    pruned = {
        "min_count": min_count, "max_vocabulary": max_vocabulary,
        "terms_below_min_count": int(np.count_nonzero(occurring & ~frequent)),
        "terms_beyond_max_vocabulary": beyond,
        "tokens_left_out": int(totals.sum() - totals[keep].sum()),
    }
    return DocumentTermMatrix(matrix[:, keep].tocsr(), [tokens.vocabulary[i] for i in keep],
                              labels, pruned)


def _tfidf_weights(tokens: Tokens, by: str | None, norm: str | None, smooth: bool, sublinear: bool
                   ) -> tuple[scipy.sparse.csr_matrix, scipy.sparse.csr_matrix, list[str], list[str],
                              np.ndarray, np.ndarray]:
    """(counts, weights, vocabulary, row labels, df, idf) by the formulas of `tfidf`."""
    check_tokens(tokens)
    if norm not in ("l2", "l1", None):
        raise ValueError(f"norm must be 'l2', 'l1' or None, got {norm!r}")
    counts, labels = _rows(tokens, by)
    occurring = np.flatnonzero(np.diff(counts.tocsc().indptr) > 0)
    counts = counts[:, occurring].tocsr()
    counts.sort_indices()
    vocabulary = [tokens.vocabulary[i] for i in occurring]
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1 + n) / (1 + df)) + 1 if smooth else np.log(n / df) + 1
    weights = counts.astype(np.float64)
    if sublinear:
        weights.data = 1.0 + np.log(weights.data)
    weights = weights.multiply(idf.reshape(1, -1)).tocsr()
    if norm is not None:
        data = weights.data if norm == "l1" else weights.data**2
        row_of = np.repeat(np.arange(n), np.diff(weights.indptr))
        size = np.bincount(row_of, weights=np.abs(data), minlength=n)
        size = np.sqrt(size) if norm == "l2" else size
        weights.data = weights.data / np.where(size > 0, size, 1.0)[row_of]
    weights.sort_indices()
    return counts, weights, vocabulary, labels, df, idf


def tfidf_matrix(
    tokens: Tokens,
    *,
    by: str | None = None,
    norm: str | None = "l2",
    smooth: bool = True,
    sublinear: bool = False,
) -> DocumentTermMatrix:
    """Tf-idf weights as a rows x terms sparse matrix, for scikit-learn; the
    weights of `tfidf`, which gives them as a table.

    Parameters
    ----------
    tokens, by, norm, smooth, sublinear
        As in `tfidf`.

    Returns
    -------
    DocumentTermMatrix
        ``matrix`` (float64, rows x terms that occur), ``vocabulary``,
        ``doc_ids`` (document ids, or groups with ``by``).

    Examples
    --------
    >>> from analysis import Document
    >>> from analysis.tokenized import tokenize
    >>> docs = [Document("a", None, "kat hond kat"), Document("b", None, "kat muis")]
    >>> weights = tfidf_matrix(tokenize(docs, stopwords=None))
    >>> weights.vocabulary, weights.doc_ids
    (['hond', 'kat', 'muis'], ['a', 'b'])
    >>> weights.matrix.toarray().round(4)  # idf(kat) = ln(3/3) + 1 = 1, idf(hond) = ln(3/2) + 1
    array([[0.575 , 0.8182, 0.    ],
           [0.    , 0.5797, 0.8148]])
    """
    _, weights, vocabulary, labels, _, _ = _tfidf_weights(tokens, by, norm, smooth, sublinear)
    return DocumentTermMatrix(weights, vocabulary, labels)


@stamped
def tfidf(
    tokens: Tokens,
    *,
    by: str | None = None,
    norm: str | None = "l2",
    smooth: bool = True,
    sublinear: bool = False,
    top: int | None = 10,
    keep_abbreviations: bool = False,
) -> pd.DataFrame:
    """Each document's (or group's) terms with the highest tf-idf, scikit-learn's convention.

    With ``n`` rows (documents, or groups that have documents), ``df(t)`` the
    number of rows containing term ``t`` and ``tf(t, r)`` its raw count in
    row ``r``::

        idf(t)      = ln((1 + n) / (1 + df(t))) + 1     (smooth=True)
                    = ln(n / df(t)) + 1                  (smooth=False)
        tf'(t, r)   = 1 + ln(tf(t, r)) if tf > 0 else 0 (sublinear=True; else tf' = tf)
        w(t, r)     = tf'(t, r) * idf(t), then each row divided by its
                      l2 norm (norm="l2"), its sum of |w| (norm="l1") or
                      left as is (norm=None).

    This is what ``sklearn.feature_extraction.text.TfidfVectorizer`` computes
    (same defaults) given the same tokens. `tfidf_matrix` gives the same
    weights as a sparse matrix.

    Parameters
    ----------
    tokens : Tokens
    by : str, optional
        One row per group instead of per document (as `document_term_matrix`).
    norm : {"l2", "l1", None}
    smooth, sublinear : bool
    top : int, optional
        Terms kept per row (None for all with a weight).
    keep_abbreviations : bool
        List initials, abbreviations and Roman numerals (``j.``, ``enz.``,
        ``iii``; `analysis.tokens.is_abbreviation`) too. By default they
        are left out of the table, as in `frequencies`; they are still
        weighted (in each row's norm), so the other weights do not change.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (or a column named after `by`), ``term``, ``count`` (raw
        count in the row), ``doc_count`` (rows containing the term: df),
        ``idf``, ``tfidf``; by row, then tfidf descending, then term.

    Examples
    --------
    >>> from analysis import Document
    >>> from analysis.tokenized import tokenize
    >>> docs = [Document("a", None, "kat hond kat"), Document("b", None, "kat muis")]
    >>> tfidf(tokenize(docs, stopwords=None), top=1)
      doc_id  term  count  doc_count       idf     tfidf
    0      a   kat      2          2  1.000000  0.818180
    1      b  muis      1          1  1.405465  0.814802
    """
    check_count("top", top, optional=True)
    counts, weights, vocabulary, labels, df, idf = _tfidf_weights(tokens, by, norm, smooth, sublinear)
    row_of = np.repeat(np.arange(counts.shape[0]), np.diff(weights.indptr))
    cols = weights.indices.astype(np.int64)
    frame = pd.DataFrame({
        "_row": row_of,
        by if by is not None else "doc_id": text_column(np.asarray(labels, dtype=object)[row_of]),
        "term": text_column(np.asarray(vocabulary, dtype=object)[cols]),
        "count": counts.data.astype(np.int64),
        "doc_count": df[cols].astype(np.int64), "idf": idf[cols], "tfidf": weights.data,
    })
    order = np.lexsort((cols, -weights.data, row_of))
    if not keep_abbreviations:  # listed no more, still weighted
        order = order[~abbreviation_mask(vocabulary, names=tokens.name_terms)[cols[order]]]
    frame = frame.iloc[order]
    if top is not None:
        frame = frame.groupby("_row", sort=False).head(top)
    return frame.drop(columns=["_row"]).reset_index(drop=True)


def rate_changes(
    tokens: Tokens,
    *,
    by: str = "year",
    min_count: int = 10,
    min_docs: int = 3,
    top: int | None = None,
    keep_abbreviations: bool = False,
) -> pd.DataFrame:
    """The terms whose rate changes most over the periods (not the most frequent).

    Each term's counts per period are tested against one constant rate
    (`analysis.measures.rate_change_g2`); periods without tokens are left
    out. Terms must occur `min_count` times in at least `min_docs`
    documents, so that one long document cannot make a change on its own.

    Parameters
    ----------
    tokens : Tokens
    by : str
        ``"year"``, ``"month"``, ``"week"``, ``"day"`` or a document column.
    min_count, min_docs : int
        The least tokens and documents a term needs.
    top : int, optional
        Keep the first ``top`` rows.
    keep_abbreviations : bool
        As in `frequencies`.

    Returns
    -------
    pandas.DataFrame
        ``term, count, doc_count, g2, peak`` (the period of its highest
        rate; the earliest on a tie), by ``g2`` descending, then term.

    Examples
    --------
    >>> from analysis import Document, parse_date
    >>> from analysis.tokenized import tokenize
    >>> docs = [Document(f"d{i}", parse_date(f"{2000 + i // 2}"), text) for i, text in enumerate(
    ...     ["euro euro wet", "euro wet", "gulden wet", "gulden gulden wet"])]
    >>> rate_changes(tokenize(docs), min_count=2, min_docs=2)[["term", "count", "peak"]]
         term  count  peak
    0    euro      3  2000
    1  gulden      3  2001
    2     wet      4  2000
    """
    check_count("min_count", min_count)
    check_count("min_docs", min_docs)
    check_count("top", top, optional=True)
    overall = frequencies(tokens, min_count=min_count, keep_abbreviations=keep_abbreviations)
    overall = overall[overall["doc_count"] >= min_docs]
    grouped = frequencies(tokens, by=by, keep_abbreviations=keep_abbreviations)
    grouped = grouped[grouped["term"].isin(overall["term"])]
    counts = grouped.pivot_table(index="term", columns=by, values="count", fill_value=0, aggfunc="sum")
    sizes = grouped.drop_duplicates(by).set_index(by)["group_tokens"].reindex(counts.columns)
    counts = counts.reindex(overall["term"].sort_values().tolist(), fill_value=0)
    table = pd.DataFrame({"term": counts.index.to_numpy(dtype=object),
                          "count": counts.sum(axis=1).to_numpy(dtype=np.int64),
                          "doc_count": overall.set_index("term")["doc_count"].reindex(counts.index).to_numpy(),
                          "g2": rate_change_g2(counts.to_numpy(), sizes.to_numpy()) if len(counts) else [],
                          "peak": (counts / sizes).idxmax(axis=1).to_numpy(dtype=object) if len(counts) else []})
    table = table.sort_values(["g2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    table.attrs.update(by=by, min_count=min_count, min_docs=min_docs)
    return table if top is None else table.head(top)
