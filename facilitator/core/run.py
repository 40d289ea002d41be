"""Running the day: which item is on, how long it has left, and how the day is going.

Everything here is arithmetic on an injected :class:`~facilitator.core.clock.Clock`:
remaining time is ``allowance - elapsed`` where ``elapsed`` is read from the
monotonic clock, never counted from ticks. The display moves on whole-second
boundaries (``shown_seconds``), and the warning colour is decided from the
same shown value so colour and digits change together.

Each item keeps its own elapsed time and adjustment: leaving an item and
coming back resumes it where it was, so a stray clicker press costs nothing.
Only :meth:`Run.reset_item` restarts an item. Every action is recorded as a
relative step that :meth:`Run.undo` reverses "as if it never happened".

The run is stored as a :class:`RunSnapshot` at every change; after a crash or
a reboot the monotonic clock has a new origin, so :meth:`Run.restore` bridges
the gap with the wall clock (docs/design/0003-run-clock.md, 0009-run-item-time.md).
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

UNDO_DEPTH = 200


class Level(enum.StrEnum):
    """The countdown's colour state."""

    NORMAL = "normal"
    AMBER = "amber"
    RED = "red"
    OVERTIME = "overtime"


class Stage(enum.StrEnum):
    """Where the run is: the standby screen before the first item, an item, or the end screen."""

    STANDBY = "standby"
    ITEM = "item"
    END = "end"


@dataclass(frozen=True)
class Thresholds:
    """Fractions of the item's time left at which the countdown turns amber, then red (SessionLab's 20% / 5%)."""

    amber: float = 0.20
    red: float = 0.05


@dataclass(frozen=True)
class ItemTime:
    """One item's own clock: seconds run (pauses excluded) and minutes added or taken, in seconds."""

    elapsed: float = 0.0
    adjust: float = 0.0


@dataclass(frozen=True)
class RunSnapshot:
    """What the project file keeps of a run; every time is in seconds.

    ``elapsed`` and ``day_seconds`` are as of ``saved_wall`` (the wall clock
    when stored); ``day_seconds`` counts from the day's planned start, as the
    run sees it (rehearsals on another date are anchored at their first item).
    ``times`` holds every item's own time by id (the current one included,
    as of ``saved_wall``); ``stage`` says standby, item or end.
    """

    item_id: str | None
    item_index: int
    elapsed: float
    adjust: float
    running: bool
    day_seconds: float
    saved_wall: float
    started_wall: float
    times: tuple[tuple[str, float, float], ...] = ()
    stage: str = Stage.ITEM.value


@dataclass(frozen=True)
class Projection:
    """The one projection the headline is built from, so its parts cannot contradict each other.

    ``end`` and ``planned_end`` are seconds from the planned day start. The
    offset is rounded to whole minutes once, and both the words ("12 min
    behind") and the clock time ("ends 16:12") come from that rounded value.
    """

    end: float
    planned_end: float

    @property
    def offset_minutes(self) -> int:
        """Positive when the day will end after its planned end (behind), negative when before (ahead)."""
        return round((self.end - self.planned_end) / 60)

    @property
    def end_minutes(self) -> int:
        """The projected end in whole minutes from the planned start, consistent with ``offset_minutes``."""
        return round(self.planned_end / 60) + self.offset_minutes

    @property
    def status(self) -> str:
        """ "On time", "12 min behind", "2 h ahead"."""
        return describe_offset(self.offset_minutes * 60).capitalize()


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


# -- undo steps: each one is relative to the state right after its action ------------------------
@dataclass(frozen=True)
class _Move:
    """Next, previous, jump, start (from standby) and end: undone by moving back, and handing the time
    spent on the item moved to back to the item left."""

    label: str
    from_stage: Stage
    from_id: str | None
    to_id: str | None
    to_elapsed_before: float
    was_running: bool
    from_end_day: float | None = None


@dataclass(frozen=True)
class _Adjust:
    label: str
    item_id: str
    seconds: float


@dataclass(frozen=True)
class _Reset:
    label: str
    item_id: str
    before: ItemTime


@dataclass(frozen=True)
class _Toggle:
    """Pause or resume at ``at`` (day seconds): undone as if the timer had kept its old state."""

    label: str
    item_id: str
    paused: bool
    at: float


_Step = _Move | _Adjust | _Reset | _Toggle


