"""Where the run reads the time: a monotonic clock that counts sleep, and the wall clock.

The run never counts timer ticks: it asks a clock how long has passed, so an
8-hour day does not drift and a late or skipped tick costs nothing. The clock
is injected, so tests move time by hand (``ManualClock``) and the app uses
``SystemClock``. Design record: docs/design/0003-run-clock.md.
"""

from __future__ import annotations

import sys
import time
from typing import Protocol


class Clock(Protocol):
    """Two readings, both in seconds.

    ``monotonic`` never jumps (NTP, time zones and the user changing the
    clock do not move it) and keeps counting while the laptop sleeps, because
    the room kept going. ``wall`` is seconds since the Unix epoch; the run
    uses it only to carry its state across a crash or reboot, when the
    monotonic clock restarts from an unknown origin.
    """

    def monotonic(self) -> float: ...

    def wall(self) -> float: ...


def _boottime_reader():
    """The best suspend-counting monotonic clock this platform offers, and its name.

    Linux: ``CLOCK_BOOTTIME`` (``CLOCK_MONOTONIC`` stops during suspend).
    macOS: ``CLOCK_MONOTONIC``, which Apple documents as counting sleep
    (``time.monotonic`` uses ``mach_absolute_time``, which does not).
    Windows: ``time.monotonic`` (GetTickCount64 before Python 3.13,
    QueryPerformanceCounter from 3.13); both keep counting across sleep.
    """
    if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        boottime = time.CLOCK_BOOTTIME
        return (lambda: time.clock_gettime(boottime)), "CLOCK_BOOTTIME"
    if sys.platform == "darwin" and hasattr(time, "CLOCK_MONOTONIC"):
        mono = time.CLOCK_MONOTONIC
        return (lambda: time.clock_gettime(mono)), "CLOCK_MONOTONIC"
    return time.monotonic, "time.monotonic"


class SystemClock:
    """The real clocks; ``source`` names the monotonic one, for the log and the About box."""

    def __init__(self) -> None:
        self._monotonic, self.source = _boottime_reader()

    def monotonic(self) -> float:
        return self._monotonic()

    def wall(self) -> float:
        return time.time()


class ManualClock:
    """A clock tests move by hand: ``advance`` is time passing (awake or asleep), ``jump_wall`` is the user or
    NTP changing the system clock, ``reboot`` is the monotonic clock starting again from another origin."""

    def __init__(self, monotonic: float = 1000.0, wall: float = 1_796_000_000.0) -> None:
        self._mono = monotonic
        self._wall = wall

    def monotonic(self) -> float:
        return self._mono

    def wall(self) -> float:
        return self._wall

    def advance(self, seconds: float) -> None:
        self._mono += seconds
        self._wall += seconds

    def jump_wall(self, seconds: float) -> None:
        self._wall += seconds

    def reboot(self, monotonic: float = 5.0) -> None:
        self._mono = monotonic
