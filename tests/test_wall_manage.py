"""Managing walls from the main window (new, rename, reorder, delete with undo), photos on the wall (move,
delete, caption), reaching clusters by keyboard and renaming a vote round; each checked again in the file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from facilitator.core.event import Photo
from facilitator.core.wall import Note
from facilitator.store import ProjectFile, WriteFailed
from facilitator.ui.main_window import MainWindow
from facilitator.ui.wall import wall_tabs
from facilitator.ui.wall.walls import WallManager, WallNameError, check_wall_name
from facilitator.ui.wall.widget import WallWidget


def png_bytes(colour: str = "teal", size: tuple[int, int] = (320, 240)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def project_path(demo_file: Path) -> Path:
    """The demo event with a photo on Barriers, right of its notes, and dots in a vote round."""
    with ProjectFile.open(demo_file) as pf:
        project = pf.load()
        barriers = project.wall_named("Barriers")
        right = max(n.x for n in barriers.notes.values()) + 600
        pf.add_photo(
            Photo(caption="Paper wall", wall_id=barriers.id, mime="image/png", width=320, height=240, x=right, y=0),
            png_bytes(),
        )
    return demo_file


@pytest.fixture
def window(project_path: Path, qtbot) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(project_path)
    win.show()
    qtbot.waitExposed(win)
    return win


class Answers:
    """Stands in for the dialogs: names to give in turn, whether to confirm, and what the user was told."""

    def __init__(self, names=(), confirm: bool = True) -> None:
        self.names = list(names)
        self.confirm_answer = confirm
        self.told: list[str] = []
        self.asked: list[str] = []

    def ask_name(self, parent, title, label, text):
        self.asked.append(text)
        return self.names.pop(0) if self.names else None

    def confirm(self, parent, title, text, action):
        self.asked.append(text)
        return self.confirm_answer

    def tell(self, parent, title, text):
        self.told.append(text)


@pytest.fixture
def answers(monkeypatch) -> Answers:
    fake = Answers()
    for name in ("ask_name", "confirm", "tell"):
        monkeypatch.setattr(wall_tabs.prompts, name, getattr(fake, name))
    return fake


def tab_names(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def reopen(window: MainWindow):
    """Close the project and read the file back, as the next session would."""
    path = window.document.path
    window.close()
    with ProjectFile.open(path, read_only=True) as pf:
        return pf.load(), pf


def photo_bytes_in(path: Path, photo_id: str) -> bytes:
    with ProjectFile.open(path, read_only=True) as pf:
        return pf.photo_data(photo_id)


# -- new wall -------------------------------------------------------------------------------------------
def test_new_wall_gets_a_selected_tab_and_is_one_undo_step(window, answers, qtbot):
    doc = window.document
    answers.names = ["Parking lot"]
    window.wall_tabs.new_action.trigger()
    assert answers.asked == ["Wall 3"]  # a free name is offered, so Enter alone works
    assert [w.name for w in doc.project.walls] == ["Barriers", "Ideas", "Parking lot"]
    new_id = doc.project.walls[-1].id
    assert window.tabs.currentWidget() is window.wall_views[new_id]
    assert tab_names(window).index("Parking lot") == tab_names(window).index("Ideas") + 1
    assert doc.undo_stack.undoText() == "New wall \u201cParking lot\u201d"
    # Notes captured on the new wall go there, and the file holds both.
    view = window.wall_views[new_id]
    assert isinstance(view, WallWidget)
    view.editor.capture(["Car park is full by 9"])
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert "Parking lot" not in tab_names(window) and len(doc.project.walls) == 2
    doc.undo_stack.redo()
    doc.undo_stack.redo()
    assert "Parking lot" in tab_names(window)
    project, _ = reopen(window)
    wall = project.wall_named("parking LOT")
    assert [n.text for n in wall.notes.values()] == ["Car park is full by 9"]
    assert [w.name for w in project.walls] == ["Barriers", "Ideas", "Parking lot"]


def test_wall_names_must_be_unique_ignoring_case_and_not_empty(window, answers):
    doc = window.document
    answers.names = ["  ", "ideas", "Ideas 2"]
    window.wall_tabs.new_wall()
    assert answers.told == [
        "A wall needs a name.",
        "There is already a wall called \u201cIdeas\u201d. Pick another name.",
    ]
    assert answers.asked[-1] == "ideas"  # the refused name is offered again to fix
    assert [w.name for w in doc.project.walls] == ["Barriers", "Ideas", "Ideas 2"]
    with pytest.raises(WallNameError, match="at most 80"):
        check_wall_name(doc.project, "x" * 81)
    assert check_wall_name(doc.project, "  Two   words ") == "Two words"


def test_cancelling_new_wall_changes_nothing(window, answers):
    steps = window.document.undo_stack.count()
    window.wall_tabs.new_wall()
    assert window.document.undo_stack.count() == steps and len(window.document.project.walls) == 2


def test_plus_button_beside_the_tabs_makes_a_wall(window, answers, qtbot):
    answers.names = ["Quick wins"]
    qtbot.mouseClick(window.wall_tabs.plus, Qt.MouseButton.LeftButton)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Quick wins"


def test_new_wall_shortcut_does_not_clash(window):
    from PySide6.QtGui import QAction

    keys = window.wall_tabs.new_action.shortcut()
    owners = [a.text() for a in window.findChildren(QAction) if a.shortcut() == keys]
    assert owners == ["&New wall…"]


# -- rename ------------------------------------------------------------------------------------------------
def test_double_click_on_a_wall_tab_renames_it_and_undo_takes_it_back(window, answers, qtbot):
    doc = window.document
    ideas = doc.project.wall_named("Ideas")
    view = window.wall_views[ideas.id]
    window.tabs.setCurrentWidget(window.wall_views[doc.project.wall_named("Barriers").id])
    bar = window.tabs.tabBar()
    index = window.tabs.indexOf(view)
    answers.names = ["barriers", "Pilot ideas"]
    qtbot.mouseDClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert answers.told == ["There is already a wall called \u201cBarriers\u201d. Pick another name."]
    assert ideas.name == "Pilot ideas" and window.tabs.tabText(index) == "Pilot ideas"
    assert window.wall_views[ideas.id] is view  # the view (zoom, selection) survives a rename
    doc.undo_stack.undo()
    assert ideas.name == "Ideas" and window.tabs.tabText(index) == "Ideas"
    doc.undo_stack.redo()
    project, _ = reopen(window)
    assert [w.name for w in project.walls] == ["Barriers", "Pilot ideas"]


def test_renaming_to_a_different_case_of_its_own_name_is_allowed(window, answers):
    barriers = window.document.project.wall_named("Barriers")
    assert WallManager(window.document).rename_wall(barriers.id, "BARRIERS")
    assert barriers.name == "BARRIERS"


def test_wall_menu_renames_the_wall_in_front(window, answers):
    doc = window.document
    barriers = doc.project.wall_named("Barriers")
    window.tabs.setCurrentWidget(window.agenda_panel)
    assert not window.wall_tabs.rename_action.isEnabled()
    window.tabs.setCurrentWidget(window.wall_views[barriers.id])
    assert window.wall_tabs.rename_action.isEnabled()
    answers.names = ["Barriers to being active"]
    window.wall_tabs.rename_action.trigger()
    assert barriers.name == "Barriers to being active"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Barriers to being active"


# -- reorder -----------------------------------------------------------------------------------------------
def test_moving_walls_reorders_tabs_and_file_and_undoes(window):
    doc = window.document
    ideas = doc.project.wall_named("Ideas")
    window.tabs.setCurrentWidget(window.wall_views[ideas.id])
    assert not window.wall_tabs.right_action.isEnabled()
    window.wall_tabs.left_action.trigger()
    assert [w.name for w in doc.project.walls] == ["Ideas", "Barriers"]
    names = tab_names(window)
    assert names.index("Ideas") < names.index("Barriers")
    assert window.tabs.currentWidget() is window.wall_views[ideas.id]
    doc.undo_stack.undo()
    assert [w.name for w in doc.project.walls] == ["Barriers", "Ideas"]
    doc.undo_stack.redo()
    project, _ = reopen(window)
    assert [w.name for w in project.walls] == ["Ideas", "Barriers"]


# -- delete ------------------------------------------------------------------------------------------------
def wall_state(project, name: str):
    """Everything the file says about one wall, in comparable form."""
    wall = project.wall_named(name)
    return (
        sorted(
            (n.id, n.text, n.colour, n.author, n.group, n.x, n.y, n.cluster_id, n.created) for n in wall.notes.values()
        ),
        sorted((c.id, c.title, c.colour, c.x, c.y) for c in wall.clusters.values()),
        [(r.id, r.name, r.dots_per_person, r.note_votes, r.cluster_votes) for r in wall.rounds],
        sorted((p.id, p.caption, p.x, p.y, p.width, p.height, p.mime) for p in project.photos_on(wall.id)),
        [(it.id, it.wall_id) for it in project.agenda],
    )


def test_delete_wall_says_what_goes_and_undo_brings_back_everything(window, answers, qtbot):
    doc = window.document
    path = doc.path
    barriers = doc.project.wall_named("Barriers")
    view = window.wall_views[barriers.id]
    # Dots in two rounds, so the count and the restore cover votes on notes and clusters.
    note_id = next(iter(barriers.notes))
    cluster_id = next(iter(barriers.clusters))
    view.editor.new_round("Round 1", 3)
    view.editor.vote(barriers.rounds[-1].id, note_id, 2)
    view.editor.vote(barriers.rounds[-1].id, cluster_id, 1)
    before = wall_state(doc.store.load(), "Barriers")  # what the file holds (read back through SQL)
    photo = doc.project.photos_on(barriers.id)[0]
    linked = [it.id for it in doc.project.agenda if it.wall_id == barriers.id]
    assert linked
    notes, clusters, dots = len(barriers.notes), len(barriers.clusters), barriers.total_dots

    window.tabs.setCurrentWidget(view)
    index = window.tabs.currentIndex()
    answers.confirm_answer = True
    window.wall_tabs.delete_action.trigger()
    question = answers.asked[-1]
    assert question.startswith("Delete the wall \u201cBarriers\u201d?")
    assert f"Its {notes} notes, {clusters} clusters, {dots} dots and 1 photo go with it." in question
    assert f"{len(linked)} agenda items will no longer show it." in question
    assert "Barriers" not in tab_names(window)
    assert window.tabs.currentIndex() == index  # the next wall (Ideas) comes to the front
    assert window.tabs.currentWidget() is window.wall_views[doc.project.wall_named("Ideas").id]
    assert all(it.wall_id is None for it in doc.project.agenda if it.id in linked)
    assert doc.project.photos_on(barriers.id) == [] and photo.id not in {p.id for p in doc.project.photos}
    gone = doc.store.load()
    assert gone.wall_named("Barriers") is None and gone.photos == []
    assert all(it.wall_id is None for it in gone.agenda if it.id in linked)
    with pytest.raises(KeyError):
        doc.store.photo_data(photo.id)

    doc.undo_stack.undo()
    assert tab_names(window).index("Barriers") < tab_names(window).index("Ideas")
    assert window.tabs.currentWidget() is window.wall_views[barriers.id]
    restored = window.wall_views[barriers.id]
    assert len(restored.scene.notes) == notes and len(restored.scene.photos) == 1
    assert [it.wall_id for it in doc.project.agenda if it.id in linked] == [barriers.id] * len(linked)
    assert wall_state(doc.store.load(), "Barriers") == before
    assert doc.store.photo_data(photo.id) == png_bytes()

    # Redo deletes again; undo again restores again; the last state is what the file keeps.
    doc.undo_stack.redo()
    assert doc.project.wall_named("Barriers") is None
    doc.undo_stack.undo()
    project, _ = reopen(window)
    assert wall_state(project, "Barriers") == before
    assert photo_bytes_in(path, photo.id) == png_bytes()


def test_declining_the_confirmation_keeps_the_wall(window, answers):
    barriers = window.document.project.wall_named("Barriers")
    window.tabs.setCurrentWidget(window.wall_views[barriers.id])
    answers.confirm_answer = False
    steps = window.document.undo_stack.count()
    window.wall_tabs.delete_current()
    assert window.document.project.wall_named("Barriers") is barriers
    assert window.document.undo_stack.count() == steps


def test_deleting_the_last_wall_shows_the_agenda_and_new_walls_go_before_actions(window, answers):
    doc = window.document
    manager = WallManager(doc)
    for wall in list(doc.project.walls):
        window.tabs.setCurrentWidget(window.wall_views[wall.id])
        assert manager.delete_wall(wall.id)
    assert doc.project.walls == [] and window.wall_views == {}
    assert window.tabs.currentWidget() is window.agenda_panel
    manager.new_wall("Fresh start")
    names = tab_names(window)
    assert names.index("Fresh start") == names.index("Agenda") + 1


def test_a_failed_delete_leaves_wall_and_file_as_they_were(window, answers, qtbot, monkeypatch):
    doc = window.document
    barriers = doc.project.wall_named("Barriers")
    steps = doc.undo_stack.count()

    def fail(*args, **kwargs):
        raise WriteFailed("The disk is full: the last change was not saved.")

    monkeypatch.setattr(doc.store, "delete_rows", fail)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    with qtbot.waitSignal(doc.write_failed):
        assert not WallManager(doc).delete_wall(barriers.id)
    assert doc.project.wall_named("Barriers") is barriers and barriers.id in window.wall_views
    assert len(doc.project.photos_on(barriers.id)) == 1
    assert doc.undo_stack.count() == steps
    assert shown == []  # no dialog inside an edit: a banner says it, with Save a copy as
    assert window.write_banner is not None and window.write_banner.isVisible()
    assert "The disk is full" in window.write_banner.label.text()
    monkeypatch.undo()
    project, _ = reopen(window)
    assert len(project.photos_on(project.wall_named("Barriers").id)) == 1


def test_delete_from_the_wall_menu_of_the_wall_itself(window, answers):
    doc = window.document
    ideas = doc.project.wall_named("Ideas")
    view = window.wall_views[ideas.id]
    action = next(a for a in view.wall_menu.actions() if a.text() == "Delete this wall…")
    answers.confirm_answer = True
    action.trigger()
    assert doc.project.wall_named("Ideas") is None and "Ideas" not in tab_names(window)


# -- photos on the wall ------------------------------------------------------------------------------------
def send_mouse(widget: WallWidget, kind, pos: QPoint, button, buttons, modifiers=Qt.KeyboardModifier.NoModifier):
    viewport = widget.view.viewport()
    event = QMouseEvent(kind, QPointF(pos), QPointF(viewport.mapToGlobal(pos)), button, buttons, modifiers)
    QApplication.sendEvent(viewport, event)


def drag(widget: WallWidget, start: QPointF, end: QPointF) -> None:
    left = Qt.MouseButton.LeftButton
    a, b = widget.view.mapFromScene(start), widget.view.mapFromScene(end)
    send_mouse(widget, QMouseEvent.Type.MouseButtonPress, a, left, left)
    for step in range(1, 6):
        send_mouse(widget, QMouseEvent.Type.MouseMove, a + (b - a) * step / 5, Qt.MouseButton.NoButton, left)
    send_mouse(widget, QMouseEvent.Type.MouseButtonRelease, b, left, Qt.MouseButton.NoButton)


@pytest.fixture
def barriers_view(window) -> WallWidget:
    doc = window.document
    view = window.wall_views[doc.project.wall_named("Barriers").id]
    window.tabs.setCurrentWidget(view)
    photo_item = next(iter(view.scene.photos.values()))
    view.view.set_scale(0.5)
    view.view.centerOn(photo_item)
    return view


def test_dragging_a_photo_moves_it_in_one_undo_step(window, barriers_view, qtbot):
    doc = window.document
    item = next(iter(barriers_view.scene.photos.values()))
    photo = item.photo
    x, y = photo.x, photo.y
    steps = doc.undo_stack.count()
    start = item.sceneBoundingRect().center()
    drag(barriers_view, start, start + QPointF(200, 100))
    assert doc.undo_stack.count() == steps + 1 and doc.undo_stack.undoText() == "Move photo"
    assert (photo.x, photo.y) == pytest.approx((x + 200, y + 100), abs=3)
    assert item.pos() == QPointF(photo.x, photo.y)
    moved = (photo.x, photo.y)
    doc.undo_stack.undo()
    assert (photo.x, photo.y) == (x, y) and item.pos() == QPointF(x, y)
    doc.undo_stack.redo()
    project, _ = reopen(window)
    assert (project.photos[0].x, project.photos[0].y) == moved


def test_delete_key_removes_a_photo_and_undo_restores_its_bytes(window, barriers_view, qtbot):
    doc = window.document
    path = doc.path
    item = next(iter(barriers_view.scene.photos.values()))
    photo_id = item.photo.id
    barriers_view.scene.select(photo_ids=[photo_id])
    barriers_view.view.setFocus()
    qtbot.keyClick(barriers_view.view, Qt.Key.Key_Delete)
    assert photo_id not in barriers_view.scene.photos and doc.project.photos == []
    assert doc.undo_stack.undoText() == "Delete photo"
    assert doc.store.load().photos == []
    doc.undo_stack.undo()
    assert photo_id in barriers_view.scene.photos
    assert doc.store.photo_data(photo_id) == png_bytes()
    project, _ = reopen(window)
    assert [p.id for p in project.photos] == [photo_id] and project.photos[0].caption == "Paper wall"
    assert photo_bytes_in(path, photo_id) == png_bytes()


def test_photo_caption_is_edited_in_place(window, barriers_view, qtbot):
    doc = window.document
    item = next(iter(barriers_view.scene.photos.values()))
    barriers_view.scene.select(photo_ids=[item.photo.id])
    barriers_view.view.setFocus()
    qtbot.keyClick(barriers_view.view, Qt.Key.Key_F2)
    editor = barriers_view.view.editor
    assert editor is not None and editor.text() == "Paper wall"
    editor.selectAll()
    qtbot.keyClicks(editor, "Morning table 3")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert item.photo.caption == "Morning table 3"
    assert doc.undo_stack.undoText() == "Edit photo caption"
    doc.undo_stack.undo()
    assert item.photo.caption == "Paper wall"
    doc.undo_stack.redo()
    project, _ = reopen(window)
    assert project.photos[0].caption == "Morning table 3"


def test_photos_move_with_notes_in_one_step_and_take_no_dots(window, barriers_view, qtbot):
    doc = window.document
    item = next(iter(barriers_view.scene.photos.values()))
    note_id = next(iter(barriers_view.editor.wall.notes))
    note = barriers_view.editor.wall.notes[note_id]
    barriers_view.scene.select([note_id], photo_ids=[item.photo.id])
    before = (note.x, note.y, item.photo.x, item.photo.y)
    barriers_view.view.setFocus()
    qtbot.keyClick(barriers_view.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert (note.x, note.y, item.photo.x, item.photo.y) == (before[0] + 20, before[1], before[2] + 20, before[3])
    doc.undo_stack.undo()
    assert (note.x, note.y, item.photo.x, item.photo.y) == before
    # In dot-voting mode a click on a photo adds no dot anywhere.
    barriers_view.vote_button.setChecked(True)
    barriers_view.votes.new_round()
    dots = barriers_view.editor.wall.total_dots
    point = barriers_view.view.mapFromScene(item.sceneBoundingRect().center())
    left = Qt.MouseButton.LeftButton
    send_mouse(barriers_view, QMouseEvent.Type.MouseButtonPress, point, left, left)
    send_mouse(barriers_view, QMouseEvent.Type.MouseButtonRelease, point, left, Qt.MouseButton.NoButton)
    assert barriers_view.editor.wall.total_dots == dots


# -- clusters by keyboard --------------------------------------------------------------------------------------
def test_c_selects_the_notes_cluster_then_walks_the_clusters(window, barriers_view, qtbot):
    wall = barriers_view.editor.wall
    member = next(n for n in wall.notes.values() if n.cluster_id)
    barriers_view.scene.select([member.id])
    view = barriers_view.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C)
    assert barriers_view.scene.selected_cluster_ids() == [member.cluster_id]
    assert barriers_view.scene.selected_note_ids() == []
    seen = [member.cluster_id]
    for _ in range(len(wall.clusters) - 1):
        qtbot.keyClick(view, Qt.Key.Key_C)
        seen += barriers_view.scene.selected_cluster_ids()
    assert sorted(seen) == sorted(wall.clusters)  # every cluster reached, each once
    qtbot.keyClick(view, Qt.Key.Key_C)
    assert barriers_view.scene.selected_cluster_ids() == [member.cluster_id]  # and round again
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    assert barriers_view.scene.selected_cluster_ids() == [seen[-1]]
    # The selected cluster is then renamed from the keyboard.
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.editor
    editor.selectAll()
    qtbot.keyClicks(editor, "Renamed by keyboard")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert wall.clusters[seen[-1]].title == "Renamed by keyboard"


def test_c_on_a_wall_without_clusters_says_how_to_make_one(window, answers, qtbot):
    wall_id = WallManager(window.document).new_wall("Empty")
    view = window.wall_views[wall_id]
    view.editor.capture(["Lonely note"])
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_C)
    assert view.scene.selected_cluster_ids() == []
    assert "no clusters yet" in view.status.text()


# -- vote rounds -----------------------------------------------------------------------------------------------
def test_renaming_a_vote_round_from_the_panel(window, barriers_view, qtbot, monkeypatch):
    doc = window.document
    panel = barriers_view.votes
    barriers_view.vote_button.setChecked(True)
    panel.new_round()
    round_id = panel.round_id
    old_name = panel.rounds.currentText()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  Top   priorities ", True))
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    assert barriers_view.editor.wall.round(round_id).name == "Top priorities"
    assert panel.rounds.currentText() == "Top priorities"
    assert doc.undo_stack.undoText() == "Rename vote round"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ignored", False))
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    assert barriers_view.editor.wall.round(round_id).name == "Top priorities"
    doc.undo_stack.undo()
    assert panel.rounds.currentText() == old_name
    doc.undo_stack.redo()
    project, _ = reopen(window)
    assert project.wall_named("Barriers").round(round_id).name == "Top priorities"


def test_import_onto_a_new_wall_adds_its_tab_without_rebuilding_the_others(window, tmp_path, qtbot):
    """The tabs follow "walls" by adding the new one (the import's own undo takes it away again)."""
    from facilitator.ui.wall.imports import ImportRunner

    doc = window.document
    barriers_view = window.wall_views[doc.project.wall_named("Barriers").id]
    notes = tmp_path / "later.txt"
    notes.write_text("Buses stop at 6\nNo lights on the path\n", encoding="utf-8")
    runner = ImportRunner(window, doc, "Later", [notes])
    with qtbot.waitSignal(runner.finished, timeout=10000):
        runner.start()
    later = doc.project.wall_named("Later")
    assert later is not None and window.tabs.currentWidget() is window.wall_views[later.id]
    assert window.wall_views[doc.project.wall_named("Barriers").id] is barriers_view
    doc.undo_stack.undo()
    assert "Later" not in tab_names(window)


def test_a_note_made_in_the_model_survives_a_wall_round_trip(window, answers):
    """Undoing a delete puts back the very Wall object, so edits further down the stack still apply."""
    doc = window.document
    ideas = doc.project.wall_named("Ideas")
    view = window.wall_views[ideas.id]
    [note_id] = view.editor.capture(["Before the delete"])
    WallManager(doc).delete_wall(ideas.id)
    doc.undo_stack.undo()
    assert doc.project.wall_named("Ideas") is ideas
    doc.undo_stack.undo()  # the capture, undone on the restored wall
    assert note_id not in ideas.notes
    doc.undo_stack.redo()
    assert isinstance(ideas.notes[note_id], Note)
    project, _ = reopen(window)
    assert note_id in project.wall_named("Ideas").notes
