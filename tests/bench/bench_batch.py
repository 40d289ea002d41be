"""A batch of 100 notes from another origin (phones) committed in one transaction: target under 50 ms.

Run: .venv/bin/python tests/bench/bench_batch.py [--runs 30] [--notes 2000] [--dir /tmp]

Measures what the room server's Batcher costs when 100 phone notes arrive
within one window: the edit layer validates and places each note (in the
wall's inbox, as the core does for notes without a place), writes 100 note
rows and 100 change-log rows, and commits once with the store's real
settings (rollback journal, synchronous=FULL). The window itself (50 ms of
waiting) is not counted: the batch is flushed by hand. Prints median and p95;
exits 1 if the median misses 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from facilitator.core.wall import Note, Wall
from facilitator.demo import demo_project
from facilitator.edits import AddNote, Batcher, Editor, Origin
from facilitator.store import ProjectFile

TARGET_MS = 50.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--notes", type=int, default=2000, help="notes already on the wall")
    parser.add_argument("--dir", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        path = Path(folder) / "batch.facil"
        project = demo_project()
        wall = Wall(name="Room wall")
        for i in range(args.notes):
            wall.add_note(Note(text=f"note {i}", x=(i % 100) * 196.0, y=(i // 100) * 136.0))
        project.walls.append(wall)
        ProjectFile.create(path, project).close()
        loop = asyncio.new_event_loop()
        timings: list[float] = []
        with ProjectFile.open(path) as store:
            editor = Editor(store)
            batcher = Batcher(editor, loop=loop, schedule=lambda delay, callback: None)
            for run in range(args.runs):
                futures = [
                    batcher.enqueue(
                        AddNote(wall.id, f"r{run}n{i}", f"phone idea {run}.{i}", source="phone"),
                        Origin("phone", f"phone-{i % 30}", f"Phone {i % 30}"),
                    )
                    for i in range(100)
                ]
                start = time.perf_counter()
                batcher.flush()
                timings.append((time.perf_counter() - start) * 1000)
                assert all(f.done() and f.result().changed for f in futures)
        loop.close()
    ordered = sorted(timings)
    median = statistics.median(timings)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    print(f"batch of 100 phone notes onto a {args.notes}-note wall: median {median:.1f} ms   p95 {p95:.1f} ms")
    print(f"target: median under {TARGET_MS:.0f} ms -> {'ok' if median < TARGET_MS else 'MISSED'}")
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
