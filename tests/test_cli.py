"""The command line as a user or a script would run it."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator import __version__
from facilitator.store import schema

BAD = Path(__file__).resolve().parent / "data" / "bad"


def facilitator(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_version_and_help():
    result = facilitator("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Facilitator {__version__}"
    helptext = facilitator("--help").stdout
    for command in ("new", "demo", "info"):
        assert command in helptext


def test_demo_then_info_json_shows_the_demo(tmp_path):
    path = tmp_path / "d.facil"
    assert facilitator("demo", str(path)).returncode == 0
    result = facilitator("info", str(path), "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["format"] == schema.FORMAT
    assert info["event"]["title"].startswith("Moving Together")
    agenda = info["agenda"]
    assert 8 <= len(agenda) <= 14
    assert agenda[0]["start"] == "09:30" and agenda[-1]["end"] == "16:00"
    assert set(agenda[0]) >= {"title", "minutes", "phase", "start"}
    assert {item["phase"] for item in agenda} >= {"discover", "define", "develop", "deliver"}
    assert any(item["kind"] == "break" for item in agenda)
    walls = info["walls"]
    assert len(walls) >= 2
    for wall in walls:
        assert wall["notes"] >= 30 and wall["clusters"] >= 3 and wall["votes"] > 0
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_info_text_is_a_readable_summary(demo_file):
    result = facilitator("info", str(demo_file))
    assert result.returncode == 0
    assert "09:30-09:50  Welcome" in result.stdout
    assert "Barriers: 32 notes" in result.stdout


def test_new_creates_an_empty_project_with_a_title(tmp_path):
    result = facilitator("new", str(tmp_path / "event"), "--title", "Ŵyl Gymraeg")
    assert result.returncode == 0, result.stderr
    info = json.loads(facilitator("info", str(tmp_path / "event.facil"), "--json").stdout)
    assert info["event"]["title"] == "Ŵyl Gymraeg"
    assert info["agenda"] == [] and info["walls"] == []


def test_new_refuses_to_overwrite_an_existing_file(demo_file):
    before = hashlib.sha256(demo_file.read_bytes()).hexdigest()
    result = facilitator("new", str(demo_file))
    assert result.returncode == 1
    assert result.stderr.strip() == "facilitator: error: demo.facil already exists; choose another name."
    assert hashlib.sha256(demo_file.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.iterdir()))
def test_bad_files_get_one_line_and_keep_their_bytes(tmp_path, name):
    path = tmp_path / name
    shutil.copy(BAD / name, path)
    before = path.read_bytes()
    result = facilitator("info", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("facilitator: error: "), result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_unknown_command_with_extra_arguments_is_one_line(tmp_path):
    result = facilitator("frobnicate", "x")
    assert result.returncode == 2
    assert "unknown command" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("size", ["big", "100000x100000", "8x8"])
def test_render_refuses_a_bad_size_in_one_line(demo_file, tmp_path, size):
    result = facilitator("render", str(demo_file), "--view", "necklace", "--size", size, "-o", str(tmp_path / "n.png"))
    assert result.returncode == 1
    assert result.stderr.startswith("facilitator: error: --size must") and result.stderr.count("\n") == 1
    assert not (tmp_path / "n.png").exists()
