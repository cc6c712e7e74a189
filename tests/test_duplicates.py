"""Near-duplicates: MinHash LSH candidates verified exactly, against a brute-force all-pairs oracle.

The planted corpora are made of real Dutch sentences (corpus/rechtspraak and
tests/data/ud_nl) by benchmarks/_planted.py: copies with other headlines,
1-10% of the words edited and paragraphs reordered.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from datasketch import MinHash

from analysis import Corpus, Document, Removed, find_duplicates, parse_date
from analysis.duplicates import jaccard, lsh_bands, minhash_signatures, shingles

ROOT = Path(__file__).resolve().parents[1]


def _planted_module():
    spec = importlib.util.spec_from_file_location("planted", ROOT / "benchmarks" / "_planted.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def oracle_pairs(docs: list[Document], threshold: float, k: int) -> dict[tuple[str, str], float]:
    """Every pair with Jaccard >= threshold, by comparing all pairs of shingle sets."""
    sets = []
    for doc in docs:
        words = re.findall(r"\w+", doc.text.lower())
        sets.append({tuple(words[i:i + k]) for i in range(max(len(words) - k, 0) + 1)} if words else set())
    found = {}
    for (a, sa), (b, sb) in itertools.combinations(zip(docs, sets, strict=True), 2):
        if sa and sb:
            similarity = len(sa & sb) / len(sa | sb)
            if similarity >= threshold:
                found[(a.id, b.id)] = similarity
    return found


@pytest.fixture(scope="module")
def planted() -> list[Document]:
    return _planted_module().planted_corpus(600, copy_share=0.9, seed=3)


@pytest.fixture(scope="module")
def all_pairs(planted) -> dict[int, dict[tuple[str, str], float]]:
    """The oracle's pairs with Jaccard >= 0.5, for shingles of 5 and of 3 words."""
    return {k: oracle_pairs(planted, 0.5, k) for k in (5, 3)}


@pytest.mark.slow
@pytest.mark.parametrize(("threshold", "k"), [(0.8, 5), (0.5, 5), (0.9, 3), (0.7, 3)])
def test_recall_and_precision_against_all_pairs(planted, all_pairs, threshold, k):
    truth = {pair: s for pair, s in all_pairs[k].items() if s >= threshold}
    table = find_duplicates(planted, threshold=threshold, shingle=k)
    found = dict(zip(zip(table["id_a"], table["id_b"], strict=True), table["similarity"], strict=True))
    hits = len(found.keys() & truth.keys())
    assert len(truth) > 30  # with fewer than 100 pairs, 0.99 means none missed
    assert hits / len(truth) >= 0.99  # recall
    assert hits / len(found) >= 0.99  # precision
    for pair in found.keys() & truth.keys():
        assert found[pair] == pytest.approx(truth[pair], abs=1e-12)  # the true Jaccard, not an estimate


def test_planted_copies_straddle_the_threshold(planted):
    """The oracle sees copies both above and below 0.8, so the recall test is not trivial."""
    copies = [d for d in planted if "-c" in d.id]
    originals = {d.id: d for d in planted}
    similarities = [jaccard(shingles(originals[c.id.split("-")[0]].text), shingles(c.text))
                    for c in copies if c.id.split("-")[0] in originals]
    assert min(similarities) < 0.6 and max(similarities) > 0.9
    assert 0.1 < np.mean(np.array(similarities) >= 0.8) < 0.9


def test_signatures_are_datasketchs():
    rng = np.random.default_rng(0)
    sets = [rng.integers(0, 2**32, size=n, dtype=np.uint64).astype(np.uint32) for n in (1, 7, 300, 0, 40)]
    ours = minhash_signatures(sets, num_perm=64, seed=5)
    for row, values in zip(ours, sets, strict=True):
        theirs = MinHash(num_perm=64, seed=5, hashfunc=int)
        theirs.update_batch(values.tolist())
        assert (row == theirs.hashvalues).all()


