"""How each operation is validated against the model and applied to it, and what undoes it.

Each handler takes a :class:`Context` and an operation. It raises
``Refused`` before changing anything it cannot change, otherwise changes
the model through the core's own methods, records in the context which rows
the store must write or tombstone, and returns the inverse operations (to
apply in order) and the operation as the change log keeps it (with the
place and order key it resolved). A handler that finds nothing to do
returns ``((), None)``: an idempotent repeat.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from facilitator.core.agenda import AgendaItem, Diamond
from facilitator.core.event import Action, ParticipantGroup, Photo
from facilitator.core.order import key_at
from facilitator.core.project import Project
from facilitator.core.rules import Refused
from facilitator.core.wall import Cluster, Dot, Note, VoteRound, Wall
from facilitator.edits import ops as o
from facilitator.edits.placing import Inbox, inbox_occupancy
from facilitator.edits.records import (
    FIELDS,
    decode,
    encode,
    find,
    fingerprint,
    from_record,
    lists,
    need,
    record,
)

Result = tuple[tuple[o.Operation, ...], o.Operation | None]


class Context:
    """What one group of operations did: rows to write, rows to tombstone, ids brought back, hints for views."""

    def __init__(
        self,
        project: Project,
        read_photo: Callable[[str], bytes] | None = None,
        originals: dict[str, Any] | None = None,
        inbox: dict[str, Inbox] | None = None,
    ) -> None:
        self.project = project
        # The very objects deletes took out, so taking a failed edit back puts the same objects
        # back (views hold them) rather than equal copies.
        self.originals: dict[str, Any] = originals if originals is not None else {}
        self.read_photo = read_photo
        self.puts: dict[str, dict[str, str | None]] = defaultdict(dict)  # kind -> id -> parent id
        self.moves: set[str] = set()  # notes whose position alone changed
        self.gone: dict[str, set[str]] = defaultdict(set)
        self.revived: set[str] = set()
        self.blobs: dict[str, bytes] = {}  # bytes of photos new to the file
        self.hints: dict[str, set[str]] = defaultdict(set)  # changed for the views, nothing to write
        self.walls: set[str] = set()
        self.skipped: list[str] = []
        # Per wall: what is taken in the inbox and free places reserved ahead, shared by the groups of
        # one commit (a batch of 100 phone notes scans the wall once, not 100 times).
        self._inbox = inbox if inbox is not None else {}

    @property
    def empty(self) -> bool:
        return not (any(self.puts.values()) or self.moves or any(self.gone.values()) or self.revived)

    def put(self, kind: str, item_id: str, parent: str | None = None, wall: Wall | None = None) -> None:
        self.puts[kind][item_id] = parent
        self.gone[kind].discard(item_id)
        if kind == "note":
            self.moves.discard(item_id)
        if wall is not None:
            self.walls.add(wall.id)

    def moved(self, note_id: str, wall: Wall) -> None:
        if note_id not in self.puts["note"]:
            self.moves.add(note_id)
        self.walls.add(wall.id)

    def drop(self, kind: str, item_id: str, wall: Wall | None = None, obj: Any = None) -> None:
        if obj is not None:
            self.originals[item_id] = obj
        self.puts[kind].pop(item_id, None)
        self.moves.discard(item_id)
        self.blobs.pop(item_id, None)
        self.gone[kind].add(item_id)
        self.project.tombstones[item_id] = kind
        if wall is not None:
            self.walls.add(wall.id)

    def revive(self, item_id: str) -> None:
        self.project.tombstones.pop(item_id, None)
        self.revived.add(item_id)

    def hint(self, kind: str, item_id: str | None) -> None:
        if item_id is not None:
            self.hints[kind].add(item_id)

    def inbox_place(self, wall: Wall) -> tuple[float, float]:
        """The next free cell of the wall's inbox, in reading order (as a typed note would land)."""
        inbox = self._inbox.get(wall.id)
        if inbox is None:
            inbox = self._inbox[wall.id] = Inbox(inbox_occupancy(self.project, wall))
        return inbox.take()

    def merge(self, other: Context) -> None:
        for kind, items in other.gone.items():
            for item_id in items:
                self.puts[kind].pop(item_id, None)
                self.moves.discard(item_id)
                self.revived.discard(item_id)
                self.blobs.pop(item_id, None)
            self.gone[kind] |= items
        for kind, items in other.puts.items():
            for item_id, parent in items.items():
                self.put(kind, item_id, parent)
        self.moves |= {i for i in other.moves if i not in self.puts["note"]}
        self.revived |= other.revived
        self.blobs.update(other.blobs)
        for kind, items in other.hints.items():
            self.hints[kind] |= items
        self.walls |= other.walls
        self.skipped += other.skipped


