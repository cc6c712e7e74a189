"""Wire copies and other near-duplicates: the same story under other headlines.

A document is compared by its set of word *shingles*: every run of
``shingle`` consecutive words, where words are the runs of letters and
digits of the lowercased text (punctuation and layout do not count). Two
documents are near-duplicates when the Jaccard similarity of their shingle
sets, ``|A & B| / |A | B|``, is at least the threshold.

Comparing every pair is quadratic, so candidates come from MinHash
signatures banded into a locality-sensitive hash index (datasketch's
`MinHashLSH`), with bands chosen so that a pair at the threshold is missed
with probability below one in ten thousand; candidates whose MinHash
estimate is implausibly low for the threshold (chance below one in a
million for a pair at it) are dropped, and every other candidate is then
verified on the exact shingle sets. The similarity reported is the true
Jaccard, never the estimate, so no reported pair is a false positive.

Nothing here knows about tokens or the tokeniser: this is floor 2, next to
the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["find_duplicates", "jaccard", "lsh_bands", "minhash_signatures", "shingles"]

_WORD = re.compile(r"\w+")
_MISS = 1e-4  # the largest chance that no band of a pair exactly at the threshold matches
_DROP = 1e-6  # the largest chance that a pair at the threshold is dropped on its MinHash estimate
_BLOCK = 64  # sets whose signatures are computed in one numpy pass (fits the cache)
_TEXTS = 1024  # texts shingled in one numpy pass
_COLUMNS = ["id_a", "id_b", "similarity", "date_a", "date_b", "source_a", "source_b", "cluster"]


def shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    """The set of ``k``-word shingles of a text.

    Words are the runs of letters and digits (``\\w+``) of the lowercased
    text. A text with fewer than ``k`` (but at least one) words has one
    shingle, all its words; a text without words has none.

    Examples
    --------
    >>> sorted(shingles("De kat zat. De kat!", k=2))
    [('de', 'kat'), ('kat', 'zat'), ('zat', 'de')]
    >>> shingles("Kort.", k=5)
    {('kort',)}
    """
    _check_shingle(k)
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + k]) for i in range(max(len(words) - k, 0) + 1)} if words else set()


def jaccard(a: set, b: set) -> float:
    """Jaccard similarity ``|a & b| / |a | b|`` of two sets (0.0 when both are empty).

    Examples
    --------
    >>> jaccard({1, 2, 3}, {2, 3, 4})
    0.5
    """
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band for a MinHash LSH index at ``threshold``.

    A pair with Jaccard ``s`` shares at least one band with probability
    ``1 - (1 - s**rows)**bands``. The rows are the most (fewest candidates)
    for which a pair exactly at the threshold is still missed with
    probability at most 1e-4; pairs above it are missed even less often.

    Examples
    --------
    >>> lsh_bands(0.8, 128)
    (25, 5)
    >>> bands, rows = lsh_bands(0.8, 128)
    >>> (1 - 0.8 ** rows) ** bands < 1e-4
    True
    """
    _check_threshold(threshold)
    if num_perm < 2:
        raise ValueError(f"num_perm must be >= 2, got {num_perm!r}")
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        if (1.0 - threshold ** rows) ** bands <= _MISS:
            best = (bands, rows)
    return best


