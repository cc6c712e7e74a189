"""Tests for analysis.measures: hand-worked tables, NLTK and scipy as oracles,
and brute-force references for the vectorised code.

Oracle comparisons use a relative tolerance of 1e-9 with an absolute floor of
1e-12 (for scores near 0, where both sides lose the last digits to
cancellation).
"""

from __future__ import annotations

import ast
import math
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.metrics.association import BigramAssocMeasures

from analysis import measures
from analysis.measures import (
    adjust_pvalues,
    association_scores,
    chi_squared,
    contingency_table,
    delta_p,
    dice,
    dispersion_scores,
    expected_frequencies,
    jaccard,
    keyness_scores,
    log_dice,
    log_likelihood,
    log_ratio,
    mi3,
    npmi,
    pmi,
    poisson_interval,
    t_score,
    wilson_interval,
    z_score,
)

RTOL = 1e-9
ATOL = 1e-12


def close(actual, expected, *, atol: float = ATOL) -> None:
    np.testing.assert_allclose(actual, expected, rtol=RTOL, atol=atol)


def test_module_imports_nothing_from_analysis():
    tree = ast.parse(Path(measures.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0 and not (node.module or "").startswith("analysis")
        elif isinstance(node, ast.Import):
            assert not any(alias.name.startswith("analysis") for alias in node.names)


# ---------------------------------------------------------------------------
# 1. association measures
# ---------------------------------------------------------------------------

# The hand-worked table: o11 = 8, r1 = 16, c1 = 32, n = 256.
#   o12 = 16 - 8 = 8, o21 = 32 - 8 = 24, o22 = 256 - 16 - 32 + 8 = 216
#   r2 = 240, c2 = 224
#   e11 = 16*32/256 = 2, e12 = 16*224/256 = 14, e21 = 240*32/256 = 30,
#   e22 = 240*224/256 = 210
T = (8, 16, 32, 256)

HAND = {
    # log2(8 / 2) = log2(4)
    pmi: 2.0,
    # 2 / -log2(8 / 256) = 2 / 5
    npmi: 0.4,
    # log2(8**3 / 2) = log2(256)
    mi3: 8.0,
    # 2 * (8 ln(8/2) + 8 ln(8/14) + 24 ln(24/30) + 216 ln(216/210))
    # = 2 * (11.090355 - 4.476926 - 5.355445 + 6.084909)
    log_likelihood: 14.685785557482188,
    # (8 - 2) / sqrt(8) = 3 / sqrt(2)
    t_score: 2.1213203435596424,
    # (8 - 2) / sqrt(2) = 6 / sqrt(2)
    z_score: 4.242640687119285,
    # |o - e| = 6 in every cell; 36 * (1/2 + 1/14 + 1/30 + 1/210) = 36 * 128/210
    chi_squared: 4608 / 210,
    # 2 * 8 / (16 + 32)
    dice: 1 / 3,
    # 14 + log2(1/3) = 14 - 1.584962500721156
    log_dice: 12.415037499278844,
    # 8 / (16 + 32 - 8)
    jaccard: 0.2,
    # 8/16 - 24/240 = 0.5 - 0.1
    delta_p: 0.4,
    # log2((8/16) / (24/240)) = log2(0.5 / 0.1) = log2(5)
    log_ratio: 2.321928094887362,
}


def test_contingency_table_and_expected_frequencies_by_hand():
    assert [float(x) for x in contingency_table(*T)] == [8, 8, 24, 216]
    assert [float(x) for x in expected_frequencies(*T)] == [2, 14, 30, 210]


@pytest.mark.parametrize("function", list(HAND), ids=lambda f: f.__name__)
def test_each_measure_on_the_hand_worked_table(function):
    result = function(*T)
    assert isinstance(result, np.ndarray) and result.dtype == np.float64 and result.shape == ()
    close(result, HAND[function])


def test_options_on_the_hand_worked_table():
    # Yates: (6 - 0.5)**2 * 128/210 = 30.25 * 128 / 210
    close(chi_squared(*T, yates=True), 3872 / 210)
    # 8/32 - 8/224 = 1/4 - 1/28 = 6/28
    close(delta_p(*T, given="collocate"), 3 / 14)
    close(log_likelihood(*T, signed=True), 14.685785557482188)


def test_association_scores_keys_and_agreement_with_the_single_functions():
    o11 = np.array([8, 1, 0, 5])
    r1 = np.array([16, 16, 16, 5])
    c1 = np.array([32, 32, 32, 5])
    n = 256
    scores = association_scores(o11, r1, c1, n)
    assert list(scores) == [
        "pmi", "npmi", "mi3", "g2", "t_score", "z_score", "chi2", "dice",
        "log_dice", "jaccard", "delta_p_node", "delta_p_collocate", "log_ratio",
    ]  # fmt: skip
    singles = {
        "pmi": pmi(o11, r1, c1, n),
        "npmi": npmi(o11, r1, c1, n),
        "mi3": mi3(o11, r1, c1, n),
        "g2": log_likelihood(o11, r1, c1, n),
        "t_score": t_score(o11, r1, c1, n),
        "z_score": z_score(o11, r1, c1, n),
        "chi2": chi_squared(o11, r1, c1, n),
        "dice": dice(o11, r1, c1, n),
        "log_dice": log_dice(o11, r1, c1, n),
        "jaccard": jaccard(o11, r1, c1, n),
        "delta_p_node": delta_p(o11, r1, c1, n, given="node"),
        "delta_p_collocate": delta_p(o11, r1, c1, n, given="collocate"),
        "log_ratio": log_ratio(o11, r1, c1, n),
    }
    for key, value in scores.items():
        assert value.shape == (4,), key
        np.testing.assert_array_equal(value, singles[key], err_msg=key)
    for key, value in association_scores(*T).items():
        if key == "delta_p_collocate":
            close(value, 3 / 14)
        elif key == "chi2":
            close(value, 4608 / 210)
        else:
            function = {"g2": log_likelihood, "delta_p_node": delta_p}.get(key) or getattr(
                measures, key
            )
            close(value, HAND[function])


def test_no_cooccurrence_gives_the_documented_limits_without_warnings():
    # o11 = 0, r1 = 16, c1 = 32, n = 256: cells 0, 16, 32, 208; e11 = 2.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scores = association_scores(0, 16, 32, 256)
    assert scores["pmi"] == -np.inf
    assert scores["npmi"] == -1.0
    assert scores["mi3"] == -np.inf
    assert scores["t_score"] == -np.inf
    close(scores["z_score"], -math.sqrt(2))  # (0 - 2) / sqrt(2)
    assert scores["dice"] == 0 and scores["jaccard"] == 0
    assert scores["log_dice"] == -np.inf
    # 2 * (16 ln(16/14) + 32 ln(32/30) + 208 ln(208/210))
    close(scores["g2"], 4.422578294070597)
    close(log_likelihood(0, 16, 32, 256, signed=True), -4.422578294070597)
    # zero o11 replaced by 0.5: log2((0.5/16) / (32/240))
    close(scores["log_ratio"], -2.0931094043914813)
    assert log_ratio(0, 16, 32, 256, zero_adjustment=0) == -np.inf
    close(scores["delta_p_node"], -32 / 240)


def test_empty_marginals_give_nan_or_zero_without_warnings():
    # r1 = 0 (node absent), c1 = 0 (collocate absent), r1 = n (node everywhere)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scores = association_scores([0, 0, 5], [0, 10, 100], [5, 0, 5], 100)
    for key in ("pmi", "npmi", "mi3", "t_score", "z_score"):
        assert np.isnan(scores[key][:2]).all(), key
        if key != "mi3":
            assert scores[key][2] == 0, key  # r1 = n: o11 = e11 = c1, independence
    # an empty or full row or column: o_ij = e_ij in every cell
    np.testing.assert_array_equal(scores["g2"], [0, 0, 0])
    np.testing.assert_array_equal(scores["chi2"], [0, 0, 0])
    np.testing.assert_array_equal(
        chi_squared([0, 0, 5], [0, 10, 100], [5, 0, 5], 100, yates=True), 0
    )
    np.testing.assert_array_equal(scores["dice"][:2], [0, 0])
    assert np.isnan(scores["log_ratio"]).all()  # r1 = 0; o11 = o21 = 0; n - r1 = 0
    assert np.isnan(scores["delta_p_node"][[0, 2]]).all()  # o11 / 0; o21 / (n - r1) = 0 / 0
    assert np.isnan(dice(0, 0, 0, 10)) and np.isnan(jaccard(0, 0, 0, 10))


def test_npmi_is_one_for_complete_cooccurrence():
    close(npmi(10, 10, 10, 100), 1.0)
    assert npmi(7, 7, 7, 7) == 1.0  # o11 = n: 0 / 0 by the formula, 1 by definition


def test_broadcasting_over_arrays():
    o11 = np.array([[1, 2, 3], [4, 5, 6]])
    result = pmi(o11, np.array([[10], [20]]), 30, 1000)
    assert result.shape == (2, 3)
    close(result[1, 2], math.log2(6 * 1000 / (20 * 30)))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((-1, 16, 32, 256), "o11 must be >= 0, got -1.0"),
        ((8, 16, 32, 0), "n must be > 0, got 0.0"),
        ((20, 16, 32, 256), "o11 must be <= r1, got o11=20.0 > r1=16.0"),
        ((8, 16, 4, 256), "o11 must be <= c1, got o11=8.0 > c1=4.0"),
        ((8, 300, 32, 256), "r1 must be <= n, got r1=300.0 > n=256.0"),
        ((0, 200, 100, 256), r"r1 \+ c1 - o11 must be <= n"),
        ((float("nan"), 16, 32, 256), "o11 must be finite, got nan"),
        (([1, 2], [3, 4, 5], 10, 20), "must broadcast together"),
        (("x", 16, 32, 256), "o11 must be numeric"),
    ],
)
def test_invalid_tables_are_rejected(args, message):
    with pytest.raises(ValueError, match=message):
        association_scores(*args)


