"""The Room menu: Room > Phones in the room… opens the project's Room window (made on first use).

Kept light: the server, QR and network modules load only when the facilitator first opens the window,
so they cost nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from facilitator.core.run import Run
from facilitator.ui.document import Document

if TYPE_CHECKING:
    from facilitator.ui.room.window import RoomWindow


class RoomLauncher(QObject):
    """Adds Room > Phones in the room… (Ctrl+Shift+J) to the main window and owns the room of its project."""

    def __init__(self, window: QMainWindow, run: Callable[[], Run | None]) -> None:
        super().__init__(window)
        self.run = run
        self.room: RoomWindow | None = None
        bar = window.menuBar()
        self.menu = bar.addMenu("Roo&m")
        bar.insertMenu(window.help_menu.menuAction(), self.menu)
        self.action = QAction("&Phones in the room…", window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+J"))
        self.action.setStatusTip("Let the room send ideas and dot-votes from their phones over the local network")
        self.action.triggered.connect(self.show_room)
        self.action.setEnabled(False)
        self.menu.addAction(self.action)
        window.document_opened.connect(self._on_document_opened)

    @property
    def window(self) -> QMainWindow:
        return self.parent()

    def show_room(self) -> RoomWindow | None:
        document = self.window.document
        if document is None:
            return None
        if self.room is None or self.room.document is not document:
            from facilitator.ui.room.window import RoomWindow

            self._shut()
            self.room = RoomWindow(document, self.run, self.window)
        self.room.show()
        self.room.raise_()
        return self.room

    def _on_document_opened(self, document: Document) -> None:
        self._shut()
        self.action.setEnabled(document is not None and bool(document.project.walls))

    def _shut(self) -> None:
        if self.room is not None:
            self.room.shut()
            self.room.deleteLater()
            self.room = None
