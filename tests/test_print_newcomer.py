"""What a newcomer saw in print: the poster's colour key, blank notes in the session PDF's wall picture,
the event pack named after one wall, a stale "Saved" in the export dialog, and "1 notes"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from facilitator.core.wall import Note, Wall
from facilitator.core.words import plural
from facilitator.export.poster import WallPoster
from facilitator.export.session import SessionOutputs
from facilitator.store import ProjectFile
from facilitator.ui.document import Document
from facilitator.ui.export_dialog import ExportDialog
from tests.export_pdfcheck import text_of


def test_the_poster_key_names_each_colour_once_with_its_groups(demo_project):
    wall = Wall("Key")
    for colour, group in [("yellow", "Patients"), ("orange", "Patients"), ("pink", "Staff"), ("pink", "Carers")]:
        wall.add_note(Note(f"{colour} note", colour=colour, group=group))
    wall.add_note(Note("no group", colour="blue"))
    demo_project.walls.append(wall)
    poster = WallPoster(demo_project, wall)
    labels = [label for _, label in poster.colour_key()]
    assert labels == ["Blue", "Orange: Patients", "Pink: Carers, Staff", "Yellow: Patients"]
    text = text_of(poster.render())
    for label in labels:
        assert label in text
    assert "1 cluster" not in text and "0 clusters" in text and "5 notes" in text


def test_the_session_pdfs_wall_picture_shows_the_notes_words(demo_project):
    wall = demo_project.wall_named("Barriers")
    pdf = SessionOutputs(demo_project, wall).render()
    text = text_of(pdf)
    # Each loose note is listed once under "Not yet grouped"; a second time means the picture carries its words.
    for note in wall.unclustered():
        first_words = " ".join(note.text.split()[:2])
        assert text.count(first_words) >= 2, first_words


@pytest.fixture
def dialog(demo_file, qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    document = Document(ProjectFile.open(demo_file), host)
    dlg = ExportDialog(document, host)
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    dlg.done(0)
    document.close()


def test_the_event_pack_is_never_named_after_one_wall(dialog):
    dialog.set_kind("session")
    dialog.wall.setCurrentIndex(dialog.wall.findText("Barriers"))
    assert Path(dialog.destination.text()).name.endswith("Barriers outputs.pdf")
    dialog.set_kind("pack")
    assert Path(dialog.destination.text()).name == "demo - event pack.pdf"
    assert dialog.wall.currentText() == "All walls"


def test_a_new_choice_clears_the_last_exports_saved_message(dialog, tmp_path, qtbot):
    dialog.set_kind("csv")
    dialog.destination.setText(str(tmp_path / "notes.csv"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.open_button.isVisible(), timeout=60_000)
    assert dialog.status.text().startswith("Saved notes.csv")
    dialog.set_kind("agenda")
    assert dialog.status.text() == ""
    assert not dialog.open_button.isVisible() and not dialog.progress.isVisible()


def test_counts_agree_with_their_nouns():
    from facilitator.ui.wall.votes import round_summary

    assert plural(1, "item") == "1 item" and plural(2, "item") == "2 items" and plural(0, "note") == "0 notes"
    assert plural(1, "person", "people") == "1 person"
    assert round_summary(0, 3) == "No dots recorded in this round yet (3 per person)."
    assert round_summary(1, 3) == "1 dot recorded in this round (3 per person: at least 1 person)."
    assert round_summary(7, 3) == "7 dots recorded in this round (3 per person: at least 3 people)."


def test_the_wall_status_and_cluster_badge_say_1_note_and_1_dot(document, qtbot):
    from facilitator.ui.wall import create_wall_view

    wall = document.project.wall_named("Barriers")
    widget = create_wall_view(document, wall.id, None)
    qtbot.addWidget(widget)
    widget.editor.new_round("Second", 3)
    cluster = next(iter(wall.clusters.values()))
    widget.editor.vote(wall.rounds[-1].id, cluster.id, 1)
    widget.votes.rounds.setCurrentIndex(widget.votes.rounds.count() - 1)
    widget.votes.refresh()
    widget.scene.set_badge_round(wall.rounds[-1].id)
    assert widget.scene.clusters[cluster.id].dots == 1
    assert "1 dot recorded" in widget.votes.summary.text()
    widget.editor.delete(note_ids=[n.id for n in wall.notes.values()][1:])
    widget._update_status()
    assert widget.status.text().startswith("1 note  ·")
