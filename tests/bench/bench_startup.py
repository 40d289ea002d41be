"""From process start to the painted main window on the demo event, against a bare PySide6 window.

    PYTHONPATH=. .venv/bin/python tests/bench/bench_startup.py [--runs N] [--platform offscreen]

Each run is a fresh interpreter. The wall time runs from just before the
process is spawned until it prints, from the window's first paint event,
that it has painted. The app run is ``facilitator`` itself (``run_app``:
logging, theme, desktop set-up, the qasync loop, the main window on the demo
event); the bare run shows an empty QWidget. The two alternate, so a load
spike on a shared machine hits both. Prints the medians and the ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

BARE = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            sys.exit(0)  # leave at once: tearing down is not part of starting
        return False

app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1280, 760)
painted = Painted()
window.installEventFilter(painted)
window.show()
app.exec()
"""

APP = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and type(watched).__name__ == "MainWindow":
            print("painted", "reportlab" in sys.modules, "PIL" in sys.modules, flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])  # run_app uses this one: the filter sees the main window's first paint
painted = Painted()
app.installEventFilter(painted)
from facilitator.app import run_app
run_app()
"""


def one_run(code: str, env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if "painted" not in done.stdout:
        raise SystemExit(f"the run did not paint:\n{done.stdout}\n{done.stderr}")
    return elapsed, done.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="facilitator-bench-")
    env = {**os.environ, "QT_QPA_PLATFORM": args.platform, "FACILITATOR_HOME": home, "PYTHONPATH": str(REPO)}
    # An installed app runs from compiled bytecode: let the warm-up runs write it (outside the source tree).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(home) / "pycache")
    one_run(APP, env)  # writes the demo copy once (first start), and warms the disk cache for both
    one_run(BARE, env)
    bare, app = [], []
    modules = ""
    for _ in range(args.runs):
        bare.append(one_run(BARE, env)[0])
        seconds, modules = one_run(APP, env)
        app.append(seconds)
    b, a = statistics.median(bare), statistics.median(app)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    _, reportlab, pil = modules.split()
    print(f"bare PySide6 window : median {b:.3f} s  (min {min(bare):.3f}, runs {args.runs})")
    print(f"Facilitator on demo : median {a:.3f} s  (min {min(app):.3f}, runs {args.runs})")
    print(f"ratio               : {a / b:.2f}x   (platform {args.platform}, load average {load:.2f})")
    print(f"loaded at first paint: reportlab {reportlab}, PIL {pil}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
