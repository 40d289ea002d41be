"""File > Merge from… and File > Join two walls…: one undo step each, a summary in the status line."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from facilitator.edits import AddNote, AddWall, Editor
from facilitator.store import ProjectFile
from facilitator.ui.main_window import MainWindow
from facilitator.ui.sync_menu import JoinWallsDialog, MergeDialog


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    return win


def other_laptop(demo_file: Path, tmp_path: Path) -> Path:
    source = tmp_path / "table2.facil"
    shutil.copy(demo_file, source)
    with ProjectFile.open(source) as pf:
        pf.set_setting("replica", "table2")
    with ProjectFile.open(source) as pf:
        ed = Editor(pf)
        wall = ed.project.walls[0]
        ed.apply(AddNote(wall.id, "t2n1", "From table 2", x=0, y=0))
        ed.apply(AddWall("t2w", "Table 2"))
    return source


def test_merge_from_the_menu_is_one_undo_step_and_leaves_the_source_alone(window, demo_file, tmp_path, monkeypatch):
    source = other_laptop(demo_file, tmp_path)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    assert window.open_path(demo_file)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(MergeDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    messages: list[str] = []
    window.document.message.connect(messages.append)
    window.sync_menu.merge_action.trigger()
    doc = window.document
    assert doc.project.wall_of_note("t2n1") is not None
    assert messages[-1] == "Merged table2.facil: 1 note added, 0 changed, 0 deleted, 0 photos (1 wall added)."
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "Merge from table2.facil"
    doc.undo_stack.undo()
    assert doc.project.wall_of_note("t2n1") is None and doc.project.find_wall("t2w") is None
    doc.undo_stack.redo()
    assert doc.project.wall_of_note("t2n1") is not None
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert doc.store.load() == doc.project  # the file is the model


def test_join_two_walls_from_the_menu(window, demo_file, monkeypatch):
    assert window.open_path(demo_file)
    doc = window.document
    keep, other = doc.project.walls[0], doc.project.walls[1]
    moved = len(other.notes)
    total = len(keep.notes) + moved
    monkeypatch.setattr(JoinWallsDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.sync_menu.join_action.trigger()
    assert doc.project.find_wall(other.id) is None
    assert len(doc.project.wall(keep.id).notes) == total
    doc.undo_stack.undo()
    assert len(doc.project.wall(other.id).notes) == moved


def test_the_merge_dialog_looks_right(qtbot, tmp_path):
    dialog = MergeDialog(Path("table2.facil"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.grab().save(str(tmp_path / "merge-dialog.png"))
    assert not dialog.plan_box.isChecked()


def test_join_a_room_from_the_menu_shows_whose_room_and_keeps_the_walls_the_same(window, demo_file, tmp_path, qloop):
    import asyncio

    from aiohttp import web

    from facilitator.sync.live import SyncHub

    host_path = tmp_path / "host.facil"
    shutil.copy(demo_file, host_path)
    with ProjectFile.open(host_path) as pf:
        pf.set_setting("replica", "host")
    host_store = ProjectFile.open(host_path)
    host = Editor(host_store)
    hub = SyncHub(host, "Ana", key="KEY123")
    app = web.Application()
    hub.mount(app, "/ROOM")
    runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=0.2)

    async def start() -> str:
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        return hub.laptop_url(f"http://127.0.0.1:{runner.addresses[0][1]}/ROOM/")

    async def until(check) -> None:
        for _ in range(2000):
            if check():
                return
            await asyncio.sleep(0.01)
        raise AssertionError("timed out")

    url = qloop.run_until_complete(start())
    assert window.open_path(demo_file)
    client = window.sync_menu.join_room(url, "Table 2")
    qloop.run_until_complete(until(lambda: window.sync_menu.status.text() == "In sync with Ana's room."))
    wall = host.project.walls[0]
    host.apply(AddNote(wall.id, "live1", "From Ana's laptop", x=0, y=0))
    qloop.run_until_complete(until(lambda: window.document.project.wall_of_note("live1") is not None))
    assert [name for name, _ago in hub.laptops()] == ["Table 2"]
    window.statusBar().grab().save(str(tmp_path / "status.png"))
    window.sync_menu.leave_room()
    qloop.run_until_complete(until(lambda: client.mirror.doc is None))
    qloop.run_until_complete(runner.cleanup())
    hub.close()
    host_store.close()


def test_who_is_here_lists_laptops_and_phones(qtbot, tmp_path):
    from facilitator.sync.presence import who_is_here
    from facilitator.ui.who_is_here import WhoIsHere

    widget = WhoIsHere()
    qtbot.addWidget(widget)
    assert widget.heading.text() == "Who is here: 0 laptops, 0 phones" and not widget.empty.isHidden()
    widget.show_people(who_is_here([("Table 2", 4.0)], {"phone-7f3a": 90.0}, now=100.0))
    assert widget.heading.text() == "Who is here: 1 laptop, 1 phone"
    assert [widget.list.item(i).text() for i in range(widget.list.count())] == [
        "Table 2 (laptop), last contact 4 s ago",
        "Phone 7F3A (phone), last contact 10 s ago",
    ]
    first = widget.list.item(0)
    widget.show_people(who_is_here([("Table 2", 5.0)], {"phone-7f3a": 99.0, "phone-0b1c": 98.0}, now=100.0))
    assert [widget.list.item(i).text() for i in range(widget.list.count())] == [
        "Table 2 (laptop), last contact 5 s ago",
        "Phone 7F3A (phone), last contact just now",
        "Phone 0B1C (phone), last contact 2 s ago",
    ]
    assert widget.list.item(0) is first  # rows are changed in place, not cleared and made again
    widget.show_people(who_is_here([], {"phone-0b1c": 98.0}, now=100.0))
    lines = [widget.list.item(i).text() for i in range(widget.list.count())]
    assert lines == ["Phone 0B1C (phone), last contact 2 s ago"]
    assert widget.heading.text() == "Who is here: 0 laptops, 1 phone"
    widget.show_people([])
    assert widget.list.count() == 0 and widget.list.isHidden() and not widget.empty.isHidden()
    widget.show_people(who_is_here([("Table 2", 4.0)], {"phone-7f3a": 90.0}, now=100.0))
    widget.resize(360, 160)
    widget.show()
    widget.grab().save(str(tmp_path / "who-is-here.png"))


def test_the_join_dialog_takes_the_phones_address_or_ip_and_code(qtbot, tmp_path):
    from facilitator.ui.sync_menu import JoinRoomDialog

    dialog = JoinRoomDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.join_button.isEnabled() and dialog.problem.isHidden()
    dialog.url.setText("http://192.168.1.20:8765/K3XA9/")  # the phones' link is enough: the room is asked
    assert dialog.join_button.isEnabled() and dialog.link() == "http://192.168.1.20:8765/K3XA9/"
    dialog.url.setText("192.168.1.20 k3xa9")
    assert dialog.join_button.isEnabled() and dialog.link() == "http://192.168.1.20:8765/K3XA9/"
    dialog.url.setText("http://192.168.1.20:8765/K3XA9/?laptop=AB12CD")  # the pre-approved link still works
    assert dialog.join_button.isEnabled() and dialog.link().endswith("?laptop=AB12CD")
    dialog.url.setText("K3XA9")
    assert not dialog.join_button.isEnabled() and not dialog.problem.isHidden()
    assert "IP address and room code" in dialog.problem.text()
    QApplication.processEvents()  # let the dialog grow to the message before looking at it
    dialog.grab().save(str(tmp_path / "join-room.png"))


def test_a_laptop_joining_with_the_phones_url_is_let_in_from_who_is_here(window, document, tmp_path, qloop):
    """The room laptop's console shows "Table 2 asks to join this room" with Let in; after it, both walls agree."""
    import asyncio

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from facilitator.ui.room.window import RoomWindow

    async def until(check) -> None:
        for _ in range(2000):
            if check():
                return
            await asyncio.sleep(0.01)
        raise AssertionError("timed out")

    room = RoomWindow(document, run=lambda: None)
    guest_path = tmp_path / "table2.facil"
    document.store.save_copy_as(guest_path)  # its own replica id
    qloop.run_until_complete(room.controller.open("127.0.0.1"))
    url = room.controller.status().url  # the phones' join URL, nothing else
    assert window.open_path(guest_path)
    client = window.sync_menu.join_room(url, "Table 2")
    who = room.panel.who
    qloop.run_until_complete(until(lambda: client.request in who.rows))
    row = who.rows[client.request]
    assert row.label.text() == "Table 2 asks to join this room" and not row.isHidden()
    assert window.sync_menu.status.text().startswith("Waiting for ")
    room.panel.resize(520, 700)
    room.panel.grab().save(str(tmp_path / "room-asking.png"))
    QTest.mouseClick(row.let_in, Qt.MouseButton.LeftButton)
    qloop.run_until_complete(until(lambda: client.state == "in sync"))
    assert window.sync_menu.status.text().startswith("In sync with ")
    assert client.request not in who.rows  # answered: the row is gone
    wall = document.project.walls[0]
    document.editor.apply(AddNote(wall.id, "live-room", "From the room", x=0, y=0))
    qloop.run_until_complete(until(lambda: window.document.project.wall_of_note("live-room") is not None))
    room.controller.refresh()
    assert who.heading.text().startswith("Who is here: 1 laptop")
    window.sync_menu.leave_room()
    room.shut()
    qloop.run_until_complete(until(lambda: room.controller.hub is None))