def test_invalid_options_are_rejected():
    with pytest.raises(ValueError, match="given must be one of .*got 'both'"):
        delta_p(*T, given="both")
    with pytest.raises(ValueError, match="zero_adjustment must be .*got -0.5"):
        log_ratio(*T, zero_adjustment=-0.5)


def _random_tables(seed: int, size: int):
    """Random 2x2 tables with all marginals > 0 and o11 > 0 (NLTK divides by them)."""
    rng = np.random.default_rng(seed)
    cells = rng.integers(0, 60, size=(4, size))
    cells[0] += 1  # o11 > 0
    cells[3] += rng.integers(1, 100_000, size=size)  # a large rest, like a corpus
    cells[1:3, ::3] = 0  # some o12 = 0 or o21 = 0 (perfect one-way association)
    o11, o12, o21, o22 = cells
    return o11, o11 + o12, o11 + o21, cells.sum(axis=0)


def test_matches_nltk_bigram_assoc_measures_on_random_tables():
    o11, r1, c1, n = _random_tables(seed=2024, size=400)
    ours = association_scores(o11, r1, c1, n)
    nltk_name = {
        "pmi": "pmi",
        "g2": "likelihood_ratio",
        "chi2": "chi_sq",
        "t_score": "student_t",
        "dice": "dice",
        "jaccard": "jaccard",
    }
    for key, name in nltk_name.items():
        scorer = getattr(BigramAssocMeasures, name)
        expected = [
            scorer(int(a), (int(r), int(c)), int(m))
            for a, r, c, m in zip(o11, r1, c1, n, strict=True)
        ]
        close(ours[key], expected)


