"""The set-up screens: the event's details, participant groups, diamonds and actions.

Each edit is tried the way a user makes it (typing, keys, cell edits), then
undone and redone, and the file is read back to check it holds the result.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTime

from facilitator.core.agenda import DiamondSize
from facilitator.core.project import Project
from facilitator.store import ProjectFile
from facilitator.store.errors import WriteFailed
from facilitator.ui.document import Document
from facilitator.ui.event import ActionsPanel, EventPanel
from facilitator.ui.main_window import MainWindow


@pytest.fixture
def panel(document, qtbot):
    widget = EventPanel(document)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


@pytest.fixture
def actions(document, qtbot):
    widget = ActionsPanel(document)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    return widget


def stored(document: Document) -> Project:
    """What the file holds, read back through the store."""
    return document.store.load()


def reopened(path: Path) -> Project:
    with ProjectFile.open(path, read_only=True) as pf:
        return pf.load()


def retype(qtbot, edit, text: str) -> None:
    """Select what the field holds, type over it and press Enter, as a user does."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def names(document: Document) -> list[str]:
    return [g.name for g in document.project.groups]


# -- the event's details ---------------------------------------------------------------------------------
def test_typing_a_new_title_is_stored_undone_and_redone(panel, document, qtbot, demo_file):
    old = document.project.event.title
    retype(qtbot, panel.title_edit, "  Active   care day  ")
    assert document.project.event.title == "Active care day"
    assert stored(document).event.title == "Active care day"
    assert document.undo_stack.undoText() == "Rename the event “Active care day”"
    document.undo_stack.undo()
    assert stored(document).event.title == old
    assert panel.title_edit.text() == old
    document.undo_stack.redo()
    assert panel.title_edit.text() == "Active care day"
    document.close()
    assert reopened(demo_file).event.title == "Active care day"


def test_venue_organiser_and_date_are_each_one_undo_step(panel, document, qtbot):
    retype(qtbot, panel.venue_edit, "Town Hall, Leeds")
    retype(qtbot, panel.organiser_edit, "Leeds Active")
    panel.date_edit.setDate(QDate(2027, 3, 4))
    panel.date_edit.editingFinished.emit()
    ev = stored(document).event
    assert (ev.venue, ev.organiser, ev.date) == ("Town Hall, Leeds", "Leeds Active", dt.date(2027, 3, 4))
    assert document.undo_stack.count() == 3
    document.undo_stack.undo()
    assert stored(document).event.date == dt.date(2026, 12, 3)
    assert panel.date_edit.date() == QDate(2026, 12, 3)
    document.undo_stack.undo()
    assert stored(document).event.organiser == "Active Health Partnership"
    assert panel.organiser_edit.text() == "Active Health Partnership"


def test_a_date_picked_from_the_calendar_is_stored(panel, document):
    panel.date_edit.calendarWidget().clicked.emit(QDate(2027, 1, 20))
    assert stored(document).event.date == dt.date(2027, 1, 20)


def test_the_day_times_move_the_agenda_and_an_end_before_the_start_is_refused(panel, document, qtbot):
    panel.start_edit.setTime(QTime(10, 0))
    panel.start_edit.editingFinished.emit()
    assert stored(document).event.planned_start == dt.time(10, 0)
    assert stored(document).summary()["agenda"][0]["start"] == "10:00"
    panel.end_edit.setTime(QTime(9, 0))
    panel.end_edit.editingFinished.emit()
    assert panel.message.text() == "The day must end after it starts (10:00)."
    assert panel.end_edit.time() == QTime(16, 0)  # the field shows what the file holds again
    assert stored(document).event.planned_end == dt.time(16, 0)
    document.undo_stack.undo()
    assert stored(document).event.planned_start == dt.time(9, 30)
    assert panel.start_edit.time() == QTime(9, 30)


def test_an_empty_title_is_refused_with_a_message(panel, document, qtbot):
    old = document.project.event.title
    retype(qtbot, panel.title_edit, "   ")
    assert panel.message.text() == "The event needs a title."
    assert panel.title_edit.text() == old
    assert document.undo_stack.count() == 0


