"""Counts that can be made per partition and summed: the one home of counting.

Co-occurrence (`analysis.collocation`) and frequency tables
(`analysis.frequency`) count here, and `analysis.dask` runs the same
functions on each partition and adds the results, so a cluster gives the
tables one machine gives.

* windows and contexts: `window_counts` and `context_counts` (node x
  context matrices), `context_marginals` (``C1`` and ``N`` position by
  position), `node_counts` (``o11`` and ``R1`` around a node's matches),
  `prune_vocabulary`; their building blocks `blocks`, `forward_pairs` and
  `csr_from_keys`;
* terms per group: `ngrams` (every n-gram occurrence, coded in term order),
  `group_term_counts` (count and documents per group and term, block by
  block), `sparse_counts`, and `frequency_table`, which turns summed counts
  into the `frequencies` table.

Window semantics are those of `analysis.collocation` (its module docstring);
n-gram semantics those of `analysis.frequency`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse

from analysis.parallel import map_in_order
from analysis.tokenized import Tokens

__all__ = [
    "CHUNK",
    "Ngrams",
    "blocks",
    "context_counts",
    "context_marginals",
    "csr_from_keys",
    "forward_pairs",
    "frequency_table",
    "group_term_counts",
    "ngrams",
    "node_counts",
    "prune_vocabulary",
    "sparse_counts",
    "text_column",
    "window_counts",
]


# ---------------------------------------------------------------------------
# windows and contexts (co-occurrence)


CHUNK = 1 << 19  # positions (or pairs) per block of work: bounds memory


def blocks(doc_offsets: np.ndarray, size: int,
            max_docs: int | None = None) -> Iterator[tuple[int, int, int, int]]:
    """``(start, stop, first_doc, stop_doc)``: whole documents, about `size` positions."""
    offsets = np.asarray(doc_offsets, dtype=np.int64)
    n_docs = len(offsets) - 1
    d = 0
    while d < n_docs:
        e = int(np.searchsorted(offsets, offsets[d] + size, side="right")) - 1
        e = min(max(e, d + 1), n_docs)
        if max_docs is not None:
            e = min(e, d + max_docs)
        yield int(offsets[d]), int(offsets[e]), d, e
        d = e


def forward_pairs(ids: np.ndarray, bound: np.ndarray,
                   span: int) -> Iterator[tuple[int, np.ndarray]]:
    """For ``k = 1..span``: the positions ``i`` where ``(i, i + k)`` may pair.

    Both positions hold a token and share `bound` (the document or sentence
    number).
    """
    valid = ids >= 0
    n = len(ids)
    for k in range(1, span + 1):
        m = n - k
        if m <= 0:
            break
        ok = valid[:m] & valid[k:] & (bound[:m] == bound[k:])
        yield k, np.flatnonzero(ok)


def csr_from_keys(keys: np.ndarray, size: int,
                   weights: np.ndarray | None = None) -> scipy.sparse.csr_matrix:
    """Sum ``weights`` (or 1) per key ``row * size + col`` into a csr matrix."""
    if weights is None:
        keys = np.sort(keys)
        if len(keys):
            first = np.empty(len(keys), dtype=bool)
            first[0] = True
            np.not_equal(keys[1:], keys[:-1], out=first[1:])
            starts = np.flatnonzero(first)
            data = np.diff(np.append(starts, len(keys))).astype(np.int64)
            keys = keys[starts]
        else:
            data = np.zeros(0, dtype=np.int64)
    else:
        keys, inverse = np.unique(keys, return_inverse=True)
        data = np.bincount(inverse.ravel(), weights=weights, minlength=len(keys))
    rows = keys // size
    cols = (keys % size).astype(np.int32)
    indptr = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=size), out=indptr[1:])
    return scipy.sparse.csr_matrix((data, cols, indptr), shape=(size, size))


def _add(total: scipy.sparse.csr_matrix | None,
         part: scipy.sparse.csr_matrix) -> scipy.sparse.csr_matrix:
    return part if total is None else total + part


def window_counts(ids: np.ndarray, tokens: Tokens, size: int, left: int, right: int, count: str,
                   sentence_bounded: bool, n_jobs: int = 1) -> scipy.sparse.csr_matrix:
    """The node x context matrix of a (left, right) window over pruned `ids`."""
    bound_all = tokens.sentence_index if sentence_bounded else tokens.doc_index
    span, short = max(left, right), min(left, right)
    if count == "boolean":
        return _window_boolean(ids, tokens, size, left, right, bound_all)
    weighted = count == "weighted"
    if left == right:
        return _symmetric_window_counts(ids, tokens, size, left, weighted, bound_all, n_jobs)
    # Asymmetric: forward pairs (i, i + k) split by k <= short and short < k <= span,
    # so that M = P[k <= right] + P[k <= left].T is built from two matrices only.
    near = far = None
    for start, stop, _, _ in blocks(tokens.doc_offsets, CHUNK):
        ids_b = ids[start:stop].astype(np.int64)
        parts: dict[bool, list[np.ndarray]] = {True: [], False: []}
        weights: dict[bool, list[np.ndarray]] = {True: [], False: []}
        for k, idx in forward_pairs(ids_b, bound_all[start:stop], span):
            parts[k <= short].append(ids_b[idx] * size + ids_b[idx + k])
            if weighted:
                weights[k <= short].append(np.full(len(idx), 1.0 / k))
        for is_near, keys in parts.items():
            if not keys:
                continue
            w = np.concatenate(weights[is_near]) if weighted else None
            part = csr_from_keys(np.concatenate(keys), size, w)
            if is_near:
                near = _add(near, part)
            else:
                far = _add(far, part)
    empty = scipy.sparse.csr_matrix((size, size), dtype=np.float64 if weighted else np.int64)
    near = empty if near is None else near
    wide = near if far is None else near + far
    by_right = wide if right > left else near
    by_left = wide if left > right else near
    return (by_right + by_left.T).tocsr()


def _symmetric_window_counts(ids: np.ndarray, tokens: Tokens, size: int, span: int, weighted: bool,
                             bound_all: np.ndarray, n_jobs: int = 1) -> scipy.sparse.csr_matrix:
    """The matrix of a symmetric window, both directions counted in one pass, so
    the result is never transposed and added (which would hold it three times).

    Counts are int32 whenever no cell can reach 2**31 (a cell is at most the
    number of pairs, ``2 * span`` per position), int64 otherwise. With
    ``n_jobs > 1`` blocks of documents are counted in processes and summed
    in block order, so the result is the same for any ``n_jobs``.
    """
    dtype = np.float64 if weighted else (np.int32 if 2 * span * len(ids) < 2**31 - 1 else np.int64)
    jobs = ((ids[start:stop], bound_all[start:stop], size, span, weighted, dtype)
            for start, stop, _, _ in blocks(tokens.doc_offsets, CHUNK))
    total = None
    for part in map_in_order(_symmetric_block, jobs, n_jobs):
        if part is not None:
            total = _add(total, part)
    if total is None:
        return scipy.sparse.csr_matrix((size, size), dtype=dtype)
    return total


def _symmetric_block(ids: np.ndarray, bound: np.ndarray, size: int, span: int, weighted: bool,
                     dtype: Any) -> scipy.sparse.csr_matrix | None:
    """The symmetric-window counts of one block of whole documents."""
    ids_b = ids.astype(np.int64)
    keys: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for k, idx in forward_pairs(ids_b, bound, span):
        a, b = ids_b[idx], ids_b[idx + k]
        keys += [a * size + b, b * size + a]
        if weighted:
            weights.append(np.full(2 * len(idx), 1.0 / k))
    if not keys:
        return None
    part = csr_from_keys(np.concatenate(keys), size, np.concatenate(weights) if weighted else None)
    return part.astype(dtype, copy=False)


def _window_boolean(ids: np.ndarray, tokens: Tokens, size: int, left: int, right: int,
                    bound_all: np.ndarray) -> scipy.sparse.csr_matrix:
    """Documents in which (node a, context b) pair at least once."""
    span = max(left, right)
    max_docs = max(1, (2**62) // max(size * size, 1))
    doc_index = tokens.doc_index
    total = None
    for start, stop, first_doc, _ in blocks(tokens.doc_offsets, CHUNK, max_docs):
        ids_b = ids[start:stop].astype(np.int64)
        docs = doc_index[start:stop].astype(np.int64) - first_doc
        keys = []
        for k, idx in forward_pairs(ids_b, bound_all[start:stop], span):
            a, b, d = ids_b[idx], ids_b[idx + k], docs[idx] * size
            if k <= right:
                keys.append((d + a) * size + b)
            if k <= left:
                keys.append((d + b) * size + a)
        if not keys:
            continue
        unique = np.unique(np.concatenate(keys)) % (size * size)  # drop the document
        total = _add(total, csr_from_keys(unique, size))
    if total is None:
        return scipy.sparse.csr_matrix((size, size), dtype=np.int64)
    return total


def context_counts(ids: np.ndarray, tokens: Tokens, size: int, context: str,
                    count: str) -> scipy.sparse.csr_matrix:
    """Co-occurrence within whole sentences or documents, via context x term counts."""
    bound = tokens.sentence_index if context == "sentence" else tokens.doc_index
    n_contexts = len(tokens.sent_offsets) - 1 if context == "sentence" else len(tokens)
    kept = ids >= 0
    x = scipy.sparse.csr_matrix(
        (np.ones(int(kept.sum()), dtype=np.int64), (bound[kept], ids[kept])),
        shape=(max(n_contexts, 1), size),
    )
    x.sum_duplicates()
    if count == "frequency":
        # sum over contexts of n_a * n_b, minus the n_a pairs of a position with itself
        diagonal = np.bincount(ids[kept], minlength=size)
        product = (x.T @ x).tocsr()
    else:
        # contexts holding a and b; for a with itself, contexts holding a twice
        at_least_two = np.bincount(x.indices[x.data >= 2], minlength=size)
        binary = x.copy()
        binary.data[:] = 1
        product = (binary.T @ binary).tocsr()
        diagonal = product.diagonal() - at_least_two
    product = product - scipy.sparse.diags(diagonal.astype(np.int64), format="csr", dtype=np.int64)
    product.eliminate_zeros()
    return product.astype(np.int64).tocsr()


def context_marginals(tokens: Tokens, left: int, right: int, bound: np.ndarray) -> tuple[np.ndarray, int]:
    """``C1`` of every term and ``N``: the pairs with each term as the context
    word, and all pairs, counted position by position (edges and gaps
    included), a block of whole documents at a time."""
    size = len(tokens.vocabulary)
    c1 = np.zeros(size, dtype=np.float64)
    n = 0
    for start, stop, _, _ in blocks(tokens.doc_offsets, CHUNK):
        ids = tokens.ids[start:stop]
        slots = np.zeros(stop - start, dtype=np.int32)  # pairs with j as context: at most left + right
        for k, idx in forward_pairs(ids, bound[start:stop], max(left, right)):
            if k <= right:  # node i, context i + k
                slots[idx + k] += 1
            if k <= left:  # node i + k, context i
                slots[idx] += 1
        kept = ids >= 0
        c1 += np.bincount(ids[kept], weights=slots[kept], minlength=size)
        n += int(slots.sum(dtype=np.int64))
    return c1, n


def node_counts(tokens: Tokens, starts: np.ndarray, ends: np.ndarray, left: int, right: int,
                bound: np.ndarray) -> tuple[np.ndarray, int]:
    """``o11`` per term and ``R1``: the context words in the `left` positions before
    each node span (``starts``) and the `right` positions after it (``ends``,
    inclusive), in the same `bound` (document or sentence number), gaps left out."""
    ids, n = tokens.ids, len(tokens.ids)
    gathered = []
    for anchors, offsets in ((starts, range(-left, 0)), (ends, range(1, right + 1))):
        for k in offsets:
            j = anchors + k
            inside = (j >= 0) & (j < n)
            j, a = j[inside], anchors[inside]
            ok = (ids[j] >= 0) & (bound[j] == bound[a])
            gathered.append(ids[j[ok]])
    context = np.concatenate(gathered) if gathered else np.zeros(0, dtype=np.int32)
    return np.bincount(context, minlength=len(tokens.vocabulary)), len(context)


def prune_vocabulary(counts: np.ndarray, vocabulary: Sequence[str], *, min_count: int,
                     max_vocabulary: int | None = None, listed: Iterable[str] | None = None,
                     index: Mapping[str, int] | None = None) -> tuple[np.ndarray, dict[str, Any]]:
    """Which term ids to keep, and a record of what was left out.

    A term is kept when it occurs, is in `listed` (terms normalised like the
    vocabulary; None for all), has at least `min_count` tokens, and is among
    the `max_vocabulary` most frequent of those (ties: the first in term
    order). The same counts give the same choice, so partition sums prune
    as the whole corpus does.

    Examples
    --------
    >>> keep, record = prune_vocabulary(np.array([5, 1, 3]), ["de", "kat", "zag"], min_count=2)
    >>> keep.tolist(), record["below_min_count"], record["most_frequent"]
    ([True, False, True], 1, ['kat'])
    """
    counts = np.asarray(counts)
    keep = counts > 0
    record: dict[str, Any] = {}
    if listed is not None:
        index = index if index is not None else {term: i for i, term in enumerate(vocabulary)}
        wanted = set(listed)
        chosen = np.zeros(len(counts), dtype=bool)
        chosen[[index[t] for t in wanted if t in index]] = True
        record["unknown"] = sorted(t for t in wanted if t not in index)
        record["not_in_vocabulary"] = int((keep & ~chosen).sum())
        keep &= chosen
    rare = keep & (counts < min_count)
    record["below_min_count"] = int(rare.sum())
    keep &= ~rare
    if max_vocabulary is not None and keep.sum() > max_vocabulary:
        candidates = np.flatnonzero(keep)
        order = np.lexsort((candidates, -counts[candidates]))  # most frequent, then term
        dropped = candidates[order[max_vocabulary:]]
        keep[dropped] = False
        record["beyond_max_vocabulary"] = len(dropped)
    left_out = np.flatnonzero(~keep & (counts > 0))
    record["terms"] = len(left_out)
    record["tokens"] = int(counts[left_out].sum())
    top = left_out[np.lexsort((left_out, -counts[left_out]))[:20]]
    record["most_frequent"] = [vocabulary[i] for i in top.tolist()]
    return keep, record


# ---------------------------------------------------------------------------
# terms and n-grams per group (frequencies)


_DENSE_LIMIT = 1 << 25  # largest bincount over combined keys before falling back to sorting


_BLOCK = 1 << 22  # n-gram occurrences counted at a time: bounds the int64 temporaries


def text_column(values: np.ndarray) -> pd.Series:
    """A column of str kept as numpy objects: building pandas' arrow-backed str
    column costs more than the counting in large tables."""
    return pd.Series(values, dtype=object, copy=False)


def sparse_counts(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int],
                   weights: np.ndarray | None = None) -> scipy.sparse.csr_matrix:
    """A csr_matrix of int64 counts of (row, col) pairs (duplicates summed)."""
    data = np.ones(len(rows), dtype=np.int64) if weights is None else weights
    matrix = scipy.sparse.csr_matrix((data, (rows, cols)), shape=shape, dtype=np.int64)
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix


@dataclass(frozen=True)
class Ngrams:
    """Every n-gram occurrence of one order: its start and a code per distinct n-gram."""

    n: int
    starts: np.ndarray  # positions where an n-gram starts (int64)
    codes: np.ndarray  # n-gram code of each start (int32 or int64); codes are in term order
    terms: np.ndarray  # term string of each code (object array, sorted)


def ngrams(tokens: Tokens, n: int) -> Ngrams:
    ids = tokens.ids
    if n == 1:
        if tokens.n_tokens == len(ids):  # no gaps
            index_type = np.int32 if len(ids) < 1 << 31 else np.int64
            return Ngrams(1, np.arange(len(ids), dtype=index_type), ids, tokens.terms)
        starts = np.flatnonzero(ids >= 0)
        return Ngrams(1, starts, ids[starts], tokens.terms)
    length = len(ids) - n + 1
    if length <= 0:
        return Ngrams(n, np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, dtype=object))
    ok = ids[:length] >= 0
    for k in range(1, n):
        ok &= ids[k : k + length] >= 0
    sents = tokens.sentence_index
    ok &= sents[:length] == sents[n - 1 : n - 1 + length]  # sentences are contiguous
    starts = np.flatnonzero(ok)
    size = max(len(tokens.vocabulary), 1)
    key = ids[starts].astype(np.int64)
    for k in range(1, n):
        if len(key) and (int(key.max()) + 1) * size >= 1 << 62:  # keep the combined key in int64
            key = np.unique(key, return_inverse=True)[1].astype(np.int64)
        key = key * size + ids[starts + k]
    _, first, codes = np.unique(key, return_index=True, return_inverse=True)
    first_starts = starts[first]
    words = [tokens.terms[ids[first_starts + k]] for k in range(n)]
    terms = np.array([" ".join(parts) for parts in zip(*words, strict=True)], dtype=object)
    order = np.argsort(terms, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return Ngrams(n, starts, rank[codes.reshape(-1)], terms[order])


def group_term_counts(tokens: Tokens, grams: Ngrams, doc_group: np.ndarray, n_groups: int,
                                 n_jobs: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`_group_term_counts` over blocks of whole documents, summed: the same
    result with temporaries sized by the block, not the corpus (and the
    blocks counted in ``n_jobs`` processes)."""
    n_terms = len(grams.terms)
    starts, total = grams.starts, len(grams.starts)

    def jobs() -> Iterator[tuple]:
        lo = 0
        while lo < total:
            hi = min(lo + _BLOCK, total)
            if hi < total:  # end the block at a document boundary: document counts then add up
                last_doc = tokens.doc_index[starts[hi - 1]]
                hi = int(np.searchsorted(starts, tokens.doc_offsets[last_doc + 1], side="left"))
            doc = tokens.doc_index[starts[lo:hi]].astype(np.int64)
            yield doc, grams.codes[lo:hi].astype(np.int64, copy=False), doc_group, n_groups, n_terms
            lo = hi

    pieces = list(map_in_order(_group_term_counts, jobs(), n_jobs))
    if len(pieces) == 1:
        return pieces[0]
    if not pieces:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    row, col, count, docs = (np.concatenate(parts) for parts in zip(*pieces, strict=True))
    keys, inverse = np.unique(row * max(n_terms, 1) + col, return_inverse=True)
    group, term = np.divmod(keys, max(n_terms, 1))
    return (group, term, np.bincount(inverse, weights=count).astype(np.int64),
            np.bincount(inverse, weights=docs).astype(np.int64))


