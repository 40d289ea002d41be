"""The agenda as a Qt table model: computed times plus editable fields, every edit an undo command.

The model holds no state of its own: it reads ``project.agenda`` and resets
when the document's Notice touches the agenda, so the start and end times recompute
live after any edit, undo or redo.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from facilitator.core.agenda import AgendaItem, Kind, Phase, schedule
from facilitator.edits import Notice
from facilitator.ui import theme
from facilitator.ui.agenda.undo import EditItem, MoveItem
from facilitator.ui.document import Document

ROW_MIME = "application/x-facilitator-agenda-row"
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True)
class Column:
    title: str
    field: str | None  # the AgendaItem field it edits; None for computed columns
    label: str = ""  # how the undo menu names the change


COLUMNS = [
    Column("Start", None),
    Column("End", None),
    Column("Item", "title", "title"),
    Column("Min", "minutes", "minutes"),
    Column("Kind", "kind", "kind"),
    Column("Phase", "phase", "phase"),
    Column("Diamond", "diamond_id", "diamond"),
    Column("Wall", "wall_id", "linked wall"),
    Column("Room instructions", "instructions", "instructions"),
    Column("Private notes", "notes", "private notes"),
]
COL = {c.field or c.title.lower(): i for i, c in enumerate(COLUMNS)}
MAX_MINUTES = 600


def phase_label(phase: Phase) -> str:
    return "—" if phase is Phase.NONE else phase.value.capitalize()


class AgendaModel(QAbstractTableModel):
    def __init__(self, document: Document, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self._slots = []
        self._recompute()
        document.changed.connect(self._on_changed)

    @property
    def items(self) -> list[AgendaItem]:
        return self.document.project.agenda

    def _recompute(self) -> None:
        self._slots = schedule(self.document.project.event, self.items)
        self._ids = [it.id for it in self.items]

    def _on_changed(self, notice: Notice) -> None:
        """Same items in the same order: repaint the cells (an open cell editor stays valid); else reset."""
        if not notice.touches("agenda", "event", "wall", "diamond"):
            return
        if [it.id for it in self.items] == self._ids:
            self._recompute()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._recompute()
        self.endResetModel()

    # -- reading ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        item = self.items[row]
        slot = self._slots[row] if row < len(self._slots) else None
        field = COLUMNS[col].field
        project = self.document.project
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return slot.start.strftime("%H:%M") if slot else ""
            if col == 1:
                return slot.end.strftime("%H:%M") if slot else ""
            if field == "kind":
                return item.kind.value.capitalize()
            if field == "phase":
                return phase_label(item.phase)
            if field == "diamond_id":
                diamond = project.diamond(item.diamond_id)
                return diamond.question if diamond else "—"
            if field == "wall_id":
                wall = next((w for w in project.walls if w.id == item.wall_id), None)
                return wall.name if wall else "—"
            if field in ("instructions", "notes"):
                return " ".join(getattr(item, field).split())
            return str(getattr(item, field))
        if role == Qt.ItemDataRole.EditRole and field:
            value = getattr(item, field)
            return value.value if isinstance(value, Kind | Phase) else value
        if role == Qt.ItemDataRole.ToolTipRole and field in ("instructions", "notes", "title", "diamond_id"):
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 1, 3):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if field == "phase" and item.phase is not Phase.NONE:
                return QBrush(QColor(theme.PHASE_TEXT_COLOURS[item.phase.value]))
            if col in (0, 1) or field in ("instructions", "notes") or self.data(index) == "—":
                return QBrush(QColor(theme.MUTED))
        if role == Qt.ItemDataRole.BackgroundRole and item.kind is Kind.BREAK:
            return QBrush(QColor(theme.PANEL))
        if role == Qt.ItemDataRole.FontRole and field == "title":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if COLUMNS[index.column()].field:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- editing ------------------------------------------------------------------------------
    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = COLUMNS[index.column()]
        if column.field is None:
            return False
        item = self.items[index.row()]
        converted = self._convert(column.field, value)
        if converted is None and column.field not in ("diamond_id", "wall_id"):
            return False
        if converted == getattr(item, column.field):
            return False
        self.document.undo_stack.push(EditItem(self.document, item.id, column.field, converted, column.label))
        return True

    @staticmethod
    def _convert(field: str, value):
        """The typed value for a field, or ``None`` when the input cannot be used (the edit is refused)."""
        if field == "title":
            text = " ".join(str(value).split())
            return text or None
        if field == "minutes":
            try:
                minutes = int(value)
            except (TypeError, ValueError):
                return None
            return minutes if 0 <= minutes <= MAX_MINUTES else None
        if field == "kind":
            return Kind(value) if value in {k.value for k in Kind} else None
        if field == "phase":
            return Phase(value) if value in {p.value for p in Phase} else None
        if field in ("diamond_id", "wall_id"):
            return value or None
        return str(value).strip()

    # -- drag to reorder ---------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes})
        data.setData(ROW_MIME, str(rows[0] if rows else -1).encode())
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """Move the dragged row with one undo command.

        Returns ``False`` on purpose: the command has already moved the row,
        and a ``True`` would make the view delete the "source" row again.
        """
        if action != Qt.DropAction.MoveAction or not data.hasFormat(ROW_MIME):
            return False
        source = int(bytes(data.data(ROW_MIME)).decode() or -1)
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.items)
        target = row - 1 if row > source else row
        if 0 <= source < len(self.items) and source != target:
            self.document.undo_stack.push(MoveItem(self.document, source, max(0, min(target, len(self.items) - 1))))
        return False