def test_the_agenda_tab_and_the_event_tab_show_the_same_times(document, panel, qtbot):
    from facilitator.ui.agenda import AgendaEditor

    agenda = AgendaEditor(document)
    qtbot.addWidget(agenda)
    panel.end_edit.setTime(QTime(17, 0))
    panel.end_edit.editingFinished.emit()
    assert agenda.end_edit.time() == QTime(17, 0)
    assert "planned end 17:00" in agenda.summary.text()


def test_a_new_project_opens_on_its_details_and_takes_a_title_and_date(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    path = tmp_path / "leeds.facil"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.new_project()
    assert window.tabs.currentWidget() is window.event_panel
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ["Event", "Agenda", "Actions"]
    panel = window.event_panel
    qtbot.waitUntil(panel.title_edit.hasFocus)
    assert panel.title_edit.selectedText() == "Untitled event"  # typing replaces it
    qtbot.keyClicks(panel.title_edit, "Leeds moves")
    qtbot.keyClick(panel.title_edit, Qt.Key.Key_Return)
    panel.date_edit.setDate(QDate(2027, 5, 12))
    panel.date_edit.editingFinished.emit()
    assert window.header.text() == "Leeds moves"
    assert "Wednesday 12 May 2027" in window.subheader.text()
    assert "Leeds moves" in window.windowTitle()
    window.close()
    event = reopened(path).event
    assert (event.title, event.date) == ("Leeds moves", dt.date(2027, 5, 12))


# -- participant groups ----------------------------------------------------------------------------------
def test_groups_are_added_with_insert_renamed_and_kept_in_the_file(panel, document, qtbot, demo_file):
    groups = panel.groups
    groups.table.setFocus()
    groups.table.setCurrentIndex(groups.model.index(4, 0))
    qtbot.keyClick(groups.table, Qt.Key.Key_Insert)
    assert names(document)[5] == "New group"
    assert document.project.groups[5].colour not in {g.colour for g in document.project.groups[:5]}
    assert groups.table.state() == groups.table.State.EditingState  # typing names it at once
    editor = groups.table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Schools")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: names(document)[5] == "Schools")  # the view commits a cell on the next event loop turn
    assert [g.name for g in stored(document).groups][5] == "Schools"
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert names(document)[5] == "New group"
    document.undo_stack.undo()
    assert len(stored(document).groups) == 5
    document.undo_stack.redo()
    document.undo_stack.redo()
    document.close()
    assert [g.name for g in reopened(demo_file).groups][5] == "Schools"


def test_empty_and_duplicate_group_names_are_refused(panel, document):
    model = panel.groups.model
    assert not model.setData(model.index(1, 0), "  ")
    assert panel.groups.message.text() == "A group needs a name."
    assert not model.setData(model.index(1, 0), "health")
    assert panel.groups.message.text() == "There is already a group called “Health”."
    assert names(document)[1] == "Sport and leisure"
    assert document.undo_stack.count() == 0
    assert model.setData(model.index(1, 0), "Sport")
    assert panel.groups.message.text() == ""


def test_renaming_a_group_renames_it_on_the_notes_too(panel, document):
    tagged = [n for w in document.project.walls for n in w.notes.values() if n.group == "Health"]
    assert tagged
    model = panel.groups.model
    assert model.setData(model.index(0, 0), "Health services")
    in_file = [n for w in stored(document).walls for n in w.notes.values() if n.id in {t.id for t in tagged}]
    assert {n.group for n in in_file} == {"Health services"}
    assert {n.group for n in tagged} == {"Health services"}
    document.undo_stack.undo()
    in_file = [n for w in stored(document).walls for n in w.notes.values() if n.id in {t.id for t in tagged}]
    assert {n.group for n in in_file} == {"Health"}
    assert {n.group for n in tagged} == {"Health"}


def test_a_group_is_recoloured_moved_and_deleted_with_keys(panel, document, qtbot):
    groups = panel.groups
    model = groups.model
    assert model.setData(model.index(0, 1), "#d55e00")
    assert model.index(0, 1).data() == "Red"
    assert stored(document).groups[0].colour == "#d55e00"
    groups.table.setFocus()
    groups.table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(groups.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert names(document)[:2] == ["Sport and leisure", "Health"]
    assert groups.current_row() == 1  # the moved group stays selected
    qtbot.keyClick(groups.table, Qt.Key.Key_Delete)
    assert "Health" not in [g.name for g in stored(document).groups]
    assert groups.current_row() == 1  # the next group is current
    document.undo_stack.undo()
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert stored(document).groups[0].name == "Health" and stored(document).groups[0].colour == "#0072b2"


def test_the_capture_bar_completes_from_the_new_groups(qtbot, demo_file):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(demo_file)
    model = window.event_panel.groups.model
    assert model.setData(model.index(0, 0), "Primary care")
    wall = next(iter(window.wall_views.values()))
    completion = wall.capture_bar.group.completer().model().stringList()
    assert "Primary care" in completion and "Health" not in completion
    window.close()


# -- diamonds ------------------------------------------------------------------------------------------------
def test_a_diamond_is_added_asked_and_resized(panel, document, qtbot, demo_file):
    diamonds = panel.diamonds
    diamonds.table.setFocus()
    diamonds.table.setCurrentIndex(diamonds.model.index(5, 0))
    qtbot.keyClick(diamonds.table, Qt.Key.Key_Insert)
    model = diamonds.model
    assert model.setData(model.index(6, 0), "How do we keep going?")
    assert model.setData(model.index(6, 1), "big")
    assert not model.setData(model.index(6, 0), "")
    assert diamonds.message.text() == "A diamond needs its question."
    last = stored(document).diamonds[6]
    assert (last.question, last.size) == ("How do we keep going?", DiamondSize.BIG)
    document.undo_stack.undo()
    assert stored(document).diamonds[6].size is DiamondSize.SMALL
    document.undo_stack.redo()
    document.close()
    assert reopened(demo_file).diamonds[6].size is DiamondSize.BIG


def test_deleting_a_diamond_leaves_its_items_without_one_until_undo(panel, document, qtbot):
    diamond = document.project.diamonds[1]
    users = [it.id for it in document.project.agenda if it.diamond_id == diamond.id]
    assert len(users) == 2
    assert panel.diamonds.model.index(1, 2).data() == "2 items"
    panel.diamonds.table.setFocus()
    panel.diamonds.table.setCurrentIndex(panel.diamonds.model.index(1, 0))
    qtbot.keyClick(panel.diamonds.table, Qt.Key.Key_Delete)
    assert diamond.id not in [d.id for d in stored(document).diamonds]
    for project in (document.project, stored(document)):
        assert all(it.diamond_id is None for it in project.agenda if it.id in users)
    document.undo_stack.undo()
    for project in (document.project, stored(document)):
        assert [it.id for it in project.agenda if it.diamond_id == diamond.id] == users
        assert project.diamonds[1].question == diamond.question
    document.undo_stack.redo()
    assert all(it.diamond_id is None for it in document.project.agenda if it.id in users)


def test_the_agenda_editor_follows_a_renamed_or_deleted_diamond(panel, document, qtbot):
    from facilitator.ui.agenda import AgendaEditor
    from facilitator.ui.agenda.model import COL

    agenda = AgendaEditor(document)
    qtbot.addWidget(agenda)
    row = next(i for i, it in enumerate(document.project.agenda) if it.diamond_id == document.project.diamonds[0].id)
    panel.diamonds.model.setData(panel.diamonds.model.index(0, 0), "Why not?")
    assert agenda.model.index(row, COL["diamond_id"]).data() == "Why not?"
    gone = document.project.diamonds[0].id
    panel.diamonds.model.remove_rows([0])
    assert agenda.model.index(row, COL["diamond_id"]).data() == "—"
    assert gone not in [value for _, value in agenda._diamonds()]  # the item's drop-down no longer offers it


def test_a_failed_write_keeps_what_the_file_holds(panel, document, monkeypatch, qtbot):
    """Deleting a diamond writes the diamonds and the agenda together: a failure in the second undoes both."""

    def fail(items):
        raise WriteFailed("The disk is full: the last change was not saved.")

    monkeypatch.setattr(document.store, "upsert_agenda", fail)  # the agenda rows' writer
    before = [d.question for d in document.project.diamonds]
    orphans_before = [it.diamond_id for it in document.project.agenda]
    with qtbot.waitSignal(document.write_failed) as blocker:
        panel.diamonds.model.remove_rows([1])
    assert "disk is full" in blocker.args[0]
    assert [d.question for d in document.project.diamonds] == before
    assert [d.question for d in stored(document).diamonds] == before
    assert [it.diamond_id for it in document.project.agenda] == orphans_before
    assert document.undo_stack.count() == 0
    assert panel.diamonds.model.rowCount() == len(before)


# -- actions ------------------------------------------------------------------------------------------------
def test_an_empty_action_list_says_what_actions_are_for(document, actions, qtbot):
    assert actions.section.empty.isHidden()
    actions.model.remove_rows(range(len(document.project.actions)))
    assert not actions.section.empty.isHidden()
    assert "what people agreed to do" in actions.section.empty.text()
    assert not actions.section.remove_button.isEnabled()
    actions.table.setFocus()
    qtbot.keyClick(actions.table, Qt.Key.Key_Insert)
    assert [a.text for a in stored(document).actions] == ["New action"]
    assert actions.section.empty.isHidden()


def test_an_action_is_written_owned_dated_and_kept(document, actions, qtbot, demo_file):
    actions.table.setFocus()
    actions.table.setCurrentIndex(actions.model.index(4, 0))
    qtbot.keyClick(actions.table, Qt.Key.Key_Insert)
    model = actions.model
    assert model.setData(model.index(5, 0), "Book the room for the follow-up")
    assert model.setData(model.index(5, 1), " Claire  Dubois ")
    assert model.setData(model.index(5, 2), dt.date(2027, 4, 1))
    assert model.index(5, 2).data() == "Thu 1 Apr 2027"
    assert not model.setData(model.index(5, 2), "next week")
    assert actions.section.message.text() == "That is not a date (use YYYY-MM-DD)."
    action = stored(document).actions[5]
    assert (action.text, action.owner, action.due) == (
        "Book the room for the follow-up",
        "Claire Dubois",
        dt.date(2027, 4, 1),
    )
    assert model.setData(model.index(5, 2), None)
    assert stored(document).actions[5].due is None and model.index(5, 2).data() == "—"
    document.undo_stack.undo()
    assert stored(document).actions[5].due == dt.date(2027, 4, 1)
    document.close()
    assert reopened(demo_file).actions[5].owner == "Claire Dubois"


def open_due_editor(actions, row: int):
    index = actions.model.index(row, 2)
    actions.table.setCurrentIndex(index)
    actions.table.edit(index)
    return actions.table.focusWidget()


def test_the_due_date_editor_clears_a_date_with_delete(document, actions, qtbot):
    editor = open_due_editor(actions, 0)
    assert editor.date() == QDate(2027, 1, 15)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert editor.text() == "No date"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: document.project.actions[0].due is None)
    assert stored(document).actions[0].due is None


def test_an_empty_due_date_stays_empty_until_one_is_picked(document, actions, qtbot):
    actions.model.setData(actions.model.index(0, 2), None)
    editor = open_due_editor(actions, 0)
    assert editor.text() == "No date"
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # looked, picked nothing
    qtbot.wait_until(lambda: actions.table.state() != actions.table.State.EditingState)
    assert document.project.actions[0].due is None
    editor = open_due_editor(actions, 0)
    qtbot.keyClick(editor, Qt.Key.Key_Up)  # the arrows start from today, not from the "no date" sentinel
    assert editor.date() == QDate.currentDate()


def test_actions_move_and_delete_with_keys_and_undo(document, actions, qtbot):
    first, second = (a.text for a in document.project.actions[:2])
    actions.table.setFocus()
    actions.table.setCurrentIndex(actions.model.index(0, 0))
    qtbot.keyClick(actions.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [a.text for a in stored(document).actions[:2]] == [second, first]
    actions.table.selectRow(0)
    qtbot.keyClick(actions.table, Qt.Key.Key_Delete)
    assert stored(document).actions[0].text == first
    assert len(stored(document).actions) == 4
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert [a.text for a in stored(document).actions[:2]] == [first, second]


def test_an_action_needs_its_text(document, actions):
    assert not actions.model.setData(actions.model.index(0, 0), "\n ")
    assert actions.section.message.text() == "An action needs to say what will be done."
    assert document.undo_stack.count() == 0


def test_a_title_typed_without_enter_is_kept_when_the_window_closes(qtbot, demo_file, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.open_path(demo_file)
    window.tabs.setCurrentWidget(window.event_panel)
    window.activateWindow()
    title = window.event_panel.title_edit
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    title.selectAll()
    qtbot.keyClicks(title, "Typed, then closed")
    window.close()
    assert shown == []  # no "Change not saved" from a field committing into a closed file
    assert reopened(demo_file).event.title == "Typed, then closed"


def test_a_rename_redraws_the_carried_notes_on_the_wall_without_rebuilding_it(qtbot, demo_file, monkeypatch):
    from facilitator.ui.wall.items import NoteItem

    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(demo_file)
    view = next(iter(window.wall_views.values()))
    carried = {n.id for w in window.document.project.walls for n in w.notes.values() if n.group == "Health"}
    assert carried
    items_before = dict(view.scene.notes)
    refreshed: list[str] = []
    original = NoteItem.refresh
    monkeypatch.setattr(NoteItem, "refresh", lambda item, note: refreshed.append(note.id) or original(item, note))
    model = window.event_panel.groups.model
    assert model.setData(model.index(0, 0), "Health services")
    assert set(refreshed) == carried  # just those notes, laid out again with their new group
    assert view.scene.notes == items_before  # the same items: no rebuild
    window.close()


def test_alt_letters_reach_every_field_and_list_without_clashing_with_the_menus(qtbot, demo_file):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.open_path(demo_file)
    window.tabs.setCurrentWidget(window.event_panel)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel = window.event_panel
    targets = {
        Qt.Key.Key_T: panel.title_edit,
        Qt.Key.Key_D: panel.date_edit,
        Qt.Key.Key_S: panel.start_edit,
        Qt.Key.Key_N: panel.end_edit,
        Qt.Key.Key_U: panel.venue_edit,
        Qt.Key.Key_O: panel.organiser_edit,
        Qt.Key.Key_G: panel.groups.table,
        Qt.Key.Key_I: panel.diamonds.table,
    }
    for key, widget in targets.items():
        qtbot.keyClick(window.focusWidget() or window, key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(widget.hasFocus)
    window.close()


def test_clicking_add_while_typing_in_a_cell_keeps_what_was_typed(document, actions, qtbot):
    index = actions.model.index(0, 1)
    actions.table.setCurrentIndex(index)
    actions.table.edit(index)
    editor = actions.table.indexWidget(index)
    editor.setText("Siân Morgan")
    actions.section.add_button.click()
    assert document.project.actions[0].owner == "Siân Morgan"
    assert stored(document).actions[1].text == "New action"


def test_a_failed_event_write_puts_the_form_back_to_what_the_file_holds(panel, document, monkeypatch, qtbot):
    def fail(event):
        raise WriteFailed("The project file cannot be written (it is read-only): the last change was not saved.")

    monkeypatch.setattr(document.store, "save_event", fail)
    old = document.project.event.title
    with qtbot.waitSignal(document.write_failed) as blocker:
        retype(qtbot, panel.title_edit, "Never stored")
    assert "read-only" in blocker.args[0]
    assert document.project.event.title == old
    assert panel.title_edit.text() == old
    assert document.undo_stack.count() == 0
