"""Word clouds of our own counts (never re-tokenised by ``wordcloud``), and the font they use."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch
from wordcloud import WordCloud

from analysis.checks import check_choice, check_count
from analysis.plotting._style import PALETTE, new_axes, require_frame, styled, top_rows

__all__ = [
    "default_font_path",
    "plot_comparison_cloud",
    "plot_wordcloud",
]


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


@styled
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
    require_frame(freqs, "freqs", ["term", column])
    values = pd.to_numeric(freqs[column], errors="coerce")
    usable = freqs.assign(_v=values)[values > 0]
    if usable.empty:
        raise ValueError(f"freqs has no row with {column!r} > 0: there is nothing to plot")
    chosen = top_rows(usable, "_v", "term", top)
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
    ax = new_axes(ax, (10, 10 * shape[0] / shape[1] + 0.5))
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
    over = top_rows(frame[frame["direction"] == "over"], "_size", "term", math.ceil(top / 2))
    under = top_rows(frame[frame["direction"] == "under"], "_size", "term", top // 2)
    chosen = pd.concat([over, under])
    if chosen.empty:
        which = "significant " if significant_only else ""
        raise ValueError(
            f"keyness_frame has no {which}over- or under-used term with "
            f"{size_by!r} != 0: there is nothing to plot"
        )
    return chosen


@styled
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
    require_frame(keyness_frame, "keyness_frame", needed)
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
    ax = new_axes(ax, (10, 10 * height / width + 1.0))
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
