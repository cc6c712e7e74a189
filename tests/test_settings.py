"""One set of defaults: values, files (read as data), the order file < options, and the tokens they make."""

from __future__ import annotations

import json

import pytest

import analysis
from analysis.settings import Settings, load_settings, make_settings


def test_documented_defaults() -> None:
    settings = Settings()
    assert settings.to_dict() == {
        "language": "nl", "stopwords": "nl+nl-news", "min_length": 2, "padding": True, "lowercase": True,
        "phrases": [], "names": False, "lemmas": False, "dedup": False, "keep_abbreviations": False,
        "keep_calendar": False}
    assert settings.tokenize_options() == {"language": "nl", "stopwords": "nl+nl-news", "min_length": 2,
                                           "padding": True, "lowercase": True, "phrases": None}
    assert Settings(names=True, lemmas=True).tokenize_options()["lemmatize"] is True


def test_bad_values_are_named() -> None:
    with pytest.raises(ValueError, match="min_length must be an int >= 1, got 0"):
        Settings(min_length=0)
    with pytest.raises(ValueError, match="padding must be true or false, got 'yes'"):
        Settings(padding="yes")
    with pytest.raises(ValueError, match=r"unknown setting\(s\) \['stopword'\]"):
        Settings().replace(stopword="nl")


def test_json_and_toml_files(tmp_path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"stopwords": None, "phrases": ["hoge raad"]}))
    (tmp_path / "a.toml").write_text('stopwords = "none"\nphrases = ["hoge raad"]\n')
    assert load_settings(tmp_path / "a.json") == load_settings(tmp_path / "a.toml") == Settings(
        stopwords=None, phrases=("hoge raad",))


def test_a_settings_file_is_data_never_code(tmp_path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('stopwords = "__import__(\'os\').system(\'touch pwned\')"\n')
    assert load_settings(path).stopwords.startswith("__import__")  # a string, not run
    assert not (tmp_path / "pwned").exists()
    (tmp_path / "s.yaml").write_text("min_length: 3")
    with pytest.raises(ValueError, match="must end in .json or .toml"):
        load_settings(tmp_path / "s.yaml")
    path.write_text("min_length = [")
    with pytest.raises(ValueError, match=r"s\.toml.*not valid TOML"):
        load_settings(path)


def test_options_over_file_over_defaults(tmp_path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"min_length": 4, "padding": False}))
    settings = make_settings(path, min_length=3, stopwords=None)
    assert (settings.min_length, settings.padding, settings.stopwords) == (3, False, "nl+nl-news")


def test_padded_by_default_so_bigrams_never_span_a_removed_word() -> None:
    doc = analysis.Document("a", None, "Zoals bedoeld in artikel 5 wijzigt de wet.")
    padded = analysis.tokenize([doc], **Settings().tokenize_options())
    joined = analysis.tokenize([doc], **Settings(padding=False).tokenize_options())
    # by hand: zoals, in, de are stopwords, 5 a number, "." punctuation
    assert [t for t in padded.doc(0) if t] == joined.doc(0) == ["bedoeld", "artikel", "wijzigt", "wet"]
    assert analysis.frequencies(padded, ngram=2).empty
    assert analysis.frequencies(joined, ngram=2)["term"].tolist() == [
        "artikel wijzigt", "bedoeld artikel", "wijzigt wet"]
