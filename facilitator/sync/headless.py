"""``facilitator serve PATH --join URL``: keep PATH in sync with another laptop's room, without the app.

For a spare laptop and for tests. URL is what the phones use (the join URL, or the room laptop's
address and the room code); the room's laptop is asked to let this one in, or its laptop link
(``?laptop=KEY``) lets it in at once. The first line on stdout is the room joined; each change of
the link's state is one line on stderr ("Waiting for Ana's room to let this laptop in…", "In sync
with Ana's room."). Stops on SIGINT or SIGTERM, or when the room refuses it (exit 1), after which
the file holds everything received (each merge is its own commit).
"""

from __future__ import annotations

import asyncio
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from facilitator.edits import Editor
from facilitator.store import ProjectFile
from facilitator.sync.address import check_url, room_url
from facilitator.sync.live import REFUSED, SyncClient

__all__ = ["check_url", "default_name", "join", "room_url"]


def default_name() -> str:
    return socket.gethostname().split(".")[0][:40] or "A laptop"


async def join(path: Path, url: str, name: str, until_stopped: Callable[[], Awaitable[None]]) -> int:
    store = ProjectFile.open(path)
    try:
        editor = Editor(store)
        client = SyncClient(editor, room_url(url), name)
        client.on_state = lambda _state: print(client.describe(), file=sys.stderr, flush=True)
        print(client.base_url + "/", flush=True)
        task = asyncio.ensure_future(client.run())
        stopped = asyncio.ensure_future(until_stopped())
        await asyncio.wait({task, stopped}, return_when=asyncio.FIRST_COMPLETED)
        client.stop()
        stopped.cancel()
        await task
        print(f"Left the room. {client.mirror.absorbed} changes received.", file=sys.stderr, flush=True)
        return 1 if client.state == REFUSED else 0
    finally:
        store.close()
