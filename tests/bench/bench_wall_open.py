"""Opening a 20,000-note wall until it is painted: under 2 s, under 400 MB; and one wall edit end to end.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_wall_open.py [--notes 20000] [--dir /tmp]

A project file holding the demo event plus a wall of ``--notes`` notes in 100
clusters is written to disk first. Then a fresh interpreter (so memory is
that of one open project, not of building it) opens the file for editing,
loads it, builds the wall's tab (scene, items, capture bar, vote panel) in a
1920x1080 window, fits all and paints it; the time runs from opening the file
to the end of that first paint (the interpreter's own start and Qt imports are
printed apart). Peak RSS is read at the end. In the same process, 60 single
edits (move one note, through the undo stack, the file commit and the scene
update) give the per-edit median, and 20 captures the per-note cost. Prints core count and load.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def build(path: Path, notes: int) -> None:
    from wall_fixture import big_wall

    from facilitator.demo import demo_project
    from facilitator.store import ProjectFile

    project = demo_project()
    project.walls.append(big_wall(notes))
    ProjectFile.create(path, project).close()


def child(path: Path) -> int:
    t_start = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from facilitator.store import ProjectFile
    from facilitator.ui.document import Document
    from facilitator.ui.theme import apply_theme
    from facilitator.ui.wall import create_wall_view

    app = QApplication([sys.argv[0]])
    apply_theme(app)
    t_imports = time.perf_counter()

    store = ProjectFile.open(path)
    document = Document(store)
    t_loaded = time.perf_counter()
    wall = document.project.wall_named("Big wall")
    widget = create_wall_view(document, wall.id, None)
    widget.resize(1920, 1080)
    t_built = time.perf_counter()
    widget.show()
    app.processEvents()
    widget.view.fit_all()
    widget.view.viewport().repaint()
    t_painted = time.perf_counter()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"  interpreter start + imports: {(t_imports - t_start) * 1000:.0f} ms (not counted)")
    print(f"  open + load the file: {(t_loaded - t_imports) * 1000:.0f} ms")
    print(f"  build the wall's tab ({len(wall.notes)} notes): {(t_built - t_loaded) * 1000:.0f} ms")
    print(f"  show, fit all, first paint: {(t_painted - t_built) * 1000:.0f} ms")
    total = t_painted - t_imports
    print(f"  TOTAL open until painted: {total * 1000:.0f} ms (target 2000)")
    print(f"  peak RSS: {rss_mb:.0f} MB (target 400)")

    note_ids = list(wall.notes)[:60]
    samples = []
    editor = widget.editor
    for i, note_id in enumerate(note_ids):
        note = wall.notes[note_id]
        t0 = time.perf_counter()
        editor.move({note_id: (note.x + 5, note.y + 5)})
        app.processEvents()
        samples.append((time.perf_counter() - t0) * 1000)
        if i == 0:
            widget.view.viewport().repaint()
    print(
        "  one edit (move a note: command, commit with fsync, scene update): "
        f"median {statistics.median(samples):.1f} ms,"
        f" worst {max(samples):.1f} ms (file commit target 5 ms median)"
    )
    captures = []
    for i in range(20):
        t0 = time.perf_counter()
        editor.capture([f"Captured note {i}"])
        app.processEvents()
        captures.append((time.perf_counter() - t0) * 1000)
    print(
        f"  capture one note (into the inbox): median {statistics.median(captures):.1f} ms,"
        f" worst {max(captures):.1f} ms"
    )
    widget.scene.drag_to(QPointF(0, 0))
    widget.close()
    document.close()
    return 0 if total < 2.0 and rss_mb < 400 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=20000)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    print(f"cores: {os.cpu_count()}  load: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        path = Path(tmp) / "big.facil"
        start = time.perf_counter()
        build(path, args.notes)
        print(f"wrote {args.notes} notes to {path.name} in {time.perf_counter() - start:.1f} s")
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        result = subprocess.run(
            [sys.executable, __file__, "--child", str(path)], env=env, cwd=ROOT, capture_output=True, text=True
        )
        print(result.stdout, end="")
        noise = [
            line for line in result.stderr.splitlines() if "propagateSizeHints" not in line and "font.db" not in line
        ]
        if noise:
            print("\n".join(noise), file=sys.stderr)
    print(f"load after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
