"""The projector: what the room sees during the run.

The whole view is painted from one :class:`AudienceState`, so the live
window, ``facilitator render --view audience`` and the tests draw the same
pixels. The countdown's digits are at least a quarter of the screen's height
(readable from the back of a room).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPainterPath
from PySide6.QtWidgets import QStackedLayout, QWidget

from facilitator.core.agenda import AgendaItem, Diamond
from facilitator.core.run import Level, Run
from facilitator.ui.agenda.necklace import paint_necklace
from facilitator.ui.run import look

DIGIT_SHARE = 0.37  # font pixel size as a share of the height; the digits' ink is about 0.75 of it


@dataclass
class AudienceState:
    """Everything the projector shows at one moment."""

    title: str
    instructions: str = ""
    display: str = "0:00"
    level: Level = Level.NORMAL
    fraction_left: float = 1.0
    next_title: str = ""
    next_start: str = ""
    paused: bool = False
    blackout: bool = False
    index: int = 0
    count: int = 1
    items: Sequence[AgendaItem] = field(default_factory=list)
    diamonds: Sequence[Diamond] = field(default_factory=list)


def state_from_run(run: Run, diamonds: Sequence[Diamond], blackout: bool = False) -> AudienceState:
    item = run.current_item
    following = run.next_item
    next_start = ""
    if following is not None:
        next_start = run.clock_time(run.projected_current_end()).strftime("%H:%M")
    return AudienceState(
        title=item.title,
        instructions=item.instructions,
        display=run.display,
        level=run.level,
        fraction_left=run.fraction_left,
        next_title=following.title if following else "",
        next_start=next_start,
        paused=not run.running,
        blackout=blackout,
        index=run.index,
        count=len(run.items),
        items=run.items,
        diamonds=diamonds,
    )


def countdown_font(height: float, base: QFont | None = None) -> QFont:
    font = QFont(base) if base is not None else QFont()
    font.setPixelSize(max(8, int(height * DIGIT_SHARE)))
    font.setWeight(QFont.Weight.Bold)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    # Tabular digits so the countdown does not wobble as it changes.
    font.setFeature(QFont.Tag("tnum"), 1)
    return font


def paint_audience(painter: QPainter, rect: QRectF, state: AudienceState) -> None:
    """Paint the projector view into ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if state.blackout:
        painter.fillRect(rect, QColor("black"))
        painter.restore()
        return
    overtime = state.level is Level.OVERTIME
    painter.fillRect(rect, QColor(look.OVERTIME_BACKGROUND if overtime else look.BACKGROUND))
    w, h = rect.width(), rect.height()
    margin = min(w, h) * 0.055
    left, top = rect.left() + margin, rect.top() + margin * 0.8
    inner_w = w - 2 * margin
    accent = QColor(look.LEVEL_COLOURS[state.level])

    # Where we are: "3 of 13" and the item's title.
    small = QFont(painter.font())
    small.setPixelSize(max(8, int(h * 0.028)))
    small.setWeight(QFont.Weight.DemiBold)
    small.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    painter.setFont(small)
    painter.setPen(QColor(look.SOFT_TEXT))
    label = f"NOW  ·  {state.index + 1} OF {state.count}"
    if state.paused:
        label += "  ·  PAUSED"
    painter.drawText(QRectF(left, top, inner_w, h * 0.04), int(Qt.AlignmentFlag.AlignLeft), label)
    title_font = QFont(painter.font())
    title_font.setPixelSize(max(10, int(h * 0.066)))
    title_font.setWeight(QFont.Weight.Bold)
    title_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 100)
    painter.setFont(title_font)
    painter.setPen(QColor(look.TEXT))
    title_box = QRectF(left, top + h * 0.045, inner_w, h * 0.09)
    title = QFontMetricsF(title_font).elidedText(state.title, Qt.TextElideMode.ElideRight, inner_w)
    painter.drawText(title_box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
    if state.instructions:
        body = QFont(painter.font())
        body.setPixelSize(max(8, int(h * 0.034)))
        body.setWeight(QFont.Weight.Normal)
        painter.setFont(body)
        painter.setPen(QColor("#d5dde6"))
        box = QRectF(left, top + h * 0.145, inner_w * 0.92, h * 0.135)
        painter.drawText(
            box,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            state.instructions,
        )

    # The countdown, centred, at least a quarter of the height.
    digits = countdown_font(h, painter.font())
    width = QFontMetricsF(digits).horizontalAdvance(state.display)
    if width > inner_w:  # "1:02:03" on a narrow screen: shrink to fit rather than clip
        digits.setPixelSize(max(8, int(digits.pixelSize() * inner_w / width)))
    painter.setFont(digits)
    digit_colour = QColor(accent)
    if state.paused:
        digit_colour.setAlphaF(0.45)  # a held countdown looks held, from the back of the room too
    painter.setPen(digit_colour)
    clock_box = QRectF(rect.left(), rect.top() + h * 0.27, w, h * 0.40)
    painter.drawText(clock_box, int(Qt.AlignmentFlag.AlignCenter), state.display)
    words = "Paused" if state.paused else look.LEVEL_WORDS[state.level]
    if words:
        painter.setFont(small)
        painter.setPen(accent)
        painter.drawText(
            QRectF(rect.left(), clock_box.bottom() - h * 0.005, w, h * 0.04),
            int(Qt.AlignmentFlag.AlignHCenter),
            words.upper(),
        )

    # Progress: a rounded bar that empties as time runs out.
    bar = QRectF(left, rect.top() + h * 0.725, inner_w, max(4.0, h * 0.022))
    radius = bar.height() / 2
    track = QPainterPath()
    track.addRoundedRect(bar, radius, radius)
    painter.fillPath(track, QColor(255, 255, 255, 38))
    if state.fraction_left > 0:
        filled = QPainterPath()
        filled.addRoundedRect(
            QRectF(bar.left(), bar.top(), bar.width() * state.fraction_left, bar.height()), radius, radius
        )
        painter.fillPath(filled, accent)
    elif overtime:
        painter.fillPath(track, QColor(look.LEVEL_COLOURS[Level.RED]))

    # What comes next, and the necklace.
    foot_top = rect.top() + h * 0.79
    if state.next_title:
        painter.setFont(small)
        painter.setPen(QColor(look.SOFT_TEXT))
        painter.drawText(QRectF(left, foot_top, inner_w * 0.45, h * 0.04), int(Qt.AlignmentFlag.AlignLeft), "NEXT")
        nxt = QFont(painter.font())
        nxt.setPixelSize(max(8, int(h * 0.038)))
        nxt.setWeight(QFont.Weight.DemiBold)
        nxt.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 100)
        painter.setFont(nxt)
        painter.setPen(QColor(look.TEXT))
        text = f"{state.next_title}" + (f"  ·  {state.next_start}" if state.next_start else "")
        text = QFontMetricsF(nxt).elidedText(text, Qt.TextElideMode.ElideRight, inner_w * 0.45)
        painter.drawText(
            QRectF(left, foot_top + h * 0.04, inner_w * 0.45, h * 0.07), int(Qt.AlignmentFlag.AlignLeft), text
        )
    if state.items:
        strip = QRectF(left + inner_w * 0.5, foot_top, inner_w * 0.5, h * 0.15)
        paint_necklace(painter, strip, state.items, state.diamonds, state.index, dark=True, labels=False)
    painter.restore()


