"""The room in the app: the join slide, and the controller and panel on a real qasync loop (loopback only)."""

from __future__ import annotations

import asyncio
import errno
import socket

import aiohttp
import pytest
import segno
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from room.conftest import Clock, FakeBackend

from facilitator.room.guidance import NO_PHONE_YET, PATIENCE
from facilitator.room.network import Address
from facilitator.ui.room.controller import RoomController
from facilitator.ui.room.join_slide import JoinInfo, JoinSlide, display_url, paint_join
from facilitator.ui.room.panel import RoomPanel

URL = "http://192.168.1.20:8765/K4QF/"


def qr_modules_in(image: QImage, rect: QRectF, size: int, border: int = 4) -> list[list[bool]]:
    """Read the painted QR back, module by module, from the centre of each."""
    step = rect.width() / (size + 2 * border)
    rows = []
    for r in range(size):
        row = []
        for c in range(size):
            x = rect.left() + (c + border + 0.5) * step
            y = rect.top() + (r + border + 0.5) * step
            row.append(QColor(image.pixel(int(x), int(y))).lightness() < 128)
        rows.append(row)
    return rows


def test_the_join_slide_paints_a_qr_code_that_reads_back_as_the_url(qapp):
    image = QImage(1920, 1080, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_join(painter, QRectF(0, 0, 1920, 1080), JoinInfo(URL, "K4QF", "Our park"))
    painter.end()
    qr = segno.make(URL, error="m", micro=False)
    expected = [[bool(v) for v in row] for row in qr.matrix]
    size = len(expected)
    # Find the painted code: the first dark pixel on the middle row's left is its left edge (quiet zone before).
    dark = [(x, y) for y in range(0, 1080, 4) for x in range(0, 960, 4) if QColor(image.pixel(x, y)).lightness() < 128]
    left, top = min(x for x, _ in dark), min(y for _, y in dark)
    right = max(x for x, _ in dark)
    module = (right - left + 4) / size
    rect = QRectF(left - 4 * module, top - 4 * module, module * (size + 8), module * (size + 8))
    assert qr_modules_in(image, rect, size) == expected
    assert module >= 12  # large enough to scan from the back of a room
    assert display_url(URL) == "192.168.1.20:8765/K4QF"


def test_the_join_slide_widget_shows_the_painted_slide_and_draws_it_again_only_when_it_changed(qtbot):
    slide = JoinSlide(JoinInfo(URL, "K4QF", "Our park"), compact=True)
    qtbot.addWidget(slide)
    slide.resize(480, 300)
    first = slide.grab().toImage()
    expected = QImage(480, 300, QImage.Format.Format_RGB32)
    painter = QPainter(expected)
    paint_join(painter, QRectF(0, 0, 480, 300), JoinInfo(URL, "K4QF", "Our park"), compact=True)
    painter.end()
    assert first.convertToFormat(QImage.Format.Format_RGB32) == expected  # the same pixels as painting it directly
    kept = slide.picture()
    slide.grab()
    assert slide.picture() is kept  # a repaint copies the slide; nothing is drawn again
    slide.set_info(JoinInfo(URL, "K4QF", "Our park", locked=True))
    locked = slide.picture()
    assert locked is not kept and slide.grab().toImage() != first  # the heading now says the room is closed
    slide.resize(600, 300)
    assert slide.picture() is not locked and slide.picture().width() == round(600 * slide.devicePixelRatioF())
    slide.set_info(None)
    assert slide.grab().toImage() != first  # "The room is not open."


async def _post_note(url: str) -> int:
    async with aiohttp.ClientSession() as session:
        body = {"id": "note-00000001", "text": "Hello", "phone": "phone-aaaaaaaa"}
        async with session.post(url + "notes", json=body) as response:
            return response.status


def test_the_controller_opens_the_room_on_the_qasync_loop_and_counts_phones(qloop, qtbot):
    clock = Clock()
    backend = FakeBackend()
    controller = RoomController(backend, clock=clock)
    seen = []
    controller.status_changed.connect(seen.append)
    url = qloop.run_until_complete(controller.open("127.0.0.1"))
    assert url.startswith("http://127.0.0.1:") and controller.is_open
    status = controller.status()
    assert status.open and status.joined == 0 and status.guidance == ("Waiting for the first phone…",)
    clock.t += PATIENCE + 1
    assert controller.status().guidance[0] == NO_PHONE_YET
    assert qloop.run_until_complete(_post_note(url)) == 201
    status = controller.status()
    assert status.joined == 1 and status.guidance == ()
    assert status.summary == "1 phone joined, 0 connected now."
    controller.set_locked(True)
    assert controller.server.locked and "locked" in controller.status().summary
    qloop.run_until_complete(controller.close())
    assert not controller.is_open and seen[-1].open is False
    first_code = status.code
    qloop.run_until_complete(controller.open("127.0.0.1"))
    assert controller.status().code != first_code  # a new code each time the room opens
    assert controller.server.locked is False
    qloop.run_until_complete(controller.close())


def test_a_port_in_use_is_explained_in_plain_words(qloop, qtbot):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    controller = RoomController(FakeBackend())
    messages = []
    controller.failed.connect(messages.append)
    with pytest.raises(OSError) as raised:
        qloop.run_until_complete(controller.open("127.0.0.1", port))
    taken.close()
    assert raised.value.errno == errno.EADDRINUSE
    assert messages == [
        f"Port {port} is already in use on this laptop. Close the other program, or let Facilitator pick a port."
    ]
    assert not controller.is_open


def test_the_panel_opens_locks_and_guides(qloop, qtbot):
    clock = Clock()
    controller = RoomController(FakeBackend(), clock=clock)
    panel = RoomPanel(controller, [Address("lo", "This laptop only: 127.0.0.1", "127.0.0.1", "loopback")], "Our park")
    qtbot.addWidget(panel)
    panel.resize(560, 520)
    assert panel.open_button.text() == "Open the room" and not panel.slide_button.isEnabled()
    panel.open_button.click()
    qloop.run_until_complete(asyncio.sleep(0.2))
    assert controller.is_open
    assert panel.open_button.text() == "Close the room" and panel.slide_button.isEnabled()
    assert panel.preview.info.code == controller.server.code
    clock.t += PATIENCE + 1
    controller.refresh()
    assert panel.guidance.isVisibleTo(panel) and panel.guidance.text().startswith(NO_PHONE_YET)
    panel.lock_box.setChecked(True)
    assert controller.server.locked
    panel.open_button.click()
    qloop.run_until_complete(asyncio.sleep(0.2))
    assert not controller.is_open and not panel.lock_box.isChecked()
    assert panel.summary.text().startswith("The room is closed")


def test_render_paints_the_join_slide_for_the_docs(demo_file, tmp_path, qapp):
    from facilitator.cli import main

    out = tmp_path / "join.png"
    assert main(["render", str(demo_file), "--view", "join", "--size", "1280x720", "-o", str(out)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)
    assert QColor(image.pixel(5, 5)) == QColor("#ffffff")


async def _post(url: str, path: str, body: dict) -> int:
    async with aiohttp.ClientSession() as session, session.post(url + path, json=body) as response:
        return response.status


def test_the_room_window_takes_phone_notes_into_the_document_and_lets_the_facilitator_decide(qloop, qtbot, document):
    from facilitator.edits import AddRound
    from facilitator.ui.room.window import RoomWindow

    window = RoomWindow(document, run=lambda: None)
    qtbot.addWidget(window)
    wall = document.project.wall(window.backend.wall_id)
    notices = []
    document.changed.connect(notices.append)
    url = qloop.run_until_complete(window.controller.open("127.0.0.1"))
    status = qloop.run_until_complete(_post(url, "notes", {"id": "note-00000001", "text": "From a phone"}))
    assert status == 201
    assert wall.notes["note-00000001"].source == "phone" and notices
    assert document.undo_stack.count() == 0  # phones' notes never enter the facilitator's undo stack

    window.hold_box.setChecked(True)
    qloop.run_until_complete(_post(url, "notes", {"id": "note-00000002", "text": "Please check me"}))
    assert wall.notes["note-00000002"].status == "held"
    assert window.waiting.count() == 1 and "Please check me" in window.waiting.item(0).text()
    assert window.controller.status().waiting == 1
    window.accept_button.click()
    assert wall.notes["note-00000002"].status == "shown" and window.waiting.count() == 0
    assert document.undo_stack.count() == 1

    window.hold_box.setChecked(False)
    window.hide_box.setChecked(True)
    qloop.run_until_complete(_post(url, "notes", {"id": "note-00000003", "text": "Not yet"}))
    assert wall.notes["note-00000003"].status == "hidden" and window.reveal_button.isEnabled()
    window.reveal_button.click()
    assert wall.notes["note-00000003"].status == "shown"

    document.apply(AddRound(wall.id, "r-phones", "Phones vote", 2))
    window.round_box.setCurrentIndex(window.round_box.findData("r-phones"))
    assert window.backend.round_id == "r-phones"
    body = {"id": "dot-00000001", "voter": "phone-aaaaaaaa", "target": "note-00000001"}
    assert qloop.run_until_complete(_post(url, "dots", body)) == 201
    assert wall.round("r-phones").dots_of("phone:phone-aaaaaaaa") == 1
    window.show()
    window.shut()
    qloop.run_until_complete(asyncio.sleep(0.1))
    assert not window.controller.is_open


def test_the_room_menu_opens_the_window_for_the_open_project(qloop, qtbot, demo_file):
    from facilitator.ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    assert main.open_path(demo_file)
    assert main.room_launcher.action.isEnabled()
    room = main.room_launcher.show_room()
    assert room is not None and room.document is main.document
    assert main.room_launcher.show_room() is room


def test_the_room_window_names_its_controls_for_screen_readers(qloop, qtbot, document):
    from test_accessibility import unnamed

    from facilitator.ui.room.window import RoomWindow

    window = RoomWindow(document, run=lambda: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert unnamed(window) == []
    qloop.run_until_complete(window.controller.open("127.0.0.1"))
    window.controller.refresh()
    assert unnamed(window) == []
    window.shut()
    qloop.run_until_complete(asyncio.sleep(0.1))


async def _laptop_joins(url: str) -> tuple[int, int]:
    """A laptop's WebSocket to <join>/sync: refused without the key, let in with it; returns both answers."""
    async with aiohttp.ClientSession() as session:
        async with session.get(url.split("?")[0] + "sync") as refused:
            status = refused.status
        ws = await session.ws_connect(url.replace("/?", "/sync?") + "&name=Table%202")
        hello = await ws.receive(timeout=5)
        await ws.close()
        return status, len(hello.data)


def test_the_room_lets_note_takers_laptops_join_with_the_laptop_key_and_lists_who_is_here(qloop, qtbot, document):
    from facilitator.ui.room.window import RoomWindow

    window = RoomWindow(document, run=lambda: None)
    qtbot.addWidget(window)
    qloop.run_until_complete(window.controller.open("127.0.0.1"))
    status = window.controller.status()
    assert "?laptop=" in status.laptop_url and status.laptop_url.startswith(status.url)
    assert status.laptop_url in window.panel.laptop_link.text()
    assert (
        qloop.run_until_complete(
            _post(status.url, "notes", {"id": "note-00000001", "text": "hi", "phone": "phone-7f3a7f3a"})
        )
        == 201
    )
    assert window.controller.hub.hub is None  # phones alone never pay for the laptops' sync document
    refused, hello = qloop.run_until_complete(_laptop_joins(status.laptop_url))
    assert refused == 403 and hello > 0
    assert window.controller.hub.hub is not None
    people = window.controller.status().people
    assert [p.line().split(",")[0] for p in people] == ["Phone 7F3A (phone)"]
    window.controller.refresh()
    assert window.panel.who.heading.text() == "Who is here: 0 laptops, 1 phone"
    window.shut()
    qloop.run_until_complete(asyncio.sleep(0.1))
    assert window.controller.hub is None


def test_serve_join_says_what_a_room_address_looks_like(demo_file, capsys):
    from facilitator.cli import main

    assert main(["serve", str(demo_file), "--join", "the room on the left"]) == 1
    assert "IP address and room code" in capsys.readouterr().err


def test_the_laptop_link_reads_the_key_where_the_sync_hub_does():
    from facilitator.room import laptops
    from facilitator.sync import live

    assert laptops.LAPTOP_KEY == live.LAPTOP_KEY


def test_the_room_takes_serves_port_so_address_and_code_are_enough_and_another_when_it_is_taken(
    qloop, qtbot, monkeypatch
):
    from facilitator.sync.address import room_url
    from facilitator.ui.room import controller as controller_module

    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    preferred = probe.getsockname()[1]
    probe.close()
    monkeypatch.setattr(controller_module, "DEFAULT_PORT", preferred)  # serve's port, free for this test
    controller = RoomController(FakeBackend())
    messages = []
    controller.failed.connect(messages.append)

    url = qloop.run_until_complete(controller.open("127.0.0.1"))
    code = controller.status().code
    assert url == f"http://127.0.0.1:{preferred}/{code}/"
    monkeypatch.setattr("facilitator.sync.address.DEFAULT_PORT", preferred)
    assert room_url(f"127.0.0.1 {code}").rstrip("/") == url.rstrip("/")  # what a note-taker types
    qloop.run_until_complete(controller.close())

    taken = socket.socket()
    taken.bind(("127.0.0.1", preferred))
    taken.listen()
    try:
        url = qloop.run_until_complete(controller.open("127.0.0.1"))
    finally:
        taken.close()
    assert controller.is_open and not url.startswith(f"http://127.0.0.1:{preferred}/")
    assert messages == []  # falling back is not a failure
    qloop.run_until_complete(controller.close())
