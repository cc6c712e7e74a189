"""Co-occurrence pictures: a network laid out from a seed, and a term-by-term heat map."""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize, TwoSlopeNorm
from matplotlib.ticker import FuncFormatter

from analysis.checks import check_choice, check_count
from analysis.plotting._style import MUTED, PALETTE, TEXT, empty_message, new_axes, styled, thousands

__all__ = [
    "plot_cooccurrence_heatmap",
    "plot_network",
]


def _scale(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """Map values linearly from their min..max onto low..high (all high if equal)."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return values
    vmin, vmax = float(np.min(values)), float(np.max(values))
    if vmax == vmin:
        return np.full(values.shape, high)
    return low + (values - vmin) / (vmax - vmin) * (high - low)


@styled
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

    ax = new_axes(ax, (8, 7))
    if edges:
        segments = [[pos[u], pos[v]] for (u, v), _ in edges]
        ax.add_collection(LineCollection(segments, linewidths=widths, colors=MUTED, alpha=0.55,
                                         zorder=1, capstyle="round"))
    ax.scatter(xy[:, 0], xy[:, 1], s=sizes, color=PALETTE[5], edgecolors="white", linewidths=1.0,
               zorder=2)
    halo = [patheffects.withStroke(linewidth=3, foreground="white")]
    for name, (px, py) in zip(keep, xy, strict=True):
        ax.text(px, py, name, ha="center", va="center", fontsize=9.5, color=TEXT, zorder=3,
                path_effects=halo, gid="node")
    ax.set_aspect("equal", adjustable="datalim")
    ax.margins(0.15)
    ax.autoscale_view()
    ax.set_axis_off()
    ax.set_title(title if title is not None else "Co-occurrence network")
    ax.text(0.0, -0.02, f"edge width: {weight} (min to max); node area: frequency",
            transform=ax.transAxes, ha="left", va="top", fontsize=8, color=MUTED, gid="caption")
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


@styled
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
    ax = new_axes(ax, (side + 1.2, side))
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
    colorbar.ax.yaxis.set_major_formatter(FuncFormatter(thousands))
    if annotate and k <= 15:
        _annotate_cells(ax, values, image.get_cmap(), norm)
    ax.set_title(title if title is not None else f"Co-occurrence ({label})")
    return ax


def _square_values(matrix: Any) -> np.ndarray:
    """The float values of a square matrix whose index and columns hold the same terms."""
    if not isinstance(matrix, pd.DataFrame):
        raise TypeError(f"matrix must be a pandas DataFrame, got {type(matrix).__name__}")
    if matrix.empty:
        raise ValueError(empty_message(matrix, "matrix"))
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
                fontsize=8 if k > 10 else 9, color="white" if dark else TEXT, gid="cell")
