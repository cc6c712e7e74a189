"""Association, keyness, interval and dispersion formulas, vectorised, in one place.

Every statistic the workbench reports is computed here and nowhere else:
``frequency.py`` (keyness, trends, dispersion) and ``collocation.py``
(collocates) call these functions with whole numpy arrays of counts. The
module imports nothing from ``analysis``.

Conventions
-----------
* Arguments are scalars or array-likes that broadcast against each other;
  results are float64 ``numpy.ndarray`` (0-d for scalar input).
* Counts may be non-integer (weighted counts) but must be finite and >= 0.
  Impossible tables raise ``ValueError`` naming the bad value.
* No floating-point warnings leak out. Where a formula divides zero by zero
  the result is ``nan``; other limits (``-inf`` for the log of a zero
  count, ``0 * ln 0 = 0``) are stated in each docstring.

Notation
--------
Collocation (Evert 2005, 2008) uses a 2x2 contingency table of a node ``u``
(rows) and a collocate ``v`` (columns) in a sample of ``n`` co-occurrence
slots::

                 v          not v
    u        o11        o12          r1 = o11 + o12
    not u    o21        o22          r2 = n - r1
             c1         c2 = n - c1  n

with ``o12 = r1 - o11``, ``o21 = c1 - o11``, ``o22 = n - r1 - c1 + o11``
and expected frequencies ``e_ij = r_i * c_j / n``.

Keyness (Rayson & Garside 2000) compares a term's frequency ``a`` in a
target corpus of ``c`` tokens with its frequency ``b`` in a reference corpus
of ``d`` tokens. It is the same 2x2 table with ``o11 = a``, ``o12 = b``,
``o21 = c - a``, ``o22 = d - b`` (so ``r1 = a + b``, ``c1 = c``,
``n = c + d``), which is why one G² and one chi-squared serve both.

References
----------
Evert, S. (2005). *The Statistics of Word Cooccurrences: Word Pairs and
Collocations*. PhD thesis, Universität Stuttgart.
Evert, S. (2008). Corpora and collocations. In A. Lüdeling & M. Kytö (eds.),
*Corpus Linguistics. An International Handbook*, article 58.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse
import scipy.special
import scipy.stats
from numpy.typing import ArrayLike

__all__ = [
    "ASSOCIATION_KEYS",
    "DISPERSION_KEYS",
    "KEYNESS_KEYS",
    "PVALUE_METHODS",
    "adjust_pvalues",
    "rate_change_g2",
    "association_scores",
    "chi_squared",
    "contingency_table",
    "delta_p",
    "dice",
    "dispersion_scores",
    "expected_frequencies",
    "jaccard",
    "keyness_scores",
    "log_dice",
    "log_likelihood",
    "log_ratio",
    "mi3",
    "npmi",
    "pmi",
    "poisson_interval",
    "t_score",
    "topic_coherence",
    "wilson_interval",
    "z_score",
]

PVALUE_METHODS = ("fdr_bh", "bonferroni", "holm", "none")
DELTA_P_GIVEN = ("node", "collocate")


# ---------------------------------------------------------------------------
# validation helpers
# ---------------------------------------------------------------------------


def _first(values: np.ndarray, mask: np.ndarray) -> Any:
    """Return the first value of ``values`` where ``mask`` holds, as a Python scalar."""
    return np.asarray(values)[np.asarray(mask)].flat[0].item()


def _as_float(name: str, value: ArrayLike) -> np.ndarray:
    """Convert to a finite float64 array or raise naming the bad value."""
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric, got {value!r}") from exc
    bad = ~np.isfinite(arr)
    if bad.any():
        raise ValueError(f"{name} must be finite, got {_first(arr, bad)!r}")
    return arr


def _as_count(name: str, value: ArrayLike) -> np.ndarray:
    """Convert to a finite, non-negative float64 array or raise."""
    arr = _as_float(name, value)
    bad = arr < 0
    if bad.any():
        raise ValueError(f"{name} must be >= 0, got {_first(arr, bad)!r}")
    return arr


def _check_le(name_a: str, a: np.ndarray, name_b: str, b: np.ndarray) -> None:
    """Raise unless ``a <= b`` everywhere (arrays already broadcast)."""
    bad = a > b
    if bad.any():
        raise ValueError(
            f"{name_a} must be <= {name_b}, got {name_a}={_first(a, bad)!r} "
            f"> {name_b}={_first(b, bad)!r}"
        )


def _check_positive(name: str, arr: np.ndarray) -> None:
    bad = arr <= 0
    if bad.any():
        raise ValueError(f"{name} must be > 0, got {_first(arr, bad)!r}")


def _check_confidence(confidence: float) -> float:
    if not isinstance(confidence, int | float) or not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1 (exclusive), got {confidence!r}")
    return float(confidence)


def _check_zero_adjustment(zero_adjustment: float) -> float:
    if (
        not isinstance(zero_adjustment, int | float)
        or not np.isfinite(zero_adjustment)
        or zero_adjustment < 0
    ):
        raise ValueError(f"zero_adjustment must be a finite number >= 0, got {zero_adjustment!r}")
    return float(zero_adjustment)


def _table_args(
    o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Validate and broadcast the marginals of a 2x2 table."""
    o11_a = _as_count("o11", o11)
    r1_a = _as_count("r1", r1)
    c1_a = _as_count("c1", c1)
    n_a = _as_count("n", n)
    try:
        o11_a, r1_a, c1_a, n_a = np.broadcast_arrays(o11_a, r1_a, c1_a, n_a)
    except ValueError as exc:
        raise ValueError(
            "o11, r1, c1 and n must broadcast together, got shapes "
            f"{o11_a.shape}, {r1_a.shape}, {c1_a.shape}, {n_a.shape}"
        ) from exc
    _check_positive("n", n_a)
    _check_le("o11", o11_a, "r1", r1_a)
    _check_le("o11", o11_a, "c1", c1_a)
    _check_le("r1", r1_a, "n", n_a)
    _check_le("c1", c1_a, "n", n_a)
    _check_le("r1 + c1 - o11", r1_a + c1_a - o11_a, "n", n_a)
    return o11_a, r1_a, c1_a, n_a


# ---------------------------------------------------------------------------
# private cores: validated, broadcast float64 arrays in, no errstate handling
# (callers wrap them in np.errstate). Each formula lives in exactly one core.
# ---------------------------------------------------------------------------


def _cells(o11, r1, c1, n):
    """Observed cells (o11, o12, o21, o22)."""
    return o11, r1 - o11, c1 - o11, n - r1 - c1 + o11


def _expected(r1, c1, n):
    """Expected cells (e11, e12, e21, e22) under independence."""
    r2 = n - r1
    c2 = n - c1
    return r1 * c1 / n, r1 * c2 / n, r2 * c1 / n, r2 * c2 / n


def _excess(o11, r1, c1, n):
    """``n * (o11 - e11) = o11 * n - r1 * c1``, exact for integer counts below 2**53.

    In a 2x2 table ``|o_ij - e_ij|`` is the same for all four cells and
    equals ``|o11 * o22 - o12 * o21| / n``.
    """
    return o11 * n - r1 * c1


