"""The capture bar: type, Enter, next. F4 cycles the colour; pasting several lines makes several notes."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from facilitator.core.palette import DEFAULT_COLOUR, hex_for, next_colour

CYCLE_KEY = Qt.Key.Key_F4
# The bar's keys, for the wall's shortcut help (the key handling below reads the same constant).
KEYS = (
    ("Enter", "Add the note"),
    (QKeySequence(CYCLE_KEY).toString(QKeySequence.SequenceFormat.NativeText), "Next colour for new notes"),
    ("Paste a list", "One note per line"),
    ("Esc", "Back to the wall"),
)


class _NoteLine(QLineEdit):
    """A line edit that hands multi-line pastes to the bar instead of joining them into one note."""

    pasted_lines = Signal(list)
    cycle_colour = Signal()
    leave = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            text = QGuiApplication.clipboard().text()
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            if len(lines) > 1:
                self.pasted_lines.emit(lines)
                return
        if event.key() == CYCLE_KEY:
            self.cycle_colour.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.leave.emit()
            return
        super().keyPressEvent(event)


class CaptureBar(QWidget):
    """Emits ``capture(texts, colour, author, group)``; clears itself and stays focused for the next note."""

    capture = Signal(list, str, str, str)
    leave = Signal()  # Esc in the text field: back to the wall

    def __init__(self, groups: list[str], authors: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = DEFAULT_COLOUR
        self.text = _NoteLine(self)
        self.text.setPlaceholderText(
            "Type a note and press Enter (F4: next colour; paste a list for one note per line)"
        )
        self.text.setAccessibleName("New note text")
        self.colour_button = QPushButton(self)
        self.colour_button.setToolTip("Colour of new notes (F4 cycles)")
        self.colour_button.setAccessibleName("Colour of new notes")
        self.colour_button.setFixedWidth(96)
        self.colour_button.clicked.connect(self.cycle_colour)
        self.author = QLineEdit(self)
        self.author.setPlaceholderText("Author")
        self.author.setAccessibleName("Author of new notes")
        self.author.setFixedWidth(150)
        self.group = QLineEdit(self)
        self.group.setPlaceholderText("Group")
        self.group.setAccessibleName("Group of new notes")
        self.group.setFixedWidth(150)
        self._authors = QStringListModel(sorted(set(authors), key=str.casefold), self)
        self._groups = QStringListModel(groups, self)
        for field, model in ((self.author, self._authors), (self.group, self._groups)):
            completer = QCompleter(model, field)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            field.setCompleter(completer)
        add = QPushButton("Add", self)
        add.setToolTip("Add the note (Enter)")
        add.clicked.connect(self.submit)
        label = QLabel("Capture", self)
        label.setObjectName("subheading")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 0)
        row.addWidget(label)
        row.addWidget(self.text, 1)
        row.addWidget(self.colour_button)
        row.addWidget(self.author)
        row.addWidget(self.group)
        row.addWidget(add)
        self.text.returnPressed.connect(self.submit)
        self.text.pasted_lines.connect(self._on_pasted)
        self.text.cycle_colour.connect(self.cycle_colour)
        self.text.leave.connect(self.leave)
        self._show_colour()

    def focus(self) -> None:
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def cycle_colour(self) -> None:
        self.colour = next_colour(self.colour)
        self._show_colour()

    def set_colour(self, colour: str) -> None:
        self.colour = colour
        self._show_colour()

    def _show_colour(self) -> None:
        fill = QColor(hex_for(self.colour))
        self.colour_button.setText(self.colour.capitalize())
        self.colour_button.setStyleSheet(
            f"QPushButton {{ background: {fill.name()}; border: 1px solid {fill.darker(160).name()}; }}"
        )

    def set_groups(self, names: list[str]) -> None:
        """The event's groups changed: complete the group field from the new list."""
        self._groups.setStringList(names)

    def remember_author(self, author: str) -> None:
        names = self._authors.stringList()
        if author and author not in names:
            self._authors.setStringList(sorted([*names, author], key=str.casefold))

    def submit(self) -> None:
        text = self.text.text().strip()
        if not text:
            return
        self._emit([text])
        self.text.clear()

    def _on_pasted(self, lines: list[str]) -> None:
        self._emit(lines)

    def _emit(self, texts: list[str]) -> None:
        author, group = self.author.text().strip(), self.group.text().strip()
        self.remember_author(author)
        self.capture.emit(texts, self.colour, author, group)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
