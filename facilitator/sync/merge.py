"""Merging another copy into the open project: the rules, as operations for the one edit path.

The rules (docs/design/0008-sync.md), the same for a file merge and for live sync:

- things are matched by id; what only the other copy has is added exactly as it is there
  (same id, same place, same time made), so merging twice adds nothing the second time;
- a thing deleted on either copy stays deleted (tombstones); an edit made concurrently with the
  delete is dropped with the thing: *delete wins*. What hung on it goes too (a wall's notes, a
  note's dots), and a pointer to it (a note's cluster, an agenda item's wall) reads as none;
- each field keeps the value whose stamp is highest by (Lamport clock, replica id), the value
  itself breaking a tie, so every copy picks the same one whatever the order of merges;
- dots are rows with ids: they add up per person, and one dot seen twice counts once;
- a photo is added once, by id, with its bytes;
- walls made apart with the same name stay apart: among same-named walls the one with the
  smallest id keeps the name, the others get " (2)", " (3)"... on every copy alike;
  :func:`join_walls` puts one into another in one step.

The agenda, event, groups, diamonds and actions follow the same rules only when asked
(``plan=True``): a note-taker's laptop usually holds a stale copy of the plan.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facilitator.edits import ops as o
from facilitator.edits.editor import Editor
from facilitator.edits.notice import Applied, Origin
from facilitator.edits.records import record
from facilitator.edits.stamps import ORDER, POSITION
from facilitator.store import ProjectError, ProjectFile
from facilitator.sync.state import PLAN_KINDS, POINTERS, STAMPED, WALL_KINDS, Item, Stamp, State, state_of, value

# Deleting children before parents keeps each Delete's cascade small and its inverse exact.
_DELETE_ORDER = ("dot", "photo", "note", "cluster", "round", "wall", "agenda", "action", "diamond", "group")


@dataclass
class Plan:
    """What merging one copy into another does, as operations plus the rows that ride with them."""

    ops: list[o.Operation] = field(default_factory=list)
    stamps: list[tuple[str, str, int, str]] = field(default_factory=list)  # (id, field, clock, replica) to keep
    tombstones: list[tuple[str, str]] = field(default_factory=list)  # (id, kind) deleted elsewhere, not held here
    added: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    changed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    deleted: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def empty(self) -> bool:
        return not (self.ops or self.stamps or self.tombstones)


@dataclass(frozen=True)
class MergeResult:
    notes_added: int
    notes_changed: int
    notes_deleted: int
    photos_added: int
    walls_added: int
    dots_added: int
    applied: Applied | None

    def line(self) -> str:
        """The one summary line: "412 notes added, 3 changed, 2 deleted, 0 photos"."""
        text = (
            f"{_count(self.notes_added, 'note')} added, {self.notes_changed} changed, "
            f"{self.notes_deleted} deleted, {_count(self.photos_added, 'photo')}"
        )
        extra = [_count(n, what) for n, what in ((self.walls_added, "wall"), (self.dots_added, "dot")) if n]
        return text + (f" ({', '.join(extra)} added)" if extra else "")


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")


def _key(stamp: Stamp, val: Any) -> tuple[int, str, str]:
    """The total order of writes: clock, then replica, then the value itself (copies of one file share a replica)."""
    return stamp[0], stamp[1], json.dumps(val, sort_keys=True, default=str)


def _parent_dead(item: Item, dead: set[str]) -> bool:
    """Whether something the source holds hangs on a thing deleted on either side."""
    if item.parent is not None and item.parent in dead:
        return True
    if item.kind == "dot":
        return item.obj.target_id in dead
    return False


def plan_merge(target: State, source: State, plan: bool = False) -> Plan:
    """What to do to ``target`` so it holds the merge of both copies (``source`` is only read)."""
    kinds = set(WALL_KINDS) | (set(PLAN_KINDS) if plan else set())
    out = Plan()
    dead = {i for i, k in target.tombstones.items() if k in kinds}
    # 1. deletes the target has not seen yet
    deletes: dict[str, list[str]] = defaultdict(list)
    for item_id, kind in sorted(source.tombstones.items()):
        if kind not in kinds or item_id in target.tombstones:
            continue
        dead.add(item_id)
        held = target.items.get(item_id)
        if held is not None and held.kind == kind:
            deletes[kind].append(item_id)
        else:
            out.tombstones.append((item_id, kind))
    for kind in _DELETE_ORDER:
        if deletes.get(kind):
            out.ops.append(o.Delete(kind, tuple(deletes[kind])))
            if kind == "note":
                out.deleted["note"] += len(deletes[kind])
    # What dies with a deleted wall, round, note or cluster (the Delete cascades do the target's share).
    for item_id, item in target.items.items():
        if item_id not in dead and _parent_dead(item, dead):
            dead.add(item_id)
            if item.kind == "note":
                out.deleted["note"] += 1
    # 2. what only the source holds, and the fields both hold
    adds: list[tuple[str, str | None, dict[str, Any]]] = []
    blobs: list[tuple[str, bytes]] = []
    updates: list[o.Operation] = []
    reorders: list[o.Operation] = []
    names: dict[str, str] = {}  # wall id -> its merged name
    new_walls: dict[str, dict[str, Any]] = {}
    # parents before children, so a child sees whether its parent died
    rank = {"wall": 0, "cluster": 1, "round": 1, "note": 2, "dot": 3, "photo": 3}
    for item_id, item in sorted(source.items.items(), key=lambda kv: rank.get(kv[1].kind, 0)):
        kind = item.kind
        if kind not in kinds or item_id in dead:
            continue
        held = target.items.get(item_id)
        if held is None:
            if _parent_dead(item, dead):
                dead.add(item_id)
                out.tombstones.append((item_id, kind))
                continue
            data = record(kind, item.obj) if kind != "event" else {}
            for pointer_kind, name in POINTERS:
                if pointer_kind == kind and data.get(name) in dead:
                    data[name] = None
            adds.append((kind, item.parent, data))
            if kind == "wall":
                new_walls[item_id] = data
                names[item_id] = data["name"]
            if kind == "photo":
                blobs.append((item_id, source.photo_data(item_id)))
            out.added[kind] += 1
            out.stamps += [(i, f, c, r) for (i, f), (c, r) in _stamps_of(source, item_id, kind)]
            continue
        if held.kind != kind:
            raise ProjectError(f"The two files disagree about what {item_id} is; nothing was merged.")
        values: list[tuple[str, Any]] = []
        for name in STAMPED[kind]:
            s_stamp, t_stamp = source.stamp(item_id, name), target.stamp(item_id, name)
            s_val, t_val = value(kind, item.obj, name), value(kind, held.obj, name)
            if s_stamp == t_stamp and s_val == t_val:
                continue
            if _key(s_stamp, s_val) <= _key(t_stamp, t_val):
                continue
            out.stamps.append((item_id, name, *s_stamp))
            if (kind, name) in POINTERS and s_val in dead:
                s_val = None
            if (kind, name) in POINTERS and t_val in dead:
                t_val = None  # the delete's cascade sets it
            if s_val == t_val:
                continue
            if name == ORDER:
                reorders.append(o.Reorder(kind, item_id, key=s_val))
            elif name == POSITION:
                values += [("x", s_val[0]), ("y", s_val[1])]
            elif kind == "wall" and name == "name":
                names[item_id] = s_val
            else:
                values.append((name, s_val))
        if values:
            updates.append(o.Update(kind, item_id, tuple(values)))
            out.changed[kind].add(item_id)
    # 3. wall names: same-named walls stay apart, named alike on every copy
    renames = _wall_names(target, names, dead, new_walls)
    ops = out.ops
    ops += renames
    if adds:
        ops.append(o.Restore(tuple(adds), tuple(blobs)))
    ops += updates
    ops += reorders
    for op in renames:
        assert isinstance(op, o.Update)
        out.changed["wall"].add(op.id)
    return out


def _stamps_of(state: State, item_id: str, kind: str) -> Iterable[tuple[tuple[str, str], Stamp]]:
    for name in STAMPED[kind]:
        stamp = state.stamps.get((item_id, name))
        if stamp is not None:
            yield (item_id, name), stamp


def _wall_names(
    target: State, names: dict[str, str], dead: set[str], new_walls: dict[str, dict[str, Any]]
) -> list[o.Operation]:
    """Renames (as Updates) and names of new walls so no two walls share a name, the same on every copy.

    ``names`` holds the merged name of each wall the merge adds or renames; other walls keep theirs.
    """
    final: dict[str, str] = {}
    for item_id, item in target.items.items():
        if item.kind == "wall" and item_id not in dead:
            final[item_id] = names.get(item_id, item.obj.name)
    for item_id, name in names.items():
        if item_id not in dead:
            final[item_id] = name
    by_name: dict[str, list[str]] = defaultdict(list)
    for wall_id, name in final.items():
        by_name[_fold(name)].append(wall_id)  # names match as the core matches them
    used = {_fold(name) for name in final.values()}
    for folded in sorted(by_name):
        ids = sorted(by_name[folded])
        name = final[ids[0]].strip()
        n = 2
        for wall_id in ids[1:]:
            while _fold(f"{name} ({n})") in used:
                n += 1
            final[wall_id] = f"{name} ({n})"
            used.add(_fold(final[wall_id]))
    for wall_id, data in new_walls.items():
        data["name"] = final[wall_id]
    current = {i: it.obj.name for i, it in target.items.items() if it.kind == "wall" and i not in dead}
    changes = {i: final[i] for i in current if final[i] != current[i]}
    ops: list[o.Operation] = []
    # A rename onto a name another renamed wall still holds goes through a stand-in name first.
    holders = {_fold(name): i for i, name in current.items()}
    later: list[o.Operation] = []
    for wall_id in sorted(changes):
        name = changes[wall_id]
        holder = holders.get(_fold(name))
        if holder is not None and holder != wall_id and holder in changes:
            ops.append(o.Update("wall", wall_id, (("name", f"{name} \u2026{wall_id[:8]}"),)))
            later.append(o.Update("wall", wall_id, (("name", name),)))
        else:
            ops.append(o.Update("wall", wall_id, (("name", name),)))
    return ops + later


def _fold(name: str) -> str:
    return name.strip().casefold()


def apply_plan(editor: Editor, plan: Plan, origin: Origin) -> Applied | None:
    """Apply a plan as one edit (one transaction, one undo step); None when there was nothing to do."""
    if plan.empty:
        return None
    store = editor.store
    if plan.stamps:
        store.observe_clock(max(s[2] for s in plan.stamps))  # Lamport: our next write comes after theirs

    def extra(s: ProjectFile) -> None:
        s.put_field_stamps(plan.stamps)
        s.add_tombstones(plan.tombstones)

    applied = editor.apply_all(plan.ops, origin, extra=extra) if plan.ops else None
    if applied is None or not applied.changed:
        with store.transaction():
            extra(store)
    for item_id, kind in plan.tombstones:
        editor.project.tombstones.setdefault(item_id, kind)
    return applied


def read_state(path: str | os.PathLike[str]) -> tuple[ProjectFile, State]:
    """Open another project read-only (never written, not even migrated on disk) and read its state."""
    source = ProjectFile.open(path, read_only=True)
    try:
        state = state_of(source.load(), source.field_stamps(), source.photo_data)
    except BaseException:
        source.close()
        raise
    return source, state


def merge_file(
    editor: Editor, path: str | os.PathLike[str], plan: bool = False, origin: Origin | None = None
) -> MergeResult:
    """Merge the project at ``path`` into the editor's project; the file at ``path`` is only read."""
    path = Path(path)
    if path.resolve() == Path(editor.store.path).resolve():
        raise ProjectError("That is the project already open: pick another file to merge from.")
    source, source_state = read_state(path)
    try:
        target_state = state_of(editor.project, editor.store.field_stamps(), editor.store.photo_data)
        the_plan = plan_merge(target_state, source_state, plan)
        origin = origin or Origin("import", source.replica, path.name)
        applied = apply_plan(editor, the_plan, origin)
    finally:
        source.close()
    gone = applied.notice.gone("note") if applied is not None else frozenset()
    return MergeResult(
        notes_added=the_plan.added["note"],
        notes_changed=len(the_plan.changed["note"]),
        notes_deleted=len(gone),
        photos_added=the_plan.added["photo"],
        walls_added=the_plan.added["wall"],
        dots_added=the_plan.added["dot"],
        applied=applied,
    )


