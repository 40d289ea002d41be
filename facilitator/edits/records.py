"""The model's things as plain records: field codecs, lookup by kind and id, and fingerprints.

An operation speaks JSON values ("2026-06-01" for a date); the model holds
Python values (``dt.date``). :data:`FIELDS` says, per kind, which fields an
:class:`~facilitator.edits.ops.Update` may set and how each value is read
and written. A fingerprint is a short hash of a thing and what hangs on it
(a note's dots, a cluster's members); a guarded delete compares it to know
whether someone changed the thing since.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from facilitator.core.agenda import AgendaItem, Diamond, DiamondSize, Kind, Phase
from facilitator.core.event import Action, ParticipantGroup, Photo
from facilitator.core.project import Project
from facilitator.core.rules import Refused
from facilitator.core.wall import NOTE_STATUSES, Cluster, Dot, Note, VoteRound, Wall

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]  # (JSON -> model, model -> JSON)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("text expected")
    return value


def _opt_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:  # NaN
        raise ValueError("number expected")
    return float(value)


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("a whole number of zero or more expected")
    return value


def _positive(value: Any) -> int:
    if _count(value) < 1:
        raise ValueError("a whole number of one or more expected")
    return value


def _status(value: Any) -> str:
    if value not in NOTE_STATUSES:
        raise ValueError(f"status must be one of {', '.join(NOTE_STATUSES)}")
    return value


def _enum(kind: type) -> Codec:
    return (lambda v: kind(_text(v)), str)


_TEXT: Codec = (_text, lambda v: v)
_OPT_TEXT: Codec = (_opt_text, lambda v: v)
_NUMBER: Codec = (_number, lambda v: v)
_DATE: Codec = (lambda v: dt.date.fromisoformat(_text(v)), lambda v: v.isoformat())
_OPT_DATE: Codec = (lambda v: None if v is None else dt.date.fromisoformat(_text(v)), lambda v: v and v.isoformat())
_TIME: Codec = (lambda v: dt.time.fromisoformat(_text(v)), lambda v: v.isoformat(timespec="minutes"))
_DATETIME: Codec = (lambda v: dt.datetime.fromisoformat(_text(v)), lambda v: v.isoformat())

# Which fields an Update may set, per kind.
FIELDS: dict[str, dict[str, Codec]] = {
    "event": {
        "title": _TEXT,
        "date": _DATE,
        "venue": _TEXT,
        "organiser": _TEXT,
        "planned_start": _TIME,
        "planned_end": _TIME,
    },
    "group": {"name": _TEXT, "colour": _TEXT},
    "diamond": {"question": _TEXT, "size": _enum(DiamondSize)},
    "agenda": {
        "title": _TEXT,
        "minutes": (_count, lambda v: v),
        "kind": _enum(Kind),
        "phase": _enum(Phase),
        "diamond_id": _OPT_TEXT,
        "instructions": _TEXT,
        "notes": _TEXT,
        "wall_id": _OPT_TEXT,
    },
    "wall": {"name": _TEXT},
    "note": {
        "text": _TEXT,
        "colour": _TEXT,
        "author": _TEXT,
        "group": _TEXT,
        "x": _NUMBER,
        "y": _NUMBER,
        "cluster_id": _OPT_TEXT,
        "source": _TEXT,
        "status": (_status, lambda v: v),
    },
    "cluster": {"title": _TEXT, "colour": _TEXT, "x": _NUMBER, "y": _NUMBER},
    "photo": {"caption": _TEXT, "x": _NUMBER, "y": _NUMBER},
    "round": {"name": _TEXT, "dots_per_person": (_positive, lambda v: v)},
    "action": {"text": _TEXT, "owner": _TEXT, "due": _OPT_DATE},
}

# Everything a record holds, per kind (the Update fields plus what an Update may not change).
_EXTRA: dict[str, dict[str, Codec]] = {
    "note": {"created": _DATETIME},
    "photo": {"wall_id": _OPT_TEXT, "mime": _TEXT, "width": (_count, lambda v: v), "height": (_count, lambda v: v)}
    | {"created": _DATETIME},
    "dot": {"target_id": _TEXT, "kind": _TEXT, "voter": _TEXT, "created": _DATETIME},
}
_CLASSES: dict[str, type] = {
    "group": ParticipantGroup,
    "diamond": Diamond,
    "agenda": AgendaItem,
    "wall": Wall,
    "note": Note,
    "cluster": Cluster,
    "photo": Photo,
    "round": VoteRound,
    "action": Action,
    "dot": Dot,
}


def decode(kind: str, name: str, value: Any) -> Any:
    """A JSON value as the model holds it; Refused("invalid") for a field or value that cannot be."""
    codec = FIELDS.get(kind, {}).get(name) or _EXTRA.get(kind, {}).get(name)
    if codec is None:
        raise Refused("invalid", f"A {kind} has no field called {name!r}.")
    try:
        return codec[0](value)
    except (ValueError, TypeError) as exc:
        raise Refused("invalid", f"{value!r:.40} cannot be a {kind}'s {name} ({exc}).") from None


def encode(kind: str, name: str, value: Any) -> Any:
    codec = FIELDS.get(kind, {}).get(name) or _EXTRA[kind][name]
    return codec[1](value)


def record(kind: str, obj: Any) -> dict[str, Any]:
    """Everything needed to make ``obj`` again: its id, order key and every field, as JSON values."""
    data: dict[str, Any] = {"id": obj.id}
    if hasattr(obj, "order"):
        data["order"] = obj.order
    for name in (*FIELDS.get(kind, {}), *_EXTRA.get(kind, {})):
        data[name] = encode(kind, name, getattr(obj, name))
    return data


def from_record(kind: str, data: dict[str, Any]) -> Any:
    """The model object a :func:`record` describes (a round comes back without its dots)."""
    values = {name: decode(kind, name, v) for name, v in data.items() if name not in ("id", "order")}
    cls = _CLASSES[kind]
    obj = cls(id=data["id"], **values)
    if "order" in data:
        obj.order = data["order"]
    return obj


def fields_of(obj: Any) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)} if dataclasses.is_dataclass(obj) else {}


# -- finding things by kind and id -------------------------------------------------------------------
def lists(project: Project) -> dict[str, list]:
    return {
        "group": project.groups,
        "diamond": project.diamonds,
        "agenda": project.agenda,
        "wall": project.walls,
        "action": project.actions,
    }


def find(project: Project, kind: str, item_id: str) -> tuple[Any, Wall | None] | None:
    """The thing and, for things on a wall, its wall; None when there is none with that id."""
    if kind == "event":
        return (project.event, None) if item_id == "event" else None
    if kind in ("group", "diamond", "agenda", "action"):
        obj = next((o for o in lists(project)[kind] if o.id == item_id), None)
        return (obj, None) if obj is not None else None
    if kind == "wall":
        wall = project.find_wall(item_id)
        return (wall, wall) if wall is not None else None
    if kind == "note":
        wall = project.wall_of_note(item_id)
        return (wall.notes[item_id], wall) if wall is not None else None
    if kind == "cluster":
        wall = project.wall_of_cluster(item_id)
        return (wall.clusters[item_id], wall) if wall is not None else None
    if kind == "round":
        found = project.find_round(item_id)
        return (found[1], found[0]) if found is not None else None
    if kind == "dot":
        dot = project.find_dot(item_id)
        return (dot[2], dot[0]) if dot is not None else None
    if kind == "photo":
        photo = project.photo(item_id)
        return (photo, project.find_wall(photo.wall_id) if photo.wall_id else None) if photo is not None else None
    raise Refused("invalid", f"There is nothing of the kind {kind!r}.")


def need(project: Project, kind: str, item_id: str) -> tuple[Any, Wall | None]:
    """Like :func:`find`, but Refused "deleted" or "missing" when it is not there."""
    found = find(project, kind, item_id)
    if found is not None:
        return found
    if item_id in project.tombstones:
        raise Refused("deleted", f"That {_NAMES.get(kind, kind)} was deleted.")
    raise Refused("missing", f"That {_NAMES.get(kind, kind)} does not exist.")


_NAMES = {"agenda": "agenda item", "round": "vote round", "group": "participant group"}


def fingerprint(project: Project, kind: str, obj: Any, wall: Wall | None = None, new: bool = False) -> str:
    """A short hash of a thing and what hangs on it, so a guarded delete sees any change since.

    ``new``: the thing was made just now, so nothing hangs on it yet (no dot can name a note before it
    exists); saves a scan of every dot on the wall for each note a room of phones sends.
    """
    import hashlib  # here, not at the top: the app's start-up imports this module, and only edits need it

    data: dict[str, Any] = record(kind, obj) if kind in FIELDS or kind in _EXTRA else {"id": obj.id}
    if kind == "note" and wall is not None:
        data["dots"] = [] if new else sorted(d.id for _r, d in wall.dots_on(obj.id))
    elif kind == "cluster" and wall is not None:
        data["dots"] = sorted(d.id for _r, d in wall.dots_on(obj.id))
        data["members"] = sorted(n.id for n in wall.members(obj.id))
    elif kind == "round":
        data["dots"] = sorted(obj.dots)
    elif kind == "wall":
        data["content"] = [
            len(obj.notes),
            sorted(obj.clusters),
            [r.id for r in obj.rounds],
            sorted(p.id for p in project.photos_on(obj.id)),
            hashlib.sha1("".join(sorted(obj.notes)).encode()).hexdigest(),
        ]
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
