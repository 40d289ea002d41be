"""The agenda tab: the necklace, the day's total against its planned end, and the editable table.

Keyboard first: Insert adds an item after the current one, Delete removes the
selected items, Ctrl+Up / Ctrl+Down move the current item; F2 or typing
edits a cell. Every edit is one undo step (Edit > Undo).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTime, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.agenda import AgendaItem, Kind, Phase, describe_overrun, overrun_minutes, total_minutes
from facilitator.ui import theme
from facilitator.ui.agenda.commands import DeleteItems, EditEventTimes, EditItem, InsertItem, MoveItem
from facilitator.ui.agenda.model import COL, MAX_MINUTES, AgendaModel, phase_label
from facilitator.ui.agenda.necklace import NecklaceWidget
from facilitator.ui.document import Document


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down for kind, phase, diamond and wall; ``choices`` is called each time (walls come and go)."""

    def __init__(self, choices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        box = QComboBox(parent)
        for label, value in self.choices():
            box.addItem(label, value)
        box.activated.connect(self._commit)
        return box

    def _commit(self) -> None:
        editor = self.sender()
        self.commitData.emit(editor)
        self.closeEditor.emit(editor)

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(0, found))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class MinutesDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(0, MAX_MINUTES)
        spin.setSingleStep(5)
        spin.setSuffix(" min")
        return spin


class TextBox(QPlainTextEdit):
    """A multi-line field that commits once, when the user leaves it (one undo step per visit)."""

    committed = Signal(str)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit(self.toPlainText())


