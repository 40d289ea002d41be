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


# -- Double Diamond phases ---------------------------------------------------------------
# One set for the screen and for print, so Define is the same vermilion in the
# editor, the necklace, the handout and the pack. Okabe & Ito hues again.
# PHASE_COLOURS fill shapes (beads, diamond halves, bands); words printed or shown
# in a phase's colour use PHASE_TEXT_COLOURS, the same hues darkened until they
# reach 4.5:1 against white, the tables' tinted rows and the panels (WCAG 2.2 AA).
PHASE_COLOURS: dict[str, str] = {
    "discover": "#0072b2",
    "define": "#d55e00",
    "develop": "#009e73",
    "deliver": "#cc79a7",
    "none": "#9aa5b1",
}
PHASE_TEXT_COLOURS: dict[str, str] = {
    "discover": "#0070ae",
    "define": "#b14e00",
    "develop": "#007b5a",
    "deliver": "#95587a",
    "none": "#646b73",
}


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour written ``#rrggbb``."""
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, from 1 (same) to 21 (black on white)."""
    high, low = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
