"""Table models for the set-up lists: participant groups, diamonds and actions.

A model holds no state of its own: it reads the document's list and resets
when the document announces a change to it. Every edit (a cell, Insert,
Delete, a move) builds the list as it should become and pushes one undo
command; input that cannot be used is refused with a message (``refused``)
and nothing is stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QUndoCommand

from facilitator.core.agenda import Diamond, DiamondSize
from facilitator.core.event import Action, ParticipantGroup
from facilitator.edits import Notice
from facilitator.ui import theme
from facilitator.ui.document import Document
from facilitator.ui.event.colours import colour_name, unused_colour
from facilitator.ui.event.undo import EditActions, EditDiamonds, EditGroups

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole


def _clean(value: object) -> str:
    """One line of text as people mean it: inner runs of spaces and line breaks become one space."""
    return " ".join(str(value or "").split())


def quoted(text: str, limit: int = 40) -> str:
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


class SetupListModel(QAbstractTableModel):
    """The shared behaviour: rows from the document, reset on announce, list edits as undo commands."""

    headers: Sequence[str] = ()
    editable: Sequence[int] = ()
    kinds: Sequence[str] = ()  # the Notice kinds this table shows
    noun = "row"

    refused = Signal(str)

    def __init__(self, document: Document, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self._ids = [r.id for r in self.rows()]
        document.changed.connect(self._on_changed)

    # -- what subclasses say ----------------------------------------------------------------
    def rows(self) -> list:
        raise NotImplementedError

    def new_row(self):
        raise NotImplementedError

    def label(self, row) -> str:
        raise NotImplementedError

    def command(self, after: list, text: str) -> QUndoCommand:
        raise NotImplementedError

    def display(self, row, column: int) -> str:
        raise NotImplementedError

    def edit_value(self, row, column: int):
        return self.display(row, column)

    def changed_row(self, row, column: int, value) -> tuple[object, str] | str | None:
        """The edited row and the undo text; a message when the value is refused; ``None`` when nothing changes."""
        raise NotImplementedError

    # -- keeping in step --------------------------------------------------------------------
    def _on_changed(self, notice: Notice) -> None:
        if not notice.touches(*self.kinds):
            return
        ids = [r.id for r in self.rows()]
        if ids == self._ids:  # same rows in the same order: repaint, so an open cell editor stays valid
            if ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(self.headers) - 1))
            return
        self.beginResetModel()
        self._ids = ids
        self.endResetModel()

    def row_of(self, row_id: str) -> int | None:
        return next((i for i, r in enumerate(self.rows()) if r.id == row_id), None)

    # -- reading ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows())

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):
        if role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return str(section + 1)

    def data(self, index: Index, role: int = DISPLAY):
        if not index.isValid() or index.row() >= len(self.rows()):
            return None
        row = self.rows()[index.row()]
        if role in (DISPLAY, Qt.ItemDataRole.ToolTipRole):
            return self.display(row, index.column())
        if role == EDIT:
            return self.edit_value(row, index.column())
        return self.style(row, index.column(), role)

    def style(self, row, column: int, role: int):
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() in self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- editing ------------------------------------------------------------------------------
    def setData(self, index: Index, value, role: int = EDIT) -> bool:
        if role != EDIT or not index.isValid() or index.column() not in self.editable:
            return False
        rows = self.rows()
        outcome = self.changed_row(rows[index.row()], index.column(), value)
        if outcome is None:
            return False
        if isinstance(outcome, str):
            self.refused.emit(outcome)
            return False
        changed, text = outcome
        after = list(rows)
        after[index.row()] = changed
        self.document.undo_stack.push(self.command(after, text))
        return True

    def insert_row(self, position: int) -> int:
        """Add a new row at ``position`` (clamped); return where it went."""
        rows = self.rows()
        position = max(0, min(position, len(rows)))
        row = self.new_row()
        after = [*rows[:position], row, *rows[position:]]
        self.document.undo_stack.push(self.command(after, f"Add {quoted(self.label(row))}"))
        return position

    def remove_rows(self, positions: Sequence[int]) -> None:
        rows = self.rows()
        gone = sorted({p for p in positions if 0 <= p < len(rows)})
        if not gone:
            return
        text = f"Delete {quoted(self.label(rows[gone[0]]))}" if len(gone) == 1 else f"Delete {len(gone)} {self.noun}s"
        self.document.undo_stack.push(self.command([r for i, r in enumerate(rows) if i not in gone], text))

    def move_row(self, position: int, step: int) -> int | None:
        """Move a row up (-1) or down (+1); return its new place, or ``None`` at either end."""
        rows = list(self.rows())
        target = position + step
        if not (0 <= position < len(rows) and 0 <= target < len(rows)):
            return None
        moving = rows.pop(position)
        rows.insert(target, moving)
        self.document.undo_stack.push(self.command(rows, f"Move {quoted(self.label(moving))}"))
        return target


class GroupsModel(SetupListModel):
    """The sectors in the room: name and colour. Names are unique (ignoring case), so notes can be attributed."""

    headers = ("Group", "Colour")
    editable = (0, 1)
    kinds = ("group",)
    noun = "group"

    def rows(self) -> list[ParticipantGroup]:
        return self.document.project.groups

    def label(self, row: ParticipantGroup) -> str:
        return row.name

    def new_row(self) -> ParticipantGroup:
        taken = {g.name.casefold() for g in self.rows()}
        name, n = "New group", 1
        while name.casefold() in taken:
            n += 1
            name = f"New group {n}"
        return ParticipantGroup(name=name, colour=unused_colour([g.colour for g in self.rows()]))

    def command(self, after: list, text: str, renamed: dict[str, str] | None = None) -> QUndoCommand:
        return EditGroups(self.document, after, text, renamed)

    def display(self, row: ParticipantGroup, column: int) -> str:
        return row.name if column == 0 else colour_name(row.colour)

    def edit_value(self, row: ParticipantGroup, column: int):
        return row.name if column == 0 else row.colour

    def style(self, row: ParticipantGroup, column: int, role: int):
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return QColor(row.colour)
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def changed_row(self, row: ParticipantGroup, column: int, value):
        if column == 1:
            colour = QColor(str(value))
            if not colour.isValid():
                return "That is not a colour."
            if colour.name() == row.colour.lower():
                return None
            return dataclasses.replace(row, colour=colour.name()), f"Recolour {quoted(row.name)}"
        name = _clean(value)
        if not name:
            return "A group needs a name."
        if name == row.name:
            return None
        clash = next((g for g in self.rows() if g.id != row.id and g.name.casefold() == name.casefold()), None)
        if clash is not None:
            return f"There is already a group called {quoted(clash.name)}."
        return dataclasses.replace(row, name=name), f"Rename {quoted(row.name)}"

    def setData(self, index: Index, value, role: int = EDIT) -> bool:
        """A rename carries the notes along, so it needs the old and new names in its command."""
        if role == EDIT and index.isValid() and index.column() == 0:
            row = self.rows()[index.row()]
            outcome = self.changed_row(row, 0, value)
            if isinstance(outcome, tuple):
                changed, text = outcome
                after = [changed if g.id == row.id else g for g in self.rows()]
                self.document.undo_stack.push(self.command(after, text, {row.name: changed.name}))
                return True
        return super().setData(index, value, role)


class DiamondsModel(SetupListModel):
    """The questions of the day: big for the whole day, small for a session. Agenda items point at them."""

    headers = ("Question", "Size", "Used by")
    editable = (0, 1)
    kinds = ("diamond", "agenda")
    noun = "diamond"

    def rows(self) -> list[Diamond]:
        return self.document.project.diamonds

    def label(self, row: Diamond) -> str:
        return row.question

    def new_row(self) -> Diamond:
        return Diamond(question="New question", size=DiamondSize.SMALL)

    def command(self, after: list, text: str) -> QUndoCommand:
        return EditDiamonds(self.document, after, text)

    def uses(self, diamond_id: str) -> int:
        return sum(1 for it in self.document.project.agenda if it.diamond_id == diamond_id)

    def display(self, row: Diamond, column: int) -> str:
        if column == 0:
            return row.question
        if column == 1:
            return row.size.value.capitalize()
        n = self.uses(row.id)
        return "no items" if n == 0 else f"{n} item" if n == 1 else f"{n} items"

    def edit_value(self, row: Diamond, column: int):
        return row.question if column == 0 else row.size.value

    def style(self, row: Diamond, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QBrush(QColor(theme.MUTED))
        if role == Qt.ItemDataRole.FontRole and column == 0 and row.size is DiamondSize.BIG:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def changed_row(self, row: Diamond, column: int, value):
        if column == 1:
            if value not in {s.value for s in DiamondSize}:
                return "A diamond is big or small."
            size = DiamondSize(value)
            if size is row.size:
                return None
            return dataclasses.replace(row, size=size), f"Make {quoted(row.question)} {size.value}"
        question = _clean(value)
        if not question:
            return "A diamond needs its question."
        if question == row.question:
            return None
        return dataclasses.replace(row, question=question), f"Change the question {quoted(row.question)}"


class ActionsModel(SetupListModel):
    """What people agreed to do after the day: what, who, by when. The event pack prints them."""

    headers = ("Action", "Owner", "Due")
    editable = (0, 1, 2)
    kinds = ("action",)
    noun = "action"

    def rows(self) -> list[Action]:
        return self.document.project.actions

    def label(self, row: Action) -> str:
        return row.text

    def new_row(self) -> Action:
        return Action(text="New action")

    def command(self, after: list, text: str) -> QUndoCommand:
        return EditActions(self.document, after, text)

    def display(self, row: Action, column: int) -> str:
        if column == 0:
            return row.text
        if column == 1:
            return row.owner or "—"
        return f"{row.due:%a} {row.due.day} {row.due:%b %Y}" if row.due else "—"

    def edit_value(self, row: Action, column: int):
        return (row.text, row.owner, row.due)[column]

    def style(self, row: Action, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and self.display(row, column) == "—":
            return QBrush(QColor(theme.MUTED))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def changed_row(self, row: Action, column: int, value):
        if column == 0:
            text = _clean(value)
            if not text:
                return "An action needs to say what will be done."
            if text == row.text:
                return None
            return dataclasses.replace(row, text=text), f"Change the action {quoted(row.text)}"
        if column == 1:
            owner = _clean(value)
            if owner == row.owner:
                return None
            return dataclasses.replace(row, owner=owner), f"Change who does {quoted(row.text)}"
        due = _date(value)
        if due is False:
            return "That is not a date (use YYYY-MM-DD)."
        if due == row.due:
            return None
        return dataclasses.replace(row, due=due), f"Change when {quoted(row.text)} is due"


def _date(value) -> dt.date | bool | None:
    """A due date from the editor (a date, or nothing) or typed text; ``False`` when it cannot be read."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return False
