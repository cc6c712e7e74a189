"""Topic models: reproducibility, storage, tables, coherence and bootstrap against
hand computations and brute-force references."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.corpus import Document, parse_date
from analysis.tokenized import tokenize
from analysis.topic_model import TopicModel, coherence_by_k, load_topic_model, topics, topics_skip_reason


@pytest.fixture(scope="module")
def court_tokens():
    corpus = analysis.load_corpus(analysis.config.corpus_dir() / "rechtspraak")
    return analysis.tokenize(corpus[:60], stopwords="nl+nl-news")


def _toy_docs() -> list[Document]:
    animals = ["kat hond muis kat", "hond kat muis vogel", "muis vogel kat hond"]
    law = ["wet hof rechter wet", "hof rechter vonnis", "vonnis wet hof rechter"]
    docs = []
    for i, (a, b) in enumerate(zip(animals * 4, law * 4, strict=True)):
        month = f"2019-{i % 3 + 1:02d}" if i % 3 != 1 else "2019-04"
        docs.append(Document(f"a{i}", parse_date(month + "-10"), a))
        docs.append(Document(f"l{i}", parse_date(month + "-20"), b))
    return docs


@pytest.fixture(scope="module")
def toy_tokens():
    return tokenize(_toy_docs(), stopwords=None)


def _manual_model(shares: np.ndarray, dates: list[str | None], lengths=None) -> TopicModel:
    meta = pd.DataFrame({"id": [f"d{i}" for i in range(len(dates))], "date": dates})
    k = shares.shape[1]
    lengths = np.full(len(dates), 3) if lengths is None else np.asarray(lengths)
    return TopicModel(np.full((k, 1), 1.0), shares, ("x",), meta, lengths, tuple(f"t{i}" for i in range(k)),
                      {"seed": 0})


# -- reproducibility and storage -------------------------------------------


def test_same_tokens_settings_and_seed_give_the_same_model_bit_for_bit(court_tokens):
    first = topics(court_tokens, 5, seed=3, iterations=40)
    second = topics(court_tokens, 5, seed=3, iterations=40)
    assert first.topic_terms.tobytes() == second.topic_terms.tobytes()
    assert first.document_topics.tobytes() == second.document_topics.tobytes()
    assert first.terms(top=10).equals(second.terms(top=10))
    other = topics(court_tokens, 5, seed=4, iterations=40)
    assert not np.array_equal(first.document_topics, other.document_topics)


def test_shares_are_distributions_and_lengths_count_kept_tokens(court_tokens):
    model = topics(court_tokens, 4, iterations=30, min_count=3)
    np.testing.assert_allclose(model.topic_terms.sum(axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(model.document_topics.sum(axis=1), 1.0, atol=1e-5)
    counts = court_tokens.counts()
    kept = {t for t, c in zip(court_tokens.vocabulary, counts, strict=True) if c >= 3}
    assert set(model.vocabulary) == kept
    expected = [sum(1 for t in court_tokens.doc(d) if t in kept) for d in range(len(court_tokens))]
    assert model.doc_lengths.tolist() == expected
    assert model.documents()["n_tokens"].tolist() == expected


def test_save_and_load_give_the_same_model_without_pickle(court_tokens, tmp_path):
    model = topics(court_tokens, 3, iterations=20).label({0: "eerste"})
    folder = model.save(tmp_path / "model")
    assert sorted(p.name for p in folder.iterdir()) == ["arrays.npz", "documents.parquet", "model.json"]
    with np.load(folder / "arrays.npz", allow_pickle=False) as arrays:  # no object arrays inside
        assert {arrays[name].dtype.kind for name in arrays.files} <= {"f", "i"}
    loaded = load_topic_model(folder)
    assert loaded.topic_terms.tobytes() == model.topic_terms.tobytes()
    assert loaded.document_topics.tobytes() == model.document_topics.tobytes()
    assert loaded.labels == model.labels and loaded.vocabulary == model.vocabulary
    assert loaded.settings == model.settings
    def missing_as_none(frame):
        return frame.astype(object).where(frame.notna(), None)

    pd.testing.assert_frame_equal(missing_as_none(loaded.documents()), missing_as_none(model.documents()))
    pd.testing.assert_frame_equal(TopicModel.load(folder).terms(), model.terms())
    model.save(folder)  # overwriting a saved model is fine ...
    (tmp_path / "other").mkdir()
    with pytest.raises(FileExistsError, match="not a saved topic model"):  # ... anything else is not
        model.save(tmp_path / "other")
    with pytest.raises(FileNotFoundError, match="model.json"):
        load_topic_model(tmp_path / "missing")


# -- tables ----------------------------------------------------------------------


def test_terms_rank_by_weight_then_term(court_tokens):
    model = topics(court_tokens, 3, iterations=20)
    table = model.terms(top=7)
    for t in range(3):
        brute = sorted(zip(model.vocabulary, model.topic_terms[t], strict=True), key=lambda p: (-p[1], p[0]))[:7]
        rows = table[table["topic"] == t]
        assert rows["term"].tolist() == [term for term, _ in brute]
        assert rows["weight"].tolist() == [float(w) for _, w in brute]
        assert rows["rank"].tolist() == list(range(1, 8))


def test_documents_give_metadata_dominant_topic_and_shares():
    shares = np.array([[0.2, 0.8], [0.5, 0.5], [0.6, 0.4]])
    model = _manual_model(shares, ["2019-01", "2019-02", None], lengths=[3, 2, 0])
    table = model.documents()
    assert table.columns.tolist() == ["id", "date", "n_tokens", "dominant", "t0", "t1"]
    assert table["dominant"].tolist() == ["t1", "t0", None]  # tie: first topic; no tokens: none
    assert table[["t0", "t1"]].to_numpy().tolist() == shares.tolist()


def test_label_renames_and_checks():
    model = _manual_model(np.eye(3), ["2019-01"] * 3)
    assert model.label({"t1": "oorlog", 2: "sancties"}).labels == ("t0", "oorlog", "sancties")
    assert model.label(["a", "b", "c"]).documents().columns[-3:].tolist() == ["a", "b", "c"]
    assert model.labels == ("t0", "t1", "t2")  # the model itself is unchanged
    with pytest.raises(ValueError, match="unique"):
        model.label({0: "t1"})
    with pytest.raises(ValueError, match="clash"):
        model.label({0: "date"})
    with pytest.raises(ValueError, match="no topic 5"):
        model.label({5: "x"})


# -- over time ---------------------------------------------------------------------


def test_over_time_means_document_shares_and_keeps_empty_periods():
    shares = np.array([[0.9, 0.1], [0.5, 0.5], [0.2, 0.8], [0.3, 0.7], [0.6, 0.4]])
    model = _manual_model(shares, ["2019-01-03", "2019-01-20", "2019-03-01", "2019-03-09", "2019-03-30"],
                          lengths=[4, 4, 4, 4, 0])
    table = model.over_time(by="month", n_boot=2000)
    assert table.columns.tolist() == ["month", "start", "topic", "label", "share", "ci_low", "ci_high", "doc_count"]
    assert table["month"].tolist() == ["2019-01"] * 2 + ["2019-02"] * 2 + ["2019-03"] * 2
    assert table["doc_count"].tolist() == [2, 2, 0, 0, 2, 2]  # the document without tokens is left out
    np.testing.assert_allclose(table["share"], [0.7, 0.3, 0.0, 0.0, 0.25, 0.75])
    empty = table[table["month"] == "2019-02"]
    assert empty[["ci_low", "ci_high"]].isna().all().all()
    # two documents: the bootstrap mean takes 3 values; the 95% interval spans the two extremes
    jan = table[(table["month"] == "2019-01") & (table["topic"] == 0)].iloc[0]
    assert (jan["ci_low"], jan["ci_high"]) == pytest.approx((0.5, 0.9))
    assert table["start"].dt.strftime("%Y-%m-%d").tolist()[::2] == ["2019-01-01", "2019-02-01", "2019-03-01"]
    pd.testing.assert_frame_equal(table, model.over_time(by="month", n_boot=2000))  # same seed, same draws


def test_over_time_interval_matches_the_normal_approximation_for_many_documents():
    rng = np.random.default_rng(7)
    first = rng.beta(2, 5, size=400)
    shares = np.column_stack([first, 1 - first])
    model = _manual_model(shares, ["2020-05-01"] * 400)
    row = model.over_time(by="year", n_boot=4000).iloc[0]
    se = first.std(ddof=0) / math.sqrt(len(first))
    assert row["share"] == pytest.approx(first.mean())
    assert row["ci_low"] == pytest.approx(first.mean() - 1.96 * se, abs=0.25 * se)
    assert row["ci_high"] == pytest.approx(first.mean() + 1.96 * se, abs=0.25 * se)


def test_over_time_errors_name_the_document():
    model = _manual_model(np.eye(2), ["2019", "2019-02"])
    with pytest.raises(ValueError, match="'d0'.*cannot be grouped by 'month'"):
        model.over_time(by="month")
    with pytest.raises(ValueError, match="undated"):
        _manual_model(np.eye(2), ["2019-01", None]).over_time()
    with pytest.raises(ValueError, match="by must be one of"):
        model.over_time(by="source")


# -- seeds ---------------------------------------------------------------------------


def test_seeded_topic_lands_on_its_seed_and_its_documents(toy_tokens):
    model = topics(toy_tokens, 2, seed_words={"recht": ["vonnis"]}, iterations=100)
    assert model.labels == ("recht", "topic 2")
    top = model.terms(top=4)
    assert set(top.loc[top["label"] == "recht", "term"]) == {"wet", "hof", "rechter", "vonnis"}
    assert top.loc[top["term"] == "vonnis", "seed"].tolist() == [True]
    documents = model.documents()
    assert (documents["dominant"] == np.where(documents["id"].str.startswith("l"), "recht", "topic 2")).all()


def test_seed_words_are_checked(toy_tokens):
    with pytest.raises(ValueError, match=r"not among the model's terms.*'oorlog'"):
        topics(toy_tokens, 2, seed_words={"oorlog": ["oorlog"]})
    with pytest.raises(ValueError, match="seeds both"):
        topics(toy_tokens, 2, seed_words={"a": ["kat"], "b": ["kat"]})
    with pytest.raises(ValueError, match="do not fit in k=1"):
        topics(toy_tokens, 1, seed_words={"a": ["kat"], "b": ["wet"]})


@pytest.mark.parametrize("options, message", [
    ({"k": 0}, "k must be an int >= 1"),
    ({"method": "nmf"}, "method must be one of"),
    ({"alpha": -1.0}, "alpha must be a number > 0"),
    ({"iterations": 1.5}, "iterations must be an int"),
])
def test_bad_options_are_named(toy_tokens, options, message):
    with pytest.raises(ValueError, match=message):
        topics(toy_tokens, **{"k": 2, **options})


# -- coherence -----------------------------------------------------------------------


def _brute_coherence(docs: list[list[str]], top: list[str], window: int | None) -> float:
    windows = []
    for doc in docs:
        if window is None or len(doc) <= window:
            windows.append(set(doc))
        else:
            windows.extend(set(doc[i : i + window]) for i in range(len(doc) - window + 1))
    n = len(windows)
    scores = []
    for a, b in itertools.combinations(top, 2):
        na = sum(a in w for w in windows)
        nb = sum(b in w for w in windows)
        nab = sum(a in w and b in w for w in windows)
        if na == 0 or nb == 0:
            continue
        scores.append(-1.0 if nab == 0 else math.log2(nab * n / (na * nb)) / -math.log2(nab / n))
    return sum(scores) / len(scores)


@pytest.mark.parametrize("window", [None, 2, 3, 10])
def test_coherence_equals_brute_force_windows(window):
    rng = np.random.default_rng(0)
    words = ["kat", "hond", "muis", "wet", "hof", "vonnis", "rechter", "bal"]
    texts = [" ".join(rng.choice(words, size=int(rng.integers(1, 15)))) for _ in range(30)]
    ref = tokenize([Document(str(i), None, t) for i, t in enumerate(texts)], stopwords=None)
    vocab = ("bal", "hof", "hond", "kat", "muis", "onbekend", "rechter", "vonnis")
    weights = np.array([[0, 0.1, 0.3, 0.4, 0.2, 0, 0, 0], [0.05, 0.3, 0, 0, 0, 0.25, 0.2, 0.2]])
    model = TopicModel(weights, np.full((len(ref), 2), 0.5), vocab, ref.documents, np.ones(len(ref)),
                       ("dier", "recht"))
    got = model.coherence(ref, top=4, window=window)
    docs = [ref.doc(d) for d in range(len(ref))]
    assert got["coherence"][0] == pytest.approx(_brute_coherence(docs, ["kat", "hond", "muis", "hof"], window))
    # "onbekend" is in no window: its pairs are left out
    assert got["coherence"][1] == pytest.approx(_brute_coherence(docs, ["hof", "onbekend", "rechter", "vonnis"],
                                                                 window))


def test_coherence_by_k_matches_models_fitted_one_by_one(toy_tokens):
    table = coherence_by_k(toy_tokens, [3, 2], top=3, window=None, iterations=50)
    assert table["k"].tolist() == [2, 3]
    for k in (2, 3):
        scores = topics(toy_tokens, k, iterations=50).coherence(toy_tokens, top=3, window=None)["coherence"]
        row = table[table["k"] == k].iloc[0]
        assert row["coherence"] == pytest.approx(scores.mean())
        assert (row["coherence_min"], row["coherence_max"]) == pytest.approx((scores.min(), scores.max()))
    assert len(table.attrs["topics"]) == 5


def test_topics_skip_reason_counts_documents_with_tokens():
    docs = [Document(str(i), None, "de het een" if i % 2 else "kat hond") for i in range(10)]
    tokens = tokenize(docs, stopwords="nl")  # the odd documents lose every token
    assert tokens.doc_lengths.tolist().count(0) == 5
    assert topics_skip_reason(tokens, 1) is None  # 5 documents with tokens, 5 needed
    assert topics_skip_reason(tokens, 2) == ("no topic model: 5 document(s) with tokens, fewer than the 10 "
                                             "that 2 topics need (5 per topic)")
    assert topics_skip_reason(tokens, 2, per_topic=2) is None


def test_every_table_says_what_made_it(court_tokens):
    model = topics(court_tokens, 3, seed=5, iterations=20)
    for name, table in {"terms": model.terms(top=3), "documents": model.documents(),
                        "over_time": model.over_time(by="year", n_boot=10),
                        "coherence": model.coherence(court_tokens, top=3)}.items():
        record = table.attrs["provenance"]
        assert record["corpus_fingerprint"] == court_tokens.fingerprint, name
        assert record["settings"]["function"] == f"TopicModel.{name}"
        assert record["settings"]["arguments"]["model"]["seed"] == 5
        assert record["settings"]["tokenize"]["stopwords"] == court_tokens.settings["stopwords"]
        assert record["date"] == max(d for d in court_tokens.documents["date"] if d)
