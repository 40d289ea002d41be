"""The join slide during a run on a laptop plus a projector: it goes where the room looks, and the clicker puts it away.

Qt reads the screen layout (``offscreen:configfile=...``) once, when the QApplication starts, and pytest-qt has
already made one for the session, so the layout runs in a fresh interpreter (as in test_run_screens.py): the script
drives the real main window, opens the room on loopback and prints what it saw as JSON. It also saves what the
projector shows, the slide over the room's view, as a PNG to look at.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from conftest import DATA, REPO
from PySide6.QtGui import QImage

SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys
    from pathlib import Path
    import qasync
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from facilitator.ui.theme import apply_theme
    from facilitator.ui.main_window import MainWindow

    apply_theme(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = MainWindow()
    window.show()
    assert window.open_path(Path(sys.argv[1]))
    room = window.room_launcher.show_room()
    loop.run_until_complete(room.controller.open("127.0.0.1"))
    mode = window.run_launcher.start()
    K = Qt.Key
    slide, audience, console, card = room.slide, mode.audience, mode.console, mode.console.room_card
    run = mode.controller.run
    QTest.keyClick(console, K.Key_PageDown)  # item 2, its timer running
    console.activateWindow()
    QTest.qWait(50)
    console.table.setFocus()
    out = {"layout": mode.layout, "audience": [audience.screen().name(), audience.isFullScreen()]}
    out["active_before"] = type(QApplication.activeWindow()).__name__

    def seen():
        return {
            "visible": slide.isVisible(),
            "screen": slide.screen().name(),
            "full_screen": slide.isFullScreen(),
            "covers_room_view": slide.geometry() == audience.geometry(),
            "on_top": bool(slide.windowFlags() & Qt.WindowType.WindowStaysOnTopHint),
            "index": run.index,
            "running": run.running,
        }

    def projector_picture(path):
        # The offscreen platform grabs one window at a time: paint the room's view, then the slide over it.
        screen = audience.screen()
        image = QImage(screen.geometry().size(), QImage.Format.Format_RGB32)
        image.fill(QColor("#ff00ff"))
        painter = QPainter(image)
        for w in (audience, slide):
            if w.isVisible() and w.screen() is screen:
                painter.drawPixmap(w.geometry().topLeft() - screen.geometry().topLeft(), w.grab())
        painter.end()
        image.save(path)

    QTest.keyClick(console, K.Key_J)
    QTest.qWait(50)  # the slide takes the keys
    out["j"] = seen()
    projector_picture(sys.argv[2])
    QTest.keyClick(console, K.Key_PageDown)  # the clicker, pressed to get back to the timer
    QTest.qWait(50)
    out["page_down"] = seen()
    active = QApplication.activeWindow()
    out["keys_back_with"] = type(active).__name__
    QTest.keyClick(console, K.Key_PageDown)  # and now it moves the run
    out["page_down_again"] = seen()
    QTest.mouseClick(card.button, Qt.MouseButton.LeftButton)  # the console's button does what J does
    out["button"] = seen()
    QTest.keyClick(slide, K.Key_Escape)  # Esc on the slide itself: away, and the run goes on
    out["escape"] = seen()
    out["run_on"] = window.run_launcher.mode is mode and mode.confirm is None
    print(json.dumps(out))
    mode.close()
    loop.run_until_complete(room.controller.close())
    window.close()
    """
)


def test_two_screens_the_slide_covers_the_projector_and_the_clicker_only_takes_it_away(tmp_path):
    from facilitator.demo import demo_project
    from facilitator.store import ProjectFile

    project = tmp_path / "demo.facil"
    ProjectFile.create(project, demo_project()).close()
    script = tmp_path / "probe.py"
    script.write_text(SCRIPT, encoding="utf-8")
    picture = tmp_path / "projector-with-join-slide.png"
    config = DATA / "screens" / "laptop-plus-projector.json"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "FACILITATOR_HOME": str(tmp_path / "home"),
        "PYTHONPATH": str(REPO),
    }
    done = subprocess.run(
        [sys.executable, str(script), str(project), str(picture)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["layout"] == "two" and out["audience"] == ["projector", True]
    on_projector = {"visible": True, "screen": "projector", "full_screen": True, "covers_room_view": True}
    assert out["j"] == {**on_projector, "on_top": True, "index": 1, "running": True}
    assert out["page_down"] == {**out["j"], "visible": False}  # away, and no item skipped
    assert out["keys_back_with"] == out["active_before"] == "ConsoleWindow"  # the clicker's next press reaches the run
    assert out["page_down_again"]["index"] == 2
    assert out["button"] == {**on_projector, "on_top": True, "index": 2, "running": True}
    assert out["escape"] == {**out["button"], "visible": False} and out["run_on"]  # the run goes on
    image = QImage(str(picture))
    assert image.width() == 1920 and image.height() == 1080
    magenta = sum(
        1 for x in range(0, 1920, 16) for y in range(0, 1080, 16) if image.pixelColor(x, y).name() == "#ff00ff"
    )
    dark = sum(1 for x in range(0, 1920, 8) for y in range(0, 1080, 8) if image.pixelColor(x, y).lightness() < 100)
    assert magenta == 0 and dark > 500  # the whole projector is painted, with a QR code and the address on it
