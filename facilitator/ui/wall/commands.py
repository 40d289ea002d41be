"""Every wall edit as one undoable step that is written to the file before the model changes.

A :class:`WallEdit` holds the affected notes, clusters and vote rounds as they
were before and as they are after (``None`` meaning "not there"). Applying a
state writes it in one transaction first; only when the file has it does the
model change, so a failed write leaves model and file agreeing. The views learn
what changed through the wall's :class:`WallSync`, item by item, because
rebuilding 20,000 notes for one edit would stall the room.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from facilitator.core import layout
from facilitator.core.event import Photo
from facilitator.core.palette import DEFAULT_COLOUR
from facilitator.core.wall import Cluster, Note, VoteRound, Wall
from facilitator.ingest import placement
from facilitator.store.errors import ProjectError
from facilitator.ui.document import Document

log = logging.getLogger(__name__)


@dataclass
class Changes:
    """What one applied edit touched, for the views to update just those items."""

    notes: set[str] = field(default_factory=set)
    removed_notes: set[str] = field(default_factory=set)
    clusters: set[str] = field(default_factory=set)
    removed_clusters: set[str] = field(default_factory=set)
    rounds: bool = False
    photos: dict[str, Photo] = field(default_factory=dict)  # photo id -> the model's photo, as it is now
    removed_photos: set[str] = field(default_factory=set)


class WallSync(QObject):
    """One per open wall, owned by the document: every view of the wall listens here.

    Views of the same wall (the editing tab, the projector) stay in step
    without knowing about each other.
    """

    applied = Signal(object)  # Changes
    reset = Signal()  # something outside the wall's own commands changed it: rebuild

    def __init__(self, document: Document, wall_id: str) -> None:
        super().__init__(document)
        self.setObjectName(f"wall-sync:{wall_id}")
        self.document = document
        self.wall_id = wall_id
        self._applying = False
        document.changed.connect(self._on_document_changed)

    @classmethod
    def of(cls, document: Document, wall_id: str) -> WallSync:
        found = document.findChild(WallSync, f"wall-sync:{wall_id}")
        return found if found is not None else cls(document, wall_id)

    @property
    def wall(self) -> Wall:
        return self.document.project.wall(self.wall_id)

    def _on_document_changed(self, what: str) -> None:
        if what == f"wall:{self.wall_id}" and not self._applying:
            self.reset.emit()

    def announce(self, changes: Changes) -> None:
        self.applied.emit(changes)
        self._applying = True
        try:
            self.document.announce(f"wall:{self.wall_id}")
        finally:
            self._applying = False


def _copy_round(r: VoteRound) -> VoteRound:
    return replace(r, note_votes=dict(r.note_votes), cluster_votes=dict(r.cluster_votes))


# A round's state: its position in the wall's list and its content, or None (absent).
RoundState = tuple[int, VoteRound] | None


class WallEdit(QUndoCommand):
    """Before/after snapshots of the touched parts of one wall."""

    def __init__(
        self,
        sync: WallSync,
        text: str,
        notes: Mapping[str, tuple[Note | None, Note | None]] | None = None,
        clusters: Mapping[str, tuple[Cluster | None, Cluster | None]] | None = None,
        rounds: Mapping[str, tuple[RoundState, RoundState]] | None = None,
        moves_only: bool = False,
        photos: Mapping[str, tuple[Photo | None, Photo | None]] | None = None,
        photo_data: Mapping[str, bytes] | None = None,
    ) -> None:
        super().__init__(text)
        self.sync = sync
        self._notes = {k: (copy.copy(a), copy.copy(b)) for k, (a, b) in (notes or {}).items()}
        self._photos = {k: (copy.copy(a), copy.copy(b)) for k, (a, b) in (photos or {}).items()}
        # The image bytes of photos this edit removes, so undo puts back the very same picture.
        self._photo_data = dict(photo_data or {})
        self._clusters = {k: (copy.copy(a), copy.copy(b)) for k, (a, b) in (clusters or {}).items()}
        self._rounds = {
            k: (a and (a[0], _copy_round(a[1])), b and (b[0], _copy_round(b[1])))
            for k, (a, b) in (rounds or {}).items()
        }
        self._moves_only = moves_only
        self.ok = True

    def redo(self) -> None:
        self.ok = self._apply(1)

    def undo(self) -> None:
        self._apply(0)

    def _apply(self, side: int) -> bool:
        sync = self.sync
        store = sync.document.store
        wall = sync.wall
        notes = {k: v[side] for k, v in self._notes.items()}
        clusters = {k: v[side] for k, v in self._clusters.items()}
        rounds = {k: v[side] for k, v in self._rounds.items()}
        put_clusters = [c for c in clusters.values() if c is not None]
        gone_clusters = [k for k, c in clusters.items() if c is None and k in wall.clusters]
        put_notes = [n for n in notes.values() if n is not None]
        gone_notes = [k for k, n in notes.items() if n is None and k in wall.notes]
        project = sync.document.project
        photos_now = {p.id: p for p in project.photos}
        put_photos = [v[side] for v in self._photos.values() if v[side] is not None]
        gone_photos = {k for k, v in self._photos.items() if v[side] is None and k in photos_now}
        try:
            with store.transaction():
                if put_clusters:
                    store.save_clusters(wall.id, put_clusters)
                if put_notes and self._moves_only:
                    store.move_notes((n.id, n.x, n.y) for n in put_notes)
                elif put_notes:
                    store.save_notes(wall.id, put_notes)
                if gone_notes:
                    store.delete_notes(gone_notes)
                if gone_clusters:
                    store.delete_clusters(gone_clusters)
                for round_id, state in rounds.items():
                    if state is None:
                        store.delete_round(round_id)
                    else:
                        store.save_round(wall.id, state[1], state[0])
                for p in put_photos:
                    if p.id in photos_now:
                        store.save_photo(p)
                    else:
                        store.add_photo(p, self._photo_data[p.id])
                for photo_id in gone_photos:
                    store.delete_photo(photo_id)
        except ProjectError as exc:
            # The file is as it was; leave the model alone too, and drop this step.
            sync.document.report_write_failure(exc)
            self.setObsolete(True)
            return False
        for c in put_clusters:
            if c.id in wall.clusters:
                target = wall.clusters[c.id]
                target.title, target.colour, target.x, target.y = c.title, c.colour, c.x, c.y
            else:
                wall.clusters[c.id] = copy.copy(c)
        for n in put_notes:
            if n.id in wall.notes:
                wall.notes[n.id].__dict__.update(n.__dict__)
            else:
                wall.notes[n.id] = copy.copy(n)
        for note_id in gone_notes:
            wall.remove_note(note_id)
        freed: set[str] = set()
        if gone_clusters:
            gone = set(gone_clusters)
            for n in wall.notes.values():
                if n.cluster_id in gone:
                    freed.add(n.id)
        for cluster_id in gone_clusters:
            wall.remove_cluster(cluster_id)
        for round_id, state in rounds.items():
            existing = next((i for i, r in enumerate(wall.rounds) if r.id == round_id), None)
            # Edit the round object in place, so whoever holds it (a panel, a test) sees the change.
            target = wall.rounds.pop(existing) if existing is not None else None
            if state is None:
                continue
            position, content = state
            if target is None:
                target = _copy_round(content)
            else:
                target.name, target.dots_per_person = content.name, content.dots_per_person
                target.note_votes = dict(content.note_votes)
                target.cluster_votes = dict(content.cluster_votes)
            wall.rounds.insert(min(position, len(wall.rounds)), target)
        for p in put_photos:
            if p.id in photos_now:
                photos_now[p.id].__dict__.update(p.__dict__)
            else:
                photos_now[p.id] = copy.copy(p)
                project.photos.append(photos_now[p.id])
        if gone_photos:
            project.photos[:] = [p for p in project.photos if p.id not in gone_photos]
        changes = Changes(
            notes={n.id for n in put_notes} | freed,
            removed_notes=set(gone_notes),
            clusters={c.id for c in put_clusters},
            removed_clusters=set(gone_clusters),
            rounds=bool(rounds),
            photos={p.id: photos_now[p.id] for p in put_photos},
            removed_photos=gone_photos,
        )
        # Clusters whose membership changed need their frames redrawn.
        for n in put_notes:
            if n.cluster_id is not None:
                changes.clusters.add(n.cluster_id)
        for _, (before, _after) in self._notes.items():
            if before is not None and before.cluster_id is not None and before.cluster_id in wall.clusters:
                changes.clusters.add(before.cluster_id)
        sync.announce(changes)
        return True


class VoteEdit(QUndoCommand):
    """One or more dots added to (or taken from) one note or cluster in one round."""

    def __init__(self, sync: WallSync, round_id: str, target_id: str, delta: int) -> None:
        wall = sync.wall
        self.kind = "note" if target_id in wall.notes else "cluster"
        bucket = wall.round(round_id).note_votes if self.kind == "note" else wall.round(round_id).cluster_votes
        self.before = bucket.get(target_id, 0)
        self.after = max(0, self.before + delta)
        what = "dot" if abs(delta) == 1 else "dots"
        super().__init__(f"Add {what}" if delta > 0 else f"Remove {what}")
        self.sync, self.round_id, self.target_id = sync, round_id, target_id
        self.ok = True

    def redo(self) -> None:
        self.ok = self._set(self.after)

    def undo(self) -> None:
        self._set(self.before)

    def _set(self, count: int) -> bool:
        sync = self.sync
        try:
            sync.document.store.set_votes(self.round_id, self.target_id, self.kind, count)
        except ProjectError as exc:
            sync.document.report_write_failure(exc)
            self.setObsolete(True)
            return False
        wall = sync.wall
        r = wall.round(self.round_id)
        bucket = r.note_votes if self.kind == "note" else r.cluster_votes
        if count:
            bucket[self.target_id] = count
        else:
            bucket.pop(self.target_id, None)
        changes = Changes(rounds=True)
        if self.kind == "note":
            changes.notes.add(self.target_id)
            cluster_id = wall.notes[self.target_id].cluster_id
            if cluster_id:
                changes.clusters.add(cluster_id)
        else:
            changes.clusters.add(self.target_id)
        sync.announce(changes)
        return True


class WallEditor:
    """The wall's verbs: each builds one command and pushes it on the document's undo stack.

    The scene, the menus, the capture bar and the vote panel all call these,
    so one user action is always one undo step and one transaction.
    """

    def __init__(self, document: Document, wall_id: str) -> None:
        self.document = document
        self.sync = WallSync.of(document, wall_id)

    @property
    def wall(self) -> Wall:
        return self.sync.wall

    def _push(self, command: WallEdit | VoteEdit) -> bool:
        self.document.undo_stack.push(command)
        return command.ok

    def _note_edit(self, text: str, note_ids: Iterable[str], change, moves_only: bool = False) -> bool:
        wall = self.wall
        pairs: dict[str, tuple[Note | None, Note | None]] = {}
        for note_id in note_ids:
            before = wall.notes[note_id]
            after = copy.copy(before)
            change(after)
            pairs[note_id] = (before, after)
        if not pairs:
            return False
        return self._push(WallEdit(self.sync, text, notes=pairs, moves_only=moves_only))

    # -- notes -------------------------------------------------------------------
    def capture(
        self, texts: Sequence[str], colour: str = DEFAULT_COLOUR, author: str = "", group: str = ""
    ) -> list[str]:
        """Add one note per text into the inbox; returns the new notes' ids."""
        texts = [t.strip() for t in texts if t.strip()]
        if not texts:
            return []
        slots = placement.inbox_places(self._inbox_occupancy(), len(texts))
        notes = [
            Note(text=t, colour=colour, author=author.strip(), group=group.strip(), x=x, y=y)
            for t, (x, y) in zip(texts, slots, strict=True)
        ]
        label = "Add note" if len(notes) == 1 else f"Add {len(notes)} notes"
        ok = self._push(WallEdit(self.sync, label, notes={n.id: (None, n) for n in notes}))
        return [n.id for n in notes] if ok else []

    def _inbox_occupancy(self) -> placement.Occupancy:
        """What is taken where the inbox is, for the import's free-place search, so a new note never lands
        on other work (notes, cluster frames dragged left, photos).

        The inbox lies left of x = 0, so only things reaching left of 0 can be in its way; collecting just
        those keeps a capture on a 20,000-note wall at a few milliseconds instead of a quarter second.
        """
        wall = self.wall
        occupancy = placement.Occupancy()
        members: dict[str, list[Note]] = {}
        reach = layout.CLUSTER_PADDING  # a frame reaches this far left of its leftmost note
        for note in wall.notes.values():
            if note.x < reach:
                if note.x < 0:
                    occupancy.add(layout.note_rect(note), note.cluster_id)
                if note.cluster_id is not None:
                    members[note.cluster_id] = []
        for cluster_id in list(members):
            members[cluster_id] = wall.members(cluster_id) if len(members) < 8 else []
        if len(members) >= 8:
            members = {k: v for k, v in wall.members_by_cluster().items() if k in members}
        for cluster in wall.clusters.values():
            if cluster.id in members or cluster.x < 0:
                frame = layout.cluster_rect(cluster, members.get(cluster.id, []))
                if frame.x < 0:
                    occupancy.add(frame, cluster.id)
        for photo in self.document.project.photos_on(wall.id):
            rect = placement.photo_rect(photo)
            if rect.x < 0:
                occupancy.add(rect)
        return occupancy

    def set_text(self, note_id: str, text: str) -> bool:
        text = text.strip()
        if not text or text == self.wall.notes[note_id].text:
            return False
        return self._note_edit("Edit note", [note_id], lambda n: setattr(n, "text", text))

    def set_colour(self, note_ids: Iterable[str], colour: str) -> bool:
        return self._note_edit("Change colour", note_ids, lambda n: setattr(n, "colour", colour))

    def set_author(self, note_ids: Iterable[str], author: str) -> bool:
        return self._note_edit("Set author", note_ids, lambda n: setattr(n, "author", author.strip()))

    def set_group(self, note_ids: Iterable[str], group: str) -> bool:
        return self._note_edit("Set group", note_ids, lambda n: setattr(n, "group", group.strip()))

    def duplicate(self, note_ids: Sequence[str]) -> list[str]:
        """Copies a little below and right of the originals, in the same cluster, selected next."""
        wall = self.wall
        copies = []
        for note_id in note_ids:
            src = wall.notes[note_id]
            copies.append(replace(src, id=Note(text="").id, x=src.x + 24, y=src.y + 24))
        if not copies:
            return []
        label = "Duplicate note" if len(copies) == 1 else f"Duplicate {len(copies)} notes"
        ok = self._push(WallEdit(self.sync, label, notes={n.id: (None, n) for n in copies}))
        return [n.id for n in copies] if ok else []

    def delete(
        self, note_ids: Iterable[str] = (), cluster_ids: Iterable[str] = (), photo_ids: Iterable[str] = ()
    ) -> bool:
        """Delete notes and photos and ungroup clusters; their dots (and the photos' bytes) come back on undo."""
        wall = self.wall
        note_ids = [i for i in note_ids if i in wall.notes]
        cluster_ids = [i for i in cluster_ids if i in wall.clusters]
        on_wall = {p.id: p for p in self.document.project.photos_on(wall.id)}
        photo_ids = [i for i in photo_ids if i in on_wall]
        if not note_ids and not cluster_ids and not photo_ids:
            return False
        photos: dict[str, tuple[Photo | None, Photo | None]] = {i: (on_wall[i], None) for i in photo_ids}
        try:
            data = {i: self.document.store.photo_data(i) for i in photo_ids}
        except (KeyError, ProjectError) as exc:
            log.error("cannot read photo bytes before deleting: %s", exc)
            return False
        notes: dict[str, tuple[Note | None, Note | None]] = {i: (wall.notes[i], None) for i in note_ids}
        gone = set(cluster_ids)
        for n in wall.notes.values():
            if n.cluster_id in gone and n.id not in notes:
                notes[n.id] = (n, replace(n, cluster_id=None))
        rounds = self._rounds_without(set(note_ids), gone)
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
        clusters = {i: (wall.clusters[i], None) for i in cluster_ids}
        return self._push(
            WallEdit(self.sync, label, notes=notes, clusters=clusters, rounds=rounds, photos=photos, photo_data=data)
        )

    def _rounds_without(self, note_ids: set[str], cluster_ids: set[str]) -> dict[str, tuple[RoundState, RoundState]]:
        """Rounds that hold dots on what is going away, before and after, so undo restores the dots."""
        rounds: dict[str, tuple[RoundState, RoundState]] = {}
        for position, r in enumerate(self.wall.rounds):
            if note_ids & r.note_votes.keys() or cluster_ids & r.cluster_votes.keys():
                after = _copy_round(r)
                for i in note_ids:
                    after.note_votes.pop(i, None)
                for i in cluster_ids:
                    after.cluster_votes.pop(i, None)
                rounds[r.id] = ((position, r), (position, after))
        return rounds

    def dots_lost_by_ungrouping(self, cluster_ids: Iterable[str]) -> int:
        ids = set(cluster_ids)
        return sum(count for r in self.wall.rounds for k, count in r.cluster_votes.items() if k in ids)

    # -- clusters -------------------------------------------------------------------
    def group(self, note_ids: Sequence[str], title: str = "New cluster") -> str | None:
        """Put notes into a new cluster, tidied into a grid near where they were, never over other notes."""
        wall = self.wall
        members = [wall.notes[i] for i in note_ids if i in wall.notes]
        if not members:
            return None
        (x, y), placed = layout.new_cluster_place(wall, [n.id for n in members])
        colour = members[0].colour if len({n.colour for n in members}) == 1 else "grey"
        cluster = Cluster(title=title, colour=colour, x=x, y=y)
        notes = {n.id: (n, replace(n, cluster_id=cluster.id, x=placed[n.id][0], y=placed[n.id][1])) for n in members}
        ok = self._push(WallEdit(self.sync, "Group notes", notes=notes, clusters={cluster.id: (None, cluster)}))
        return cluster.id if ok else None

    def ungroup(self, cluster_ids: Iterable[str]) -> bool:
        return self.delete(cluster_ids=cluster_ids)

    def rename_cluster(self, cluster_id: str, title: str) -> bool:
        cluster = self.wall.clusters[cluster_id]
        title = title.strip()
        if not title or title == cluster.title:
            return False
        return self._push(
            WallEdit(self.sync, "Rename cluster", clusters={cluster_id: (cluster, replace(cluster, title=title))})
        )

    def recolour_cluster(self, cluster_id: str, colour: str) -> bool:
        cluster = self.wall.clusters[cluster_id]
        return self._push(
            WallEdit(
                self.sync, "Change cluster colour", clusters={cluster_id: (cluster, replace(cluster, colour=colour))}
            )
        )

    def remove_from_cluster(self, note_ids: Iterable[str]) -> bool:
        ids = [i for i in note_ids if self.wall.notes[i].cluster_id is not None]
        return self._note_edit("Remove from cluster", ids, lambda n: setattr(n, "cluster_id", None))

    def tidy_cluster(self, cluster_id: str) -> bool:
        wall = self.wall
        cluster = wall.clusters[cluster_id]
        members = sorted(wall.members(cluster_id), key=lambda n: (n.y, n.x))
        frame = layout.cluster_rect(cluster, members)
        moved = replace(cluster, x=frame.x, y=frame.y)
        placed = layout.tidy_cluster(moved, members)
        notes = {n.id: (n, replace(n, x=placed[n.id][0], y=placed[n.id][1])) for n in members}
        return self._push(
            WallEdit(self.sync, "Tidy cluster", notes=notes, clusters={cluster_id: (cluster, moved)}, moves_only=False)
        )

    def tidy_all(self, width: float = 2400.0) -> bool:
        wall = self.wall
        cluster_pos, note_pos = layout.tidy_wall(wall, width)
        notes = {i: (wall.notes[i], replace(wall.notes[i], x=x, y=y)) for i, (x, y) in note_pos.items()}
        clusters = {i: (wall.clusters[i], replace(wall.clusters[i], x=x, y=y)) for i, (x, y) in cluster_pos.items()}
        if not notes and not clusters:
            return False
        return self._push(WallEdit(self.sync, "Tidy all clusters", notes=notes, clusters=clusters))

    def move(
        self,
        note_positions: Mapping[str, tuple[float, float]],
        cluster_positions: Mapping[str, tuple[float, float]] | None = None,
        into_cluster: Mapping[str, str | None] | None = None,
        photo_positions: Mapping[str, tuple[float, float]] | None = None,
    ) -> bool:
        """The end of a drag: new positions, and for notes dropped on or off a cluster, their new cluster."""
        wall = self.wall
        on_wall = {p.id: p for p in self.document.project.photos_on(wall.id)}
        photos = {
            i: (on_wall[i], replace(on_wall[i], x=x, y=y))
            for i, (x, y) in (photo_positions or {}).items()
            if i in on_wall
        }
        into_cluster = into_cluster or {}
        notes: dict[str, tuple[Note | None, Note | None]] = {}
        regrouped = False
        for note_id, (x, y) in note_positions.items():
            before = wall.notes[note_id]
            cluster_id = into_cluster.get(note_id, before.cluster_id)
            regrouped |= cluster_id != before.cluster_id
            notes[note_id] = (before, replace(before, x=x, y=y, cluster_id=cluster_id))
        clusters = {
            i: (wall.clusters[i], replace(wall.clusters[i], x=x, y=y))
            for i, (x, y) in (cluster_positions or {}).items()
        }
        if not notes and not clusters and not photos:
            return False
        if clusters:
            label = "Move cluster" if len(clusters) == 1 else f"Move {len(clusters)} clusters"
        elif photos and not notes:
            label = "Move photo" if len(photos) == 1 else f"Move {len(photos)} photos"
        elif regrouped:
            label = "Move into cluster" if any(into_cluster.values()) else "Move out of cluster"
        else:
            label = "Move note" if len(notes) == 1 else f"Move {len(notes)} notes"
        return self._push(
            WallEdit(
                self.sync,
                label,
                notes=notes,
                clusters=clusters,
                moves_only=not regrouped and not clusters,
                photos=photos,
            )
        )

    # -- photos ---------------------------------------------------------------------
    def set_caption(self, photo_id: str, caption: str) -> bool:
        """A photo's caption (empty is allowed: some photos need no words)."""
        photo = next((p for p in self.document.project.photos_on(self.wall.id) if p.id == photo_id), None)
        caption = " ".join(caption.split())
        if photo is None or caption == photo.caption:
            return False
        return self._push(
            WallEdit(self.sync, "Edit photo caption", photos={photo_id: (photo, replace(photo, caption=caption))})
        )

    # -- votes ----------------------------------------------------------------------
    def vote(self, round_id: str, target_id: str, delta: int) -> bool:
        wall = self.wall
        r = wall.round(round_id)
        current = (r.note_votes if target_id in wall.notes else r.cluster_votes).get(target_id, 0)
        if delta < 0 and current == 0:
            return False
        return self._push(VoteEdit(self.sync, round_id, target_id, delta))

    def new_round(self, name: str, dots_per_person: int) -> str | None:
        r = VoteRound(name=name.strip() or f"Round {len(self.wall.rounds) + 1}", dots_per_person=dots_per_person)
        ok = self._push(WallEdit(self.sync, "New vote round", rounds={r.id: (None, (len(self.wall.rounds), r))}))
        return r.id if ok else None

    def _round_edit(self, text: str, round_id: str, change) -> bool:
        position = next(i for i, r in enumerate(self.wall.rounds) if r.id == round_id)
        before = self.wall.rounds[position]
        after = _copy_round(before)
        change(after)
        return self._push(WallEdit(self.sync, text, rounds={round_id: ((position, before), (position, after))}))

    def set_dots_per_person(self, round_id: str, dots: int) -> bool:
        return self._round_edit("Set dots per person", round_id, lambda r: setattr(r, "dots_per_person", dots))

    def rename_round(self, round_id: str, name: str) -> bool:
        return self._round_edit("Rename vote round", round_id, lambda r: setattr(r, "name", name.strip() or r.name))

    def clear_round(self, round_id: str) -> bool:
        """Remove this round's dots only; other rounds keep theirs."""

        def clear(r: VoteRound) -> None:
            r.note_votes.clear()
            r.cluster_votes.clear()

        return self._round_edit("Clear vote round", round_id, clear)

    def delete_round(self, round_id: str) -> bool:
        position = next(i for i, r in enumerate(self.wall.rounds) if r.id == round_id)
        r = self.wall.rounds[position]
        return self._push(WallEdit(self.sync, "Delete vote round", rounds={round_id: ((position, r), None)}))
