"""Undoable set-up edits: the event's details, its groups, its diamonds and the agreed actions.

Each command holds a before and an after snapshot of one small list (or of the
event), puts one of them into the project in place (other views and the run
hold the same list objects), writes it in one transaction and announces what
changed. If the write fails the model is put back to what the file holds, the
user is told, and the command leaves the undo stack (``setObsolete``): the
screen never shows an edit the file does not have.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from facilitator.core.agenda import Diamond
from facilitator.core.event import Action, Event, ParticipantGroup
from facilitator.store.errors import ProjectError
from facilitator.ui.document import Document
from facilitator.ui.wall.commands import Changes, WallSync


def _copies(items: Sequence) -> list:
    return [dataclasses.replace(item) for item in items]


class _SnapshotCommand(QUndoCommand):
    """Swap between two states; subclasses say how to put a state in place and how to store it."""

    def __init__(self, document: Document, text: str, before, after) -> None:
        super().__init__(text)
        self.document = document
        self.before = before
        self.after = after

    def put(self, state) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError

    def announce(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self._switch(self.after, self.before)

    def undo(self) -> None:
        self._switch(self.before, self.after)

    def _switch(self, state, fallback) -> None:
        self.put(state)
        try:
            with self.document.store.transaction():
                self.save()
        except ProjectError as exc:
            self.put(fallback)
            self.setObsolete(True)
            self.document.report_write_failure(exc)
        self.announce()


class EditEvent(_SnapshotCommand):
    """Change the event's title, date, venue, organiser or planned times (the header follows)."""

    def __init__(self, document: Document, after: Event, text: str) -> None:
        super().__init__(document, text, dataclasses.replace(document.project.event), dataclasses.replace(after))

    def put(self, state: Event) -> None:
        event = self.document.project.event  # kept in place: the run and the schedule hold this object
        for f in dataclasses.fields(Event):
            setattr(event, f.name, getattr(state, f.name))

    def save(self) -> None:
        self.document.store.save_event(self.document.project.event)

    def announce(self) -> None:
        self.document.announce("event")


# A note whose group a rename carries along: (wall id, note id, group before, group after).
GroupOnNote = tuple[str, str, str, str]


class EditGroups(_SnapshotCommand):
    """Add, rename, recolour, move or remove participant groups.

    A rename also renames the group on the notes that carry its old name, on
    every wall, so the wall's filter and the event pack's counts follow.
    """

    def __init__(
        self,
        document: Document,
        after: Sequence[ParticipantGroup],
        text: str,
        renamed: dict[str, str] | None = None,
    ) -> None:
        super().__init__(document, text, _copies(document.project.groups), _copies(after))
        self.notes: list[GroupOnNote] = []
        for old, new in (renamed or {}).items():
            for wall in document.project.walls:
                self.notes += [(wall.id, n.id, old, new) for n in wall.notes.values() if n.group == old]

    def put(self, state: list[ParticipantGroup]) -> None:
        self.document.project.groups[:] = _copies(state)
        forward = state is self.after
        for wall_id, note_id, old, new in self.notes:
            self.document.project.wall(wall_id).notes[note_id].group = new if forward else old

    def save(self) -> None:
        store = self.document.store
        store.save_groups(self.document.project.groups)
        for wall_id in self._walls():
            wall = self.document.project.wall(wall_id)
            store.save_notes(wall_id, [wall.notes[n] for w, n, _, _ in self.notes if w == wall_id])

    def _walls(self) -> list[str]:
        return list(dict.fromkeys(w for w, _, _, _ in self.notes))

    def announce(self) -> None:
        self.document.announce("groups")
        for wall_id in self._walls():
            # Note by note, as the wall's own edits do: rebuilding a 20,000-note wall takes ~0.4 s.
            touched = {n for w, n, _, _ in self.notes if w == wall_id}
            WallSync.of(self.document, wall_id).announce(Changes(notes=touched))


class EditDiamonds(_SnapshotCommand):
    """Add, rename, resize, move or delete diamonds.

    Deleting a diamond leaves the agenda items that pointed at it with no
    diamond (the file does the same with ON DELETE SET NULL); undo gives them
    their diamond back.
    """

    def __init__(self, document: Document, after: Sequence[Diamond], text: str) -> None:
        super().__init__(document, text, _copies(document.project.diamonds), _copies(after))
        kept = {d.id for d in after}
        self.orphaned = {
            it.id: it.diamond_id for it in document.project.agenda if it.diamond_id and it.diamond_id not in kept
        }

    def put(self, state: list[Diamond]) -> None:
        self.document.project.diamonds[:] = _copies(state)
        forward = state is self.after
        for item in self.document.project.agenda:  # in place: the running agenda holds these items
            if item.id in self.orphaned:
                item.diamond_id = None if forward else self.orphaned[item.id]

    def save(self) -> None:
        self.document.store.save_diamonds(self.document.project.diamonds)
        if self.orphaned:
            self.document.store.save_agenda(self.document.project.agenda)

    def announce(self) -> None:
        self.document.announce("diamonds")
        if self.orphaned:
            self.document.announce("agenda")


class EditActions(_SnapshotCommand):
    """Add, change, move or remove the actions agreed at the end of the day."""

    def __init__(self, document: Document, after: Sequence[Action], text: str) -> None:
        super().__init__(document, text, _copies(document.project.actions), _copies(after))

    def put(self, state: list[Action]) -> None:
        self.document.project.actions[:] = _copies(state)

    def save(self) -> None:
        self.document.store.save_actions(self.document.project.actions)

    def announce(self) -> None:
        self.document.announce("actions")
