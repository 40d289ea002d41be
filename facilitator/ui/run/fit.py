"""Text that fits a box on the projector: shrink within limits, then wrap to a fixed number of lines.

The room must never see a line cut through the middle or text under the
countdown's digits. So text is laid out here, line by line, before anything
is drawn: the font shrinks step by step from ``max_px`` to ``min_px`` until
the text fits in ``max_lines`` lines (and ``max_height``); if it still does
not fit at ``min_px``, the last line that fits ends with an ellipsis. The
painter then draws whole lines, each in its own row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QTextLayout, QTextOption

ELLIPSIS = "…"


@dataclass
class FittedText:
    """Lines ready to draw: the font chosen, the lines, and the height of one line."""

    font: QFont
    lines: list[str] = field(default_factory=list)
    line_height: float = 0.0
    elided: bool = False

    @property
    def height(self) -> float:
        return self.line_height * len(self.lines)

    def rects(self, left: float, top: float, width: float) -> list[QRectF]:
        """Where each line is drawn: one row per line, no row shared."""
        return [QRectF(left, top + i * self.line_height, width, self.line_height) for i in range(len(self.lines))]


def clean(text: str) -> str:
    """One paragraph: runs of spaces and line breaks collapse (a projector has no room for blank lines)."""
    return " ".join(text.split())


def wrap(text: str, font: QFont, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (at word boundaries, or anywhere in a long word)."""
    if not text:
        return []
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return [ln for ln in lines if ln]


def fit_text(
    text: str,
    base: QFont,
    width: float,
    max_px: float,
    min_px: float,
    max_lines: int,
    max_height: float | None = None,
) -> FittedText:
    """The largest size from ``max_px`` down to ``min_px`` at which ``text`` fits; else ``min_px``, elided."""
    text = clean(text)
    font = QFont(base)
    px = max(1, int(max_px))
    floor = max(1, int(min_px))
    while True:
        font.setPixelSize(px)
        spacing = QFontMetricsF(font).lineSpacing()
        allowed = max_lines if max_height is None else min(max_lines, int(max_height // spacing))
        lines = wrap(text, font, width)
        if len(lines) <= allowed or px <= floor:
            break
        px = max(floor, int(px * 0.92))
    if not text:
        return FittedText(font, [], spacing)
    allowed = max(1, allowed)
    if len(lines) <= allowed:
        return FittedText(font, lines, spacing)
    kept = lines[: allowed - 1]
    rest = " ".join(lines[allowed - 1 :])
    last = QFontMetricsF(font).elidedText(rest + ELLIPSIS, Qt.TextElideMode.ElideRight, width)
    last = last.removesuffix(ELLIPSIS).rstrip(" ,;:·-") + ELLIPSIS  # "in …" reads as "in…"
    return FittedText(font, [*kept, last], spacing, elided=True)


def draw_lines(
    painter: QPainter, fitted: FittedText, left: float, top: float, width: float, centre: bool = False
) -> list[QRectF]:
    """Draw each fitted line in its own row (never clipped through a line); returns the rows used."""
    painter.setFont(fitted.font)
    metrics = QFontMetricsF(fitted.font)
    rows = fitted.rects(left, top, width)
    for row, line in zip(rows, fitted.lines, strict=True):
        x = row.left()
        if centre:
            x += (row.width() - metrics.horizontalAdvance(line)) / 2
        baseline = row.top() + (row.height() - metrics.height()) / 2 + metrics.ascent()
        painter.drawText(QPointF(x, baseline), line)
    return rows
