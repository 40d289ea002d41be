"""From process start to the painted main window on the demo event, against a bare PySide6 window.

    PYTHONPATH=. .venv/bin/python tests/bench/bench_startup.py [--runs N] [--platform offscreen]

Each run is a fresh interpreter. The wall time runs from just before the
process is spawned until it prints, from the window's first paint event,
that it has painted. The app run is ``facilitator`` itself (``facilitator.cli.main([])``:
logging, theme, desktop set-up, the qasync loop, the main window on the last
project, here the demo event); the bare run shows an empty QWidget. The two alternate, so a load
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
import os, sys
from PySide6.QtWidgets import QApplication, QWidget

class Window(QWidget):
    def paintEvent(self, event):
        super().paintEvent(event)
        print("painted", flush=True)
        os._exit(0)

app = QApplication(sys.argv[:1])
window = Window()
window.resize(1280, 760)
window.show()
app.exec()
"""

APP = """
import importlib.util, os, sys


class PaintHook:  # a finder and loader by shape: importlib.abc would load modules the app itself does not
    # When the app imports its main window (inside run_app, in the app's own order), report its first paint.
    # A hook, not an import here: importing the window first would change what the app imports when.
    def find_spec(self, name, path=None, target=None):
        if name != "facilitator.ui.main_window":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        self.inner = spec.loader
        spec.loader = self
        return spec

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module):
        self.inner.exec_module(module)
        first_paint = module.MainWindow.paintEvent

        def painted(window, event):
            first_paint(window, event)
            print("painted", "reportlab" in sys.modules, "PIL" in sys.modules, flush=True)
            os._exit(0)  # leave at once: tearing down is not part of starting

        module.MainWindow.paintEvent = painted


sys.meta_path.insert(0, PaintHook())
from facilitator.cli import main
main([])
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
    sys.path.insert(0, str(REPO))
    from facilitator.store import schema, schema_check

    recorded = schema_check.recorded_objects(schema.FORMAT) is not None
    # Without a record of the current format, every start replays the schema steps (about 10 ms here).
    state = "used" if recorded else "MISSING (see tests/test_schema_snapshot.py)"
    print(f"schema record for format {schema.FORMAT}: {state}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
