"""Moving about the wall by keyboard: arrows walk between notes, Shift+arrows extend, Ctrl+arrows nudge,
C and Shift+C walk the clusters.

The view reports arrow presses (``WallView.arrow_pressed``); this decides where
they go, so a keyboard user can reach, select and move every note and cluster.
Moves are edits and go through the wall's editor like any other.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt, Signal

from facilitator.core import layout
from facilitator.core.wall import Note
from facilitator.ui.wall.editing import WallEditor
from facilitator.ui.wall.scene import WallScene
from facilitator.ui.wall.view import WallView

NUDGE = 20.0  # Ctrl+arrow moves the selection this far (scene units)
BIG_NUDGE = 100.0  # Ctrl+Shift+arrow
# For the shortcut help: the arrows are not actions; the view catches them (view.ARROWS) and sends them to
# WallNavigator.arrow, whose nudge steps are the constants above.
ARROW_KEYS = (
    ("Arrows", "Go to the next note that way"),
    ("Shift+Arrows", "Add the next note that way to the selection"),
    ("Ctrl+Arrows", f"Nudge the selection ({NUDGE:.0f} points; with Shift {BIG_NUDGE:.0f})"),
)


def nearest_note(
    notes: Iterable[Note], origin: tuple[float, float], direction: tuple[int, int], skip: set
) -> str | None:
    """The note nearest ``origin`` in ``direction`` (a 90° cone), or simply nearest with no direction."""
    ox, oy = origin
    dx, dy = direction
    best: tuple[float, str] | None = None
    for note in notes:
        if note.id in skip:
            continue
        vx, vy = note.x - ox, note.y - oy
        if dx or dy:
            along = vx * dx + vy * dy
            across = abs(vx * dy - vy * dx)
            if along <= 0 or across > along:
                continue
            distance = along + 2 * across  # prefer straight ahead over diagonal
        else:
            distance = abs(vx) + abs(vy)
        if best is None or distance < best[0]:
            best = (distance, note.id)
    return best[1] if best else None


class WallNavigator(QObject):
    """Keyboard navigation on one wall's scene and view; ``message`` says what a key did when it is not seen."""

    message = Signal(str)

    def __init__(self, editor: WallEditor, scene: WallScene, view: WallView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._scene = scene
        self._view = view
        self.anchor: str | None = None  # the note the next arrow goes on from

    def arrow(self, dx: int, dy: int, modifiers: Qt.KeyboardModifier) -> None:
        """Arrows go to the nearest note that way, Shift+arrows add it to the selection, Ctrl+arrows nudge
        the selection (one undo step per press)."""
        wall = self._editor.wall
        scene = self._scene
        selected = scene.selected_note_ids()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            step = BIG_NUDGE if modifiers & Qt.KeyboardModifier.ShiftModifier else NUDGE
            photos = {i: scene.photos[i].photo for i in scene.selected_photo_ids()}
            if selected or photos:
                self._editor.move(
                    {i: (wall.notes[i].x + dx * step, wall.notes[i].y + dy * step) for i in selected},
                    photo_positions={i: (p.x + dx * step, p.y + dy * step) for i, p in photos.items()},
                )
            return
        anchor = None
        if selected:
            anchor = self.anchor if self.anchor in selected else selected[-1]
            here = wall.notes[anchor]
            origin = (here.x, here.y)
        else:
            centre = self._view.mapToScene(self._view.viewport().rect().center())
            origin = (centre.x() - layout.NOTE_WIDTH / 2, centre.y() - layout.NOTE_HEIGHT / 2)
        target = nearest_note(wall.notes.values(), origin, (dx, dy) if selected else (0, 0), {anchor})
        if target is None:
            return
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            scene.notes[target].setSelected(True)
        else:
            scene.select([target])
        self.anchor = target  # the next arrow goes on from here
        self._view.ensureVisible(scene.notes[target], 40, 40)

    def next_cluster(self) -> None:
        self.step_cluster(1)

    def previous_cluster(self) -> None:
        self.step_cluster(-1)

    def step_cluster(self, step: int) -> None:
        """C selects the cluster of the selected note; pressed again (or with no note in a cluster selected) it
        walks the clusters in reading order, so a keyboard user can reach every cluster to rename, colour,
        tidy, vote on or ungroup it."""
        wall = self._editor.wall
        scene = self._scene
        if not wall.clusters:
            self.message.emit("This wall has no clusters yet: select notes and press Ctrl+G to make one.")
            return
        selected_clusters = scene.selected_cluster_ids()
        own = [wall.notes[i].cluster_id for i in scene.selected_note_ids() if wall.notes[i].cluster_id]
        if own and not selected_clusters and step > 0:
            target = own[0]
        else:
            order = sorted(wall.clusters.values(), key=lambda c: (round(c.y / 40), c.x, c.title.casefold()))
            ids = [c.id for c in order]
            if selected_clusters and selected_clusters[0] in ids:
                target = ids[(ids.index(selected_clusters[0]) + step) % len(ids)]
            else:
                target = ids[0] if step > 0 else ids[-1]
        scene.select(cluster_ids=[target])
        self.anchor = None
        self._view.ensureVisible(scene.clusters[target], 40, 40)
        self.message.emit(f"Cluster “{wall.clusters[target].title}” selected: F2 renames, Delete ungroups.")
