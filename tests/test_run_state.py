"""The run's state machine with a hand-moved clock: countdown, controls, colours, the day's pace, crashes."""

from __future__ import annotations

import datetime as dt

import pytest

from facilitator.core.agenda import AgendaItem
from facilitator.core.clock import ManualClock
from facilitator.core.event import Event
from facilitator.core.run import Level, Run, Stage, describe_offset, format_countdown, shown_seconds

EVENT_DATE = dt.date(2026, 12, 3)


def wall_at(hh: int, mm: int, ss: int = 0, date: dt.date = EVENT_DATE) -> float:
    return dt.datetime.combine(date, dt.time(hh, mm, ss)).timestamp()


@pytest.fixture
def event() -> Event:
    return Event(title="Day", date=EVENT_DATE, planned_start=dt.time(9, 30), planned_end=dt.time(11, 0))


@pytest.fixture
def items() -> list[AgendaItem]:
    return [AgendaItem("Welcome", 20), AgendaItem("Mapping", 10), AgendaItem("Break", 15), AgendaItem("Vote", 30)]


def started(event, items, at=(9, 30)) -> tuple[Run, ManualClock]:
    clock = ManualClock(monotonic=500.0, wall=wall_at(*at))
    run = Run(event, items, clock)
    run.start()
    return run, clock


def test_countdown_follows_the_monotonic_clock(event, items):
    run, clock = started(event, items)
    assert run.display == "20:00"
    clock.advance(0.001)
    assert run.display == "20:00"  # each value is shown for a whole second
    clock.advance(0.999)
    assert run.display == "19:59"
    clock.advance(60 * 19 + 58.5)
    assert run.display == "0:01"
    assert run.remaining == pytest.approx(0.5)


def test_every_second_is_shown_once_no_skips_no_doubles():
    shown = [shown_seconds(5 - t / 100) for t in range(0, 801)]
    distinct = list(dict.fromkeys(shown))
    assert distinct == [5, 4, 3, 2, 1, 0, -1, -2, -3]
    counts = [shown.count(v) for v in distinct[1:-1]]
    assert counts == [100] * 7


def test_pause_stops_the_countdown_and_resume_carries_on(event, items):
    run, clock = started(event, items)
    clock.advance(100)
    run.pause()
    clock.advance(600)
    assert run.remaining == pytest.approx(1100)
    assert run.next_change_in() is None
    run.toggle()
    assert run.running
    clock.advance(50)
    assert run.remaining == pytest.approx(1050)


def test_adjustments_add_and_take_minutes_but_never_below_zero(event, items):
    run, clock = started(event, items)
    clock.advance(30)
    run.add_minutes(1)
    run.add_minutes(5)
    assert run.remaining == pytest.approx(26 * 60 - 30)
    run.add_minutes(-1)
    assert run.remaining == pytest.approx(25 * 60 - 30)
    for _ in range(40):
        run.add_minutes(-1)
    assert run.allowance == 0
    assert run.level is Level.OVERTIME
    run.reset_item()
    assert run.remaining == pytest.approx(20 * 60)


def test_overtime_counts_up(event, items):
    run, clock = started(event, items)
    clock.advance(20 * 60)
    assert (run.display, run.level) == ("0:00", Level.OVERTIME)
    clock.advance(1)
    assert run.display == "+0:01"
    clock.advance(3 * 60 + 9)
    assert run.display == "+3:10"
    assert run.fraction_left == 0


def test_warning_thresholds_amber_at_20_percent_red_at_5(event, items):
    run, clock = started(event, items)  # 20 minutes: amber at 4:00 left, red at 1:00 left
    clock.advance(16 * 60 - 1)
    assert (run.display, run.level) == ("4:01", Level.NORMAL)
    clock.advance(0.5)
    assert (run.display, run.level) == ("4:01", Level.NORMAL)
    clock.advance(0.5)
    assert (run.display, run.level) == ("4:00", Level.AMBER)
    clock.advance(2 * 60 + 59)
    assert (run.display, run.level) == ("1:01", Level.AMBER)
    clock.advance(1)
    assert (run.display, run.level) == ("1:00", Level.RED)


