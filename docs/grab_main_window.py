"""Grab the README's screenshots of the main window on the demo event (offscreen).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/grab_main_window.py``
Writes ``main-window.png`` (the Agenda tab) and ``event-setup.png`` (the Event tab);
``grab_run_views.py`` writes ``agenda-editor.png``.
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

DOCS = Path(__file__).resolve().parent
# file name -> the window's attribute holding the tab to show
SHOTS = {"main-window.png": "agenda_panel", "event-setup.png": "event_panel"}


def main() -> int:
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    path = Path(tempfile.mkdtemp()) / "Demo event.facil"
    ProjectFile.create(path, demo_project()).close()
    window = MainWindow()
    window.resize(1366, 768)
    window.open_path(path)
    window.show()
    window.statusBar().clearMessage()
    for name, tab in SHOTS.items():
        window.tabs.setCurrentWidget(getattr(window, tab))
        app.processEvents()
        window.grab().save(str(DOCS / name))
        print(f"Wrote {DOCS / name}")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
