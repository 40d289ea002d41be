"""The console's "Who is here" list: laptops asking to join, laptops joined and phones heard from.

A laptop that asks to join with the phones' URL waits for the facilitator: its request is a row here
("Table 2 asks to join this room", Let in, Refuse), never a dialog that would stop the session.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from facilitator.sync.presence import Present


class AskRow(QWidget):
    """One laptop's request: its name, Let in and Refuse."""

    def __init__(self, request: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self.label = QLabel(f"{name} asks to join this room", self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # the name came over the network
        self.label.setWordWrap(True)
        self.let_in = QPushButton("Let in", self)
        self.let_in.setAccessibleName(f"Let {name} in")
        self.refuse = QPushButton("Refuse", self)
        self.refuse.setAccessibleName(f"Refuse {name}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.let_in)
        layout.addWidget(self.refuse)


class LaptopAsks(QWidget):
    """A row per laptop waiting to be let in; hidden when none is. ``answered``: (request id, let in?).

    The Room window's Who is here and the run console's room card each show one, so the facilitator can
    answer wherever they are looking.
    """

    answered = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("laptopsAsking")
        self.rows: dict[str, AskRow] = {}
        self.rows_layout = QVBoxLayout(self)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.hide()

    def show_asks(self, asking: tuple[tuple[str, str, float], ...]) -> None:
        """``asking``: (request id, laptop's name, seconds waited) for each laptop waiting to be let in."""
        wanted = {request: name for request, name, _waited in asking}
        for request in [r for r in self.rows if r not in wanted]:  # answered here or elsewhere: the row goes
            row = self.rows.pop(request)
            self.rows_layout.removeWidget(row)
            row.deleteLater()
        for request, name in wanted.items():
            if request not in self.rows:
                row = AskRow(request, name, self)
                row.let_in.clicked.connect(lambda _=False, r=request: self._answer(r, True))
                row.refuse.clicked.connect(lambda _=False, r=request: self._answer(r, False))
                self.rows_layout.addWidget(row)
                self.rows[request] = row
        self.setVisible(bool(self.rows))

    def _answer(self, request: str, let_in: bool) -> None:
        row = self.rows.get(request)
        if row is not None:  # no second answer while the room takes this one
            row.let_in.setEnabled(False)
            row.refuse.setEnabled(False)
        self.answered.emit(request, let_in)


class WhoIsHere(QWidget):
    """A heading, a row per laptop asking, one line per laptop or phone; :meth:`show_people` refreshes it.

    ``answered`` carries (request id, let in?) when the facilitator presses Let in or Refuse.
    """

    answered = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whoIsHere")
        self.heading = QLabel("Who is here", self)
        self.heading.setStyleSheet("font-weight: 600;")
        self.asks = LaptopAsks(self)
        self.asks.answered.connect(self.answered)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Laptops and phones in the room")
        self.list.setMinimumHeight(60)
        self.list.setMaximumHeight(140)  # a few lines; the room's panel keeps its space for the join slide
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # a list to read, not to pick from
        self.empty = QLabel("No laptop or phone has joined yet.", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.asks)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        self.show_people([])

    @property
    def rows(self) -> dict[str, AskRow]:
        return self.asks.rows

    def show_people(self, people: list[Present], asking: tuple[tuple[str, str, float], ...] = ()) -> None:
        """``asking``: (request id, laptop's name, seconds waited) for each laptop waiting to be let in."""
        self.asks.show_asks(asking)
        self._show_lines([p.line() for p in people])
        laptops = sum(p.kind == "laptop" for p in people)
        phones = len(people) - laptops
        self.heading.setText(f"Who is here: {_count(laptops, 'laptop')}, {_count(phones, 'phone')}")
        self.list.setVisible(bool(people))
        self.empty.setVisible(not people and not asking)

    def _show_lines(self, lines: list[str]) -> None:
        """Change only the rows whose text moved, and add or drop rows at the end.

        With a full room every line changes each second ("last contact 3 s ago", the most recent first):
        clearing and refilling 150 rows cost 4-5 ms on the GUI thread once a second, in the middle of
        the phones' burst.
        """
        view = self.list
        while view.count() > len(lines):
            view.takeItem(view.count() - 1)
        kept = view.count()
        for row, line in enumerate(lines[:kept]):
            item = view.item(row)
            if item.text() != line:
                item.setText(line)
        if len(lines) > kept:
            view.addItems(lines[kept:])  # the first phones of a room arrive together: one call for all


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")