def _pmi(o11, r1, c1, n):
    return np.log2(o11 * n / (r1 * c1))


def _g2(o11, r1, c1, n):
    total = np.zeros(np.shape(o11))
    r2 = n - r1
    c2 = n - c1
    for o, r, c in zip(_cells(o11, r1, c1, n), (r1, r1, r2, r2), (c1, c2, c1, c2), strict=True):
        # o / e = o * n / (r * c); o > 0 implies r * c > 0, and 0 * ln 0 = 0.
        total = total + np.where(o > 0, o * np.log(o * n / (r * c)), 0.0)
    return np.maximum(2.0 * total, 0.0)


def _chi2(o11, r1, c1, n, yates):
    deviation = np.abs(_excess(o11, r1, c1, n)) / n  # |o_ij - e_ij|, same in every cell
    if yates:
        # scipy's rule: move each observed cell towards its expectation by
        # min(0.5, |o - e|), so the correction never overshoots.
        deviation = np.maximum(deviation - 0.5, 0.0)
    # sum_ij 1 / e_ij = n**3 / (r1 * r2 * c1 * c2)
    inverse_expected = (n / r1) * (n / (n - r1)) * (n / c1) * (n / (n - c1)) / n
    chi2 = deviation**2 * inverse_expected
    # An empty row or column: o_ij = e_ij in every cell, so the statistic is 0.
    degenerate = (r1 == 0) | (c1 == 0) | (r1 == n) | (c1 == n)
    return np.where(degenerate, 0.0, chi2)


def _relative_risk(a, c, b, d, zero_adjustment):
    """``(a / c) / (b / d)`` with zero ``a`` or ``b`` replaced; nan when both are 0."""
    a_adj = np.where(a == 0, zero_adjustment, a)
    b_adj = np.where(b == 0, zero_adjustment, b)
    ratio = (a_adj / c) / (b_adj / d)
    return np.where((a == 0) & (b == 0), np.nan, ratio)


def _npmi(o11, r1, c1, n):
    value = _pmi(o11, r1, c1, n) / -np.log2(o11 / n)
    value = np.where((o11 == 0) & (r1 > 0) & (c1 > 0), -1.0, value)
    return np.where(o11 == n, 1.0, value)


def _mi3(o11, r1, c1, n):
    return _pmi(o11, r1, c1, n) + 2.0 * np.log2(o11)


def _signed(g2, o11, r1, c1, n):
    """Negate G² where ``o11 < e11`` (repulsion, or under-use in keyness)."""
    return np.where(_excess(o11, r1, c1, n) < 0, -g2, g2)


def _t_score(o11, r1, c1, n):
    return _excess(o11, r1, c1, n) / n / np.sqrt(o11)


def _z_score(o11, r1, c1, n):
    return _excess(o11, r1, c1, n) / n / np.sqrt(r1 * c1 / n)


def _dice(o11, r1, c1):
    return 2.0 * o11 / (r1 + c1)


def _jaccard(o11, r1, c1):
    return o11 / (r1 + c1 - o11)


def _delta_p(o11, r1, c1, n):
    """ΔP(collocate | node); swap r1 and c1 for ΔP(node | collocate)."""
    return o11 / r1 - (c1 - o11) / (n - r1)


def _log_ratio(o11, r1, c1, n, zero_adjustment):
    ratio = _relative_risk(o11, r1, c1 - o11, n - r1, zero_adjustment)
    return np.log2(np.where((r1 == 0) | (r1 == n), np.nan, ratio))


def _broadcast_out(value) -> np.ndarray:
    return np.asarray(value, dtype=np.float64)


def _quiet() -> np.errstate:
    """Silence the floating-point warnings of 0/0, x/0 and log(0); results say nan/inf."""
    return np.errstate(divide="ignore", invalid="ignore", over="ignore")


# ---------------------------------------------------------------------------
# 1. association measures for collocations
# ---------------------------------------------------------------------------


