"""Every change to a project is one of these plain values: an operation.

Operations are frozen dataclasses of plain values (str, int, float, bool,
None, tuples of those, and photo bytes), so they can be logged, sent from a
phone or a peer, and compared. ``to_dict``/``operation_from_dict`` turn them
into JSON-able dicts and back; the change log stores ``log_dict()``, which is
the same without photo bytes (those stay in the photo table).

Fields named ``expect`` make an operation *guarded*: it changes only what
still looks the way it expects and skips the rest. Undo uses them, so an
undo never overwrites what another origin changed since.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
from typing import Any, ClassVar

from facilitator.core.palette import DEFAULT_COLOUR

# A field edit's values: ((field, JSON value), ...).
Values = tuple[tuple[str, Any], ...]

_REGISTRY: dict[str, type[Operation]] = {}


def _to_json(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, tuple | list):
        return [_to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_json(v) for k, v in value.items()}
    return value


def _from_json(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_from_json(v) for v in value)
    if isinstance(value, dict):
        if set(value) == {"$bytes"}:
            return base64.b64decode(value["$bytes"])
        return {k: _from_json(v) for k, v in value.items()}
    return value


def _without_bytes(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$sha256": hashlib.sha256(value).hexdigest(), "size": len(value)}
    if isinstance(value, tuple | list):
        return [_without_bytes(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_bytes(v) for k, v in value.items()}
    return value


@dataclasses.dataclass(frozen=True)
class Operation:
    """Base of every operation. ``undoable`` False keeps it off the undo stack (the run's state)."""

    undoable: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _REGISTRY[cls.__name__] = cls

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: _to_json(getattr(self, f.name)) for f in dataclasses.fields(self)}
        return {"op": type(self).__name__, **data}

    def log_dict(self) -> dict[str, Any]:
        """As ``to_dict`` but with bytes replaced by their hash and size (for the change log)."""
        data = {f.name: _without_bytes(getattr(self, f.name)) for f in dataclasses.fields(self)}
        return {"op": type(self).__name__, **data}


def operation_from_dict(data: dict[str, Any]) -> Operation:
    """The operation a ``to_dict`` made; ValueError for an unknown or malformed one."""
    try:
        cls = _REGISTRY[data["op"]]
    except (KeyError, TypeError):
        raise ValueError(f"not an operation: {data!r:.80}") from None
    names = {f.name for f in dataclasses.fields(cls)}
    fields = {k: _from_json(v) for k, v in data.items() if k != "op"}
    unknown = set(fields) - names
    if unknown:
        raise ValueError(f"{data['op']} has no field {sorted(unknown)[0]!r}")
    try:
        return cls(**fields)
    except TypeError as exc:
        raise ValueError(f"{data['op']}: {exc}") from None


# -- walls ---------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class AddWall(Operation):
    wall_id: str
    name: str
    index: int | None = None  # None: after the last wall
    key: str = ""  # the order key, when the sender already chose one (a peer)


# -- notes and clusters ---------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class AddNote(Operation):
    """A note; ``x``/``y`` None lets the core place it in the wall's inbox. ``source`` "phone" marks phone notes."""

    wall_id: str
    note_id: str
    text: str
    colour: str = DEFAULT_COLOUR
    author: str = ""
    group: str = ""
    x: float | None = None
    y: float | None = None
    cluster_id: str | None = None
    source: str = ""
    status: str = "shown"
    created: str | None = None  # ISO time the note was written (None: now); kept across imports and peers


@dataclasses.dataclass(frozen=True)
class AddCluster(Operation):
    wall_id: str
    cluster_id: str
    title: str
    colour: str = "grey"
    x: float = 0.0
    y: float = 0.0


