"""File > Export in the app: choices, a worker process, progress, Open the PDF, the project untouched."""

from __future__ import annotations

import hashlib
import os

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from facilitator.store import ProjectFile
from facilitator.ui.document import Document
from facilitator.ui.export_dialog import ExportDialog, saved_paper
from tests.export_pdfcheck import page_size, reader, text_of


@pytest.fixture
def document(demo_file, qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    doc = Document(ProjectFile.open(demo_file), host)
    yield doc
    doc.close()


@pytest.fixture
def dialog(document, qtbot):
    dlg = ExportDialog(document, document.parent())
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    dlg.done(0)


def test_export_runs_in_another_process_and_offers_to_open_the_pdf(dialog, document, tmp_path, qtbot, monkeypatch):
    before = hashlib.sha256(document.path.read_bytes()).hexdigest()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    dialog.set_kind("pack")
    out = tmp_path / "pack.pdf"
    dialog.destination.setText(str(out))
    dialog.export_button.click()
    assert dialog.job is not None and dialog.job.pid not in (None, os.getpid())
    assert not dialog.export_button.isEnabled()  # one export at a time
    qtbot.waitUntil(lambda: dialog.open_button.isVisible(), timeout=60_000)
    assert dialog.progress.value() == 100
    assert dialog.status.text() == f"Saved pack.pdf in {tmp_path}."
    assert "Barriers" in text_of(out.read_bytes()) and len(reader(out.read_bytes()).pages) > 5
    dialog.open_button.click()
    assert opened == [QUrl.fromLocalFile(str(out))]
    assert hashlib.sha256(document.path.read_bytes()).hexdigest() == before
    assert document.undo_stack.count() == 0
    assert dialog.export_button.isEnabled()


def test_wall_and_paper_choices_follow_the_output(dialog, document):
    dialog.set_kind("session")
    assert [dialog.wall.itemText(i) for i in range(dialog.wall.count())] == ["Barriers", "Ideas"]
    assert dialog.paper.isEnabled()
    dialog.set_kind("poster")
    assert dialog.paper.currentData() == "a3"
    dialog.set_kind("csv")
    assert dialog.wall.itemText(0) == "All walls" and dialog.wall.isEnabled()
    assert dialog.wall.currentText() == "Barriers"  # the wall chosen before is kept
    assert not dialog.paper.isEnabled()
    assert dialog.destination.text().endswith("demo - Barriers notes.csv")
    dialog.wall.setCurrentIndex(0)
    assert dialog.destination.text().endswith("demo - notes.csv")
    dialog.set_kind("agenda")
    assert not dialog.wall.isEnabled()
    assert dialog.destination.text().endswith("demo - agenda.pdf")


def test_a_session_export_of_the_chosen_wall_on_letter(dialog, tmp_path, qtbot):
    dialog.set_kind("session")
    dialog.wall.setCurrentIndex(1)
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    out = tmp_path / "ideas"
    dialog.destination.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.open_button.isVisible(), timeout=60_000)
    data = (tmp_path / "ideas.pdf").read_bytes()
    assert page_size(data) == (612.0, 792.0)
    assert "Ideas" in text_of(data) and "Barriers" not in text_of(data)


def test_a_bad_destination_is_a_message_not_an_export(dialog, tmp_path):
    dialog.destination.setText(str(tmp_path / "missing" / "x.pdf"))
    dialog.export_button.click()
    assert dialog.job is None
    assert dialog.status.text().startswith("Cannot save to")


def test_a_failed_export_says_why(dialog, tmp_path, qtbot):
    out = tmp_path / "locked.pdf"
    out.mkdir()  # the worker cannot replace a folder with the PDF
    dialog.destination.setText(str(tmp_path / "locked.pdf"))
    # The dialog refuses a folder itself; aim the job at it directly to exercise the worker's error path.
    request = dialog.build_request()
    from facilitator.ui.export_dialog import ExportJob

    job = ExportJob(request, dialog)
    with qtbot.waitSignal(job.failed, timeout=60_000) as signal:
        job.start()
    assert "locked.pdf is a folder" in signal.args[0]


def test_the_paper_choice_is_remembered(dialog, document, qtbot):
    dialog.set_kind("agenda")
    index = dialog.paper.findData("letter" if saved_paper() == "a4" else "a4")
    dialog.paper.setCurrentIndex(index)
    dialog.paper.activated.emit(index)
    chosen = dialog.paper.currentData()
    again = ExportDialog(document, document.parent())
    qtbot.addWidget(again)
    assert again.paper.currentData() == chosen


def test_file_export_is_offered_once_a_project_is_open(demo_file, qtbot):
    from facilitator.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.export_action.isEnabled()
    assert window.open_path(demo_file)
    assert window.export_action.isEnabled()
    assert window.export_action in window.file_menu.actions()
    window.export_action.trigger()
    assert isinstance(window.export_window, ExportDialog)
    assert window.export_window.isVisible()
    window.export_window.done(0)
    window.close()
