"""Run mode and the main window meet through explicit interfaces: RunHost, RunAction and signals."""

from __future__ import annotations

import inspect

import pytest

from facilitator.edits import SetSetting
from facilitator.ui.main_window import MainWindow
from facilitator.ui.run.audience import ControlStrip
from facilitator.ui.run.keys import CLICKER_KEYS, RunAction
from facilitator.ui.run.launcher import RunHost


@pytest.fixture
def window(qtbot, demo_file):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    assert w.open_path(demo_file)
    w.document.apply(SetSetting("run.one_screen", "rehearse"))
    yield w
    if w.run_launcher.mode is not None:
        w.run_launcher.mode.close()


def test_the_main_window_provides_everything_run_host_names(window):
    names = {n for n in vars(RunHost) if not n.startswith("_")} | set(RunHost.__annotations__)
    assert names >= {"document", "help_menu", "document_opened", "show_wall", "selected_agenda_row"}
    missing = [n for n in sorted(names) if not hasattr(window, n)]
    assert missing == []
    for name in ("show_wall", "selected_agenda_row"):
        assert inspect.signature(getattr(window, name)).parameters.keys() == inspect.signature(
            getattr(RunHost, name)
        ).parameters.keys() - {"self"}


def test_every_run_action_has_a_performer_and_every_key_names_one(window):
    mode = window.run_launcher.start()
    assert set(mode.performers()) == set(RunAction)
    assert {action for action, _what in CLICKER_KEYS.values()} <= set(RunAction)
    strip_actions = [name for _text, name, _tip in ControlStrip.BUTTONS]
    assert len(strip_actions) == 9 and set(strip_actions) <= set(RunAction)


def test_a_capture_item_asks_for_its_wall_by_signal_and_the_launcher_opens_it(window, qtbot):
    mode = window.run_launcher.start(start_at=0)
    wall_id = window.document.project.walls[0].id
    with qtbot.waitSignal(mode.capture_requested) as asked:
        mode.capture_requested.emit(wall_id)
    assert asked.args == [wall_id]
    assert window.tabs.currentWidget() is window.wall_views[wall_id]


def test_the_agenda_necklace_follows_the_stored_run(window):
    necklace = window.agenda_panel.necklace
    mode = window.run_launcher.start(start_at=2)
    assert necklace.current == 2
    mode.next()
    assert necklace.current == 3 == window.document.project.run.item_index
    mode.close()
    assert necklace.current is None and window.document.project.run is None
