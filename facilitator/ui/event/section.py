"""One editable list on the set-up screens: a titled table with Add/Remove/Up/Down and their keys.

Keyboard first, like the agenda editor: Insert adds after the current row and
starts typing in it, Delete removes the selected rows, Ctrl+Up / Ctrl+Down
move the current row, F2 or typing edits a cell. An empty list says what it
is for instead of showing a blank table. Refused input shows its reason under
the table until the next edit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.ui import theme
from facilitator.ui.event.models import SetupListModel

ERROR_STYLE = "color: #b3261e; font-weight: 600;"
TITLE_STYLE = f"color: {theme.INK}; font-weight: 700;"  # its size: QLabel#sectionTitle in the theme


class ListSection(QWidget):
    """A table over one set-up model; the section follows the current row by id across resets."""

    def __init__(
        self, title: str, blurb: str, empty: str, model: SetupListModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        # The title's underlined letter (Alt+letter) jumps to the table; menus own F, E, V, R, W and H.
        self.title = QLabel(title, self)
        self.title.setObjectName("sectionTitle")
        self.title.setStyleSheet(TITLE_STYLE)
        self.blurb = QLabel(blurb, self)
        self.blurb.setObjectName("subheading")
        self.blurb.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setAccessibleName(title.replace("&", ""))
        self.title.setBuddy(self.table)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionsClickable(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)
        self.table.setStyleSheet(f"QTableView {{ border: 1px solid {theme.LINE}; border-radius: 4px; }}")

        # Shown over the empty table, so the table keeps the keyboard (Insert still adds).
        self.empty = QLabel(empty, self.table.viewport())
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {theme.MUTED}; padding: 16px;")
        self.empty.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.table.viewport().installEventFilter(self)

        self.add_button = self._button("Add", "Add after the current row (Insert)", self.add)
        self.remove_button = self._button("Remove", "Remove the selected rows (Delete)", self.remove_selected)
        self.up_button = self._button("↑", "Move up (Ctrl+↑)", self.move_up)
        self.down_button = self._button("↓", "Move down (Ctrl+↓)", self.move_down)
        for small in (self.up_button, self.down_button):
            small.setFixedWidth(max(36, small.sizeHint().width()))
        self.message = QLabel(self)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addSpacing(8)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.blurb)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self._current_id: str | None = None
        self._last_row = 0
        self._current_col = 0
        model.refused.connect(self.show_message)
        model.modelReset.connect(self._restore_current)
        model.modelReset.connect(self._update_state)
        model.dataChanged.connect(self._clear_message)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self._update_state()
        if model.rowCount():
            self.table.setCurrentIndex(model.index(0, 0))

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(slot)
        return button

    # -- state --------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def _clear_message(self) -> None:
        self.message.clear()

    def _update_state(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.empty.setVisible(not has_rows)
        self._place_empty()
        for button in (self.remove_button, self.up_button, self.down_button):
            button.setEnabled(has_rows)

    def _place_empty(self) -> None:
        viewport = self.table.viewport()
        self.empty.setGeometry(0, 0, viewport.width(), max(viewport.height(), 60))

    def _on_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        rows = self.model.rows()
        if current.isValid() and current.row() < len(rows):
            self._current_id = rows[current.row()].id
            self._last_row = current.row()
            self._current_col = max(0, current.column())

    def _restore_current(self) -> None:
        """After a reset (an edit, undo or redo), stay on the row the user was on, else the nearest one."""
        self.message.clear()
        rows = self.model.rows()
        if not rows:
            return
        row = self.model.row_of(self._current_id) if self._current_id else None
        if row is None:
            row = min(max(0, self._last_row), len(rows) - 1)
        self.table.setCurrentIndex(self.model.index(row, self._current_col))
        self.table.selectRow(row)

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    # -- keyboard ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._place_empty()
        if watched is self.table and event.type() == QEvent.Type.KeyPress and self._key(event):
            return True
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Insert and not ctrl:
            self.add()
        elif key == Qt.Key.Key_Delete and not ctrl:
            self.remove_selected()
        elif key == Qt.Key.Key_Up and ctrl:
            self.move_up()
        elif key == Qt.Key.Key_Down and ctrl:
            self.move_down()
        else:
            return False
        return True

    # -- edits ---------------------------------------------------------------------------------
    def _finish_editing(self) -> None:
        """Store a cell being typed in before the list changes (a reset would drop its text)."""
        index = self.table.currentIndex()
        editor = self.table.indexWidget(index) if index.isValid() else None
        if editor is not None:
            delegate = self.table.itemDelegateForIndex(index)
            delegate.commitData.emit(editor)
            delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def add(self) -> None:
        """Add a row after the current one and start typing its first cell."""
        self._finish_editing()
        row = self.current_row()
        before = self.model.rowCount()
        position = self.model.insert_row(row + 1 if row >= 0 else before)
        if self.model.rowCount() == before:
            return  # the write failed; the document has said so
        self._current_id = self.model.rows()[position].id
        self._current_col = 0
        first = self.model.index(position, 0)
        self.table.setCurrentIndex(first)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.edit(first)

    def remove_selected(self) -> None:
        self._finish_editing()
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.current_row() >= 0:
            rows = [self.current_row()]
        if not rows:
            return
        items = self.model.rows()
        after = rows[-1] + 1
        if after < len(items):
            self._current_id = items[after].id
        else:
            self._current_id = items[rows[0] - 1].id if rows[0] > 0 else None
        self._last_row = rows[0]
        self.model.remove_rows(rows)

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        self._finish_editing()
        row = self.current_row()
        if row < 0:
            return
        self._current_id = self.model.rows()[row].id
        self.model.move_row(row, step)
