"""Sticky-note colours, by name.

Names are what files, CSV imports and the UI use; the hex values are one
palette the wall, the PDFs and the poster share so a note is the same colour
everywhere. The hues follow Okabe & Ito's colour-blind-safe set, lightened to
sticky-note tints. Lightness is spread as well as hue, because red-green colour
blindness collapses hue differences: tests/test_wall_palette.py simulates
deuteranopia and protanopia (Machado et al. 2009) and checks every pair of
colours stays at least 12 CIELAB units apart.
"""

from __future__ import annotations

NOTE_COLOURS: dict[str, str] = {
    "yellow": "#fff27a",
    "orange": "#f7b44e",
    "pink": "#ffc8e4",
    "blue": "#9fd6ff",
    "green": "#9ad8ad",
    "purple": "#b49be8",
    "grey": "#b4b4b4",
}

# The projector washes colours out: the same names in Okabe & Ito's full-strength
# hues (black text stays readable on each), used by the wall's projector mode.
PROJECTOR_COLOURS: dict[str, str] = {
    "yellow": "#f0e442",
    "orange": "#e69f00",
    "pink": "#f5a3cf",
    "blue": "#56b4e9",
    "green": "#35c79a",
    "purple": "#8f72d9",
    "grey": "#ececec",
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
