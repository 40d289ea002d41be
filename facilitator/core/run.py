"""Running the day: which item is on, how long it has left, and how the day is going.

Everything here is arithmetic on an injected :class:`~facilitator.core.clock.Clock`:
remaining time is ``allowance - elapsed`` where ``elapsed`` is read from the
monotonic clock, never counted from ticks. The display moves on whole-second
boundaries (``shown_seconds``), and the warning colour is decided from the
same shown value so colour and digits change together.

The run is stored as a :class:`RunSnapshot` at every change; after a crash or
a reboot the monotonic clock has a new origin, so :meth:`Run.restore` bridges
the gap with the wall clock (docs/design/0003-run-clock.md).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass

from facilitator.core.agenda import AgendaItem, schedule
from facilitator.core.clock import Clock
from facilitator.core.event import Event


class Level(enum.StrEnum):
    """The countdown's colour state."""

    NORMAL = "normal"
    AMBER = "amber"
    RED = "red"
    OVERTIME = "overtime"


@dataclass(frozen=True)
class Thresholds:
    """Fractions of the item's time left at which the countdown turns amber, then red (SessionLab's 20% / 5%)."""

    amber: float = 0.20
    red: float = 0.05


@dataclass(frozen=True)
class RunSnapshot:
    """What the project file keeps of a run; every time is in seconds.

    ``elapsed`` and ``day_seconds`` are as of ``saved_wall`` (the wall clock
    when stored); ``day_seconds`` counts from the day's planned start, as the
    run sees it (rehearsals on another date are anchored at their first item).
    """

    item_id: str | None
    item_index: int
    elapsed: float
    adjust: float
    running: bool
    day_seconds: float
    saved_wall: float
    started_wall: float


def shown_seconds(remaining: float) -> int:
    """The whole seconds the countdown shows: 15:00 for the first second, 0:00 for the second after zero.

    ``ceil`` gives each value exactly one second of display, so at whole-second
    boundaries nothing is skipped or shown twice, and overtime counts up from
    -1 ("+0:01") one second after the time ran out.
    """
    return math.ceil(round(remaining, 6))


def format_countdown(seconds: int) -> str:
    """``12:05``, ``1:02:03`` for long items, ``+3:10`` in overtime."""
    sign = "+" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def describe_offset(seconds: float) -> str:
    """How the day stands, in the words the console shows: "6 min behind", "2 min ahead", "on time"."""
    minutes = round(seconds / 60)
    if minutes == 0:
        return "on time"
    hours, rest = divmod(abs(minutes), 60)
    amount = f"{hours} h {rest} min" if hours and rest else (f"{hours} h" if hours else f"{rest} min")
    return f"{amount} behind" if minutes > 0 else f"{amount} ahead"


