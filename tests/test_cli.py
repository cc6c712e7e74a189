"""Every subcommand on the shipped corpus, checked against the library's own numbers."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = str(ROOT / "corpus")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def csv_of(*args: str) -> pd.DataFrame:
    status, out, err = run(*args, "--csv")
    assert status == 0, err
    return pd.read_csv(io.StringIO(out), keep_default_na=False)


@pytest.fixture(scope="module")
def corpus() -> analysis.Corpus:
    return analysis.load_corpus(CORPUS)


@pytest.fixture(scope="module")
def tokens(corpus) -> analysis.Tokens:
    # the CLI tokenises with the one set of defaults, as the notebooks do
    return analysis.tokenize(corpus, **analysis.Settings().tokenize_options())


def test_summary_equals_corpus_summary(corpus) -> None:
    table = csv_of("summary", CORPUS, "--by", "year")
    expected = corpus.summary("year")
    assert table["year"].astype(str).tolist() == expected["year"].tolist()
    assert table["documents"].tolist() == expected["documents"].tolist()
    assert table["words"].tolist() == expected["words"].tolist()


def test_top_equals_frequencies(tokens) -> None:
    table = csv_of("top", CORPUS, "-n", "20")
    expected = analysis.frequencies(tokens, top=20)
    assert table["term"].tolist() == expected["term"].tolist()
    assert table["count"].tolist() == expected["count"].tolist()
    assert table["per_10k"].tolist() == pytest.approx(expected["per_10k"].tolist())


def test_top_by_year_equals_frequencies(tokens) -> None:
    table = csv_of("top", CORPUS, "--by", "year", "-n", "3")
    expected = analysis.frequencies(tokens, by="year", top=3)
    assert table["term"].tolist() == expected["term"].tolist()
    assert table["year"].astype(str).tolist() == expected["year"].tolist()


def test_kwic_equals_the_library(corpus) -> None:
    table = csv_of("kwic", CORPUS, "wagner")
    expected = analysis.kwic(corpus, "wagner")
    assert len(table) == len(expected) > 0
    assert table["keyword"].tolist() == expected["keyword"].tolist()
    assert table["doc_id"].tolist() == expected["doc_id"].tolist()


def test_collocates_equal_the_library(tokens) -> None:
    table = csv_of("collocates", CORPUS, "inspecteur", "-n", "10")
    expected = analysis.collocates(tokens, "inspecteur", window=5, measure="log_dice", min_count=3, top=10)
    assert table["term"].tolist() == expected["term"].tolist()
    assert table["o11"].tolist() == expected["o11"].tolist()
    assert table["log_dice"].tolist() == pytest.approx(expected["log_dice"].tolist())


def test_keyness_equals_the_library(tokens) -> None:
    table = csv_of("keyness", CORPUS, "--target", "2000", "-n", "10")
    expected = analysis.keyness(tokens, "2000").head(10)
    assert table["term"].tolist() == expected["term"].tolist()
    assert table["g2"].tolist() == pytest.approx(expected["g2"].tolist())


def test_keyness_per_documents_equals_the_library_and_counts_documents(tokens) -> None:
    table = csv_of("keyness", CORPUS, "--target", "2000", "--per", "documents", "-n", "10")
    expected = analysis.keyness(tokens, "2000", per="documents").head(10)
    assert len(table) == 10 and table["term"].tolist() == expected["term"].tolist()
    assert table["g2"].tolist() == pytest.approx(expected["g2"].tolist())
    # a, b, c, d count documents: counted here from the tokens of each document
    in_2000 = tokens.documents["date"].str.startswith("2000").to_numpy()
    terms = [set(toks) for toks in tokens]
    for _, row in table.iterrows():
        a = sum(1 for d, seen in enumerate(terms) if in_2000[d] and row["term"] in seen)
        b = sum(1 for d, seen in enumerate(terms) if not in_2000[d] and row["term"] in seen)
        assert (row["a"], row["b"], row["c"], row["d"]) == (a, b, in_2000.sum(), (~in_2000).sum())
    # per tokens (the default, and --per tokens) a is the target's token count
    by_tokens = csv_of("keyness", CORPUS, "--target", "2000", "--per", "tokens", "-n", "10")
    pd.testing.assert_frame_equal(by_tokens, csv_of("keyness", CORPUS, "--target", "2000", "-n", "10"))
    assert (by_tokens["a"] == by_tokens["count_target"]).all()
    with pytest.raises(SystemExit) as exit_info, redirect_stderr(io.StringIO()) as err:
        main(["keyness", CORPUS, "--target", "2000", "--per", "texts"])
    assert exit_info.value.code == 2 and "invalid choice: 'texts'" in err.getvalue()


def test_keyness_with_a_metadata_target(tokens) -> None:
    table = csv_of("keyness", CORPUS, "--target", "collection=news", "-n", "5")
    expected = analysis.keyness(tokens, {"collection": "news"}).head(5)
    assert table["term"].tolist() == expected["term"].tolist()


def test_json_output_is_records(corpus) -> None:
    status, out, _ = run("summary", CORPUS, "--by", "collection", "--json")
    assert status == 0
    assert [row["collection"] for row in json.loads(out)] == ["news", "rechtspraak"]


def test_aligned_table_by_default() -> None:
    status, out, _ = run("summary", str(ROOT / "corpus" / "news"), "--by", "month")
    assert status == 0
    header, row = out.splitlines()
    assert header.split() == ["month", "documents", "words", "characters"]
    assert row.split()[:2] == ["2019-01", "1"]


def test_bad_path_gives_one_line_and_status_2() -> None:
    status, out, err = run("summary", "no/such/corpus")
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "no/such/corpus" in err


def test_bad_option_value_gives_one_line_and_status_2() -> None:
    status, _, err = run("summary", CORPUS, "--by", "colour")
    assert status == 2 and "'colour'" in err and err.count("\n") == 1


def test_unknown_option_exits_non_zero() -> None:
    with pytest.raises(SystemExit) as exit_info, redirect_stderr(io.StringIO()):
        main(["summary", CORPUS, "--nope"])
    assert exit_info.value.code == 2


def test_help_everywhere() -> None:
    for command in ("summary", "top", "kwic", "collocates", "keyness", "report"):
        with pytest.raises(SystemExit) as exit_info, redirect_stdout(io.StringIO()) as out:
            main([command, "--help"])
        assert exit_info.value.code == 0 and "usage: analysis" in out.getvalue()


@pytest.mark.slow
@pytest.mark.notebooks
def test_report_writes_where_told(tmp_path) -> None:
    out = tmp_path / "report"
    status, printed, err = run("report", str(ROOT / "corpus" / "news"), "--out", str(out))
    assert status == 0, err
    # one dated article is one period: the walkthrough is skipped with its reason, the rest run
    assert "skipped 01-walkthrough.ipynb" in printed
    assert sorted(p.name for p in out.glob("*.html")) == ["02-your-corpus.html", "03-explorer.html"]
    assert (out / "figures" / "your-corpus-top-terms.png").is_file()
    assert not (ROOT / "corpus" / "news" / "figures").exists()


OUTLET_ROWS = [
    ("n1", "2020-01-01", "NOS", "De boeren protesteren. Boeren boos, boeren op de trekker naar Den Haag."),
    ("n2", "2020-01-02", "NOS", "Weer boeren in Den Haag: de boeren blokkeren wegen, boeren eisen geld."),
    ("r1", "2020-01-01", "NRC", "De rechter oordeelt dat de minister de wet verkeerd heeft toegepast."),
    ("r2", "2020-01-03", "NRC", "Een analyse van de wet en het oordeel van de rechter over de minister."),
]


@pytest.fixture()
def outlets(tmp_path) -> str:
    path = tmp_path / "outlets.csv"
    pd.DataFrame(OUTLET_ROWS, columns=["id", "date", "source", "text"]).to_csv(path, index=False)
    return str(path)


def test_keyness_between_outlets_matches_source_case_insensitively(outlets) -> None:
    exact = csv_of("keyness", outlets, "--target", "source=NOS", "--reference", "source=NRC")
    folded = csv_of("keyness", outlets, "--target", "source=nos", "--reference", "source=nrc")
    pd.testing.assert_frame_equal(exact, folded)
    tokens = analysis.tokenize(analysis.load_corpus(outlets), stopwords="nl")
    expected = analysis.keyness(tokens, {"source": "NOS"}, {"source": "NRC"}).head(30)
    assert exact["term"].tolist() == expected["term"].tolist()
    # "boeren" 7 times in NOS and never in NRC: the only term with a + b >= 5.
    assert exact["term"].tolist() == ["boeren"]


def test_an_unknown_source_lists_the_known_ones(outlets) -> None:
    status, _, err = run("keyness", outlets, "--target", "source=Telegraaf")
    assert status == 2
    assert "target: no document has source 'Telegraaf'; known values: 'NOS', 'NRC'" in err


def test_duplicates_and_deduplicated_counts(tmp_path) -> None:
    story = ("het kabinet trekt vijftig miljoen euro uit voor de opvang van asielzoekers in ter apel "
             "zegt de staatssecretaris")
    rows = [("a", "2020-01-02", "NRC", story), ("b", "2020-01-01", "ANP", "ANP: " + story),
            ("c", "2020-01-05", "NOS", "Iets heel anders over de verkiezingen in Groningen.")]
    path = tmp_path / "wire.csv"
    pd.DataFrame(rows, columns=["id", "date", "source", "text"]).to_csv(path, index=False)
    table = csv_of("duplicates", str(path))
    # 18 words -> 14 shingles; "anp" adds one: 14/15.
    assert table[["id_a", "id_b", "source_a", "source_b"]].values.tolist() == [["a", "b", "NRC", "ANP"]]
    assert table["similarity"].iloc[0] == pytest.approx(14 / 15)
    status, _, err = run("duplicates", str(path), "--threshold", "1.5")
    assert status == 2 and "threshold must be a number in (0, 1], got 1.5" in err
    counted_once = csv_of("top", str(path), "--deduplicate", "--stopwords", "none", "-n", "100")
    assert counted_once.set_index("term").loc["kabinet", "count"] == 1
    counted_twice = csv_of("top", str(path), "--stopwords", "none", "-n", "100")
    assert counted_twice.set_index("term").loc["kabinet", "count"] == 2


def test_names_equals_the_names_table() -> None:
    news = str(Path(__file__).resolve().parents[1] / "corpus" / "news")
    got = csv_of("names", news, "-n", "5")
    want = analysis.names(analysis.load_corpus(news), top=5)
    assert got["term"].tolist() == want["term"].tolist()
    assert got["count"].tolist() == want["count"].tolist()
    assert got["variants"].tolist() == [" | ".join(v) for v in want["variants"]]


def test_names_leave_days_and_months_out_unless_asked(tmp_path) -> None:
    path = tmp_path / "news.jsonl"
    texts = ["Op maandag 7 januari sprak Rutte.", "Op maandag zweeg Rutte, zei Wilders."]
    path.write_text("".join(json.dumps({"id": f"d{i}", "date": "2019-01-0" + str(i + 1), "text": t}) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    # by hand: maandag 2 (a day, lowercase: a name by UD convention), Rutte 2, januari 1, Wilders 1
    assert csv_of("names", str(path))[["term", "count"]].values.tolist() == [["Rutte", 2], ["Wilders", 1]]
    every = csv_of("names", str(path), "--keep-calendar")
    assert every[["term", "count"]].values.tolist() == [["Rutte", 2], ["maandag", 2], ["Wilders", 1], ["januari", 1]]
    settings = tmp_path / "settings.toml"
    settings.write_text("keep_calendar = true\n", encoding="utf-8")
    pd.testing.assert_frame_equal(csv_of("names", str(path), "--settings", str(settings)), every)


def write_news(folder: Path) -> str:
    path = folder / "news.jsonl"
    texts = ["Bedoeld in artikel 5 van de wet.", "Zie artikel 5 en de wet van J. de Vries."]
    path.write_text("".join(json.dumps({"id": f"d{i}", "date": "2019-01-0" + str(i + 1), "text": t}) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    return str(path)


def test_top_bigrams_never_span_a_removed_word_by_default(tmp_path) -> None:
    corpus = write_news(tmp_path)
    # by hand (nl+nl-news stopwords, min length 2, numbers dropped): "bedoeld [in] artikel [5 van de] wet",
    # "zie artikel [5 en de] wet [van] j. [de] vries": one bigram has no removed word inside
    assert csv_of("top", corpus, "--ngram", "2")["term"].tolist() == ["zie artikel"]
    joined = csv_of("top", corpus, "--ngram", "2", "--no-padding")
    assert joined.set_index("term")["count"].to_dict() == {"artikel wet": 2, "bedoeld artikel": 1, "zie artikel": 1}
    # "wet j." and "j. vries" hold an initial: listed only when asked
    every = csv_of("top", corpus, "--ngram", "2", "--no-padding", "--keep-abbreviations")
    assert set(every["term"]) - set(joined["term"]) == {"wet j.", "j. vries"}


def test_settings_file_and_options_in_that_order(tmp_path) -> None:
    corpus = write_news(tmp_path)
    settings = tmp_path / "settings.toml"
    settings.write_text('min_length = 4\npadding = false\nstopwords = "nl"\n', encoding="utf-8")
    from_file = csv_of("top", corpus, "--settings", str(settings))
    assert set(from_file["term"]) == {"bedoeld", "artikel", "vries"}  # wet, zie, j. shorter than 4
    overridden = csv_of("top", corpus, "--settings", str(settings), "--min-length", "3")
    assert set(overridden["term"]) == {"bedoeld", "artikel", "wet", "zie", "vries"}
    settings.write_text("min_lenght = 4\n", encoding="utf-8")
    status, _, err = run("top", corpus, "--settings", str(settings))
    assert status == 2 and "min_lenght" in err and "settings.toml" in err


def test_plain_tables_are_readable_at_100_columns() -> None:
    status, out, _ = run("collocates", CORPUS, "inspecteur", "-n", "5")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["node", "term", "o11", "term_count", "log_dice"]
    assert max(len(line) for line in lines) <= 100
    status, out, _ = run("collocates", CORPUS, "inspecteur", "-n", "5", "--all-columns")
    assert "delta_p_collocate" in out.splitlines()[0]
    status, out, _ = run("keyness", CORPUS, "--target", "2000", "-n", "5", "--both-ends")
    assert status == 0 and max(len(line) for line in out.splitlines()) <= 100


def test_an_empty_result_is_one_line(tmp_path) -> None:
    status, out, _ = run("kwic", CORPUS, "qqqxx")
    assert (status, out) == (0, "no hits for 'qqqxx'\n")


def test_every_plain_table_fits_100_terminal_columns(monkeypatch, corpus) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    expected = analysis.kwic(corpus, "wagner*")
    status, out, _ = run("kwic", CORPUS, "wagner*")
    lines = out.splitlines()
    assert status == 0 and len(lines) == len(expected) + 1
    assert max(len(line) for line in lines) <= 100
    # the contexts are cut where they are far from the keyword: the left one loses its start
    first = lines[1]
    left = " ".join(expected.iloc[0]["left"].split())
    shown_left = first[first.index("…") + 1:first.rindex(expected.iloc[0]["keyword"])].strip()
    assert shown_left and left.endswith(shown_left) and len(shown_left) < len(left)
    for args in (("duplicates", CORPUS), ("names", CORPUS, "-n", "5"), ("top", CORPUS, "--by", "year", "-n", "2")):
        status, out, _ = run(*args)
        assert status == 0 and max(len(line) for line in out.splitlines()) <= 100, args
    status, out, _ = run("duplicates", CORPUS)
    pairs = analysis.find_duplicates(corpus, threshold=0.8)
    assert len(out.splitlines()) == len(pairs) + 1  # a line break inside a cell never breaks a row


def test_without_columns_a_piped_table_is_not_cut(monkeypatch, corpus) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    status, out, _ = run("kwic", CORPUS, "wagner*")
    expected = analysis.kwic(corpus, "wagner*")
    assert status == 0
    for row in expected.itertuples():
        assert " ".join(row.left.split()) in out and " ".join(row.right.split()) in out
