"""The canvas itself: level of detail, far-zoom drags and rubber bands, panning, drops, pictures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsScene

from facilitator.cli import main as cli_main
from facilitator.core.wall import Cluster, Note, Wall
from facilitator.ui.wall import create_wall_view
from facilitator.ui.wall.picture import paint_wall
from facilitator.ui.wall.scene import WallScene
from facilitator.ui.wall.style import FAR_SCALE, laptop_style
from facilitator.ui.wall.view import WallView

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
from wall_fixture import big_wall


@pytest.fixture
def widget(document, qtbot):
    w = create_wall_view(document, document.project.wall_named("Barriers").id, None)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def mouse(view: WallView, kind, pos: QPoint, button, buttons) -> None:
    viewport = view.viewport()
    QApplication.sendEvent(
        viewport,
        QMouseEvent(
            kind, QPointF(pos), QPointF(viewport.mapToGlobal(pos)), button, buttons, Qt.KeyboardModifier.NoModifier
        ),
    )


def test_far_layer_holds_every_note_and_follows_edits(widget, document):
    scene = widget.scene
    wall = widget.editor.wall
    assert scene.far.note_count() == len(wall.notes)
    ids = widget.editor.capture(["one", "two"])
    assert scene.far.note_count() == len(wall.notes)
    widget.editor.delete(ids)
    assert scene.far.note_count() == len(wall.notes)
    document.undo_stack.undo()
    assert scene.far.note_count() == len(wall.notes)


def test_a_drag_while_zoomed_out_uses_the_moving_layer_and_lands_in_a_cluster(widget, document):
    scene, view = widget.scene, widget.view
    wall = widget.editor.wall
    note = wall.unclustered()[0]
    cluster = next(iter(wall.clusters.values()))
    view.set_scale(FAR_SCALE * 0.6)
    view.centerOn(scene.content_rect().center())
    assert scene.far_mode
    left = Qt.MouseButton.LeftButton
    start = view.mapFromScene(scene.notes[note.id].sceneBoundingRect().center())
    end = view.mapFromScene(scene.clusters[cluster.id].sceneBoundingRect().center())
    mouse(view, QMouseEvent.Type.MouseButtonPress, start, left, left)
    mouse(view, QMouseEvent.Type.MouseMove, start + QPoint(10, 10), Qt.MouseButton.NoButton, left)
    assert scene.moving.isVisible()
    assert scene.far.note_count() == len(wall.notes) - 1  # the dragged note left the batches
    mouse(view, QMouseEvent.Type.MouseMove, end, Qt.MouseButton.NoButton, left)
    mouse(view, QMouseEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)
    assert not scene.moving.isVisible()
    assert scene.far.note_count() == len(wall.notes)
    assert wall.notes[note.id].cluster_id == cluster.id
    assert document.undo_stack.undoText() == "Move into cluster"


def test_rubber_band_selects_while_zoomed_out(widget):
    scene, view = widget.scene, widget.view
    view.fit_all()
    view.set_scale(FAR_SCALE * 0.5)
    view.centerOn(scene.content_rect().center())
    assert scene.far_mode
    rect = scene.content_rect()
    left = Qt.MouseButton.LeftButton
    a = view.mapFromScene(rect.topLeft() - QPointF(30, 30))
    b = view.mapFromScene(rect.bottomRight() + QPointF(30, 30))
    mouse(view, QMouseEvent.Type.MouseButtonPress, a, left, left)
    for step in range(1, 5):
        mouse(view, QMouseEvent.Type.MouseMove, a + (b - a) * step / 4, Qt.MouseButton.NoButton, left)
    mouse(view, QMouseEvent.Type.MouseButtonRelease, b, left, Qt.MouseButton.NoButton)
    assert set(scene.selected_note_ids()) == set(widget.editor.wall.notes)


def test_space_drag_and_middle_button_pan(widget, qtbot):
    view = widget.view
    view.set_scale(1.0)
    view.setFocus()
    QApplication.sendEvent(view, QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier))
    assert view.dragMode() == WallView.DragMode.ScrollHandDrag
    QApplication.sendEvent(view, QKeyEvent(QKeyEvent.Type.KeyRelease, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier))
    assert view.dragMode() == WallView.DragMode.RubberBandDrag
    h = view.horizontalScrollBar().value()
    middle = Qt.MouseButton.MiddleButton
    p = QPoint(400, 300)
    mouse(view, QMouseEvent.Type.MouseButtonPress, p, middle, middle)
    mouse(view, QMouseEvent.Type.MouseMove, p + QPoint(-120, 0), Qt.MouseButton.NoButton, middle)
    mouse(view, QMouseEvent.Type.MouseButtonRelease, p + QPoint(-120, 0), middle, Qt.MouseButton.NoButton)
    assert view.horizontalScrollBar().value() == h + 120


def test_dropping_a_file_on_the_wall_imports_it(widget, document, tmp_path, qtbot):
    wall = widget.editor.wall
    count = len(wall.notes)
    source = tmp_path / "dropped.txt"
    source.write_text("Dropped idea one\nDropped idea two\n", encoding="utf-8")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(source))])
    event = QDropEvent(
        QPointF(200, 200), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    widget.dropEvent(event)
    qtbot.waitUntil(lambda: len(wall.notes) == count + 2, timeout=5000)
    assert {"Dropped idea one", "Dropped idea two"} <= {n.text for n in wall.notes.values()}


def test_new_clusters_and_notes_from_an_import_appear_and_undo(widget, document, tmp_path, qtbot):
    wall = widget.editor.wall
    source = tmp_path / "clustered.csv"
    source.write_text("text,cluster\nA,Fresh theme\nB,Fresh theme\n", encoding="utf-8")
    widget.answer_bad_rows = False
    before = set(wall.clusters)
    with qtbot.waitSignal(document.undo_stack.indexChanged, timeout=5000):
        widget.import_paths([source])
    (new,) = set(wall.clusters) - before
    assert new in widget.scene.clusters
    document.undo_stack.undo()
    assert new not in widget.scene.clusters


def test_wall_picture_shows_the_wall_large_enough_to_read(demo_project):
    wall = demo_project.walls[0]
    image = paint_wall(wall)
    assert image.width() >= 640
    # Not a blank picture: more than a handful of distinct colours (notes, frames, text).
    colours = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 23)}
    assert len(colours) > 8


def test_render_command_writes_the_wall_picture(demo_file, tmp_path, capsys):
    out = tmp_path / "wall.png"
    assert (
        cli_main(
            ["render", str(demo_file), "--view", "wall", "--wall", "barriers", "--size", "1280x720", "-o", str(out)]
        )
        == 0
    )
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)
    assert cli_main(["render", str(demo_file), "--view", "wall", "--wall", "Nope", "-o", str(out)]) == 1
    assert "no wall called 'Nope'" in capsys.readouterr().err


def test_big_wall_opens_in_far_mode_with_every_note_batched(qtbot):
    wall = big_wall(3000, clusters=30)
    scene = WallScene(wall, laptop_style())
    view = WallView(scene)
    qtbot.addWidget(view)
    view.resize(1600, 900)
    view.show()
    view.fit_all()
    assert scene.far_mode
    assert scene.far.note_count() == 3000
    assert all(item.dots == wall.note_dots(i) for i, item in scene.notes.items())
    frame = scene.clusters[next(iter(wall.clusters))]
    assert frame.size.width() > 0


def test_cluster_frames_follow_membership(qtbot):
    wall = Wall(name="w")
    cluster = wall.add_cluster(Cluster(title="c", x=0, y=0))
    a = wall.add_note(Note(text="a", x=20, y=64, cluster_id=cluster.id))
    scene = WallScene(wall, laptop_style())
    frame = scene.clusters[cluster.id]
    width = frame.size.width()
    wall.add_note(Note(text="b", x=400, y=64, cluster_id=cluster.id))
    from facilitator.ui.wall.editing import Changes

    scene.apply(Changes(notes={n.id for n in wall.notes.values()}, clusters={cluster.id}))
    assert frame.size.width() > width
    assert a.id in scene.notes


def test_an_imported_photo_shows_behind_the_notes_and_undo_removes_it(widget, document, shared_data, qtbot):
    photo_file = shared_data / "paper-wall-photo-exif-rotated.jpg"
    widget.answer_bad_rows = False
    with qtbot.waitSignal(document.undo_stack.indexChanged, timeout=10000):
        widget.import_paths([photo_file])
    (photo,) = document.project.photos_on(widget.wall_id)
    item = widget.scene.photos[photo.id]
    widget.view.fit_rect(item.sceneBoundingRect())
    widget.view.viewport().repaint()
    assert item._pixmap is not None and not item._pixmap.isNull()
    # Upright, as the phone showed it: the decoded picture has the photo's (EXIF-corrected) proportions.
    assert (item._pixmap.width() > item._pixmap.height()) == (photo.width > photo.height)
    assert item.zValue() < min(n.zValue() for n in widget.scene.notes.values())
    document.undo_stack.undo()
    assert photo.id not in widget.scene.photos


def test_partial_repaints_of_the_far_layer_match_a_full_repaint(widget, document):
    """Edits at fit-all repaint only what they touched; the result must equal painting everything again."""
    scene, view = widget.scene, widget.view
    wall = widget.editor.wall
    view.set_scale(FAR_SCALE * 0.6)
    view.centerOn(scene.content_rect().center())
    assert scene.far_mode
    view.viewport().grab()  # fill the layer's cache
    widget.editor.capture(["fresh one", "fresh two"])
    note = wall.unclustered()[0]
    cluster = next(iter(wall.clusters.values()))
    widget.editor.move({note.id: (cluster.x + 30, cluster.y + 80)}, into_cluster={note.id: cluster.id})
    scene.select([note.id])
    widget.editor.rename_cluster(cluster.id, "Renamed while zoomed out")
    partial = view.viewport().grab().toImage()
    scene.far.update()
    full = view.viewport().grab().toImage()
    assert partial == full


def test_zoomed_out_the_scene_drops_its_item_index_and_clicks_still_find_notes(widget):
    """Far away every note is on screen, so the scene paints without an index; near, the BSP tree returns."""
    scene, view = widget.scene, widget.view
    wall = widget.editor.wall
    first, second = list(wall.notes)[:2]
    left = Qt.MouseButton.LeftButton

    def click(note_id: str) -> None:
        at = view.mapFromScene(scene.notes[note_id].sceneBoundingRect().center())
        mouse(view, QMouseEvent.Type.MouseButtonPress, at, left, left)
        mouse(view, QMouseEvent.Type.MouseButtonRelease, at, left, Qt.MouseButton.NoButton)

    view.set_scale(1.0)
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex
    view.set_scale(FAR_SCALE * 0.6)
    view.centerOn(scene.notes[first].sceneBoundingRect().center())
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.NoIndex
    click(first)
    assert scene.selected_note_ids() == [first]
    view.set_scale(1.0)
    view.centerOn(scene.notes[second].sceneBoundingRect().center())
    assert scene.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex
    assert scene.selected_note_ids() == [first]  # the selection survives the round trip
    centre = scene.notes[second].sceneBoundingRect().center()
    assert scene.items(centre)[0] is scene.notes[second]
    click(second)
    assert scene.selected_note_ids() == [second]