class Run:
    """The state machine of a running agenda.

    ``items`` is the live agenda list: edits made during the run are seen at
    once, and the current item is followed by its id, not its position.
    """

    def __init__(
        self,
        event: Event,
        items: Sequence[AgendaItem],
        clock: Clock,
        thresholds: Thresholds | None = None,
    ) -> None:
        if not items:
            raise ValueError("The agenda is empty: add an item before starting the run.")
        self.event = event
        self.items = items
        self.clock = clock
        self.thresholds = thresholds or Thresholds()
        self._index = 0
        self._item_id: str | None = items[0].id
        self._elapsed_base = 0.0
        self._running_since: float | None = None
        self._adjust = 0.0
        self._day_base = 0.0
        self._day_mono = clock.monotonic()
        self.started_wall = clock.wall()

    # -- starting and restoring ---------------------------------------------------
    def start(self, index: int = 0) -> None:
        """Begin the run at ``index``, running.

        On the event's own date the day is measured against the planned clock
        times, so a late start shows as "behind". On any other date (a
        rehearsal) the day is anchored so that the first item starts on time.
        """
        now_wall = self.clock.wall()
        self.started_wall = now_wall
        self._day_mono = self.clock.monotonic()
        local_now = dt.datetime.fromtimestamp(now_wall)
        if local_now.date() == self.event.date:
            day_start = dt.datetime.combine(self.event.date, self.event.planned_start)
            self._day_base = (local_now - day_start).total_seconds()
        else:
            self._day_base = float(self._slots()[self._clamp(index)].start_minute * 60)
        self._enter(index)
        self._running_since = self.clock.monotonic()

    @classmethod
    def restore(
        cls,
        event: Event,
        items: Sequence[AgendaItem],
        clock: Clock,
        snapshot: RunSnapshot,
        thresholds: Thresholds | None = None,
    ) -> Run:
        """Carry on a stored run: the time since it was stored counts as elapsed (the room kept going).

        The gap is measured on the wall clock because the monotonic clock may
        have restarted (reboot); a wall clock now behind the stored time
        (clock put back) counts as no gap rather than negative time.
        """
        run = cls(event, items, clock, thresholds)
        gap = max(0.0, clock.wall() - snapshot.saved_wall)
        index = next((i for i, it in enumerate(items) if it.id == snapshot.item_id), None)
        run._index = run._clamp(snapshot.item_index if index is None else index)
        run._item_id = items[run._index].id
        run._adjust = snapshot.adjust
        run._elapsed_base = snapshot.elapsed + (gap if snapshot.running else 0.0)
        run._running_since = clock.monotonic() if snapshot.running else None
        run._day_base = snapshot.day_seconds + gap
        run._day_mono = clock.monotonic()
        run.started_wall = snapshot.started_wall
        return run

    def snapshot(self) -> RunSnapshot:
        return RunSnapshot(
            item_id=self.current_item.id,
            item_index=self.index,
            elapsed=self.elapsed,
            adjust=self._adjust,
            running=self.running,
            day_seconds=self.day_seconds,
            saved_wall=self.clock.wall(),
            started_wall=self.started_wall,
        )

    # -- where we are ------------------------------------------------------------------
    @property
    def index(self) -> int:
        """The current item's position, following it by id if the agenda was edited."""
        if 0 <= self._index < len(self.items) and self.items[self._index].id == self._item_id:
            return self._index
        found = next((i for i, it in enumerate(self.items) if it.id == self._item_id), None)
        self._index = self._clamp(self._index if found is None else found)
        self._item_id = self.items[self._index].id
        return self._index

    @property
    def current_item(self) -> AgendaItem:
        return self.items[self.index]

    @property
    def next_item(self) -> AgendaItem | None:
        i = self.index + 1
        return self.items[i] if i < len(self.items) else None

    @property
    def running(self) -> bool:
        return self._running_since is not None

    @property
    def elapsed(self) -> float:
        """Seconds the current item has been running (pauses excluded)."""
        if self._running_since is None:
            return self._elapsed_base
        return self._elapsed_base + (self.clock.monotonic() - self._running_since)

    @property
    def adjustment(self) -> float:
        """Seconds added to (or taken from) the current item with +1 / +5 / -1 minute."""
        return self._adjust

    @property
    def allowance(self) -> float:
        return max(0.0, self.current_item.minutes * 60 + self._adjust)

    @property
    def remaining(self) -> float:
        """Seconds left on the current item; negative in overtime."""
        return self.allowance - self.elapsed

    @property
    def shown(self) -> int:
        return shown_seconds(self.remaining)

    @property
    def display(self) -> str:
        return format_countdown(self.shown)

    @property
    def fraction_left(self) -> float:
        """0..1 for the progress ring; 0 in overtime."""
        allowance = self.allowance
        if allowance <= 0:
            return 0.0
        return min(1.0, max(0.0, self.remaining / allowance))

    @property
    def level(self) -> Level:
        return level_for(self.shown, self.allowance, self.thresholds)

    def next_change_in(self) -> float | None:
        """Seconds until the shown value changes (``None`` while paused): when to wake the display next."""
        if not self.running:
            return None
        remaining = self.remaining
        return remaining - (shown_seconds(remaining) - 1)

    # -- the day -----------------------------------------------------------------------
    @property
    def day_seconds(self) -> float:
        """Seconds since the day's planned start, by the monotonic clock (wall-clock jumps ignored)."""
        return self._day_base + (self.clock.monotonic() - self._day_mono)

    def projected_current_end(self) -> float:
        return self.day_seconds + max(0.0, self.remaining)

    def behind_seconds(self) -> float:
        """Positive when the current item will end after its planned end (the day is behind), negative ahead."""
        slot = self._slots()[self.index]
        return self.projected_current_end() - slot.end_minute * 60

    def projected_starts(self) -> list[float | None]:
        """Each item's projected start, in seconds from the planned day start; ``None`` for items already done."""
        starts: list[float | None] = [None] * len(self.items)
        i = self.index
        starts[i] = self.day_seconds - self.elapsed
        t = self.projected_current_end()
        for j in range(i + 1, len(self.items)):
            starts[j] = t
            t += max(0, self.items[j].minutes) * 60
        return starts

    def projected_day_end(self) -> float:
        t = self.projected_current_end()
        for item in self.items[self.index + 1 :]:
            t += max(0, item.minutes) * 60
        return t

    def clock_time(self, seconds: float) -> dt.datetime:
        """A day offset as a clock time on the event's date."""
        base = dt.datetime.combine(self.event.date, self.event.planned_start)
        return base + dt.timedelta(seconds=round(seconds))

    # -- controls -----------------------------------------------------------------------
    def pause(self) -> None:
        if self._running_since is not None:
            self._elapsed_base = self.elapsed
            self._running_since = None

    def resume(self) -> None:
        if self._running_since is None:
            self._running_since = self.clock.monotonic()

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.resume()

    def add_minutes(self, minutes: int) -> None:
        """+1 / +5 / -1 minute on the current item; never below no time at all."""
        self._adjust = max(self._adjust + minutes * 60, -self.current_item.minutes * 60.0)

    def next(self) -> bool:
        """Move to the next item (it starts now); ``False`` on the last item."""
        if self.index + 1 >= len(self.items):
            return False
        self._enter(self.index + 1)
        return True

    def previous(self) -> bool:
        """Go back one item and start it again; ``False`` on the first."""
        if self.index == 0:
            return False
        self._enter(self.index - 1)
        return True

    def jump(self, index: int) -> None:
        self._enter(index)

    def reset_item(self) -> None:
        """Start the current item again from its full time, adjustments cleared."""
        self._enter(self.index)

    # -- internals -------------------------------------------------------------------------
    def _enter(self, index: int) -> None:
        running = self.running
        self._index = self._clamp(index)
        self._item_id = self.items[self._index].id
        self._elapsed_base = 0.0
        self._adjust = 0.0
        self._running_since = self.clock.monotonic() if running else None

    def _clamp(self, index: int) -> int:
        return min(max(0, index), len(self.items) - 1)

    def _slots(self):
        return schedule(self.event, self.items)


def level_for(shown: int, allowance: float, thresholds: Thresholds) -> Level:
    """The colour for a shown value: decided on whole seconds so colour and digits change together."""
    if shown <= 0:
        return Level.OVERTIME
    if shown <= thresholds.red * allowance:
        return Level.RED
    if shown <= thresholds.amber * allowance:
        return Level.AMBER
    return Level.NORMAL
