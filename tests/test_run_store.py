"""The run in the project file: format 3, stored at every change, read back after a crash."""

from __future__ import annotations

import sqlite3

from facilitator.core.run import RunSnapshot
from facilitator.store import ProjectFile, schema

SNAPSHOT = RunSnapshot(
    item_id="abc",
    item_index=2,
    elapsed=125.5,
    adjust=60.0,
    running=True,
    day_seconds=3_725.25,
    saved_wall=1_796_000_123.5,
    started_wall=1_796_000_000.0,
)


def make_format_2(path) -> None:
    """A project exactly as format 2 stored it: no run_state table."""
    conn = sqlite3.connect(path)
    conn.executescript(schema.SCHEMA_FORMAT_1)
    conn.executescript(schema.MIGRATIONS[1])
    conn.execute("INSERT INTO event VALUES (1, 'Old event', '2025-05-01', '', '', '10:00', '15:00')")
    conn.execute("INSERT INTO agenda_item VALUES ('a1', 0, 'Welcome', 20, 'plenary', 'none', NULL, '', '', NULL)")
    conn.execute("INSERT INTO setting VALUES ('theme', 'dark')")
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


def test_format_2_file_gains_the_run_table_and_keeps_its_content(tmp_path):
    path = tmp_path / "old.facil"
    make_format_2(path)
    with ProjectFile.open(path) as pf:
        assert pf.format == 3
        assert pf.load_run() is None
        project = pf.load()
        assert [it.title for it in project.agenda] == ["Welcome"]
        assert pf.setting("theme") == "dark"
        pf.save_run(SNAPSHOT)
    with ProjectFile.open(path, read_only=True) as pf:
        assert pf.load_run() == SNAPSHOT


def test_run_state_is_replaced_at_each_change_and_cleared_at_the_end(demo_file):
    with ProjectFile.open(demo_file) as pf:
        pf.save_run(SNAPSHOT)
        later = RunSnapshot(**{**SNAPSHOT.__dict__, "item_index": 3, "running": False})
        pf.save_run(later)
    with ProjectFile.open(demo_file) as pf:
        assert pf.load_run() == later
        pf.save_run(None)
    with ProjectFile.open(demo_file) as pf:
        assert pf.load_run() is None


def test_a_new_project_is_written_at_format_3(tmp_path):
    with ProjectFile.create(tmp_path / "new.facil") as pf:
        assert pf.format == schema.FORMAT == 3
        assert pf.load_run() is None
