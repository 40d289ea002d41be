"""Reading what people type into a field: dates and choices from a short list.

The rule for both: store what was typed or nothing. A text that could mean
two things (``"De"`` for Define or Develop, ``"03/04/2027"`` is read day
first, as printed on our handouts) is either read one documented way or
refused; it never silently becomes something else.
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


def parse_date(text: str, today: dt.date) -> dt.date | None:
    """The date a person typed, or None when the text is not one.

    Accepts ``15/01/2027``, ``15.1.27``, ``15-01-2027`` (day first, as in
    the UK; month first only when the second number cannot be a month, as in
    ``01/15/2027``), ``2027-01-15``, ``15 Jan 2027``, ``Friday 15 January 2027``,
    ``January 15, 2027`` and, without a year, the next such day from ``today``.
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
                return _next_occurrence(month, day, today)
            return dt.date(_year(numbers[1]), month, day)
        if len(numbers) == 3:
            a, b, c = numbers
            if len(a) == 4:  # ISO: year first
                return dt.date(int(a), int(b), int(c))
            day, month = int(a), int(b)
            if month > 12 >= day:  # 01/15/2027 can only be month first
                day, month = month, day
            return dt.date(_year(c), month, day)
        if len(numbers) == 2:
            day, month = int(numbers[0]), int(numbers[1])
            if month > 12 >= day:
                day, month = month, day
            return _next_occurrence(month, day, today)
        if len(numbers) == 1 and len(numbers[0]) == 8:  # 15012027
            digits = numbers[0]
            return dt.date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    except ValueError:
        return None
    return None


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
