"""Drives a run from Qt: wakes the display at each whole second, stores every change, chimes.

The controller owns no time of its own: it asks the :class:`Run` (and its
clock) what to show, and uses one single-shot precise timer aimed just past
the next second boundary. So the display changes on whole seconds, idle CPU
is one wake-up a second, and a late wake-up shows the truth rather than
falling behind.

The run's state and its per-project settings (chime muted, time of day on the
projector) are written the one way every change is: as operations
(``SetRun``, ``SetSetting``) through :meth:`Document.apply`, so they reach the
change log with their origin and every subscriber hears of them. Neither goes
on the document's undo stack: the run keeps its own relative undo
(:meth:`Run.undo`, docs/design/0009-run-item-time.md), and Ctrl+Z in the
console takes back run actions, not edits.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from facilitator.core.clock import Clock, SystemClock
from facilitator.core.run import Level, Run, RunSnapshot, Stage, describe_offset
from facilitator.edits import Notice, SetRun, SetSetting
from facilitator.ui.document import Document
from facilitator.ui.run.audience import AudienceState, state_from_run
from facilitator.ui.run.chime import Chime

log = logging.getLogger(__name__)
# Aim a little past the boundary so the display never wakes just before it.
WAKE_AFTER_MS = 3
MUTED_SETTING = "run.chime_muted"
CLOCK_SETTING = "run.projector_clock"  # "1": the projector shows the time of day too
FLASHES = 6  # a message's attention flash: this many half-second changes


class RunController(QObject):
    """One run of the agenda. Views listen to ``changed`` (state) and ``ticked`` (a new second)."""

    changed = Signal()
    ticked = Signal()
    blackout_changed = Signal(bool)
    wall_requested = Signal(object)  # a wall id, or None to show the timer again
    ended = Signal()

    def __init__(
        self,
        document: Document,
        clock: Clock | None = None,
        snapshot: RunSnapshot | None = None,
        start_at: int = 0,
        persist: bool = True,
        parent: QObject | None = None,
        standby: bool = False,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.clock = clock or SystemClock()
        self.persist = persist
        project = document.project
        if snapshot is not None:
            self.run = Run.restore(project.event, project.agenda, self.clock, snapshot)
        else:
            self.run = Run(project.event, project.agenda, self.clock)
            self.run.start(start_at, standby=standby)
        self.blackout = False
        self.last_effect = ""  # what the last action (or undo) did to the day, for the console
        self.message = ""  # a message to the room, shown big on the projector until dismissed
        self.flash_on = False
        self._flashes_left = 0
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(500)
        self._flash_timer.timeout.connect(self._on_flash)
        settings = document.project.settings
        self.projector_clock = persist and settings.get(CLOCK_SETTING) == "1"
        self.wall_id: str | None = None
        self.chime = Chime(self)
        self.chime.muted = persist and settings.get(MUTED_SETTING) == "1"
        self._level = self.run.level
        self._shown = self.run.shown
        self.ticks = 0
        self._ended = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer)
        document.changed.connect(self._on_document_changed)
        self._store()
        self._schedule()

    # -- time ------------------------------------------------------------------------
    def _schedule(self) -> None:
        delay = self.run.next_change_in()
        # While paused nothing counts down, but the day's projections move: refresh each second.
        ms = 1000 if delay is None else max(1, math.ceil(delay * 1000) + WAKE_AFTER_MS)
        self._timer.start(ms)

    def _on_timer(self) -> None:
        self.ticks += 1
        shown = self.run.shown
        if shown != self._shown:
            self._shown = shown
            self._check_level()
        self.ticked.emit()
        self._schedule()

    def _check_level(self) -> None:
        """Chime once when the item turns amber and once when its time runs out."""
        level = self.run.level
        if level is not self._level:
            if level in (Level.AMBER, Level.OVERTIME) or (level is Level.RED and self._level is Level.NORMAL):
                self.chime.play()
            self._level = level

    # -- controls ------------------------------------------------------------------------
    # Every action goes through _act, which records its effect on the day ("4 min behind -> 16 min
    # behind") so the console can show it, and Ctrl+Z can take it back (Run.undo).
    def toggle(self) -> None:
        self._act(self.run.toggle)

    def start(self) -> None:
        """F5 during a run: carry on if paused (on the standby screen the clicker starts the first item)."""
        if not self.run.running and self.run.stage is Stage.ITEM:
            self._act(self.run.resume)

    def add_minutes(self, minutes: int) -> None:
        self._act(lambda: self.run.add_minutes(minutes))

    def next(self) -> None:
        self._act(self.run.next)

    def previous(self) -> None:
        self._act(self.run.previous)

    def jump(self, index: int) -> None:
        self._act(lambda: self.run.jump(index))

    def reset_item(self) -> None:
        self._act(self.run.reset_item)

    def undo(self) -> None:
        """Ctrl+Z in the console: take back the last run action, and say what it did to the day."""
        where = self._where()
        result = self.run.undo()
        if result is None:
            self.last_effect = "Nothing to undo."
            self.changed.emit()
            return
        self.last_effect = f"Undone: {result.label}. {_effect(result.offset_before, result.offset_after)}"
        self._after_change(new_item=self._where() != where)

    def _act(self, action) -> None:
        where, before, count = self._where(), self.run.behind_seconds(), self.run.actions
        action()
        if self.run.actions == count:
            return  # nothing happened (first item and PageUp, say)
        after = self.run.behind_seconds()
        self.last_effect = f"{self.run.undo_label}. {_effect(before, after)}  Ctrl+Z undoes it."
        self._after_change(new_item=self._where() != where)

    def _where(self) -> tuple[str, str]:
        return (self.run.stage.value, self.run.current_item.id)

    def toggle_blackout(self) -> None:
        self.set_blackout(not self.blackout)

    def set_blackout(self, on: bool) -> None:
        self.blackout = on
        self.blackout_changed.emit(on)
        self.changed.emit()

    def show_wall(self, wall_id: str | None) -> None:
        """Put the current item's linked wall (or the timer, with ``None``) on the projector."""
        self.wall_id = wall_id
        self.wall_requested.emit(wall_id)
        self.changed.emit()

    # -- what the room sees besides the timer -------------------------------------------
    def audience_state(self) -> AudienceState:
        """Exactly what the projector shows now: the audience window and the console's preview both paint it."""
        return state_from_run(
            self.run,
            self.document.project.diamonds,
            self.blackout,
            time_of_day=self.projector_clock,
            message=self.message,
            flash=self.flash_on,
        )

    def show_message(self, text: str, flash: bool = False) -> None:
        """Put ``text`` big on the projector until dismissed; ``flash`` blinks it a few times to catch eyes."""
        self.message = " ".join(text.split())
        self._flashes_left = FLASHES if flash and self.message else 0
        self.flash_on = bool(self._flashes_left)
        if self._flashes_left:
            self._flash_timer.start()
        else:
            self._flash_timer.stop()
        self.changed.emit()

    def dismiss_message(self) -> None:
        self.show_message("")

    def _on_flash(self) -> None:
        self._flashes_left -= 1
        self.flash_on = self._flashes_left > 0 and not self.flash_on
        if self._flashes_left <= 0:
            self._flash_timer.stop()
            self.flash_on = False
        self.changed.emit()

    def set_projector_clock(self, on: bool) -> None:
        """Show the time of day on the projector too (the console always shows it); kept per project."""
        self.projector_clock = on
        if self.persist:
            self.document.apply(SetSetting(CLOCK_SETTING, "1" if on else None))
        self.changed.emit()

    def set_muted(self, muted: bool) -> None:
        self.chime.muted = muted
        if self.persist:
            self.document.apply(SetSetting(MUTED_SETTING, "1" if muted else None))

    def end(self) -> None:
        """Leave run mode: the stored run is cleared so reopening does not offer to resume it."""
        if self._ended:
            return
        self._ended = True
        self._timer.stop()
        self._flash_timer.stop()
        if self.persist:
            self.document.apply(SetRun(None))
        self.document.changed.disconnect(self._on_document_changed)
        self.ended.emit()

    # -- internals ------------------------------------------------------------------------
    def _after_change(self, new_item: bool) -> None:
        if new_item and self.wall_id is not None:
            self.show_wall(None)
        self._shown = self.run.shown
        if new_item:
            self._level = self.run.level
        else:
            self._check_level()
        self._store()
        self.changed.emit()
        self._schedule()

    def _store(self) -> None:
        """Write the run's state through the edit path (a failed write shows the document's banner)."""
        if self.persist:
            self.document.apply(SetRun.of(self.run.snapshot()))

    def _on_document_changed(self, notice: Notice) -> None:
        if notice.touches("agenda") and not self.document.project.agenda:
            self.end()  # every item was deleted: there is nothing left to run
            return
        if notice.touches("agenda", "event"):
            self.run.event = self.document.project.event
            self.run.items = self.document.project.agenda  # the live list, even if the document replaced it
            self._store()
            self.changed.emit()
            self._schedule()


def _effect(before: float, after: float) -> str:
    """ "Day: 4 min behind → 16 min behind", or "Day still on time" when the rounded words do not change."""
    was, now = describe_offset(before), describe_offset(after)
    if was == now:
        return f"Day still {now}."
    return f"Day: {was} → {now}."
