"""The explorer shows exactly the library's tables for the term and selection chosen."""

from __future__ import annotations

import os
import time
from collections import Counter

import pandas.testing as pdt
import pytest

import analysis
from analysis.explorer import cooccurring_names, explorer, explorer_command, overview_html, term_overview

DOCS = [
    analysis.Document("a", analysis.parse_date("2019-01"), "Wagner landde in Caracas. Maduro zweeg.",
                      source="NOS"),
    analysis.Document("b", analysis.parse_date("2019-03"), "Wagner vertrok uit Caracas naar Moskou. Wagner bleef.",
                      source="NRC"),
]


@pytest.fixture(scope="module")
def tokens() -> analysis.Tokens:
    return analysis.tokenize(DOCS)


def test_term_overview_equals_the_library_calls(tokens) -> None:
    seen = term_overview(DOCS, tokens, "wagner", by="month", min_count=1)
    pdt.assert_frame_equal(seen.trend, analysis.trend(tokens, ["wagner"], by="month"))
    pdt.assert_frame_equal(seen.collocates, analysis.collocates(tokens, "wagner", min_count=1, top=15))
    assert seen.kwic["keyword"].tolist() == ["Wagner", "Wagner", "Wagner"]
    assert seen.hits == 3 and seen.messages == ()
    # the empty month is a row with zero totals, not a gap
    assert seen.trend["month"].tolist() == ["2019-01", "2019-02", "2019-03"]
    assert seen.trend["total_tokens"].tolist()[1] == 0


def test_names_in_the_documents_with_the_term_by_hand(tokens) -> None:
    mentions = analysis.name_mentions(DOCS)
    seen = term_overview(DOCS, tokens, "moskou", min_count=1, mentions=mentions)
    assert seen.documents == ("b",)
    # counted by hand from the mentions of document b
    in_b = mentions[mentions["doc_id"] == "b"]["name"].tolist()
    expected = sorted(Counter(in_b).items(), key=lambda item: (-item[1], item[0]))
    assert seen.names[["term", "count"]].values.tolist() == [list(pair) for pair in expected]
    assert seen.names["doc_count"].tolist() == [1] * len(expected)
    both = term_overview(DOCS, tokens, "caracas", min_count=1, mentions=mentions)
    assert both.documents == ("a", "b")
    wagner = both.names.set_index("term").loc["Wagner"]
    assert (wagner["count"], wagner["doc_count"]) == (mentions["name"].eq("Wagner").sum(), 2)
    assert term_overview(DOCS, tokens, "poetin", min_count=1, mentions=mentions).names.empty
    assert term_overview(DOCS, tokens, "wagner", min_count=1).names is None


def test_collocates_keep_abbreviations_when_asked() -> None:
    docs = [analysis.Document(str(i), analysis.parse_date("2019-01"), "Wagner zag art. iii en Caracas.")
            for i in range(2)]
    tokens = analysis.tokenize(docs)
    # within 5 tokens of wagner: zag, art., iii, caracas (en is a stopword, a gap); art. and iii are listed on request
    listed = term_overview(docs, tokens, "wagner", min_count=1).collocates
    assert sorted(listed["term"]) == ["caracas", "zag"]
    every = term_overview(docs, tokens, "wagner", min_count=1, keep_abbreviations=True).collocates
    assert sorted(every["term"]) == ["art.", "caracas", "iii", "zag"]
    pdt.assert_frame_equal(every, analysis.collocates(tokens, "wagner", min_count=1, top=15, keep_abbreviations=True))


def test_cooccurring_names_rank_and_top() -> None:
    import pandas as pd

    mentions = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c", "c"],
                             "name": ["Rutte", "Kamer", "Kamer", "Rutte", "Kamer", "Asscher"]})
    table = cooccurring_names(mentions, ["a", "b", "c"], top=2)
    assert table.values.tolist() == [["Kamer", 3, 3], ["Rutte", 2, 2]]
    with pytest.raises(ValueError, match="top"):
        cooccurring_names(mentions, ["a"], top=0)


def test_cooccurring_names_leave_days_and_months_out_unless_asked() -> None:
    import pandas as pd

    mentions = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "b"],
                             "name": ["januari", "Rutte", "Maandag", "Rutte", "januari"]})
    assert cooccurring_names(mentions, ["a", "b"]).values.tolist() == [["Rutte", 2, 2]]
    assert cooccurring_names(mentions, ["a", "b"], keep_calendar=True).values.tolist() == [
        ["Rutte", 2, 2], ["januari", 2, 2], ["Maandag", 1, 1]]
    docs = [analysis.Document("a", analysis.parse_date("2019-01"), "Op maandag landde Wagner in Caracas.")]
    found = analysis.name_mentions(docs)
    seen = term_overview(docs, analysis.tokenize(docs), "wagner", min_count=1, mentions=found)
    assert seen.names["term"].tolist() == ["Caracas", "Wagner"]
    kept = term_overview(docs, analysis.tokenize(docs), "wagner", min_count=1, mentions=found, keep_calendar=True)
    assert kept.names["term"].tolist() == ["Caracas", "Wagner", "maandag"]


