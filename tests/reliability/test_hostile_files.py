"""Hostile files: nothing a file, or what lies beside it, can do destroys a project or the program.

The corpus is ``hostile_corpus.py`` (built fresh into a temporary folder).
Every case meets every command (``info``, ``info --json``, each export, each
render, ``import-notes``, opening in the app) in a child process limited to
2 GB of address space, each command under a 30 s alarm: it works or refuses
in one line, with no traceback, no signal and no hang, and the project's bytes
are unchanged unless an edit succeeded. ``test_every_command_on_every_hostile_file``
runs the commands in one process per case (CI); the ``slow`` sweep runs each
(case, command) as its own ``python -m facilitator`` process, as a user would
(``FACILITATOR_HOSTILE_SWEEP=all`` for the whole corpus; by default a sample).
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from facilitator.store import CorruptProject, OpenElsewhere, ProjectError, ProjectFile
from tests.reliability import hostile_corpus
from tests.reliability.hostile_driver import COMMANDS, EDITS, argv_for, copy_case, digest

REPO = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 2 << 30
COMMAND_SECONDS = 30


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def child_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
        "FACILITATOR_HOME": str(home),
        "FACILITATOR_HOSTILE_ALARM": str(COMMAND_SECONDS),
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[hostile_corpus.Case]]:
    root = tmp_path_factory.mktemp("hostile")
    return root, hostile_corpus.build(root)


def test_the_corpus_covers_every_kind_of_harm(corpus):
    _, cases = corpus
    names = {c.name for c in cases}
    for needed in (
        "journal-from-other-program",
        "journal-from-older-copy",
        "wal-from-other-program",
        "trigger-delete-on-insert",
        "view-event-recursive",
        "note-x-1e308",
        "photo-width-2e9",
        "note-50mb",
        "photo-13000px-png",
        "project-is-a-fifo",
        "note-text-blob",
        "vote-on-missing-round",
        "minutes-abc",
        "date-9999-12-31",
        "wall-name-blob",
        "wal-mode",
    ):
        assert needed in names
    assert len(cases) >= 50


def run_group(root: Path, work: Path, group: list[hostile_corpus.Case]) -> tuple[list[str], int, list[dict], str]:
    """One driver process for a group of cases (a Python and Qt start-up each would double the test's time)."""
    specs = [f"{root / case.name}={case.expect}" for case in group]
    proc = subprocess.run(
        [sys.executable, "-m", "tests.reliability.hostile_driver", str(work), *specs],
        capture_output=True,
        text=True,
        preexec_fn=limit_memory,
        env=child_env(work / "home"),
        cwd=REPO,
        timeout=COMMAND_SECONDS * len(COMMANDS) * len(group),
    )
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    return [c.name for c in group], proc.returncode, records, proc.stderr


def test_every_command_on_every_hostile_file(corpus, tmp_path):
    root, cases = corpus
    started = time.perf_counter()
    groups = [cases[i::4] for i in range(4)]
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda g: run_group(root, tmp_path / f"group{g[0]}", g[1]), enumerate(groups)))
    failures = []
    slowest = (0.0, "")
    runs = 0
    for names, returncode, records, stderr in results:
        done = [r for r in records if "command" in r]
        runs += len(done)
        if returncode != 0 or len(done) != len(COMMANDS) * len(names):
            last = records[-1] if records else {}
            failures.append(f"driver for {names} exit {returncode} at {last}: {stderr[-600:]}")
        for record in done:
            slowest = max(slowest, (record["seconds"], f"{record['case']} {record['command']}"))
            if record["problems"]:
                failures.append(f"{record['case']} {record['command']}: {record['problems']} {record['stderr'][-300:]}")
    elapsed = time.perf_counter() - started
    print(
        f"\nhostile corpus: {len(cases)} files x {len(COMMANDS)} commands = {runs} runs in {elapsed:.0f} s, "
        f"slowest {slowest[0]:.1f} s ({slowest[1]}), {len(failures)} failures"
    )
    assert runs == len(cases) * len(COMMANDS)
    assert not failures, "\n".join(failures)


SAMPLE = ["journal-from-older-copy", "project-is-a-fifo"]


