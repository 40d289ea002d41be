"""Making, renaming, reordering and deleting walls, each as one undoable step and one transaction.

A :class:`WallsEdit` holds the list of walls before and after (the same
``Wall`` objects, so edits further down the undo stack still find theirs) and,
for a wall it removes, everything that goes with it: notes, clusters, vote
rounds with their dots, photos with their bytes, and the agenda items that
linked to it. Deleting writes all of that away in one transaction; undo
writes it back in one, so the file after undo holds what it held before.

Photos on a deleted wall are deleted with it rather than kept unplaced: the
app shows photos only on walls, so an unplaced photo would be invisible data
that still weighs on the file. Undo brings them back, bytes included.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtGui import QUndoCommand

from facilitator.core.event import Photo
from facilitator.core.project import Project
from facilitator.core.wall import Wall
from facilitator.store.errors import ProjectError
from facilitator.ui.document import Document

log = logging.getLogger(__name__)

MAX_NAME = 80


class WallNameError(ValueError):
    """A wall name the user must change; the message says why, in the user's words."""


def check_wall_name(project: Project, name: str, wall_id: str | None = None) -> str:
    """The name as it will be stored, or :class:`WallNameError`.

    Names are unique ignoring case because ``import-notes --wall NAME`` finds walls that way.
    """
    name = " ".join(name.split())
    if not name:
        raise WallNameError("A wall needs a name.")
    if len(name) > MAX_NAME:
        raise WallNameError(f"Wall names can be at most {MAX_NAME} characters long.")
    other = project.wall_named(name)
    if other is not None and other.id != wall_id:
        raise WallNameError(f"There is already a wall called \u201c{other.name}\u201d. Pick another name.")
    return name


def suggest_wall_name(project: Project) -> str:
    """ "Wall 2", "Wall 3"…: the first free one, so New wall + Enter always works."""
    number = len(project.walls) + 1
    while project.wall_named(f"Wall {number}") is not None:
        number += 1
    return f"Wall {number}"


@dataclass
class WallContents:
    """What goes with a deleted wall besides its own notes, clusters and rounds (which the Wall object holds)."""

    photos: list[Photo] = field(default_factory=list)
    photo_data: dict[str, bytes] = field(default_factory=dict)
    agenda_links: list[str] = field(default_factory=list)  # agenda item ids that showed this wall

    def describe(self, wall: Wall) -> str:
        """The confirmation's list of losses: "12 notes, 3 clusters, 7 dots and 1 photo"."""
        parts = [
            _count(len(wall.notes), "note"),
            _count(len(wall.clusters), "cluster"),
            _count(wall.total_dots, "dot"),
            _count(len(self.photos), "photo"),
        ]
        return ", ".join(parts[:-1]) + " and " + parts[-1]


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


class WallsEdit(QUndoCommand):
    """The walls before and after one action, with the names each side had and what went with removed walls."""

    def __init__(
        self,
        document: Document,
        text: str,
        before: Sequence[tuple[Wall, str]],
        after: Sequence[tuple[Wall, str]],
        contents: dict[str, WallContents] | None = None,
    ) -> None:
        super().__init__(text)
        self.document = document
        self._sides = (list(before), list(after))
        self._contents = contents or {}
        self.ok = True

    def redo(self) -> None:
        self.ok = self._apply(1)

    def undo(self) -> None:
        self._apply(0)

    def _apply(self, side: int) -> bool:
        doc = self.document
        project, store = doc.project, doc.store
        target = self._sides[side]
        wanted = {w.id for w, _ in target}
        present = {w.id for w in project.walls}
        removed = [w for w in project.walls if w.id not in wanted]
        added = [w for w, _ in target if w.id not in present]
        # Agenda items of removed walls lose their link; those of walls coming back get it back.
        links: dict[str, str | None] = {}
        for w in removed:
            links.update(dict.fromkeys(self._contents.get(w.id, WallContents()).agenda_links))
        for w in added:
            links.update(dict.fromkeys(self._contents.get(w.id, WallContents()).agenda_links, w.id))
        agenda = [replace(it, wall_id=links[it.id]) if it.id in links else it for it in project.agenda]
        try:
            with store.transaction():
                for w in removed:
                    for photo in self._contents.get(w.id, WallContents()).photos:
                        store.delete_photo(photo.id)
                    store.delete_wall(w.id)
                for position, (w, name) in enumerate(target):
                    store.save_wall(replace(w, name=name), position)
                for w in added:
                    self._write_contents(w)
                if links:
                    store.save_agenda(agenda)
        except ProjectError as exc:
            # The file is as it was; leave the model alone too, and drop this step.
            doc.report_write_failure(exc)
            self.setObsolete(True)
            return False
        for w, name in target:
            w.name = name
        project.walls[:] = [w for w, _ in target]
        gone_photos = {p.id for w in removed for p in self._contents.get(w.id, WallContents()).photos}
        if gone_photos:
            project.photos[:] = [p for p in project.photos if p.id not in gone_photos]
        for w in added:
            project.photos.extend(copy.copy(p) for p in self._contents.get(w.id, WallContents()).photos)
        for item in project.agenda:
            if item.id in links:
                item.wall_id = links[item.id]
        doc.announce("walls")
        if links:
            doc.announce("agenda")
        if gone_photos or any(self._contents.get(w.id, WallContents()).photos for w in added):
            doc.announce("photos")
        return True

    def _write_contents(self, wall: Wall) -> None:
        """Put a wall's clusters, notes, rounds and photos back (undo of a delete), inside the caller's transaction."""
        store = self.document.store
        if wall.clusters:
            store.save_clusters(wall.id, wall.clusters.values())
        if wall.notes:
            store.save_notes(wall.id, wall.notes.values())
        for position, r in enumerate(wall.rounds):
            store.save_round(wall.id, r, position)
        contents = self._contents.get(wall.id)
        if contents is not None:
            for photo in contents.photos:
                store.add_photo(photo, contents.photo_data[photo.id])


