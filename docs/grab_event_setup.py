"""Grab the README's screenshot of the Event tab (details, groups, diamonds) on the demo event (offscreen).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/grab_event_setup.py``
"""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FACILITATOR_HOME", tempfile.mkdtemp())

from PySide6.QtWidgets import QApplication

from facilitator.demo import demo_project
from facilitator.store import ProjectFile
from facilitator.ui.main_window import MainWindow
from facilitator.ui.theme import apply_theme

OUT = Path(__file__).resolve().parent / "event-setup.png"


def main() -> int:
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    path = Path(tempfile.mkdtemp()) / "Demo event.facil"
    ProjectFile.create(path, demo_project()).close()
    window = MainWindow()
    window.resize(1366, 768)
    window.open_path(path)
    window.tabs.setCurrentWidget(window.event_panel)
    window.show()
    window.statusBar().clearMessage()
    app.processEvents()
    window.grab().save(str(OUT))
    window.close()
    print(f"Wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
