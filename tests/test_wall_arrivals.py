"""Notes and dots arriving from phones and peers update the open wall item by item, once per commit.

A room of phones commits dozens of notes at a time on the GUI thread; the views must add just those items
(never rebuild the wall or its far layer) and do it once per batch, not once per note.
"""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QCoreApplication, QRectF

from facilitator.edits import AddDot, AddNote, AddRound, Batcher, Origin
from facilitator.ui.wall import create_wall_view

PHONE = Origin("phone", "phone-aaaaaaaa", "Phone AAAA")


class ManualTimers:
    """The batcher's scheduler, fired by the test (no sleeps)."""

    def __init__(self) -> None:
        self.pending: list = []

    def __call__(self, delay: float, callback) -> object:
        self.pending.append(callback)
        return object()

    def fire(self) -> None:
        pending, self.pending = self.pending, []
        for callback in pending:
            callback()


@pytest.fixture
def loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def _open(document, qtbot, wall_id: str, projector: bool = False):
    view = create_wall_view(document, wall_id, None, projector=projector)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    QCoreApplication.processEvents()
    return view


def test_a_batch_of_phone_notes_reaches_the_wall_as_one_update_without_rebuilding_the_far_layer(
    document, qtbot, loop, monkeypatch
) -> None:
    wall = document.project.walls[0]
    laptop = _open(document, qtbot, wall.id)
    projector = _open(document, qtbot, wall.id, projector=True)
    laptop.view.fit_all()
    laptop.view.set_scale(0.05)  # far away: the batched layer paints every note
    assert laptop.scene.far_mode
    rebuilt: list[str] = []
    for view in (laptop, projector):
        monkeypatch.setattr(view.scene, "rebuild", lambda *a, **k: rebuilt.append("scene"))
        monkeypatch.setattr(view.scene.far, "set_notes", lambda *a, **k: rebuilt.append("far layer"))
    updates: list[set[str]] = []
    laptop.sync.applied.connect(lambda changes: updates.append(set(changes.notes)))
    before = laptop.scene.far.note_count()

    timers = ManualTimers()
    batcher = Batcher(document.editor, window=0.02, loop=loop, schedule=timers)
    ids = [f"note-burst{i:03d}" for i in range(40)]
    futures = [batcher.enqueue(AddNote(wall.id, i, f"Idea {i}", source="phone"), PHONE) for i in ids]
    timers.fire()  # one commit of 40 notes: 40 notices
    assert all(f.done() and f.result().changed for f in futures)
    assert updates == []  # not once per note, in the middle of the commit
    QCoreApplication.processEvents()
    assert updates == [set(ids)]  # once, with the whole batch
    for view in (laptop, projector):
        assert set(ids) <= set(view.scene.notes)
        assert all(view.scene.notes[i].note is wall.notes[i] for i in ids)
    assert laptop.scene.far.note_count() == before + 40
    assert rebuilt == []


def test_a_local_edit_after_phone_notes_shows_them_first(document, qtbot) -> None:
    """The facilitator's own edit is never shown before what the phones sent just before it."""
    wall = document.project.walls[0]
    laptop = _open(document, qtbot, wall.id)
    order: list[set[str]] = []
    laptop.sync.applied.connect(lambda changes: order.append(set(changes.notes)))
    document.apply(AddNote(wall.id, "note-phone001", "From a phone", source="phone"), PHONE)
    ids = laptop.editor.capture(["Typed here"])
    assert order == [{"note-phone001"}, set(ids)]
    assert {"note-phone001", *ids} <= set(laptop.scene.notes)


def test_phone_dots_update_the_badges_on_the_next_turn(document, qtbot) -> None:
    wall = document.project.walls[0]
    laptop = _open(document, qtbot, wall.id)
    document.apply(AddRound(wall.id, "r-phones", "Phones", 3))
    target = next(n for n in wall.notes.values() if n.cluster_id is None)
    before = laptop.scene.notes[target.id].dots
    for i in range(3):
        document.apply(AddDot(f"dot-phone{i}", "r-phones", target.id, "phone:a"), PHONE)
    QCoreApplication.processEvents()
    assert laptop.scene.notes[target.id].dots == before + 3


def test_the_room_window_follows_a_burst_of_held_notes_once_and_without_scanning_the_wall(
    document, qtbot, loop, monkeypatch
) -> None:
    from facilitator.ui.room.window import RoomWindow

    window = RoomWindow(document, run=lambda: None)
    qtbot.addWidget(window)
    wall_id = window.backend.wall_id
    scans, shows = [], []
    monkeypatch.setattr(window, "_scan_phone_notes", lambda: scans.append(1))
    original = window._show_waiting
    monkeypatch.setattr(window, "_show_waiting", lambda: (shows.append(1), original()))
    window._waiting_timer.timeout.disconnect()
    window._waiting_timer.timeout.connect(window._show_waiting)

    timers = ManualTimers()
    batcher = Batcher(document.editor, window=0.02, loop=loop, schedule=timers)
    for i in range(30):
        batcher.enqueue(AddNote(wall_id, f"note-held{i:03d}", f"Held {i}", source="phone", status="held"), PHONE)
    timers.fire()
    QCoreApplication.processEvents()
    assert window.waiting.count() == 30 and shows == [1] and scans == []
    assert window.backend.waiting() == 30  # what the console counts
    window.waiting.selectAll()
    window.accept_selected()  # the facilitator's own edit: the list follows at once
    assert window.waiting.count() == 0 and all(
        document.project.wall(wall_id).notes[f"note-held{i:03d}"].status == "shown" for i in range(30)
    )


def test_a_room_filling_the_inbox_does_not_regrow_the_far_layer_after_every_few_notes(
    document, qtbot, loop, monkeypatch
) -> None:
    """A far layer whose bounds change re-renders its whole cache (about 20 ms at fit-all on 5,000 notes):
    notes arriving row by row below the wall must not change the bounds every few rows. Bounds that grow by
    twice what the wall already spans change a handful of times over 30,000 units; fixed 4,000-unit steps
    changed seven times."""
    wall = document.project.walls[0]
    laptop = _open(document, qtbot, wall.id)
    far = laptop.scene.far
    grown: list[int] = []
    monkeypatch.setattr(far, "prepareGeometryChange", lambda: grown.append(1))
    content = far.boundingRect()
    timers = ManualTimers()
    batcher = Batcher(document.editor, window=0.02, loop=loop, schedule=timers)
    # Rows of notes marching down from the wall's bottom edge for 30,000 scene units.
    bottom = max(n.y for n in wall.notes.values())
    for row in range(150):
        batcher.enqueue(AddNote(wall.id, f"row-{row:03d}", "Idea", x=0.0, y=bottom + 200.0 * (row + 1)), PHONE)
        timers.fire()
        QCoreApplication.processEvents()
    assert laptop.scene.far.note_count() >= 150
    assert len(grown) <= 3
    assert far.boundingRect().contains(QRectF(0.0, bottom, 10.0, 30000.0 + 200.0))
    assert far.boundingRect().contains(content)


def test_the_rooms_batcher_leaves_a_frame_between_the_slices_of_a_burst(document, loop) -> None:
    """Slices one loop turn apart ran back to back with their answers, ahead of the frame due meanwhile."""
    from facilitator.room.editor_backend import EditorBackend

    backend = EditorBackend(document.editor, document.project.walls[0].id)
    assert backend.batcher.max_batch is not None
    assert backend.batcher.pause >= 0.016  # a frame at 60 Hz
