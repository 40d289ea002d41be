"""The note-takers' laptops' link under the join URL, made only when the first laptop comes.

The sync hub (facilitator.sync.live.SyncHub) mirrors every commit into its shared document; a room
of phones alone should not pay for that (150 phones x 10 notes: server CPU 0.47 s without it, 0.72 s
with it). So the room mounts this stand-in: it knows the laptop key from the start (the console shows
the link), and makes the real hub on the first request that carries the key. Each link starts from the
file anyway, so a hub made late misses nothing.
"""

from __future__ import annotations

import hmac
import urllib.parse
from collections.abc import Callable
from typing import Any

from aiohttp import web

from facilitator.room.code import new_room_code

LAPTOP_KEY = "laptop"  # the query parameter, as facilitator.sync.live reads it


class LaptopLink:
    def __init__(self, make_hub: Callable[[str], Any], key: str | None = None) -> None:
        self.make_hub = make_hub  # key -> SyncHub
        self.key = key or new_room_code(6)
        self.hub: Any = None

    def mount(self, app: web.Application, base: str) -> None:
        app.router.add_get(base + "/sync", self.handle)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if not hmac.compare_digest(request.query.get(LAPTOP_KEY, "").upper().encode(), self.key.encode()):
            raise web.HTTPForbidden(text="This link is for laptops: use the laptop key shown on the room's console.")
        if self.hub is None:
            self.hub = self.make_hub(self.key)
        return await self.hub.handle(request)

    def laptop_url(self, join_url: str) -> str:
        return join_url.split("?")[0] + "?" + urllib.parse.urlencode({LAPTOP_KEY: self.key})

    def laptops(self) -> list[tuple[str, float]]:
        return self.hub.laptops() if self.hub is not None else []

    def close(self) -> None:
        if self.hub is not None:
            self.hub.close()
            self.hub = None
