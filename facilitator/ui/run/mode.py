"""Run mode: the console on the laptop, the audience view on the projector, clicker keys on both.

``RunMode`` places the two windows (the audience full-screen on the
projector when there is one, else a window the facilitator can move),
wires the keys, and leaves cleanly: Esc asks first while the timer runs.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from facilitator.core.clock import Clock
from facilitator.core.run import RunSnapshot, format_countdown, shown_seconds
from facilitator.store.errors import ProjectError
from facilitator.ui.document import Document
from facilitator.ui.run import screens
from facilitator.ui.run.audience import AudienceWindow
from facilitator.ui.run.console import ConsoleWindow
from facilitator.ui.run.controller import RunController
from facilitator.ui.run.keys import ClickerKeys

log = logging.getLogger(__name__)


class RunMode(QObject):
    """One session of run mode; ``ended`` fires once both windows are gone."""

    ended = Signal()

    def __init__(
        self,
        document: Document,
        host: QWidget | None = None,
        clock: Clock | None = None,
        snapshot: RunSnapshot | None = None,
        start_at: int = 0,
        parent: QObject | None = None,
        standby: bool = False,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.host = host
        self.controller = RunController(
            document, clock=clock, snapshot=snapshot, start_at=start_at, parent=self, standby=standby
        )
        self.console = ConsoleWindow(self.controller, host)
        self.audience = AudienceWindow(host)
        self.confirm: QMessageBox | None = None
        self.keys = ClickerKeys(self, [self.console, self.audience])
        QApplication.instance().installEventFilter(self.keys)
        self.controller.changed.connect(self._paint_audience)
        self.controller.ticked.connect(self._paint_audience)
        self.controller.wall_requested.connect(self._on_wall_requested)
        self.controller.changed.connect(self._follow_item)
        self.controller.ended.connect(self.close)
        self.controller.changed.connect(self._mark_editor_necklace)
        self.console.exit_requested.connect(self.request_exit)
        self.console.screen_chosen.connect(self.move_audience_to)
        self.console.wall_toggled.connect(self.toggle_wall)
        self._last_item_id: str | None = None
        gui = QGuiApplication.instance()
        gui.screenAdded.connect(self._on_screens_changed)
        gui.screenRemoved.connect(self._on_screens_changed)
        self._closed = False
        self._paint_audience()
        self._mark_editor_necklace()

    # -- windows ---------------------------------------------------------------------------
    def open(self) -> None:
        """Console on the laptop's screen, audience on the projector (saved choice, else any other screen)."""
        laptop = self.host.screen() if self.host is not None else QGuiApplication.primaryScreen()
        geometry = laptop.availableGeometry()
        if self.console.windowHandle() is None:
            self.console.create()
        self.console.windowHandle().setScreen(laptop)
        self.console.setGeometry(geometry.adjusted(20, 20, -20, -20))
        self.console.showMaximized()
        self._place_on_screens()
        self.console.activateWindow()
        self._follow_item()

    def _place_on_screens(self) -> None:
        laptop = self.console.screen()
        saved = self.document.store.setting(screens.SCREEN_SETTING)
        target = screens.audience_screen(laptop, saved)
        available = QGuiApplication.screens()
        self.console.set_screens(
            [s.name() for s in available], [screens.describe(s) for s in available], target.name() if target else ""
        )
        self._place_audience(target)

    def _on_screens_changed(self, *_screen) -> None:
        """A projector plugged in or pulled out mid-run: never leave the room's view covering the console."""
        if not self._closed:
            self._place_on_screens()

    def move_audience_to(self, name: str) -> None:
        """The facilitator picked a screen for the room (empty: a window on the laptop)."""
        target = next((s for s in QGuiApplication.screens() if s.name() == name), None) if name else None
        try:
            self.document.store.set_setting(screens.SCREEN_SETTING, name or None)
        except ProjectError as exc:
            self.document.report_write_failure(exc)
        self._place_audience(target)

    def _place_audience(self, screen) -> None:
        audience = self.audience
        if screen is None:
            audience.showNormal()
            laptop = self.console.screen().availableGeometry()
            audience.setGeometry(laptop.x() + 60, laptop.y() + 60, 960, 540)
            audience.show()
            return
        # Choose the screen on the native window before it is shown full-screen: Wayland ignores
        # positions, and X11/Windows/macOS put a full-screen window on the screen it is on.
        if audience.isFullScreen():
            audience.showNormal()
        if audience.windowHandle() is None:
            audience.create()
        audience.windowHandle().setScreen(screen)
        audience.setGeometry(screen.geometry())
        audience.showFullScreen()

    # -- actions (the clicker keys call these) ----------------------------------------------
    def next(self) -> None:
        self.controller.next()

    def previous(self) -> None:
        self.controller.previous()

    def toggle(self) -> None:
        self.controller.toggle()

    def start(self) -> None:
        self.controller.start()

    def toggle_blackout(self) -> None:
        self.controller.toggle_blackout()

    def add_one(self) -> None:
        self.controller.add_minutes(1)

    def take_one(self) -> None:
        self.controller.add_minutes(-1)

    def toggle_wall(self) -> None:
        if self.controller.wall_id is not None:
            self.controller.show_wall(None)
        else:
            wall_id = self.controller.run.current_item.wall_id
            if wall_id is not None:
                self.controller.show_wall(wall_id)

    def request_exit(self) -> None:
        """Esc: leave at once when paused; ask first while the timer runs (a stray clicker press is common)."""
        if self._closed:
            return
        if not self.controller.run.running:
            self.close()
            return
        if self.confirm is not None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Leave run mode?",
            "The timer is running. Leave run mode and close the projector view?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.console,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(self._on_confirm)
        self.confirm = box
        box.open()

    def _on_confirm(self, result: int) -> None:
        box, self.confirm = self.confirm, None
        if box is not None:
            box.deleteLater()
        if result == QMessageBox.StandardButton.Yes:
            self.close()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        QApplication.instance().removeEventFilter(self.keys)
        gui = QGuiApplication.instance()
        gui.screenAdded.disconnect(self._on_screens_changed)
        gui.screenRemoved.disconnect(self._on_screens_changed)
        self.controller.end()
        necklace = self._editor_necklace()
        if necklace is not None:
            necklace.set_current(None)
        self.audience.close()
        self.console.close()
        self.audience.deleteLater()
        self.console.deleteLater()
        self.ended.emit()

    # -- keeping the projector current -------------------------------------------------------------
    def _paint_audience(self) -> None:
        self.audience.set_state(self.controller.audience_state())
        wall_id = self.controller.wall_id
        if wall_id is not None and self.audience.wall_page.showing_empty and not self._wall_is_empty(wall_id):
            self._on_wall_requested(wall_id)  # the first note arrived: show the wall itself

    def _editor_necklace(self):
        editor = getattr(self.host, "agenda_panel", None)
        return getattr(editor, "necklace", None)

    def _mark_editor_necklace(self) -> None:
        """The agenda tab's necklace highlights the running item too."""
        necklace = self._editor_necklace()
        if necklace is not None:
            necklace.set_current(self.controller.run.index)

    def _wall_is_empty(self, wall_id: str) -> bool:
        wall = next((w for w in self.document.project.walls if w.id == wall_id), None)
        return wall is None or (not wall.notes and not wall.clusters)

    def _on_wall_requested(self, wall_id: str | None) -> None:
        """The wall under its strip on the projector; an empty wall shows its question instead of white."""
        if wall_id is None:
            self.audience.show_wall_view(None)
            return
        if self._wall_is_empty(wall_id):
            self.audience.show_wall_view(None, wall_id)
            return
        try:
            from facilitator.ui.wall import create_wall_view
        except ImportError:
            log.warning("wall view not available; the projector keeps the timer")
            self.controller.wall_id = None
            return
        view = create_wall_view(self.document, wall_id, self.audience, projector=True)
        self.audience.show_wall_view(view, wall_id)

    def _follow_item(self) -> None:
        """A diverging item with a linked wall opens that wall in capture mode for the note-takers."""
        item = self.controller.run.current_item
        if item.id == self._last_item_id:
            return
        self._last_item_id = item.id
        if item.wall_id and item.phase.diverging and hasattr(self.host, "show_wall"):
            try:
                self.host.show_wall(item.wall_id, True)
            except Exception:  # the wall tab is a convenience; the run must go on
                log.warning("could not open wall %s in capture mode", item.wall_id, exc_info=True)
            # The main window now shows the wall with its capture bar focused, but the keyboard stays
            # with the run: the clicker's next press must still reach the console.
            if self.console.isVisible():
                self.console.raise_()
                self.console.activateWindow()


def describe_stored_run(document: Document, snapshot: RunSnapshot, now_wall: float) -> str:
    """The resume question's detail: which item, and how much time it has left now."""
    agenda = document.project.agenda
    index = next((i for i, it in enumerate(agenda) if it.id == snapshot.item_id), None)
    if index is None:
        index = min(max(0, snapshot.item_index), len(agenda) - 1)
    item = agenda[index]
    gap = max(0.0, now_wall - snapshot.saved_wall)
    elapsed = snapshot.elapsed + (gap if snapshot.running else 0.0)
    remaining = max(0.0, item.minutes * 60 + snapshot.adjust) - elapsed
    left = shown_seconds(remaining)
    when = dt.datetime.fromtimestamp(snapshot.saved_wall).strftime("%H:%M")
    state = "running" if snapshot.running else "paused"
    time_text = f"{format_countdown(left)} left" if left > 0 else f"{format_countdown(left)[1:]} over time"
    return f"Item {index + 1}, “{item.title}”, was {state} at {when}; it has {time_text} now."
