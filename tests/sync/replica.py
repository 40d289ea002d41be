"""One laptop for the live-sync tests: a project file, its edit layer, and a room link, in its own process.

Run: python tests/sync/replica.py PATH (host | join URL) SEED NAME

A host prints ``url <join URL>`` (its room on 127.0.0.1, a free port); a joiner prints ``ready``.
Then it answers one line per command on stdin:

- ``edit K``: K random edits (add, edit, move, recolour, group, delete, dot; each its own commit)
  -> ``edited N`` (how many were committed);
- ``status`` -> ``status STATE BUSY DIGEST`` (sync state, rows waiting to merge, canonical digest);
- ``added`` -> the ids this laptop added and committed, as JSON;
- ``quit`` -> stops cleanly, ``bye``.

Everything runs on one asyncio loop, the pycrdt documents included.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from aiohttp import web

from facilitator.core.rules import Refused
from facilitator.edits import (
    AddCluster,
    AddDot,
    AddNote,
    Delete,
    Editor,
    MoveItems,
    Update,
)
from facilitator.store import ProjectFile
from facilitator.sync.canonical import canonical_text
from facilitator.sync.live import IN_SYNC, SyncClient, SyncHub

COLOURS = ("yellow", "pink", "blue", "green")


class Laptop:
    def __init__(self, editor: Editor, seed: int, tag: str) -> None:
        self.editor = editor
        self.rng = random.Random(seed)
        self.tag = tag
        self.count = 0
        self.added: list[str] = []

    def new_id(self, what: str) -> str:
        self.count += 1
        return f"{self.tag}-{what}{self.count}"

    def one_edit(self) -> bool:
        ed, rng = self.editor, self.rng
        walls = ed.project.walls
        if not walls:
            return False
        wall = rng.choice(walls)
        notes, clusters = sorted(wall.notes), sorted(wall.clusters)
        roll = rng.random()
        added = None
        if roll < 0.3 or not notes:
            added = self.new_id("n")
            op = AddNote(wall.id, added, f"idea {added}", colour=rng.choice(COLOURS), x=rng.uniform(0, 2000), y=0.0)
        elif roll < 0.45:
            op = Update("note", rng.choice(notes), (("text", f"edited by {self.tag} {self.count}"),))
            self.count += 1
        elif roll < 0.57:
            op = MoveItems(wall.id, notes=((rng.choice(notes), rng.uniform(0, 2000), rng.uniform(0, 900)),))
        elif roll < 0.65:
            op = Update("note", rng.choice(notes), (("colour", rng.choice(COLOURS)),))
        elif roll < 0.72:
            if clusters:
                op = Update("note", rng.choice(notes), (("cluster_id", rng.choice(clusters)),))
            else:
                added = self.new_id("c")
                op = AddCluster(wall.id, added, f"group {added}", x=rng.uniform(0, 2000), y=1000.0)
        elif roll < 0.76:
            added = self.new_id("c")
            op = AddCluster(wall.id, added, f"group {added}", x=rng.uniform(0, 2000), y=1000.0)
        elif roll < 0.84:
            op = Delete("note", (rng.choice(notes),))
        elif roll < 0.86 and clusters:
            op = Delete("cluster", (rng.choice(clusters),))
        else:
            if not wall.rounds:
                return False
            added = self.new_id("d")
            op = AddDot(added, wall.rounds[0].id, rng.choice(notes), voter=rng.choice(("ana", "bo", "cy")))
        try:
            applied = ed.apply(op)
        except Refused:
            return False
        if added is not None and applied.changed:
            self.added.append(added)
        return applied.changed


def digest(editor: Editor) -> str:
    text = canonical_text(editor.project, editor.store.photo_data, plan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


async def main() -> int:
    path, role = Path(sys.argv[1]), sys.argv[2]
    rest = sys.argv[3:]
    url = rest.pop(0) if role == "join" else ""
    seed, name = int(rest[0]), rest[1]
    store = ProjectFile.open(path)
    editor = Editor(store)
    laptop = Laptop(editor, seed, name)
    hub: SyncHub | None = None
    client: SyncClient | None = None
    runner: web.AppRunner | None = None
    task = None
    if role == "host":
        hub = SyncHub(editor, name, heartbeat=1.0)
        app = web.Application()
        hub.mount(app, "/ROOM")
        runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=0.5)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        print(f"url {hub.laptop_url(f'http://127.0.0.1:{port}/ROOM/')}", flush=True)
    else:
        client = SyncClient(editor, url, name, retry=(0.05, 0.1, 0.2, 0.3), heartbeat=1.0)
        task = asyncio.ensure_future(client.run())
        print("ready", flush=True)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = (await reader.readline()).decode().strip()
        if not line or line == "quit":
            break
        command, *args = line.split()
        if command == "edit":
            done = sum(laptop.one_edit() for _ in range(int(args[0])))
            print(f"edited {done}", flush=True)
        elif command == "status":
            state = IN_SYNC if hub is not None else client.state  # type: ignore[union-attr]
            mirror = hub.mirror if hub is not None else client.mirror  # type: ignore[union-attr]
            busy = int(mirror.busy)
            print(f"status {state.replace(' ', '_')} {busy} {digest(editor)}", flush=True)
        elif command == "added":
            print(json.dumps(laptop.added), flush=True)
    if client is not None:
        client.stop()
        await task
    if runner is not None:
        await runner.cleanup()
    if hub is not None:
        hub.close()
    store.close()
    print("bye", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