def test_next_change_wakes_the_display_at_the_second_boundary(event, items):
    run, clock = started(event, items)
    assert run.next_change_in() == pytest.approx(1.0)
    clock.advance(0.3)
    assert run.next_change_in() == pytest.approx(0.7)
    clock.advance(0.7)
    assert run.next_change_in() == pytest.approx(1.0)


def test_next_previous_jump_keep_each_items_time(event, items):
    run, clock = started(event, items)
    clock.advance(300)
    run.add_minutes(5)
    assert run.next()
    assert (run.index, run.remaining, run.adjustment) == (1, 600, 0)
    assert run.running
    clock.advance(120)
    run.jump(3)
    clock.advance(60)
    assert run.previous()
    # Mapping carries on where it was left (2 of its 10 minutes run), with nothing counted while away.
    assert (run.index, run.remaining) == (2, 900)
    assert run.previous()
    assert (run.index, run.remaining) == (1, 480)
    run.pause()
    assert run.previous()
    # Welcome kept its 5 minutes run and its +5 minutes.
    assert (run.index, run.running, run.remaining, run.adjustment) == (0, False, 20 * 60, 300)
    assert not run.previous()
    run.jump(3)
    assert run.remaining == 30 * 60 - 60
    assert run.next()  # past the last item: the end screen
    assert run.stage is Stage.END
    assert not run.next()
    assert run.previous() and run.stage is Stage.ITEM and run.index == 3


def test_a_stray_clicker_press_costs_no_time(event, items):
    """The issue's case: 12 minutes into a 30-minute item, PageDown then PageUp 6 s later."""
    items[1].minutes = 30
    run, clock = started(event, items)
    clock.advance(20 * 60)
    run.next()
    clock.advance(12 * 60)
    assert run.display == "18:00"
    run.next()
    clock.advance(6)
    run.previous()
    assert run.display == "18:00"  # the 6 s went to the next item, not lost from this one
    assert run.time_of(items[2].id).elapsed == pytest.approx(6)


def test_only_reset_restarts_an_item(event, items):
    run, clock = started(event, items)
    clock.advance(100)
    run.add_minutes(1)
    run.reset_item()
    assert (run.remaining, run.adjustment) == (20 * 60, 0)


def test_undo_of_navigation_gives_the_time_back_to_the_item_left(event, items):
    run, clock = started(event, items)
    clock.advance(12 * 60)
    before = run.behind_seconds()
    run.next()
    clock.advance(6)
    result = run.undo()
    assert result is not None and result.label == "Next item"
    assert run.index == 0 and run.running
    assert run.elapsed == pytest.approx(12 * 60 + 6)  # as if PageDown was never pressed
    assert run.time_of(items[1].id).elapsed == 0
    assert result.offset_after == pytest.approx(before)
    run.jump(2)
    clock.advance(30)
    assert run.undo().label == "Jump to item 3"
    assert run.index == 0 and run.elapsed == pytest.approx(12 * 60 + 36)
    run.jump(1)
    clock.advance(10)
    run.previous()
    clock.advance(5)
    run.undo()  # previous: back to Mapping, the 5 s go to it
    assert run.index == 1 and run.elapsed == pytest.approx(15)


def test_undo_of_every_other_action(event, items):
    run, clock = started(event, items)
    clock.advance(100)
    run.add_minutes(5)
    run.add_minutes(-1)
    assert run.undo().label == "−1 min"
    assert run.adjustment == 300
    assert run.undo().label == "+5 min"
    assert run.adjustment == 0
    run.pause()
    clock.advance(40)
    result = run.undo()
    assert result.label == "Pause"
    assert run.running and run.elapsed == pytest.approx(140)  # the timer ran on, as if never paused
    run.pause()
    clock.advance(20)
    run.resume()
    clock.advance(15)
    assert run.undo().label == "Resume"
    assert not run.running and run.elapsed == pytest.approx(140)
    assert run.undo().label == "Pause"
    assert run.running and run.elapsed == pytest.approx(175)
    run.add_minutes(2)
    clock.advance(25)
    run.reset_item()
    clock.advance(10)
    assert run.elapsed == pytest.approx(10)
    assert run.undo().label == "Reset item"
    assert run.elapsed == pytest.approx(210) and run.adjustment == 120
    assert run.undo().label == "+2 min"
    assert run.undo() is None and not run.can_undo


