"""The projector: what the room sees during the run.

The whole view is painted from one :class:`AudienceState`, so the live
window, the console's live preview, ``facilitator render`` and the tests
draw the same pixels. The countdown's digits are at least a quarter of the
screen's height (readable from the back of a room); titles and instructions
are fitted above them (``fit.py``): shrunk within limits, then wrapped to a
fixed number of lines with an ellipsis, never clipped through a line and
never under the digits. "Next" always keeps its start time.

Screens: an item (activity or plenary), a break ("Back at 11:25"), the
standby screen before the first item, the end screen, a message to the room,
and the strip over a projected wall. :func:`paint_audience` returns where it
put each part, so tests measure the geometry rather than guess it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPainterPath
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedLayout, QVBoxLayout, QWidget

from facilitator.core.agenda import AgendaItem, Diamond, Kind
from facilitator.core.run import Level, Run, Stage
from facilitator.ui.agenda.necklace import paint_necklace
from facilitator.ui.run import look
from facilitator.ui.run.fit import FittedText, draw_lines, fit_text
from facilitator.ui.run.keys import RunAction

DIGIT_SHARE = 0.37  # font pixel size as a share of the height; the digits' ink is about 0.75 of it

ITEM, BREAK, STANDBY, END = "item", "break", "standby", "end"


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
    screen: str = ITEM  # item, break, standby or end
    back_at: str = ""  # a break's end, "11:25"
    event_title: str = ""
    venue: str = ""
    date_text: str = ""
    start_text: str = ""  # standby: the planned start; end: when the day ended
    time_of_day: str = ""  # shown top right when the facilitator switches it on
    message: str = ""  # a message to the room, shown big until dismissed
    flash: bool = False  # the message's attention flash, on this frame
    question: str = ""  # the item's question (its diamond's), for the wall strip


@dataclass
class Geometry:
    """Where :func:`paint_audience` put each part (for tests, and for nothing else)."""

    rect: QRectF
    digits: QRectF | None = None
    parts: dict[str, list[QRectF]] = field(default_factory=dict)
    fitted: dict[str, FittedText] = field(default_factory=dict)

    def add(self, name: str, rows: list[QRectF], fitted: FittedText | None = None) -> None:
        self.parts.setdefault(name, []).extend(rows)
        if fitted is not None:
            self.fitted[name] = fitted


def state_from_run(
    run: Run,
    diamonds: Sequence[Diamond],
    blackout: bool = False,
    *,
    time_of_day: bool = False,
    message: str = "",
    flash: bool = False,
) -> AudienceState:
    item = run.current_item
    following = run.next_item
    next_start = ""
    if following is not None:
        start = run.projected_current_end()
        if run.stage is Stage.STANDBY:  # the first item starts when planned, or now if that has passed
            planned = sum(max(0, it.minutes) for it in run.items[: run.index]) * 60
            start = max(run.day_seconds, float(planned))
        next_start = run.clock_time(start).strftime("%H:%M")
    event = run.event
    screen = {Stage.STANDBY: STANDBY, Stage.END: END}.get(run.stage, BREAK if item.kind is Kind.BREAK else ITEM)
    question = next((d.question for d in diamonds if d.id == item.diamond_id), "")
    start_text = f"{event.planned_start:%H:%M}"
    if run.stage is Stage.END:
        start_text = f"{run.clock_time(run.projected_day_end()):%H:%M}"
    return AudienceState(
        title=item.title,
        instructions=item.instructions,
        display=run.display,
        level=run.level,
        fraction_left=run.fraction_left,
        next_title=following.title if following else "",
        next_start=next_start,
        paused=not run.running and run.stage is Stage.ITEM,
        blackout=blackout,
        index=run.index,
        count=len(run.items),
        items=run.items,
        diamonds=diamonds,
        screen=screen,
        back_at=run.clock_time(run.projected_current_end()).strftime("%H:%M"),
        event_title=event.title,
        venue=event.venue,
        date_text=f"{event.date:%A %d %B %Y}".replace(" 0", " "),
        start_text=start_text,
        time_of_day=dt.datetime.fromtimestamp(run.clock.wall()).strftime("%H:%M") if time_of_day else "",
        message=message,
        flash=flash,
        question=question,
    )


def countdown_font(height: float, base: QFont | None = None) -> QFont:
    font = QFont(base) if base is not None else QFont()
    font.setPixelSize(max(8, int(height * DIGIT_SHARE)))
    font.setWeight(QFont.Weight.Bold)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    # Tabular digits so the countdown does not wobble as it changes.
    font.setFeature(QFont.Tag("tnum"), 1)
    return font


def _font(base: QFont, px: float, weight: QFont.Weight = QFont.Weight.Normal, spacing: float = 100) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(8, int(px)))
    font.setWeight(weight)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, spacing)
    return font


def _digits(painter: QPainter, rect: QRectF, display: str, px_share: float, centre_y: float, colour: QColor) -> QRectF:
    """Draw the countdown centred at ``centre_y``; returns its ink rectangle (what nothing may cover)."""
    w, h = rect.width(), rect.height()
    inner_w = w - 2 * min(w, h) * 0.055
    font = countdown_font(h * px_share / DIGIT_SHARE, painter.font())
    width = QFontMetricsF(font).horizontalAdvance(display)
    if width > inner_w:  # "1:02:03" on a narrow screen: shrink to fit rather than clip
        font.setPixelSize(max(8, int(font.pixelSize() * inner_w / width)))
    metrics = QFontMetricsF(font)
    ink = metrics.tightBoundingRect(display)
    x = rect.left() + (w - metrics.horizontalAdvance(display)) / 2
    baseline = centre_y - ink.center().y()
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(QPointF(x, baseline), display)
    return ink.translated(x, baseline)


def _bar(painter: QPainter, bar: QRectF, fraction: float, accent: QColor, overtime: bool) -> None:
    radius = bar.height() / 2
    track = QPainterPath()
    track.addRoundedRect(bar, radius, radius)
    painter.fillPath(track, QColor(255, 255, 255, 38))
    if fraction > 0:
        filled = QPainterPath()
        filled.addRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * fraction, bar.height()), radius, radius)
        painter.fillPath(filled, accent)
    elif overtime:
        painter.fillPath(track, QColor(look.LEVEL_COLOURS[Level.RED]))


def paint_audience(painter: QPainter, rect: QRectF, state: AudienceState) -> Geometry:
    """Paint the projector view into ``rect``; returns where each part went."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    geo = Geometry(QRectF(rect))
    if state.blackout:
        painter.fillRect(rect, QColor("black"))
    elif state.message:
        _paint_message(painter, rect, state, geo)
    elif state.screen == STANDBY:
        _paint_standby(painter, rect, state, geo)
    elif state.screen == END:
        _paint_end(painter, rect, state, geo)
    elif state.screen == BREAK:
        _paint_item(painter, rect, state, geo, pause=True)
    else:
        _paint_item(painter, rect, state, geo)
    painter.restore()
    return geo


