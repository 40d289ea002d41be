"""The agenda's undo steps: thin adapters that turn one user action into edit-layer operations.

Each class is an :class:`~facilitator.ui.undo.EditCommand`: its redo applies
the operations through the document's editor (one transaction; refused or
failed edits leave the stack and the banner says why), its undo applies the
relative inverse. Moving an item writes that item's order key only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from facilitator import edits  # operations load with the first edit (facilitator.edits loads names on use)
from facilitator.core.agenda import AgendaItem
from facilitator.edits.records import encode
from facilitator.ui.document import Document
from facilitator.ui.undo import EditCommand


class EditItem(EditCommand):
    """Change one field of one item (title, minutes, kind, phase, diamond, wall, instructions, notes)."""

    def __init__(self, document: Document, item_id: str, field: str, value: object, label: str) -> None:
        op = edits.Update("agenda", item_id, ((field, encode("agenda", field, value)),))
        super().__init__(document, (op,), f"Change {label}")


def add_op(index: int | None, item: AgendaItem) -> edits.AddAgendaItem:
    return edits.AddAgendaItem(
        item.id,
        item.title,
        minutes=item.minutes,
        kind=str(item.kind),
        phase=str(item.phase),
        diamond_id=item.diamond_id,
        instructions=item.instructions,
        notes=item.notes,
        wall_id=item.wall_id,
        index=index,
    )


class InsertItem(EditCommand):
    def __init__(self, document: Document, index: int, item: AgendaItem) -> None:
        super().__init__(document, (add_op(index, item),), f"Add \u201c{item.title}\u201d")


class DeleteItems(EditCommand):
    def __init__(self, document: Document, indexes: Sequence[int]) -> None:
        rows = sorted(set(indexes))
        agenda = document.project.agenda
        text = f"Delete \u201c{agenda[rows[0]].title}\u201d" if len(rows) == 1 else f"Delete {len(rows)} items"
        super().__init__(document, (edits.Delete("agenda", tuple(agenda[i].id for i in rows)),), text)


class MoveItem(EditCommand):
    """Move an item to another place in the day (drag, or Ctrl+Up / Ctrl+Down): one row's key changes."""

    def __init__(self, document: Document, source: int, target: int) -> None:
        item = document.project.agenda[source]
        super().__init__(document, (edits.Reorder("agenda", item.id, index=target),), f"Move \u201c{item.title}\u201d")


class EditEventTimes(EditCommand):
    """Change the day's planned start or end: every item's clock times and the overrun follow."""

    def __init__(self, document: Document, start: dt.time, end: dt.time) -> None:
        values = (
            ("planned_start", start.isoformat(timespec="minutes")),
            ("planned_end", end.isoformat(timespec="minutes")),
        )
        super().__init__(document, (edits.Update("event", "event", values),), "Change the day's times")