def test_nltk_student_t_differs_only_at_zero_cooccurrence():
    # NLTK: (0 - e11) / sqrt(0 + 1e-20) = -e11 * 1e10; here: -inf.
    assert BigramAssocMeasures.student_t(0, (16, 32), 256) == pytest.approx(-2e10)
    assert t_score(0, 16, 32, 256) == -np.inf


def test_g2_and_chi2_match_scipy_chi2_contingency():
    o11, r1, c1, n = _random_tables(seed=7, size=150)
    g2 = log_likelihood(o11, r1, c1, n)
    chi2 = chi_squared(o11, r1, c1, n)
    chi2_yates = chi_squared(o11, r1, c1, n, yates=True)
    for i in range(o11.size):
        table = np.array(
            [[o11[i], r1[i] - o11[i]], [c1[i] - o11[i], n[i] - r1[i] - c1[i] + o11[i]]]
        )
        ll = scipy.stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
        close(g2[i], ll.statistic, atol=1e-9)
        close(chi2[i], scipy.stats.chi2_contingency(table, correction=False).statistic)
        close(chi2_yates[i], scipy.stats.chi2_contingency(table, correction=True).statistic)


@st.composite
def tables(draw, *, positive: bool = False):
    low = 1 if positive else 0
    cells = [draw(st.integers(low, 500)) for _ in range(3)]
    o22 = draw(st.integers(low, 10**6))
    o11, o12, o21 = cells
    n = o11 + o12 + o21 + o22
    if n == 0:
        o22 = n = 1
    return o11, o11 + o12, o11 + o21, n


@given(tables())
@settings(max_examples=150, deadline=None)
def test_properties_on_any_valid_table(table):
    o11, r1, c1, n = table
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = association_scores(*table)
        chi2_yates = chi_squared(*table, yates=True)
        signed = log_likelihood(*table, signed=True)
    assert s["g2"] >= 0 and s["chi2"] >= 0
    assert chi2_yates <= s["chi2"] * (1 + 1e-12)
    assert abs(signed) == s["g2"]
    excess = o11 * n - r1 * c1  # n * (o11 - e11), exact in integers
    if s["g2"] > 0:
        assert np.sign(signed) == np.sign(excess)
    if r1 > 0 and c1 > 0:
        assert -1 - 1e-12 <= s["npmi"] <= 1 + 1e-12
        assert np.sign(s["pmi"]) == np.sign(excess) or abs(s["pmi"]) < 1e-12
        assert np.sign(s["z_score"]) == np.sign(excess)
        assert 0 <= s["jaccard"] <= s["dice"] <= 1
        assert s["log_dice"] <= 14
    if 0 < r1 < n:
        # ΔP(collocate | node) = (o11 n - r1 c1) / (r1 (n - r1)): same sign as the excess
        close(s["delta_p_node"], excess / (r1 * (n - r1)))
    if 0 < c1 < n:
        close(s["delta_p_collocate"], excess / (c1 * (n - c1)))
    # symmetric measures do not care which word is the node
    swapped = association_scores(o11, c1, r1, n)
    for key in ("pmi", "npmi", "mi3", "g2", "t_score", "z_score", "chi2", "dice", "jaccard"):
        np.testing.assert_allclose(swapped[key], s[key], rtol=1e-12, atol=1e-12, err_msg=key)
    np.testing.assert_array_equal(swapped["delta_p_node"], s["delta_p_collocate"])


