"""The room link in one process: the laptop key, who is here, a dropped link shown and healed."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import aiohttp
from aiohttp import web

from facilitator.core.project import Project
from facilitator.core.wall import Note, Wall
from facilitator.edits import AddNote, AddPhoto, Editor, Update
from facilitator.store import ProjectFile
from facilitator.sync.live import IN_SYNC, LINK_DOWN, SyncClient, SyncHub

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))


def two_files(tmp_path: Path) -> tuple[Path, Path]:
    wall = Wall("Ideas", id="w1")
    wall.add_note(Note("first", id="n1", x=0, y=0))
    a = tmp_path / "a.facil"
    ProjectFile.create(a, Project(walls=[wall])).close()
    b = tmp_path / "b.facil"
    shutil.copy(a, b)
    for path, replica in ((a, "aaaa"), (b, "bbbb")):
        with ProjectFile.open(path) as pf:
            pf.set_setting("replica", replica)
    return a, b


async def until(check, timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.01)


class Room:
    def __init__(self, editor: Editor, port: int = 0) -> None:
        self.hub = SyncHub(editor, "Ana", heartbeat=0.5, key="KEY123")
        self.port = port

    async def start(self) -> str:
        app = web.Application()
        self.hub.mount(app, "/ROOM")
        self.runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=0.2)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port, reuse_address=True).start()
        self.port = self.runner.addresses[0][1]
        return self.hub.laptop_url(f"http://127.0.0.1:{self.port}/ROOM/")

    async def stop(self) -> None:
        await self.runner.cleanup()


def test_phones_without_the_laptop_key_are_turned_away(tmp_path):
    a, _b = two_files(tmp_path)

    async def run() -> None:
        with ProjectFile.open(a) as pf:
            room = Room(Editor(pf))
            url = await room.start()
            assert url.endswith("/ROOM/?laptop=KEY123")
            async with aiohttp.ClientSession() as session:
                for query in ("", "?laptop=WRONG"):
                    async with session.get(f"http://127.0.0.1:{room.port}/ROOM/sync{query}") as response:
                        assert response.status == 403
            await room.stop()
            room.hub.close()

    asyncio.run(run())


def test_a_joined_laptop_shows_whose_room_and_the_room_lists_it_then_a_drop_is_shown_and_healed(tmp_path):
    a, b = two_files(tmp_path)

    async def run() -> None:
        with ProjectFile.open(a) as pa, ProjectFile.open(b) as pb:
            host, guest = Editor(pa), Editor(pb)
            room = Room(host)
            url = await room.start()
            client = SyncClient(guest, url, "Table 2", retry=(0.05, 0.1), heartbeat=0.5)
            states: list[str] = []
            client.on_state = states.append
            task = asyncio.ensure_future(client.run())
            await until(lambda: client.state == IN_SYNC)
            assert client.describe() == "In sync with Ana's room."
            assert [name for name, _ago in room.hub.laptops()] == ["Table 2"]
            host.apply(AddNote("w1", "n2", "from Ana", x=5, y=5))
            await until(lambda: guest.project.wall_of_note("n2") is not None)
            guest.apply(AddPhoto("p1", "w1", PNG, mime="image/png", width=8, height=8))
            await until(lambda: host.project.photo("p1") is not None)
            assert pa.photo_data("p1") == PNG  # a photo travels once, bytes and all
            # the room goes away: the laptop says so, keeps editing, and catches up when it is back
            await room.stop()
            await until(lambda: client.state == LINK_DOWN)
            assert client.describe().startswith("Link to Ana's room lost; trying again.")
            guest.apply(Update("note", "n1", (("text", "edited while apart"),)))
            host.apply(AddNote("w1", "n3", "also while apart", x=9, y=9))
            port = room.port
            room = Room(host, port)
            room.hub.key = "KEY123"
            await room.start()
            await until(lambda: client.state == IN_SYNC and guest.project.wall_of_note("n3") is not None)
            await until(lambda: host.project.wall("w1").notes["n1"].text == "edited while apart")
            assert LINK_DOWN in states and states[-1] == IN_SYNC
            client.stop()
            await task
            await room.stop()
            room.hub.close()

    asyncio.run(run())


def test_receiving_reads_only_the_stamps_of_the_rows_received(tmp_path):
    """The field_stamp table grows with the event: a received note must not make the laptop read all of it."""
    a, b = two_files(tmp_path)

    async def run() -> None:
        with ProjectFile.open(a) as pa, ProjectFile.open(b) as pb:
            host, guest = Editor(pa), Editor(pb)
            for i in range(30):
                guest.apply(Update("note", "n1", (("text", f"stamped {i}"),)))
                guest.apply(AddNote("w1", f"own{i}", f"the guest's {i}", x=i, y=i))
            room = Room(host)
            client = SyncClient(guest, await room.start(), "Table 2", retry=(0.05,), heartbeat=0.5)
            task = asyncio.ensure_future(client.run())
            await until(lambda: client.state == IN_SYNC and not client.mirror.busy)
            asked: list[list[str] | None] = []
            read = pb.field_stamps
            pb.field_stamps = lambda ids=None: asked.append(None if ids is None else list(ids)) or read(ids)
            host.apply(AddNote("w1", "fresh", "from Ana", x=5, y=5))
            await until(lambda: guest.project.wall_of_note("fresh") is not None and not client.mirror.busy)
            assert asked and None not in asked  # never the whole table
            assert {i for ids in asked if ids for i in ids} == {"fresh"}
            client.stop()
            await task
            await room.stop()
            room.hub.close()

    asyncio.run(run())