def join_walls(editor: Editor, keep_id: str, other_id: str, origin: Origin | None = None) -> Applied:
    """Put everything on one wall onto another and delete the emptied wall, as one edit.

    The things moved get new ids made from the kept wall's id and their old id, so two laptops
    that join the same two walls make the same things and a later merge adds nothing twice.
    """
    project = editor.project
    keep, other = project.wall(keep_id), project.wall(other_id)
    if keep is other:
        raise ProjectError("A wall cannot be joined with itself.")

    def new(old: str) -> str:
        return uuid.uuid5(uuid.UUID(_digest(keep_id)), old).hex

    records: list[tuple[str, str | None, dict[str, Any]]] = []
    blobs: list[tuple[str, bytes]] = []
    for cluster in other.clusters.values():
        data = record("cluster", cluster) | {"id": new(cluster.id)}
        records.append(("cluster", keep.id, data))
    for note in other.notes.values():
        data = record("note", note) | {"id": new(note.id)}
        if note.cluster_id is not None:
            data["cluster_id"] = new(note.cluster_id)
        records.append(("note", keep.id, data))
    rounds = {r.name: r for r in keep.rounds}
    for r in other.rounds:
        into = rounds.get(r.name)
        round_id = into.id if into is not None else new(r.id)
        if into is None:
            records.append(("round", keep.id, record("round", r) | {"id": round_id}))
        for dot in r.dots.values():
            data = record("dot", dot) | {"id": new(dot.id), "target_id": new(dot.target_id)}
            records.append(("dot", round_id, data))
    for photo in project.photos_on(other.id):
        records.append(("photo", keep.id, record("photo", photo) | {"id": new(photo.id), "wall_id": keep.id}))
        blobs.append((new(photo.id), editor.store.photo_data(photo.id)))
    links = [o.Update("agenda", it.id, (("wall_id", keep.id),)) for it in project.agenda if it.wall_id == other.id]
    ops: list[o.Operation] = []
    if records:
        ops.append(o.Restore(tuple(records), tuple(blobs)))
    ops += links
    ops.append(o.Delete("wall", (other.id,)))
    return editor.apply_all(ops, origin or Origin("local"))


def _digest(text: str) -> str:
    """A 128-bit hex digest of ``text`` (ids in this project are not always UUIDs)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
