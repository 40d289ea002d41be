"""The method library: a bundled, searchable set of activities, added to the agenda in one step;
the facilitator's own items saved as templates in their user folder and read back."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from facilitator.core.agenda import Kind, Phase
from facilitator.core.methods import (
    Library,
    LibraryError,
    agenda_item,
    load_library,
    method_from_item,
    read_methods,
    save_own,
    search,
)
from facilitator.resources import resource
from facilitator.ui.agenda import AgendaEditor
from facilitator.ui.agenda.library import MethodLibraryDialog, default_library, own_templates_path

BUNDLED = resource("methods", "methods.json")
EXPECTED = [
    "Check-in round",
    "1-2-4-All",
    "Crazy eights",
    "Affinity clustering",
    "Dot voting",
    "Gallery walk",
    "World café",
    "Fishbowl",
    "How might we…",
    "15% solutions",
    "Action planning",
    "Check-out round",
]


def test_the_bundled_library_has_at_least_20_complete_methods():
    methods = read_methods(BUNDLED)
    assert len(methods) >= 20
    titles = [m.title for m in methods]
    assert set(EXPECTED) <= set(titles)
    assert len(set(titles)) == len(titles) and len({m.id for m in methods}) == len(methods)
    for m in methods:
        assert 0 < m.minutes <= 60, m.title
        assert m.summary and m.instructions and m.notes, m.title
    assert {m.phase for m in methods} == set(Phase)  # every Double Diamond phase is served
    assert {m.kind for m in methods} == set(Kind)
    raw = json.loads(BUNDLED.read_text(encoding="utf-8"))
    assert len(raw["methods"]) == len(methods)  # no entry was dropped as unreadable


def test_search_matches_every_word_in_any_field_titles_first():
    methods = read_methods(BUNDLED)
    assert search(methods, "dot voting")[0].title == "Dot voting"
    assert "Affinity clustering" in [m.title for m in search(methods, "CLUSTERS")]
    assert "World café" in [m.title for m in search(methods, "tables host")]
    assert search(methods, "vote")[0].title == "Dot voting"  # any ending
    assert search(methods, "no such words anywhere") == []
    assert len(search(methods, "  ")) == len(methods)


def test_a_method_becomes_a_fresh_agenda_item_each_time():
    method = next(m for m in read_methods(BUNDLED) if m.title == "1-2-4-All")
    a, b = agenda_item(method), agenda_item(method)
    assert a.id != b.id
    assert (a.title, a.minutes, a.kind, a.phase) == ("1-2-4-All", 12, Kind.ACTIVITY, Phase.DISCOVER)
    assert a.instructions == method.instructions and a.notes == method.notes


@pytest.fixture
def editor(document, qtbot):
    widget = AgendaEditor(document)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def test_a_method_is_inserted_from_the_library_window_in_one_undo_step(editor, document, qtbot):
    editor.select_row(2)
    editor.open_library()
    dialog = editor.library_window
    assert isinstance(dialog, MethodLibraryDialog)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.search, "crazy")
    assert [m.title for m in dialog.shown()] == ["Crazy eights"]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # Enter adds the chosen method
    agenda = document.project.agenda
    assert agenda[3].title == "Crazy eights" and agenda[3].minutes == 15 and agenda[3].phase is Phase.DEVELOP
    assert document.store.load().agenda[3].title == "Crazy eights"
    assert document.undo_stack.count() == 1
    assert "Added “Crazy eights”" in dialog.message.text()
    document.undo_stack.undo()
    assert "Crazy eights" not in [it.title for it in document.project.agenda]
    dialog.reject()


def test_an_item_saved_as_a_template_is_found_again_after_a_restart(editor, document, qtbot, user_home):
    editor.select_row(1)
    item = document.project.agenda[1]
    assert editor.save_as_template("Our mapping exercise")
    path = own_templates_path()
    assert path.is_relative_to(user_home) and path.exists()
    assert "Saved “Our mapping exercise”" in editor.message.text()
    # A new session reads the bundled library and the template.
    library = default_library()
    mine = [m for m in library.methods if m.own]
    assert [m.title for m in mine] == ["Our mapping exercise"]
    assert (mine[0].minutes, mine[0].phase, mine[0].instructions) == (item.minutes, item.phase, item.instructions)
    assert mine[0].notes == item.notes
    # And inserts like any other method.
    editor.add_method(mine[0])
    assert [it.title for it in document.project.agenda].count("Our mapping exercise") == 1
    # Saving again under the same name replaces it rather than piling up copies.
    assert editor.save_as_template("our mapping EXERCISE")
    assert len([m for m in default_library().methods if m.own]) == 1


def test_a_template_can_be_deleted_from_the_library_window(editor, document, qtbot):
    editor.select_row(0)
    editor.save_as_template("Short welcome")
    dialog = MethodLibraryDialog(default_library(), editor)
    qtbot.addWidget(dialog)
    dialog.search.setText("short welcome")
    assert dialog.current().own and dialog.delete_button.isVisibleTo(dialog)
    dialog.delete_current()
    assert [m for m in default_library().methods if m.own] == []


def test_a_damaged_template_file_is_reported_and_never_overwritten(tmp_path):
    own = tmp_path / "methods.json"
    own.write_text("{ not json", encoding="utf-8")
    methods, warning = load_library(BUNDLED, own)
    assert len(methods) >= 20 and "could not be read" in warning
    with pytest.raises(LibraryError):
        save_own(own, method_from_item(agenda_item(methods[0]), "Mine"))
    assert own.read_text(encoding="utf-8") == "{ not json"


def test_bad_entries_are_skipped_not_fatal(tmp_path):
    own = tmp_path / "methods.json"
    own.write_text(
        json.dumps({"methods": [{"title": ""}, {"title": "Ok", "minutes": 5}, {"title": "Bad", "kind": "party"}, 7]}),
        encoding="utf-8",
    )
    assert [m.title for m in read_methods(own, own=True)] == ["Ok"]
    library = Library(BUNDLED, own)
    library.reload()
    assert library.methods[-1].title == "Ok" and library.methods[-1].own