class AgendaEditor(QWidget):
    """Replaces the foundation's read-only agenda table."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.necklace = NecklaceWidget(document, self)
        self.summary = QLabel(self)
        self.summary.setObjectName("subheading")
        self.overrun = QLabel(self)
        self.run_button = QPushButton("▶  Run the day (F5)", self)
        self.run_button.setToolTip("Open the console here and the countdown on the projector")
        self.model = AgendaModel(document, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionsClickable(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col in (0, 1, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        widths = {"title": 250, "kind": 80, "phase": 85, "diamond_id": 170, "wall_id": 90, "instructions": 210}
        for field, width in widths.items():
            self.table.setColumnWidth(COL[field], width)
        self.table.setItemDelegateForColumn(COL["minutes"], MinutesDelegate(self.table))
        self.table.setItemDelegateForColumn(COL["kind"], ChoiceDelegate(self._kinds, self.table))
        self.table.setItemDelegateForColumn(COL["phase"], ChoiceDelegate(self._phases, self.table))
        self.table.setItemDelegateForColumn(COL["diamond_id"], ChoiceDelegate(self._diamonds, self.table))
        self.table.setItemDelegateForColumn(COL["wall_id"], ChoiceDelegate(self._walls, self.table))
        self.table.installEventFilter(self)
        hint = QLabel("Insert adds · Delete removes · Ctrl+↑/↓ moves · drag rows to reorder · F2 edits", self)
        hint.setObjectName("subheading")
        self.start_edit = self._time_edit("The day's planned start: every item's times follow")
        self.end_edit = self._time_edit("The day's planned end: the total is compared with it")

        # The current item's long texts, easier to write here than in a cell.
        self.instructions = TextBox(self)
        self.instructions.setPlaceholderText("What the room sees on the projector during this item")
        self.instructions.committed.connect(self._commit_instructions)
        self.notes = TextBox(self)
        self.notes.setPlaceholderText("Only you see these, on the console")
        self.notes.committed.connect(self._commit_notes)
        details = QGridLayout()
        details.setHorizontalSpacing(12)
        self.instructions_label = QLabel("Room instructions", self)
        self.instructions_label.setObjectName("subheading")
        notes_label = QLabel("Private notes", self)
        notes_label.setObjectName("subheading")
        details.addWidget(self.instructions_label, 0, 0)
        details.addWidget(notes_label, 0, 1)
        details.addWidget(self.instructions, 1, 0)
        details.addWidget(self.notes, 1, 1)
        for box in (self.instructions, self.notes):
            box.setFixedHeight(72)
            box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            box.setTabChangesFocus(True)

        top = QHBoxLayout()
        top.addWidget(QLabel("Starts", self))
        top.addWidget(self.start_edit)
        top.addWidget(QLabel("ends", self))
        top.addWidget(self.end_edit)
        top.addSpacing(12)
        top.addWidget(self.summary)
        top.addSpacing(8)
        top.addWidget(self.overrun)
        top.addStretch(1)
        top.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.addWidget(self.necklace)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(details)
        layout.addWidget(hint)
        document.changed.connect(self._on_changed)
        self.model.modelReset.connect(self._restore_current)
        self._current_id: str | None = None
        self._last_row = 0
        self._current_col = COL["title"]
        self._refresh_summary()
        self._show_times()
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        if document.project.agenda:
            self.select_row(0)
        self._show_details()

    def _time_edit(self, tip: str) -> QTimeEdit:
        edit = QTimeEdit(self)
        edit.setDisplayFormat("HH:mm")
        edit.setToolTip(tip)
        edit.editingFinished.connect(self._commit_times)
        return edit

    def _commit_times(self) -> None:
        start = self.start_edit.time().toPython()
        end = self.end_edit.time().toPython()
        event = self.document.project.event
        if (start, end) == (event.planned_start, event.planned_end):
            return
        if end <= start:
            self._show_times()  # refused: a day must end after it starts
            self.overrun.setText("The end must be after the start")
            self.overrun.setStyleSheet("color: #b3261e; font-weight: 700; font-size: 13px;")
            return
        self.document.undo_stack.push(EditEventTimes(self.document, start, end))

    def _show_times(self) -> None:
        event = self.document.project.event
        for edit, value in ((self.start_edit, event.planned_start), (self.end_edit, event.planned_end)):
            edit.blockSignals(True)
            edit.setTime(QTime(value.hour, value.minute))
            edit.blockSignals(False)

    def _current_item(self) -> AgendaItem | None:
        return next((it for it in self.document.project.agenda if it.id == self._current_id), None)

    def _show_details(self) -> None:
        item = self._current_item()
        for box, field in ((self.instructions, "instructions"), (self.notes, "notes")):
            box.setEnabled(item is not None)
            if box.hasFocus() and item is not None and item.id == getattr(box, "item_id", None):
                continue  # the user is typing here: do not pull the text from under them
            box.item_id = item.id if item else None
            text = getattr(item, field) if item else ""
            if box.toPlainText() != text:
                box.setPlainText(text)
        self.instructions_label.setText(f"Room instructions: {item.title}" if item else "Room instructions")

    def _commit_text(self, box: TextBox, field: str, text: str) -> None:
        item_id = getattr(box, "item_id", None)
        item = next((it for it in self.document.project.agenda if it.id == item_id), None)
        text = text.strip()
        if item is None or getattr(item, field) == text:
            return
        label = "instructions" if field == "instructions" else "private notes"
        self.document.undo_stack.push(EditItem(self.document, item.id, field, text, label))

    def _commit_instructions(self, text: str) -> None:
        self._commit_text(self.instructions, "instructions", text)

    def _commit_notes(self, text: str) -> None:
        self._commit_text(self.notes, "notes", text)

    # -- choices for the drop-downs ------------------------------------------------------------
    def _kinds(self):
        return [(k.value.capitalize(), k.value) for k in Kind]

    def _phases(self):
        return [(phase_label(p) if p is not Phase.NONE else "None", p.value) for p in Phase]

    def _diamonds(self):
        return [("None", None)] + [(d.question, d.id) for d in self.document.project.diamonds]

    def _walls(self):
        return [("None", None)] + [(w.name, w.id) for w in self.document.project.walls]

    # -- keeping the view in step -----------------------------------------------------------------
    def _on_changed(self, what: str) -> None:
        if what in ("agenda", "event"):
            self._refresh_summary()
            self._show_details()
        if what == "event":
            self._show_times()

    def _refresh_summary(self) -> None:
        project = self.document.project
        total = total_minutes(project.agenda)
        ev = project.event
        self.summary.setText(
            f"{len(project.agenda)} items · {total // 60} h {total % 60:02d} min from {ev.planned_start:%H:%M} "
            f"· planned end {ev.planned_end:%H:%M}"
        )
        over = overrun_minutes(ev, project.agenda)
        colour = "#b3261e" if over > 0 else (theme.ACCENT if over < 0 else theme.MUTED)
        self.overrun.setText(describe_overrun(over))
        self.overrun.setStyleSheet(f"color: {colour}; font-weight: 700; font-size: 13px;")

    def _restore_current(self) -> None:
        """After a reset, select the item the user was on (followed by id), else the nearest row."""
        agenda = self.document.project.agenda
        if not agenda:
            return
        row = next((i for i, it in enumerate(agenda) if it.id == self._current_id), None)
        if row is None:
            row = min(max(0, self._last_row), len(agenda) - 1)
        self.table.setCurrentIndex(self.model.index(row, self._current_col))
        self.table.selectRow(row)

    def _on_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        agenda = self.document.project.agenda
        if current.isValid() and current.row() < len(agenda):
            self._current_id = agenda[current.row()].id
            self._last_row = current.row()
            self._current_col = max(0, current.column())
            self._show_details()

    def current_row(self) -> int:
        return max(0, self.table.currentIndex().row())

    def select_row(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, COL["title"]))

    # -- keyboard ---------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress and self._key(event):
            return True
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Insert and not ctrl:
            self.insert_item()
        elif key == Qt.Key.Key_Delete and not ctrl:
            self.delete_selected()
        elif key == Qt.Key.Key_Up and ctrl:
            self.move_current(-1)
        elif key == Qt.Key.Key_Down and ctrl:
            self.move_current(1)
        else:
            return False
        return True

    # -- edits ----------------------------------------------------------------------------------------
    def insert_item(self) -> None:
        """Add a 15-minute item after the current one and start typing its title."""
        agenda = self.document.project.agenda
        row = self.table.currentIndex().row()
        index = row + 1 if 0 <= row < len(agenda) else len(agenda)
        item = AgendaItem(title="New item", minutes=15)
        self._current_id = item.id
        self.document.undo_stack.push(InsertItem(self.document, index, item))
        title = self.model.index(index, COL["title"])
        self.table.setCurrentIndex(title)
        self.table.edit(title)

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        if not rows:
            return
        agenda = self.document.project.agenda
        after = rows[-1] + 1
        if after < len(agenda):
            self._current_id = agenda[after].id
        else:
            self._current_id = agenda[rows[0] - 1].id if rows[0] > 0 else None
        self._last_row = rows[0]
        self.document.undo_stack.push(DeleteItems(self.document, rows))

    def move_current(self, step: int) -> None:
        row = self.table.currentIndex().row()
        target = row + step
        if row < 0 or not 0 <= target < len(self.document.project.agenda):
            return
        self._current_id = self.document.project.agenda[row].id
        self.document.undo_stack.push(MoveItem(self.document, row, target))
