"""A deterministic Dutch-like corpus of any size, for benchmarks.

Words are drawn from the vocabulary of the shipped corpus (tokenised with
case and stopwords kept) with a Zipfian distribution over their frequency
ranks (p(rank r) ~ 1 / r**1.07), in sentences of 4 to 30 words, in documents
of 200 to 800 words, dated uniformly over 2019-2021, from five sources.
The same ``mb`` and ``seed`` always give the same documents.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.corpus import Document, load_corpus
from analysis.tokenized import tokenize

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("NOS", "NU.nl", "de Volkskrant", "Trouw", "NRC")


def shipped_vocabulary() -> list[str]:
    """Terms of the shipped corpus, most frequent first (ties by term)."""
    tokens = tokenize(load_corpus(ROOT / "corpus"), lowercase=False, stopwords=None)
    counts = tokens.counts()
    order = np.lexsort((np.arange(len(counts)), -counts))
    return [tokens.vocabulary[i] for i in order if counts[i] > 0]


def generate_documents(mb: float, *, seed: int = 0, exponent: float = 1.07) -> list[Document]:
    """Documents of about ``mb`` megabytes of UTF-8 text in total."""
    words = np.array(shipped_vocabulary(), dtype=object)
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, len(words) + 1) ** exponent
    weights /= weights.sum()
    first_day = pd.Timestamp("2019-01-01")
    n_days = (pd.Timestamp("2021-12-31") - first_day).days + 1
    docs: list[Document] = []
    size, target = 0, mb * 1_000_000
    while size < target:
        n_words = int(rng.integers(200, 801))
        drawn = words[rng.choice(len(words), size=n_words, p=weights)]
        cuts = np.cumsum(rng.integers(4, 31, size=n_words // 4 + 1))
        cuts = cuts[cuts < n_words]
        sentences = []
        for part in np.split(drawn, cuts):
            if len(part):
                first = str(part[0])
                sentences.append(" ".join([first[:1].upper() + first[1:], *part[1:]]) + ".")
        text = " ".join(sentences)
        date = (first_day + pd.Timedelta(days=int(rng.integers(n_days)))).strftime("%Y-%m-%d")
        docs.append(Document(f"gen-{len(docs):07d}", pd.Period(date, freq="D"), text,
                             source=SOURCES[int(rng.integers(len(SOURCES)))]))
        size += len(text.encode("utf-8"))
    return docs
