"""Regenerate the run-mode screenshots in docs/ from the demo event with ``facilitator render``.

Run from the repository root: ``.venv/bin/python docs/grab_run_views.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
SHOTS = [
    ("run-audience-normal.png", ["--view", "audience", "--at", "2", "--remaining", "1338"]),
    ("run-audience-amber.png", ["--view", "audience", "--at", "3", "--remaining", "250"]),
    ("run-audience-overtime.png", ["--view", "audience", "--at", "3", "--remaining", "-190"]),
    ("run-console.png", ["--view", "console", "--at", "5", "--remaining", "400", "--size", "1366x768"]),
    ("run-necklace.png", ["--view", "necklace", "--at", "5", "--size", "1600x300"]),
]


EDITOR = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
from facilitator.ui.theme import apply_theme
from facilitator.ui.main_window import MainWindow
apply_theme(app)
window = MainWindow()
window.resize(1280, 800)
window.show()
window.open_path(Path(sys.argv[1]))
window.agenda_panel.select_row(1)
app.processEvents()
window.grab().save(sys.argv[2])
window.close()
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "demo.facil"
        facilitator = [sys.executable, "-m", "facilitator"]
        subprocess.run([*facilitator, "demo", str(project)], check=True)
        for name, args in SHOTS:
            subprocess.run([*facilitator, "render", str(project), *args, "-o", str(DOCS / name)], check=True)
        env = {**os.environ, "FACILITATOR_HOME": tmp}
        shot = str(DOCS / "agenda-editor.png")
        subprocess.run([sys.executable, "-c", EDITOR, str(project), shot], check=True, env=env)


if __name__ == "__main__":
    main()
