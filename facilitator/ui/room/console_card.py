"""The room in the run console: the join slide small, the counts, and J to put the slide back on the projector.

Late joiners arrive all day. While the run is on, the facilitator is on the console, not in the Room
window, so the console hosts a :class:`RoomCard`: the same slide as the projector's (so what is read out
matches), how many phones are here and how many notes wait, and one button (or J) that shows the join
slide on the projector again, or takes it away. The card finds the project's room through
:class:`RoomLink`, which the Room window attaches itself to; the console knows nothing about rooms.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from facilitator.room.guidance import RoomStatus
from facilitator.ui.document import Document
from facilitator.ui.who_is_here import LaptopAsks

SHOW_TEXT = "Join slide on the projector (J)"
HIDE_TEXT = "Take the join slide away (J)"


class RoomLink(QObject):
    """One per document: the open room as other views see it (its status; show or hide its join slide)."""

    status_changed = Signal(object)  # RoomStatus
    slide_toggled = Signal(bool)  # the join slide is (True) or is no longer (False) on the projector

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.setObjectName("room-link")
        self.status = RoomStatus(open=False)
        self._window = None  # the Room window (facilitator.ui.room.window.RoomWindow) while it exists
        # Run mode's view of the room (its audience window) while a run is on: the join slide goes over it, so J,
        # the console's button and the Room window's button all show it where the room looks, on top.
        self.room_view: QWidget | None = None
        self._told: set[str] = set()  # laptops' asks already announced in the status bar

    @classmethod
    def of(cls, document: Document) -> RoomLink:
        found = document.findChild(RoomLink, "room-link")
        return found if found is not None else cls(document)

    def attach(self, window) -> None:
        """The Room window calls this when it is made: its controller's status and its slide become ours."""
        self._window = window
        window.controller.status_changed.connect(self._on_status)
        window.slide.shown.connect(self.slide_toggled)
        self._on_status(window.controller.status())

    def detach(self, window) -> None:
        if self._window is window:
            window.controller.status_changed.disconnect(self._on_status)
            window.slide.shown.disconnect(self.slide_toggled)
            self._window = None
            self._on_status(RoomStatus(open=False))

    def _on_status(self, status: RoomStatus) -> None:
        self.status = status
        for request, name, _waited in status.asking:  # wherever the facilitator is looking, say it once
            if request not in self._told:
                self._told.add(request)
                document = self.parent()
                if isinstance(document, Document):
                    document.tell(f"{name} asks to join this room: Let in or Refuse under Who is here.")
        self.status_changed.emit(status)

    def answer_laptop(self, request: str, let_in: bool) -> None:
        """Let in or Refuse a laptop that asked to join with the phones' URL (from the console's card)."""
        if self._window is not None:
            self._window.controller.answer_laptop(request, let_in)

    @property
    def slide_showing(self) -> bool:
        return self._window is not None and self._window.slide.isVisible()

    def toggle_slide(self) -> bool:
        """Show the join slide on the projector, or take it away if it is there; False when no room is open."""
        window = self._window
        if window is None or not self.status.open:
            return False
        if window.slide.isVisible():
            window.slide.hide()
        else:
            window.show_join_slide()
        return True

    def hide_slide(self) -> bool:
        """Take the join slide away; True when it was up (run mode then lets the clicker key do nothing else)."""
        if not self.slide_showing:
            return False
        self._window.slide.hide()
        return True


class RoomCard(QWidget):
    """The console's view of the room; hidden while no room is open."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from facilitator.ui.room.join_slide import JoinSlide  # segno and QtSvg load only in run mode

        self.link = RoomLink.of(document)
        self.document = document
        self.head = QLabel("PHONES IN THE ROOM", self)
        self.head.setObjectName("notesHead")
        self.slide = JoinSlide(compact=True, parent=self)
        self.slide.setMinimumSize(200, 118)
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.counts.setObjectName("dayDetail")  # the console's muted text on paper
        self.button = QPushButton(SHOW_TEXT, self)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the clicker's keys stay with the run
        self.button.setToolTip("Late joiners: show the code and address on the projector again (J)")
        self.button.clicked.connect(self.toggle_slide)
        self.asks = LaptopAsks(self)  # "Table 2 asks to join this room": Let in / Refuse, here too
        self.asks.answered.connect(self.link.answer_laptop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.head)
        layout.addWidget(self.slide)
        layout.addWidget(self.counts)
        layout.addWidget(self.asks)
        layout.addWidget(self.button)
        self.link.status_changed.connect(self._show_status)
        self.link.slide_toggled.connect(self._show_slide_state)
        self._show_status(self.link.status)

    def toggle_slide(self) -> None:
        self.link.toggle_slide()

    def _show_status(self, status: RoomStatus) -> None:
        from facilitator.ui.room.join_slide import JoinInfo

        self.setVisible(status.open)
        self.asks.show_asks(status.asking if status.open else ())
        if not status.open:
            self.slide.set_info(None)
            return
        self.slide.set_info(JoinInfo(status.url, status.code, self.document.project.event.title, status.locked))
        phones = "1 phone" if status.connected == 1 else f"{status.connected} phones"
        waiting = "" if not status.waiting else f" · {status.waiting} waiting for approval"
        self.counts.setText(f"{phones} connected{waiting}")
        self._show_slide_state(self.link.slide_showing)

    def _show_slide_state(self, showing: bool) -> None:
        self.button.setText(HIDE_TEXT if showing else SHOW_TEXT)
