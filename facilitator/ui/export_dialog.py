"""File > Export: choose an output, a wall and paper; the export runs in another process.

The dialog hands the worker the project as already loaded plus the photo
bytes it needs (the app holds the file's exclusive lock, and the export must
never change the project), polls its progress queue from a QTimer, and offers
"Open the PDF" when it is done. The window stays responsive throughout,
because reportlab's pure-Python layout runs outside this process's GIL.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import queue as queue_module
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import userdirs
from facilitator.export.outputs import (
    DESCRIPTIONS,
    KINDS,
    PDF_KINDS,
    WALL_KINDS,
    ExportRequest,
    photos_needed,
    suffix,
)
from facilitator.export.styles import PAPER_NAMES, default_paper
from facilitator.export.worker import work
from facilitator.safe_output import check_destination, sweep_stale
from facilitator.store.errors import ProjectError
from facilitator.ui.document import Document

log = logging.getLogger(__name__)
POLL_MS = 40
ALL_WALLS = ""


def _settings_file() -> Path:
    return userdirs.config_dir() / "export.json"


def saved_paper() -> str:
    """The paper the user last chose for documents, else the locale's (A4 or Letter)."""
    try:
        paper = json.loads(_settings_file().read_text(encoding="utf-8")).get("paper")
    except (OSError, ValueError, AttributeError):
        paper = None
    return paper if paper in PAPER_NAMES else default_paper()


def save_paper(paper: str) -> None:
    try:
        _settings_file().parent.mkdir(parents=True, exist_ok=True)
        _settings_file().write_text(json.dumps({"paper": paper}), encoding="utf-8")
    except OSError:
        log.warning("could not remember the paper size", exc_info=True)


