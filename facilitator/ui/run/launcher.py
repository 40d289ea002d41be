"""The main window's side of run mode: the Run menu, F5, the shortcuts sheet and resuming after a crash.

Kept out of main_window.py so run mode plugs into the shell with two lines. What it needs from
the window is said once, in :class:`RunHost`, rather than looked up by name.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, QObject, Qt, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from facilitator import edits  # operations load with the first edit, not at start-up
from facilitator.core.clock import Clock, SystemClock
from facilitator.core.run import RunSnapshot
from facilitator.edits import Notice
from facilitator.ui.document import Document
from facilitator.ui.run.keys import SHEET

if TYPE_CHECKING:  # run mode's windows load when a run starts, not while the app is starting
    from facilitator.ui.run.mode import RunMode

log = logging.getLogger(__name__)


class ShortcutsSheet(QDialog):
    """Help > Keyboard and clicker shortcuts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard and clicker shortcuts")
        rows = "".join(
            f"<tr><td style='padding:4px 18px 4px 0'><b>{key}</b></td><td style='padding:4px 0'>{what}</td></tr>"
            for key, what in SHEET
        )
        editor = [
            ("Insert", "Add an item after the current one"),
            ("Delete", "Remove the selected items (Ctrl+Z brings them back)"),
            ("Ctrl+↑  /  Ctrl+↓", "Move the current item up / down"),
            ("F2 or type", "Edit the current cell"),
            ("Ctrl+Z  /  Ctrl+Shift+Z", "Undo / redo"),
        ]
        editor_rows = "".join(
            f"<tr><td style='padding:4px 18px 4px 0'><b>{key}</b></td><td style='padding:4px 0'>{what}</td></tr>"
            for key, what in editor
        )
        text = QLabel(
            "<h3>Running the day</h3><p>These work in the console and the projector window. Page Down / Up, "
            "B or ., F5 and Esc (what presentation clickers send) also work from the main window and its walls; "
            "while you type a note only Page Down / Up and F5 move the run.</p>"
            f"<table>{rows}</table><h3>Agenda editor</h3><table>{editor_rows}</table>",
            self,
        )
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(560, 520)


class RunHost(Protocol):
    """What run mode needs from the main window (MainWindow provides it; a QMainWindow besides)."""

    document: Document | None  # the open project, if any
    help_menu: QMenu  # the Run menu goes before it; the shortcuts sheet into it
    document_opened: SignalInstance  # (Document): a project was opened; a stored run may be resumed

    def menuBar(self) -> QMenuBar: ...

    def show_wall(self, wall_id: str, capture: bool) -> None:
        """Bring a wall's tab to the front; with ``capture``, its capture line focused for the scribe."""

    def selected_agenda_row(self) -> int:
        """The agenda item selected in the agenda tab (0 when none): Shift+F5 starts there."""