def test_the_run_consoles_room_card_lets_a_laptop_in_too_and_the_status_bar_says_it_asked(document, tmp_path, qloop):
    """While the run is on, the facilitator looks at the console: the ask is there as well, and said once."""
    import asyncio

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from facilitator.sync.live import IN_SYNC, SyncClient
    from facilitator.ui.room.console_card import RoomCard
    from facilitator.ui.room.window import RoomWindow

    async def until(check) -> None:
        for _ in range(2000):
            if check():
                return
            await asyncio.sleep(0.01)
        raise AssertionError("timed out")

    told: list[str] = []
    document.message.connect(told.append)
    room = RoomWindow(document, run=lambda: None)
    card = RoomCard(document)
    guest_path = tmp_path / "table3.facil"
    document.store.save_copy_as(guest_path)
    qloop.run_until_complete(room.controller.open("127.0.0.1"))
    with ProjectFile.open(guest_path) as pf:
        client = SyncClient(Editor(pf), room.controller.status().url, "Table 3", poll=0.02)
        task = asyncio.ensure_future(client.run())
        qloop.run_until_complete(until(lambda: client.request in card.asks.rows))
        assert card.asks.rows[client.request].label.text() == "Table 3 asks to join this room"
        assert told.count("Table 3 asks to join this room: Let in or Refuse under Who is here.") == 1
        card.resize(300, 420)
        card.grab().save(str(tmp_path / "console-card-asking.png"))
        QTest.mouseClick(card.asks.rows[client.request].let_in, Qt.MouseButton.LeftButton)
        qloop.run_until_complete(until(lambda: client.state == IN_SYNC))
        assert client.request not in card.asks.rows and client.request not in room.panel.who.rows  # answered
        assert len([m for m in told if "asks to join" in m]) == 1
        client.stop()
        qloop.run_until_complete(task)
    room.shut()
    qloop.run_until_complete(until(lambda: room.controller.hub is None))