def minhash_signatures(
    documents: Sequence[np.ndarray], *, num_perm: int = 128, seed: int = 1
) -> np.ndarray:
    """MinHash signatures of sets of 32-bit hashes, one row per set.

    Computes exactly what ``datasketch.MinHash(num_perm, seed,
    hashfunc=int)`` computes after ``update_batch`` with the same values
    (its default ``affine32`` scheme: the MurmurHash3 finalizer, then
    ``a*h + b`` modulo 2**32 per permutation), but for many sets in one
    vectorised pass. An empty set gets the all-``2**32 - 1`` signature.

    Parameters
    ----------
    documents : sequence of numpy.ndarray
        Each a 1-D array of uint32 hash values.
    num_perm, seed : int
        As in datasketch.

    Returns
    -------
    numpy.ndarray
        ``(len(documents), num_perm)`` uint32.

    Examples
    --------
    >>> from datasketch import MinHash
    >>> values = np.array([7, 11, 2**31], dtype=np.uint32)
    >>> ours = minhash_signatures([values], num_perm=16)[0]
    >>> theirs = MinHash(num_perm=16, hashfunc=int)
    >>> theirs.update_batch(values.tolist())
    >>> bool((ours == theirs.hashvalues).all())
    True
    """
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=seed).permutations
    a = np.asarray(a, dtype=np.uint32)[:, None]
    b = np.asarray(b, dtype=np.uint32)[:, None]
    out = np.full((len(documents), num_perm), np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, len(documents), _BLOCK):
        block = documents[start:start + _BLOCK]
        sizes = np.array([len(values) for values in block])
        if not sizes.sum():
            continue
        values = _fmix32(np.concatenate(block).astype(np.uint32, copy=False))
        with np.errstate(over="ignore"):
            permuted = a * values[None, :] + b
        filled = np.flatnonzero(sizes)
        offsets = np.concatenate(([0], np.cumsum(sizes)[:-1]))[filled]
        out[start + filled] = np.minimum.reduceat(permuted, offsets, axis=1).T
    return out


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch pre-mixes its inputs."""
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint32(16))
        values = values * np.uint32(0x85EBCA6B)
        values = values ^ (values >> np.uint32(13))
        values = values * np.uint32(0xC2B2AE35)
        return values ^ (values >> np.uint32(16))


def _block_signatures(texts: list[str], k: int, num_perm: int, seed: int) -> np.ndarray:
    """MinHash signatures of the k-shingle sets of some texts, in one vectorised pass.

    Words are hashed with pandas' fixed-key SipHash (the same in every run),
    a shingle is the FNV-style combination of its word hashes cut to 32 bits.
    A hash collision can only make a pair a candidate; `find_duplicates`
    verifies every candidate on the exact words.
    """
    words = [_WORD.findall(text.lower()) for text in texts]
    lengths = np.array([len(w) for w in words])
    hashed = pd.util.hash_array(np.array([w for ws in words for w in ws], dtype=object))
    ends = np.cumsum(lengths)
    starts = ends - lengths
    n = len(hashed)
    window = np.full(max(n - k + 1, 0), np.uint64(0xCBF29CE484222325))
    with np.errstate(over="ignore"):
        for j in range(k):
            window = (window ^ hashed[j:j + len(window)]) * np.uint64(0x100000001B3)
    doc_of = np.repeat(np.arange(len(texts)), lengths)[:len(window)]
    keep = np.arange(len(window)) + k <= ends[doc_of] if len(window) else np.zeros(0, dtype=bool)
    docs, values = [doc_of[keep]], [window[keep]]
    for d in np.flatnonzero((lengths > 0) & (lengths < k)).tolist():  # one shingle: all its words
        h = np.full(1, np.uint64(0xCBF29CE484222325))
        with np.errstate(over="ignore"):
            for word in hashed[starts[d]:ends[d]]:
                h = (h ^ word) * np.uint64(0x100000001B3)
        docs.append(np.array([d]))
        values.append(h)
    keys = np.sort((np.concatenate(docs).astype(np.uint64) << np.uint64(32))
                   | (np.concatenate(values) >> np.uint64(32)))
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]  # a sort, not np.unique's hash table
    sets = np.split((keys & np.uint64(0xFFFFFFFF)).astype(np.uint32),
                    np.searchsorted(keys >> np.uint64(32), np.arange(1, len(texts))))
    return minhash_signatures(sets, num_perm=num_perm, seed=seed)


def _signatures(documents: list[Any], k: int, num_perm: int, seed: int) -> np.ndarray:
    out = np.empty((len(documents), num_perm), dtype=np.uint32)
    for start in range(0, len(documents), _TEXTS):
        block = [doc.text for doc in documents[start:start + _TEXTS]]
        out[start:start + len(block)] = _block_signatures(block, k, num_perm, seed)
    return out


def _candidate_pairs(signatures: np.ndarray, seed: int, threshold: float) -> set[tuple[int, int]]:
    """Index pairs (i < j) that share a band in datasketch's MinHashLSH.

    All-``2**32 - 1`` signatures (documents without words) are left out.
    """
    from datasketch import LeanMinHash, MinHashLSH

    num_perm = signatures.shape[1]
    lsh = MinHashLSH(num_perm=num_perm, params=lsh_bands(threshold, num_perm))
    empty = (signatures == np.iinfo(np.uint32).max).all(axis=1)
    with lsh.insertion_session() as session:
        for i in np.flatnonzero(~empty).tolist():
            session.insert(i, LeanMinHash(seed=seed, hashvalues=signatures[i], scheme="affine32"),
                           check_duplication=False)
    pairs: set[tuple[int, int]] = set()
    for table in lsh.hashtables:  # a bucket holding several documents makes them candidates
        for key in table.keys():
            members = table.get(key)
            if len(members) > 1:
                members = sorted(members)
                pairs.update((a, b) for n, a in enumerate(members) for b in members[n + 1:])
    return pairs


def find_duplicates(
    corpus: Iterable[Any],
    *,
    threshold: float = 0.8,
    shingle: int = 5,
    num_perm: int = 128,
    seed: int = 1,
) -> pd.DataFrame:
    """Pairs of near-identical documents (wire copies) with their true Jaccard similarity.

    Parameters
    ----------
    corpus : Corpus or iterable of Document
        Anything with ``id``, ``text``, ``date_label`` and ``source``.
    threshold : float
        The least Jaccard similarity of two documents' shingle sets for them
        to be reported, in (0, 1].
    shingle : int
        Words per shingle (see `shingles`). Shorter shingles call more
        pairs similar.
    num_perm : int
        MinHash permutations; more make fewer needless candidates, never
        different results beyond the (< 1e-4) chance of a missed pair.
    seed : int
        MinHash seed; the same seed always gives the same table.

    Returns
    -------
    pandas.DataFrame
        One row per pair with similarity >= threshold: ``id_a``, ``id_b``
        (``id_a`` first in corpus order), ``similarity`` (exact Jaccard),
        ``date_a``, ``date_b``, ``source_a``, ``source_b`` and ``cluster``:
        the connected group of documents the pair belongs to, numbered in
        corpus order of each group's first document. Sorted by similarity
        descending, then ``id_a``, ``id_b``. Documents without a word are
        never reported. ``attrs`` holds the threshold and shingle size.

    Examples
    --------
    >>> from analysis.corpus import Document
    >>> story = "Het kabinet trekt vijftig miljoen euro uit voor de opvang van asielzoekers in Ter Apel."
    >>> docs = [Document("nos", None, story, source="NOS"),
    ...         Document("nrc", None, "ANP. " + story, source="NRC"),
    ...         Document("ad", None, "Een ander bericht over het weer in Limburg vandaag.")]
    >>> find_duplicates(docs, threshold=0.5)[["id_a", "id_b", "similarity", "cluster"]]
      id_a id_b  similarity  cluster
    0  nos  nrc    0.916667        0
    """
    _check_threshold(threshold)
    _check_shingle(shingle)
    documents = list(corpus)
    signatures = _signatures(documents, shingle, num_perm, seed)
    candidates = _plausible(signatures, sorted(_candidate_pairs(signatures, seed, threshold)), threshold)
    rows = _verified(documents, candidates, shingle, threshold)
    return _pair_table(documents, rows, threshold, shingle)


def _plausible(signatures: np.ndarray, candidates: list[tuple[int, int]],
               threshold: float) -> list[tuple[int, int]]:
    """The candidates whose MinHash estimate leaves a real chance of Jaccard >= threshold.

    For a pair at the threshold the number of equal signature entries is
    binomial(num_perm, threshold); pairs with fewer matches than its
    1e-6 quantile are dropped unverified. Most candidates from a band are
    related stories well below the threshold, and this saves verifying them.
    """
    from scipy.stats import binom

    if not candidates:
        return []
    num_perm = signatures.shape[1]
    least = int(binom.ppf(_DROP, num_perm, threshold))
    pairs = np.array(candidates, dtype=np.int64)
    matches = np.empty(len(pairs), dtype=np.int64)
    for start in range(0, len(pairs), 65536):
        block = pairs[start:start + 65536]
        matches[start:start + len(block)] = (signatures[block[:, 0]] == signatures[block[:, 1]]).sum(axis=1)
    return [candidates[n] for n in np.flatnonzero(matches >= least).tolist()]


def _verified(documents: list[Any], candidates: list[tuple[int, int]], k: int,
              threshold: float) -> list[tuple[int, int, float]]:
    """The candidate pairs whose exact Jaccard is at least the threshold, with it.

    A document's exact shingles (rows of word ids in one vocabulary, sorted)
    are kept only until its last candidate pair has been checked.
    """
    last_use = {n: p for p, pair in enumerate(candidates) for n in pair}
    vocabulary: dict[str, int] = {}
    exact: dict[int, np.ndarray] = {}
    rows = []
    for p, (i, j) in enumerate(candidates):
        for n in (i, j):
            if n not in exact:
                exact[n] = _exact_shingles(documents[n].text, k, vocabulary)
        a, b = exact[i], exact[j]
        shared = len(np.intersect1d(a, b, assume_unique=True)) if a.dtype == b.dtype else 0
        similarity = shared / (len(a) + len(b) - shared)
        if similarity >= threshold:
            rows.append((i, j, similarity))
        for n in (i, j):
            if last_use[n] == p:
                del exact[n]
    return rows


def _exact_shingles(text: str, k: int, vocabulary: dict[str, int]) -> np.ndarray:
    """A text's shingle set as sorted unique rows of word ids, each row one bytes value.

    The same set as `shingles` gives, in a form numpy can intersect.
    """
    ids = np.array([vocabulary.setdefault(w, len(vocabulary)) for w in _WORD.findall(text.lower())],
                   dtype=np.uint32)
    width = min(k, len(ids))
    if not width:
        return np.empty(0, dtype="V4")
    windows = np.ascontiguousarray(np.lib.stride_tricks.sliding_window_view(ids, width))
    return np.unique(windows.view(f"V{4 * width}").ravel())


def _pair_table(documents: list[Any], rows: list[tuple[int, int, float]], threshold: float,
                shingle: int) -> pd.DataFrame:
    clusters = _clusters(len(documents), [(i, j) for i, j, _ in rows])
    table = pd.DataFrame(
        [(documents[i].id, documents[j].id, s, documents[i].date_label, documents[j].date_label,
          documents[i].source, documents[j].source, clusters[i]) for i, j, s in rows],
        columns=_COLUMNS,
    ).astype({"similarity": "float64", "cluster": "int64"})
    table = table.sort_values(["similarity", "id_a", "id_b"], ascending=[False, True, True],
                              ignore_index=True, kind="mergesort")
    table.attrs.update(threshold=threshold, shingle=shingle)
    return table


def _clusters(n: int, pairs: list[tuple[int, int]]) -> dict[int, int]:
    """Connected components of the pairs, numbered by their first member in corpus order."""
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in pairs:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    members = sorted({x for pair in pairs for x in pair})
    numbers: dict[int, int] = {}
    return {x: numbers.setdefault(root(x), len(numbers)) for x in members}


def _check_threshold(threshold: float) -> None:
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not 0 < threshold <= 1:
        raise ValueError(f"threshold must be a number in (0, 1], got {threshold!r}")


def _check_shingle(shingle: int) -> None:
    if not isinstance(shingle, int) or isinstance(shingle, bool) or shingle < 1:
        raise ValueError(f"shingle must be an int >= 1, got {shingle!r}")