# -- small helpers --------------------------------------------------------------------------------------------
def _not_deleted(project: Project, item_id: str | None, what: str) -> None:
    if item_id is not None and item_id in project.tombstones:
        raise Refused("deleted", f"That {what} was deleted.")


def _need_wall(project: Project, wall_id: str) -> Wall:
    return need(project, "wall", wall_id)[0]


def _insert_ordered(items: list, obj: Any, index: int | None, key: str) -> str:
    """Put ``obj`` into a list kept in order-key order; only its own key is chosen (siblings keep theirs)."""
    if not key:
        key = key_at([i.order for i in items], index)
    obj.order = key
    position = bisect.bisect_left([(i.order, i.id) for i in items], (key, obj.id))
    items.insert(position, obj)
    return key


def _same(existing: Any, kind: str, obj: Any) -> bool:
    a, b = record(kind, existing), record(kind, obj)
    a.pop("order", None)
    b.pop("order", None)
    for volatile in ("created",):
        a.pop(volatile, None)
        b.pop(volatile, None)
    return a == b


def _guarded_delete(project: Project, kind: str, obj: Any, wall: Wall | None, new: bool = False) -> o.Delete:
    return o.Delete(kind, (obj.id,), ((obj.id, fingerprint(project, kind, obj, wall, new)),))


def _check_agenda_links(project: Project, diamond_id: str | None, wall_id: str | None) -> None:
    if diamond_id is not None and project.diamond(diamond_id) is None:
        _not_deleted(project, diamond_id, "diamond")
        raise Refused("missing", "That diamond does not exist, so an agenda item cannot use it.")
    if wall_id is not None and project.find_wall(wall_id) is None:
        _not_deleted(project, wall_id, "wall")
        raise Refused("missing", "That wall does not exist, so an agenda item cannot show it.")


def _check_wall_name(project: Project, name: str, wall_id: str) -> None:
    if not name.strip():
        raise Refused("invalid", "A wall needs a name.")
    other = project.wall_named(name)
    if other is not None and other.id != wall_id:
        raise Refused("invalid", f"There is already a wall called \u201c{other.name}\u201d. Pick another name.")


def _add_listed(ctx: Context, kind: str, obj: Any, op: Any, index: int | None, key: str) -> Result:
    project = ctx.project
    _not_deleted(project, obj.id, kind)
    found = find(project, kind, obj.id)
    if found is not None:
        if _same(found[0], kind, obj):
            return (), None
        raise Refused("conflict", f"Something else already has the id of this {kind}.")
    chosen = _insert_ordered(lists(project)[kind], obj, index, key)
    ctx.put(kind, obj.id)
    return (_guarded_delete(project, kind, obj, None),), dataclasses.replace(op, index=None, key=chosen)


# -- walls, notes, clusters -----------------------------------------------------------------------------------
def add_wall(ctx: Context, op: o.AddWall) -> Result:
    project = ctx.project
    _not_deleted(project, op.wall_id, "wall")
    existing = project.find_wall(op.wall_id)
    if existing is not None:
        if existing.name == op.name:
            return (), None
        raise Refused("conflict", "Another wall already has this wall's id.")
    _check_wall_name(project, op.name, op.wall_id)
    wall = Wall(name=op.name, id=op.wall_id)
    key = _insert_ordered(project.walls, wall, op.index, op.key)
    ctx.put("wall", wall.id, wall=wall)
    return (_guarded_delete(project, "wall", wall, wall),), dataclasses.replace(op, index=None, key=key)


