"""Tables a person reads: the key columns of wide tables, numbers at a sensible precision.

The library's DataFrames keep every column at full precision; `readable`
makes a copy for the eye (the command line prints it, notebooks may show
it): rates and G² with one decimal, p-values in scientific notation, and
for collocates and keyness only the columns a reader needs, unless all are
asked for. This module imports nothing from ``analysis``.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["both_ends", "key_columns", "readable"]

_ONE_DECIMAL = frozenset({"per_10k", "rate", "ci_low", "ci_high", "g2", "chi2", "pct_diff", "e1", "e2", "e11",
                          "t_score", "z_score", "expected"})
_P_VALUES = frozenset({"p", "p_value", "p_adjusted"})


def key_columns(frame: pd.DataFrame, *, measure: str | None = None) -> list[str]:
    """The columns a reader needs: for collocates and keyness a few, otherwise all.

    Collocates (a table with ``o11``): the node and term, the joint and
    term counts, the measure. Keyness (``count_target``,
    ``count_reference``, ``p_adjusted``): the term, its counts, its
    documents in the target, the measure (G² is signed: negative for
    under-use) and the adjusted p-value. A grouping column (``by=``)
    stays first.

    Examples
    --------
    >>> import pandas as pd
    >>> key_columns(pd.DataFrame(columns=["node", "term", "o11", "e11", "term_count", "pmi", "log_dice"]))
    ['node', 'term', 'o11', 'term_count', 'log_dice']
    >>> key_columns(pd.DataFrame(columns=["term", "count"]))
    ['term', 'count']
    """
    columns = list(frame.columns)
    first = [columns[0]] if columns and columns[0] not in ("node", "term") else []  # a by= column
    if "o11" in columns:
        wanted = [*first, "node", "term", "o11", "term_count", measure or frame.attrs.get("measure", "log_dice")]
    elif {"count_target", "count_reference", "p_adjusted"} <= set(columns):
        # direction is the sign of g2; --all-columns shows the rest (this fits 100 terminal columns)
        wanted = [*first, "term", "count_target", "count_reference", "doc_count_target",
                  measure or frame.attrs.get("measure", "g2"), "p_adjusted"]
    else:
        return columns
    return [c for c in dict.fromkeys(wanted) if c in columns]


def readable(frame: pd.DataFrame, *, all_columns: bool = False, measure: str | None = None) -> pd.DataFrame:
    """A copy of `frame` for reading: key columns (or all) and numbers as text at a sensible precision.

    Rates, G² and chi² get one decimal, p-values scientific notation with
    two significant digits, other fractions two decimals; counts stay
    integers. The input is not changed.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": ["wet"], "per_10k": [12.3456], "doc_share": [0.12345], "p_value": [3.2e-12]})
    >>> readable(table).iloc[0].tolist()
    ['wet', '12.3', '0.12', '3.2e-12']
    """
    shown = frame if all_columns else frame[key_columns(frame, measure=measure)]
    shown = shown.copy()
    for column in shown.columns:
        values = shown[column]
        if values.dtype.kind != "f":
            continue
        spec = ".1e" if column in _P_VALUES else ".1f" if column in _ONE_DECIMAL else ".2f"
        shown[column] = values.map(lambda v, s=spec: "" if pd.isna(v) else format(v, s))
    return shown


def both_ends(keyness: pd.DataFrame, top: int) -> pd.DataFrame:
    """The `top` most over-used and the `top` most under-used terms of a keyness table.

    A keyness table lists over-use first and under-use last; ``head(top)``
    shows only one end. Here the under-used terms follow, most under-used
    first.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"term": list("abcde"), "direction": ["over", "over", "none", "under", "under"]})
    >>> both_ends(table, 1)["term"].tolist()
    ['a', 'e']
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be an int >= 1, got {top!r}")
    over = keyness[keyness["direction"] == "over"].head(top)
    under = keyness[keyness["direction"] == "under"].iloc[::-1].head(top)
    return pd.concat([over, under])
