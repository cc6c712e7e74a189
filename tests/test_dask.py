"""analysis.dask: the same counts over Dask partitions, on a 2-worker LocalCluster.

Every result is compared with the single-machine function on the same
documents: same rows, same order, same numbers (exact for counts,
rtol=1e-12 for scores).
"""

from __future__ import annotations

import json
import random
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import dask  # noqa: E402
import dask.bag  # noqa: E402
import dask.dataframe  # noqa: E402

import analysis.dask as adask  # noqa: E402
from analysis import CorpusError, Document, load_corpus, parse_date, tokenize  # noqa: E402
from analysis.collocation import collocates, cooccurrence  # noqa: E402
from analysis.frequency import frequencies  # noqa: E402

pytestmark = pytest.mark.dask
ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("NOS", "NRC", "Trouw")
WORDS = ("kabinet minister wagner rusland oekraïne poetin kremlin huurlingen caracas venezuela "
         "maduro guaidó verkiezingen partij kamer debat oorlog vrede leger troepen grens stad "
         "regering president premier rutte brussel europa navo economie inflatie rente").split()


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    client = distributed.Client(cluster, set_as_default=False)
    try:
        with dask.config.set(scheduler=client):
            yield client
    finally:
        client.close()
        cluster.close()


@pytest.fixture(scope="module")
def shipped():
    return list(load_corpus(ROOT / "corpus"))


def generated_documents(n: int = 300, seed: int = 7) -> list[Document]:
    """Seeded Dutch-like documents over 2019-2020 with a source, some of them with sentences of one word."""
    rng = random.Random(seed)
    weights = [1.0 / (rank + 1) for rank in range(len(WORDS))]
    docs = []
    for i in range(n):
        sentences = []
        for _ in range(rng.randint(1, 6)):
            words = rng.choices(WORDS + ["de", "het", "een", "en"], weights=weights + [3, 2, 2, 2],
                                k=rng.randint(1, 14))
            sentences.append(" ".join(words).capitalize() + ".")
        date = f"2019-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if i % 2 else f"2020-{rng.randint(1, 6):02d}"
        docs.append(Document(f"g{i:04d}", parse_date(date), " ".join(sentences),
                             source=SOURCES[rng.randrange(len(SOURCES))]))
    return docs


def bag_of(docs: list, npartitions: int = 4):
    return dask.bag.from_sequence(docs, npartitions=npartitions)


def assert_tables_equal(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want)
    floats = [c for c in want.columns if want[c].dtype.kind == "f"]
    exact = [c for c in want.columns if c not in floats]
    pd.testing.assert_frame_equal(got[exact], want[exact], check_exact=True)
    pd.testing.assert_frame_equal(got[floats], want[floats], check_exact=False, rtol=1e-12, atol=0)


def assert_cooccurrence_equal(got, want, *, exact: bool = True) -> None:
    assert got.vocabulary == want.vocabulary
    assert got.settings == want.settings
    assert got.pruned == want.pruned
    assert got.n_tokens == want.n_tokens
    np.testing.assert_array_equal(got.frequencies, want.frequencies)
    assert got.matrix.dtype == want.matrix.dtype
    assert got.matrix.shape == want.matrix.shape
    if exact:
        assert got.matrix.nnz == want.matrix.nnz
        assert (got.matrix != want.matrix).nnz == 0
    else:
        np.testing.assert_allclose(got.matrix.toarray(), want.matrix.toarray(), rtol=1e-12)


# -- the shipped corpus, on the cluster ----------------------------------------


def test_tokenize_equals_single_machine(client, shipped):
    got = adask.tokenize(bag_of(shipped), stopwords="nl")
    want = tokenize(shipped, stopwords="nl")
    assert got.vocabulary == want.vocabulary
    np.testing.assert_array_equal(got.ids, want.ids)
    np.testing.assert_array_equal(got.doc_offsets, want.doc_offsets)
    np.testing.assert_array_equal(got.sent_offsets, want.sent_offsets)
    pd.testing.assert_frame_equal(got.documents, want.documents)
    assert dict(got.settings) == dict(want.settings)


def test_frequencies_equal_single_machine(client, shipped):
    parts = adask.tokenize_partitions(bag_of(shipped), stopwords="nl").persist()
    want_tokens = tokenize(shipped, stopwords="nl")
    for options in ({}, {"by": "month"}, {"by": "year", "ngram": (1, 2), "min_count": 2, "top": 50},
                    {"by": "collection", "ngram": 2}):
        got = adask.frequencies(parts, **options)
        want = frequencies(want_tokens, **options)
        assert_tables_equal(got, want)
        provenance = got.attrs.pop("provenance")
        assert provenance["settings"]["function"] == want.attrs.pop("provenance")["settings"]["function"]
        assert provenance["settings"]["tokenize"]["stopwords"] == "nl"  # the partitions' settings
        assert got.attrs == want.attrs


def test_cooccurrence_and_collocates_equal_single_machine(client, shipped):
    parts = adask.tokenize_partitions(bag_of(shipped, 5), stopwords="nl").persist()
    want_tokens = tokenize(shipped, stopwords="nl")
    got = adask.cooccurrence(parts, window=5)
    want = cooccurrence(want_tokens, window=5)
    assert_cooccurrence_equal(got, want)
    scores = ["pmi", "g2"]
    assert_tables_equal(got.to_frame(scores, top=2000), want.to_frame(scores, top=2000))
    pruned = dict(window=(2, 4), min_count=3, max_vocabulary=800, sentence_bounded=True)
    assert_cooccurrence_equal(adask.cooccurrence(parts, **pruned), cooccurrence(want_tokens, **pruned))
    node = "wagner"
    for options in ({"window": 5}, {"window": (0, 3), "measure": "g2", "min_count": 2, "top": 25}):
        table = adask.collocates(parts, node, **options)
        assert_tables_equal(table, collocates(want_tokens, node, **options))
        assert table.attrs["terms"] == [node]


