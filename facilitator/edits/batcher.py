"""Operations from other origins that arrive close together share one transaction (one fsync).

A phone room can send a note every few milliseconds; a commit with
``synchronous=FULL`` waits for the disk each time. The batcher holds what
arrives within ``window`` seconds of the first operation and commits it all
at once. Each caller's future resolves only after that commit; a refused
operation fails only its own caller, the rest of the batch still commits.
A failed write fails every caller of that batch (nothing of it was kept).

It runs on the asyncio loop of the thread that owns the editor (the qasync
loop in the app); ``schedule`` is injectable so tests move time by hand.

``max_batch`` caps one commit: a commit runs on the GUI thread, and 150
notes in one go hold the wall's frames for 80 ms. What is left over commits
``pause`` seconds later. With no pause it would run on the very next turn
of the loop, queued ahead of the frame that came due meanwhile: the answers
of one slice, the next slice and the wall's update then ran back to back
(a 45-50 ms frame in tests/bench/bench_room_gui.py). A pause of one frame
lets a frame in between slices.

``off_thread`` moves each commit's wait for the disk to the store's commit
thread (``ProjectFile.commit_off_thread``): the model changes and the rows
are written here, and the callers are answered once the COMMIT is in the
file. With ``synchronous=FULL`` that wait was 5-14 ms of a 24-note commit's
10-23 ms on the GUI thread, measured during a full room's burst.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from typing import Any

from facilitator.edits.editor import Editor
from facilitator.edits.notice import Applied, Origin
from facilitator.edits.ops import Operation

Schedule = Callable[[float, Callable[[], None]], Any]
# With ``off_thread``, how soon a flush that found the last commit still running looks again (seconds).
BUSY_RETRY = 0.004


class Batcher:
    def __init__(
        self,
        editor: Editor,
        window: float = 0.05,
        loop: asyncio.AbstractEventLoop | None = None,
        schedule: Schedule | None = None,
        max_batch: int | None = None,
        pause: float = 0.0,
        off_thread: bool = False,
    ) -> None:
        self.editor = editor
        self.window = window
        self.max_batch = max_batch
        self.pause = pause  # seconds between a full slice's commit and the next slice
        self.off_thread = off_thread  # commit on the store's commit thread, answer when it is done
        self._loop = loop
        self._schedule = schedule
        self._pending: list[tuple[Operation, Origin, asyncio.Future[Applied]]] = []
        self._timer: Any = None
        self.batches = 0  # how many commits the batcher has made (for tests and the log)

    def _get_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
        return self._loop

    async def submit(self, op: Operation, origin: Origin) -> Applied:
        """Queue ``op``; resolves with its Applied after the batch commits (Refused for this op alone)."""
        return await self.enqueue(op, origin)

    def enqueue(self, op: Operation, origin: Origin) -> asyncio.Future[Applied]:
        """The future ``submit`` awaits (for callers that are not coroutines)."""
        loop = self._get_loop()
        future: asyncio.Future[Applied] = loop.create_future()
        self._pending.append((op, origin, future))
        if self._timer is None:
            schedule = self._schedule or loop.call_later
            self._timer = schedule(self.window, self.flush)
        return future

    def flush(self) -> None:
        """Commit everything queued now (the timer calls this; closing the project should too).

        With ``off_thread``, a caller that must see it committed calls ``editor.settle()`` before and after.
        """
        self._timer = None
        if not self._pending:
            return
        if self.off_thread and self.editor.committing:
            # The last batch's COMMIT is still waiting for the disk: waiting for it here would hold the
            # GUI thread. Look again in a moment; what arrives meanwhile joins this batch.
            schedule = self._schedule or self._get_loop().call_later
            self._timer = schedule(BUSY_RETRY, self.flush)
            return
        pending, self._pending = self._pending, []
        if self.max_batch is not None and len(pending) > self.max_batch:
            pending, self._pending = pending[: self.max_batch], pending[self.max_batch :]
            schedule = self._schedule or self._get_loop().call_later
            self._timer = schedule(self.pause, self.flush)
        self.batches += 1
        groups = [((op,), origin) for op, origin, _f in pending]
        futures = [future for _op, _origin, future in pending]
        try:
            if self.off_thread:
                commit = self.editor._apply_groups_off_thread(groups, lambda results: _answer(futures, results))
                if commit is not None:
                    loop = self._get_loop()
                    commit.add_done_callback(lambda done: _call_on(loop, lambda: self.editor.settle(done)))
                return
            results = self.editor._apply_groups(groups)
        except BaseException as exc:  # a bug, not a refusal: every caller learns of it
            for future in futures:
                if not future.done():
                    future.set_exception(exc)
            return
        _answer(futures, results)


def _answer(futures: Sequence[asyncio.Future[Applied]], results: Sequence[Applied | BaseException]) -> None:
    for future, result in zip(futures, results, strict=True):
        if future.done():  # the caller gave up waiting
            continue
        if isinstance(result, BaseException):
            future.set_exception(result)
        else:
            future.set_result(result)


def _call_on(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> None:
    """From the commit thread: run ``callback`` on the loop's thread (not at all once the loop has closed)."""
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(callback)
