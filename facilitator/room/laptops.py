"""The note-takers' laptops' link under the join URL: a laptop asks, the room's laptop lets it in, then it syncs.

A note-taker's laptop joins with the phones' join URL (or its address and code). Knowing that URL
is not enough to write the walls, because every phone in the room knows it too. So a laptop first
asks (``POST <join>/laptops`` with a request id it made, its name and replica), the room's console
shows "Table 2 asks to join this room — Let in / Refuse", and only a laptop that was let in gets a
token of its own for ``<join>/sync``. It keeps the token for reconnects while this room is open; a
reopened room has a new code and new tokens. Headless ``facilitator serve`` has nobody to ask, so it
either lets every laptop in (``--let-laptops-in``) or only those with the laptop key, a pre-approved
link printed on its console and never on the join slide. Contract: docs/room-api.md; why: 0008.

The sync hub (facilitator.sync.live.SyncHub) mirrors every commit into its shared document; a room
of phones alone should not pay for that (150 phones x 10 notes: server CPU 0.47 s without it, 0.72 s
with it). So the hub is made on the first sync request that is let through. Each link starts from
the file anyway, so a hub made late misses nothing.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from facilitator.room.code import new_room_code

LAPTOP_KEY = "laptop"  # the query parameter of the pre-approved link, as facilitator.sync.live reads it
TOKEN = "token"  # the query parameter a let-in laptop syncs with
REQUEST_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
WAITING, LET_IN, REFUSED = "waiting", "let in", "refused"
MAX_WAITING = 20  # asks shown at once; more is someone scripting the room, not note-takers
MAX_ASKS = 200  # remembered per room session (answered ones included), so a reconnect finds its answer
NOT_LET_IN = (
    "Only laptops the room's laptop has let in can sync. "
    "On a laptop, use File > Join a room\u2026 with this address and wait to be let in."
)


@dataclass
class LaptopAsk:
    """One laptop's request to join: what the console shows, and the answer it gets."""

    request: str  # made by the laptop and known only to it and the room: whoever holds it gets the token
    name: str
    replica: str
    asked: float  # monotonic seconds
    state: str = WAITING
    token: str = ""


class LaptopLink:
    """Mounted by the room server; asks, answers and tokens for laptops, then their sync hub."""

    def __init__(
        self,
        make_hub: Callable[[str], Any],
        key: str | None = None,
        name: str = "",
        let_in_all: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.make_hub = make_hub  # key -> SyncHub
        self.key = key or new_room_code(6)
        self.name = name  # the room's laptop, as a waiting laptop sees it ("Waiting for Ana's room…")
        self.let_in_all = let_in_all  # headless serve with --let-laptops-in: every ask is let in at once
        self.clock = clock
        self.hub: Any = None
        self.asks: dict[str, LaptopAsk] = {}
        self._tokens: dict[str, LaptopAsk] = {}
        self.on_change: Callable[[], None] | None = None  # a new ask: the console shows it now, not in a second

    def mount(self, app: web.Application, base: str) -> None:
        app.router.add_post(base + "/laptops", self.ask)
        app.router.add_route("*", base + "/sync", self.handle)

    # -- asking ---------------------------------------------------------------------------------------
    async def ask(self, request: web.Request) -> web.StreamResponse:
        """A laptop asks to join, and asks again (the same request id) until it has an answer."""
        try:
            body = json.loads((await request.read()).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            body = None
        if not isinstance(body, dict):
            return _answer(400, {"error": "That request could not be read."})
        request_id, name, replica = body.get("request"), body.get("name", ""), body.get("replica", "")
        if not isinstance(request_id, str) or not REQUEST_PATTERN.match(request_id):
            return _answer(400, {"error": "The request has no usable id."})
        if not isinstance(name, str) or not isinstance(replica, str):
            return _answer(400, {"error": "The laptop's name must be text."})
        found = self.asks.get(request_id)
        if found is None:
            if not self.let_in_all and len(self.waiting()) >= MAX_WAITING:
                return _answer(503, {"error": "Too many laptops are waiting to be let in. Try again in a minute."})
            found = LaptopAsk(request_id, _clean(name) or "A laptop", replica[:64], self.clock())
            self._remember(found)
            if self.let_in_all:
                self.answer(request_id, True)
            elif self.on_change is not None:
                self.on_change()
        return self._reply(found)

    def _remember(self, ask: LaptopAsk) -> None:
        if len(self.asks) >= MAX_ASKS:  # forget the oldest answered (or, failing that, oldest) ask
            old = next((a for a in self.asks.values() if a.state == REFUSED), next(iter(self.asks.values())))
            self.asks.pop(old.request, None)
            self._tokens.pop(old.token, None)
        self.asks[ask.request] = ask

    def _reply(self, ask: LaptopAsk) -> web.Response:
        if ask.state == LET_IN:
            return _answer(200, {"state": LET_IN, "token": ask.token, "room": self.name})
        if ask.state == REFUSED:
            return _answer(403, {"state": REFUSED, "error": "The room's laptop did not let this laptop in."})
        return _answer(
            202, {"state": WAITING, "room": self.name, "message": "Waiting for the room's laptop to let you in."}
        )

    def waiting(self) -> list[LaptopAsk]:
        """Asks with no answer yet, oldest first (the console's Let in / Refuse rows)."""
        return [a for a in self.asks.values() if a.state == WAITING]

    def asking(self) -> list[tuple[str, str, float]]:
        """For the console: (request id, laptop's name, seconds it has waited)."""
        now = self.clock()
        return [(a.request, a.name, now - a.asked) for a in self.waiting()]

    def answer(self, request_id: str, let_in: bool) -> bool:
        """The facilitator's Let in (True) or Refuse (False); False when there is no such ask waiting."""
        ask = self.asks.get(request_id)
        if ask is None or ask.state != WAITING:
            return False
        if let_in:
            ask.state, ask.token = LET_IN, secrets.token_urlsafe(24)
            self._tokens[ask.token] = ask
        else:
            ask.state = REFUSED
        if self.on_change is not None:
            self.on_change()
        return True

    # -- syncing -------------------------------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.StreamResponse:
        """``<join>/sync``: a WebSocket for a laptop with a token or the key; anyone else a 403 saying why."""
        name: str | None = None
        token = request.query.get(TOKEN, "")
        ask = self._tokens.get(token) if token else None
        if ask is not None and hmac.compare_digest(ask.token.encode(), token.encode()):
            name = ask.name
        elif not hmac.compare_digest(request.query.get(LAPTOP_KEY, "").upper().encode(), self.key.encode()):
            return _answer(403, {"error": NOT_LET_IN})
        if request.method != "GET":
            return _answer(405, {"error": "Laptops sync over a WebSocket (GET)."})
        if self.hub is None:
            self.hub = self.make_hub(self.key)
        return await self.hub.serve(request, name)

    def laptop_url(self, join_url: str) -> str:
        """The pre-approved link (the phones' URL and the laptop key): for the console only, never the slide."""
        return join_url.split("?")[0] + "?" + urllib.parse.urlencode({LAPTOP_KEY: self.key})

    def laptops(self) -> list[tuple[str, float]]:
        return self.hub.laptops() if self.hub is not None else []

    def close(self) -> None:
        if self.hub is not None:
            self.hub.close()
            self.hub = None


def _answer(status: int, body: dict[str, str]) -> web.Response:
    return web.json_response(body, status=status, headers={"Cache-Control": "no-store"})


def _clean(name: str) -> str:
    """A laptop's name as the console shows it: printable, one line, at most 60 characters."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in name).split())[:60]
