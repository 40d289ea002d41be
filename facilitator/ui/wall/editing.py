"""The wall's verbs, each one step on the undo stack made of edit-layer operations.

The scene, the menus, the capture bar and the vote panel call
:class:`WallEditor`; it builds operations (``facilitator.edits``) and hands
them to :meth:`Document.apply`, so one user action is one undo step and one
transaction, with the same rules a phone or another laptop gets. The views
learn what changed through the wall's :class:`WallSync`, item by item,
because rebuilding 20,000 notes for one edit would stall the room.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from facilitator.core import layout
from facilitator.core.event import Photo
from facilitator.core.ids import new_id
from facilitator.core.palette import DEFAULT_COLOUR
from facilitator.core.wall import Wall
from facilitator.edits import (
    AddCluster,
    AddDot,
    AddNote,
    AddRound,
    ClearRound,
    Delete,
    MoveItems,
    Notice,
    Operation,
    RemoveDot,
    Update,
)
from facilitator.edits.placing import inbox_occupancy
from facilitator.ui.document import Document

log = logging.getLogger(__name__)


@dataclass
class Changes:
    """What one applied edit touched on one wall, for the views to update just those items."""

    notes: set[str] = field(default_factory=set)
    removed_notes: set[str] = field(default_factory=set)
    clusters: set[str] = field(default_factory=set)
    removed_clusters: set[str] = field(default_factory=set)
    rounds: bool = False
    photos: dict[str, Photo] = field(default_factory=dict)  # photo id -> the model's photo, as it is now
    removed_photos: set[str] = field(default_factory=set)

    def merge(self, other: Changes) -> None:
        """Add what ``other`` touched (views read the model as it is now, so the order within is free)."""
        self.notes |= other.notes
        self.removed_notes |= other.removed_notes
        self.clusters |= other.clusters
        self.removed_clusters |= other.removed_clusters
        self.rounds = self.rounds or other.rounds
        self.photos.update(other.photos)
        self.removed_photos |= other.removed_photos


# Origins whose edits arrive in bursts from outside this laptop's hands: a room's phones commit 60 notes in one
# batch, a peer's sync brings hundreds. Their notices are gathered and the views updated once, on the next turn
# of the event loop, instead of once per note (65 scene updates in one commit cost a frame several times over).
GATHERED = frozenset({"phone", "peer"})


class WallSync(QObject):
    """One per open wall, owned by the document: every view of the wall listens here.

    It reads the document's Notice for this wall, whatever its origin (this
    laptop, an import, a phone), so views of the same wall (the editing tab,
    the projector) stay in step without knowing about each other.
    """

    applied = Signal(object)  # Changes
    reset = Signal()  # something outside the wall's own edits changed it: rebuild

    def __init__(self, document: Document, wall_id: str) -> None:
        super().__init__(document)
        self.setObjectName(f"wall-sync:{wall_id}")
        self.document = document
        self.wall_id = wall_id
        self._pending: Changes | None = None  # gathered from phones and peers, not yet announced
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)
        document.changed.connect(self._on_notice)

    @classmethod
    def of(cls, document: Document, wall_id: str) -> WallSync:
        found = document.findChild(WallSync, f"wall-sync:{wall_id}")
        return found if found is not None else cls(document, wall_id)

    @property
    def wall(self) -> Wall:
        return self.document.project.wall(self.wall_id)

    def _on_notice(self, notice: Notice) -> None:
        if notice.wall_id is not None and notice.wall_id != self.wall_id:
            return
        wall = self.document.project.find_wall(self.wall_id)
        if wall is None:
            return
        photo_ids = notice.changed("photo")  # a phone's note touches none: skip listing the wall's photos
        photos = {p.id: p for p in self.document.project.photos_on(self.wall_id)} if photo_ids else {}
        changes = Changes(
            notes={i for i in notice.changed("note") if i in wall.notes},
            removed_notes=set(notice.gone("note")),
            clusters={i for i in notice.changed("cluster") if i in wall.clusters},
            removed_clusters=set(notice.gone("cluster")),
            rounds=notice.touches("round", "dot"),
            photos={i: photos[i] for i in photo_ids if i in photos},
            removed_photos=set(notice.gone("photo")),
        )
        if (
            notice.wall_id is None
            and not (changes.notes or changes.clusters or changes.photos or changes.rounds)
            and not (changes.removed_notes or changes.removed_clusters or changes.removed_photos)
        ):
            return
        if notice.origin.kind in GATHERED:
            if self._pending is None:
                self._pending = changes
                self._flush_timer.start()
            else:
                self._pending.merge(changes)
            return
        self.flush()  # what phones sent before this edit shows first
        self.applied.emit(changes)

    def flush(self) -> None:
        """Announce what phones and peers changed since the last turn of the event loop, as one update."""
        pending, self._pending = self._pending, None
        self._flush_timer.stop()
        if pending is not None:
            self.applied.emit(pending)

    def announce(self, changes: Changes) -> None:
        self.applied.emit(changes)


class WallEditor:
    """The wall's verbs: each builds operations and applies them as one undo step.

    Methods return what the caller needs (ids, or whether anything changed);
    a write failure returns False/None and the document's banner tells the user.
    """

    def __init__(self, document: Document, wall_id: str) -> None:
        self.document = document
        self.sync = WallSync.of(document, wall_id)

    @property
    def wall(self) -> Wall:
        return self.sync.wall

    def _inbox_occupancy(self):
        """What is taken where the wall's inbox is (the core places typed notes there)."""
        return inbox_occupancy(self.document.project, self.wall)

    def _push(self, ops: Sequence[Operation], label: str) -> bool:
        if not ops:
            return False
        return self.document.apply(tuple(ops), text=label) is not None

    # -- notes ----------------------------------------------------------------------
    def capture(
        self, texts: Sequence[str], colour: str = DEFAULT_COLOUR, author: str = "", group: str = ""
    ) -> list[str]:
        """Add one note per text into the inbox (the core places them); returns the new notes' ids."""
        texts = [t.strip() for t in texts if t.strip()]
        if not texts:
            return []
        ops = [
            AddNote(self.wall.id, new_id(), t, colour=colour, author=author.strip(), group=group.strip()) for t in texts
        ]
        label = "Add note" if len(ops) == 1 else f"Add {len(ops)} notes"
        return [op.note_id for op in ops] if self._push(ops, label) else []

    def _note_edit(self, label: str, note_ids: Iterable[str], name: str, value: object) -> bool:
        notes = self.wall.notes
        ops = [Update("note", i, ((name, value),)) for i in note_ids if getattr(notes[i], name) != value]
        return self._push(ops, label)

    def set_text(self, note_id: str, text: str) -> bool:
        text = text.strip()
        if not text or text == self.wall.notes[note_id].text:
            return False
        return self._note_edit("Edit note", [note_id], "text", text)

    def set_colour(self, note_ids: Iterable[str], colour: str) -> bool:
        return self._note_edit("Change colour", note_ids, "colour", colour)

    def set_author(self, note_ids: Iterable[str], author: str) -> bool:
        return self._note_edit("Set author", note_ids, "author", author.strip())

    def set_group(self, note_ids: Iterable[str], group: str) -> bool:
        return self._note_edit("Set group", note_ids, "group", group.strip())

    def duplicate(self, note_ids: Sequence[str]) -> list[str]:
        """Copies a little below and right of the originals, in the same cluster, selected next."""
        wall = self.wall
        ops = []
        for note_id in note_ids:
            src = wall.notes[note_id]
            ops.append(
                AddNote(
                    wall.id,
                    new_id(),
                    src.text,
                    colour=src.colour,
                    author=src.author,
                    group=src.group,
                    x=src.x + 24,
                    y=src.y + 24,
                    cluster_id=src.cluster_id,
                )
            )
        label = "Duplicate note" if len(ops) == 1 else f"Duplicate {len(ops)} notes"
        return [op.note_id for op in ops] if self._push(ops, label) else []

    def delete(
        self, note_ids: Iterable[str] = (), cluster_ids: Iterable[str] = (), photo_ids: Iterable[str] = ()
    ) -> bool:
        """Delete notes and photos and ungroup clusters; their dots (and the photos' bytes) come back on undo."""
        wall = self.wall
        note_ids = [i for i in note_ids if i in wall.notes]
        cluster_ids = [i for i in cluster_ids if i in wall.clusters]
        on_wall = {p.id for p in self.document.project.photos_on(wall.id)}
        photo_ids = [i for i in photo_ids if i in on_wall]
        if photo_ids and not note_ids and not cluster_ids:
            label = "Delete photo" if len(photo_ids) == 1 else f"Delete {len(photo_ids)} photos"
        elif photo_ids:
            label = "Delete notes and photos"
        elif note_ids and cluster_ids:
            label = "Delete notes and clusters"
        elif note_ids:
            label = "Delete note" if len(note_ids) == 1 else f"Delete {len(note_ids)} notes"
        else:
            label = "Ungroup cluster" if len(cluster_ids) == 1 else f"Ungroup {len(cluster_ids)} clusters"
        ops = [
            Delete(kind, tuple(ids))
            for kind, ids in (("note", note_ids), ("cluster", cluster_ids), ("photo", photo_ids))
            if ids
        ]
        return self._push(ops, label)

    def dots_lost_by_ungrouping(self, cluster_ids: Iterable[str]) -> int:
        ids = set(cluster_ids)
        return sum(1 for r in self.wall.rounds for d in r.dots.values() if d.kind == "cluster" and d.target_id in ids)

    # -- clusters -------------------------------------------------------------------
    def group(self, note_ids: Sequence[str], title: str = "New cluster") -> str | None:
        """Put notes into a new cluster, tidied into a grid near where they were, never over other notes."""
        wall = self.wall
        members = [wall.notes[i] for i in note_ids if i in wall.notes]
        if not members:
            return None
        (x, y), placed = layout.new_cluster_place(wall, [n.id for n in members])
        colour = members[0].colour if len({n.colour for n in members}) == 1 else "grey"
        cluster_id = new_id()
        ops: list[Operation] = [AddCluster(wall.id, cluster_id, title, colour, x, y)]
        ops += [
            Update("note", n.id, (("cluster_id", cluster_id), ("x", placed[n.id][0]), ("y", placed[n.id][1])))
            for n in members
        ]
        return cluster_id if self._push(ops, "Group notes") else None

    def ungroup(self, cluster_ids: Iterable[str]) -> bool:
        return self.delete(cluster_ids=cluster_ids)

    def rename_cluster(self, cluster_id: str, title: str) -> bool:
        cluster = self.wall.clusters[cluster_id]
        title = title.strip()
        if not title or title == cluster.title:
            return False
        return self._push([Update("cluster", cluster_id, (("title", title),))], "Rename cluster")

    def recolour_cluster(self, cluster_id: str, colour: str) -> bool:
        if self.wall.clusters[cluster_id].colour == colour:
            return False
        return self._push([Update("cluster", cluster_id, (("colour", colour),))], "Change cluster colour")

    def remove_from_cluster(self, note_ids: Iterable[str]) -> bool:
        ids = [i for i in note_ids if self.wall.notes[i].cluster_id is not None]
        return self._note_edit("Remove from cluster", ids, "cluster_id", None)

    def tidy_cluster(self, cluster_id: str) -> bool:
        wall = self.wall
        cluster = wall.clusters[cluster_id]
        members = sorted(wall.members(cluster_id), key=lambda n: (n.y, n.x))
        frame = layout.cluster_rect(cluster, members)
        from dataclasses import replace

        moved = replace(cluster, x=frame.x, y=frame.y)
        placed = layout.tidy_cluster(moved, members)
        op = MoveItems(
            wall.id,
            notes=tuple((n.id, *placed[n.id]) for n in members),
            clusters=((cluster_id, frame.x, frame.y),),
        )
        return self._push([op], "Tidy cluster")

    def tidy_all(self, width: float = 2400.0) -> bool:
        wall = self.wall
        cluster_pos, note_pos = layout.tidy_wall(wall, width)
        if not note_pos and not cluster_pos:
            return False
        op = MoveItems(
            wall.id,
            notes=tuple((i, x, y) for i, (x, y) in note_pos.items()),
            clusters=tuple((i, x, y) for i, (x, y) in cluster_pos.items()),
        )
        return self._push([op], "Tidy all clusters")

    def move(
        self,
        note_positions: Mapping[str, tuple[float, float]],
        cluster_positions: Mapping[str, tuple[float, float]] | None = None,
        into_cluster: Mapping[str, str | None] | None = None,
        photo_positions: Mapping[str, tuple[float, float]] | None = None,
    ) -> bool:
        """The end of a drag: new positions, and for notes dropped on or off a cluster, their new cluster."""
        wall = self.wall
        on_wall = {p.id for p in self.document.project.photos_on(wall.id)}
        photos = tuple((i, x, y) for i, (x, y) in (photo_positions or {}).items() if i in on_wall)
        into_cluster = into_cluster or {}
        regroup = [
            Update("note", note_id, (("cluster_id", cluster_id),))
            for note_id, cluster_id in into_cluster.items()
            if note_id in note_positions and wall.notes[note_id].cluster_id != cluster_id
        ]
        notes = tuple((i, x, y) for i, (x, y) in note_positions.items())
        clusters = tuple((i, x, y) for i, (x, y) in (cluster_positions or {}).items())
        if not notes and not clusters and not photos:
            return False
        if clusters:
            label = "Move cluster" if len(clusters) == 1 else f"Move {len(clusters)} clusters"
        elif photos and not notes:
            label = "Move photo" if len(photos) == 1 else f"Move {len(photos)} photos"
        elif regroup:
            label = "Move into cluster" if any(into_cluster.values()) else "Move out of cluster"
        else:
            label = "Move note" if len(notes) == 1 else f"Move {len(notes)} notes"
        ops: list[Operation] = [MoveItems(wall.id, notes=notes, clusters=clusters, photos=photos), *regroup]
        return self._push(ops, label)

    # -- photos ---------------------------------------------------------------------
    def set_caption(self, photo_id: str, caption: str) -> bool:
        """A photo's caption (empty is allowed: some photos need no words)."""
        photo = next((p for p in self.document.project.photos_on(self.wall.id) if p.id == photo_id), None)
        caption = " ".join(caption.split())
        if photo is None or caption == photo.caption:
            return False
        return self._push([Update("photo", photo_id, (("caption", caption),))], "Edit photo caption")

    # -- votes ----------------------------------------------------------------------
    def vote(self, round_id: str, target_id: str, delta: int, voter: str = "") -> bool:
        """Add ``delta`` dots (one operation each) or take back the newest ones on this target."""
        if delta == 0:
            return False
        r = self.wall.round(round_id)
        if delta > 0:
            ops: list[Operation] = [AddDot(new_id(), round_id, target_id, voter) for _ in range(delta)]
        else:
            on = [d for d in r.dots.values() if d.target_id == target_id]
            ops = [RemoveDot(d.id) for d in on[max(0, len(on) + delta) :]]
        what = "dot" if abs(delta) == 1 else "dots"
        return self._push(ops, f"Add {what}" if delta > 0 else f"Remove {what}")

    def new_round(self, name: str, dots_per_person: int) -> str | None:
        name = name.strip() or f"Round {len(self.wall.rounds) + 1}"
        op = AddRound(self.wall.id, new_id(), name, dots_per_person)
        return op.round_id if self._push([op], "New vote round") else None

    def set_dots_per_person(self, round_id: str, dots: int) -> bool:
        if self.wall.round(round_id).dots_per_person == dots:
            return False
        return self._push([Update("round", round_id, (("dots_per_person", dots),))], "Set dots per person")

    def rename_round(self, round_id: str, name: str) -> bool:
        name = name.strip()
        if not name or name == self.wall.round(round_id).name:
            return False
        return self._push([Update("round", round_id, (("name", name),))], "Rename vote round")

    def clear_round(self, round_id: str) -> bool:
        """Remove this round's dots only; other rounds keep theirs."""
        return self._push([ClearRound(round_id)], "Clear vote round")

    def delete_round(self, round_id: str) -> bool:
        return self._push([Delete("round", (round_id,))], "Delete vote round")
