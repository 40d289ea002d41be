"""The room's backend on the one edit path: phone notes and dots become operations, batched, answered after commit.

Nothing from a phone can touch anything but notes in this wall's inbox and that phone's own dots: the
only operations made here are :class:`AddNote` (``source="phone"``, placed by the core in the inbox),
:class:`AddDot` (``budget=True``, voter ``phone:<id>``, in the round the facilitator opened) and
:class:`RemoveDot` (only a dot of that voter, in that round). Both go
through a :class:`Batcher`, so a burst from a full room shares one transaction, and each phone is
answered only once its own edit is in the file. In the app the Batcher commits on the store's commit
thread (``off_thread``): the wait for the disk is not a frame the wall misses.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from facilitator.core.run import Run
from facilitator.core.wall import Wall
from facilitator.edits import AddDot, AddNote, Batcher, Editor, Notice, Origin, Refused, RemoveDot
from facilitator.room.backend import PhoneDot, PhoneNote, RoomRefused
from facilitator.room.items import item_state
from facilitator.store.errors import ProjectError

# How long the first phone edit waits for others to share its commit. Measured with 150 phones x 10 notes on
# loopback (tests/bench/bench_room.py): 50 ms gave p95 121 ms, 20 ms p95 88 ms and more notes per second (a
# commit here is cheap; the window, not the disk, set the latency). Still one commit per burst, not per note.
BATCH_WINDOW = 0.02
# The most phone edits in one commit. A commit runs on the app's GUI thread: with the wall open at 5,000 notes,
# 150 notes in one commit held the frames for 80 ms; 32 kept a commit near 10-14 ms under load, 24 near 8 ms
# (tests/bench/bench_room_gui.py, paired at load 1.7: worst frame 36-43 -> 28 ms at 100%, 34-37 -> 30-32 ms
# at fit-all, POST p95 unchanged at 131-162 ms).
MAX_BATCH = 24
# Between two slices of a burst, one frame: the wall repaints and the slice's answers go out before the next
# commit (tests/bench/bench_room_gui.py: worst frame 46-51 ms -> 28-33 ms at 100%, 5,000 notes).
SLICE_PAUSE = 0.016
# The most vote targets a phone is sent; a wall of thousands of notes is voted on by cluster.
MAX_TARGETS = 300
TARGET_CHARS = 140
# What a change must touch for the phones' view to move.
RELEVANT = ("event", "group", "agenda", "wall", "note", "cluster", "round", "dot", "run", "diamond")


def voter_of(phone: str) -> str:
    """The dot's voter for a phone: a device, kept apart from people's names typed by a scribe."""
    return f"phone:{phone}"


class EditorBackend:
    """Phones' notes go to ``wall_id``'s inbox; dots go to ``round_id`` while the facilitator has it open.

    ``hold``: notes wait for the facilitator's approval (status "held"). ``hide``: they are kept off the
    projector until revealed (status "hidden"). Both are read when each note arrives, so the console
    can switch them at any moment.
    """

    def __init__(
        self,
        editor: Editor,
        wall_id: str,
        batcher: Batcher | None = None,
        run: Callable[[], Run | None] = lambda: None,
        wall_clock: Callable[[], float] = time.time,
        round_id: str | None = None,
    ) -> None:
        self.editor = editor
        self.wall_id = wall_id
        self.batcher = batcher or Batcher(
            editor, window=BATCH_WINDOW, max_batch=MAX_BATCH, pause=SLICE_PAUSE, off_thread=True
        )
        self.run = run
        self.wall_clock = wall_clock
        self.round_id = round_id
        self.hold = False
        self.hide = False
        self._listeners: list[Callable[[], None]] = []
        self._unsubscribe: Callable[[], None] | None = None

    # -- reading ---------------------------------------------------------------------------------
    @property
    def wall(self) -> Wall:
        return self.editor.project.wall(self.wall_id)

    def _round(self, wall: Wall):
        if self.round_id is None:
            return None
        try:
            return wall.round(self.round_id)
        except KeyError:
            return None

    def public_state(self) -> dict[str, Any]:
        project = self.editor.project
        try:
            wall = self.wall
        except KeyError:  # the wall was deleted while the room is open
            return {"event": {"title": project.event.title}, "item": None, "wall": None, "groups": [], "voting": None}
        return {
            "event": {"title": project.event.title},
            "item": item_state(self.run(), project, self.wall_clock()),
            "wall": {"id": wall.id, "name": wall.name},
            "groups": [g.name for g in project.groups],
            "voting": self._voting(wall),
        }

    def _voting(self, wall: Wall) -> dict[str, Any] | None:
        vote_round = self._round(wall)
        if vote_round is None:
            return None
        targets: list[dict[str, str]] = [
            {"id": c.id, "kind": "cluster", "text": c.title[:TARGET_CHARS]}
            for c in sorted(wall.clusters.values(), key=lambda c: c.title.casefold())
        ]
        for note in wall.notes.values():
            if len(targets) >= MAX_TARGETS:
                break
            if note.cluster_id is None and note.status == "shown":
                targets.append({"id": note.id, "kind": "note", "text": note.text[:TARGET_CHARS]})
        return {
            "round": vote_round.id,
            "name": vote_round.name,
            "dots_per_person": vote_round.dots_per_person,
            "targets": targets,
        }

    def dots_used(self, phone: str) -> int:
        try:
            vote_round = self._round(self.wall)
        except KeyError:
            return 0
        return 0 if vote_round is None else vote_round.dots_of(voter_of(phone))

    def waiting(self) -> int:
        try:
            return sum(1 for n in self.wall.notes.values() if n.status == "held")
        except KeyError:
            return 0

    # -- writing -----------------------------------------------------------------------------------
    async def add_note(self, phone: str, note: PhoneNote) -> bool:
        project = self.editor.project
        if note.group and note.group not in {g.name for g in project.groups}:
            raise RoomRefused("invalid", "There is no such group: choose one from the list.")
        status = "held" if self.hold else "hidden" if self.hide else "shown"
        op = AddNote(
            self.wall_id, note.id, note.text, author=note.name, group=note.group, source="phone", status=status
        )
        try:
            applied = await self.batcher.submit(op, Origin("phone", phone, f"Phone {phone[-4:].upper()}"))
        except Refused as exc:
            if exc.code == "conflict" and self._is_phone_note(note.id):
                # The scribe edited this phone note since; the phone is retrying what it already sent.
                return False
            raise _refusal(exc) from None
        except ProjectError as exc:
            raise RoomRefused("unavailable", "The laptop could not save that. Try again in a moment.") from exc
        return applied.changed

    def _is_phone_note(self, note_id: str) -> bool:
        try:
            existing = self.wall.notes.get(note_id)
        except KeyError:
            return False
        return existing is not None and existing.source == "phone"

    async def add_dot(self, phone: str, dot: PhoneDot) -> bool:
        vote_round = self._round(self.wall)
        if vote_round is None:
            raise RoomRefused("no_round", "No vote is open right now.")
        target = self.wall.notes.get(dot.target)
        if target is not None and target.status != "shown" and dot.id not in vote_round.dots:
            raise RoomRefused("missing", "That note is not on the wall.")  # phones never see held or hidden notes
        op = AddDot(dot.id, vote_round.id, dot.target, voter=voter_of(phone), budget=True)
        try:
            applied = await self.batcher.submit(op, Origin("phone", phone, f"Phone {phone[-4:].upper()}"))
        except Refused as exc:
            raise _refusal(exc) from None
        except ProjectError as exc:
            raise RoomRefused("unavailable", "The laptop could not save that. Try again in a moment.") from exc
        return applied.changed

    async def remove_dot(self, phone: str, dot_id: str) -> bool:
        vote_round = self._round(self.wall)
        if vote_round is None:
            raise RoomRefused("no_round", "No vote is open right now.")
        dot = vote_round.dots.get(dot_id)
        if dot is None:
            if self.editor.project.tombstones.get(dot_id) == "dot":
                return False  # already taken back: the phone is retrying
            raise RoomRefused("missing", "That dot is not in this vote.")
        if dot.voter != voter_of(phone):
            raise RoomRefused("not_yours", "You can only take back your own dots.")
        try:
            applied = await self.batcher.submit(
                RemoveDot(dot_id), Origin("phone", phone, f"Phone {phone[-4:].upper()}")
            )
        except Refused as exc:
            raise _refusal(exc) from None
        except ProjectError as exc:
            raise RoomRefused("unavailable", "The laptop could not save that. Try again in a moment.") from exc
        return applied.changed

    # -- changes -------------------------------------------------------------------------------------
    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        self._listeners.append(callback)
        if self._unsubscribe is None:
            self._unsubscribe = self.editor.subscribe(self._on_notice)

        def unsubscribe() -> None:
            if callback in self._listeners:
                self._listeners.remove(callback)
            if not self._listeners and self._unsubscribe is not None:
                self._unsubscribe()
                self._unsubscribe = None

        return unsubscribe

    def _on_notice(self, notice: Notice) -> None:
        if notice.touches(*RELEVANT):
            self.changed()

    def changed(self) -> None:
        """Tell the phones the state may have moved (also for changes made outside the editor: the run)."""
        for callback in list(self._listeners):
            callback()


def _refusal(exc: Refused) -> RoomRefused:
    """The edit path's refusal as the room's: budget 409, missing 404, deleted/conflict 409, invalid 400."""
    code = exc.code if exc.code in RoomRefused.STATUS else "invalid"
    message = exc.message
    if exc.code == "budget":
        message = "You have used all your dots in this round."
    elif exc.code in ("missing", "deleted"):
        message = "That note is no longer on the wall."
    return RoomRefused(code, message)
