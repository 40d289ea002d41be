"""Schedule arithmetic: the numbers the editor, the console and the handout all show."""

import datetime as dt

from facilitator.core.agenda import (
    AgendaItem,
    Diamond,
    DiamondSize,
    Phase,
    describe_overrun,
    necklace,
    overrun_minutes,
    schedule,
    total_minutes,
)
from facilitator.core.event import Event


def make_event(start: str = "09:30", end: str = "16:00") -> Event:
    return Event(
        title="Day",
        date=dt.date(2026, 12, 3),
        planned_start=dt.time.fromisoformat(start),
        planned_end=dt.time.fromisoformat(end),
    )


def test_items_run_back_to_back_from_the_planned_start():
    items = [AgendaItem("Welcome", 20), AgendaItem("Map", 35), AgendaItem("Break", 15)]
    slots = schedule(make_event(), items)
    assert [(s.start.strftime("%H:%M"), s.end.strftime("%H:%M")) for s in slots] == [
        ("09:30", "09:50"),
        ("09:50", "10:25"),
        ("10:25", "10:40"),
    ]
    assert [s.start_minute for s in slots] == [0, 20, 55]
    assert slots[-1].end_minute == 70


def test_total_against_planned_end_reports_over_and_spare():
    event = make_event("09:30", "10:30")
    assert overrun_minutes(event, [AgendaItem("a", 50), AgendaItem("b", 25)]) == 15
    assert describe_overrun(15) == "15 min over"
    assert overrun_minutes(event, [AgendaItem("a", 45)]) == -15
    assert describe_overrun(-15) == "15 min spare"
    assert describe_overrun(0) == "on time"
    assert describe_overrun(75) == "1 h 15 min over"
    assert describe_overrun(-120) == "2 h spare"


def test_negative_minutes_never_move_time_backwards():
    items = [AgendaItem("a", 30), AgendaItem("typo", -10), AgendaItem("b", 10)]
    slots = schedule(make_event(), items)
    assert slots[1].start == slots[1].end
    assert slots[2].start_minute == 30
    assert total_minutes(items) == 40


def test_a_day_that_runs_past_midnight_wraps_the_clock():
    slots = schedule(make_event("23:00", "23:59"), [AgendaItem("late", 90)])
    assert slots[0].end == dt.time(0, 30)


def test_demo_event_fills_its_planned_day_exactly(demo_project):
    assert total_minutes(demo_project.agenda) == demo_project.event.planned_minutes == 390
    assert 8 <= len(demo_project.agenda) <= 14


def test_phases_know_which_half_of_the_diamond_they_are_in():
    assert Phase.DISCOVER.diverging and Phase.DEVELOP.diverging
    assert Phase.DEFINE.converging and Phase.DELIVER.converging
    assert not Phase.NONE.diverging and not Phase.NONE.converging


def test_necklace_follows_the_agenda_order_and_keeps_unused_diamonds():
    big = Diamond("Why?", DiamondSize.BIG)
    small = Diamond("Where?")
    unused = Diamond("Later?")
    items = [
        AgendaItem("x", diamond_id=small.id),
        AgendaItem("y", diamond_id=big.id),
        AgendaItem("z", diamond_id=small.id),
    ]
    assert necklace(items, [big, unused, small]) == [small, big, unused]


def test_demo_necklace_has_big_and_small_diamonds(demo_project):
    chain = necklace(demo_project.agenda, demo_project.diamonds)
    sizes = [d.size for d in chain]
    assert sizes.count(DiamondSize.BIG) >= 2
    assert sizes.count(DiamondSize.SMALL) >= 3
