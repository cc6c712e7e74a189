"""Argument checks, written once: each returns the checked value or raises a
ValueError (TypeError for a wrong kind of object) naming the argument and
the bad value's repr.

Nothing here knows about documents or tokens (the "is a Tokens" check is
`analysis.tokenized.check_tokens`, next to the class).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["check_choice", "check_count", "check_window", "ngram_orders"]


def _is_int(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def check_count(name: str, value: Any, *, minimum: int = 1, optional: bool = False) -> int | None:
    """``value`` as an int when it is a whole number >= ``minimum`` (None
    passes when ``optional``).

    Examples
    --------
    >>> check_count("top", 10)
    10
    >>> check_count("top", 0)
    Traceback (most recent call last):
    ...
    ValueError: top must be an int >= 1, got 0
    >>> check_count("top", None, optional=True) is None
    True
    """
    if optional and value is None:
        return None
    if not _is_int(value) or value < minimum:
        raise ValueError(f"{name} must be an int >= {minimum}{' or None' if optional else ''}, "
                         f"got {value!r}")
    return int(value)


def check_choice(name: str, value: Any, choices: Sequence[Any]) -> Any:
    """``value`` when it is one of ``choices``.

    Examples
    --------
    >>> check_choice("unit", "token", ["token", "char"])
    'token'
    >>> check_choice("unit", "word", ["token", "char"])
    Traceback (most recent call last):
    ...
    ValueError: unit must be one of ['token', 'char'], got 'word'
    """
    try:
        known = value in choices
    except TypeError:  # an unhashable value against a set or dict of choices
        known = False
    if not known:
        raise ValueError(f"{name} must be one of {list(choices)}, got {value!r}")
    return value


def check_window(window: Any) -> tuple[int, int]:
    """A co-occurrence window as ``(left, right)``: ``w`` is ``(w, w)``.

    Examples
    --------
    >>> check_window(5), check_window((0, 2))
    ((5, 5), (0, 2))
    >>> check_window(0)
    Traceback (most recent call last):
    ...
    ValueError: window must be >= 1, got 0
    """
    if _is_int(window):
        if window < 1:
            raise ValueError(f"window must be >= 1, got {window!r}")
        return int(window), int(window)
    if isinstance(window, (tuple, list)) and len(window) == 2 and all(map(_is_int, window)):
        left, right = int(window[0]), int(window[1])
        if left < 0 or right < 0 or left + right < 1:
            raise ValueError("window (left, right) must be >= 0 with left + right >= 1, "
                             f"got {window!r}")
        return left, right
    raise ValueError(f"window must be an int >= 1 or a (left, right) pair of ints, got {window!r}")


def ngram_orders(ngram: Any) -> list[int]:
    """The n-gram orders ``ngram`` asks for: ``n`` or a ``(min, max)`` pair.

    Examples
    --------
    >>> ngram_orders(2), ngram_orders((1, 3))
    ([2], [1, 2, 3])
    >>> ngram_orders((3, 1))
    Traceback (most recent call last):
    ...
    ValueError: ngram must be an int >= 1 or a (min, max) pair with 1 <= min <= max, got (3, 1)
    """
    if _is_int(ngram):
        if ngram < 1:
            raise ValueError(f"ngram must be >= 1 or a (min, max) pair, got {ngram!r}")
        return [int(ngram)]
    if (isinstance(ngram, tuple) and len(ngram) == 2 and all(map(_is_int, ngram))
            and 1 <= ngram[0] <= ngram[1]):
        return list(range(int(ngram[0]), int(ngram[1]) + 1))
    raise ValueError(f"ngram must be an int >= 1 or a (min, max) pair with 1 <= min <= max, "
                     f"got {ngram!r}")
