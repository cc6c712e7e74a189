"""Charts over the tables the library returns, in one print-ready house style.

Every chart is ``plot_x(data, *, ax=None, ...) -> Axes``: it makes a figure
only when ``ax`` is None, draws into the Axes, labels axes, title and units,
and returns the Axes. Nothing here calls ``plt.show()`` or ``plt.gca()`` or
changes global matplotlib state: the house style (no top/right spines, a
light grid on the value axis only, the Okabe-Ito colour-blind-safe palette,
readable font sizes) is applied through ``plt.rc_context`` while drawing.

This module imports nothing from ``analysis``; it reads DataFrames by their
documented columns, so it works on any frame with those columns.

Input checks happen before anything is drawn. A missing column raises
``ValueError`` naming the column and listing the columns present. Empty
input raises ``ValueError`` too (an empty chart in a paper is a bug, not a
result): the chart functions never draw a "no data" placeholder.

Figures are deterministic: layouts are seeded, word clouds use a fixed
``random_state``, and `save_figure` strips timestamps and software versions
from PNG, SVG and PDF metadata, so the same data gives byte-identical files.
"""

from __future__ import annotations

import functools
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib import font_manager, patheffects
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize, TwoSlopeNorm, to_rgb
from matplotlib.figure import Figure, SubFigure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator
from wordcloud import WordCloud

from analysis.checks import check_choice, check_count
from analysis.provenance import package_version

__all__ = [
    "PALETTE",
    "default_font_path",
    "figure_png",
    "plot_coherence",
    "plot_collocates",
    "plot_comparison_cloud",
    "plot_cooccurrence_heatmap",
    "plot_corpus_timeline",
    "plot_dispersion",
    "plot_documents_per_topic",
    "plot_keyness",
    "plot_network",
    "plot_top_terms",
    "plot_topic_shares",
    "plot_topic_terms",
    "plot_trend",
    "plot_wordcloud",
    "save_figure",
    "save_to_folder",
]

#: Okabe & Ito (2008) colour-blind-safe palette, in the order charts use it.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
_TEXT = "#222222"
_MUTED = "#666666"
_GRID = "#DDDDDD"

_STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.labelcolor": _TEXT,
    "axes.edgecolor": _MUTED,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "xtick.color": _MUTED,
    "ytick.color": _MUTED,
    "xtick.labelcolor": _TEXT,
    "ytick.labelcolor": _TEXT,
    "grid.color": _GRID,
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "svg.hashsalt": "analysis.plotting",
    "svg.fonttype": "path",
}

# Savefig metadata that would otherwise carry a timestamp or matplotlib's version.
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "svgz": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}

_MEASURE_LABELS: dict[str, str] = {
    "o11": "co-occurrence frequency",
    "pmi": "PMI (pointwise mutual information, bits)",
    "npmi": "normalised PMI",
    "mi3": "MI³",
    "g2": "log-likelihood G²",
    "t_score": "t-score",
    "z_score": "z-score",
    "chi2": "χ²",
    "dice": "Dice coefficient",
    "log_dice": "logDice",
    "jaccard": "Jaccard coefficient",
    "delta_p_node": "ΔP (delta_p_node)",
    "delta_p_collocate": "ΔP (delta_p_collocate)",
    "log_ratio": "Log Ratio",
}

_EFFECT_LABELS: dict[str, str] = {
    "log_ratio": "Log Ratio (binary log of the ratio of relative frequencies)",
    "g2": "signed log-likelihood G² (negative = under-use in target)",
    "pct_diff": "%DIFF (percentage difference of relative frequencies)",
}

_PERIOD_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\d{4}", "year"),
    (r"\d{4}-Q[1-4]", "quarter"),
    (r"\d{4}-\d{2}", "month"),
    (r"\d{4}-W\d{2}", "week"),
    (r"\d{4}-\d{2}-\d{2}", "day"),
)


# --------------------------------------------------------------------------
# helpers


def _styled(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run a plot function inside the house style's ``rc_context``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with plt.rc_context(_STYLE):
            result = func(*args, **kwargs)
            # The first figure of a session loads the backend, and Jupyter's
            # inline backend switches interactive mode on then; rc_context would
            # switch it off again on exit and later figures would not show.
            interactive = matplotlib.is_interactive()
        matplotlib.interactive(interactive)
        _record_provenance(result, func.__name__, args[0] if args else None, kwargs)
        return result

    return wrapper


def _root_figure(fig_or_ax: Any) -> Figure:
    fig = fig_or_ax.figure if isinstance(fig_or_ax, Axes) else fig_or_ax
    while isinstance(fig, SubFigure):
        fig = fig.figure
    return fig


def _record_provenance(ax: Any, plot: str, data: Any, options: dict[str, Any]) -> None:
    """Note on the figure what was drawn: the plot, its options and the
    ``provenance`` of the table (or graph) it was drawn from; `save_figure`
    writes these notes into the file's metadata."""
    if not isinstance(ax, Axes):
        return
    fig = _root_figure(ax)
    source = data.attrs if isinstance(data, pd.DataFrame) else getattr(data, "graph", {})
    note = {"plot": plot, "options": {k: v for k, v in options.items() if k != "ax"}}
    if isinstance(source, dict) and source.get("provenance"):
        note["table"] = source["provenance"]
    fig.analysis_provenance = [*getattr(fig, "analysis_provenance", []), note]


def _new_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """The given Axes, or the Axes of a new constrained-layout figure."""
    if ax is not None:
        if not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
        return ax
    fig = plt.figure(figsize=figsize, layout="constrained")
    return fig.add_subplot()


def _tidy(ax: Axes, *, grid: str | None) -> None:
    """House look on an Axes: no top/right spines, grid on the value axis only."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(False)
    if grid is not None:
        ax.grid(True, axis=grid, color=_GRID, linewidth=0.6)
        ax.set_axisbelow(True)


def _require_frame(data: Any, name: str, columns: Iterable[str]) -> pd.DataFrame:
    """Check that `data` is a non-empty DataFrame holding `columns`."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(data).__name__}")
    present = [str(c) for c in data.columns]
    for column in columns:
        if column not in data.columns:
            raise ValueError(f"{name} has no column {column!r}; columns present: {present!r}")
    if data.empty:
        raise ValueError(_empty_message(data, name))
    return data


def _empty_message(data: pd.DataFrame, name: str) -> str:
    """Say what was empty: the table's own ``attrs["message"]`` when it has one."""
    why = data.attrs.get("message")
    return f"{name} is empty{f' ({why})' if why else ''}: there is nothing to plot"