@pytest.mark.slow
def test_each_command_as_its_own_process(corpus, tmp_path):
    """As a user runs them: one ``python -m facilitator`` per (case, command), watched for signals and hangs."""
    root, cases = corpus
    chosen = cases if os.environ.get("FACILITATOR_HOSTILE_SWEEP") == "all" else [c for c in cases if c.name in SAMPLE]
    notes = tmp_path / "notes.txt"
    notes.write_text("An imported note\n", encoding="utf-8")
    jobs = [(case, command) for case in chosen for command in COMMANDS if command != "app"]

    def one(job):
        case, command = job
        folder = tmp_path / f"{case.name}-{command}"
        copy_case(root / case.name, folder)
        out = tmp_path / f"{case.name}-{command}-out"
        out.mkdir()
        project = folder / hostile_corpus.NAME
        before = digest(project)
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "facilitator", *argv_for(command, project, out, notes)],
                capture_output=True,
                text=True,
                preexec_fn=limit_memory,
                env=child_env(tmp_path / "home"),
                timeout=COMMAND_SECONDS,
            )
        except subprocess.TimeoutExpired:
            return f"{case.name} {command}: hung for {COMMAND_SECONDS} s"
        problems = []
        if proc.returncode < 0:
            problems.append(f"signal {-proc.returncode}")
        if "Traceback" in proc.stderr:
            problems.append("traceback")
        if proc.returncode == 1 and len(proc.stderr.splitlines()) != 1:
            problems.append("not one line")
        if proc.returncode not in (0, 1):
            problems.append(f"exit {proc.returncode}")
        if digest(project) != before and not (command in EDITS and proc.returncode == 0):
            problems.append("bytes changed")
        return f"{case.name} {command}: {problems} {proc.stderr[-300:]}" if problems else None

    with ThreadPoolExecutor(2) as pool:
        failures = [f for f in pool.map(one, jobs) if f]
    print(f"\nhostile sweep: {len(jobs)} processes, {len(failures)} failures")
    assert not failures, "\n".join(failures)


# -- the journal cases, looked at closely ------------------------------------------------------------------


def notes_in(path: Path) -> int:
    with ProjectFile.open(path, read_only=True) as pf:
        return sum(len(w.notes) for w in pf.load().walls)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_case(tmp_path: Path, name: str) -> Path:
    hostile_corpus.build(tmp_path, [name])
    return tmp_path / name / hostile_corpus.NAME


@pytest.mark.parametrize(
    "name", ["journal-from-older-copy", "journal-from-other-project", "journal-from-other-program"]
)
def test_a_journal_that_is_not_this_projects_is_set_aside_and_the_newer_project_kept(tmp_path, name):
    path = one_case(tmp_path, name)
    journal = path.with_name(path.name + "-journal")
    before = sha(path)
    side = journal.read_bytes()
    # Reading refuses without touching anything.
    with pytest.raises(CorruptProject, match="leftover journal"):
        ProjectFile.open(path, read_only=True)
    assert sha(path) == before and journal.read_bytes() == side
    # Opening for editing refuses too, and moves the journal aside.
    with pytest.raises(CorruptProject, match=r"moved aside to x\.facil-journal\.refused-"):
        ProjectFile.open(path)
    assert sha(path) == before and not journal.exists()
    (aside,) = path.parent.glob("x.facil-journal.refused-*")
    assert aside.read_bytes() == side
    # The next open reads the project as it was: the newer copy's notes are all there.
    expected = 63 + (300 if name == "journal-from-older-copy" else 0)
    assert notes_in(path) == expected
    with ProjectFile.open(path) as pf:
        assert pf.load().event.title.startswith("Moving Together")


def test_a_real_crash_journal_is_rolled_back_read_only_in_a_copy_and_for_editing_in_place(tmp_path):
    path = one_case(tmp_path, "hot-journal-legit")
    journal = path.with_name(path.name + "-journal")
    before = sha(path)
    with ProjectFile.open(path, read_only=True) as pf:
        project = pf.load()
    assert project.event.title.startswith("Moving Together")  # the half-written edit is undone
    assert sum(len(w.notes) for w in project.walls) == 63
    assert sha(path) == before and journal.exists()  # reading wrote nothing
    assert sorted(os.listdir(path.parent)) == ["x.facil", "x.facil-journal"]
    with ProjectFile.open(path) as pf:
        assert pf.load().event.title.startswith("Moving Together")
    assert not journal.exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_wal_mode_file_read_leaves_nothing_beside_it_and_a_live_wal_is_read(tmp_path):
    path = one_case(tmp_path, "wal-mode")
    before = sha(path)
    with ProjectFile.open(path, read_only=True) as pf:
        assert pf.load().walls
    assert sha(path) == before and os.listdir(path.parent) == ["x.facil"]
    live = one_case(tmp_path / "live", "wal-mode-live-wal")
    names = sorted(os.listdir(live.parent))
    with ProjectFile.open(live, read_only=True) as pf:
        assert pf.load().event.title == "From the WAL"
    assert sorted(os.listdir(live.parent)) == names


@pytest.mark.parametrize("name", ["wal-from-other-program", "wal-beside-rollback-file"])
def test_a_foreign_wal_is_refused_and_set_aside(tmp_path, name):
    path = one_case(tmp_path, name)
    before = sha(path)
    with pytest.raises(CorruptProject, match="leftover WAL"):
        ProjectFile.open(path)
    assert sha(path) == before and not path.with_name("x.facil-wal").exists()
    assert notes_in(path) == 63
    assert not path.with_name("x.facil-wal").exists() and not path.with_name("x.facil-shm").exists()


