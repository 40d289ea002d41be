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
    ("run-break.png", ["--view", "break", "--remaining", "512", "--time-of-day"]),
    ("run-standby.png", ["--view", "standby", "--time-of-day"]),
    ("run-end.png", ["--view", "end"]),
    ("run-message.png", ["--view", "message", "--at", "3", "--remaining", "200"]),
    ("run-projected-wall.png", ["--view", "projected-wall", "--at", "2", "--remaining", "1338"]),
]
# Long text: a 200-character title and next title and 600-character instructions, at three screen sizes.
LONG_SIZES = ["1024x768", "1920x1080", "3840x2160"]

LONG = """
import sys
from facilitator.demo import demo_project
from facilitator.store import ProjectFile
words = "collaborative mapping of barriers between clinicians patients and sport providers across the county "
project = demo_project()
item, following = project.agenda[2], project.agenda[3]
item.title = (words * 3)[:200].strip()
following.title = ("Afterwards: " + words * 3)[:200].strip()
item.instructions = ("In your table group, take five minutes of silent writing first: one idea per sticky note, "
    "in capitals, so the scribe can read it from across the table. " * 5)[:600].strip()
from facilitator.core.wall import Wall
pilots = Wall(name="Pilots")  # an empty wall, linked to "Prototype three pilots"
project.walls.append(pilots)
project.agenda[10].wall_id = pilots.id
ProjectFile.create(sys.argv[1], project).close()
"""


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
        long_project = Path(tmp) / "long.facil"
        subprocess.run([sys.executable, "-c", LONG, str(long_project)], check=True)
        for size in LONG_SIZES:
            out = DOCS / f"run-long-text-{size}.png"
            args = ["--view", "audience", "--at", "3", "--remaining", "754", "--size", size, "--time-of-day"]
            subprocess.run([*facilitator, "render", str(long_project), *args, "-o", str(out)], check=True)
        empty = ["--view", "projected-wall", "--at", "11", "--remaining", "1500"]
        out = DOCS / "run-projected-wall-empty.png"
        subprocess.run([*facilitator, "render", str(long_project), *empty, "-o", str(out)], check=True)
        env = {**os.environ, "FACILITATOR_HOME": tmp}
        shot = str(DOCS / "agenda-editor.png")
        subprocess.run([sys.executable, "-c", EDITOR, str(project), shot], check=True, env=env)


if __name__ == "__main__":
    main()