class WallManager:
    """The verbs on the list of walls; each pushes one command on the document's undo stack.

    Names are checked here (raising :class:`WallNameError`) so the menu, the
    tab's double-click and tests all get the same rules and messages.
    """

    def __init__(self, document: Document) -> None:
        self.document = document

    @property
    def project(self) -> Project:
        return self.document.project

    def _current(self) -> list[tuple[Wall, str]]:
        return [(w, w.name) for w in self.project.walls]

    def _push(self, command: WallsEdit) -> bool:
        self.document.undo_stack.push(command)
        return command.ok

    def new_wall(self, name: str) -> str | None:
        """Add an empty wall at the end; returns its id (None if it could not be written)."""
        name = check_wall_name(self.project, name)
        wall = Wall(name=name)
        before = self._current()
        ok = self._push(WallsEdit(self.document, f"New wall \u201c{name}\u201d", before, [*before, (wall, name)]))
        return wall.id if ok else None

    def rename_wall(self, wall_id: str, name: str) -> bool:
        wall = self.project.wall(wall_id)
        name = check_wall_name(self.project, name, wall_id)
        if name == wall.name:
            return False
        before = self._current()
        after = [(w, name if w.id == wall_id else n) for w, n in before]
        return self._push(WallsEdit(self.document, f"Rename wall to \u201c{name}\u201d", before, after))

    def move_wall(self, wall_id: str, offset: int) -> bool:
        """Move a wall left (negative) or right among the walls; the tabs and exports follow this order."""
        before = self._current()
        index = next(i for i, (w, _) in enumerate(before) if w.id == wall_id)
        new_index = max(0, min(len(before) - 1, index + offset))
        if new_index == index:
            return False
        after = list(before)
        after.insert(new_index, after.pop(index))
        return self._push(WallsEdit(self.document, "Move wall", before, after))

    def contents(self, wall_id: str) -> WallContents:
        """What deleting this wall takes with it besides its own notes, clusters and rounds."""
        photos = [copy.copy(p) for p in self.project.photos_on(wall_id)]
        return WallContents(
            photos=photos,
            photo_data={p.id: self.document.store.photo_data(p.id) for p in photos},
            agenda_links=[it.id for it in self.project.agenda if it.wall_id == wall_id],
        )

    def delete_wall(self, wall_id: str, contents: WallContents | None = None) -> bool:
        """Delete a wall with everything on it; undo brings back every note, cluster, dot, photo and agenda link."""
        wall = self.project.wall(wall_id)
        try:
            contents = contents or self.contents(wall_id)
        except (KeyError, ProjectError) as exc:
            self.document.report_write_failure(ProjectError(f"The wall's photos could not be read ({exc})."))
            return False
        before = self._current()
        after = [(w, n) for w, n in before if w.id != wall_id]
        return self._push(
            WallsEdit(self.document, f"Delete wall \u201c{wall.name}\u201d", before, after, {wall_id: contents})
        )
