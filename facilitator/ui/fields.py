"""Fields that take what people type: a date field and a drop-down cell that can be typed into.

Qt's date edit only takes typing section by section (and a typed "15/01/2027"
does nothing); a non-editable combo box searches by first letters, so "Define"
typed quickly lands on another phase. These read the whole text with
:mod:`facilitator.core.typed` and store exactly that, or refuse and say why.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QLocale, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFocusEvent, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QCalendarWidget,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QWidget,
)

from facilitator.core.typed import match_choice, read_date, reading_note
from facilitator.ui import theme

EMPTY_TEXT = "No date"


def _calendar_icon() -> QIcon:
    """A small calendar drawn here, so the field needs no icon file."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor(theme.INK))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(1, 2, 14, 4, QColor(theme.INK))
    for row in range(2):
        for col in range(3):
            painter.fillRect(3 + col * 4, 8 + row * 3, 2, 2, QColor(theme.INK))
    painter.end()
    return QIcon(pixmap)


def locale_month_first(locale: QLocale | None = None) -> bool:
    """Whether the locale writes the month before the day in short dates (US "M/d/yy"; not UK "dd/MM/yyyy")."""
    short = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    month, day = short.find("M"), short.find("d")
    return 0 <= month < day


class DateField(QLineEdit):
    """A date typed whole ("15/01/2027", "15 Jan 2027", "2027-01-15") or picked from a calendar.

    ``editingFinished`` comes after the typed text has been read: ``date()`` is
    then the typed date, or the previous one when the text was not a date
    (``refused`` says so). Numbers that could be day/month or month/day are
    read in the order of the user's locale (``month_first``), and ``read_as``
    says how they were read. With ``allow_empty`` the field may hold no date
    ("No date"); Delete empties it.
    """

    refused = Signal(str)
    read_as = Signal(str)  # "Read as 1 February 2027 (day first, ...)": typed numbers that could be either
    picked = Signal()  # a date was picked from the calendar (and is now ``date()``)

    def __init__(
        self,
        parent: QWidget | None = None,
        display_format: str = "dddd d MMMM yyyy",
        allow_empty: bool = False,
        today=dt.date.today,
        month_first: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.display_format = display_format
        self.allow_empty = allow_empty
        self.today = today
        self.month_first = locale_month_first() if month_first is None else month_first
        self.reading = ""  # how the last typed date was read, when its numbers could be either (see read_as)
        self._date = QDate() if allow_empty else QDate.currentDate()
        self.setPlaceholderText(f"Type a date like {'01/15/2027' if self.month_first else '15/01/2027'}")
        self._calendar: QCalendarWidget | None = None  # made when first wanted: it is slow to build
        self.open_action = QAction(_calendar_icon(), "Open the calendar (Alt+↓)", self)
        self.open_action.triggered.connect(self.show_calendar)
        self.addAction(self.open_action, QLineEdit.ActionPosition.TrailingPosition)
        self.editingFinished.connect(self._read)
        self._show()

    # -- the value ---------------------------------------------------------------------
    def date(self) -> QDate:
        """The date held (a null QDate when empty)."""
        return QDate(self._date)

    def setDate(self, date: QDate | dt.date | None) -> None:
        if isinstance(date, dt.date):
            date = QDate(date.year, date.month, date.day)
        self._date = QDate(date) if date is not None and date.isValid() else QDate()
        if not self._date.isValid() and not self.allow_empty:
            self._date = QDate.currentDate()
        self._show()

    def calendarWidget(self) -> QCalendarWidget:
        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.setGridVisible(False)
            self._calendar.setAccessibleName("Calendar")
            self._calendar.clicked.connect(self._picked)
            self._calendar.activated.connect(self._picked)
        return self._calendar

    def _show(self) -> None:
        text = self._date.toString(self.display_format) if self._date.isValid() else EMPTY_TEXT
        if self.text() != text:
            self.setText(text)
            self.setCursorPosition(0)

    def _read(self) -> None:
        """Take the typed text: a date is kept (and shown in full), anything else is refused."""
        text = self.text().strip()
        if self._date.isValid() and text == self._date.toString(self.display_format):
            return
        if self.allow_empty and text.casefold() in ("", EMPTY_TEXT.casefold()):
            self._date = QDate()
            self._show()
            return
        self.reading = ""
        read = read_date(text, self.today(), self.month_first)
        if read is None:
            self._show()
            example = "01/15/2027" if self.month_first else "15/01/2027"
            self.refused.emit(f"“{text}” is not a date: type it like {example}, or pick it from the calendar.")
            return
        typed, either = read
        self._date = QDate(typed.year, typed.month, typed.day)
        self._show()
        if either:
            self.reading = reading_note(typed, self.month_first)
            self.read_as.emit(self.reading)

    # -- the calendar -----------------------------------------------------------------------
    def show_calendar(self) -> None:
        start = self._date if self._date.isValid() else QDate.currentDate()
        calendar = self.calendarWidget()
        calendar.setSelectedDate(start)
        calendar.setCurrentPage(start.year(), start.month())
        calendar.adjustSize()
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, date: QDate) -> None:
        self.calendarWidget().hide()
        self.setDate(date)
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.picked.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier) or key == Qt.Key.Key_F4:
            self.show_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods & Qt.KeyboardModifier.AltModifier:
            self._read()
            step = 1 if key == Qt.Key.Key_Up else -1
            self.setDate(self._date.addDays(step) if self._date.isValid() else QDate.currentDate())
            self.selectAll()
            return
        if (
            self.allow_empty
            and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and (self.selectedText() == self.text() or self.text() == EMPTY_TEXT)
        ):
            self.setDate(None)
            self.selectAll()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.selectAll()  # typing replaces the whole date


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down cell that can be typed into: "Define" is Define, "dev" is Develop, "De" is refused.

    ``choices(index)`` gives (label, value) pairs each time an editor opens,
    so lists that change (walls, diamonds) are always current. Picking with the
    mouse commits at once (one undo step); typing commits on Enter or when the
    cell is left. ``refused`` carries a sentence when the typed text names no
    single choice; nothing is stored then.
    """

    refused = Signal(str)

    def __init__(self, choices=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if choices is not None:  # else a subclass defines choices(index)
            self.choices = choices

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        box = QComboBox(parent)
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for entry in self.choices(index):
            label, value, *icon = entry
            if icon and icon[0] is not None:
                box.addItem(icon[0], label, value)
            else:
                box.addItem(label, value)
        completer = box.completer()
        if completer is not None:
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        box.activated.connect(self._picked)
        return box

    def _picked(self) -> None:
        editor = self.sender()
        if isinstance(editor, QComboBox) and not editor.property("finished"):
            self._finish(editor)

    def _finish(self, editor: QComboBox) -> None:
        """Commit once and close: later Enter or focus-out events of the closing editor are ignored."""
        editor.setProperty("finished", True)
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QComboBox) and watched.property("finished"):
            return event.type() in (QEvent.Type.KeyPress, QEvent.Type.FocusOut)
        if (
            isinstance(watched, QComboBox)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._finish(watched)
            return True
        return super().eventFilter(watched, event)

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(0, found))
        editor.lineEdit().selectAll()  # the first key typed replaces the old choice

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        labels = [editor.itemText(i) for i in range(editor.count())]
        text = editor.currentText()
        chosen = match_choice(text, labels)
        if chosen is None:
            options = ", ".join(labels[:6])
            self.refused.emit(f"“{text.strip()}” is not one of the choices ({options}); nothing was changed.")
            return
        model.setData(index, editor.itemData(chosen), Qt.ItemDataRole.EditRole)
