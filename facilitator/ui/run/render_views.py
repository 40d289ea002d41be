"""The run's views painted at a chosen state, for ``facilitator render`` and the docs' grab script.

``--at N`` picks the item (from 1) and ``--remaining S`` the seconds left on
it (negative for overtime). The state is built with a hand-set clock, so a
render shows exactly what the live run would show at that moment, on time.

This module sits under ``ui`` and never imports the CLI: bad arguments raise
``ValueError`` with a message for the user, which the ``render`` command
turns into its own error.
"""

from __future__ import annotations

import argparse
import datetime as dt

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from facilitator.core.agenda import Kind
from facilitator.core.clock import ManualClock
from facilitator.core.project import Project
from facilitator.core.run import Run
from facilitator.ui import theme
from facilitator.ui.agenda.necklace import paint_necklace
from facilitator.ui.run.audience import (
    STRIP_SHARE,
    AudienceState,
    paint_audience,
    paint_empty_wall,
    paint_wall_strip,
    state_from_run,
)

DEFAULT_MESSAGE = "Please come back to your tables: we start again in two minutes."


def size_of(args: argparse.Namespace, default: tuple[int, int]) -> tuple[int, int]:
    """``--size WxH``, within what a laptop can hold (8192 x 8192 is already a 256 MB image)."""
    text = getattr(args, "size", None)
    if not text:
        return default
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"--size must look like 1920x1080, not {text!r}.") from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise ValueError("--size must be between 16x16 and 8192x8192 pixels.")
    return w, h


def _index(project: Project, args: argparse.Namespace, default: int = 0) -> int:
    if not project.agenda:
        raise ValueError("The agenda is empty: there is nothing to run.")
    if args.at is None:
        return default
    if not 1 <= args.at <= len(project.agenda):
        raise ValueError(f"--at must be between 1 and {len(project.agenda)} (the agenda's items).")
    return args.at - 1


def run_at(project: Project, args: argparse.Namespace, default_index: int = 0) -> Run:
    """A run standing at ``--at`` with ``--remaining`` seconds left, started on time on the event's day."""
    index = _index(project, args, default_index)
    event = project.event
    start = dt.datetime.combine(event.date, event.planned_start)
    clock = ManualClock(monotonic=1000.0, wall=start.timestamp())
    run = Run(event, project.agenda, clock)
    run.start(0)
    if index:
        # Arrive at the item on time: each earlier item ran exactly its planned minutes.
        clock.advance(sum(max(0, it.minutes) for it in project.agenda[:index]) * 60)
        run.jump(index)
    remaining = getattr(args, "remaining", None)
    if remaining is not None:
        clock.advance(run.allowance - remaining)
    return run


def _state(project: Project, run: Run, args: argparse.Namespace, **extra) -> AudienceState:
    return state_from_run(run, project.diamonds, time_of_day=bool(getattr(args, "time_of_day", False)), **extra)


def _paint(size: tuple[int, int], state: AudienceState) -> QImage:
    w, h = size
    image = QImage(w, h, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_audience(painter, QRectF(0, 0, w, h), state)
    painter.end()
    return image


def audience(project: Project, args: argparse.Namespace, pf=None) -> QImage:
    run = run_at(project, args)
    return _paint(size_of(args, (1920, 1080)), _state(project, run, args))


def break_screen(project: Project, args: argparse.Namespace, pf=None) -> QImage:
    """A break item (the first one, unless ``--at`` names another): "Back at 11:25" and its countdown."""
    first_break = next((i for i, it in enumerate(project.agenda) if it.kind is Kind.BREAK), None)
    if args.at is None and first_break is None:
        raise ValueError("This agenda has no break; pick an item with --at.")
    run = run_at(project, args, first_break or 0)
    return _paint(size_of(args, (1920, 1080)), _state(project, run, args))


def standby(project: Project, args: argparse.Namespace, pf=None) -> QImage:
    """Before the first item: the event, where and when it starts."""
    _index(project, args)
    event = project.event
    clock = ManualClock(
        monotonic=10.0,
        wall=(dt.datetime.combine(event.date, event.planned_start) - dt.timedelta(minutes=12)).timestamp(),
    )
    waiting = Run(event, project.agenda, clock)
    waiting.start(0, standby=True)
    return _paint(size_of(args, (1920, 1080)), _state(project, waiting, args))


def end(project: Project, args: argparse.Namespace, pf=None) -> QImage:
    """After the last item: thanks, and when the day ended."""
    args_last = argparse.Namespace(**{**vars(args), "at": len(project.agenda) if project.agenda else None})
    run = run_at(project, args_last)
    run.clock.advance(run.remaining if run.remaining > 0 else 0)
    run.next()
    return _paint(size_of(args, (1920, 1080)), _state(project, run, args))


def message(project: Project, args: argparse.Namespace, pf=None) -> QImage:
    """A message to the room (``--message``), over the item's countdown."""
    run = run_at(project, args)
    text = getattr(args, "message", None) or DEFAULT_MESSAGE
    return _paint(size_of(args, (1920, 1080)), _state(project, run, args, message=text))


def projected_wall(project: Project, args: argparse.Namespace, pf=None) -> QImage:
    """The wall as the room sees it during its item: the strip (title, question, countdown) over the wall.

    The wall is the item's linked wall (``--at``; default the first item with one), or ``--wall NAME``.
    """
    from facilitator.ui.wall.picture import paint_wall

    linked = next((i for i, it in enumerate(project.agenda) if it.wall_id), 0)
    run = run_at(project, args, linked)
    wall = project.wall_named(args.wall) if getattr(args, "wall", None) else None
    if getattr(args, "wall", None) and wall is None:
        names = ", ".join(repr(w.name) for w in project.walls) or "none"
        raise ValueError(f"There is no wall called {args.wall!r} (this project's walls: {names}).")
    if wall is None:
        wall = next((w for w in project.walls if w.id == run.current_item.wall_id), None)
    if wall is None:
        raise ValueError("This item has no linked wall; pick one with --wall NAME or another item with --at.")
    w, h = size_of(args, (1920, 1080))
    state = _state(project, run, args)
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


def necklace(project: Project, args: argparse.Namespace, pf=None) -> QImage:
    w, h = size_of(args, (1600, 300))
    if args.at is not None and not 1 <= args.at <= len(project.agenda):
        raise ValueError(f"--at must be between 1 and {len(project.agenda)} (the agenda's items).")
    current = (args.at - 1) if args.at else None
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


def console(project: Project, args: argparse.Namespace, pf=None) -> QImage:
    """The console window itself, laid out at the size asked for, without showing it."""
    from facilitator.ui.document import Document
    from facilitator.ui.run.console import ConsoleWindow
    from facilitator.ui.run.controller import RunController

    if pf is None:
        raise ValueError("The console view needs the project file.")
    w, h = size_of(args, (1366, 768))
    run = run_at(project, args)
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
