"""The agenda tab: the necklace, the day's total against its planned end, and the editable table.

Keyboard first: Insert (or Ctrl+Enter, for keyboards without Insert) adds an
item after the current one, Ctrl+D duplicates, Delete removes the selected
items, Ctrl+Up / Ctrl+Down move the current item; F2 or typing edits a cell.
The same verbs are buttons under the table and the main window's Agenda menu.
Every edit is one undo step (Edit > Undo).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTime, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
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
from facilitator.core.ids import new_id
from facilitator.core.words import plural
from facilitator.edits import Notice
from facilitator.ui import theme
from facilitator.ui.agenda.model import COL, MAX_MINUTES, AgendaModel, phase_label
from facilitator.ui.agenda.necklace import NecklaceWidget
from facilitator.ui.agenda.undo import DeleteItems, EditEventTimes, EditItem, InsertItem, MoveItem
from facilitator.ui.document import Document
from facilitator.ui.fields import ChoiceDelegate


class MinutesDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        spin = QSpinBox(parent)
        spin.setRange(0, MAX_MINUTES)
        spin.setSingleStep(5)
        spin.setSuffix(" min")
        spin.setAccessibleName("Minutes")
        return spin

    def updateEditorGeometry(self, editor: QWidget, option, index: QModelIndex) -> None:
        """The column is as narrow as "120"; the editor needs room for "120 min" and its arrows."""
        rect = option.rect
        editor.setGeometry(rect.x(), rect.y(), max(rect.width(), editor.sizeHint().width()), rect.height())


class TextBox(QPlainTextEdit):
    """A multi-line field that commits once, when the user leaves it (one undo step per visit)."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_id: str | None = None  # the agenda item whose text this shows (a commit goes to it)

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
        header.setStretchLastSection(True)
        # Widths from the font, so a larger system font widens the columns instead of cutting words.
        table = self.table
        for col, samples in ((0, ["00:00", "Start"]), (1, ["00:00", "End"]), (3, ["600", "Min"])):
            # Fixed from the font, not ResizeToContents: that reads every cell on each layout pass.
            table.setColumnWidth(col, theme.text_width(table, samples, extra=24, bold=True))
        widths = {
            "title": theme.char_width(table, 26),
            "kind": theme.text_width(table, ["Activity", "Plenary", "Kind"], bold=True),
            "phase": theme.text_width(table, ["Discover", "Develop", "Deliver", "Phase"], bold=True),
            "diamond_id": theme.char_width(table, 18),
            "wall_id": theme.text_width(table, ["Wall", *(w.name for w in document.project.walls[:8])], bold=True),
            "instructions": theme.text_width(table, ["Room instructions"], extra=60, bold=True),
        }
        for field, width in widths.items():
            self.table.setColumnWidth(COL[field], min(width, theme.char_width(table, 30)))
        self.table.setItemDelegateForColumn(COL["minutes"], MinutesDelegate(self.table))
        for field, choices in (
            ("kind", self._kinds),
            ("phase", self._phases),
            ("diamond_id", self._diamonds),
            ("wall_id", self._walls),
        ):
            delegate = ChoiceDelegate(choices, self.table)
            delegate.refused.connect(self.show_message)
            self.table.setItemDelegateForColumn(COL[field], delegate)
        self.table.setAccessibleName("Agenda items")
        self.table.installEventFilter(self)
        # Shown over the empty table, so the table keeps the keyboard (Insert still adds).
        self.empty = QLabel(
            "No items yet.\nPress Add item (Insert or Ctrl+Enter) and type a title, or add a method from the library.",
            self.table.viewport(),
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {theme.MUTED}; padding: 16px;")
        self.empty.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.table.viewport().installEventFilter(self)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.message.setWordWrap(True)
        self._build_actions()
        hint = QLabel(
            f"{self._keys(self.add_action)} adds · Delete removes · {self._keys(self.duplicate_action)} duplicates · "
            "Ctrl+↑/↓ moves · drag rows to reorder · F2 or typing edits",
            self,
        )
        hint.setObjectName("subheading")
        hint.setWordWrap(True)
        self.start_edit = self._time_edit("The day's planned start: every item's times follow")
        self.start_edit.setAccessibleName("Day starts")
        self.end_edit = self._time_edit("The day's planned end: the total is compared with it")
        self.end_edit.setAccessibleName("Day ends")

        # The current item's long texts, easier to write here than in a cell.
        self.instructions = TextBox(self)
        self.instructions.setPlaceholderText("What the room sees on the projector during this item")
        self.instructions.setAccessibleName("Room instructions of the current item")
        self.instructions.committed.connect(self._commit_instructions)
        self.notes = TextBox(self)
        self.notes.setPlaceholderText("Only you see these, on the console")
        self.notes.setAccessibleName("Private notes of the current item")
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
        layout.addLayout(self._button_row())
        layout.addLayout(details)
        layout.addWidget(hint)
        document.changed.connect(self._on_changed)
        self.model.modelReset.connect(self._restore_current)
        self.library_window = None
        self._current_id: str | None = None
        self._last_row = 0
        self._current_col = COL["title"]
        self._refresh_summary()
        self._show_times()
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.model.dataChanged.connect(self._clear_message)
        self._update_state()
        if document.project.agenda:
            self.select_row(0)
        self._show_details()

    # -- actions and buttons ------------------------------------------------------------------
    def _build_actions(self) -> None:
        """The agenda's verbs as actions: buttons, the main window's Agenda menu and the keys share them.

        Their keys work anywhere in this tab. Ctrl+Enter adds on keyboards without
        Insert (Cmd+Return on a Mac).
        """
        self.add_action = self._new_action(
            "&Add item", self.add_new_item, ["Insert", "Ctrl+Return", "Ctrl+Enter"], "Add an item after the current one"
        )
        self.library_action = self._new_action(
            "Add from the &library…", self.open_library, ["Ctrl+L"], "Add a method from the library of activities"
        )
        self.template_action = self._new_action(
            "Save as &template…", self.ask_template_name, [], "Keep the current item as your own method template"
        )
        self.duplicate_action = self._new_action(
            "D&uplicate item", self.duplicate_selected, ["Ctrl+D"], "Add a copy of the selected items after them"
        )
        self.remove_action = self._new_action(
            "&Remove item", self.delete_selected, [], "Remove the selected items (Delete)"
        )
        self.up_action = self._new_action("Move &up", self.move_up, [], "Move the current item earlier (Ctrl+↑)")
        self.down_action = self._new_action("Move &down", self.move_down, [], "Move the current item later (Ctrl+↓)")
        self.agenda_actions = [
            self.add_action,
            self.library_action,
            self.template_action,
            self.duplicate_action,
            self.remove_action,
            self.up_action,
            self.down_action,
        ]

    def _new_action(self, text: str, slot, keys: list[str], tip: str) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tip = f"{tip} ({self._keys(action)})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    @staticmethod
    def _keys(action: QAction) -> str:
        """The action's keys as this platform writes them ("Ins or Ctrl+Return"; "⌘↩" on a Mac)."""
        native = QKeySequence.SequenceFormat.NativeText
        seen: list[str] = []
        for key in action.shortcuts():
            text = key.toString(native)
            if text and text not in seen and "Enter" not in text:
                seen.append(text)
        return " or ".join(seen)

    def _button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        for name, action, label in (
            ("add", self.add_action, "Add item"),
            ("library", self.library_action, "From the library…"),
            ("duplicate", self.duplicate_action, "Duplicate"),
            ("remove", self.remove_action, "Remove"),
            ("up", self.up_action, "↑"),
            ("down", self.down_action, "↓"),
        ):
            button = QPushButton(label, self)
            button.setToolTip(action.toolTip())
            button.setAccessibleName(action.text().replace("&", ""))
            button.clicked.connect(action.trigger)
            if label in ("↑", "↓"):
                button.setFixedWidth(max(36, button.sizeHint().width()))
            self.buttons[name] = button
            row.addWidget(button)
        row.addSpacing(8)
        row.addWidget(self.message, 1)
        self.buttons["template"] = QPushButton("Save as template…", self)
        self.buttons["template"].setToolTip(self.template_action.toolTip())
        self.buttons["template"].setAccessibleName("Save the current item as a template")
        self.buttons["template"].clicked.connect(self.template_action.trigger)
        row.addWidget(self.buttons["template"])
        return row

    def show_message(self, text: str, error: bool = True) -> None:
        self.message.setStyleSheet(f"color: {'#b3261e' if error else theme.ACCENT}; font-weight: 600;")
        self.message.setText(text)

    def _clear_message(self) -> None:
        self.message.clear()

    def _update_state(self) -> None:
        has_rows = bool(self.document.project.agenda)
        self.empty.setVisible(not has_rows)
        self._place_empty()
        for action in (
            self.duplicate_action,
            self.remove_action,
            self.up_action,
            self.down_action,
            self.template_action,
        ):
            action.setEnabled(has_rows)
        for name in ("duplicate", "remove", "up", "down", "template"):
            self.buttons[name].setEnabled(has_rows)

    def _place_empty(self) -> None:
        viewport = self.table.viewport()
        self.empty.setGeometry(0, 0, viewport.width(), max(viewport.height(), 60))

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
            self.overrun.setStyleSheet("color: #b3261e; font-weight: 700;")
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
            if box.hasFocus() and item is not None and item.id == box.item_id:
                continue  # the user is typing here: do not pull the text from under them
            box.item_id = item.id if item else None
            text = getattr(item, field) if item else ""
            if box.toPlainText() != text:
                box.setPlainText(text)
        self.instructions_label.setText(f"Room instructions: {item.title}" if item else "Room instructions")

    def _commit_text(self, box: TextBox, field: str, text: str) -> None:
        item = next((it for it in self.document.project.agenda if it.id == box.item_id), None)
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
    def _kinds(self, _index: QModelIndex | None = None):
        return [(k.value.capitalize(), k.value) for k in Kind]

    def _phases(self, _index: QModelIndex | None = None):
        return [(phase_label(p) if p is not Phase.NONE else "None", p.value) for p in Phase]

    def _diamonds(self, _index: QModelIndex | None = None):
        return [("None", None)] + [(d.question, d.id) for d in self.document.project.diamonds]

    def _walls(self, _index: QModelIndex | None = None):
        return [("None", None)] + [(w.name, w.id) for w in self.document.project.walls]

    # -- keeping the view in step -----------------------------------------------------------------
    def _on_changed(self, notice: Notice) -> None:
        if notice.touches("agenda", "event"):
            self._refresh_summary()
            self._show_details()
            self._update_state()
        if notice.touches("event"):
            self._show_times()

    def _refresh_summary(self) -> None:
        project = self.document.project
        total = total_minutes(project.agenda)
        ev = project.event
        self.summary.setText(
            f"{plural(len(project.agenda), 'item')} · {total // 60} h {total % 60:02d} min "
            f"from {ev.planned_start:%H:%M} · planned end {ev.planned_end:%H:%M}"
        )
        over = overrun_minutes(ev, project.agenda)
        colour = "#b3261e" if over > 0 else (theme.ACCENT if over < 0 else theme.MUTED)
        self.overrun.setText(describe_overrun(over))
        self.overrun.setStyleSheet(f"color: {colour}; font-weight: 700;")

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
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._place_empty()
        if watched is self.table and event.type() == QEvent.Type.KeyPress and self._key(event):
            return True
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Delete and not ctrl:
            self.delete_selected()
        elif key == Qt.Key.Key_Up and ctrl:
            self.move_current(-1)
        elif key == Qt.Key.Key_Down and ctrl:
            self.move_current(1)
        else:
            return False
        return True

    # -- edits ----------------------------------------------------------------------------------------
    def _finish_editing(self) -> None:
        """Store a cell being typed in before the agenda changes (a reset would drop its text)."""
        index = self.table.currentIndex()
        editor = self.table.indexWidget(index) if index.isValid() else None
        if editor is not None:
            delegate = self.table.itemDelegateForIndex(index)
            delegate.commitData.emit(editor)
            delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def insert_item(self, item: AgendaItem | None = None, edit_title: bool = True) -> None:
        """Add an item (a new 15-minute one by default) after the current one, as one undo step,
        and start typing its title."""
        self._finish_editing()
        agenda = self.document.project.agenda
        row = self.table.currentIndex().row()
        index = row + 1 if 0 <= row < len(agenda) else len(agenda)
        item = item or AgendaItem(title="New item", minutes=15)
        self._current_id = item.id
        self.document.undo_stack.push(InsertItem(self.document, index, item))
        if len(agenda) <= index or agenda[index].id != item.id:
            return  # the write failed; the document has said so
        title = self.model.index(index, COL["title"])
        self.table.setCurrentIndex(title)
        self.table.selectRow(index)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if edit_title:
            self.table.edit(title)

    def duplicate_selected(self) -> None:
        """Copies of the selected items, each right after the last selected one, as one undo step."""
        self._finish_editing()
        agenda = self.document.project.agenda
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        rows = [r for r in rows if 0 <= r < len(agenda)]
        if not rows:
            return
        copies = [dataclasses.replace(agenda[r], id=new_id()) for r in rows]
        at = rows[-1] + 1
        stack = self.document.undo_stack
        label = f"Duplicate “{copies[0].title}”" if len(copies) == 1 else f"Duplicate {len(copies)} items"
        stack.beginMacro(label)
        for offset, copy in enumerate(copies):
            stack.push(InsertItem(self.document, at + offset, copy))
        stack.endMacro()
        self._current_id = copies[0].id
        self._restore_current()

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

    # -- the method library ------------------------------------------------------------------------
    def open_library(self) -> None:
        """The library window, non-modal: each method chosen is added after the current item (one undo step)."""
        from facilitator.ui.agenda.library import MethodLibraryDialog, default_library

        self._finish_editing()
        if self.library_window is not None and self.library_window.isVisible():
            self.library_window.raise_()
            self.library_window.activateWindow()
            return
        dialog = MethodLibraryDialog(default_library(), self)
        dialog.add_requested.connect(self.add_method)
        dialog.finished.connect(dialog.deleteLater)
        dialog.destroyed.connect(self._library_closed)
        self.library_window = dialog
        dialog.open()

    def _library_closed(self) -> None:
        self.library_window = None

    def add_method(self, method) -> None:
        from facilitator.core.methods import agenda_item

        self.insert_item(agenda_item(method), edit_title=False)

    def add_new_item(self) -> None:
        self.insert_item()

    def ask_template_name(self) -> None:
        self.save_as_template()

    def save_as_template(self, name: str | None = None) -> bool:
        """Keep the current item as one of your templates (in your user data folder, for every project)."""
        from facilitator.core.methods import LibraryError, method_from_item, save_own
        from facilitator.ui.agenda.library import own_templates_path

        self._finish_editing()
        item = self._current_item()
        if item is None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(self, "Save as template", "Name of the template:", text=item.title)
            if not ok:
                return False
        if not name.strip():
            self.show_message("A template needs a name.")
            return False
        method = method_from_item(item, name)
        try:
            save_own(own_templates_path(), method)
        except LibraryError as exc:
            self.show_message(str(exc))
            return False
        self.show_message(f"Saved “{method.title}” to your templates (From the library…).", error=False)
        return True

    def move_up(self) -> None:
        self.move_current(-1)

    def move_down(self) -> None:
        self.move_current(1)

    def move_current(self, step: int) -> None:
        row = self.table.currentIndex().row()
        target = row + step
        if row < 0 or not 0 <= target < len(self.document.project.agenda):
            return
        self._current_id = self.document.project.agenda[row].id
        self.document.undo_stack.push(MoveItem(self.document, row, target))