def test_a_journal_beside_a_file_in_use_is_left_to_its_owner(tmp_path):
    """Another process holds the project: its journal may be live, so it is never judged or moved."""
    path = tmp_path / "x.facil"
    ProjectFile.create(path).close()
    code = (
        "import sys, time\n"
        "from facilitator.store import ProjectFile\n"
        "pf = ProjectFile.open(sys.argv[1])\n"
        "print('open', flush=True)\n"
        "time.sleep(60)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True, env=child_env(tmp_path)
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        journal = path.with_name("x.facil-journal")
        journal.write_bytes(hostile_corpus.JOURNAL_HEADER_FOR_TESTS)
        with pytest.raises(OpenElsewhere):
            ProjectFile.open(path)
        assert journal.read_bytes() == hostile_corpus.JOURNAL_HEADER_FOR_TESTS
    finally:
        holder.kill()
        holder.wait()


def test_a_planted_trigger_never_runs(tmp_path):
    path = one_case(tmp_path, "trigger-delete-on-insert")
    before = sha(path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "facilitator",
            "import-notes",
            str(path),
            str(REPO / "tests/data/samples/notes-co-design-day.csv"),
            "--wall",
            "Ideas",
        ],
        capture_output=True,
        text=True,
        env=child_env(tmp_path),
        timeout=60,
    )
    assert result.returncode == 1 and "trigger named 't'" in result.stderr
    assert sha(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM note").fetchone()[0] == 63
    conn.close()


def test_placement_with_far_apart_rectangles_stays_small():
    from facilitator.core.layout import Rect
    from facilitator.ingest import placement

    occ = placement.Occupancy()
    occ.add(Rect(-1e7, -1e7, 2e7, 2e7))
    occ.add(Rect(0, 0, 2e9, 8))
    assert sum(len(v) for v in occ._buckets.values()) == 0
    assert not occ.is_free(Rect(5, 5, 10, 10))
    assert placement.photo_place(occ)[0] > 1e9


def test_import_reads_no_device_or_pipe(tmp_path, demo_file):
    from facilitator.cli import main

    fifo = tmp_path / "notes.csv"
    os.mkfifo(fifo)
    before = sha(demo_file)
    for source in (fifo, Path("/dev/zero")):
        started = time.perf_counter()
        assert main(["import-notes", str(demo_file), str(source), "--wall", "X"]) == 1
        assert time.perf_counter() - started < 5
    assert sha(demo_file) == before


def test_the_corpus_is_rebuilt_identically_enough_to_copy(tmp_path):
    """The corpus folder can be copied for a look by hand (pipes kept as pipes)."""
    hostile_corpus.build(tmp_path / "c", ["project-is-a-fifo"])
    copy_case(tmp_path / "c" / "project-is-a-fifo", tmp_path / "copy")
    assert (tmp_path / "copy" / "x.facil").is_fifo()
    shutil.rmtree(tmp_path / "copy")


def test_a_project_in_a_folder_that_cannot_be_written_is_not_called_damaged(demo_file, monkeypatch):
    """(Tested through ``os.access``: the test machine runs as root, for whom every folder is writable.)"""
    real_access = os.access

    def no_write_in_folder(path, mode, *args, **kwargs):
        if Path(path) == demo_file.parent and mode & os.W_OK:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", no_write_in_folder)
    with pytest.raises(ProjectError, match="folder that cannot be written") as caught:
        ProjectFile.open(demo_file)
    assert "damaged" not in str(caught.value)
    with ProjectFile.open(demo_file, read_only=True) as pf:
        assert pf.load().walls


def test_opening_a_project_this_process_holds_keeps_other_processes_out(demo_file):
    """Reading the header of a held project would close a descriptor and drop SQLite's lock on it."""
    link = demo_file.with_name("link.facil")
    link.symlink_to(demo_file)
    code = (
        "import sys\n"
        "from facilitator.store import ProjectFile, ProjectError\n"
        "try:\n"
        "    ProjectFile.open(sys.argv[1]).close()\n"
        "    print('opened')\n"
        "except ProjectError:\n"
        "    print('refused')\n"
    )

    def other_process() -> str:
        run = subprocess.run(
            [sys.executable, "-c", code, str(demo_file)],
            capture_output=True,
            text=True,
            env=child_env(demo_file.parent),
        )
        return run.stdout.strip()

    held = ProjectFile.open(demo_file)
    try:
        for again in (demo_file, link):
            with pytest.raises(OpenElsewhere):
                ProjectFile.open(again)
            with pytest.raises(OpenElsewhere):
                ProjectFile.open(again, read_only=True)
        assert other_process() == "refused"
    finally:
        held.close()
    assert other_process() == "opened"
    ProjectFile.open(demo_file).close()
