"""The run's views painted at a chosen state, for ``facilitator render`` and the docs' grab script.

Each view takes the project, a :class:`~facilitator.ui.render_request.RenderRequest`
(the item from 1, the seconds left on it, the size...) and the open project
file (for photos), and returns a QImage. The state is built with a hand-set
clock, so a render shows exactly what the live run would show at that
moment, on time.

This module sits under ``ui`` and never imports the CLI: a request it cannot
paint raises :class:`~facilitator.ui.render_request.RenderError` with a
message for the user, which the ``render`` command turns into its own error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from facilitator.core.agenda import Kind
from facilitator.core.clock import ManualClock
from facilitator.core.project import Project
from facilitator.core.run import Run
from facilitator.ui import theme
from facilitator.ui.agenda.necklace import paint_necklace
from facilitator.ui.render_request import RenderError, RenderRequest
from facilitator.ui.run.audience import (
    STRIP_SHARE,
    AudienceState,
    paint_audience,
    paint_empty_wall,
    paint_wall_strip,
    state_from_run,
)

if TYPE_CHECKING:
    from facilitator.store import ProjectFile

DEFAULT_MESSAGE = "Please come back to your tables: we start again in two minutes."


def _index(project: Project, request: RenderRequest, default: int = 0) -> int:
    if not project.agenda:
        raise RenderError("The agenda is empty: there is nothing to run.")
    if request.at is None:
        return default
    if not 1 <= request.at <= len(project.agenda):
        raise RenderError(f"--at must be between 1 and {len(project.agenda)} (the agenda's items).")
    return request.at - 1


def run_at(project: Project, request: RenderRequest, default_index: int = 0) -> Run:
    """A run standing at item ``request.at`` with ``request.remaining`` seconds left, started on time on the
    event's day."""
    index = _index(project, request, default_index)
    event = project.event
    start = dt.datetime.combine(event.date, event.planned_start)
    clock = ManualClock(monotonic=1000.0, wall=start.timestamp())
    run = Run(event, project.agenda, clock)
    run.start(0)
    if index:
        # Arrive at the item on time: each earlier item ran exactly its planned minutes.
        clock.advance(sum(max(0, it.minutes) for it in project.agenda[:index]) * 60)
        run.jump(index)
    if request.remaining is not None:
        clock.advance(run.allowance - request.remaining)
    return run


def _state(project: Project, run: Run, request: RenderRequest, **extra) -> AudienceState:
    return state_from_run(run, project.diamonds, time_of_day=request.time_of_day, **extra)