def test_lsh_bands_keep_misses_at_the_threshold_rare():
    for threshold in (0.3, 0.5, 0.8, 0.95):
        bands, rows = lsh_bands(threshold, 128)
        assert bands * rows <= 128
        assert (1 - threshold**rows) ** bands <= 1e-4
        assert (1 - threshold ** (rows + 1)) ** (128 // (rows + 1)) > 1e-4  # the most rows that do


def test_toy_pairs_clusters_and_order():
    base = "de minister van justitie kondigde dinsdag strengere straffen aan voor geweld tegen agenten"
    docs = [
        Document("a", parse_date("2021-03-02"), base, source="NOS"),
        Document("b", parse_date("2021-03-01"), base + " vandaag", source="AD"),
        Document("c", None, "Iets heel anders over de verkiezingen in Groningen en het gas dat blijft"),
        Document("d", parse_date("2021-03-03"), base.upper() + "!", source="NRC"),
        Document("e", None, ""),
        Document("f", None, "  "),
    ]
    table = find_duplicates(docs, threshold=0.8)
    # 13 words -> 9 shingles; b adds one; d only differs in case and punctuation.
    assert table[["id_a", "id_b"]].values.tolist() == [["a", "d"], ["a", "b"], ["b", "d"]]
    assert table["similarity"].tolist() == [1.0, 0.9, 0.9]
    assert table["cluster"].tolist() == [0, 0, 0]
    assert table.loc[1, ["date_a", "date_b", "source_a", "source_b"]].tolist() == [
        "2021-03-02", "2021-03-01", "NOS", "AD"]
    assert table.attrs == {"threshold": 0.8, "shingle": 5}


def test_two_clusters_and_a_chain():
    words = [f"woord{i}" for i in range(40)]
    one = " ".join(words[:20])
    two = " ".join(words[20:])
    docs = [Document("x1", None, one), Document("y1", None, two), Document("x2", None, one),
            Document("y2", None, two + " extra"), Document("y3", None, two + " extra nog")]
    table = find_duplicates(docs, threshold=0.8)
    clusters = dict(zip(zip(table["id_a"], table["id_b"], strict=True), table["cluster"], strict=True))
    assert clusters == {("x1", "x2"): 0, ("y1", "y2"): 1, ("y2", "y3"): 1, ("y1", "y3"): 1}


def test_short_documents_have_one_shingle():
    docs = [Document("a", None, "Kort bericht."), Document("b", None, "kort, BERICHT"),
            Document("c", None, "kort")]
    table = find_duplicates(docs, threshold=0.9)
    assert table[["id_a", "id_b", "similarity"]].values.tolist() == [["a", "b", 1.0]]


def test_same_table_every_run(planted):
    first = find_duplicates(planted[:200])
    again = find_duplicates(list(planted[:200]))
    pd.testing.assert_frame_equal(first, again)


def test_an_empty_corpus_gives_an_empty_table():
    table = find_duplicates([])
    assert list(table.columns) == ["id_a", "id_b", "similarity", "date_a", "date_b", "source_a",
                                   "source_b", "cluster"]
    assert table.empty


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"threshold": 0}, "threshold must be a number in (0, 1], got 0"),
    ({"threshold": 1.5}, "threshold must be a number in (0, 1], got 1.5"),
    ({"shingle": 0}, "shingle must be an int >= 1, got 0"),
    ({"num_perm": 1}, "num_perm must be >= 2, got 1"),
])
def test_bad_arguments_are_named(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        find_duplicates([Document("a", None, "een twee drie")], **kwargs)


def test_deduplicate_keeps_the_earliest_and_lists_the_rest():
    base = "de minister van justitie kondigde dinsdag strengere straffen aan voor geweld tegen agenten"
    docs = [
        Document("nrc", parse_date("2021-03-02"), base, source="NRC"),
        Document("undated", None, base),
        Document("anp", parse_date("2021-03-01"), base + " vandaag", source="ANP"),
        Document("month", parse_date("2021-03"), base),
        Document("other", parse_date("2021-01-05"), "Iets heel anders over de verkiezingen in Groningen"),
    ]
    corpus = Corpus(docs, skipped=[])
    earliest = corpus.deduplicate(0.8)
    # "2021-03" starts on 1 March as anp does; anp comes first in corpus order.
    assert earliest.ids == ["anp", "other"]
    assert earliest.removed == (Removed("nrc", "anp", 0.9), Removed("undated", "anp", 0.9),
                                Removed("month", "anp", 0.9))
    first = corpus.deduplicate(0.8, keep="first")
    assert first.ids == ["nrc", "other"]
    assert [r.kept for r in first.removed] == ["nrc", "nrc", "nrc"]
    assert [r.similarity for r in first.removed] == [1.0, 0.9, 1.0]
    assert "3 near-duplicates removed" in repr(first)
    assert first.filter(source="NRC").removed == first.removed
    with pytest.raises(ValueError, match="keep must be 'earliest' or 'first', got 'last'"):
        corpus.deduplicate(keep="last")


@pytest.mark.slow
def test_deduplicate_on_planted_copies_leaves_no_pair_above_the_threshold(planted, all_pairs):
    kept = Corpus(planted).deduplicate(0.8)
    assert len(kept) + len(kept.removed) == len(planted)
    assert not [pair for pair, s in all_pairs[5].items() if s >= 0.8 and set(pair) <= set(kept.ids)]
    removed_ids = {r.id for r in kept.removed}
    assert removed_ids.isdisjoint(kept.ids)
