"""Set-up edits on a big project: renaming a group carries ~4,000 notes along on a 20,000-note wall.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_event_setup.py [--notes 20000] [--dir /tmp]

The demo event plus a wall of ``--notes`` notes (groups spread over the demo's
five) is written to disk, opened for editing, and the wall's tab and the Event
tab are built, as in the app. Then, each through the undo stack, the file
commit and the views' refresh: renaming the "Health" group (every note that
carries it is renamed too and its wall redrawn), its undo, a recolour (no
notes touched), a diamond delete (agenda items lose it) and an action edit.
Each is run ``--repeat`` times; the median and worst are printed, with core
count and load (the machine is shared: figures are noisy).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", default=None)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("FACILITATOR_HOME", tempfile.mkdtemp())
    from PySide6.QtWidgets import QApplication
    from wall_fixture import big_wall

    from facilitator.demo import demo_project
    from facilitator.store import ProjectFile
    from facilitator.ui.document import Document
    from facilitator.ui.event import ActionsPanel, EventPanel
    from facilitator.ui.theme import apply_theme
    from facilitator.ui.wall import create_wall_view

    app = QApplication([sys.argv[0]])
    apply_theme(app)
    folder = Path(args.dir or tempfile.mkdtemp())
    path = folder / "bench-event-setup.facil"
    path.unlink(missing_ok=True)
    project = demo_project()
    project.walls.append(big_wall(args.notes))
    ProjectFile.create(path, project).close()

    document = Document(ProjectFile.open(path))
    wall = document.project.walls[-1]
    view = create_wall_view(document, wall.id, None)
    view.resize(1600, 900)
    view.show()
    panel = EventPanel(document)
    panel.show()
    actions = ActionsPanel(document)
    app.processEvents()
    carried = sum(1 for n in wall.notes.values() if n.group == "Health")

    def timed(step) -> float:
        t = time.perf_counter()
        step()
        app.processEvents()
        return (time.perf_counter() - t) * 1000

    groups = panel.groups.model
    diamonds = panel.diamonds.model
    results: dict[str, list[float]] = {}
    for i in range(args.repeat):
        name = f"Health {i}"
        results.setdefault("rename group (notes carried)", []).append(
            timed(lambda name=name: groups.setData(groups.index(0, 0), name))
        )
        results.setdefault("undo the rename", []).append(timed(document.undo_stack.undo))
        colour = "#d55e00" if i % 2 == 0 else "#0072b2"
        results.setdefault("recolour group", []).append(
            timed(lambda colour=colour: groups.setData(groups.index(0, 1), colour))
        )
        results.setdefault("delete diamond (items lose it)", []).append(timed(lambda: diamonds.remove_rows([1])))
        results.setdefault("undo the delete", []).append(timed(document.undo_stack.undo))
        results.setdefault("edit an action's owner", []).append(
            timed(lambda i=i: actions.model.setData(actions.model.index(0, 1), f"Owner {i}"))
        )
    assert sum(1 for n in wall.notes.values() if n.group == "Health") == carried

    print(f"notes on the wall: {args.notes:,}; carried by a rename: {carried:,}; repeats: {args.repeat}")
    for label, values in results.items():
        print(f"{label:34s} median {statistics.median(values):8.1f} ms   worst {max(values):8.1f} ms")
    print(f"cores: {os.cpu_count()}, load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    document.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