@given(tables(positive=True))
@settings(max_examples=100, deadline=None)
def test_matches_nltk_on_hypothesis_tables(table):
    o11, r1, c1, n = table
    s = association_scores(*table)
    close(s["pmi"], BigramAssocMeasures.pmi(o11, (r1, c1), n))
    close(s["g2"], BigramAssocMeasures.likelihood_ratio(o11, (r1, c1), n), atol=1e-9)
    close(s["chi2"], BigramAssocMeasures.chi_sq(o11, (r1, c1), n))
    close(s["t_score"], BigramAssocMeasures.student_t(o11, (r1, c1), n), atol=1e-9)
    close(s["dice"], BigramAssocMeasures.dice(o11, (r1, c1), n))
    close(s["jaccard"], BigramAssocMeasures.jaccard(o11, (r1, c1), n))


# ---------------------------------------------------------------------------
# 2. keyness
# ---------------------------------------------------------------------------

# Hand-worked keyness: a = 100 in a target of c = 10,000 tokens, b = 50 in a
# reference of d = 20,000 tokens.
#   table [[100, 50], [9900, 19950]], N = 30,000
#   e1 = 10000 * 150 / 30000 = 50, e2 = 20000 * 150 / 30000 = 100
#   the other two expectations: 10000 * 29850 / 30000 = 9950, 19900
K = (100, 50, 10_000, 20_000)
KEYNESS_HAND = {
    "e1": 50.0,
    "e2": 100.0,
    # 2 * (100 ln(100/50) + 50 ln(50/100) + 9900 ln(9900/9950) + 19950 ln(19950/19900))
    # = 2 * (69.314718 - 34.657359 - 49.874161 + 50.062758)
    "g2": 69.69191931932805,
    "g2_signed": 69.69191931932805,
    # |o - e| = 50 in every cell; sum of 1/e = 1/50 + 1/100 + 1/9950 + 1/19900
    # = 0.0301507537688...; Yates: 49.5**2 * that, uncorrected: 50**2 * that
    "chi2": 73.87688442211055,
    "chi2_uncorrected": 75.37688442211055,
    # (100/10000) / (50/20000) = 0.01 / 0.0025 = 4
    "log_ratio": 2.0,
    "relative_risk": 4.0,
    # (0.01 - 0.0025) / 0.0025 * 100
    "pct_diff": 300.0,
    # (100 * 19950) / (50 * 9900) = 1995000 / 495000
    "odds_ratio": 4.03030303030303,
}


def test_keyness_on_the_hand_worked_example():
    scores = keyness_scores(*K)
    assert list(scores) == [
        "e1", "e2", "g2", "g2_signed", "p_value", "chi2", "chi2_uncorrected",
        "log_ratio", "pct_diff", "relative_risk", "odds_ratio",
    ]  # fmt: skip
    for key, expected in KEYNESS_HAND.items():
        close(scores[key], expected)
    close(scores["p_value"], scipy.stats.chi2.sf(69.69191931932805, 1))


def test_keyness_g2_is_the_two_by_two_log_likelihood_not_raysons_two_cell_form():
    a, b, c, d = K
    e1, e2 = 50, 100
    two_cell = 2 * (a * math.log(a / e1) + b * math.log(b / e2))  # 69.3147...
    scores = keyness_scores(*K)
    assert abs(scores["g2"] - two_cell) > 0.3
    # one formula for both: keyness is the collocation table with r1 = a + b, c1 = c, n = c + d
    close(scores["g2"], log_likelihood(a, a + b, c, c + d))
    close(scores["chi2"], chi_squared(a, a + b, c, c + d, yates=True))


def test_keyness_matches_scipy_chi2_contingency_on_random_tables():
    rng = np.random.default_rng(11)
    c = rng.integers(1_000, 200_000, size=120)
    d = rng.integers(1_000, 500_000, size=120)
    a = rng.integers(0, 300, size=120)
    b = rng.integers(0, 300, size=120)
    a[::5] = 0  # some terms absent from the target
    b[1::7] = 0  # some absent from the reference
    keep = (a + b) > 0  # scipy rejects a table with an empty row
    a, b, c, d = a[keep], b[keep], c[keep], d[keep]
    scores = keyness_scores(a, b, c, d)
    for i in range(a.size):
        table = np.array([[a[i], b[i]], [c[i] - a[i], d[i] - b[i]]])
        ll = scipy.stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
        close(scores["g2"][i], ll.statistic, atol=1e-9)
        close(scores["p_value"][i], ll.pvalue, atol=1e-12)
        yates = scipy.stats.chi2_contingency(table, correction=True)
        close(scores["chi2"][i], yates.statistic)
        plain = scipy.stats.chi2_contingency(table, correction=False)
        close(scores["chi2_uncorrected"][i], plain.statistic)
        close(scores["e1"][i], plain.expected_freq[0, 0])
        close(scores["e2"][i], plain.expected_freq[0, 1])
    # the ratio measures against their formulas, with 0.5 for a zero a or b
    a_adj = np.where(a == 0, 0.5, a)
    b_adj = np.where(b == 0, 0.5, b)
    close(scores["log_ratio"], np.log2((a_adj / c) / (b_adj / d)))
    close(scores["relative_risk"], 2.0 ** scores["log_ratio"])
    close(scores["pct_diff"], (a / c - b_adj / d) / (b_adj / d) * 100)
    under = a / c < b / d
    assert (scores["g2_signed"][under] <= 0).all() and (scores["g2_signed"][~under] >= 0).all()
    close(np.abs(scores["g2_signed"]), scores["g2"])


