"""Which fields an applied operation set, so each gets the commit's (Lamport clock, replica) stamp.

Merging two files and syncing two laptops settle concurrent edits of one
field by comparing these stamps (docs/design/0008-sync.md); a row's own
stamp is too coarse (a recolour here must not beat a text edit made later
there). Only explicit writes of a field are stamped: what a delete does to
others (a cluster's notes ungrouped, an agenda item losing its wall) follows
from the tombstone on every copy, and a thing's fields as it was made carry
no stamp, so any later edit of them wins.

``x`` and ``y`` are stamped together as ``pos``: two concurrent moves keep
one of the two places, never the x of one and the y of the other.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from facilitator.edits import ops as o

POSITION = "pos"
ORDER = "order"


def field_key(name: str) -> str:
    """The stamped field a model field belongs to."""
    return POSITION if name in ("x", "y") else name


def touched_fields(logged: Iterable[o.Operation], skipped: Collection[str] = ()) -> Iterator[tuple[str, str]]:
    """(id, field) pairs the operations, as the change log keeps them, set (``skipped`` ones left alone)."""
    skip = set(skipped)
    for op in logged:
        if isinstance(op, o.Update):
            for name, _value in op.values:
                if f"{op.kind}:{op.id}:{name}" not in skip:
                    yield op.id, field_key(name)
        elif isinstance(op, o.MoveItems):
            for item_id, _x, _y in (*op.notes, *op.clusters, *op.photos):
                if item_id not in skip:
                    yield item_id, POSITION
        elif isinstance(op, o.SetNoteStatus):
            for note_id in op.note_ids:
                yield note_id, "status"
        elif isinstance(op, o.Reorder) and op.id not in skip:
            yield op.id, ORDER