def _thousands(value: float, _pos: int | None = None) -> str:
    """Tick label with a thousands separator and no needless decimals."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _period_unit(labels: Sequence[str]) -> str:
    """'month', 'year', ... when every label has that shape, else 'period'."""
    for pattern, unit in _PERIOD_PATTERNS:
        if all(re.fullmatch(pattern, str(label)) for label in labels):
            return unit
    return "period"


def _tick_indices(labels: Sequence[str], max_ticks: int = 12) -> list[int]:
    """Positions of at most `max_ticks` evenly spaced, calendar-aligned labels."""
    n = len(labels)
    steps = (1, 2, 3, 4, 6, 12, 24, 36, 48, 60, 120, 240, 480)
    step = next((s for s in steps if math.ceil(n / s) <= max_ticks), math.ceil(n / max_ticks))
    start = 0
    if step >= 4 and _period_unit(labels) in ("month", "quarter", "week"):
        # Start at the first period of a year so the labels line up with years.
        firsts = [i for i, label in enumerate(labels) if re.search(r"-(01|Q1|W01)$", str(label))]
        if firsts and firsts[0] < step:
            start = firsts[0]
    return list(range(start, n, step))


def default_font_path() -> str:
    """Path of matplotlib's bundled DejaVu Sans, which has é, ë, ï and ĳ.

    Returns
    -------
    str
        The path of ``DejaVuSans.ttf`` shipped with matplotlib.

    Examples
    --------
    >>> from analysis.plotting import default_font_path
    >>> default_font_path().endswith("DejaVuSans.ttf")
    True
    """
    return font_manager.findfont(FontProperties(family="DejaVu Sans"), fallback_to_default=False)


def _ranked(frame: pd.DataFrame, column: str, key: str, n: int, *, ascending: bool = False):
    """Top `n` rows by `column` (ties broken by `key`), in a stable order."""
    return frame.sort_values([column, key], ascending=[ascending, True], kind="mergesort").head(n)


# --------------------------------------------------------------------------
# corpus and frequencies


@_styled
def plot_corpus_timeline(
    summary: pd.DataFrame,
    *,
    ax: Axes | None = None,
    value: str = "documents",
    secondary: str | None = None,
    max_ticks: int = 12,
    title: str | None = None,
) -> Axes:
    """Bars of documents (or words, characters) per period, optionally a second line.

    Parameters
    ----------
    summary : pandas.DataFrame
        A ``Corpus.summary(by=...)`` frame: first the grouping column (named
        after ``by``, labels such as ``"2019-01"``), ``start``, ``documents``, ``words`` and
        ``characters``, one row per period in time order, empty periods as
        zero rows.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when None.
    value : {"documents", "words", "characters"}
        The column drawn as bars (one bar per period, zeros included).
    secondary : {"documents", "words", "characters"}, optional
        A column drawn as a line on a second y axis (right), e.g. ``"words"``.
    max_ticks : int
        At most this many period labels on the x axis; with many periods
        (e.g. 384 months) the labels are thinned to evenly spaced ones that
        start at a year's first period.
    title : str, optional
        Chart title; default ``"Corpus size per <month/year/...>"``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes with the bars (``ax.patches``, one per period). The
        secondary axis, when drawn, is a twin of it.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from analysis.plotting import plot_corpus_timeline
    >>> summary = pd.DataFrame({
    ...     "period": ["2019-01", "2019-02", "2019-03"],
    ...     "start": pd.to_datetime(["2019-01-01", "2019-02-01", "2019-03-01"]),
    ...     "documents": [12, 0, 7], "words": [4100, 0, 2300],
    ...     "characters": [25000, 0, 14000]})
    >>> ax = plot_corpus_timeline(summary, secondary="words")
    >>> len(ax.patches), ax.get_ylabel()
    (3, 'documents per month')
    >>> plt.close(ax.figure)
    """
    columns = ("documents", "words", "characters")
    check_choice("value", value, columns)
    if secondary is not None:
        check_choice("secondary", secondary, columns)
    max_ticks = check_count("max_ticks", max_ticks)
    by = summary.columns[0] if isinstance(summary, pd.DataFrame) and len(summary.columns) else "period"
    _require_frame(summary, "summary", [by, value] + ([secondary] if secondary else []))

    labels = [str(p) for p in summary[by]]
    unit = _period_unit(labels)
    x = np.arange(len(labels))
    heights = summary[value].fillna(0).to_numpy(dtype=float)

    ax = _new_axes(ax, (10, 4))
    ax.bar(
        x, heights, width=0.8 if len(x) <= 60 else 1.0, color=PALETTE[0], linewidth=0, label=value
    )
    ticks = _tick_indices(labels, max_ticks)
    tick_labels = [labels[i] for i in ticks]
    if len(ticks) > 1 and all(re.search(r"-(01|Q1)$", t) for t in tick_labels):
        tick_labels = [t[:4] for t in tick_labels]  # every tick is a year's start
    ax.set_xticks(ticks, tick_labels)
    ax.set_xlim(-0.6, len(x) - 0.4)
    ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.set_xlabel(unit)
    ax.set_ylabel(f"{value} per {unit}")
    _tidy(ax, grid="y")

    if secondary is not None:
        line_values = summary[secondary].fillna(0).to_numpy(dtype=float)
        ax2 = ax.twinx()
        ax2.plot(x, line_values, color=PALETTE[1], linewidth=1.6, label=secondary)
        ax2.set_ylabel(f"{secondary} per {unit}", color=PALETTE[1])
        ax2.tick_params(axis="y", colors=PALETTE[1], labelcolor=PALETTE[1])
        ax2.spines[["top", "left", "bottom"]].set_visible(False)
        ax2.spines["right"].set_visible(True)
        ax2.spines["right"].set_color(PALETTE[1])
        ax2.yaxis.set_major_formatter(FuncFormatter(_thousands))
        ax2.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        ax2.set_ylim(bottom=0)
        ax.tick_params(axis="y", labelcolor=PALETTE[0])
        ax.yaxis.label.set_color(PALETTE[0])
        handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
        # Above the plot, right-aligned on the title's line, clear of the bars.
        ax.legend(
            handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, borderaxespad=0.2
        )
    ax.set_title(title if title is not None else f"Corpus size per {unit}")
    return ax


@_styled
def plot_top_terms(
    freqs: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top: int = 20,
    value: str = "per_10k",
    title: str | None = None,
) -> Axes:
    """Horizontal bars of the `top` most frequent terms, largest on top.

    Parameters
    ----------
    freqs : pandas.DataFrame
        A ``frequencies()`` frame with columns ``term, count, per_10k,
        doc_count, doc_share, rank``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when None.
    top : int
        Number of terms: the `top` first by `value`, ties broken by term.
    value : {"per_10k", "count", "doc_count", "doc_share"}
        The bar length: relative frequency per 10,000 tokens, raw count,
        number of documents, or share of documents (0..1, shown in %).
    title : str, optional
        Chart title; default ``"Top <n> terms"``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the y tick labels are the terms from top to bottom.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from analysis.plotting import plot_top_terms
    >>> freqs = pd.DataFrame({"term": ["rusland", "wagner", "poetin"],
    ...     "count": [30, 20, 10], "per_10k": [30.0, 20.0, 10.0],
    ...     "doc_count": [9, 5, 4], "doc_share": [0.9, 0.5, 0.4], "rank": [1, 2, 3]})
    >>> ax = plot_top_terms(freqs, top=2)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['rusland', 'wagner']
    >>> plt.close(ax.figure)
    """
    top = check_count("top", top)
    labels = {
        "per_10k": "frequency per 10,000 tokens",
        "count": "count (occurrences)",
        "doc_count": "documents containing the term",
        "doc_share": "share of documents (%)",
    }
    check_choice("value", value, labels)
    _require_frame(freqs, "freqs", ["term", value])

    shown = _ranked(freqs, value, "term", top)
    values = shown[value].to_numpy(dtype=float)
    if value == "doc_share":
        values = values * 100
    terms = [str(t) for t in shown["term"]]

    ax = _new_axes(ax, (6.5, max(2.5, 0.28 * len(terms) + 1.2)))
    y = np.arange(len(terms))
    ax.barh(y, values, height=0.7, color=PALETTE[0], linewidth=0)
    ax.set_yticks(y, terms)
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(FuncFormatter(_thousands))
    ax.set_xlabel(labels[value])
    ax.set_title(title if title is not None else f"Top {len(terms)} terms")
    _tidy(ax, grid="x")
    return ax


# --------------------------------------------------------------------------
# trends over time


def _events_list(events: Any) -> list[tuple[pd.Timestamp, str]]:
    """Normalise events given as (date, label) pairs or a date/label frame."""
    if events is None:
        return []
    if isinstance(events, pd.DataFrame):
        _require_frame(events, "events", ["date", "label"])
        pairs = list(zip(events["date"], events["label"], strict=True))
    else:
        pairs = list(events)
    out = []
    for item in pairs:
        try:
            date, label = item
        except (TypeError, ValueError):
            raise ValueError(f"each event must be a (date, label) pair, got {item!r}") from None
        try:
            stamp = pd.Timestamp(date)
        except (TypeError, ValueError):
            raise ValueError(f"event date {date!r} is not a date") from None
        if pd.isna(stamp):
            raise ValueError(f"event date {date!r} is not a date")
        out.append((stamp, str(label)))
    return out


def _band_note(trend: pd.DataFrame) -> str:
    level = trend.attrs.get("confidence")
    if isinstance(level, int | float) and 0 < level < 1:
        return f"shaded: {level:.0%} CI"
    return "shaded: confidence interval"


@_styled
def plot_trend(
    trend: pd.DataFrame,
    *,
    ax: Axes | None = None,
    terms: Sequence[str] | None = None,
    events: Sequence[tuple[Any, str]] | pd.DataFrame | None = None,
    bands: bool = True,
    title: str | None = None,
) -> Axes:
    """One line per term over time, with shaded confidence bands and events.

    Parameters
    ----------
    trend : pandas.DataFrame
        A ``trend()`` frame with columns ``start, term, rate, ci_low,
        ci_high``, the period label named after ``trend.attrs["by"]``
        (``month``, ...; or a ``period`` column) and counts.
        ``trend.attrs["unit"]`` (e.g. ``"per 10,000 tokens"``) goes into
        the y label.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when None.
    terms : sequence of str, optional
        Terms to draw, in legend order; default all terms in order of first
        appearance in `trend`. A term not in `trend` raises ``ValueError``.
    events : list of (date, label) or DataFrame with columns date, label, optional
        Each event is drawn as a vertical dashed line with its label.
    bands : bool
        Shade ``ci_low..ci_high`` around each line. Periods with ci NaN
        (no tokens in the period) get no band. The legend title gives the
        level when ``trend.attrs["confidence"]`` holds it (e.g. 0.95).
    title : str, optional
        Chart title; default ``"Frequency over time"``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; one ``Line2D`` per term (its label is the term). A period
        missing for a term, or with rate NaN, is drawn at 0, never as a gap.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from analysis.plotting import plot_trend
    >>> trend = pd.DataFrame({"period": ["2023-05", "2023-06", "2023-07"] * 2,
    ...     "start": pd.to_datetime(["2023-05-01", "2023-06-01", "2023-07-01"] * 2),
    ...     "term": ["wagner"] * 3 + ["poetin"] * 3,
    ...     "rate": [1.0, 6.0, 0.0, 2.0, 3.0, 0.0],
    ...     "ci_low": [0.5, 5.0, float("nan"), 1.5, 2.0, float("nan")],
    ...     "ci_high": [1.5, 7.0, float("nan"), 2.5, 4.0, float("nan")]})
    >>> trend.attrs["unit"] = "per 10,000 tokens"
    >>> ax = plot_trend(trend, events=[("2023-06-24", "muiterij")])
    >>> [line.get_label() for line in ax.get_lines() if line.get_gid() == "term"]
    ['wagner', 'poetin']
    >>> ax.get_ylabel()
    'rate (per 10,000 tokens)'
    >>> plt.close(ax.figure)
    """
    _require_frame(
        trend, "trend", ["start", "term", "rate"] + (["ci_low", "ci_high"] if bands else [])
    )
    chosen = _chosen_terms(trend, terms, "trend")
    event_list = _events_list(events)
    frame = trend.assign(term=trend["term"].astype(str), start=pd.to_datetime(trend["start"]))
    starts = pd.DatetimeIndex(sorted(frame["start"].unique()))
    unit = trend.attrs.get("unit")

    ax = _new_axes(ax, (9, 4.2))
    x = starts.to_numpy()
    # The y axis fits the lines and the bands of periods where a term was seen;
    # the upper bound of a zero count in a thin period (3.7 / tokens) can be
    # far higher and would flatten every line, so it is clipped, and said so.
    top = 0.0
    for i, term in enumerate(chosen):
        rows = frame[frame["term"] == term].drop_duplicates("start").set_index("start")
        top = max(top, _draw_trend_line(ax, x, rows.reindex(starts), term,
                                        PALETTE[i % len(PALETTE)], bands))
    clipped = bands and float(np.nanmax(frame["ci_high"].astype(float), initial=0.0)) > top > 0
    if top > 0:
        ax.set_ylim(0, top)
    else:
        ax.set_ylim(bottom=0)
    if clipped:
        ax.annotate("bands of periods without the term are clipped at the top", xy=(0, -0.16),
                    xycoords="axes fraction", fontsize=8, color=_MUTED, gid="note")
    _time_axis(ax, x, frame)
    _draw_events(ax, event_list)
    ax.set_ylabel(f"rate ({unit})" if unit else "rate")
    ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
    _tidy(ax, grid="y")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0,
              title=_band_note(trend) if bands else None, title_fontsize=8.5)
    ax.set_title(title if title is not None else "Frequency over time")
    return ax


def _chosen_terms(data: pd.DataFrame, terms: Sequence[str] | None, name: str, *,
                  present_only: bool = True) -> list[str]:
    """The terms to draw: all, in order of first appearance, or those asked for
    (with `present_only`, each must be in `data`)."""
    present = list(dict.fromkeys(str(t) for t in data["term"]))
    if terms is None:
        return present
    if isinstance(terms, str):
        raise TypeError(f"terms must be a sequence of str, got the str {terms!r}")
    chosen = [str(t) for t in terms]
    missing = [t for t in chosen if t not in present]
    if missing and present_only:
        raise ValueError(f"terms not in {name}: {missing!r}; terms present: {present!r}")
    if not chosen:
        raise ValueError("terms is empty: there is nothing to plot")
    return chosen


def _draw_trend_line(ax: Axes, x: np.ndarray, rows: pd.DataFrame, term: str, colour: str,
                     bands: bool) -> float:
    """One term's line (and band); returns the height the y axis needs for it."""
    rate = rows["rate"].astype(float).fillna(0.0).to_numpy()
    ax.plot(x, rate, color=colour, linewidth=1.8, label=term, gid="term",
            marker="o" if len(x) <= 24 else None, markersize=3.5)
    top = float(np.nanmax(rate, initial=0.0)) * 1.25
    if not bands:
        return top
    low = rows["ci_low"].astype(float).to_numpy()
    high = rows["ci_high"].astype(float).to_numpy()
    if len(x) > 1:
        ax.fill_between(x, low, high, color=colour, alpha=0.18, linewidth=0, gid="band")
    elif np.isfinite(low[0]) and np.isfinite(high[0]):
        # one period: a band has no width, so draw the interval as an error bar
        ax.errorbar(x, rate, yerr=[[rate[0] - low[0]], [high[0] - rate[0]]], color=colour,
                    alpha=0.6, capsize=4, linewidth=1.2, gid="band")
    seen = rate > 0
    if seen.any():
        top = max(top, float(np.nanmax(high[seen], initial=0.0)) * 1.05)
    return top