def add_note(ctx: Context, op: o.AddNote) -> Result:
    project = ctx.project
    wall = _need_wall(project, op.wall_id)
    _not_deleted(project, op.note_id, "note")
    _not_deleted(project, op.cluster_id, "cluster")
    existing = project.wall_of_note(op.note_id)
    if existing is not None:
        note = existing.notes[op.note_id]
        same = (
            existing is wall
            and (note.text, note.colour, note.author, note.group, note.cluster_id, note.source)
            == (op.text, op.colour, op.author, op.group, op.cluster_id, op.source)
            and (op.x is None or (note.x, note.y) == (op.x, op.y))
        )
        if same:
            return (), None
        raise Refused("conflict", "A different note already has this note's id.")
    if not op.text.strip():
        raise Refused("invalid", "A note needs some text.")
    decode("note", "status", op.status)
    if op.x is None or op.y is None:
        x, y = ctx.inbox_place(wall)
    else:
        x, y = decode("note", "x", op.x), decode("note", "y", op.y)
    note = Note(
        text=op.text,
        colour=op.colour,
        author=op.author,
        group=op.group,
        x=x,
        y=y,
        cluster_id=op.cluster_id,
        id=op.note_id,
        source=op.source,
        status=op.status,
    )
    if op.created is not None:
        note.created = decode("note", "created", op.created)
    wall.add_note(note)
    ctx.put("note", note.id, wall.id, wall)
    ctx.hint("cluster", note.cluster_id)
    return (_guarded_delete(project, "note", note, wall, new=True),), dataclasses.replace(op, x=x, y=y)


def add_cluster(ctx: Context, op: o.AddCluster) -> Result:
    project = ctx.project
    wall = _need_wall(project, op.wall_id)
    _not_deleted(project, op.cluster_id, "cluster")
    cluster = Cluster(
        title=op.title,
        colour=op.colour,
        x=decode("cluster", "x", op.x),
        y=decode("cluster", "y", op.y),
        id=op.cluster_id,
    )
    found = project.wall_of_cluster(op.cluster_id)
    if found is not None:
        if found is wall and _same(found.clusters[op.cluster_id], "cluster", cluster):
            return (), None
        raise Refused("conflict", "A different cluster already has this cluster's id.")
    wall.add_cluster(cluster)
    ctx.put("cluster", cluster.id, wall.id, wall)
    return (_guarded_delete(project, "cluster", cluster, wall),), op


def move_items(ctx: Context, op: o.MoveItems) -> Result:
    project = ctx.project
    wall = _need_wall(project, op.wall_id)
    expect = {i: (x, y) for i, x, y in op.expect}
    photos = {p.id: p for p in project.photos_on(wall.id)}
    back: dict[str, list[tuple[str, float, float]]] = {"notes": [], "clusters": [], "photos": []}
    now: list[tuple[str, float, float]] = []
    plan: list[tuple[str, Any, float, float]] = []
    tables = (("notes", "note", wall.notes), ("clusters", "cluster", wall.clusters), ("photos", "photo", photos))
    for field, kind, table in tables:
        for item_id, x_value, y_value in getattr(op, field):
            x, y = decode(kind, "x", x_value), decode(kind, "y", y_value)
            item = table.get(item_id)
            if item is None:
                if expect or item_id in project.tombstones:
                    ctx.skipped.append(item_id)
                    continue
                raise Refused("missing", f"That {kind} is not on the wall {wall.name!r}.")
            if item_id in expect and (item.x, item.y) != expect[item_id]:
                ctx.skipped.append(item_id)
                continue
            if (item.x, item.y) == (x, y):
                continue
            plan.append((kind, item, x, y))
    for kind, item, x, y in plan:
        back[kind + "s"].append((item.id, item.x, item.y))
        now.append((item.id, x, y))
        item.x, item.y = x, y
        if kind == "note":
            ctx.moved(item.id, wall)
            ctx.hint("cluster", item.cluster_id)
        else:
            ctx.put(kind, item.id, wall.id, wall)
    if not now:
        return (), None
    inverse = o.MoveItems(
        wall.id, tuple(back["notes"]), tuple(back["clusters"]), tuple(back["photos"]), expect=tuple(now)
    )
    return (inverse,), op