def test_undo_from_the_end_screen_and_to_standby(event, items):
    clock = ManualClock(monotonic=500.0, wall=wall_at(9, 25))
    run = Run(event, items, clock)
    run.start(standby=True)
    assert run.stage is Stage.STANDBY and not run.running
    clock.advance(300)
    assert run.remaining == 20 * 60  # nothing counts on the standby screen
    run.next()
    assert run.stage is Stage.ITEM and run.running and run.index == 0
    clock.advance(10)
    run.undo()
    assert run.stage is Stage.STANDBY and not run.running and run.elapsed == 0
    run.next()
    run.jump(3)
    clock.advance(20)
    run.next()
    assert run.stage is Stage.END
    clock.advance(30)
    end_headline = run.headline()
    clock.advance(600)
    assert run.headline() == end_headline  # the day has ended: its end time stays put
    run.undo()
    assert run.stage is Stage.ITEM and run.index == 3 and run.elapsed == pytest.approx(650)


def test_the_headline_has_one_projection(event, items):
    run, clock = started(event, items, at=(9, 30))
    # 75 min of items in a 90-min day: 15 min ahead, and it says the same end.
    assert run.headline() == "15 min ahead  ·  ends 10:45"
    clock.advance(20 * 60 + 2 * 3600)  # Welcome runs 2 hours over
    assert run.headline() == "1 h 45 min behind  ·  ends 12:45"
    run.add_minutes(-120)
    assert run.headline() == "1 h 45 min behind  ·  ends 12:45"  # time run stays run


def test_headline_at_two_hours_over_and_thirty_minutes_ahead():
    event = Event(title="Day", date=EVENT_DATE, planned_start=dt.time(9, 0), planned_end=dt.time(16, 0))
    items = [AgendaItem(f"Item {n}", 60) for n in range(7)]
    run, clock = started(event, items, at=(9, 0))
    assert run.headline() == "On time  ·  ends 16:00"
    clock.advance(3 * 3600)  # item 1 ran 3 hours instead of 1
    assert run.headline() == "2 h behind  ·  ends 18:00"
    assert describe_offset(run.behind_seconds()) == "2 h behind"
    run2, clock2 = started(event, items, at=(9, 0))
    clock2.advance(30 * 60)  # item 1 done in 30 min
    run2.next()
    assert run2.headline() == "30 min ahead  ·  ends 15:30"
    # Words and time never disagree at a rounding edge: 29.6 s behind is "on time", ending at the planned minute.
    run3, clock3 = started(event, items, at=(9, 0))
    clock3.advance(3600 + 29.6)
    assert run3.headline() == "On time  ·  ends 16:00"
    clock3.advance(1)
    assert run3.headline() == "1 min behind  ·  ends 16:01"


def test_ahead_behind_and_projected_end(event, items):
    # Started 5 minutes late (09:35) on a day with 15 minutes spare: 10 min ahead of the planned 11:00.
    run, clock = started(event, items, at=(9, 35))
    assert run.behind_seconds() == pytest.approx(-600)
    assert describe_offset(run.behind_seconds()) == "10 min ahead"
    assert run.clock_time(run.projected_day_end()) == dt.datetime(2026, 12, 3, 10, 50)
    # Welcome ran 12 minutes instead of 20.
    clock.advance(12 * 60)
    run.next()
    assert run.behind_seconds() == pytest.approx(-18 * 60)
    starts = run.projected_starts()
    assert starts[0] is None
    assert run.clock_time(starts[1]) == dt.datetime(2026, 12, 3, 9, 47)
    assert run.clock_time(starts[2]) == dt.datetime(2026, 12, 3, 9, 57)
    assert run.clock_time(starts[3]) == dt.datetime(2026, 12, 3, 10, 12)
    # Mapping overruns by 8 minutes: overtime pushes everything after it.
    clock.advance(18 * 60)
    assert run.behind_seconds() == pytest.approx(-10 * 60)
    assert run.clock_time(run.projected_day_end()) == dt.datetime(2026, 12, 3, 10, 50)
    # A pause holds the countdown but not the day.
    run.pause()
    clock.advance(120)
    assert run.behind_seconds() == pytest.approx(-8 * 60)


