"""Disk full, a read-only file and a file that vanishes: a clear message, no half-state, work recoverable."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.core.project import Project
from facilitator.core.wall import Note, Wall
from facilitator.store import ProjectError, ProjectFile, WriteFailed


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def notes_in(path: Path) -> set[str]:
    with ProjectFile.open(path, read_only=True) as pf:
        return {n.text for w in pf.load().walls for n in w.notes.values()}


def test_disk_full_through_sqlites_own_error_path(tmp_path):
    """SQLITE_FULL from a page limit: the failed import leaves nothing behind, earlier edits stay."""
    path = tmp_path / "p.facil"
    wall = Wall("W")
    pf = ProjectFile.create(path, Project(walls=[wall]))
    pf.save_notes(wall.id, [Note("before the disk filled")])
    pages = pf._conn.execute("PRAGMA page_count").fetchone()[0]
    pf._conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    big_import = [Note("x" * 2000) for _ in range(200)]
    with pytest.raises(WriteFailed, match="disk is full"):
        pf.save_notes(wall.id, big_import)
    assert {n.text for n in pf.load().walls[0].notes.values()} == {"before the disk filled"}
    # Space comes back: editing simply works again.
    pf._conn.execute("PRAGMA max_page_count = 1073741823")
    pf.save_notes(wall.id, [Note("after space was freed")])
    pf.close()
    assert integrity(path) == "ok"
    assert notes_in(path) == {"before the disk filled", "after space was freed"}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting a tiny file system needs root")
def test_disk_full_on_a_real_tiny_file_system(tmp_path):
    mount = tmp_path / "stick"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], check=True)
    try:
        path = mount / "event.facil"
        wall = Wall("W")
        pf = ProjectFile.create(path, Project(walls=[wall]))
        pf.save_notes(wall.id, [Note("kept")])
        filler = mount / "filler.bin"
        with filler.open("wb") as fh, pytest.raises(OSError):
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        failed = 0
        for i in range(50):
            try:
                pf.save_notes(wall.id, [Note(f"note {i} " + "y" * 3000)])
            except WriteFailed as exc:
                assert "disk is full" in str(exc) or "could not be written" in str(exc)
                failed += 1
        assert failed > 0
        filler.unlink()
        pf.save_notes(wall.id, [Note("after cleanup")])
        pf.close()
        assert integrity(path) == "ok"
        texts = notes_in(path)
        assert {"kept", "after cleanup"} <= texts
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_project_opened_read_only_refuses_edits_with_a_message(tmp_path):
    path = tmp_path / "p.facil"
    wall = Wall("W")
    with ProjectFile.create(path, Project(walls=[wall])) as pf:
        pf.save_notes(wall.id, [Note("kept")])
    before = path.read_bytes()
    with ProjectFile.open(path, read_only=True) as pf, pytest.raises(ProjectError, match="open read-only"):
        pf.save_notes(wall.id, [Note("not saved")])
    assert path.read_bytes() == before
    assert notes_in(path) == {"kept"}


@pytest.mark.parametrize("how", ["deleted", "moved"])
def test_a_file_that_vanishes_stops_writes_and_save_a_copy_rescues_everything(tmp_path, how):
    path = tmp_path / "stick" / "event.facil"
    path.parent.mkdir()
    wall = Wall("W")
    pf = ProjectFile.create(path, Project(walls=[wall]))
    pf.save_notes(wall.id, [Note("written before the stick was pulled")])
    if how == "deleted":
        path.unlink()
    else:
        path.rename(path.with_name("renamed.facil"))
    with pytest.raises(WriteFailed, match="no longer where it was opened"):
        pf.save_notes(wall.id, [Note("after")])
    rescue = tmp_path / "rescue.facil"
    pf.save_copy_as(rescue)
    pf.close()
    assert integrity(rescue) == "ok"
    assert notes_in(rescue) == {"written before the stick was pulled"}


def test_kill_during_creation_never_leaves_a_half_project_under_the_real_name(tmp_path):
    """create() builds under a temporary name: a crash mid-way leaves no event.facil at all."""
    path = tmp_path / "event.facil"
    code = (
        "import os, sys\n"
        "from facilitator.store import project_file as m\n"
        "real = m.ProjectFile.save_project\n"
        "def dying(self, *a, **k):\n"
        "    real(self, *a, **k)\n"
        "    os._exit(9)\n"
        "m.ProjectFile.save_project = dying\n"
        "from facilitator.demo import demo_project\n"
        f"m.ProjectFile.create({str(path)!r}, demo_project())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 9
    assert not path.exists()
    # The next attempt succeeds despite the leftover temporary file.
    ProjectFile.create(path, Project()).close()
    assert integrity(path) == "ok"


class FailingConnection:
    """Wraps the store's connection and fails the Nth statement like a dying disk would."""

    def __init__(self, conn: sqlite3.Connection, fail_on: str, message: str = "disk I/O error") -> None:
        self._conn = conn
        self.fail_on = fail_on
        self.message = message
        self.failures = 0

    def execute(self, sql: str, *args):
        if self.fail_on in sql and self.failures == 0:
            self.failures += 1
            raise sqlite3.OperationalError(self.message)
        return self._conn.execute(sql, *args)

    def executemany(self, sql: str, rows):
        if self.fail_on in sql and self.failures == 0:
            self.failures += 1
            raise sqlite3.OperationalError(self.message)
        return self._conn.executemany(sql, rows)

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


@pytest.mark.parametrize(
    ("fail_on", "message", "words"),
    [
        ("COMMIT", "disk I/O error", "could not be written"),
        ("DELETE FROM note", "disk I/O error", "could not be written"),
        ("COMMIT", "database or disk is full", "disk is full"),
        ("BEGIN", "attempt to write a readonly database", "read-only"),
    ],
)
def test_an_io_error_mid_transaction_writes_no_half_state(tmp_path, fail_on, message, words):
    path = tmp_path / "p.facil"
    wall = Wall("W")
    keep, gone = Note("keep"), Note("to be deleted")
    pf = ProjectFile.create(path, Project(walls=[wall]))
    pf.save_notes(wall.id, [keep, gone])
    real = pf._conn
    pf._conn = FailingConnection(real, fail_on, message)
    with pytest.raises(WriteFailed, match=words), pf.transaction():  # a two-part edit: both parts or neither
        pf.save_notes(wall.id, [Note("added in the failed edit")])
        pf.delete_notes([gone.id])
    pf._conn = real
    assert {n.text for n in pf.load().walls[0].notes.values()} == {"keep", "to be deleted"}
    pf.save_notes(wall.id, [Note("the next edit works")])  # the store recovers: retrying is possible
    pf.close()
    assert integrity(path) == "ok"
    assert notes_in(path) == {"keep", "to be deleted", "the next edit works"}
