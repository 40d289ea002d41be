"""A small in-memory backend, so the HTTP layer is tested on its own (the real one is the edit path)."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from typing import Any

import pytest

from facilitator.room.backend import PhoneDot, PhoneNote, RoomRefused
from facilitator.room.server import RoomServer


class FakeBackend:
    """Keeps the rules the real backend gets from the core: idempotent ids, per-phone budget, no dots on gone notes."""

    def __init__(self) -> None:
        self.notes: dict[str, tuple[str, PhoneNote]] = {}
        self.deleted: set[str] = set()
        self.dots: dict[str, tuple[str, str]] = {}
        self.removed_dots: set[str] = set()
        self.round_open = True
        self.dots_per_person = 3
        self.groups = ["Health", "Sport"]
        self.listeners: list[Callable[[], None]] = []
        self.fail_next: RoomRefused | None = None

    def public_state(self) -> dict[str, Any]:
        voting = None
        if self.round_open:
            targets = [{"id": i, "text": n.text, "kind": "note"} for i, (_p, n) in self.notes.items()]
            voting = {"round": "r1", "name": "Round 1", "dots_per_person": self.dots_per_person, "targets": targets}
        return {
            "event": {"title": "Test event"},
            "item": {"id": "i1", "title": "Ideas", "question": "What would help?", "ends_at": 1000.0, "running": True},
            "wall": {"id": "w1", "name": "Ideas wall"},
            "groups": self.groups,
            "voting": voting,
        }

    def dots_used(self, phone: str) -> int:
        return sum(1 for p, _t in self.dots.values() if p == phone)

    async def add_note(self, phone: str, note: PhoneNote) -> bool:
        await asyncio.sleep(0)
        if self.fail_next is not None:
            exc, self.fail_next = self.fail_next, None
            raise exc
        if note.group and note.group not in self.groups:
            raise RoomRefused("invalid", "There is no such group.")
        if note.id in self.deleted:
            raise RoomRefused("deleted", "That note was deleted.")
        if note.id in self.notes:
            if self.notes[note.id][1] != note:
                raise RoomRefused("conflict", "Another note already has that id.")
            return False
        self.notes[note.id] = (phone, note)
        self._changed()
        return True

    async def add_dot(self, phone: str, dot: PhoneDot) -> bool:
        await asyncio.sleep(0)
        if dot.id in self.dots:
            return False
        if not self.round_open:
            raise RoomRefused("no_round", "No vote is open.")
        if dot.target in self.deleted:
            raise RoomRefused("deleted", "That note was deleted.")
        if dot.target not in self.notes:
            raise RoomRefused("missing", "There is no such note.")
        if self.dots_used(phone) >= self.dots_per_person:
            raise RoomRefused("budget", "You have used all your dots.")
        self.dots[dot.id] = (phone, dot.target)
        self._changed()
        return True

    async def remove_dot(self, phone: str, dot_id: str) -> bool:
        await asyncio.sleep(0)
        if not self.round_open:
            raise RoomRefused("no_round", "No vote is open.")
        if dot_id not in self.dots:
            if dot_id in self.removed_dots:
                return False
            raise RoomRefused("missing", "That dot is not in this vote.")
        if self.dots[dot_id][0] != phone:
            raise RoomRefused("not_yours", "You can only take back your own dots.")
        del self.dots[dot_id]
        self.removed_dots.add(dot_id)
        self._changed()
        return True

    def delete(self, note_id: str) -> None:
        self.notes.pop(note_id)
        self.deleted.add(note_id)
        self._changed()

    def waiting(self) -> int:
        return 0

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        self.listeners.append(callback)
        return lambda: self.listeners.remove(callback)

    def _changed(self) -> None:
        for callback in list(self.listeners):
            callback()


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Clock:
    """Monotonic seconds, moved by hand."""

    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def room(backend: FakeBackend, clock: Clock) -> RoomServer:
    return RoomServer(backend, code="K4QF", clock=clock, wall_clock=lambda: 5000.0)


try:
    import pytest_asyncio
except ImportError:  # the tests that need it are left out (tests/conftest.py says so in the summary)
    pass
else:

    @pytest_asyncio.fixture
    async def client(aiohttp_client, room: RoomServer):
        """A test client on the room's app (pytest-aiohttp's own server, on loopback)."""
        return await aiohttp_client(room.app)

    @pytest_asyncio.fixture
    async def live_room(backend: FakeBackend):
        """The room really listening on 127.0.0.1, on a free port."""
        room = RoomServer(backend, host="127.0.0.1", port=0)
        await room.start()
        yield room
        await room.stop()

    @pytest_asyncio.fixture
    async def browser():
        """Debian's Chromium under Playwright (its own browser download is never used)."""
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            yield browser
            await browser.close()
