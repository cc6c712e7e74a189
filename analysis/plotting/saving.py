"""Figures to files and bytes: byte-identical for identical figures, with their provenance in the metadata."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

from analysis.checks import check_choice
from analysis.plotting._style import STYLE, root_figure
from analysis.provenance import package_version

__all__ = [
    "figure_png",
    "save_figure",
    "save_to_folder",
]

# Savefig metadata that would otherwise carry a timestamp or matplotlib's version.
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "svgz": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


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
    fig = root_figure(fig_or_ax)
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
        with plt.rc_context({"svg.hashsalt": STYLE["svg.hashsalt"]}):
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
