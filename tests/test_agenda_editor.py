"""The agenda editor: inline edits, keyboard, drag to reorder, live times, undo/redo, refused input."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from facilitator.store.errors import WriteFailed
from facilitator.ui.agenda import AgendaEditor
from facilitator.ui.agenda.model import COL


@pytest.fixture
def editor(document, qtbot):
    widget = AgendaEditor(document)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.table.setFocus()
    return widget


def titles(document) -> list[str]:
    return [it.title for it in document.project.agenda]


def stored_titles(document) -> list[str]:
    """What the file holds, read through a second connection-free path: the store's own load."""
    return [it.title for it in document.store.load().agenda]


def cell(editor, row: int, field: str) -> str:
    return editor.model.index(row, COL[field]).data()


def test_editing_a_title_is_stored_and_undoable(editor, document):
    model = editor.model
    assert model.setData(model.index(0, COL["title"]), "  Welcome,   and why  ")
    assert titles(document)[0] == "Welcome, and why"
    assert stored_titles(document)[0] == "Welcome, and why"
    document.undo_stack.undo()
    assert stored_titles(document)[0] == "Welcome and why we're here"
    document.undo_stack.redo()
    assert cell(editor, 0, "title") == "Welcome, and why"


def test_changing_minutes_recomputes_times_and_the_overrun(editor, document):
    model = editor.model
    assert editor.overrun.text() == "on time"
    assert cell(editor, 1, "start") == "09:50"
    model.setData(model.index(0, COL["minutes"]), 35)
    assert cell(editor, 1, "start") == "10:05"
    assert cell(editor, 12, "end") == "16:15"
    assert editor.overrun.text() == "15 min over"
    document.undo_stack.undo()
    assert editor.overrun.text() == "on time"
    model.setData(model.index(3, COL["minutes"]), 5)
    assert editor.overrun.text() == "10 min spare"


@pytest.mark.parametrize(("field", "value"), [("title", "   "), ("minutes", -5), ("minutes", "abc"), ("minutes", 601)])
def test_bad_input_is_refused_and_nothing_is_stored(editor, document, field, value):
    before = titles(document), [it.minutes for it in document.project.agenda]
    assert not editor.model.setData(editor.model.index(2, COL[field]), value)
    assert (titles(document), [it.minutes for it in document.project.agenda]) == before
    assert document.undo_stack.count() == 0


def test_kind_phase_diamond_and_wall_are_chosen_from_lists(editor, document):
    model = editor.model
    project = document.project
    model.setData(model.index(0, COL["kind"]), "activity")
    model.setData(model.index(0, COL["phase"]), "develop")
    model.setData(model.index(0, COL["diamond_id"]), project.diamonds[0].id)
    model.setData(model.index(0, COL["wall_id"]), project.walls[1].id)
    assert cell(editor, 0, "phase") == "Develop"
    assert cell(editor, 0, "diamond_id") == project.diamonds[0].question
    assert cell(editor, 0, "wall_id") == project.walls[1].name
    stored = document.store.load().agenda[0]
    assert (stored.kind.value, stored.phase.value, stored.wall_id) == ("activity", "develop", project.walls[1].id)
    assert document.undo_stack.count() == 4
    model.setData(model.index(0, COL["wall_id"]), None)
    assert document.store.load().agenda[0].wall_id is None


