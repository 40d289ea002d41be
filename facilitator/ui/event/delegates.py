"""Cell editors for the set-up tables: a colour list, big/small, a due date that may be empty, owner names."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemDelegate, QCompleter, QLineEdit, QStyledItemDelegate, QWidget

from facilitator.core.agenda import DiamondSize
from facilitator.ui.event.colours import GROUP_COLOURS, colour_name
from facilitator.ui.fields import ChoiceDelegate, DateField


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class _ComboDelegate(ChoiceDelegate):
    """A drop-down that commits as soon as a choice is made (one undo step), and takes a typed choice."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(None, parent)

    def choices(self, index: QModelIndex) -> list[tuple[str, object, QIcon | None]]:
        raise NotImplementedError


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


class DueEdit(DateField):
    """A due date that may be empty: it reads "No date" until one is typed or picked; Delete empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, display_format="ddd d MMM yyyy", allow_empty=True)
        self.setToolTip("Type a date (15/01/2027) or pick one (Alt+↓); Delete clears it")
        self.setAccessibleName("Due date")


class DueDelegate(QStyledItemDelegate):
    """The due date cell; ``read_as`` says how a typed date that could be day/month or month/day was read."""

    read_as = Signal(str)

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        editor = DueEdit(parent)
        editor.picked.connect(self._picked)
        return editor

    def _picked(self) -> None:
        """A date picked from the calendar is stored at once, like a choice from a list."""
        editor = self.sender()
        if isinstance(editor, DueEdit):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: DueEdit, index: QModelIndex) -> None:
        due = index.data(Qt.ItemDataRole.EditRole)
        editor.setDate(due if isinstance(due, dt.date) else None)
        editor.selectAll()

    def setModelData(self, editor: DueEdit, model, index: QModelIndex) -> None:
        editor._read()  # the typed text, read now (Enter in a cell closes the editor before editingFinished)
        date = editor.date()
        model.setData(index, date.toPython() if date.isValid() else None, Qt.ItemDataRole.EditRole)
        if editor.reading:  # after the store: a stored change clears the section's message
            self.read_as.emit(editor.reading)
            editor.reading = ""


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
