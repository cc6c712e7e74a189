"""`make report` underneath: parameters for another corpus, HTML and figures written where told."""

from __future__ import annotations

import json
import math
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


def test_suggest_parameters_follows_keep_abbreviations(tmp_path) -> None:
    from analysis.settings import Settings

    texts = {"2019-01": "Zie iii, iii, iii en iii in de wet.", "2019-02": "De wet gaat over de kat en de wet.",
             "2019-03": "De wet gaat over de hond en de wet."}
    corpus = tmp_path / "roman.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"{month}-{i}", "date": f"{month}-0{i + 1}", "text": text}) + "\n"
                              for month, text in texts.items() for i in range(4)), encoding="utf-8")
    # the Roman numeral iii is January's only key term: left out by default, as in the walkthrough's keyness
    assert suggest_parameters(corpus, terms=["wet"])["target_period"] != "2019-01"
    kept = suggest_parameters(corpus, terms=["wet"], settings=Settings(keep_abbreviations=True))
    # iii: 16 of January's 24 tokens, none of the other 32; G2 = 2 sum O ln(O/E) over [[16, 0], [8, 32]]
    n, cells = 56, {(16, 16, 24), (8, 40, 24), (32, 40, 32)}  # (O, row total, column total); the 0 adds nothing
    g2 = 2 * sum(o * math.log(o / (row * column / n)) for o, row, column in cells)
    assert kept["target_period"] == "2019-01"
    assert f"('iii', G² {g2:.1f})" in kept["chosen_how"] and f"{g2:.1f}" == "36.5"


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
    from analysis.corpus import load_corpus
    from analysis.tokenized import corpus_fingerprint

    assert corpus_fingerprint(list(load_corpus(corpus, on_error="skip"))) in html  # the corpus read once for it
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
    with pytest.warns(UserWarning, match="1 record") as caught:
        written = build_report(corpus, tmp_path / "out", notebooks=explorer, progress=False)
    # read for the parameters and again for the footer, but said once (it was once per reading)
    assert [str(w.message) for w in caught].count(str(caught[0].message)) == 1
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


def write_neutral_news(path: Path) -> Path:
    """Dated news about cycling and the weather, with one bad record: nothing of the shipped corpus."""
    seasons = {2017: "regen", 2018: "storm", 2019: "hitte"}
    with path.open("w", encoding="utf-8") as handle:
        for i in range(45):
            year = 2017 + i % 3
            weather = seasons[year]
            text = (f"De gemeente Utrecht meldt {weather} en drukte op het fietspad. Wethouder Anna Bakker "
                    f"wil meer fietsenstallingen bij het station. {weather.capitalize()} houdt fietsers thuis, "
                    f"zegt Anna Bakker. Het fietspad langs de Vecht blijft open ondanks de {weather}.")
            record = {"id": f"n{i}", "date": f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                      "source": ["NOS", "Trouw"][i % 2], "text": text}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            if i == 6:
                handle.write(json.dumps({"id": "kapot", "date": "2019-13-01", "text": "onmogelijke datum"}) + "\n")
    return path


SHIPPED_CORPUS_WORDS = ("court decisions", "rechtspraak", "wagner", "belasting", "belanghebbende", "inspecteur",
                        "appellant", "tax cases", "1984", "191 ", "sjabajev")


@pytest.mark.slow
@pytest.mark.notebooks
def test_a_report_on_another_corpus_fits_that_corpus(tmp_path) -> None:
    import html as html_module
    import re

    corpus = write_neutral_news(tmp_path / "fietsnieuws.jsonl")
    with pytest.warns(UserWarning, match="1 record"):
        written = build_report(corpus, tmp_path / "out", progress=False)
    assert sorted(p.name for p in written) == sorted(p.stem + ".html" for p in notebook_paths())
    for page in written:
        source = page.read_text(encoding="utf-8")
        text = html_module.unescape(re.sub(r"<[^>]+>", "", source))
        # no sentence about the shipped corpus
        assert not [w for w in SHIPPED_CORPUS_WORDS if w in text.lower()], page.name
        # one parameters cell, with the values used
        used = [line for line in text.splitlines() if line.startswith("corpus_path = ")]
        assert len(used) == 1 and used[0].startswith(f"corpus_path = {str(corpus)!r}"), page.name
        # the skipped record as one line, never a stderr box or a source path
        notes = [line for line in text.splitlines() if line.startswith("Note: 1 record(s) skipped")]
        assert len(notes) == 1 and "fietsnieuws.jsonl, line 8: impossible date" in notes[0], page.name
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in source, page.name
        assert not re.search(r"\.py:\d+", text), page.name
        # nothing cut off: no "..." row, column or cell from pandas
        assert not re.search(r"\.\.\.</t[dh]>", source), page.name
    walkthrough = (tmp_path / "out" / "01-walkthrough.html").read_text(encoding="utf-8")
    assert "45 documents in 3 years (2017 to 2019)" in html_module.unescape(walkthrough)


def test_to_html_shows_one_parameters_cell_and_warnings_as_one_line(tmp_path) -> None:
    import nbformat

    from analysis.report import to_html

    defaults = nbformat.v4.new_code_cell('term = "euro"  # the starting term\nby = "year"',
                                         metadata={"tags": ["parameters"]})
    injected = nbformat.v4.new_code_cell('# Parameters\nterm = "G\\xb2"\n', metadata={"tags": ["injected-parameters"]})
    warned = nbformat.v4.new_code_cell("corpus = load()", outputs=[nbformat.v4.new_output(
        "stream", name="stderr", text="/tmp/ipykernel_1/31.py:1: UserWarning: 1 record(s) skipped (a.csv, line 2)\n"
                                      "  corpus = load()\n")])
    about = nbformat.v4.new_markdown_cell("Only about the shipped corpus.", metadata={"tags": ["shipped-corpus"]})
    notebook = nbformat.v4.new_notebook(cells=[defaults, injected, warned, about])
    nbformat.write(notebook, tmp_path / "n.ipynb")
    page = to_html(tmp_path / "n.ipynb", tmp_path / "n.html", shipped_corpus=False).read_text(encoding="utf-8")
    assert "G²" in page and "euro" not in page and "the starting term" in page and page.count("Parameters") == 0
    assert "1 record(s) skipped (a.csv, line 2)" in page and "31.py" not in page and "UserWarning" not in page
    assert "Only about the shipped corpus" not in page
    shipped = to_html(tmp_path / "n.ipynb", tmp_path / "s.html").read_text(encoding="utf-8")
    assert "Only about the shipped corpus" in shipped
