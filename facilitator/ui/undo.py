"""The one undo adapter: a QUndoCommand that applies operations through the document's editor.

Redo applies the operations; undo applies the inverse that the last redo
returned, and the next redo applies the inverse that undo returned. Every
step is relative to what it finds: undoing a dot removes that dot, and a
field changed since by another origin is left alone (the document says so
in its status line). A refused or failed step leaves the stack
(``setObsolete``) and never opens a dialog from inside ``push``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from facilitator.core.rules import Refused
from facilitator.edits import LOCAL, Applied, Notice, Origin
from facilitator.store.errors import ProjectError

if TYPE_CHECKING:
    from facilitator.edits.ops import Operation
    from facilitator.ui.document import Document

SKIPPED = "Part of that was changed since by someone else, so it was left as they made it."


class EditCommand(QUndoCommand):
    def __init__(self, document: Document, ops: tuple[Operation, ...], text: str, origin: Origin = LOCAL) -> None:
        super().__init__(text)
        self.document = document
        self.origin = origin
        self._forward = ops
        self._backward: tuple[Operation, ...] = ()
        self.applied: Applied | None = None
        self.error: Exception | None = None

    def redo(self) -> None:
        applied = self._run(self._forward)
        if applied is not None:
            self._backward = applied.inverse

    def undo(self) -> None:
        applied = self._run(self._backward)
        if applied is not None:
            self._forward = applied.inverse

    def _run(self, ops: tuple[Operation, ...]) -> Applied | None:
        document = self.document
        try:
            applied = document.editor.apply_all(ops, self.origin)
        except Refused as exc:
            self.error = exc
            self.setObsolete(True)
            document.tell(f"{self.text()}: {exc.message}")
            return None
        except ProjectError as exc:
            from facilitator.edits.ops import touched_by

            self.error = exc
            self.setObsolete(True)
            document.report_write_failure(exc)
            # The model is as the file holds it; views that showed the edit as typed re-read it.
            document.changed.emit(Notice(self.origin, touched_by(ops)))
            return None
        self.applied = applied
        if applied.skipped:
            document.tell(SKIPPED)
        if not applied.changed:
            self.setObsolete(True)  # nothing happened: nothing to undo or redo
            return None
        return applied