def test_a_rehearsal_on_another_day_starts_on_time(event, items):
    clock = ManualClock(wall=wall_at(20, 15, date=dt.date(2026, 11, 20)))
    run = Run(event, items, clock)
    run.start(1)
    assert run.index == 1
    assert run.clock_time(run.projected_starts()[1]) == dt.datetime(2026, 12, 3, 9, 50)
    assert run.clock_time(run.projected_day_end()) == dt.datetime(2026, 12, 3, 10, 45)


def test_sleep_counts_as_elapsed(event, items):
    run, clock = started(event, items)
    clock.advance(60)
    clock.advance(25 * 60)  # the lid was closed: CLOCK_BOOTTIME keeps counting
    assert run.display == "+6:00"
    assert run.level is Level.OVERTIME


def test_wall_clock_jumps_are_ignored(event, items):
    run, clock = started(event, items)
    clock.advance(90)
    before = (run.remaining, run.day_seconds, run.behind_seconds())
    clock.jump_wall(3600)  # time zone change
    clock.jump_wall(-7200)  # NTP correction, or the user sets the clock back
    assert (run.remaining, run.day_seconds, run.behind_seconds()) == before


def test_resume_after_a_crash_counts_the_time_the_app_was_down(event, items):
    run, clock = started(event, items)
    clock.advance(300)
    run.next()
    run.add_minutes(1)
    clock.advance(125)
    stored = run.snapshot()
    # The app dies; the laptop reboots (new monotonic origin) and the project is reopened 4 minutes later.
    clock.advance(240)
    clock.reboot(monotonic=12.0)
    resumed = Run.restore(event, items, clock, stored)
    assert resumed.index == 1
    assert resumed.running
    assert resumed.remaining == pytest.approx(11 * 60 - 125 - 240)
    assert resumed.display == "4:55"
    assert resumed.day_seconds == pytest.approx(stored.day_seconds + 240)
    clock.advance(10)
    assert resumed.remaining == pytest.approx(11 * 60 - 125 - 250)


def test_resume_after_a_crash_keeps_every_items_own_time(event, items):
    run, clock = started(event, items)
    clock.advance(300)
    run.add_minutes(2)
    run.next()
    clock.advance(125)
    run.jump(3)
    clock.advance(50)
    stored = run.snapshot()
    clock.advance(240)
    clock.reboot(monotonic=7.0)
    resumed = Run.restore(event, items, clock, stored)
    assert (resumed.index, resumed.elapsed) == (3, pytest.approx(290))
    assert resumed.previous() and resumed.previous()
    assert (resumed.index, resumed.elapsed) == (1, pytest.approx(125))
    assert resumed.previous()
    assert (resumed.elapsed, resumed.adjustment) == (pytest.approx(300), 120)


def test_resume_of_a_paused_run_keeps_its_time(event, items):
    run, clock = started(event, items)
    clock.advance(100)
    run.pause()
    stored = run.snapshot()
    clock.advance(3600)
    resumed = Run.restore(event, items, clock, stored)
    assert not resumed.running
    assert resumed.remaining == pytest.approx(1100)


def test_resume_when_the_clock_was_put_back_counts_no_negative_gap(event, items):
    run, clock = started(event, items)
    clock.advance(100)
    stored = run.snapshot()
    clock.jump_wall(-600)
    resumed = Run.restore(event, items, clock, stored)
    assert resumed.remaining == pytest.approx(1100)


def test_resume_follows_the_item_by_id_when_the_agenda_was_reordered(event, items):
    run, clock = started(event, items)
    run.jump(2)
    stored = run.snapshot()
    items.insert(0, items.pop(2))
    resumed = Run.restore(event, items, clock, stored)
    assert resumed.current_item.title == "Break"
    assert resumed.index == 0


def test_editing_the_agenda_mid_run_keeps_the_current_item(event, items):
    run, _ = started(event, items)
    run.jump(1)
    items.insert(0, AgendaItem("Coffee", 5))
    assert run.current_item.title == "Mapping"
    assert run.index == 2
    del items[2]
    assert run.index < len(items)


def test_an_empty_agenda_cannot_run(event):
    with pytest.raises(ValueError, match="agenda is empty"):
        Run(event, [], ManualClock())


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (59, "0:59"), (754, "12:34"), (3723, "1:02:03"), (-190, "+3:10")]
)
def test_countdown_text(seconds, text):
    assert format_countdown(seconds) == text