class RunLauncher(QObject):
    """Adds the Run menu to ``window`` and owns the run mode it starts."""

    def __init__(self, window: RunHost, clock: Clock | None = None) -> None:
        super().__init__(cast(QMainWindow, window))
        self.clock = clock or SystemClock()
        self.mode: RunMode | None = None
        self.resume_box: QMessageBox | None = None
        bar = window.menuBar()
        self.menu = bar.addMenu("&Run")
        help_menu = window.help_menu
        bar.insertMenu(help_menu.menuAction(), self.menu)
        self.start_action = self._action(self.menu, "&Start the run", self.start_day, QKeySequence(Qt.Key.Key_F5))
        self.start_here_action = self._action(
            self.menu, "Start from the &selected item", self.start_from_selection, QKeySequence("Shift+F5")
        )
        self.sheet_action = QAction("&Keyboard and clicker shortcuts", window)
        self.sheet_action.setShortcut(QKeySequence("Ctrl+/"))
        self.sheet_action.triggered.connect(self.show_sheet)
        first = help_menu.actions()[0] if help_menu.actions() else None
        help_menu.insertAction(first, self.sheet_action)
        window.document_opened.connect(self._on_document_opened)
        self.window.installEventFilter(self)
        self._update_actions()

    def _action(self, menu, text: str, slot, shortcut: QKeySequence) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    @property
    def window(self) -> QMainWindow:
        """The main window, read from the Qt parent: holding it in an attribute would make a reference
        cycle that keeps closed windows alive until the garbage collector runs."""
        return self.parent()

    @property
    def host(self) -> RunHost:
        return cast(RunHost, self.parent())

    @property
    def document(self) -> Document | None:
        return self.host.document

    def _update_actions(self) -> None:
        ok = self.document is not None and bool(self.document.project.agenda)
        self.start_action.setEnabled(ok)
        self.start_here_action.setEnabled(ok)

    # -- starting ------------------------------------------------------------------------------
    def start(self, start_at: int = 0, snapshot: RunSnapshot | None = None, standby: bool = False) -> RunMode | None:
        """Open run mode at ``start_at`` (or bring it forward and resume the timer if it is already open).

        With ``standby`` the room first sees the standby screen; the clicker starts the first item.
        """
        if self.mode is not None:
            self.mode.bring_forward()
            self.mode.start()
            return self.mode
        document = self.document
        if document is None or not document.project.agenda:
            QMessageBox.information(self.window, "Nothing to run", "Add an item to the agenda first.")
            return None
        from facilitator.ui.run.mode import RunMode

        self.mode = RunMode(
            document, self.window, clock=self.clock, snapshot=snapshot, start_at=start_at, standby=standby
        )
        self.mode.ended.connect(self._on_mode_ended)
        self.mode.capture_requested.connect(self._open_for_capture)
        self.mode.open()
        return self.mode

    def current_run(self):
        """The run going on now, if run mode is open (the room tells phones about its item)."""
        return self.mode.controller.run if self.mode is not None else None

    def start_day(self) -> None:
        """F5 and the agenda's Run button: the standby screen, then the first item on the clicker."""
        self.start(0, standby=True)

    def start_from_selection(self) -> None:
        self.start(self.host.selected_agenda_row())

    def _open_for_capture(self, wall_id: str) -> None:
        """A diverging item with a linked wall: its tab comes forward, ready for the scribe to type."""
        try:
            self.host.show_wall(wall_id, True)
        except Exception:  # the wall tab is a convenience; the run must go on
            log.warning("could not open wall %s in capture mode", wall_id, exc_info=True)

    def show_sheet(self) -> None:
        sheet = ShortcutsSheet(self.window)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()

    def _on_mode_ended(self) -> None:
        self.mode = None

    def _leave_without_clearing(self) -> None:
        """Close run mode but keep the stored run (quitting or switching projects mid-run can be resumed)."""
        if self.mode is not None:
            self.mode.controller.persist = False
            self.mode.close()
            self.mode = None

    # -- resuming --------------------------------------------------------------------------------
    def _on_document_opened(self, document: Document) -> None:
        if self.mode is not None and self.mode.document is not document:
            self._leave_without_clearing()
        self._update_actions()
        document.changed.connect(self._on_changed)
        snapshot = document.project.run  # as the file last stored it (an unreadable one refused the whole file)
        if snapshot is None or not document.project.agenda:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Resume the run?",
            "This project was in the middle of a run when it was closed.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        from facilitator.ui.run.mode import describe_stored_run

        box.setInformativeText(describe_stored_run(document, snapshot, self.clock.wall()))
        box.button(QMessageBox.StandardButton.Yes).setText("Resume the run")
        box.button(QMessageBox.StandardButton.No).setText("Discard it")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.finished.connect(self._on_resume_answer)
        self.resume_box = box
        self._resume = (document, snapshot)
        box.open()

    def _on_resume_answer(self, result: int) -> None:
        box, self.resume_box = self.resume_box, None
        if box is not None:
            box.deleteLater()
        document, snapshot = self._resume
        if document is not self.document:
            return
        if result == QMessageBox.StandardButton.Yes:
            self.start(snapshot=snapshot)
        else:
            document.apply(edits.SetRun(None))  # discarded: a failed write shows the document's banner

    def _on_changed(self, notice: Notice) -> None:
        if notice.touches("agenda"):
            self._update_actions()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and watched is self.parent():
            self._leave_without_clearing()
        return False
