"""Start-up stays light: opening the main window must not load the exporters' or the photos' libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from facilitator.demo import demo_project
from facilitator.store import ProjectFile

REPO = Path(__file__).resolve().parent.parent


def test_the_main_window_on_the_demo_loads_neither_reportlab_nor_pillow(tmp_path):
    code = (
        "import sys, tempfile\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from facilitator.demo import demo_project\n"
        "from facilitator.store import ProjectFile\n"
        "from facilitator.ui.main_window import MainWindow\n"
        "path = Path(sys.argv[1]) / 'demo.facil'\n"
        "ProjectFile.create(path, demo_project()).close()\n"
        "window = MainWindow()\n"
        "window.show()\n"
        "assert window.open_path(path)\n"
        "app.processEvents()\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'PIL', 'pypdf', 'multiprocessing'})\n"
        "print(heavy)\n"
        "window.close()\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO), "FACILITATOR_HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
        timeout=120,
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


# Loaded at the first paint of the main window they would only delay it: the edit layer's operations
# (two dozen frozen dataclasses) load with the tabs built right after the paint or the first edit;
# merging, uuid and hashlib are not needed to show a project.
DEFERRED = ("facilitator.edits.ops", "facilitator.edits.apply", "facilitator.sync", "uuid", "hashlib")


def test_the_first_paint_comes_before_the_operations_and_they_load_right_after(tmp_path):
    ProjectFile.create(tmp_path / "demo.facil", demo_project()).close()  # here: the app finds it made already
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "path = Path(sys.argv[1]) / 'demo.facil'\n"
        f"deferred = {DEFERRED!r}\n"
        "from facilitator.ui.main_window import MainWindow\n"
        "seen = []\n"
        "class Window(MainWindow):\n"
        "    def paintEvent(self, event):\n"
        "        if not seen:\n"
        "            seen.append(sorted(n for n in deferred if n in sys.modules))\n"
        "        super().paintEvent(event)\n"
        "window = Window()\n"
        "window.show()\n"
        "assert window.open_path(path)\n"
        "while not seen:\n"
        "    app.processEvents()\n"
        "window.build_pending_tabs()\n"
        "print(seen[0])\n"
        "print('facilitator.edits.ops' in sys.modules)\n"
        "window.close()\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO), "FACILITATOR_HOME": str(tmp_path)}
    out = (
        subprocess.run(
            [sys.executable, "-c", code, str(tmp_path)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, **env},
            timeout=120,
        )
        .stdout.strip()
        .splitlines()
    )
    assert out[-2] == "[]", f"loaded before the first paint: {out[-2]}"
    assert out[-1] == "True"  # the tabs built after the paint bring the operations: the first edit waits for none
