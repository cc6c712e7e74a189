"""Sentences for the reader, generated from the numbers; warnings as one line."""

from __future__ import annotations

import warnings
from collections import Counter

import pytest
from scipy.stats import chi2

import analysis
from analysis.config import corpus_dir
from analysis.notes import (
    describe_duplicates,
    describe_keyness,
    describe_timeline,
    describe_trend,
    is_shipped_corpus,
    reported_warnings,
    warnings_line,
)


def doc(name: str, date: str, text: str) -> analysis.Document:
    return analysis.Document(name, analysis.parse_date(date), text)


def test_timeline_counts_documents_by_hand() -> None:
    docs = analysis.Corpus([doc("a", "2017-03", "kat"), doc("b", "2017-05", "hond"), doc("c", "2017-06", "vis"),
                            doc("d", "2017-07", "kat"), doc("e", "2017-08", "kat"), doc("f", "2017-09", "kat"),
                            doc("g", "2019-01", "hond")])
    # 2017: 6 documents (86%), 2018: none, 2019: 1 (fewer than 5)
    assert describe_timeline(docs.summary("year")) == (
        "7 documents in 3 years (2017 to 2019); the busiest year, 2017, holds 6 (86%). 1 year has no document "
        "(2018) and 1 has fewer than 5 (2019): rates there rest on few tokens, so read their intervals, "
        "not their points.")


def test_timeline_of_the_shipped_corpus_names_its_busiest_year() -> None:
    corpus = analysis.load_corpus(corpus_dir())
    years = Counter(d.date_label[:4] for d in corpus)
    busiest, most = sorted(years.items(), key=lambda item: (-item[1], item[0]))[0]
    text = describe_timeline(corpus.summary("year"))
    assert text.startswith(f"{len(corpus)} documents in ")
    assert f"the busiest year, {busiest}, holds {most} ({most / len(corpus):.0%})" in text


def test_trend_sentence_uses_exact_poisson_intervals() -> None:
    docs = [doc("a", "2018", "kat kat kat kat hond"), doc("b", "2019", "hond hond hond hond hond kat")]
    tokens = analysis.tokenize(docs, stopwords=None)
    text = describe_trend(analysis.trend(tokens, ["kat"], by="year"))
    # kat: 4 of 5 tokens in 2018 = 8000 per 10k; 1 of 6 in 2019 = 1666.7; exact Poisson (Garwood) bounds
    low18 = chi2.ppf(0.025, 8) / 2 / 5 * 10_000
    low19, high19 = chi2.ppf(0.025, 2) / 2 / 6 * 10_000, chi2.ppf(0.975, 4) / 2 / 6 * 10_000
    assert text.startswith(f"- *kat*: highest in 2018 (8000.0 per 10,000 tokens, 95% CI {low18:.1f}-")
    assert f"lowest in 2019 (1666.7, {low19:.1f}-{high19:.1f})" in text
    assert ("intervals overlap" in text) == (low18 <= high19)


def test_keyness_sentence_names_both_ends() -> None:
    docs = [doc("a", "2019", "kat kat kat kat hond"), doc("b", "2020", "hond hond hond hond vis kat")]
    key = analysis.keyness(analysis.tokenize(docs, stopwords=None), "2019", min_count=1)
    text = describe_keyness(key)
    over = key[key["direction"] == "over"].iloc[0]
    under = key[key["direction"] == "under"].iloc[-1]
    assert text.startswith(f"Most over-used in '2019': {over['term']} (G² {over['g2']:.1f}")
    assert f"Most under-used: {under['term']} (G² {under['g2']:.1f}" in text


def test_duplicates_sentence() -> None:
    text = "Het kabinet trekt vijftig miljoen euro uit voor de opvang in Ter Apel en elders."
    docs = analysis.Corpus([doc("a", "2023-05-01", text), doc("b", "2023-05-02", text),
                            doc("c", "2023-05-03", "Iets heel anders over de fiets en het weer vandaag.")])
    assert describe_duplicates(docs, docs.deduplicate()) == (
        "1 of 3 documents are near-copies of another (1 group); 2 remain: one of each group and every unique "
        "document.")


def test_shipped_corpus_is_recognised() -> None:
    assert is_shipped_corpus(corpus_dir()) and is_shipped_corpus(corpus_dir() / "rechtspraak" / "texts")
    assert not is_shipped_corpus(corpus_dir().parent / "tests")


def test_warnings_become_one_line(capsys) -> None:
    with reported_warnings() as seen:
        warnings.warn("1 record(s) skipped (first: a.csv, line 3: no date)", stacklevel=1)
        warnings.warn("1 record(s) skipped (first: a.csv, line 3: no date)", stacklevel=1)
        warnings.warn("no hits for 'x'", stacklevel=1)
    assert seen == ["1 record(s) skipped (first: a.csv, line 3: no date)", "no hits for 'x'"]
    err = capsys.readouterr().err
    assert err == "Note: 1 record(s) skipped (first: a.csv, line 3: no date); no hits for 'x'.\n"
    assert warnings_line([]) == ""


def test_warnings_are_shown_even_when_the_block_fails(capsys) -> None:
    with pytest.raises(ValueError), reported_warnings():
        warnings.warn("half done", stacklevel=1)
        raise ValueError("stop")
    assert capsys.readouterr().err == "Note: half done.\n"