def test_keyness_zero_frequencies():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = keyness_scores([0, 10, 0], [10, 0, 0], 100, 100)
    # a = 0: log2((0.5/100) / (10/100)) = log2(0.05); %DIFF adjusts only b, so -100
    close(s["log_ratio"][0], math.log2(0.05))
    close(s["pct_diff"][0], -100.0)
    # b = 0: log2((10/100) / (0.5/100)) = log2(20); %DIFF = (0.1 - 0.005) / 0.005 * 100
    close(s["log_ratio"][1], math.log2(20))
    close(s["pct_diff"][1], 1900.0)
    # Haldane: cells (0, 10, 100, 90) + 0.5 -> 0.5 * 90.5 / (10.5 * 100.5)
    close(s["odds_ratio"][0], 45.25 / 1055.25)
    # absent from both: no keyness
    assert s["g2"][2] == 0 and s["p_value"][2] == 1
    for key in ("log_ratio", "pct_diff", "relative_risk", "odds_ratio"):
        assert np.isnan(s[key][2]), key
    raw = keyness_scores([0, 10], [10, 0], 100, 100, zero_adjustment=0)
    np.testing.assert_array_equal(raw["log_ratio"], [-np.inf, np.inf])
    np.testing.assert_array_equal(raw["pct_diff"], [-100, np.inf])


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((101, 50, 100, 200), {}, "a must be <= c, got a=101.0 > c=100.0"),
        ((1, 250, 100, 200), {}, "b must be <= d, got b=250.0 > d=200.0"),
        ((0, 1, 0, 200), {}, "c must be > 0, got 0.0"),
        ((-2, 1, 10, 200), {}, "a must be >= 0, got -2.0"),
        ((1, 1, 10, 10), {"zero_adjustment": float("nan")}, "zero_adjustment must be"),
    ],
)
def test_keyness_rejects_bad_input(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        keyness_scores(*args, **kwargs)


def test_adjust_pvalues_by_hand():
    p = [0.01, 0.04, 0.03, 0.2]
    # sorted: 0.01, 0.03, 0.04, 0.2 (m = 4)
    # BH: 0.01*4/1 = 0.04, 0.03*4/2 = 0.06, 0.04*4/3 = 0.05333, 0.2*4/4 = 0.2;
    #     running minimum from the top: 0.04, 0.05333, 0.05333, 0.2
    close(adjust_pvalues(p), [0.04, 0.16 / 3, 0.16 / 3, 0.2])
    # Holm: 0.01*4 = 0.04, 0.03*3 = 0.09, 0.04*2 = 0.08, 0.2*1 = 0.2;
    #       running maximum from the bottom: 0.04, 0.09, 0.09, 0.2
    close(adjust_pvalues(p, method="holm"), [0.04, 0.09, 0.09, 0.2])
    close(adjust_pvalues(p, method="bonferroni"), [0.04, 0.16, 0.12, 0.8])
    close(adjust_pvalues(p, method="none"), p)
    close(adjust_pvalues([0.5, 0.9], method="bonferroni"), [1.0, 1.0])  # capped


def test_adjust_pvalues_keeps_nan_and_shape():
    p = np.array([[0.01, np.nan], [0.04, 0.03]])
    out = adjust_pvalues(p)
    assert out.shape == (2, 2) and np.isnan(out[0, 1])
    close(out[[0, 1, 1], [0, 0, 1]], [0.03, 0.04, 0.04])  # m = 3
    assert np.isnan(adjust_pvalues([np.nan, np.nan])).all()
    assert adjust_pvalues([]).shape == (0,)
    assert p[0, 0] == 0.01  # input untouched


def test_adjust_pvalues_bh_matches_scipy():
    rng = np.random.default_rng(3)
    for size in (1, 2, 10, 500):
        p = rng.uniform(size=size) ** 3
        p[: size // 4] = p[0]  # ties
        close(adjust_pvalues(p), scipy.stats.false_discovery_control(p, method="bh"))


@given(st.lists(st.floats(0, 1), min_size=1, max_size=40))
@settings(max_examples=100, deadline=None)
def test_adjusted_pvalues_are_ordered_and_bounded(p):
    p = np.array(p)
    for method in ("fdr_bh", "holm", "bonferroni"):
        adjusted = adjust_pvalues(p, method=method)
        assert (adjusted >= p - 1e-15).all() and (adjusted <= 1).all()
        order = np.argsort(p, kind="stable")
        assert (np.diff(adjusted[order]) >= -1e-15).all()
    assert (adjust_pvalues(p) <= adjust_pvalues(p, method="holm") + 1e-15).all()


def test_adjust_pvalues_rejects_bad_input():
    with pytest.raises(ValueError, match="method must be one of .*got 'fdr'"):
        adjust_pvalues([0.1], method="fdr")
    with pytest.raises(ValueError, match="p-values must be in \\[0, 1\\] or nan, got 1.5"):
        adjust_pvalues([0.1, 1.5])


# ---------------------------------------------------------------------------
# 3. confidence intervals
# ---------------------------------------------------------------------------


def test_wilson_by_hand():
    # k = 5, n = 10, z = 1.959964: centre = (5 + z²/2) / (10 + z²) = 0.5,
    # half = z / (10 + z²) * sqrt(5 * 5 / 10 + z²/4) = 0.263406909487436
    low, high = wilson_interval(5, 10)
    close(low, 0.5 - 0.263406909487436)
    close(high, 0.5 + 0.263406909487436)
    low, high = wilson_interval([0, 10, 0], [10, 10, 0])
    assert low[0] == 0 and high[1] == 1
    assert np.isnan(low[2]) and np.isnan(high[2])


def test_wilson_matches_scipy_binomtest():
    for confidence in (0.5, 0.9, 0.95, 0.99):
        for n in (1, 2, 7, 50, 1000):
            ks = np.arange(n + 1) if n < 60 else np.array([0, 1, 17, 500, 999, 1000])
            low, high = wilson_interval(ks, n, confidence=confidence)
            for i, k in enumerate(ks):
                ci = scipy.stats.binomtest(int(k), n).proportion_ci(
                    confidence_level=confidence, method="wilson"
                )
                close(low[i], ci.low)
                close(high[i], ci.high)


def test_poisson_interval_by_hand_and_against_the_poisson_distribution():
    # k = 0: low = 0, high solves exp(-mu) = 0.025, mu = -ln(0.025)
    low, high = poisson_interval(0, 1)
    assert low == 0
    close(high, 3.6888794541139363)
    close(poisson_interval(0, 2)[1], 3.6888794541139363 / 2)  # a rate per unit exposure
    k = np.array([1, 2, 5, 10, 100, 1000])
    for confidence in (0.9, 0.95, 0.99):
        alpha = 1 - confidence
        low, high = poisson_interval(k, 1000, confidence=confidence)
        # P(X >= k | mu_low) = alpha/2 and P(X <= k | mu_high) = alpha/2
        close(scipy.stats.poisson.sf(k - 1, low * 1000), alpha / 2)
        close(scipy.stats.poisson.cdf(k, high * 1000), alpha / 2)
    low, high = poisson_interval([3, 4], [0, 1])
    assert np.isnan(low[0]) and np.isnan(high[0]) and low[1] > 0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: wilson_interval(11, 10), "k must be <= n, got k=11.0 > n=10.0"),
        (lambda: wilson_interval(1, 10, confidence=95), "confidence must be between 0 and 1"),
        (lambda: poisson_interval(-1, 10), "k must be >= 0, got -1.0"),
        (lambda: poisson_interval(1, 10, confidence=0), "confidence must be between 0 and 1"),
    ],
)
def test_intervals_reject_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ---------------------------------------------------------------------------
# 4. dispersion
# ---------------------------------------------------------------------------

