"""A non-blocking strip at the top of the window that says a change was not saved.

A failed write must never open a dialog from inside an edit: the edit runs
inside ``QUndoStack.push`` (a nested event loop there would let the run
timer and other edits fire into a half-finished step). The banner only
shows a message and offers *Save a copy as…*; the user acts when ready.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolBar, QWidget


class WriteFailedBanner(QToolBar):
    def __init__(self, save_copy: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__("Change not saved", parent)
        self.setObjectName("write-failed-banner")
        self.setMovable(False)
        self.setFloatable(False)
        self.setAllowedAreas(Qt.ToolBarArea.TopToolBarArea)
        self.setStyleSheet("QToolBar#write-failed-banner { background: #fde7e9; border-bottom: 1px solid #c62828; }")
        body = QWidget(self)
        row = QHBoxLayout(body)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(body)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #5f0b13;")
        self.save_button = QPushButton("Save a copy as\u2026", body)
        self.save_button.clicked.connect(save_copy)
        close = QPushButton("Dismiss", body)
        close.clicked.connect(self.hide)
        row.addWidget(self.label, 1)
        row.addWidget(self.save_button)
        row.addWidget(close)
        self.addWidget(body)
        self.hide()

    def show_message(self, message: str) -> None:
        self.label.setText(f"Change not saved. {message}")
        self.show()
