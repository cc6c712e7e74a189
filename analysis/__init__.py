"""analysis: a research workbench for dated news corpora, Dutch first.

Load a corpus, tokenise it once, then count: frequencies over time,
keyness, dispersion, co-occurrence, collocates and concordances. Charts live
in `analysis.plotting`; computing never imports them.

Examples
--------
>>> import analysis
>>> analysis.word_tokenize("Zo’n vierhonderd Wagner-leden landden o.a. in Caracas.")
['Zo’n', 'vierhonderd', 'Wagner-leden', 'landden', 'o.a.', 'in', 'Caracas', '.']
"""

from __future__ import annotations

from analysis import config
from analysis.corpus import (
    Corpus,
    CorpusError,
    Document,
    Skipped,
    iter_documents,
    load_corpus,
    parse_date,
    period_label,
)
from analysis.tokenized import StaleTokensError, Tokens, find_phrases, load_tokens, tokenize
from analysis.tokens import (
    load_variants,
    sent_span_tokenize,
    sent_tokenize,
    sentence_tokens,
    span_tokenize,
    stopwords,
    word_tokenize,
)

__all__ = [
    "Corpus",
    "CorpusError",
    "Document",
    "Skipped",
    "StaleTokensError",
    "Tokens",
    "config",
    "find_phrases",
    "iter_documents",
    "load_corpus",
    "load_tokens",
    "load_variants",
    "parse_date",
    "period_label",
    "sent_span_tokenize",
    "sent_tokenize",
    "sentence_tokens",
    "span_tokenize",
    "stopwords",
    "tokenize",
    "word_tokenize",
]

__version__ = "0.1.0"
