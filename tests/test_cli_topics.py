"""`analysis topics CORPUS -k K`: the library's own model, printed and saved."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.cli import main

CORPUS = str(Path(__file__).resolve().parents[1] / "corpus")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def test_topics_prints_the_library_model_and_saves_it(tmp_path):
    status, out, err = run("topics", CORPUS, "-k", "4", "-n", "5", "--iterations", "40",
                           "--seed-words", "belasting=belasting,inspecteur", "--save", str(tmp_path / "m"), "--csv")
    assert status == 0, err
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    tokens = analysis.tokenize(analysis.load_corpus(CORPUS), **analysis.make_settings().tokenize_options())
    model = analysis.topics(tokens, 4, iterations=40, seed_words={"belasting": ["belasting", "inspecteur"]})
    expected = model.terms(top=5)
    assert table["label"].tolist() == expected["label"].tolist()
    assert table["term"].tolist() == expected["term"].tolist()
    assert table["weight"].tolist() == pytest.approx(expected["weight"].tolist())
    assert analysis.load_topic_model(tmp_path / "m").terms(top=5).equals(expected)


def test_topics_bad_seed_words_give_one_line_and_status_2():
    status, out, err = run("topics", CORPUS, "-k", "3", "--seed-words", "nothing")
    assert status == 2 and out == ""
    assert err.startswith("analysis topics: error: --seed-words needs LABEL=WORD,WORD")
    status, _, err = run("topics", CORPUS, "-k", "3", "--seed-words", "x=woordbestaatniet")
    assert status == 2 and "woordbestaatniet" in err