def set_note_status(ctx: Context, op: o.SetNoteStatus) -> Result:
    status = decode("note", "status", op.status)
    inverse: list[o.Operation] = []
    for note_id in op.note_ids:
        note, wall = need(ctx.project, "note", note_id)
        if note.status == status:
            continue
        inverse.append(o.Update("note", note_id, (("status", note.status),), (("status", status),)))
        note.status = status
        ctx.put("note", note_id, wall.id, wall)
    return (tuple(inverse), op) if inverse else ((), None)


def reject_notes(ctx: Context, op: o.RejectNotes) -> Result:
    inverse, logged = delete(ctx, o.Delete("note", op.note_ids))
    return inverse, op if logged is not None else None


# -- rounds and dots -----------------------------------------------------------------------------------------
def add_round(ctx: Context, op: o.AddRound) -> Result:
    project = ctx.project
    wall = _need_wall(project, op.wall_id)
    _not_deleted(project, op.round_id, "vote round")
    found = project.find_round(op.round_id)
    if found is not None:
        if found[1].name == op.name and found[1].dots_per_person == op.dots_per_person:
            return (), None
        raise Refused("conflict", "A different vote round already has this round's id.")
    r = VoteRound(name=op.name, dots_per_person=decode("round", "dots_per_person", op.dots_per_person), id=op.round_id)
    key = _insert_ordered(wall.rounds, r, op.index, op.key)
    ctx.put("round", r.id, wall.id, wall)
    return (_guarded_delete(project, "round", r, wall),), dataclasses.replace(op, index=None, key=key)


def add_dot(ctx: Context, op: o.AddDot) -> Result:
    project = ctx.project
    _not_deleted(project, op.dot_id, "dot")
    found = project.find_dot(op.dot_id)
    if found is not None:
        _wall, r, dot = found
        if (r.id, dot.target_id, dot.voter) == (op.round_id, op.target_id, op.voter):
            return (), None
        raise Refused("conflict", "A different dot already has this dot's id.")
    where = project.find_round(op.round_id)
    if where is None:
        _not_deleted(project, op.round_id, "vote round")
        raise Refused("missing", "That vote round does not exist.")
    wall, _r = where
    if op.target_id in project.tombstones:
        raise Refused("deleted", "That note or cluster was deleted, so it cannot get a dot.")
    kind = wall.target_kind(op.target_id)
    dot = wall.add_dot(op.round_id, Dot(op.target_id, kind, op.voter, id=op.dot_id), budget=op.budget)
    ctx.put("dot", dot.id, op.round_id, wall)
    ctx.hint(kind, op.target_id)
    ctx.hint("round", op.round_id)
    if kind == "note":
        ctx.hint("cluster", wall.notes[op.target_id].cluster_id)
    return (o.RemoveDot(dot.id),), op


def _take_dot(ctx: Context, wall: Wall, r: VoteRound, dot: Dot) -> tuple[str, str, dict[str, Any]]:
    wall.remove_dot(r.id, dot.id)
    ctx.drop("dot", dot.id, wall, dot)
    ctx.hint(dot.kind, dot.target_id)
    ctx.hint("round", r.id)
    if dot.kind == "note" and dot.target_id in wall.notes:
        ctx.hint("cluster", wall.notes[dot.target_id].cluster_id)
    return ("dot", r.id, record("dot", dot))


def remove_dot(ctx: Context, op: o.RemoveDot) -> Result:
    found = ctx.project.find_dot(op.dot_id)
    if found is None:
        if op.dot_id in ctx.project.tombstones:
            return (), None
        raise Refused("missing", "That dot does not exist.")
    wall, r, dot = found
    return (o.Restore((_take_dot(ctx, wall, r, dot),)),), op


def clear_round(ctx: Context, op: o.ClearRound) -> Result:
    r, wall = need(ctx.project, "round", op.round_id)
    records = tuple(_take_dot(ctx, wall, r, dot) for dot in list(r.dots.values()))
    return ((o.Restore(records),), op) if records else ((), None)


