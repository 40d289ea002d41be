"""Hostile paths: no output (export, render, a new project) can destroy a project or anything else.

Every case is one a user or a stranger's file can trigger: an output named
like the project (directly, through ``./``, a symlink or a hard link), a
device or pipe at the output path, a planted symlink where a temporary file
might go, a full disk, a kill mid-write, a spreadsheet formula in a note.
"""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator import safe_output
from facilitator.cli import main
from facilitator.export.outputs import KINDS
from facilitator.store import ProjectFile

VIEWS = ("audience", "console", "necklace", "wall")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def every_name(folder: Path) -> set[str]:
    """Hidden files too: a temporary sibling is named ``.NAME.PID-TOKEN.part``."""
    return set(os.listdir(folder))


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("facilitator: error: "), err
    assert "Traceback" not in err
    return err


def wall_args(kind: str) -> list[str]:
    return ["--wall", "Barriers"] if kind in ("session", "poster") else []


@pytest.mark.parametrize("kind", KINDS)
def test_export_onto_the_project_itself_is_refused_and_the_project_kept(demo_file, kind, capsys, monkeypatch):
    before = digest(demo_file)
    monkeypatch.chdir(demo_file.parent)
    link = demo_file.with_name("link.facil")
    link.symlink_to(demo_file.name)
    hard = demo_file.with_name("hard.facil")
    os.link(demo_file, hard)
    for project, output in (
        (demo_file, demo_file),
        (demo_file, Path("./demo.facil")),
        (Path("demo.facil"), demo_file),
        (link, demo_file),
        (demo_file, link),
        (demo_file, hard),
        (demo_file, Path("sub/../demo.facil")),
    ):
        (demo_file.parent / "sub").mkdir(exist_ok=True)
        code = main(["export", str(project), "--kind", kind, *wall_args(kind), "-o", str(output)])
        assert code == 1, (project, output)
        assert "project" in one_line_error(capsys)
        assert digest(demo_file) == before
    assert every_name(demo_file.parent) == {"demo.facil", "link.facil", "hard.facil", "sub"}


@pytest.mark.parametrize("view", VIEWS)
def test_render_onto_the_project_is_refused(demo_file, view, capsys):
    before = digest(demo_file)
    link = demo_file.with_name("link.facil")
    link.symlink_to(demo_file)
    for output in (demo_file, link):
        args = ["render", str(demo_file), "--view", view, "-o", str(output)]
        assert main(args + (["--wall", "Barriers"] if view == "wall" else [])) == 1
        one_line_error(capsys)
    assert digest(demo_file) == before


def test_an_output_never_replaces_another_project_or_its_journal(demo_file, tmp_path, capsys):
    other = tmp_path / "other.facil"
    ProjectFile.create(other).close()
    before = digest(other)
    for output in (other, tmp_path / "other.facil-journal", tmp_path / "other.facil-wal"):
        assert main(["export", str(demo_file), "--kind", "csv", "-o", str(output)]) == 1
        one_line_error(capsys)
    assert digest(other) == before
    assert not (tmp_path / "other.facil-journal").exists() and not (tmp_path / "other.facil-wal").exists()


def test_a_device_or_pipe_at_the_output_path_is_left_alone(demo_file, tmp_path, capsys):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    assert main(["export", str(demo_file), "--kind", "csv", "-o", str(fifo)]) == 1
    assert "not an ordinary file" in one_line_error(capsys)
    device = tmp_path / "device.csv"
    device.symlink_to(os.devnull)
    assert main(["export", str(demo_file), "--kind", "csv", "-o", str(device)]) == 1
    one_line_error(capsys)
    assert Path(os.devnull).is_char_device() and device.is_symlink()


def test_a_planted_symlink_where_the_temporary_file_used_to_go_is_never_followed(demo_file, tmp_path, capsys):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "out.pdf.part").symlink_to(victim)
    (tmp_path / ".out.pdf.part").symlink_to(victim)
    assert main(["export", str(demo_file), "--kind", "agenda", "-o", str(tmp_path / "out.pdf")]) == 0
    assert victim.read_text() == "keep me"
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_a_full_disk_keeps_the_old_output_and_leaves_no_temporary_file(demo_file, tmp_path, capsys, monkeypatch):
    out = tmp_path / "notes.csv"
    out.write_text("old export")
    names = every_name(tmp_path)

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_output.os, "write", full)
    assert main(["export", str(demo_file), "--kind", "csv", "-o", str(out)]) == 1
    assert "No space left" in one_line_error(capsys)
    monkeypatch.undo()
    assert out.read_text() == "old export"
    assert every_name(tmp_path) == names


