"""Who made an edit, what it changed, and what undoes it: the values every subscriber and caller sees."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator.edits.ops import Operation

# The kinds of things an edit can touch, as they appear in a Notice.
KINDS = (
    "event",
    "group",
    "diamond",
    "agenda",
    "wall",
    "note",
    "cluster",
    "photo",
    "round",
    "dot",
    "action",
    "run",
    "setting",
)

ORIGIN_KINDS = ("local", "import", "cli", "phone", "peer")


@dataclass(frozen=True)
class Origin:
    """Where an edit came from. ``kind`` is one of :data:`ORIGIN_KINDS`; ``id`` says who (a phone's id,
    a peer's replica id, "" for this laptop); ``label`` is for people ("Phone 7F3A")."""

    kind: str
    id: str = ""
    label: str = ""


LOCAL = Origin("local")


def _frozen(mapping: Mapping[str, frozenset[str]] | None) -> Mapping[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in (mapping or {}).items() if v}


@dataclass(frozen=True)
class Notice:
    """The one typed change notice: what changed (kind -> ids), what is gone, and who did it.

    Views look at the kinds they show and refresh just those ids; a
    ``wall_id`` is set when everything touched lies on one wall.
    """

    origin: Origin
    changes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    removed: Mapping[str, frozenset[str]] = field(default_factory=dict)
    wall_id: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", _frozen(self.changes))
        object.__setattr__(self, "removed", _frozen(self.removed))

    def changed(self, kind: str) -> frozenset[str]:
        return self.changes.get(kind, frozenset())

    def gone(self, kind: str) -> frozenset[str]:
        return self.removed.get(kind, frozenset())

    def touches(self, *kinds: str) -> bool:
        """True when any of these kinds was changed or removed."""
        return any(k in self.changes or k in self.removed for k in kinds)

    @property
    def empty(self) -> bool:
        return not self.changes and not self.removed


@dataclass(frozen=True)
class Applied:
    """What applying operations did.

    ``inverse`` undoes exactly this application, relative to what it found:
    undoing a dot removes that dot, not "the count as it was". Inverse
    operations carry what they expect to find, so one applied after someone
    else changed the same field leaves that field alone; the ids it had to
    leave alone are in the next ``Applied.skipped``. ``changed`` is False for
    an idempotent repeat (same id, same content): nothing was written.
    """

    notice: Notice
    inverse: tuple[Operation, ...]
    changed: bool
    skipped: tuple[str, ...] = ()
