"""Planted topics: a mix of documents from clearly different real sources, and
whether the model's dominant topics recover the sources (scikit-learn's
normalized_mutual_info_score as the oracle)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from sklearn.metrics import normalized_mutual_info_score

import analysis
from analysis.corpus import Document
from analysis.topic_model import topics

pytestmark = pytest.mark.slow

ROOT = analysis.config.project_root()
UD_FILES = ("alpino-dev", "alpino-test", "lassysmall-dev")


def _chunks(text: str, n_words: int) -> list[str]:
    words = text.split()
    return [" ".join(words[i : i + n_words]) for i in range(0, len(words) - n_words + 1, n_words)]


@pytest.fixture(scope="module")
def planted():
    """60 court decisions (the first 100 words of each), 60 pseudo-documents of
    100 words of consecutive UD sentences (newspaper, Wikipedia, web pages) and
    the Wagner article in 8 pieces of 40 words: the sources hold about the same
    number of tokens, except the article, which has only 340 words."""
    court = analysis.load_corpus(ROOT / "corpus" / "rechtspraak")
    news = analysis.load_corpus(ROOT / "corpus" / "news")[0]
    ud = " ".join(json.loads(line)["text"] for name in UD_FILES
                  for line in (ROOT / "tests" / "data" / "ud_nl" / f"{name}.jsonl").open(encoding="utf-8"))
    groups = {
        "court": [_chunks(doc.text, 100)[0] for doc in court if len(doc.text.split()) >= 100][:60],
        "ud": _chunks(ud, 100)[:60],
        "news": _chunks(news.text, 40),
    }
    docs = [Document(f"{name}-{i}", None, text) for name, texts in groups.items() for i, text in enumerate(texts)]
    source = [name for name, texts in groups.items() for _ in texts]
    assert Counter(source) == {"court": 60, "ud": 60, "news": 8}
    return analysis.tokenize(docs, stopwords="nl+nl-news"), source


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_dominant_topics_recover_the_sources(planted, seed):
    tokens, source = planted
    dominant = topics(tokens, 2, seed=seed).documents()["dominant"].tolist()
    # Court language against general language: recovered exactly ...
    court_or_not = ["court" if s == "court" else "other" for s in source]
    assert normalized_mutual_info_score(court_or_not, dominant) == pytest.approx(1.0)
    # ... and against the three sources NMI stays >= 0.8: the article is too
    # small for a topic of its own and goes with the general language.
    assert normalized_mutual_info_score(source, dominant) >= 0.8


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_seeded_topics_land_on_their_seeds(planted, seed):
    tokens, source = planted
    seeds = {"rechtspraak": ["beroep", "uitspraak", "appellant"], "wagner": ["wagner", "caracas", "maduro", "kremlin"]}
    model = topics(tokens, 3, seed=seed, seed_words=seeds)
    dominant = model.documents()["dominant"].tolist()
    by_source = Counter(zip(source, dominant, strict=True))
    assert by_source[("news", "wagner")] == 8  # every piece of the article
    assert by_source[("court", "rechtspraak")] >= 55  # nearly every court decision
    assert by_source[("court", "wagner")] == 0