class _Frame:
    """The measures every screen shares: margins, the small label font, the label row."""

    def __init__(self, painter: QPainter, rect: QRectF) -> None:
        self.rect = rect
        self.w, self.h = rect.width(), rect.height()
        self.margin = min(self.w, self.h) * 0.055
        self.left = rect.left() + self.margin
        self.top = rect.top() + self.margin * 0.8
        self.inner_w = self.w - 2 * self.margin
        self.base = QFont(painter.font())
        self.small = _font(self.base, self.h * 0.028, QFont.Weight.DemiBold, 108)

    def label_row(self, painter: QPainter, label: str, time_of_day: str, geo: Geometry) -> None:
        """The kicker at top left ("NOW · 3 OF 13") and, when switched on, the time of day at top right."""
        metrics = QFontMetricsF(self.small)
        row = QRectF(self.left, self.top, self.inner_w, metrics.lineSpacing())
        clock_w = 0.0
        if time_of_day:
            clock = _font(self.base, self.h * 0.04, QFont.Weight.DemiBold)
            painter.setFont(clock)
            painter.setPen(QColor(look.TEXT))
            clock_w = QFontMetricsF(clock).horizontalAdvance(time_of_day) + self.margin * 0.5
            clock_rect = QRectF(row.right() - clock_w, self.top - self.h * 0.008, clock_w, self.h * 0.05)
            painter.drawText(clock_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), time_of_day)
            geo.add("time_of_day", [clock_rect])
        painter.setFont(self.small)
        painter.setPen(QColor(look.SOFT_TEXT))
        text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, row.width() - clock_w)
        painter.drawText(row, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
        geo.add("label", [row])


def _paint_item(painter: QPainter, rect: QRectF, state: AudienceState, geo: Geometry, pause: bool = False) -> None:
    """An activity (or, with ``pause``, a break: "Back at 11:25" over a smaller countdown)."""
    f = _Frame(painter, rect)
    h = f.h
    overtime = state.level is Level.OVERTIME
    background = look.BREAK_BACKGROUND if pause and not overtime else look.BACKGROUND
    painter.fillRect(rect, QColor(look.OVERTIME_BACKGROUND if overtime else background))
    accent = QColor(look.LEVEL_COLOURS[state.level])
    label = f"{'BREAK' if pause else 'NOW'}  ·  {state.index + 1} OF {state.count}"
    if state.paused:
        label += "  ·  PAUSED"
    f.label_row(painter, label, state.time_of_day, geo)

    # The countdown first: everything above must end before its ink.
    digit_colour = QColor(accent)
    if state.paused:
        digit_colour.setAlphaF(0.45)  # a held countdown looks held, from the back of the room too
    if pause:
        ink = _digits(painter, rect, state.display, 0.26, rect.top() + h * 0.555, digit_colour)
    else:
        ink = _digits(painter, rect, state.display, DIGIT_SHARE, rect.top() + h * 0.49, digit_colour)
    geo.digits = ink
    words = "Paused" if state.paused else look.LEVEL_WORDS[state.level]
    if words:
        painter.setFont(f.small)
        painter.setPen(accent)
        words_rect = QRectF(rect.left(), ink.bottom() + h * 0.012, f.w, h * 0.04)
        painter.drawText(words_rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), words.upper())
        geo.add("words", [words_rect])

    text_top = f.top + h * 0.045
    text_bottom = ink.top() - h * 0.03
    if pause:
        back = _font(f.base, h * 0.085, QFont.Weight.Bold)
        back_h = QFontMetricsF(back).lineSpacing()
        back_rect = QRectF(f.left, text_bottom - back_h, f.inner_w, back_h)
        painter.setFont(back)
        painter.setPen(QColor(look.TEXT))
        painter.drawText(back_rect, int(Qt.AlignmentFlag.AlignCenter), f"Back at {state.back_at}")
        geo.add("back_at", [back_rect])
        text_bottom = back_rect.top() - h * 0.015
    space = max(0.0, text_bottom - text_top)
    title_font = _font(f.base, h * 0.066, QFont.Weight.Bold)
    has_body = bool(state.instructions.strip()) and not pause
    title = fit_text(state.title, title_font, f.inner_w, h * 0.066, h * 0.044, 2, space * (0.5 if has_body else 1))
    painter.setPen(QColor(look.TEXT))
    geo.add("title", draw_lines(painter, title, f.left, text_top, f.inner_w), title)
    if has_body:
        body_top = text_top + title.height + h * 0.01
        body = fit_text(
            state.instructions,
            _font(f.base, h * 0.034),
            f.inner_w * 0.92,
            h * 0.034,
            h * 0.024,
            4,
            max(0.0, text_bottom - body_top),
        )
        painter.setPen(QColor("#d5dde6"))
        geo.add("instructions", draw_lines(painter, body, f.left, body_top, f.inner_w * 0.92), body)

    bar = QRectF(f.left, rect.top() + h * 0.725, f.inner_w, max(4.0, h * 0.022))
    _bar(painter, bar, state.fraction_left, accent, overtime)
    _foot(painter, f, state, geo)


