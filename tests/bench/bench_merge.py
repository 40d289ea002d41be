"""A 20,000-note project merged into another 20,000-note project: target under 3 s.

Run: .venv/bin/python tests/bench/bench_merge.py [--notes 20000] [--shared 2000] [--runs 3] [--dir /tmp]

Two laptops started from one file holding ``--shared`` notes (the morning's
wall), then each added notes of its own until it held ``--notes``, and edited
and moved some of the shared ones. The timed span is what ``facilitator
merge TARGET SOURCE`` does: open the source read-only and read it, compare
both by id and field stamps, and write the result as one edit through the
edit layer (one transaction, synchronous=FULL). Opening the target is
outside the span (the app has it open already). Each run merges into a
fresh copy of the target. Prints every run and the median; exits 1 if the
median misses the target.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from facilitator.core.wall import Note, Wall
from facilitator.demo import demo_project
from facilitator.edits import AddNote, Editor, MoveItems, Update
from facilitator.store import ProjectFile
from facilitator.sync.merge import merge_file

TARGET_S = 3.0


def build(folder: Path, notes: int, shared: int) -> tuple[Path, Path]:
    project = demo_project()
    wall = Wall(name="Big wall", id="bigwall")
    for i in range(shared):
        wall.add_note(Note(text=f"shared note {i}", x=(i % 100) * 196.0, y=(i // 100) * 136.0, id=f"s{i}"))
    project.walls.append(wall)
    base = folder / "base.facil"
    ProjectFile.create(base, project).close()
    paths = []
    for side in "ab":
        path = folder / f"{side}.facil"
        shutil.copy(base, path)
        with ProjectFile.open(path) as pf:
            pf.set_setting("replica", side * 8)
        with ProjectFile.open(path) as pf:
            ed = Editor(pf)
            ed.apply_all(
                AddNote("bigwall", f"{side}{i}", f"{side} note {i}", x=(i % 100) * 196.0, y=4000 + (i // 100) * 136.0)
                for i in range(notes - shared)
            )
            step = 7 if side == "a" else 11
            ed.apply_all(Update("note", f"s{i}", (("text", f"{side} edit {i}"),)) for i in range(0, shared, step))
            ed.apply(MoveItems("bigwall", notes=tuple((f"s{i}", 5.0 * i, 9.0) for i in range(0, shared, step + 2))))
        paths.append(path)
    return paths[0], paths[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--shared", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-merge-") as tmp:
        folder = Path(tmp)
        a, b = build(folder, args.notes, args.shared)
        print(
            f"cores: {os.cpu_count()}, load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
            f"{args.notes:,} notes in each file ({args.shared:,} shared, edited on both), "
            f"{a.stat().st_size / 1_048_576:.1f} MB and {b.stat().st_size / 1_048_576:.1f} MB"
        )
        times = []
        line = ""
        for run in range(args.runs):
            target = folder / f"target{run}.facil"
            shutil.copy(a, target)
            with ProjectFile.open(target) as pf:
                editor = Editor(pf)
                start = time.perf_counter()
                result = merge_file(editor, b)
                times.append(time.perf_counter() - start)
            line = result.line()
            print(f"  run {run + 1}: {times[-1]:.2f} s   {line}")
        median = statistics.median(times)
        ok = median < TARGET_S
        print(f"merge median {median:.2f} s (target < {TARGET_S:.0f} s): {'ok' if ok else 'MISSED'}")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
