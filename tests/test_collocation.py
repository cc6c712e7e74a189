"""Tests for analysis.collocation: hand-counted toys, a brute-force reference,
NLTK as an oracle, and consistency between the matrix and node-first paths."""

from __future__ import annotations

import warnings
from collections import defaultdict
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from analysis import measures
from analysis.collocation import Cooccurrence, collocate_change, collocates, cooccurrence
from analysis.corpus import Document, load_corpus, parse_date
from analysis.tokenized import Tokens, tokenize

ROOT = Path(__file__).resolve().parents[1]


def toks(*texts: str, **options) -> Tokens:
    options.setdefault("stopwords", None)
    return tokenize([Document(str(i), None, text) for i, text in enumerate(texts)], **options)


def make_tokens(docs: list[list[list[int]]], size: int) -> Tokens:
    """Tokens straight from ids: documents of sentences of ids (-1 = gap)."""
    ids, doc_offsets, sent_offsets = [], [0], [0]
    for doc in docs:
        for sentence in doc:
            ids.extend(sentence)
            sent_offsets.append(len(ids))
        doc_offsets.append(len(ids))
    documents = pd.DataFrame({"id": [f"d{i}" for i in range(len(docs))], "date": None,
                              "precision": None})
    vocabulary = tuple(f"w{i:02d}" for i in range(size))
    return Tokens(vocabulary, np.array(ids, dtype=np.int32), np.array(doc_offsets, dtype=np.int64),
                  np.array(sent_offsets, dtype=np.int64), documents)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def court(corpus):
    return tokenize(corpus)


@pytest.fixture(scope="module")
def article():
    # NLTK's finder has no gaps: compare on the words alone, as its from_words sees them
    return tokenize(load_corpus(ROOT / "corpus" / "news"), stopwords=None, padding=False)


# ---------------------------------------------------------------------------
# hand-counted toys
# ---------------------------------------------------------------------------


def test_window_counts_by_hand():
    # positions: 0 de, 1 kat, 2 zag, 3 de, 4 hond
    co = cooccurrence(toks("de kat zag de hond"), window=2)
    assert co.count("de", "kat") == 2  # 0-1, 3-1
    assert co.count("de", "zag") == 2  # 0-2, 3-2
    assert co.count("de", "hond") == 1  # 3-4; 0-4 is 4 apart
    assert co.count("de", "de") == 0  # 3 apart
    assert co.count("kat", "hond") == 0  # 3 apart
    assert co.count("zag", "hond") == 1
    assert (co.matrix != co.matrix.T).nnz == 0
    assert co.n == 14  # 7 position pairs, each from both sides
    assert co.row_sums[co.index["de"]] == 5  # 2 slots around de@0, 3 around de@3
    # a word with itself: the pair is counted around each occurrence
    assert cooccurrence(toks("de kat zag de hond"), window=3).count("de", "de") == 2


def test_repeated_words_in_one_window():
    co = cooccurrence(toks("de de kat"), window=2)
    assert co.count("de", "kat") == 2  # each de once
    assert co.count("kat", "de") == 2
    assert co.count("de", "de") == 2  # the one pair, from both sides
    assert co.count("kat", "kat") == 0


def test_windows_stop_at_documents_and_optionally_sentences():
    t = toks("Aap noot. Mies wim", "zus jet")
    co = cooccurrence(t, window=5)
    assert co.count("noot", "mies") == 1  # sentences are crossed by default
    assert co.count("wim", "zus") == 0  # documents never
    bounded = cooccurrence(t, window=5, sentence_bounded=True)
    assert bounded.count("noot", "mies") == 0
    assert bounded.count("aap", "noot") == 1
    assert bounded.count("mies", "wim") == 1


def test_asymmetric_window_is_directional():
    t = toks("a b c d e")
    co = cooccurrence(t, window=(1, 2))  # one before, two after the node
    assert co.count("c", "b") == 1 and co.count("c", "d") == 1 and co.count("c", "e") == 1
    assert co.count("c", "a") == 0  # two before
    assert co.count("a", "c") == 1 and co.count("c", "a") == 0
    forward = cooccurrence(t, window=(0, 1))
    assert forward.count("a", "b") == 1 and forward.count("b", "a") == 0
    assert not forward.symmetric
    frame = forward.to_frame("count")
    assert frame[["term_a", "term_b"]].values.tolist() == [["a", "b"], ["b", "c"], ["c", "d"],
                                                           ["d", "e"]]


