"""Regenerate docs/run-one-screen-*.png: run mode on one laptop screen, as "Rehearse here" and as
"The projector shows this screen" (with the control strip showing).

Run from the repository root: ``.venv/bin/python docs/grab_run_layouts.py``. Each layout runs in a
fresh interpreter with Qt's offscreen platform reading tests/data/screens/single-laptop.json.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
LAYOUT = REPO / "tests" / "data" / "screens" / "single-laptop.json"

GRAB = """
import sys
from pathlib import Path
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
from facilitator.ui.theme import apply_theme
from facilitator.edits import SetSetting
from facilitator.ui.main_window import MainWindow
apply_theme(app)
window = MainWindow()
window.show()
window.open_path(Path(sys.argv[1]))
window.activateWindow()
QTest.qWaitForWindowActive(window)
window.document.apply(SetSetting("run.one_screen", sys.argv[2]))
mode = window.run_launcher.start(start_at=1)
QTest.qWait(100)
# The windows as they stack on the one screen: main window, console, then the room's view on top.
canvas = QPixmap(app.primaryScreen().geometry().size())
canvas.fill(QColor("#777777"))
painter = QPainter(canvas)
if mode.audience.controls is not None:
    mode.audience.controls.reveal()
    QTest.qWait(20)
for win in (window, mode.console, mode.audience):
    if win.isVisible():
        painter.drawPixmap(win.frameGeometry().topLeft(), win.grab())
painter.end()
canvas.save(sys.argv[3])
mode.close()
window.close()
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "demo.facil"
        subprocess.run([sys.executable, "-m", "facilitator", "demo", str(project)], check=True)
        env = {**os.environ, "FACILITATOR_HOME": tmp, "QT_QPA_PLATFORM": f"offscreen:configfile={LAYOUT}"}
        for choice in ("rehearse", "projector"):
            out = DOCS / f"run-one-screen-{choice}.png"
            subprocess.run([sys.executable, "-c", GRAB, str(project), choice, str(out)], check=True, env=env)


if __name__ == "__main__":
    main()
