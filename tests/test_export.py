"""CSV for spreadsheets: text that would run as a formula gets a leading quote, nothing else changes."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from analysis.export import neutralise_formulas, to_csv


def test_each_dangerous_start_and_only_those() -> None:
    values = ["=1+1", "+31 6", "-x", "@SUM(A1)", "\tTAB", "\rCR", "wagner", "a=b", "", " =spatie"]
    frame = pd.DataFrame({"text": values, "count": np.arange(len(values)) - 3, "flag": [True, False] * 5})
    out = neutralise_formulas(frame)
    assert out["text"].tolist() == ["'=1+1", "'+31 6", "'-x", "'@SUM(A1)", "'\tTAB", "'\rCR",
                                    "wagner", "a=b", "", " =spatie"]
    assert out["count"].tolist() == list(range(-3, 7))  # numbers are numbers, never formulas
    assert out["flag"].tolist() == [True, False] * 5
    assert frame["text"].tolist() == values  # the input is not changed


def test_column_names_missing_values_and_a_round_trip() -> None:
    frame = pd.DataFrame({"=kop": ["@x", None, np.nan], "term": ["a", "b", "c"]})
    text = to_csv(frame)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["'=kop", "term"], ["'@x", "a"], ["", "b"], ["", "c"]]
    buffer = io.StringIO()
    assert to_csv(frame, buffer) is None and buffer.getvalue() == text
