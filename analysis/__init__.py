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
from analysis.collocation import Cooccurrence, collocate_change, collocates, cooccurrence
from analysis.concordance import Concordance, kwic
from analysis.corpus import (
    Corpus,
    CorpusError,
    Document,
    Ignored,
    Removed,
    Skipped,
    iter_documents,
    load_corpus,
)
from analysis.duplicates import find_duplicates
from analysis.frequency import (
    DocumentTermMatrix,
    dispersion,
    document_term_matrix,
    frequencies,
    keyness,
    keyness_by,
    occurrences,
    rate_changes,
    tfidf,
    tfidf_matrix,
    trend,
)
from analysis.lemmas import lemmatize
from analysis.periods import parse_date, period_label
from analysis.proper_names import name_mentions, name_network, names
from analysis.readers.lexisnexis import stated_lengths
from analysis.settings import Settings, load_settings, make_settings
from analysis.tokenized import CorruptTokensError, StaleTokensError, Tokens, find_phrases, load_tokens, tokenize
from analysis.tokens import (
    load_variants,
    sent_span_tokenize,
    sent_tokenize,
    sentence_tokens,
    span_tokenize,
    stopwords,
    word_tokenize,
)
from analysis.topic_model import TopicModel, coherence_by_k, load_topic_model, topics, topics_skip_reason

__all__ = [
    "Concordance",
    "Cooccurrence",
    "Corpus",
    "CorpusError",
    "CorruptTokensError",
    "Document",
    "DocumentTermMatrix",
    "Ignored",
    "Removed",
    "Settings",
    "Skipped",
    "StaleTokensError",
    "Tokens",
    "TopicModel",
    "collocate_change",
    "coherence_by_k",
    "collocates",
    "config",
    "cooccurrence",
    "dispersion",
    "document_term_matrix",
    "find_duplicates",
    "find_phrases",
    "frequencies",
    "iter_documents",
    "keyness",
    "keyness_by",
    "kwic",
    "lemmatize",
    "name_mentions",
    "name_network",
    "names",
    "load_corpus",
    "load_settings",
    "load_tokens",
    "load_topic_model",
    "load_variants",
    "make_settings",
    "occurrences",
    "rate_changes",
    "parse_date",
    "period_label",
    "sent_span_tokenize",
    "sent_tokenize",
    "sentence_tokens",
    "span_tokenize",
    "stated_lengths",
    "stopwords",
    "tfidf",
    "tfidf_matrix",
    "tokenize",
    "topics",
    "topics_skip_reason",
    "trend",
    "word_tokenize",
]

__version__ = "0.1.0"