def test_padding_gaps_count_as_positions_and_never_pair():
    padded = toks("de kat van de buren", stopwords=["van", "de"])  # padding is the default
    assert list(padded) == [["", "kat", "", "", "buren"]]
    assert cooccurrence(padded, window=2).count("kat", "buren") == 0  # 3 positions apart
    assert cooccurrence(padded, window=3).count("kat", "buren") == 1
    dense = toks("de kat van de buren", stopwords=["van", "de"], padding=False)
    assert cooccurrence(dense, window=1).count("kat", "buren") == 1


def test_sentence_and_document_contexts():
    t = toks("De kat zag de kat. De hond", "de hond")
    sentence = cooccurrence(t, context="sentence")
    assert sentence.count("de", "kat") == 4  # 2 x 2 in sentence one
    assert sentence.count("de", "de") == 2 + 0 + 0  # 2 * (2 - 1) in sentence one
    assert sentence.count("kat", "kat") == 2
    assert sentence.count("de", "hond") == 2  # one per sentence
    assert sentence.count("zag", "hond") == 0
    document = cooccurrence(t, context="document")
    assert document.count("de", "kat") == 6  # 3 de x 2 kat
    assert document.count("de", "de") == 6  # 3 * 2
    assert document.count("zag", "hond") == 1


def test_boolean_counts_each_context_once():
    t = toks("de kat de kat", "de kat", "de hond de")
    co = cooccurrence(t, window=1, count="boolean")
    assert co.count("de", "kat") == 2  # documents 0 and 1, whatever the number of pairs
    assert co.count("de", "hond") == 1
    assert co.count("de", "de") == 0  # never within 1
    assert cooccurrence(t, window=2, count="boolean").count("de", "de") == 2  # docs 0 and 2
    sentence = cooccurrence(toks("De kat. De kat de"), context="sentence", count="boolean")
    assert sentence.count("de", "kat") == 2
    assert sentence.count("de", "de") == 1  # only the second sentence holds de twice
    assert cooccurrence(toks("De kat. De"), context="document",
                        count="boolean").count("de", "de") == 1


def test_weighted_counts_use_inverse_distance():
    co = cooccurrence(toks("de kat zag de hond"), window=3, count="weighted")
    assert co.count("de", "kat") == pytest.approx(1 + 1 / 2)
    assert co.count("de", "de") == pytest.approx(2 / 3)
    assert co.matrix.dtype == np.float64


def test_pruning_maps_terms_to_gaps_and_records_them():
    t = toks("de kat zag de hond de kat")
    co = cooccurrence(t, window=1, min_count=2)
    assert co.vocabulary == ("de", "kat")
    assert co.pruned["terms"] == 2 and co.pruned["tokens"] == 2
    assert co.pruned["below_min_count"] == 2
    assert co.count("de", "kat") == 2  # positions 0-1 and 5-6
    assert co.count("kat", "de") == 2
    assert co.count("de", "de") == 0  # 3 and 5 are 2 apart: the pruned hond keeps its place
    capped = cooccurrence(t, window=1, max_vocabulary=2)
    assert capped.vocabulary == ("de", "kat") and capped.pruned["beyond_max_vocabulary"] == 2
    listed = cooccurrence(t, window=2, vocabulary=["DE", "Hond", "paard"])
    assert listed.vocabulary == ("de", "hond")
    assert listed.pruned["unknown"] == ["paard"]
    assert listed.count("de", "hond") == 2  # de@3 and de@5 within 2 of hond@4; kat is a gap
    with pytest.raises(KeyError, match="'kat'"):
        listed.count("kat", "de")


# ---------------------------------------------------------------------------
# brute force on generated corpora
# ---------------------------------------------------------------------------


