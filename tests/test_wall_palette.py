"""The note palettes stay distinguishable for people with red-green colour blindness.

Each colour is passed through Machado, Oliveira & Fernandes' (2009) full-severity
deuteranopia and protanopia matrices in linear RGB, then compared in CIELAB
(D65). 12 units apart is clearly "a different colour" on a note; the old tints
had blue and purple 2 units apart under deuteranopia.
"""

from __future__ import annotations

import itertools
import math

import pytest

from facilitator.core.palette import NOTE_COLOURS, PROJECTOR_COLOURS

MATRICES = {
    "normal": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
}
MIN_DISTANCE = 12.0


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen_as(hex_colour: str, vision: str) -> tuple[float, float, float]:
    rgb = [_linear(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5)]
    m = MATRICES[vision]
    simulated = [min(1.0, max(0.0, sum(m[row][k] * rgb[k] for k in range(3)))) for row in range(3)]
    return _lab((simulated[0], simulated[1], simulated[2]))


@pytest.mark.parametrize("palette", [NOTE_COLOURS, PROJECTOR_COLOURS], ids=["laptop", "projector"])
@pytest.mark.parametrize("vision", sorted(MATRICES))
def test_every_pair_of_note_colours_stays_apart(palette: dict[str, str], vision: str) -> None:
    closest = min(
        (math.dist(seen_as(palette[a], vision), seen_as(palette[b], vision)), a, b)
        for a, b in itertools.combinations(palette, 2)
    )
    assert closest[0] >= MIN_DISTANCE, f"{closest[1]} and {closest[2]} look alike under {vision}: {closest[0]:.1f}"


def test_the_simulation_catches_a_red_green_pair() -> None:
    """A pure red and green that differ for most people must collapse under deuteranopia, or the check is blind."""
    normal = math.dist(seen_as("#d04040", "normal"), seen_as("#8a8a20", "normal"))
    deutan = math.dist(seen_as("#d04040", "deuteranopia"), seen_as("#8a8a20", "deuteranopia"))
    assert normal > 30
    assert deutan < normal / 2


def test_both_palettes_name_the_same_colours() -> None:
    assert list(PROJECTOR_COLOURS) == list(NOTE_COLOURS)


@pytest.mark.parametrize("palette", [NOTE_COLOURS, PROJECTOR_COLOURS], ids=["laptop", "projector"])
def test_dark_text_stays_readable_on_every_note(palette: dict[str, str]) -> None:
    for name, colour in palette.items():
        lightness = seen_as(colour, "normal")[0]
        assert lightness >= 50, f"{name} is too dark for black text ({lightness:.0f})"
