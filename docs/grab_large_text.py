"""Grab the main screens with the system font at 150 % (offscreen), to check nothing is cut off.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/grab_large_text.py``
Writes ``large-text-event.png``, ``large-text-agenda.png``, ``large-text-wall.png`` (with the vote panel)
and ``large-text-actions.png``. tests/test_accessibility.py measures the same screens.
"""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FACILITATOR_HOME", tempfile.mkdtemp())

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from facilitator.demo import demo_project
from facilitator.store import ProjectFile
from facilitator.ui.main_window import MainWindow
from facilitator.ui.theme import apply_theme

DOCS = Path(__file__).resolve().parent


def main() -> int:
    app = QApplication(sys.argv[:1])
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.5)
    app.setFont(font)
    apply_theme(app)
    path = Path(tempfile.mkdtemp()) / "Demo event.facil"
    ProjectFile.create(path, demo_project()).close()
    window = MainWindow()
    window.resize(1600, 1000)
    window.open_path(path)
    window.show()
    window.statusBar().clearMessage()
    barriers = window.wall_views[window.document.project.wall_named("Barriers").id]
    barriers.vote_button.click()
    for name, page in (
        ("event", window.event_panel),
        ("agenda", window.agenda_panel),
        ("wall", barriers),
        ("actions", window.actions_panel),
    ):
        window.tabs.setCurrentWidget(page)
        app.processEvents()
        out = DOCS / f"large-text-{name}.png"
        window.grab().save(str(out))
        print(f"Wrote {out}")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
