"""Sticky-note colours, by name.

Names are what files, CSV imports and the UI use; the hex values are one
palette the wall, the PDFs and the poster share so a note is the same colour
everywhere. The hues follow Okabe & Ito's colour-blind-safe set, lightened to
sticky-note tints, so neighbours stay distinguishable under red-green colour
blindness.
"""

from __future__ import annotations

NOTE_COLOURS: dict[str, str] = {
    "yellow": "#fff3a3",
    "orange": "#ffd08a",
    "pink": "#f7c6dc",
    "blue": "#b9dcf5",
    "green": "#bfe8d8",
    "purple": "#d9c8ef",
    "grey": "#e3e3e3",
}

DEFAULT_COLOUR = "yellow"


def normalise_colour(name: str | None) -> str:
    """Map what people type ("Yellow ", "gray") to a palette name, or the default."""
    key = (name or "").strip().lower()
    if key == "gray":
        key = "grey"
    return key if key in NOTE_COLOURS else DEFAULT_COLOUR


def hex_for(name: str) -> str:
    return NOTE_COLOURS.get(name, NOTE_COLOURS[DEFAULT_COLOUR])


def next_colour(name: str) -> str:
    """The colour after ``name``, for the capture bar's cycle key."""
    names = list(NOTE_COLOURS)
    index = names.index(name) if name in names else -1
    return names[(index + 1) % len(names)]
