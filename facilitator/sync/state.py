"""A copy's content as merge and sync see it: things by id, each field's stamp, and what was deleted.

File merge reads one from the other file; live sync (docs/design/0008-sync.md)
builds one from what a peer sent. Both hand it to :func:`facilitator.sync.merge.plan_merge`,
so one set of rules decides, whichever way two copies meet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from facilitator.core.project import Project
from facilitator.edits.records import encode
from facilitator.edits.stamps import ORDER, POSITION

Stamp = tuple[int, str]  # (Lamport clock, replica)
ZERO: Stamp = (0, "")

# The stamped fields of each kind: what two copies can disagree on, each settled by its own stamp.
STAMPED: dict[str, tuple[str, ...]] = {
    "event": ("title", "date", "venue", "organiser", "planned_start", "planned_end"),
    "group": ("name", "colour", ORDER),
    "diamond": ("question", "size", ORDER),
    "agenda": ("title", "minutes", "kind", "phase", "diamond_id", "instructions", "notes", "wall_id", ORDER),
    "action": ("text", "owner", "due", ORDER),
    "wall": ("name", ORDER),
    "cluster": ("title", "colour", POSITION),
    "round": ("name", "dots_per_person", ORDER),
    "note": ("text", "colour", "author", "group", POSITION, "cluster_id", "source", "status"),
    "photo": ("caption", POSITION),
    "dot": (),
}
WALL_KINDS = ("wall", "cluster", "round", "note", "dot", "photo")
PLAN_KINDS = ("event", "group", "diamond", "agenda", "action")
# Fields that point at another thing: a pointer to a deleted thing reads as None (what the delete did).
POINTERS = {("note", "cluster_id"), ("agenda", "wall_id"), ("agenda", "diamond_id")}


@dataclass
class Item:
    kind: str
    obj: Any
    parent: str | None  # the wall of a cluster, round, note or photo; the round of a dot


@dataclass
class State:
    items: dict[str, Item]
    stamps: dict[tuple[str, str], Stamp]
    tombstones: dict[str, str]
    photo_data: Callable[[str], bytes] = field(default=lambda _i: b"")

    def stamp(self, item_id: str, name: str) -> Stamp:
        return self.stamps.get((item_id, name), ZERO)


def value(kind: str, obj: Any, name: str) -> Any:
    """A stamped field's value as JSON (``pos`` is [x, y], ``order`` the order key)."""
    if name == POSITION:
        return [obj.x, obj.y]
    if name == ORDER:
        return obj.order
    return encode(kind, name, getattr(obj, name))


def state_of(
    project: Project,
    stamps: dict[tuple[str, str], Stamp],
    photo_data: Callable[[str], bytes] | None = None,
) -> State:
    """Everything of a project by id (the model objects themselves, not copies: read, never change them)."""
    items: dict[str, Item] = {"event": Item("event", project.event, None)}
    for kind, objs in (
        ("group", project.groups),
        ("diamond", project.diamonds),
        ("agenda", project.agenda),
        ("action", project.actions),
    ):
        for obj in objs:
            items[obj.id] = Item(kind, obj, None)
    for wall in project.walls:
        items[wall.id] = Item("wall", wall, None)
        for cluster in wall.clusters.values():
            items[cluster.id] = Item("cluster", cluster, wall.id)
        for note in wall.notes.values():
            items[note.id] = Item("note", note, wall.id)
        for r in wall.rounds:
            items[r.id] = Item("round", r, wall.id)
            for dot in r.dots.values():
                items[dot.id] = Item("dot", dot, r.id)
    for photo in project.photos:
        items[photo.id] = Item("photo", photo, photo.wall_id)
    return State(items, stamps, dict(project.tombstones), photo_data or (lambda _i: b""))
