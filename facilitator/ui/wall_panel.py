"""A wall's tab: its clusters and notes (the sticky-note canvas grows from here)."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from facilitator.core.palette import hex_for
from facilitator.ui.document import Document


class WallPanel(QWidget):
    def __init__(self, document: Document, wall_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.wall_id = wall_id
        self.summary = QLabel(self)
        self.summary.setObjectName("subheading")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Cluster / note", "Author", "Group", "Dots"])
        self.tree.setColumnWidth(0, 520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        document.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, what: str) -> None:
        if what in ("walls", f"wall:{self.wall_id}"):
            self.refresh()

    def refresh(self) -> None:
        wall = self.document.project.wall(self.wall_id)
        self.tree.clear()
        for cluster, dots in wall.ranked_clusters():
            top = QTreeWidgetItem(self.tree, [cluster.title, "", "", str(dots)])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for note in wall.members(cluster.id):
                self._note_item(top, note, wall.note_dots(note.id))
            top.setExpanded(True)
        loose = wall.unclustered()
        if loose:
            top = QTreeWidgetItem(self.tree, ["Not yet clustered", "", "", ""])
            for note in loose:
                self._note_item(top, note, wall.note_dots(note.id))
            top.setExpanded(True)
        self.summary.setText(f"{len(wall.notes)} notes in {len(wall.clusters)} clusters, {wall.total_dots} dots")

    @staticmethod
    def _note_item(parent: QTreeWidgetItem, note, dots: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [note.text, note.author, note.group, str(dots) if dots else ""])
        item.setBackground(0, QBrush(QColor(hex_for(note.colour))))
        item.setToolTip(0, note.text)
        return item