# -- photos, the event's lists ---------------------------------------------------------------------------
def add_photo(ctx: Context, op: o.AddPhoto) -> Result:
    project = ctx.project
    _not_deleted(project, op.photo_id, "photo")
    wall = _need_wall(project, op.wall_id) if op.wall_id is not None else None
    if project.photo(op.photo_id) is not None:
        raise Refused("conflict", "Another photo already has this photo's id.")
    photo = Photo(
        caption=op.caption,
        wall_id=op.wall_id,
        mime=op.mime,
        width=decode("photo", "width", op.width),
        height=decode("photo", "height", op.height),
        x=decode("photo", "x", op.x),
        y=decode("photo", "y", op.y),
        id=op.photo_id,
    )
    project.photos.append(photo)
    ctx.put("photo", photo.id, op.wall_id, wall)
    ctx.blobs[photo.id] = op.data
    return (_guarded_delete(project, "photo", photo, wall),), op


def add_group(ctx: Context, op: o.AddGroup) -> Result:
    obj = ParticipantGroup(name=op.name, colour=op.colour, id=op.group_id)
    return _add_listed(ctx, "group", obj, op, op.index, op.key)


def add_diamond(ctx: Context, op: o.AddDiamond) -> Result:
    obj = Diamond(question=op.question, size=decode("diamond", "size", op.size), id=op.diamond_id)
    return _add_listed(ctx, "diamond", obj, op, op.index, op.key)


def add_agenda_item(ctx: Context, op: o.AddAgendaItem) -> Result:
    _check_agenda_links(ctx.project, op.diamond_id, op.wall_id)
    obj = AgendaItem(
        title=op.title,
        minutes=decode("agenda", "minutes", op.minutes),
        kind=decode("agenda", "kind", op.kind),
        phase=decode("agenda", "phase", op.phase),
        diamond_id=op.diamond_id,
        instructions=op.instructions,
        notes=op.notes,
        wall_id=op.wall_id,
        id=op.item_id,
    )
    return _add_listed(ctx, "agenda", obj, op, op.index, op.key)


def add_action(ctx: Context, op: o.AddAction) -> Result:
    obj = Action(text=op.text, owner=op.owner, due=decode("action", "due", op.due), id=op.action_id)
    return _add_listed(ctx, "action", obj, op, op.index, op.key)


# -- any kind: fields, order, deletes, restores --------------------------------------------------------------
def update(ctx: Context, op: o.Update) -> Result:
    project = ctx.project
    if op.kind not in FIELDS:
        raise Refused("invalid", f"A {op.kind} has no fields to change.")
    obj, wall = need(project, op.kind, op.id)
    expect = dict(op.expect)
    plan: list[tuple[str, Any, Any]] = []
    for name, value in op.values:
        new = decode(op.kind, name, value)
        current = getattr(obj, name)
        if name in expect and encode(op.kind, name, current) != expect[name]:
            ctx.skipped.append(f"{op.kind}:{op.id}:{name}")
            continue
        if current != new:
            plan.append((name, new, current))
    if not plan:
        return (), None
    for name, new, _current in plan:  # every check before the first change
        if op.kind == "agenda" and name == "diamond_id":
            _check_agenda_links(project, new, None)
        elif op.kind == "agenda" and name == "wall_id":
            _check_agenda_links(project, None, new)
        elif op.kind == "wall" and name == "name":
            _check_wall_name(project, new, op.id)
        elif op.kind == "note" and name == "cluster_id":
            _not_deleted(project, new, "cluster")
            if new is not None and new not in wall.clusters:
                raise Refused("missing", f"That cluster is no longer on the wall {wall.name!r}.")
    for name, new, current in plan:
        if op.kind == "note" and name == "cluster_id":
            wall.set_cluster(op.id, new)
            ctx.hint("cluster", current)
            ctx.hint("cluster", new)
        else:
            setattr(obj, name, new)
    if op.kind == "note":
        ctx.hint("cluster", obj.cluster_id)
    parent = wall.id if wall is not None else None
    ctx.put(op.kind, op.id, parent, wall)
    inverse = o.Update(
        op.kind,
        op.id,
        tuple((name, encode(op.kind, name, current)) for name, _new, current in plan),
        tuple((name, encode(op.kind, name, new)) for name, new, _current in plan),
    )
    return (inverse,), op