@dataclasses.dataclass(frozen=True)
class MoveItems(Operation):
    """New positions on one wall (the end of a drag, a tidy): ((id, x, y), ...) per kind.

    ``expect`` holds ((id, x, y), ...) the items must still be at; one moved
    since by someone else is skipped (undo of a move).
    """

    wall_id: str
    notes: tuple[tuple[str, float, float], ...] = ()
    clusters: tuple[tuple[str, float, float], ...] = ()
    photos: tuple[tuple[str, float, float], ...] = ()
    expect: tuple[tuple[str, float, float], ...] = ()


@dataclasses.dataclass(frozen=True)
class SetNoteStatus(Operation):
    """Shown, held (waiting for approval) or hidden (kept off the projector)."""

    note_ids: tuple[str, ...]
    status: str


@dataclasses.dataclass(frozen=True)
class AcceptNotes(SetNoteStatus):
    """A held note (from a phone) goes on the wall."""

    note_ids: tuple[str, ...]
    status: str = "shown"


@dataclasses.dataclass(frozen=True)
class HideNotes(SetNoteStatus):
    note_ids: tuple[str, ...]
    status: str = "hidden"


@dataclasses.dataclass(frozen=True)
class RevealNotes(SetNoteStatus):
    note_ids: tuple[str, ...]
    status: str = "shown"


# -- dots and rounds ----------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class AddRound(Operation):
    wall_id: str
    round_id: str
    name: str
    dots_per_person: int = 3
    index: int | None = None
    key: str = ""


@dataclasses.dataclass(frozen=True)
class AddDot(Operation):
    """One dot; ``budget`` refuses it when this voter already used the round's dots per person."""

    dot_id: str
    round_id: str
    target_id: str
    voter: str = ""
    budget: bool = False


@dataclasses.dataclass(frozen=True)
class RemoveDot(Operation):
    dot_id: str


@dataclasses.dataclass(frozen=True)
class ClearRound(Operation):
    """Remove every dot of one round (other rounds keep theirs)."""

    round_id: str


# -- photos -----------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class AddPhoto(Operation):
    photo_id: str
    wall_id: str | None
    data: bytes
    mime: str = "image/jpeg"
    width: int = 0
    height: int = 0
    caption: str = ""
    x: float = 0.0
    y: float = 0.0


# -- the event and its lists ---------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class AddGroup(Operation):
    group_id: str
    name: str
    colour: str = "#9e9e9e"
    index: int | None = None
    key: str = ""


@dataclasses.dataclass(frozen=True)
class AddDiamond(Operation):
    diamond_id: str
    question: str
    size: str = "small"
    index: int | None = None
    key: str = ""


@dataclasses.dataclass(frozen=True)
class AddAgendaItem(Operation):
    """An agenda item; its diamond and wall, when given, must exist."""

    item_id: str
    title: str
    minutes: int = 15
    kind: str = "activity"
    phase: str = "none"
    diamond_id: str | None = None
    instructions: str = ""
    notes: str = ""
    wall_id: str | None = None
    index: int | None = None
    key: str = ""


@dataclasses.dataclass(frozen=True)
class AddAction(Operation):
    action_id: str
    text: str
    owner: str = ""
    due: str | None = None  # ISO date
    index: int | None = None
    key: str = ""


# -- any kind ----------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Update(Operation):
    """Set fields of one thing: ``kind`` (event, group, diamond, agenda, wall, note, cluster, photo,
    round, action), its ``id`` ("event" for the event) and ((field, JSON value), ...).

    With ``expect`` ((field, value), ...), a field that no longer has the
    expected value is skipped (undo after someone else changed it).
    """

    kind: str
    id: str
    values: Values
    expect: Values = ()


@dataclasses.dataclass(frozen=True)
class Reorder(Operation):
    """Move one item of an ordered list (group, diamond, agenda, wall, round, action) to ``index``
    (counted without the item), or to the order ``key`` given. Only that item's row is written."""

    kind: str
    id: str
    index: int | None = None
    key: str = ""
    expect: str = ""


