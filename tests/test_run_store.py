"""The run in the project file (formats 3 and 4), stored at every change, read back after a crash."""

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
        assert pf.format == schema.FORMAT
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


def test_a_new_project_is_written_at_the_current_format(tmp_path):
    with ProjectFile.create(tmp_path / "new.facil") as pf:
        assert pf.format == schema.FORMAT
        assert pf.load_run() is None


def test_every_items_own_time_and_the_stage_are_stored(demo_file):
    snapshot = RunSnapshot(**{**SNAPSHOT.__dict__, "times": (("a", 12.5, 60.0), ("abc", 125.5, 60.0)), "stage": "end"})
    with ProjectFile.open(demo_file) as pf:
        pf.save_run(snapshot)
    with ProjectFile.open(demo_file, read_only=True) as pf:
        assert pf.load_run() == snapshot


def test_a_format_3_run_is_read_as_an_item_stage_with_no_other_times(tmp_path):
    path = tmp_path / "three.facil"
    make_format_2(path)
    conn = sqlite3.connect(path)
    conn.executescript(schema.MIGRATIONS[2])
    conn.execute("INSERT INTO run_state VALUES (1, 'a1', 0, 30.0, 0.0, 1, 30.0, 1796000030.0, 1796000000.0)")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with ProjectFile.open(path) as pf:
        stored = pf.load_run()
    assert (stored.stage, stored.times, stored.elapsed) == ("item", (), 30.0)


def test_resume_after_a_crash_through_the_file_keeps_per_item_time(demo_file):
    """The controller stores at every change; a new process restores every item's own time from the file."""
    import datetime as dt

    from facilitator.core.clock import ManualClock
    from facilitator.core.run import Run

    with ProjectFile.open(demo_file) as pf:
        project = pf.load()
        ev = project.event
        clock = ManualClock(monotonic=40.0, wall=dt.datetime.combine(ev.date, ev.planned_start).timestamp())
        run = Run(ev, project.agenda, clock)
        run.start()
        clock.advance(300)
        run.next()
        clock.advance(100)
        run.previous()
        clock.advance(20)
        pf.save_run(run.snapshot())  # then the app is killed
    clock.advance(60)
    clock.reboot(monotonic=3.0)
    with ProjectFile.open(demo_file) as pf:
        project = pf.load()
        resumed = Run.restore(project.event, project.agenda, clock, pf.load_run())
    assert (resumed.index, resumed.elapsed) == (0, 380.0)
    resumed.next()
    assert resumed.elapsed == 100.0
