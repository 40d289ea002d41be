"""The run controller: stores every change, wakes at second boundaries, chimes at amber and at zero."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from facilitator.core.clock import ManualClock
from facilitator.core.run import Level
from facilitator.edits import Reorder
from facilitator.ui.run.controller import WAKE_AFTER_MS, RunController


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


def test_starting_stores_the_run_and_every_change_updates_it(controller, document, clock):
    assert document.store.load_run().item_index == 0
    clock.advance(30)
    controller.add_minutes(5)
    controller.next()
    controller.toggle()
    stored = document.store.load_run()
    assert (stored.item_index, stored.running, stored.elapsed, stored.adjust) == (1, False, 0.0, 0.0)
    controller.toggle()
    clock.advance(10)
    controller.add_minutes(1)
    stored = document.store.load_run()
    assert stored.running and stored.adjust == 60 and stored.elapsed == pytest.approx(10)


def test_ending_the_run_clears_the_stored_state(controller, document):
    controller.end()
    assert document.store.load_run() is None


def test_the_display_wakes_just_after_each_second_boundary(controller, clock):
    clock.advance(0.25)
    controller.add_minutes(1)  # any change reschedules
    assert controller._timer.interval() == math.ceil(750) + WAKE_AFTER_MS
    controller.toggle()
    assert controller._timer.interval() == 1000  # paused: the day's projections still move


def test_chime_sounds_at_amber_and_at_zero_unless_muted(controller, clock, qtbot):
    # Item 1 is 20 minutes: amber at 4:00 left, zero at 20:00.
    assert controller.chime.backend in ("QtMultimedia", "beep")
    clock.advance(16 * 60 - 0.5)
    controller._on_timer()
    assert controller.chime.played == 0
    clock.advance(0.5)
    controller._on_timer()
    assert (controller.run.level, controller.chime.played) == (Level.AMBER, 1)
    clock.advance(3 * 60)
    controller._on_timer()
    assert (controller.run.level, controller.chime.played) == (Level.RED, 1)
    clock.advance(60)
    with qtbot.waitSignal(controller.ticked):
        controller._on_timer()
    assert (controller.run.level, controller.chime.played) == (Level.OVERTIME, 2)
    controller.set_muted(True)
    controller.next()
    clock.advance(35 * 60)
    controller._on_timer()
    assert controller.chime.played == 2


def test_mute_is_remembered_in_the_project(controller, document, clock):
    controller.set_muted(True)
    controller.end()
    again = RunController(document, clock=clock)
    assert again.chime.muted
    again.end()


def test_editing_the_agenda_mid_run_keeps_the_item_and_stores_it(controller, document, clock):
    controller.jump(2)
    first = document.project.agenda[0]
    document.apply(Reorder("agenda", first.id, index=len(document.project.agenda) - 1))
    assert document.project.agenda[-1] is first
    assert controller.run.index == 1
    assert document.store.load_run().item_index == 1


def test_blackout_and_wall_requests_are_announced(controller, document, qtbot):
    with qtbot.waitSignal(controller.blackout_changed) as blocker:
        controller.toggle_blackout()
    assert blocker.args == [True]
    wall_id = document.project.walls[0].id
    with qtbot.waitSignal(controller.wall_requested) as blocker:
        controller.show_wall(wall_id)
    assert blocker.args == [wall_id]
    with qtbot.waitSignal(controller.wall_requested) as blocker:
        controller.next()  # a new item puts the timer back
    assert blocker.args == [None]
