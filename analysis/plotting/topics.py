"""Topic model charts: top terms per topic, topic shares over time, documents per topic, coherence by k."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.checks import check_count
from analysis.plotting._style import PALETTE, new_axes, require_frame, styled, thousands, tidy, time_axis, top_rows

__all__ = [
    "plot_coherence",
    "plot_documents_per_topic",
    "plot_topic_shares",
    "plot_topic_terms",
]


def _topic_order(frame: pd.DataFrame) -> list[str]:
    """Topic labels in topic order (by ``topic`` when present, else first appearance)."""
    if "topic" in frame.columns:
        frame = frame.sort_values("topic", kind="mergesort")
    return list(dict.fromkeys(str(label) for label in frame["label"]))


@styled
def plot_topic_terms(
    terms: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top: int = 8,
    columns: int = 4,
    title: str | None = None,
) -> Axes:
    """Small multiples: one panel of horizontal bars per topic, its top terms by weight.

    Parameters
    ----------
    terms : pandas.DataFrame
        A ``TopicModel.terms()`` frame: ``topic``, ``label``, ``term``,
        ``weight`` (``seed`` optional: seed words are drawn in a second colour).
    ax : matplotlib.axes.Axes, optional
        The area to draw the panels in (its own frame is hidden); a new
        figure is made when None.
    top : int
        Terms per topic, the heaviest first (ties by term).
    columns : int
        Panels per row.
    title : str, optional
        Title over the panels; default ``"Top <top> terms per topic"``.

    Returns
    -------
    matplotlib.axes.Axes
        The outer Axes; ``ax.child_axes`` holds one panel per topic, in topic
        order, titled with its label, y tick labels its terms from the top.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from analysis.plotting import plot_topic_terms
    >>> terms = pd.DataFrame({"topic": [0, 0, 1, 1], "label": ["oorlog", "oorlog", "recht", "recht"],
    ...                       "term": ["wagner", "leger", "hof", "wet"], "weight": [0.3, 0.2, 0.4, 0.1]})
    >>> ax = plot_topic_terms(terms)
    >>> [(p.get_title(), [t.get_text() for t in p.get_yticklabels()]) for p in ax.child_axes]
    [('oorlog', ['wagner', 'leger']), ('recht', ['hof', 'wet'])]
    >>> plt.close(ax.figure)
    """
    top = check_count("top", top)
    columns = check_count("columns", columns)
    require_frame(terms, "terms", ["label", "term", "weight"])
    labels = _topic_order(terms)
    columns = min(columns, len(labels))
    rows = math.ceil(len(labels) / columns)
    ax = new_axes(ax, (2.6 * columns + 0.6, (0.22 * top + 0.9) * rows + 0.4))
    ax.set_axis_off()
    ax.set_title(title if title is not None else f"Top {top} terms per topic")
    width, height = 1 / columns, 1 / rows
    for i, label in enumerate(labels):
        row, col = divmod(i, columns)
        panel = ax.inset_axes([col * width + 0.42 * width, 1 - (row + 1) * height + 0.08 * height,
                               0.54 * width, 0.8 * height])
        _draw_topic_panel(panel, terms[terms["label"].astype(str) == label], label, top)
    return ax


def _draw_topic_panel(panel: Axes, rows: pd.DataFrame, label: str, top: int) -> None:
    shown = top_rows(rows, "weight", "term", top)
    seeds = shown["seed"].astype(bool).to_numpy() if "seed" in shown.columns else np.zeros(len(shown), bool)
    y = np.arange(len(shown))
    panel.barh(y, shown["weight"].to_numpy(dtype=float), height=0.7, linewidth=0,
               color=[PALETTE[1] if s else PALETTE[0] for s in seeds])
    panel.set_yticks(y, [str(t) for t in shown["term"]], fontsize=8)
    panel.invert_yaxis()
    panel.tick_params(axis="y", length=0)
    panel.tick_params(axis="x", labelsize=7)
    panel.xaxis.set_major_locator(MaxNLocator(3))
    panel.set_title(label, fontsize=9)
    tidy(panel, grid="x")


@styled
def plot_topic_shares(
    over_time: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top: int | None = None,
    stacked: bool = False,
    bands: bool = True,
    title: str | None = None,
) -> Axes:
    """Topic shares per period: one line per topic with its bootstrap band, or stacked areas.

    Parameters
    ----------
    over_time : pandas.DataFrame
        A ``TopicModel.over_time()`` frame: ``start``, ``label``, ``share``
        (and ``ci_low``, ``ci_high`` for bands).
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when None.
    top : int, optional
        Draw the ``top`` topics with the largest mean share (ties by label);
        default all.
    stacked : bool
        Stacked areas (shares of the periods' documents add up to 1) instead
        of lines; stacked areas have no bands.
    bands : bool
        Shade each line's interval; periods without documents have none.
    title : str, optional
        Chart title; default ``"Topics over time"``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; lines (or areas) are labelled with the topic labels.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from analysis.plotting import plot_topic_shares
    >>> table = pd.DataFrame({"start": pd.to_datetime(["2019-01-01"] * 2 + ["2019-02-01"] * 2),
    ...     "topic": [0, 1] * 2, "label": ["oorlog", "recht"] * 2, "share": [0.7, 0.3, 0.4, 0.6],
    ...     "ci_low": [0.6, 0.2, 0.3, 0.5], "ci_high": [0.8, 0.4, 0.5, 0.7]})
    >>> ax = plot_topic_shares(table, top=1)
    >>> [line.get_label() for line in ax.get_lines()]
    ['oorlog']
    >>> plt.close(ax.figure)
    """
    require_frame(over_time, "over_time", ["start", "label", "share"] + (["ci_low", "ci_high"] if bands else []))
    frame = over_time.assign(label=over_time["label"].astype(str), start=pd.to_datetime(over_time["start"]))
    labels = _topic_order(frame)
    if top is not None:
        means = frame.groupby("label")["share"].mean()
        ranked = sorted(labels, key=lambda label: (-means[label], label))[: check_count("top", top)]
        labels = [label for label in labels if label in ranked]
    starts = pd.DatetimeIndex(sorted(frame["start"].unique()))
    wide = frame.pivot_table(index="start", columns="label", values="share", aggfunc="first").reindex(starts)
    ax = new_axes(ax, (9, 4.2))
    x = starts.to_numpy()
    if stacked:
        ax.stackplot(x, *[wide[label].fillna(0.0).to_numpy() for label in labels], labels=labels,
                     colors=[PALETTE[i % len(PALETTE)] for i in range(len(labels))], alpha=0.85)
        ax.set_ylim(0, 1)
    else:
        for i, label in enumerate(labels):
            rows = frame[frame["label"] == label].drop_duplicates("start").set_index("start").reindex(starts)
            _draw_share_line(ax, x, rows, label, PALETTE[i % len(PALETTE)], bands)
        ax.set_ylim(bottom=0)
    time_axis(ax, x, frame)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:.0%}"))
    ax.set_ylabel("share of the period's documents")
    tidy(ax, grid="y")
    level = over_time.attrs.get("confidence")
    note = f"shaded: {level:.0%} bootstrap interval" if bands and not stacked and level else None
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0, title=note, title_fontsize=8.5)
    ax.set_title(title if title is not None else "Topics over time")
    return ax


def _draw_share_line(ax: Axes, x: np.ndarray, rows: pd.DataFrame, label: str, colour: str, bands: bool) -> None:
    share = rows["share"].astype(float).fillna(0.0).to_numpy()
    ax.plot(x, share, color=colour, linewidth=1.8, label=label, marker="o" if len(x) <= 24 else None,
            markersize=3.5)
    if bands:
        ax.fill_between(x, rows["ci_low"].astype(float).to_numpy(), rows["ci_high"].astype(float).to_numpy(),
                        color=colour, alpha=0.18, linewidth=0)


@styled
def plot_documents_per_topic(
    documents: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top: int | None = None,
    title: str | None = None,
) -> Axes:
    """Horizontal bars: how many documents each topic dominates, most on top.

    Parameters
    ----------
    documents : pandas.DataFrame
        A ``TopicModel.documents()`` frame; its ``dominant`` column is
        counted (documents without tokens, ``None``, are left out). Topics
        that dominate no document are drawn with 0 when their share columns
        follow ``dominant``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when None.
    top : int, optional
        Only the ``top`` topics with most documents (ties by label).
    title : str, optional
        Chart title; default ``"Documents per topic"``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; y tick labels are the topics from top to bottom.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from analysis.plotting import plot_documents_per_topic
    >>> docs = pd.DataFrame({"id": ["a", "b", "c"], "n_tokens": [5, 5, 5],
    ...     "dominant": ["recht", "oorlog", "recht"], "oorlog": [0.1, 0.9, 0.2], "recht": [0.9, 0.1, 0.8]})
    >>> ax = plot_documents_per_topic(docs)
    >>> [t.get_text() for t in ax.get_yticklabels()], [float(p.get_width()) for p in ax.patches]
    (['recht', 'oorlog'], [2.0, 1.0])
    >>> plt.close(ax.figure)
    """
    require_frame(documents, "documents", ["dominant"])
    after = list(documents.columns[list(documents.columns).index("dominant") + 1 :])
    counts = documents["dominant"].dropna().astype(str).value_counts()
    counts = counts.reindex(list(dict.fromkeys([*map(str, after), *counts.index])), fill_value=0)
    table = pd.DataFrame({"label": counts.index, "count": counts.to_numpy()})
    shown = top_rows(table, "count", "label", check_count("top", top) if top is not None else len(table))
    ax = new_axes(ax, (6.5, max(2.5, 0.3 * len(shown) + 1.2)))
    y = np.arange(len(shown))
    ax.barh(y, shown["count"].to_numpy(dtype=float), height=0.7, color=PALETTE[0], linewidth=0)
    ax.set_yticks(y, shown["label"].tolist())
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(FuncFormatter(thousands))
    ax.set_xlabel("documents (largest topic share)")
    ax.set_title(title if title is not None else "Documents per topic")
    tidy(ax, grid="x")
    return ax


@styled
def plot_coherence(
    coherence: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Topic coherence against the number of topics: the mean, and the range over topics.

    Parameters
    ----------
    coherence : pandas.DataFrame
        A ``coherence_by_k()`` frame: ``k``, ``coherence``, and
        ``coherence_min``, ``coherence_max`` for the shaded range.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when None.
    title : str, optional
        Chart title; default ``"Coherence by number of topics"``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; one line labelled ``"mean"`` through the ks.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from analysis.plotting import plot_coherence
    >>> table = pd.DataFrame({"k": [5, 10], "coherence": [0.1, 0.2], "coherence_min": [0.0, 0.1],
    ...                       "coherence_max": [0.3, 0.4]})
    >>> ax = plot_coherence(table)
    >>> ax.get_lines()[0].get_xydata().tolist()
    [[5.0, 0.1], [10.0, 0.2]]
    >>> plt.close(ax.figure)
    """
    require_frame(coherence, "coherence", ["k", "coherence"])
    frame = coherence.sort_values("k", kind="mergesort")
    ax = new_axes(ax, (6, 3.8))
    k = frame["k"].to_numpy(dtype=float)
    ax.plot(k, frame["coherence"].to_numpy(dtype=float), color=PALETTE[0], marker="o", linewidth=1.8, label="mean")
    if {"coherence_min", "coherence_max"} <= set(frame.columns):
        ax.fill_between(k, frame["coherence_min"].to_numpy(dtype=float), frame["coherence_max"].to_numpy(dtype=float),
                        color=PALETTE[0], alpha=0.18, linewidth=0, label="range over topics")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("number of topics (k)")
    ax.set_ylabel("NPMI coherence")
    ax.legend(loc="best")
    tidy(ax, grid="y")
    ax.set_title(title if title is not None else "Coherence by number of topics")
    return ax
