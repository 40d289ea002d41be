"""The method library window: search the bundled activities and your own templates, add one to the agenda.

The window only shows and asks; the library itself (reading, searching,
saving templates) is :mod:`facilitator.core.methods`, and the agenda editor
adds the chosen method as one undoable step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from facilitator import userdirs
from facilitator.core.agenda import Phase
from facilitator.core.methods import Library, LibraryError, Method, delete_own, search
from facilitator.resources import resource
from facilitator.ui import theme

OWN_FILE = "methods.json"


def own_templates_path() -> Path:
    """Where the facilitator's own templates live: their user data folder (FACILITATOR_HOME moves it)."""
    return userdirs.data_dir() / OWN_FILE


def default_library() -> Library:
    library = Library(resource("methods", "methods.json"), own_templates_path())
    library.reload()
    return library


def describe(method: Method) -> str:
    """ "20 min · Activity · Discover" (the phase only when it has one)."""
    parts = [f"{method.minutes} min", method.kind.value.capitalize()]
    if method.phase is not Phase.NONE:
        parts.append(method.phase.value.capitalize())
    if method.own:
        parts.append("your template")
    return "  ·  ".join(parts)


class _SearchBox(QLineEdit):
    """Up and Down in the search box walk the list, so the keyboard never has to leave it."""

    step = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.step.emit(1 if event.key() == Qt.Key.Key_Down else -1)
            return
        super().keyPressEvent(event)


class MethodLibraryDialog(QDialog):
    """Type to search, arrows to choose, Enter to add; the window stays open to add several."""

    add_requested = Signal(object)  # a Method

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle("Method library")
        self.resize(860, 560)
        self.search = _SearchBox(self)
        self.search.setPlaceholderText("Search methods: “vote”, “ideas”, “closing”…")
        self.search.setAccessibleName("Search methods")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Methods")
        self.list.setMinimumWidth(300)
        self.count = QLabel(self)
        self.count.setObjectName("subheading")

        self.title = QLabel(self)
        self.title.setObjectName("heading")
        self.title.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setStyleSheet(f"color: {theme.ACCENT}; font-weight: 600;")
        self.summary = self._text()
        self.instructions = self._text()
        self.notes = self._text()
        detail = QWidget(self)
        column = QVBoxLayout(detail)
        column.setContentsMargins(4, 0, 4, 0)
        column.addWidget(self.title)
        column.addWidget(self.facts)
        column.addWidget(self.summary)
        for heading, body in (("On the projector (room instructions)", self.instructions),
                              ("For you (facilitator notes)", self.notes)):  # fmt: skip
            label = QLabel(heading, detail)
            label.setObjectName("subheading")
            label.setStyleSheet(f"color: {theme.MUTED}; font-weight: 600; margin-top: 10px;")
            column.addWidget(label)
            column.addWidget(body)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setAccessibleName("About the chosen method")

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.add_button = self.buttons.addButton("Add to agenda", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        self.add_button.setAccessibleName("Add the chosen method to the agenda")
        self.delete_button = self.buttons.addButton("Delete template", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.setAccessibleName("Delete the chosen template of yours")
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close the method library")
        self.add_button.clicked.connect(self.add_current)
        self.delete_button.clicked.connect(self.delete_current)
        close.clicked.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.list, 1)
        left.addWidget(self.count)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addWidget(scroll, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.search.textChanged.connect(self.refresh)
        # Enter anywhere presses the default button, Add to agenda; a double-click adds too.
        self.search.step.connect(self._step)
        self.list.currentRowChanged.connect(self._show_current)
        self.list.itemDoubleClicked.connect(self.add_current)
        self.setTabOrder(self.search, self.list)
        self.refresh()
        if library.warning:
            self.say(library.warning, error=True)
        self.search.setFocus()

    def _text(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # -- showing ----------------------------------------------------------------------------
    def shown(self) -> list[Method]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def refresh(self) -> None:
        current = self.current()
        found = search(self.library.methods, self.search.text())
        self.list.blockSignals(True)
        self.list.clear()
        for method in found:
            item = QListWidgetItem(method.title + ("  (yours)" if method.own else ""), self.list)
            item.setData(Qt.ItemDataRole.UserRole, method)
            item.setToolTip(method.summary or describe(method))
        self.list.blockSignals(False)
        ids = [m.id for m in found]
        self.list.setCurrentRow(ids.index(current.id) if current is not None and current.id in ids else 0)
        total = len(self.library.methods)
        self.count.setText(f"{len(found)} of {total} methods" if self.search.text().strip() else f"{total} methods")
        self._show_current()

    def current(self) -> Method | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _step(self, offset: int) -> None:
        if self.list.count():
            self.list.setCurrentRow(max(0, min(self.list.count() - 1, self.list.currentRow() + offset)))

    def _show_current(self, *_args) -> None:
        method = self.current()
        self.add_button.setEnabled(method is not None)
        self.delete_button.setVisible(method is not None and method.own)
        if method is None:
            self.title.setText("No method matches")
            self.facts.clear()
            self.summary.setText("Try fewer or other words.")
            self.instructions.clear()
            self.notes.clear()
            return
        self.title.setText(method.title)
        self.facts.setText(describe(method))
        self.summary.setText(method.summary)
        self.summary.setVisible(bool(method.summary))
        self.instructions.setText(method.instructions or "—")
        self.notes.setText(method.notes or "—")

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(f"color: {'#b3261e' if error else theme.ACCENT}; font-weight: 600;")
        self.message.setText(text)

    # -- verbs --------------------------------------------------------------------------------
    def add_current(self, *_args) -> None:
        method = self.current()
        if method is not None:
            self.add_requested.emit(method)
            self.say(f"Added “{method.title}” to the agenda ({method.minutes} min). Edit > Undo takes it back.")

    def delete_current(self) -> None:
        method = self.current()
        if method is None or not method.own or self.library.own is None:
            return
        try:
            delete_own(self.library.own, method.id)
        except LibraryError as exc:
            self.say(str(exc), error=True)
            return
        self.library.reload()
        self.refresh()
        self.say(f"Deleted your template “{method.title}”.")
