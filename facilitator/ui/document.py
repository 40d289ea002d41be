"""The open project as the UI sees it: the edit layer's Editor, its model and file, and one undo stack.

Every edit goes one way (Anki's and Orange's habit, now with a Qt-free
core): views build operations and call :meth:`Document.apply`. Local
operations go on the undo stack as thin :class:`~facilitator.ui.undo.EditCommand`
adapters; operations from elsewhere (an import, a phone, another laptop)
are applied directly and never enter it. After each commit the editor's
:class:`~facilitator.edits.Notice` is re-emitted once, so each view decides
whether to refresh. A failed write never opens a dialog inside an edit:
``write_failed`` drives a non-blocking banner with *Save a copy as…*.
Design record: docs/design/0007-edit-path.md.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from facilitator.core.project import Project
from facilitator.core.rules import Refused
from facilitator.edits import LOCAL, Applied, Editor, Notice, Origin
from facilitator.store import ProjectFile
from facilitator.store.errors import ProjectError
from facilitator.ui.undo import EditCommand

if TYPE_CHECKING:
    from facilitator.edits.ops import Operation

log = logging.getLogger(__name__)


class Document(QObject):
    """One open project. Views subscribe to ``changed`` (a Notice); they never hold the truth."""

    # Every committed edit's Notice (facilitator.edits.Notice), from any origin: what changed, which ids, who.
    changed = Signal(object)
    # A change could not be written; the message is for the user (the window shows a banner, not a dialog).
    write_failed = Signal(str)
    # A short, plain message for the status line (an undo that left someone else's change alone).
    message = Signal(str)

    def __init__(self, store: ProjectFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.editor = Editor(store)
        self.project: Project = self.editor.project
        self.undo_stack = QUndoStack(self)
        self._unsubscribe = self.editor.subscribe(self._on_notice)

    @property
    def path(self) -> Path:
        return self.store.path

    def apply(
        self,
        ops: Operation | Iterable[Operation],
        origin: Origin = LOCAL,
        text: str = "",
        undoable: bool | None = None,
    ) -> Applied | None:
        """Apply operations as one step; None when a write failed (the banner says why).

        Local, undoable operations go on the undo stack (``text`` names the
        step in Edit > Undo); other origins are applied directly. An import
        the user started here passes ``undoable=True`` to be one undo step
        too (its log rows still say "import"). Refused is raised to the
        caller (nothing changed); callers that check first never see it.
        """
        from facilitator.edits.ops import Operation  # loaded already: an operation exists (not at start-up)

        ops = (ops,) if isinstance(ops, Operation) else tuple(ops)
        if not ops:
            return None
        if undoable is None:
            undoable = origin.kind == "local"
        if undoable and all(op.undoable for op in ops):
            command = EditCommand(self, ops, text or _label(ops), origin)
            self.undo_stack.push(command)
            if isinstance(command.error, Refused):
                raise command.error
            return command.applied if command.error is None else None
        try:
            return self.editor.apply_all(ops, origin)
        except ProjectError as exc:
            self.report_write_failure(exc)
            return None

    def _on_notice(self, notice: Notice) -> None:
        self.changed.emit(notice)

    def tell(self, message: str) -> None:
        log.info("%s", message)
        self.message.emit(message)

    def report_write_failure(self, exc: ProjectError) -> None:
        log.error("write failed: %s", exc)
        self.write_failed.emit(str(exc))

    def close(self) -> None:
        self.editor.settle()  # a batch of phone notes still being committed is finished and shown first
        self._unsubscribe()
        self.undo_stack.clear()
        self.store.close()


def _label(ops: tuple[Operation, ...]) -> str:
    name = type(ops[0]).__name__
    return {"AddNote": "Add note", "AddDot": "Add dot", "RemoveDot": "Remove dot", "Delete": "Delete"}.get(name, "Edit")
