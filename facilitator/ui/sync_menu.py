"""The main window's side of several laptops on one wall: File > Merge from…, Join two walls…, Join a room….

Kept out of main_window.py so it plugs into the shell with two lines. The rules are Qt-free
(facilitator/sync); this only asks, shows and puts the merge on the undo stack as one step.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, QTimer, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.rules import Refused
from facilitator.edits import Origin
from facilitator.store.errors import ProjectError
from facilitator.ui.document import Document
from facilitator.ui.undo import EditCommand

if TYPE_CHECKING:
    from facilitator.edits import Applied
    from facilitator.sync.live import SyncClient
    from facilitator.sync.merge import MergeResult

log = logging.getLogger(__name__)

FILE_FILTER = "Facilitator projects (*.facil);;All files (*)"
PLAN_TEXT = "Also take its event, agenda, groups and actions where they are newer"


class FirstRunCommand(EditCommand):
    """One undo step for a compound edit: the first redo runs it (``first``), later ones replay the relative
    inverse. A refusal or a failed write leaves ``error`` set and the step obsolete (nothing to undo)."""

    def __init__(self, document: Document, text: str) -> None:
        super().__init__(document, (), text)
        self._done = False

    def first(self) -> Applied | None:
        """Run the edit once; None or an unchanged result: nothing came in."""
        raise NotImplementedError

    def redo(self) -> None:
        if self._done:
            super().redo()
            return
        self._done = True
        try:
            applied = self.first()
        except (Refused, ProjectError) as exc:
            self.error = exc
            self.setObsolete(True)
            return
        if applied is None or not applied.changed:
            self.setObsolete(True)  # nothing came in: nothing to undo
            return
        self.applied = applied
        self._backward = applied.inverse

    def error_text(self) -> str | None:
        """The failure in one sentence, or None when it went through."""
        if self.error is None:
            return None
        return self.error.message if isinstance(self.error, Refused) else str(self.error)


class MergeCommand(FirstRunCommand):
    """One undo step for a whole merge."""

    def __init__(self, document: Document, source: Path, plan: bool) -> None:
        super().__init__(document, f"Merge from {source.name}")
        self.source = source
        self.plan = plan
        self.result: MergeResult | None = None

    def first(self) -> Applied | None:
        from facilitator.sync.merge import merge_file  # with the first merge, not at start-up

        self.result = merge_file(
            self.document.editor, self.source, plan=self.plan, origin=Origin("import", "", self.source.name)
        )
        return self.result.applied


def dialog_buttons(dialog: QDialog, accept_text: str, *parts: QWidget | QLayout) -> QPushButton:
    """Lay ``parts`` out one under the other above Cancel and the accept button; returns the accept button."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    accept = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    layout.addWidget(buttons)
    return accept