def test_insert_adds_after_the_current_item_and_delete_removes_undoably(editor, document, qtbot):
    editor.select_row(2)
    qtbot.keyClick(editor.table, Qt.Key.Key_Insert)
    assert titles(document)[3] == "New item"
    assert editor.table.state() == editor.table.State.EditingState
    line = editor.table.viewport().findChild(QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Tea")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: titles(document)[3] == "Tea")  # the delegate commits on a queued call
    assert stored_titles(document)[3] == "Tea"
    assert len(document.project.agenda) == 14
    editor.select_row(3)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert "Tea" not in titles(document)
    assert editor.table.currentIndex().row() == 3  # the next item is selected
    document.undo_stack.undo()
    assert titles(document)[3] == "Tea"
    assert stored_titles(document)[3] == "Tea"


def test_ctrl_up_and_down_move_the_current_item(editor, document, qtbot):
    editor.select_row(1)
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert titles(document)[2] == "Mapping today's conversations"
    assert editor.table.currentIndex().row() == 2  # the moved item stays selected
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert titles(document)[0] == "Mapping today's conversations"
    assert cell(editor, 0, "start") == "09:30"
    assert stored_titles(document)[0] == "Mapping today's conversations"
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # already first: no-op
    assert document.undo_stack.count() == 3
    document.undo_stack.undo()
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert titles(document)[1] == "Mapping today's conversations"


def test_drag_and_drop_moves_a_row_in_one_undo_step(editor, document):
    model = editor.model
    data = model.mimeData([model.index(0, COL["title"])])
    # Dropping between rows 4 and 5 puts the item after "Morning break".
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 4, 0, model.index(-1, -1))
    assert titles(document)[3] == "Welcome and why we're here"
    assert len(document.project.agenda) == 13
    assert stored_titles(document)[3] == "Welcome and why we're here"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert titles(document)[0] == "Welcome and why we're here"


def test_a_failed_write_takes_the_edit_back_and_says_so(editor, document, monkeypatch, qtbot):
    def fail(items):
        raise WriteFailed("The disk is full: the last change was not saved.")

    monkeypatch.setattr(document.store, "upsert_agenda", fail)  # the agenda rows' writer
    with qtbot.waitSignal(document.write_failed) as blocker:
        editor.model.setData(editor.model.index(0, COL["minutes"]), 90)
    assert "disk is full" in blocker.args[0]
    assert document.project.agenda[0].minutes == 20
    assert document.undo_stack.count() == 0
    assert cell(editor, 0, "minutes") == "20"


def test_the_details_pane_edits_the_current_items_long_texts(editor, document, qtbot):
    editor.select_row(1)
    assert editor.instructions.toPlainText().startswith("At your table, walk through")
    editor.notes.setFocus()
    editor.notes.setPlainText("Line one\nLine two")
    editor.notes.committed.emit(editor.notes.toPlainText())  # leaving the box commits once
    assert document.project.agenda[1].notes == "Line one\nLine two"
    assert document.store.load().agenda[1].notes == "Line one\nLine two"
    assert document.undo_stack.count() == 1
    editor.notes.committed.emit(editor.notes.toPlainText())  # unchanged: no second step
    assert document.undo_stack.count() == 1
    editor.select_row(0)
    assert editor.notes.toPlainText().startswith("Thank the Guildhall team")
    document.undo_stack.undo()
    editor.select_row(1)
    assert editor.notes.toPlainText().startswith("Aim for 8-10 notes")


def test_the_days_start_and_end_move_every_time_and_the_overrun(editor, document):
    editor.start_edit.setTime(editor.start_edit.time().addSecs(-30 * 60))
    editor.start_edit.editingFinished.emit()
    assert cell(editor, 0, "start") == "09:00"
    assert editor.overrun.text() == "30 min spare"
    assert document.store.load().event.planned_start.isoformat(timespec="minutes") == "09:00"
    editor.end_edit.setTime(editor.end_edit.time().addSecs(-45 * 60))
    editor.end_edit.editingFinished.emit()
    assert editor.overrun.text() == "15 min over"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert cell(editor, 0, "start") == "09:30"
    assert editor.start_edit.time().toString("HH:mm") == "09:30"


def test_a_day_that_ends_before_it_starts_is_refused(editor, document):
    editor.end_edit.setTime(editor.start_edit.time().addSecs(-60))
    editor.end_edit.editingFinished.emit()
    assert document.project.event.planned_end.isoformat(timespec="minutes") == "16:00"
    assert editor.end_edit.time().toString("HH:mm") == "16:00"
    assert "end must be after the start" in editor.overrun.text()
    assert document.undo_stack.count() == 0
