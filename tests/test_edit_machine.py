"""A state machine: this laptop and a phone edit one wall, interleaved with local undo and redo.

After every step the file, read back, equals the model, and a copy of it
opens without error. Undoing every local edit (a rule that can fire at any
time, and always at the end) leaves every edit the phone made intact: its
notes, its dots, and the last text and place it gave a note.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from PySide6.QtWidgets import QApplication

from facilitator.core.project import Project
from facilitator.core.wall import Note, VoteRound, Wall
from facilitator.edits import (
    AddCluster,
    AddDot,
    AddNote,
    Delete,
    MoveItems,
    Origin,
    Refused,
    RemoveDot,
    Update,
)
from facilitator.store import ProjectFile
from facilitator.ui.document import Document

PHONE = Origin("phone", "p1", "Phone 1")
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20).filter(str.strip)
COORD = st.floats(min_value=-5000, max_value=5000, allow_nan=False)

APP = QApplication.instance() or QApplication([])


class TwoOrigins(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "m.facil"
        wall = Wall("Room", id="w")
        wall.add_note(Note("Seed", id="seed", x=0, y=0))
        wall.rounds.append(VoteRound("Round 1", id="r"))
        ProjectFile.create(self.path, Project(walls=[wall])).close()
        self.document = Document(ProjectFile.open(self.path))
        self.counter = 0
        self.phone_notes: set[str] = set()
        self.phone_dots: set[str] = set()
        self.phone_text: dict[str, str] = {}
        self.phone_place: dict[str, tuple[float, float]] = {}
        self.local_dots: list[str] = []

    def teardown(self) -> None:
        self.undo_everything_local()
        self.document.close()
        self.document.deleteLater()
        self.folder.cleanup()

    @property
    def wall(self) -> Wall:
        return self.document.project.wall("w")

    def next_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def local(self, *ops) -> None:
        with contextlib.suppress(Refused):  # a refused local edit changes nothing (the invariants check it)
            self.document.apply(ops, text="step")

    def phone(self, op) -> bool:
        """True when the phone's edit changed something: a write of the value already there is no edit.

        (Undoing a local edit may then bring back the older value; nothing of the phone's is lost.)
        """
        try:
            applied = self.document.apply(op, PHONE)
        except Refused:
            return False
        return applied is not None and applied.changed

    def pick_note(self, data) -> str:
        return data.draw(st.sampled_from(sorted(self.wall.notes)))

    # -- this laptop -------------------------------------------------------------------------------
    @rule(text=TEXT)
    def local_add_note(self, text):
        self.local(AddNote("w", self.next_id("L"), text))

    @precondition(lambda self: self.wall.notes)
    @rule(data=st.data(), text=TEXT)
    def local_edit_text(self, data, text):
        self.local(Update("note", self.pick_note(data), (("text", text),)))

    @precondition(lambda self: self.wall.notes)
    @rule(data=st.data(), x=COORD, y=COORD)
    def local_move(self, data, x, y):
        self.local(MoveItems("w", notes=((self.pick_note(data), x, y),)))

    @precondition(lambda self: self.wall.notes)
    @rule(data=st.data())
    def local_dot(self, data):
        dot_id = self.next_id("LD")
        self.local(AddDot(dot_id, "r", self.pick_note(data), voter="laptop"))
        self.local_dots.append(dot_id)

    @precondition(lambda self: any(d in self.wall.round("r").dots for d in self.local_dots + list(self.phone_dots)))
    @rule(data=st.data())
    def local_remove_dot(self, data):
        present = sorted(d for d in self.local_dots + list(self.phone_dots) if d in self.wall.round("r").dots)
        self.local(RemoveDot(data.draw(st.sampled_from(present))))

    @precondition(lambda self: len(self.wall.notes) > 1)
    @rule(data=st.data())
    def local_delete(self, data):
        self.local(Delete("note", (self.pick_note(data),)))

    @precondition(lambda self: self.wall.unclustered())
    @rule(data=st.data(), title=TEXT)
    def local_group(self, data, title):
        loose = sorted(n.id for n in self.wall.unclustered())
        members = data.draw(st.lists(st.sampled_from(loose), min_size=1, max_size=3, unique=True))
        cluster_id = self.next_id("C")
        ops = [AddCluster("w", cluster_id, title, x=100.0, y=100.0)]
        ops += [Update("note", m, (("cluster_id", cluster_id), ("x", 120.0), ("y", 140.0))) for m in members]
        self.local(*ops)

    @precondition(lambda self: self.wall.clusters)
    @rule(data=st.data())
    def local_ungroup(self, data):
        self.local(Delete("cluster", (data.draw(st.sampled_from(sorted(self.wall.clusters))),)))

    @rule()
    def local_undo(self):
        self.document.undo_stack.undo()

    @rule()
    def local_redo(self):
        self.document.undo_stack.redo()

    @rule()
    def undo_everything_local(self):
        """Undo every local edit there is: every phone edit must still be there."""
        stack = self.document.undo_stack
        while stack.canUndo():
            stack.undo()
        wall = self.wall
        for note_id in self.phone_notes:
            assert note_id in wall.notes, f"the phone's note {note_id} was lost"
        for dot_id in self.phone_dots:
            assert dot_id in wall.round("r").dots, f"the phone's dot {dot_id} was lost"
        for note_id, text in self.phone_text.items():
            if note_id in wall.notes:
                assert wall.notes[note_id].text == text
        for note_id, place in self.phone_place.items():
            if note_id in wall.notes:
                assert (wall.notes[note_id].x, wall.notes[note_id].y) == place

    # -- the phone ------------------------------------------------------------------------------------
    @rule(text=TEXT, data=st.data())
    def phone_add_note(self, text, data):
        clusters = sorted(self.wall.clusters)
        cluster = data.draw(st.sampled_from([None, *clusters])) if clusters else None
        note_id = self.next_id("P")
        if self.phone(AddNote("w", note_id, text, source="phone", cluster_id=cluster)):
            self.phone_notes.add(note_id)

    @precondition(lambda self: self.wall.notes)
    @rule(data=st.data())
    def phone_dot(self, data):
        dot_id = self.next_id("PD")
        if self.phone(AddDot(dot_id, "r", self.pick_note(data), voter="phone-1")):
            self.phone_dots.add(dot_id)

    @precondition(lambda self: self.wall.notes)
    @rule(data=st.data(), text=TEXT)
    def phone_edit_text(self, data, text):
        note_id = self.pick_note(data)
        if self.phone(Update("note", note_id, (("text", text),))):
            self.phone_text[note_id] = text

    @precondition(lambda self: self.wall.notes)
    @rule(data=st.data(), x=COORD, y=COORD)
    def phone_move(self, data, x, y):
        note_id = self.pick_note(data)
        if self.phone(MoveItems("w", notes=((note_id, x, y),))):
            self.phone_place[note_id] = (x, y)

    # -- after every step ---------------------------------------------------------------------------------
    @invariant()
    def the_file_read_back_is_the_model(self):
        loaded = self.document.store.load()
        assert loaded == self.document.project
        assert loaded.tombstones == self.document.project.tombstones

    @invariant()
    def a_copy_of_the_file_opens_without_error(self):
        copy = Path(self.folder.name) / "copy.facil"
        self.document.store.save_copy_as(copy)
        with ProjectFile.open(copy, read_only=True) as pf:
            assert pf.load() == self.document.project
        copy.unlink()


TwoOrigins.TestCase.settings = settings(
    max_examples=30, stateful_step_count=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_two_origins_with_local_undo = TwoOrigins.TestCase
