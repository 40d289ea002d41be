"""Remake docs/room-console.png: the run console with the room open (the join slide small, J to show it).

PYTHONPATH=. QT_QPA_PLATFORM=offscreen python docs/grab_room_console.py
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from facilitator.core.clock import ManualClock  # noqa: E402
from facilitator.demo import demo_project  # noqa: E402
from facilitator.edits import SetSetting  # noqa: E402
from facilitator.store import ProjectFile  # noqa: E402
from facilitator.ui.main_window import MainWindow  # noqa: E402
from facilitator.ui.theme import apply_theme  # noqa: E402


def main() -> None:
    app = QApplication([])
    apply_theme(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.facil"
        ProjectFile.create(path, demo_project()).close()
        window = MainWindow()
        window.run_launcher.clock = ManualClock(monotonic=7.0, wall=dt.datetime(2026, 12, 3, 9, 35).timestamp())
        window.show()
        window.open_path(path)
        window.document.apply(SetSetting("run.one_screen", "rehearse"))
        room = window.room_launcher.show_room()
        loop.run_until_complete(room.controller.open("127.0.0.1"))
        mode = window.run_launcher.start()
        console = mode.console
        console.resize(1280, 720)
        console.show()
        for _ in range(5):
            app.processEvents()
        console.grab().save(str(REPO / "docs" / "room-console.png"))
        mode.close()
        loop.run_until_complete(room.controller.close())
        room.slide.close()
        window.close()
    print("wrote docs/room-console.png")


if __name__ == "__main__":
    main()
