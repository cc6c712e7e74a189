"""Provenance: every table, saved figure and report says what made it
(package version, corpus fingerprint, settings, date) and stays byte-identical."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from analysis import (  # noqa: E402
    Document,
    collocates,
    cooccurrence,
    dispersion,
    frequencies,
    keyness,
    kwic,
    load_corpus,
    occurrences,
    parse_date,
    tfidf,
    tokenize,
    trend,
)
from analysis.plotting import plot_collocates, plot_trend, save_figure, save_to_folder  # noqa: E402
from analysis.report import provenance_footer  # noqa: E402
from analysis.tokenized import corpus_fingerprint  # noqa: E402

VERSION = importlib.metadata.version("analysis")
DOCS = [Document("a", parse_date("2019-01-05"), "Wagner in Caracas. Wagner Group."),
        Document("b", parse_date("2019-03"), "Wagnerleden in Caracas bij Maduro.")]


@pytest.fixture
def tokens(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tokenize(DOCS, stopwords=None)


def test_every_table_carries_version_fingerprint_settings_and_date(tokens) -> None:
    fingerprint = corpus_fingerprint(DOCS)
    assert tokens.fingerprint == fingerprint
    tables = {
        "frequencies": frequencies(tokens, top=3),
        "trend": trend(tokens, "wagner*", by="month"),
        "keyness": keyness(tokens, target="2019-01"),
        "dispersion": dispersion(tokens, "caracas"),
        "occurrences": occurrences(tokens, "caracas"),
        "tfidf": tfidf(tokens),
        "collocates": collocates(tokens, "caracas", window=2),
        "kwic": kwic(DOCS, "caracas"),
        "to_frame": cooccurrence(tokens, window=2).to_frame("pmi"),
    }
    for name, table in tables.items():
        record = table.attrs["provenance"]
        assert record["analysis_version"] == VERSION, name
        assert record["corpus_fingerprint"] == fingerprint, name
        assert record["date"] == "2019-03", name  # the newest document (label "2019-03")
        json.dumps(record)  # plain values only
    assert tables["trend"].attrs["provenance"]["settings"]["function"] == "trend"
    assert tables["trend"].attrs["provenance"]["settings"]["arguments"] == {
        "terms": "wagner*", "by": "month", "per": "tokens", "confidence": 0.95}
    assert tables["frequencies"].attrs["provenance"]["settings"]["tokenize"]["stopwords"] is None
    assert tables["kwic"].attrs["provenance"]["settings"]["arguments"]["pattern"] == "caracas"
    cooc = tables["to_frame"].attrs["provenance"]["settings"]
    assert cooc["function"] == "to_frame" and cooc["arguments"]["measure"] == "pmi"


def test_source_date_epoch_sets_the_date(tokens, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    assert frequencies(tokens).attrs["provenance"]["date"] == "2023-11-14"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "tomorrow")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        frequencies(tokens)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_saved_figures_carry_provenance_and_stay_byte_identical(tokens, tmp_path) -> None:
    table = trend(tokens, ["wagner*", "caracas"], by="month")
    digests = []
    for run in ("one", "two"):
        ax = plot_trend(table, bands=False)
        written = save_figure(ax, tmp_path / run / "trend")
        plt.close(ax.figure)
        digests.append([_digest(p) for p in written])
    assert digests[0] == digests[1]
    png = Image.open(tmp_path / "one" / "trend.png").text
    assert png["analysis:version"] == VERSION
    assert png["analysis:corpus"] == tokens.fingerprint
    assert png["analysis:date"] == "2019-03"
    record = json.loads(png["analysis:provenance"])
    assert record["plots"][0]["plot"] == "plot_trend"
    assert record["plots"][0]["options"] == {"bands": False}
    assert record["plots"][0]["table"]["settings"]["arguments"]["terms"] == ["wagner*", "caracas"]
    svg = (tmp_path / "one" / "trend.svg").read_text(encoding="utf-8")
    assert f"<dc:identifier>{tokens.fingerprint}</dc:identifier>" in svg
    assert "<dc:date>2019-03</dc:date>" in svg
    assert f"analysis {VERSION}" in svg


def test_save_to_folder_writes_only_when_given_a_folder(tokens, tmp_path) -> None:
    ax = plot_trend(trend(tokens, "caracas", by="month"))
    assert save_to_folder(ax, None, "trend") is None
    assert list(tmp_path.iterdir()) == []
    save_to_folder(ax, tmp_path / "figures", "trend")
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == ["trend.png", "trend.svg"]
    plt.close(ax.figure)


def test_plotting_an_empty_table_says_what_was_empty(tokens) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        empty = collocates(tokens, "poetin")
    with pytest.raises(ValueError, match=r"empty \(node 'poetin' does not occur in <Tokens"):
        plot_collocates(empty)


def test_report_footer_names_version_corpus_parameters_and_date(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "news.jsonl").write_text(
        "".join(json.dumps({"id": d.id, "date": d.date_label, "text": d.text}) + "\n" for d in DOCS),
        encoding="utf-8")
    footer = provenance_footer(folder, {"by": "month", "node": "wagner"})
    assert VERSION in footer
    assert corpus_fingerprint(load_corpus(folder)) in footer
    assert "2019-03" in footer
    assert "&quot;node&quot;: &quot;wagner&quot;" in footer
