"""The explorer shows exactly the library's tables for the term typed."""

from __future__ import annotations

import pandas.testing as pdt
import pytest

import analysis
from analysis.explorer import explorer, term_overview

DOCS = [
    analysis.Document("a", analysis.parse_date("2019-01"), "Wagner landde in Caracas. Maduro zweeg."),
    analysis.Document("b", analysis.parse_date("2019-03"), "Wagner vertrok uit Caracas naar Moskou."),
]


@pytest.fixture(scope="module")
def tokens() -> analysis.Tokens:
    return analysis.tokenize(DOCS)


def test_term_overview_equals_the_library_calls(tokens) -> None:
    tables = term_overview(DOCS, tokens, "wagner", by="month", min_count=1)
    pdt.assert_frame_equal(tables["trend"], analysis.trend(tokens, ["wagner"], by="month"))
    pdt.assert_frame_equal(tables["collocates"], analysis.collocates(tokens, "wagner", min_count=1, top=15))
    assert tables["kwic"]["keyword"].tolist() == ["Wagner", "Wagner"]
    # the empty month is a row with zero totals, not a gap
    assert tables["trend"]["month"].tolist() == ["2019-01", "2019-02", "2019-03"]
    assert tables["trend"]["total_tokens"].tolist()[1] == 0


def test_term_overview_rejects_an_empty_term(tokens) -> None:
    with pytest.raises(ValueError, match="non-empty string"):
        term_overview(DOCS, tokens, "  ")


def test_explorer_builds_and_follows_the_text_box(tokens) -> None:
    pytest.importorskip("ipywidgets")
    import matplotlib

    matplotlib.use("Agg")
    widget = explorer(DOCS, tokens, term="wagner", by="month")
    box = widget.children[0]
    assert box.value == "wagner"
    box.value = "caracas"  # runs the update; must not raise
    assert widget.children[0].value == "caracas"
