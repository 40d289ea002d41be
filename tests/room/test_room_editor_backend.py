"""The room on the real edit path: phone notes and dots through the Batcher, answered only after commit."""

from __future__ import annotations

import asyncio

import pytest

from facilitator.edits import AddRound, Delete, Editor
from facilitator.room.editor_backend import EditorBackend, voter_of
from facilitator.store import ProjectFile

pytestmark = pytest.mark.asyncio

PHONE = "phone-aaaaaaaa"


@pytest.fixture
def store(demo_file):
    store = ProjectFile.open(demo_file)
    yield store
    store.close()


@pytest.fixture
def editor(store):
    return Editor(store)


@pytest.fixture
def backend(editor):
    """The real backend (this module's tests use it through conftest's ``room`` and ``client``)."""
    return EditorBackend(editor, editor.project.walls[0].id)


def stored_note(path, note_id):
    """The note as the file holds it (read after the room's own connection is closed)."""
    with ProjectFile.open(path, read_only=True) as pf:
        project = pf.load()
    return next((n for w in project.walls for n in w.notes.values() if n.id == note_id), None)


async def test_a_phone_note_is_in_the_file_when_it_is_answered(client, backend, editor, store, demo_file):
    wall = editor.project.walls[0]
    before = len(wall.notes)
    group = editor.project.groups[0].name
    body = {"id": "note-00000001", "text": "Shade over the benches", "name": "Sam", "group": group, "phone": PHONE}
    response = await client.post("/K4QF/notes", json=body)
    assert response.status == 201
    again = await client.post("/K4QF/notes", json=body)
    assert again.status == 200
    assert len(wall.notes) == before + 1 and wall.notes["note-00000001"].source == "phone"
    store.close()  # nothing more is written: what the file holds now is what was committed before the answer
    note = stored_note(demo_file, "note-00000001")
    assert note is not None
    assert (note.text, note.author, note.group, note.source, note.status) == (
        "Shade over the benches",
        "Sam",
        group,
        "phone",
        "shown",
    )


async def test_many_phones_at_once_share_commits(client, backend):
    bodies = [{"id": f"note-{i:08d}", "text": f"idea {i}", "phone": f"phone-{i:08d}"} for i in range(40)]
    answers = await asyncio.gather(*(client.post("/K4QF/notes", json=b) for b in bodies))
    assert [a.status for a in answers] == [201] * 40
    assert backend.batcher.batches < 40


async def test_hold_and_hide_modes_keep_phone_notes_off_the_wall(client, backend, editor):
    notes = editor.project.wall(backend.wall_id).notes
    backend.hold = True
    await client.post("/K4QF/notes", json={"id": "note-00000001", "text": "held one", "phone": PHONE})
    assert notes["note-00000001"].status == "held"
    assert backend.waiting() == 1
    backend.hold, backend.hide = False, True
    await client.post("/K4QF/notes", json={"id": "note-00000002", "text": "hidden one", "phone": PHONE})
    assert notes["note-00000002"].status == "hidden"
    backend.hide = False
    backend.round_id = "r-test"
    backend.editor.apply(AddRound(backend.wall_id, "r-test", "Phones", 3))
    state = await (await client.get("/K4QF/state")).json()
    assert {"note-00000001", "note-00000002"}.isdisjoint({t["id"] for t in state["voting"]["targets"]})
    refused = await client.post("/K4QF/dots", json={"id": "dot-00000001", "voter": PHONE, "target": "note-00000001"})
    assert refused.status == 404