class MergeDialog(QDialog):
    """Which file was chosen, what merging does, and the one choice: take the plan too or not."""

    def __init__(self, source: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge from another project")
        text = QLabel(
            f"<p>Add the walls, notes, clusters, dots and photos of <b>{_escape(source.name)}</b> to this project."
            "</p><p>Notes already here are matched, not doubled; what was deleted on either laptop stays "
            "deleted; where both changed the same thing, the later change is kept. "
            f"{_escape(source.name)} itself is not changed. Edit &gt; Undo takes the whole merge back.</p>",
            self,
        )
        text.setWordWrap(True)
        text.setFixedWidth(480)  # a wrapped label in a dialog sized to fit needs a width to wrap at
        self.plan_box = QCheckBox(PLAN_TEXT, self)
        self.merge_button = dialog_buttons(self, "Merge", text, self.plan_box)


class JoinWallsDialog(QDialog):
    """Two walls made apart (often with one name) become one: pick the one to keep."""

    def __init__(self, walls: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Join two walls")
        self.keep = QComboBox(self)
        self.other = QComboBox(self)
        for wall_id, name in walls:
            self.keep.addItem(name, wall_id)
            self.other.addItem(name, wall_id)
        if len(walls) > 1:
            self.other.setCurrentIndex(1)
        form = QFormLayout()
        form.addRow("Keep this wall:", self.keep)
        form.addRow("Move everything from:", self.other)
        note = QLabel("Its notes, clusters, dots and photos move onto the kept wall; the emptied wall goes.", self)
        note.setWordWrap(True)
        self.join_button = dialog_buttons(self, "Join", form, note)
        self.keep.currentIndexChanged.connect(self._check)
        self.other.currentIndexChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        self.join_button.setEnabled(self.keep.currentData() != self.other.currentData())


class SyncHost(Protocol):
    """What the sync menu needs of the main window (``MainWindow`` offers it; it is also the menu's Qt parent)."""

    document: Document | None
    document_opened: SignalInstance
    file_menu: QMenu

    def statusBar(self) -> QStatusBar: ...


class SyncMenu(QObject):
    """Adds File > Merge from…, Join two walls…, Join a room… and Leave the room to the main window."""

    def __init__(self, window: SyncHost) -> None:
        qt_window = cast(QMainWindow, window)
        super().__init__(qt_window)  # the window is our parent; no Python reference to it, so closing frees it
        menu = window.file_menu
        actions = menu.actions()
        before = actions[-2] if len(actions) >= 2 else None  # the separator above Quit
        self.merge_action = QAction("&Merge from…", qt_window)
        self.merge_action.setStatusTip("Bring in another laptop's copy of this event: its walls, notes and dots.")
        self.merge_action.triggered.connect(self.merge_dialog)
        self.join_action = QAction("&Join two walls…", qt_window)
        self.join_action.setStatusTip("Put everything on one wall onto another (walls made apart on two laptops).")
        self.join_action.triggered.connect(self.join_dialog)
        self.room_action = QAction("Join a &room…", qt_window)
        self.room_action.setStatusTip("Keep this project in sync with the room another laptop opened.")
        self.room_action.triggered.connect(self.room_dialog)
        self.leave_action = QAction("&Leave the room", qt_window)
        self.leave_action.triggered.connect(self.leave_room)
        self.leave_action.setEnabled(False)
        menu.insertSeparator(before)
        menu.insertAction(before, self.merge_action)
        menu.insertAction(before, self.join_action)
        menu.insertAction(before, self.room_action)
        menu.insertAction(before, self.leave_action)
        self.client: SyncClient | None = None
        self._task: asyncio.Future | None = None
        self.status = QLabel("", qt_window)
        self.status.setObjectName("roomLinkStatus")
        window.statusBar().addPermanentWidget(self.status)
        self.status.hide()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        window.document_opened.connect(self._document_opened)

    @property
    def window(self) -> QMainWindow:
        """The main window as a parent for dialogs (looked up, never held)."""
        return cast(QMainWindow, self.parent())

    @property
    def document(self) -> Document | None:
        return cast(SyncHost, self.parent()).document

    def _document_opened(self, _document: object) -> None:
        self.leave_room()  # the link belonged to the project that was open

    def merge_dialog(self) -> None:
        doc = self.document
        if doc is None:
            return
        name, _ = QFileDialog.getOpenFileName(self.window, "Merge from", str(doc.path.parent), FILE_FILTER)
        if not name:
            return
        dialog = MergeDialog(Path(name), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.merge(Path(name), dialog.plan_box.isChecked())

    def merge(self, source: Path, plan: bool = False) -> MergeResult | None:
        """Merge ``source`` as one undo step; the status line gets the summary, a problem gets a message box."""
        doc = self.document
        if doc is None:
            return None
        command = MergeCommand(doc, source, plan)
        if not self._push(command, "Merge from another project", "Nothing was merged"):
            return None
        result = command.result
        if result is not None:
            doc.tell(f"Merged {source.name}: {result.line()}.")
        return result

    def join_dialog(self) -> None:
        doc = self.document
        if doc is None or len(doc.project.walls) < 2:
            if doc is not None:
                doc.tell("Joining needs two walls.")
            return
        dialog = JoinWallsDialog([(w.id, w.name) for w in doc.project.walls], self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.join(dialog.keep.currentData(), dialog.other.currentData())

    # -- live: joining another laptop's room -------------------------------------------------------------
    def room_dialog(self) -> None:
        if self.document is None:
            return
        dialog = JoinRoomDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.join_room(dialog.link(), dialog.name.text().strip() or "A laptop")

    def join_room(self, url: str, name: str) -> SyncClient | None:
        """Keep the open project in sync with the room at ``url`` on the running (qasync) loop."""
        doc = self.document
        if doc is None:
            return None
        self.leave_room()
        from facilitator.sync.live import SyncClient  # aiohttp and pycrdt load when a room is joined, not at start

        client = SyncClient(doc.editor, url, name)
        client.on_state = self._state_changed
        self.client = client
        self._task = asyncio.ensure_future(client.run())
        self.leave_action.setEnabled(True)
        self.status.show()
        self._timer.start()
        self.refresh()
        return client

    def _state_changed(self, _state: str) -> None:
        self.refresh()

    def leave_room(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            client.stop()
            client.mirror.close()
        self._task = None
        self._timer.stop()
        self.status.hide()
        self.leave_action.setEnabled(False)

    def refresh(self) -> None:
        client = self.client
        if client is None:
            return
        text = client.describe()
        if client.state in ("catching up", "link down") and client.last_contact is not None:
            ago = int(client.clock() - client.last_contact)
            text += f" Last contact {ago} s ago."
        self.status.setText(text)

    def join(self, keep_id: str, other_id: str) -> None:
        doc = self.document
        if doc is None:
            return
        self._push(JoinCommand(doc, keep_id, other_id), "Join two walls", "The walls were not joined")

    def _push(self, command: FirstRunCommand, title: str, failed: str) -> bool:
        """Run ``command`` as one undo step; a refusal or failed write is said in a message box (``failed: why``)."""
        command.document.undo_stack.push(command)
        problem = command.error_text()
        if problem is not None:
            QMessageBox.warning(self.window, title, f"{failed}: {problem}")
            return False
        return True


class JoinRoomDialog(QDialog):
    """The room's address as the phones have it (or its IP address and room code), and this laptop's name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Join a room")
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("http://192.168.1.20:8765/K3XA9/  or  192.168.1.20 K3XA9")
        self.url.setMinimumWidth(320)
        self.name = QLineEdit(socket.gethostname().split(".")[0][:40], self)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setFixedWidth(440)
        self.problem.setStyleSheet("color: #a1261d;")
        form = QFormLayout()
        form.addRow("Room address:", self.url)
        form.addRow("This laptop's name:", self.name)
        note = QLabel(
            "Type the address the phones use, from the join slide. The room's laptop is asked to let this "
            "laptop in; the facilitator sees its name there. Each laptop keeps its own copy; the walls you "
            "share stay the same on both, and edits made while the link is down are sent when it is back.",
            self,
        )
        note.setWordWrap(True)
        note.setFixedWidth(440)
        self.join_button = dialog_buttons(self, "Join", form, self.problem, note)
        self.url.textChanged.connect(self._check)
        self._check()

    def link(self) -> str:
        """The room's URL ("" until the address is one): a pasted laptop link keeps its key."""
        from facilitator.sync.address import room_url

        try:
            return room_url(self.url.text())
        except ValueError:
            return ""

    def _check(self) -> None:
        from facilitator.sync.address import check_url

        typed = self.url.text().strip()
        problem = check_url(typed) if typed else None
        self.problem.setText(f"That is not a room's address: {problem}" if problem else "")
        if self.problem.isVisibleTo(self) != bool(problem):
            self.problem.setVisible(bool(problem))
            self.adjustSize()  # room for the message, and no gap once it goes
        self.join_button.setEnabled(bool(typed) and problem is None)


class JoinCommand(FirstRunCommand):
    """Join two walls as one undo step."""

    def __init__(self, document: Document, keep_id: str, other_id: str) -> None:
        super().__init__(document, "Join two walls")
        self.keep_id, self.other_id = keep_id, other_id

    def first(self) -> Applied | None:
        from facilitator.sync.merge import join_walls  # with the first join, not at start-up

        return join_walls(self.document.editor, self.keep_id, self.other_id)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