def _time_axis(ax: Axes, x: np.ndarray, frame: pd.DataFrame) -> None:
    """Concise date ticks; a single period centred and named (by the column named
    after ``attrs["by"]``, or ``period``)."""
    by = frame.attrs.get("by")
    period = by if isinstance(by, str) and by in frame else ("period" if "period" in frame else None)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    if len(x) == 1:  # one period: centre it and name it, rather than spread the axis over years
        centre = pd.Timestamp(x[0])
        ax.set_xlim(centre - pd.Timedelta(days=40), centre + pd.Timedelta(days=40))
        label = str(frame[period].iloc[0]) if period else centre.date().isoformat()
        ax.set_xticks([mdates.date2num(centre.to_pydatetime())], [label])
    ax.set_xlabel(f"{_period_unit(list(frame[period].astype(str)))} (period start)"
                  if period else "date")


def _draw_events(ax: Axes, events: list[tuple[pd.Timestamp, str]]) -> None:
    """A dashed vertical line and a label per event."""
    for stamp, label in events:
        where = mdates.date2num(stamp.to_pydatetime())
        ax.axvline(where, color=_MUTED, linestyle="--", linewidth=1.0, zorder=1, gid="event")
        ax.annotate(label, xy=(where, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -3),
                    textcoords="offset points", rotation=90, ha="left", va="top", fontsize=8.5,
                    color=_MUTED, gid="event")


# --------------------------------------------------------------------------
# word clouds


def _wordcloud(
    frequencies: dict[str, float],
    *,
    random_state: int,
    font_path: str | None,
    mask: np.ndarray | None,
    width: int,
    height: int,
    background_color: str,
    max_words: int,
    colormap: str | None = None,
    color_func: Callable[..., str] | None = None,
) -> WordCloud:
    wc = WordCloud(
        font_path=font_path if font_path is not None else default_font_path(),
        width=width,
        height=height,
        mask=mask,
        max_words=max_words,
        background_color=background_color,
        colormap=colormap,
        color_func=color_func,
        random_state=random_state,
        collocations=False,
        normalize_plurals=False,
        prefer_horizontal=0.9,
        margin=4,
    )
    return wc.generate_from_frequencies(frequencies)


