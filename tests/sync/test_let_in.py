"""A laptop joins with the phones' join URL: it asks, the room's laptop lets it in (or not), then it syncs.

The real room server (host check, limits, the phones' routes) with the laptops' link mounted, on
127.0.0.1, in one process. A phone knows the same URL, so only a laptop that was let in gets a
token for ``<join>/sync``; the token is kept for reconnects while the room stays open.
"""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from facilitator.edits import AddNote, Editor, Update
from facilitator.room.editor_backend import EditorBackend
from facilitator.room.laptops import NOT_LET_IN, LaptopLink
from facilitator.room.server import RoomServer
from facilitator.store import ProjectFile
from facilitator.sync.address import room_url
from facilitator.sync.live import IN_SYNC, LINK_DOWN, REFUSED, WAITING, SyncClient, SyncHub
from tests.sync.test_sync_link import two_files, until


class Room:
    """Ana's room: the phones' server with the laptops' link, as the app and ``serve`` mount it."""

    def __init__(self, editor: Editor) -> None:
        self.link = LaptopLink(lambda key: SyncHub(editor, "Ana", heartbeat=0.5, key=key), name="Ana")
        self.server = RoomServer(EditorBackend(editor, "w1"), host="127.0.0.1", port=0, mounts=[self.link.mount])

    async def start(self) -> str:
        return await self.server.start()

    async def stop(self) -> None:
        await self.server.stop()

    def close(self) -> None:
        self.link.close()


def client_for(editor: Editor, url: str) -> SyncClient:
    return SyncClient(editor, url, "Table 2", retry=(0.05, 0.1), heartbeat=0.5, poll=0.02)


def test_a_laptop_with_the_phones_url_waits_is_let_in_syncs_and_keeps_its_token_across_a_drop(tmp_path):
    a, b = two_files(tmp_path)

    async def run() -> None:
        with ProjectFile.open(a) as pa, ProjectFile.open(b) as pb:
            host, guest = Editor(pa), Editor(pb)
            room = Room(host)
            url = await room.start()  # the phones' join URL, nothing more
            client = client_for(guest, url)
            task = asyncio.ensure_future(client.run())
            await until(lambda: client.state == WAITING)
            assert client.describe() == (
                "Waiting for Ana's room to let this laptop in: the facilitator chooses Let in on the room's laptop."
            )
            [(request, name, _waited)] = room.link.asking()
            assert name == "Table 2" and request == client.request
            guest.apply(AddNote("w1", "from-b", "typed while waiting", x=1, y=1))
            asked = client.asked
            await until(lambda: client.asked >= asked + 3)  # it asks again and again: still one ask, nothing synced
            assert len(room.link.asks) == 1 and room.link.hub is None
            assert host.project.wall_of_note("from-b") is None

            assert room.link.answer(request, True)
            await until(lambda: client.state == IN_SYNC)
            await until(lambda: host.project.wall_of_note("from-b") is not None)  # what it typed while waiting
            host.apply(AddNote("w1", "from-a", "from Ana", x=5, y=5))
            await until(lambda: guest.project.wall_of_note("from-a") is not None)
            assert [n for n, _ago in room.link.laptops()] == ["Table 2"]
            assert room.link.asking() == []

            # the Wi-Fi drops: the laptop keeps its token and comes back without asking again
            token = client.token
            await room.stop()
            await until(lambda: client.state == LINK_DOWN)
            guest.apply(Update("note", "n1", (("text", "edited while apart"),)))
            await room.start()  # the same room: same code, same port, same answers
            await until(lambda: client.state == IN_SYNC)
            await until(lambda: host.project.wall("w1").notes["n1"].text == "edited while apart")
            assert client.token == token and len(room.link.asks) == 1 and room.link.asking() == []
            client.stop()
            await task
            await room.stop()
            room.close()

    asyncio.run(run())


def test_a_refused_laptop_is_told_so_stops_asking_and_never_syncs(tmp_path):
    a, b = two_files(tmp_path)

    async def run() -> None:
        with ProjectFile.open(a) as pa, ProjectFile.open(b) as pb:
            host, guest = Editor(pa), Editor(pb)
            room = Room(host)
            url = await room.start()
            guest.apply(AddNote("w1", "from-b", "should stay here", x=1, y=1))
            client = client_for(guest, url)
            states: list[str] = []
            client.on_state = states.append
            task = asyncio.ensure_future(client.run())
            await until(lambda: client.state == WAITING)
            assert room.link.answer(client.request, False)
            await asyncio.wait_for(task, 10)  # run() ends: no retrying a refusal
            assert client.state == REFUSED and states == [WAITING, REFUSED]
            assert client.describe() == "Ana's room did not let this laptop in. Ask the facilitator, then join again."
            assert not room.link.answer(client.request, True)  # answered once; the console has no row for it now
            assert client.token == "" and room.link.hub is None
            assert host.project.wall_of_note("from-b") is None
            await room.stop()
            room.close()

    asyncio.run(run())