def reorder(ctx: Context, op: o.Reorder) -> Result:
    project = ctx.project
    if op.kind not in o.ORDERED_KINDS:
        raise Refused("invalid", f"A {op.kind} has no place in a list.")
    obj, wall = need(project, op.kind, op.id)
    items = wall.rounds if op.kind == "round" else lists(project)[op.kind]
    if op.expect and obj.order != op.expect:
        ctx.skipped.append(op.id)
        return (), None
    old = obj.order
    others = [i for i in items if i is not obj]
    key = op.key or key_at([i.order for i in others], op.index)
    if key == old:
        return (), None
    items.remove(obj)
    _insert_ordered(items, obj, None, key)
    ctx.put(op.kind, op.id, wall.id if wall is not None and op.kind == "round" else None, wall)
    return (o.Reorder(op.kind, op.id, key=old, expect=key),), dataclasses.replace(op, index=None, key=key)


def delete(ctx: Context, op: o.Delete) -> Result:
    project = ctx.project
    expect = dict(op.expect)
    inverse: list[o.Operation] = []
    done = False
    for item_id in op.ids:
        found = find(project, op.kind, item_id)
        if found is None:
            if expect or item_id in project.tombstones:
                continue  # already gone: deleting is idempotent
            raise Refused("missing", f"That {op.kind} does not exist.")
        obj, wall = found
        if item_id in expect and fingerprint(project, op.kind, obj, wall) != expect[item_id]:
            ctx.skipped.append(item_id)
            continue
        inverse += _DELETERS[op.kind](ctx, obj, wall)
        done = True
    return (tuple(inverse), op) if done else ((), None)


def _delete_note(ctx: Context, note: Note, wall: Wall) -> list[o.Operation]:
    records = [("note", wall.id, record("note", note))]
    records += [_take_dot(ctx, wall, r, d) for r, d in wall.dots_on(note.id)]
    wall.remove_note(note.id)
    ctx.drop("note", note.id, wall, note)
    ctx.hint("cluster", note.cluster_id)
    return [o.Restore(tuple(records))]


def _delete_cluster(ctx: Context, cluster: Cluster, wall: Wall) -> list[o.Operation]:
    records = [("cluster", wall.id, record("cluster", cluster))]
    records += [_take_dot(ctx, wall, r, d) for r, d in wall.dots_on(cluster.id)]
    members = wall.members(cluster.id)
    wall.remove_cluster(cluster.id)
    ctx.drop("cluster", cluster.id, wall, cluster)
    for note in members:
        ctx.put("note", note.id, wall.id, wall)
    rejoin = [o.Update("note", n.id, (("cluster_id", cluster.id),), (("cluster_id", None),)) for n in members]
    return [o.Restore(tuple(records)), *rejoin]


def _delete_dot(ctx: Context, dot: Dot, wall: Wall) -> list[o.Operation]:
    r = next(r for r in wall.rounds if dot.id in r.dots)
    return [o.Restore((_take_dot(ctx, wall, r, dot),))]


def _delete_round(ctx: Context, r: VoteRound, wall: Wall) -> list[o.Operation]:
    records = [("round", wall.id, record("round", r))]
    records += [_take_dot(ctx, wall, r, d) for d in list(r.dots.values())]
    wall.rounds.remove(r)
    ctx.drop("round", r.id, wall, r)
    return [o.Restore(tuple(records))]


def _photo_bytes(ctx: Context, photo_id: str) -> bytes:
    if photo_id in ctx.blobs:
        return ctx.blobs[photo_id]
    if ctx.read_photo is None:
        raise Refused("invalid", "The photo's image cannot be read to keep it for undo.")
    try:
        return ctx.read_photo(photo_id)
    except (KeyError, OSError) as exc:
        raise Refused("invalid", f"The photo's image cannot be read ({exc}).") from None


def _delete_photo(ctx: Context, photo: Photo, wall: Wall | None) -> list[o.Operation]:
    blob = _photo_bytes(ctx, photo.id)
    ctx.project.photos.remove(photo)
    ctx.drop("photo", photo.id, wall, photo)
    return [o.Restore((("photo", photo.wall_id, record("photo", photo)),), ((photo.id, blob),))]


