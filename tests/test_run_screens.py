"""Run mode on a laptop plus a projector: where the windows land, and clicker keys from either window.

Qt reads the screen layout (``offscreen:configfile=...``) once, when the
QApplication starts, and pytest-qt has already made one for the session, so
each layout runs in a fresh interpreter: the script below drives the real
main window and prints what it saw as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import DATA, REPO

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication([sys.argv[0]])
    from facilitator.ui.theme import apply_theme
    from facilitator.ui.main_window import MainWindow

    apply_theme(app)
    window = MainWindow()
    window.show()
    assert window.open_path(Path(sys.argv[1]))
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    K = Qt.Key
    out = {"screens": [s.name() for s in app.screens()], "main": window.screen().name()}

    QTest.keyClick(window, K.Key_F5)  # the Run menu's shortcut
    mode = window.run_launcher.mode
    out["started"] = mode is not None
    QTest.qWait(50)
    out["console"] = mode.console.screen().name()
    out["console_visible"] = mode.console.isVisible()
    out["audience"] = mode.audience.screen().name()
    out["audience_full_screen"] = mode.audience.isFullScreen()
    g = mode.audience.geometry()
    out["audience_geometry"] = [g.x(), g.y(), g.width(), g.height()]
    run, c = mode.controller.run, mode.controller
    out["opened_on"] = [run.stage.value, run.running]
    QTest.keyClick(mode.console, K.Key_PageDown)  # the clicker starts the first item
    out["after_first_press"] = [run.stage.value, run.index, run.running]
    steps = []

    def press(where, key):
        QTest.keyClick(mode.audience if where == "audience" else mode.console, key)
        steps.append([run.index, c.blackout, run.running])

    for where, key in [
        ("audience", K.Key_PageDown), ("console", K.Key_Right), ("audience", K.Key_PageUp),
        ("console", K.Key_Left), ("console", K.Key_PageDown), ("audience", K.Key_Right),
        ("audience", K.Key_B), ("console", K.Key_Period), ("console", K.Key_B), ("audience", K.Key_Period),
        ("console", K.Key_Space), ("audience", K.Key_Space), ("audience", K.Key_Space), ("console", K.Key_F5),
    ]:
        press(where, key)
    out["steps"] = steps
    out["stored_index"] = window.document.store.load_run().item_index

    # The facilitator picks where the room looks: a window on the laptop, then the projector again.
    if len(app.screens()) > 1:
        mode.move_audience_to("")
        QTest.qWait(20)
        out["picked_window"] = [mode.audience.screen().name(), mode.audience.isFullScreen()]
        out["saved_after_window"] = window.document.store.setting("run.audience_screen")
        mode.move_audience_to("projector")
        QTest.qWait(20)
        out["picked_projector"] = [mode.audience.screen().name(), mode.audience.isFullScreen()]
        out["saved_after_projector"] = window.document.store.setting("run.audience_screen")

    # Esc while the timer runs asks first; "No" keeps run mode.
    QTest.keyClick(mode.audience, K.Key_Escape)
    box = mode.confirm
    out["asked"] = box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.No).click()
    QTest.qWait(20)
    out["open_after_no"] = window.run_launcher.mode is not None
    QTest.keyClick(mode.console, K.Key_Escape)
    mode.confirm.button(QMessageBox.StandardButton.Yes).click()
    QTest.qWait(20)
    out["open_after_yes"] = window.run_launcher.mode is not None
    out["stored_after_exit"] = window.document.store.load_run() is not None
    print(json.dumps(out))
    window.close()
    """
)


def run_layout(layout: str, project, tmp_path) -> dict:
    config = DATA / "screens" / layout
    assert config.is_file(), f"missing screen layout {config}"
    script = tmp_path / "probe.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "FACILITATOR_HOME": str(tmp_path / "home"),
        "PYTHONPATH": str(REPO),
    }
    done = subprocess.run(
        [sys.executable, str(script), str(project)], capture_output=True, text=True, env=env, timeout=120, cwd=REPO
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def two_screens(tmp_path_factory):
    from facilitator.demo import demo_project
    from facilitator.store import ProjectFile

    tmp = tmp_path_factory.mktemp("screens")
    ProjectFile.create(tmp / "demo.facil", demo_project()).close()
    return run_layout("laptop-plus-projector.json", tmp / "demo.facil", tmp)


def test_audience_is_full_screen_on_the_projector_and_the_console_on_the_laptop(two_screens):
    out = two_screens
    assert out["screens"] == ["laptop", "projector"]
    assert out["started"] and out["console_visible"]
    assert (out["main"], out["console"]) == ("laptop", "laptop")
    assert out["audience"] == "projector"
    assert out["audience_full_screen"]
    assert out["audience_geometry"] == [1366, 0, 1920, 1080]


def test_f5_opens_the_standby_screen_and_the_clicker_starts_the_first_item(two_screens):
    assert two_screens["opened_on"] == ["standby", False]
    assert two_screens["after_first_press"] == ["item", 0, True]


def test_the_facilitator_can_move_the_audience_view_and_the_choice_is_kept(two_screens):
    assert two_screens["picked_window"] == ["laptop", False]
    assert two_screens["saved_after_window"] is None
    assert two_screens["picked_projector"] == ["projector", True]
    assert two_screens["saved_after_projector"] == "projector"


def test_a_4k_projector_beside_a_hidpi_laptop(tmp_path):
    from facilitator.demo import demo_project
    from facilitator.store import ProjectFile

    ProjectFile.create(tmp_path / "demo.facil", demo_project()).close()
    out = run_layout("hidpi-laptop-plus-4k-projector.json", tmp_path / "demo.facil", tmp_path)
    assert (out["console"], out["audience"], out["audience_full_screen"]) == ("laptop", "projector", True)
    assert out["audience_geometry"] == [1440, 0, 3840, 2160]
    assert out["steps"][0] == [1, False, True]


def test_clicker_keys_work_from_either_window(two_screens):
    # Each step: [item index, blackout, running] after the key.
    assert two_screens["steps"] == [
        [1, False, True],  # audience PageDown: next
        [2, False, True],  # console Right: next
        [1, False, True],  # audience PageUp: previous
        [0, False, True],  # console Left: previous
        [1, False, True],  # console PageDown
        [2, False, True],  # audience Right
        [2, True, True],  # audience B: black out
        [2, False, True],  # console '.': back
        [2, True, True],  # console B
        [2, False, True],  # audience '.'
        [2, False, False],  # console Space: pause
        [2, False, True],  # audience Space: resume
        [2, False, False],  # audience Space: pause
        [2, False, True],  # console F5: resume
    ]
    assert two_screens["stored_index"] == 2


def test_escape_asks_while_the_timer_runs_and_then_leaves(two_screens):
    assert two_screens["asked"]
    assert two_screens["open_after_no"]
    assert not two_screens["open_after_yes"]
    assert not two_screens["stored_after_exit"]


def test_with_one_screen_the_audience_opens_in_a_movable_window(tmp_path):
    from facilitator.demo import demo_project
    from facilitator.store import ProjectFile

    ProjectFile.create(tmp_path / "demo.facil", demo_project()).close()
    out = run_layout("single-laptop.json", tmp_path / "demo.facil", tmp_path)
    assert out["screens"] == ["laptop"]
    assert (out["console"], out["audience"]) == ("laptop", "laptop")
    assert not out["audience_full_screen"]
    assert out["audience_geometry"][2:] == [960, 540]
    assert out["steps"][0] == [1, False, True]
