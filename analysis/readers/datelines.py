"""Date lines as news databases print them, in English and Dutch.

LexisNexis and Nexis Uni write ``January 11, 2010 Monday``, ``Monday,
January 11, 2010``, ``11 januari 2010 maandag`` or, for monthly titles,
``January 2010``; a time (``12:00 AM GMT``) or an edition may follow. This
module turns such a line into a `pandas.Period` at the precision it gives.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

__all__ = ["MONTHS", "parse_date_line"]

MONTHS = {
    **{name: n for n, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"), start=1)},
    **{name: n for n, name in enumerate(
        ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
         "oktober", "november", "december"), start=1)},
    "sept": 9, "jan": 1, "feb": 2, "mar": 3, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = ("monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
             "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_REST = r"(?:[ ,]+(?:" + _WEEKDAYS + r"))?(?:[ ,]+.*)?"
_PATTERNS = (
    # January 11, 2010 Monday / Monday, January 11, 2010 / Jan. 11 2010
    re.compile(rf"^(?:(?:{_WEEKDAYS}),? +)?(?P<month>{_MONTH})\.? +(?P<day>\d{{1,2}}),? +(?P<year>\d{{4}}){_REST}$",
               re.IGNORECASE),
    # 11 januari 2010 maandag / maandag 11 januari 2010
    re.compile(rf"^(?:(?:{_WEEKDAYS}),? +)?(?P<day>\d{{1,2}}) +(?P<month>{_MONTH})\.? +(?P<year>\d{{4}}){_REST}$",
               re.IGNORECASE),
    # January 2010 (a monthly)
    re.compile(rf"^(?P<month>{_MONTH}) +(?P<year>\d{{4}})(?:[ ,]+.*)?$", re.IGNORECASE),
)


def parse_date_line(line: str) -> pd.Period | None:
    """The date a database's date line gives, or None when the line is no date line.

    Raises
    ------
    ValueError
        For a date line with an impossible date (``February 30, 2010``).

    Examples
    --------
    >>> parse_date_line("January 11, 2010 Monday")
    Period('2010-01-11', 'D')
    >>> parse_date_line("11 januari 2010 maandag 6:00 AM GMT")
    Period('2010-01-11', 'D')
    >>> parse_date_line("Monday, March 2, 2020")
    Period('2020-03-02', 'D')
    >>> parse_date_line("Maart 2011")
    Period('2011-03', 'M')
    >>> parse_date_line("Kabinet valt over stikstof") is None
    True
    """
    text = " ".join(line.split())
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        year, month = int(match["year"]), MONTHS[match["month"].lower()]
        day = match.groupdict().get("day")
        if day is None:
            return pd.Period(year=year, month=month, freq="M")
        try:
            dt.date(year, month, int(day))
        except ValueError as error:
            raise ValueError(f"impossible date ({error}): {line.strip()!r}") from None
        return pd.Period(year=year, month=month, day=int(day), freq="D")
    return None