class TimerFace(QWidget):
    """The painted timer page of the audience window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: AudienceState | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_state(self, state: AudienceState) -> None:
        self.state = state
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        if self.state is None:
            painter.fillRect(self.rect(), QColor("black"))
        else:
            paint_audience(painter, QRectF(self.rect()), self.state)
        painter.end()


class AudienceWindow(QWidget):
    """The projector window: the timer, or the linked wall when the facilitator shows it."""

    key_pressed = Signal(QKeyEvent)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Facilitator — audience")
        self.setObjectName("audience")
        self.setStyleSheet(f"QWidget#audience {{ background: {look.BACKGROUND}; }}")
        self.face = TimerFace(self)
        self.stack = QStackedLayout(self)
        self.stack.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.face)
        self.wall_view: QWidget | None = None
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.resize(960, 540)

    def set_state(self, state: AudienceState) -> None:
        self.face.set_state(state)

    def show_wall_view(self, view: QWidget | None) -> None:
        """Put a wall (or, with ``None``, the timer again) on the projector."""
        if self.wall_view is not None:
            self.stack.removeWidget(self.wall_view)
            self.wall_view.deleteLater()
            self.wall_view = None
        if view is None:
            self.stack.setCurrentWidget(self.face)
            return
        view.setParent(self)
        self.wall_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)

    def mouseDoubleClickEvent(self, event) -> None:
        """With one screen, a double-click makes the room's view full-screen (and back) for a quick switch."""
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    @property
    def showing_wall(self) -> bool:
        return self.wall_view is not None and self.stack.currentWidget() is self.wall_view
