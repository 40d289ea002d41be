"""The console's "Who is here" list: laptops joined to the room and phones heard from, with last contact."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QVBoxLayout, QWidget

from facilitator.sync.presence import Present


class WhoIsHere(QWidget):
    """A heading and one line per laptop or phone; :meth:`show_people` refreshes it (once a second is plenty)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whoIsHere")
        self.heading = QLabel("Who is here", self)
        self.heading.setStyleSheet("font-weight: 600;")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Laptops and phones in the room")
        self.list.setMinimumHeight(60)
        self.list.setMaximumHeight(140)  # a few lines; the room's panel keeps its space for the join slide
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # a list to read, not to pick from
        self.empty = QLabel("No laptop or phone has joined yet.", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        self.show_people([])

    def show_people(self, people: list[Present]) -> None:
        lines = [p.line() for p in people]
        if [self.list.item(i).text() for i in range(self.list.count())] != lines:
            self.list.clear()
            self.list.addItems(lines)
        laptops = sum(p.kind == "laptop" for p in people)
        phones = len(people) - laptops
        self.heading.setText(f"Who is here: {_count(laptops, 'laptop')}, {_count(phones, 'phone')}")
        self.list.setVisible(bool(people))
        self.empty.setVisible(not people)


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")