def _foot(painter: QPainter, f: _Frame, state: AudienceState, geo: Geometry, first: bool = False) -> None:
    """What comes next (its start time always kept, the title wrapped to two lines) and the necklace."""
    rect, h = f.rect, f.h
    foot_top = rect.top() + h * 0.79
    column = f.inner_w * 0.45
    if state.next_title:
        painter.setFont(f.small)
        painter.setPen(QColor(look.SOFT_TEXT))
        head = QRectF(f.left, foot_top, column, h * 0.04)
        painter.drawText(head, int(Qt.AlignmentFlag.AlignLeft), "FIRST" if first else "NEXT")
        line_top = foot_top + h * 0.04
        time_w = 0.0
        nxt = _font(f.base, h * 0.038, QFont.Weight.DemiBold)
        if state.next_start:
            time_font = _font(f.base, h * 0.038, QFont.Weight.Bold)
            painter.setFont(time_font)
            painter.setPen(QColor(look.LEVEL_COLOURS[Level.NORMAL]))
            metrics = QFontMetricsF(time_font)
            time_w = metrics.horizontalAdvance(state.next_start) + h * 0.02
            time_rect = QRectF(f.left, line_top, time_w, metrics.lineSpacing())
            painter.drawText(
                time_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), state.next_start
            )
            geo.add("next_time", [time_rect])
        room = rect.bottom() - f.margin * 0.4 - line_top
        fitted = fit_text(state.next_title, nxt, column - time_w, h * 0.038, h * 0.028, 2, room)
        painter.setPen(QColor(look.TEXT))
        geo.add("next", draw_lines(painter, fitted, f.left + time_w, line_top, column - time_w), fitted)
    if state.items:
        strip = QRectF(f.left + f.inner_w * 0.5, foot_top, f.inner_w * 0.5, h * 0.15)
        current = None if state.screen == STANDBY else state.index
        paint_necklace(painter, strip, state.items, state.diamonds, current, dark=True, labels=False)
        geo.add("necklace", [strip])


