"""Reopening a project that was mid-run (the app crashed, the laptop rebooted) offers to resume it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from facilitator.core.clock import ManualClock
from facilitator.core.run import RunSnapshot
from facilitator.store import ProjectFile
from facilitator.ui.main_window import MainWindow

NOW = 1_796_300_000.0


@pytest.fixture
def crashed_file(demo_file):
    """The demo, as left by a crash: item 2 running with a minute added, 125 s in, stored 4 minutes ago."""
    with ProjectFile.open(demo_file) as pf:
        item = pf.load().agenda[1]
        pf.save_run(
            RunSnapshot(
                item_id=item.id,
                item_index=1,
                elapsed=125.0,
                adjust=60.0,
                running=True,
                day_seconds=1500.0,
                saved_wall=NOW - 240,
                started_wall=NOW - 2000,
            )
        )
    return demo_file


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    # A new boot: the monotonic clock starts again near zero; only the wall clock bridges the gap.
    w.run_launcher.clock = ManualClock(monotonic=3.0, wall=NOW)
    w.show()
    yield w
    if w.run_launcher.mode is not None:
        w.run_launcher.mode.close()


def test_resuming_shows_the_right_remaining_time(window, crashed_file, qtbot):
    assert window.open_path(crashed_file)
    box = window.run_launcher.resume_box
    assert box is not None and box.isVisible()
    # 35 min + 1 min added - 125 s run - 240 s while the app was down = 29:55 left.
    assert "Mapping today's conversations" in box.informativeText()
    assert "29:55 left" in box.informativeText()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.run_launcher.mode is not None)
    run = window.run_launcher.mode.controller.run
    assert (run.index, run.running, run.display) == (1, True, "29:55")
    window.run_launcher.clock.advance(5)
    assert run.display == "29:50"


def test_discarding_forgets_the_stored_run(window, crashed_file, qtbot):
    assert window.open_path(crashed_file)
    window.run_launcher.resume_box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: window.run_launcher.resume_box is None)
    assert window.run_launcher.mode is None
    assert window.document.store.load_run() is None


def test_a_project_without_a_stored_run_opens_quietly(window, demo_file):
    assert window.open_path(demo_file)
    assert window.run_launcher.resume_box is None


def test_quitting_mid_run_keeps_the_run_for_next_time(window, demo_file, qtbot):
    assert window.open_path(demo_file)
    mode = window.run_launcher.start(start_at=3)
    assert mode is not None
    window.close()
    with ProjectFile.open(demo_file) as pf:
        assert pf.load_run().item_index == 3