# Gries' (2008) toy corpus, five parts of 9, 10, 10, 10, 11 words (as we recall
# it; the assertions below are derived by hand from the definitions).
GRIES_PARTS = [
    "b a m n i b e u p",
    "b a s a t b e w q n",
    "b c a g a b e s t a",
    "b a g h a b e a a t",
    "b a h a a b e a x a t",
]


def test_gries_2008_example_by_hand():
    sizes = [len(part.split()) for part in GRIES_PARTS]
    counts = [[part.split().count(word) for part in GRIES_PARTS] for word in ("a", "b")]
    assert sizes == [9, 10, 10, 10, 11] and counts == [[1, 2, 3, 4, 5], [2, 2, 2, 2, 2]]
    s = dispersion_scores(counts, sizes)
    np.testing.assert_array_equal(s["frequency"], [15, 10])
    np.testing.assert_array_equal(s["range"], [5, 5])
    assert s["range"].dtype == np.int64
    # "a": v = [1, 2, 3, 4, 5] / 15, s = [9, 10, 10, 10, 11] / 50
    #   v - s = [-17, -10, 0, 10, 17] / 150, sum |.| = 54/150 = 0.36, DP = 0.18
    # "b": v = 0.2 each, v - s = [0.02, 0, 0, 0, -0.02], DP = 0.02
    close(s["dp"], [0.18, 0.02])
    # min s = 9/50 = 0.18: DP_norm = DP / 0.82
    close(s["dp_norm"], [0.18 / 0.82, 0.02 / 0.82])
    # Juilland "a": p = [1/9, 2/10, 3/10, 4/10, 5/11], mean = 1451/4950,
    #   population variance = 97186/6125625 = 97186/2475², so
    #   V = (sqrt(97186)/2475) / (1451/4950) = 2 sqrt(97186)/1451 and
    #   D = 1 - V/sqrt(4) = 1 - sqrt(97186)/1451 = 0.78515045...
    # Juilland "b": p = [2/9, 2/10, 2/10, 2/10, 2/11], mean = 497/2475,
    #   variance = 1006/2475², V = sqrt(1006)/497, D = 1 - sqrt(1006)/994
    close(s["juilland_d"], [1 - math.sqrt(97186) / 1451, 1 - math.sqrt(1006) / 994])


