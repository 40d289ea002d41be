"""The wall as a scene: a mirror of one ``Wall`` through model-id -> item dicts.

The scene never changes the model. It turns mouse gestures into requests
(``drag_finished``, ``vote_requested``, ``edit_requested``) that the wall
widget turns into undoable commands, and it updates only the items a command
says it touched (``apply``). A drag moves the items live and reports once,
on release, so a drag is one undo step and one write.

A scene shows only the notes :func:`~facilitator.core.wall.on_wall` allows:
phone notes held for approval are on no scene; notes hidden until reveal are
on the facilitator's laptop (``audience=False``), marked, and on no audience
scene (projector, run screen, wall pictures). A status change arrives as an
ordinary note change, so accepting or revealing adds just those items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsScene, QGraphicsSceneMouseEvent, QWidget

from facilitator.core import layout
from facilitator.core.event import Photo
from facilitator.core.wall import Note, Wall, on_wall
from facilitator.ui.wall.editing import Changes
from facilitator.ui.wall.items import ClusterItem, FarLayer, MovingLayer, NoteItem, PhotoItem
from facilitator.ui.wall.style import WallStyle

NoteFilter = Callable[[Note], bool]
HAS_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


class WallScene(QGraphicsScene):
    vote_requested = Signal(str, int)  # note or cluster id, +1 / -1
    edit_requested = Signal(object)  # the NoteItem or ClusterItem to edit in place
    # note positions, cluster positions, note -> new cluster, photo positions
    drag_finished = Signal(object, object, object, object)
    selection_summary = Signal(int, int)  # notes, clusters selected

    def __init__(
        self,
        wall: Wall,
        style: WallStyle,
        photos: Iterable[Photo] = (),
        photo_loader: Callable[[str], bytes] | None = None,
        parent: QWidget | None = None,
        audience: bool = True,
    ) -> None:
        super().__init__(parent)
        self.wall = wall
        self.style = style
        self.audience = audience
        self.notes: dict[str, NoteItem] = {}
        self.clusters: dict[str, ClusterItem] = {}
        self.photos: dict[str, PhotoItem] = {}
        self._photo_loader = photo_loader or _no_photo
        self.far = FarLayer(style)
        self.addItem(self.far)
        self.far.setVisible(False)
        self.moving = MovingLayer(style)
        self.addItem(self.moving)
        self.moving.setVisible(False)
        self.far_mode = False
        self.vote_mode = False
        self.badge_round: str | None = None
        self._filter: NoteFilter | None = None
        self._search: NoteFilter | None = None
        self._selected: list[NoteItem] = []
        self._selected_photos: list[PhotoItem] = []
        # cluster id -> member note ids, kept up to date by rebuild/apply so a frame never scans the wall
        self._members: dict[str, set[str]] = {}
        self._cluster_of: dict[str, str | None] = {}
        self._note_dots: dict[str, int] = {}
        self._cluster_dots: dict[str, int] = {}
        self._press: tuple[QPointF, QGraphicsItem] | None = None
        self._drag: _Drag | None = None
        # The box around the shown notes, kept while notes only arrive (the projector fits it after every
        # batch of phone notes); dropped when a note moves or leaves, and worked out again when asked for.
        self._box: QRectF | None = None
        self.setBackgroundBrush(style.background)
        self.rebuild(photos)
        self.selectionChanged.connect(self._on_selection_changed)

    # -- mirroring the model --------------------------------------------------
    def rebuild(self, photos: Iterable[Photo] | None = None) -> None:
        """Make every item afresh (opening the wall, or after a change from outside its commands)."""
        for item in [*self.notes.values(), *self.clusters.values()]:
            self.removeItem(item)
        self.notes.clear()
        self.clusters.clear()
        self._box = None
        if photos is not None:
            for item in self.photos.values():
                self.removeItem(item)
            self.photos.clear()
            for photo in photos:
                item = PhotoItem(photo, self._photo_loader, self.style.accent)
                self.photos[photo.id] = item
                self.addItem(item)
        for cluster in self.wall.clusters.values():
            item = ClusterItem(cluster, self.style)
            item.setFlag(HAS_NO_CONTENTS, self.far_mode)
            self.clusters[cluster.id] = item
            self.addItem(item)
        style, far, audience = self.style, self.far_mode, self.audience
        shown = [n for n in self.wall.notes.values() if on_wall(n, audience)]
        for note in shown:
            item = NoteItem(note, style)
            if far:
                item.setFlag(HAS_NO_CONTENTS, True)
            self.notes[note.id] = item
            self.addItem(item)
        self._members = {cluster_id: set() for cluster_id in self.clusters}
        self._cluster_of = {}
        for note in shown:
            self._cluster_of[note.id] = note.cluster_id
            if note.cluster_id is not None:
                self._members.setdefault(note.cluster_id, set()).add(note.id)
        self._note_dots, self._cluster_dots = {}, {}
        self._update_frames(self.clusters)
        self._update_dots()
        self._apply_filters(self.notes.values())
        self.far.set_notes(self.notes.values())
        self.far.set_clusters(self.clusters.values())

    def apply(self, changes: Changes) -> None:
        """Bring just the touched items in line with the model after a command."""
        wall = self.wall
        regrouped = False
        gone = set(changes.removed_notes)
        for note_id in changes.notes:
            note = wall.notes.get(note_id)
            if note is not None and not on_wall(note, self.audience):
                gone.add(note_id)  # held, or hidden from this audience: off this scene until its status changes
        for note_id in gone:
            item = self.notes.pop(note_id, None)
            if item is not None:
                self.removeItem(item)
                self._box = None
            regrouped |= self._set_member(note_id, None)
        touched: list[NoteItem] = []
        for note_id in changes.notes:
            note = wall.notes.get(note_id)
            if note is None or note_id in gone:
                continue
            item = self.notes.get(note_id)
            if item is None:
                item = NoteItem(note, self.style)
                item.dots = self._note_dots.get(note_id, 0)
                if self.far_mode:
                    item.setFlag(HAS_NO_CONTENTS, True)
                self.notes[note_id] = item
                self.addItem(item)
                if self._box is not None:
                    self._box = self._box.united(QRectF(note.x, note.y, layout.NOTE_WIDTH, layout.NOTE_HEIGHT))
            else:
                item.refresh(note)
                self._box = None  # it may have moved (a drag has already put the item where the note went)
            touched.append(item)
            regrouped |= self._set_member(note_id, note.cluster_id)
        for cluster_id in changes.removed_clusters:
            item = self.clusters.pop(cluster_id, None)
            if item is not None:
                self.removeItem(item)
            for note_id in self._members.pop(cluster_id, set()):
                self._cluster_of[note_id] = None
        frames = set()
        for cluster_id in changes.clusters:
            cluster = wall.clusters.get(cluster_id)
            if cluster is None:
                continue
            item = self.clusters.get(cluster_id)
            if item is None:
                item = ClusterItem(cluster, self.style)
                item.setFlag(HAS_NO_CONTENTS, self.far_mode)
                self.clusters[cluster_id] = item
                self.addItem(item)
            else:
                item.refresh(cluster)
            frames.add(cluster_id)
        self._update_frames(frames)
        if changes.rounds or regrouped or changes.removed_clusters:
            self._update_dots()
        self._apply_filters(touched)
        self.far.remove_notes(gone)
        self.far.update_notes(touched)
        if frames or changes.removed_clusters:
            self.far.set_clusters(self.clusters.values())
        if self.far_mode:
            self.far.set_selection(self._selected, self._selected_clusters())
        self._apply_photos(changes)

    def _apply_photos(self, changes: Changes) -> None:
        for photo_id in changes.removed_photos:
            item = self.photos.pop(photo_id, None)
            if item is not None:
                self.removeItem(item)
        for photo_id, photo in changes.photos.items():
            item = self.photos.get(photo_id)
            if photo.wall_id != self.wall.id:
                continue
            if item is None:
                item = PhotoItem(photo, self._photo_loader, self.style.accent)
                self.photos[photo_id] = item
                self.addItem(item)
            else:
                item.refresh(photo)

    def _set_member(self, note_id: str, cluster_id: str | None) -> bool:
        """Record a note's cluster; True when its membership changed (cluster scores may change)."""
        old = self._cluster_of.get(note_id)
        if old == cluster_id:
            return False
        if old is not None and old in self._members:
            self._members[old].discard(note_id)
        if cluster_id is None:
            self._cluster_of.pop(note_id, None)
        else:
            self._cluster_of[note_id] = cluster_id
            self._members.setdefault(cluster_id, set()).add(note_id)
        return True

    def _update_frames(self, cluster_ids: Iterable[str]) -> None:
        notes = self.wall.notes
        for cluster_id in set(cluster_ids):
            item = self.clusters.get(cluster_id)
            if item is not None:
                members = [notes[i] for i in self._members.get(cluster_id, ()) if i in notes]
                item.set_frame(layout.cluster_rect(item.cluster, members))

    def set_badge_round(self, round_id: str | None) -> None:
        """Badges count one round's dots (while recording it) or, with None, every round's."""
        self.badge_round = round_id
        self._update_dots()

    def _update_dots(self) -> None:
        """Badges from the votes: work in proportion to the dots on the wall, never to its notes."""
        wall = self.wall
        note_dots: dict[str, int] = {}
        cluster_dots: dict[str, int] = {}
        for r in wall.rounds:
            if self.badge_round not in (None, r.id):
                continue
            for k, v in r.note_votes.items():
                note_dots[k] = note_dots.get(k, 0) + v
            for k, v in r.cluster_votes.items():
                cluster_dots[k] = cluster_dots.get(k, 0) + v
        for note_id, dots in note_dots.items():
            cluster_id = self._cluster_of.get(note_id)
            if cluster_id is not None:
                cluster_dots[cluster_id] = cluster_dots.get(cluster_id, 0) + dots
        for note_id in note_dots.keys() | self._note_dots.keys():
            item = self.notes.get(note_id)
            dots = note_dots.get(note_id, 0)
            if item is not None and item.dots != dots:
                item.dots = dots
                item.refresh(item.note)
        for cluster_id in cluster_dots.keys() | self._cluster_dots.keys():
            item = self.clusters.get(cluster_id)
            dots = cluster_dots.get(cluster_id, 0)
            if item is not None and item.dots != dots:
                item.dots = dots
                item.refresh(item.cluster)
        self._note_dots, self._cluster_dots = note_dots, cluster_dots

    # -- level of detail --------------------------------------------------------
    def set_far(self, far: bool) -> None:
        """Switch between painting each note and painting all notes as one batched layer."""
        if far == self.far_mode:
            return
        self.far_mode = far
        for item in self.notes.values():
            item.setFlag(HAS_NO_CONTENTS, far)
        for cluster in self.clusters.values():
            cluster.setFlag(HAS_NO_CONTENTS, far)
        self._index_for(far)
        self.far.setVisible(far)
        self.moving.setVisible(far and self._drag is not None)
        if far:
            self.far.set_selection(self._selected, self._selected_clusters())

    def _index_for(self, far: bool) -> None:
        """No item index while far, the BSP tree while near.

        At fit-all every note is on screen, so the BSP tree hands each frame all
        20,000 note items (which paint nothing) and Qt sorts them: two thirds of
        a warm frame. Unindexed, a frame walks the top-level list instead, where
        a no-contents item costs one flag test. Selection, rubber band and
        clicks still work on the same items (a lookup then walks every item,
        ~3 ms at 20,000: fine for a click, and far is not where notes are read).
        Near, a frame shows a few hundred notes, so the tree comes back.
        """
        if far:
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
            return
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        # A new BSP index learns the scene rect only from sceneRectChanged; left without it, every item
        # lands in one leaf and each lookup is a scan. Announce the (growing) rect again.
        self.setSceneRect(self.sceneRect())
        self.setSceneRect(QRectF())

    # -- search and filter ------------------------------------------------------------
    def set_filters(self, search: NoteFilter | None, keep: NoteFilter | None) -> list[str]:
        """Outline notes matching ``search``; dim notes failing either. Returns the matches, wall order."""
        self._search, self._filter = search, keep
        self._apply_filters(self.notes.values())
        if search is None and keep is None:
            return []
        return [i for i, item in self.notes.items() if not item.dimmed]

    def _apply_filters(self, items: Iterable[NoteItem]) -> None:
        search, keep = self._search, self._filter
        changed = []
        for item in items:
            note = item.note
            passes = (keep is None or keep(note)) and (search is None or search(note))
            matched = search is not None and passes
            dimmed = (search is not None or keep is not None) and not passes
            if matched != item.matched or dimmed != item.dimmed:
                item.matched, item.dimmed = matched, dimmed
                item.update()
                changed.append(item)
        if changed:
            self.far.update_notes(changed)

    # -- selection ----------------------------------------------------------------------
    def _on_selection_changed(self) -> None:
        selected = self.selectedItems()
        self._selected = [i for i in selected if isinstance(i, NoteItem)]
        self._selected_photos = [i for i in selected if isinstance(i, PhotoItem)]
        if self.far_mode:
            self.far.set_selection(self._selected, self._selected_clusters())
        self.selection_summary.emit(len(self._selected), sum(isinstance(i, ClusterItem) for i in selected))

    def _selected_clusters(self) -> list[ClusterItem]:
        return [i for i in self.selectedItems() if isinstance(i, ClusterItem)]

    def selected_note_ids(self) -> list[str]:
        return [i.note.id for i in self._selected]

    def selected_cluster_ids(self) -> list[str]:
        return [i.cluster.id for i in self.selectedItems() if isinstance(i, ClusterItem)]

    def selected_photo_ids(self) -> list[str]:
        return [i.photo.id for i in self._selected_photos if i.scene() is self]

    def select(
        self, note_ids: Iterable[str] = (), cluster_ids: Iterable[str] = (), photo_ids: Iterable[str] = ()
    ) -> None:
        self.clearSelection()
        for note_id in note_ids:
            if note_id in self.notes:
                self.notes[note_id].setSelected(True)
        for cluster_id in cluster_ids:
            if cluster_id in self.clusters:
                self.clusters[cluster_id].setSelected(True)
        for photo_id in photo_ids:
            if photo_id in self.photos:
                self.photos[photo_id].setSelected(True)

    def items_rect(self, note_ids: Iterable[str] = (), cluster_ids: Iterable[str] = ()) -> QRectF:
        rect = QRectF()
        for i in note_ids:
            if i in self.notes:
                rect = rect.united(self.notes[i].sceneBoundingRect())
        for i in cluster_ids:
            if i in self.clusters:
                rect = rect.united(self.clusters[i].sceneBoundingRect())
        return rect

    def rough_rect(self) -> QRectF:
        """A rectangle that holds everything, with room to spare; cheap (no pass over the notes)."""
        rect = self.far.boundingRect()
        for item in self.photos.values():
            rect = rect.united(item.sceneBoundingRect())
        return rect

    def content_rect(self) -> QRectF:
        """Everything this scene shows (not notes it leaves out), so fitting never frames empty space."""
        rect = self._notes_rect()
        for item in self.clusters.values():
            rect = rect.united(QRectF(item.pos(), item.size))
        for item in self.photos.values():
            rect = rect.united(item.sceneBoundingRect())
        return rect

    def _notes_rect(self) -> QRectF:
        if self._box is None:
            if not self.notes:
                return QRectF()
            xs = [item.note.x for item in self.notes.values()]
            ys = [item.note.y for item in self.notes.values()]
            left, top = min(xs), min(ys)
            self._box = QRectF(left, top, max(xs) + layout.NOTE_WIDTH - left, max(ys) + layout.NOTE_HEIGHT - top)
        return QRectF(self._box)

    def cluster_at(self, pos: QPointF, exclude: Iterable[str] = ()) -> str | None:
        """The innermost (smallest) cluster frame under ``pos``: where a dropped note lands."""
        skip = set(exclude)
        best: tuple[float, str] | None = None
        for cluster_id, item in self.clusters.items():
            if cluster_id in skip:
                continue
            frame = QRectF(item.pos(), item.size)
            if frame.contains(pos):
                area = frame.width() * frame.height()
                if best is None or area < best[0]:
                    best = (area, cluster_id)
        return best[1] if best else None

    # -- mouse ------------------------------------------------------------------------------
    def _target_at(self, pos: QPointF) -> QGraphicsItem | None:
        """The note, cluster title or photo under ``pos`` (notes sit above frames, frames above photos)."""
        for item in self.items(pos):
            if isinstance(item, (NoteItem, ClusterItem, PhotoItem)):
                return item
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._press = None
        button = event.button()
        target = self._target_at(event.scenePos())
        if self.vote_mode and isinstance(target, PhotoItem):
            event.accept()  # photos take no dots
            return
        if self.vote_mode and target is not None and button in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            remove = button == Qt.MouseButton.RightButton or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            target_id = target.note.id if isinstance(target, NoteItem) else target.cluster.id
            self.vote_requested.emit(target_id, -1 if remove else 1)
            event.accept()
            return
        if (
            button == Qt.MouseButton.LeftButton
            and target is not None
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            target.setSelected(not target.isSelected())
            event.accept()
            return
        super().mousePressEvent(event)
        if (
            button == Qt.MouseButton.LeftButton
            and target is not None
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._press = (event.scenePos(), target)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if self._drag is None:
                moved = (event.screenPos() - event.buttonDownScreenPos(Qt.MouseButton.LeftButton)).manhattanLength()
                if moved < QApplication.startDragDistance():
                    return
                self._drag = self._start_drag(self._press[1])
            self.drag_to(event.scenePos() - self._press[0])
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            self.finish_drag(event.scenePos())
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.vote_mode:
            # Qt delivers the second click of a quick pair as a double-click, not a press.
            # While recording dots it is one more dot (or one taken back): count it.
            self.mousePressEvent(event)
            return
        target = self._target_at(event.scenePos())
        if target is not None and not self.vote_mode and event.button() == Qt.MouseButton.LeftButton:
            self.edit_requested.emit(target)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    # -- dragging ------------------------------------------------------------------------
    def _start_drag(self, target: QGraphicsItem) -> _Drag:
        """Collect what moves: the selected notes, and whole clusters (frame and members) when a title is dragged."""
        if not target.isSelected():
            self.select(
                [target.note.id] if isinstance(target, NoteItem) else [],
                [target.cluster.id] if isinstance(target, ClusterItem) else [],
                [target.photo.id] if isinstance(target, PhotoItem) else [],
            )
        cluster_ids = set(self.selected_cluster_ids())
        note_items = {i.note.id: i for i in self._selected}
        if cluster_ids:
            for item in self.notes.values():
                if item.note.cluster_id in cluster_ids:
                    note_items[item.note.id] = item
        drag = _Drag(
            notes=[(item, item.pos()) for item in note_items.values()],
            clusters=[(self.clusters[i], self.clusters[i].pos()) for i in cluster_ids],
            whole_clusters=cluster_ids,
            anchor_is_note=isinstance(target, NoteItem),
            photos=[(self.photos[i], self.photos[i].pos()) for i in self.selected_photo_ids()],
        )
        for item, _ in drag.notes:
            item.setZValue(1.0)
        self.far.hold(note_items)
        moved_frames = [self.clusters[i] for i in cluster_ids]
        self.moving.set_notes(note_items.values(), moved_frames)
        if moved_frames:
            self.far.set_clusters(c for i, c in self.clusters.items() if i not in cluster_ids)
        self.moving.setVisible(self.far_mode)
        return drag

    def begin_drag(self, target: QGraphicsItem, press: QPointF) -> None:
        """Start a drag from code (benchmarks and tests drive the same path as the mouse)."""
        self._press = (press, target)
        self._drag = self._start_drag(target)

    def drag_to(self, delta: QPointF) -> None:
        drag = self._drag
        if drag is None:
            return
        for item, origin in drag.notes:
            item.setPos(origin + delta)
        for item, origin in drag.clusters:
            item.setPos(origin + delta)
        for item, origin in drag.photos:
            item.setPos(origin + delta)
        drag.delta = delta
        self.moving.setPos(delta)

    def finish_drag(self, drop: QPointF) -> None:
        drag, self._drag = self._drag, None
        if drag is None:
            return
        delta = drag.delta
        note_positions = {item.note.id: (origin.x() + delta.x(), origin.y() + delta.y()) for item, origin in drag.notes}
        cluster_positions = {
            item.cluster.id: (item.cluster.x + delta.x(), item.cluster.y + delta.y()) for item, _ in drag.clusters
        }
        photo_positions = {
            item.photo.id: (origin.x() + delta.x(), origin.y() + delta.y()) for item, origin in drag.photos
        }
        into: dict[str, str | None] = {}
        if drag.anchor_is_note:
            landing = self.cluster_at(drop, exclude=drag.whole_clusters)
            for item, _ in drag.notes:
                if item.note.cluster_id not in drag.whole_clusters:
                    into[item.note.id] = landing
        for item, _ in drag.notes:
            item.setZValue(0.0)
        self.moving.setVisible(False)
        self.far.release(item for item, _ in drag.notes)
        if delta.manhattanLength() > 0:
            self.drag_finished.emit(note_positions, cluster_positions, into, photo_positions)
        # Whatever the command did (or if the write failed), show the model's positions.
        for item, _ in drag.notes:
            note = item.note
            if item.pos() != QPointF(note.x, note.y):
                item.setPos(note.x, note.y)
        for item, _ in drag.photos:
            if item.scene() is self:
                item.setPos(item.photo.x, item.photo.y)
        self._update_frames(c.cluster.id for c, _ in drag.clusters)
        self.far.update_notes(item for item, _ in drag.notes)
        self.far.set_clusters(self.clusters.values())


class _Drag:
    def __init__(
        self,
        notes: list[tuple[NoteItem, QPointF]],
        clusters: list[tuple[ClusterItem, QPointF]],
        whole_clusters: set[str],
        anchor_is_note: bool,
        photos: list[tuple[PhotoItem, QPointF]] | None = None,
    ) -> None:
        self.photos = photos or []
        self.notes = notes
        self.clusters = clusters
        self.whole_clusters = whole_clusters
        self.anchor_is_note = anchor_is_note
        self.delta = QPointF(0, 0)


def _no_photo(photo_id: str) -> bytes:
    raise KeyError(photo_id)
