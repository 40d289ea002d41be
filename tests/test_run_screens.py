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
    from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

    app = QApplication([sys.argv[0]])
    from facilitator.ui.theme import apply_theme
    from facilitator.ui.main_window import MainWindow

    apply_theme(app)
    answer = sys.argv[2] if len(sys.argv) > 2 else ""
    window = MainWindow()
    window.show()
    assert window.open_path(Path(sys.argv[1]))
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    K = Qt.Key
    out = {"screens": [s.name() for s in app.screens()], "main": window.screen().name()}
    notes = [it.notes for it in window.document.project.agenda if it.notes.strip()]

    QTest.keyClick(window, K.Key_F5)  # the Run menu's shortcut
    mode = window.run_launcher.mode
    out["started"] = mode is not None
    box = mode.layout_box
    out["asked"] = box is not None and box.isVisible()
    out["shown_before_answer"] = mode.console.isVisible() or mode.audience.isVisible()
    if box is not None:
        labels = {"projector": "The projector shows this screen", "rehearse": "Rehearse here"}
        next(b for b in box.buttons() if b.text() == labels[answer]).click()
    QTest.qWait(50)
    run, c = mode.controller.run, mode.controller

    def where():
        a, con = mode.audience, mode.console
        g, cg = a.frameGeometry(), con.frameGeometry()
        on_top = bool(a.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)
        return {
            "layout": mode.layout,
            "console": con.screen().name(),
            "console_visible": con.isVisible(),
            "audience": a.screen().name(),
            "audience_visible": a.isVisible(),
            "audience_full_screen": a.isFullScreen(),
            "audience_geometry": [g.x(), g.y(), g.width(), g.height()],
            "audience_on_top": on_top,
            # Covered: the console overlaps the room's view and the view is not kept above it.
            "covered_by_console": con.isVisible() and cg.intersects(g) and not on_top,
            "notes_on_room_screen": notes_seen_by_room(),
        }

    def notes_seen_by_room():
        a = mode.audience
        room = a.screen().geometry()
        covering = a.isFullScreen() and bool(a.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)
        seen = []
        state = a.face.state
        seen.append(" ".join(str(v) for v in vars(state).values() if isinstance(v, str)))
        for w in app.topLevelWidgets():
            if w is a or not w.isVisible() or not w.frameGeometry().intersects(room):
                continue
            if covering and room.contains(w.frameGeometry()):
                continue  # under the room's full-screen view, which stays on top
            if mode.layout == "rehearse":
                continue  # rehearsing: the room sees only the audience window
            seen += [label.text() for label in w.findChildren(QLabel) if label.isVisible()]
        text = " ".join(seen)
        return any(n[:40] in text for n in notes)

    out["placed"] = where()
    out["opened_on"] = [run.stage.value, run.running]
    driver = mode.console if mode.console.isVisible() else mode.audience
    QTest.keyClick(driver, K.Key_PageDown)  # the clicker starts the first item
    out["after_first_press"] = [run.stage.value, run.index, run.running]

    steps = []
    wall_id = window.document.project.agenda[1].wall_id

    def press(name, key):
        target = {
            "audience": mode.audience,
            "console": mode.console,
            "main": window,
            "focus": QApplication.focusWidget() or window,
            "wall": window.wall_views[wall_id],
        }[name]
        QTest.keyClick(target, key)
        steps.append([name, run.index, c.blackout, run.running])

    # Into item 2: its wall opens in the main window for the scribe, with the capture line focused.
    press("main", K.Key_PageDown)
    QTest.qWait(30)
    focused = QApplication.focusWidget()
    out["capture_focus_in_main"] = focused is not None and focused.window() is window
    out["after_capture"] = where()
    capture = QApplication.focusWidget()
    for name, key in [("focus", K.Key_PageUp), ("wall", K.Key_PageDown), ("focus", K.Key_B)]:
        press(name, key)
    out["typed_b"] = capture.text() if hasattr(capture, "text") else ""
    window.wall_views[wall_id].view.setFocus()  # the facilitator clicks on the wall itself
    for name, key in [
        ("wall", K.Key_B), ("main", K.Key_B), ("main", K.Key_PageDown), ("wall", K.Key_PageUp),
        ("audience", K.Key_Right), ("audience", K.Key_Left), ("audience", K.Key_Space), ("main", K.Key_F5),
    ]:
        press(name, key)
    if mode.console.isVisible():
        for name, key in [
            ("console", K.Key_Right), ("console", K.Key_Left), ("console", K.Key_B), ("console", K.Key_Period),
            ("console", K.Key_Space), ("console", K.Key_F5),
        ]:
            press(name, key)
    out["steps"] = steps
    out["stored_index"] = window.document.store.load_run().item_index
    out["remembered"] = window.document.store.setting("run.one_screen")

    # The facilitator picks where the room looks: a window on the laptop, then the projector again.
    if mode.layout == "two":
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
    out["asked_exit"] = box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.No).click()
    QTest.qWait(20)
    out["open_after_no"] = window.run_launcher.mode is not None
    QTest.keyClick(window, K.Key_Escape)
    mode.confirm.button(QMessageBox.StandardButton.Yes).click()
    QTest.qWait(20)
    out["open_after_yes"] = window.run_launcher.mode is not None
    out["stored_after_exit"] = window.document.store.load_run() is not None
    print(json.dumps(out))
    window.close()
    """
)


def run_layout(layout: str, project, tmp_path, answer: str = "") -> dict:
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
        [sys.executable, str(script), str(project), answer],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def demo(tmp_path):
    from facilitator.demo import demo_project
    from facilitator.store import ProjectFile

    ProjectFile.create(tmp_path / "demo.facil", demo_project()).close()
    return tmp_path / "demo.facil"


@pytest.fixture(scope="module")
def two_screens(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("screens")
    return run_layout("laptop-plus-projector.json", demo(tmp), tmp)


@pytest.fixture(scope="module")
def mirrored(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("mirrored")
    return run_layout("mirrored.json", demo(tmp), tmp, "projector")


@pytest.fixture(scope="module")
def one_laptop_projecting(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("laptop")
    return run_layout("single-laptop.json", demo(tmp), tmp, "projector")


@pytest.fixture(scope="module")
def one_laptop_rehearsing(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("rehearse")
    return run_layout("single-laptop.json", demo(tmp), tmp, "rehearse")


ALL = ["two_screens", "mirrored", "one_laptop_projecting", "one_laptop_rehearsing"]

# Each step: [window, item index, blackout, running] after the key, from item 1 (index 0) running.
SHARED_STEPS = [
    ["focus", 0, False, True],  # PageUp typed while the capture line has the focus
    ["wall", 1, False, True],  # PageDown on the wall
    ["focus", 1, False, True],  # B while the scribe types: a letter in the note, not a black-out
    ["wall", 1, True, True],  # B on the wall itself: black out
    ["main", 1, False, True],  # B in the main window: back
    ["main", 2, False, True],  # PageDown in the main window
    ["wall", 1, False, True],  # PageUp on the wall
    ["audience", 2, False, True],  # Right on the room's view
    ["audience", 1, False, True],  # Left
    ["audience", 1, False, False],  # Space: pause
    ["main", 1, False, True],  # F5 in the main window: resume
]
CONSOLE_STEPS = [
    ["console", 2, False, True],
    ["console", 1, False, True],
    ["console", 1, True, True],
    ["console", 1, False, True],
    ["console", 1, False, False],
    ["console", 1, False, True],
]


def test_two_screens_put_the_console_on_the_laptop_and_the_room_full_screen_on_the_projector(two_screens):
    out = two_screens
    assert out["screens"] == ["laptop", "projector"]
    assert out["started"] and not out["asked"]
    placed = out["placed"]
    assert (out["main"], placed["console"], placed["console_visible"]) == ("laptop", "laptop", True)
    assert (placed["audience"], placed["audience_full_screen"]) == ("projector", True)
    assert placed["audience_geometry"] == [1366, 0, 1920, 1080]


def test_mirrored_screens_count_as_one_and_the_room_never_sees_the_console(mirrored):
    out = mirrored
    assert out["screens"] == ["laptop", "projector"]
    assert out["asked"] and not out["shown_before_answer"]  # nothing on the wall before the answer
    placed = out["placed"]
    assert placed["layout"] == "projector"
    assert not placed["console_visible"]
    assert placed["audience_full_screen"] and placed["audience_on_top"]
    assert out["remembered"] == "projector"


@pytest.mark.parametrize("fixture", ALL)
def test_the_room_view_is_never_covered_and_never_shows_private_notes(fixture, request):
    out = request.getfixturevalue(fixture)
    for moment in ("placed", "after_capture"):
        assert out[moment]["audience_visible"], moment
        assert not out[moment]["covered_by_console"], moment
        assert not out[moment]["notes_on_room_screen"], moment


def test_rehearse_here_puts_the_console_beside_the_room_view(one_laptop_rehearsing):
    out = one_laptop_rehearsing
    assert out["asked"] and out["remembered"] == "rehearse"
    placed = out["placed"]
    assert placed["layout"] == "rehearse" and placed["console_visible"]
    assert not placed["audience_full_screen"] and placed["audience_on_top"]
    x, y, w, h = placed["audience_geometry"]
    assert x + w <= 1366 and y + h <= 768 and w >= 320


def test_one_laptop_projecting_hides_the_console(one_laptop_projecting):
    placed = one_laptop_projecting["placed"]
    assert placed["layout"] == "projector" and not placed["console_visible"]
    assert placed["audience_geometry"] == [0, 0, 1366, 768] and placed["audience_full_screen"]


@pytest.mark.parametrize("fixture", ALL)
def test_f5_opens_the_standby_screen_and_the_clicker_starts_the_first_item(fixture, request):
    out = request.getfixturevalue(fixture)
    assert out["opened_on"] == ["standby", False]
    assert out["after_first_press"] == ["item", 0, True]


@pytest.mark.parametrize("fixture", ALL)
def test_clicker_keys_move_the_run_from_the_main_window_a_wall_the_room_view_and_the_console(fixture, request):
    out = request.getfixturevalue(fixture)
    assert out["capture_focus_in_main"]  # the capture item's wall opened where the scribe can type
    assert out["steps"][0] == ["main", 1, False, True]
    expected = [["main", 1, False, True], *SHARED_STEPS]
    if out["placed"]["console_visible"]:
        expected += CONSOLE_STEPS
    assert out["steps"] == expected
    assert out["stored_index"] == 1
    assert out["typed_b"] == "b"


def test_the_facilitator_can_move_the_audience_view_and_the_choice_is_kept(two_screens):
    assert two_screens["picked_window"] == ["laptop", False]
    assert two_screens["saved_after_window"] is None
    assert two_screens["picked_projector"] == ["projector", True]
    assert two_screens["saved_after_projector"] == "projector"


def test_a_4k_projector_beside_a_hidpi_laptop(tmp_path):
    out = run_layout("hidpi-laptop-plus-4k-projector.json", demo(tmp_path), tmp_path)
    placed = out["placed"]
    assert (placed["console"], placed["audience"], placed["audience_full_screen"]) == ("laptop", "projector", True)
    assert placed["audience_geometry"] == [1440, 0, 3840, 2160]


@pytest.mark.parametrize("fixture", ALL)
def test_escape_asks_while_the_timer_runs_and_then_leaves(fixture, request):
    out = request.getfixturevalue(fixture)
    assert out["asked_exit"]
    assert out["open_after_no"]
    assert not out["open_after_yes"]
    assert not out["stored_after_exit"]
