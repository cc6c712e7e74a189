"""Tests for analysis.concordance: offsets into the original text, hit counts
equal to the token counts, patterns, sorting and display."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.concordance import Concordance, kwic
from analysis.corpus import Document, load_corpus, parse_date
from analysis.tokenized import tokenize

ROOT = Path(__file__).resolve().parents[1]
TERMS = ["wagner", "maduro", "artikel", "rechtbank", "kremlin", "verdachte", "beroep", ","]


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def all_tokens(corpus):
    # the same tokens kwic sees: nothing removed
    return tokenize(corpus, stopwords=None, keep_punctuation=True, keep_numbers=True)


@pytest.fixture(scope="module")
def texts(corpus):
    return {doc.id: doc.text for doc in corpus}


@pytest.mark.parametrize("term", TERMS)
def test_hits_equal_token_counts_and_offsets_point_at_the_keyword(corpus, all_tokens, texts, term):
    hits = kwic(corpus, term)
    assert len(hits) == all_tokens.counts()[all_tokens.index[term]] > 0
    for doc_id, keyword, start, end in zip(hits["doc_id"], hits["keyword"], hits["start"],
                                           hits["end"], strict=True):
        assert texts[doc_id][start:end] == keyword
        assert keyword.lower() == term
    # from the tokens, the same hits in the same documents
    from_tokens = kwic(all_tokens, term)
    assert from_tokens["doc_id"].tolist() == hits["doc_id"].tolist()
    assert from_tokens["start"].isna().all()


def test_glob_and_regex_match_whole_tokens(corpus, all_tokens):
    counts = all_tokens.counts()
    glob_terms = [t for t in all_tokens.vocabulary if t.startswith("wagner")]
    assert set(glob_terms) >= {"wagner", "wagner-leden"}
    expected = sum(counts[all_tokens.index[t]] for t in glob_terms)
    assert len(kwic(corpus, "Wagner*")) == expected
    assert len(kwic(corpus, r"wagner(-\w+)?", regex=True)) == expected
    assert len(kwic(corpus, "^wagner$", regex=True)) == counts[all_tokens.index["wagner"]]
    with pytest.warns(UserWarning, match="'agner' does not occur"):
        assert len(kwic(corpus, "agner", regex=True)) == 0  # a whole token, not a substring
    assert len(kwic(all_tokens, "wagner*")) == expected


def test_case_sensitivity(corpus):
    text = "Wagner en wagner en WAGNER."
    docs = [Document("a", None, text)]
    assert kwic(docs, "wagner")["keyword"].tolist() == ["Wagner", "wagner", "WAGNER"]
    assert kwic(docs, "Wagner", case_sensitive=True)["start"].tolist() == [0]
    assert kwic(docs, "wagner", case_sensitive=True)["start"].tolist() == [10]


def test_phrase_offsets_and_sentence_boundaries():
    text = "De Wagner  Group kwam. Wagner\ngroup? Nee: Wagner. Group Alpha. Wagner\nGroup."
    docs = [Document("a", parse_date("2019-01"), text)]
    hits = kwic(docs, "wagner group")
    assert hits["keyword"].tolist() == ["Wagner  Group", "Wagner\ngroup"]
    assert [text[s:e] for s, e in zip(hits["start"], hits["end"], strict=True)] == hits[
        "keyword"].tolist()
    assert hits["date"].tolist() == ["2019-01", "2019-01"]
    # "Wagner. Group" and "Wagner\nGroup" span a sentence boundary: no hit
    assert hits.loc[1, "left"] == "De Wagner Group kwam."  # whitespace squashed


def test_token_windows_and_sentence_units():
    text = "Een twee drie vier vijf. Zes zeven acht negen."
    docs = [Document("a", None, text)]
    hits = kwic(docs, "zes", window=3)
    assert hits.loc[0, ["left", "keyword", "right"]].tolist() == [
        "vier vijf.", "Zes", "zeven acht negen"]
    sentence = kwic(docs, "zeven", unit="sentence")
    assert sentence.loc[0, ["left", "keyword", "right"]].tolist() == ["Zes", "zeven", "acht negen."]
    assert sentence.loc[0, "sentence"] == "Zes zeven acht negen."
    edge = kwic(docs, "een", window=2)
    assert edge.loc[0, "left"] == "" and edge.loc[0, "right"] == "twee drie"
    t = tokenize(docs, stopwords=None)
    from_tokens = kwic(t, "zeven", unit="sentence")
    assert from_tokens.loc[0, "sentence"] == "zes zeven acht negen"
    # punctuation is removed but its gap (padding, the default) is one of the 3 positions
    assert kwic(t, "zes", window=3).loc[0, "left"] == "vier vijf"
    dense = tokenize(docs, stopwords=None, padding=False)
    assert kwic(dense, "zes", window=3).loc[0, "left"] == "drie vier vijf"


def test_sorting():
    docs = [Document("a", None, "b kat x. a kat z. c kat y.")]
    assert kwic(docs, "kat", window=1)["right"].tolist() == ["x", "z", "y"]
    assert kwic(docs, "kat", window=2)["right"].tolist() == ["x.", "z.", "y."]
    assert kwic(docs, "kat", window=1, sort="left")["left"].tolist() == ["a", "b", "c"]
    assert kwic(docs, "kat", window=1, sort="right")["right"].tolist() == ["x", "y", "z"]
    assert kwic(docs, "kat", window=2, sort="left")["left"].tolist() == [". a", "b", ". c"]
    keyword = kwic([Document("a", None, "Kat kat KAT")], "kat", sort="keyword")
    assert keyword["start"].tolist() == [0, 4, 8]  # ties keep corpus order


def test_tokens_with_corpus_gives_offsets(corpus):
    tokens = tokenize(corpus).filter(collection="news")
    hits = kwic(tokens, "maduro", corpus=corpus)
    assert set(hits["doc_id"]) == set(tokens.documents["id"]) and len(hits) > 0
    assert hits["start"].dtype == np.int64


def test_prefilter_skips_documents_that_cannot_match():
    docs = [Document("a", None, "niets hier"), Document("b", None, "Wagner hier")]
    assert kwic(docs, "wagner")["doc_id"].tolist() == ["b"]
    assert kwic(docs, "wag*er")["doc_id"].tolist() == ["b"]


def test_concordance_is_a_dataframe_with_an_aligned_display():
    text = "de kat sliep. toen zag de hond de kat niet"
    hits = kwic([Document("a", None, text)], "kat", window=3)
    assert isinstance(hits, Concordance) and isinstance(hits, pd.DataFrame)
    assert isinstance(hits[hits["start"] > 0], Concordance)
    lines = repr(hits).splitlines()
    columns = {line.index("kat") for line in lines}
    assert len(columns) == 1  # the keyword column lines up
    html = hits._repr_html_()
    assert "font-weight:bold" in html and "text-align:right" in html
    assert "<b>" not in repr(hits)
    plain = hits[["doc_id", "start"]]
    assert "doc_id" in repr(plain)  # no keyword column: the ordinary DataFrame display
    with pytest.warns(UserWarning, match="'kat' does not occur"):
        empty = kwic([Document("a", None, "niets")], "kat")
    assert len(empty) == 0 and list(empty.columns) == ["doc_id", "date", "left", "keyword",
                                                       "right", "start", "end"]
    assert "Empty" in repr(empty)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"window": -1}, "window"), ({"unit": "paragraph"}, "'paragraph'"),
     ({"sort": "middle"}, "'middle'"), ({"regex": True, "pattern": "(wagner"}, "regex")],
)
def test_bad_arguments_are_named(kwargs, message):
    docs = [Document("a", None, "Wagner")]
    pattern = kwargs.pop("pattern", "wagner")
    with pytest.raises(ValueError, match=message):
        kwic(docs, pattern, **kwargs)
    with pytest.raises(ValueError, match="pattern"):
        kwic(docs, " ")
    with pytest.raises(TypeError, match="load_corpus"):
        kwic("corpus/", "wagner")


def test_kwic_on_lemma_tokens_shows_the_words_as_written_and_matches_the_lemma() -> None:
    docs = [Document("a", None, "De leden landden. Het lid zweeg.")]
    tokens = tokenize(docs, lemmatize=True, stopwords=None, padding=False)
    assert tokens.doc("a") == ["de", "lid", "landen", "het", "lid", "zwijgen"]
    hits = kwic(tokens, "lid", window=2)
    # positions: De leden landden | Het lid zweeg (the full stops removed)
    assert hits["keyword"].tolist() == ["leden", "lid"]
    assert hits["left"].tolist() == ["De", "landden Het"]
    assert hits["right"].tolist() == ["landden Het", "zweeg"]
    assert kwic(tokens, "leden").empty  # matched on the lemmas, not the forms
    sentence = kwic(tokens, "landen", unit="sentence")
    assert sentence["sentence"].tolist() == ["De leden landden"]


def test_kwic_shows_removed_words_kept_as_gaps_as_written() -> None:
    docs = [Document("a", None, "De leden landden.")]
    padded = tokenize(docs, lemmatize=True, padding=True)  # 'de' is a stopword: a gap
    assert padded.doc("a") == ["", "lid", "landen", ""]
    assert kwic(padded, "lid", window=1)[["left", "keyword", "right"]].values.tolist() == [["De", "leden", "landden"]]
    assert kwic(tokenize(docs, lemmatize=True, padding=False), "lid", window=1)["left"].tolist() == [""]


def test_kwic_on_name_tokens_shows_the_mention_as_written() -> None:
    docs = [Document("a", None, "Maduro zweeg. Volgens Maduro's woordvoerder sprak Maduro niet.")]
    tokens = tokenize(docs, names=True, stopwords=None, lowercase=False, padding=False)
    assert tokens.doc("a") == ["Maduro", "zweeg", "Volgens", "Maduro", "woordvoerder", "sprak", "Maduro", "niet"]
    hits = kwic(tokens, "Maduro", window=1, case_sensitive=True)
    assert hits["keyword"].tolist() == ["Maduro", "Maduro's", "Maduro"]
    assert hits["left"].tolist() == ["", "Volgens", "sprak"]


def test_a_proper_name_is_found_by_its_words_in_any_case() -> None:
    docs = [Document("a", None, "Jevgeni Prigozjin leidt Wagner Group. Prigozjins firma zwijgt.")]
    tokens = tokenize(docs, names=True, padding=False)  # lowercased words, names as written
    assert tokens.doc("a") == ["Jevgeni Prigozjin", "leidt", "Wagner Group", "Jevgeni Prigozjin", "firma", "zwijgt"]
    hits = kwic(tokens, "jevgeni prigozjin", window=1)
    assert hits[["left", "keyword", "right"]].values.tolist() == [["", "Jevgeni Prigozjin", "leidt"],
                                                                  ["Wagner Group", "Prigozjins", "firma"]]
    assert kwic(tokens, "Wagner Group")["keyword"].tolist() == ["Wagner Group"]
    kept_case = tokenize(docs, names=True, lowercase=False, padding=False)
    assert kwic(kept_case, "wagner group")["keyword"].tolist() == ["Wagner Group"]
    assert kwic(kept_case, "wagner group", case_sensitive=True).empty
