"""What made a result: package version, corpus fingerprint, settings and date.

Every table a public function of `frequency`, `collocation` and
`concordance` returns carries ``attrs["provenance"]``, a plain dict (JSON
ready) with

* ``analysis_version``: the installed version of this package;
* ``corpus_fingerprint``: the SHA-256 fingerprint of the documents counted
  (`analysis.tokenized.Tokens.fingerprint`; None when the input was a
  one-shot stream);
* ``settings``: ``function`` (its name), ``arguments`` (every argument of
  the call but the data, defaults filled in) and ``tokenize`` (the settings
  that made the tokens);
* ``date``: a date that is the same for the same inputs, so results and
  figures stay byte-identical: ``SOURCE_DATE_EPOCH`` (the reproducible
  builds convention, seconds since 1970, as a UTC day) when that variable
  is set, otherwise the date of the newest document counted, the day the
  data runs to. Never the wall clock.

`analysis.plotting.save_figure` writes the provenance of the tables a
figure was drawn from into the PNG text chunks and SVG/PDF metadata, and
`analysis.report` into each report's footer.

Examples
--------
>>> import os
>>> os.environ.pop("SOURCE_DATE_EPOCH", None) is None or True
True
>>> source_date(["2019-01", "2019-03-02", None, "2018"])
'2019-03-02'
>>> os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
>>> source_date(["2019-01"])
'2023-11-14'
>>> del os.environ["SOURCE_DATE_EPOCH"]
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.metadata
import inspect
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["package_version", "provenance", "source_date", "stamped"]


def package_version() -> str:
    """The installed version of `analysis` (``"unknown"`` when not installed).

    Examples
    --------
    >>> package_version().count(".") >= 1
    True
    """
    try:
        return importlib.metadata.version("analysis")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def source_date(dates: Iterable[Any]) -> str | None:
    """``SOURCE_DATE_EPOCH`` as a UTC ISO day when set, else the newest of `dates`
    (date labels such as ``"2019"``, ``"2019-01"``, ``"2019-01-05"``)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
        except (ValueError, OverflowError):
            raise ValueError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, got {epoch!r}") from None
    labels = [str(d) for d in dates if isinstance(d, str) and d]
    return max(labels) if labels else None


def _plain(value: Any) -> Any:
    """A JSON-ready stand-in for an argument value (never an object address)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [_plain(v) for v in items]
    if isinstance(value, (np.ndarray, pd.Series, pd.Index)):
        return f"<{type(value).__name__} of {len(value)} values>"
    text = repr(value)
    return text if " at 0x" not in text else f"<{type(value).__name__}>"


def _describe(source: Any) -> tuple[str | None, dict[str, Any], list[Any]]:
    """Fingerprint, tokenise settings and document dates of the data a function got
    (or of the data a result that carries its own ``provenance`` was made from)."""
    inherited = getattr(source, "provenance", None)
    if isinstance(inherited, Mapping) and inherited:
        return (inherited.get("corpus_fingerprint"),
                dict(inherited.get("settings", {}).get("tokenize", {})), [inherited.get("date")])
    documents = getattr(source, "documents", None)
    dates = documents["date"].tolist() if isinstance(documents, pd.DataFrame) else []
    settings = getattr(source, "settings", None)
    return (getattr(source, "fingerprint", None) or None,
            _plain(dict(settings)) if isinstance(settings, Mapping) else {}, dates)


def provenance(source: Any, function: str, arguments: Mapping[str, Any], *,
               fingerprint: str | None = None, dates: Iterable[Any] = ()) -> dict[str, Any]:
    """The provenance record of a result computed by `function` from `source`.

    Parameters
    ----------
    source : Tokens or any object
        The data; its ``fingerprint``, ``settings`` and ``documents["date"]``
        are read when it has them.
    function : str
        The name of the function that made the result.
    arguments : Mapping
        Its other arguments.
    fingerprint, dates : optional
        For a source that is not a `Tokens` (documents read by `kwic`).

    Examples
    --------
    >>> record = provenance(None, "trend", {"by": "year"}, fingerprint="ab12", dates=["2019"])
    >>> record["settings"]["function"], record["corpus_fingerprint"], record["date"]
    ('trend', 'ab12', '2019')
    """
    found, tokenize_settings, found_dates = _describe(source)
    return {
        "analysis_version": package_version(),
        "corpus_fingerprint": fingerprint or found,
        "settings": {"function": function,
                     "arguments": {k: _plain(v) for k, v in arguments.items()},
                     "tokenize": tokenize_settings},
        "date": source_date([*found_dates, *dates]),
    }


def stamped(func: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a table function whose first argument is the data: the table it
    returns gets ``attrs["provenance"]`` (a result that is not a DataFrame is
    returned as is)."""
    signature = inspect.signature(func)
    first = next(iter(signature.parameters))

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = func(*args, **kwargs)
        if isinstance(result, pd.DataFrame):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            arguments = dict(bound.arguments)
            source = arguments.pop(first)
            result.attrs["provenance"] = provenance(source, func.__name__, arguments)
        return result

    return wrapper
