"""Cell editors for the set-up tables: a colour list, big/small, a due date that may be empty, owner names."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QLineEdit, QStyledItemDelegate, QWidget

from facilitator.core.agenda import DiamondSize
from facilitator.ui.event.colours import GROUP_COLOURS, colour_name

# QDateEdit cannot be empty: its lowest date stands for "no date" and shows as such.
NO_DATE = QDate(2000, 1, 1)


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class _ComboDelegate(QStyledItemDelegate):
    """A drop-down that commits as soon as a choice is made (one undo step), like the agenda's."""

    def choices(self, index: QModelIndex) -> list[tuple[str, object, QIcon | None]]:
        raise NotImplementedError

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        box = QComboBox(parent)
        for label, value, icon in self.choices(index):
            if icon is None:
                box.addItem(label, value)
            else:
                box.addItem(icon, label, value)
        box.activated.connect(self._commit)
        return box

    def _commit(self) -> None:
        editor = self.sender()
        self.commitData.emit(editor)
        self.closeEditor.emit(editor)

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ColourDelegate(_ComboDelegate):
    def choices(self, index: QModelIndex) -> list[tuple[str, object, QIcon | None]]:
        options = [(name, value, swatch(value)) for name, value in GROUP_COLOURS.items()]
        current = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if current and colour_name(current) == current:  # a colour from elsewhere stays choosable
            options.append((current, current, swatch(current)))
        return options


class SizeDelegate(_ComboDelegate):
    def choices(self, index: QModelIndex) -> list[tuple[str, object, QIcon | None]]:
        return [
            ("Big: the whole day's question", DiamondSize.BIG.value, None),
            ("Small: one session's question", DiamondSize.SMALL.value, None),
        ]


class DueEdit(QDateEdit):
    """A date that may be empty: it reads "No date" until one is picked, and Delete empties it again.

    An empty date opens its calendar (and the arrow keys start) on today,
    not on the year 2000 that stands for "no date".
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("ddd d MMM yyyy")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("No date")
        self.setToolTip("Pick a date (Alt+↓ opens the calendar); Delete clears it")
        self.calendarWidget().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.calendarWidget() and event.type() == QEvent.Type.Show and self.date() == NO_DATE:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)

    def stepBy(self, steps: int) -> None:
        if self.date() == NO_DATE:
            self.setDate(QDate.currentDate())
            return
        super().stepBy(steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            self.setDate(NO_DATE)
            return
        super().keyPressEvent(event)


class DueDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        return DueEdit(parent)

    def setEditorData(self, editor: QDateEdit, index: QModelIndex) -> None:
        due = index.data(Qt.ItemDataRole.EditRole)
        editor.setDate(QDate(due.year, due.month, due.day) if isinstance(due, dt.date) else NO_DATE)

    def setModelData(self, editor: QDateEdit, model, index: QModelIndex) -> None:
        date = editor.date()
        model.setData(index, None if date == NO_DATE else date.toPython(), Qt.ItemDataRole.EditRole)


class OwnerDelegate(QStyledItemDelegate):
    """Owner names complete from the names already used, so one person is written one way."""

    def __init__(self, names, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.names = names

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        edit = QLineEdit(parent)
        completer = QCompleter(self.names(), edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(completer)
        return edit

    def setEditorData(self, editor: QLineEdit, index: QModelIndex) -> None:
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QLineEdit, model, index: QModelIndex) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