def _delete_wall(ctx: Context, wall: Wall, _wall: Wall | None) -> list[o.Operation]:
    project = ctx.project
    photos = project.photos_on(wall.id)
    blobs = tuple((p.id, _photo_bytes(ctx, p.id)) for p in photos)
    records: list[tuple[str, str | None, dict[str, Any]]] = [("wall", None, record("wall", wall))]
    records += [("cluster", wall.id, record("cluster", c)) for c in wall.clusters.values()]
    records += [("note", wall.id, record("note", n)) for n in wall.notes.values()]
    for r in wall.rounds:
        records.append(("round", wall.id, record("round", r)))
        records += [("dot", r.id, record("dot", d)) for d in r.dots.values()]
    records += [("photo", wall.id, record("photo", p)) for p in photos]
    for kind, _parent, data in records:
        ctx.drop(kind, data["id"], wall)
    ctx.originals[wall.id] = wall  # with everything still on it
    for photo in photos:
        ctx.originals[photo.id] = photo
    links = [it for it in project.agenda if it.wall_id == wall.id]
    for item in links:
        item.wall_id = None
        ctx.put("agenda", item.id)
    project.walls.remove(wall)
    gone = {p.id for p in photos}
    project.photos[:] = [p for p in project.photos if p.id not in gone]
    relink = [o.Update("agenda", it.id, (("wall_id", wall.id),), (("wall_id", None),)) for it in links]
    return [o.Restore(tuple(records), blobs), *relink]


def _delete_listed(kind: str) -> Callable[[Context, Any, Wall | None], list[o.Operation]]:
    def run(ctx: Context, obj: Any, _wall: Wall | None) -> list[o.Operation]:
        project = ctx.project
        relink: list[o.Operation] = []
        if kind == "diamond":
            for item in project.agenda:
                if item.diamond_id == obj.id:
                    item.diamond_id = None
                    ctx.put("agenda", item.id)
                    relink.append(o.Update("agenda", item.id, (("diamond_id", obj.id),), (("diamond_id", None),)))
        lists(project)[kind].remove(obj)
        ctx.drop(kind, obj.id, None, obj)
        return [o.Restore(((kind, None, record(kind, obj)),)), *relink]

    return run


_DELETERS: dict[str, Callable[[Context, Any, Any], list[o.Operation]]] = {
    "note": _delete_note,
    "cluster": _delete_cluster,
    "dot": _delete_dot,
    "round": _delete_round,
    "photo": _delete_photo,
    "wall": _delete_wall,
    "group": _delete_listed("group"),
    "diamond": _delete_listed("diamond"),
    "agenda": _delete_listed("agenda"),
    "action": _delete_listed("action"),
}

# Parents before children when bringing things back.
_RANK = {"wall": 0, "group": 0, "diamond": 0, "action": 0, "cluster": 1, "round": 1, "note": 2, "agenda": 2}


def restore(ctx: Context, op: o.Restore) -> Result:
    project = ctx.project
    blobs = dict(op.blobs)
    brought: list[tuple[str, Any, Wall | None]] = []
    for kind, parent, data in sorted(op.records, key=lambda rec: _RANK.get(rec[0], 3)):
        item_id = data["id"]
        if find(project, kind, item_id) is not None:
            if item_id in project.tombstones:  # came back inside its restored wall: write it again
                ctx.revive(item_id)
                ctx.put(kind, item_id, parent)
            else:
                ctx.skipped.append(item_id)
            continue
        obj = ctx.originals.get(item_id)
        if obj is None or record(kind, obj) != data:
            obj = from_record(kind, data)
        wall: Wall | None = None
        if kind in ("group", "diamond", "action", "agenda", "wall"):
            if kind == "agenda":
                _check_agenda_links(project, obj.diamond_id, obj.wall_id)
            _insert_ordered(lists(project)[kind], obj, None, obj.order)
            wall = obj if kind == "wall" else None
        elif kind == "cluster":
            wall = _need_wall(project, parent)
            wall.add_cluster(obj)
        elif kind == "note":
            wall = _need_wall(project, parent)
            wall.add_note(obj)
        elif kind == "round":
            wall = _need_wall(project, parent)
            _insert_ordered(wall.rounds, obj, None, obj.order)
        elif kind == "dot":
            where = project.find_round(parent)
            if where is None:
                raise Refused("missing", "The vote round of that dot no longer exists.")
            wall = where[0]
            wall.add_dot(parent, obj)
            ctx.hint(obj.kind, obj.target_id)
        elif kind == "photo":
            if obj.wall_id is not None:
                wall = _need_wall(project, obj.wall_id)
            if item_id not in blobs:
                raise Refused("invalid", "The photo's image is missing, so it cannot come back.")
            project.photos.append(obj)
            ctx.blobs[item_id] = blobs[item_id]
        else:
            raise Refused("invalid", f"A {kind} cannot be brought back.")
        ctx.revive(item_id)
        ctx.put(kind, item_id, parent if kind not in ("group", "diamond", "action", "agenda", "wall") else None, wall)
        if kind == "note":
            ctx.hint("cluster", obj.cluster_id)
        brought.append((kind, obj, wall))
    if not brought:
        return (), None
    inverse = tuple(_guarded_delete(project, kind, obj, wall) for kind, obj, wall in brought)
    return inverse, op


