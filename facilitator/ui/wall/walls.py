"""Making, renaming, reordering and deleting walls, each one undoable step through the edit layer.

Deleting a wall takes everything on it (notes, clusters, vote rounds with
their dots, photos with their bytes) and unlinks the agenda items that
showed it, in one transaction; each deleted row leaves a tombstone. Undo
applies the inverse the edit layer returned, which brings every one of them
back and relinks the agenda items that are still unlinked.

Photos on a deleted wall are deleted with it rather than kept unplaced: the
app shows photos only on walls, so an unplaced photo would be invisible data
that still weighs on the file. Undo brings them back, bytes included.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field

from facilitator import edits  # operations load with the first edit (facilitator.edits loads names on use)
from facilitator.core.event import Photo
from facilitator.core.ids import new_id
from facilitator.core.project import Project
from facilitator.core.wall import Wall
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

    def new_wall(self, name: str) -> str | None:
        """Add an empty wall at the end; returns its id (None if it could not be written)."""
        name = check_wall_name(self.project, name)
        op = edits.AddWall(new_id(), name)
        return op.wall_id if self.document.apply(op, text=f"New wall \u201c{name}\u201d") else None

    def rename_wall(self, wall_id: str, name: str) -> bool:
        wall = self.project.wall(wall_id)
        name = check_wall_name(self.project, name, wall_id)
        if name == wall.name:
            return False
        op = edits.Update("wall", wall_id, (("name", name),))
        return self.document.apply(op, text=f"Rename wall to \u201c{name}\u201d") is not None

    def move_wall(self, wall_id: str, offset: int) -> bool:
        """Move a wall left (negative) or right among the walls; the tabs and exports follow this order."""
        walls = self.project.walls
        index = next(i for i, w in enumerate(walls) if w.id == wall_id)
        new_index = max(0, min(len(walls) - 1, index + offset))
        if new_index == index:
            return False
        return self.document.apply(edits.Reorder("wall", wall_id, index=new_index), text="Move wall") is not None

    def contents(self, wall_id: str) -> WallContents:
        """What deleting this wall takes with it besides its own notes, clusters and rounds."""
        return WallContents(
            photos=[copy.copy(p) for p in self.project.photos_on(wall_id)],
            agenda_links=[it.id for it in self.project.agenda if it.wall_id == wall_id],
        )

    def delete_wall(self, wall_id: str, contents: WallContents | None = None) -> bool:
        """Delete a wall with everything on it; undo brings back every note, cluster, dot, photo and agenda link."""
        wall = self.project.wall(wall_id)
        op = edits.Delete("wall", (wall_id,))
        return self.document.apply(op, text=f"Delete wall \u201c{wall.name}\u201d") is not None