def brute_force(docs, size, context, left, right, count, sentence_bounded):
    matrix = np.zeros((size, size))
    for d, doc in enumerate(docs):
        flat = [(tok, s) for s, sentence in enumerate(doc) for tok in sentence]
        local: dict[tuple[int, int], dict] = defaultdict(lambda: defaultdict(float))
        for i, (a, si) in enumerate(flat):
            for j, (b, sj) in enumerate(flat):
                if i == j or a < 0 or b < 0:
                    continue
                if context == "window":
                    if not i - left <= j <= i + right or (sentence_bounded and si != sj):
                        continue
                    unit = d
                elif context == "sentence":
                    if si != sj:
                        continue
                    unit = (d, si)
                else:
                    unit = d
                weight = 1 / abs(i - j) if count == "weighted" else 1
                local[(a, b)][unit] += weight
        for (a, b), units in local.items():
            matrix[a, b] += len(units) if count == "boolean" else sum(units.values())
    return matrix


token = st.integers(min_value=-1, max_value=5)
sentence = st.lists(token, min_size=1, max_size=7)
document = st.lists(sentence, min_size=0, max_size=3)
corpora = st.lists(document, min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(
    docs=corpora,
    spec=st.one_of(
        st.tuples(st.just("window"), st.integers(0, 4), st.integers(0, 4)).filter(
            lambda s: s[1] + s[2] >= 1),
        st.tuples(st.sampled_from(["sentence", "document"]), st.just(1), st.just(1)),
    ),
    count=st.sampled_from(["frequency", "boolean", "weighted"]),
    sentence_bounded=st.booleans(),
)
def test_vectorised_counts_equal_brute_force(docs, spec, count, sentence_bounded):
    context, left, right = spec
    if context != "window":
        if count == "weighted":
            count = "frequency"
        sentence_bounded = False
    tokens = make_tokens(docs, 6)
    present = sorted({t for doc in docs for s in doc for t in s if t >= 0})
    assume(len(present) >= 2)
    co = cooccurrence(tokens, context=context, window=(left, right), count=count,
                      sentence_bounded=sentence_bounded)
    expected = brute_force(docs, 6, context, left, right, count, sentence_bounded)
    expected = expected[np.ix_(present, present)]
    assert co.vocabulary == tuple(tokens.vocabulary[i] for i in present)
    np.testing.assert_allclose(co.matrix.toarray(), expected, rtol=1e-12)
    assert co.n == pytest.approx(expected.sum())
    if context == "window" and count == "frequency":
        # node-first collocates agree with the matrix, marginals included
        node = co.vocabulary[0]
        frame = collocates(tokens, node, window=(left, right), sentence_bounded=sentence_bounded)
        if len(frame):
            got = dict(zip(frame["term"], frame["o11"], strict=True))
            assert got == {co.vocabulary[j]: int(expected[0, j])
                           for j in range(len(present)) if expected[0, j] > 0}
            ref = co.collocates(node)
            pd.testing.assert_frame_equal(frame.drop(columns="node_count"),
                                          ref.drop(columns="node_count"), check_dtype=False)


# ---------------------------------------------------------------------------
# association: marginals by hand, and NLTK as the oracle
# ---------------------------------------------------------------------------


def test_positional_marginals_by_hand():
    co = cooccurrence(toks("de kat zag de hond"), window=2)
    # kat@1 sees de@0, zag@2, de@3 -> R1 = 3; de is context in 5 slots; N = 14
    row = co.collocates("kat").set_index("term").loc["de"]
    expected = measures.association_scores(2, 3, 5, 14)
    for key, value in expected.items():
        assert row[key] == pytest.approx(float(value)), key
    assert row["e11"] == pytest.approx(3 * 5 / 14)
    frame = co.to_frame(["pmi", "g2"]).set_index(["term_a", "term_b"])
    assert frame.loc[("de", "kat"), "pmi"] == pytest.approx(float(measures.pmi(2, 5, 3, 14)))


NLTK_MEASURES = {"pmi": "pmi", "g2": "likelihood_ratio", "chi2": "chi_sq",
                 "t_score": "student_t", "dice": "dice", "jaccard": "jaccard"}


@pytest.mark.parametrize("window_size", [2, 3, 6])
def test_nltk_convention_reproduces_bigram_collocation_finder(article, window_size):
    words = article.doc(0)
    finder = BigramCollocationFinder.from_words(words, window_size=window_size)
    co = cooccurrence(article, window=(0, window_size - 1))
    frame = co.to_frame(list(NLTK_MEASURES), convention="nltk")
    assert len(frame) == len(finder.ngram_fd)
    ours = frame.set_index(["term_a", "term_b"])
    assert ours["count"].to_dict() == dict(finder.ngram_fd)
    for name, nltk_name in NLTK_MEASURES.items():
        theirs = dict(finder.score_ngrams(getattr(BigramAssocMeasures, nltk_name)))
        got = ours[name].to_dict()
        assert got.keys() == theirs.keys()
        for pair, value in theirs.items():
            assert got[pair] == pytest.approx(value, rel=1e-9, abs=1e-9), (name, pair)
    # and the ranking: score descending, then the pair
    ranked = co.to_frame("pmi", convention="nltk", top=25)
    assert list(zip(ranked["term_a"], ranked["term_b"], strict=True)) == finder.nbest(
        BigramAssocMeasures.pmi, 25)


def test_nltk_convention_needs_a_forward_frequency_window(article):
    with pytest.raises(ValueError, match=r"window=\(2, 2\)"):
        cooccurrence(article, window=2).to_frame("pmi", convention="nltk")
    with pytest.raises(ValueError, match="'sideways'"):
        cooccurrence(article, window=(0, 2)).to_frame("pmi", convention="sideways")


# ---------------------------------------------------------------------------
# node-first collocates on the shipped corpus
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("node", ["rechtbank", "wagner", "beroep"])
@pytest.mark.parametrize("window", [5, (2, 4)])
def test_collocates_equal_the_matrix(court, node, window):
    co = cooccurrence(court, window=window)
    frame = collocates(court, node, window=window, keep_abbreviations=True)  # row sums count every term
    assert len(frame) > 0
    for collocate, o11 in zip(frame["term"], frame["o11"], strict=True):
        assert co.count(node, collocate) == o11
    assert frame["o11"].sum() == co.row_sums[co.index[node]]
    pd.testing.assert_frame_equal(frame, co.collocates(node, keep_abbreviations=True), check_dtype=False)
    assert list(frame.columns) == ["node", "term", "o11", "e11", "node_count",
                                   "term_count", *measures.ASSOCIATION_KEYS]
    assert frame.attrs["measure"] == "log_dice" and frame.attrs["node"] == node
    key = frame["log_dice"].to_numpy()
    assert (np.diff(key) <= 0).all()


def test_collocates_sorting_and_top(court):
    frame = collocates(court, "rechtbank", measure="g2", top=15, min_count=3)
    assert len(frame) == 15 and (frame["o11"] >= 3).all()
    ordered = frame.sort_values(["g2", "term"], ascending=[False, True], kind="mergesort")
    pd.testing.assert_frame_equal(frame, ordered.reset_index(drop=True))
    assert collocates(court, "rechtbank", measure="logdice").attrs["measure"] == "log_dice"


def test_glob_node_merges_the_matching_rows(court):
    co = cooccurrence(court, window=3)
    matched = [t for t in co.vocabulary if t.startswith("verdacht")]
    assert len(matched) > 1
    frame = collocates(court, "verdacht*", window=3, keep_abbreviations=True)
    assert sorted(frame.attrs["terms"]) == matched
    rows = sum(co.matrix.getrow(co.index[t]).toarray().ravel() for t in matched)
    got = dict(zip(frame["term"], frame["o11"], strict=True))
    assert got == {co.vocabulary[j]: int(rows[j]) for j in np.flatnonzero(rows)}


def test_phrase_node_window_is_around_the_span():
    t = toks("De hoge raad besliste gisteren. Hoge bomen vangen wind", "de hoge raad zweeg")
    frame = collocates(t, "Hoge Raad", window=1)
    assert frame.attrs["terms"] == ["hoge raad"]
    assert dict(zip(frame["term"], frame["o11"], strict=True)) == {
        "de": 2, "besliste": 1, "zweeg": 1}
    assert (frame["node_count"] == 2).all()
    merged = toks("de hoge raad besliste", phrases=["hoge raad"])
    frame = collocates(merged, "hoge raad", window=1)
    assert set(frame["term"]) == {"de", "besliste"}


def test_collocates_by_period():
    docs = [Document("a", parse_date("2018-03"), "wagner steunt maduro"),
            Document("b", parse_date("2019-05"), "wagner steunt poetin"),
            Document("c", parse_date("2020-01"), "niets hier")]
    frame = collocates(tokenize(docs, stopwords=None), "wagner", window=2, by="year")
    assert list(frame.columns[:3]) == ["year", "node", "term"]  # named after by=
    assert frame.groupby("year")["term"].apply(sorted).to_dict() == {
        "2018": ["maduro", "steunt"], "2019": ["poetin", "steunt"]}


def test_collocate_change():
    docs = [Document("a", parse_date("2018"), "wagner steunt maduro " * 6),
            Document("b", parse_date("2019"), "wagner steunt poetin " * 6 + "wagner maduro")]
    change = collocate_change(tokenize(docs, stopwords=None), "wagner", "2018", "2019",
                              window=1, min_count=1)
    rows = change.set_index("term")
    assert rows.loc["maduro", ["count_a", "count_b"]].tolist() == [5, 1]
    assert rows.loc["poetin", "direction"] == "gained" and rows.loc["maduro", "direction"] == "lost"
    assert rows.loc["maduro", "g2"] < 0 < rows.loc["poetin", "g2"]
    expected = measures.keyness_scores(6, 0, rows["size_b"].iloc[0], rows["size_a"].iloc[0])
    assert rows.loc["poetin", "g2"] == pytest.approx(float(expected["g2_signed"]))
    assert list(change.columns) == ["term", "count_a", "count_b", "size_a", "size_b", "g2",
                                    "log_ratio", "p_value", "p_adjusted", "direction"]
    assert (change["p_adjusted"] >= change["p_value"]).all()
    with pytest.warns(UserWarning, match="period_a"):
        absent = collocate_change(tokenize(docs, stopwords=None), "poetin", "2018", "2019")
    assert len(absent) == 0 and "'2018'" in absent.attrs["message"]


# ---------------------------------------------------------------------------
# tables and graphs
# ---------------------------------------------------------------------------


def test_to_frame_lists_each_unordered_pair_once(court):
    co = cooccurrence(court, window=2)
    frame = co.to_frame(["pmi", "g2"], min_count=2)
    assert list(frame.columns) == ["term_a", "term_b", "count", "count_a", "count_b", "pmi", "g2"]
    assert (frame["term_a"] <= frame["term_b"]).all() and (frame["count"] >= 2).all()
    assert not frame.duplicated(["term_a", "term_b"]).any()
    ordered = frame.sort_values(["pmi", "term_a", "term_b"], ascending=[False, True, True],
                                kind="mergesort").reset_index(drop=True)
    pd.testing.assert_frame_equal(frame, ordered)
    top = co.to_frame("g2", top=40, min_count=2)
    full = co.to_frame("g2", min_count=2)
    pd.testing.assert_frame_equal(top, full.head(40))


def test_submatrix_and_graphs(tmp_path):
    co = cooccurrence(toks("de kat zag de hond", "de hond zag de kat"), window=2)
    sub = co.submatrix(["kat", "de", "hond"])
    assert sub.loc["kat", "de"] == co.count("kat", "de") and (sub.values == sub.values.T).all()
    pmi = co.submatrix(["kat", "de"], measure="pmi")
    assert pmi.loc["kat", "de"] == pytest.approx(
        co.to_frame("pmi").set_index(["term_a", "term_b"]).loc[("de", "kat"), "pmi"])
    with pytest.raises(KeyError, match="'paard'"):
        co.submatrix(["kat", "paard"])
    graph = co.to_networkx("g2", top=3)
    assert isinstance(graph, nx.Graph) and graph.number_of_edges() == 3
    a, b, data = next(iter(graph.edges(data=True)))
    assert data["weight"] == data["g2"] and data["count"] == co.count(a, b)
    assert graph.nodes[a]["frequency"] == co.frequencies[co.index[a]]
    assert isinstance(cooccurrence(toks("a b c"), window=(0, 1)).to_networkx(), nx.DiGraph)
    gexf = co.to_gexf(tmp_path / "out" / "graph.gexf", "pmi")
    graphml = co.to_graphml(tmp_path / "out" / "graph.graphml", "count")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["graph.gexf", "graph.graphml"]
    assert nx.read_gexf(gexf).number_of_nodes() == 4
    assert nx.read_graphml(graphml).number_of_edges() == co.to_networkx("count").number_of_edges()


# ---------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------


def test_node_that_never_occurs_gives_an_empty_table(court):
    with pytest.warns(UserWarning, match="'zeppelin'"):
        frame = collocates(court, "zeppelin")
    assert len(frame) == 0 and "zeppelin" in frame.attrs["message"]
    assert list(frame.columns[:6]) == ["node", "term", "o11", "e11", "node_count",
                                       "term_count"]
    with pytest.warns(UserWarning):
        assert len(collocates(court, "zeppelin", by="year")) == 0


@pytest.mark.parametrize("window", [0, -2, (0, 0), (-1, 3), 2.5, True, "5"])
def test_bad_windows_are_named(court, window):
    with pytest.raises(ValueError, match="window"):
        cooccurrence(court, window=window)
    with pytest.raises(ValueError, match="window"):
        collocates(court, "rechtbank", window=window)


def test_bad_arguments_are_named(court):
    with pytest.raises(ValueError, match="'pmx'"):
        collocates(court, "rechtbank", measure="pmx")
    with pytest.raises(ValueError, match="'pmx'"):
        cooccurrence(toks("a b"), window=1).to_frame("pmx")
    with pytest.raises(ValueError, match="'paragraph'"):
        cooccurrence(court, context="paragraph")
    with pytest.raises(ValueError, match="'often'"):
        cooccurrence(court, count="often")
    with pytest.raises(ValueError, match="weighted"):
        cooccurrence(court, context="sentence", count="weighted")
    with pytest.raises(ValueError, match=r"\['kat'\]"):
        cooccurrence(toks("kat kat kat"), window=1)
    with pytest.raises(ValueError, match="at least 2 terms"):
        cooccurrence(court, vocabulary=["rechtbank"])
    with pytest.raises(TypeError, match="Tokens"):
        cooccurrence(["de", "kat"])
    with pytest.raises(ValueError, match="2017"):
        collocate_change(court, "rechtbank", "2017", "2014")


def test_empty_corpus_is_an_error():
    empty = toks("de het een", stopwords="nl")
    with pytest.raises(ValueError, match="empty corpus"):
        cooccurrence(empty)
    with pytest.raises(ValueError, match="empty corpus"):
        collocates(empty, "de")


def test_results_are_records():
    co = cooccurrence(toks("de kat zag de hond"), window=2)
    assert isinstance(co, Cooccurrence)
    with pytest.raises(AttributeError):
        co.n_tokens = 3  # type: ignore[misc]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        co.to_frame(list(measures.ASSOCIATION_KEYS))


@pytest.mark.parametrize("count", ["frequency", "weighted"])
def test_n_jobs_gives_the_same_matrix(count, monkeypatch) -> None:
    import analysis.collocation as module
    import analysis.counting

    tokens = tokenize(load_corpus(Path(__file__).resolve().parents[1] / "corpus"))
    monkeypatch.setattr(analysis.counting, "CHUNK", 20_000)  # several blocks per process
    one = module.cooccurrence(tokens, window=4, count=count)
    two = module.cooccurrence(tokens, window=4, count=count, n_jobs=2)
    assert one.matrix.dtype == two.matrix.dtype
    assert (one.matrix != two.matrix).nnz == 0
    with pytest.raises(ValueError, match="n_jobs"):
        module.cooccurrence(tokens, n_jobs=0)
