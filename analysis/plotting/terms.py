"""Charts of ranked terms: top terms, keyness (signed effect sizes) and a node's collocates."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from analysis.checks import check_choice, check_count
from analysis.plotting._style import MUTED, PALETTE, new_axes, require_frame, styled, thousands, tidy, top_rows

__all__ = [
    "plot_collocates",
    "plot_keyness",
    "plot_top_terms",
]

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


@styled
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
    require_frame(freqs, "freqs", ["term", value])

    shown = top_rows(freqs, value, "term", top)
    values = shown[value].to_numpy(dtype=float)
    if value == "doc_share":
        values = values * 100
    terms = [str(t) for t in shown["term"]]

    ax = new_axes(ax, (6.5, max(2.5, 0.28 * len(terms) + 1.2)))
    y = np.arange(len(terms))
    ax.barh(y, values, height=0.7, color=PALETTE[0], linewidth=0)
    ax.set_yticks(y, terms)
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(FuncFormatter(thousands))
    ax.set_xlabel(labels[value])
    ax.set_title(title if title is not None else f"Top {len(terms)} terms")
    tidy(ax, grid="x")
    return ax


@styled
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
    require_frame(
        keyness_frame, "keyness_frame", ["term", "g2", "direction", "significant", effect]
    )
    frame = keyness_frame.assign(_g2=pd.to_numeric(keyness_frame["g2"]))
    over = top_rows(frame[frame["direction"] == "over"], "_g2", "term", top)
    under = top_rows(frame[frame["direction"] == "under"], "_g2", "term", top, ascending=True)
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

    ax = new_axes(ax, (7.5, max(2.8, 0.28 * len(terms) + 1.6)))
    y = np.arange(len(terms))
    colours = [PALETTE[0] if o else PALETTE[1] for o in is_over]
    bars = ax.barh(y, values, height=0.7, color=colours, linewidth=0)
    for bar, sig, colour in zip(bars, significant, colours, strict=True):
        if not sig:
            bar.set_facecolor((*to_rgb(colour), 0.25))
            bar.set_edgecolor(colour)
            bar.set_hatch("////")
            bar.set_linewidth(0.6)
    ax.axvline(0, color=MUTED, linewidth=0.8)
    ax.set_yticks(y, terms)
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(FuncFormatter(thousands))
    limit = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
    ax.set_xlim(-1.08 * limit if (values < 0).any() else 0, 1.08 * limit)
    ax.set_xlabel(_EFFECT_LABELS[effect])
    tidy(ax, grid="x")

    handles = [
        Patch(color=PALETTE[0], label=f"over-used in {target}"),
        Patch(color=PALETTE[1], label=f"under-used in {target}"),
    ]
    if not significant.all():
        handles.append(
            Patch(facecolor="white", edgecolor=MUTED, hatch="////", label="not significant")
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


@styled
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
    require_frame(collocates_frame, "collocates_frame", ["node", "term", "o11", measure])
    node = _one_node(collocates_frame, node)
    frame = collocates_frame[collocates_frame["node"].astype(str) == node]
    frame = frame.assign(_m=pd.to_numeric(frame[measure], errors="coerce")).dropna(subset="_m")
    if frame.empty:
        raise ValueError(f"collocates_frame has no finite {measure!r} value to plot")
    shown = top_rows(frame, "_m", "term", top)

    labels = [str(c) for c in shown["term"]]
    values = shown["_m"].to_numpy(dtype=float)
    o11 = shown["o11"].to_numpy()

    ax = new_axes(ax, (6.5, max(2.5, 0.28 * len(labels) + 1.2)))
    y = np.arange(len(labels))
    ax.barh(y, values, height=0.7, color=PALETTE[2], linewidth=0)
    span = float(np.ptp(np.r_[values, 0.0])) or 1.0
    for yi, v, f in zip(y, values, o11, strict=True):
        ax.annotate(f"n={int(f):,}", xy=(v, yi), xytext=(3 if v >= 0 else -3, 0),
                    textcoords="offset points", ha="left" if v >= 0 else "right", va="center",
                    fontsize=8, color=MUTED, gid="o11")
    low, high = min(0.0, values.min()), max(0.0, values.max())
    ax.set_xlim(low - (0.18 * span if low < 0 else 0), high + (0.18 * span if high > 0 else 0))
    if low < 0:
        ax.axvline(0, color=MUTED, linewidth=0.8)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(f"{_MEASURE_LABELS.get(measure, measure)}   (n = co-occurrence frequency)")
    ax.set_title(title if title is not None else f"Collocates of “{node}”")
    tidy(ax, grid="x")
    return ax
