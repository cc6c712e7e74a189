"""One set of defaults: how a corpus becomes the terms that are counted.

The notebooks, the command line and the explorer all start from `Settings`,
so the same corpus with the same settings gives the same numbers everywhere.
Change a value with `Settings.replace`, or keep your choices in a settings
file (JSON or TOML, read as data and never evaluated) and pass it to
`load_settings` or to the command line's ``--settings``.

======================  ===============  ==========================================
setting                 default          meaning
======================  ===============  ==========================================
``language``            ``"nl"``         tokeniser rules and stemmer
``stopwords``           ``"nl+nl-news"`` stopword lists (or words, or None)
``min_length``          ``2``            shorter tokens are removed
``padding``             ``True``         removed words leave a gap: n-grams and
                                         windows never span them
``lowercase``           ``True``         fold case (False keeps it)
``phrases``             ``()``           multi-word expressions merged into one term
``names``               ``False``        proper names as terms (when tokenize has it)
``lemmas``              ``False``        lemmas as terms (when tokenize has it)
``dedup``               ``False``        drop wire copies before counting
``keep_abbreviations``  ``False``        initials and abbreviations (``j.``,
                                         ``enz.``, ``iii``) in ranked lists
``keep_calendar``       ``False``        days and months (``maandag``, ``mei``)
                                         in names tables
======================  ===============  ==========================================

This module imports nothing from ``analysis``: it only holds the values.
"""

from __future__ import annotations

import dataclasses
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

__all__ = ["Settings", "load_settings", "make_settings"]


def _words(value: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{name} must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


@dataclass(frozen=True)
class Settings:
    """How a corpus is tokenised and which terms the ranked lists show.

    Examples
    --------
    >>> settings = Settings()
    >>> settings.stopwords, settings.min_length, settings.padding
    ('nl+nl-news', 2, True)
    >>> settings.replace(min_length=3).tokenize_options()["min_length"]
    3
    >>> Settings(stopwords="none").stopwords is None
    True
    """

    language: str = "nl"
    stopwords: str | tuple[str, ...] | None = "nl+nl-news"
    min_length: int = 2
    padding: bool = True
    lowercase: bool = True
    phrases: tuple[str, ...] = ()
    names: bool = False
    lemmas: bool = False
    dedup: bool = False
    keep_abbreviations: bool = False
    keep_calendar: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.language, str) or not self.language:
            raise ValueError(f"language must be a non-empty string, got {self.language!r}")
        stop = self.stopwords
        if isinstance(stop, str) and stop.strip().lower() in ("", "none"):
            stop = None
        elif isinstance(stop, list | tuple):
            stop = _words(stop, "stopwords")
        elif stop is not None and not isinstance(stop, str):
            raise ValueError(f"stopwords must be a list name, a file, words or None, got {stop!r}")
        object.__setattr__(self, "stopwords", stop)
        if isinstance(self.min_length, bool) or not isinstance(self.min_length, int) or self.min_length < 1:
            raise ValueError(f"min_length must be an int >= 1, got {self.min_length!r}")
        object.__setattr__(self, "phrases", _words(self.phrases, "phrases") if self.phrases else ())
        for name in ("padding", "lowercase", "names", "lemmas", "dedup", "keep_abbreviations", "keep_calendar"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be true or false, got {getattr(self, name)!r}")

    def replace(self, **changes: Any) -> Settings:
        """A copy with some values changed (checked like the constructor's).

        Raises
        ------
        ValueError
            For a name that is not a setting.
        """
        unknown = sorted(set(changes) - {f.name for f in fields(self)})
        if unknown:
            raise ValueError(f"unknown setting(s) {unknown}; settings are {[f.name for f in fields(self)]}")
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The values, as a JSON-ready dict (tuples as lists).

        Examples
        --------
        >>> Settings().to_dict()["phrases"]
        []
        """
        return {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(self).items()}

    def tokenize_options(self) -> dict[str, Any]:
        """Keyword arguments for `analysis.tokenize` (names and lemmas only when asked for).

        Examples
        --------
        >>> sorted(Settings().tokenize_options())
        ['language', 'lowercase', 'min_length', 'padding', 'phrases', 'stopwords']
        """
        options = {"language": self.language, "stopwords": self.stopwords, "min_length": self.min_length,
                   "padding": self.padding, "lowercase": self.lowercase,
                   "phrases": list(self.phrases) or None}
        options.update({key: True for key, name in (("names", "names"), ("lemmatize", "lemmas"))
                        if getattr(self, name)})
        return options

    def describe(self) -> str:
        """One line for a report: the values that differ from the defaults.

        Examples
        --------
        >>> Settings().describe()
        'default settings (stopwords nl+nl-news, min_length 2, padded gaps)'
        >>> Settings(min_length=3, padding=False).describe()
        'settings: min_length=3, padding=False'
        """
        changed = {k: v for k, v in self.to_dict().items() if v != Settings().to_dict()[k]}
        if not changed:
            return "default settings (stopwords nl+nl-news, min_length 2, padded gaps)"
        return "settings: " + ", ".join(f"{k}={v!r}" for k, v in changed.items())


def load_settings(path: str | Path, *, base: Settings | None = None) -> Settings:
    """Read settings from a JSON (``.json``) or TOML (``.toml``) file.

    The file is read as data, never evaluated. Keys are the names of
    `Settings`; a key left out keeps its value in `base` (the defaults).
    In TOML, where there is no null, ``stopwords = "none"`` keeps every word.

    Raises
    ------
    ValueError
        For another suffix, a file that does not parse, an unknown key or a
        bad value, naming the file.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = os.path.join(folder, "settings.toml")
    ...     _ = open(path, "w").write('min_length = 3\\nphrases = ["hoge raad"]\\n')
    ...     load_settings(path).phrases
    ('hoge raad',)
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".toml"):
        raise ValueError(f"settings file must end in .json or .toml, got {str(path)!r}")
    text = path.read_text(encoding="utf-8")
    try:
        values = json.loads(text) if suffix == ".json" else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{str(path)!r} is not valid {suffix[1:].upper()}: {error}") from None
    if not isinstance(values, Mapping):
        raise ValueError(f"{str(path)!r} must hold a table of settings, got {type(values).__name__}")
    try:
        return (base or Settings()).replace(**values)
    except ValueError as error:
        raise ValueError(f"{str(path)!r}: {error}") from None


def make_settings(path: str | Path | None = None, **changes: Any) -> Settings:
    """The defaults, then a settings file, then `changes` (None means "not given").

    This is the order the command line uses: ``--settings FILE`` over the
    defaults, each explicit option over the file.

    Examples
    --------
    >>> make_settings(min_length=None).min_length
    2
    >>> make_settings(min_length=4, padding=False).tokenize_options()["padding"]
    False
    """
    base = load_settings(path) if path is not None else Settings()
    return base.replace(**{key: value for key, value in changes.items() if value is not None})