def _centred(
    painter: QPainter,
    f: _Frame,
    text: str,
    font: QFont,
    top: float,
    max_px: float,
    min_px: float,
    lines: int,
    height: float,
    colour: str,
    geo: Geometry,
    name: str,
) -> float:
    """Fit ``text`` centred across the screen from ``top``; returns the bottom of what was drawn."""
    fitted = fit_text(text, font, f.inner_w, max_px, min_px, lines, height)
    painter.setPen(QColor(colour))
    rows = draw_lines(painter, fitted, f.left, top, f.inner_w, centre=True)
    geo.add(name, rows, fitted)
    return top + fitted.height


def _paint_standby(painter: QPainter, rect: QRectF, state: AudienceState, geo: Geometry) -> None:
    """Before the first item: the event's title, venue and date, and when it starts."""
    f = _Frame(painter, rect)
    h = f.h
    painter.fillRect(rect, QColor(look.BACKGROUND))
    f.label_row(painter, "WELCOME", state.time_of_day, geo)
    title_font = _font(f.base, h * 0.09, QFont.Weight.Bold)
    bottom = _centred(
        painter,
        f,
        state.event_title,
        title_font,
        rect.top() + h * 0.2,
        h * 0.09,
        h * 0.05,
        3,
        h * 0.3,
        look.TEXT,
        geo,
        "event_title",
    )
    where = "  ·  ".join(part for part in (state.venue, state.date_text) if part)
    if where:
        bottom = _centred(
            painter,
            f,
            where,
            _font(f.base, h * 0.038),
            bottom + h * 0.02,
            h * 0.038,
            h * 0.028,
            2,
            h * 0.1,
            look.SOFT_TEXT,
            geo,
            "venue",
        )
    starts = _font(f.base, h * 0.075, QFont.Weight.Bold)
    _centred(
        painter,
        f,
        f"Starting at {state.start_text}",
        starts,
        max(bottom + h * 0.05, rect.top() + h * 0.58),
        h * 0.075,
        h * 0.05,
        1,
        h * 0.1,
        look.LEVEL_COLOURS[Level.NORMAL],
        geo,
        "starts",
    )
    _foot(painter, f, state, geo, first=True)


