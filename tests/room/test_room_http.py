"""The room's HTTP contract (docs/room-api.md), route by route and refusal by refusal, without Qt."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from facilitator.room.limits import RoomLimits
from facilitator.room.server import RoomServer

pytestmark = pytest.mark.asyncio

PHONE = "phone-aaaaaaaa"


def note(i: int = 1, text: str = "More benches in the park", **extra) -> dict:
    return {"id": f"note-{i:08d}", "text": text, "phone": PHONE, **extra}


def dot(i: int, target: str, voter: str = PHONE) -> dict:
    return {"id": f"dot-{i:08d}", "voter": voter, "target": target}


async def test_a_wrong_code_is_404_everywhere(client, room):
    for path in ["/", "/NOPE/", "/NOPE/state", "/NOPE/events", "/AAAA/app.js"]:
        response = await client.get(path)
        assert response.status == 404, path
        assert "room" in (await response.json())["error"]
    response = await client.post("/NOPE/notes", json=note())
    assert response.status == 404


async def test_the_code_is_not_case_sensitive_and_the_bare_code_redirects(client, room):
    response = await client.get(f"/{room.code.lower()}/state")
    assert response.status == 200
    response = await client.get(f"/{room.code}", allow_redirects=False)
    assert response.status == 302 and response.headers["Location"] == f"/{room.code}/"


# -- the page --------------------------------------------------------------------------------------
async def test_the_page_and_its_files_come_only_from_the_page_folder(client, room):
    page = await client.get(f"/{room.code}/")
    assert page.status == 200 and page.content_type == "text/html"
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    script = await client.get(f"/{room.code}/app.js")
    assert script.status == 200 and script.content_type == "text/javascript"
    for name in ["missing.js", "..%2f..%2fpyproject.toml", "%2e%2e%2fserver.py", ".hidden.js", "index.HTML"]:
        response = await client.get(f"/{room.code}/{name}")
        assert response.status == 404, name
    response = await client.get(f"/{room.code}/../../pyproject.toml")
    assert response.status == 404


async def test_no_response_sets_a_cookie(client, room, backend):
    responses = [
        await client.get(f"/{room.code}/"),
        await client.get(f"/{room.code}/state"),
        await client.post(f"/{room.code}/notes", json=note()),
        await client.post(f"/{room.code}/notes", data=b"{bad"),
    ]
    assert all("Set-Cookie" not in r.headers for r in responses)


# -- state -----------------------------------------------------------------------------------------
async def test_state_has_the_item_the_time_the_wall_and_the_vote(client, room):
    state = await (await client.get(f"/{room.code}/state")).json()
    assert state["item"]["title"] == "Ideas" and state["item"]["ends_at"] == 1000.0
    assert state["now"] == 5000.0
    assert state["wall"]["name"] == "Ideas wall"
    assert state["voting"]["dots_per_person"] == 3
    assert state["room"] == {"code": room.code, "locked": False, "note_chars": 280}
    assert "used" not in state["voting"]
    mine = await (await client.get(f"/{room.code}/state", params={"phone": PHONE})).json()
    assert mine["voting"]["used"] == 0


# -- notes -----------------------------------------------------------------------------------------
async def test_a_note_is_201_then_200_for_a_repeat_and_409_for_a_clash(client, room, backend):
    first = await client.post(f"/{room.code}/notes", json=note(1, name="Sam", group="Health"))
    assert first.status == 201 and await first.json() == {"id": "note-00000001"}
    again = await client.post(f"/{room.code}/notes", json=note(1, name="Sam", group="Health"))
    assert again.status == 200
    clash = await client.post(f"/{room.code}/notes", json=note(1, text="something else"))
    assert clash.status == 409
    assert len(backend.notes) == 1
    phone, stored = backend.notes["note-00000001"]
    assert (phone, stored.text, stored.name, stored.group) == (PHONE, "More benches in the park", "Sam", "Health")


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        (b"{not json", 400, "could not be read"),
        (b"[1, 2]", 400, "could not be read"),
        (b"\xff\xfe", 400, "could not be read"),
        (json.dumps({"text": "no id"}).encode(), 400, "id"),
        (json.dumps({"id": "short", "text": "x"}).encode(), 400, "id"),
        (json.dumps({"id": "../../etc/passwd", "text": "x"}).encode(), 400, "id"),
        (json.dumps({"id": "note-00000001", "text": "   "}).encode(), 400, "empty"),
        (json.dumps({"id": "note-00000001", "text": 42}).encode(), 400, "text"),
        (json.dumps({"id": "note-00000001", "text": "x" * 281}).encode(), 400, "280"),
        (json.dumps({"id": "note-00000001", "text": "x", "name": "n" * 61}).encode(), 400, "60"),
        (json.dumps({"id": "note-00000001", "text": "x", "group": "Nowhere"}).encode(), 400, "group"),
        (json.dumps({"id": "note-00000001", "text": "x", "phone": "bad phone"}).encode(), 400, "phone"),
    ],
)
async def test_bad_notes_get_a_4xx_with_one_plain_line(client, room, backend, body, status, words):
    response = await client.post(f"/{room.code}/notes", data=body, headers={"Content-Type": "application/json"})
    assert response.status == status
    error = (await response.json())["error"]
    assert words in error and "\n" not in error
    assert backend.notes == {}


async def test_an_oversize_body_is_413_and_json_is_required(client, room, backend):
    big = json.dumps({"id": "note-00000001", "text": "x" * 5000}).encode()
    response = await client.post(f"/{room.code}/notes", data=big, headers={"Content-Type": "application/json"})
    assert response.status == 413
    form = await client.post(f"/{room.code}/notes", data={"id": "note-00000001", "text": "x"})
    assert form.status == 415
    assert backend.notes == {}


async def test_control_characters_are_dropped_and_text_stays_plain(client, room, backend):
    text = "<b>bold</b>\x00\x1b[31m\nsecond line"
    response = await client.post(f"/{room.code}/notes", json=note(3, text=text))
    assert response.status == 201
    assert backend.notes["note-00000003"][1].text == "<b>bold</b>[31m\nsecond line"


async def test_a_deleted_note_id_is_refused(client, room, backend):
    await client.post(f"/{room.code}/notes", json=note(4))
    backend.delete("note-00000004")
    response = await client.post(f"/{room.code}/notes", json=note(4))
    assert response.status == 409


# -- Origin and Host ------------------------------------------------------------------------------------
async def test_posts_from_another_origin_or_host_are_refused(client, room, backend):
    host = f"{client.host}:{client.port}"
    foreign = await client.post(f"/{room.code}/notes", json=note(5), headers={"Origin": "http://evil.example"})
    assert foreign.status == 403
    rebound = await client.post(f"/{room.code}/notes", json=note(5), headers={"Host": f"evil.example:{client.port}"})
    assert rebound.status == 403
    read = await client.get(f"/{room.code}/state", headers={"Host": "evil.example"})
    assert read.status == 403
    assert backend.notes == {}
    own = await client.post(f"/{room.code}/notes", json=note(5), headers={"Origin": f"http://{host}"})
    assert own.status == 201


# -- rate limits -----------------------------------------------------------------------------------
async def test_one_phone_is_rate_limited_with_429_until_its_bucket_refills(client, room, backend, clock):
    burst = room.limits.phone_burst
    for i in range(burst):
        assert (await client.post(f"/{room.code}/notes", json=note(100 + i))).status == 201
    limited = await client.post(f"/{room.code}/notes", json=note(999))
    assert limited.status == 429
    assert int(limited.headers["Retry-After"]) >= 1
    other = await client.post(f"/{room.code}/notes", json={**note(998), "phone": "phone-bbbbbbbb"})
    assert other.status == 201
    clock.t += 1 / room.limits.phone_rate
    assert (await client.post(f"/{room.code}/notes", json=note(999))).status == 201
    assert len(backend.notes) == burst + 2


async def test_one_address_rotating_phone_ids_is_rate_limited_too(aiohttp_client, backend, clock):
    room = RoomServer(backend, clock=clock, limits=RoomLimits(address_burst=5, address_rate=1.0))
    client = await aiohttp_client(room.app)
    answers = [
        (await client.post(f"/{room.code}/notes", json={**note(i), "phone": f"phone-{i:08d}"})).status for i in range(7)
    ]
    assert answers == [201] * 5 + [429] * 2


# -- dots ------------------------------------------------------------------------------------------
async def test_dots_201_then_repeat_200_then_budget_409(client, room, backend):
    await client.post(f"/{room.code}/notes", json=note(1))
    target = "note-00000001"
    statuses = [(await client.post(f"/{room.code}/dots", json=dot(i, target))).status for i in range(3)]
    assert statuses == [201, 201, 201]
    repeat = await client.post(f"/{room.code}/dots", json=dot(0, target))
    assert repeat.status == 200 and (await repeat.json())["used"] == 3
    spent = await client.post(f"/{room.code}/dots", json=dot(3, target))
    assert spent.status == 409 and "dots" in (await spent.json())["error"]
    other = await client.post(f"/{room.code}/dots", json=dot(4, target, voter="phone-cccccccc"))
    assert other.status == 201
    assert len(backend.dots) == 4


async def test_dots_on_a_missing_or_deleted_note_or_with_no_round_are_refused(client, room, backend):
    await client.post(f"/{room.code}/notes", json=note(1))
    assert (await client.post(f"/{room.code}/dots", json=dot(1, "nothing-here"))).status == 404
    backend.delete("note-00000001")
    assert (await client.post(f"/{room.code}/dots", json=dot(2, "note-00000001"))).status == 409
    await client.post(f"/{room.code}/notes", json=note(2))
    backend.round_open = False
    closed = await client.post(f"/{room.code}/dots", json=dot(3, "note-00000002"))
    assert closed.status == 409 and "vote" in (await closed.json())["error"]
    assert backend.dots == {}


async def test_a_phone_takes_back_its_own_dot_once_and_never_anothers(client, room, backend):
    await client.post(f"/{room.code}/notes", json=note(1))
    target = "note-00000001"
    for i in range(3):
        assert (await client.post(f"/{room.code}/dots", json=dot(i, target))).status == 201
    other = await client.post(f"/{room.code}/dots", json=dot(9, target, voter="phone-cccccccc"))
    assert other.status == 201
    remove = f"/{room.code}/dots/remove"
    taken = await client.post(remove, json={"id": "dot-00000001", "voter": PHONE})
    assert taken.status == 200 and await taken.json() == {"id": "dot-00000001", "removed": True, "used": 2}
    again = await client.post(remove, json={"id": "dot-00000001", "voter": PHONE})  # a retry: no harm
    assert again.status == 200 and (await again.json())["removed"] is False
    theirs = await client.post(remove, json={"id": "dot-00000009", "voter": PHONE})
    assert theirs.status == 403 and "own" in (await theirs.json())["error"]
    nothing = await client.post(remove, json={"id": "dot-00000077", "voter": PHONE})
    assert nothing.status == 404
    assert set(backend.dots) == {"dot-00000000", "dot-00000002", "dot-00000009"}
    # The budget frees up: the phone can place the dot it took back elsewhere.
    assert (await client.post(f"/{room.code}/dots", json=dot(3, target))).status == 201
    backend.round_open = False
    closed = await client.post(remove, json={"id": "dot-00000000", "voter": PHONE})
    assert closed.status == 409 and "vote" in (await closed.json())["error"]


@pytest.mark.parametrize(
    "body", [{"voter": PHONE}, {"id": "dot-00000001"}, {"id": "../x", "voter": PHONE}, {"id": 7, "voter": PHONE}]
)
async def test_malformed_dot_removals_are_400(client, room, backend, body):
    assert (await client.post(f"/{room.code}/dots/remove", json=body)).status == 400


@pytest.mark.parametrize(
    "body",
    [
        {"voter": PHONE, "target": "t"},
        {"id": "dot-00000001", "target": "t"},
        {"id": "dot-00000001", "voter": PHONE},
        {"id": "dot-00000001", "voter": PHONE, "target": "x" * 65},
    ],
)
async def test_malformed_dots_are_400(client, room, backend, body):
    assert (await client.post(f"/{room.code}/dots", json=body)).status == 400


# -- lock --------------------------------------------------------------------------------------------
async def test_a_locked_room_takes_no_new_phones_but_keeps_those_already_in(client, room, backend):
    await client.get(f"/{room.code}/state", params={"phone": PHONE})
    room.locked = True
    late = await client.post(f"/{room.code}/notes", json={**note(1), "phone": "phone-latecomer"})
    assert late.status == 403 and "closed" in (await late.json())["error"]
    assert (await client.post(f"/{room.code}/notes", json=note(2))).status == 201
    assert (await (await client.get(f"/{room.code}/state")).json())["room"]["locked"] is True


# -- live updates -----------------------------------------------------------------------------------
async def read_event(response: aiohttp.ClientResponse) -> dict:
    """The next ``event: state`` from an SSE stream, as JSON."""
    event, data = None, None
    while True:
        line = (await asyncio.wait_for(response.content.readline(), 5)).decode().rstrip("\n")
        if line.startswith("event:"):
            event = line.split(":", 1)[1].strip()
        elif line.startswith("data:"):
            data = line.split(":", 1)[1].strip()
        elif line == "" and event == "state" and data:
            return json.loads(data)


async def test_events_stream_the_state_then_each_change(client, room, backend):
    stream = await client.get(f"/{room.code}/events", params={"phone": PHONE})
    assert stream.status == 200 and stream.content_type == "text/event-stream"
    first = await read_event(stream)
    assert first["voting"]["targets"] == []
    assert room.connected_phones == 1
    await client.post(f"/{room.code}/notes", json=note(1))
    await client.post(f"/{room.code}/notes", json=note(2))
    update = await read_event(stream)
    assert [t["id"] for t in update["voting"]["targets"]] == ["note-00000001", "note-00000002"]
    stream.close()


async def test_the_server_listens_on_loopback_and_stops_with_streams_open(backend):
    room = RoomServer(backend, host="127.0.0.1", port=0)
    url = await room.start()
    assert url.startswith("http://127.0.0.1:") and url.endswith(f"/{room.code}/") and room.port > 0
    async with aiohttp.ClientSession() as session:
        stream = await session.get(url + "events")
        await read_event(stream)
        async with session.post(url + "notes", json=note(1)) as response:
            assert response.status == 201
        loop = asyncio.get_running_loop()
        started = loop.time()
        await room.stop()
        assert loop.time() - started < 1.5
        stream.close()
    assert not room.running
    with pytest.raises(aiohttp.ClientConnectionError):
        async with aiohttp.ClientSession() as session, session.get(url + "state"):
            pass
