"""The diamond necklace: the agenda drawn as a chain of Double Diamonds.

Each diamond is a question the room opens up (the diverging left half) and
then narrows down (the converging right half). Items are beads placed in the
half their phase belongs to; items with no diamond (welcome, breaks) are
beads on the string between diamonds. Big diamonds are the day's questions,
small ones a session's. The same painter serves the editor, the projector
strip and ``facilitator render --view necklace``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from facilitator.core.agenda import AgendaItem, Diamond, DiamondSize, Phase
from facilitator.edits import Notice
from facilitator.ui import theme

_WEIGHT = {DiamondSize.BIG: 3.2, DiamondSize.SMALL: 2.2}
_HEIGHT = {DiamondSize.BIG: 0.92, DiamondSize.SMALL: 0.62}
_LOOSE_WEIGHT = 0.55


@dataclass
class DiamondShape:
    diamond: Diamond
    x: float  # left tip, as a fraction of the width
    width: float  # fraction of the width
    height: float  # fraction of the height
    diverge_phase: Phase | None = None
    converge_phase: Phase | None = None


@dataclass
class Bead:
    index: int  # position of the item in the agenda
    item: AgendaItem
    x: float  # fraction of the width


def necklace_layout(items: Sequence[AgendaItem], diamonds: Sequence[Diamond]) -> tuple[list[DiamondShape], list[Bead]]:
    """Where each diamond and bead goes, in fractions of the strip (no Qt arithmetic, easy to test)."""
    by_id = {d.id: d for d in diamonds}
    # Stations along the chain: a diamond (with its items) or a run of loose beads.
    stations: list[tuple[str, Diamond | None, list[int]]] = []
    station_of: dict[str, int] = {}
    for i, item in enumerate(items):
        diamond = by_id.get(item.diamond_id or "")
        if diamond is None:
            if stations and stations[-1][0] == "loose":
                stations[-1][2].append(i)
            else:
                stations.append(("loose", None, [i]))
        elif diamond.id in station_of:
            stations[station_of[diamond.id]][2].append(i)
        else:
            station_of[diamond.id] = len(stations)
            stations.append(("diamond", diamond, [i]))

    def weight(station) -> float:
        kind, diamond, members = station
        return _WEIGHT[diamond.size] if kind == "diamond" else _LOOSE_WEIGHT * len(members)

    total = sum(weight(s) for s in stations) or 1.0
    gap = 0.12  # string between stations, in weight units
    total += gap * (len(stations) + 1)
    shapes: list[DiamondShape] = []
    beads: list[Bead] = []
    cursor = gap
    for station in stations:
        kind, diamond, members = station
        w = weight(station)
        x0, width = cursor / total, w / total
        if kind == "loose":
            for k, i in enumerate(members):
                beads.append(Bead(i, items[i], x0 + width * (k + 0.5) / len(members)))
        else:
            shape = DiamondShape(diamond, x0, width, _HEIGHT[diamond.size])
            halves: dict[str, list[int]] = {"diverge": [], "converge": [], "middle": []}
            for i in members:
                phase = items[i].phase
                side = "diverge" if phase.diverging else "converge" if phase.converging else "middle"
                halves[side].append(i)
                if side == "diverge" and shape.diverge_phase is None:
                    shape.diverge_phase = phase
                if side == "converge" and shape.converge_phase is None:
                    shape.converge_phase = phase
            for side, lo, hi in (("diverge", 0.12, 0.46), ("converge", 0.54, 0.88), ("middle", 0.5, 0.5)):
                members_here = halves[side]
                for k, i in enumerate(members_here):
                    t = lo + (hi - lo) * (k + 1) / (len(members_here) + 1) if hi > lo else lo
                    beads.append(Bead(i, items[i], x0 + width * t))
            shapes.append(shape)
        cursor += w + gap
    beads.sort(key=lambda b: b.index)
    return shapes, beads


def fitted_label(metrics: QFontMetricsF, text: str, box: QRectF) -> str:
    """The question as it fits the label box: whole, or shortened at a word with "…" (never cut mid-line)."""
    flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)

    def fits(candidate: str) -> bool:
        return metrics.boundingRect(box, flags, candidate).height() <= box.height() + 0.5

    if fits(text):
        return text
    words = text.split()
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(",;:") + "…"
        if fits(candidate):
            return candidate
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, box.width())


def label_pixel_size(font: QFont, height: float) -> int:
    """The diamonds' label size: the reading font's, or larger on a tall strip (the projector)."""
    return max(QFontInfo(font).pixelSize(), 12, int(height * 0.075))


def paint_necklace(
    painter: QPainter,
    rect: QRectF,
    items: Sequence[AgendaItem],
    diamonds: Sequence[Diamond],
    current: int | None = None,
    dark: bool = False,
    labels: bool = True,
) -> None:
    """Draw the necklace into ``rect``; ``current`` highlights the running item, ``dark`` is for the projector."""
    shapes, beads = necklace_layout(items, diamonds)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # Labels are never smaller than the reading font (about 13 px, more at a larger system font size),
    # and get room for two lines of it.
    label_font = QFont(painter.font())
    label_font.setPixelSize(label_pixel_size(painter.font(), rect.height()))
    label_px = label_font.pixelSize()
    label_h = max(rect.height() * 0.34, label_px * 2.7) if labels else 0.0
    band = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - label_h)
    mid = band.center().y()
    line = QColor("#5d6b7a") if dark else QColor(theme.LINE).darker(120)
    ink = QColor("#e8edf2") if dark else QColor(theme.INK)
    painter.setPen(QPen(line, max(1.5, band.height() * 0.012)))
    painter.drawLine(QPointF(band.left(), mid), QPointF(band.right(), mid))

    def px(fraction: float) -> float:
        return band.left() + fraction * band.width()

    current_diamond = items[current].diamond_id if current is not None and 0 <= current < len(items) else None
    for shape in shapes:
        left, right = px(shape.x), px(shape.x + shape.width)
        cx, half_h = (left + right) / 2, band.height() * shape.height / 2
        top, bottom = mid - half_h, mid + half_h
        for phase, pts in (
            (shape.diverge_phase or Phase.DISCOVER, [(left, mid), (cx, top), (cx, bottom)]),
            (shape.converge_phase or Phase.DEFINE, [(cx, top), (right, mid), (cx, bottom)]),
        ):
            fill = QColor(theme.PHASE_COLOURS[phase.value])
            fill.setAlphaF(0.34 if shape.diamond.id == current_diamond else (0.22 if dark else 0.14))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in pts]))
        outline = QColor(theme.ACCENT if not dark else "#7fd1c9") if shape.diamond.id == current_diamond else line
        painter.setPen(QPen(outline, max(1.5, band.height() * (0.02 if shape.diamond.id == current_diamond else 0.01))))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath()
        path.addPolygon(QPolygonF([QPointF(left, mid), QPointF(cx, top), QPointF(right, mid), QPointF(cx, bottom)]))
        path.closeSubpath()
        painter.drawPath(path)
        if labels:
            font = QFont(label_font)
            font.setBold(shape.diamond.size is DiamondSize.BIG)
            painter.setFont(font)
            painter.setPen(ink)
            box = QRectF(left - 8, band.bottom() + 2, right - left + 16, label_h - 2)
            flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
            painter.drawText(box, flags, fitted_label(QFontMetricsF(font), shape.diamond.question, box))

    radius = max(3.0, min(band.height() * 0.07, band.width() / max(1, len(items)) * 0.22))
    for bead in beads:
        centre = QPointF(px(bead.x), mid)
        colour = QColor(theme.PHASE_COLOURS[bead.item.phase.value])
        done = current is not None and bead.index < current
        if bead.item.kind.value == "break":
            colour = QColor("#9aa5b1")
        if bead.index == current:
            glow = QColor("#ffffff" if dark else theme.ACCENT)
            painter.setPen(QPen(glow, radius * 0.45))
            painter.setBrush(colour)
            painter.drawEllipse(centre, radius * 1.7, radius * 1.7)
            continue
        if done:
            colour.setAlphaF(0.45)
        painter.setPen(QPen(QColor("#0f1a24") if dark else QColor("white"), max(1.0, radius * 0.25)))
        painter.setBrush(colour)
        painter.drawEllipse(centre, radius, radius)
    painter.restore()


class NecklaceWidget(QWidget):
    """The necklace in the agenda editor; repaints when the agenda or diamonds change.

    While a run is on, its item is highlighted: the widget follows the run's stored state
    (each run step is a ``SetRun`` notice), so run mode does not reach into the agenda tab.
    """

    def __init__(self, document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.current: int | None = None
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Diamond necklace")
        self.setAccessibleDescription("The agenda drawn as a chain of Double Diamonds")
        document.changed.connect(self._on_changed)

    def sizeHint(self) -> QSize:
        """Tall enough for the beads plus two lines of labels at the reading font size."""
        return QSize(800, max(140, 90 + int(QFontInfo(self.font()).pixelSize() * 2.8)))

    def set_current(self, index: int | None) -> None:
        self.current = index
        self.update()

    def _on_changed(self, notice: Notice) -> None:
        if notice.touches("run"):
            self.set_current(self._running_index())
        elif notice.touches("agenda", "event", "diamond"):
            self.update()

    def _running_index(self) -> int | None:
        """The position of the run's current item, by id, else where it stood (None: no run)."""
        run = self.document.project.run
        ids = [it.id for it in self.document.project.agenda]
        if run is None or not ids:
            return None
        return ids.index(run.item_id) if run.item_id in ids else min(max(0, run.item_index), len(ids) - 1)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        project = self.document.project
        paint_necklace(
            painter, QRectF(self.rect()).adjusted(12, 8, -12, -4), project.agenda, project.diamonds, self.current
        )
        painter.end()
