"""Importing notes from CSV, end to end into the project file: 2,000 under 1 s, 20,000 under 5 s.

Run: .venv/bin/python tests/bench/bench_import.py [--repeat 5] [--dir /tmp]

"End to end" is what ``facilitator import-notes`` does after Python has
started: read and decode the CSV, open the project for editing and load it,
plan the places of every note, write them in one commit (synchronous=FULL,
so fsync included) and close. Each run uses a fresh copy of the demo event,
so the wall is not empty. The interpreter's own start (imports included) is
measured separately with a subprocess, since a user at the shell waits for
it too. Prints medians and the worst run; exits 1 if a median misses.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from facilitator import cli
from facilitator.demo import demo_project
from facilitator.ingest import import_notes, read_notes_csv
from facilitator.store import ProjectFile

TARGETS = {2_000: 1.0, 20_000: 5.0}
WORDS = [
    "patients",
    "clinicians",
    "time",
    "referral",
    "activity",
    "walking",
    "club",
    "nurse",
    "practice",
    "review",
    "confidence",
    "evidence",
    "leaflet",
    "cost",
    "gym",
    "buddy",
    "staff",
    "school",
    "family",
    "access",
    "venue",
    "directory",
    "champion",
    "script",
    "measure",
    "follow",
    "up",
    "café",
    "Łódź",
    "Zoë",
    "naïve",
    "—",
    "“quoted”",
    "📺",
]
COLOURS = ["yellow", "orange", "pink", "blue", "green", "purple", "grey", "Teal"]
AUTHORS = ["Priya", "Tom", "Aisha", "Gareth", "Dr. Łukasz Wiśniewski", "Siân", "Ffion ap Dafydd", "Mo", "Claire"]
GROUPS = ["Health", "Sport and leisure", "Local authority", "Patient voice", "Public health"]


def write_csv(path: Path, count: int, seed: int = 4) -> None:
    """A realistic file: 100 clusters, a fifth of notes unclustered, some quoted commas and line breaks."""
    rng = random.Random(seed)
    clusters = [f"Theme {i} – {rng.choice(WORDS)}" for i in range(100)]
    lines = ["text,colour,author,group,cluster"]
    for i in range(count):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18)))
        if i % 7 == 0:
            text = f'"{text}, and ""more""\r\nsecond line"'
        elif "," in text or '"' in text:
            text = '"' + text.replace('"', '""') + '"'
        cluster = "" if rng.random() < 0.2 else rng.choice(clusters)
        lines.append(f"{text},{rng.choice(COLOURS)},{rng.choice(AUTHORS)},{rng.choice(GROUPS)},{cluster}")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))


def one_run(template: Path, csv_path: Path, work: Path) -> tuple[float, dict[str, float]]:
    project_path = work / "run.facil"
    if project_path.exists():
        project_path.unlink()
    shutil.copyfile(template, project_path)
    start = time.perf_counter()
    data = csv_path.read_bytes()
    parsed = read_notes_csv(data, csv_path.name)
    t_parse = time.perf_counter()
    with ProjectFile.open(project_path) as store:
        project = store.load()
        t_open = time.perf_counter()
        import_notes(store, project, "Bench wall", parsed, skip_bad_rows=True)
        t_write = time.perf_counter()
    end = time.perf_counter()
    phases = {"read+parse": t_parse - start, "open+load": t_open - t_parse, "plan+commit": t_write - t_open}
    return end - start, phases


def cli_run(template: Path, csv_path: Path, work: Path) -> float:
    """The same through the command's own entry point (in this process)."""
    project_path = work / "cli.facil"
    if project_path.exists():
        project_path.unlink()
    shutil.copyfile(template, project_path)
    start = time.perf_counter()
    devnull = open(os.devnull, "w")  # noqa: SIM115
    old_out, old_err = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = devnull
    try:
        code = cli.main(["import-notes", str(project_path), str(csv_path), "--wall", "Bench wall", "--skip-bad-rows"])
    finally:
        sys.stdout, sys.stderr = old_out, old_err
        devnull.close()
    assert code == 0
    return time.perf_counter() - start


def subprocess_run(template: Path, csv_path: Path, work: Path) -> float:
    project_path = work / "sub.facil"
    if project_path.exists():
        project_path.unlink()
    shutil.copyfile(template, project_path)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "facilitator", "import-notes", str(project_path), str(csv_path), "--wall", "Bench"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None, help="where to put the project files (default: a temp dir)")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    missed = False
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-import-") as tmp:
        work = Path(tmp)
        template = work / "template.facil"
        ProjectFile.create(template, demo_project()).close()
        for count, limit in TARGETS.items():
            csv_path = work / f"notes-{count}.csv"
            write_csv(csv_path, count)
            runs = [one_run(template, csv_path, work) for _ in range(args.repeat)]
            totals = sorted(t for t, _ in runs)
            median = statistics.median(totals)
            phases = {k: statistics.median(p[k] for _, p in runs) for k in runs[0][1]}
            via_cli = statistics.median(cli_run(template, csv_path, work) for _ in range(args.repeat))
            via_shell = statistics.median(subprocess_run(template, csv_path, work) for _ in range(min(3, args.repeat)))
            ok = median < limit
            missed |= not ok
            print(
                f"{count:>6,} notes ({csv_path.stat().st_size / 1024:,.0f} KB): median {median * 1000:7.1f} ms, "
                f"worst {totals[-1] * 1000:7.1f} ms  (target < {limit:.0f} s: {'ok' if ok else 'MISSED'})"
            )
            print("        phases: " + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in phases.items()))
            print(
                f"        via cli.main: {via_cli * 1000:.1f} ms; "
                f"as a shell command incl. Python start: {via_shell * 1000:.1f} ms"
            )
        # A second import onto a wall that already holds 20,000 notes: finding free places must stay cheap.
        csv_path = work / "notes-20000.csv"
        first = work / "full.facil"
        shutil.copyfile(template, first)
        with ProjectFile.open(first) as store:
            import_notes(store, store.load(), "Bench wall", read_notes_csv(csv_path.read_bytes(), csv_path.name))
        again = statistics.median(one_run(first, csv_path, work)[0] for _ in range(args.repeat))
        print(f"20,000 more onto a wall holding 20,000: median {again * 1000:.1f} ms")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
