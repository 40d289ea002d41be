"""The wall widget's parts on their own: the filter bar, keyboard navigation, the actions, the projector link,
and the shortcut help generated from the real bindings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from facilitator.core.wall import Note
from facilitator.ui.document import Document
from facilitator.ui.wall import create_wall_view
from facilitator.ui.wall.actions import WallActions
from facilitator.ui.wall.canvas import ProjectorLink, build_scene
from facilitator.ui.wall.capture import CYCLE_KEY
from facilitator.ui.wall.editing import WallEditor
from facilitator.ui.wall.filter_bar import ANY, FilterBar
from facilitator.ui.wall.navigation import WallNavigator, nearest_note
from facilitator.ui.wall.shortcut_help import action_rows, help_text, key_text
from facilitator.ui.wall.view import WallView
from facilitator.ui.wall.widget import WallWidget

NATIVE = QKeySequence.SequenceFormat.NativeText


@pytest.fixture
def wall_id(document: Document) -> str:
    return document.project.wall_named("Barriers").id


@pytest.fixture
def host(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def canvas(document: Document, wall_id: str, host: QWidget, qtbot):
    """A scene and a view of the wall with its editor, as the wall widget has them, but no wall widget."""
    editor = WallEditor(document, wall_id)
    scene = build_scene(document, wall_id, False, host)
    view = WallView(scene, host)
    view.resize(1200, 800)
    host.resize(1200, 800)
    host.show()
    qtbot.waitExposed(host)
    view.set_scale(1.0)
    return editor, scene, view


def note(note_id: str, text: str = "", colour: str = "yellow", author: str = "", group: str = "", x=0.0, y=0.0):
    return Note(id=note_id, text=text, colour=colour, author=author, group=group, x=x, y=y)


# -- the filter bar -----------------------------------------------------------------------------------------
def test_the_filter_bar_turns_find_text_and_filters_into_predicates(host, qtbot):
    people_asked: list[int] = []

    def people():
        people_asked.append(1)
        return {"Asha", "Ben"}, {"Health"}

    bar = FilterBar(people, host)
    changes: list[int] = []
    bar.changed.connect(lambda: changes.append(1))
    assert bar.predicates() == (None, None) and not bar.active()
    assert [bar.author_filter.itemText(i) for i in range(bar.author_filter.count())] == ["Any author", "Asha", "Ben"]

    qtbot.keyClicks(bar.find, "bus STOP")
    search, keep = bar.predicates()
    assert keep is None and changes
    assert search(note("a", "The bus stop moved")) and search(note("b", "stop", author="Bus Driver"))
    assert not search(note("c", "The bus moved"))

    bar.find.clear()
    bar.colour_filter.setCurrentIndex(bar.colour_filter.findData("pink"))
    bar.author_filter.setCurrentIndex(bar.author_filter.findData("Asha"))
    search, keep = bar.predicates()
    assert search is None and bar.filter_active()
    assert keep(note("a", colour="pink", author="Asha"))
    assert not keep(note("b", colour="pink", author="Ben")) and not keep(note("c", colour="blue", author="Asha"))

    bar.author_filter.showPopup()  # the people lists are refilled as they open, keeping the choice
    assert len(people_asked) >= 2 and bar.author_filter.currentData() == "Asha"
    bar.author_filter.hidePopup()
    bar.colour_filter.setCurrentIndex(0)
    bar.author_filter.setCurrentIndex(0)
    assert bar.author_filter.currentData() == ANY and bar.predicates() == (None, None)


def test_the_filter_bar_counts_matches_and_steps_round_them(host, qtbot):
    bar = FilterBar(lambda: ((), ()), host)
    next_asked: list[int] = []
    bar.next_requested.connect(lambda: next_asked.append(1))
    assert bar.next_match() is None
    qtbot.keyClicks(bar.find, "bus")
    bar.show_matches(["n1", "n2"], 10)
    assert bar.match_label.text() == "2 of 10 match"
    assert [bar.next_match(), bar.next_match(), bar.next_match()] == ["n1", "n2", "n1"]
    assert bar.match_label.text() == "1 of 2"
    qtbot.keyClick(bar.find, Qt.Key.Key_Return)
    assert next_asked == [1]
    bar.find.clear()
    bar.show_matches([], 10)
    assert bar.match_label.text() == ""


# -- keyboard navigation ---------------------------------------------------------------------------------------
def test_nearest_note_goes_straight_ahead_before_diagonal():
    notes = [note("right", x=100, y=0), note("diagonal", x=60, y=50), note("left", x=-100, y=0)]
    assert nearest_note(notes, (0, 0), (1, 0), set()) == "right"
    assert nearest_note(notes, (0, 0), (-1, 0), set()) == "left"
    assert nearest_note(notes, (0, 0), (0, -1), set()) is None
    assert nearest_note(notes, (0, 0), (0, 0), {"diagonal"}) == "right"


def test_the_navigator_walks_extends_and_nudges_the_selection(canvas, document, wall_id):
    editor, scene, view = canvas
    navigator = WallNavigator(editor, scene, view)
    wall = document.project.wall(wall_id)
    cluster = next(iter(wall.clusters.values()))
    top = min(m.y for m in wall.members(cluster.id))
    row = sorted((n for n in wall.members(cluster.id) if n.y == top), key=lambda n: n.x)
    scene.select([row[0].id])
    navigator.arrow(1, 0, Qt.KeyboardModifier.NoModifier)
    assert scene.selected_note_ids() == [row[1].id] and navigator.anchor == row[1].id
    navigator.arrow(1, 0, Qt.KeyboardModifier.ShiftModifier)
    assert set(scene.selected_note_ids()) == {row[1].id, row[2].id}
    before = {n.id: (n.x, n.y) for n in row[1:3]}
    navigator.arrow(0, 1, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert {n.id: (n.x, n.y) for n in row[1:3]} == {i: (x, y + 100) for i, (x, y) in before.items()}
    document.undo_stack.undo()
    assert {n.id: (n.x, n.y) for n in row[1:3]} == before


def test_the_navigator_walks_the_clusters_and_says_so(canvas, document, wall_id):
    editor, scene, view = canvas
    navigator = WallNavigator(editor, scene, view)
    said: list[str] = []
    navigator.message.connect(said.append)
    wall = document.project.wall(wall_id)
    member = next(n for n in wall.notes.values() if n.cluster_id)
    scene.select([member.id])
    navigator.next_cluster()
    assert scene.selected_cluster_ids() == [member.cluster_id]
    assert wall.clusters[member.cluster_id].title in said[-1]
    seen = {member.cluster_id}
    for _ in range(len(wall.clusters) - 1):
        navigator.next_cluster()
        seen |= set(scene.selected_cluster_ids())
    assert seen == set(wall.clusters)
    navigator.previous_cluster()
    navigator.next_cluster()
    assert len(scene.selected_cluster_ids()) == 1


def test_the_navigator_on_a_wall_without_clusters_says_how_to_make_one(document, host, qtbot):
    wall_id = document.project.wall_named("Ideas").id
    editor = WallEditor(document, wall_id)
    for cluster_id in list(editor.wall.clusters):
        editor.ungroup([cluster_id])
    scene = build_scene(document, wall_id, False, host)
    navigator = WallNavigator(editor, scene, WallView(scene, host))
    said: list[str] = []
    navigator.message.connect(said.append)
    navigator.next_cluster()
    assert said == ["This wall has no clusters yet: select notes and press Ctrl+G to make one."]


# -- the actions ------------------------------------------------------------------------------------------------
class Verbs:
    """Stands in for the wall: records which verb each action called."""

    def __init__(self) -> None:
        self.called: list[str] = []

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda: self.called.append(name)


def test_each_action_calls_its_verb_and_keys_work_on_the_view(canvas, document, host):
    editor, scene, view = canvas
    verbs = Verbs()
    actions = WallActions(verbs, scene, view, editor, lambda: ["Health"], host)
    actions.group.trigger()
    actions.fit.trigger()
    actions.next_cluster.trigger()
    assert verbs.called == ["group_selection", "fit_all", "next_cluster"]
    assert all(a in view.actions() for a in actions.keyed)  # keys work while the view has the focus
    assert all(a.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut for a in actions.keyed)
    colours: list[str] = []
    actions.recolour_requested.connect(colours.append)
    actions.colours["pink"].trigger()
    assert colours == ["pink"]
    assert [a.text() for a in actions.tools] == ["Fit all", "Group into cluster", "Tidy all"]


def test_the_context_menu_offers_what_fits_the_selection(canvas, document, wall_id, host):
    editor, scene, view = canvas
    actions = WallActions(Verbs(), scene, view, editor, lambda: ["Health", "Sport"], host)
    wall = document.project.wall(wall_id)
    member = next(n for n in wall.notes.values() if n.cluster_id)
    scene.select([member.id])
    pos = view.mapFromScene(scene.notes[member.id].sceneBoundingRect().center())
    menu = actions.context_menu(pos)
    texts = [a.text() for a in menu.actions()]
    assert "Edit text" in texts and "Take out of cluster" in texts and "Delete" in texts
    colour_menu = next(a.menu() for a in menu.actions() if a.text() == "Colour")
    assert colour_menu.actions()[0].text() == "Yellow\t1"
    group_menu = next(a.menu() for a in menu.actions() if a.text() == "Group")
    assert [a.text() for a in group_menu.actions()] == ["Health", "Sport"]
    groups: list[str] = []
    actions.group_requested.connect(groups.append)
    group_menu.actions()[1].trigger()
    assert groups == ["Sport"]
    menu.close()
    scene.select()
    empty = view.mapFromScene(scene.content_rect().bottomRight()) + QPoint(200, 200)
    menu = actions.context_menu(empty)
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "New note here…" and "Export wall picture…" in texts
    menu.close()
    scene.vote_mode = True
    assert actions.context_menu(pos) is None  # while recording dots a right-click takes a dot back


# -- the projector link -------------------------------------------------------------------------------------------
def test_the_projector_link_opens_one_window_renames_it_and_forgets_it_when_closed(canvas, document, wall_id, host):
    _editor, _scene, view = canvas
    link = ProjectorLink(document, wall_id, view, host)
    window = link.show()
    assert link.show() is window and window.parent() is host
    link.rename("Barriers, round 2")
    assert window.windowTitle() == "Barriers, round 2 — Facilitator"
    window.close()
    assert link.window is None


# -- the shortcut help, generated from the bindings --------------------------------------------------------------
@pytest.fixture
def widget(document: Document, wall_id: str, qtbot) -> WallWidget:
    w = create_wall_view(document, wall_id, None)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    return w


def keyed_actions(widget: WallWidget) -> list[QAction]:
    """Every action of the wall that has a key: whatever the wall's keys are, wherever they were made."""
    return [a for a in widget.findChildren(QAction) if not a.shortcut().isEmpty() and a in widget.view.actions()]


