"""Importing notes and photos onto a wall (menu or drag-and-drop): read off the UI thread, one undo step each.

Reading and decoding (a 20,000-row CSV, a 12-megapixel photo) runs in a
worker thread; planning and the write happen back on the main thread, where
the project lives. Each file becomes edit-layer operations
(``facilitator.edits.imports``) applied as one step with the origin
"import": one transaction, logged as an import, and (because the user here
started it) one step on the undo stack that takes it out again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from facilitator.core.rules import Refused
from facilitator.edits import Origin
from facilitator.edits.imports import import_ops
from facilitator.ingest import (
    FILE_PATTERNS,
    BadRows,
    IngestError,
    NoteImport,
    plan_import,
    read_import_file,
)
from facilitator.ui.document import Document

log = logging.getLogger(__name__)


class _ReadSignals(QObject):
    done = Signal(object, object, object)  # path, content or None, error message or None


class _ReadTask(QRunnable):
    def __init__(self, path: Path, signals: _ReadSignals) -> None:
        super().__init__()
        self.path = path
        self.signals = signals

    def run(self) -> None:
        try:
            content = read_import_file(self.path)
        except IngestError as exc:
            self.signals.done.emit(self.path, None, str(exc))
        except Exception as exc:  # a reader bug must not vanish in a worker thread
            log.exception("reading %s failed", self.path)
            self.signals.done.emit(self.path, None, f"{self.path.name} could not be read ({exc}).")
        else:
            self.signals.done.emit(self.path, content, None)


class ImportRunner(QObject):
    """Reads files one after another off the UI thread and imports each onto one wall.

    ``widget`` parents the progress and the questions. ``preset``, when given and it returns True or False,
    answers "import the good rows?" without asking and keeps problems out of message boxes (tests use it).
    """

    finished = Signal(list)  # the messages shown (for tests and the status line)

    def __init__(
        self,
        widget: QWidget,
        document: Document,
        wall_name: str,
        paths: Sequence[Path],
        preset: Callable[[], bool | None] | None = None,
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.preset = preset
        self.document = document
        self.wall_name = wall_name
        self.paths = list(paths)
        self.messages: list[str] = []
        self.signals = _ReadSignals(self)
        self.signals.done.connect(self._on_read)
        self.progress = QProgressDialog("Reading…", "", 0, len(self.paths), widget)
        self.progress.setCancelButton(None)
        self.progress.setMinimumDuration(400)
        self.progress.setWindowTitle("Importing")
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    def start(self) -> None:
        self._next()

    def _next(self) -> None:
        if not self.paths:
            self.progress.reset()
            self.finished.emit(self.messages)
            self.deleteLater()
            return
        path = self.paths[0]
        self.progress.setLabelText(f"Reading {path.name}…")
        self._pool.start(_ReadTask(path, self.signals))

    def _on_read(self, path: Path, content, error: str | None) -> None:
        self.paths.pop(0)
        self.progress.setValue(self.progress.value() + 1)
        if error is not None:
            self._tell("Cannot import", error)
        else:
            self._import(content)
        self._next()

    def _import(self, content) -> None:
        project = self.document.project
        try:
            plan = plan_import(project, self.wall_name, content)
        except BadRows as exc:
            parsed = exc.parsed
            if not parsed.rows or not self._ask_skip(str(exc), len(parsed.rows)):
                self.messages.append(f"Nothing imported from {parsed.source}.")
                return
            try:
                plan = plan_import(project, self.wall_name, content, skip_bad_rows=True)
            except IngestError as inner:
                self._tell("Cannot import", str(inner))
                return
        except IngestError as exc:
            self._tell("Cannot import", str(exc))
            return
        source = plan.source if isinstance(plan, NoteImport) else ""  # a photo import names no source
        origin = Origin("import", label=source or plan.wall.name)
        try:
            applied = self.document.apply(import_ops(plan), origin, text=f"Import {plan.summary()}", undoable=True)
        except Refused as exc:
            self._tell("Cannot import", exc.message)
            return
        if applied is not None:
            self.messages.append(f"Imported {plan.summary()}.")

    def _preset_answer(self) -> bool | None:
        return self.preset() if self.preset is not None else None

    def _ask_skip(self, problem: str, good: int) -> bool:
        """Import the good rows, or none: the user decides (tests answer through ``preset``)."""
        answer = self._preset_answer()
        if answer is not None:
            return bool(answer)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Some rows cannot be imported",
            f"{problem}\n\nImport the {good} good rows, or nothing?",
            parent=self.widget,
        )
        good_button = box.addButton(f"Import {good} good rows", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Import nothing", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is good_button

    def _tell(self, title: str, message: str) -> None:
        self.messages.append(message)
        if self._preset_answer() is None:
            QMessageBox.warning(self.widget, title, message)


def import_onto_new_wall(window: QWidget, document: Document, wall_name: str) -> ImportRunner | None:
    """File > Import with a wall name that does not exist yet: the import makes the wall."""
    names, _ = QFileDialog.getOpenFileNames(
        window, f"Import onto {wall_name}", str(document.path.parent), f"Notes and photos ({FILE_PATTERNS})"
    )
    if not names:
        return None
    runner = ImportRunner(window, document, wall_name, [Path(n) for n in names])
    runner.start()
    return runner


def ask_note_files(parent: QWidget, folder: Path) -> list[Path]:
    """Wall > Import notes…: the files chosen (none if cancelled)."""
    names, _ = QFileDialog.getOpenFileNames(
        parent, "Import notes", str(folder), "Notes (*.csv *.tsv *.txt);;All files (*)"
    )
    return [Path(n) for n in names]


def ask_photo_files(parent: QWidget, folder: Path) -> list[Path]:
    """Wall > Import photos…: the files chosen (none if cancelled)."""
    names, _ = QFileDialog.getOpenFileNames(
        parent, "Import photos", str(folder), "Photos (*.jpg *.jpeg *.png);;All files (*)"
    )
    return [Path(n) for n in names]
