"""The open project as the UI sees it: the domain model, its file and one undo stack.

Every edit goes one way (Anki's and Orange's habit): a QUndoCommand changes
the model, writes the change to the file in one transaction, and the
document announces once what changed so each view decides whether to refresh.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from facilitator.core.project import Project
from facilitator.store import ProjectFile
from facilitator.store.errors import ProjectError

log = logging.getLogger(__name__)


class Document(QObject):
    """One open project. Views subscribe to ``changed``; they never hold the truth."""

    # What changed: "event", "groups", "diamonds", "agenda", "walls", "wall:<id>", "photos", "actions", "run".
    changed = Signal(str)
    # A change could not be written; the message is for the user.
    write_failed = Signal(str)

    def __init__(self, store: ProjectFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.project: Project = store.load()
        self.undo_stack = QUndoStack(self)

    @property
    def path(self) -> Path:
        return self.store.path

    def announce(self, what: str) -> None:
        self.changed.emit(what)

    def report_write_failure(self, exc: ProjectError) -> None:
        log.error("write failed: %s", exc)
        self.write_failed.emit(str(exc))

    def close(self) -> None:
        self.undo_stack.clear()
        self.store.close()