@dataclasses.dataclass(frozen=True)
class Delete(Operation):
    """Delete things of one kind; each leaves a tombstone. Deleting cascades as the core says:
    a note takes its dots, a cluster ungroups its notes and takes its own dots, a wall takes
    everything on it and unlinks agenda items, a diamond unlinks agenda items.

    ``expect`` ((id, fingerprint), ...) deletes only what is unchanged since (undo of an add).
    """

    kind: str
    ids: tuple[str, ...]
    expect: tuple[tuple[str, str], ...] = ()


@dataclasses.dataclass(frozen=True)
class RejectNotes(Operation):
    """A held note from a phone is turned down: it is deleted (with a tombstone, so it cannot come back)."""

    note_ids: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Restore(Operation):
    """Bring deleted things back exactly as they were (the undo of a delete).

    ``records`` are ((kind, parent id, {field: JSON value}), ...); ``blobs``
    are the bytes of restored photos, ((photo id, bytes), ...).
    """

    records: tuple[tuple[str, str | None, dict[str, Any]], ...]
    blobs: tuple[tuple[str, bytes], ...] = ()


# -- the run -----------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class SetRun(Operation):
    """The run in progress (None when it ends): the fields of core.run.RunSnapshot as a dict."""

    undoable: ClassVar[bool] = False
    snapshot: dict[str, Any] | None

    @classmethod
    def of(cls, snapshot: Any) -> SetRun:
        """The operation storing ``snapshot`` (a core.run.RunSnapshot, or None when the run ends)."""
        return cls(dataclasses.asdict(snapshot) if snapshot is not None else None)


@dataclasses.dataclass(frozen=True)
class SetSetting(Operation):
    """One of the project's own settings (``run.one_screen``, ``run.chime_muted``...); None removes it.

    Not undoable: a setting is a choice about how to show the project, not an edit of its content.
    Keys are namespaced ("area.name"), which keeps the file's internal keys (its replica id) out of reach.
    """

    undoable: ClassVar[bool] = False
    key: str
    value: str | None


ORDERED_KINDS = ("group", "diamond", "agenda", "wall", "round", "action")


_ADD_KINDS = {
    AddWall: ("wall", "wall_id"),
    AddNote: ("note", "note_id"),
    AddCluster: ("cluster", "cluster_id"),
    AddRound: ("round", "round_id"),
    AddDot: ("dot", "dot_id"),
    RemoveDot: ("dot", "dot_id"),
    ClearRound: ("round", "round_id"),
    AddPhoto: ("photo", "photo_id"),
    AddGroup: ("group", "group_id"),
    AddDiamond: ("diamond", "diamond_id"),
    AddAgendaItem: ("agenda", "item_id"),
    AddAction: ("action", "action_id"),
}


def touched_by(ops: tuple[Operation, ...]) -> dict[str, set[str]]:
    """The kinds and ids these operations name, for views to re-read after an edit that did not happen."""
    touched: dict[str, set[str]] = {}
    for op in ops:
        if isinstance(op, Update | Reorder):
            touched.setdefault(op.kind, set()).add(op.id)
        elif isinstance(op, Delete):
            touched.setdefault(op.kind, set()).update(op.ids)
        elif isinstance(op, SetNoteStatus | RejectNotes):
            touched.setdefault("note", set()).update(op.note_ids)
        elif isinstance(op, MoveItems):
            touched.setdefault("note", set()).update(i for i, _x, _y in op.notes)
            touched.setdefault("cluster", set()).update(i for i, _x, _y in op.clusters)
            touched.setdefault("photo", set()).update(i for i, _x, _y in op.photos)
        elif isinstance(op, Restore):
            for kind, _parent, data in op.records:
                touched.setdefault(kind, set()).add(data["id"])
        elif isinstance(op, SetRun):
            touched.setdefault("run", set()).add("run")
        elif isinstance(op, SetSetting):
            touched.setdefault("setting", set()).add(op.key)
        elif type(op) in _ADD_KINDS:
            kind, name = _ADD_KINDS[type(op)]
            touched.setdefault(kind, set()).add(getattr(op, name))
    return touched
