"""Tables a person reads: the key columns of wide tables, numbers at a sensible precision.

The library's DataFrames keep every column at full precision; `readable`
makes a copy for the eye (the command line prints it, notebooks may show
it): rates and G² with one decimal, p-values in scientific notation, and
for collocates and keyness only the columns a reader needs, unless all are
asked for. This module imports nothing from ``analysis``.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["both_ends", "fit_width", "key_columns", "readable"]

_ONE_DECIMAL = frozenset({"per_10k", "rate", "ci_low", "ci_high", "g2", "chi2", "pct_diff", "e1", "e2", "e11",
                          "t_score", "z_score", "expected"})
_P_VALUES = frozenset({"p", "p_value", "p_adjusted"})
# numbers (also as readable shows them) and dates are never shortened
_NUMBER_OR_DATE = r"^\s*([-+]?(\d[\d,]*)?(\.\d+)?([eE][-+]?\d+)?|\d{4}-\d\d(-\d\d)?)\s*$"


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


def fit_width(shown: pd.DataFrame, width: int, *, narrowest: int = 8) -> pd.DataFrame:
    """A copy of `shown` that fits `width` columns when printed with ``to_string(index=False)``.

    Runs of white space in text cells become one space (a line break in a
    cell would break the table's lines). While a printed line is wider than
    `width`, the widest text column is shortened with ``…``, never below
    `narrowest` characters or its header: a concordance's ``left`` context
    loses its start, so the words next to the keyword stay; any other text
    loses its end; the widest columns give way first, together, and
    identifiers (``doc_id``, ``id_a``) only when nothing else can. Numbers
    (also as `readable` shows them) and dates are never shortened, so a
    table of many numeric columns may stay wider.

    Examples
    --------
    >>> import pandas as pd
    >>> lines = pd.DataFrame({"left": ["de kat zag de"], "keyword": ["hond"], "right": ["en de kat sliep"]})
    >>> print(fit_width(lines, 26).to_string(index=False))
        left keyword    right
    … zag de    hond en de k…
    """
    if isinstance(width, bool) or not isinstance(width, int) or width < 1:
        raise ValueError(f"width must be an int >= 1, got {width!r}")
    shown = shown.copy()
    texts = [c for c in shown.columns if _is_text(shown[c]) and not _numbers_or_dates(shown[c])]
    for column in texts:
        shown[column] = shown[column].map(lambda v: " ".join(v.split()) if isinstance(v, str) else v)
    floors = {c: max(narrowest, len(str(c))) for c in texts}
    ids = [c for c in texts if c == "id" or c.startswith(("id_", "doc_id")) or c.endswith("_id")]
    shown = _shrink(shown, [c for c in texts if c not in ids], floors, width)
    return _shrink(shown, texts, floors, width)  # identifiers only when the rest cannot give way


def _shrink(shown: pd.DataFrame, texts: list[str], floors: dict[str, int], width: int) -> pd.DataFrame:
    """Shorten the widest of `texts` (the widest together) until the printed lines fit `width`."""
    while texts and len(shown):
        excess = max(len(line) for line in shown.to_string(index=False).splitlines()) - width
        lengths = {c: int(shown[c].map(lambda v: len(str(v))).max()) for c in texts}
        wide = [c for c in texts if lengths[c] > floors[c]]
        if excess <= 0 or not wide:
            break
        top = max(lengths[c] for c in wide)
        tied = [c for c in wide if lengths[c] == top]
        lower = max([lengths[c] for c in wide if lengths[c] < top] + [floors[c] for c in tied])
        keep = max(lower, top - -(-excess // len(tied)))
        for column in tied:
            shown[column] = shown[column].map(lambda v, n=keep, c=column: _clip(v, n, from_start=c == "left"))
    return shown


def _is_text(values: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)


def _numbers_or_dates(values: pd.Series) -> bool:
    return bool(values.dropna().astype(str).str.match(_NUMBER_OR_DATE).all())


def _clip(value: object, keep: int, *, from_start: bool) -> object:
    """`value` cut to `keep` characters with an ellipsis where it was cut."""
    text = str(value)
    if len(text) <= keep:
        return value
    return "…" + text[len(text) - keep + 1:] if from_start else text[:keep - 1] + "…"