def set_run(ctx: Context, op: o.SetRun) -> Result:
    from facilitator.core.run import RunSnapshot

    project = ctx.project
    old = project.run
    try:
        new = RunSnapshot(**op.snapshot) if op.snapshot is not None else None
    except TypeError as exc:
        raise Refused("invalid", f"That is not a run's state ({exc}).") from None
    if new == old:
        return (), None
    project.run = new
    ctx.put("run", "run")
    return (o.SetRun(dataclasses.asdict(old) if old is not None else None),), op


# A project setting's key: "area.name" (lower case). The file's internal keys (its replica id) have no dot.
_SETTING_KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+")
MAX_SETTING_KEY = 64
MAX_SETTING_VALUE = 1000


def set_setting(ctx: Context, op: o.SetSetting) -> Result:
    if not isinstance(op.key, str) or len(op.key) > MAX_SETTING_KEY or not _SETTING_KEY.fullmatch(op.key):
        raise Refused("invalid", f"{str(op.key)[:MAX_SETTING_KEY]!r} is not a project setting.")
    if op.value is not None and (not isinstance(op.value, str) or len(op.value) > MAX_SETTING_VALUE):
        raise Refused("invalid", f"The setting {op.key} must be a text of at most {MAX_SETTING_VALUE} characters.")
    settings = ctx.project.settings
    old = settings.get(op.key)
    if old == op.value:
        return (), None
    if op.value is None:
        del settings[op.key]
    else:
        settings[op.key] = op.value
    ctx.put("setting", op.key)
    return (o.SetSetting(op.key, old),), op


HANDLERS: dict[type, Callable[[Context, Any], Result]] = {
    o.AddWall: add_wall,
    o.AddNote: add_note,
    o.AddCluster: add_cluster,
    o.MoveItems: move_items,
    o.SetNoteStatus: set_note_status,
    o.AcceptNotes: set_note_status,
    o.HideNotes: set_note_status,
    o.RevealNotes: set_note_status,
    o.RejectNotes: reject_notes,
    o.AddRound: add_round,
    o.AddDot: add_dot,
    o.RemoveDot: remove_dot,
    o.ClearRound: clear_round,
    o.AddPhoto: add_photo,
    o.AddGroup: add_group,
    o.AddDiamond: add_diamond,
    o.AddAgendaItem: add_agenda_item,
    o.AddAction: add_action,
    o.Update: update,
    o.Reorder: reorder,
    o.Delete: delete,
    o.Restore: restore,
    o.SetRun: set_run,
    o.SetSetting: set_setting,
}


def handle(ctx: Context, op: o.Operation) -> Result:
    try:
        handler = HANDLERS[type(op)]
    except KeyError:
        raise Refused("invalid", f"{type(op).__name__} is not an operation this version knows.") from None
    if op.__class__.__name__ == "Delete" and op.kind not in _DELETERS:  # type: ignore[attr-defined]
        raise Refused("invalid", f"A {op.kind} cannot be deleted.")  # type: ignore[attr-defined]
    return handler(ctx, op)
