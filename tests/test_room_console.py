"""The room in the run console: the join slide small, the counts, and J to bring the slide back for late joiners."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from facilitator.core.clock import ManualClock
from facilitator.edits import SetSetting
from facilitator.ui.main_window import MainWindow
from facilitator.ui.room.console_card import HIDE_TEXT, SHOW_TEXT

# What presentation clickers send; in the run's own windows the arrows move the run too.
CLICKER = [Qt.Key.Key_PageDown, Qt.Key.Key_PageUp, Qt.Key.Key_B, Qt.Key.Key_Period, Qt.Key.Key_F5, Qt.Key.Key_Escape]
ARROWS = [Qt.Key.Key_Right, Qt.Key.Key_Left]


def run_place(mode) -> tuple:
    """Where the room is in the day: the item, whether its timer runs, the black-out, and whether the run is on."""
    run = mode.controller.run
    return (run.index, run.stage, run.running, mode.controller.blackout, mode.confirm is None, not mode._closed)


@pytest.fixture
def window(qtbot, demo_file, qloop):
    w = MainWindow()
    qtbot.addWidget(w)
    w.run_launcher.clock = ManualClock(monotonic=7.0, wall=dt.datetime(2026, 12, 3, 9, 35).timestamp())
    w.show()
    assert w.open_path(demo_file)
    w.document.apply(SetSetting("run.one_screen", "rehearse"))
    yield w
    if w.run_launcher.mode is not None:
        w.run_launcher.mode.close()
    room = w.room_launcher.room
    if room is not None:
        qloop.run_until_complete(room.controller.close())
        room.slide.close()


def test_the_console_shows_the_open_room_small_and_j_brings_the_slide_back(window, qloop, qtbot):
    room = window.room_launcher.show_room()
    mode = window.run_launcher.start()
    card = mode.console.room_card
    assert card.isHidden()  # no room open: nothing about phones in the console
    url = qloop.run_until_complete(room.controller.open("127.0.0.1"))
    status = room.controller.status()
    assert not card.isHidden()
    assert card.slide.info.url == url and card.slide.info.code == status.code  # what the projector shows
    assert card.counts.text() == "0 phones connected"
    assert card.button.text() == SHOW_TEXT and not room.slide.isVisible()

    mode.console.raise_()
    mode.console.activateWindow()
    mode.console.windowHandle().requestActivate()
    qtbot.waitUntil(mode.console.isActiveWindow, timeout=800)  # shorter than the room's one-second item timer
    mode.console.table.setFocus()  # not typing a message: J is the run's key (facilitator.ui.run.keys)
    QTest.keyClick(mode.console, Qt.Key.Key_J)  # late joiners: the slide goes back up on the projector
    assert room.slide.isVisible() and room.slide.info.code == status.code
    assert card.button.text() == HIDE_TEXT
    qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)  # and away again, from the console
    assert not room.slide.isVisible() and card.button.text() == SHOW_TEXT

    mode.console.message_edit.setFocus()
    QTest.keyClicks(mode.console.message_edit, "j")  # typing a message, j is a letter
    assert mode.console.message_edit.text() == "j" and not room.slide.isVisible()

    qloop.run_until_complete(room.controller.close())
    assert card.isHidden()


def test_the_console_card_grabs_legibly(window, qloop, qtbot, tmp_path):
    """Look at it: the console with the room open (saved for the docs by docs/grab_room_page.py's sibling)."""
    room = window.room_launcher.show_room()
    qloop.run_until_complete(room.controller.open("127.0.0.1"))
    mode = window.run_launcher.start()
    console = mode.console
    console.resize(1280, 720)
    console.show()
    qtbot.waitExposed(console)
    card = console.room_card
    assert card.width() >= 200 and card.slide.height() >= 110  # big enough to read the code off the laptop
    image = card.slide.grab().toImage()
    dark = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y).lightness() < 100
    )
    assert dark > 200  # a QR code and the address are painted, not a blank box


