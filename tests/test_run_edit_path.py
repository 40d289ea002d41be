"""Run mode writes the run and its settings the one way every change is written: operations through the editor.

Each run step (next, ±1 minute, pause) is a ``SetRun`` in the change log with its origin, every subscriber
hears of it, and the file reopened holds the run as the controller left it. The run's own Ctrl+Z
(docs/design/0009-run-item-time.md) is unchanged: it never touches the document's undo stack.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from facilitator.core.clock import ManualClock
from facilitator.core.run import Run
from facilitator.edits import Notice, Refused, SetSetting
from facilitator.store import ProjectFile
from facilitator.ui.document import Document
from facilitator.ui.run.controller import CLOCK_SETTING, MUTED_SETTING, RunController


@pytest.fixture
def clock(document) -> ManualClock:
    ev = document.project.event
    return ManualClock(monotonic=50.0, wall=dt.datetime.combine(ev.date, ev.planned_start).timestamp())


@pytest.fixture
def controller(document, clock, qtbot):
    c = RunController(document, clock=clock)
    yield c
    if c._timer.isActive():
        c.end()


def logged(document: Document, after: int) -> list[tuple[str, dict]]:
    """(origin kind, operation) of every change-log row after ``after``."""
    return [(e.origin_kind, json.loads(e.op)) for e in document.store.read_log(after=after)]


def last_seq(document: Document) -> int:
    entries = document.store.read_log()
    return entries[-1].seq if entries else 0


def reopened_run(document: Document, tmp_path):
    """The run as a fresh open of the file sees it (a copy, since the document holds the file's lock)."""
    copy = document.store.save_copy_as(tmp_path / "reopened.facil")
    with ProjectFile.open(copy, read_only=True) as pf:
        return pf.load()


@pytest.mark.parametrize(
    ("step", "check"),
    [
        ("next", lambda run: run.index == 1),
        ("add", lambda run: run.adjustment == 60),
        ("take", lambda run: run.adjustment == -60),
        ("pause", lambda run: not run.running),
    ],
)
def test_each_run_step_is_a_logged_set_run_that_survives_reopening(controller, document, clock, tmp_path, step, check):
    heard: list[Notice] = []
    document.changed.connect(heard.append)
    before = last_seq(document)
    clock.advance(42)
    {
        "next": controller.next,
        "add": lambda: controller.add_minutes(1),
        "take": lambda: controller.add_minutes(-1),
        "pause": controller.toggle,
    }[step]()
    assert check(controller.run)
    rows = logged(document, before)
    assert [(origin, op["op"]) for origin, op in rows] == [("local", "SetRun")]
    assert rows[0][1]["snapshot"]["item_index"] == controller.run.index
    assert [n.changed("run") for n in heard] == [{"run"}]
    assert document.undo_stack.count() == 0  # the run keeps its own undo; Edit > Undo is for edits
    project = reopened_run(document, tmp_path)
    assert project.run == controller.run.snapshot()  # the clock has not moved since the step
    resumed = Run.restore(project.event, project.agenda, clock, project.run)
    assert (resumed.index, resumed.running, resumed.adjustment) == (
        controller.run.index,
        controller.run.running,
        controller.run.adjustment,
    )


def test_the_run_s_own_undo_is_written_too_and_leaves_the_document_stack_alone(controller, document, clock, tmp_path):
    clock.advance(6)
    controller.next()
    before = last_seq(document)
    controller.undo()
    assert controller.run.index == 0
    assert [op["op"] for _origin, op in logged(document, before)] == ["SetRun"]
    assert reopened_run(document, tmp_path).run.item_index == 0
    assert document.undo_stack.count() == 0


def test_ending_the_run_is_logged_and_reopens_with_no_run(controller, document, tmp_path):
    before = last_seq(document)
    controller.end()
    assert [(origin, op) for origin, op in logged(document, before)] == [("local", {"op": "SetRun", "snapshot": None})]
    assert reopened_run(document, tmp_path).run is None


def test_run_settings_go_through_the_edit_path_and_reopen(controller, document, tmp_path):
    before = last_seq(document)
    controller.set_muted(True)
    controller.set_projector_clock(True)
    assert [op for _origin, op in logged(document, before)] == [
        {"op": "SetSetting", "key": MUTED_SETTING, "value": "1"},
        {"op": "SetSetting", "key": CLOCK_SETTING, "value": "1"},
    ]
    assert document.undo_stack.count() == 0
    project = reopened_run(document, tmp_path)
    assert project.settings[MUTED_SETTING] == "1" and project.settings[CLOCK_SETTING] == "1"
    controller.set_muted(False)
    assert MUTED_SETTING not in reopened_run(document, tmp_path).settings


def test_a_failed_run_write_shows_the_banner_and_the_run_goes_on(controller, document, clock, monkeypatch):
    failures: list[str] = []
    document.write_failed.connect(failures.append)
    gone = document.path.with_name("moved.facil")
    shutil.move(document.path, gone)  # a USB stick pulled mid-run
    try:
        controller.next()
    finally:
        shutil.move(gone, document.path)
    assert controller.run.index == 1  # the room's timer is not held hostage by the file
    assert failures and "no longer where it was opened" in failures[0]


def test_set_setting_refuses_the_file_s_internal_keys(document):
    replica = document.store.replica
    for key in ("replica", "", "Run.X", "run.", "run.x; DROP TABLE note"):
        with pytest.raises(Refused) as caught:
            document.apply(SetSetting(key, "x"))
        assert caught.value.code == "invalid"
    assert document.store.replica == replica and "replica" not in document.project.settings
