"""The app's side of the room: opens and closes the room server on the qasync loop, and reports on it.

The server itself has no Qt (``facilitator/room``); this object owns it for the window, keeps a
reference to every task it starts (qasync can collect an unreferenced one mid-run), and turns its
numbers into a :class:`~facilitator.room.guidance.RoomStatus` once a second for the console.
"""

from __future__ import annotations

import asyncio
import errno
import gc
import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from facilitator.room.backend import RoomBackend
from facilitator.room.guidance import RoomStatus
from facilitator.room.server import RoomServer
from facilitator.sync.address import DEFAULT_PORT
from facilitator.sync.presence import who_is_here

log = logging.getLogger(__name__)


def describe_listen_error(exc: OSError, host: str, port: int) -> str:
    """Why the room could not open, in words a facilitator can act on."""
    if exc.errno == errno.EADDRINUSE:
        return f"Port {port} is already in use on this laptop. Close the other program, or let Facilitator pick a port."
    if exc.errno in (errno.EADDRNOTAVAIL, errno.EINVAL):
        return f"This laptop no longer has the address {host}. Choose the network again and reopen the room."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"This laptop does not allow listening on port {port}. Let Facilitator pick a port."
    return f"The room could not open on {host}: {exc.strerror or exc}."


class RoomController(QObject):
    """One room at a time. ``status_changed`` carries a RoomStatus; ``failed`` a plain sentence."""

    status_changed = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        backend: RoomBackend,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
        hub_factory: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.clock = clock
        # Makes the laptops' sync hub (facilitator.sync.live.SyncHub) each time the room opens; None: phones only.
        self.hub_factory = hub_factory
        self.hub: Any = None
        self.server: RoomServer | None = None
        self._opened_at = 0.0
        self._tasks: set[asyncio.Task] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)

    # -- opening and closing -------------------------------------------------------------------
    async def open(self, host: str, port: int | None = None) -> str:
        """Listen on ``host`` (the chosen interface's address); a new room code each time. Returns the join URL.

        ``port=None`` tries serve's port first, so a note-taker can join by typing just the address and
        the room code ("192.168.1.20 K3XA9"); when another program holds it, any free port will do (the
        join slide and the Room window show the full address either way).
        """
        await self.close()
        hub = self.hub_factory() if self.hub_factory is not None else None
        mounts = [hub.mount] if hub is not None else []
        tries = [port] if port is not None else [DEFAULT_PORT, 0]
        for attempt in tries:
            server = RoomServer(self.backend, host=host, port=attempt, clock=self.clock, mounts=mounts)
            try:
                url = await server.start()
                break
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE and attempt != tries[-1]:
                    log.info("port %s is taken; the room takes a free one", attempt)
                    continue
                if hub is not None:
                    hub.close()
                message = describe_listen_error(exc, host, attempt)
                log.warning("room did not open: %s", exc)
                self.failed.emit(message)
                raise
        self.server = server
        self.hub = hub
        if hub is not None:
            hub.on_change = self.refresh  # a laptop asking to join shows at once, not at the next tick
        self._opened_at = self.clock()
        # A full garbage collection walks every object of the open project: 45 ms at 5,000 notes, measured
        # landing inside a commit in the middle of a burst (tests/bench/bench_room_gui.py). What is loaded now
        # stays until the project closes anyway, so leave it out of collections while the room is open.
        gc.freeze()
        self._timer.start()
        log.info("room open at %s", url)
        self.refresh()
        return url

    async def close(self) -> None:
        server, self.server = self.server, None
        hub, self.hub = self.hub, None
        self._timer.stop()
        if server is not None:
            gc.unfreeze()
            await server.stop()
            log.info("room closed")
        if hub is not None:
            hub.close()
        self.refresh()

    def request_open(self, host: str, port: int | None = None) -> None:
        """For a button: open without blocking; a failure arrives as ``failed``."""
        self._spawn(self.open(host, port))

    def request_close(self) -> None:
        self._spawn(self.close())

    def _spawn(self, coro) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None and not isinstance(task.exception(), OSError):
            log.error("room task failed", exc_info=task.exception())

    # -- the facilitator's controls ----------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.server is not None

    def answer_laptop(self, request: str, let_in: bool) -> None:
        """The facilitator's Let in or Refuse for a laptop that asked to join with the phones' URL."""
        if self.hub is not None:
            self.hub.answer(request, let_in)
        self.refresh()

    def set_locked(self, locked: bool) -> None:
        if self.server is not None:
            self.server.locked = locked
        self.refresh()

    # -- reporting ---------------------------------------------------------------------------------
    def status(self) -> RoomStatus:
        server = self.server
        if server is None:
            return RoomStatus(open=False)
        return RoomStatus(
            open=True,
            url=server.url,
            code=server.code,
            locked=server.locked,
            connected=server.connected_phones,
            joined=server.phones_seen,
            waiting=self.backend.waiting(),
            seconds_open=self.clock() - self._opened_at,
            laptop_url=self.hub.laptop_url(server.url) if self.hub is not None else "",
            people=tuple(who_is_here(self.hub.laptops() if self.hub is not None else [], server.seen, self.clock())),
            asking=tuple(self.hub.asking()) if self.hub is not None else (),
        )

    def refresh(self) -> None:
        self.status_changed.emit(self.status())
