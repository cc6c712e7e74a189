"""Tests for analysis.plotting: what was drawn, input checks, determinism."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402

from analysis.plotting import (  # noqa: E402
    clouds,
    default_font_path,
    plot_collocates,
    plot_comparison_cloud,
    plot_cooccurrence_heatmap,
    plot_corpus_timeline,
    plot_dispersion,
    plot_keyness,
    plot_network,
    plot_top_terms,
    plot_trend,
    plot_wordcloud,
    save_figure,
)

# ---------------------------------------------------------------- toy data


def summary_frame(n: int = 6) -> pd.DataFrame:
    starts = pd.date_range("2023-01-01", periods=n, freq="MS")
    documents = np.arange(n) % 5 * 3
    return pd.DataFrame(
        {
            "period": starts.strftime("%Y-%m"),
            "start": starts,
            "documents": documents,
            "words": documents * 250,
            "characters": documents * 1500,
        }
    )


def freqs_frame() -> pd.DataFrame:
    terms = [
        "rusland",
        "wagner",
        "poetin",
        "kremlin",
        "maduro",
        "prigozjin",
        "caracas",
        "oekraïne",
        "ĳsland",
    ]
    counts = [90, 70, 70, 40, 30, 20, 10, 6, 3]
    total = 10_000
    return pd.DataFrame(
        {
            "term": terms,
            "count": counts,
            "per_10k": [c / total * 10_000 for c in counts],
            "doc_count": [c // 2 for c in counts],
            "doc_share": [c / 100 for c in counts],
            "rank": range(1, len(terms) + 1),
        }
    )


def trend_frame() -> pd.DataFrame:
    starts = pd.date_range("2023-04-01", periods=5, freq="MS")
    rows = []
    rates = {"wagner": [1.0, 2.0, 9.0, 0.0, 3.0], "prigozjin": [0.5, 0.0, 6.0, 0.0, 1.0]}
    for term, values in rates.items():
        for i, (start, rate) in enumerate(zip(starts, values, strict=True)):
            empty = i == 3  # a period without any tokens
            rows.append(
                {
                    "period": start.strftime("%Y-%m"),
                    "start": start,
                    "term": term,
                    "count": int(rate),
                    "doc_count": int(rate > 0),
                    "total_tokens": 0 if empty else 10_000,
                    "total_documents": 0 if empty else 8,
                    "rate": rate,
                    "ci_low": np.nan if empty else max(0.0, rate - 0.5),
                    "ci_high": np.nan if empty else rate + 0.5,
                }
            )
    frame = pd.DataFrame(rows)
    frame.attrs["unit"] = "per 10,000 tokens"
    return frame


def keyness_frame() -> pd.DataFrame:
    terms = ["wagner", "prigozjin", "kremlin", "de", "maduro", "caracas", "venezuela", "een"]
    g2 = [50.0, 30.0, 10.0, 0.5, -40.0, -20.0, -8.0, -0.3]
    log_ratio = [3.0, 2.5, 1.0, 0.1, -2.8, -2.0, -1.2, -0.05]
    significant = [True, True, True, False, True, True, True, False]
    frame = pd.DataFrame(
        {
            "term": terms,
            "a": 1,
            "b": 1,
            "c": 1,
            "d": 1,
            "e1": 1.0,
            "e2": 1.0,
            "g2": g2,
            "chi2": np.abs(g2),
            "log_ratio": log_ratio,
            "pct_diff": [v * 100 for v in log_ratio],
            "p_value": 0.01,
            "p_adjusted": 0.02,
            "significant": significant,
            "direction": ["over" if v > 0 else "under" for v in g2],
        }
    )
    frame.attrs.update(target="Rusland", reference="Venezuela")
    return frame


def collocates_frame() -> pd.DataFrame:
    collocates = ["prigozjin", "huurlingen", "groep", "muiterij"]
    frame = pd.DataFrame(
        {
            "node": "wagner",
            "term": collocates,
            "o11": [12, 5, 9, 3],
            "e11": 1.0,
            "node_count": 40,
            "term_count": [20, 9, 30, 4],
            "pmi": [3.0, 2.0, -0.5, 4.0],
            "npmi": 0.5,
            "mi3": 5.0,
            "g2": [30.0, 10.0, 8.0, 6.0],
            "t_score": 2.0,
            "z_score": 3.0,
            "chi2": 9.0,
            "dice": 0.3,
            "log_dice": [11.0, 9.5, 10.0, 9.0],
            "jaccard": 0.2,
            "delta_p_node": 0.1,
            "delta_p_collocate": 0.1,
            "log_ratio": 1.0,
        }
    )
    frame.attrs.update(measure="log_dice", node="wagner")
    return frame


def network_graph(order: list[str] | None = None) -> nx.Graph:
    frequency = {"wagner": 40, "prigozjin": 25, "kremlin": 30, "poetin": 35, "rusland": 50}
    edges = [
        ("wagner", "prigozjin", 12, 3.2),
        ("wagner", "kremlin", 5, -1.0),
        ("poetin", "kremlin", 9, 2.0),
        ("rusland", "poetin", 15, 0.5),
    ]
    graph = nx.Graph()
    for name in order or list(frequency):
        graph.add_node(name, frequency=frequency[name])
    for u, v, count, weight in edges:
        graph.add_edge(u, v, count=count, weight=weight)
    return graph


def occurrences_frame() -> pd.DataFrame:
    rows = [
        ("wagner", "a", "2019-03-01", 0, 5),
        ("wagner", "b", "2023-06-24", 1, 2),
        ("wagner", "b", "2023-06-24", 1, 40),
        ("maduro", "a", "2019-03-01", 0, 9),
        ("maduro", "c", "2024-01-02", 2, 1),
    ]
    doc_start = {0: 0, 1: 100, 2: 200}
    frame = pd.DataFrame(rows, columns=["term", "doc_id", "date", "doc_index", "position"])
    frame["corpus_position"] = [
        doc_start[d] + p for d, p in zip(frame["doc_index"], frame["position"], strict=True)
    ]
    frame.attrs["corpus_size"] = 300
    return frame


def heatmap_frame(k: int = 3) -> pd.DataFrame:
    terms = ["wagner", "poetin", "kremlin", "maduro"][:k]
    values = np.arange(k * k).reshape(k, k)
    return pd.DataFrame(values + values.T, index=terms, columns=terms)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def tick_texts(labels) -> list[str]:
    return [label.get_text() for label in labels]


def png_bytes(ax) -> bytes:
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


# ---------------------------------------------------------------- timeline


def test_timeline_one_bar_per_period_zeros_included():
    summary = summary_frame(6)
    ax = plot_corpus_timeline(summary)
    heights = [p.get_height() for p in ax.patches]
    assert heights == list(summary["documents"].astype(float))
    assert 0.0 in heights
    assert ax.get_ylabel() == "documents per month"
    assert "month" in ax.get_title()


def test_timeline_secondary_axis_line():
    ax = plot_corpus_timeline(summary_frame(6), secondary="words")
    twins = [a for a in ax.figure.axes if a is not ax]
    assert len(twins) == 1
    assert twins[0].get_ylabel() == "words per month"
    (line,) = twins[0].get_lines()
    assert list(line.get_ydata()) == list(summary_frame(6)["words"].astype(float))
    assert tick_texts(ax.get_legend().get_texts()) == ["documents", "words"]


def test_timeline_many_periods_thins_tick_labels_to_years():
    ax = plot_corpus_timeline(summary_frame(384))
    labels = tick_texts(ax.get_xticklabels())
    assert len(ax.patches) == 384
    assert 2 <= len(labels) <= 12
    assert all(len(label) == 4 and label.isdigit() for label in labels)


def test_timeline_validation():
    with pytest.raises(ValueError, match=r"'documents'.*columns present: \['period'"):
        plot_corpus_timeline(summary_frame().drop(columns="documents"))
    with pytest.raises(ValueError, match="empty"):
        plot_corpus_timeline(summary_frame().iloc[:0])
    with pytest.raises(ValueError, match="value must be one of"):
        plot_corpus_timeline(summary_frame(), value="tokens")
    with pytest.raises(TypeError, match="DataFrame"):
        plot_corpus_timeline([1, 2, 3])


def test_draws_into_given_axes_without_new_figure():
    fig, (left, right) = plt.subplots(1, 2)
    before = plt.get_fignums()
    assert plot_top_terms(freqs_frame(), ax=right) is right
    assert plt.get_fignums() == before
    assert len(right.patches) == len(freqs_frame()) and not left.patches


def test_no_global_style_change():
    before = dict(matplotlib.rcParams)
    plot_trend(trend_frame())
    after = dict(matplotlib.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()


# ---------------------------------------------------------------- top terms


def test_top_terms_bars_largest_on_top_ties_by_term():
    ax = plot_top_terms(freqs_frame(), top=4, value="count")
    assert len(ax.patches) == 4
    assert tick_texts(ax.get_yticklabels()) == ["rusland", "poetin", "wagner", "kremlin"]
    widths = [p.get_width() for p in ax.patches]
    tops = [p.get_y() for p in ax.patches]
    assert widths == [90, 70, 70, 40]
    assert ax.yaxis_inverted() and tops == sorted(tops)  # first bar drawn on top
    assert ax.get_xlabel() == "count (occurrences)"


def test_top_terms_units_and_validation():
    ax = plot_top_terms(freqs_frame())
    assert "per 10,000 tokens" in ax.get_xlabel()
    assert ax.get_title()
    with pytest.raises(ValueError, match="top must be an int >= 1"):
        plot_top_terms(freqs_frame(), top=0)
    with pytest.raises(ValueError, match="'per_10k'"):
        plot_top_terms(freqs_frame().drop(columns="per_10k"))


# ---------------------------------------------------------------- trend


def test_trend_lines_legend_zero_periods_and_units():
    ax = plot_trend(trend_frame())
    lines = [line for line in ax.get_lines() if line.get_gid() == "term"]
    assert [line.get_label() for line in lines] == ["wagner", "prigozjin"]
    assert tick_texts(ax.get_legend().get_texts()) == ["wagner", "prigozjin"]
    for line in lines:
        y = np.asarray(line.get_ydata(), dtype=float)
        assert len(y) == 5 and not np.isnan(y).any()
        assert y[3] == 0.0
    assert ax.get_ylabel() == "rate (per 10,000 tokens)"
    assert ax.get_title() and ax.get_xlabel()
    bands = [c for c in ax.collections if c.get_gid() == "band"]
    assert len(bands) == 2


def test_trend_missing_period_row_is_drawn_at_zero():
    frame = trend_frame()
    frame = frame[~((frame["term"] == "prigozjin") & (frame["period"] == "2023-05"))]
    ax = plot_trend(frame, terms=["prigozjin"], bands=False)
    (line,) = [line for line in ax.get_lines() if line.get_gid() == "term"]
    assert list(np.asarray(line.get_ydata(), dtype=float)) == [0.5, 0.0, 6.0, 0.0, 1.0]
    assert not [c for c in ax.collections if c.get_gid() == "band"]


def test_trend_events_from_list_and_frame():
    events = [("2023-06-24", "muiterij"), (pd.Timestamp("2023-08-23"), "dood Prigozjin")]
    for given in (events, pd.DataFrame(events, columns=["date", "label"])):
        ax = plot_trend(trend_frame(), events=given)
        markers = [line for line in ax.get_lines() if line.get_gid() == "event"]
        assert len(markers) == 2
        assert all(line.get_linestyle() == "--" for line in markers)
        labels = [t.get_text() for t in ax.texts if t.get_gid() == "event"]
        assert labels == ["muiterij", "dood Prigozjin"]
        plt.close(ax.figure)


def test_trend_default_unit_and_validation():
    frame = trend_frame()
    frame.attrs.clear()
    assert plot_trend(frame).get_ylabel() == "rate"
    with pytest.raises(ValueError, match=r"terms not in trend: \['poetin'\]"):
        plot_trend(trend_frame(), terms=["poetin"])
    with pytest.raises(ValueError, match="'ci_low'"):
        plot_trend(trend_frame().drop(columns="ci_low"))
    with pytest.raises(ValueError, match="not a date"):
        plot_trend(trend_frame(), events=[("geen datum", "x")])
    with pytest.raises(ValueError, match="empty"):
        plot_trend(trend_frame().iloc[:0])


# ---------------------------------------------------------------- word clouds


def test_default_font_has_dutch_glyphs():
    cmap = TTFont(default_font_path()).getBestCmap()
    for char in "éëïĳ":
        assert ord(char) in cmap, f"{char!r} (U+{ord(char):04X}) missing"


def test_wordcloud_image_and_largest_box_for_top_term():
    ax = plot_wordcloud(freqs_frame(), width=400, height=200)
    image = np.asarray(ax.images[0].get_array())
    assert image.shape[:2] == (200, 400)
    assert image.std() > 0 and (image < 200).any()  # not blank white
    layout = ax.wordcloud.layout_
    (word, _), font_size, *_ = max(layout, key=lambda item: item[1])
    assert word == "rusland"
    assert font_size == layout[0][1]
    assert not ax.axison
    assert ax.get_title()


def test_wordcloud_uses_our_counts_not_its_tokeniser(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("WordCloud.generate(text) must not be used")

    # patched where the clouds module looks WordCloud up
    monkeypatch.setattr(clouds.WordCloud, "generate", refuse)
    monkeypatch.setattr(clouds.WordCloud, "generate_from_text", refuse)
    freqs = pd.DataFrame({"term": ["the", "ruslands", "rusland", "ĳzer"], "count": [9, 8, 7, 6]})
    ax = plot_wordcloud(freqs, width=300, height=150)
    words = {w for (w, _), *_ in ax.wordcloud.layout_}
    assert words == {"the", "ruslands", "rusland", "ĳzer"}  # no stopwords, no plural merge
    assert ax.wordcloud.collocations is False
    assert ax.wordcloud.normalize_plurals is False


def test_wordcloud_top_and_validation():
    ax = plot_wordcloud(freqs_frame(), top=3, width=300, height=150)
    assert {w for (w, _), *_ in ax.wordcloud.layout_} == {"rusland", "poetin", "wagner"}
    with pytest.raises(ValueError, match="'weight'"):
        plot_wordcloud(freqs_frame(), column="weight")
    with pytest.raises(ValueError, match="> 0"):
        plot_wordcloud(freqs_frame().assign(count=0))


def test_comparison_cloud_colours_by_direction():
    ax = plot_comparison_cloud(keyness_frame(), width=400, height=200)
    layout = ax.wordcloud.layout_
    colours = {w: colour for (w, _), _, _, _, colour in layout}
    assert set(colours) == {"wagner", "prigozjin", "kremlin", "maduro", "caracas", "venezuela"}
    assert colours["wagner"] == colours["kremlin"] != colours["maduro"]
    (word, _), *_ = max(layout, key=lambda item: item[1])
    assert word == "wagner"  # largest |g2|
    assert tick_texts(ax.get_legend().get_texts()) == [
        "more frequent in Rusland",
        "more frequent in Venezuela",
    ]
    assert "Rusland" in ax.get_title()


def test_comparison_cloud_validation():
    with pytest.raises(ValueError, match="'direction'"):
        plot_comparison_cloud(keyness_frame().drop(columns="direction"))
    with pytest.raises(ValueError, match="no significant"):
        plot_comparison_cloud(keyness_frame().assign(significant=False))


# ---------------------------------------------------------------- keyness


def test_keyness_signed_bars_order_and_significance():
    ax = plot_keyness(keyness_frame(), top=3)
    terms = tick_texts(ax.get_yticklabels())
    assert terms == ["wagner", "prigozjin", "kremlin", "venezuela", "caracas", "maduro"]
    widths = [p.get_width() for p in ax.patches[:6]]
    assert widths == [3.0, 2.5, 1.0, -1.2, -2.0, -2.8]
    colours = [p.get_facecolor() for p in ax.patches[:6]]
    assert colours[0] == colours[2] != colours[3] == colours[5]
    assert ax.get_xlabel().startswith("Log Ratio (binary log of the ratio")
    assert "Rusland" in ax.get_title()


def test_keyness_marks_non_significant_bars():
    ax = plot_keyness(keyness_frame(), top=4)
    terms = tick_texts(ax.get_yticklabels())
    bars = dict(zip(terms, ax.patches[: len(terms)], strict=True))
    assert bars["de"].get_hatch() and bars["een"].get_hatch()
    assert not bars["wagner"].get_hatch()
    assert "not significant" in tick_texts(ax.get_legend().get_texts())


def test_keyness_validation():
    with pytest.raises(ValueError, match="'significant'"):
        plot_keyness(keyness_frame().drop(columns="significant"))
    with pytest.raises(ValueError, match="effect must be one of"):
        plot_keyness(keyness_frame(), effect="odds")


# ---------------------------------------------------------------- collocates


def test_collocates_default_measure_from_attrs_with_frequency_labels():
    ax = plot_collocates(collocates_frame(), top=3)
    assert tick_texts(ax.get_yticklabels()) == ["prigozjin", "groep", "huurlingen"]
    assert [p.get_width() for p in ax.patches] == [11.0, 10.0, 9.5]
    assert [t.get_text() for t in ax.texts if t.get_gid() == "o11"] == ["n=12", "n=9", "n=5"]
    assert "logDice" in ax.get_xlabel()
    assert "wagner" in ax.get_title()


def test_collocates_negative_measure_and_validation():
    ax = plot_collocates(collocates_frame(), measure="pmi")
    assert tick_texts(ax.get_yticklabels())[-1] == "groep"
    assert ax.get_xlim()[0] < -0.5
    with pytest.raises(ValueError, match="'mi2'.*columns present"):
        plot_collocates(collocates_frame(), measure="mi2")
    two = pd.concat([collocates_frame(), collocates_frame().assign(node="poetin")])
    with pytest.raises(ValueError, match="several nodes"):
        plot_collocates(two)
    assert len(plot_collocates(two, node="poetin", measure="g2").patches) == 4


# ---------------------------------------------------------------- network


def test_network_nodes_labels_edges():
    ax = plot_network(network_graph())
    labels = sorted(t.get_text() for t in ax.texts if t.get_gid() == "node")
    assert labels == ["kremlin", "poetin", "prigozjin", "rusland", "wagner"]
    (edges,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    widths = edges.get_linewidths()
    assert len(edges.get_segments()) == 4
    assert min(widths) > 0 and max(widths) > min(widths)  # negative weight handled
    assert not ax.axison and ax.get_title()
    halo = next(t for t in ax.texts if t.get_gid() == "node").get_path_effects()
    assert halo


def test_network_top_edges_and_layout_independent_of_insertion_order():
    ax = plot_network(network_graph(), top=2)
    labels = sorted(t.get_text() for t in ax.texts if t.get_gid() == "node")
    assert labels == ["kremlin", "poetin", "prigozjin", "wagner"]
    forward = png_bytes(plot_network(network_graph()))
    backward = png_bytes(
        plot_network(
            network_graph(
                order=list(reversed(["wagner", "prigozjin", "kremlin", "poetin", "rusland"]))
            )
        )
    )
    assert forward == backward


def test_network_validation():
    with pytest.raises(ValueError, match="no nodes"):
        plot_network(nx.Graph())
    graph = network_graph()
    del graph.nodes["wagner"]["frequency"]
    with pytest.raises(ValueError, match="'frequency'"):
        plot_network(graph)
    with pytest.raises(ValueError, match="'pmi'"):
        plot_network(network_graph(), weight="pmi")


# ---------------------------------------------------------------- heatmap


def test_heatmap_cells_annotations_and_colourbar():
    matrix = heatmap_frame(3)
    matrix.attrs["measure"] = "count"
    ax = plot_cooccurrence_heatmap(matrix)
    assert np.asarray(ax.images[0].get_array()).shape == (3, 3)
    cells = [t.get_text() for t in ax.texts if t.get_gid() == "cell"]
    assert cells == [f"{v:,.0f}" for v in matrix.to_numpy().ravel()]
    assert tick_texts(ax.get_xticklabels()) == list(matrix.columns)
    assert tick_texts(ax.get_yticklabels()) == list(matrix.index)
    colourbar = [a for a in ax.figure.axes if a is not ax]
    assert len(colourbar) == 1 and colourbar[0].get_ylabel() == "count"


def test_heatmap_nan_cells_measure_and_large_matrix_unannotated():
    matrix = pd.DataFrame([[np.nan, -1.25], [-1.25, np.nan]], index=["a", "b"], columns=["a", "b"])
    matrix.attrs["measure"] = "pmi"
    ax = plot_cooccurrence_heatmap(matrix)
    assert [t.get_text() for t in ax.texts if t.get_gid() == "cell"] == ["-1.25", "-1.25"]
    big = pd.DataFrame(
        np.ones((16, 16)), index=list("abcdefghijklmnop"), columns=list("abcdefghijklmnop")
    )
    assert not [t for t in plot_cooccurrence_heatmap(big).texts if t.get_gid() == "cell"]


def test_heatmap_validation():
    with pytest.raises(ValueError, match="square"):
        plot_cooccurrence_heatmap(heatmap_frame(3).iloc[:2])
    matrix = heatmap_frame(2)
    matrix.columns = ["x", "y"]
    with pytest.raises(ValueError, match="same terms"):
        plot_cooccurrence_heatmap(matrix)
    with pytest.raises(ValueError, match="empty"):
        plot_cooccurrence_heatmap(pd.DataFrame())


# ---------------------------------------------------------------- dispersion


def test_dispersion_one_tick_per_occurrence():
    occurrences = occurrences_frame()
    ax = plot_dispersion(occurrences)
    rows = [c for c in ax.collections if c.get_gid() == "hits"]
    assert [len(c.get_segments()) for c in rows] == [3, 2]
    assert sum(len(c.get_segments()) for c in rows) == len(occurrences)
    xs = sorted(seg[0][0] for c in rows for seg in c.get_segments())
    assert xs == sorted(occurrences["corpus_position"])
    assert tick_texts(ax.get_yticklabels()) == ["wagner", "maduro"]
    assert ax.get_xlim() == (0.0, 300.0)
    assert ax.get_xlabel() == "corpus position (tokens, documents in date order)"
    years = [t.get_text() for t in ax.texts if t.get_gid() == "year"]
    assert years == ["2019", "2023", "2024"]


def test_dispersion_terms_order_empty_row_and_validation():
    ax = plot_dispersion(occurrences_frame(), terms=["maduro", "poetin"], boundaries=None)
    assert tick_texts(ax.get_yticklabels()) == ["maduro", "poetin"]
    assert [len(c.get_segments()) for c in ax.collections if c.get_gid() == "hits"] == [2, 0]
    with pytest.raises(ValueError, match="'corpus_position'"):
        plot_dispersion(occurrences_frame().drop(columns="corpus_position"))
    with pytest.raises(ValueError, match="boundaries must be one of"):
        plot_dispersion(occurrences_frame(), boundaries="month")


# ---------------------------------------------------------------- saving, determinism


def test_save_figure_formats_and_parents(tmp_path):
    ax = plot_top_terms(freqs_frame())
    written = save_figure(ax, tmp_path / "a" / "b" / "top")
    assert [p.name for p in written] == ["top.png", "top.svg"]
    assert all(p.stat().st_size > 0 for p in written)
    assert sorted(p.name for p in (tmp_path / "a" / "b").iterdir()) == ["top.png", "top.svg"]
    assert save_figure(ax.figure, tmp_path / "one.pdf") == [tmp_path / "one.pdf"]
    with pytest.raises(ValueError, match="format must be one of"):
        save_figure(ax, tmp_path / "x", formats=("docx",))
    with pytest.raises(TypeError):
        save_figure("not a figure", tmp_path / "x")


def _all_charts() -> list:
    return [
        plot_corpus_timeline(summary_frame(30), secondary="words"),
        plot_top_terms(freqs_frame()),
        plot_trend(trend_frame(), events=[("2023-06-24", "muiterij")]),
        plot_wordcloud(freqs_frame(), width=300, height=150),
        plot_comparison_cloud(keyness_frame(), width=300, height=150),
        plot_keyness(keyness_frame()),
        plot_collocates(collocates_frame()),
        plot_network(network_graph()),
        plot_cooccurrence_heatmap(heatmap_frame(4)),
        plot_dispersion(occurrences_frame()),
    ]


def test_same_data_gives_identical_files(tmp_path):
    first = _all_charts()
    second = _all_charts()
    for i, (a, b) in enumerate(zip(first, second, strict=True)):
        paths_a = save_figure(a, tmp_path / "one" / f"chart{i}")
        paths_b = save_figure(b, tmp_path / "two" / f"chart{i}")
        for pa, pb in zip(paths_a, paths_b, strict=True):
            assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_every_chart_is_labelled():
    for ax in _all_charts():
        assert ax.get_title(), ax
        if ax.axison and not ax.images:  # the heat map is labelled by its colour bar
            assert ax.get_xlabel() or ax.get_ylabel()


def test_trend_of_a_single_period_shows_its_interval_and_names_it() -> None:
    frame = pd.DataFrame({
        "period": ["2019-01", "2019-01"], "start": pd.to_datetime(["2019-01-01", "2019-01-01"]),
        "term": ["wagner", "kremlin"], "count": [4, 3], "doc_count": [1, 1],
        "total_tokens": [172, 172], "total_documents": [1, 1],
        "rate": [232.6, 174.4], "ci_low": [63.4, 36.0], "ci_high": [595.5, 509.7]})
    ax = plot_trend(frame)
    assert [label.get_text() for label in ax.get_xticklabels()] == ["2019-01"]
    bars = [c for c in ax.containers if getattr(c, "has_yerr", False)]
    assert len(bars) == 2  # one error bar per term, as the band of a single point
    plt.close(ax.figure)
