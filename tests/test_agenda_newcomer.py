"""What a newcomer hit in the agenda and event set-up: typed phases and dates, adding the first item,
plurals, the Minutes editor, the phase colours, the menus."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QSpinBox

from facilitator.core.agenda import Kind, Phase
from facilitator.core.project import Project
from facilitator.core.typed import match_choice, parse_date
from facilitator.store import ProjectFile
from facilitator.ui.agenda import AgendaEditor
from facilitator.ui.agenda.model import COL
from facilitator.ui.document import Document


@pytest.fixture
def editor(document, qtbot):
    widget = AgendaEditor(document)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.table.setFocus()
    return widget


@pytest.fixture
def empty_document(tmp_path, qtbot):
    path = tmp_path / "new.facil"
    ProjectFile.create(path, Project()).close()
    doc = Document(ProjectFile.open(path))
    yield doc
    doc.close()


def type_into_focus(qtbot, text: str) -> None:
    """Type as a person does: each key goes to whatever has the focus now."""
    for ch in text:
        target = QApplication.focusWidget()
        assert target is not None
        qtbot.keyClicks(target, ch)


# -- typed phases ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "phase"),
    [
        ("Define", Phase.DEFINE),
        ("Deliver", Phase.DELIVER),
        ("Develop", Phase.DEVELOP),
        ("Discover", Phase.DISCOVER),
        ("Dev", Phase.DEVELOP),
        ("deli", Phase.DELIVER),
        ("none", Phase.NONE),
    ],
)
def test_a_typed_phase_is_stored_as_typed(editor, document, qtbot, typed, phase):
    row = 1
    index = editor.model.index(row, COL["phase"])
    editor.table.setCurrentIndex(index)
    editor.table.setFocus()
    qtbot.waitUntil(editor.table.hasFocus)
    type_into_focus(qtbot, typed)  # the first key opens the cell's editor, as in the app
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table.state() != editor.table.State.EditingState)
    assert document.project.agenda[row].phase is phase
    assert document.store.load().agenda[row].phase is phase


def test_an_ambiguous_or_unknown_phase_changes_nothing_and_says_why(editor, document, qtbot):
    before = document.project.agenda[1].phase
    editor.table.setCurrentIndex(editor.model.index(1, COL["phase"]))
    editor.table.edit(editor.table.currentIndex())
    box = editor.table.viewport().findChild(QComboBox)
    box.lineEdit().setText("Dx")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table.state() != editor.table.State.EditingState)
    assert document.project.agenda[1].phase is before
    assert "“Dx” is not one of the choices" in editor.message.text()
    assert document.undo_stack.count() == 0


def test_picking_a_kind_from_the_list_is_one_undo_step(editor, document, qtbot):
    index = editor.model.index(0, COL["kind"])
    editor.table.setCurrentIndex(index)
    editor.table.edit(index)
    box = editor.table.viewport().findChild(QComboBox)
    box.setCurrentIndex(box.findData("break"))  # what a click in the list does, then:
    box.activated.emit(box.findData("break"))
    qtbot.waitUntil(lambda: editor.table.state() != editor.table.State.EditingState)
    assert document.project.agenda[0].kind is Kind.BREAK
    assert document.undo_stack.count() == 1


def test_choices_match_whole_words_or_one_unique_start():
    labels = ["None", "Discover", "Define", "Develop", "Deliver"]
    assert match_choice("define", labels) == 2
    assert match_choice("  DEVELOP ", labels) == 3
    assert match_choice("Dev", labels) == 3
    assert match_choice("De", labels) is None
    assert match_choice("", labels) is None
    assert match_choice("x", labels) is None


# -- typed dates ----------------------------------------------------------------------------------------------------
TODAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("15/01/2027", dt.date(2027, 1, 15)),
        ("15.1.27", dt.date(2027, 1, 15)),
        ("2027-01-15", dt.date(2027, 1, 15)),
        ("15 Jan 2027", dt.date(2027, 1, 15)),
        ("Friday 15 January 2027", dt.date(2027, 1, 15)),
        ("January 15, 2027", dt.date(2027, 1, 15)),
        ("01/15/2027", dt.date(2027, 1, 15)),
        ("15 Jan", dt.date(2027, 1, 15)),
        ("3/12", dt.date(2026, 12, 3)),
        ("15012027", dt.date(2027, 1, 15)),
    ],
)
def test_dates_are_read_as_people_type_them(typed, date):
    assert parse_date(typed, TODAY) == date


@pytest.mark.parametrize("typed", ["", "soon", "31/02/2027", "15/13/2027", "13/13/2027", "Jan Feb 2027"])
def test_what_is_not_a_date_is_not_read_as_one(typed):
    assert parse_date(typed, TODAY) is None


@pytest.fixture
def panel(document, qtbot):
    from facilitator.ui.event.panel import EventPanel

    widget = EventPanel(document)
    widget.date_edit.today = lambda: TODAY
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def retype_date(qtbot, panel, text: str) -> None:
    field = panel.date_edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_typed_date_is_stored_and_shown_in_full(panel, document, qtbot):
    retype_date(qtbot, panel, "15/01/2027")
    assert document.project.event.date == dt.date(2027, 1, 15)
    assert document.store.load().event.date == dt.date(2027, 1, 15)
    assert panel.date_edit.text() == "Friday 15 January 2027"
    assert panel.message.text() == ""
    document.undo_stack.undo()
    assert panel.date_edit.date() == QDate(2026, 12, 3)


def test_a_past_date_is_kept_but_warned_about(panel, document, qtbot):
    retype_date(qtbot, panel, "11/01/2026")
    assert document.project.event.date == dt.date(2026, 1, 11)
    assert "past" in panel.message.text()
    assert "Sunday 11 January 2026" in panel.message.text()


def test_text_that_is_not_a_date_changes_nothing_and_says_how_to_type_one(panel, document, qtbot):
    before = document.project.event.date
    retype_date(qtbot, panel, "next week")
    assert document.project.event.date == before
    assert "15/01/2027" in panel.message.text()
    assert document.undo_stack.count() == 0


def test_a_typed_due_date_is_stored(document, qtbot):
    from facilitator.ui.event import ActionsPanel

    actions = ActionsPanel(document)
    qtbot.addWidget(actions)
    actions.show()
    index = actions.model.index(0, 2)
    actions.table.setCurrentIndex(index)
    actions.table.edit(index)
    field = actions.table.focusWidget()
    field.selectAll()
    qtbot.keyClicks(field, "2/3/2027")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: document.project.actions[0].due == dt.date(2027, 3, 2))


# -- adding items ---------------------------------------------------------------------------------------------------
def test_insert_on_an_empty_agenda_adds_the_first_item(empty_document, qtbot):
    editor = AgendaEditor(empty_document)
    qtbot.addWidget(editor)
    editor.resize(1000, 600)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.empty.isVisible() and "No items yet" in editor.empty.text()
    editor.table.setFocus()
    qtbot.waitUntil(editor.table.hasFocus)
    qtbot.keyClick(editor.table, Qt.Key.Key_Insert)
    assert [it.title for it in empty_document.project.agenda] == ["New item"]
    assert not editor.empty.isVisible()
    assert editor.table.state() == editor.table.State.EditingState  # typing the title straight away


def test_the_add_button_and_ctrl_enter_add_items_without_an_insert_key(empty_document, qtbot):
    editor = AgendaEditor(empty_document)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.buttons["add"].isVisible() and editor.buttons["add"].text() == "Add item"
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)
    assert len(empty_document.project.agenda) == 1
    editor.instructions.setFocus()  # anywhere in the tab
    qtbot.waitUntil(editor.instructions.hasFocus)
    qtbot.keyClick(editor.instructions, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(empty_document.project.agenda) == 2


def test_the_main_window_has_an_agenda_menu_and_a_view_menu(demo_file, qtbot):
    from facilitator.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(demo_file)
    texts = [a.text().replace("&", "") for a in window.agenda_menu.actions()]
    assert "Add item" in texts and "Duplicate item" in texts
    window.agenda_menu.actions()[0].trigger()
    assert len(window.document.project.agenda) == 14
    window.refresh_view_menu()
    views = [a.text().replace("&", "") for a in window.view_menu.actions() if a.text()]
    assert views[:2] == ["Event", "Agenda"] and "Full screen" in views
    wall_entry = next(a for a in window.view_menu.actions() if a.text() == "Barriers")
    wall_entry.trigger()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Barriers"


def test_ctrl_d_duplicates_the_selected_items_in_one_undo_step(editor, document, qtbot):
    before = [it.title for it in document.project.agenda]
    selection = editor.table.selectionModel()
    flags = selection.SelectionFlag
    editor.table.setCurrentIndex(editor.model.index(1, COL["title"]))
    selection.select(editor.model.index(1, 0), flags.ClearAndSelect | flags.Rows)
    selection.select(editor.model.index(2, 0), flags.Select | flags.Rows)
    qtbot.keyClick(editor.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    after = [it.title for it in document.project.agenda]
    assert after == before[:3] + before[1:3] + before[3:]
    ids = [it.id for it in document.project.agenda]
    assert len(set(ids)) == len(ids)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert [it.title for it in document.project.agenda] == before


# -- polish ---------------------------------------------------------------------------------------------------------
def test_one_item_is_one_item(empty_document, qtbot):
    editor = AgendaEditor(empty_document)
    qtbot.addWidget(editor)
    editor.insert_item(edit_title=False)
    assert editor.summary.text().startswith("1 item ·")


def test_the_minutes_editor_shows_its_whole_value(editor, qtbot):
    index = editor.model.index(0, COL["minutes"])
    editor.table.setCurrentIndex(index)
    editor.table.edit(index)
    spin = editor.table.viewport().findChild(QSpinBox)
    assert spin is not None
    spin.setValue(120)
    needed = spin.fontMetrics().horizontalAdvance("120 min")
    line = spin.lineEdit()
    assert line.width() >= needed, (line.width(), needed)


def test_the_necklace_labels_are_at_least_the_reading_size(qtbot):
    from PySide6.QtGui import QFont, QFontInfo

    from facilitator.ui.agenda.necklace import label_pixel_size

    font = QFont()
    assert label_pixel_size(font, 118) >= max(12, QFontInfo(font).pixelSize())
    assert label_pixel_size(font, 600) >= 40  # the projector strip scales up
