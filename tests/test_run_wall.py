"""The agenda drives the wall: the linked wall goes on the projector; a diverging item opens it for capture."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.core.agenda import Phase
from facilitator.edits import SetSetting
from facilitator.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_file):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.open_path(demo_file)
    w.document.apply(SetSetting("run.one_screen", "rehearse"))  # one screen here: rehearse, asked elsewhere
    yield w
    if w.run_launcher.mode is not None:
        w.run_launcher.mode.close()


def test_w_puts_the_linked_wall_on_the_projector_and_back(window, qtbot):
    mode = window.run_launcher.start(start_at=1)  # "Mapping today's conversations", linked to Barriers
    item = mode.controller.run.current_item
    assert item.wall_id is not None
    assert mode.console.wall_button.isEnabled()
    qtbot.keyClick(mode.console, Qt.Key.Key_W)
    assert mode.audience.showing_wall
    assert mode.controller.wall_id == item.wall_id
    assert mode.console.wall_button.text() == "Show timer"
    # Black-out hides the wall too, and brings it back after.
    qtbot.keyClick(mode.audience, Qt.Key.Key_B)
    assert mode.audience.stack.currentWidget() is mode.audience.face
    qtbot.keyClick(mode.audience, Qt.Key.Key_B)
    assert mode.audience.showing_wall
    qtbot.keyClick(mode.audience, Qt.Key.Key_W)
    assert not mode.audience.showing_wall
    qtbot.keyClick(mode.console, Qt.Key.Key_W)
    qtbot.keyClick(mode.console, Qt.Key.Key_PageDown)  # a new item puts the timer back
    assert not mode.audience.showing_wall


def test_an_item_without_a_wall_cannot_show_one(window, qtbot):
    mode = window.run_launcher.start(start_at=0)
    assert mode.controller.run.current_item.wall_id is None
    assert not mode.console.wall_button.isEnabled()
    qtbot.keyClick(mode.console, Qt.Key.Key_W)
    assert not mode.audience.showing_wall


def test_a_diverging_item_opens_its_wall_in_capture_mode_and_keys_stay_with_the_run(window, qtbot):
    agenda = window.document.project.agenda
    assert agenda[1].phase is Phase.DISCOVER and agenda[1].wall_id
    mode = window.run_launcher.start(start_at=0)
    assert window.tabs.currentWidget() is window.agenda_panel  # item 1 has no wall: the agenda stays in front
    qtbot.keyClick(mode.console, Qt.Key.Key_PageDown)
    assert window.tabs.currentWidget() is window.wall_views[agenda[1].wall_id]
    # The scribe types into the wall's capture line: letters are text there, not run keys...
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    capture = QApplication.focusWidget()
    assert capture.window() is window
    qtbot.keyClicks(capture, "bus pass")
    assert not mode.controller.blackout and mode.controller.run.running
    assert "bus pass" in capture.text()
    # ...but the clicker still moves the run from the main window, and the room's view stays on top.
    qtbot.keyClick(capture, Qt.Key.Key_PageDown)
    assert mode.controller.run.index == 2
    assert mode.audience.isVisible() and mode.audience.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


def test_an_empty_wall_shows_its_question_not_a_blank_screen(window, qtbot):
    from facilitator.core.wall import Note, Wall

    project = window.document.project
    empty = Wall(name="Pilots")
    project.walls.append(empty)
    item = project.agenda[10]  # "Prototype three pilots"
    item.wall_id = empty.id
    mode = window.run_launcher.start(start_at=10)
    qtbot.keyClick(mode.console, Qt.Key.Key_W)
    page = mode.audience.wall_page
    assert mode.audience.showing_wall and page.showing_empty
    question = next(d.question for d in project.diamonds if d.id == item.diamond_id)
    assert page.empty.state.question == question
    assert page.strip.state.title == item.title and page.strip.state.display == "45:00"
    empty.notes["n1"] = Note("A pilot with the leisure centre", id="n1")
    mode._paint_audience()  # the next tick: the first note arrived, so the wall itself shows
    assert mode.audience.showing_wall and not page.showing_empty and page.view is not None


def test_a_wall_with_only_held_or_hidden_phone_notes_is_empty_on_the_projector(window, qtbot):
    from facilitator.edits import AcceptNotes, AddNote, AddWall, Origin, RevealNotes, Update

    project = window.document.project
    window.document.apply(AddWall("wall-pilots", "Pilots"))
    pilots = project.wall("wall-pilots")
    item = project.agenda[10]
    window.document.apply(Update("agenda", item.id, (("wall_id", pilots.id),)))
    phone = Origin("phone", "phone-bbbbbbbb", "Phone BBBB")
    window.document.apply(AddNote(pilots.id, "note-held0003", "Held", source="phone", status="held"), origin=phone)
    window.document.apply(AddNote(pilots.id, "note-hide0003", "Hidden", source="phone", status="hidden"), origin=phone)
    mode = window.run_launcher.start(start_at=10)
    qtbot.keyClick(mode.console, Qt.Key.Key_W)
    page = mode.audience.wall_page
    assert mode.audience.showing_wall and page.showing_empty  # the room sees no note yet: its question shows
    mode._paint_audience()
    assert page.showing_empty
    window.document.apply(RevealNotes(("note-hide0003",)), text="Reveal phone notes")
    mode._paint_audience()  # the next tick: a note is on the wall for the room now
    assert not page.showing_empty and page.view is not None
    assert set(page.view.scene.notes) == {"note-hide0003"}
    window.document.apply(AcceptNotes(("note-held0003",)), text="Accept phone notes")


def test_clicker_keys_reach_the_run_from_another_window_but_esc_stays_with_it(window, qtbot):
    from PySide6.QtWidgets import QWidget

    mode = window.run_launcher.start(start_at=0)
    other = QWidget(None)  # say, a wall shown full-screen from its own menu
    qtbot.addWidget(other)
    other.show()
    qtbot.keyClick(other, Qt.Key.Key_PageDown)
    assert mode.controller.run.index == 1
    qtbot.keyClick(other, Qt.Key.Key_Right)  # arrows keep their meaning outside the run's windows
    assert mode.controller.run.index == 1
    qtbot.keyClick(other, Qt.Key.Key_Escape)
    assert mode.confirm is None and window.run_launcher.mode is mode
    if QApplication.focusWidget() is not None:
        QApplication.focusWidget().clearFocus()  # not typing in the wall's capture line
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # from the main window, Esc asks to leave the run
    assert mode.confirm is not None
