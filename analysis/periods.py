"""Dates at their own precision and the calendar periods they fall in.

A document dated ``2019-01`` is the month January 2019, never a made-up
first of January: dates are `pandas.Period` objects of year, month or day
frequency. Grouping ``by`` a period (year, month, ISO week, day) never
guesses: a date coarser than the period is an error.

Nothing here knows about documents or tokens.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, Literal

import pandas as pd

__all__ = [
    "CALENDAR",
    "DateError",
    "check_by",
    "date_bounds",
    "iso_week_label",
    "parse_date",
    "period_label",
    "period_range",
    "period_start",
    "precision_of",
    "week_monday",
]

Precision = Literal["year", "month", "day"]

CALENDAR = ("year", "month", "week", "day")

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# Day first, as Dutch (Excel) writes dates: 7-3-2023, 07/03/2023, 07-03-2023 14:05.
_DUTCH_DATE = re.compile(r"^(\d{1,2})([-/])(\d{1,2})\2(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$")
_ISO_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_FREQ_OF = {"year": "Y", "month": "M", "day": "D"}
_PRECISION_OF_FREQ = {"Y": "year", "A": "year", "M": "month", "D": "day"}
_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


class DateError(ValueError):
    """A value that is not a date, with the reason and the value apart.

    The message is ``<reason>: <value repr>``; readers put ``reason`` into
    their own message that names file and line.

    Examples
    --------
    >>> error = DateError("not a date", "gisteren")
    >>> str(error), error.reason
    ("not a date: 'gisteren'", 'not a date')
    """

    def __init__(self, reason: str, value: Any):
        self.reason = reason
        self.value = value
        super().__init__(f"{reason}: {value!r}")


def precision_of(period: pd.Period) -> Precision:
    """``"year"``, ``"month"`` or ``"day"``: the precision of a document date.

    Raises
    ------
    ValueError
        For a week, quarter or other Period, which is not a document date.

    Examples
    --------
    >>> precision_of(pd.Period("2019-01", freq="M"))
    'month'
    """
    precision = _PRECISION_OF_FREQ.get(period.freqstr.split("-")[0])
    if precision is None:
        raise ValueError(f"a document date is a year, month or day, got a {period.freqstr!r} "
                         f"period: {str(period)!r}")
    return precision


def parse_date(value: Any) -> pd.Period:
    """Parse a date keeping its precision.

    Accepts ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (month and day may have
    one digit), ``DD-MM-YYYY`` and ``DD/MM/YYYY`` (day first, as Dutch
    Excel writes dates, optionally with a time), an ISO date-time (day
    precision; the time is dropped), an int year, `datetime.date`, `datetime.datetime`,
    `pandas.Timestamp` and a year, month or day `pandas.Period`.

    Raises
    ------
    DateError
        (a ValueError) for anything else or an impossible date, ending with
        the value's repr.

    Examples
    --------
    >>> parse_date("2019-01")
    Period('2019-01', 'M')
    >>> parse_date("4-11-2015")
    Period('2015-11-04', 'D')
    >>> parse_date("04/11/2015 14:05")
    Period('2015-11-04', 'D')
    >>> parse_date("2019-02-30")
    Traceback (most recent call last):
    ...
    analysis.periods.DateError: impossible date (day is out of range for month): '2019-02-30'
    """
    if isinstance(value, pd.Period):
        try:
            precision_of(value)
        except ValueError as error:
            raise DateError(str(error), value) from None
        return value
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        if pd.isna(value):
            raise DateError("not a date", value)
        return pd.Period(year=value.year, month=value.month, day=value.day, freq="D")
    year, month, day = _date_parts(value)
    try:
        dt.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError as error:
        raise DateError(f"impossible date ({error})", value) from None
    if month is None:
        return pd.Period(year=year, freq="Y")
    if day is None:
        return pd.Period(year=year, month=month, freq="M")
    return pd.Period(year=year, month=month, day=day, freq="D")


def _date_parts(value: Any) -> tuple[int, int | None, int | None]:
    """Year, month and day written in a str or int date (None where not written)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise DateError("not a date", value)
    text = value.strip()
    if match := _ISO_DATE.match(text):
        year, month, day = match.groups()
    elif match := _DUTCH_DATE.match(text):
        day, _, month, year = match.groups()
    elif match := _ISO_DATETIME.match(text):
        year, month, day = match.groups()
    else:
        raise DateError("not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)", value)
    return int(year), None if month is None else int(month), None if day is None else int(day)