def test_every_wall_key_is_in_the_help_with_its_current_keys(widget):
    actions = keyed_actions(widget)
    assert len(actions) >= 25
    rows = [row for _title, rows in widget.shortcut_sections() for row in rows]
    text = help_text(widget.shortcut_sections())
    for action in actions:
        keys = action.shortcut().toString(NATIVE)
        name = action.text().rstrip("…")
        assert any(keys in row.keys.split(" or ") and row.what.startswith(name) for row in rows), (name, keys)
        assert f"{key_text(action)}: {name}" in text or keys in text
    assert any(r.keys == "Del or Backspace" or r.keys.endswith("or Backspace") for r in rows)
    assert QKeySequence(CYCLE_KEY).toString(NATIVE) in text  # the capture bar's key, from its own constant
    assert "Ctrl+Shift+N" in text  # the new wall key, from the wall tabs' constant


def test_changing_a_key_changes_the_help(widget):
    group = widget.group_action
    assert any(r.keys == "Ctrl+G" for r in action_rows(keyed_actions(widget)))
    group.setShortcut(QKeySequence("Ctrl+Alt+K"))
    rows = {r.what: r.keys for _t, rs in widget.shortcut_sections() for r in rs}
    assert rows["Group into cluster: Make a cluster of the selected notes"] == "Ctrl+Alt+K"
    assert "Ctrl+G" not in rows.values()
    help_window = widget.shortcut_help_box()
    assert "Ctrl+Alt+K" in help_window.text.toPlainText()
    help_window.deleteLater()


def test_f1_shows_the_help_without_blocking_and_a_second_f1_replaces_it(widget, qtbot):
    widget.view.setFocus()
    qtbot.keyClick(widget.view, Qt.Key.Key_F1)
    first = widget._help_box
    assert first is not None and first.isVisible() and not first.isModal()
    widget.show_shortcuts()
    assert widget._help_box is not first and widget._help_box.isVisible()
    widget._help_box.close()
