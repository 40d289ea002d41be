"""Start-up stays light: opening the main window must not load the exporters' or the photos' libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