def _group_term_counts(doc: np.ndarray, codes: np.ndarray, doc_group: np.ndarray,
                       n_groups: int, n_terms: int
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(group, term, count, documents) of every (group, term) pair that occurs,
    sorted by group then term, from the document and term code of each occurrence."""
    n_terms = max(n_terms, 1)
    key = doc_group[doc] * n_terms + codes
    pairs = np.sort(doc * n_terms + codes)  # distinct (document, term) pairs
    first = np.ones(len(pairs), dtype=bool)
    np.not_equal(pairs[1:], pairs[:-1], out=first[1:])
    pairs = pairs[first]
    pair_doc, pair_term = np.divmod(pairs, n_terms)
    doc_key = doc_group[pair_doc] * n_terms + pair_term
    size = n_groups * n_terms
    if size <= max(_DENSE_LIMIT, 4 * len(key)):
        counts = np.bincount(key, minlength=size)
        found = np.flatnonzero(counts)
        in_docs = np.bincount(doc_key, minlength=size)[found]
        counts = counts[found]
    else:  # too many cells for a dense count: sort instead
        found, counts = np.unique(key, return_counts=True)
        in_docs = np.unique(doc_key, return_counts=True)[1]  # the same keys, in the same order
    group, term = np.divmod(found, n_terms)
    return group, term, counts.astype(np.int64, copy=False), in_docs.astype(np.int64, copy=False)


def frequency_table(*, groups: Sequence[str], group_docs: np.ndarray, row: np.ndarray, term_key: np.ndarray,
                    terms: np.ndarray, n: np.ndarray, count: np.ndarray, doc_count: np.ndarray,
                    size: np.ndarray, by: str | None, ngram: int | tuple[int, int], orders: list[int],
                    top: int | None, total_tokens: int, total_ngrams: dict[int, int]) -> pd.DataFrame:
    """The `frequencies` table from summed counts: the one place that orders,
    ranks and turns counts into ``per_10k`` and ``doc_share``.

    Used by `frequencies` and by `analysis.dask`, which sums the counts of
    many partitions first. Arrays are aligned, one entry per (group, term):
    ``row`` the group number, ``term_key`` any integer in term order,
    ``size`` the group's number of n-grams of that order.
    """
    n_groups = len(groups)
    group_docs = np.asarray(group_docs, dtype=np.int64)
    row, count = np.asarray(row, dtype=np.int64), np.asarray(count, dtype=np.int64)
    # order by group, count descending, term: one int64 key when it fits
    top_count = int(count.max()) + 1 if len(count) else 1
    n_keys = int(term_key.max()) + 1 if len(term_key) else 1
    if n_groups * top_count * n_keys < 1 << 62:
        order = np.argsort((row * top_count + (top_count - 1 - count)) * n_keys + term_key)
    else:
        order = np.lexsort((term_key, -count, row))
    row, count, terms, n = row[order], count[order], terms[order], n[order]
    doc_count, size = doc_count[order], size[order]
    index = np.arange(len(row))
    group_first = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=n_groups))])[row]
    new_tie = np.ones(len(row), dtype=bool)
    new_tie[1:] = (row[1:] != row[:-1]) | (count[1:] != count[:-1])
    rank = np.maximum.accumulate(np.where(new_tie, index, 0)) - group_first + 1
    if top is not None:
        keep = index - group_first < top
        row, count, terms, n, doc_count, size, rank = (
            a[keep] for a in (row, count, terms, n, doc_count, size, rank))
    data: dict[str, Any] = {}
    if by is not None:
        data[by] = text_column(np.asarray(groups, dtype=object)[row])
    if len(orders) > 1:
        data["n"] = n
    data.update({
        "term": text_column(terms), "count": count,
        "per_10k": count / size * 10_000.0, "doc_count": doc_count,
        "doc_share": doc_count / group_docs[row], "rank": rank,
    })
    if by is not None:
        data.update({"group_tokens": size, "group_documents": group_docs[row]})
    frame = pd.DataFrame(data, copy=False)  # every column is a fresh array
    frame.attrs.update({"by": by, "ngram": ngram, "total_tokens": total_tokens,
                        "total_ngrams": total_ngrams, "groups": list(groups) if by is not None else None})
    return frame