def _paint_end(painter: QPainter, rect: QRectF, state: AudienceState, geo: Geometry) -> None:
    """After the last item: thanks, the event's title, and when the day ended."""
    f = _Frame(painter, rect)
    h = f.h
    painter.fillRect(rect, QColor(look.BACKGROUND))
    f.label_row(painter, "THE END", state.time_of_day, geo)
    bottom = _centred(
        painter,
        f,
        "Thank you",
        _font(f.base, h * 0.14, QFont.Weight.Bold),
        rect.top() + h * 0.26,
        h * 0.14,
        h * 0.08,
        1,
        h * 0.2,
        look.LEVEL_COLOURS[Level.NORMAL],
        geo,
        "thanks",
    )
    bottom = _centred(
        painter,
        f,
        state.event_title,
        _font(f.base, h * 0.06, QFont.Weight.DemiBold),
        bottom + h * 0.04,
        h * 0.06,
        h * 0.04,
        2,
        h * 0.16,
        look.TEXT,
        geo,
        "event_title",
    )
    _centred(
        painter,
        f,
        f"Ended at {state.start_text}",
        _font(f.base, h * 0.036),
        bottom + h * 0.03,
        h * 0.036,
        h * 0.028,
        1,
        h * 0.06,
        look.SOFT_TEXT,
        geo,
        "ended",
    )
    if state.items:
        strip = QRectF(f.left + f.inner_w * 0.25, rect.top() + h * 0.8, f.inner_w * 0.5, h * 0.14)
        paint_necklace(painter, strip, state.items, state.diamonds, None, dark=True, labels=False)


