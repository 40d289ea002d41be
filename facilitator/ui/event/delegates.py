"""Cell editors for the set-up tables: a colour list, big/small, a due date that may be empty, owner names."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
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


class DueDelegate(QStyledItemDelegate):
    """A date with a calendar; the lowest date reads "No date" and clears it."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        edit = QDateEdit(parent)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("ddd d MMM yyyy")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("No date")
        edit.setToolTip("Pick a date; Home or the lowest date means no date")
        return edit

    def setEditorData(self, editor: QDateEdit, index: QModelIndex) -> None:
        due = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(due, dt.date):
            editor.setDate(QDate(due.year, due.month, due.day))
        else:
            # No date yet: open on today's month, so the calendar starts somewhere useful.
            editor.setDate(NO_DATE)
            editor.calendarWidget().setSelectedDate(QDate.currentDate())

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
