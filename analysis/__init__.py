"""analysis: a research workbench for dated news corpora, Dutch first."""

from __future__ import annotations

from analysis.corpus import (
    Corpus,
    CorpusError,
    Document,
    Skipped,
    iter_documents,
    load_corpus,
    parse_date,
)

__all__ = [
    "Corpus",
    "CorpusError",
    "Document",
    "Skipped",
    "iter_documents",
    "load_corpus",
    "parse_date",
]

__version__ = "0.1.0"
