"""Corpora of real Dutch sentences with planted near-copies (wire copies), for
the duplicates benchmark and tests.

Sentences come from the shipped court decisions (corpus/rechtspraak, split at
sentence ends) and the UD Dutch sentences (tests/data/ud_nl). An *original*
is 3 to 8 paragraphs of 1 to 5 sentences drawn at random (about 100 to 1,000
words, news length). A *copy* of an original gets another headline, another
source, a date up to three days later, its paragraphs shuffled half of the
time, and random edits of 1 to 10% of its words (a word replaced by a word
from another sentence, deleted, or a word inserted). The same arguments
always give the same documents.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.corpus import Document

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("ANP", "NOS", "NU.nl", "de Volkskrant", "Trouw", "NRC", "AD", "Het Parool")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")


@cache
def real_sentences() -> tuple[str, ...]:
    """Dutch sentences of at least four words, in a fixed order."""
    sentences: list[str] = []
    for path in sorted((ROOT / "corpus" / "rechtspraak" / "texts").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences.extend(s.strip() for s in _SENTENCE_END.split(line))
    for path in sorted((ROOT / "tests" / "data" / "ud_nl").glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            sentences.extend(json.loads(line)["text"] for line in lines)
    return tuple(dict.fromkeys(s for s in sentences if len(s.split()) >= 4))


def _original(rng: np.random.Generator, pool: tuple[str, ...]) -> list[str]:
    paragraphs = []
    for _ in range(int(rng.integers(3, 9))):
        picks = rng.integers(len(pool), size=int(rng.integers(1, 6)))
        paragraphs.append(" ".join(pool[k] for k in picks))
    return paragraphs


def _edited(paragraphs: list[str], rng: np.random.Generator, pool: tuple[str, ...]) -> list[str]:
    """The paragraphs with 1-10% of the words replaced, deleted or inserted."""
    words = [p.split() for p in paragraphs]
    total = sum(len(w) for w in words)
    n_edits = max(1, round(total * float(rng.uniform(0.01, 0.10))))
    for _ in range(n_edits):
        paragraph = words[int(rng.integers(len(words)))]
        donor = pool[int(rng.integers(len(pool)))].split()
        new_word = donor[int(rng.integers(len(donor)))]
        at = int(rng.integers(len(paragraph)))
        kind = int(rng.integers(3))
        if kind == 0:
            paragraph[at] = new_word
        elif kind == 1 and len(paragraph) > 1:
            del paragraph[at]
        else:
            paragraph.insert(at, new_word)
    if rng.random() < 0.5:
        order = rng.permutation(len(words))
        words = [words[k] for k in order]
    return [" ".join(w) for w in words]


def planted_corpus(n_documents: int, *, copy_share: float = 0.3, max_copies: int = 5,
                   seed: int = 0) -> list[Document]:
    """About ``n_documents`` documents, ``copy_share`` of them near-copies.

    Each original that is copied gets 1 to ``max_copies`` copies. Ids say
    what a document is: ``d0000042`` an original, ``d0000042-c2`` its second
    copy (a test never looks at them: the oracle is the all-pairs Jaccard).
    """
    pool = real_sentences()
    rng = np.random.default_rng(seed)
    first_day = pd.Timestamp("2020-01-01")
    docs: list[Document] = []
    n = 0
    while len(docs) < n_documents:
        paragraphs = _original(rng, pool)
        day = first_day + pd.Timedelta(days=int(rng.integers(700)))
        headline = pool[int(rng.integers(len(pool)))]
        docs.append(Document(f"d{n:07d}", pd.Period(day, freq="D"), "\n\n".join(paragraphs),
                             title=headline, source=SOURCES[int(rng.integers(len(SOURCES)))]))
        copies = int(rng.integers(1, max_copies + 1)) if rng.random() < copy_share else 0
        for c in range(1, copies + 1):
            later = day + pd.Timedelta(days=int(rng.integers(4)))
            docs.append(Document(f"d{n:07d}-c{c}", pd.Period(later, freq="D"),
                                 "\n\n".join(_edited(paragraphs, rng, pool)),
                                 title=pool[int(rng.integers(len(pool)))],
                                 source=SOURCES[int(rng.integers(len(SOURCES)))]))
        n += 1
    return docs[:n_documents]