def test_dispersion_equal_parts_by_hand():
    sizes = [10, 10, 10, 10]
    s = dispersion_scores([[2, 2, 2, 2], [0, 0, 8, 0], [1, 2, 3, 4], [0, 0, 0, 0]], sizes)
    # even: sd = 0, D = 1; v = s = 0.25 each, DP = 0
    # one part: D = 1 - sqrt(3)/sqrt(3) = 0; DP = 0.5 (0.75 + 3 * 0.25) = 0.75 = 1 - min s
    # [1,2,3,4]: p = [.1,.2,.3,.4], mean .25, var = (.0225+.0025+.0025+.0225)/4 = .0125,
    #   V = sqrt(.0125)/.25 = 1/sqrt(5), D = 1 - 1/sqrt(15);
    #   DP = 0.5 (.15 + .05 + .05 + .15) = 0.2, DP_norm = 0.2 / 0.75
    close(s["juilland_d"][:3], [1.0, 0.0, 1 - 1 / math.sqrt(15)], atol=1e-12)
    close(s["dp"][:3], [0.0, 0.75, 0.2], atol=1e-12)
    close(s["dp_norm"][:3], [0.0, 1.0, 0.2 / 0.75], atol=1e-12)
    np.testing.assert_array_equal(s["range"], [4, 1, 4, 0])
    # a term that never occurs
    assert s["frequency"][3] == 0
    for key in ("juilland_d", "dp", "dp_norm"):
        assert np.isnan(s[key][3]), key


def test_dispersion_one_term_and_one_part():
    one = dispersion_scores([1, 2, 3, 4, 5], [9, 10, 10, 10, 11])
    assert one["dp"].shape == () and float(one["dp"]) == pytest.approx(0.18)
    single = dispersion_scores([[3], [0]], [100])
    np.testing.assert_array_equal(single["dp"], [0.0, np.nan])
    assert np.isnan(single["dp_norm"]).all() and np.isnan(single["juilland_d"]).all()


def _brute_force(counts: list[list[int]], sizes: list[int]) -> dict[str, list[float]]:
    """Pure-Python dispersion straight from the definitions."""
    k = len(sizes)
    total = sum(sizes)
    out: dict[str, list[float]] = {key: [] for key in measures.DISPERSION_KEYS}
    for row in counts:
        f = sum(row)
        out["frequency"].append(f)
        out["range"].append(sum(1 for x in row if x > 0))
        if f == 0:
            for key in ("juilland_d", "dp", "dp_norm"):
                out[key].append(math.nan)
            continue
        dp = 0.5 * sum(abs(x / f - size / total) for x, size in zip(row, sizes, strict=True))
        out["dp"].append(dp)
        out["dp_norm"].append(dp / (1 - min(sizes) / total))
        p = [x / size for x, size in zip(row, sizes, strict=True)]
        mean = sum(p) / k
        sd = math.sqrt(sum((x - mean) ** 2 for x in p) / k)
        out["juilland_d"].append(1 - (sd / mean) / math.sqrt(k - 1))
    return out


@st.composite
def count_matrices(draw):
    n_parts = draw(st.integers(2, 6))
    n_terms = draw(st.integers(1, 8))
    sizes = draw(st.lists(st.integers(1, 1000), min_size=n_parts, max_size=n_parts))
    counts = [
        draw(st.lists(st.integers(0, 20), min_size=n_parts, max_size=n_parts))
        for _ in range(n_terms)
    ]
    return counts, sizes


@given(count_matrices())
@settings(max_examples=150, deadline=None)
def test_dispersion_matches_brute_force_dense_and_sparse(matrix):
    counts, sizes = matrix
    expected = _brute_force(counts, sizes)
    dense = np.array(counts)
    for form in (dense, scipy.sparse.csr_array(dense), scipy.sparse.csc_matrix(dense)):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            got = dispersion_scores(form, sizes)
        assert list(got) == list(measures.DISPERSION_KEYS)
        for key, values in expected.items():
            close(got[key], values, atol=1e-12)


