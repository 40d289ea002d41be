"""The console: the day's pace in words, projected starts, private notes, controls, jump, the shortcuts sheet."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from facilitator.core.clock import ManualClock
from facilitator.edits import Delete, SetSetting
from facilitator.ui.main_window import MainWindow
from facilitator.ui.run.keys import SHEET
from facilitator.ui.run.launcher import ShortcutsSheet


@pytest.fixture
def window(qtbot, demo_file):
    w = MainWindow()
    qtbot.addWidget(w)
    ev_date = dt.date(2026, 12, 3)
    # The event's own morning, five minutes late: 09:35.
    w.run_launcher.clock = ManualClock(monotonic=7.0, wall=dt.datetime.combine(ev_date, dt.time(9, 35)).timestamp())
    w.show()
    assert w.open_path(demo_file)
    w.document.apply(SetSetting("run.one_screen", "rehearse"))  # one screen here: rehearse, asked elsewhere
    assert w.document.project.event.date == ev_date
    yield w
    if w.run_launcher.mode is not None:
        w.run_launcher.mode.close()


def test_the_console_tells_the_day_as_it_goes(window, qtbot):
    mode = window.run_launcher.start()
    console, clock = mode.console, window.run_launcher.clock
    assert console.day_status.text() == "5 min behind  ·  ends 16:05"
    assert console.title.text() == "Welcome and why we're here"
    assert "Thank the Guildhall team" in console.notes.text()
    assert console.table.item(1, 1).text() == "09:55"  # projected start of item 2
    assert console.table.item(1, 2).text() == "09:50"  # planned
    clock.advance(10 * 60)
    mode.controller.next()  # the welcome took 10 of its 20 minutes
    assert console.day_status.text() == "5 min ahead  ·  ends 15:55"
    assert console.table.item(0, 1).text() == "done"
    assert console.table.item(2, 1).text() == "10:20"
    assert console.next_label.text() == "Next: Clustering the barriers (25 min)"


def test_console_buttons_drive_the_run(window, qtbot):
    mode = window.run_launcher.start()
    console, run = mode.console, mode.controller.run
    qtbot.mouseClick(console.pause_button, Qt.MouseButton.LeftButton)
    assert not run.running and console.pause_button.text() == "Resume"
    qtbot.mouseClick(console.pause_button, Qt.MouseButton.LeftButton)
    assert run.running
    qtbot.mouseClick(console.blackout_button, Qt.MouseButton.LeftButton)
    assert mode.controller.blackout and mode.audience.face.state.blackout
    console.mute.setChecked(True)
    assert mode.controller.chime.muted
    buttons = {b.text(): b for b in console.findChildren(QPushButton)}
    for text in ("+5 min", "+1 min", "−1 min", "+1 min"):
        qtbot.mouseClick(buttons[text], Qt.MouseButton.LeftButton)
    assert run.adjustment == 6 * 60
    qtbot.mouseClick(buttons["Reset item"], Qt.MouseButton.LeftButton)
    assert console.reset_box is not None  # time has run: it asks first
    console.reset_box.button(QMessageBox.StandardButton.Yes).click()
    assert run.adjustment == 0 and run.elapsed == 0
    assert "Reset item" in console.effect.text()
    console.undo_action.trigger()
    assert run.adjustment == 6 * 60
    assert console.effect.text().startswith("Undone: Reset item.")
    qtbot.mouseClick(buttons["Next  ▶"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons["Next  ▶"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(buttons["◀  Previous"], Qt.MouseButton.LeftButton)
    assert run.index == 1
    console.table.cellDoubleClicked.emit(6, 4)  # jump to lunch
    assert run.current_item.title == "Lunch"
    assert mode.audience.face.state.title == "Lunch"


def test_deleting_every_item_mid_run_leaves_run_mode(window, qtbot):
    mode = window.run_launcher.start()
    agenda = window.document.project.agenda
    window.document.apply(Delete("agenda", tuple(it.id for it in agenda)))
    assert agenda == []
    assert window.run_launcher.mode is None
    assert not mode.console.isVisible()


def test_the_shortcuts_sheet_lists_the_clicker_keys(window, qtbot):
    actions = {a.text(): a for a in window.help_menu.actions()}
    assert "&Keyboard and clicker shortcuts" in actions
    sheet = ShortcutsSheet(window)
    qtbot.addWidget(sheet)
    text = sheet.findChild(type(window.header)).text()
    for key, what in SHEET:
        assert key in text and what in text
    assert "Page Down" in text and "Esc" in text


def test_the_run_menu_starts_at_the_selected_item(window, qtbot):
    window.agenda_panel.select_row(4)
    window.run_launcher.start_from_selection()
    assert window.run_launcher.mode.controller.run.index == 4
    assert window.agenda_panel.necklace.current == 4
    window.run_launcher.mode.close()
    assert window.agenda_panel.necklace.current is None


def test_a_saved_projector_that_is_not_plugged_in_gives_a_window(window, qtbot):
    window.document.apply(SetSetting("run.audience_screen", "projector"))
    mode = window.run_launcher.start()
    assert not mode.audience.isFullScreen()
    assert mode.console.screen_box.currentData() == ""
    assert mode.console.isVisible()
    mode._on_screens_changed()  # what a cable pulled or plugged mid-run triggers
    assert not mode.audience.isFullScreen() and mode.console.isVisible()


def test_double_clicking_the_room_view_toggles_full_screen(window, qtbot):
    mode = window.run_launcher.start()
    assert not mode.audience.isFullScreen()  # one screen: a window
    qtbot.mouseDClick(mode.audience, Qt.MouseButton.LeftButton)
    assert mode.audience.isFullScreen()
    qtbot.mouseDClick(mode.audience, Qt.MouseButton.LeftButton)
    assert not mode.audience.isFullScreen()


def test_one_screen_asks_once_per_project_and_remembers(window, qtbot):
    window.document.apply(SetSetting("run.one_screen", None))
    mode = window.run_launcher.start()
    box = mode.layout_box
    assert box is not None and box.isVisible()
    assert not mode.console.isVisible() and not mode.audience.isVisible()  # nothing shown before the answer
    projector = next(b for b in box.buttons() if b.text() == "The projector shows this screen")
    projector.click()
    qtbot.waitUntil(lambda: mode.layout_box is None)
    assert mode.layout == "projector"
    assert mode.audience.isFullScreen() and not mode.console.isVisible()  # the notes stay off the room's screen
    assert window.document.store.setting("run.one_screen") == "projector"
    # The self-hiding control strip drives the run and carries no notes.
    strip = mode.audience.controls
    assert strip is not None and not strip.isVisible()
    strip.reveal()  # what moving the mouse over the room's view does
    assert strip.isVisible()
    texts = " ".join(b.text() for b in strip.findChildren(QPushButton))
    assert "Thank the Guildhall team" not in texts
    next_button = next(b for b in strip.findChildren(QPushButton) if b.property("action") == "next")
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert mode.controller.run.index == 1
    mode.audience_undo.trigger()  # Ctrl+Z on the room's screen: the console is hidden
    assert mode.controller.run.index == 0
    mode.close()
    again = window.run_launcher.start()
    assert again.layout_box is None and again.layout == "projector"  # asked once, remembered


def test_rehearse_here_puts_the_console_beside_a_room_view_it_never_covers(window, qtbot):
    mode = window.run_launcher.start()
    assert mode.layout == "rehearse"
    assert mode.console.isVisible() and mode.audience.isVisible()
    # Side by side is checked on a real laptop's layout (test_run_screens); here the view stays on top.
    assert mode.audience.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert not mode.audience.isFullScreen()


def test_a_message_to_the_room_is_typed_in_the_console_and_shown_until_dismissed(window, qtbot):
    mode = window.run_launcher.start()
    console, c = mode.console, mode.controller
    console.message_edit.setFocus()
    qtbot.keyClicks(console.message_edit, "Back by 11:25 please")  # 'B' and Space are text here
    assert not c.blackout and c.run.running
    qtbot.keyClick(console.message_edit, Qt.Key.Key_Return)
    assert mode.audience.face.state.message == "Back by 11:25 please"
    assert console.dismiss_button.isEnabled()
    qtbot.mouseClick(console.dismiss_button, Qt.MouseButton.LeftButton)
    assert c.message == "" and mode.audience.face.state.message == ""


def test_the_flash_blinks_a_few_times_then_holds(window):
    mode = window.run_launcher.start()
    c = mode.controller
    c.show_message("Fire drill at 11:00", flash=True)
    seen = [c.flash_on]
    for _ in range(8):
        c._on_flash()
        seen.append(c.flash_on)
    assert seen[:4] == [True, False, True, False]
    assert seen[-1] is False and not c._flash_timer.isActive()
    assert mode.audience.face.state.message == "Fire drill at 11:00"


def test_time_of_day_on_the_console_and_switchable_on_the_projector(window):
    mode = window.run_launcher.start()
    assert mode.console.time_label.text() == "09:35"
    assert mode.audience.face.state.time_of_day == ""
    mode.console.projector_clock.setChecked(True)
    assert mode.audience.face.state.time_of_day == "09:35"
    assert window.document.store.setting("run.projector_clock") == "1"


def test_the_console_previews_exactly_what_the_projector_shows(window, qtbot):
    mode = window.run_launcher.start_day()
    mode = window.run_launcher.mode
    preview = mode.console.preview
    assert preview.audience is mode.audience
    assert mode.controller.audience_state() == mode.audience.face.state
    assert mode.audience.face.state.screen == "standby"
    qtbot.keyClick(mode.console, Qt.Key.Key_PageDown)
    assert mode.audience.face.state.screen == "item"
    mode.controller.jump(3)  # the morning break
    assert mode.audience.face.state.screen == "break"
    assert mode.controller.audience_state() == mode.audience.face.state
    image = preview.grab().toImage()
    target = preview.target()
    assert target.width() / target.height() == pytest.approx(mode.audience.width() / mode.audience.height(), 0.02)
    from facilitator.ui.run import look

    corner = image.pixelColor(int(target.left()) + 3, int(target.top()) + 3)
    assert corner.name() == look.BREAK_BACKGROUND