def test_a_phone_cannot_sync_even_when_it_asks_and_the_room_refuses_it(tmp_path):
    a, _b = two_files(tmp_path)

    async def run() -> None:
        with ProjectFile.open(a) as pa:
            host = Editor(pa)
            room = Room(host)
            url = await room.start()
            async with aiohttp.ClientSession() as phone:
                for method in ("GET", "POST"):  # a phone that found the laptops' path: 403 and why
                    async with phone.request(method, url + "sync", json={}) as response:
                        assert response.status == 403
                        assert (await response.json())["error"] == NOT_LET_IN
                async with phone.get(url + "sync?token=made-up-token") as response:
                    assert response.status == 403
                async with phone.post(url + "laptops", json={"request": "short"}) as response:
                    assert response.status == 400
                ask = {"request": "phone-request-0000000001", "name": "Phone\u202e\n7F3A"}
                async with phone.post(url + "laptops", json=ask) as response:
                    assert response.status == 202 and (await response.json())["state"] == "waiting"
                [(request, name, _waited)] = room.link.asking()
                assert name == "Phone 7F3A"  # one plain line on the console, whatever was sent
                room.link.answer(request, False)
                async with phone.post(url + "laptops", json=ask) as response:
                    body = await response.json()
                    assert response.status == 403 and body["error"] == "The room's laptop did not let this laptop in."
                async with phone.get(url + "sync") as response:
                    assert response.status == 403
                # the phones' own routes are as they were
                note = {"id": "note-00000001", "text": "hi", "phone": "phone-7f3a7f3a"}
                async with phone.post(url + "notes", json=note) as response:
                    assert response.status == 201
            assert room.link.hub is None  # nobody synced, so the room never built the laptops' document
            await room.stop()
            room.close()

    asyncio.run(run())


def test_the_laptop_key_link_is_let_in_without_asking_and_a_wrong_key_is_refused(tmp_path):
    a, b = two_files(tmp_path)

    async def run() -> None:
        with ProjectFile.open(a) as pa, ProjectFile.open(b) as pb:
            host, guest = Editor(pa), Editor(pb)
            room = Room(host)
            url = await room.start()
            client = client_for(guest, room.link.laptop_url(url))
            task = asyncio.ensure_future(client.run())
            await until(lambda: client.state == IN_SYNC)
            assert room.link.asks == {}  # pre-approved: nobody was asked
            client.stop()
            await task
            wrong = client_for(guest, url + "?laptop=WRONG1")
            await asyncio.wait_for(wrong.run(), 10)
            assert wrong.state == REFUSED
            assert wrong.describe() == "The laptop key is not this room's: check the link on the room's console."
            await room.stop()
            room.close()

    asyncio.run(run())


def test_headless_rooms_let_every_laptop_in_only_when_told_to(tmp_path):
    a, b = two_files(tmp_path)

    async def run() -> None:
        with ProjectFile.open(a) as pa, ProjectFile.open(b) as pb:
            host, guest = Editor(pa), Editor(pb)
            room = Room(host)
            room.link.let_in_all = True  # serve --let-laptops-in
            url = await room.start()
            client = client_for(guest, url)
            task = asyncio.ensure_future(client.run())
            await until(lambda: client.state == IN_SYNC)
            assert client.state != WAITING and room.link.asking() == []
            client.stop()
            await task
            await room.stop()
            room.close()

    asyncio.run(run())


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("http://192.168.1.20:8765/K3XA9/", "http://192.168.1.20:8765/K3XA9/"),
        ("  192.168.1.20 k3xa9 ", "http://192.168.1.20:8765/K3XA9/"),
        ("192.168.1.20:53211/K3XA9", "http://192.168.1.20:53211/K3XA9/"),
        ("192.168.1.20:53211 K3XA9", "http://192.168.1.20:53211/K3XA9/"),
    ],
)
def test_the_room_address_can_be_typed_as_the_phones_url_or_as_address_and_code(typed, url):
    assert room_url(typed) == url


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("K3XA9", "IP address and room code"), ("192.168.1.20 K3X0A", "is not a room code")],
)
def test_an_address_that_is_not_a_room_says_what_to_type(typed, reason):
    with pytest.raises(ValueError, match=reason):
        room_url(typed)
