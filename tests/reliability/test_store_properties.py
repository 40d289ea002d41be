"""Property test: any sequence of wall edits, written through the store, reopens as the same wall."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from facilitator.core.project import Project
from facilitator.core.wall import Cluster, Note, VoteRound, Wall
from facilitator.store import ProjectFile

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
COORD = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


class WallEdits(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "p.facil"
        self.wall = Wall("Property wall")
        self.wall.rounds.append(VoteRound("R1"))
        self.store = ProjectFile.create(self.path, Project(walls=[self.wall]))
        self.store_round = self.wall.rounds[0]
        self.counter = 0

    def next_id(self, prefix: str) -> str:
        """Ids in creation order, so a replayed example makes the same choices (uuids would not)."""
        self.counter += 1
        return f"{prefix}{self.counter:05d}"

    def teardown(self) -> None:
        self.store.close()
        self.folder.cleanup()

    @rule(text=TEXT, x=COORD, y=COORD, colour=st.sampled_from(["yellow", "pink", "blue"]), author=TEXT)
    def add_note(self, text, x, y, colour, author):
        note = self.wall.add_note(Note(text, colour=colour, author=author, x=x, y=y, id=self.next_id("n")))
        self.store.save_notes(self.wall.id, [note])

    @precondition(lambda self: self.wall.notes)
    @rule(data=st.data(), dx=COORD, dy=COORD)
    def move(self, data, dx, dy):
        ids = data.draw(st.lists(st.sampled_from(sorted(self.wall.notes)), min_size=1, unique=True))
        for i in ids:
            self.wall.notes[i].x, self.wall.notes[i].y = dx, dy
        self.store.move_notes([(i, dx, dy) for i in ids])

    @precondition(lambda self: self.wall.notes)
    @rule(data=st.data(), text=TEXT)
    def edit_text(self, data, text):
        note = self.wall.notes[data.draw(st.sampled_from(sorted(self.wall.notes)))]
        note.text = text
        self.store.save_notes(self.wall.id, [note])

    @precondition(lambda self: self.wall.unclustered())
    @rule(data=st.data(), title=TEXT)
    def group(self, data, title):
        loose = sorted(n.id for n in self.wall.unclustered())
        members = data.draw(st.lists(st.sampled_from(loose), min_size=1, unique=True))
        cluster = self.wall.add_cluster(Cluster(title, id=self.next_id("c")), members)
        with self.store.transaction():
            self.store.save_clusters(self.wall.id, [cluster])
            self.store.save_notes(self.wall.id, [self.wall.notes[i] for i in members])

    @precondition(lambda self: self.wall.clusters)
    @rule(data=st.data())
    def ungroup(self, data):
        cluster_id = data.draw(st.sampled_from(sorted(self.wall.clusters)))
        self.wall.remove_cluster(cluster_id)
        self.store.delete_clusters([cluster_id])

    @precondition(lambda self: self.wall.notes or self.wall.clusters)
    @rule(data=st.data(), delta=st.integers(-3, 3))
    def vote(self, data, delta):
        target = data.draw(st.sampled_from(sorted(self.wall.notes) + sorted(self.wall.clusters)))
        self.wall.vote(self.store_round.id, target, delta)
        self.store.save_round(self.wall.id, self.store_round)

    @precondition(lambda self: self.wall.notes)
    @rule(data=st.data())
    def delete(self, data):
        note_id = data.draw(st.sampled_from(sorted(self.wall.notes)))
        self.wall.remove_note(note_id)
        self.store.delete_notes([note_id])

    @invariant()
    def file_matches_model(self):
        loaded = self.store.load().walls[0]
        assert loaded.notes == self.wall.notes
        assert loaded.clusters == self.wall.clusters
        assert loaded.rounds == self.wall.rounds


WallEdits.TestCase.settings = settings(
    max_examples=25, stateful_step_count=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_wall_edits_reopen_as_the_same_wall = WallEdits.TestCase