def _show_cloud(ax: Axes, wc: WordCloud, title: str) -> None:
    ax.imshow(wc.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    ax.set_title(title)
    ax.wordcloud = wc  # the layout (wc.layout_) stays inspectable


@_styled
def plot_wordcloud(
    freqs: pd.DataFrame,
    *,
    ax: Axes | None = None,
    column: str = "count",
    top: int = 200,
    random_state: int = 0,
    font_path: str | None = None,
    mask: np.ndarray | None = None,
    colormap: str = "viridis",
    width: int = 1200,
    height: int = 600,
    background_color: str = "white",
    title: str | None = None,
) -> Axes:
    """A word cloud of our own counts, never re-tokenised by ``wordcloud``.

    Word size follows `column` (``WordCloud.generate_from_frequencies``, with
    ``collocations=False`` and ``normalize_plurals=False``), so "rusland" and
    "ruslands" stay two words and no English stopword list is applied.

    Parameters
    ----------
    freqs : pandas.DataFrame
        A ``frequencies()`` frame (columns ``term`` and `column`).
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when None.
    column : str
        Column that sets the word size (``"count"``, ``"per_10k"``, ...).
        Rows with a value <= 0 or NaN are left out.
    top : int
        At most this many words: the top `top` by `column`, ties by term.
    random_state : int
        Seed for placement and colours; the same data gives the same image.
    font_path : str, optional
        A TrueType font; default matplotlib's bundled DejaVu Sans, which has
        é, ë, ï and ĳ (see `default_font_path`).
    mask : numpy.ndarray, optional
        Shape mask as in ``wordcloud`` (white = no words); overrides size.
    colormap : str
        Matplotlib colormap for the words.
    width, height : int
        Canvas size in pixels.
    background_color : str
        Canvas colour.
    title : str, optional
        Chart title; default ``"Top <k> terms by <column>"``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes (axis off) with the image in ``ax.images[0]``. The
        ``WordCloud`` object is attached as ``ax.wordcloud``; its
        ``layout_`` lists ``((word, freq), font_size, position, orientation,
        colour)`` per placed word.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from analysis.plotting import plot_wordcloud
    >>> freqs = pd.DataFrame({"term": ["rusland", "wagner", "prigozjin"],
    ...                       "count": [30, 20, 10]})
    >>> ax = plot_wordcloud(freqs, width=300, height=150)
    >>> ax.wordcloud.layout_[0][0][0]
    'rusland'
    >>> plt.close(ax.figure)
    """
    top = check_count("top", top)
    _require_frame(freqs, "freqs", ["term", column])
    values = pd.to_numeric(freqs[column], errors="coerce")
    usable = freqs.assign(_v=values)[values > 0]
    if usable.empty:
        raise ValueError(f"freqs has no row with {column!r} > 0: there is nothing to plot")
    chosen = _ranked(usable, "_v", "term", top)
    frequencies = {str(t): float(v) for t, v in zip(chosen["term"], chosen["_v"], strict=True)}

    wc = _wordcloud(
        frequencies,
        random_state=random_state,
        font_path=font_path,
        mask=mask,
        width=width,
        height=height,
        background_color=background_color,
        max_words=top,
        colormap=colormap,
    )
    shape = wc.to_array().shape
    ax = _new_axes(ax, (10, 10 * shape[0] / shape[1] + 0.5))
    _show_cloud(
        ax,
        wc,
        title
        if title is not None
        else f"Top {len(frequencies)} terms by {column.replace('_', ' ')}",
    )
    return ax


def _cloud_terms(keyness_frame: pd.DataFrame, top: int, size_by: str,
                 significant_only: bool) -> pd.DataFrame:
    """The over-used half and the under-used half of `top` terms, by ``|size_by|``."""
    frame = keyness_frame.assign(_size=pd.to_numeric(keyness_frame[size_by]).abs())
    if significant_only:
        frame = frame[frame["significant"].astype(bool)]
    frame = frame[frame["_size"] > 0]
    over = _ranked(frame[frame["direction"] == "over"], "_size", "term", math.ceil(top / 2))
    under = _ranked(frame[frame["direction"] == "under"], "_size", "term", top // 2)
    chosen = pd.concat([over, under])
    if chosen.empty:
        which = "significant " if significant_only else ""
        raise ValueError(
            f"keyness_frame has no {which}over- or under-used term with "
            f"{size_by!r} != 0: there is nothing to plot"
        )
    return chosen


@_styled
def plot_comparison_cloud(
    keyness_frame: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top: int = 100,
    size_by: str = "g2",
    significant_only: bool = True,
    random_state: int = 0,
    font_path: str | None = None,
    width: int = 1200,
    height: int = 600,
    background_color: str = "white",
    colors: tuple[str, str] = (PALETTE[0], PALETTE[1]),
    title: str | None = None,
) -> Axes:
    """One word cloud of key terms, coloured by direction (over- or under-use).

    Parameters
    ----------
    keyness_frame : pandas.DataFrame
        A ``keyness()`` frame (columns ``term``, ``direction`` with values
        ``"over"``/``"under"``, ``significant``, and `size_by`).
        ``attrs["target"]`` and ``attrs["reference"]`` name the two corpora
        in the legend when present.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when None.
    top : int
        At most this many words: ``ceil(top / 2)`` over-used and
        ``top // 2`` under-used terms, each the largest by ``|size_by|``.
    size_by : {"g2", "log_ratio"}
        Word size is the absolute value of this column.
    significant_only : bool
        Leave out rows whose ``significant`` is False (default), so the
        cloud shows only key terms.
    random_state, font_path, width, height, background_color
        As in `plot_wordcloud`.
    colors : (str, str)
        Colours of over-used and under-used terms.
    title : str, optional
        Chart title; default ``"Key terms: <target> vs <reference>"``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes (axis off) with the image and a two-entry legend; the
        ``WordCloud`` is attached as ``ax.wordcloud``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from analysis.plotting import plot_comparison_cloud
    >>> key = pd.DataFrame({"term": ["wagner", "prigozjin", "maduro"],
    ...     "g2": [40.0, 12.0, -25.0], "log_ratio": [3.1, 2.0, -2.5],
    ...     "significant": [True, True, True], "direction": ["over", "over", "under"]})
    >>> ax = plot_comparison_cloud(key, width=300, height=150)
    >>> sorted(w for (w, _), *_ in ax.wordcloud.layout_)
    ['maduro', 'prigozjin', 'wagner']
    >>> plt.close(ax.figure)
    """
    top = check_count("top", top)
    check_choice("size_by", size_by, ("g2", "log_ratio"))
    needed = ["term", "direction", size_by] + (["significant"] if significant_only else [])
    _require_frame(keyness_frame, "keyness_frame", needed)
    chosen = _cloud_terms(keyness_frame, top, size_by, significant_only)
    frequencies = {str(t): float(v) for t, v in zip(chosen["term"], chosen["_size"], strict=True)}
    colour_of = {
        str(t): (colors[0] if d == "over" else colors[1])
        for t, d in zip(chosen["term"], chosen["direction"], strict=True)
    }

    def color_func(word: str, **_: Any) -> str:
        return colour_of[word]

    wc = _wordcloud(frequencies, random_state=random_state, font_path=font_path, mask=None,
                    width=width, height=height, background_color=background_color,
                    max_words=len(frequencies), color_func=color_func)
    target = keyness_frame.attrs.get("target", "target")
    reference = keyness_frame.attrs.get("reference", "reference")
    ax = _new_axes(ax, (10, 10 * height / width + 1.0))
    _show_cloud(ax, wc, title if title is not None else f"Key terms: {target} vs {reference}")
    size_label = "|G²|" if size_by == "g2" else "|Log Ratio|"
    ax.legend(
        handles=[
            Patch(color=colors[0], label=f"more frequent in {target}"),
            Patch(color=colors[1], label=f"more frequent in {reference}"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=2,
        title=f"word size: {size_label}",
        title_fontsize=8.5,
    )
    return ax


# --------------------------------------------------------------------------
# keyness and collocates


@_styled
def plot_keyness(
    keyness_frame: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top: int = 15,
    effect: str = "log_ratio",
    title: str | None = None,
) -> Axes:
    """Signed bars of key terms: over-use to the right, under-use to the left.

    The `top` over-used terms (largest ``g2``) and the `top` under-used
    terms (most negative ``g2``) are drawn as horizontal bars of their effect
    size; over-use on top, largest effect first. Terms whose ``significant``
    is False are drawn hatched and pale.

    Parameters
    ----------
    keyness_frame : pandas.DataFrame
        A ``keyness()`` frame (columns ``term, g2, direction, significant``
        and `effect`; ``g2`` signed, negative = under-use in the target).
        ``attrs["target"]``/``attrs["reference"]`` name the corpora.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when None.
    top : int
        Terms per direction.
    effect : {"log_ratio", "g2", "pct_diff"}
        Bar length (x axis).
    title : str, optional
        Chart title; default ``"Keywords: <target> vs <reference>"``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; y tick labels are the terms from top to bottom.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from analysis.plotting import plot_keyness
    >>> key = pd.DataFrame({"term": ["wagner", "maduro", "de"],
    ...     "g2": [40.0, -25.0, 0.4], "log_ratio": [3.1, -2.5, 0.1],
    ...     "significant": [True, True, False], "direction": ["over", "under", "over"]})
    >>> ax = plot_keyness(key)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['wagner', 'de', 'maduro']
    >>> plt.close(ax.figure)
    """
    top = check_count("top", top)
    check_choice("effect", effect, _EFFECT_LABELS)
    _require_frame(
        keyness_frame, "keyness_frame", ["term", "g2", "direction", "significant", effect]
    )
    frame = keyness_frame.assign(_g2=pd.to_numeric(keyness_frame["g2"]))
    over = _ranked(frame[frame["direction"] == "over"], "_g2", "term", top)
    under = _ranked(frame[frame["direction"] == "under"], "_g2", "term", top, ascending=True)
    if over.empty and under.empty:
        raise ValueError("keyness_frame has no row with direction 'over' or 'under'")
    # Over-use on top (largest effect first), under-use below (most negative last).
    over = over.sort_values([effect, "term"], ascending=[False, True], kind="mergesort")
    under = under.sort_values([effect, "term"], ascending=[False, True], kind="mergesort")
    chosen = pd.concat([over, under])

    terms = [str(t) for t in chosen["term"]]
    values = chosen[effect].to_numpy(dtype=float)
    significant = chosen["significant"].astype(bool).to_numpy()
    is_over = (chosen["direction"] == "over").to_numpy()
    target = keyness_frame.attrs.get("target", "target")
    reference = keyness_frame.attrs.get("reference", "reference")

    ax = _new_axes(ax, (7.5, max(2.8, 0.28 * len(terms) + 1.6)))
    y = np.arange(len(terms))
    colours = [PALETTE[0] if o else PALETTE[1] for o in is_over]
    bars = ax.barh(y, values, height=0.7, color=colours, linewidth=0)
    for bar, sig, colour in zip(bars, significant, colours, strict=True):
        if not sig:
            bar.set_facecolor((*to_rgb(colour), 0.25))
            bar.set_edgecolor(colour)
            bar.set_hatch("////")
            bar.set_linewidth(0.6)
    ax.axvline(0, color=_MUTED, linewidth=0.8)
    ax.set_yticks(y, terms)
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(FuncFormatter(_thousands))
    limit = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
    ax.set_xlim(-1.08 * limit if (values < 0).any() else 0, 1.08 * limit)
    ax.set_xlabel(_EFFECT_LABELS[effect])
    _tidy(ax, grid="x")

    handles = [
        Patch(color=PALETTE[0], label=f"over-used in {target}"),
        Patch(color=PALETTE[1], label=f"under-used in {target}"),
    ]
    if not significant.all():
        handles.append(
            Patch(facecolor="white", edgecolor=_MUTED, hatch="////", label="not significant")
        )
    # Over-use sits top right and under-use bottom left: bottom right is free.
    ax.legend(handles=handles, loc="lower right")
    ax.set_title(title if title is not None else f"Keywords: {target} vs {reference}")
    return ax


def _one_node(collocates_frame: pd.DataFrame, node: str | None) -> str:
    """The node to draw: the frame's only one, or the one asked for."""
    nodes = list(dict.fromkeys(str(v) for v in collocates_frame["node"]))
    if node is None:
        if len(nodes) > 1:
            raise ValueError(f"collocates_frame holds several nodes {nodes!r}; pass node=")
        return nodes[0]
    if node not in nodes:
        raise ValueError(f"node {node!r} not in collocates_frame; nodes present: {nodes!r}")
    return node


@_styled
def plot_collocates(
    collocates_frame: pd.DataFrame,
    *,
    ax: Axes | None = None,
    measure: str | None = None,
    top: int = 20,
    node: str | None = None,
    title: str | None = None,
) -> Axes:
    """A node's top collocates as bars of an association measure, labelled with o11.

    Parameters
    ----------
    collocates_frame : pandas.DataFrame
        A ``collocates()`` frame (columns ``node, collocate, o11`` and the
        measures). ``attrs["measure"]`` is the default `measure`,
        ``attrs["node"]`` names the node in the title.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when None.
    measure : str, optional
        The column the bars show and rank by (largest on top, ties by
        collocate); default ``attrs["measure"]``, else ``"log_dice"``.
    top : int
        Number of collocates.
    node : str, optional
        Which node to draw when the frame holds several; required then.
    title : str, optional
        Chart title; default ``"Collocates of “<node>”"``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; y tick labels are the collocates from top to bottom, and
        each bar carries its co-occurrence frequency as text ``n=<o11>``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from analysis.plotting import plot_collocates
    >>> coll = pd.DataFrame({"node": ["wagner"] * 3,
    ...     "term": ["prigozjin", "huurlingen", "groep"],
    ...     "o11": [12, 5, 9], "log_dice": [11.2, 9.8, 10.4]})
    >>> coll.attrs["measure"] = "log_dice"
    >>> ax = plot_collocates(coll)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['prigozjin', 'groep', 'huurlingen']
    >>> plt.close(ax.figure)
    """
    top = check_count("top", top)
    if measure is None:
        measure = (
            collocates_frame.attrs.get("measure", "log_dice")
            if isinstance(collocates_frame, pd.DataFrame)
            else "log_dice"
        )
    _require_frame(collocates_frame, "collocates_frame", ["node", "term", "o11", measure])
    node = _one_node(collocates_frame, node)
    frame = collocates_frame[collocates_frame["node"].astype(str) == node]
    frame = frame.assign(_m=pd.to_numeric(frame[measure], errors="coerce")).dropna(subset="_m")
    if frame.empty:
        raise ValueError(f"collocates_frame has no finite {measure!r} value to plot")
    shown = _ranked(frame, "_m", "term", top)

    labels = [str(c) for c in shown["term"]]
    values = shown["_m"].to_numpy(dtype=float)
    o11 = shown["o11"].to_numpy()

    ax = _new_axes(ax, (6.5, max(2.5, 0.28 * len(labels) + 1.2)))
    y = np.arange(len(labels))
    ax.barh(y, values, height=0.7, color=PALETTE[2], linewidth=0)
    span = float(np.ptp(np.r_[values, 0.0])) or 1.0
    for yi, v, f in zip(y, values, o11, strict=True):
        ax.annotate(f"n={int(f):,}", xy=(v, yi), xytext=(3 if v >= 0 else -3, 0),
                    textcoords="offset points", ha="left" if v >= 0 else "right", va="center",
                    fontsize=8, color=_MUTED, gid="o11")
    low, high = min(0.0, values.min()), max(0.0, values.max())
    ax.set_xlim(low - (0.18 * span if low < 0 else 0), high + (0.18 * span if high > 0 else 0))
    if low < 0:
        ax.axvline(0, color=_MUTED, linewidth=0.8)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(f"{_MEASURE_LABELS.get(measure, measure)}   (n = co-occurrence frequency)")
    ax.set_title(title if title is not None else f"Collocates of “{node}”")
    _tidy(ax, grid="x")
    return ax


# --------------------------------------------------------------------------
# co-occurrence networks and matrices


def _scale(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """Map values linearly from their min..max onto low..high (all high if equal)."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return values
    vmin, vmax = float(np.min(values)), float(np.max(values))
    if vmax == vmin:
        return np.full(values.shape, high)
    return low + (values - vmin) / (vmax - vmin) * (high - low)


@_styled
def plot_network(
    graph: nx.Graph,
    *,
    ax: Axes | None = None,
    weight: str = "weight",
    seed: int = 0,
    top: int | None = None,
    layout: str = "spring",
    title: str | None = None,
) -> Axes:
    """A co-occurrence network: edge width by `weight`, node size by frequency.

    Parameters
    ----------
    graph : networkx.Graph
        As from ``Cooccurrence.to_networkx()``: node attribute
        ``frequency``, edge attributes ``count`` and `weight`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when None.
    weight : str
        Edge attribute for the width (and the spring layout's pull). It may
        be negative (e.g. PMI): widths are scaled from its min to its max,
        and the layout uses that rescaled, positive value.
    seed : int
        Layout seed. Nodes are laid out in sorted order, so the picture does
        not depend on the order the graph was built in.
    top : int, optional
        Keep only the `top` edges with the largest `weight` (ties by node
        names) and the nodes they touch; default all edges and nodes.
    layout : {"spring", "kamada_kawai", "circular"}
        Node placement.
    title : str, optional
        Chart title; default ``"Co-occurrence network"``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes (axis off): one ``LineCollection`` of edges, one scatter
        collection of nodes, and one text label per node (``gid="node"``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> from analysis.plotting import plot_network
    >>> g = nx.Graph()
    >>> g.add_nodes_from([("wagner", {"frequency": 40}), ("prigozjin", {"frequency": 25}),
    ...                   ("kremlin", {"frequency": 30})])
    >>> g.add_edge("wagner", "prigozjin", count=12, weight=3.2)
    >>> g.add_edge("wagner", "kremlin", count=5, weight=1.1)
    >>> ax = plot_network(g)
    >>> sorted(t.get_text() for t in ax.texts if t.get_gid() == "node")
    ['kremlin', 'prigozjin', 'wagner']
    >>> plt.close(ax.figure)
    """
    _check_graph(graph, weight)
    check_choice("layout", layout, ("spring", "kamada_kawai", "circular"))
    if top is not None:
        top = check_count("top", top)
    edges, keep = _network_edges(graph, weight, top)
    widths = _scale(np.array([w for _, w in edges]), 0.6, 5.0)
    pos = _network_layout(keep, edges, layout, seed)
    xy = np.array([pos[n] for n in keep]).reshape(-1, 2)
    names = {str(n): n for n in graph.nodes}
    frequency = np.array([float(graph.nodes[names[n]]["frequency"]) for n in keep])
    sizes = _scale(np.sqrt(np.maximum(frequency, 0)), 220, 1400)

    ax = _new_axes(ax, (8, 7))
    if edges:
        segments = [[pos[u], pos[v]] for (u, v), _ in edges]
        ax.add_collection(LineCollection(segments, linewidths=widths, colors=_MUTED, alpha=0.55,
                                         zorder=1, capstyle="round"))
    ax.scatter(xy[:, 0], xy[:, 1], s=sizes, color=PALETTE[5], edgecolors="white", linewidths=1.0,
               zorder=2)
    halo = [patheffects.withStroke(linewidth=3, foreground="white")]
    for name, (px, py) in zip(keep, xy, strict=True):
        ax.text(px, py, name, ha="center", va="center", fontsize=9.5, color=_TEXT, zorder=3,
                path_effects=halo, gid="node")
    ax.set_aspect("equal", adjustable="datalim")
    ax.margins(0.15)
    ax.autoscale_view()
    ax.set_axis_off()
    ax.set_title(title if title is not None else "Co-occurrence network")
    ax.text(0.0, -0.02, f"edge width: {weight} (min to max); node area: frequency",
            transform=ax.transAxes, ha="left", va="top", fontsize=8, color=_MUTED, gid="caption")
    return ax


def _check_graph(graph: Any, weight: str) -> None:
    """A graph with nodes, each with a frequency, each edge with `weight`."""
    if not isinstance(graph, nx.Graph):
        raise TypeError(f"graph must be a networkx Graph, got {type(graph).__name__}")
    if graph.number_of_nodes() == 0:
        raise ValueError("graph has no nodes: there is nothing to plot")
    for name, data in graph.nodes(data=True):
        if "frequency" not in data:
            raise ValueError(
                f"node {name!r} has no attribute 'frequency'; attributes present: {sorted(data)!r}"
            )
    for u, v, data in graph.edges(data=True):
        if weight not in data:
            raise ValueError(f"edge ({u!r}, {v!r}) has no attribute {weight!r}; "
                             f"attributes present: {sorted(data)!r}")


def _network_edges(graph: nx.Graph, weight: str, top: int | None
                   ) -> tuple[list[tuple[tuple[str, str], float]], list[str]]:
    """Edges as sorted ((u, v), weight) pairs (the `top` heaviest, ties by names),
    and the sorted node names to draw."""
    edges = sorted(
        ((str(u), str(v)) if str(u) <= str(v) else (str(v), str(u)), float(d[weight]))
        for u, v, d in graph.edges(data=True)
    )
    if top is None:
        return edges, sorted(str(n) for n in graph.nodes)
    edges = sorted(edges, key=lambda e: (-e[1], e[0]))[:top]
    return edges, sorted({n for (u, v), _ in edges for n in (u, v)})


def _network_layout(keep: list[str], edges: list[tuple[tuple[str, str], float]], layout: str,
                    seed: int) -> dict[Any, np.ndarray]:
    """Node positions, from a sorted copy of the graph (insertion order never matters)."""
    g = nx.Graph()
    g.add_nodes_from(keep)
    pulls = _scale(np.array([w for _, w in edges]), 0.1, 1.0)
    for ((u, v), _), pull in zip(edges, pulls, strict=True):
        g.add_edge(u, v, _pull=float(pull))
    if layout == "circular":
        return nx.circular_layout(g)
    if layout == "kamada_kawai":
        return nx.kamada_kawai_layout(g, weight=None) if len(keep) > 1 else {keep[0]: np.zeros(2)}
    # A hidden hub tied weakly to every node acts as gravity, so isolated
    # nodes and small components stay near the rest instead of being
    # pushed to the edge (which would squash the main component).
    hub = object()
    g.add_edges_from((hub, n) for n in keep)
    nx.set_edge_attributes(g, {(hub, n): 0.1 for n in keep}, "_pull")
    k = 1.2 / math.sqrt(max(1, len(keep)))
    pos = nx.spring_layout(g, weight="_pull", seed=seed, k=k, iterations=300)
    pos.pop(hub)
    return pos


@_styled
def plot_cooccurrence_heatmap(
    matrix: pd.DataFrame,
    *,
    ax: Axes | None = None,
    annotate: bool = True,
    cmap: str | None = None,
    label: str | None = None,
    title: str | None = None,
) -> Axes:
    """A heat map of a square term-by-term matrix, with a labelled colour bar.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Square, with the same terms as index and columns, in the same order
        (``Cooccurrence.submatrix(terms, measure=...)``). NaN cells are left
        blank.
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when None.
    annotate : bool
        Write each cell's value in it (only when the matrix is at most
        15 x 15; larger ones would be unreadable).
    cmap : str, optional
        Colormap; default ``"viridis"``, or ``"RdBu_r"`` centred on 0 when
        the values have both signs.
    label : str, optional
        Colour bar label; default ``matrix.attrs["measure"]`` or ``"count"``.
    title : str, optional
        Chart title; default ``"Co-occurrence (<label>)"``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes holding the image (``ax.images[0]``) and, when annotated,
        one text per non-NaN cell (``gid="cell"``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from analysis.plotting import plot_cooccurrence_heatmap
    >>> terms = ["wagner", "poetin"]
    >>> m = pd.DataFrame([[0, 7], [7, 0]], index=terms, columns=terms)
    >>> ax = plot_cooccurrence_heatmap(m)
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "cell"]
    ['0', '7', '7', '0']
    >>> plt.close(ax.figure)
    """
    values = _square_values(matrix)
    terms = [str(t) for t in matrix.index]
    label = label if label is not None else str(matrix.attrs.get("measure", "count"))
    norm, cmap = _heat_scale(values, cmap)
    k = len(terms)
    side = min(11.0, max(4.0, 0.55 * k + 2.5))
    ax = _new_axes(ax, (side + 1.2, side))
    image = ax.imshow(
        np.ma.masked_invalid(values), cmap=cmap, norm=norm, aspect="equal", interpolation="nearest"
    )
    ax.set_xticks(np.arange(k), terms, rotation=45, ha="right", rotation_mode="anchor")
    ax.set_yticks(np.arange(k), terms)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.grid(False)
    colorbar = ax.figure.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
    colorbar.set_label(label)
    colorbar.outline.set_visible(False)
    colorbar.ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
    if annotate and k <= 15:
        _annotate_cells(ax, values, image.get_cmap(), norm)
    ax.set_title(title if title is not None else f"Co-occurrence ({label})")
    return ax


def _square_values(matrix: Any) -> np.ndarray:
    """The float values of a square matrix whose index and columns hold the same terms."""
    if not isinstance(matrix, pd.DataFrame):
        raise TypeError(f"matrix must be a pandas DataFrame, got {type(matrix).__name__}")
    if matrix.empty:
        raise ValueError(_empty_message(matrix, "matrix"))
    if matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"matrix must be square, got shape {matrix.shape!r}")
    if [str(i) for i in matrix.index] != [str(c) for c in matrix.columns]:
        raise ValueError(
            "matrix index and columns must hold the same terms in the same order; "
            f"index {list(matrix.index)!r}, columns {list(matrix.columns)!r}"
        )
    try:
        return matrix.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise ValueError("matrix values must be numeric") from None


def _heat_scale(values: np.ndarray, cmap: str | None) -> tuple[Normalize, str]:
    """A norm over the finite values (centred on 0 when they have both signs) and a colormap."""
    finite = values[np.isfinite(values)]
    vmin, vmax = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    if vmin < 0 < vmax:
        return TwoSlopeNorm(vcenter=0.0, vmin=vmin, vmax=vmax), cmap or "RdBu_r"
    return Normalize(vmin=vmin, vmax=vmax if vmax > vmin else vmin + 1), cmap or "viridis"


def _annotate_cells(ax: Axes, values: np.ndarray, cm: Any, norm: Normalize) -> None:
    """Each finite cell's value, white on dark colours."""
    finite = values[np.isfinite(values)]
    integral = bool(finite.size) and bool(np.all(np.equal(np.mod(finite, 1), 0)))
    k = len(values)
    for i, j in zip(*np.nonzero(np.isfinite(values)), strict=True):
        v = values[i, j]
        r, g, b, _ = cm(norm(v))
        dark = 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5
        ax.text(j, i, f"{v:,.0f}" if integral else f"{v:.2f}", ha="center", va="center",
                fontsize=8 if k > 10 else 9, color="white" if dark else _TEXT, gid="cell")


# --------------------------------------------------------------------------
# dispersion


@_styled
def plot_dispersion(
    occurrences: pd.DataFrame,
    *,
    ax: Axes | None = None,
    terms: Sequence[str] | None = None,
    boundaries: str | None = "year",
    title: str | None = None,
) -> Axes:
    """A lexical dispersion plot: one row per term, a tick at every hit.

    Parameters
    ----------
    occurrences : pandas.DataFrame
        An ``occurrences()`` frame with columns ``term, doc_id, date,
        doc_index, position, corpus_position``; ``corpus_position`` is the
        token offset in the whole corpus with documents in date order, and
        ``attrs["corpus_size"]`` the total number of tokens (the x extent;
        default the last hit + 1).
    ax : matplotlib.axes.Axes, optional
        Axes to draw into; a new figure is made when None.
    terms : sequence of str, optional
        Rows from top to bottom; default the terms in order of first
        appearance. A listed term without hits gets an empty row.
    boundaries : {"year", "document"}, optional
        Faint vertical lines where a new year (labelled at the top) or a new
        document begins. Only documents with a hit are known to this frame,
        so a line sits at ``corpus_position - position`` of the first such
        document: a year line can fall after the true start of the year by
        the length of hit-free documents in between. None draws no lines.
    title : str, optional
        Chart title; default ``"Lexical dispersion"``.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; one ``LineCollection`` per term (``gid="hits"``) with one
        segment per occurrence.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from analysis.plotting import plot_dispersion
    >>> occ = pd.DataFrame({"term": ["wagner", "wagner", "maduro"],
    ...     "doc_id": ["a", "b", "b"], "date": ["2019-03-01", "2023-06-24", "2023-06-24"],
    ...     "doc_index": [0, 1, 1], "position": [5, 2, 9],
    ...     "corpus_position": [5, 102, 109]})
    >>> occ.attrs["corpus_size"] = 200
    >>> ax = plot_dispersion(occ)
    >>> [len(c.get_segments()) for c in ax.collections if c.get_gid() == "hits"]
    [2, 1]
    >>> plt.close(ax.figure)
    """
    if boundaries is not None:
        check_choice("boundaries", boundaries, ("year", "document"))
    needed = ["term", "corpus_position"]
    if boundaries is not None:
        needed += ["position", "doc_index"] + (["date"] if boundaries == "year" else [])
    _require_frame(occurrences, "occurrences", needed)
    rows = _chosen_terms(occurrences, terms, "occurrences", present_only=False)
    term_col = occurrences["term"].astype(str)
    positions = pd.to_numeric(occurrences["corpus_position"]).to_numpy(dtype=float)
    size = occurrences.attrs.get("corpus_size")
    extent = float(size) if size else float(np.nanmax(positions)) + 1.0

    ax = _new_axes(ax, (10, max(1.8, 0.42 * len(rows) + 1.3)))
    for i, term in enumerate(rows):
        x = np.sort(positions[(term_col == term).to_numpy()])
        segments = [[(p, i - 0.36), (p, i + 0.36)] for p in x]
        ax.add_collection(LineCollection(segments, colors=PALETTE[0], linewidths=0.8, gid="hits"))

    if boundaries is not None:
        _draw_boundaries(ax, occurrences, positions, boundaries, len(rows), extent)
    ax.set_xlim(0, extent)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_yticks(np.arange(len(rows)), rows)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(FuncFormatter(_thousands))
    ax.set_xlabel("corpus position (tokens, documents in date order)")
    _tidy(ax, grid=None)
    ax.spines["left"].set_visible(False)
    ax.set_title(
        title if title is not None else "Lexical dispersion", pad=16 if boundaries == "year" else 6
    )
    return ax


def _draw_boundaries(ax: Axes, occurrences: pd.DataFrame, positions: np.ndarray, boundaries: str,
                     n_rows: int, extent: float) -> None:
    """Thin lines where documents (or years, labelled) start."""
    frame = occurrences.assign(
        _start=positions - pd.to_numeric(occurrences["position"]).to_numpy(dtype=float)
    )
    docs = frame.sort_values(["doc_index", "_start"], kind="mergesort").drop_duplicates("doc_index")
    if boundaries == "document":
        starts = docs["_start"].to_numpy()[1:]
        labels: list[str] = []
    else:
        years = docs["date"].astype(str).str.slice(0, 4)
        first = docs[years.ne(years.shift())]
        starts = first["_start"].to_numpy()
        labels = list(first["date"].astype(str).str.slice(0, 4))
    ax.vlines(starts, -0.5, n_rows - 0.5, colors=_GRID, linewidths=0.8, zorder=0, gid="boundary")
    last = -np.inf
    for start, label in zip(starts, labels, strict=False):
        if start - last < 0.045 * extent:
            continue  # too close to the previous year label to read
        ax.annotate(label, xy=(start, 1.0), xycoords=("data", "axes fraction"), xytext=(2, 2),
                    textcoords="offset points", ha="left", va="bottom", fontsize=8, color=_MUTED,
                    gid="year")
        last = start


# --------------------------------------------------------------------------
# saving


def save_figure(
    fig_or_ax: Figure | Axes,
    path: str | Path,
    *,
    formats: Sequence[str] = ("png", "svg"),
    dpi: int = 150,
    provenance: dict[str, Any] | None = None,
) -> list[Path]:
    """Write a figure to disk, byte-identical for identical figures, with its provenance.

    The file carries what made the figure: for every plot drawn on it, the
    plot function, its options and the ``attrs["provenance"]`` of the table
    it was drawn from (package version, corpus fingerprint, the settings
    that made the table, its date; see `analysis.provenance`). PNG gets
    text chunks ``analysis:version``, ``analysis:corpus``, ``analysis:date``
    and ``analysis:provenance`` (all of it as JSON); SVG its ``Creator``,
    ``Identifier``, ``Date`` and ``Description`` (the JSON); PDF its
    ``Creator``, ``Keywords`` and ``Subject``. The date is the table's,
    never the wall clock, so the same inputs give the same bytes.

    Parameters
    ----------
    fig_or_ax : matplotlib.figure.Figure or matplotlib.axes.Axes
        The figure, or any Axes on it.
    path : str or pathlib.Path
        Where to write. With a known image suffix (``"fig.png"``) exactly
        that file is written and `formats` is ignored; otherwise one file per
        format with that suffix appended (``"fig"`` -> ``fig.png``,
        ``fig.svg``). Missing parent folders are created. Nothing else is
        written.
    formats : sequence of str
        Formats used when `path` has no image suffix.
    dpi : int
        Resolution of raster formats.
    provenance : dict, optional
        More to record (e.g. the notebook's parameters), under ``"extra"``.

    Returns
    -------
    list of pathlib.Path
        The files written, in `formats` order.

    Examples
    --------
    >>> import tempfile
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from pathlib import Path
    >>> from analysis.plotting import save_figure
    >>> fig, ax = plt.subplots()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in save_figure(ax, Path(folder) / "figs" / "timeline")]
    ['timeline.png', 'timeline.svg']
    >>> plt.close(fig)
    """
    if not isinstance(fig_or_ax, Axes | Figure | SubFigure):
        raise TypeError(f"fig_or_ax must be a Figure or Axes, got {type(fig_or_ax).__name__}")
    fig = _root_figure(fig_or_ax)
    if isinstance(formats, str):
        formats = (formats,)
    supported = fig.canvas.get_supported_filetypes()
    path = Path(path)
    suffix = path.suffix.lstrip(".").lower()
    if suffix in supported:
        targets = [(path, suffix)]
    else:
        if not formats:
            raise ValueError("formats is empty and path has no image suffix")
        for fmt in formats:
            check_choice("format", str(fmt).lower(), supported)
        targets = [(path.with_name(f"{path.name}.{fmt.lower()}"), fmt.lower()) for fmt in formats]
    written = []
    for target, fmt in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        with plt.rc_context({"svg.hashsalt": _STYLE["svg.hashsalt"]}):
            fig.savefig(
                target,
                format=fmt,
                dpi=dpi,
                bbox_inches="tight",
                pad_inches=0.1,
                metadata=_file_metadata(fmt, fig, provenance),
            )
        written.append(target)
    return written


def _file_metadata(fmt: str, fig: Figure, extra: dict[str, Any] | None) -> dict[str, Any] | None:
    """Savefig metadata for `fmt`: no timestamps or matplotlib versions, and the
    figure's provenance where the format has room for it."""
    notes = list(getattr(fig, "analysis_provenance", []))
    tables = [note["table"] for note in notes if "table" in note]
    version = tables[0].get("analysis_version") if tables else package_version()
    corpus = ", ".join(sorted({str(t["corpus_fingerprint"]) for t in tables
                               if t.get("corpus_fingerprint")}))
    dates = [str(t["date"]) for t in tables if t.get("date")]
    date = max(dates) if dates else None
    record = {"analysis_version": version, "corpus_fingerprint": corpus or None, "date": date,
              "plots": notes, **({"extra": extra} if extra else {})}
    text = json.dumps(record, sort_keys=True, ensure_ascii=True, default=repr)
    metadata = dict(_METADATA.get(fmt, {})) or None
    if fmt == "png":
        metadata.update({"analysis:version": version, "analysis:corpus": corpus,
                         "analysis:date": date or "", "analysis:provenance": text})
    elif fmt in ("svg", "svgz"):
        metadata.update({"Creator": f"analysis {version}", "Identifier": corpus or None,
                         "Date": date, "Description": text})
    elif fmt == "pdf":
        metadata.update({"Creator": f"analysis {version}", "Keywords": corpus, "Subject": text})
    return metadata


def save_to_folder(fig_or_ax: Figure | Axes, folder: str | Path | None, name: str, *,
                   formats: Sequence[str] = ("png", "svg"), **options: Any) -> None:
    """`save_figure` to ``folder/name.<format>`` when a folder is given; nothing when None.

    The notebooks' ``figures_dir`` parameter is None when they run by hand
    and a folder when `make report` runs them: one call serves both. Returns
    nothing, so a notebook cell that ends with it shows only the chart.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import tempfile
    >>> from pathlib import Path
    >>> from analysis.plotting import save_to_folder
    >>> fig, ax = plt.subplots()
    >>> save_to_folder(ax, None, "timeline")  # nothing written
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     save_to_folder(ax, folder, "timeline")
    ...     sorted(p.name for p in Path(folder).iterdir())
    ['timeline.png', 'timeline.svg']
    >>> plt.close(fig)
    """
    if folder is not None and str(folder) != "":
        save_figure(fig_or_ax, Path(folder) / name, formats=formats, **options)


def figure_png(fig_or_ax: Figure | Axes, *, dpi: int = 100, close: bool = True) -> bytes:
    """The figure as PNG bytes (for a web page or a widget), closed afterwards.

    Parameters
    ----------
    fig_or_ax : matplotlib.figure.Figure or matplotlib.axes.Axes
        The figure, or any Axes on it.
    dpi : int
        Resolution.
    close : bool
        Close the figure, so that a notebook does not show it a second time.

    Returns
    -------
    bytes
        A PNG file.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> figure_png(ax)[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    fig = fig_or_ax.figure if isinstance(fig_or_ax, Axes) else fig_or_ax
    if not isinstance(fig, Figure | SubFigure):
        raise TypeError(f"fig_or_ax must be a Figure or Axes, got {type(fig_or_ax).__name__}")
    while isinstance(fig, SubFigure):
        fig = fig.figure
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.1,
                metadata=_file_metadata("png", fig, None))
    if close:
        plt.close(fig)
    return buffer.getvalue()


# --------------------------------------------------------------------------
# topic models


def _topic_order(frame: pd.DataFrame) -> list[str]:
    """Topic labels in topic order (by ``topic`` when present, else first appearance)."""
    if "topic" in frame.columns:
        frame = frame.sort_values("topic", kind="mergesort")
    return list(dict.fromkeys(str(label) for label in frame["label"]))


@_styled
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
    _require_frame(terms, "terms", ["label", "term", "weight"])
    labels = _topic_order(terms)
    columns = min(columns, len(labels))
    rows = math.ceil(len(labels) / columns)
    ax = _new_axes(ax, (2.6 * columns + 0.6, (0.22 * top + 0.9) * rows + 0.4))
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
    shown = _ranked(rows, "weight", "term", top)
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
    _tidy(panel, grid="x")


@_styled
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
    _require_frame(over_time, "over_time", ["start", "label", "share"] + (["ci_low", "ci_high"] if bands else []))
    frame = over_time.assign(label=over_time["label"].astype(str), start=pd.to_datetime(over_time["start"]))
    labels = _topic_order(frame)
    if top is not None:
        means = frame.groupby("label")["share"].mean()
        ranked = sorted(labels, key=lambda label: (-means[label], label))[: check_count("top", top)]
        labels = [label for label in labels if label in ranked]
    starts = pd.DatetimeIndex(sorted(frame["start"].unique()))
    wide = frame.pivot_table(index="start", columns="label", values="share", aggfunc="first").reindex(starts)
    ax = _new_axes(ax, (9, 4.2))
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
    _time_axis(ax, x, frame)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:.0%}"))
    ax.set_ylabel("share of the period's documents")
    _tidy(ax, grid="y")
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


@_styled
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
    _require_frame(documents, "documents", ["dominant"])
    after = list(documents.columns[list(documents.columns).index("dominant") + 1 :])
    counts = documents["dominant"].dropna().astype(str).value_counts()
    counts = counts.reindex(list(dict.fromkeys([*map(str, after), *counts.index])), fill_value=0)
    table = pd.DataFrame({"label": counts.index, "count": counts.to_numpy()})
    shown = _ranked(table, "count", "label", check_count("top", top) if top is not None else len(table))
    ax = _new_axes(ax, (6.5, max(2.5, 0.3 * len(shown) + 1.2)))
    y = np.arange(len(shown))
    ax.barh(y, shown["count"].to_numpy(dtype=float), height=0.7, color=PALETTE[0], linewidth=0)
    ax.set_yticks(y, shown["label"].tolist())
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(FuncFormatter(_thousands))
    ax.set_xlabel("documents (largest topic share)")
    ax.set_title(title if title is not None else "Documents per topic")
    _tidy(ax, grid="x")
    return ax


@_styled
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
    _require_frame(coherence, "coherence", ["k", "coherence"])
    frame = coherence.sort_values("k", kind="mergesort")
    ax = _new_axes(ax, (6, 3.8))
    k = frame["k"].to_numpy(dtype=float)
    ax.plot(k, frame["coherence"].to_numpy(dtype=float), color=PALETTE[0], marker="o", linewidth=1.8, label="mean")
    if {"coherence_min", "coherence_max"} <= set(frame.columns):
        ax.fill_between(k, frame["coherence_min"].to_numpy(dtype=float), frame["coherence_max"].to_numpy(dtype=float),
                        color=PALETTE[0], alpha=0.18, linewidth=0, label="range over topics")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("number of topics (k)")
    ax.set_ylabel("NPMI coherence")
    ax.legend(loc="best")
    _tidy(ax, grid="y")
    ax.set_title(title if title is not None else "Coherence by number of topics")
    return ax
