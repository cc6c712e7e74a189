"""Tables written for other programs: CSV that a spreadsheet opens as data.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a
formula (and strips a leading tab or carriage return before deciding), so
a text cell read from a corpus, such as ``=HYPERLINK("http://...")`` in a
title or a concordance line, would run when the CSV is opened. Following
OWASP's advice on CSV injection, every text cell (and column name) that
begins with one of ``= + - @``, a tab or a carriage return is written with a
single quote in front: the spreadsheet shows the text, not its result.
Numbers are left alone (``-1.5`` in a numeric column is a number, not a
formula); so is JSON output. Reading such a CSV back, a text cell that
begins with ``'`` followed by one of those characters is the original
text with the quote added.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

__all__ = ["FORMULA_STARTS", "neutralise_formulas", "to_csv"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names cannot run as
    spreadsheet formulas: those beginning with ``=``, ``+``, ``-``, ``@``, a
    tab or a carriage return get a leading ``'``. Numeric columns are kept.

    Examples
    --------
    >>> frame = pd.DataFrame({"term": ["=1+1", "@SUM(A1)", "-x", "wagner"], "score": [-1.5, 2, 0, 1]})
    >>> neutralise_formulas(frame).to_dict("list")
    {'term': ["'=1+1", "'@SUM(A1)", "'-x", 'wagner'], 'score': [-1.5, 2.0, 0.0, 1.0]}
    """
    out = frame.copy()
    for column in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column])):
            out[column] = out[column].map(_safe)
    out.columns = [_safe(name) for name in out.columns]
    return out


def to_csv(frame: pd.DataFrame, target: str | Path | TextIO | None = None) -> str | None:
    """Write ``frame`` as CSV (no index) with formulas neutralised, to a path
    or an open text file; without ``target``, return the CSV text.

    Examples
    --------
    >>> print(to_csv(pd.DataFrame({"title": ["=HYPERLINK(\\"http://x\\")"], "count": [-3]})), end="")
    title,count
    "'=HYPERLINK(""http://x"")",-3
    """
    safe = neutralise_formulas(frame)
    if target is None:
        buffer = io.StringIO()
        safe.to_csv(buffer, index=False)
        return buffer.getvalue()
    safe.to_csv(target, index=False)
    return None