def test_j_brings_the_join_slide_over_the_rooms_view_when_the_projector_shows_this_screen(window, qloop, qtbot):
    """One screen, the room sees it: the console is hidden and the room's view is on top, so J (pressed on the
    room's view) puts the slide over it, on top, and J on the slide puts it away."""
    from facilitator.ui.run.keys import SHEET

    window.document.apply(SetSetting("run.one_screen", "projector"))
    room = window.room_launcher.show_room()
    qloop.run_until_complete(room.controller.open("127.0.0.1"))
    mode = window.run_launcher.start()
    assert mode.layout == "projector" and not mode.console.isVisible() and mode.audience.isFullScreen()
    QTest.keyClick(mode.audience, Qt.Key.Key_J)
    slide = room.slide
    assert slide.isVisible() and slide.isFullScreen()
    assert slide.windowFlags() & Qt.WindowType.WindowStaysOnTopHint  # over the room's view, which is on top too
    assert slide.screen() is mode.audience.screen()
    assert slide.info.code == room.controller.status().code
    QTest.keyClick(slide, Qt.Key.Key_J)  # again: away, and the room sees the run
    assert not slide.isVisible()
    QTest.keyClick(mode.audience, Qt.Key.Key_J)
    assert slide.isVisible()
    QTest.keyClick(mode.audience, Qt.Key.Key_J)  # the room's view has the keys: J there takes it away too
    assert not slide.isVisible()
    for key in CLICKER:  # the clicker at the slide only takes it away
        QTest.keyClick(mode.audience, Qt.Key.Key_J)
        place = run_place(mode)
        QTest.keyClick(slide, key)
        assert not slide.isVisible() and run_place(mode) == place and mode.audience.isFullScreen()
    assert any(key == "J" and "join slide" in what for key, what in SHEET)  # in the run's shortcuts sheet


def test_j_with_no_room_open_does_nothing(window, qtbot):
    mode = window.run_launcher.start()
    QTest.keyClick(mode.console, Qt.Key.Key_J)
    assert window.room_launcher.room is None or not window.room_launcher.room.slide.isVisible()
    assert window.run_launcher.mode is mode


def test_a_clicker_key_while_the_join_slide_is_up_only_takes_it_away(window, qloop, qtbot):
    """A clicker pressed at the slide (to go back to the timer), or by accident, never loses the room's place:
    from the console, the room's view, the main window or the slide itself, it takes the slide away and nothing
    else; the next press does the key's job, and J brings the slide back."""
    room = window.room_launcher.show_room()
    qloop.run_until_complete(room.controller.open("127.0.0.1"))
    mode = window.run_launcher.start()
    QTest.keyClick(mode.console, Qt.Key.Key_PageDown)  # a later item, its timer running
    mode.console.table.setFocus()
    start = run_place(mode)
    assert start[0] == 1 and start[2]
    slide = room.slide
    presses = [(w, k) for w in (mode.console, mode.audience) for k in CLICKER + ARROWS]
    presses += [(w, k) for w in (window, slide) for k in CLICKER]
    for target, key in presses:
        QTest.keyClick(mode.console, Qt.Key.Key_J)
        assert slide.isVisible()
        place = run_place(mode)
        QTest.keyClick(target, key)
        assert not slide.isVisible(), (type(target).__name__, key)
        assert run_place(mode) == place, (type(target).__name__, key)
    assert run_place(mode) == start
    assert mode.console.room_card.button.text() == SHOW_TEXT  # the console's button follows
    QTest.keyClick(mode.console, Qt.Key.Key_PageDown)  # no slide: the clicker moves the run again
    assert mode.controller.run.index == 2


