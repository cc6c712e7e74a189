"""Tests for analysis.query: one rule for a term, a glob or a phrase, and every
function that finds terms agreeing on it (hand counts and a brute-force
n-gram reference)."""

from __future__ import annotations

import fnmatch
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis import (
    Document,
    collocates,
    dispersion,
    frequencies,
    kwic,
    occurrences,
    parse_date,
    tokenize,
    trend,
)
from analysis.query import check_terms, find_matches, match_term, normaliser, parse_query, word_ids

KEEP_ALL = {"stopwords": None, "keep_punctuation": True, "keep_numbers": True}
BEATRIX = "Wij Beatrix, enz. enz. enz. Allen."


def test_phrase_matches_overlap_at_every_start() -> None:
    # wij beatrix , enz. enz. enz. allen .  ->  "enz. enz." starts at 3 and 4
    t = tokenize([Document("a", None, BEATRIX)], **KEEP_ALL)
    found = match_term(t, "enz. enz.")
    assert found.starts.tolist() == [3, 4]
    assert found.ends.tolist() == [4, 5]
    assert match_term(t, "enz. enz. enz.").starts.tolist() == [3]
    assert len(match_term(t, "enz.")) == 3


def test_beatrix_counts_agree_everywhere() -> None:
    docs = [Document("a", parse_date("1990-04-30"), BEATRIX)]
    t = tokenize(docs, **KEEP_ALL)
    assert trend(t, "enz. enz.", by="year")["count"].sum() == 2
    assert len(occurrences(t, "enz. enz.")) == 2
    assert len(kwic(docs, "enz. enz.")) == 2
    assert kwic(docs, "enz. enz.")["start"].tolist() == [13, 18]  # offsets of both starts
    assert len(kwic(t, "enz. enz.")) == 2
    assert collocates(t, "enz. enz.", window=1, keep_abbreviations=True)["node_count"].iloc[0] == 2
    assert dispersion(t, "enz. enz.")["count"].iloc[0] == 2
    bigrams = frequencies(t, ngram=2, keep_abbreviations=True)
    assert bigrams.loc[bigrams["term"] == "enz. enz.", "count"].item() == 2


def test_phrase_stops_at_sentence_and_document_edges() -> None:
    # "kat. De" crosses a sentence boundary; "kat" ends doc a and "de" starts doc b
    t = tokenize([Document("a", None, "De kat. De hond de kat"), Document("b", None, "de kat")],
                 stopwords=None)
    assert match_term(t, "kat de").starts.tolist() == []
    # positions: a = de kat [.] de hond de kat (the full stop a gap), b = de kat from 7
    assert match_term(t, "de kat").starts.tolist() == [0, 5, 7]


def test_glob_words_and_merged_phrase_token() -> None:
    t = tokenize([Document("a", None, "Wagner Group en wagners, wagner group.")],
                 stopwords=None, phrases=["wagner group"])
    # tokens: wagner_group en wagners [,] wagner_group [.] (punctuation leaves gaps)
    assert list(t)[0] == ["wagner_group", "en", "wagners", "", "wagner_group", ""]
    found = match_term(t, "Wagner Group")
    assert found.starts.tolist() == [0, 4]
    assert found.terms == ("wagner_group",)
    assert match_term(t, "wagner*").terms == ("wagner_group", "wagners")


def test_word_ids_and_parsing() -> None:
    assert word_ids(["kat", "katten", "hond"], "kat").tolist() == [0]
    assert word_ids(["kat", "katten", "hond"], "[hk]*").tolist() == [0, 1, 2]
    assert word_ids(["kat", "katten"], "kat.*", regex=True).tolist() == [0, 1]
    assert word_ids(["a", "b"], "c", index={"a": 0, "b": 1}).tolist() == []
    with pytest.raises(ValueError, match="not a valid regex"):
        word_ids(["a"], "(", regex=True)
    assert parse_query("Café  Noir", normalise=normaliser({"fold_diacritics": True})).words == (
        "cafe", "noir")
    assert parse_query("a+ b", regex=True).words == ("a+ b",)
    with pytest.raises(ValueError, match="non-empty"):
        parse_query("  ")
    assert check_terms(["a", "b", "a"]) == ["a", "b"]
    with pytest.raises(ValueError, match="non-empty"):
        check_terms(["a", ""])
    with pytest.raises(TypeError, match="Tokens"):
        match_term(["de", "kat"], "kat")


def test_gaps_never_match() -> None:
    ids = np.array([0, -1, 0, 0])
    found = find_matches(ids, np.zeros(4, np.int64), ["de"], parse_query("de de"))
    assert found.starts.tolist() == [2]


# -- every function agrees ------------------------------------------------------

WORDS = ["de", "kat", "Kat", "enz.", "katten", ",", "één"]  # few words: phrases repeat and overlap
GLOBS = ["k*", "enz?", "ka?", "*n", "[dk]*"]


def _text(sentences: list[list[str]]) -> str:
    return " ".join(" ".join(words) + " ." for words in sentences)


documents = st.lists(st.lists(st.lists(st.sampled_from(WORDS), min_size=2, max_size=7),
                              min_size=1, max_size=3), min_size=1, max_size=4)
query_words = st.sampled_from(sorted(set(WORDS) - {","}) + GLOBS)
queries = st.one_of(st.lists(query_words, min_size=1, max_size=3).map(" ".join),
                    st.tuples(query_words, st.integers(2, 3)).map(lambda q: " ".join([q[0]] * q[1])))


def _reference(table, query: str) -> int:
    """Brute force: the n-gram rows whose words each match the query's words."""
    words = [w.lower() for w in query.split()]
    hits = table["term"].map(lambda term: len(term.split()) == len(words) and all(
        fnmatch.fnmatchcase(part, word) for part, word in zip(term.split(), words, strict=True)))
    return int(table.loc[hits, "count"].sum())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=documents, query=queries)
@example(texts=[[["Wij", "Beatrix", ",", "enz.", "enz.", "enz.", "Allen"]]], query="enz. enz.")
@example(texts=[[["kat", "kat", "kat", "kat"]], [["Kat", "kat"]]], query="k* kat")
def test_every_function_counts_the_same_hits(texts, query) -> None:
    docs = [Document(f"d{i}", parse_date(f"{2000 + i}-01-01"), _text(sentences))
            for i, sentences in enumerate(texts)]
    t = tokenize(docs, **KEEP_ALL)
    expected = _reference(frequencies(t, ngram=len(query.split()), keep_abbreviations=True), query)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a query that never occurs: empty tables
        table = collocates(t, query, window=50, keep_abbreviations=True)
        assert (table["node_count"].iloc[0] if len(table) else 0) == expected
        assert trend(t, query, by="year")["count"].sum() == expected
        assert len(occurrences(t, query)) == expected
        assert dispersion(t, query)["count"].sum() == expected
        assert len(kwic(docs, query)) == expected
        assert len(kwic(t, query)) == expected


def test_match_term_finds_a_proper_name_by_its_words() -> None:
    from analysis.corpus import Document
    from analysis.query import match_term
    from analysis.tokenized import tokenize

    tokens = tokenize([Document("a", None, "Toen leidde Igor Setsjin de strijd. Igor zweeg.")], names=True,
                      padding=False)
    assert tokens.doc(0) == ["leidde", "Igor Setsjin", "strijd", "Igor", "zweeg"]
    assert match_term(tokens, "igor setsjin").starts.tolist() == [1]
    assert match_term(tokens, "Igor").starts.tolist() == [3]  # the one-word name, not a part of another
