"""Run mode: the console on the laptop, the audience view on the projector, clicker keys everywhere.

``RunMode`` places the windows for the screens there are (two screens; or
one screen or a mirrored projector, where it asks once per project whether
the room sees this screen or the facilitator rehearses), wires the keys for
every window of the app, and leaves cleanly: Esc asks first while the timer
runs. Design record: docs/design/0010-run-on-one-screen.md.

What it needs from the window it runs from is explicit: ``host`` is only the
parent and the laptop's screen; a capture item asks for its wall with
``capture_requested`` (the launcher passes it to the main window); the agenda
tab's necklace follows the stored run by itself (it hears each ``SetRun``).
Keys and the control strip name a :class:`RunAction`, which :meth:`perform` does."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from facilitator.core.clock import Clock
from facilitator.core.run import RunSnapshot, format_countdown, shown_seconds
from facilitator.core.wall import on_wall
from facilitator.edits import SetSetting
from facilitator.ui.document import Document
from facilitator.ui.run import screens
from facilitator.ui.run.audience import AudienceWindow
from facilitator.ui.run.console import ConsoleWindow
from facilitator.ui.run.controller import RunController
from facilitator.ui.run.keys import PUTS_JOIN_SLIDE_AWAY, ClickerKeys, RunAction

log = logging.getLogger(__name__)


class RunMode(QObject):
    """One session of run mode; ``ended`` fires once both windows are gone."""

    ended = Signal()
    capture_requested = Signal(str)  # a wall id: open it in the main window with its capture line focused

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
        self.layout_box: QMessageBox | None = None
        self.layout: str | None = None  # "two", or screens.PROJECTOR / screens.REHEARSE for one screen
        self.console.preview.audience = self.audience
        from facilitator.ui.room.console_card import RoomLink  # the console's room card has loaded it already

        # The phones' join slide goes over the room's view, wherever it is (J, the console's button, the Room window).
        self.room_link = RoomLink.of(document)
        self.room_link.room_view = self.audience
        # Ctrl+Z undoes the last run action from the room's window too (the only one on a projected screen).
        self.audience_undo = QAction("Undo the last run action", self.audience)
        self.audience_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.audience_undo.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.audience_undo.triggered.connect(self.controller.undo)
        self.audience.addAction(self.audience_undo)
        self.keys = ClickerKeys([self.console, self.audience], host, parent=self)
        self.keys.triggered.connect(self.perform)
        QApplication.instance().installEventFilter(self.keys)
        self.controller.changed.connect(self._paint_audience)
        self.controller.ticked.connect(self._paint_audience)
        self.controller.wall_requested.connect(self._on_wall_requested)
        self.controller.changed.connect(self._follow_item)
        self.controller.ended.connect(self.close)
        self.console.exit_requested.connect(self.request_exit)
        self.console.screen_chosen.connect(self.move_audience_to)
        self.console.wall_toggled.connect(self.toggle_wall)

        self._last_item_id: str | None = None
        gui = QGuiApplication.instance()
        gui.screenAdded.connect(self._on_screens_changed)
        gui.screenRemoved.connect(self._on_screens_changed)
        self._closed = False
        self._paint_audience()

    # -- windows ---------------------------------------------------------------------------
    # Three layouts. Two screens: the console maximised on the laptop, the audience full-screen on the
    # projector. One screen (or a mirrored projector), asked once per project: "projector" puts the
    # room's view full-screen with a self-hiding control strip and hides the console (its private notes);
    # "rehearse" puts the console beside a movable audience window that stays on top of it.
    def open(self) -> None:
        """Place the windows for the screens there are (asking first, once, when there is only one)."""
        self._place()
        if self.layout is None:
            self._ask_one_screen()

    @property
    def laptop(self):
        screen = self.host.screen() if self.host is not None else None
        return screen or QGuiApplication.primaryScreen()

    def _place(self) -> None:
        settings = self.document.project.settings
        saved = settings.get(screens.SCREEN_SETTING)
        target = screens.audience_screen(self.laptop, saved)
        self._fill_screen_box(target)
        if target is not None:
            self._two_screens(target)
            return
        choice = settings.get(screens.ONE_SCREEN_SETTING)
        if choice in screens.ONE_SCREEN_CHOICES:
            self._one_screen(choice)
        elif self.layout in screens.ONE_SCREEN_CHOICES:
            self._one_screen(self.layout)  # a projector was pulled out: keep what was chosen for one screen
        else:
            self.layout = None  # ask first: nothing is shown until the facilitator says what the room sees

    def _fill_screen_box(self, target) -> None:
        available = QGuiApplication.screens()
        names = [s.name() for s in available]
        labels = [screens.describe(s) for s in available]
        current = target.name() if target is not None else ""
        if target is None and self.document.project.settings.get(screens.ONE_SCREEN_SETTING) == screens.PROJECTOR:
            current = screens.THIS_SCREEN
        self.console.set_screens(names, labels, current, one_screen=target is None)

    def _ask_one_screen(self) -> None:
        if self.layout_box is not None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "One screen: what does the room see?",
            "Facilitator sees one screen (or a projector that mirrors it).",
            QMessageBox.StandardButton.NoButton,
            self.host,
        )
        box.setInformativeText(
            "The projector shows this screen: the room sees the timer full-screen; you drive it with the "
            "clicker and a small control strip that hides itself. Your private notes stay hidden.\n\n"
            "Rehearse here: the console with your notes, beside a window showing what the room would see.\n\n"
            "Facilitator remembers your choice for this project."
        )
        box.addButton("The projector shows this screen", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Rehearse here", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(self._on_one_screen_answer)
        self.layout_box = box
        box.open()

    def answer_one_screen(self, choice: str | None) -> None:
        """The answer to the one-screen question (``None``: cancel, leave run mode); remembered per project."""
        if self._closed:
            return
        if choice not in screens.ONE_SCREEN_CHOICES:
            self.close()
            return
        self.document.apply(SetSetting(screens.ONE_SCREEN_SETTING, choice))
        self._place()
        if self.layout is None:  # the setting could not be written: use the answer for this run anyway
            self._one_screen(choice)

    def _on_one_screen_answer(self, _result: int) -> None:
        box, self.layout_box = self.layout_box, None
        if box is None:
            return
        clicked = box.clickedButton()
        text = clicked.text() if clicked is not None else ""
        box.deleteLater()
        choice = {"The projector shows this screen": screens.PROJECTOR, "Rehearse here": screens.REHEARSE}.get(text)
        self.answer_one_screen(choice)

    def _two_screens(self, projector) -> None:
        self.layout = "two"
        self._set_on_top(False)
        self.audience.enable_controls(False)
        laptop = self.laptop
        if self.console.windowHandle() is None:
            self.console.create()
        self.console.windowHandle().setScreen(laptop)
        # The whole laptop screen first, so a platform that maximises in place cannot spill onto the projector.
        self.console.setGeometry(laptop.availableGeometry())
        self.console.showMaximized()
        self._full_screen(projector)
        self.console.raise_()
        self.console.activateWindow()
        self._slide_follows()
        self._follow_item()

    def _one_screen(self, choice: str) -> None:
        laptop = self.laptop
        area = laptop.availableGeometry()
        self.layout = choice
        self._set_on_top(True)  # on one screen, nothing of ours may cover the room's view
        if choice == screens.PROJECTOR:
            self.console.hide()  # the room sees this screen: the private notes stay hidden
            strip = self.audience.enable_controls(True)
            if strip is not None and not strip.property("connected"):
                strip.action.connect(self.perform)
                strip.setProperty("connected", True)
            self._full_screen(laptop)
            self.audience.raise_()
            self.audience.activateWindow()
        else:
            self.audience.enable_controls(False)
            gap = 12
            # Side by side when the console fits beside the room's view; the view stays on top either way.
            room_for_it = area.width() - self.console.minimumSizeHint().width() - 3 * gap
            width = max(320, min(960, int(area.width() * 0.42), room_for_it))
            height = width * 9 // 16
            if self.audience.isFullScreen():
                self.audience.showNormal()
            self.audience.setGeometry(area.right() - width - gap, area.top() + gap, width, height)
            self.audience.show()
            if self.console.windowHandle() is None:
                self.console.create()
            self.console.windowHandle().setScreen(laptop)
            if self.console.isMaximized() or self.console.isFullScreen():
                self.console.showNormal()
            console_width = area.width() - width - 3 * gap
            self.console.setGeometry(area.left() + gap, area.top() + gap, console_width, area.height() - 2 * gap)
            self.console.show()
            self.console.activateWindow()
            self.audience.raise_()
        self._slide_follows()
        self._follow_item()

    def _full_screen(self, screen) -> None:
        # Choose the screen on the native window before it is shown full-screen: Wayland ignores
        # positions, and X11/Windows/macOS put a full-screen window on the screen it is on.
        audience = self.audience
        if audience.isFullScreen():
            audience.showNormal()
        if audience.windowHandle() is None:
            audience.create()
        audience.windowHandle().setScreen(screen)
        audience.setGeometry(screen.geometry())
        audience.showFullScreen()

    def _slide_follows(self) -> None:
        """The room's view moved (a projector plugged in or pulled out, or the facilitator chose another place):
        a join slide that is up goes with it, so it never covers the console or hides behind the view."""
        if self.room_link.hide_slide():
            self.room_link.toggle_slide()

    def _set_on_top(self, on: bool) -> None:
        flags = self.audience.windowFlags()
        wanted = flags | Qt.WindowType.WindowStaysOnTopHint if on else flags & ~Qt.WindowType.WindowStaysOnTopHint
        if wanted != flags:
            visible = self.audience.isVisible()
            self.audience.setWindowFlags(wanted)
            if visible:
                self.audience.show()

    def _on_screens_changed(self, *_screen) -> None:
        """A projector plugged in or pulled out mid-run: never leave the room's view covering the console."""
        if not self._closed:
            self._place()
            if self.layout is None:
                self._ask_one_screen()

    def move_audience_to(self, name: str) -> None:
        """The facilitator picked where the room looks: a screen, a window here, or this screen full-screen."""
        one_screen, screen = screens.ONE_SCREEN_SETTING, screens.SCREEN_SETTING
        if name == screens.THIS_SCREEN:
            choice = (SetSetting(one_screen, screens.PROJECTOR), SetSetting(screen, None))
        elif name:
            choice = (SetSetting(screen, name),)
        else:
            choice = (SetSetting(screen, None), SetSetting(one_screen, screens.REHEARSE))
        # One transaction; a failed write shows the banner, and the choice still holds for this run.
        self.document.apply(choice)
        named = next((s for s in QGuiApplication.screens() if s.name() == name), None) if name else None
        target = named if named is not None and name != screens.THIS_SCREEN else None
        if target is not None and screens.audience_screen(self.laptop, name) is target:
            self._fill_screen_box(target)
            self._two_screens(target)
        else:
            self._fill_screen_box(None)
            self._one_screen(screens.PROJECTOR if name == screens.THIS_SCREEN else screens.REHEARSE)

    def show_console(self) -> None:
        """The control strip's Console button: the facilitator asks for the notes on the room's screen."""
        self.move_audience_to("")

    def bring_forward(self) -> None:
        """F5 from the main window mid-run: the window the facilitator drives the run from comes forward."""
        front = self.audience if self.layout == screens.PROJECTOR else self.console
        front.raise_()
        front.activateWindow()
        if self.layout in screens.ONE_SCREEN_CHOICES:
            self.audience.raise_()

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

    def undo(self) -> None:
        self.controller.undo()

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

    def perform(self, action: RunAction) -> None:
        """A clicker key or a control-strip button; while the join slide is up, a clicker key only takes it away."""
        if action in PUTS_JOIN_SLIDE_AWAY and self.room_link.hide_slide():
            return
        self.performers()[action]()

    def performers(self) -> dict[RunAction, Callable[[], None]]:
        """What each action does (every RunAction has one; a test checks)."""
        return {
            RunAction.NEXT: self.next,
            RunAction.PREVIOUS: self.previous,
            RunAction.TOGGLE: self.toggle,
            RunAction.START: self.start,
            RunAction.TOGGLE_BLACKOUT: self.toggle_blackout,
            RunAction.REQUEST_EXIT: self.request_exit,
            RunAction.ADD_ONE: self.add_one,
            RunAction.TAKE_ONE: self.take_one,
            RunAction.TOGGLE_WALL: self.toggle_wall,
            RunAction.UNDO: self.undo,
            RunAction.SHOW_CONSOLE: self.show_console,
            RunAction.TOGGLE_JOIN_SLIDE: self.toggle_join_slide,
        }

    def toggle_join_slide(self) -> None:
        """J: the phones' join slide over the room's view for late joiners, or away again (while a room is open)."""
        self.room_link.toggle_slide()

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
            self.console if self.console.isVisible() else self.audience,
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
        if self.room_link.room_view is self.audience:
            self.room_link.room_view = None  # the room's view is going: a slide shown from now goes by screens
        if self.layout_box is not None:
            box, self.layout_box = self.layout_box, None
            box.finished.disconnect(self._on_one_screen_answer)
            box.close()
            box.deleteLater()
        gui = QGuiApplication.instance()
        gui.screenAdded.disconnect(self._on_screens_changed)
        gui.screenRemoved.disconnect(self._on_screens_changed)
        self.controller.end()
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

    def _wall_is_empty(self, wall_id: str) -> bool:
        wall = next((w for w in self.document.project.walls if w.id == wall_id), None)
        # Empty as the room sees it: held and hidden phone notes are not on the projector (core.wall.on_wall).
        return wall is None or (not wall.clusters and not any(on_wall(n) for n in wall.notes.values()))

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
        """A diverging item with a linked wall opens that wall in capture mode for the note-takers.

        The main window comes forward with its capture line focused, so the scribe can type; the clicker
        keeps working from there (keys.py). On one screen the room's view stays on top of it.
        """
        item = self.controller.run.current_item
        if item.id == self._last_item_id or self.layout is None:
            return
        self._last_item_id = item.id
        if item.wall_id and item.phase.diverging:
            self.capture_requested.emit(item.wall_id)
            if self.layout in screens.ONE_SCREEN_CHOICES:
                self.audience.raise_()


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
