"""The colours a participant group can take, by name.

Okabe & Ito's colour-blind-safe set at full strength (the demo's groups use
it), so a group's colour on the event pack's chart stays distinguishable.
"""

from __future__ import annotations

GROUP_COLOURS: dict[str, str] = {
    "Blue": "#0072b2",
    "Green": "#009e73",
    "Orange": "#e69f00",
    "Pink": "#cc79a7",
    "Sky blue": "#56b4e9",
    "Red": "#d55e00",
    "Yellow": "#f0e442",
    "Grey": "#9e9e9e",
}


def colour_name(hex_colour: str) -> str:
    """The palette name for a colour, or the colour itself when it came from elsewhere (an import, an old file)."""
    wanted = hex_colour.strip().lower()
    return next((name for name, value in GROUP_COLOURS.items() if value == wanted), hex_colour)


def unused_colour(taken: list[str]) -> str:
    """The first palette colour no group has yet, so a new group stands out from the others."""
    used = {c.strip().lower() for c in taken}
    return next((c for c in GROUP_COLOURS.values() if c not in used), GROUP_COLOURS["Grey"])
