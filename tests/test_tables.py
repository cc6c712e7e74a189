"""Readable tables: key columns of wide tables, sensible precision, the frame itself untouched."""

from __future__ import annotations

import pandas as pd

import analysis
from analysis.tables import key_columns, readable

DOCS = [analysis.Document("a", analysis.parse_date("2019-01"), "de kat zag de hond en de kat sliep"),
        analysis.Document("b", analysis.parse_date("2020-01"), "de hond zag de kat niet")]


def test_collocates_show_the_key_columns_at_two_decimals() -> None:
    tokens = analysis.tokenize(DOCS, stopwords=None)
    table = analysis.collocates(tokens, "kat", window=2, measure="g2")
    assert len(table.columns) == 19
    shown = readable(table)
    assert list(shown.columns) == ["node", "term", "o11", "term_count", "g2"]
    assert shown["g2"].tolist() == [format(v, ".1f") for v in table["g2"]]
    assert table["g2"].dtype.kind == "f"  # the frame keeps full precision
    assert list(readable(table, all_columns=True).columns) == list(table.columns)


def test_keyness_shows_counts_measure_and_p_in_scientific_notation() -> None:
    tokens = analysis.tokenize(DOCS, stopwords=None)
    table = analysis.keyness(tokens, "2019", min_count=1)
    shown = readable(table)
    assert list(shown.columns) == ["term", "count_target", "count_reference", "doc_count_target", "g2",
                                   "p_adjusted"]
    assert shown["p_adjusted"].tolist() == [format(v, ".1e") for v in table["p_adjusted"]]


def test_other_tables_keep_every_column() -> None:
    frame = pd.DataFrame({"term": ["wet"], "count": [3], "doc_share": [1 / 3]})
    assert key_columns(frame) == ["term", "count", "doc_share"]
    assert readable(frame)["doc_share"].tolist() == ["0.33"]


def test_keyness_both_ends() -> None:
    from analysis.tables import both_ends

    tokens = analysis.tokenize(DOCS, stopwords=None)
    table = analysis.keyness(tokens, "2019", min_count=1)
    ends = both_ends(table, 2)
    over, under = table[table["direction"] == "over"], table[table["direction"] == "under"]
    assert ends["term"].tolist() == over["term"].head(2).tolist() + under["term"].iloc[::-1].head(2).tolist()
    assert (ends["direction"].tolist().count("under")) == min(2, len(under)) > 0
