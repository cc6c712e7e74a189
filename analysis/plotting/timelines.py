"""Charts over time: corpus size per period, term trends with bands and events, lexical dispersion."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.checks import check_choice, check_count
from analysis.plotting._style import (
    GRID,
    MUTED,
    PALETTE,
    new_axes,
    period_unit,
    require_frame,
    styled,
    thousands,
    tidy,
    time_axis,
)

__all__ = [
    "plot_corpus_timeline",
    "plot_dispersion",
    "plot_trend",
]


def _tick_indices(labels: Sequence[str], max_ticks: int = 12) -> list[int]:
    """Positions of at most `max_ticks` evenly spaced, calendar-aligned labels."""
    n = len(labels)
    steps = (1, 2, 3, 4, 6, 12, 24, 36, 48, 60, 120, 240, 480)
    step = next((s for s in steps if math.ceil(n / s) <= max_ticks), math.ceil(n / max_ticks))
    start = 0
    if step >= 4 and period_unit(labels) in ("month", "quarter", "week"):
        # Start at the first period of a year so the labels line up with years.
        firsts = [i for i, label in enumerate(labels) if re.search(r"-(01|Q1|W01)$", str(label))]
        if firsts and firsts[0] < step:
            start = firsts[0]
    return list(range(start, n, step))


@styled
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
    require_frame(summary, "summary", [by, value] + ([secondary] if secondary else []))

    labels = [str(p) for p in summary[by]]
    unit = period_unit(labels)
    x = np.arange(len(labels))
    heights = summary[value].fillna(0).to_numpy(dtype=float)

    ax = new_axes(ax, (10, 4))
    ax.bar(
        x, heights, width=0.8 if len(x) <= 60 else 1.0, color=PALETTE[0], linewidth=0, label=value
    )
    ticks = _tick_indices(labels, max_ticks)
    tick_labels = [labels[i] for i in ticks]
    if len(ticks) > 1 and all(re.search(r"-(01|Q1)$", t) for t in tick_labels):
        tick_labels = [t[:4] for t in tick_labels]  # every tick is a year's start
    ax.set_xticks(ticks, tick_labels)
    ax.set_xlim(-0.6, len(x) - 0.4)
    ax.yaxis.set_major_formatter(FuncFormatter(thousands))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.set_xlabel(unit)
    ax.set_ylabel(f"{value} per {unit}")
    tidy(ax, grid="y")

    if secondary is not None:
        line_values = summary[secondary].fillna(0).to_numpy(dtype=float)
        ax2 = ax.twinx()
        ax2.plot(x, line_values, color=PALETTE[1], linewidth=1.6, label=secondary)
        ax2.set_ylabel(f"{secondary} per {unit}", color=PALETTE[1])
        ax2.tick_params(axis="y", colors=PALETTE[1], labelcolor=PALETTE[1])
        ax2.spines[["top", "left", "bottom"]].set_visible(False)
        ax2.spines["right"].set_visible(True)
        ax2.spines["right"].set_color(PALETTE[1])
        ax2.yaxis.set_major_formatter(FuncFormatter(thousands))
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


def _events_list(events: Any) -> list[tuple[pd.Timestamp, str]]:
    """Normalise events given as (date, label) pairs or a date/label frame."""
    if events is None:
        return []
    if isinstance(events, pd.DataFrame):
        require_frame(events, "events", ["date", "label"])
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


@styled
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
    require_frame(
        trend, "trend", ["start", "term", "rate"] + (["ci_low", "ci_high"] if bands else [])
    )
    chosen = _chosen_terms(trend, terms, "trend")
    event_list = _events_list(events)
    frame = trend.assign(term=trend["term"].astype(str), start=pd.to_datetime(trend["start"]))
    starts = pd.DatetimeIndex(sorted(frame["start"].unique()))
    unit = trend.attrs.get("unit")

    ax = new_axes(ax, (9, 4.2))
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
                    xycoords="axes fraction", fontsize=8, color=MUTED, gid="note")
    time_axis(ax, x, frame)
    _draw_events(ax, event_list)
    ax.set_ylabel(f"rate ({unit})" if unit else "rate")
    ax.yaxis.set_major_formatter(FuncFormatter(thousands))
    tidy(ax, grid="y")
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


def _draw_events(ax: Axes, events: list[tuple[pd.Timestamp, str]]) -> None:
    """A dashed vertical line and a label per event."""
    for stamp, label in events:
        where = mdates.date2num(stamp.to_pydatetime())
        ax.axvline(where, color=MUTED, linestyle="--", linewidth=1.0, zorder=1, gid="event")
        ax.annotate(label, xy=(where, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -3),
                    textcoords="offset points", rotation=90, ha="left", va="top", fontsize=8.5,
                    color=MUTED, gid="event")


@styled
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
    require_frame(occurrences, "occurrences", needed)
    rows = _chosen_terms(occurrences, terms, "occurrences", present_only=False)
    term_col = occurrences["term"].astype(str)
    positions = pd.to_numeric(occurrences["corpus_position"]).to_numpy(dtype=float)
    size = occurrences.attrs.get("corpus_size")
    extent = float(size) if size else float(np.nanmax(positions)) + 1.0

    ax = new_axes(ax, (10, max(1.8, 0.42 * len(rows) + 1.3)))
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
    ax.xaxis.set_major_formatter(FuncFormatter(thousands))
    ax.set_xlabel("corpus position (tokens, documents in date order)")
    tidy(ax, grid=None)
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
    ax.vlines(starts, -0.5, n_rows - 0.5, colors=GRID, linewidths=0.8, zorder=0, gid="boundary")
    last = -np.inf
    for start, label in zip(starts, labels, strict=False):
        if start - last < 0.045 * extent:
            continue  # too close to the previous year label to read
        ax.annotate(label, xy=(start, 1.0), xycoords=("data", "axes fraction"), xytext=(2, 2),
                    textcoords="offset points", ha="left", va="bottom", fontsize=8, color=MUTED,
                    gid="year")
        last = start
