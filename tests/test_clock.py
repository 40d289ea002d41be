"""The clocks the run reads: the real one counts sleep, the manual one moves only when told."""

from __future__ import annotations

import sys
import time

from facilitator.core.clock import ManualClock, SystemClock


def test_system_clock_uses_the_platform_clock_that_counts_suspend():
    clock = SystemClock()
    expected = {"linux": "CLOCK_BOOTTIME", "darwin": "CLOCK_MONOTONIC"}
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    assert clock.source == expected.get(platform, "time.monotonic")
    if clock.source == "CLOCK_BOOTTIME":
        before = time.clock_gettime(time.CLOCK_BOOTTIME)
        reading = clock.monotonic()
        after = time.clock_gettime(time.CLOCK_BOOTTIME)
        assert before <= reading <= after


def test_system_clock_never_goes_backwards():
    clock = SystemClock()
    readings = [clock.monotonic() for _ in range(1000)]
    assert readings == sorted(readings)


def test_system_wall_clock_is_epoch_seconds():
    assert abs(SystemClock().wall() - time.time()) < 5


def test_manual_clock_moves_both_readings_on_advance_and_only_wall_on_jump():
    clock = ManualClock(monotonic=10.0, wall=1000.0)
    clock.advance(2.5)
    assert (clock.monotonic(), clock.wall()) == (12.5, 1002.5)
    clock.jump_wall(-3600)
    assert (clock.monotonic(), clock.wall()) == (12.5, -2597.5)
    clock.reboot(monotonic=1.0)
    assert clock.monotonic() == 1.0
