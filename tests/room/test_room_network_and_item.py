"""Choosing the address phones use, and what they are told about the item on now (no Qt)."""

from __future__ import annotations

import datetime as dt

from facilitator.core.clock import ManualClock
from facilitator.core.run import Run
from facilitator.room.items import item_state
from facilitator.room.network import Address, ranked


def test_the_wifi_address_comes_first_and_loopback_and_virtual_ones_last():
    addresses = [
        Address("lo", "Loopback", "127.0.0.1", "loopback"),
        Address("docker0", "docker0", "172.17.0.1", "ethernet"),
        Address("eth0", "Ethernet", "10.1.2.3", "ethernet"),
        Address("wlan0", "Wi-Fi", "192.168.1.20", "wifi"),
        Address("wlan0", "Wi-Fi", "fe80::1", "wifi"),
        Address("eth1", "Ethernet 2", "169.254.3.4", "ethernet"),
        Address("wlan1", "Wi-Fi 2", "192.168.5.5", "wifi", up=False),
    ]
    order = [a.ip for a in ranked(addresses)]
    assert order[0] == "192.168.1.20"
    assert order[1] == "10.1.2.3"
    assert "fe80::1" not in order  # phones get an IPv4 address only
    assert order[-1] in {"127.0.0.1", "192.168.5.5"}
    assert order.index("172.17.0.1") > order.index("10.1.2.3")


def test_the_item_tells_its_end_on_the_laptops_clock_and_its_question(demo_project):
    project = demo_project
    item = next(i for i in project.agenda if i.diamond_id)
    start = dt.datetime.combine(project.event.date, project.event.planned_start)
    clock = ManualClock(monotonic=50.0, wall=start.timestamp())
    run = Run(project.event, project.agenda, clock)
    run.start(project.agenda.index(item))
    clock.advance(60)
    state = item_state(run, project, wall_now=clock.wall())
    assert state["title"] == item.title
    assert state["question"] == project.diamond(item.diamond_id).question
    assert state["running"] is True
    assert state["ends_at"] == clock.wall() + item.minutes * 60 - 60
    run.pause()
    paused = item_state(run, project, wall_now=clock.wall())
    assert paused["ends_at"] is None and paused["remaining"] == item.minutes * 60 - 60
    assert item_state(None, project, wall_now=0.0) is None