def _paint_message(painter: QPainter, rect: QRectF, state: AudienceState, geo: Geometry) -> None:
    """A message to the room, big, with the item and its countdown kept small at the foot."""
    f = _Frame(painter, rect)
    h = f.h
    flash = state.flash
    painter.fillRect(rect, QColor(look.LEVEL_COLOURS[Level.AMBER] if flash else look.BACKGROUND))
    ink = look.BACKGROUND if flash else look.TEXT
    font = _font(f.base, h * 0.12, QFont.Weight.Bold)
    fitted = fit_text(state.message, font, f.inner_w, h * 0.12, h * 0.05, 5, h * 0.62)
    top = rect.top() + (h * 0.8 - fitted.height) / 2
    painter.setPen(QColor(ink))
    geo.add("message", draw_lines(painter, fitted, f.left, top, f.inner_w, centre=True), fitted)
    if state.screen in (ITEM, BREAK):
        foot = _font(f.base, h * 0.045, QFont.Weight.DemiBold)
        metrics = QFontMetricsF(foot)
        row = QRectF(f.left, rect.bottom() - f.margin - metrics.lineSpacing(), f.inner_w, metrics.lineSpacing())
        painter.setFont(foot)
        painter.setPen(QColor(ink if flash else look.LEVEL_COLOURS[state.level]))
        painter.drawText(row, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), state.display)
        clock_w = metrics.horizontalAdvance(state.display) + h * 0.04
        painter.setPen(QColor(ink if flash else look.SOFT_TEXT))
        title = metrics.elidedText(state.title, Qt.TextElideMode.ElideRight, row.width() - clock_w)
        painter.drawText(row, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
        geo.add("foot", [row])


# -- the projected wall: a strip that keeps the room oriented ------------------------------------
STRIP_SHARE = 0.14  # the strip's height as a share of the screen's


def paint_wall_strip(painter: QPainter, rect: QRectF, state: AudienceState) -> Geometry:
    """Over a projected wall: the item's title and question on the left, the countdown on the right."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    geo = Geometry(QRectF(rect))
    overtime = state.level is Level.OVERTIME
    painter.fillRect(rect, QColor(look.OVERTIME_BACKGROUND if overtime else look.BACKGROUND))
    h, w = rect.height(), rect.width()
    pad = h * 0.12
    base = QFont(painter.font())
    clock_w = w * 0.2
    digit_colour = QColor(look.LEVEL_COLOURS[state.level])
    if state.paused:
        digit_colour.setAlphaF(0.45)
    font = countdown_font(h * 0.62 / DIGIT_SHARE, base)
    metrics = QFontMetricsF(font)
    if metrics.horizontalAdvance(state.display) > clock_w - pad:
        font.setPixelSize(max(8, int(font.pixelSize() * (clock_w - pad) / metrics.horizontalAdvance(state.display))))
        metrics = QFontMetricsF(font)
    ink = metrics.tightBoundingRect(state.display)
    x = rect.right() - pad - metrics.horizontalAdvance(state.display)
    baseline = rect.center().y() - ink.center().y()
    painter.setFont(font)
    painter.setPen(digit_colour)
    painter.drawText(QPointF(x, baseline), state.display)
    geo.digits = ink.translated(x, baseline)
    text_w = w - clock_w - 2 * pad
    title = fit_text(state.title, _font(base, h * 0.3, QFont.Weight.Bold), text_w, h * 0.3, h * 0.2, 1)
    question_text = state.question or state.instructions
    room = h - 2 * pad * 0.6 - title.height
    question = fit_text(question_text, _font(base, h * 0.2), text_w, h * 0.2, h * 0.15, 2, room)
    top = rect.top() + (h - title.height - question.height) / 2
    painter.setPen(QColor(look.TEXT))
    geo.add("title", draw_lines(painter, title, rect.left() + pad, top, text_w), title)
    painter.setPen(QColor("#d5dde6"))
    geo.add("question", draw_lines(painter, question, rect.left() + pad, top + title.height, text_w), question)
    painter.restore()
    return geo


EMPTY_WALL_LINE = "Ideas will appear here as they are added."


def paint_empty_wall(painter: QPainter, rect: QRectF, state: AudienceState) -> Geometry:
    """A wall with no notes yet: the question, big, and a line saying ideas will appear here."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    geo = Geometry(QRectF(rect))
    painter.fillRect(rect, QColor(look.PANEL))
    f = _Frame(painter, rect)
    h = f.h
    question = state.question or state.instructions or state.title
    fitted = fit_text(question, _font(f.base, h * 0.1, QFont.Weight.Bold), f.inner_w, h * 0.1, h * 0.05, 4, h * 0.55)
    top = rect.top() + (h * 0.78 - fitted.height) / 2
    painter.setPen(QColor(look.TEXT))
    geo.add("question", draw_lines(painter, fitted, f.left, top, f.inner_w, centre=True), fitted)
    _centred(
        painter,
        f,
        EMPTY_WALL_LINE,
        _font(f.base, h * 0.045),
        top + fitted.height + h * 0.05,
        h * 0.045,
        h * 0.03,
        2,
        h * 0.12,
        look.SOFT_TEXT,
        geo,
        "empty",
    )
    painter.restore()
    return geo


class StateFace(QWidget):
    """A widget painted from an :class:`AudienceState` by one of the paint functions above."""

    def __init__(self, paint=paint_audience, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state: AudienceState | None = None
        self.paint = paint
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_state(self, state: AudienceState) -> None:
        self.state = state
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        if self.state is None:
            painter.fillRect(self.rect(), QColor("black"))
        else:
            self.paint(painter, QRectF(self.rect()), self.state)
        painter.end()


class TimerFace(StateFace):
    """The painted timer page of the audience window."""


class WallPage(QWidget):
    """A projected wall under a strip with the item's title, question and countdown (or the empty-wall face)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strip = StateFace(paint_wall_strip, self)
        self.empty = StateFace(paint_empty_wall, self)
        self.view: QWidget | None = None
        self.body = QStackedLayout()
        self.body.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.strip)
        layout.addLayout(self.body, 1)

    def set_view(self, view: QWidget | None) -> None:
        """The wall's canvas, or ``None`` for the empty-wall face."""
        if self.view is not None:
            self.body.removeWidget(self.view)
            self.view.deleteLater()
            self.view = None
        if view is None:
            self.body.setCurrentWidget(self.empty)
            return
        view.setParent(self)
        self.view = view
        self.body.addWidget(view)
        self.body.setCurrentWidget(view)

    @property
    def showing_empty(self) -> bool:
        return self.body.currentWidget() is self.empty

    def set_state(self, state: AudienceState) -> None:
        self.strip.set_state(state)
        self.empty.set_state(state)

    def resizeEvent(self, event) -> None:
        self.strip.setFixedHeight(max(40, int(self.height() * STRIP_SHARE)))
        super().resizeEvent(event)


class ControlStrip(QWidget):
    """With one screen that the room sees: a small strip of run controls that hides itself.

    It shows when the mouse moves over the room's view and hides a few
    seconds later. It carries buttons only: no private notes, no schedule.
    """

    action = Signal(object)  # the RunAction to perform
    HIDE_AFTER_MS = 3000
    BUTTONS = (
        ("◀", RunAction.PREVIOUS, "Previous item (Page Up)"),
        ("Pause / resume", RunAction.TOGGLE, "Space"),
        ("▶", RunAction.NEXT, "Next item (Page Down)"),
        ("+1 min", RunAction.ADD_ONE, "+ key"),
        ("Undo", RunAction.UNDO, "Undo the last run action (Ctrl+Z)"),
        ("Black out", RunAction.TOGGLE_BLACKOUT, "B"),
        ("Wall", RunAction.TOGGLE_WALL, "W"),
        ("Console", RunAction.SHOW_CONSOLE, "Show the console with your notes on this screen"),
        ("End", RunAction.REQUEST_EXIT, "Esc"),
    )

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("controlStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(
            f"QWidget#controlStrip {{ background: rgba(23, 39, 58, 230); border-radius: 10px; }}"
            f"QPushButton {{ background: {look.PANEL}; color: {look.TEXT}; border: 1px solid #2c4058;"
            " border-radius: 6px; padding: 6px 12px; font-weight: 600; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        for text, name, tip in self.BUTTONS:
            button = QPushButton(text, self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(tip)
            button.setProperty("action", name.value)
            button.clicked.connect(self._on_clicked)
            layout.addWidget(button)
        self.hide_timer = QTimer(self)
        self.hide_timer.setSingleShot(True)
        self.hide_timer.setInterval(self.HIDE_AFTER_MS)
        self.hide_timer.timeout.connect(self.hide)
        self.hide()

    def _on_clicked(self) -> None:
        self.hide_timer.start()
        self.action.emit(RunAction(self.sender().property("action")))

    def reveal(self) -> None:
        """Show at the bottom centre of the room's view, and hide again after a few idle seconds."""
        parent = self.parentWidget()
        self.adjustSize()
        self.move((parent.width() - self.width()) // 2, parent.height() - self.height() - 16)
        self.show()
        self.raise_()
        self.hide_timer.start()


class AudienceWindow(QWidget):
    """The projector window: the timer, or the linked wall under its strip when the facilitator shows it."""

    key_pressed = Signal(QKeyEvent)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Facilitator — audience")
        self.setObjectName("audience")
        self.setStyleSheet(f"QWidget#audience {{ background: {look.BACKGROUND}; }}")
        self.face = TimerFace(parent=self)
        self.wall_page = WallPage(self)
        self.stack = QStackedLayout(self)
        self.stack.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.face)
        self.stack.addWidget(self.wall_page)
        self.wall_view: QWidget | None = None
        self.wall_id: str | None = None
        self.controls: ControlStrip | None = None
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.resize(960, 540)

    def enable_controls(self, on: bool) -> ControlStrip | None:
        """The self-hiding control strip, for when the room sees the only screen."""
        if on and self.controls is None:
            self.controls = ControlStrip(self)
            self.setMouseTracking(True)
            self.face.setMouseTracking(True)
        elif not on and self.controls is not None:
            self.controls.deleteLater()
            self.controls = None
        return self.controls

    def mouseMoveEvent(self, event) -> None:
        if self.controls is not None:
            self.controls.reveal()
        super().mouseMoveEvent(event)

    def set_state(self, state: AudienceState) -> None:
        self.face.set_state(state)
        self.wall_page.set_state(state)
        # A message or a black-out covers the wall too; the timer face paints both.
        if self.wall_id is not None:
            covering = state.blackout or bool(state.message)
            self.stack.setCurrentWidget(self.face if covering else self.wall_page)

    def show_wall_view(self, view: QWidget | None, wall_id: str | None = None) -> None:
        """Put a wall on the projector: its canvas, or (``view`` None with a ``wall_id``) the empty-wall face.

        With neither, the timer again.
        """
        self.wall_page.set_view(view)
        self.wall_view = view
        self.wall_id = wall_id if wall_id is not None or view is None else "?"
        if view is None and wall_id is None:
            self.wall_id = None
            self.stack.setCurrentWidget(self.face)
            return
        self.stack.setCurrentWidget(self.wall_page)

    def mouseDoubleClickEvent(self, event) -> None:
        """With one screen, a double-click makes the room's view full-screen (and back) for a quick switch."""
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    @property
    def showing_wall(self) -> bool:
        return self.wall_id is not None and self.stack.currentWidget() is self.wall_page
