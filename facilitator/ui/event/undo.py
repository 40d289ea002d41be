"""The set-up's undo steps: the event's details, its groups, its diamonds and the agreed actions.

The tables hand over the list as the user wants it ("after"); each adapter
turns the difference from the model into edit-layer operations (add, delete,
field changes, one reorder per moved row) and applies them as one
:class:`~facilitator.ui.undo.EditCommand`: one transaction, a relative undo,
and no dialog from inside the edit when a write fails.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from facilitator.core.event import Event
from facilitator.edits import AddAction, AddDiamond, AddGroup, Delete, Operation, Reorder, Update
from facilitator.edits.records import FIELDS, encode
from facilitator.ui.document import Document
from facilitator.ui.undo import EditCommand


def _fields(kind: str, before: Any, after: Any) -> tuple[tuple[str, Any], ...]:
    return tuple(
        (name, encode(kind, name, getattr(after, name)))
        for name in FIELDS[kind]
        if getattr(before, name) != getattr(after, name)
    )


def list_ops(
    kind: str, before: Sequence[Any], after: Sequence[Any], add: Callable[[Any, int], Operation]
) -> list[Operation]:
    """Operations that turn the list ``before`` into ``after`` (matched by id), moving only what moved."""
    kept = {a.id for a in after}
    gone = [b.id for b in before if b.id not in kept]
    ops: list[Operation] = [Delete(kind, tuple(gone))] if gone else []
    current = [b.id for b in before if b.id not in gone]
    old = {b.id: b for b in before}
    for index, item in enumerate(after):
        if item.id not in old:
            ops.append(add(item, index))
            current.insert(index, item.id)
            continue
        values = _fields(kind, old[item.id], item)
        if values:
            ops.append(Update(kind, item.id, values))
        if current[index] != item.id:
            ops.append(Reorder(kind, item.id, index=index))
            current.remove(item.id)
            current.insert(index, item.id)
    return ops


class EditEvent(EditCommand):
    """Change the event's title, date, venue, organiser or planned times (the header follows)."""

    def __init__(self, document: Document, after: Event, text: str) -> None:
        values = _fields("event", document.project.event, after)
        super().__init__(document, (Update("event", "event", values),) if values else (), text)


class EditGroups(EditCommand):
    """Add, rename, recolour, move or remove participant groups.

    A rename also renames the group on the notes that carry its old name, on
    every wall, so the wall's filter and the event pack's counts follow.
    """

    def __init__(self, document: Document, after: Sequence, text: str, renamed: dict[str, str] | None = None) -> None:
        ops = list_ops("group", document.project.groups, after, lambda g, i: AddGroup(g.id, g.name, g.colour, index=i))
        for old, new in (renamed or {}).items():
            for wall in document.project.walls:
                ops += [Update("note", n.id, (("group", new),)) for n in wall.notes.values() if n.group == old]
        super().__init__(document, tuple(ops), text)


class EditDiamonds(EditCommand):
    """Add, rename, resize, move or delete diamonds.

    Deleting a diamond leaves the agenda items that pointed at it with no
    diamond (the edit layer does that in the same transaction); undo gives
    them their diamond back.
    """

    def __init__(self, document: Document, after: Sequence, text: str) -> None:
        ops = list_ops(
            "diamond",
            document.project.diamonds,
            after,
            lambda d, i: AddDiamond(d.id, d.question, str(d.size), index=i),
        )
        super().__init__(document, tuple(ops), text)


class EditActions(EditCommand):
    """Add, change, move or remove the actions agreed at the end of the day."""

    def __init__(self, document: Document, after: Sequence, text: str) -> None:
        ops = list_ops(
            "action",
            document.project.actions,
            after,
            lambda a, i: AddAction(a.id, a.text, a.owner, a.due.isoformat() if a.due else None, index=i),
        )
        super().__init__(document, tuple(ops), text)
