"""Where the project's folders are: the one place that knows the layout.

The package is used in two ways: from a checkout of the repository (the
notebooks, ``make report``) and imported from a researcher's own notebook.
In a checkout the project root is the folder above ``analysis/``; elsewhere
the ``ANALYSIS_PROJECT`` environment variable can point at one.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["corpus_dir", "data_path", "default_corpus", "jupyter_data_dir", "notebooks_dir", "project_root",
           "reports_dir"]

_PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """Return the project's root folder.

    ``ANALYSIS_PROJECT`` wins when set; otherwise the folder that holds the
    ``analysis`` package.

    Examples
    --------
    >>> (project_root() / "analysis").is_dir() or "ANALYSIS_PROJECT" in os.environ
    True
    """
    configured = os.environ.get("ANALYSIS_PROJECT")
    if configured:
        return Path(configured).expanduser().resolve()
    return _PACKAGE_DIR.parent


def corpus_dir() -> Path:
    """Return the shipped corpus folder, ``<project>/corpus``.

    Examples
    --------
    >>> corpus_dir().name
    'corpus'
    """
    return project_root() / "corpus"


def default_corpus() -> Path:
    """Return the corpus a notebook uses when none is named.

    ``ANALYSIS_CORPUS`` wins when set (``make explore CORPUS=...`` sets it);
    otherwise the shipped corpus, `corpus_dir`.

    Examples
    --------
    >>> default_corpus() == corpus_dir() or "ANALYSIS_CORPUS" in os.environ
    True
    """
    configured = os.environ.get("ANALYSIS_CORPUS")
    if configured:
        return Path(configured).expanduser().resolve()
    return corpus_dir()


def notebooks_dir() -> Path:
    """Return ``<project>/notebooks``.

    Examples
    --------
    >>> notebooks_dir().name
    'notebooks'
    """
    return project_root() / "notebooks"


def reports_dir() -> Path:
    """Return ``<project>/reports``, where ``make report`` writes.

    Examples
    --------
    >>> reports_dir().name
    'reports'
    """
    return project_root() / "reports"


def data_path(name: str) -> Path:
    """Return the path of a language resource shipped in ``analysis/data``.

    Parameters
    ----------
    name : str
        File name relative to ``analysis/data``.

    Raises
    ------
    LookupError
        When no such resource ships with the package.

    Examples
    --------
    >>> data_path("README.md").name
    'README.md'
    """
    path = _PACKAGE_DIR / "data" / name
    if not path.exists():
        raise LookupError(f"No data file {name!r} ships in {path.parent}")
    return path


def jupyter_data_dir() -> Path:
    """Return the Jupyter data folder shipped in the package (offline templates).

    ``make explore`` puts it on ``JUPYTER_PATH`` so that Voilà finds the
    ``offline`` template; `analysis.report.to_html` uses its nbconvert one.

    Examples
    --------
    >>> sorted(p.name for p in jupyter_data_dir().iterdir())
    ['nbconvert', 'voila']
    """
    return _PACKAGE_DIR / "data" / "jupyter"
