"""The agenda tab: the day's items with their computed times (the editor grows from here)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from facilitator.core.agenda import Kind, describe_overrun, overrun_minutes, schedule
from facilitator.ui import theme
from facilitator.ui.document import Document

COLUMNS = ["Start", "End", "Item", "Min", "Kind", "Phase", "Diamond"]


class AgendaPanel(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.summary = QLabel(self)
        self.summary.setObjectName("subheading")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        document.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, what: str) -> None:
        if what in ("agenda", "event", "walls"):
            self.refresh()

    def refresh(self) -> None:
        project = self.document.project
        slots = schedule(project.event, project.agenda)
        self.table.setRowCount(len(slots))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, slot in enumerate(slots):
            item = slot.item
            diamond = project.diamond(item.diamond_id)
            values = [
                slot.start.strftime("%H:%M"),
                slot.end.strftime("%H:%M"),
                item.title,
                str(item.minutes),
                item.kind.value.capitalize(),
                "" if item.phase.value == "none" else item.phase.value.capitalize(),
                diamond.question if diamond else "",
            ]
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if col == 2:
                    cell.setFont(bold)
                    cell.setToolTip(item.instructions)
                if col == 5 and value:
                    cell.setForeground(QColor(theme.PHASE_COLOURS[item.phase.value]))
                if item.kind is Kind.BREAK:
                    cell.setBackground(QColor(theme.PANEL))
                if col in (0, 1, 3):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, cell)
        total = sum(s.item.minutes for s in slots)
        over = overrun_minutes(project.event, project.agenda)
        ev = project.event
        self.summary.setText(
            f"{len(slots)} items, {total // 60} h {total % 60:02d} min from "
            f"{ev.planned_start.strftime('%H:%M')} (planned end {ev.planned_end.strftime('%H:%M')}): "
            f"{describe_overrun(over)}"
        )
