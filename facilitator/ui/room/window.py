"""The Room window and the Room menu: phones in the room, from the facilitator's side.

The window holds a :class:`RoomPanel` (network, open, lock, join slide, counts, guidance) and what the
facilitator decides about phones' notes: which wall they go to, which vote round is open to phones,
hold for approval, hide until revealed, and the notes waiting. Accepting, rejecting and revealing are
the facilitator's own edits (``Document.apply`` with the local origin, so Ctrl+Z takes them back); the
phones' own notes and dots come in through the room's backend on the edit path, never the undo stack.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from facilitator.core.run import Run
from facilitator.edits import AcceptNotes, Notice, RejectNotes, RevealNotes
from facilitator.room.editor_backend import EditorBackend
from facilitator.room.items import item_state
from facilitator.ui.document import Document
from facilitator.ui.room.console_card import RoomLink
from facilitator.ui.room.controller import RoomController
from facilitator.ui.room.interfaces import list_addresses
from facilitator.ui.room.join_slide import JoinInfo, JoinSlide
from facilitator.ui.room.panel import RoomPanel
from facilitator.ui.run.screens import audience_screen

log = logging.getLogger(__name__)


class JoinSlideWindow(JoinSlide):
    """The join slide full screen on the projector; any key or a click puts it away.

    During a run the clicker's keys reach run mode first (``facilitator.ui.run.keys``), which takes the slide
    away for them and does nothing else, whichever window has the focus.
    """

    shown = Signal(bool)  # on the projector (True) or put away (False): the console's button follows

    def __init__(self) -> None:
        super().__init__(compact=False)
        self.setWindowTitle("Join in from your phone")
        self._came_from: QWidget | None = None  # the window that had the keys before the slide took them

    def showEvent(self, event) -> None:
        super().showEvent(event)
        active = QApplication.activeWindow()
        if active is not self:
            self._came_from = active
        self.shown.emit(True)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        # The keys go back to the window that had them (the console, the room's view): the clicker's next press
        # must reach the run, and a desktop need not give the focus to any window when one goes away.
        back = self._came_from
        if back is not None and isValid(back) and back.isVisible() and QApplication.activeWindow() in (None, self):
            back.activateWindow()
        self.shown.emit(False)

    def keyPressEvent(self, event) -> None:
        self.hide()

    def mousePressEvent(self, event) -> None:
        self.hide()


class RoomWindow(QWidget):
    """One project's room: owns the backend and the controller while the project is open."""

    def __init__(self, document: Document, run: Callable[[], Run | None], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Phones in the room")
        self.document = document
        project = document.project
        current = run()
        wall_id = current.current_item.wall_id if current is not None and current.current_item.wall_id else None
        if wall_id is None or not any(w.id == wall_id for w in project.walls):
            wall_id = project.walls[0].id if project.walls else ""
        self.backend = EditorBackend(document.editor, wall_id, run=run)
        self.controller = RoomController(self.backend, parent=self, hub_factory=self._make_hub)
        self.panel = RoomPanel(self.controller, list_addresses(), project.event.title, self)
        self.panel.show_slide_requested.connect(self.show_join_slide)
        self.slide = JoinSlideWindow()

        self.wall_box = QComboBox(self)
        self.wall_box.setAccessibleName("Wall for phones' notes")
        self.round_box = QComboBox(self)
        self.round_box.setAccessibleName("Vote open to phones")
        self.hold_box = QCheckBox("Hold phone notes until I accept them", self)
        self.hide_box = QCheckBox("Keep phone notes off the projector until I reveal them", self)
        self.waiting = QListWidget(self)
        self.waiting.setAccessibleName("Phone notes waiting for approval")
        self.waiting.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.accept_button = QPushButton("Accept", self)
        self.reject_button = QPushButton("Reject", self)
        self.reveal_button = QPushButton("Reveal phone notes", self)
        self.waiting_label = QLabel("Waiting for approval:", self)

        form = QFormLayout()
        form.addRow("Notes go to:", self.wall_box)
        form.addRow("Vote from phones:", self.round_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reveal_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 3)
        layout.addLayout(form)
        layout.addWidget(self.hold_box)
        layout.addWidget(self.hide_box)
        layout.addWidget(self.waiting_label)
        layout.addWidget(self.waiting, 1)
        layout.addLayout(buttons)

        self.wall_box.currentIndexChanged.connect(self._wall_chosen)
        self.round_box.currentIndexChanged.connect(self._round_chosen)
        self.hold_box.toggled.connect(self._set_hold)
        self.hide_box.toggled.connect(self._set_hide)
        self.accept_button.clicked.connect(self.accept_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        self.reveal_button.clicked.connect(self.reveal_all)
        self._by_status = {"held": {}, "hidden": {}}
        self._waiting_timer = QTimer(self)
        self._waiting_timer.setSingleShot(True)
        self._waiting_timer.setInterval(0)
        self._waiting_timer.timeout.connect(self._show_waiting)
        document.changed.connect(self._on_notice)
        RoomLink.of(document).attach(self)  # the run console's card shows this room
        self._fill_walls()
        self.resize(640, 860)
        # The run is not an edit: look once a second whether the item, its pause or its end moved.
        self._run = run
        self._last_item: tuple | None = None
        self._item_timer = QTimer(self)
        self._item_timer.setInterval(1000)
        self._item_timer.timeout.connect(self.check_item)
        self._item_timer.start()

    def check_item(self) -> None:
        """Tell the phones when the item changes, pauses, resumes or gets more time (the run is not an edit)."""
        state = item_state(self._run(), self.document.project, time.time())
        key = None
        if state is not None:
            key = (state["id"], state["running"], round(state["ends_at"] if state["running"] else state["remaining"]))
        if key != self._last_item:
            self._last_item = key
            self.backend.changed()

    def _make_hub(self):
        """The laptops' sync hub for this project, made when the room opens (pycrdt loads only then)."""
        from facilitator.room.laptops import LaptopLink

        def make(key: str):
            from facilitator.sync.headless import default_name
            from facilitator.sync.live import SyncHub

            return SyncHub(self.document.editor, default_name(), key=key)

        from facilitator.sync.headless import default_name

        return LaptopLink(make, name=default_name())

    # -- choices ---------------------------------------------------------------------------------------
    def _fill_walls(self) -> None:
        self.wall_box.blockSignals(True)
        self.wall_box.clear()
        for wall in self.document.project.walls:
            self.wall_box.addItem(wall.name, wall.id)
        index = self.wall_box.findData(self.backend.wall_id)
        self.wall_box.setCurrentIndex(max(0, index))
        self.wall_box.blockSignals(False)
        self._fill_rounds()
        self._fill_waiting()

    def _fill_rounds(self) -> None:
        self.round_box.blockSignals(True)
        self.round_box.clear()
        self.round_box.addItem("No vote open", None)
        try:
            rounds = self.backend.wall.rounds
        except KeyError:
            rounds = []
        for vote_round in rounds:
            self.round_box.addItem(f"{vote_round.name} ({vote_round.dots_per_person} dots each)", vote_round.id)
        index = self.round_box.findData(self.backend.round_id) if self.backend.round_id else 0
        if index < 0:
            self.backend.round_id = None
            index = 0
        self.round_box.setCurrentIndex(index)
        self.round_box.blockSignals(False)

    def _wall_chosen(self) -> None:
        wall_id = self.wall_box.currentData()
        if wall_id and wall_id != self.backend.wall_id:
            self.backend.wall_id = wall_id
            self.backend.round_id = None
            self._fill_rounds()
            self._fill_waiting()
            self.backend.changed()

    def _round_chosen(self) -> None:
        self.backend.round_id = self.round_box.currentData()
        self.backend.changed()

    def _set_hold(self, on: bool) -> None:
        self.backend.hold = on

    def _set_hide(self, on: bool) -> None:
        self.backend.hide = on

    # -- waiting and hidden notes ------------------------------------------------------------------------
    # The phone notes held or hidden on the chosen wall, in arrival order (dicts as ordered sets). Read from the
    # wall once when the wall is chosen, then kept by the notices: a burst of phone notes is checked note by
    # note, never by scanning a wall of thousands once per note.
    def _scan_phone_notes(self) -> None:
        self._by_status: dict[str, dict[str, None]] = {"held": {}, "hidden": {}}
        try:
            wall = self.backend.wall
        except KeyError:
            return
        for note in wall.notes.values():
            if note.source == "phone" and note.status in self._by_status:
                self._by_status[note.status][note.id] = None

    def _phone_notes(self, status: str) -> list:
        try:
            notes = self.backend.wall.notes
        except KeyError:
            return []
        return [notes[i] for i in self._by_status[status] if i in notes]

    def _note_statuses_changed(self, notice: Notice) -> bool:
        """Bring the held and hidden sets in line with the notes this notice touched; True when either moved."""
        try:
            notes = self.backend.wall.notes
        except KeyError:
            return False
        moved = False
        for note_id in (*notice.changed("note"), *notice.gone("note")):
            note = notes.get(note_id)
            status = note.status if note is not None and note.source == "phone" else None
            for name, ids in self._by_status.items():
                if name == status and note_id not in ids:
                    ids[note_id] = None
                    moved = True
                elif name != status and note_id in ids:
                    del ids[note_id]
                    moved = True
        return moved

    def _fill_waiting(self) -> None:
        self._scan_phone_notes()
        self._show_waiting()

    def _show_waiting(self) -> None:
        self.waiting.clear()
        for note in self._phone_notes("held"):
            who = note.author or "anonymous"
            item = QListWidgetItem(f"{note.text}  ({who}{', ' + note.group if note.group else ''})")
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.waiting.addItem(item)
        count = self.waiting.count()
        self.waiting_label.setText("Waiting for approval:" if count else "No phone notes are waiting for approval.")
        self.accept_button.setEnabled(bool(count))
        self.reject_button.setEnabled(bool(count))
        hidden = len(self._phone_notes("hidden"))
        self.reveal_button.setText(f"Reveal phone notes ({hidden})" if hidden else "Reveal phone notes")
        self.reveal_button.setEnabled(bool(hidden))

    def _selected_ids(self) -> tuple[str, ...]:
        items = self.waiting.selectedItems() or [self.waiting.item(i) for i in range(self.waiting.count())]
        return tuple(item.data(Qt.ItemDataRole.UserRole) for item in items)

    def accept_selected(self) -> None:
        ids = self._selected_ids()
        if ids:
            self.document.apply(AcceptNotes(ids), text="Accept phone notes")

    def reject_selected(self) -> None:
        ids = self._selected_ids()
        if ids:
            self.document.apply(RejectNotes(ids), text="Reject phone notes")

    def reveal_all(self) -> None:
        ids = tuple(n.id for n in self._phone_notes("hidden"))
        if ids:
            self.document.apply(RevealNotes(ids), text="Reveal phone notes")

    def _on_notice(self, notice: Notice) -> None:
        if notice.touches("wall", "round"):
            self._fill_walls()
        elif notice.touches("note") and self._note_statuses_changed(notice):
            if notice.origin.kind == "local":
                self._show_waiting()  # the facilitator's own accept or reveal: the list follows at once
            else:
                self._waiting_timer.start()  # phones: once per turn of the event loop, after a whole batch

    # -- the projector -----------------------------------------------------------------------------------
    def show_join_slide(self) -> None:
        """The join slide where the room looks, on top of what it sees.

        During a run that is over the run's view of the room (``RoomLink.room_view``), wherever the facilitator
        put it: full-screen on the projector, or over the full-screen view or the rehearsal window on one screen,
        which stay on top of our other windows (a slide placed by screens alone would open under them). Without
        a run: full-screen on the projector, or a window on this screen when there is no projector.
        """
        status = self.controller.status()
        if not status.open:
            return
        self.slide.set_info(JoinInfo(status.url, status.code, self.document.project.event.title, status.locked))
        view = RoomLink.of(self.document).room_view
        over = view if view is not None and view.isVisible() else None
        self.slide.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, over is not None)
        screen = audience_screen(self.screen())
        if over is not None:
            if self.slide.windowHandle() is None:
                self.slide.create()
            self.slide.windowHandle().setScreen(over.screen())
            self.slide.setGeometry(over.geometry())
            if over.isFullScreen():
                self.slide.showFullScreen()
            else:
                self.slide.show()
        elif screen is None:
            self.slide.resize(960, 540)
            self.slide.show()
        else:
            if self.slide.windowHandle() is None:
                self.slide.create()
            self.slide.windowHandle().setScreen(screen)
            self.slide.setGeometry(screen.geometry())
            self.slide.showFullScreen()
        self.slide.raise_()

    def shut(self) -> None:
        """Close the room (the project is closing or another one opens)."""
        self.slide.close()
        self.controller.request_close()
        self.document.changed.disconnect(self._on_notice)
        RoomLink.of(self.document).detach(self)

    def closeEvent(self, event) -> None:
        # Closing the window leaves the room open (the facilitator may only want the screen back);
        # the Room menu brings it back, and closing the project closes the room.
        event.accept()