def _paint(size: tuple[int, int], state: AudienceState) -> QImage:
    w, h = size
    image = QImage(w, h, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_audience(painter, QRectF(0, 0, w, h), state)
    painter.end()
    return image


def audience(project: Project, request: RenderRequest, pf: ProjectFile | None = None) -> QImage:
    run = run_at(project, request)
    return _paint(request.size or (1920, 1080), _state(project, run, request))


def break_screen(project: Project, request: RenderRequest, pf: ProjectFile | None = None) -> QImage:
    """A break item (the first one, unless ``--at`` names another): "Back at 11:25" and its countdown."""
    first_break = next((i for i, it in enumerate(project.agenda) if it.kind is Kind.BREAK), None)
    if request.at is None and first_break is None:
        raise RenderError("This agenda has no break; pick an item with --at.")
    run = run_at(project, request, first_break or 0)
    return _paint(request.size or (1920, 1080), _state(project, run, request))


def standby(project: Project, request: RenderRequest, pf: ProjectFile | None = None) -> QImage:
    """Before the first item: the event, where and when it starts."""
    _index(project, request)
    event = project.event
    clock = ManualClock(
        monotonic=10.0,
        wall=(dt.datetime.combine(event.date, event.planned_start) - dt.timedelta(minutes=12)).timestamp(),
    )
    waiting = Run(event, project.agenda, clock)
    waiting.start(0, standby=True)
    return _paint(request.size or (1920, 1080), _state(project, waiting, request))


def end(project: Project, request: RenderRequest, pf: ProjectFile | None = None) -> QImage:
    """After the last item: thanks, and when the day ended."""
    last = dataclasses.replace(request, at=len(project.agenda) if project.agenda else None)
    run = run_at(project, last)
    run.clock.advance(run.remaining if run.remaining > 0 else 0)
    run.next()
    return _paint(request.size or (1920, 1080), _state(project, run, request))


def message(project: Project, request: RenderRequest, pf: ProjectFile | None = None) -> QImage:
    """A message to the room (``request.message``, or a sample), over the item's countdown."""
    run = run_at(project, request)
    text = request.message or DEFAULT_MESSAGE
    return _paint(request.size or (1920, 1080), _state(project, run, request, message=text))


def projected_wall(project: Project, request: RenderRequest, pf: ProjectFile | None = None) -> QImage:
    """The wall as the room sees it during its item: the strip (title, question, countdown) over the wall.

    The wall is the item's linked wall (``request.at``; default the first item with one), or the wall
    named ``request.wall``.
    """
    from facilitator.ui.wall.picture import paint_wall

    linked = next((i for i, it in enumerate(project.agenda) if it.wall_id), 0)
    run = run_at(project, request, linked)
    wall = project.wall_named(request.wall) if request.wall else None
    if request.wall and wall is None:
        names = ", ".join(repr(w.name) for w in project.walls) or "none"
        raise RenderError(f"There is no wall called {request.wall!r} (this project's walls: {names}).")
    if wall is None:
        wall = next((w for w in project.walls if w.id == run.current_item.wall_id), None)
    if wall is None:
        raise RenderError("This item has no linked wall; pick one with --wall NAME or another item with --at.")
    w, h = request.size or (1920, 1080)
    state = _state(project, run, request)
    image = QImage(w, h, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    strip_h = max(40, int(h * STRIP_SHARE))
    paint_wall_strip(painter, QRectF(0, 0, w, strip_h), state)
    body = QRectF(0, strip_h, w, h - strip_h)
    if not wall.notes and not wall.clusters:
        paint_empty_wall(painter, body, state)
    else:
        picture = paint_wall(wall, project.photos_on(wall.id), pf.photo_data if pf else None, (w, h - strip_h), True)
        painter.drawImage(body.topLeft(), picture)
    painter.end()
    return image


def necklace(project: Project, request: RenderRequest, pf: ProjectFile | None = None) -> QImage:
    w, h = request.size or (1600, 300)
    if request.at is not None and not 1 <= request.at <= len(project.agenda):
        raise RenderError(f"--at must be between 1 and {len(project.agenda)} (the agenda's items).")
    current = (request.at - 1) if request.at else None
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = painter.font()
    font.setPixelSize(max(10, int(h * 0.07)))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(theme.INK))
    margin = h * 0.07
    painter.drawText(
        QRectF(margin, margin * 0.6, w - 2 * margin, h * 0.1),
        int(Qt.AlignmentFlag.AlignLeft),
        f"{project.event.title}: the day as a diamond necklace",
    )
    paint_necklace(
        painter, QRectF(margin, h * 0.2, w - 2 * margin, h * 0.76), project.agenda, project.diamonds, current
    )
    painter.end()
    return image


def console(project: Project, request: RenderRequest, pf: ProjectFile | None = None) -> QImage:
    """The console window itself, laid out at the size asked for, without showing it."""
    from facilitator.ui.document import Document
    from facilitator.ui.run.console import ConsoleWindow
    from facilitator.ui.run.controller import RunController

    if pf is None:
        raise RenderError("The console view needs the project file.")
    w, h = request.size or (1366, 768)
    run = run_at(project, request)
    document = Document(pf)
    document.project = project
    controller = RunController(document, clock=run.clock, persist=False)
    controller.run = run
    window = ConsoleWindow(controller)
    window.set_screens(["laptop", "projector"], ["laptop (1366×768)", "projector (1920×1080)"], "projector")
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    window.resize(w, h)
    window.show()
    window.refresh()
    image = window.grab().toImage()
    window.close()
    controller.end()
    return image