async def test_dots_keep_the_budget_and_refuse_gone_notes(client, backend, editor):
    wall = editor.project.walls[0]
    no_round = await client.post("/K4QF/dots", json={"id": "dot-00000000", "voter": PHONE, "target": "x" * 8})
    assert no_round.status == 409
    editor.apply(AddRound(wall.id, "r-phones", "Phones", 2))
    backend.round_id = "r-phones"
    target = next(n.id for n in wall.notes.values() if n.status == "shown" and n.cluster_id is None)
    statuses = []
    for i in range(3):
        r = await client.post("/K4QF/dots", json={"id": f"dot-{i:08d}", "voter": PHONE, "target": target})
        statuses.append(r.status)
    assert statuses == [201, 201, 409]
    repeat = await client.post("/K4QF/dots", json={"id": "dot-00000000", "voter": PHONE, "target": target})
    assert repeat.status == 200
    assert wall.round("r-phones").dots_of(voter_of(PHONE)) == 2
    state = await (await client.get("/K4QF/state", params={"phone": PHONE})).json()
    assert state["voting"]["used"] == 2 and state["voting"]["dots_per_person"] == 2
    other = "phone-bbbbbbbb"
    editor.apply(Delete("note", (target,)))
    gone = await client.post("/K4QF/dots", json={"id": "dot-00000009", "voter": other, "target": target})
    assert gone.status == 409
    missing = await client.post("/K4QF/dots", json={"id": "dot-00000010", "voter": other, "target": "nothing-here"})
    assert missing.status == 404


async def test_a_phone_takes_back_its_own_dot_on_the_edit_path(client, backend, editor, store, demo_file):
    wall = editor.project.walls[0]
    editor.apply(AddRound(wall.id, "r-phones", "Phones", 2))
    backend.round_id = "r-phones"
    target = next(n.id for n in wall.notes.values() if n.status == "shown" and n.cluster_id is None)
    for i, voter in enumerate([PHONE, PHONE, "phone-bbbbbbbb"]):
        r = await client.post("/K4QF/dots", json={"id": f"dot-{i:08d}", "voter": voter, "target": target})
        assert r.status == 201
    theirs = await client.post("/K4QF/dots/remove", json={"id": "dot-00000002", "voter": PHONE})
    assert theirs.status == 403
    taken = await client.post("/K4QF/dots/remove", json={"id": "dot-00000000", "voter": PHONE})
    assert taken.status == 200 and (await taken.json())["used"] == 1
    assert (await client.post("/K4QF/dots/remove", json={"id": "dot-00000000", "voter": PHONE})).status == 200
    again = await client.post("/K4QF/dots", json={"id": "dot-00000000", "voter": PHONE, "target": target})
    assert again.status == 409  # a dot taken back stays gone; the phone places a new one
    assert (
        await client.post("/K4QF/dots", json={"id": "dot-00000005", "voter": PHONE, "target": target})
    ).status == 201
    store.close()
    with ProjectFile.open(demo_file, read_only=True) as pf:
        stored = pf.load().wall(wall.id).round("r-phones")
    assert set(stored.dots) == {"dot-00000001", "dot-00000002", "dot-00000005"}


async def test_a_group_that_is_not_the_events_is_refused(client):
    r = await client.post("/K4QF/notes", json={"id": "note-00000001", "text": "x", "group": "Nowhere"})
    assert r.status == 400


async def test_edits_from_elsewhere_reach_the_phones(client, backend, editor):
    calls = []
    unsubscribe = backend.subscribe(lambda: calls.append(1))
    editor.apply(AddRound(backend.wall_id, "r-new", "New", 3))
    assert calls
    unsubscribe()


async def test_a_batch_of_phone_notes_looks_at_the_inbox_once_and_places_them_apart(backend, editor, monkeypatch):
    """A full room's burst must not cost one scan of the wall per note (it did: 600 notes took 12 s)."""
    from facilitator.core import layout
    from facilitator.edits import AddNote, Origin, apply

    looks = []
    real = apply.inbox_occupancy
    monkeypatch.setattr(apply, "inbox_occupancy", lambda project, wall: looks.append(wall.id) or real(project, wall))
    wall = editor.project.wall(backend.wall_id)
    submits = [
        backend.batcher.submit(AddNote(wall.id, f"b-{i:06d}", f"idea {i}", source="phone"), Origin("phone", f"p{i}"))
        for i in range(300)
    ]
    await asyncio.gather(*submits)
    assert looks == [wall.id]
    rects = [layout.note_rect(n) for n in wall.notes.values() if n.id.startswith("b-")]
    cells = {(r.x, r.y) for r in rects}
    assert len(cells) == 300
    others = [layout.note_rect(n) for n in wall.notes.values() if not n.id.startswith("b-")]
    assert not any(a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom for a in rects for b in others)
