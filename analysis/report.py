"""Execute the notebooks headless and write HTML reports with their figures.

`make report` and ``python -m analysis report`` call `build_report`. Each
notebook runs with its working directory set to its own folder and with the
parameters injected after its cell tagged ``parameters`` (papermill), so the
same notebook runs on the shipped corpus or on yours.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis.config import notebooks_dir

__all__ = ["build_report", "execute_notebook", "notebook_paths"]


def notebook_paths(folder: str | Path | None = None) -> list[Path]:
    """The notebooks to run, in name order (checkpoints left out).

    Examples
    --------
    >>> [p.name for p in notebook_paths()][:1]
    ['01-walkthrough.ipynb']
    """
    folder = Path(folder) if folder is not None else notebooks_dir()
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def execute_notebook(
    path: str | Path,
    output: str | Path,
    *,
    parameters: Mapping[str, Any] | None = None,
    timeout: int = 1200,
    progress: bool = False,
) -> Path:
    """Run one notebook with ``parameters`` and save the executed copy.

    The working directory is the notebook's folder, as in JupyterLab. An
    error in any cell raises `papermill.PapermillExecutionError` naming the
    cell.

    Returns
    -------
    pathlib.Path
        The executed notebook.
    """
    import papermill

    path, output = Path(path).resolve(), Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    env_backend = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "Agg"  # inherited by the kernel: no windows, same pixels
    try:
        papermill.execute_notebook(
            str(path), str(output), parameters=dict(parameters or {}), cwd=str(path.parent),
            kernel_name="python3", progress_bar=progress, execution_timeout=timeout,
            log_output=False, request_save_on_cell_execute=False,
        )
    finally:
        if env_backend is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = env_backend
    return output


def to_html(notebook: str | Path, output: str | Path) -> Path:
    """Convert an executed notebook to a standalone HTML page, figures inline."""
    import nbformat
    from nbconvert import HTMLExporter

    node = nbformat.read(str(notebook), as_version=4)
    body, _ = HTMLExporter(exclude_input_prompt=True, exclude_output_prompt=True).from_notebook_node(node)
    output = Path(output)
    output.write_text(body, encoding="utf-8")
    return output


def build_report(
    corpus: str | Path | None = None,
    out: str | Path = "reports",
    *,
    notebooks: Sequence[str | Path] | None = None,
    parameters: Mapping[str, Any] | None = None,
    progress: bool = True,
) -> list[Path]:
    """Execute every notebook and write ``<out>/<name>.html`` and ``<out>/figures/``.

    Parameters
    ----------
    corpus : path, optional
        The corpus for the notebooks' ``corpus_path`` parameter; by default
        each notebook's own default (the shipped corpus).
    out : path
        The report folder; executed notebooks go to ``<out>/notebooks``.
    notebooks : list of paths, optional
        Which notebooks; by default all of `notebook_paths`.
    parameters : Mapping, optional
        More parameters for every notebook.

    Returns
    -------
    list of pathlib.Path
        The HTML files written.
    """
    out = Path(out).resolve()
    figures = out / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    paths = [Path(p) for p in notebooks] if notebooks is not None else notebook_paths()
    if not paths:
        raise FileNotFoundError(f"no notebooks found in {str(notebooks_dir())!r}")
    values: dict[str, Any] = {"figures_dir": str(figures)}
    if corpus is not None:
        corpus_path = Path(corpus).resolve()
        if not corpus_path.exists():
            raise FileNotFoundError(f"corpus path does not exist: {str(corpus)!r}")
        values["corpus_path"] = str(corpus_path)
    values.update(parameters or {})
    written = []
    if progress:
        from tqdm.auto import tqdm

        paths = tqdm(paths, desc="notebooks", unit="notebook")
    for path in paths:
        executed = execute_notebook(path, out / "notebooks" / path.name, parameters=values)
        written.append(to_html(executed, out / f"{path.stem}.html"))
    return written