@dataclass(frozen=True)
class UndoResult:
    """What an undo did, for the console: its label and the day's offset before and after (seconds)."""

    label: str
    offset_before: float
    offset_after: float


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
        self.stage = Stage.ITEM
        self._index = 0
        self._item_id: str | None = items[0].id
        self._times: dict[str, ItemTime] = {}
        self._running_since: float | None = None
        self._day_base = 0.0
        self._day_mono = clock.monotonic()
        self._end_day: float | None = None
        self._undo: list[_Step] = []
        self.actions = 0  # counts recorded actions, so a caller can tell whether a control did anything
        self.started_wall = clock.wall()

    # -- starting and restoring ---------------------------------------------------
    def start(self, index: int = 0, standby: bool = False) -> None:
        """Begin the run at ``index``, running (or, with ``standby``, on the standby screen before it).

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
        self._index = self._clamp(index)
        self._item_id = self.items[self._index].id
        if standby:
            self.stage = Stage.STANDBY
            self._running_since = None
        else:
            self.stage = Stage.ITEM
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
        try:
            run.stage = Stage(snapshot.stage)
        except ValueError:
            run.stage = Stage.ITEM
        index = next((i for i, it in enumerate(items) if it.id == snapshot.item_id), None)
        run._index = run._clamp(snapshot.item_index if index is None else index)
        run._item_id = items[run._index].id
        run._times = {item_id: ItemTime(elapsed, adjust) for item_id, elapsed, adjust in snapshot.times}
        running = snapshot.running and run.stage is Stage.ITEM
        current = ItemTime(snapshot.elapsed + (gap if running else 0.0), snapshot.adjust)
        if index is not None:
            run._times[run._item_id] = current
        run._running_since = clock.monotonic() if running else None
        run._day_base = snapshot.day_seconds + gap
        run._day_mono = clock.monotonic()
        if run.stage is Stage.END:
            run._end_day = snapshot.day_seconds
        run.started_wall = snapshot.started_wall
        return run

    def snapshot(self) -> RunSnapshot:
        self._bank()
        current = self.current_item.id
        return RunSnapshot(
            item_id=current,
            item_index=self.index,
            elapsed=self.elapsed,
            adjust=self.adjustment,
            running=self.running,
            day_seconds=self.day_seconds if self._end_day is None else self._end_day,
            saved_wall=self.clock.wall(),
            started_wall=self.started_wall,
            times=tuple(
                (item_id, t.elapsed, t.adjust)
                for item_id, t in sorted(self._times.items())
                if t != ItemTime() and item_id in {it.id for it in self.items}
            ),
            stage=self.stage.value,
        )

    # -- where we are ------------------------------------------------------------------
    @property
    def index(self) -> int:
        """The current item's position, following it by id if the agenda was edited."""
        if 0 <= self._index < len(self.items) and self.items[self._index].id == self._item_id:
            return self._index
        found = next((i for i, it in enumerate(self.items) if it.id == self._item_id), None)
        if found is None:
            self._bank_into(self._item_id)
        self._index = self._clamp(self._index if found is None else found)
        self._item_id = self.items[self._index].id
        return self._index

    @property
    def current_item(self) -> AgendaItem:
        return self.items[self.index]

    @property
    def next_item(self) -> AgendaItem | None:
        if self.stage is Stage.STANDBY:
            return self.current_item
        if self.stage is Stage.END:
            return None
        i = self.index + 1
        return self.items[i] if i < len(self.items) else None

    @property
    def running(self) -> bool:
        return self._running_since is not None

    def time_of(self, item_id: str) -> ItemTime:
        """An item's own clock; the current item's includes the seconds it has been running since."""
        base = self._times.get(item_id, ItemTime())
        if item_id == self._item_id and self._running_since is not None:
            return ItemTime(base.elapsed + (self.clock.monotonic() - self._running_since), base.adjust)
        return base

    @property
    def elapsed(self) -> float:
        """Seconds the current item has run (pauses excluded, earlier visits included)."""
        return self.time_of(self.current_item.id).elapsed

    @property
    def adjustment(self) -> float:
        """Seconds added to (or taken from) the current item with +1 / +5 / -1 minute."""
        return self.time_of(self.current_item.id).adjust

    @property
    def allowance(self) -> float:
        return max(0.0, self.current_item.minutes * 60 + self.adjustment)

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
        if self._end_day is not None:
            return self._end_day
        return self.day_seconds + max(0.0, self.remaining)

    def projected_starts(self) -> list[float | None]:
        """Each item's projected start, in seconds from the planned day start; ``None`` for items already done."""
        starts: list[float | None] = [None] * len(self.items)
        if self.stage is Stage.END:
            return starts
        i = self.index
        starts[i] = self.day_seconds - (0.0 if self.stage is Stage.STANDBY else self.elapsed)
        t = self.projected_current_end()
        for j in range(i + 1, len(self.items)):
            starts[j] = t
            t += self._left_of(self.items[j])
        return starts

    def projected_day_end(self) -> float:
        """When the day ends at this pace: the current item's projected end plus what each later item has left."""
        if self._end_day is not None:
            return self._end_day
        t = self.projected_current_end()
        for item in self.items[self.index + 1 :]:
            t += self._left_of(item)
        return t

    def projection(self) -> Projection:
        """The day's one projection: when it ends at this pace, against the event's planned end."""
        return Projection(end=self.projected_day_end(), planned_end=float(self.event.planned_minutes * 60))

    def behind_seconds(self) -> float:
        """Positive when the day will end after its planned end (behind), negative ahead."""
        p = self.projection()
        return p.end - p.planned_end

    def headline(self) -> str:
        """ "12 min behind · ends 16:12": words and time from the same rounded projection."""
        p = self.projection()
        end = self.clock_time(p.end_minutes * 60)
        verb = "ended" if self.stage is Stage.END else "ends"
        return f"{p.status}  ·  {verb} {end:%H:%M}"

    def clock_time(self, seconds: float) -> dt.datetime:
        """A day offset as a clock time on the event's date."""
        base = dt.datetime.combine(self.event.date, self.event.planned_start)
        return base + dt.timedelta(seconds=round(seconds))

    # -- controls -----------------------------------------------------------------------
    def pause(self) -> None:
        if self._running_since is not None:
            self._bank()
            self._running_since = None
            self._record(_Toggle("Pause", self._item_id or "", paused=True, at=self.day_seconds))

    def resume(self) -> None:
        if self._running_since is None and self.stage is Stage.ITEM:
            self._running_since = self.clock.monotonic()
            self._record(_Toggle("Resume", self._item_id or "", paused=False, at=self.day_seconds))

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.resume()

    def add_minutes(self, minutes: int) -> None:
        """+1 / +5 / -1 minute on the current item; never below no time at all."""
        item = self.current_item
        before = self.time_of(item.id)
        adjust = max(before.adjust + minutes * 60, -item.minutes * 60.0)
        if adjust == before.adjust:
            return
        self._set_adjust(item.id, adjust)
        sign = "+" if minutes > 0 else "−"
        self._record(_Adjust(f"{sign}{abs(minutes)} min", item.id, adjust - before.adjust))

    def next(self) -> bool:
        """Move on: standby starts the first item, the last item leads to the end screen; ``False`` at the end."""
        if self.stage is Stage.STANDBY:
            self._move(self.index, Stage.ITEM, "Start", running=True)
            return True
        if self.stage is Stage.END:
            return False
        if self.index + 1 >= len(self.items):
            self._move(self.index, Stage.END, "End of the day", running=False)
            return True
        self._move(self.index + 1, Stage.ITEM, "Next item")
        return True

    def previous(self) -> bool:
        """Go back one item; it carries on from the time it had. ``False`` on the first (or on standby)."""
        if self.stage is Stage.END:
            self._move(self.index, Stage.ITEM, "Back from the end screen", running=True)
            return True
        if self.stage is Stage.STANDBY or self.index == 0:
            return False
        self._move(self.index - 1, Stage.ITEM, "Previous item")
        return True

    def jump(self, index: int) -> None:
        index = self._clamp(index)
        if self.stage is Stage.ITEM and index == self.index:
            return
        running = True if self.stage is not Stage.ITEM else None
        self._move(index, Stage.ITEM, f"Jump to item {index + 1}", running=running)

    def reset_item(self) -> None:
        """Start the current item again from its full time, adjustments cleared (undoable)."""
        item_id = self.current_item.id
        before = self.time_of(item_id)
        self._bank()
        self._times.pop(item_id, None)
        if self._running_since is not None:
            self._running_since = self.clock.monotonic()
        self._record(_Reset("Reset item", item_id, before))

    # -- undo -------------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    def undo(self) -> UndoResult | None:
        """Reverse the last action as if it never happened; ``None`` when there is nothing to undo."""
        if not self._undo:
            return None
        step = self._undo.pop()
        before = self.behind_seconds()
        self._bank()
        if isinstance(step, _Move):
            self._undo_move(step)
        elif isinstance(step, _Adjust):
            t = self.time_of(step.item_id)
            self._set_adjust(step.item_id, t.adjust - step.seconds)
        elif isinstance(step, _Reset):
            t = self.time_of(step.item_id)  # time run since the reset stays run
            self._times[step.item_id] = ItemTime(step.before.elapsed + t.elapsed, step.before.adjust)
        elif isinstance(step, _Toggle):
            since = max(0.0, self.day_seconds - step.at)
            t = self.time_of(step.item_id)
            if step.paused:  # the timer should have kept running all along
                self._times[step.item_id] = ItemTime(t.elapsed + since, t.adjust)
                self._running_since = self.clock.monotonic()
            else:  # it should have stayed paused
                self._times[step.item_id] = ItemTime(max(0.0, t.elapsed - since), t.adjust)
                self._running_since = None
        return UndoResult(step.label, before, self.behind_seconds())

    def _undo_move(self, step: _Move) -> None:
        spent = 0.0
        if step.to_id is not None and self.stage is not Stage.STANDBY:
            t = self.time_of(step.to_id)
            if self.stage is Stage.END and self._end_day is not None:
                spent = max(0.0, self.day_seconds - self._end_day)  # the end screen's time goes back to the item
            else:
                spent = max(0.0, t.elapsed - step.to_elapsed_before)
            self._times[step.to_id] = ItemTime(step.to_elapsed_before, t.adjust)
        if step.from_id is not None and step.from_stage is Stage.ITEM:
            t = self.time_of(step.from_id)
            self._times[step.from_id] = ItemTime(t.elapsed + spent, t.adjust)
        found = next((i for i, it in enumerate(self.items) if it.id == step.from_id), None)
        if found is not None:
            self._index = found
            self._item_id = step.from_id
        self.stage = step.from_stage
        self._end_day = step.from_end_day if self.stage is Stage.END else None
        running = step.was_running and self.stage is Stage.ITEM
        self._running_since = self.clock.monotonic() if running else None

    # -- internals -------------------------------------------------------------------------
    def _record(self, step: _Step) -> None:
        self._undo.append(step)
        self.actions += 1
        del self._undo[:-UNDO_DEPTH]

    def _bank(self) -> None:
        """Fold the seconds run since the last resume into the current item's own time."""
        if self._running_since is not None and self._item_id is not None:
            self._bank_into(self._item_id)

    def _bank_into(self, item_id: str | None) -> None:
        if self._running_since is None or item_id is None:
            return
        now = self.clock.monotonic()
        t = self._times.get(item_id, ItemTime())
        self._times[item_id] = ItemTime(t.elapsed + (now - self._running_since), t.adjust)
        self._running_since = now

    def _set_adjust(self, item_id: str, adjust: float) -> None:
        t = self._times.get(item_id, ItemTime())
        self._times[item_id] = ItemTime(t.elapsed, adjust)

    def _move(self, index: int, stage: Stage, label: str, running: bool | None = None) -> None:
        """Go to ``index`` at ``stage``; the item left keeps its time, the item entered resumes its own."""
        was_running = self.running
        from_stage, from_id, from_end = self.stage, self._item_id, self._end_day
        self._bank()
        self._index = self._clamp(index)
        self._item_id = self.items[self._index].id
        to_before = self.time_of(self._item_id).elapsed
        self.stage = stage
        keep = was_running if running is None else running
        self._end_day = self.day_seconds if stage is Stage.END else None
        self._running_since = self.clock.monotonic() if keep and stage is Stage.ITEM else None
        self._record(_Move(label, from_stage, from_id, self._item_id, to_before, was_running, from_end))

    def _left_of(self, item: AgendaItem) -> float:
        """What a later item still needs: its minutes plus adjustments, less what it already ran."""
        t = self._times.get(item.id, ItemTime())
        return max(0.0, max(0, item.minutes) * 60 + t.adjust - t.elapsed)

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
