"""Export speed: the demo's event pack under 1 s; a 2,000-note wall's session outputs under 3 s.

Run: .venv/bin/python tests/bench/bench_export.py [--runs 5] [--no-ui]

Each figure is the median of ``--runs`` renders (to bytes, in memory), and is
also given as a ratio against a floor: a bare reportlab canvas writing the
same text, line after line in the same embedded font, with no layout at all.
The ratio says what our layout costs on top of what reportlab must do anyway.

With Qt available (and not ``--no-ui``) it also runs the 2,000-note event pack
through the app's export worker process and reports the longest gap between
ticks of a 5 ms timer on the UI thread meanwhile: the window's worst frame.
Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from facilitator.core.project import Project
from facilitator.core.wall import Cluster, Dot, Note, VoteRound, Wall
from facilitator.demo import demo_project
from facilitator.export import fonts
from facilitator.export.pack import EventPack
from facilitator.export.session import SessionOutputs

PACK_TARGET_S = 1.0
SESSION_TARGET_S = 3.0
FRAME_TARGET_MS = 50.0

WORDS = [
    "patients",
    "time",
    "clinic",
    "referral",
    "walking",
    "club",
    "nurse",
    "script",
    "barrier",
    "evidence",
    "data",
    "cost",
    "care",
    "leisure",
    "confidence",
    "training",
    "motivation",
    "pain",
    "access",
    "transport",
    "childcare",
    "Łódź",
    "Siân",
    "Dŵr",
    "Ωραία",
    "Привет",
    "Việt",
]


def big_wall(notes: int = 2000, clusters: int = 40, seed: int = 5) -> Wall:
    """A busy wall: ``notes`` notes of 6-40 words in ``clusters`` clusters, 10% loose, dots on a third."""
    rng = random.Random(seed)
    wall = Wall(name="Big wall")
    vote = VoteRound("Which matter most?")
    wall.rounds.append(vote)
    ids = [
        wall.add_cluster(Cluster(f"Theme {i}: {' '.join(rng.sample(WORDS, 3))}", colour="blue")).id
        for i in range(clusters)
    ]
    colours = ["yellow", "orange", "pink", "blue", "green", "purple", "grey"]
    for i in range(notes):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 40)))
        cluster_id = None if i % 10 == 9 else ids[i % clusters]
        note = wall.add_note(
            Note(
                text,
                colour=rng.choice(colours),
                author=f"Person {i % 97}",
                group=f"Group {i % 6}",
                cluster_id=cluster_id,
            )
        )
        if i % 3 == 0:
            for _ in range(rng.randint(1, 5)):
                dot = Dot(note.id)
                vote.dots[dot.id] = dot
    from facilitator.core import layout

    layout.tidy_wall_in_place(wall, width=12_000)
    return wall


def texts_of(project: Project) -> list[str]:
    """Every string the pack prints from the project: the floor writes exactly these."""
    out = [project.event.title, project.event.venue]
    for item in project.agenda:
        out += [item.title, item.instructions]
    for wall in project.walls:
        out.append(wall.name)
        out += [c.title for c in wall.clusters.values()]
        for note in wall.notes.values():
            out += [note.text, f"{note.author} · {note.group}"]
    for action in project.actions:
        out += [action.text, action.owner]
    return out


def bare_canvas(texts: list[str]) -> bytes:
    """The floor: each string on its own line of an A4 page, new page when full; no wrapping, no layout."""
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=fonts.REGULAR)
    c.setFont(fonts.REGULAR, 9.5)
    y = A4[1] - 50
    for text in texts:
        c.drawString(50, y, fonts.printable(text))
        y -= 12.6
        if y < 50:
            c.showPage()
            c.setFont(fonts.REGULAR, 9.5)
            y = A4[1] - 50
    c.showPage()
    c.save()
    return buffer.getvalue()


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ui_worst_frame(project: Project) -> tuple[float, float]:
    """(worst gap in ms between 5 ms timer ticks, seconds the export took) during an export in the worker."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import tempfile

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from facilitator.export.outputs import ExportRequest
    from facilitator.ui.export_dialog import ExportJob

    app = QApplication.instance() or QApplication([])
    out = Path(tempfile.mkdtemp()) / "pack.pdf"
    job = ExportJob(ExportRequest("pack", project, out, paper="a4"))
    clock = QElapsedTimer()
    gaps: list[float] = []
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    done = []
    job.succeeded.connect(done.append)
    job.failed.connect(done.append)
    clock.start()
    timer.start()
    job.start()
    while not done and clock.elapsed() < 120_000:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    timer.stop()
    took = clock.elapsed() / 1000
    out.unlink(missing_ok=True)
    if not done or not str(done[0]).endswith("pack.pdf"):
        raise SystemExit(f"the export in the worker failed: {done}")
    return max(gaps[1:]), took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-ui", action="store_true", help="skip the UI responsiveness figure")
    args = parser.parse_args()
    fonts.register()
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())} on {os.cpu_count()} cores")

    demo = demo_project()
    EventPack(demo).render()  # warm up font subsetting caches and imports
    pack_s = median_time(lambda: EventPack(demo).render(), args.runs)
    pack_floor = median_time(lambda: bare_canvas(texts_of(demo)), args.runs)
    print(
        f"event pack, demo event:        {pack_s * 1000:7.0f} ms  (target < {PACK_TARGET_S * 1000:.0f} ms)"
        f"  floor {pack_floor * 1000:5.0f} ms  ratio {pack_s / pack_floor:5.1f}x"
    )

    wall = big_wall()
    project = Project(event=demo.event, groups=demo.groups, walls=[wall])
    session_s = median_time(lambda: SessionOutputs(project, wall).render(), args.runs)
    session_floor = median_time(lambda: bare_canvas(texts_of(Project(walls=[wall]))), args.runs)
    data = SessionOutputs(project, wall).render()
    print(
        f"session outputs, 2,000 notes:  {session_s * 1000:7.0f} ms  (target < {SESSION_TARGET_S * 1000:.0f} ms)"
        f"  floor {session_floor * 1000:5.0f} ms  ratio {session_s / session_floor:5.1f}x"
        f"  ({len(data) // 1024} KB)"
    )

    ok = pack_s < PACK_TARGET_S and session_s < SESSION_TARGET_S
    if not args.no_ui:
        worst, took = ui_worst_frame(Project(event=demo.event, groups=demo.groups, walls=[wall, *demo.walls]))
        print(
            f"UI during a 2,000-note pack export in the worker: worst frame {worst:.0f} ms"
            f" (target < {FRAME_TARGET_MS:.0f} ms), export took {took:.1f} s including process start"
        )
        ok = ok and worst < FRAME_TARGET_MS
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