class ExportJob(QObject):
    """One export in a child process; signals arrive on the main thread from a polling timer."""

    progressed = Signal(float, str)
    succeeded = Signal(str)
    failed = Signal(str)

    def __init__(self, request: ExportRequest, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # spawn, not fork: a forked copy of a running Qt application is not safe.
        context = multiprocessing.get_context("spawn")
        self._queue = context.Queue()
        self.process = context.Process(target=work, args=(request, self._queue), daemon=True)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self.finished = False
        self.pid: int | None = None

    def start(self) -> None:
        self.process.start()
        self.pid = self.process.pid
        self._timer.start()

    def _poll(self) -> None:
        if self.finished:
            return
        while True:
            try:
                message = self._queue.get_nowait()
            except queue_module.Empty:
                break
            kind = message[0]
            if kind == "progress":
                self.progressed.emit(float(message[1]), str(message[2]))
            elif kind == "done":
                self._finish()
                self.succeeded.emit(message[1])
                return
            elif kind == "error":
                self._finish()
                self.failed.emit(message[1])
                return
        if not self.finished and not self.process.is_alive():
            # It died without a word (killed, crashed in C code): say so rather than wait forever.
            self._finish()
            self.failed.emit("The export stopped unexpectedly; nothing was written.")

    def _finish(self) -> None:
        self.finished = True
        self._timer.stop()
        self.process.join(timeout=5)
        self._release()

    def cancel(self) -> None:
        if not self.finished:
            self._timer.stop()
            self.finished = True
            if self.process.is_alive():
                self.process.terminate()
            self.process.join(timeout=5)
            self._release()

    def _release(self) -> None:
        """Close the queue's pipe and the process handle now, not whenever the garbage collector runs."""
        self._queue.close()
        if not self.process.is_alive():
            self.process.close()


class ExportDialog(QDialog):
    """Output, wall, paper and destination; Export; progress; Open the PDF."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.job: ExportJob | None = None
        self.written: Path | None = None
        self.setWindowTitle("Export")
        self.setMinimumWidth(520)

        self.kind = QComboBox(self)
        for kind in KINDS:
            self.kind.addItem(DESCRIPTIONS[kind], kind)
        self.wall = QComboBox(self)
        self.paper = QComboBox(self)
        for key, name in PAPER_NAMES.items():
            self.paper.addItem(name, key)
        self.destination = QLineEdit(self)
        self.destination.setAccessibleName("Save to")
        self.browse = QPushButton("Choose…", self)
        self.browse.clicked.connect(self.choose_destination)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(self.browse)

        form = QFormLayout()
        form.addRow("Output", self.kind)
        form.addRow("Wall", self.wall)
        form.addRow("Paper", self.paper)
        form.addRow("Save to", where)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button = self.buttons.addButton("Open the PDF", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setVisible(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.open_button.clicked.connect(self.open_output)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self._paper_touched = False
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.wall.currentIndexChanged.connect(self._suggest_destination)
        self.wall.currentIndexChanged.connect(self._forget_last_result)
        self.paper.activated.connect(self._paper_chosen)
        self.paper.activated.connect(self._forget_last_result)
        self._kind_changed()

    # -- choices ------------------------------------------------------------------------
    @property
    def chosen_kind(self) -> str:
        return self.kind.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(KINDS.index(kind))

    def _kind_changed(self) -> None:
        kind = self.chosen_kind
        self.wall.blockSignals(True)
        previous = self.wall.currentData()
        self.wall.clear()
        if kind not in WALL_KINDS:
            self.wall.addItem("All walls", ALL_WALLS)
        for wall in self.document.project.walls:
            self.wall.addItem(wall.name, wall.id)
        # The agenda and the event pack cover every wall: never name them after the wall chosen before.
        ignores_wall = kind in PDF_KINDS and kind not in WALL_KINDS
        index = -1 if ignores_wall else self.wall.findData(previous)
        self.wall.setCurrentIndex(max(0, index))
        self.wall.blockSignals(False)
        self.wall.setEnabled(kind in WALL_KINDS or kind not in PDF_KINDS)
        self.paper.setEnabled(kind in PDF_KINDS)
        self.paper.setCurrentIndex(self.paper.findData("a3" if kind == "poster" else saved_paper()))
        self.export_button.setText("Export PDF" if kind in PDF_KINDS else "Export")
        self._suggest_destination()
        self._forget_last_result()

    def _forget_last_result(self) -> None:
        """A new choice starts afresh: "Saved … 100%" was about the previous export, not this one."""
        if self.job is not None and not self.job.finished:
            return
        self.status.clear()
        self.progress.setVisible(False)
        self.open_button.setVisible(False)
        self.written = None

    def _paper_chosen(self) -> None:
        if self.chosen_kind != "poster":
            save_paper(self.paper.currentData())

    def _suggest_destination(self) -> None:
        kind = self.chosen_kind
        stem = self.document.path.stem
        wall_id = self.wall.currentData()
        label = {"agenda": "agenda", "pack": "event pack", "session": "outputs", "poster": "poster"}.get(kind, "notes")
        if wall_id:
            label = f"{self.wall.currentText()} {label}"
        self.destination.setText(str(self.document.path.with_name(f"{stem} - {label}{suffix(kind)}")))

    def choose_destination(self) -> None:
        kind = self.chosen_kind
        filters = {".pdf": "PDF (*.pdf)", ".csv": "CSV (*.csv)", ".json": "JSON (*.json)", ".md": "Markdown (*.md)"}
        name, _ = QFileDialog.getSaveFileName(self, "Export to", self.destination.text(), filters[suffix(kind)])
        if name:
            self.destination.setText(name)

    # -- running ----------------------------------------------------------------------------
    def build_request(self) -> ExportRequest:
        kind = self.chosen_kind
        project = self.document.project
        wall_id = self.wall.currentData() or None
        path = Path(self.destination.text().strip()).expanduser()
        if not path.suffix:
            path = path.with_suffix(suffix(kind))
        photo_data = {pid: self.document.store.photo_data(pid) for pid in photos_needed(project, kind, wall_id)}
        return ExportRequest(
            kind=kind,
            project=project,
            output=path,
            paper=self.paper.currentData() if kind in PDF_KINDS else None,
            wall_id=wall_id,
            photo_data=photo_data,
            protect=(self.document.path,),
        )

    def start_export(self) -> None:
        if self.job is not None and not self.job.finished:
            return
        text = self.destination.text().strip()
        if not text:
            self._say("Choose where to save the export.")
            return
        target = Path(text).expanduser()
        if target.is_dir() or not target.parent.is_dir():
            self._say(f"Cannot save to {target}: choose a file in a folder that exists.")
            return
        try:
            check_destination(
                target if target.suffix else target.with_suffix(suffix(self.chosen_kind)), [self.document.path]
            )
        except ProjectError as exc:
            self._say(str(exc))
            return
        try:
            request = self.build_request()
        except (ProjectError, KeyError) as exc:
            self._say(f"The photos could not be read from the project ({exc}).")
            return
        self.written = None
        self.open_button.setVisible(False)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._set_busy(True)
        self.status.setText("Starting…")
        self.job = ExportJob(request, self)
        self.job.progressed.connect(self._on_progress)
        self.job.succeeded.connect(self._on_done)
        self.job.failed.connect(self._on_failed)
        self.job.start()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.kind, self.wall, self.paper, self.destination, self.browse, self.export_button):
            widget.setEnabled(not busy)
        if not busy:
            self._kind_controls()

    def _kind_controls(self) -> None:
        kind = self.chosen_kind
        self.wall.setEnabled(kind in WALL_KINDS or kind not in PDF_KINDS)
        self.paper.setEnabled(kind in PDF_KINDS)

    def _on_progress(self, fraction: float, text: str) -> None:
        self.progress.setValue(round(fraction * 100))
        self.status.setText(text + "…" if fraction < 1 else text)

    def _on_done(self, path: str) -> None:
        self.written = Path(path)
        self.progress.setValue(100)
        self._set_busy(False)
        self.status.setText(f"Saved {self.written.name} in {self.written.parent}.")
        self.open_button.setText("Open the PDF" if self.written.suffix == ".pdf" else "Open the file")
        self.open_button.setVisible(True)
        self.open_button.setFocus()

    def _on_failed(self, message: str) -> None:
        self.progress.setVisible(False)
        self._set_busy(False)
        self._say(message)

    def _say(self, message: str) -> None:
        self.status.setText(message)

    def open_output(self) -> None:
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written)))

    def done(self, result: int) -> None:
        # Closing mid-export stops the worker; it writes under a temporary name, so nothing half-made is left.
        if self.job is not None:
            self.job.cancel()
            text = self.destination.text().strip()
            if text:
                # The stopped worker's temporary file (its process is gone now).
                sweep_stale(Path(text).expanduser())
        super().done(result)
