"""Regenerate the run-mode screenshots in docs/ from the demo event with ``facilitator render``.

Run from the repository root: ``.venv/bin/python docs/grab_run_views.py``.
"""

from __future__ import annotations

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


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "demo.facil"
        facilitator = [sys.executable, "-m", "facilitator"]
        subprocess.run([*facilitator, "demo", str(project)], check=True)
        for name, args in SHOTS:
            subprocess.run([*facilitator, "render", str(project), *args, "-o", str(DOCS / name)], check=True)


if __name__ == "__main__":
    main()
