"""One vocabulary in every table: the column names of every public table
function (a contract the README, notebooks and CLI follow), and one rule for
"no result"."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import analysis
from analysis import Document, parse_date, tokenize
from analysis.measures import ASSOCIATION_KEYS

DOCS = [Document("a", parse_date("2019-01-05"), "De kat zag de hond. De hond zag de kat.", source="NOS"),
        Document("b", parse_date("2019-02-10"), "Een kat en een hond en een muis.", source="NU"),
        Document("c", parse_date("2019-02-20"), "De muis zag de kat niet.", source="NU")]
SCORES = list(ASSOCIATION_KEYS)
KEYNESS = ["term", "count_target", "count_reference", "doc_count_target", "doc_count_reference",
           "a", "b", "c", "d", "e1", "e2", "g2", "chi2", "log_ratio", "pct_diff", "p_value",
           "p_adjusted", "significant", "direction"]


@pytest.fixture(scope="module")
def tokens():
    return tokenize(DOCS, stopwords=None)


def tables(t):
    co = analysis.cooccurrence(t, window=2)
    return {
        "frequencies": (analysis.frequencies(t),
                        ["term", "count", "per_10k", "doc_count", "doc_share", "rank"]),
        "frequencies by": (analysis.frequencies(t, by="source"),
                           ["source", "term", "count", "per_10k", "doc_count", "doc_share", "rank",
                            "group_tokens", "group_documents"]),
        "trend": (analysis.trend(t, ["kat"], by="month"),
                  ["month", "start", "term", "count", "doc_count", "total_tokens",
                   "total_documents", "rate", "ci_low", "ci_high"]),
        "keyness": (analysis.keyness(t, "2019-01", min_count=1), KEYNESS),
        "keyness_by": (analysis.keyness_by(t, by="source", min_count=1), ["source", *KEYNESS]),
        "dispersion": (analysis.dispersion(t),
                       ["term", "count", "range", "range_share", "juilland_d", "dp", "dp_norm"]),
        "occurrences": (analysis.occurrences(t, "kat"),
                        ["term", "doc_id", "date", "doc_index", "position", "corpus_position"]),
        "tfidf": (analysis.tfidf(t), ["doc_id", "term", "count", "doc_count", "idf", "tfidf"]),
        "tfidf by": (analysis.tfidf(t, by="month"),
                     ["month", "term", "count", "doc_count", "idf", "tfidf"]),
        "collocates": (analysis.collocates(t, "kat", window=2),
                       ["node", "term", "o11", "e11", "node_count", "term_count", *SCORES]),
        "collocates by": (analysis.collocates(t, "kat", window=2, by="source"),
                          ["source", "node", "term", "o11", "e11", "node_count", "term_count",
                           *SCORES]),
        "Cooccurrence.collocates": (co.collocates("kat"),
                                    ["node", "term", "o11", "e11", "node_count", "term_count",
                                     *SCORES]),
        "Cooccurrence.to_frame": (co.to_frame(["pmi", "g2"]),
                                  ["term_a", "term_b", "count", "count_a", "count_b", "pmi", "g2"]),
        "collocate_change": (analysis.collocate_change(t, "kat", "2019-01", "2019-02", window=2),
                             ["term", "count_a", "count_b", "size_a", "size_b", "g2", "log_ratio",
                              "p_value", "p_adjusted", "direction"]),
        "kwic": (analysis.kwic(DOCS, "kat"),
                 ["doc_id", "date", "left", "keyword", "right", "start", "end"]),
        "find_phrases": (analysis.find_phrases(t, min_count=1), None),
    }


def test_every_table_speaks_one_vocabulary(tokens) -> None:
    for name, (table, columns) in tables(tokens).items():
        if columns is not None:
            assert table.columns.tolist() == columns, name
        # never the old names
        assert not {"collocate", "node_freq", "collocate_freq", "freq_a", "freq_b", "frequency",
                    "tf", "df"} & set(table.columns), name
        assert "period" not in table.columns, name  # a grouping column is named after by=
        assert table.attrs["provenance"]["settings"]["function"], name


def test_phrase_tables_name_the_phrase(tokens) -> None:
    phrases = analysis.find_phrases(tokens, min_count=1)
    assert phrases.columns[0] == "phrase"


def test_keyness_counts_read_without_the_docstring(tokens) -> None:
    table = analysis.keyness_by(tokens, by="source", min_count=1).set_index(["source", "term"])
    # "de": NOS doc a holds 4; NU docs b (0) and c (2): documents 1 and 1
    row = table.loc[("NOS", "de")]
    assert (row["count_target"], row["count_reference"]) == (4, 2)
    assert (row["doc_count_target"], row["doc_count_reference"]) == (1, 1)
    row = table.loc[("NU", "een")]
    assert (row["count_target"], row["doc_count_target"], row["doc_count_reference"]) == (3, 1, 0)


def test_no_result_is_an_empty_table_with_its_columns_and_one_warning(tokens) -> None:
    co = analysis.cooccurrence(tokens, window=2)
    cases = {
        "collocates": lambda: analysis.collocates(tokens, "paard"),
        "Cooccurrence.collocates": lambda: co.collocates("paard"),
        "occurrences": lambda: analysis.occurrences(tokens, "paard"),
        "kwic": lambda: analysis.kwic(DOCS, "paard"),
        "kwic on tokens": lambda: analysis.kwic(tokens, "paard"),
    }
    full = {name: table.columns.tolist() for name, (table, _) in tables(tokens).items()}
    full["kwic on tokens"] = full["kwic"]
    for name, call in cases.items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            table = call()
        assert len(table) == 0 and table.columns.tolist() == full[name], name
        assert len([w for w in caught if issubclass(w.category, UserWarning)]) == 1, name
        assert "paard" in table.attrs["message"], name
    # a term that never occurs in a count over time is a row of zeros, not "no result"
    assert analysis.trend(tokens, "paard", by="month")["count"].tolist() == [0, 0]
    assert np.isnan(analysis.dispersion(tokens, "paard")["dp"].iloc[0])


def test_plots_take_top(tokens) -> None:
    import inspect

    from analysis import plotting

    for name in ("plot_top_terms", "plot_keyness", "plot_collocates", "plot_network",
                 "plot_wordcloud", "plot_comparison_cloud"):
        parameters = inspect.signature(getattr(plotting, name)).parameters
        assert "top" in parameters and "n" not in parameters, name