# -- a generated corpus --------------------------------------------------------


def test_generated_corpus_on_the_cluster(client):
    docs = generated_documents()
    bag = bag_of(docs, 7)
    options = {"stopwords": None, "phrases": ["de kamer"]}
    tokens = tokenize(docs, **options)
    assert_tables_equal(adask.frequencies(bag, by="month", **options), frequencies(tokens, by="month"))
    for settings in ({"context": "sentence"}, {"context": "document", "count": "boolean"},
                     {"window": 3, "count": "boolean"}, {"window": 4, "vocabulary": WORDS[:10] + ["Nergens"]}):
        assert_cooccurrence_equal(adask.cooccurrence(bag, **settings, **options),
                                  cooccurrence(tokens, **settings))
    assert_cooccurrence_equal(adask.cooccurrence(bag, window=3, count="weighted", **options),
                              cooccurrence(tokens, window=3, count="weighted"), exact=False)
    for node in ("poetin", "de kamer", "rus*"):
        got = adask.collocates(bag, node, window=4, by="source", **options)
        assert_tables_equal(got, collocates(tokens, node, window=4, by="source"))


def test_records_and_dataframes(client, tmp_path):
    docs = generated_documents(120, seed=3)
    records = [{"id": d.id, "date": d.date_label, "text": d.text, "source": d.source} for d in docs]
    frame = pd.DataFrame(records)
    frame.to_parquet(tmp_path / "all.parquet", index=False)
    want = frequencies(tokenize(load_corpus(tmp_path / "all.parquet")), by="source")
    from_dicts = adask.frequencies(bag_of(records, 3), by="source")
    from_frame = adask.frequencies(dask.dataframe.from_pandas(frame, npartitions=3), by="source")
    from_parquet = adask.frequencies(adask.read_parquet(tmp_path / "all.parquet"), by="source")
    for got in (from_dicts, from_frame, from_parquet):
        assert_tables_equal(got, want)


def test_read_documents_gives_load_corpus_ids(client, tmp_path):
    docs = generated_documents(90, seed=5)
    folder = tmp_path / "archive"
    for k in range(3):
        sub = folder / f"20{19 + k % 2}"
        sub.mkdir(parents=True, exist_ok=True)
        with (sub / f"part{k}.jsonl").open("w", encoding="utf-8") as handle:
            for doc in docs[k::3]:
                handle.write(json.dumps({"date": doc.date_label, "text": doc.text}, ensure_ascii=False) + "\n")
    corpus = load_corpus(folder)
    bag = adask.read_documents(folder)
    assert bag.npartitions == 3
    assert [(d.id, d.collection, d.line) for d in bag.compute()] == [(d.id, d.collection, d.line) for d in corpus]
    assert_tables_equal(adask.frequencies(bag, by="collection"), frequencies(tokenize(corpus), by="collection"))
    lines = adask.read_jsonl(folder / "2019" / "*.jsonl", blocksize=2000)
    assert lines.npartitions > 1
    assert [r["text"] for r in lines.compute()] == [d.text for d in corpus if d.collection == "2019"]


def test_a_corrupt_record_names_file_and_line(client, tmp_path):
    path = tmp_path / "bad.jsonl"
    lines = [json.dumps({"date": "2019-01", "text": f"regel {i}"}) for i in range(10)]
    lines[4] = '{"date": "2019-01", "text": "kapot'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.jsonl, line 5: invalid JSON"):
        adask.read_documents(path).compute()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kept = adask.read_documents(path, on_error="skip").compute()
    assert [d.line for d in kept] == [1, 2, 3, 4, 6, 7, 8, 9, 10]
    with pytest.raises(CorpusError, match="bad.jsonl.*invalid JSON"):
        adask.read_jsonl(path).compute()


# -- without a cluster ---------------------------------------------------------


def test_default_local_scheduler_without_a_client(shipped):
    with dask.config.set(scheduler="threads"):
        docs = shipped[:60]
        tokens = tokenize(docs)
        bag = bag_of(docs, 3)
        assert_tables_equal(adask.frequencies(bag, by="month"), frequencies(tokens, by="month"))
        assert_cooccurrence_equal(adask.cooccurrence(bag, window=5, min_count=2),
                                  cooccurrence(tokens, window=5, min_count=2))
        assert_tables_equal(adask.collocates(bag, "rechtbank"), collocates(tokens, "rechtbank"))


def test_edge_partitions_and_errors():
    docs = [Document("a", None, "de de"), Document("b", None, "de kat zag de hond"), Document("c", None, "en")]
    with dask.config.set(scheduler="sync"):
        bag = bag_of(docs, 3)  # one partition holds a single term, one only a stopword
        tokens = tokenize(docs)
        assert_cooccurrence_equal(adask.cooccurrence(bag, window=2, stopwords=None),
                                  cooccurrence(tokenize(docs, stopwords=None), window=2))
        assert_tables_equal(adask.frequencies(bag), frequencies(tokens))
        with pytest.warns(UserWarning, match="does not occur"):
            assert adask.collocates(bag, "paard").empty
        with pytest.raises(ValueError, match="window must be >= 1"):
            adask.cooccurrence(bag, window=0)
        with pytest.raises(ValueError, match="min_count must be an int >= 1"):
            adask.frequencies(bag, min_count=0)
        with pytest.raises(TypeError, match="n_jobs"):
            adask.tokenize(bag, n_jobs=2)
        with pytest.raises(TypeError, match="dask.bag.Bag"):
            adask.frequencies(docs)
