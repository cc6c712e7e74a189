"""The house style shared by every chart, and the small helpers the chart modules share.

The palette and ``rc`` settings, the `styled` decorator that draws a plot
function inside them (and notes on the figure what was drawn, for
`analysis.plotting.save_figure`), and the helpers for axes, input checks,
tick labels and ranking that more than one chart module uses. A helper only
one module uses lives in that module. The names here are internal to
`analysis.plotting`: only `PALETTE` is public, re-exported from the package.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

__all__ = [
    "GRID",
    "MUTED",
    "PALETTE",
    "STYLE",
    "TEXT",
    "empty_message",
    "new_axes",
    "period_unit",
    "require_frame",
    "root_figure",
    "styled",
    "thousands",
    "tidy",
    "time_axis",
    "top_rows",
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
TEXT = "#222222"
MUTED = "#666666"
GRID = "#DDDDDD"

STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": MUTED,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": TEXT,
    "ytick.labelcolor": TEXT,
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "svg.hashsalt": "analysis.plotting",
    "svg.fonttype": "path",
}


_PERIOD_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\d{4}", "year"),
    (r"\d{4}-Q[1-4]", "quarter"),
    (r"\d{4}-\d{2}", "month"),
    (r"\d{4}-W\d{2}", "week"),
    (r"\d{4}-\d{2}-\d{2}", "day"),
)


def styled(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run a plot function inside the house style's ``rc_context``, then note on its
    figure what was drawn."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with plt.rc_context(STYLE):
            result = func(*args, **kwargs)
            # The first figure of a session loads the backend, and Jupyter's
            # inline backend switches interactive mode on then; rc_context would
            # switch it off again on exit and later figures would not show.
            interactive = matplotlib.is_interactive()
        matplotlib.interactive(interactive)
        _record_provenance(result, func.__name__, args[0] if args else None, kwargs)
        return result

    return wrapper


def root_figure(fig_or_ax: Any) -> Figure:
    """The top-level Figure of an Axes, a Figure or a SubFigure."""
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
    fig = root_figure(ax)
    source = data.attrs if isinstance(data, pd.DataFrame) else getattr(data, "graph", {})
    note = {"plot": plot, "options": {k: v for k, v in options.items() if k != "ax"}}
    if isinstance(source, dict) and source.get("provenance"):
        note["table"] = source["provenance"]
    fig.analysis_provenance = [*getattr(fig, "analysis_provenance", []), note]


def new_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """The given Axes, or the Axes of a new constrained-layout figure."""
    if ax is not None:
        if not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
        return ax
    fig = plt.figure(figsize=figsize, layout="constrained")
    return fig.add_subplot()


def tidy(ax: Axes, *, grid: str | None) -> None:
    """House look on an Axes: no top/right spines, grid on the value axis only."""
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(False)
    if grid is not None:
        ax.grid(True, axis=grid, color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)


def require_frame(data: Any, name: str, columns: Iterable[str]) -> pd.DataFrame:
    """Check that `data` is a non-empty DataFrame holding `columns`."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(data).__name__}")
    present = [str(c) for c in data.columns]
    for column in columns:
        if column not in data.columns:
            raise ValueError(f"{name} has no column {column!r}; columns present: {present!r}")
    if data.empty:
        raise ValueError(empty_message(data, name))
    return data


def empty_message(data: pd.DataFrame, name: str) -> str:
    """Say what was empty: the table's own ``attrs["message"]`` when it has one."""
    why = data.attrs.get("message")
    return f"{name} is empty{f' ({why})' if why else ''}: there is nothing to plot"


def thousands(value: float, _pos: int | None = None) -> str:
    """Tick label with a thousands separator and no needless decimals."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def period_unit(labels: Sequence[str]) -> str:
    """'month', 'year', ... when every label has that shape, else 'period'."""
    for pattern, unit in _PERIOD_PATTERNS:
        if all(re.fullmatch(pattern, str(label)) for label in labels):
            return unit
    return "period"


def top_rows(frame: pd.DataFrame, column: str, key: str, n: int, *, ascending: bool = False):
    """Top `n` rows by `column` (ties broken by `key`), in a stable order."""
    return frame.sort_values([column, key], ascending=[ascending, True], kind="mergesort").head(n)


def time_axis(ax: Axes, x: np.ndarray, frame: pd.DataFrame) -> None:
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
    ax.set_xlabel(f"{period_unit(list(frame[period].astype(str)))} (period start)"
                  if period else "date")
