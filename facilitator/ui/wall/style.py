"""How the wall looks: the laptop look and the projector look, as one object each.

Items read their fonts and colours from the scene's style, so the projector
window can show the same wall with larger text, stronger colours and high
contrast without a second kind of item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from PySide6.QtGui import QColor, QFont

from facilitator.core.palette import NOTE_COLOURS, PROJECTOR_COLOURS
from facilitator.ui import theme

# Below this scale a note is under ~90 px wide and its text unreadable: the
# wall switches to one batched layer of coloured shapes (see items.FarLayer).
FAR_SCALE = 0.45


def _font(pixels: int, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setWeight(weight)
    return font


@dataclass
class WallStyle:
    colours: dict[str, QColor]
    text_font: QFont
    meta_font: QFont
    title_font: QFont
    badge_font: QFont
    ink: QColor
    muted: QColor
    edge: QColor
    edge_width: float
    background: QColor
    frame_alpha: int
    max_lines: int
    accent: QColor = field(default_factory=lambda: QColor(theme.ACCENT))
    match: QColor = field(default_factory=lambda: QColor("#d55e00"))
    badge: QColor = field(default_factory=lambda: QColor("#1f2933"))

    @cached_property
    def shadow(self) -> QColor:
        """The note's drop shadow as an opaque colour: blending 2,000 small shadows a frame costs more than notes."""
        if self.edge.alpha() == 255:
            return self.edge
        a = self.edge.alpha() / 255
        bg = self.background
        return QColor(
            round(self.edge.red() * a + bg.red() * (1 - a)),
            round(self.edge.green() * a + bg.green() * (1 - a)),
            round(self.edge.blue() * a + bg.blue() * (1 - a)),
        )

    def colour(self, name: str) -> QColor:
        return self.colours.get(name) or self.colours["yellow"]


def laptop_style() -> WallStyle:
    return WallStyle(
        colours={k: QColor(v) for k, v in NOTE_COLOURS.items()},
        text_font=_font(14),
        meta_font=_font(11),
        title_font=_font(20, QFont.Weight.DemiBold),
        badge_font=_font(12, QFont.Weight.Bold),
        ink=QColor(theme.INK),
        muted=QColor(theme.MUTED),
        edge=QColor(0, 0, 0, 40),
        edge_width=1.0,
        background=QColor("#f4f2ee"),
        frame_alpha=70,
        max_lines=5,
    )


def projector_style() -> WallStyle:
    """Larger text, black ink, strong colour-blind-safe fills and heavy edges for a washed-out projector."""
    return WallStyle(
        colours={k: QColor(v) for k, v in PROJECTOR_COLOURS.items()},
        text_font=_font(17, QFont.Weight.Medium),
        meta_font=_font(13, QFont.Weight.DemiBold),
        title_font=_font(26, QFont.Weight.Bold),
        badge_font=_font(15, QFont.Weight.Bold),
        ink=QColor("#000000"),
        muted=QColor("#202020"),
        edge=QColor("#000000"),
        edge_width=2.0,
        background=QColor("#ffffff"),
        frame_alpha=110,
        max_lines=4,
    )