def test_rehearsing_the_consoles_button_puts_the_slide_over_the_rooms_view_as_j_does(window, qloop, qtbot):
    """Rehearse here: the room's view is a window kept on top of the console. The console's button, J and the Room
    window's button all put the slide over that view, on top (a window placed by screens alone opened under it);
    the button, Esc and the clicker take it away, and the run stays where it was."""
    room = window.room_launcher.show_room()
    qloop.run_until_complete(room.controller.open("127.0.0.1"))
    mode = window.run_launcher.start()
    audience, slide, card = mode.audience, room.slide, mode.console.room_card
    assert mode.layout == "rehearse" and audience.isVisible() and not audience.isFullScreen()
    assert audience.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    mode.console.table.setFocus()
    start = run_place(mode)

    def over_the_rooms_view() -> bool:
        on_top = bool(slide.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)
        return slide.isVisible() and on_top and slide.geometry() == audience.geometry()

    qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    assert over_the_rooms_view() and slide.screen() is audience.screen()
    assert card.button.text() == HIDE_TEXT
    qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)  # the button takes it away again
    assert not slide.isVisible() and card.button.text() == SHOW_TEXT

    for show in (
        lambda: QTest.keyClick(mode.console, Qt.Key.Key_J),
        lambda: qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton),
        lambda: qtbot.mouseClick(room.panel.slide_button, Qt.MouseButton.LeftButton),
    ):
        for key in (Qt.Key.Key_Escape, Qt.Key.Key_PageDown):
            show()
            assert over_the_rooms_view()
            QTest.keyClick(mode.console, key)
            assert not slide.isVisible() and run_place(mode) == start
    qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    toggles: list[bool] = []
    slide.shown.connect(toggles.append)
    qtbot.mouseClick(room.panel.slide_button, Qt.MouseButton.LeftButton)  # the Room window's button, slide up
    assert over_the_rooms_view() and toggles == []  # it stays up: no flicker on the projector
    QTest.keyClick(mode.console, Qt.Key.Key_B)
    assert not slide.isVisible() and toggles == [False] and run_place(mode) == start
    audience.move(audience.x() - 40, audience.y() + 30)  # the facilitator moved the rehearsal window
    qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    assert over_the_rooms_view()
    QTest.keyClick(slide, Qt.Key.Key_Escape)  # Esc on the slide itself
    assert not slide.isVisible() and run_place(mode) == start


def test_after_the_run_the_room_windows_button_shows_the_slide_by_screens_again(window, qloop, qtbot):
    room = window.room_launcher.show_room()
    qloop.run_until_complete(room.controller.open("127.0.0.1"))
    mode = window.run_launcher.start()
    mode.close()
    qtbot.mouseClick(room.panel.slide_button, Qt.MouseButton.LeftButton)
    slide = room.slide
    assert slide.isVisible() and not slide.windowFlags() & Qt.WindowType.WindowStaysOnTopHint  # nothing to cover
    assert slide.size().width() == 960  # one screen and no run: a window on the laptop


def test_a_join_slide_that_is_up_follows_the_rooms_view_when_the_facilitator_moves_it(window, qloop, qtbot):
    """Rehearsing, then "This screen, full-screen: the room sees it" from the console's projector list, and back:
    the slide that is up moves with the room's view, on top of it, never left over the console."""
    from facilitator.ui.run import screens

    room = window.room_launcher.show_room()
    qloop.run_until_complete(room.controller.open("127.0.0.1"))
    mode = window.run_launcher.start()
    audience, slide = mode.audience, room.slide
    qtbot.mouseClick(mode.console.room_card.button, Qt.MouseButton.LeftButton)
    assert slide.isVisible() and not slide.isFullScreen() and slide.geometry() == audience.geometry()
    mode.move_audience_to(screens.THIS_SCREEN)
    assert mode.layout == screens.PROJECTOR and audience.isFullScreen()
    assert slide.isVisible() and slide.isFullScreen() and slide.geometry() == audience.geometry()
    mode.move_audience_to("")  # back to rehearsing: a window beside the console
    assert mode.layout == screens.REHEARSE and not audience.isFullScreen()
    assert slide.isVisible() and not slide.isFullScreen() and slide.geometry() == audience.geometry()
