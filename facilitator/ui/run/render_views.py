"""``facilitator render --view audience|console|necklace``: the run's views painted at a chosen state.

``--at N`` picks the item (from 1) and ``--remaining S`` the seconds left on
it (negative for overtime). The state is built with a hand-set clock, so a
render shows exactly what the live run would show at that moment, on time.
"""

from __future__ import annotations

import argparse
import datetime as dt

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from facilitator.cli import CommandError
from facilitator.commands.render import parse_size
from facilitator.core.clock import ManualClock
from facilitator.core.project import Project
from facilitator.core.run import Run
from facilitator.store import ProjectFile
from facilitator.ui import theme
from facilitator.ui.agenda.necklace import paint_necklace
from facilitator.ui.run.audience import paint_audience, state_from_run


def run_at(project: Project, args: argparse.Namespace) -> Run:
    """A run standing at ``--at`` with ``--remaining`` seconds left, started on time on the event's day."""
    if not project.agenda:
        raise CommandError("The agenda is empty: there is nothing to run.")
    index = (args.at or 1) - 1
    if not 0 <= index < len(project.agenda):
        raise CommandError(f"--at must be between 1 and {len(project.agenda)} (the agenda's items).")
    event = project.event
    start = dt.datetime.combine(event.date, event.planned_start)
    clock = ManualClock(monotonic=1000.0, wall=start.timestamp())
    run = Run(event, project.agenda, clock)
    run.start(0)
    if index:
        # Arrive at the item on time: each earlier item ran exactly its planned minutes.
        clock.advance(sum(max(0, it.minutes) for it in project.agenda[:index]) * 60)
        run.jump(index)
    remaining = args.remaining
    if remaining is not None:
        clock.advance(run.allowance - remaining)
    return run


def audience(project: Project, args: argparse.Namespace, pf: ProjectFile | None = None) -> QImage:
    w, h = parse_size(args.size, (1920, 1080))
    run = run_at(project, args)
    image = QImage(w, h, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_audience(painter, QRectF(0, 0, w, h), state_from_run(run, project.diamonds))
    painter.end()
    return image


def necklace(project: Project, args: argparse.Namespace, pf: ProjectFile | None = None) -> QImage:
    w, h = parse_size(args.size, (1600, 300))
    if args.at is not None and not 1 <= args.at <= len(project.agenda):
        raise CommandError(f"--at must be between 1 and {len(project.agenda)} (the agenda's items).")
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


def console(project: Project, args: argparse.Namespace, pf: ProjectFile | None = None) -> QImage:
    """The console window itself, laid out at the size asked for, without showing it."""
    from facilitator.ui.document import Document
    from facilitator.ui.run.console import ConsoleWindow
    from facilitator.ui.run.controller import RunController

    if pf is None:
        raise CommandError("The console view needs the project file.")
    w, h = parse_size(args.size, (1366, 768))
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
