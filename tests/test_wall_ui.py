"""Driving the wall as a note-taker would: capture, group, drag, vote, search, undo and redo, then reopen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsItem

from facilitator.store import ProjectFile, WriteFailed
from facilitator.ui.document import Document
from facilitator.ui.wall import create_wall_view
from facilitator.ui.wall.widget import WallCanvas, WallWidget


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


def reopen(document: Document):
    """Close the project and read the file back, as the next session would."""
    path = document.path
    document.close()
    with ProjectFile.open(path, read_only=True) as pf:
        return pf.load()


def viewport_point(widget: WallWidget, scene_point: QPointF) -> QPoint:
    return widget.view.mapFromScene(scene_point)


def send_mouse(widget: WallWidget, kind, pos: QPoint, button, buttons, modifiers=Qt.KeyboardModifier.NoModifier):
    viewport = widget.view.viewport()
    event = QMouseEvent(kind, QPointF(pos), QPointF(viewport.mapToGlobal(pos)), button, buttons, modifiers)
    QApplication.sendEvent(viewport, event)


def drag(widget: WallWidget, start: QPointF, end: QPointF) -> None:
    """A real press-move-release through the viewport, in several moves like a hand."""
    left = Qt.MouseButton.LeftButton
    a, b = viewport_point(widget, start), viewport_point(widget, end)
    send_mouse(widget, QMouseEvent.Type.MouseButtonPress, a, left, left)
    for step in range(1, 6):
        p = a + (b - a) * step / 5
        send_mouse(widget, QMouseEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, left)
    send_mouse(widget, QMouseEvent.Type.MouseButtonRelease, b, left, Qt.MouseButton.NoButton)


def click(widget: WallWidget, scene_point: QPointF, modifiers=Qt.KeyboardModifier.NoModifier, button=None) -> None:
    button = button or Qt.MouseButton.LeftButton
    p = viewport_point(widget, scene_point)
    send_mouse(widget, QMouseEvent.Type.MouseButtonPress, p, button, button, modifiers)
    send_mouse(widget, QMouseEvent.Type.MouseButtonRelease, p, button, Qt.MouseButton.NoButton, modifiers)


def centre_of(widget: WallWidget, note_id: str) -> QPointF:
    return widget.scene.notes[note_id].sceneBoundingRect().center()


# -- capture ------------------------------------------------------------------------------------
def test_typing_and_enter_adds_a_note_and_keeps_the_bar_ready(widget, document, wall_id, qtbot):
    wall = document.project.wall(wall_id)
    before = set(wall.notes)
    widget.focus_capture()
    bar = widget.capture_bar
    qtbot.keyClicks(bar.author, "Mo Hassan")
    qtbot.keyClicks(bar.text, "Bus passes for carers")
    qtbot.keyClick(bar.text, Qt.Key.Key_F4)  # next colour: orange
    qtbot.keyClick(bar.text, Qt.Key.Key_Return)
    qtbot.keyClicks(bar.text, "Evening walking group")
    qtbot.keyClick(bar.text, Qt.Key.Key_Return)

    new = [wall.notes[i] for i in set(wall.notes) - before]
    assert sorted(n.text for n in new) == ["Bus passes for carers", "Evening walking group"]
    assert {n.colour for n in new} == {"orange"}
    assert {n.author for n in new} == {"Mo Hassan"}
    assert all(n.cluster_id is None for n in new)
    assert bar.text.text() == ""
    assert all(n.id in widget.scene.notes for n in new)
    assert bar.text.hasFocus()
    qtbot.keyClick(bar.text, Qt.Key.Key_Escape)
    assert widget.view.hasFocus()
    # New notes land in the inbox, never on each other or on clustered work.
    xs = {(round(n.x), round(n.y)) for n in new}
    assert len(xs) == 2
    assert all(n.x < 0 for n in new)

    document.undo_stack.undo()
    assert [n.text for n in wall.notes.values() if n.id not in before] == ["Bus passes for carers"]
    assert len(widget.scene.notes) == len(wall.notes)
    document.undo_stack.redo()
    assert len(wall.notes) == len(before) + 2

    project = reopen(document)
    texts = {n.text for n in project.wall_named("Barriers").notes.values()}
    assert {"Bus passes for carers", "Evening walking group"} <= texts


def test_pasting_several_lines_makes_one_note_per_line_in_one_undo_step(widget, document, wall_id, qtbot):
    wall = document.project.wall(wall_id)
    count = len(wall.notes)
    QGuiApplication.clipboard().setText("First idea\n\n  Second idea  \r\nThird idea\n")
    widget.focus_capture()
    qtbot.keyClick(widget.capture_bar.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(wall.notes) == count + 3
    assert document.undo_stack.undoText() == "Add 3 notes"
    document.undo_stack.undo()
    assert len(wall.notes) == count


# -- grouping and dragging -----------------------------------------------------------------------------
def test_ctrl_g_groups_the_selection_and_the_title_can_be_typed(widget, document, wall_id, qtbot):
    wall = document.project.wall(wall_id)
    loose = [n.id for n in wall.unclustered()]
    assert len(loose) >= 2
    positions = {i: (wall.notes[i].x, wall.notes[i].y) for i in loose}
    widget.scene.select(loose)
    widget.view.setFocus()
    qtbot.keyClick(widget.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)

    cluster_ids = {wall.notes[i].cluster_id for i in loose}
    assert len(cluster_ids) == 1 and None not in cluster_ids
    (cluster_id,) = cluster_ids
    assert cluster_id in widget.scene.clusters
    editor = widget.view.editor
    assert editor is not None
    qtbot.keyClicks(editor, "Quick wins")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert wall.clusters[cluster_id].title == "Quick wins"

    document.undo_stack.undo()  # the rename
    assert wall.clusters[cluster_id].title == "New cluster"
    document.undo_stack.undo()  # the grouping
    assert cluster_id not in wall.clusters
    assert cluster_id not in widget.scene.clusters
    assert {i: (wall.notes[i].x, wall.notes[i].y) for i in loose} == positions
    assert all(wall.notes[i].cluster_id is None for i in loose)
    document.undo_stack.redo()
    document.undo_stack.redo()
    assert wall.clusters[cluster_id].title == "Quick wins"

    project = reopen(document)
    reread = project.wall_named("Barriers")
    assert reread.clusters[cluster_id].title == "Quick wins"
    assert {n.id for n in reread.members(cluster_id)} == set(loose)


def test_dragging_a_note_into_a_cluster_is_one_undo_step(widget, document, wall_id, qtbot):
    wall = document.project.wall(wall_id)
    widget.view.set_scale(0.6)
    note_id = wall.unclustered()[0].id
    start = (wall.notes[note_id].x, wall.notes[note_id].y)
    target = next(iter(wall.clusters.values()))
    frame = widget.scene.clusters[target.id]
    drop = frame.sceneBoundingRect().center()
    widget.view.fit_rect(frame.sceneBoundingRect().united(widget.scene.notes[note_id].sceneBoundingRect()))
    steps = document.undo_stack.count()

    drag(widget, centre_of(widget, note_id), drop)

    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Move into cluster"
    assert wall.notes[note_id].cluster_id == target.id
    assert (wall.notes[note_id].x, wall.notes[note_id].y) != start
    item = widget.scene.notes[note_id]
    assert (item.pos().x(), item.pos().y()) == (wall.notes[note_id].x, wall.notes[note_id].y)
    # The frame grew around its new member.
    assert frame.sceneBoundingRect().contains(item.sceneBoundingRect().center())

    document.undo_stack.undo()
    assert wall.notes[note_id].cluster_id is None
    assert (wall.notes[note_id].x, wall.notes[note_id].y) == start
    assert widget.scene.notes[note_id].pos() == QPointF(*start)
    document.undo_stack.redo()
    assert wall.notes[note_id].cluster_id == target.id

    project = reopen(document)
    assert project.wall_named("Barriers").notes[note_id].cluster_id == target.id


def test_dragging_a_cluster_title_moves_its_notes(widget, document, wall_id):
    wall = document.project.wall(wall_id)
    cluster = next(iter(wall.clusters.values()))
    members = {n.id: (n.x, n.y) for n in wall.members(cluster.id)}
    widget.view.set_scale(0.6)
    item = widget.scene.clusters[cluster.id]
    widget.view.centerOn(item)
    title = item.mapToScene(item.title_rect().center())
    drag(widget, title, title + QPointF(300, 200))
    for note_id, (x, y) in members.items():
        n = wall.notes[note_id]
        assert (round(n.x - x), round(n.y - y)) == (300, 200)
        assert n.cluster_id == cluster.id
    assert document.undo_stack.undoText() == "Move cluster"
    document.undo_stack.undo()
    assert {n.id: (n.x, n.y) for n in wall.members(cluster.id)} == members


def test_dragging_a_note_out_of_its_cluster_ungroups_it(widget, document, wall_id):
    wall = document.project.wall(wall_id)
    cluster = next(iter(wall.clusters.values()))
    note = wall.members(cluster.id)[0]
    widget.view.set_scale(0.6)
    widget.view.centerOn(widget.scene.notes[note.id])
    start = centre_of(widget, note.id)
    frame = widget.scene.clusters[cluster.id].sceneBoundingRect()
    drag(widget, start, QPointF(frame.left() - 150, start.y()))
    assert wall.notes[note.id].cluster_id is None
    assert document.undo_stack.undoText() == "Move out of cluster"


# -- voting ----------------------------------------------------------------------------------------------
def test_recording_dots_by_clicking_and_rounds_stay_separate(widget, document, wall_id, qtbot):
    wall = document.project.wall(wall_id)
    first_round = wall.rounds[0]
    first_votes = dict(first_round.note_votes), dict(first_round.cluster_votes)
    widget.vote_button.click()
    widget.votes.new_round()
    assert len(wall.rounds) == 2
    second = wall.rounds[1]
    assert widget.votes.record.isChecked()
    note_id = wall.unclustered()[0].id
    widget.view.set_scale(0.6)
    widget.view.centerOn(widget.scene.notes[note_id])

    click(widget, centre_of(widget, note_id))
    click(widget, centre_of(widget, note_id))
    click(widget, centre_of(widget, note_id), Qt.KeyboardModifier.ShiftModifier)
    assert second.note_votes == {note_id: 1}
    assert widget.scene.notes[note_id].dots == 1  # the badge shows this round while recording
    cluster = next(iter(wall.clusters.values()))
    item = widget.scene.clusters[cluster.id]
    widget.view.centerOn(item)
    click(widget, item.mapToScene(item.title_rect().center()))
    assert second.cluster_votes == {cluster.id: 1}

    document.undo_stack.undo()
    assert second.cluster_votes == {}
    document.undo_stack.redo()
    # The ranking for this round lists the cluster and the note.
    texts = [widget.votes.ranked.item(i).text() for i in range(widget.votes.ranked.count())]
    assert any(cluster.title in t for t in texts)

    # Clearing round 2 leaves round 1 alone; undo brings round 2's dots back.
    widget.votes.clear_round()
    assert second.total == 0
    assert "Cleared 2 dots" in widget.status.text()
    assert (first_round.note_votes, first_round.cluster_votes) == first_votes
    document.undo_stack.undo()
    assert second.note_votes == {note_id: 1}

    project = reopen(document)
    rounds = project.wall_named("Barriers").rounds
    assert [r.total for r in rounds] == [first_round.total, 2]
    assert rounds[1].note_votes == {note_id: 1}


def test_ungrouping_keeps_the_dots_on_notes_in_every_round(widget, document, wall_id, qtbot):
    wall = document.project.wall(wall_id)
    cluster = max(wall.clusters.values(), key=lambda c: wall.cluster_dots(c.id))
    note_dots = {n.id: wall.note_dots(n.id) for n in wall.members(cluster.id)}
    own = wall.cluster_dots(cluster.id, include_members=False)
    assert own > 0
    widget.scene.select(cluster_ids=[cluster.id])
    widget.view.setFocus()
    qtbot.keyClick(widget.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert cluster.id not in wall.clusters
    assert {i: wall.note_dots(i) for i in note_dots} == note_dots
    assert str(own) in widget.status.text()  # the lost cluster dots are said, not silent
    document.undo_stack.undo()
    assert wall.cluster_dots(cluster.id, include_members=False) == own


def test_deleting_a_voted_note_and_undoing_brings_its_dots_back(widget, document, wall_id, qtbot):
    wall = document.project.wall(wall_id)
    note = max(wall.notes.values(), key=lambda n: wall.note_dots(n.id))
    dots = wall.note_dots(note.id)
    assert dots > 0
    widget.scene.select([note.id])
    widget.view.setFocus()
    qtbot.keyClick(widget.view, Qt.Key.Key_Delete)
    assert note.id not in wall.notes and note.id not in widget.scene.notes
    document.undo_stack.undo()
    assert wall.note_dots(note.id) == dots
    assert widget.scene.notes[note.id].dots == dots
    project = reopen(document)
    assert project.wall_named("Barriers").note_dots(note.id) == dots


# -- editing ---------------------------------------------------------------------------------------------------
def test_f2_edits_a_note_in_place(widget, document, wall_id, qtbot):
    wall = document.project.wall(wall_id)
    note = wall.unclustered()[0]
    widget.scene.select([note.id])
    widget.view.setFocus()
    qtbot.keyClick(widget.view, Qt.Key.Key_F2)
    editor = widget.view.editor
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Rewritten on the wall")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert wall.notes[note.id].text == "Rewritten on the wall"
    assert document.undo_stack.undoText() == "Edit note"


def test_number_keys_recolour_and_ctrl_d_duplicates(widget, document, wall_id, qtbot):
    wall = document.project.wall(wall_id)
    note = wall.unclustered()[0]
    widget.scene.select([note.id])
    widget.view.setFocus()
    qtbot.keyClick(widget.view, Qt.Key.Key_4)  # the fourth colour: blue
    assert wall.notes[note.id].colour == "blue"
    count = len(wall.notes)
    qtbot.keyClick(widget.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(wall.notes) == count + 1
    copy_id = widget.scene.selected_note_ids()[0]
    assert copy_id != note.id and wall.notes[copy_id].text == note.text


def test_a_failed_write_leaves_model_and_file_agreeing(widget, document, wall_id, monkeypatch, qtbot):
    wall = document.project.wall(wall_id)
    count, steps = len(wall.notes), document.undo_stack.count()

    def fail(*args, **kwargs):
        raise WriteFailed("The disk is full: the last change was not saved.")

    monkeypatch.setattr(document.store, "save_notes", fail)
    with qtbot.waitSignal(document.write_failed) as blocker:
        widget.editor.capture(["Lost to a full disk"])
    assert "disk is full" in blocker.args[0]
    assert len(wall.notes) == count
    assert len(widget.scene.notes) == count
    assert document.undo_stack.count() == steps
    monkeypatch.undo()
    project = reopen(document)
    assert len(project.wall_named("Barriers").notes) == count


# -- search and filters --------------------------------------------------------------------------------------
def test_search_highlights_matches_and_filters_dim_the_rest(widget, document, wall_id, qtbot):
    wall = document.project.wall(wall_id)
    qtbot.keyClicks(widget.find, "appointment")
    expected = {n.id for n in wall.notes.values() if "appointment" in n.text.casefold()}
    assert expected
    matched = {i for i, item in widget.scene.notes.items() if item.matched}
    assert matched == expected
    assert all(item.dimmed for i, item in widget.scene.notes.items() if i not in expected)
    assert widget.match_label.text() == f"{len(expected)} of {len(wall.notes)} match"
    qtbot.keyClick(widget.find, Qt.Key.Key_Return)
    assert widget.scene.selected_note_ids()[0] in expected

    widget.find.clear()
    widget.colour_filter.setCurrentIndex(widget.colour_filter.findData("pink"))
    pink = {n.id for n in wall.notes.values() if n.colour == "pink"}
    assert {i for i, item in widget.scene.notes.items() if not item.dimmed} == pink
    group = next(n.group for n in wall.notes.values() if n.group)
    widget.group_filter.setCurrentIndex(widget.group_filter.findData(group))
    both = {n.id for n in wall.notes.values() if n.colour == "pink" and n.group == group}
    assert {i for i, item in widget.scene.notes.items() if not item.dimmed} == both
    widget.colour_filter.setCurrentIndex(0)
    widget.group_filter.setCurrentIndex(0)
    assert not any(item.dimmed for item in widget.scene.notes.values())


# -- zoom and level of detail ------------------------------------------------------------------------------------
def test_zooming_out_switches_to_the_batched_layer_and_keeps_the_selection(widget, document, wall_id):
    scene = widget.scene
    some = list(scene.notes)[:3]
    scene.select(some)
    widget.view.set_scale(1.0)
    assert not scene.far_mode and not scene.far.isVisible()
    widget.view.set_scale(0.1)
    assert scene.far_mode and scene.far.isVisible()
    flags = scene.notes[some[0]].flags()
    assert flags & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    assert set(scene.selected_note_ids()) == set(some)
    widget.view.set_scale(1.0)
    assert not scene.notes[some[0]].flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def test_ctrl_wheel_zooms_and_fit_all_shows_every_note(widget):
    view = widget.view
    view.fit_all()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in widget.scene.notes.values():
        assert visible.contains(item.sceneBoundingRect())
    before = view.scale_factor
    view.zoom_by(1.25)
    assert view.scale_factor == pytest.approx(before * 1.25)


# -- projector and main window -------------------------------------------------------------------------------------
def test_projector_view_follows_edits_made_on_the_laptop(widget, document, wall_id, qtbot):
    canvas = create_wall_view(document, wall_id, None, projector=True)
    assert isinstance(canvas, WallCanvas)
    qtbot.addWidget(canvas)
    canvas.resize(1920, 1080)
    canvas.show()
    ids = widget.editor.capture(["Seen on the big screen"])
    assert ids[0] in canvas.scene.notes
    assert canvas.scene.style.text_font.pixelSize() > widget.scene.style.text_font.pixelSize()
    document.undo_stack.undo()
    assert ids[0] not in canvas.scene.notes


def test_main_window_show_wall_switches_tab_and_focuses_capture(demo_file, qtbot):
    from facilitator.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(demo_file)
    wall = window.document.project.wall_named("Ideas")
    window.activateWindow()
    qtbot.waitExposed(window)
    window.show_wall(wall.id, capture=True)
    view = window.wall_views[wall.id]
    assert window.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.capture_bar.text.hasFocus())


# -- imports from the wall ---------------------------------------------------------------------------------------------
def test_importing_a_text_file_onto_the_wall_is_one_undo_step(widget, document, wall_id, tmp_path, qtbot):
    wall = document.project.wall(wall_id)
    count = len(wall.notes)
    source = tmp_path / "called-out.txt"
    source.write_text("Warm-up walk\n\nSocial prescribing desk\n", encoding="utf-8")
    widget.answer_bad_rows = False
    with qtbot.waitSignal(document.undo_stack.indexChanged, timeout=5000):
        widget.import_paths([source])
    assert len(wall.notes) == count + 2
    assert len(widget.scene.notes) == count + 2
    document.undo_stack.undo()
    assert len(wall.notes) == count and len(widget.scene.notes) == count


def test_an_import_that_moves_a_blocked_cluster_redraws_its_notes_there(widget, document, wall_id, tmp_path, qtbot):
    wall = document.project.wall(wall_id)
    cluster = next(c for c in wall.clusters.values() if c.title == "No time in the appointment")
    members = [n.id for n in wall.members(cluster.id)]
    source = tmp_path / "more.csv"
    source.write_text("text,cluster\nOne more,No time in the appointment\nAnd another,No time in the appointment\n")
    widget.answer_bad_rows = False

    def drawn_where_the_model_says() -> bool:
        return all(
            (widget.scene.notes[i].pos().x(), widget.scene.notes[i].pos().y()) == (wall.notes[i].x, wall.notes[i].y)
            for i in members
        )

    before = {i: (wall.notes[i].x, wall.notes[i].y) for i in members}
    with qtbot.waitSignal(document.undo_stack.indexChanged, timeout=5000):
        widget.import_paths([source])
    assert {i: (wall.notes[i].x, wall.notes[i].y) for i in members} != before  # the tidy demo has no room: it moved
    assert drawn_where_the_model_says()
    document.undo_stack.undo()
    assert {i: (wall.notes[i].x, wall.notes[i].y) for i in members} == before
    assert drawn_where_the_model_says()


def test_importing_a_csv_with_bad_rows_can_import_nothing(widget, document, wall_id, tmp_path, qtbot):
    wall = document.project.wall(wall_id)
    count = len(wall.notes)
    source = tmp_path / "notes.csv"
    source.write_text("text,colour\nGood one,yellow\n,blue\nAnother good,pink\n", encoding="utf-8")
    widget.answer_bad_rows = False
    widget.import_paths([source])
    qtbot.waitUntil(lambda: bool(widget.last_import_messages))
    assert len(wall.notes) == count
    assert "Nothing imported" in " ".join(widget.last_import_messages)


def test_captured_notes_never_land_on_a_cluster_moved_into_the_inbox(widget, document, wall_id):
    from facilitator.core import layout

    wall = document.project.wall(wall_id)
    cluster = next(iter(wall.clusters.values()))
    frame = layout.cluster_rect(cluster, wall.members(cluster.id))
    inbox_left = -(layout.INBOX_COLUMNS * (layout.NOTE_WIDTH + layout.GAP)) - 6 * layout.GAP
    dx, dy = inbox_left - frame.x, -frame.y
    widget.editor.move(
        {n.id: (n.x + dx, n.y + dy) for n in wall.members(cluster.id)},
        {cluster.id: (cluster.x + dx, cluster.y + dy)},
    )
    moved = layout.cluster_rect(cluster, wall.members(cluster.id))
    ids = widget.editor.capture([f"note {i}" for i in range(8)])
    for note_id in ids:
        r = layout.note_rect(wall.notes[note_id])
        assert not (r.x < moved.right and moved.x < r.right and r.y < moved.bottom and moved.y < r.bottom)


def test_right_click_menu_recolours_the_note_under_the_mouse(widget, document, wall_id):
    from PySide6.QtWidgets import QMenu

    wall = document.project.wall(wall_id)
    note = wall.unclustered()[0]
    assert note.colour != "purple"
    widget.view.set_scale(0.8)
    widget.view.centerOn(widget.scene.notes[note.id])
    widget.view.customContextMenuRequested.emit(viewport_point(widget, centre_of(widget, note.id)))
    menu = next(m for m in widget.findChildren(QMenu) if m.isVisible())
    assert widget.scene.selected_note_ids() == [note.id]
    colours = next(a.menu() for a in menu.actions() if a.text() == "Colour")
    next(a for a in colours.actions() if a.data() == "purple").trigger()
    menu.close()
    assert wall.notes[note.id].colour == "purple"
    assert document.undo_stack.undoText() == "Change colour"


def test_typing_shortcut_keys_in_the_note_editor_types_them(widget, document, wall_id, qtbot):
    wall = document.project.wall(wall_id)
    note = wall.unclustered()[0]
    colour, count = note.colour, len(wall.notes)
    widget.scene.select([note.id])
    widget.view.setFocus()
    qtbot.keyClick(widget.view, Qt.Key.Key_F2)
    editor = widget.view.editor
    editor.selectAll()
    qtbot.keyClicks(editor, "N 1+2 - done")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert wall.notes[note.id].text == "N 1+2 - don"
    assert wall.notes[note.id].colour == colour
    assert len(wall.notes) == count


def test_arrow_keys_walk_between_notes_and_ctrl_arrows_nudge(widget, document, wall_id, qtbot):
    wall = document.project.wall(wall_id)
    cluster = next(iter(wall.clusters.values()))
    row = sorted(
        (n for n in wall.members(cluster.id) if n.y == min(m.y for m in wall.members(cluster.id))), key=lambda n: n.x
    )
    assert len(row) >= 3
    widget.scene.select([row[0].id])
    widget.view.setFocus()
    qtbot.keyClick(widget.view, Qt.Key.Key_Right)
    assert widget.scene.selected_note_ids() == [row[1].id]
    qtbot.keyClick(widget.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert set(widget.scene.selected_note_ids()) == {row[1].id, row[2].id}
    before = {n.id: (n.x, n.y) for n in row[1:3]}
    qtbot.keyClick(widget.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert {n.id: (n.x, n.y) for n in row[1:3]} == {i: (x, y + 20) for i, (x, y) in before.items()}
    assert document.undo_stack.undoText() == "Move 2 notes"
    qtbot.keyClick(widget.view, Qt.Key.Key_Left)
    assert widget.scene.selected_note_ids() == [row[1].id]


def test_inbox_search_on_the_near_part_of_the_wall_matches_the_full_search(widget, document, wall_id):
    """Capture looks only at what reaches left of x = 0; it must pick the same places as looking at everything."""
    import random

    from facilitator.ingest import placement

    wall = document.project.wall(wall_id)
    rng = random.Random(4)
    clusters = list(wall.clusters.values())
    for cluster in clusters[:3]:  # drag some clusters part-way into the inbox
        dx, dy = -rng.uniform(200, 1400), rng.uniform(-100, 600)
        widget.editor.move(
            {n.id: (n.x + dx, n.y + dy) for n in wall.members(cluster.id)},
            {cluster.id: (cluster.x + dx, cluster.y + dy)},
        )
    widget.editor.capture([f"loose {i}" for i in range(9)])
    full = placement.inbox_places(placement.Occupancy.of_wall(wall, document.project.photos_on(wall.id)), 25)
    near = placement.inbox_places(widget.editor._inbox_occupancy(), 25)
    assert near == full


def test_a_wall_too_big_to_read_whole_opens_readable_at_its_top_left(document, wall_id, qtbot):
    from facilitator.ui.wall.style import FAR_SCALE

    small = create_wall_view(document, wall_id, None)
    qtbot.addWidget(small)
    small.resize(700, 450)  # a laptop tab with the panels open: fitting all would blank the text
    small.show()
    qtbot.waitExposed(small)
    assert small.view.scale_factor >= FAR_SCALE
    content = small.scene.content_rect()
    visible = small.view.mapToScene(small.view.viewport().rect()).boundingRect()
    assert visible.contains(content.topLeft() + QPointF(40, 40))
    small.view.fit_all()
    assert small.view.scale_factor < FAR_SCALE
