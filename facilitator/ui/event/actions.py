"""The Actions tab: what people agreed to do after the day, who does it and by when.

Filled in during the closing plenary (often typed straight onto the
projector); the event pack prints the table, soonest due first.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from facilitator.ui import theme
from facilitator.ui.document import Document
from facilitator.ui.event.delegates import DueDelegate, OwnerDelegate
from facilitator.ui.event.models import ActionsModel
from facilitator.ui.event.section import ListSection


class ActionsPanel(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.section = ListSection(
            "&Actions",
            "What people agreed to do after the day: what, who and by when. The event pack prints them.",
            "No actions yet.\n\nAt the end of the day, write down what people agreed to do, who will do it "
            "and by when, so the event pack can remind everyone.\n\nPress Insert (or Add) to write the first one.",
            ActionsModel(document),
            self,
        )
        table = self.section.table
        table.setItemDelegateForColumn(1, OwnerDelegate(self._owners, table))
        due = DueDelegate(table)
        due.read_as.connect(self.section.show_message)
        table.setItemDelegateForColumn(2, due)
        table.setColumnWidth(1, theme.char_width(table, 22))
        table.setColumnWidth(2, theme.text_width(table, ["Wed 30 Sep 2026", "No date"], extra=64))
        hint = QLabel("Insert adds · Delete removes · Ctrl+↑/↓ moves · F2 edits · Ctrl+Z undoes", self)
        hint.setObjectName("subheading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.section, 1)
        layout.addWidget(hint)

    @property
    def table(self):
        return self.section.table

    @property
    def model(self) -> ActionsModel:
        return self.section.model

    def _owners(self) -> list[str]:
        """Names already given as owners, then the organiser: one person is written one way."""
        names = [a.owner for a in self.document.project.actions if a.owner]
        names.append(self.document.project.event.organiser)
        return sorted({n for n in names if n}, key=str.casefold)
