"""Topic model charts under Agg: what was drawn (panels, bars, lines, bands)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

from analysis.corpus import Document, parse_date  # noqa: E402
from analysis.plotting import (  # noqa: E402
    plot_coherence,
    plot_documents_per_topic,
    plot_topic_shares,
    plot_topic_terms,
)
from analysis.tokenized import tokenize  # noqa: E402
from analysis.topic_model import topics  # noqa: E402


@pytest.fixture(scope="module")
def model():
    texts = ["kat hond muis kat", "wet hof rechter wet", "bal doel spits bal"]
    docs = [Document(f"d{i}", parse_date(f"2019-{i % 4 + 1:02d}-15" if i % 4 != 2 else "2019-05-01"),
                     texts[i % 3]) for i in range(24)]
    return topics(tokenize(docs, stopwords=None), 3,
                  iterations=60)


def _bars(ax):
    return [float(p.get_width()) for p in ax.patches]


def test_topic_terms_draws_one_panel_per_topic_with_its_heaviest_terms(model):
    terms = model.terms(top=5)
    ax = plot_topic_terms(terms, top=3, columns=2)
    panels = ax.child_axes
    assert [p.get_title() for p in panels] == list(model.labels)
    for t, panel in enumerate(panels):
        expected = terms[terms["topic"] == t].head(3)
        assert [x.get_text() for x in panel.get_yticklabels()] == expected["term"].tolist()
        assert _bars(panel) == pytest.approx(expected["weight"].tolist())
    assert ax.get_title() == "Top 3 terms per topic" and not ax.axison
    plt.close(ax.figure)


def test_topic_terms_colours_seed_words_and_draws_into_the_given_axes():
    terms = pd.DataFrame({"topic": [0, 0, 1], "label": ["oorlog", "oorlog", "recht"],
                          "term": ["wagner", "leger", "hof"], "weight": [0.2, 0.3, 0.4], "seed": [True, False, False]})
    fig, (left, right) = plt.subplots(1, 2)
    ax = plot_topic_terms(terms, ax=right)
    assert ax is right and ax.figure is fig and len(fig.axes) == 2 and len(right.child_axes) == 2
    oorlog = ax.child_axes[0]
    assert [x.get_text() for x in oorlog.get_yticklabels()] == ["leger", "wagner"]  # by weight
    colours = [p.get_facecolor() for p in oorlog.patches]
    assert colours[0] != colours[1]  # the seed word stands out
    with pytest.raises(ValueError, match="no column 'weight'"):
        plot_topic_terms(terms.drop(columns="weight"))
    plt.close(fig)


def test_topic_shares_lines_follow_the_table_with_bands(model):
    table = model.over_time(by="month", n_boot=200)
    ax = plot_topic_shares(table)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == list(model.labels)
    for line, label in zip(lines, model.labels, strict=True):
        assert line.get_ydata().tolist() == pytest.approx(table.loc[table["label"] == label, "share"].tolist())
    assert len([c for c in ax.collections if isinstance(c, PolyCollection)]) == 3  # one band per topic
    assert ax.get_legend().get_title().get_text() == "shaded: 95% bootstrap interval"
    plt.close(ax.figure)


def test_topic_shares_top_and_stacked(model):
    table = model.over_time(by="month", n_boot=50)
    means = table.groupby("label")["share"].mean().sort_values(ascending=False)
    ax = plot_topic_shares(table, top=1, bands=False)
    assert [line.get_label() for line in ax.get_lines()] == [means.index[0]]
    plt.close(ax.figure)
    ax = plot_topic_shares(table, stacked=True)
    areas = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert [a.get_label() for a in areas] == list(model.labels) and not ax.get_lines()
    assert ax.get_ylim() == (0, 1)
    plt.close(ax.figure)


def test_documents_per_topic_counts_dominant_topics(model):
    documents = model.documents()
    ax = plot_documents_per_topic(documents)
    expected = documents["dominant"].value_counts()
    labels = [x.get_text() for x in ax.get_yticklabels()]
    assert sorted(labels) == sorted(model.labels)
    assert _bars(ax) == [float(expected.get(label, 0)) for label in labels]
    assert _bars(ax) == sorted(_bars(ax), reverse=True)
    plt.close(ax.figure)


def test_documents_per_topic_keeps_empty_topics_and_skips_documents_without_tokens():
    docs = pd.DataFrame({"id": ["a", "b", "c"], "n_tokens": [3, 0, 2], "dominant": ["x", None, "x"],
                         "x": [0.9, 0.5, 0.8], "y": [0.1, 0.5, 0.2]})
    ax = plot_documents_per_topic(docs)
    assert [x.get_text() for x in ax.get_yticklabels()] == ["x", "y"] and _bars(ax) == [2.0, 0.0]
    plt.close(ax.figure)


def test_coherence_line_and_range():
    table = pd.DataFrame({"k": [10, 5], "coherence": [0.2, 0.1], "coherence_min": [0.1, -0.1],
                          "coherence_max": [0.3, 0.2]})
    ax = plot_coherence(table)
    assert ax.get_lines()[0].get_xydata().tolist() == [[5.0, 0.1], [10.0, 0.2]]
    band = [c for c in ax.collections if isinstance(c, PolyCollection)][0]
    assert np.isclose(band.get_paths()[0].vertices[:, 1].min(), -0.1)
    plt.close(ax.figure)
