"""``facilitator serve PATH --join URL``: keep PATH in sync with another laptop's room, without the app.

For a spare laptop and for tests. The first line on stdout is the room joined; each change of the
link's state is one line on stderr ("In sync with Ana's room."). Stops on SIGINT or SIGTERM, after
which the file holds everything received (each merge is its own commit).
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from facilitator.edits import Editor
from facilitator.store import ProjectFile
from facilitator.sync.live import LAPTOP_KEY, SyncClient


def default_name() -> str:
    return socket.gethostname().split(".")[0][:40] or "A laptop"


def check_url(url: str) -> str | None:
    """A reason the URL cannot be a room's laptop link, or None."""
    if not url.startswith(("http://", "https://")):
        return "the room's address starts with http:// (the laptop link on the room's console)."
    if f"{LAPTOP_KEY}=" not in url:
        return f"that is the phones' link: use the laptop link on the room's console (it ends with ?{LAPTOP_KEY}=…)."
    return None


async def join(path: Path, url: str, name: str, until_stopped: Callable[[], Awaitable[None]]) -> int:
    import asyncio

    store = ProjectFile.open(path)
    try:
        editor = Editor(store)
        client = SyncClient(editor, url, name)
        client.on_state = lambda _state: print(client.describe(), file=sys.stderr, flush=True)
        print(url.split("?")[0], flush=True)
        task = asyncio.ensure_future(client.run())
        await until_stopped()
        client.stop()
        await task
        print(f"Left the room. {client.mirror.absorbed} changes received.", file=sys.stderr, flush=True)
        return 0
    finally:
        store.close()
