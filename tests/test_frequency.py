"""`analysis.frequency` against hand counts, NLTK, scipy and brute-force Python."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import nltk
import numpy as np
import pandas as pd
import pytest
import scipy.stats
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis
from analysis.corpus import Document, parse_date
from analysis.frequency import (
    DocumentTermMatrix,
    dispersion,
    document_term_matrix,
    frequencies,
    keyness,
    keyness_by,
    occurrences,
    tfidf,
    tfidf_matrix,
    trend,
)
from analysis.measures import adjust_pvalues, dispersion_scores
from analysis.tokenized import Tokens, tokenize
from analysis.tokens import is_abbreviation

CORPUS = Path(__file__).parents[1] / "corpus"


def doc(doc_id: str, text: str, date: str | None = None, source: str | None = None) -> Document:
    return Document(doc_id, parse_date(date) if date else None, text, source=source)


# The toy corpus, given out of date order on purpose (d3 first). With
# stopwords=None every word is a token:
#   d1 2019-01-05 NOS  [de kat zit] [de hond zit]              6 tokens
#   d2 2019-01-20 NU   [kat en hond]                           3 tokens
#   (2019-02: no documents)
#   d3 2019-03-10 NOS  [wagner group in caracas] [wagner zit]  6 tokens
#   d4 2019-04-01 NU   [een kat]                               2 tokens  (a one-document month)
# 17 tokens in all; months 2019-01: 9, 2019-02: 0, 2019-03: 6, 2019-04: 2.
TOY = [
    doc("d3", "Wagner Group in Caracas. Wagner zit.", "2019-03-10", "NOS"),
    doc("d1", "De kat zit. De hond zit.", "2019-01-05", "NOS"),
    doc("d2", "Kat en hond.", "2019-01-20", "NU"),
    doc("d4", "Een kat.", "2019-04-01", "NU"),
]


@pytest.fixture(scope="module")
def toy() -> Tokens:
    tokens = tokenize(TOY, stopwords=None)
    # Padding is the default: each removed full stop leaves a gap ("") that is never counted.
    assert tokens.sentences("d1") == [["de", "kat", "zit", ""], ["de", "hond", "zit", ""]]
    assert tokens.sentences("d3") == [["wagner", "group", "in", "caracas", ""], ["wagner", "zit", ""]]
    assert tokens.n_tokens == 17 and tokens.n_positions == 17 + 6
    return tokens


@pytest.fixture(scope="module")
def corpus_tokens() -> Tokens:
    return tokenize(analysis.load_corpus(CORPUS))


# --------------------------------------------------------------------------
# frequencies


def test_frequencies_toy_by_hand(toy: Tokens) -> None:
    table = frequencies(toy)
    # kat: d1, d2, d4; zit: d1 twice, d3; de: d1 twice; hond: d1, d2; wagner: d3 twice
    expected = [("kat", 3, 3), ("zit", 3, 2), ("de", 2, 1), ("hond", 2, 2), ("wagner", 2, 1),
                ("caracas", 1, 1), ("een", 1, 1), ("en", 1, 1), ("group", 1, 1), ("in", 1, 1)]
    assert list(zip(table["term"], table["count"], table["doc_count"], strict=True)) == expected
    assert table["per_10k"].iloc[0] == pytest.approx(3 / 17 * 10_000)  # 1764.70...
    assert table["doc_share"].iloc[0] == 0.75  # 3 of 4 documents
    assert table["rank"].tolist() == [1, 1, 3, 3, 3, 6, 6, 6, 6, 6]
    assert table.attrs["total_tokens"] == 17 and table.attrs["by"] is None


def test_frequencies_toy_by_month(toy: Tokens) -> None:
    table = frequencies(toy, by="month")
    assert table.columns[0] == "month"
    assert table.attrs["groups"] == ["2019-01", "2019-02", "2019-03", "2019-04"]
    # 2019-01 = d1 + d2: de 2, hond 2, kat 2, zit 2, en 1 (9 tokens); 2019-02 has no rows
    jan = table[table["month"] == "2019-01"]
    assert list(zip(jan["term"], jan["count"], jan["doc_count"], strict=True)) == [
        ("de", 2, 1), ("hond", 2, 2), ("kat", 2, 2), ("zit", 2, 1), ("en", 1, 1)]
    assert jan["group_tokens"].unique().tolist() == [9]
    assert jan["per_10k"].tolist() == pytest.approx([2 / 9 * 1e4] * 4 + [1 / 9 * 1e4])
    assert jan["doc_share"].tolist() == [0.5, 1.0, 1.0, 0.5, 0.5]
    assert table["month"].unique().tolist() == ["2019-01", "2019-03", "2019-04"]
    apr = table[table["month"] == "2019-04"]  # the one-document month: een 1, kat 1 of 2 tokens
    assert apr[["term", "count", "per_10k", "doc_share"]].values.tolist() == [
        ["een", 1, 5000.0, 1.0], ["kat", 1, 5000.0, 1.0]]


def test_frequencies_by_source_top_and_min_count(toy: Tokens) -> None:
    table = frequencies(toy, by="source", top=2, min_count=2)
    # NOS = d1 + d3 (12 tokens): zit 3, de 2, wagner 2, hond 1, ...; NU = d2 + d4: kat 2, others 1
    assert table[["source", "term", "count"]].values.tolist() == [
        ["NOS", "zit", 3], ["NOS", "de", 2], ["NU", "kat", 2]]
    assert table["group_tokens"].tolist() == [12, 12, 5]


def test_frequencies_bigrams_by_hand(toy: Tokens) -> None:
    table = frequencies(toy, ngram=2)
    # Bigrams inside sentences only: d1 de kat, kat zit, de hond, hond zit; d2 kat en,
    # en hond; d3 wagner group, group in, in caracas, wagner zit; d4 een kat = 11.
    # Never "zit de" (sentence), "zit kat" (document), "caracas wagner" (sentence).
    assert sorted(table["term"]) == sorted(["de kat", "kat zit", "de hond", "hond zit", "kat en",
                                            "en hond", "wagner group", "group in", "in caracas",
                                            "wagner zit", "een kat"])
    assert set(table["count"]) == {1}
    assert table["per_10k"].tolist() == pytest.approx([1 / 11 * 1e4] * 11)
    assert table.attrs["total_ngrams"] == {2: 11}
    trigrams = frequencies(toy, ngram=3)
    # de kat zit, de hond zit, kat en hond, wagner group in, group in caracas
    assert trigrams["term"].tolist() == ["de hond zit", "de kat zit", "group in caracas",
                                         "kat en hond", "wagner group in"]


def test_frequencies_ngram_range(toy: Tokens) -> None:
    table = frequencies(toy, ngram=(1, 2), by="month")
    jan = table[table["month"] == "2019-01"]
    # count 2: the four words; count 1: "en" and the six bigrams, in term order
    assert jan["term"].tolist() == ["de", "hond", "kat", "zit", "de hond", "de kat", "en",
                                    "en hond", "hond zit", "kat en", "kat zit"]
    assert jan["n"].tolist() == [1, 1, 1, 1, 2, 2, 1, 2, 2, 2, 2]
    # per_10k is per 10,000 n-grams of the same order: 9 tokens, 6 bigrams in January
    assert jan.groupby("n")["per_10k"].sum().tolist() == pytest.approx([10_000, 10_000])
    assert jan[jan["n"] == 2]["group_tokens"].unique().tolist() == [6]


def test_frequencies_skip_gaps() -> None:
    # de and en are stopwords, "." is punctuation: all three are gaps
    tokens = tokenize([doc("a", "De kat en de hond.")])  # padding is the default
    assert tokens.doc(0) == ["", "kat", "", "", "hond", ""]
    assert frequencies(tokens)["count"].tolist() == [1, 1]
    assert frequencies(tokens, ngram=2).empty  # the gaps break every bigram
    unpadded = tokenize([doc("a", "De kat en de hond.")], padding=False)
    assert frequencies(unpadded, ngram=2)["term"].tolist() == ["kat hond"]


def test_library_default_pads_so_bigrams_and_windows_never_span_a_removed_word() -> None:
    # by hand, with tokenize's default stopwords ("nl"): "bedoeld [in] artikel [.]"
    tokens = analysis.tokenize([doc("a", "Bedoeld in artikel.")])
    assert tokens.doc(0) == ["bedoeld", "", "artikel", ""]
    assert "bedoeld artikel" not in set(frequencies(tokens, ngram=2)["term"])
    assert frequencies(tokens, ngram=2).empty
    assert analysis.cooccurrence(tokens, window=1).count("bedoeld", "artikel") == 0
    assert analysis.cooccurrence(tokens, window=2).count("bedoeld", "artikel") == 1  # two positions apart
    joined = analysis.tokenize([doc("a", "Bedoeld in artikel.")], padding=False)  # asked for: spans "in"
    assert frequencies(joined, ngram=2)["term"].tolist() == ["bedoeld artikel"]
    assert analysis.cooccurrence(joined, window=1).count("bedoeld", "artikel") == 1


def test_padding_changes_no_count_only_ngrams_and_windows(corpus_tokens: Tokens) -> None:
    dense = tokenize(analysis.load_corpus(CORPUS), padding=False)
    assert corpus_tokens.settings["padding"] is True and dense.settings["padding"] is False
    assert dense.vocabulary == corpus_tokens.vocabulary and dense.n_tokens == corpus_tokens.n_tokens
    assert dense.n_positions < corpus_tokens.n_positions
    assert np.array_equal(dense.doc_lengths, corpus_tokens.doc_lengths)
    pd.testing.assert_frame_equal(frequencies(corpus_tokens, by="year"), frequencies(dense, by="year"))
    pd.testing.assert_frame_equal(dispersion(corpus_tokens), dispersion(dense))
    pd.testing.assert_frame_equal(dispersion(corpus_tokens, parts="equal", n_parts=7),
                                  dispersion(dense, parts="equal", n_parts=7))
    pd.testing.assert_frame_equal(keyness(corpus_tokens, ("2000", "2009"), min_count=10, min_docs=2),
                                  keyness(dense, ("2000", "2009"), min_count=10, min_docs=2))
    pd.testing.assert_frame_equal(keyness_by(corpus_tokens, "year", min_count=20),
                                  keyness_by(dense, "year", min_count=20))
    # every padded bigram is two words next to each other in the text, so also a dense bigram;
    # the dense list has more: those that join the neighbours of a removed word
    padded = frequencies(corpus_tokens, ngram=2, keep_abbreviations=True).set_index("term")["count"]
    joined = frequencies(dense, ngram=2, keep_abbreviations=True).set_index("term")["count"]
    assert (joined.reindex(padded.index) >= padded).all() and joined.sum() > padded.sum()


def test_frequencies_equal_freqdist_on_shipped_corpus(corpus_tokens: Tokens) -> None:
    docs = [[t for t in d if t] for d in corpus_tokens]  # gaps ("") are positions, not tokens
    table = frequencies(corpus_tokens, keep_abbreviations=True)
    fdist = nltk.FreqDist(token for d in docs for token in d)
    counter = Counter(token for d in docs for token in d)
    assert dict(zip(table["term"], table["count"].tolist(), strict=True)) == dict(fdist) == counter
    assert table["count"].sum() == fdist.N() == corpus_tokens.n_tokens
    doc_freq = Counter(token for d in docs for token in set(d))
    assert dict(zip(table["term"], table["doc_count"].tolist(), strict=True)) == doc_freq
    # order: count descending, then term
    ranked = sorted(counter.items(), key=lambda x: (-x[1], x[0]))
    assert list(table["term"]) == [t for t, _ in ranked]
    assert table["per_10k"].sum() == pytest.approx(10_000)


def test_frequencies_groups_add_up_on_shipped_corpus(corpus_tokens: Tokens) -> None:
    overall = frequencies(corpus_tokens, keep_abbreviations=True).set_index("term")["count"]
    for by in ("year", "source"):
        table = frequencies(corpus_tokens, by=by, keep_abbreviations=True)
        summed = table.groupby("term")["count"].sum()
        assert summed.sort_index().equals(overall.sort_index())
        assert table.groupby(by)["per_10k"].sum().to_numpy() == pytest.approx(10_000)
        labels = corpus_tokens.labels(by)
        for group in table[by].unique()[:5]:  # spot check against a Counter per group
            counter = Counter(t for d, toks in enumerate(corpus_tokens) if labels[d] == group
                              for t in toks if t)
            rows = table[table[by] == group]
            assert dict(zip(rows["term"], rows["count"].tolist(), strict=True)) == counter


@pytest.mark.parametrize("n", [2, 3])
def test_ngrams_equal_brute_force_on_shipped_corpus(corpus_tokens: Tokens, n: int) -> None:
    counter: Counter[str] = Counter()
    for d in range(len(corpus_tokens)):
        for sentence in corpus_tokens.sentences(d):  # an n-gram never spans a gap ("")
            counter.update(" ".join(g) for g in nltk.ngrams(sentence, n) if all(g))
    table = frequencies(corpus_tokens, ngram=n, keep_abbreviations=True)
    assert dict(zip(table["term"], table["count"].tolist(), strict=True)) == counter
    assert table.attrs["total_ngrams"] == {n: sum(counter.values())}


# --------------------------------------------------------------------------
# trend


def test_trend_by_hand(toy: Tokens) -> None:
    table = trend(toy, ["Kat", "zit"])
    assert table.columns.tolist() == ["month", "start", "term", "count", "doc_count",
                                      "total_tokens", "total_documents", "rate", "ci_low",
                                      "ci_high"]
    kat = table[table["term"] == "Kat"]  # the term as given, matched lowercased
    assert kat["month"].tolist() == ["2019-01", "2019-02", "2019-03", "2019-04"]
    assert kat["start"].tolist() == [pd.Timestamp("2019-01-01"), pd.Timestamp("2019-02-01"),
                                     pd.Timestamp("2019-03-01"), pd.Timestamp("2019-04-01")]
    assert kat["count"].tolist() == [2, 0, 0, 1]
    assert kat["doc_count"].tolist() == [2, 0, 0, 1]
    assert kat["total_tokens"].tolist() == [9, 0, 6, 2]
    assert kat["total_documents"].tolist() == [2, 0, 1, 1]
    # 2/9 * 10,000; the empty month 0; 0/6; 1/2 * 10,000
    assert kat["rate"].tolist() == pytest.approx([2222.2222222, 0, 0, 5000])
    # Poisson exact: chi2.ppf(0.025, 2k) / 2 / n and chi2.ppf(0.975, 2k + 2) / 2 / n
    chi2 = scipy.stats.chi2
    assert kat["ci_low"].iloc[0] == pytest.approx(chi2.ppf(0.025, 4) / 2 / 9 * 1e4, rel=1e-12)
    assert kat["ci_high"].iloc[0] == pytest.approx(chi2.ppf(0.975, 6) / 2 / 9 * 1e4, rel=1e-12)
    assert kat["ci_low"].iloc[2] == 0.0
    assert kat["ci_high"].iloc[2] == pytest.approx(chi2.ppf(0.975, 2) / 2 / 6 * 1e4, rel=1e-12)
    assert np.isnan(kat["ci_low"].iloc[1]) and np.isnan(kat["ci_high"].iloc[1])
    zit = table[table["term"] == "zit"]
    assert zit["count"].tolist() == [2, 0, 1, 0] and zit["doc_count"].tolist() == [1, 0, 1, 0]
    assert table.attrs["unit"] == "per 10,000 tokens" and table.attrs["by"] == "month"


def test_trend_per_documents_wilson(toy: Tokens) -> None:
    table = trend(toy, "zit", per="documents")
    # zit is in d1 (of 2 January documents) and d3 (the only March document)
    assert table["rate"].tolist() == pytest.approx([50.0, 0.0, 100.0, 0.0])
    ci = scipy.stats.binomtest(1, 2).proportion_ci(method="wilson")
    assert table["ci_low"].iloc[0] == pytest.approx(ci.low * 100, rel=1e-9)
    assert table["ci_high"].iloc[0] == pytest.approx(ci.high * 100, rel=1e-9)
    ci = scipy.stats.binomtest(0, 1).proportion_ci(method="wilson")
    assert table["ci_high"].iloc[3] == pytest.approx(ci.high * 100, rel=1e-9)
    assert table["rate"].iloc[1] == 0 and np.isnan(table["ci_low"].iloc[1])
    assert table.attrs["unit"] == "per 100 documents" and table.attrs["per"] == "documents"


def test_trend_globs_phrases_and_absent_terms(toy: Tokens) -> None:
    table = trend(toy, ["wagner*", "wagner group", "w?gner", "kat zit", "zit de", "nergens"])
    march = table[table["month"] == "2019-03"].set_index("term")["count"]
    assert march["wagner*"] == 2  # wagner twice
    assert march["wagner group"] == 1 and march["w?gner"] == 2
    jan = table[table["month"] == "2019-01"].set_index("term")["count"]
    assert jan["kat zit"] == 1  # d1
    assert jan["zit de"] == 0  # crosses a sentence boundary
    assert table[table["term"] == "nergens"]["count"].sum() == 0
    assert table.attrs["matched"]["w?gner"] == ["wagner"]
    merged = tokenize(TOY, stopwords=None, phrases=["wagner group"])
    assert "wagner_group" in merged.vocabulary
    table = trend(merged, ["wagner group", "wagner*"], by="year")
    # the merged token counts for the phrase; the glob matches wagner and wagner_group
    assert table["count"].tolist() == [1, 2]


# --------------------------------------------------------------------------
# keyness


def _contingency(a: int, b: int, c: int, d: int) -> np.ndarray:
    return np.array([[a, b], [c - a, d - b]])


def test_keyness_by_hand_and_scipy(toy: Tokens) -> None:
    table = keyness(toy, "2019-01", min_count=1, correction="none")
    assert table.columns.tolist() == ["term", "count_target", "count_reference", "doc_count_target",
                                      "doc_count_reference", "a", "b", "c", "d", "e1", "e2", "g2",
                                      "chi2", "log_ratio", "pct_diff", "p_value", "p_adjusted",
                                      "significant", "direction"]
    # kat: once in d1 and d2 (January), once in d4 (April)
    kat = table.set_index("term").loc["kat"]
    assert (kat["count_target"], kat["doc_count_target"]) == (2, 2)
    assert (kat["count_reference"], kat["doc_count_reference"]) == (1, 1)
    zit = table.set_index("term").loc["zit"]  # twice in d1, once in d3
    assert (zit["count_target"], zit["doc_count_target"], zit["count_reference"],
            zit["doc_count_reference"]) == (2, 1, 1, 1)
    assert (table["count_target"] == table["a"]).all() and (table["count_reference"] == table["b"]).all()
    row = table.set_index("term").loc["hond"]
    # January: 9 tokens, hond 2; rest: 8 tokens, hond 0
    assert (row["a"], row["b"], row["c"], row["d"]) == (2, 0, 9, 8)
    assert row["e1"] == pytest.approx(9 * 2 / 17) and row["e2"] == pytest.approx(8 * 2 / 17)
    # Log Ratio with b = 0 replaced by 0.5: log2((2 / 9) / (0.5 / 8))
    assert row["log_ratio"] == pytest.approx(math.log2((2 / 9) / (0.5 / 8)))
    assert row["pct_diff"] == pytest.approx(100 * (2 / 9 - 0.5 / 8) / (0.5 / 8))
    assert row["direction"] == "over"
    for term, values in table.set_index("term").iterrows():
        cells = _contingency(values["a"], values["b"], values["c"], values["d"])
        g2 = scipy.stats.chi2_contingency(cells, correction=False, lambda_="log-likelihood")
        yates = scipy.stats.chi2_contingency(cells, correction=True)
        sign = 1 if values["a"] / 9 > values["b"] / 8 else -1
        assert values["g2"] == pytest.approx(sign * g2.statistic, abs=1e-9), term
        assert values["chi2"] == pytest.approx(yates.statistic, abs=1e-9), term
        assert values["p_value"] == pytest.approx(g2.pvalue, abs=1e-9), term
    assert table["g2"].is_monotonic_decreasing
    assert table["direction"].iloc[-1] == "under"
    assert table.attrs["target"] == "'2019-01'" and table.attrs["reference"] == "rest of the corpus"


def test_keyness_on_shipped_corpus_against_scipy(corpus_tokens: Tokens) -> None:
    table = keyness(corpus_tokens, ("2000", "2009"), min_count=20)
    years = corpus_tokens.documents["date"].str[:4]
    target = ((years >= "2000") & (years <= "2009")).to_numpy()
    a = Counter(t for d, toks in enumerate(corpus_tokens) if target[d] for t in toks if t)
    b = Counter(t for d, toks in enumerate(corpus_tokens) if not target[d] for t in toks if t)
    c, d = sum(a.values()), sum(b.values())
    assert (table["c"] == c).all() and (table["d"] == d).all()
    # initials, abbreviations and Roman numerals are counted in c and d but not listed by default
    assert set(table["term"]) == {t for t in a | b if a[t] + b[t] >= 20 and not is_abbreviation(t)}
    for _, row in table.iloc[::25].iterrows():
        assert (row["a"], row["b"]) == (a[row["term"]], b[row["term"]])
        cells = _contingency(row["a"], row["b"], c, d)
        g2 = scipy.stats.chi2_contingency(cells, correction=False, lambda_="log-likelihood")
        assert abs(row["g2"]) == pytest.approx(g2.statistic, rel=1e-9, abs=1e-9)
        assert row["chi2"] == pytest.approx(scipy.stats.chi2_contingency(cells).statistic,
                                            rel=1e-9, abs=1e-9)
        lr = math.log2((max(row["a"], 0.5) / c) / (max(row["b"], 0.5) / d))
        assert row["log_ratio"] == pytest.approx(lr, rel=1e-12)
    bh = scipy.stats.false_discovery_control(table["p_value"].to_numpy(), method="bh")
    assert table["p_adjusted"].to_numpy() == pytest.approx(bh, rel=1e-12)
    assert (table["significant"] == (table["p_adjusted"] < 0.05)).all()


@pytest.mark.parametrize("measure", ["g2", "chi2", "log_ratio", "pct_diff"])
def test_keyness_sort_order(toy: Tokens, measure: str) -> None:
    table = keyness(toy, {"source": "NOS"}, min_count=1, measure=measure)
    signed = table[measure] * np.where(table["direction"] == "under", -1, 1)
    key = signed if measure == "chi2" else table[measure]
    assert key.is_monotonic_decreasing
    assert table.attrs["measure"] == measure


def test_keyness_corrections(toy: Tokens) -> None:
    for method in ("bonferroni", "holm", "none"):
        table = keyness(toy, "2019-01", min_count=1, correction=method)
        expected = adjust_pvalues(table["p_value"].to_numpy(), method=method)
        assert table["p_adjusted"].to_numpy() == pytest.approx(expected)


def test_keyness_reference_and_min_count(toy: Tokens) -> None:
    table = keyness(toy, "2019-01", "2019-03", min_count=2)
    # January (9 tokens) against March (6 tokens); a + b >= 2: de 2+0, hond 2+0,
    # kat 2+0, zit 2+1, wagner 0+2 (en, group, in, caracas have 1)
    assert sorted(table["term"]) == ["de", "hond", "kat", "wagner", "zit"]
    assert set(table["c"]) == {9} and set(table["d"]) == {6}


def test_keyness_two_tokens_with_different_vocabularies() -> None:
    first = tokenize([doc("a", "kat kat hond")], stopwords=None)
    second = tokenize([doc("b", "muis hond hond hond")], stopwords=None)
    table = keyness(first, first, second, min_count=1).set_index("term")
    assert table.loc["kat", ["a", "b", "c", "d"]].tolist() == [2, 0, 3, 4]
    assert table.loc["muis", ["a", "b"]].tolist() == [0, 1]
    assert table.loc["hond", ["a", "b"]].tolist() == [1, 3]
    # reference None: the whole first argument is the reference
    assert keyness(second, first, min_count=1).set_index("term").loc["kat", "b"] == 0


def test_keyness_by_month(toy: Tokens) -> None:
    table = keyness_by(toy, "month", min_count=2, correction="holm")
    assert table.columns[0] == "month"
    assert table.attrs["skipped_periods"] == ["2019-02"]
    assert table["month"].unique().tolist() == ["2019-01", "2019-03", "2019-04"]
    # terms with corpus frequency >= 2: de, hond, kat, wagner, zit, in every month
    assert len(table) == 3 * 5
    march = table[table["month"] == "2019-03"].set_index("term")
    # March: 6 tokens, rest 11; zit 1 of 3
    assert march.loc["zit", ["a", "b", "c", "d"]].tolist() == [1, 2, 6, 11]
    assert march.loc["kat", ["a", "b"]].tolist() == [0, 3]
    single = keyness(toy, "2019-03", min_count=2, correction="none")
    assert march.loc[single["term"], "g2"].to_numpy() == pytest.approx(single["g2"].to_numpy())
    # Holm over all 15 tests at once
    assert table["p_adjusted"].to_numpy() == pytest.approx(
        adjust_pvalues(table["p_value"].to_numpy(), method="holm"))


# --------------------------------------------------------------------------
# dispersion, occurrences


def test_dispersion_documents_by_hand(toy: Tokens) -> None:
    table = dispersion(toy).set_index("term")
    # parts = documents in corpus order d3, d1, d2, d4 with 6, 6, 3, 2 tokens;
    # kat: 0, 1, 1, 1. s = (6, 6, 3, 2) / 17, v = (0, 1, 1, 1) / 3; in 51ths
    # |0 - 18| + |17 - 18| + |17 - 9| + |17 - 6| = 38, DP = 19 / 51
    kat = table.loc["kat"]
    assert (kat["count"], kat["range"], kat["range_share"]) == (3, 3, 0.75)
    assert kat["dp"] == pytest.approx(19 / 51)
    assert kat["dp_norm"] == pytest.approx(19 / 51 / (1 - 2 / 17))
    # Juilland on p = (0, 1/6, 1/3, 1/2): mean 1/4, squared deviations
    # (9 + 1 + 1 + 9) / 144, population sd sqrt(20 / 144 / 4) = sqrt(5) / 12,
    # V = sd / mean = sqrt(5) / 3, D = 1 - V / sqrt(4 - 1)
    assert kat["juilland_d"] == pytest.approx(1 - (math.sqrt(5) / 3) / math.sqrt(3))
    expected = dispersion_scores([[0, 1, 1, 1]], [6, 6, 3, 2])
    assert kat["juilland_d"] == pytest.approx(expected["juilland_d"][0])
    assert table.index.tolist()[:5] == ["kat", "zit", "de", "hond", "wagner"]
    assert table.attrs["part_sizes"] == [6, 6, 3, 2]


def test_dispersion_equal_parts_by_hand(toy: Tokens) -> None:
    # The date-ordered stream: d1 (0-5: de kat zit de hond zit), d2 (6-8: kat en hond),
    # d3 (9-14: wagner group in caracas wagner zit), d4 (15-16: een kat).
    # Three parts: token k goes to k * 3 // 17: 0-5, 6-11, 12-16 (sizes 6, 6, 5).
    table = dispersion(toy, ["kat", "zit", "wagner group", "nergens"], parts="equal", n_parts=3)
    assert table.attrs["part_sizes"] == [6, 6, 5]
    table = table.set_index("term")
    sizes = [6, 6, 5]
    for term, counts in [("kat", [1, 1, 1]),  # tokens 1, 6, 16
                         ("zit", [2, 0, 1]),  # tokens 2, 5, 14
                         ("wagner group", [0, 1, 0])]:  # starts at token 9
        expected = dispersion_scores(counts, sizes)
        for key, column in (("frequency", "count"), ("range", "range"), ("juilland_d", "juilland_d"),
                            ("dp", "dp"), ("dp_norm", "dp_norm")):
            assert table.loc[term, column] == pytest.approx(float(expected[key])), (term, key)
    assert table.loc["nergens", "count"] == 0 and np.isnan(table.loc["nergens", "dp"])
    two = dispersion(toy, parts="equal", n_parts=2).set_index("term")
    # two parts: tokens 0-8 (d1 + d2, 9 tokens) and 9-16 (d3 + d4, 8 tokens)
    assert two.attrs["part_sizes"] == [9, 8]
    assert two.loc["kat", "dp"] == pytest.approx(float(dispersion_scores([2, 1], [9, 8])["dp"]))


def test_occurrences_by_hand(toy: Tokens) -> None:
    table = occurrences(toy, ["kat", "wagner group"])
    # Each full stop is a gap that takes a position: date order d1 (positions 0-7:
    # de kat zit . de hond zit .), d2 (8-11), d3 (12-19), d4 (20-22: een kat .)
    assert table.values.tolist() == [
        ["kat", "d1", "2019-01-05", 0, 1, 1],
        ["kat", "d2", "2019-01-20", 1, 0, 8],
        ["kat", "d4", "2019-04-01", 3, 1, 21],
        ["wagner group", "d3", "2019-03-10", 2, 0, 12],
    ]
    assert table.attrs["corpus_size"] == 23
    assert table.attrs["doc_starts"] == [0, 8, 12, 20]


def test_occurrences_gaps_and_undated() -> None:
    tokens = tokenize([doc("u", "De kat."), doc("x", "Een kat en de kat.", "2019")],
                      padding=True)
    table = occurrences(tokens, "kat")
    # x comes first (dated); its positions count the gaps: [een] kat [en] [de] kat [.]
    # then u: [de] kat [.], starting at corpus position 6
    assert table[["doc_id", "doc_index", "position", "corpus_position"]].values.tolist() \
        == [["x", 0, 1, 1], ["x", 0, 4, 4], ["u", 1, 1, 7]]
    assert table["date"].iloc[:2].tolist() == ["2019", "2019"] and pd.isna(table["date"].iloc[2])
    assert table.attrs["corpus_size"] == 9


# --------------------------------------------------------------------------
# tf-idf and document-term matrices


def test_tfidf_by_hand(toy: Tokens) -> None:
    weights = tfidf_matrix(toy)
    matrix, vocabulary, rows = weights.matrix, weights.vocabulary, weights.doc_ids
    assert rows == ["d3", "d1", "d2", "d4"] and vocabulary == list(toy.vocabulary)
    # d4 = een kat; n = 4; df(een) = 1, df(kat) = 3
    idf_een, idf_kat = math.log(5 / 2) + 1, math.log(5 / 4) + 1
    norm = math.hypot(idf_een, idf_kat)
    d4 = matrix[3].toarray().ravel()
    assert d4[vocabulary.index("een")] == pytest.approx(idf_een / norm)
    assert d4[vocabulary.index("kat")] == pytest.approx(idf_kat / norm)
    raw = tfidf_matrix(toy, norm=None, smooth=False, sublinear=True).matrix
    # d1: de twice, df 1: (1 + ln 2) * (ln(4 / 1) + 1)
    assert raw[1, vocabulary.index("de")] == pytest.approx((1 + math.log(2)) * (math.log(4) + 1))
    monthly = tfidf_matrix(toy, by="month", norm="l1")
    by_month, labels = monthly.matrix, monthly.doc_ids
    assert labels == ["2019-01", "2019-03", "2019-04"]  # months with documents
    assert np.asarray(by_month.sum(axis=1)).ravel() == pytest.approx([1, 1, 1])


def test_tfidf_frame(toy: Tokens) -> None:
    frame = tfidf(toy, top=2)
    assert frame.columns.tolist() == ["doc_id", "term", "count", "doc_count", "idf", "tfidf"]
    d1 = frame[frame["doc_id"] == "d1"]
    # d1: de 2 (df 1), zit 2 (df 2), hond 1, kat 1: de has the highest weight
    assert d1["term"].tolist() == ["de", "zit"] and d1["count"].tolist() == [2, 2]
    assert d1["idf"].tolist() == pytest.approx([math.log(5 / 2) + 1, math.log(5 / 3) + 1])
    grouped = tfidf(toy, by="source", top=None)
    assert grouped["doc_count"].max() <= 2  # two sources
    assert grouped.columns[0] == "source" and set(grouped["source"]) == {"NOS", "NU"}


def test_tfidf_leaves_abbreviations_out_of_the_table_by_hand() -> None:
    tokens = tokenize([doc("a", "enz. enz. kat hond"), doc("b", "kat muis iii")], stopwords=None)
    # n = 2, smooth idf: df 1 -> ln(3/2) + 1, df 2 (kat) -> 1; a: enz. 2 x idf1, kat 1, hond idf1; l2 norm of a
    idf1 = math.log(3 / 2) + 1
    norm_a, norm_b = math.sqrt((2 * idf1) ** 2 + 1 + idf1**2), math.sqrt(1 + 2 * idf1**2)
    listed = tfidf(tokens, top=None)
    assert listed[["doc_id", "term"]].values.tolist() == [["a", "hond"], ["a", "kat"], ["b", "muis"], ["b", "kat"]]
    # enz. and iii are left out of the table, not out of the weights: the norms still hold them
    assert listed["tfidf"].tolist() == pytest.approx([idf1 / norm_a, 1 / norm_a, idf1 / norm_b, 1 / norm_b])
    every = tfidf(tokens, top=None, keep_abbreviations=True)
    assert every["term"].tolist() == ["enz.", "hond", "kat", "iii", "muis", "kat"]  # iii = muis: ties by term
    assert every.set_index(["doc_id", "term"]).loc[("a", "enz."), "tfidf"] == pytest.approx(2 * idf1 / norm_a)
    # top counts the listed terms: b's best is muis, not iii
    assert tfidf(tokens, top=1)["term"].tolist() == ["hond", "muis"]
    assert tfidf(tokens, top=1, keep_abbreviations=True)["term"].tolist() == ["enz.", "iii"]


def test_tfidf_lists_every_weighted_term_but_abbreviations_on_the_shipped_corpus(corpus_tokens: Tokens) -> None:
    weights = tfidf_matrix(corpus_tokens)  # equal to scikit-learn's (below)
    matrix = weights.matrix.tocoo()
    expected = {(weights.doc_ids[r], weights.vocabulary[c]) for r, c in zip(matrix.row, matrix.col, strict=True)
                if not is_abbreviation(weights.vocabulary[c])}
    table = tfidf(corpus_tokens, top=None)
    assert set(zip(table["doc_id"], table["term"], strict=True)) == expected and len(table) == len(expected)
    assert any(is_abbreviation(t) for t in tfidf(corpus_tokens, top=None, keep_abbreviations=True)["term"])


def test_tfidf_equals_scikit_learn(corpus_tokens: Tokens) -> None:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    docs = [[t for t in d if t] for d in corpus_tokens]  # gaps ("") are not terms
    for options in ({}, {"sublinear_tf": True, "smooth_idf": False, "norm": "l1"}):
        vectorizer = text.TfidfVectorizer(analyzer=lambda d: d, **options)
        expected = vectorizer.fit_transform(docs)
        weights = tfidf_matrix(corpus_tokens, smooth=options.get("smooth_idf", True),
                               sublinear=options.get("sublinear_tf", False),
                               norm=options.get("norm", "l2"))
        matrix, vocabulary = weights.matrix, weights.vocabulary
        assert vocabulary == list(vectorizer.get_feature_names_out())
        assert abs(matrix - expected).max() < 1e-12


def test_document_term_matrix(toy: Tokens) -> None:
    dtm = document_term_matrix(toy)
    assert isinstance(dtm, DocumentTermMatrix)
    assert dtm.doc_ids == ["d3", "d1", "d2", "d4"] and dtm.vocabulary == list(toy.vocabulary)
    assert dtm.matrix.dtype == np.int64
    for d, tokens in enumerate(toy):
        row = dict(zip(dtm.vocabulary, dtm.matrix[d].toarray().ravel().tolist(), strict=True))
        assert {k: v for k, v in row.items() if v} == Counter(t for t in tokens if t)
    pruned = document_term_matrix(toy, min_count=2, max_vocabulary=3)
    # count >= 2: kat 3, zit 3, de 2, hond 2, wagner 2 -> the top 3: kat, zit, de (ties by term)
    assert pruned.vocabulary == ["de", "kat", "zit"]
    assert pruned.pruned == {"min_count": 2, "max_vocabulary": 3, "terms_below_min_count": 5,
                             "terms_beyond_max_vocabulary": 2, "tokens_left_out": 17 - 8}
    by_month = document_term_matrix(toy, by="month")
    assert by_month.doc_ids == ["2019-01", "2019-03", "2019-04"]
    assert by_month.matrix.sum() == 17


# --------------------------------------------------------------------------
# bad input


@pytest.fixture(scope="module")
def undated() -> Tokens:
    return tokenize([doc("a", "kat hond"), doc("b", "kat", "2019-01")], stopwords=None)


def test_bad_input(toy: Tokens, undated: Tokens) -> None:
    with pytest.raises(ValueError, match="unknown by 'krant'"):
        frequencies(toy, by="krant")
    with pytest.raises(ValueError, match="by='month' needs dates"):
        frequencies(undated, by="month")
    with pytest.raises(ValueError, match="by='month' needs dates"):
        trend(undated, "kat")
    with pytest.raises(ValueError, match="trend needs a calendar period.*'source'"):
        trend(toy, "kat", by="source")
    with pytest.raises(ValueError, match="ngram must be .* got 0"):
        frequencies(toy, ngram=0)
    with pytest.raises(ValueError, match=r"ngram must be .* got \(3, 1\)"):
        frequencies(toy, ngram=(3, 1))
    with pytest.raises(ValueError, match="min_count must be an int >= 1, got 0"):
        frequencies(toy, min_count=0)
    with pytest.raises(ValueError, match="target '2018' selects no documents"):
        keyness(toy, "2018")
    with pytest.raises(ValueError, match="target '2019' selects every document"):
        keyness(toy, "2019")
    with pytest.raises(ValueError, match="target: no document has source 'Trouw'; known values: 'NOS', 'NU'"):
        keyness(toy, {"source": "Trouw"})
    with pytest.raises(ValueError, match="share 2 document"):
        keyness(toy, "2019-01", "2019")
    with pytest.raises(ValueError, match="measure must be one of .* got 'mi'"):
        keyness(toy, "2019-01", measure="mi")
    with pytest.raises(ValueError, match="correction must be one of .* got 'fdr'"):
        keyness(toy, "2019-01", correction="fdr")
    with pytest.raises(ValueError, match="correction must be one of .* got 'sidak'"):
        keyness_by(toy, correction="sidak")
    with pytest.raises(ValueError, match="per must be one of .* got 'words'"):
        trend(toy, "kat", per="words")
    with pytest.raises(ValueError, match="every term must be a non-empty str, got ''"):
        trend(toy, ["kat", ""])
    with pytest.raises(ValueError, match="every term must be a non-empty str, got 3"):
        occurrences(toy, [3])
    with pytest.raises(ValueError, match="parts must be 'documents' or 'equal', got 'months'"):
        dispersion(toy, parts="months")
    with pytest.raises(ValueError, match="n_parts=100 is more than the 17 tokens"):
        dispersion(toy, parts="equal", n_parts=100)
    with pytest.raises(ValueError, match="norm must be .* got 'l3'"):
        tfidf(toy, norm="l3")
    with pytest.raises(TypeError, match="must be a Tokens"):
        frequencies(["kat"])


def test_empty_corpora(toy: Tokens) -> None:
    with pytest.raises(ValueError, match="empty corpus"):
        tokenize([])
    empty = toy.select(np.zeros(len(toy), dtype=bool))
    for call in (frequencies, keyness_by, dispersion, tfidf, document_term_matrix):
        with pytest.raises(ValueError, match="tokens is an empty corpus"):
            call(empty)
    only_stopwords = tokenize([doc("a", "De en het.", "2019-01")])
    with pytest.raises(ValueError, match="no tokens to count"):
        frequencies(only_stopwords)
    with pytest.raises(ValueError, match="at least two groups with tokens"):
        keyness_by(toy.filter(start="2019-03", end="2019-03"))


def test_deterministic(corpus_tokens: Tokens) -> None:
    first = frequencies(corpus_tokens, by="year", ngram=(1, 2))
    second = frequencies(corpus_tokens, by="year", ngram=(1, 2))
    pd.testing.assert_frame_equal(first, second)


# --------------------------------------------------------------------------
# property tests against plain-Python references

WORDS = ["kat", "hond", "muis", "vis", "boom", "huis"]
MONTHS = ["2019-01", "2019-02", "2019-03", "2019-04"]

sentences = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
                     min_size=1, max_size=3)
documents = st.lists(st.tuples(st.sampled_from(MONTHS), st.integers(1, 28), sentences),
                     min_size=2, max_size=8)


def _build(docs: list) -> tuple[Tokens, list[list[list[str]]], list[str]]:
    texts = [" ".join(" ".join([s[0].capitalize(), *s[1:]]) + "." for s in sents)
             for _, _, sents in docs]
    corpus = [doc(f"d{i}", text, f"{month}-{day:02d}")
              for i, ((month, day, _), text) in enumerate(zip(docs, texts, strict=True))]
    tokens = tokenize(corpus, stopwords=None)
    sents = [d[2] for d in docs]
    # every full stop is a gap ("") at the end of its sentence
    assert [tokens.sentences(d) for d in range(len(tokens))] == [[[*s, ""] for s in sent] for sent in sents]
    return tokens, sents, [month for month, _, _ in docs]


PROPERTY = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(documents)
def test_property_frequencies_by_month(docs: list) -> None:
    tokens, sents, months = _build(docs)
    table = frequencies(tokens, by="month")
    expected = Counter()
    doc_expected = Counter()
    for sent, month in zip(sents, months, strict=True):
        words = [w for s in sent for w in s]
        expected.update((month, w) for w in words)
        doc_expected.update((month, w) for w in set(words))
    got = {(m, t): c for m, t, c in table[["month", "term", "count"]].itertuples(index=False)}
    assert got == dict(expected)
    got_docs = {(m, t): c for m, t, c in table[["month", "term", "doc_count"]].itertuples(
        index=False)}
    assert got_docs == dict(doc_expected)
    for _, rows in table.groupby("month"):
        pairs = zip(rows["term"], rows["count"], strict=True)
        assert list(rows["term"]) == [t for t, _ in sorted(pairs, key=lambda x: (-x[1], x[0]))]


@PROPERTY
@given(documents)
def test_property_bigrams(docs: list) -> None:
    tokens, sents, _ = _build(docs)
    expected = Counter(f"{x} {y}" for sent in sents for s in sent
                       for x, y in zip(s, s[1:], strict=False))
    if not expected:
        assert frequencies(tokens, ngram=2).empty
        return
    table = frequencies(tokens, ngram=2)
    assert dict(zip(table["term"], table["count"].tolist(), strict=True)) == expected


@PROPERTY
@given(documents)
def test_property_dispersion(docs: list) -> None:
    tokens, sents, _ = _build(docs)
    table = dispersion(tokens).set_index("term")
    flat = [[w for s in sent for w in s] for sent in sents]
    vocabulary = sorted({w for d in flat for w in d})
    counts = [[Counter(d)[w] for d in flat] for w in vocabulary]
    expected = dispersion_scores(counts, [len(d) for d in flat])
    for i, term in enumerate(vocabulary):
        for key in ("frequency", "range", "dp", "dp_norm", "juilland_d"):
            column = "count" if key == "frequency" else key
            assert table.loc[term, column] == pytest.approx(expected[key][i], nan_ok=True)


@PROPERTY
@given(documents, st.sampled_from(MONTHS))
def test_property_keyness_counts(docs: list, month: str) -> None:
    tokens, sents, months = _build(docs)
    target = [m == month for m in months]
    if not any(target) or all(target):
        return
    table = keyness(tokens, month, min_count=1)
    a = Counter(w for sent, t in zip(sents, target, strict=True) if t for s in sent for w in s)
    b = Counter(w for sent, t in zip(sents, target, strict=True) if not t for s in sent for w in s)
    got = {row.term: (row.a, row.b, row.c, row.d) for row in table.itertuples()}
    assert got == {w: (a[w], b[w], sum(a.values()), sum(b.values())) for w in a | b}


# --------------------------------------------------------------------------
# text-dispersion keyness (Egbert & Biber 2019): documents with the term / all documents

# stopwords=None; target 2019: t1 has kat 8 times, hond once; t2 hond vis; t3 hond muis.
# reference 2020: r1 kat hond; r2 vis muis; r3 hond vis; r4 muis kat.
DISPERSED = [
    doc("t1", "Kat kat kat kat kat kat kat kat hond.", "2019-01-01"),
    doc("t2", "Hond vis.", "2019-02-01"),
    doc("t3", "Hond muis.", "2019-03-01"),
    doc("r1", "Kat hond.", "2020-01-01"),
    doc("r2", "Vis muis.", "2020-02-01"),
    doc("r3", "Hond vis.", "2020-03-01"),
    doc("r4", "Muis kat.", "2020-04-01"),
]


def _g2_by_hand(cells: list[list[int]]) -> float:
    """Four-cell log-likelihood, 2 * sum O ln(O / E), E = row total * column total / N."""
    n = sum(map(sum, cells))
    rows, columns = [sum(r) for r in cells], [sum(c) for c in zip(*cells, strict=True)]
    return 2 * sum(o * math.log(o / (rows[i] * columns[j] / n))
                   for i, row in enumerate(cells) for j, o in enumerate(row) if o)


def test_text_dispersion_keyness_by_hand() -> None:
    tokens = tokenize(DISPERSED, stopwords=None)
    by_tokens = keyness(tokens, "2019", min_count=1)
    # tokens: kat 8 of the target's 13 against 2 of the reference's 8: the top keyword
    assert by_tokens["term"].iloc[0] == "kat" and by_tokens["direction"].iloc[0] == "over"
    table = keyness(tokens, "2019", min_count=1, per="documents").set_index("term")
    # documents: hond in 3 of 3 target documents, 2 of 4 reference ones; kat in 1 of 3, 2 of 4
    assert table.loc["hond", ["a", "b", "c", "d"]].tolist() == [3, 2, 3, 4]
    assert table.loc["kat", ["a", "b", "c", "d"]].tolist() == [1, 2, 3, 4]
    assert table.loc["kat", ["count_target", "count_reference", "doc_count_target",
                             "doc_count_reference"]].tolist() == [8, 2, 1, 2]
    # table [[texts with hond], [texts without]] x [target, reference] = [[3, 2], [0, 2]]:
    # E = 5*3/7, 5*4/7, 2*3/7, 2*4/7; G2 = 2 (3 ln(3 / (15/7)) + 2 ln(2 / (20/7)) + 2 ln(2 / (8/7)))
    hond = 2 * (3 * math.log(3 / (15 / 7)) + 2 * math.log(2 / (20 / 7)) + 2 * math.log(2 / (8 / 7)))
    assert hond == pytest.approx(2.8305968, rel=1e-7)
    assert table.loc["hond", "g2"] == pytest.approx(hond, rel=1e-12)
    assert table.loc["hond", "p_value"] == pytest.approx(scipy.stats.chi2.sf(hond, 1), rel=1e-12)
    # kat: 1/3 of target texts < 2/4 of reference texts: under-used, G2 signed negative
    assert table.loc["kat", "direction"] == "under"
    assert table.loc["kat", "g2"] == pytest.approx(-_g2_by_hand([[1, 2], [2, 2]]), rel=1e-12)
    assert table.index[0] == "hond" and table.attrs["per"] == "documents"
    assert keyness(tokens, "2019", min_count=1).attrs["per"] == "tokens"
    # min_count counts documents here: kat, vis and muis are in 3 texts, hond in 5
    assert keyness(tokens, "2019", min_count=4, per="documents")["term"].tolist() == ["hond"]
    with pytest.raises(ValueError, match=r"per must be one of \('tokens', 'documents'\), got 'texts'"):
        keyness(tokens, "2019", per="texts")


def test_text_dispersion_keyness_by_year_equals_keyness_per_year() -> None:
    tokens = tokenize(DISPERSED, stopwords=None)
    table = keyness_by(tokens, "year", min_count=1, per="documents")
    assert table.attrs["per"] == "documents"
    cells = ["term", "count_target", "count_reference", "doc_count_target", "doc_count_reference",
             "a", "b", "c", "d", "g2", "direction"]
    for year in ("2019", "2020"):
        rows = table[table["year"] == year][cells].reset_index(drop=True)
        pd.testing.assert_frame_equal(rows, keyness(tokens, year, min_count=1, per="documents")[cells])
    hond_2020 = table[(table["year"] == "2020") & (table["term"] == "hond")]
    assert hond_2020[["a", "b", "c", "d"]].values.tolist() == [[2, 3, 4, 3]]


def test_text_dispersion_keyness_on_shipped_corpus_against_scipy(corpus_tokens: Tokens) -> None:
    table = keyness(corpus_tokens, ("2000", "2009"), min_count=5, per="documents")
    years = corpus_tokens.documents["date"].str[:4]
    target = ((years >= "2000") & (years <= "2009")).to_numpy()
    words = [{t for t in toks if t} for toks in corpus_tokens]  # the terms of each document, gaps left out
    a = Counter(t for d, terms in enumerate(words) if target[d] for t in terms)
    b = Counter(t for d, terms in enumerate(words) if not target[d] for t in terms)
    c, d = int(target.sum()), int((~target).sum())
    assert (table["c"] == c).all() and (table["d"] == d).all() and c + d == len(corpus_tokens)
    assert set(table["term"]) == {t for t in a | b if a[t] + b[t] >= 5 and not is_abbreviation(t)}
    tokens_a = Counter(t for i, toks in enumerate(corpus_tokens) if target[i] for t in toks if t)
    for _, row in table.iloc[::7].iterrows():
        term = row["term"]
        assert (row["a"], row["b"]) == (a[term], b[term]) == (row["doc_count_target"], row["doc_count_reference"])
        assert row["count_target"] == tokens_a[term]
        cells = _contingency(a[term], b[term], c, d)
        g2 = scipy.stats.chi2_contingency(cells, correction=False, lambda_="log-likelihood")
        assert abs(row["g2"]) == pytest.approx(g2.statistic, rel=1e-9, abs=1e-9), term
        assert row["p_value"] == pytest.approx(g2.pvalue, rel=1e-9, abs=1e-12), term
        assert row["direction"] == ("over" if a[term] / c > b[term] / d else
                                    "under" if a[term] / c < b[term] / d else "none")
    assert table["g2"].is_monotonic_decreasing


def test_counting_in_blocks_equals_counting_at_once(monkeypatch) -> None:
    """Large corpora are counted in blocks of whole documents; the table is the same."""
    import analysis.counting as module

    corpus = analysis.load_corpus(Path(__file__).resolve().parents[1] / "corpus")
    tokens = analysis.tokenize(corpus, padding=True)
    at_once = {n: frequencies(tokens, by="year", ngram=n) for n in (1, (1, 2))}
    monkeypatch.setattr(module, "_BLOCK", 997)  # many blocks, none aligned by chance
    for n, expected in at_once.items():
        pd.testing.assert_frame_equal(frequencies(tokens, by="year", ngram=n), expected)
        pd.testing.assert_frame_equal(frequencies(tokens, by="year", ngram=n, n_jobs=2), expected)
    with pytest.raises(ValueError, match="n_jobs must be a positive int or -1, got 0"):
        frequencies(tokens, n_jobs=0)


def test_keyness_source_values_match_case_insensitively(toy: Tokens) -> None:
    exact = keyness(toy, {"source": "NOS"}, min_count=1)
    folded = keyness(toy, {"source": "nos"}, min_count=1)
    pd.testing.assert_frame_equal(exact, folded)
    assert int(toy.mask(source="NOS").sum()) == 2  # what the folded value selected


def test_abbreviations_stay_in_the_tokens_but_out_of_ranked_lists() -> None:
    from analysis import collocates, kwic

    docs = [doc("a", "Mr. J. de Vries schreef boeken, tijdschriften enz. over het recht."),
            doc("b", "Hoofdstuk iii gaat over het recht van J. de Vries.")]
    tokens = tokenize(docs)
    assert {"mr.", "j.", "enz.", "iii"} <= set(tokens.vocabulary)  # stored as tokens
    listed = frequencies(tokens)
    every = frequencies(tokens, keep_abbreviations=True)
    assert set(every["term"]) - set(listed["term"]) == {"mr.", "j.", "enz.", "iii"}
    # by hand: 8 + 6 tokens left (de, over, het, van are stopwords); vries 2 -> 2 / 14 * 10,000 in both
    assert tokens.n_tokens == 14
    assert listed.set_index("term").loc["vries", "per_10k"] == pytest.approx(2 / 14 * 10_000)
    assert every.set_index("term").loc["j.", "count"] == 2
    assert "j. vries" not in set(frequencies(tokens, ngram=2)["term"])
    near = collocates(tokens, "vries", window=2)
    assert "j." not in set(near["term"])
    assert "j." in set(collocates(tokens, "vries", window=2, keep_abbreviations=True)["term"])
    assert kwic(docs, "j.")["keyword"].tolist() == ["J.", "J."]
    # keyness of a against b: j. (1 and 1), mr., enz. (a) and iii (b) are tested only when asked
    dated = tokenize([doc("a", docs[0].text, "2019-01"), doc("b", docs[1].text, "2020-01")])
    key = keyness(dated, "2019", min_count=1)
    every_key = keyness(dated, "2019", min_count=1, keep_abbreviations=True)
    assert set(every_key["term"]) - set(key["term"]) == {"mr.", "j.", "enz.", "iii"}
    assert (key["c"] == 8).all() and (key["d"] == 6).all()  # still counted in the sizes
    assert set(keyness_by(dated, "year", min_count=1)["term"]) == set(key["term"])
    assert "j." in set(keyness_by(dated, "year", min_count=1, keep_abbreviations=True)["term"])
    assert key.attrs["keep_abbreviations"] is False


def test_a_name_with_initials_is_listed_as_a_name_not_left_out_as_an_abbreviation() -> None:
    from analysis import collocates, cooccurrence, find_phrases, tfidf

    docs = [doc("a", "Gisteren zei J.W. Weck dat hij kwam. Daarna sprak J.W. Weck opnieuw met de rechter.",
                "2019-01"),
            doc("b", "Volgens J.W. Weck is het goed. De rechter zweeg, enz.", "2020-01")]
    tokens = tokenize(docs, names=True)
    assert tokens.name_terms == ("J.W. Weck",)
    # by hand: J.W. Weck 3 times in 2 documents, rechter 2; enz. (once) stays out of every list
    counts = frequencies(tokens).set_index("term")["count"]
    assert counts["J.W. Weck"] == 3 and counts["rechter"] == 2 and "enz." not in counts
    pairs = set(frequencies(tokens, ngram=2)["term"])
    assert {"zei J.W. Weck", "sprak J.W. Weck", "J.W. Weck opnieuw"} <= pairs
    assert not any("enz." in pair for pair in pairs)
    assert "J.W. Weck" in set(collocates(tokens, "opnieuw", window=2)["term"])
    assert "J.W. Weck" in set(cooccurrence(tokens, window=2).collocates("opnieuw")["term"])
    assert "J.W. Weck" in set(keyness(tokens, "2019", min_count=1)["term"])
    assert "J.W. Weck" in set(tfidf(tokens)["term"])
    assert "zei J.W. Weck" in set(find_phrases(tokens, min_count=1)["phrase"])


def test_keyness_min_docs_leaves_out_one_long_document() -> None:
    docs = [doc("a", "kat kat kat kat kat kat hond", "2019-01"), doc("b", "hond muis", "2019-02"),
            doc("c", "hond muis", "2019-03"), doc("d", "vis vis", "2020-01"), doc("e", "vis", "2020-02")]
    tokens = tokenize(docs, stopwords=None)
    every = keyness(tokens, "2019", min_count=1)
    spread = keyness(tokens, "2019", min_count=1, min_docs=2)
    # by hand: kat 6 tokens but in one document; hond in 3, muis in 2 (target); vis in 2 (reference)
    assert "kat" in set(every["term"]) and "kat" not in set(spread["term"])
    assert set(spread["term"]) == {"hond", "muis", "vis"} and spread.attrs["min_docs"] == 2
    rows = spread.set_index("term")
    assert rows.loc["hond", "g2"] == pytest.approx(every.set_index("term").loc["hond", "g2"])
