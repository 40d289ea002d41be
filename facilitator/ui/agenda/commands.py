"""Undoable agenda edits: one user action, one undo step, one transaction.

Each command changes ``project.agenda`` in place (the running agenda holds
that same list), writes the agenda in one transaction and announces
"agenda". If the write fails the change is taken back at once, the user is
told, and the command leaves the undo stack (``setObsolete``), so the screen
never shows an edit the file does not hold.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtGui import QUndoCommand

from facilitator.core.agenda import AgendaItem
from facilitator.core.event import Event
from facilitator.store.errors import ProjectError
from facilitator.ui.document import Document


class AgendaCommand(QUndoCommand):
    def __init__(self, document: Document, text: str) -> None:
        super().__init__(text)
        self.document = document

    @property
    def items(self) -> list[AgendaItem]:
        return self.document.project.agenda

    def _index_of(self, item_id: str) -> int:
        return next(i for i, it in enumerate(self.items) if it.id == item_id)

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self.apply()
        self._commit(self.revert)

    def undo(self) -> None:
        self.revert()
        self._commit(self.apply)

    def _commit(self, take_back) -> None:
        try:
            self.document.store.save_agenda(self.items)
        except ProjectError as exc:
            take_back()
            self.setObsolete(True)
            self.document.report_write_failure(exc)
        self.document.announce("agenda")


class EditItem(AgendaCommand):
    """Change one field of one item (title, minutes, kind, phase, diamond, wall, instructions, notes)."""

    def __init__(self, document: Document, item_id: str, field: str, value: object, label: str) -> None:
        super().__init__(document, f"Change {label}")
        self.item_id = item_id
        self.field = field
        self.new = value
        self.old = getattr(document.project.agenda[self._index_of(item_id)], field)

    def _set(self, value: object) -> None:
        setattr(self.items[self._index_of(self.item_id)], self.field, value)

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)


class InsertItem(AgendaCommand):
    def __init__(self, document: Document, index: int, item: AgendaItem) -> None:
        super().__init__(document, f"Add “{item.title}”")
        self.index = index
        self.item = item

    def apply(self) -> None:
        self.items.insert(self.index, dataclasses.replace(self.item))

    def revert(self) -> None:
        del self.items[self._index_of(self.item.id)]


class DeleteItems(AgendaCommand):
    def __init__(self, document: Document, indexes: list[int]) -> None:
        rows = sorted(set(indexes))
        agenda = document.project.agenda
        text = f"Delete “{agenda[rows[0]].title}”" if len(rows) == 1 else f"Delete {len(rows)} items"
        super().__init__(document, text)
        self.removed = [(i, dataclasses.replace(agenda[i])) for i in rows]

    def apply(self) -> None:
        for i, _ in reversed(self.removed):
            del self.items[i]

    def revert(self) -> None:
        for i, item in self.removed:
            self.items.insert(i, dataclasses.replace(item))


class MoveItem(AgendaCommand):
    """Move an item to another place in the day (drag, or Ctrl+Up / Ctrl+Down)."""

    def __init__(self, document: Document, source: int, target: int) -> None:
        super().__init__(document, f"Move “{document.project.agenda[source].title}”")
        self.source = source
        self.target = target

    def apply(self) -> None:
        self.items.insert(self.target, self.items.pop(self.source))

    def revert(self) -> None:
        self.items.insert(self.source, self.items.pop(self.target))


class EditEventTimes(QUndoCommand):
    """Change the day's planned start or end: every item's clock times and the overrun follow."""

    def __init__(self, document: Document, start: dt.time, end: dt.time) -> None:
        super().__init__("Change the day's times")
        self.document = document
        event = document.project.event
        self.old = (event.planned_start, event.planned_end)
        self.new = (start, end)

    def _set(self, times: tuple[dt.time, dt.time], fallback: tuple[dt.time, dt.time]) -> None:
        event: Event = self.document.project.event
        event.planned_start, event.planned_end = times
        try:
            self.document.store.save_event(event)
        except ProjectError as exc:
            event.planned_start, event.planned_end = fallback
            self.setObsolete(True)
            self.document.report_write_failure(exc)
        self.document.announce("event")

    def redo(self) -> None:
        self._set(self.new, self.old)

    def undo(self) -> None:
        self._set(self.old, self.new)