def test_dispersion_sparse_with_duplicates_and_explicit_zeros_is_not_mutated():
    rows = np.array([0, 0, 1, 1, 2])
    cols = np.array([1, 1, 0, 2, 2])
    data = np.array([2.0, 3.0, 0.0, 4.0, 1.0])  # (0, 1) twice: 5; (1, 0) an explicit zero
    coo = scipy.sparse.coo_array((data, (rows, cols)), shape=(3, 3))
    csr = scipy.sparse.csr_matrix((data, (rows, cols)), shape=(3, 3))
    before = csr.data.copy()
    dense = coo.toarray()
    expected = dispersion_scores(dense, [5, 10, 20])
    for form in (coo, csr):
        got = dispersion_scores(form, [5, 10, 20])
        for key in expected:
            np.testing.assert_array_equal(got[key], expected[key], err_msg=key)
    np.testing.assert_array_equal(csr.data, before)
    np.testing.assert_array_equal(expected["range"], [1, 1, 1])


def test_dispersion_on_a_large_sparse_matrix():
    rng = np.random.default_rng(5)
    n_terms, n_parts, nnz = 200_000, 120, 600_000
    matrix = scipy.sparse.csr_array(
        (
            rng.integers(1, 50, size=nnz).astype(float),
            (rng.integers(0, n_terms, size=nnz), rng.integers(0, n_parts, size=nnz)),
        ),
        shape=(n_terms, n_parts),
    )
    sizes = rng.integers(1_000, 100_000, size=n_parts)
    got = dispersion_scores(matrix, sizes)
    assert got["dp"].shape == (n_terms,)
    sample = rng.choice(n_terms, size=20, replace=False)
    expected = _brute_force(matrix[sample].toarray().tolist(), sizes.tolist())
    for key, values in expected.items():
        close(got[key][sample], values, atol=1e-12)


@pytest.mark.parametrize(
    ("counts", "sizes", "message"),
    [
        ([[1, -1]], [5, 5], "counts must be >= 0, got -1.0"),
        ([[1, 1]], [5, 0], "part_sizes must be > 0, got 0.0 at part 1"),
        ([[1, 1, 1]], [5, 5], r"counts must have one column per part \(2\), got 3 columns"),
        ([[[1]]], [5], "counts must be 1-D or 2-D"),
        ([[1, 1]], [[5, 5]], "part_sizes must be a non-empty 1-D array"),
        (scipy.sparse.csr_array(np.array([[1.0, np.inf]])), [5, 5], "counts must be finite"),
    ],
)
def test_dispersion_rejects_bad_input(counts, sizes, message):
    with pytest.raises(ValueError, match=message):
        dispersion_scores(counts, sizes)


def test_topic_coherence_hand_computed():
    # Four terms over 10 windows: a in 5, b in 4 (3 with a), c in 2 (2 with a, 0 with b),
    # d in 10 (every window, so it shares each window with each term).
    from analysis.measures import topic_coherence

    joint = [[5, 3, 2, 5], [3, 4, 0, 4], [2, 0, 2, 2], [5, 4, 2, 10]]
    counts = [5, 4, 2, 10]
    # npmi(a,b) = log2(3*10/(5*4)) / -log2(3/10); npmi(a,c) = log2(2*10/(5*2)) / -log2(2/10)
    # npmi(b,c) = -1; npmi(x,d) = log2(n_x*10/(n_x*10)) / ... = 0 for x = a, b, c
    ab = math.log2(1.5) / -math.log2(0.3)
    ac = 1 / -math.log2(0.2)
    assert topic_coherence(joint, counts, 10) == pytest.approx((ab + ac - 1 + 0 + 0 + 0) / 6)
    assert math.isnan(topic_coherence([[1]], [1], 10))
    assert topic_coherence([[1, 0], [0, 0]], [1, 0], 10) != topic_coherence([[1, 0], [0, 0]], [1, 0], 10)  # nan
    with pytest.raises(ValueError, match="square"):
        topic_coherence([[1, 2]], [1], 3)


def test_rate_change_g2_equals_scipy_goodness_of_fit() -> None:
    import scipy.stats

    from analysis.measures import rate_change_g2

    counts = np.array([[5, 0, 12, 3], [1, 1, 1, 1], [0, 0, 0, 9]])
    sizes = np.array([100, 50, 400, 250])
    expected = [scipy.stats.power_divergence(row, row.sum() * sizes / sizes.sum(), lambda_="log-likelihood")[0]
                for row in counts]
    assert rate_change_g2(counts, sizes) == pytest.approx(expected)
    assert rate_change_g2([[2, 4]], [10, 20]) == pytest.approx([0.0])  # one rate: no change
    with pytest.raises(ValueError, match="periods"):
        rate_change_g2([[1, 2, 3]], [1, 2])