def contingency_table(
    o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return the four observed cells of a 2x2 table from its marginals.

    Parameters
    ----------
    o11 : array_like
        Joint frequency of node and collocate.
    r1 : array_like
        Node (row) marginal, ``o11 + o12``.
    c1 : array_like
        Collocate (column) marginal, ``o11 + o21``.
    n : array_like
        Sample size, ``> 0``.

    Returns
    -------
    tuple of numpy.ndarray
        ``(o11, o12, o21, o22)`` with ``o12 = r1 - o11``, ``o21 = c1 - o11``,
        ``o22 = n - r1 - c1 + o11`` (Evert 2008), broadcast, float64.

    Raises
    ------
    ValueError
        If a count is negative or not finite, ``n <= 0``, or the marginals
        admit no table (``o11 > r1``, ``o11 > c1``, ``r1 > n``, ``c1 > n``
        or ``o22 < 0``).

    Examples
    --------
    >>> contingency_table(8, 16, 32, 256)
    (array(8.), array(8.), array(24.), array(216.))
    """
    o11_a, o12, o21, o22 = _cells(*_table_args(o11, r1, c1, n))
    return _broadcast_out(o11_a), _broadcast_out(o12), _broadcast_out(o21), _broadcast_out(o22)


def expected_frequencies(
    o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return the expected cells of a 2x2 table under independence.

    ``e_ij = r_i * c_j / n`` with ``r2 = n - r1`` and ``c2 = n - c1``
    (Evert 2008). ``o11`` is only used to validate the table.

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size.

    Returns
    -------
    tuple of numpy.ndarray
        ``(e11, e12, e21, e22)``, broadcast, float64.

    Examples
    --------
    >>> expected_frequencies(8, 16, 32, 256)
    (array(2.), array(14.), array(30.), array(210.))
    """
    _, r1_a, c1_a, n_a = _table_args(o11, r1, c1, n)
    e11, e12, e21, e22 = _expected(r1_a, c1_a, n_a)
    return _broadcast_out(e11), _broadcast_out(e12), _broadcast_out(e21), _broadcast_out(e22)


def pmi(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> np.ndarray:
    """Pointwise mutual information, ``log2(o11 / e11)``.

    Church & Hanks (1990); Evert (2008) "MI". Equals NLTK's
    ``BigramAssocMeasures.pmi(o11, (r1, c1), n)``.

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size.

    Returns
    -------
    numpy.ndarray
        PMI in bits. ``-inf`` when ``o11 == 0`` and ``e11 > 0``; ``nan``
        when ``r1 == 0`` or ``c1 == 0`` (``0 / 0``).

    Examples
    --------
    >>> pmi([8, 0], 16, 32, 256)  # e11 = 16 * 32 / 256 = 2; log2(8 / 2) = 2
    array([  2., -inf])
    """
    args = _table_args(o11, r1, c1, n)
    with _quiet():
        return _broadcast_out(_pmi(*args))


def npmi(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> np.ndarray:
    """Normalised PMI, ``pmi / -log2(o11 / n)`` (Bouma 2009).

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size.

    Returns
    -------
    numpy.ndarray
        Values in ``[-1, 1]``: -1 for words that never co-occur
        (``o11 == 0`` with ``e11 > 0``, Bouma's limit), 0 for independence,
        1 for complete co-occurrence (``o11 == r1 == c1``; also when
        ``o11 == n``, where the formula is ``0 / 0``). ``nan`` when
        ``r1 == 0`` or ``c1 == 0``.

    References
    ----------
    Bouma, G. (2009). Normalized (pointwise) mutual information in
    collocation extraction. *Proceedings of GSCL*, 31-40.

    Examples
    --------
    >>> npmi([8, 0], 16, 32, 256)  # 2 / -log2(8 / 256) = 2 / 5
    array([ 0.4, -1. ])
    """
    args = _table_args(o11, r1, c1, n)
    with _quiet():
        return _broadcast_out(_npmi(*args))


def mi3(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> np.ndarray:
    """MI³, ``log2(o11**3 / e11)`` (Daille 1994; Evert 2008).

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size.

    Returns
    -------
    numpy.ndarray
        MI³ in bits, computed as ``pmi + 2 * log2(o11)``. ``-inf`` when
        ``o11 == 0`` and ``e11 > 0``; ``nan`` when ``r1 == 0`` or ``c1 == 0``.

    Examples
    --------
    >>> mi3(8, 16, 32, 256)  # log2(8**3 / 2) = log2(256)
    array(8.)
    """
    args = _table_args(o11, r1, c1, n)
    with _quiet():
        return _broadcast_out(_mi3(*args))


def log_likelihood(
    o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike, *, signed: bool = False
) -> np.ndarray:
    """Log-likelihood ratio G² over all four cells (Dunning 1993).

    ``G² = 2 * sum_ij o_ij * ln(o_ij / e_ij)`` with ``0 * ln 0 = 0``. Equals
    NLTK's ``BigramAssocMeasures.likelihood_ratio`` and
    ``scipy.stats.chi2_contingency(table, correction=False,
    lambda_="log-likelihood")``.

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size.
    signed : bool, default False
        If True, return ``-G²`` where ``o11 < e11`` (repulsion), so that a
        descending sort lists attraction first (Evert 2008, one-sided G²).

    Returns
    -------
    numpy.ndarray
        G² >= 0 (or signed). A table with an empty row or column
        (``r1`` or ``c1`` equal to 0 or ``n``) has ``o_ij = e_ij`` and G² = 0.

    References
    ----------
    Dunning, T. (1993). Accurate methods for the statistics of surprise and
    coincidence. *Computational Linguistics* 19(1), 61-74.

    Examples
    --------
    >>> log_likelihood([8, 0], 16, 32, 256, signed=True).round(6)
    array([14.685786, -4.422578])
    """
    args = _table_args(o11, r1, c1, n)
    with _quiet():
        g2 = _g2(*args)
        return _broadcast_out(_signed(g2, *args) if signed else g2)


def t_score(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> np.ndarray:
    """t-score, ``(o11 - e11) / sqrt(o11)`` (Church et al. 1991; Evert 2008).

    NLTK's ``student_t`` computes ``(o11 - e11) / sqrt(o11 + 1e-20)``; the
    two agree to 1e-9 whenever ``o11 > 0``. For ``o11 == 0`` NLTK returns a
    huge negative number (``-e11 * 1e10``), this function ``-inf``.

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size.

    Returns
    -------
    numpy.ndarray
        ``-inf`` when ``o11 == 0`` and ``e11 > 0``; ``nan`` when
        ``o11 == e11 == 0``.

    Examples
    --------
    >>> t_score(8, 16, 32, 256)  # (8 - 2) / sqrt(8) = 3 / sqrt(2)
    array(2.12132034)
    """
    args = _table_args(o11, r1, c1, n)
    with _quiet():
        return _broadcast_out(_t_score(*args))


def z_score(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> np.ndarray:
    """z-score, ``(o11 - e11) / sqrt(e11)`` (Dennis 1965; Evert 2008).

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size.

    Returns
    -------
    numpy.ndarray
        ``-sqrt(e11)`` when ``o11 == 0``; ``nan`` when ``e11 == 0``
        (then ``o11 == 0`` too).

    Examples
    --------
    >>> z_score(8, 16, 32, 256)  # (8 - 2) / sqrt(2)
    array(4.24264069)
    """
    args = _table_args(o11, r1, c1, n)
    with _quiet():
        return _broadcast_out(_z_score(*args))


def chi_squared(
    o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike, *, yates: bool = False
) -> np.ndarray:
    """Pearson's chi-squared over all four cells, ``sum_ij (o_ij - e_ij)**2 / e_ij``.

    In a 2x2 table this equals ``n * (o11*o22 - o12*o21)**2 / (r1*r2*c1*c2)``,
    NLTK's ``BigramAssocMeasures.chi_sq``, and
    ``scipy.stats.chi2_contingency(table, correction=yates).statistic``.

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size.
    yates : bool, default False
        Apply Yates' continuity correction the way scipy does: every
        ``|o_ij - e_ij|`` is reduced by ``min(0.5, |o_ij - e_ij|)``, so the
        correction never flips the sign of the deviation.

    Returns
    -------
    numpy.ndarray
        Chi-squared >= 0; 0 for a table with an empty row or column
        (``r1`` or ``c1`` equal to 0 or ``n``), where ``o_ij = e_ij``.

    Examples
    --------
    >>> chi_squared(8, 16, 32, 256)  # 6**2 * (1/2 + 1/14 + 1/30 + 1/210)
    array(21.94285714)
    >>> chi_squared(8, 16, 32, 256, yates=True)  # 5.5**2 * 128 / 210
    array(18.43809524)
    """
    o11_a, r1_a, c1_a, n_a = _table_args(o11, r1, c1, n)
    with _quiet():
        return _broadcast_out(_chi2(o11_a, r1_a, c1_a, n_a, bool(yates)))


def dice(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> np.ndarray:
    """Dice coefficient, ``2 * o11 / (r1 + c1)`` (Dice 1945; Smadja et al. 1996).

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size
        (``n`` is only used for validation).

    Returns
    -------
    numpy.ndarray
        Values in ``[0, 1]``; ``nan`` when ``r1 == c1 == 0``.

    Examples
    --------
    >>> dice(8, 16, 32, 256)  # 16 / 48
    array(0.33333333)
    """
    o11_a, r1_a, c1_a, _ = _table_args(o11, r1, c1, n)
    with _quiet():
        return _broadcast_out(_dice(o11_a, r1_a, c1_a))


def log_dice(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> np.ndarray:
    """logDice, ``14 + log2(dice)`` (Rychlý 2008).

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size.

    Returns
    -------
    numpy.ndarray
        At most 14; ``-inf`` when ``o11 == 0`` (and ``r1 + c1 > 0``); ``nan``
        when ``r1 == c1 == 0``.

    References
    ----------
    Rychlý, P. (2008). A lexicographer-friendly association score.
    *Proceedings of RASLAN 2008*, 6-9.

    Examples
    --------
    >>> log_dice(8, 16, 32, 256)  # 14 + log2(1 / 3)
    array(12.4150375)
    """
    o11_a, r1_a, c1_a, _ = _table_args(o11, r1, c1, n)
    with _quiet():
        return _broadcast_out(14.0 + np.log2(_dice(o11_a, r1_a, c1_a)))


def jaccard(o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike) -> np.ndarray:
    """Jaccard index, ``o11 / (r1 + c1 - o11)`` = ``o11 / (o11 + o12 + o21)``.

    Equals NLTK's ``BigramAssocMeasures.jaccard``.

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size
        (``n`` is only used for validation).

    Returns
    -------
    numpy.ndarray
        Values in ``[0, 1]``; ``nan`` when ``r1 == c1 == 0``.

    Examples
    --------
    >>> jaccard(8, 16, 32, 256)  # 8 / 40
    array(0.2)
    """
    o11_a, r1_a, c1_a, _ = _table_args(o11, r1, c1, n)
    with _quiet():
        return _broadcast_out(_jaccard(o11_a, r1_a, c1_a))


def delta_p(
    o11: ArrayLike, r1: ArrayLike, c1: ArrayLike, n: ArrayLike, *, given: str = "node"
) -> np.ndarray:
    """ΔP, the directional difference of conditional probabilities (Gries 2013).

    * ``given="node"``: ΔP(collocate | node) ``= o11 / r1 - o21 / (n - r1)``,
      how much more likely the collocate is next to the node than elsewhere.
    * ``given="collocate"``: ΔP(node | collocate) ``= o11 / c1 - o12 / (n - c1)``.

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size.
    given : {"node", "collocate"}, default "node"
        The conditioning word.

    Returns
    -------
    numpy.ndarray
        Values in ``[-1, 1]``; ``nan`` when the conditioning marginal is 0
        or equals ``n``.

    References
    ----------
    Gries, S. Th. (2013). 50-something years of work on collocations.
    *International Journal of Corpus Linguistics* 18(1), 137-165.

    Examples
    --------
    >>> delta_p(8, 16, 32, 256)  # 8/16 - 24/240
    array(0.4)
    >>> delta_p(8, 16, 32, 256, given="collocate")  # 8/32 - 8/224 = 3/14
    array(0.21428571)
    """
    if given not in DELTA_P_GIVEN:
        raise ValueError(f"given must be one of {DELTA_P_GIVEN}, got {given!r}")
    o11_a, r1_a, c1_a, n_a = _table_args(o11, r1, c1, n)
    with _quiet():
        if given == "node":
            return _broadcast_out(_delta_p(o11_a, r1_a, c1_a, n_a))
        return _broadcast_out(_delta_p(o11_a, c1_a, r1_a, n_a))


def log_ratio(
    o11: ArrayLike,
    r1: ArrayLike,
    c1: ArrayLike,
    n: ArrayLike,
    *,
    zero_adjustment: float = 0.5,
) -> np.ndarray:
    """Log Ratio of a collocate near the node versus elsewhere (Hardie 2014).

    ``log2((o11 / r1) / (o21 / (n - r1)))``: the binary log of how many
    times more frequent the collocate is in the node's ``r1`` slots than in
    the other ``n - r1``. It is the keyness Log Ratio of
    :func:`keyness_scores` with ``a = o11, c = r1, b = o21, d = n - r1``.

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size.
    zero_adjustment : float, default 0.5
        Hardie's adjustment: an ``o11`` or ``o21`` that is exactly 0 is
        replaced by this value (the sizes ``r1`` and ``n - r1`` never are).
        With 0 the result is ``-inf`` or ``inf``.

    Returns
    -------
    numpy.ndarray
        Log Ratio in bits; ``nan`` when ``o11 == o21 == 0`` (``c1 == 0``)
        or when ``r1`` is 0 or ``n``.

    References
    ----------
    Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for
    Corpus Approaches to Social Science (CASS), Lancaster University.

    Examples
    --------
    >>> log_ratio(8, 16, 32, 256)  # log2((8/16) / (24/240)) = log2(5)
    array(2.32192809)
    >>> log_ratio(0, 16, 32, 256)  # log2((0.5/16) / (32/240))
    array(-2.0931094)
    """
    adjustment = _check_zero_adjustment(zero_adjustment)
    args = _table_args(o11, r1, c1, n)
    with _quiet():
        return _broadcast_out(_log_ratio(*args, adjustment))


ASSOCIATION_KEYS = (
    "pmi",
    "npmi",
    "mi3",
    "g2",
    "t_score",
    "z_score",
    "chi2",
    "dice",
    "log_dice",
    "jaccard",
    "delta_p_node",
    "delta_p_collocate",
    "log_ratio",
)


def association_scores(
    o11: ArrayLike,
    r1: ArrayLike,
    c1: ArrayLike,
    n: ArrayLike,
    *,
    zero_adjustment: float = 0.5,
) -> dict[str, np.ndarray]:
    """Every association measure for the same 2x2 tables, in one dict.

    Parameters
    ----------
    o11, r1, c1, n : array_like
        Joint frequency, node marginal, collocate marginal, sample size.
    zero_adjustment : float, default 0.5
        Passed to :func:`log_ratio`.

    Returns
    -------
    dict of str to numpy.ndarray
        Keys, in this order (zero and degenerate cases as in each function):

        ``"pmi"``
            :func:`pmi`, ``log2(o11 / e11)``.
        ``"npmi"``
            :func:`npmi`, PMI normalised to ``[-1, 1]``.
        ``"mi3"``
            :func:`mi3`, ``log2(o11**3 / e11)``.
        ``"g2"``
            :func:`log_likelihood`, unsigned G² (two-sided: high for
            attraction and for repulsion; use ``log_likelihood(...,
            signed=True)`` for a one-sided ranking).
        ``"t_score"``
            :func:`t_score`, ``(o11 - e11) / sqrt(o11)``.
        ``"z_score"``
            :func:`z_score`, ``(o11 - e11) / sqrt(e11)``.
        ``"chi2"``
            :func:`chi_squared`, Pearson without Yates' correction.
        ``"dice"``
            :func:`dice`, ``2 * o11 / (r1 + c1)``.
        ``"log_dice"``
            :func:`log_dice`, ``14 + log2(dice)``.
        ``"jaccard"``
            :func:`jaccard`, ``o11 / (r1 + c1 - o11)``.
        ``"delta_p_node"``
            ΔP(collocate | node), :func:`delta_p` with ``given="node"``.
        ``"delta_p_collocate"``
            ΔP(node | collocate), :func:`delta_p` with ``given="collocate"``.
        ``"log_ratio"``
            :func:`log_ratio`, collocate near the node versus elsewhere.

    Examples
    --------
    >>> scores = association_scores([8, 1], [16, 16], [32, 32], 256)
    >>> list(scores) == list(ASSOCIATION_KEYS)
    True
    >>> scores["pmi"]  # log2(8 / 2), log2(1 / 2)
    array([ 2., -1.])
    """
    adjustment = _check_zero_adjustment(zero_adjustment)
    o11_a, r1_a, c1_a, n_a = args = _table_args(o11, r1, c1, n)
    with _quiet():
        dice_value = _dice(o11_a, r1_a, c1_a)
        scores = {
            "pmi": _pmi(*args),
            "npmi": _npmi(*args),
            "mi3": _mi3(*args),
            "g2": _g2(*args),
            "t_score": _t_score(*args),
            "z_score": _z_score(*args),
            "chi2": _chi2(*args, False),
            "dice": dice_value,
            "log_dice": 14.0 + np.log2(dice_value),
            "jaccard": _jaccard(o11_a, r1_a, c1_a),
            "delta_p_node": _delta_p(o11_a, r1_a, c1_a, n_a),
            "delta_p_collocate": _delta_p(o11_a, c1_a, r1_a, n_a),
            "log_ratio": _log_ratio(*args, adjustment),
        }
    return {key: _broadcast_out(value) for key, value in scores.items()}


# ---------------------------------------------------------------------------
# 2. keyness
# ---------------------------------------------------------------------------

KEYNESS_KEYS = (
    "e1",
    "e2",
    "g2",
    "g2_signed",
    "p_value",
    "chi2",
    "chi2_uncorrected",
    "log_ratio",
    "pct_diff",
    "relative_risk",
    "odds_ratio",
)


def keyness_scores(
    a: ArrayLike,
    b: ArrayLike,
    c: ArrayLike,
    d: ArrayLike,
    *,
    zero_adjustment: float = 0.5,
) -> dict[str, np.ndarray]:
    """Keyness of terms in a target corpus against a reference corpus.

    The 2x2 table is ``[[a, b], [c - a, d - b]]``: the term and all other
    tokens, in the target and in the reference corpus.

    Given document counts instead, the same table gives *text-dispersion
    keyness* (Egbert & Biber 2019): ``a`` and ``b`` the documents of target
    and reference that contain the term, ``c`` and ``d`` all their
    documents, so the table is documents with the term against documents
    without it, and every score below compares the share of documents
    using the term (`analysis.keyness` with ``per="documents"``).

    Parameters
    ----------
    a : array_like
        Frequency of the term in the target corpus (or the number of its
        documents holding the term).
    b : array_like
        Frequency of the term in the reference corpus (or documents).
    c : array_like
        Size of the target corpus in tokens (or documents), ``> 0`` and ``>= a``.
    d : array_like
        Size of the reference corpus in tokens (or documents), ``> 0`` and ``>= b``.
    zero_adjustment : float, default 0.5
        Stands in for a zero frequency in the ratio measures only (see
        below); ``e1``, ``e2``, G², p-value and chi-squared always use the
        raw counts. Use 0 for no adjustment (then ratios become 0 or inf).

    Returns
    -------
    dict of str to numpy.ndarray
        Keys, in this order:

        ``"e1"``, ``"e2"``
            Expected frequencies ``c * (a + b) / (c + d)`` and
            ``d * (a + b) / (c + d)`` (Rayson & Garside 2000).
        ``"g2"``
            Log-likelihood G² over the full 2x2 table (Dunning 1993), equal
            to ``scipy.stats.chi2_contingency(table, correction=False,
            lambda_="log-likelihood")``. Note: Rayson's online calculator
            uses only the two cells ``a`` and ``b``; this is the four-cell G².
        ``"g2_signed"``
            G², negated where ``a / c < b / d`` (under-use in the target).
        ``"p_value"``
            Upper tail of chi-squared with 1 degree of freedom at G², not
            corrected for multiple testing (see :func:`adjust_pvalues`).
        ``"chi2"``
            Pearson chi-squared with Yates' correction, equal to
            ``scipy.stats.chi2_contingency(table, correction=True)``.
        ``"chi2_uncorrected"``
            Pearson chi-squared without correction.
        ``"log_ratio"``
            Log Ratio (Hardie 2014), ``log2((a / c) / (b / d))``, where a
            zero ``a`` or zero ``b`` is replaced by ``zero_adjustment``.
        ``"pct_diff"``
            %DIFF (Gabrielatos & Marchi 2012),
            ``100 * (a / c - b / d) / (b / d)``, where only a zero ``b``
            is replaced by ``zero_adjustment`` (``a = 0`` gives -100 exactly).
        ``"relative_risk"``
            ``(a / c) / (b / d)`` with the Log Ratio adjustment
            (``2 ** log_ratio``).
        ``"odds_ratio"``
            ``(a * (d - b)) / (b * (c - a))``; when any of the four cells is
            0, ``zero_adjustment`` is added to all four (Haldane 1956).

        Every ratio measure is ``nan`` where ``a == b == 0``: a term absent
        from both corpora has no keyness.

    References
    ----------
    Rayson, P. & Garside, R. (2000). Comparing corpora using frequency
    profiling. *Workshop on Comparing Corpora*, ACL 2000, 1-6.
    Hardie, A. (2014). Log Ratio: an informal introduction. CASS, Lancaster.
    Gabrielatos, C. & Marchi, A. (2012). Keyness: appropriate metrics and
    practical issues. CADS International Conference, Bologna.
    Haldane, J. B. S. (1956). The estimation and significance of the
    logarithm of a ratio of frequencies. *Annals of Human Genetics* 20(4),
    309-311.
    Egbert, J. & Biber, D. (2019). Incorporating text dispersion into
    keyword analyses. *Corpora* 14(1), 77-104.

    Examples
    --------
    >>> k = keyness_scores([100, 0], [50, 50], 10_000, 20_000)
    >>> k["e1"], k["e2"]
    (array([50.        , 16.66666667]), array([100.        ,  33.33333333]))
    >>> k["log_ratio"]  # log2(0.01 / 0.0025) = 2; log2((0.5/10000) / 0.0025)
    array([ 2.        , -5.64385619])
    >>> k["pct_diff"]
    array([ 300., -100.])
    >>> k["g2_signed"].round(4)
    array([ 69.6919, -40.5882])

    Text-dispersion keyness: the term is in 3 of 3 target documents and in
    2 of 4 reference documents (table ``[[3, 2], [0, 2]]``):

    >>> k = keyness_scores(3, 2, 3, 4)
    >>> float(k["g2_signed"].round(4)), float(k["p_value"].round(4))
    (2.8306, 0.0925)
    """
    adjustment = _check_zero_adjustment(zero_adjustment)
    a_a = _as_count("a", a)
    b_a = _as_count("b", b)
    c_a = _as_count("c", c)
    d_a = _as_count("d", d)
    try:
        a_a, b_a, c_a, d_a = np.broadcast_arrays(a_a, b_a, c_a, d_a)
    except ValueError as exc:
        raise ValueError(
            "a, b, c and d must broadcast together, got shapes "
            f"{a_a.shape}, {b_a.shape}, {c_a.shape}, {d_a.shape}"
        ) from exc
    _check_positive("c", c_a)
    _check_positive("d", d_a)
    _check_le("a", a_a, "c", c_a)
    _check_le("b", b_a, "d", d_a)

    # The same table as a collocation: o11 = a, r1 = a + b, c1 = c, n = c + d.
    o11, r1, c1, n = a_a, a_a + b_a, c_a, c_a + d_a
    with _quiet():
        e11, e12, _, _ = _expected(r1, c1, n)
        g2 = _g2(o11, r1, c1, n)
        g2_signed = _signed(g2, o11, r1, c1, n)
        relative_risk = _relative_risk(a_a, c_a, b_a, d_a, adjustment)
        b_adj = np.where(b_a == 0, adjustment, b_a)
        pct_diff = 100.0 * (a_a / c_a - b_adj / d_a) / (b_adj / d_a)
        cells = np.stack(_cells(o11, r1, c1, n))
        cells = np.where((cells == 0).any(axis=0), cells + adjustment, cells)
        odds_ratio = (cells[0] * cells[3]) / (cells[1] * cells[2])
        absent = (a_a == 0) & (b_a == 0)
        scores = {
            "e1": e11,
            "e2": e12,
            "g2": g2,
            "g2_signed": g2_signed,
            "p_value": scipy.stats.chi2.sf(g2, 1),
            "chi2": _chi2(o11, r1, c1, n, True),
            "chi2_uncorrected": _chi2(o11, r1, c1, n, False),
            "log_ratio": np.log2(relative_risk),
            "pct_diff": np.where(absent, np.nan, pct_diff),
            "relative_risk": relative_risk,
            "odds_ratio": np.where(absent, np.nan, odds_ratio),
        }
    return {key: _broadcast_out(value) for key, value in scores.items()}


def adjust_pvalues(p: ArrayLike, *, method: str = "fdr_bh") -> np.ndarray:
    """Adjust p-values for multiple comparisons.

    Parameters
    ----------
    p : array_like
        P-values in ``[0, 1]``, any shape. ``nan`` entries are kept as
        ``nan`` and do not count towards the number of tests ``m``.
    method : {"fdr_bh", "bonferroni", "holm", "none"}, default "fdr_bh"
        * ``"fdr_bh"``: Benjamini & Hochberg (1995) false discovery rate,
          ``min_{j >= i} p_(j) * m / j`` over the sorted p-values (as
          ``scipy.stats.false_discovery_control(p, method="bh")``).
        * ``"bonferroni"``: ``p * m``.
        * ``"holm"``: Holm (1979) step-down,
          ``max_{j <= i} p_(j) * (m - j + 1)``.
        * ``"none"``: the p-values unchanged.

        All results are capped at 1.

    Returns
    -------
    numpy.ndarray
        Adjusted p-values, same shape as ``p``, float64.

    References
    ----------
    Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery
    rate. *JRSS B* 57(1), 289-300.
    Holm, S. (1979). A simple sequentially rejective multiple test
    procedure. *Scandinavian Journal of Statistics* 6(2), 65-70.

    Examples
    --------
    >>> p = [0.01, 0.04, 0.03, float("nan"), 0.2]
    >>> adjust_pvalues(p)  # m = 4: 0.01*4/1, min(0.04*4/3, ...), 0.03*4/2
    array([0.04      , 0.05333333, 0.05333333,        nan, 0.2       ])
    >>> adjust_pvalues(p, method="holm")  # 0.01*4, max(.., 0.04*2), 0.03*3, 0.2*1
    array([0.04, 0.09, 0.09,  nan, 0.2 ])
    """
    if method not in PVALUE_METHODS:
        raise ValueError(f"method must be one of {PVALUE_METHODS}, got {method!r}")
    try:
        arr = np.array(p, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"p must be numeric, got {p!r}") from exc
    bad = ~np.isnan(arr) & ((arr < 0) | (arr > 1))
    if bad.any():
        raise ValueError(f"p-values must be in [0, 1] or nan, got {_first(arr, bad)!r}")
    flat = arr.reshape(-1)
    present = np.flatnonzero(~np.isnan(flat))
    m = present.size
    if method == "none" or m == 0:
        return arr
    values = flat[present]
    if method == "bonferroni":
        adjusted = values * m
    else:
        order = np.argsort(values, kind="stable")
        ranks = np.arange(1, m + 1, dtype=np.float64)
        ordered = values[order]
        if method == "fdr_bh":
            stepped = np.minimum.accumulate((ordered * m / ranks)[::-1])[::-1]
        else:  # holm
            stepped = np.maximum.accumulate(ordered * (m - ranks + 1))
        adjusted = np.empty(m)
        adjusted[order] = stepped
    out = flat.copy()
    out[present] = np.minimum(adjusted, 1.0)
    return out.reshape(arr.shape)


# ---------------------------------------------------------------------------
# 3. confidence intervals
# ---------------------------------------------------------------------------


def wilson_interval(
    k: ArrayLike, n: ArrayLike, *, confidence: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a proportion ``k / n`` (Wilson 1927).

    With ``z`` the ``(1 + confidence) / 2`` normal quantile, ``p = k / n``::

        centre = (2 n p + z²) / (2 (n + z²))
        half   = z / (2 (n + z²)) * sqrt(4 n p (1 - p) + z²)

    The interval is ``[centre - half, centre + half]``, with the lower end
    exactly 0 when ``k == 0`` and the upper end exactly 1 when ``k == n``.
    Matches ``scipy.stats.binomtest(k, n).proportion_ci(method="wilson")``
    (Newcombe 1998, method 3).

    Parameters
    ----------
    k : array_like
        Successes (e.g. documents or tokens matching a term), ``0 <= k <= n``.
    n : array_like
        Trials (e.g. documents or tokens in the period), ``>= 0``.
    confidence : float, default 0.95
        Two-sided confidence level, strictly between 0 and 1.

    Returns
    -------
    tuple of numpy.ndarray
        ``(low, high)``, broadcast, float64; ``(nan, nan)`` where ``n == 0``.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and
    statistical inference. *JASA* 22(158), 209-212.
    Newcombe, R. G. (1998). Two-sided confidence intervals for the single
    proportion. *Statistics in Medicine* 17(8), 857-872.

    Examples
    --------
    >>> low, high = wilson_interval([0, 5, 0], [10, 10, 0])
    >>> low.round(6), high.round(6)
    (array([0.      , 0.236593,      nan]), array([0.277533, 0.763407,      nan]))
    """
    level = _check_confidence(confidence)
    k_a = _as_count("k", k)
    n_a = _as_count("n", n)
    try:
        k_a, n_a = np.broadcast_arrays(k_a, n_a)
    except ValueError as exc:
        raise ValueError(
            f"k and n must broadcast together, got shapes {k_a.shape}, {n_a.shape}"
        ) from exc
    _check_le("k", k_a, "n", n_a)
    z = scipy.special.ndtri(0.5 + 0.5 * level)
    with _quiet():
        p = k_a / n_a
        denom = 2.0 * (n_a + z**2)
        centre = (2.0 * n_a * p + z**2) / denom
        half = z / denom * np.sqrt(4.0 * n_a * p * (1.0 - p) + z**2)
        low = np.where(k_a == 0, 0.0, centre - half)
        high = np.where(k_a == n_a, 1.0, centre + half)
    empty = n_a == 0
    return _broadcast_out(np.where(empty, np.nan, low)), _broadcast_out(
        np.where(empty, np.nan, high)
    )


def poisson_interval(
    k: ArrayLike, exposure: ArrayLike, *, confidence: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Garwood 1936) confidence interval for a Poisson rate ``k / exposure``.

    With ``alpha = 1 - confidence`` and ``chi2.ppf`` the chi-squared
    quantile function::

        low  = chi2.ppf(alpha / 2, 2 k) / 2 / exposure        (0 when k == 0)
        high = chi2.ppf(1 - alpha / 2, 2 k + 2) / 2 / exposure

    so that ``P(X >= k | low) = P(X <= k | high) = alpha / 2`` for
    ``X ~ Poisson(rate * exposure)``.

    Parameters
    ----------
    k : array_like
        Observed count (e.g. occurrences of a term in a period), ``>= 0``.
    exposure : array_like
        Size of the period (e.g. tokens, or tokens / 1e6 for a rate per
        million), ``>= 0``.
    confidence : float, default 0.95
        Two-sided confidence level, strictly between 0 and 1.

    Returns
    -------
    tuple of numpy.ndarray
        ``(low, high)`` for the rate, broadcast, float64; ``(nan, nan)``
        where ``exposure == 0``.

    References
    ----------
    Garwood, F. (1936). Fiducial limits for the Poisson distribution.
    *Biometrika* 28(3/4), 437-442.

    Examples
    --------
    >>> low, high = poisson_interval([0, 10], 1)
    >>> low.round(4), high.round(4)  # k = 0: high = -ln(0.025)
    (array([0.    , 4.7954]), array([ 3.6889, 18.3904]))
    """
    level = _check_confidence(confidence)
    k_a = _as_count("k", k)
    exposure_a = _as_count("exposure", exposure)
    try:
        k_a, exposure_a = np.broadcast_arrays(k_a, exposure_a)
    except ValueError as exc:
        raise ValueError(
            f"k and exposure must broadcast together, got shapes {k_a.shape}, {exposure_a.shape}"
        ) from exc
    alpha = 1.0 - level
    with _quiet():
        low = np.where(k_a == 0, 0.0, scipy.stats.chi2.ppf(alpha / 2, 2.0 * k_a) / 2.0)
        high = scipy.stats.chi2.ppf(1.0 - alpha / 2, 2.0 * k_a + 2.0) / 2.0
        empty = exposure_a == 0
        low = np.where(empty, np.nan, low / exposure_a)
        high = np.where(empty, np.nan, high / exposure_a)
    return _broadcast_out(low), _broadcast_out(high)


# ---------------------------------------------------------------------------
# 4. dispersion
# ---------------------------------------------------------------------------

DISPERSION_KEYS = ("frequency", "range", "juilland_d", "dp", "dp_norm")


def _dispersion_triplets(
    counts: Any, n_parts: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int, bool]:
    """Return (rows, cols, values, n_terms, one_term) of the stored counts."""
    if scipy.sparse.issparse(counts):
        if counts.ndim != 2:
            raise ValueError(f"counts must be 2-D (terms x parts), got shape {counts.shape}")
        matrix = counts.tocsr(copy=True)
        matrix.sum_duplicates()
        values = _as_count("counts", matrix.data)
        rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
        cols = matrix.indices.astype(np.intp)
        n_terms, width = matrix.shape
        one_term = False
    else:
        dense = _as_count("counts", counts)
        one_term = dense.ndim == 1
        if one_term:
            dense = dense.reshape(1, -1)
        if dense.ndim != 2:
            raise ValueError(f"counts must be 1-D or 2-D (terms x parts), got shape {dense.shape}")
        rows, cols = np.nonzero(dense)
        values = dense[rows, cols]
        n_terms, width = dense.shape
    if width != n_parts:
        raise ValueError(f"counts must have one column per part ({n_parts}), got {width} columns")
    return rows, cols, values, n_terms, one_term


def dispersion_scores(
    counts: ArrayLike | scipy.sparse.sparray | scipy.sparse.spmatrix,
    part_sizes: ArrayLike,
) -> dict[str, np.ndarray]:
    """Dispersion of terms over corpus parts (e.g. months, newspapers).

    Let a term occur ``f = sum_i x_i`` times, ``x_i`` in part ``i`` of
    ``l_i`` tokens, ``i = 1..k``, and ``s_i = l_i / sum_j l_j``.

    * Juilland's D (Juilland & Chang-Rodríguez 1964) on the relative
      frequencies ``p_i = x_i / l_i``, the usual adaptation to parts of
      unequal size discussed by Gries (2008); with equal parts it is the same
      as using the raw ``x_i``, since V does not change with scale::

          D = 1 - V / sqrt(k - 1),  V = sd(p) / mean(p)

      where ``sd`` is the population standard deviation (divisor ``k``).
      D is 1 for perfectly even use and 0 when all occurrences are in one part.
    * Gries' DP (Gries 2008), ``DP = 0.5 * sum_i |x_i / f - s_i|``: 0 when
      the term is spread like the parts' sizes, approaching 1 when it is
      concentrated in a small part.
    * DP normalised (Lijffijt & Gries 2012), ``DP / (1 - min_i s_i)``,
      which ranges over exactly ``[0, 1]``.

    Parameters
    ----------
    counts : array_like or scipy.sparse matrix/array
        Counts ``x``, shape (terms, parts); a 1-D array is one term. Sparse
        input is processed through its stored entries only (never densified).
    part_sizes : array_like
        Token count ``l_i`` of each part, 1-D, every entry ``> 0``.

    Returns
    -------
    dict of str to numpy.ndarray
        One value per term (0-d arrays for 1-D ``counts``), keys in this order:
        ``"frequency"`` (``f``, float64), ``"range"`` (number of parts with
        ``x_i > 0``, int64), ``"juilland_d"``, ``"dp"``, ``"dp_norm"``.
        Where ``f == 0``, ``juilland_d``, ``dp`` and ``dp_norm`` are ``nan``;
        with a single part, ``dp`` is 0 and ``juilland_d`` and ``dp_norm``
        are ``nan``.

    References
    ----------
    Gries, S. Th. (2008). Dispersions and adjusted frequencies in corpora.
    *International Journal of Corpus Linguistics* 13(4), 403-437.
    Lijffijt, J. & Gries, S. Th. (2012). Correction to Stefan Th. Gries'
    "Dispersions and adjusted frequencies in corpora". *IJCL* 17(1), 147-149.
    Juilland, A. & Chang-Rodríguez, E. (1964). *Frequency Dictionary of
    Spanish Words*. The Hague: Mouton.

    Examples
    --------
    Gries' (2008) toy corpus: five parts of 9, 10, 10, 10 and 11 words, in
    which "a" occurs 1, 2, 3, 4 and 5 times and "b" twice in every part.

    >>> scores = dispersion_scores([[1, 2, 3, 4, 5], [2, 2, 2, 2, 2]], [9, 10, 10, 10, 11])
    >>> scores["range"]
    array([5, 5])
    >>> scores["dp"].round(6)
    array([0.18, 0.02])
    >>> scores["dp_norm"].round(6)
    array([0.219512, 0.02439 ])
    >>> scores["juilland_d"].round(6)
    array([0.78515 , 0.968091])
    """
    sizes = _as_float("part_sizes", part_sizes)
    if sizes.ndim != 1 or sizes.size == 0:
        raise ValueError(f"part_sizes must be a non-empty 1-D array, got shape {sizes.shape}")
    bad = sizes <= 0
    if bad.any():
        index = int(np.flatnonzero(bad)[0])
        raise ValueError(f"part_sizes must be > 0, got {sizes[index].item()!r} at part {index}")
    rows, cols, values, n_terms, one_term = _dispersion_triplets(counts, sizes.size)

    k = sizes.size
    share = sizes / sizes.sum()  # s_i

    def per_term(weights: np.ndarray) -> np.ndarray:
        return np.bincount(rows, weights=weights, minlength=n_terms).astype(np.float64)

    with _quiet():
        frequency = per_term(values)
        n_range = np.bincount(rows[values > 0], minlength=n_terms).astype(np.int64)
        stored = np.bincount(rows, minlength=n_terms)
        # DP: stored entries contribute |v_i - s_i|; parts with no stored count
        # contribute |0 - s_i| = s_i, i.e. 1 - (sum of s_i over stored parts).
        v = values / frequency[rows]
        dp = 0.5 * (per_term(np.abs(v - share[cols])) + (1.0 - per_term(share[cols])))
        dp = np.where(frequency > 0, dp, np.nan)
        dp_norm = dp / (1.0 - share.min())
        # Juilland's D on p_i = x_i / l_i, two-pass population variance; parts
        # with no stored count contribute (0 - mean)**2 each.
        p = values / sizes[cols]
        mean = per_term(p) / k
        squares = per_term((p - mean[rows]) ** 2) + (k - stored) * mean**2
        variation = np.sqrt(squares / k) / mean
        juilland = 1.0 - variation / np.sqrt(k - 1.0)
        juilland = np.where(frequency > 0, juilland, np.nan)
    scores = {
        "frequency": frequency,
        "range": n_range,
        "juilland_d": juilland,
        "dp": dp,
        "dp_norm": dp_norm,
    }
    if one_term:
        return {key: value[0].copy().reshape(()) for key, value in scores.items()}
    return scores


# ---------------------------------------------------------------------------
# 5. topic coherence
# ---------------------------------------------------------------------------


def topic_coherence(joint: ArrayLike, counts: ArrayLike, n: ArrayLike) -> float:
    """NPMI coherence of one topic's top terms: the mean NPMI over all pairs.

    For top terms ``w_1 .. w_m`` counted over ``n`` reference windows,
    with ``counts[i]`` the windows holding ``w_i`` and ``joint[i, j]`` the
    windows holding both ``w_i`` and ``w_j``::

        coherence = 2 / (m (m - 1)) * sum_{i < j} npmi(joint[i, j], counts[i], counts[j], n)

    with `npmi` as defined above (Bouma 2009): -1 for a pair that never
    shares a window. This is the C_NPMI of Aletras & Stevenson (2013) and
    Röder et al. (2015), without their epsilon: a pair that never meets
    gets Bouma's limit -1 exactly instead of ``log(eps)`` divided by
    ``-log(eps)``. A pair with a term that is in no window (``counts == 0``)
    has no NPMI and is left out of the mean.

    Parameters
    ----------
    joint : array_like
        Square, symmetric matrix of joint window counts (the diagonal is not
        used).
    counts : array_like
        Windows holding each term, ``counts[i] >= joint[i, j]``.
    n : scalar
        Number of windows, ``> 0``.

    Returns
    -------
    float
        The mean NPMI in ``[-1, 1]``; ``nan`` with fewer than two terms or
        when no pair has an NPMI.

    References
    ----------
    Aletras, N. & Stevenson, M. (2013). Evaluating topic coherence using
    distributional semantics. *IWCS 2013*, 13-22.
    Röder, M., Both, A. & Hinneburg, A. (2015). Exploring the space of
    topic coherence measures. *WSDM 2015*, 399-408.

    Examples
    --------
    Three terms in eight windows: ``a`` in 4, ``b`` in 2 (both with ``a``),
    ``c`` in 2 (one with ``a``, none with ``b``). npmi(a, b) =
    log2(2*8 / (4*2)) / -log2(2/8) = 1 / 2; npmi(a, c) = log2(1*8 / (4*2)) /
    -log2(1/8) = 0; npmi(b, c) = -1.

    >>> topic_coherence([[4, 2, 1], [2, 2, 0], [1, 0, 2]], [4, 2, 2], 8)  # (0.5 + 0 - 1) / 3
    -0.16666666666666666
    """
    joint_a = _as_count("joint", joint)
    counts_a = _as_count("counts", counts)
    if joint_a.ndim != 2 or joint_a.shape[0] != joint_a.shape[1]:
        raise ValueError(f"joint must be a square matrix, got shape {joint_a.shape}")
    if counts_a.shape != (joint_a.shape[0],):
        raise ValueError(f"counts must have one value per row of joint ({joint_a.shape[0]}), "
                         f"got shape {counts_a.shape}")
    n_a = _as_count("n", n)
    if n_a.ndim != 0:
        raise ValueError(f"n must be a scalar, got shape {n_a.shape}")
    m = counts_a.size
    if m < 2:
        return float("nan")
    rows, cols = np.triu_indices(m, k=1)
    o11, r1, c1 = joint_a[rows, cols], counts_a[rows], counts_a[cols]
    present = (r1 > 0) & (c1 > 0)
    if not present.any():
        return float("nan")
    scores = npmi(o11[present], r1[present], c1[present], n_a)
    return float(scores.mean())


def rate_change_g2(counts: ArrayLike, sizes: ArrayLike) -> np.ndarray:
    """How far a term's rate departs from one constant rate over the periods (G²).

    For each term (a row of `counts`), the log-likelihood ratio of its
    counts per period against those expected at a single rate:
    ``e_p = total * sizes_p / sum(sizes)`` and ``G² = 2 * sum_p o_p * ln(o_p
    / e_p)`` with ``0 * ln 0 = 0`` (Dunning 1993), a goodness-of-fit test
    with one degree of freedom fewer than there are periods. Large means
    the rate changed, with much evidence.

    Parameters
    ----------
    counts : array_like, shape (terms, periods)
        Each term's tokens in each period.
    sizes : array_like, shape (periods,)
        All tokens of each period (> 0).

    Returns
    -------
    numpy.ndarray
        One G² >= 0 per term; 0 for a term at the same rate everywhere.

    Examples
    --------
    >>> rate_change_g2([[10, 10], [20, 0]], [100, 100]).round(4)
    array([ 0.    , 27.7259])
    """
    observed = np.atleast_2d(np.asarray(counts, dtype=np.float64))
    size = np.asarray(sizes, dtype=np.float64)
    if observed.shape[-1] != size.shape[0]:
        raise ValueError(f"counts have {observed.shape[-1]} periods but sizes {size.shape[0]}")
    _check_positive("sizes", size)
    expected = observed.sum(axis=1, keepdims=True) * (size / size.sum())
    with _quiet():
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2.0 * terms.sum(axis=1)
