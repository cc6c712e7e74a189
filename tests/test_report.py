"""`make report` underneath: parameters for another corpus, HTML and figures written where told."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.report import build_report, notebook_paths, suggest_parameters

ROOT = Path(__file__).resolve().parents[1]


def write_corpus(path: Path) -> Path:
    words = ["wagner", "kremlin", "maduro", "caracas", "steun", "regering"]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(24):
            text = " ".join(words[(i + k) % len(words)] for k in range(3 + i % 4)).capitalize() + "."
            record = {"id": f"n{i}", "date": f"2019-{1 + i % 3:02d}-{1 + i:02d}", "text": text}
            handle.write(json.dumps(record) + "\n")
    return path


def test_suggest_parameters_by_hand(tmp_path) -> None:
    corpus = write_corpus(tmp_path / "news.jsonl")
    chosen = suggest_parameters(corpus)
    # one year, three months: the coarsest calendar with two periods is the month
    assert chosen["by"] == "month"
    assert chosen["events"] == []
    assert chosen["node"] == chosen["terms"][0] == chosen["term"]


def test_suggest_parameters_refuses_a_single_period() -> None:
    with pytest.raises(ValueError, match="all fall in one period"):
        suggest_parameters(ROOT / "corpus" / "news")


@pytest.mark.slow
@pytest.mark.notebooks
def test_build_report_on_another_corpus_writes_html_and_figures(tmp_path) -> None:
    corpus = write_corpus(tmp_path / "news.jsonl")
    your_corpus = [p for p in notebook_paths() if p.name.startswith("02-")]
    written = build_report(corpus, tmp_path / "out", notebooks=your_corpus, progress=False)
    assert [p.name for p in written] == ["02-your-corpus.html"]
    html = written[0].read_text(encoding="utf-8")
    assert "news.jsonl" in html and "<img" in html
    assert "corpus fingerprint" in html and "<footer class='provenance'>" in html
    figures = sorted(p.name for p in (tmp_path / "out" / "figures").iterdir())
    assert "your-corpus-top-terms.png" in figures and "your-corpus-top-terms.svg" in figures


def test_build_report_skips_the_walkthrough_on_a_single_period(tmp_path, capsys) -> None:
    walkthrough = [p for p in notebook_paths() if p.name.startswith("01-")]
    written = build_report(ROOT / "corpus" / "news", tmp_path / "out", notebooks=walkthrough, progress=False)
    assert written == []
    assert "skipped 01-walkthrough.ipynb" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.notebooks
def test_the_explorer_reports_a_bad_record_instead_of_failing(tmp_path) -> None:
    # 01 and 02 always skipped bad records; 03 stopped the report at the first one
    corpus = write_corpus(tmp_path / "news.jsonl")
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(11, json.dumps({"id": "kapot", "date": "2019-13-01", "text": "onmogelijke datum"}) + "\n")
    corpus.write_text("".join(lines), encoding="utf-8")
    explorer = [p for p in notebook_paths() if p.name.startswith("03-")]
    with pytest.warns(UserWarning, match="1 record"):
        written = build_report(corpus, tmp_path / "out", notebooks=explorer, progress=False)
    assert [p.name for p in written] == ["03-explorer.html"]
    assert "news.jsonl, line 12: impossible date" in written[0].read_text(encoding="utf-8")


def test_to_html_shows_the_values_used_and_loads_nothing_from_the_internet(tmp_path) -> None:
    import nbformat

    from analysis.report import to_html

    defaults = nbformat.v4.new_code_cell('term = "euro"', metadata={"tags": ["parameters"]})
    injected = nbformat.v4.new_code_cell('# Parameters\nterm = "wagner"\n',
                                         metadata={"tags": ["injected-parameters"]})
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Report"), defaults, injected])
    nbformat.write(notebook, tmp_path / "n.ipynb")
    page = to_html(tmp_path / "n.ipynb", tmp_path / "n.html").read_text(encoding="utf-8")
    assert "wagner" in page and "euro" not in page
    # no script at all: not require.js, MathJax, Mermaid or a widget manager from a CDN
    assert "<script src=" not in page and "cdn" not in page.lower()
    assert "mathjax" not in page.lower() and "require.min.js" not in page


def test_suggested_terms_change_over_time_rather_than_being_frequent(tmp_path) -> None:
    path = tmp_path / "news.jsonl"
    rows = []
    for i in range(12):
        year = 2018 + i // 6
        changing = "maduro caracas" if year == 2018 else "wagner prigozjin"
        rows.append({"id": f"n{i}", "date": f"{year}-0{1 + i % 6}-01",
                     "text": f"De regering sprak. Regering en regering. {changing.capitalize()} zweeg. {changing}."})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    chosen = suggest_parameters(path)
    # regering (36) is the most frequent and flat; the four names (12 each) each live in one year,
    # so they change most, with one G² (ties by term)
    assert chosen["by"] == "year"
    assert chosen["terms"] == ["caracas", "maduro", "prigozjin"]
    assert "regering" not in chosen["terms"] and chosen["node"] == chosen["terms"][0]
    assert chosen["target_period"] in ("2018", "2019")
    assert "changes most" in chosen["chosen_how"] and "strongest keyness" in chosen["chosen_how"]
    kept = suggest_parameters(path, terms=["regering"], node="regering", target_period="2019")
    assert (kept["terms"], kept["node"], kept["target_period"]) == (["regering"], "regering", "2019")