def test_render_writes_atomically_and_a_failure_keeps_the_old_picture(demo_file, tmp_path, capsys, monkeypatch):
    out = tmp_path / "a.png"
    assert main(["render", str(demo_file), "--view", "necklace", "-o", str(out)]) == 0
    capsys.readouterr()
    old = out.read_bytes()
    assert old.startswith(b"\x89PNG")

    def fail_replace(src, dst):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(safe_output.os, "replace", fail_replace)
    assert main(["render", str(demo_file), "--view", "audience", "-o", str(out)]) == 1
    assert "Read-only" in one_line_error(capsys)
    assert out.read_bytes() == old
    assert every_name(tmp_path) == {"demo.facil", "a.png"}


def test_a_temporary_file_left_by_a_killed_export_is_swept_by_the_next(demo_file, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".out.pdf.{int(dead.stdout)}-0badf00d.part"
    stale.write_bytes(b"%PDF half")
    mine = safe_output.temp_sibling(tmp_path / "out.pdf")
    mine.write_bytes(b"in progress")  # this process is alive: its file stays
    assert main(["export", str(demo_file), "--kind", "agenda", "-o", str(tmp_path / "out.pdf")]) == 0
    assert not stale.exists() and mine.exists()


def test_a_failed_create_leaves_no_temporary_project(tmp_path, monkeypatch):
    from facilitator.store import WriteFailed

    def fail(self, project, photo_data=None):
        raise WriteFailed("The disk is full: the last change was not saved.")

    monkeypatch.setattr(ProjectFile, "save_project", fail)
    with pytest.raises(WriteFailed):
        ProjectFile.create(tmp_path / "x.facil")
    assert every_name(tmp_path) == set()


@pytest.mark.parametrize("remaining", ["nan", "inf", "-inf", "-1e308", "1e12"])
@pytest.mark.parametrize("view", ["audience", "console"])
def test_render_refuses_a_countdown_that_is_not_a_real_time(demo_file, tmp_path, remaining, view, capsys):
    out = tmp_path / "a.png"
    assert main(["render", str(demo_file), "--view", view, f"--remaining={remaining}", "-o", str(out)]) == 1
    assert "--remaining" in one_line_error(capsys)
    assert not out.exists()


def test_info_into_a_closed_pipe_is_quiet(demo_file):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    result = subprocess.run(
        f'"{sys.executable}" -m facilitator info "{demo_file}" --json | head -c 1',
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.stdout == "{"
    assert result.stderr == ""


def test_csv_cells_that_spreadsheets_would_run_are_text(demo_project):
    import csv
    import io

    from facilitator.core.wall import Note
    from facilitator.export.records import to_csv

    wall = demo_project.walls[0]
    texts = ["-2+3+cmd|' /C calc'!A0", "=1+1", "+1", "@SUM(A1)", "\tx", "\rx", " =1", "＝1", "plain - dash"]
    for text in texts:
        wall.add_note(Note(text))
    rows = list(csv.DictReader(io.StringIO(to_csv(demo_project, [wall]).decode("utf-8-sig"), newline="")))
    cells = {r["text"] for r in rows}
    for text in texts[:-1]:
        assert "'" + text in cells, text
    assert "plain - dash" in cells


def test_the_export_dialog_refuses_the_open_projects_own_path(document, qtbot, tmp_path):
    from facilitator.ui.export_dialog import ExportDialog

    before = digest(document.path)
    dialog = ExportDialog(document)
    qtbot.addWidget(dialog)
    link = tmp_path / "link.facil"
    link.symlink_to(document.path)
    for typed in (str(document.path), str(link)):
        dialog.set_kind("pack")
        dialog.destination.setText(typed)
        dialog.export_button.click()
        assert dialog.job is None
        assert "project" in dialog.status.text()
    dialog.done(0)
    assert digest(document.path) == before
