"""File > Merge from… and File > Join two walls…: one undo step each, a summary in the status line."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from facilitator.edits import AddNote, AddWall, Editor
from facilitator.store import ProjectFile
from facilitator.ui.main_window import MainWindow
from facilitator.ui.sync_menu import JoinWallsDialog, MergeDialog


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    return win


def other_laptop(demo_file: Path, tmp_path: Path) -> Path:
    source = tmp_path / "table2.facil"
    shutil.copy(demo_file, source)
    with ProjectFile.open(source) as pf:
        pf.set_setting("replica", "table2")
    with ProjectFile.open(source) as pf:
        ed = Editor(pf)
        wall = ed.project.walls[0]
        ed.apply(AddNote(wall.id, "t2n1", "From table 2", x=0, y=0))
        ed.apply(AddWall("t2w", "Table 2"))
    return source


def test_merge_from_the_menu_is_one_undo_step_and_leaves_the_source_alone(window, demo_file, tmp_path, monkeypatch):
    source = other_laptop(demo_file, tmp_path)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    assert window.open_path(demo_file)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(MergeDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    messages: list[str] = []
    window.document.message.connect(messages.append)
    window.sync_menu.merge_action.trigger()
    doc = window.document
    assert doc.project.wall_of_note("t2n1") is not None
    assert messages[-1] == "Merged table2.facil: 1 note added, 0 changed, 0 deleted, 0 photos (1 wall added)."
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "Merge from table2.facil"
    doc.undo_stack.undo()
    assert doc.project.wall_of_note("t2n1") is None and doc.project.find_wall("t2w") is None
    doc.undo_stack.redo()
    assert doc.project.wall_of_note("t2n1") is not None
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert doc.store.load() == doc.project  # the file is the model


def test_join_two_walls_from_the_menu(window, demo_file, monkeypatch):
    assert window.open_path(demo_file)
    doc = window.document
    keep, other = doc.project.walls[0], doc.project.walls[1]
    moved = len(other.notes)
    total = len(keep.notes) + moved
    monkeypatch.setattr(JoinWallsDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    window.sync_menu.join_action.trigger()
    assert doc.project.find_wall(other.id) is None
    assert len(doc.project.wall(keep.id).notes) == total
    doc.undo_stack.undo()
    assert len(doc.project.wall(other.id).notes) == moved


def test_the_merge_dialog_looks_right(qtbot, tmp_path):
    dialog = MergeDialog(Path("table2.facil"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.grab().save(str(tmp_path / "merge-dialog.png"))
    assert not dialog.plan_box.isChecked()
