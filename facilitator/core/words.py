"""Counting words for people: "1 item", "2 items", never "1 items"."""

from __future__ import annotations


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``count`` with its noun: ``plural(1, "note")`` is "1 note", ``plural(3, "person", "people")`` "3 people"."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"
