"""`tokenize` and `Tokens`: hand-checked toy texts and a plain-Python reference."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from nltk.stem.snowball import SnowballStemmer

import analysis
from analysis.corpus import Document, parse_date
from analysis.parallel import check_n_jobs, map_in_order
from analysis.tokenized import (
    CorruptTokensError,
    StaleTokensError,
    Tokens,
    _Filter,
    _Normaliser,
    find_phrases,
    load_tokens,
    tokenize,
)
from analysis.tokens import coded_sentences, sentence_tokens, stopwords

ROOT = Path(__file__).resolve().parents[1]


def doc(doc_id: str, text: str, date: str | None = None, source: str | None = None, **metadata: str) -> Document:
    return Document(doc_id, parse_date(date) if date else None, text, source=source, metadata=metadata)


@pytest.fixture(scope="module")
def corpus() -> analysis.Corpus:
    return analysis.load_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def corpus_tokens(corpus: analysis.Corpus) -> Tokens:
    return tokenize(corpus)


def reference(text: str, *, stop: frozenset[str], stem: bool = False, padding: bool = True) -> list[list[str]]:
    """The pipeline written out token by token, for comparison: a removed
    token is a gap ("") with padding, left out without."""
    stemmer = SnowballStemmer("dutch")
    out = []
    for sentence in sentence_tokens(text):
        kept = []
        for token in sentence:
            form = unicodedata.normalize("NFC", token).lower()
            if not any(ch.isalnum() for ch in form):
                kept.extend([""] * padding)
                continue
            unsigned = form[1:] if form[0] in "+-−<>≤≥" else form
            for sign in ("%", "‰", "°c", "°f", "°k", "°"):  # 90%, 20°C, 4°
                if unsigned.endswith(sign):
                    unsigned = unsigned[: -len(sign)]
                    break
            if unsigned[:1].isdigit() and all(ch.isdigit() or ch in ".,:/-" for ch in unsigned):
                kept.extend([""] * padding)
                continue
            if form in stop:
                kept.extend([""] * padding)
                continue
            kept.append(stemmer.stem(form) if stem else form)
        if kept:
            out.append(kept)
    return out


def test_toy_text_by_hand() -> None:
    tokens = tokenize([doc("a", "De kat zit. De hond zit niet!", "2019-01"),
                       doc("b", "Een kat.", "2019-03")], stopwords=None)
    assert tokens.vocabulary == ("de", "een", "hond", "kat", "niet", "zit")
    # padding is the default: each removed "." and "!" stays as a gap ("", id -1)
    assert list(tokens) == [["de", "kat", "zit", "", "de", "hond", "zit", "niet", ""], ["een", "kat", ""]]
    assert tokens.sentences(0) == [["de", "kat", "zit", ""], ["de", "hond", "zit", "niet", ""]]
    assert tokens.doc_offsets.tolist() == [0, 9, 12]
    assert tokens.sent_offsets.tolist() == [0, 4, 9, 12]
    assert tokens.counts().tolist() == [2, 1, 1, 2, 1, 2]  # gaps are never counted
    assert tokens.doc_lengths.tolist() == [7, 2]
    assert tokens.doc_index.tolist() == [0] * 9 + [1] * 3
    assert tokens.n_tokens == 9 and tokens.n_positions == 12 and len(tokens) == 2
    dense = tokenize([doc("a", "De kat zit. De hond zit niet!", "2019-01"),
                      doc("b", "Een kat.", "2019-03")], stopwords=None, padding=False)
    assert list(dense) == [["de", "kat", "zit", "de", "hond", "zit", "niet"], ["een", "kat"]]
    assert dense.sent_offsets.tolist() == [0, 3, 7, 9] and dense.counts().tolist() == tokens.counts().tolist()


def test_stopwords_punctuation_numbers_and_min_length() -> None:
    text = "In 2019 kostte het 10.000 euro, zegt hij: 2,5 keer zo veel."
    assert tokenize([doc("a", text)], padding=False).doc(0) == ["kostte", "euro", "zegt", "keer"]
    # with padding (the default) each removed token is a gap: in 2019 kostte het 10.000 euro , zegt hij : ...
    assert tokenize([doc("a", text)]).doc(0) == ["", "", "kostte", "", "", "euro", "", "zegt", "", "", "", "keer",
                                                 "", "", ""]
    assert tokenize([doc("a", text)], stopwords="nl+nl-news", padding=False).doc(0) == ["kostte", "euro", "keer"]
    kept = tokenize([doc("a", text)], stopwords=None, keep_numbers=True, keep_punctuation=True).doc(0)
    assert kept == [t.lower() for t in sentence_tokens(text)[0]]
    assert tokenize([doc("a", text)], stopwords=None, min_length=5, padding=False).doc(0) == ["kostte"]
    # percentages, degrees and open ranges are numbers too
    text = "Het steeg 90% of <1% bij 20°C in 4° (1995-...) graden."
    assert tokenize([doc("a", text)], stopwords=None, padding=False).doc(0) == ["het", "steeg", "of", "bij", "in",
                                                                                "graden"]


def test_lowercase_false_keeps_case_but_stopwords_still_match() -> None:
    tokens = tokenize([doc("a", "Het Kremlin steunt Maduro.")], lowercase=False, padding=False)
    assert tokens.doc(0) == ["Kremlin", "steunt", "Maduro"]


def test_padding_keeps_removed_tokens_as_gaps() -> None:
    tokens = tokenize([doc("a", "De kat en de hond.")])  # padding is the default
    assert tokens.doc(0) == ["", "kat", "", "", "hond", ""]
    assert tokens.settings["padding"] is True
    assert tokens.n_tokens == 2 and tokens.n_positions == 6
    assert tokens.ids.tolist()[0] == -1


def test_stemming_equals_nltk_snowball() -> None:
    text = "De huurlingen landden in Caracas en beveiligden de president."
    stemmer = SnowballStemmer("dutch")
    assert tokenize([doc("a", text)], stem=True, padding=False).doc(0) == [
        stemmer.stem(w) for w in ["huurlingen", "landden", "caracas", "beveiligden", "president"]]


def test_variants_fold_and_phrases() -> None:
    text = "Poetin en Putin. Prigozjin leidt de Wagner Group. Wagner groeit. Oekraïne"
    tokens = tokenize([doc("a", text)], variants={"Poetin": "Putin"}, phrases=["wagner group"],
                      fold_diacritics=True, padding=False)
    assert tokens.sentences(0) == [["putin", "putin"], ["prigozjin", "leidt", "wagner_group"],
                                   ["wagner", "groeit"], ["oekraine"]]


def test_phrases_never_cross_sentences_and_prefer_longest() -> None:
    text = "Raad van State zegt nee. Raad. Van State? Raad van State van raad."
    tokens = tokenize([doc("a", text)], phrases=["raad van state", "van state", "raad van"], stopwords=None,
                      padding=False)
    assert tokens.sentences(0) == [["raad_van_state", "zegt", "nee"], ["raad"], ["van_state"],
                                   ["raad_van_state", "van", "raad"]]


def test_matches_plain_python_reference_on_the_shipped_corpus(corpus, corpus_tokens) -> None:
    stop = stopwords("nl")
    for document, sentences in zip(corpus, (corpus_tokens.sentences(d) for d in range(len(corpus))),
                                   strict=True):
        assert sentences == reference(document.text, stop=stop), document.id


def test_unpadded_matches_plain_python_reference_on_the_shipped_corpus(corpus) -> None:
    stop = stopwords("nl")
    dense = tokenize(corpus, padding=False)
    for d, document in enumerate(corpus):
        assert dense.sentences(d) == reference(document.text, stop=stop, padding=False), document.id


def test_vocabulary_is_sorted_and_every_id_used(corpus_tokens) -> None:
    assert list(corpus_tokens.vocabulary) == sorted(corpus_tokens.vocabulary)
    assert (corpus_tokens.counts() > 0).all()


def test_n_jobs_gives_identical_tokens(corpus, corpus_tokens, monkeypatch) -> None:
    import analysis.tokenized as module

    monkeypatch.setattr(module, "_CHUNK_CHARS", 200_000)  # several chunks per process
    parallel = tokenize(corpus, n_jobs=2)
    assert parallel.vocabulary == corpus_tokens.vocabulary
    assert np.array_equal(parallel.ids, corpus_tokens.ids)
    assert np.array_equal(parallel.sent_offsets, corpus_tokens.sent_offsets)
    assert np.array_equal(parallel.doc_offsets, corpus_tokens.doc_offsets)
    assert parallel.fingerprint == corpus_tokens.fingerprint


def test_names_and_lemmas_are_the_same_in_one_chunk_or_many(corpus, monkeypatch) -> None:
    # case evidence is summed over the chunks before any name is decided: chunking changes nothing
    import analysis.tokenized as module

    documents = list(corpus)[:60]
    whole = tokenize(documents, names=True, lemmatize=True, n_jobs=1)
    monkeypatch.setattr(module, "_CHUNK_CHARS", 50_000)
    chunked = tokenize(documents, names=True, lemmatize=True, n_jobs=1)
    assert chunked.vocabulary == whole.vocabulary and chunked.name_terms == whole.name_terms
    assert np.array_equal(chunked.ids, whole.ids) and np.array_equal(chunked.sent_offsets, whole.sent_offsets)
    assert chunked.forms == whole.forms and np.array_equal(chunked.form_ids, whole.form_ids)
    assert len(whole.name_terms) > 100


def test_default_n_jobs_uses_every_core_for_a_large_corpus(corpus, corpus_tokens, monkeypatch) -> None:
    import analysis.tokenized as module

    used = []

    def recording(function, jobs, n_jobs=1):
        used.append(n_jobs)
        return map_in_order(function, jobs, n_jobs)

    monkeypatch.setattr(module, "map_in_order", recording)
    monkeypatch.setattr(module, "_CHUNK_CHARS", 200_000)  # the shipped corpus is many chunks
    monkeypatch.setattr(module, "_PARALLEL_CHARS", 400_000)  # and large
    monkeypatch.setattr(module, "idle_cores", lambda since: 8.0)  # on an idle machine
    default = tokenize(corpus)
    assert used == [check_n_jobs(-1)]
    assert default.vocabulary == corpus_tokens.vocabulary
    assert np.array_equal(default.ids, corpus_tokens.ids)
    assert np.array_equal(default.sent_offsets, corpus_tokens.sent_offsets)
    small = list(corpus)[:3]  # less than _PARALLEL_CHARS: no processes
    assert sum(len(d.text) for d in small) < 400_000
    assert np.array_equal(tokenize(small).ids, tokenize(small, n_jobs=1).ids)
    assert used[1:] == [1, 1]


def test_default_n_jobs_counts_only_idle_cores(corpus, monkeypatch) -> None:
    """A process per idle core, beside the one reading: on a busy machine one."""
    import analysis.tokenized as module

    used = []
    monkeypatch.setattr(module, "map_in_order", lambda f, jobs, n_jobs=1: used.append(n_jobs) or map_in_order(f, jobs))
    monkeypatch.setattr(module, "_CHUNK_CHARS", 200_000)
    monkeypatch.setattr(module, "_PARALLEL_CHARS", 400_000)
    monkeypatch.setattr(module, "check_n_jobs", lambda n_jobs: 4 if n_jobs == -1 else n_jobs)  # four cores
    for idle, expected in [(0.0, 1), (0.4, 1), (0.6, 2), (1.0, 2), (2.2, 3), (3.0, 4), (4.0, 4)]:
        monkeypatch.setattr(module, "idle_cores", lambda since, idle=idle: idle)
        tokenize(corpus)
        assert used[-1] == expected, idle


def test_idle_cores_from_cpu_times(monkeypatch) -> None:
    import analysis.parallel as parallel

    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(parallel, "cpu_times", lambda: (300, 1400))
    assert parallel.idle_cores((100, 1000)) == 2 * 200 / 400  # one of two cores idle
    assert parallel.idle_cores((300, 1000)) == 0.0
    assert parallel.idle_cores(None) == 2.0  # cannot be told: every core
    assert parallel.idle_cores((300, 1400)) == 2.0  # no time passed
    monkeypatch.setattr(parallel, "cpu_times", lambda: None)
    assert parallel.idle_cores((100, 1000)) == 2.0


def test_streaming_from_a_path_equals_the_loaded_corpus(corpus_tokens) -> None:
    streamed = tokenize(ROOT / "corpus")
    assert np.array_equal(streamed.ids, corpus_tokens.ids)
    assert streamed.documents["id"].tolist() == corpus_tokens.documents["id"].tolist()


def test_labels_and_groups() -> None:
    tokens = tokenize([doc("a", "x", "2019-01-15", source="NOS"), doc("b", "y", "2019-03-02"),
                       doc("c", "z", "2020-12-31", source="NRC")], stopwords=None)
    assert tokens.labels("month").tolist() == ["2019-01", "2019-03", "2020-12"]
    assert tokens.labels("week").tolist() == ["2019-W03", "2019-W09", "2020-W53"]
    assert tokens.groups("year") == ["2019", "2020"]
    assert len(tokens.groups("month")) == 24
    assert tokens.labels("source").tolist() == ["NOS", "(none)", "NRC"]
    with pytest.raises(ValueError, match="unknown by 'colour'"):
        tokens.labels("colour")


def test_labels_refuse_to_invent_precision() -> None:
    tokens = tokenize([doc("a", "x", "2019-01"), doc("b", "y", "2019")], stopwords=None)
    with pytest.raises(ValueError, match=r"document 'b' is dated '2019'"):
        tokens.labels("month")
    with pytest.raises(ValueError, match="undated"):
        tokenize([doc("a", "x")], stopwords=None).labels("year")


def test_select_filter_and_mask() -> None:
    tokens = tokenize([doc("a", "een twee. Drie", "2019-01", source="NOS"),
                       doc("b", "vier", "2019-02-10", source="NRC"),
                       doc("c", "vijf zes", "2019-03", source="NOS")], stopwords=None)
    subset = tokens.filter(source="NOS")
    assert list(subset) == [["een", "twee", "", "drie"], ["vijf", "zes"]]  # the "." is a gap
    assert subset.sentences(0) == [["een", "twee", ""], ["drie"]]
    assert subset.sent_offsets.tolist() == [0, 3, 4, 6]
    assert tokens.mask(start="2019-02", end="2019-02").tolist() == [False, True, False]
    assert tokens.mask(start="2019-02-11").tolist() == [False, False, True]
    assert tokens.mask(source=["NRC"]).tolist() == [False, True, False]
    with pytest.raises(ValueError, match="mask must have one value per document"):
        tokens.select([True])


def test_save_and_load_round_trip_without_pickle(tmp_path, corpus, corpus_tokens) -> None:
    store = corpus_tokens.save(tmp_path / "store")
    loaded = load_tokens(store, corpus=corpus, settings=corpus_tokens.settings)
    assert loaded.vocabulary == corpus_tokens.vocabulary
    assert np.array_equal(loaded.ids, corpus_tokens.ids)
    assert np.array_equal(loaded.sent_offsets, corpus_tokens.sent_offsets)
    assert loaded.documents["id"].tolist() == corpus_tokens.documents["id"].tolist()
    assert loaded.documents["date"].tolist() == corpus_tokens.documents["date"].tolist()
    assert list(loaded)[0] == list(corpus_tokens)[0]
    for array in ("ids", "doc_offsets", "sent_offsets"):
        np.load(store / f"{array}.npy", allow_pickle=False)  # raises if an object array was stored
    assert json.loads((store / "meta.json").read_text())["fingerprint"] == corpus_tokens.fingerprint
    assert sorted(p.name for p in store.iterdir()) == [
        "doc_offsets.npy", "documents.parquet", "ids.npy", "meta.json", "sent_offsets.npy", "vocabulary.json"]


def test_a_stale_store_is_detected(tmp_path) -> None:
    docs = [doc("a", "Wagner in Caracas.", "2019-01")]
    tokens = tokenize(docs)
    tokens.save(tmp_path / "store")
    changed = [doc("a", "Wagner in Moskou.", "2019-01")]
    with pytest.raises(StaleTokensError, match="another corpus"):
        load_tokens(tmp_path / "store", corpus=changed)
    with pytest.raises(StaleTokensError, match="stem: stored False, wanted True"):
        load_tokens(tmp_path / "store", settings={**tokens.settings, "stem": True})


def test_cache_reuses_a_fresh_store_and_rebuilds_a_stale_one(tmp_path, monkeypatch) -> None:
    import analysis.tokenized as module

    docs = [doc("a", "Wagner in Caracas.", "2019-01")]
    first = tokenize(docs, cache=tmp_path / "store")
    calls = []
    real = module._Builder.build
    monkeypatch.setattr(module._Builder, "build", lambda *a, **k: calls.append(1) or real(*a, **k))
    again = tokenize(docs, cache=tmp_path / "store")
    assert calls == [] and list(again) == list(first)
    rebuilt = tokenize(docs, cache=tmp_path / "store", stopwords=None)
    assert calls == [1] and rebuilt.doc(0) == ["wagner", "in", "caracas", ""]
    assert load_tokens(tmp_path / "store").settings["stopwords"] is None


def test_an_interrupted_save_leaves_no_store(tmp_path, monkeypatch) -> None:
    import pandas as pd

    tokens = tokenize([doc("a", "Wagner in Caracas.")])

    def fail(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pd.DataFrame, "to_parquet", fail)
    with pytest.raises(KeyboardInterrupt):
        tokens.save(tmp_path / "store")
    assert list(tmp_path.iterdir()) == []


def test_load_tokens_refuses_what_is_not_a_store(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="no token store"):
        load_tokens(tmp_path)
    (tmp_path / "meta.json").write_text('{"format": "something else"}')
    with pytest.raises(ValueError, match="is not a token store: format 'something else'"):
        load_tokens(tmp_path)
    (tmp_path / "meta.json").write_text('{"format": "analysis.tokens", "version": 1}')
    with pytest.raises(StaleTokensError, match="format version 1, this version of analysis reads version 3"):
        load_tokens(tmp_path)


def test_find_phrases_counts_and_scores_by_hand() -> None:
    docs = [doc(str(i), text) for i, text in enumerate(
        ["Jevgeni Prigozjin leidt Wagner.", "Jevgeni Prigozjin zwijgt.", "Wagner groeit. Jevgeni lacht."])]
    frame = find_phrases(tokenize(docs), min_count=2)
    assert frame["phrase"].tolist() == ["jevgeni prigozjin"]
    row = frame.iloc[0]
    # adjacent pairs within sentences: jevgeni-prigozjin x2, prigozjin-leidt, leidt-wagner,
    # prigozjin-zwijgt, wagner-groeit, jevgeni-lacht: N = 7; jevgeni starts 3, prigozjin ends 2
    assert (row["count"], row["first_count"], row["second_count"]) == (2, 3, 2)
    assert row["pmi"] == pytest.approx(np.log2(2 * 7 / (3 * 2)))
    assert row["npmi"] == pytest.approx(np.log2(2 * 7 / (3 * 2)) / -np.log2(2 / 7))


def test_find_phrases_leaves_pairs_with_an_abbreviation_out_by_default() -> None:
    docs = [doc("0", "Hoge raad enz. enz."), doc("1", "Hoge raad enz. enz."), doc("2", "Artikel iii hoge raad.")]
    tokens = tokenize(docs, stopwords=None)
    # adjacent pairs: hoge-raad x3, raad-enz. x2, enz.-enz. x2, artikel-iii, iii-hoge: N = 9
    every = find_phrases(tokens, min_count=2, keep_abbreviations=True)
    assert every["phrase"].tolist() == ["hoge raad", "enz. enz.", "raad enz."]
    listed = find_phrases(tokens, min_count=2)
    assert listed["phrase"].tolist() == ["hoge raad"]
    # the pairs left out still count in N: pmi(hoge raad) = log2(3 * 9 / (3 * 3))
    assert listed["pmi"].tolist() == pytest.approx([np.log2(3)]) == every["pmi"].tolist()[:1]
    assert find_phrases(tokens, min_count=1)["phrase"].tolist() == ["hoge raad"]  # artikel iii, iii hoge too


def test_bad_arguments_are_named() -> None:
    docs = [doc("a", "x")]
    with pytest.raises(ValueError, match="min_length must be an int >= 1, got 0"):
        tokenize(docs, min_length=0)
    with pytest.raises(ValueError, match="n_jobs"):
        tokenize(docs, n_jobs=0)
    with pytest.raises(ValueError, match="empty corpus"):
        tokenize([])
    with pytest.raises(ValueError, match="'xx'"):
        tokenize(docs, language="xx")
    with pytest.raises(TypeError, match="list of phrases"):
        tokenize(docs, phrases="wagner group")
    with pytest.raises(ValueError, match="at least two words"):
        tokenize(docs, phrases=["wagner"])
    with pytest.raises(TypeError, match="got str"):
        tokenize(["just a string"])
    with pytest.raises(ValueError, match="measure must be one of"):
        find_phrases(tokenize([doc("a", "een twee een twee")], stopwords=None), min_count=1, measure="nope")


def test_concat_equals_tokenising_everything_at_once(corpus, corpus_tokens) -> None:
    documents = list(corpus)
    parts = [tokenize(documents[:50]), tokenize(documents[50:120]), tokenize(documents[120:])]
    joined = Tokens.concat(parts)
    assert joined.vocabulary == corpus_tokens.vocabulary
    assert np.array_equal(joined.ids, corpus_tokens.ids)
    assert np.array_equal(joined.doc_offsets, corpus_tokens.doc_offsets)
    assert np.array_equal(joined.sent_offsets, corpus_tokens.sent_offsets)
    assert joined.documents["id"].tolist() == corpus_tokens.documents["id"].tolist()
    with pytest.raises(ValueError, match="other settings"):
        Tokens.concat([parts[0], tokenize(documents[:5], stem=True)])


def _written(tokens: Tokens, d: int) -> list[str]:
    return [tokens.forms[i] for i in tokens.form_ids[tokens.doc_offsets[d] : tokens.doc_offsets[d + 1]].tolist()]


def test_written_forms_beside_lemmas_survive_select_concat_and_the_store(tmp_path) -> None:
    docs = [doc("a", "De leden landden.", "2019-01"), doc("b", "Het lid landde in Caracas.", "2019-02")]
    tokens = tokenize(docs, lemmatize=True, stopwords=None, padding=False)
    assert tokens.doc(0) == ["de", "lid", "landen"] and _written(tokens, 0) == ["De", "leden", "landden"]
    assert tokens.doc(1) == ["het", "lid", "landen", "in", "caracas"]
    assert _written(tokens, 1) == ["Het", "lid", "landde", "in", "Caracas"]
    assert tokens.forms == ("Caracas", "De", "Het", "in", "landde", "landden", "leden", "lid")
    assert _written(tokens.select([False, True]), 0) == _written(tokens, 1)
    joined = Tokens.concat([tokenize(docs[:1], lemmatize=True, stopwords=None, padding=False),
                            tokenize(docs[1:], lemmatize=True, stopwords=None, padding=False)])
    assert joined.forms == tokens.forms and np.array_equal(joined.form_ids, tokens.form_ids)
    store = tokens.save(tmp_path / "store")
    loaded = load_tokens(store, verify=True)
    assert loaded.forms == tokens.forms and np.array_equal(loaded.form_ids, tokens.form_ids)
    assert tokenize(docs, stopwords=None).forms is None  # plain tokens: the terms are the forms
    forms_file = store / "forms.json"
    forms_file.write_text(forms_file.read_text(encoding="utf-8").replace("leden", "lEden"), encoding="utf-8")
    with pytest.raises(CorruptTokensError, match="forms.json"):
        load_tokens(store, verify=True)


def test_a_merged_phrase_is_written_as_its_words() -> None:
    tokens = tokenize([doc("a", "De Wagner Group landde.")], lemmatize=True, phrases=["wagner group"], padding=False)
    assert tokens.doc(0) == ["wagner_group", "landen"]
    assert _written(tokens, 0) == ["Wagner Group", "landde"]


def test_mask_takes_iso_week_labels() -> None:
    tokens = tokenize([doc("a", "x", "2019-01-14"), doc("b", "y", "2019-01-20"), doc("c", "z", "2019-01-21"),
                       doc("d", "w", "2019-01")], stopwords=None)
    # ISO week 3 of 2019 runs from Monday 14 to Sunday 20 January; a month-dated document is not inside it
    assert tokens.mask(start="2019-W03", end="2019-W03").tolist() == [True, True, False, False]


# -- Corpus.filter and Tokens.mask: one set of rules ------------------------------

_FILTER_DOCS = [
    Document("y", parse_date("2019"), "een", source="NOS", metadata={"sectie": "a"}),
    Document("m", parse_date("2019-01"), "twee", source="NRC", metadata={"sectie": "b"}),
    Document("d", parse_date("2019-01-15"), "drie", source="NOS"),
    Document("w", parse_date("2019-01-14"), "vier", metadata={"sectie": "b"}),
    Document("u", None, "vijf", source="AD"),
]


@pytest.mark.parametrize("options", [
    {}, {"start": "2019-01"}, {"end": "2019-01-14"}, {"start": "2019-W03", "end": "2019-W03"},
    {"source": "NOS"}, {"source": ["NOS", "AD"]}, {"source": None}, {"sectie": "b"},
    {"sectie": None, "start": "2019"}, {"precision": "day"}, {"date": lambda d: d is None},
    {"id": lambda i: i in "mu"}, {"sectie": lambda s: s is None},
    # the errors, which must read the same
    {"start": "2019-02", "end": "2019-01"}, {"sectei": "a"}, {"start": "2019-13"},
])
def test_corpus_filter_and_tokens_mask_agree(options):
    corpus = analysis.Corpus(_FILTER_DOCS)
    tokens = tokenize(_FILTER_DOCS, stopwords=None)
    try:
        expected = corpus.filter(**options).ids
    except ValueError as error:
        with pytest.raises(ValueError) as raised:
            tokens.mask(**options)
        assert str(raised.value) == str(error)
        return
    mask = tokens.mask(**options)
    assert [doc_id for doc_id, keep in zip(tokens.doc_ids, mask, strict=True) if keep] == expected
    assert tokens.filter(**options).doc_ids == expected


def test_bulk_normalising_and_filtering_as_one_by_one() -> None:
    """A chunk's new types are normalised and filtered in bulk: as each alone."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "rechtspraak" / "texts").glob("*.txt"))]
    forms = coded_sentences(texts).types + ["ĳs", "Σ", "ΟΔΟΣ", "İstanbul", "e\u0301", "10.000", "90%", "--", "De",
                                            "DE", "a", "'s", "°C", "<1%", "ⅷ", "²"]
    for lowercase in (True, False):
        normal = _Normaliser(lowercase=lowercase, fold=False, variants={})
        assert normal.many(forms) == list(map(normal, forms))
    folding = _Normaliser(lowercase=True, fold=True, variants={"Poetin": "Putin"})
    assert folding.many(forms) == list(map(folding, forms))
    for punctuation, numbers, min_length in [(False, False, 1), (True, False, 3), (False, True, 2), (True, True, 5)]:
        keep = _Filter(stopwords("nl"), punctuation, numbers, min_length, None)
        assert keep.many(forms) == list(map(keep, forms))
    stemming = _Filter(frozenset(), False, False, 1, SnowballStemmer("dutch"))
    assert stemming.many(forms[:500]) == list(map(stemming, forms[:500]))