def check_by(by: Any) -> str:
    """``by`` when it is a calendar period, else a ValueError naming it.

    Examples
    --------
    >>> check_by("week")
    'week'
    """
    if by not in CALENDAR:
        raise ValueError(f"by must be one of {CALENDAR}, got {by!r}")
    return by


def iso_week_label(day: dt.date | pd.Timestamp) -> str:
    """The ISO week of a day as ``YYYY-Www`` (the ISO year, which may differ
    from the calendar year around new year).

    Examples
    --------
    >>> iso_week_label(dt.date(2019, 12, 30))
    '2020-W01'
    """
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def week_monday(label: str) -> dt.date:
    """The Monday that starts an ISO week label ``YYYY-Www``.

    Examples
    --------
    >>> week_monday("2020-W01")
    datetime.date(2019, 12, 30)
    """
    match = _ISO_WEEK.fullmatch(label.strip()) if isinstance(label, str) else None
    if not match:
        raise ValueError(f"not an ISO week label (YYYY-Www): {label!r}")
    return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)


def period_label(date: pd.Period | None, by: str) -> str | None:
    """Label a document date with the calendar period ``by`` it falls in.

    Parameters
    ----------
    date : pandas.Period or None
        A document date at its own precision.
    by : {"year", "month", "week", "day"}
        The period to group by. Weeks are ISO weeks, labelled ``2019-W03``;
        a day belongs to the ISO year of its week (2019-12-30 is ``2020-W01``).

    Returns
    -------
    str or None
        None for an undated document.

    Raises
    ------
    ValueError
        When the date is coarser than ``by`` (a month cannot be put in a
        week): the period is never guessed.

    Examples
    --------
    >>> period_label(parse_date("2019-01-15"), "month")
    '2019-01'
    >>> period_label(parse_date("2019-12-30"), "week")
    '2020-W01'
    """
    check_by(by)
    if date is None:
        return None
    wanted = "day" if by == "week" else by
    have = precision_of(date)
    if _PRECISION_RANK[have] < _PRECISION_RANK[wanted]:
        raise ValueError(f"date {str(date)!r} has {have} precision; it cannot be grouped by {by!r}")
    if by == "week":
        return iso_week_label(date.start_time)
    return str(date.asfreq(_FREQ_OF[by], how="start"))


def period_range(labels: Iterable[str], by: str) -> list[str]:
    """Every period label from the earliest to the latest of ``labels``.

    Examples
    --------
    >>> period_range(["2019-03", "2019-01"], "month")
    ['2019-01', '2019-02', '2019-03']
    >>> period_range(["2020-W52", "2021-W02"], "week")
    ['2020-W52', '2020-W53', '2021-W01', '2021-W02']
    """
    check_by(by)
    labels = sorted(set(labels))
    if not labels:
        return []
    if by == "week":
        first, last = week_monday(labels[0]), week_monday(labels[-1])
        weeks = (last - first).days // 7 + 1
        return [iso_week_label(first + dt.timedelta(weeks=k)) for k in range(weeks)]
    return [str(p) for p in pd.period_range(labels[0], labels[-1], freq=_FREQ_OF[by])]


def period_start(label: str, by: str) -> pd.Timestamp:
    """The first day of a period label made by `period_label`.

    Examples
    --------
    >>> period_start("2019-W03", "week")
    Timestamp('2019-01-14 00:00:00')
    >>> period_start("2019-02", "month")
    Timestamp('2019-02-01 00:00:00')
    """
    check_by(by)
    if by == "week":
        return pd.Timestamp(week_monday(label))
    return pd.Period(label, freq=_FREQ_OF[by]).start_time


def date_bounds(value: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last instant of a date at any precision, ISO week labels
    (``2019-W03``) included: the bounds a ``start=``/``end=`` filter uses.

    Examples
    --------
    >>> date_bounds("2019-02")
    (Timestamp('2019-02-01 00:00:00'), Timestamp('2019-02-28 23:59:59.999999'))
    >>> date_bounds("2019-W03")[0]
    Timestamp('2019-01-14 00:00:00')
    """
    if isinstance(value, str) and _ISO_WEEK.match(value.strip()):
        first = pd.Timestamp(week_monday(value))
        return first, first + pd.Timedelta(days=7) - pd.Timedelta(1, "ns")
    period = parse_date(value)
    return period.start_time, period.end_time
