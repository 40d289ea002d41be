"""The Room window: choose the network, open or lock the room, show the join slide, and see who got through.

It presents the :class:`RoomController`'s status and sends it the facilitator's choices; it holds no
state of its own beyond the widgets. Phone text never appears here as markup (plain-text labels only).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.room.guidance import RoomStatus
from facilitator.room.network import Address
from facilitator.ui.room.controller import RoomController
from facilitator.ui.room.join_slide import JoinInfo, JoinSlide
from facilitator.ui.who_is_here import WhoIsHere


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class RoomPanel(QWidget):
    """The console's room section. ``show_slide_requested`` asks for the join slide on the projector."""

    show_slide_requested = Signal()

    def __init__(
        self, controller: RoomController, addresses: list[Address], title: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.title = title
        self.setObjectName("roomPanel")
        self.network = QComboBox(self)
        self.network.setAccessibleName("Network for the phones")
        for address in addresses:
            self.network.addItem(address.label, address.ip)
        if not addresses:
            self.network.addItem("No network found: connect to Wi-Fi first", "")
        self.open_button = QPushButton("Open the room", self)
        self.open_button.clicked.connect(self._toggle_open)
        self.lock_box = QCheckBox("Lock the room (no new phones)", self)
        self.lock_box.setEnabled(False)
        self.lock_box.toggled.connect(controller.set_locked)
        self.slide_button = QPushButton("Show the join slide", self)
        self.slide_button.setEnabled(False)
        self.slide_button.clicked.connect(self.show_slide_requested)
        self.preview = JoinSlide(compact=True, parent=self)
        self.preview.setMinimumHeight(180)
        self.summary = _plain(QLabel(self))
        self.summary.setObjectName("roomSummary")
        self.error = _plain(QLabel(self))
        self.error.setObjectName("roomError")
        self.error.setStyleSheet("color: #a1261d;")
        self.error.hide()
        self.guidance = _plain(QLabel(self))
        self.guidance.setObjectName("roomGuidance")
        self.laptop_link = _plain(QLabel(self))
        self.laptop_link.setObjectName("roomLaptopLink")
        self.laptop_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.laptop_link.setAccessibleName("Link for note-takers' laptops")
        self.who = WhoIsHere(self)
        self.who.answered.connect(controller.answer_laptop)

        row = QHBoxLayout()
        row.addWidget(QLabel("Network:", self))
        row.addWidget(self.network, 1)
        row.addWidget(self.open_button)
        controls = QHBoxLayout()
        controls.addWidget(self.lock_box)
        controls.addStretch(1)
        controls.addWidget(self.slide_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(controls)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.guidance)
        layout.addWidget(self.laptop_link)
        layout.addWidget(self.who)

        controller.status_changed.connect(self.show_status)
        controller.failed.connect(self.show_error)
        self.show_status(controller.status())

    def _toggle_open(self) -> None:
        self.error.hide()
        if self.controller.is_open:
            self.controller.request_close()
        else:
            host = self.network.currentData()
            if not host:
                self.show_error("There is no network to open the room on. Connect this laptop to Wi-Fi first.")
                return
            self.controller.request_open(host)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def show_status(self, status: RoomStatus) -> None:
        self.open_button.setText("Close the room" if status.open else "Open the room")
        self.network.setEnabled(not status.open)
        self.lock_box.setEnabled(status.open)
        self.slide_button.setEnabled(status.open)
        if not status.open and self.lock_box.isChecked():
            self.lock_box.blockSignals(True)
            self.lock_box.setChecked(False)
            self.lock_box.blockSignals(False)
        info = JoinInfo(status.url, status.code, self.title, status.locked) if status.open else None
        if info != self.preview.info:
            self.preview.set_info(info)
        self.summary.setText(status.summary)
        tips = status.guidance
        self.guidance.setText("\n".join([tips[0], *(f"• {tip}" for tip in tips[1:])]) if tips else "")
        self.guidance.setVisible(bool(tips))
        self.laptop_link.setText(
            "Note-takers' laptops join with File > Join a room… and this room's address; you let each one in "
            f"below. Or give them this link, which needs no letting in: {status.laptop_url}"
            if status.laptop_url
            else ""
        )
        self.laptop_link.setVisible(bool(status.laptop_url))
        self.who.show_people(list(status.people), status.asking)
        self.who.setVisible(status.open)
