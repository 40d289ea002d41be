"""Reading what people type into a field: dates and choices from a short list.

The rule for both: store what was typed or nothing. A text that could mean
two things is either read one documented way and said so, or refused; it
never silently becomes something else. ``"De"`` (Define or Develop) is
refused. ``"01/02/2027"`` is read in the order of the user's own dates (day
first by default, month first where the computer's dates are written so) and
:func:`read_date` says it could have been either, so the UI can show how it
was read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "thursday", "thu", "thurs",
    "friday", "fri", "saturday", "sat", "sunday", "sun",
}  # fmt: skip


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) <= 2 else year


def _next_occurrence(month: int, day: int, today: dt.date) -> dt.date | None:
    """A date typed without a year: this year's, or next year's once this year's has passed."""
    for year in (today.year, today.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def _day_month(first: int, second: int, month_first: bool) -> tuple[int, int, bool]:
    """(day, month, either): two numbers read in the user's order, unless only the other order is a date.

    ``either`` is True when both orders give a date and they differ (01/02, not 01/01 or 13/02).
    """
    day, month = (second, first) if month_first else (first, second)
    if month > 12 >= day:  # 15/01 month first, or 01/15 day first, can only be read the other way
        day, month = month, day
    either = first != second and 1 <= first <= 12 and 1 <= second <= 12
    return day, month, either


def parse_date(text: str, today: dt.date, month_first: bool = False) -> dt.date | None:
    """The date a person typed, or None when the text is not one (see :func:`read_date`)."""
    read = read_date(text, today, month_first)
    return None if read is None else read[0]


def read_date(text: str, today: dt.date, month_first: bool = False) -> tuple[dt.date, bool] | None:
    """(the date a person typed, whether its numbers could also be read the other way), or None.

    Accepts ``15/01/2027``, ``15.1.27``, ``15-01-2027`` (day first, as in the UK,
    or month first with ``month_first``, as the user's computer writes dates in
    the US; the other order only when the first reading cannot be a date, as in
    ``01/15/2027`` day first), ``2027-01-15``, ``15 Jan 2027``,
    ``Friday 15 January 2027``, ``January 15, 2027`` and, without a year, the
    next such day from ``today``. Only day and month as plain numbers can be
    read both ways; a month named in words or an ISO date cannot.
    """
    words = re.findall(r"[a-z]+|\d+", text.casefold())
    words = [w for w in words if w not in WEEKDAYS and w not in ("st", "nd", "rd", "th", "of")]
    if not words:
        return None
    numbers = [w for w in words if w.isdigit()]
    names = [w for w in words if not w.isdigit()]
    try:
        if names:
            if len(names) != 1 or names[0] not in MONTHS or not 1 <= len(numbers) <= 2:
                return None
            month = MONTHS[names[0]]
            day = int(numbers[0])
            if len(numbers) == 1:
                found = _next_occurrence(month, day, today)
                return None if found is None else (found, False)
            return dt.date(_year(numbers[1]), month, day), False
        if len(numbers) == 3:
            a, b, c = numbers
            if len(a) == 4:  # ISO: year first
                return dt.date(int(a), int(b), int(c)), False
            day, month, either = _day_month(int(a), int(b), month_first)
            return dt.date(_year(c), month, day), either
        if len(numbers) == 2:
            day, month, either = _day_month(int(numbers[0]), int(numbers[1]), month_first)
            found = _next_occurrence(month, day, today)
            return None if found is None else (found, either)
        if len(numbers) == 1 and len(numbers[0]) == 8:  # 15012027 (or 01152027 month first)
            digits = numbers[0]
            day, month, either = _day_month(int(digits[:2]), int(digits[2:4]), month_first)
            return dt.date(int(digits[4:]), month, day), either
    except ValueError:
        return None
    return None


def reading_note(date: dt.date, month_first: bool) -> str:
    """What to tell someone whose typed numbers could be read both ways: how they were read, and the other way."""
    order = "month" if month_first else "day"
    other = dt.date(2000, date.day, date.month)  # the other reading's day and month (2000: any leap year)
    return (
        f"Read as {date.day} {date:%B %Y}, {order} first as on this computer. "
        f"For {other.day} {other:%B}, type {other.day} {other:%b}."
    )


def match_choice(text: str, labels: Sequence[str]) -> int | None:
    """Which of ``labels`` the typed ``text`` names: the index, or None when none or several fit.

    An exact match (ignoring case and spaces at the ends) wins; otherwise the
    text must start exactly one label ("Dev" is Develop, "De" is refused).
    """
    typed = " ".join(text.split()).casefold()
    if not typed:
        return None
    folded = [" ".join(label.split()).casefold() for label in labels]
    if typed in folded:
        return folded.index(typed)
    starts = [i for i, label in enumerate(folded) if label.startswith(typed)]
    return starts[0] if len(starts) == 1 else None