def test_term_overview_selects_periods_and_outlets(tokens) -> None:
    late = term_overview(DOCS, tokens, "wagner", by="month", start="2019-02", min_count=1)
    assert late.hits == 2 and late.kwic["doc_id"].tolist() == ["b", "b"]
    assert late.trend["month"].tolist() == ["2019-03"]
    nos = term_overview(DOCS, tokens, "caracas", where={"source": "NOS"}, min_count=1, lines=1)
    assert (nos.hits, nos.kwic["doc_id"].tolist()) == (1, ["a"])
    # counted in the tokens, shown from the texts: only the first lines, all hits counted
    first = term_overview(DOCS, tokens, "wagner", min_count=1, lines=2)
    assert first.hits == 3 and len(first.kwic) == 2


def test_term_overview_says_no_hits_in_one_line(tokens) -> None:
    seen = term_overview(DOCS, tokens, "poetin", min_count=1)
    assert seen.hits == 0 and seen.messages == ("no hits for 'poetin'",)
    # a stopword is not in the tokens but is still found in the texts
    assert term_overview(DOCS, tokens, "uit", min_count=1).hits == 1


def test_term_overview_rejects_an_empty_term_or_selection(tokens) -> None:
    with pytest.raises(ValueError, match="non-empty string"):
        term_overview(DOCS, tokens, "  ")
    with pytest.raises(ValueError, match="no documents in this selection"):
        term_overview(DOCS, tokens, "wagner", where={"source": "Telegraaf"})


def test_overview_html_shows_the_key_columns_and_escapes_the_text(tokens) -> None:
    docs = [analysis.Document("x", analysis.parse_date("2019"), "Wagner <script>x</script> en Wagner.")]
    parts = overview_html(term_overview(docs, analysis.tokenize(docs), "wagner", min_count=1, lines=1),
                          measure="g2")
    assert "<script>" not in parts["kwic"] and "&lt;script&gt;" in parts["kwic"]
    assert "2 hits (first 1 shown)" in parts["kwic"]
    assert "<th>g2</th>" in parts["collocates"] and "<th>log_dice</th>" not in parts["collocates"]


def test_explorer_widgets_follow_every_control(tokens) -> None:
    pytest.importorskip("ipywidgets")
    import matplotlib

    matplotlib.use("Agg")
    widget = explorer(DOCS, tokens, term="wagner", by="month", min_count=1)
    (term, periods, outlet), (window, measure) = (row.children for row in widget.children[:2])
    message, (chart, company, names), lines = widget.children[2], widget.children[3].children, widget.children[4]
    assert "3 hits" in lines.value and bytes(chart.value).startswith(b"\x89PNG")
    term.value = "caracas"
    assert "2 hits" in lines.value and "Collocates of caracas" in company.value
    outlet.value = "NRC"
    assert "1 hit<" in lines.value
    outlet.value = "(all)"
    periods.value = ("2019-01", "2019-01")
    assert "1 hit<" in lines.value
    measure.value = "g2"
    assert "<th>g2</th>" in company.value
    # the names are found in the background, then follow the term
    deadline = time.monotonic() + 60
    while "Names in the" not in names.value and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "Names in the 1 document with &#x27;caracas&#x27;" in names.value, names.value
    # January only: document a, which names Maduro and not Moskou
    assert "<td>Maduro</td>" in names.value and "<td>Moskou</td>" not in names.value
    periods.value = ("2019-03", "2019-03")
    assert "Names in the 1 document with &#x27;caracas&#x27;" in names.value
    assert "<td>Moskou</td>" in names.value and "<td>Maduro</td>" not in names.value
    term.value = "poetin"
    assert message.value == "<p>no hits for &#x27;poetin&#x27;</p>"
    assert [w.value for w in (window,)] == [5]


def test_explorer_static_rendering_embeds_the_chart(tokens) -> None:
    pytest.importorskip("IPython")
    page = explorer(DOCS, tokens, term="wagner", by="month", min_count=1, interactive=False).data
    assert "src='data:image/png;base64," in page and "make explore" in page and "3 hits" in page
    assert "Names in the 2 documents with &#x27;wagner&#x27;" in page and "<td>Caracas</td>" in page
    assert "<script" not in page


def test_explorer_command_serves_the_notebook_offline(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("JUPYTER_PATH", "/elsewhere")
    command, env = explorer_command(tmp_path, port=8123, preheat=False)
    assert command[2:5] == ["voila", "03-explorer.ipynb", "--template=offline"]
    assert "--port=8123" in command and "--Voila.ip=127.0.0.1" in command
    assert env["ANALYSIS_CORPUS"] == str(tmp_path)
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(analysis.config.jupyter_data_dir()), "/elsewhere"]
    with pytest.raises(FileNotFoundError, match="no-such-corpus"):
        explorer_command(tmp_path / "no-such-corpus")
    with pytest.raises(ValueError, match="port"):
        explorer_command(port=0)


def test_default_corpus_follows_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("ANALYSIS_CORPUS", raising=False)
    assert analysis.config.default_corpus() == analysis.config.corpus_dir()
    monkeypatch.setenv("ANALYSIS_CORPUS", str(tmp_path))
    assert analysis.config.default_corpus() == tmp_path
