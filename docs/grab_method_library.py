"""Grab the method library's screenshots on the demo event (offscreen).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/grab_method_library.py``
Writes ``method-library.png`` (the library as it opens, over the agenda) and
``method-library-search.png`` (a search for "vote", with one of the user's own templates saved first).
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


def main() -> int:
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    path = Path(tempfile.mkdtemp()) / "Demo event.facil"
    ProjectFile.create(path, demo_project()).close()
    window = MainWindow()
    window.resize(1366, 768)
    window.open_path(path)
    window.show()
    agenda = window.agenda_panel
    window.tabs.setCurrentWidget(agenda)
    # One template of the facilitator's own, so the picture shows both kinds.
    agenda.select_row(7)
    agenda.save_as_template("Our lunchtime walk and talk")
    agenda.select_row(3)
    agenda.open_library()
    dialog = agenda.library_window
    dialog.resize(900, 560)
    app.processEvents()
    dialog.grab().save(str(DOCS / "method-library.png"))
    print(f"Wrote {DOCS / 'method-library.png'}")
    dialog.search.setText("vote")
    app.processEvents()
    dialog.grab().save(str(DOCS / "method-library-search.png"))
    print(f"Wrote {DOCS / 'method-library-search.png'}")
    dialog.reject()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
