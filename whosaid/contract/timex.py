"""TIMEX3 value syntax and calendar checks.

Two questions the validator asks of a timex: is the value written in TIMEX3
syntax for its type (`syntax_ok`), and, when it names a calendar date or time,
does that date exist (`date_problem`; `dct_problem` for the DCT).
"""

from __future__ import annotations

import datetime as _dt
import re

_YEAR = r"(?P<year>\d{4}|\d{3}X|\d{2}XX|XXXX|\d{3}|\d{2})"
_MONTH_DAY = r"(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)"
_WEEK = r"(?:-W(?P<week>\d{2}|XX)(?:-(?P<weekday>[1-7X]|WE))?)"
_PART = r"(?:-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI))"
_DATE = rf"{_YEAR}(?:{_MONTH_DAY}|{_WEEK}|{_PART})?"
_CLOCK = r"(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}(?:\.\d+)?))?)?"
_TIME = rf"{_DATE}T(?:{_CLOCK}|MO|MI|AF|EV|NI|DT)"
_NUMBER = r"(?:\d+(?:\.\d+)?|X+)"
_DURATION = (
    rf"P(?:(?:{_NUMBER}(?:CE|ML|DE|Y|Q|M|W|D))+(?:T(?:{_NUMBER}[HMS])+)?|T(?:{_NUMBER}[HMS])+)"
)
_REF = r"(?:PRESENT_REF|PAST_REF|FUTURE_REF)"

_D, _T, _P, _R = (re.compile(rf"^{p}$") for p in (_DATE, _TIME, _DURATION, _REF))
# The value forms each TIMEX3 type admits (a SET is written as a duration or
# as a date or time with X for the repeating part).
GRAMMAR = {
    "DATE": (_D, _R),
    "TIME": (_T, _R),
    "DURATION": (_P,),
    "SET": (_P, _D, _T),
}
DCT = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:T" + _CLOCK + r")?$")


def _match(timex_type: str, value: str) -> re.Match | None:
    for grammar in GRAMMAR.get(timex_type, ()):
        match = grammar.match(value)
        if match:
            return match
    return None


def syntax_ok(timex_type: str, value: str) -> bool:
    return _match(timex_type, value) is not None


def calendar_problem(match: re.Match) -> str | None:
    """Why the date or time a value names cannot exist, or None."""
    parts = match.groupdict()
    year = parts.get("year") or ""
    month, day, week = parts.get("month"), parts.get("day"), parts.get("week")
    if month and month != "XX" and not 1 <= int(month) <= 12:
        return f"month {month} does not exist"
    if week and week != "XX" and not 1 <= int(week) <= 53:
        return f"week {week} does not exist"
    if day and day != "XX":
        if not 1 <= int(day) <= 31:
            return f"day {day} does not exist"
        if year.isdigit() and len(year) == 4 and month and month != "XX":
            try:
                _dt.date(int(year), int(month), int(day))
            except ValueError:
                return f"{year}-{month}-{day} is not a date"
    if week and week != "XX" and year.isdigit() and len(year) == 4:
        last_week = _dt.date(int(year), 12, 28).isocalendar()[1]
        if int(week) > last_week:
            return f"{year} has no week {week}"
    hour, minute, second = parts.get("hour"), parts.get("minute"), parts.get("second")
    if hour is not None and not 0 <= int(hour) <= 24:
        return f"hour {hour} does not exist"
    if hour == "24" and any(v and float(v) != 0 for v in (minute, second)):
        return f"24:{minute}{':' + second if second else ''} is past the end of the day (only 24:00 names it)"
    if minute is not None and not 0 <= int(minute) <= 59:
        return f"minute {minute} does not exist"
    if second is not None and not 0 <= float(second) < 61:
        return f"second {second} does not exist"
    return None


def date_problem(timex_type: str, value: str) -> str | None:
    """For a value of valid syntax: why its calendar date is impossible, or None."""
    match = _match(timex_type, value)
    return calendar_problem(match) if match else None


def dct_problem(value: object) -> str | None:
    """Why a DCT value is not a real `YYYY-MM-DD[Thh:mm[:ss]]`, or None."""
    if not isinstance(value, str):
        return "a string YYYY-MM-DD"
    match = DCT.match(value)
    if not match:
        return "a full date YYYY-MM-DD, optionally with Thh:mm[:ss]"
    return calendar_problem(match)
