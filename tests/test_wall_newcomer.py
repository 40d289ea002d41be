"""What a newcomer hit on the wall: Ctrl+G hiding loose notes, Tidy all leaving a blank canvas, quick clicks
losing dots, typing after a tab switch going nowhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from facilitator.core import layout
from facilitator.core.wall import Note, Wall
from facilitator.ui.document import Document
from facilitator.ui.wall import create_wall_view
from facilitator.ui.wall.widget import WallWidget


@pytest.fixture
def wall_id(document: Document) -> str:
    return document.project.wall_named("Barriers").id


@pytest.fixture
def widget(document: Document, wall_id: str, qtbot) -> WallWidget:
    w = create_wall_view(document, wall_id, None)
    assert isinstance(w, WallWidget)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def _send(widget: WallWidget, kind, pos: QPoint, button, buttons) -> None:
    viewport = widget.view.viewport()
    event = QMouseEvent(
        kind, QPointF(pos), QPointF(viewport.mapToGlobal(pos)), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewport, event)


def _covered(wall: Wall, cluster_id: str) -> list[str]:
    """Notes outside the cluster that its frame covers."""
    frame = layout.cluster_rect(wall.clusters[cluster_id], wall.members(cluster_id))
    hidden = []
    for note in wall.notes.values():
        r = layout.note_rect(note)
        inside = not (r.right <= frame.x or frame.right <= r.x or r.bottom <= frame.y or frame.bottom <= r.y)
        if inside and note.cluster_id != cluster_id:
            hidden.append(note.text)
    return hidden


# -- Ctrl+G ---------------------------------------------------------------------------------------------------------
def test_ctrl_g_never_drops_the_new_frame_over_loose_notes(widget, document, wall_id, qtbot):
    wall = document.project.wall(wall_id)
    texts = [
        "Childcare",
        "Worried about pain",
        "Bus fares",
        "Shift work",
        "No changing rooms",
        "Stairs",
        "Dark",
        "Cost",
    ]
    ids = widget.editor.capture(texts)
    # The first of the first row and the second of the second row: their tidied frame (two columns wide)
    # would reach over "Worried about pain" where the first one was.
    chosen = [ids[0], ids[7]]
    widget.scene.select(chosen)
    widget.view.setFocus()
    qtbot.keyClick(widget.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    cluster_id = wall.notes[ids[0]].cluster_id
    assert cluster_id is not None and wall.notes[ids[7]].cluster_id == cluster_id
    assert _covered(wall, cluster_id) == []
    # Nothing else moved, and one undo puts the two notes back.
    assert all(wall.notes[i].cluster_id is None for i in ids if i not in chosen)
    document.undo_stack.undo()
    assert cluster_id not in wall.clusters


def test_grouping_places_the_frame_near_the_notes_when_there_is_room():
    wall = Wall("w")
    a, b = Note("a", x=0, y=0), Note("b", x=400, y=400)
    wall.add_note(a)
    wall.add_note(b)
    (x, y), placed = layout.new_cluster_place(wall, [a.id, b.id])
    assert (x, y) == (-layout.CLUSTER_PADDING, -layout.CLUSTER_PADDING - layout.CLUSTER_TITLE_HEIGHT)
    assert placed[a.id] == (0.0, 0.0)


def test_grouping_steps_around_notes_and_clusters_in_the_way():
    wall = Wall("w")
    notes = [Note(str(i), x=i * (layout.NOTE_WIDTH + layout.GAP), y=0) for i in range(6)]
    for n in notes:
        wall.add_note(n)
    far = Note("far", x=0, y=3 * (layout.NOTE_HEIGHT + layout.GAP))
    wall.add_note(far)
    (x, y), placed = layout.new_cluster_place(wall, [notes[0].id, far.id])
    frame = layout.Rect(x, y, 0, 0)
    for note_id, (nx, ny) in placed.items():
        wall.notes[note_id].x, wall.notes[note_id].y = nx, ny
        frame = frame.united(layout.note_rect(wall.notes[note_id]))
    for n in notes[1:]:
        r = layout.note_rect(n)
        assert r.right <= frame.x or frame.right <= r.x or r.bottom <= frame.y or frame.bottom <= r.y


def test_tidy_all_leaves_the_clusters_in_view(widget, document, wall_id, qtbot):
    widget.view.centerOn(-30000, -30000)  # looking somewhere far off, as after a long session
    widget.tidy_all()
    seen = widget.view.mapToScene(widget.view.viewport().rect()).boundingRect()
    wall = document.project.wall(wall_id)
    first = next(iter(wall.clusters.values()))
    frame = layout.cluster_rect(first, wall.members(first.id))
    assert seen.intersects(QRectF(frame.x, frame.y, frame.width, frame.height))


# -- dot voting -----------------------------------------------------------------------------------------------------
def test_ten_quick_clicks_on_a_note_give_ten_dots(widget, document, wall_id):
    wall = document.project.wall(wall_id)
    widget.vote_button.click()
    widget.votes.new_round()
    widget.votes.record.setChecked(True)
    current = wall.rounds[-1]
    note_id = wall.unclustered()[0].id
    widget.view.set_scale(0.6)
    widget.view.centerOn(widget.scene.notes[note_id])
    p = widget.view.mapFromScene(widget.scene.notes[note_id].sceneBoundingRect().center())
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    # What Qt delivers for ten quick clicks: pairs of press/release and double-click/release.
    for _ in range(5):
        _send(widget, QMouseEvent.Type.MouseButtonPress, p, left, left)
        _send(widget, QMouseEvent.Type.MouseButtonRelease, p, left, none)
        _send(widget, QMouseEvent.Type.MouseButtonDblClick, p, left, left)
        _send(widget, QMouseEvent.Type.MouseButtonRelease, p, left, none)
    assert current.note_votes == {note_id: 10}
    assert widget.scene.notes[note_id].dots == 10


# -- typing after a tab switch --------------------------------------------------------------------------------------
@pytest.fixture
def window(demo_file, qtbot):
    from facilitator.ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.open_path(demo_file)
    w.activateWindow()
    qtbot.waitExposed(w)
    return w


def _type_into_focus(qtbot, text: str) -> None:
    for ch in text:
        target = QApplication.focusWidget()
        assert target is not None
        qtbot.keyClicks(target, ch)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_typing_right_after_clicking_a_wall_tab_adds_the_note(window, qtbot):
    wall = window.document.project.wall_named("Ideas")
    window.agenda_panel.setFocus()
    window.agenda_panel.focusNextChild()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    bar = window.tabs.tabBar()
    qtbot.mouseClick(
        bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.tabs.indexOf(window.wall_views[wall.id])).center()
    )
    _type_into_focus(qtbot, "Childcare")
    assert "Childcare" in [n.text for n in wall.notes.values()]


def test_typing_on_the_tab_bar_of_a_wall_goes_to_its_capture_box(window, qtbot):
    wall = window.document.project.wall_named("Ideas")
    bar = window.tabs.tabBar()
    bar.setFocus()
    qtbot.waitUntil(bar.hasFocus)
    window.tabs.setCurrentWidget(window.wall_views[wall.id])
    assert bar.hasFocus()  # walking the tabs with the arrow keys keeps the focus on the bar
    _type_into_focus(qtbot, "Worried about pain")
    assert "Worried about pain" in [n.text for n in wall.notes.values()]
