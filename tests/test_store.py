"""The project file: round trips, migrations, refusals, locking and copies."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from facilitator.core.event import Photo
from facilitator.core.project import Project
from facilitator.core.wall import Cluster, Note, VoteRound, Wall
from facilitator.store import (
    CorruptProject,
    NewerFormat,
    NotAProject,
    OpenElsewhere,
    ProjectError,
    ProjectFile,
    schema,
)

DATA = Path(__file__).resolve().parent / "data"
BAD = DATA / "bad"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


# -- round trips ---------------------------------------------------------------


def test_demo_round_trips_through_the_file(tmp_path, demo_project):
    path = tmp_path / "demo.facil"
    ProjectFile.create(path, demo_project).close()
    with ProjectFile.open(path) as pf:
        loaded = pf.load()
    assert loaded == demo_project
    assert integrity(path) == "ok"


def test_file_is_identified_by_application_id_and_format(demo_file):
    conn = sqlite3.connect(demo_file)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.FORMAT
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_every_edit_is_in_the_file_as_soon_as_the_call_returns(tmp_path):
    """No Save: the bytes on disk, copied while the project is still open, hold every edit."""
    path = tmp_path / "p.facil"
    wall = Wall("Ideas")
    pf = ProjectFile.create(path, Project(walls=[wall]))
    note = Note("first", x=10, y=20)
    pf.save_notes(wall.id, [note])
    pf.move_notes([(note.id, 55.5, 66.5)])
    cluster = Cluster("Group")
    pf.save_clusters(wall.id, [cluster])
    note.cluster_id, note.text, note.x, note.y = cluster.id, "edited", 55.5, 66.5
    pf.save_notes(wall.id, [note])
    vote_round = VoteRound("R1", note_votes={note.id: 2}, cluster_votes={cluster.id: 1})
    pf.save_round(wall.id, vote_round)
    wall.rounds.append(vote_round)
    wall.notes[note.id] = note
    wall.clusters[cluster.id] = cluster
    wall.vote(vote_round.id, note.id, 1)  # one more dot: one more row
    pf.save_round(wall.id, vote_round)
    snapshot = tmp_path / "snapshot.facil"
    snapshot.write_bytes(path.read_bytes())  # as if the laptop died now
    journal = Path(str(path) + "-journal")
    if journal.exists():  # kept open in exclusive mode, but never "hot": its header is zeroed
        assert journal.read_bytes()[:8] == bytes(8)
    with ProjectFile.open(snapshot, read_only=True) as reader:
        got = reader.load().walls[0]
    pf.close()
    loaded = got.notes[note.id]
    assert (loaded.text, loaded.x, loaded.y, loaded.cluster_id) == ("edited", 55.5, 66.5, cluster.id)
    assert got.rounds[0].note_votes == {note.id: 3}
    assert got.rounds[0].cluster_votes == {cluster.id: 1}


def test_deleting_a_note_removes_its_dots_in_every_round(tmp_path):
    path = tmp_path / "p.facil"
    wall = Wall("W")
    keep, gone = Note("keep"), Note("gone")
    wall.add_note(keep)
    wall.add_note(gone)
    wall.rounds = [VoteRound("1", note_votes={gone.id: 2, keep.id: 1}), VoteRound("2", note_votes={gone.id: 1})]
    with ProjectFile.create(path, Project(walls=[wall])) as pf:
        pf.delete_notes([gone.id])
        loaded = pf.load().walls[0]
    assert list(loaded.notes) == [keep.id]
    assert [r.note_votes for r in loaded.rounds] == [{keep.id: 1}, {}]


def test_ungrouping_keeps_the_notes_and_drops_only_the_cluster_dots(tmp_path):
    path = tmp_path / "p.facil"
    wall = Wall("W")
    cluster = wall.add_cluster(Cluster("C"))
    note = wall.add_note(Note("n", cluster_id=cluster.id))
    wall.rounds = [VoteRound("1", note_votes={note.id: 2}, cluster_votes={cluster.id: 4})]
    with ProjectFile.create(path, Project(walls=[wall])) as pf:
        pf.delete_clusters([cluster.id])
        loaded = pf.load().walls[0]
    assert loaded.notes[note.id].cluster_id is None
    assert loaded.clusters == {}
    assert loaded.rounds[0].note_votes == {note.id: 2}
    assert loaded.rounds[0].cluster_votes == {}


def test_photos_are_stored_inside_the_file(tmp_path):
    path = tmp_path / "p.facil"
    wall = Wall("W")
    photo = Photo(caption="Paper wall", wall_id=wall.id, mime="image/png", width=4, height=3)
    blob = bytes(range(256)) * 10
    with ProjectFile.create(path, Project(walls=[wall])) as pf:
        pf.add_photo(photo, blob)
    moved = tmp_path / "elsewhere" / "moved.facil"
    moved.parent.mkdir()
    shutil.move(path, moved)
    with ProjectFile.open(moved) as pf:
        project = pf.load()
        assert project.photos == [photo]
        assert pf.photo_data(photo.id) == blob


def test_settings_are_kept_per_project(tmp_path):
    with ProjectFile.create(tmp_path / "p.facil") as pf:
        assert pf.setting("paper") is None
        pf.set_setting("paper", "letter")
        pf.set_setting("paper", "a4")
        assert pf.setting("paper") == "a4"
        pf.set_setting("paper", None)
        assert pf.setting("paper", "default") == "default"


def test_a_failed_group_of_writes_leaves_nothing_behind(tmp_path):
    path = tmp_path / "p.facil"
    wall = Wall("W")
    with ProjectFile.create(path, Project(walls=[wall])) as pf:
        with pytest.raises(RuntimeError), pf.transaction():
            pf.save_notes(wall.id, [Note("half an import")])
            raise RuntimeError("import failed on row 7")
        assert pf.load().walls[0].notes == {}
    assert integrity(path) == "ok"


def test_create_refuses_to_overwrite(tmp_path, demo_file):
    before = digest(demo_file)
    with pytest.raises(ProjectError, match="already exists"):
        ProjectFile.create(demo_file)
    assert digest(demo_file) == before


# -- save a copy ------------------------------------------------------------------


def test_save_a_copy_writes_a_complete_consistent_file(tmp_path, demo_file):
    with ProjectFile.open(demo_file) as pf:
        original = pf.load()
        copy = pf.save_copy_as(tmp_path / "copy.facil")
        # The original stays open and editable after the copy.
        pf.set_setting("after", "copy")
    assert integrity(copy) == "ok"
    with ProjectFile.open(copy) as pf:
        assert pf.load() == original
        assert pf.setting("after") is None
    assert not list(tmp_path.glob("*.saving"))


def test_save_a_copy_over_the_open_file_is_refused(demo_file):
    with ProjectFile.open(demo_file) as pf, pytest.raises(ProjectError, match="open project itself"):
        pf.save_copy_as(demo_file)


# -- migrations ------------------------------------------------------------------------


def test_format_1_file_is_migrated_forward_with_its_content(tmp_path):
    path = tmp_path / "old.facil"
    shutil.copy(DATA / "format1.facil", path)
    with ProjectFile.open(path) as pf:
        assert pf.format == schema.FORMAT
        project = pf.load()
        assert project.photos == []
        pf.set_setting("migrated", "yes")  # tables of later formats exist and work
    assert project.event.title == "Old event"
    assert [i.title for i in project.agenda] == ["Welcome", "Ideas"]
    wall = project.walls[0]
    assert wall.notes["n1"].text == "Żółć — café"
    assert wall.notes["n1"].cluster_id == "c1"
    assert wall.rounds[0].note_votes == {"n1": 2}
    assert wall.cluster_dots("c1") == 3
    assert project.actions[0].due == dt.date(2025, 5, 8)
    assert integrity(path) == "ok"


def test_read_only_open_reads_an_old_format_without_writing_it(tmp_path):
    path = tmp_path / "old.facil"
    shutil.copy(DATA / "format1.facil", path)
    before = digest(path)
    with ProjectFile.open(path, read_only=True) as pf:
        assert pf.load().walls[0].notes["n1"].text == "Żółć — café"
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.facil"]


def test_a_migration_that_finds_broken_rows_leaves_the_file_untouched(tmp_path):
    path = tmp_path / "old.facil"
    shutil.copy(DATA / "format1.facil", path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE note SET cluster_id = 'gone' WHERE id = 'n1'")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(CorruptProject, match="cluster that does not exist"):
        ProjectFile.open(path)
    assert digest(path) == before


# -- refusals -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "error", "words"),
    [
        ("empty.facil", NotAProject, "is empty"),
        ("random-bytes.facil", NotAProject, "not a Facilitator project"),
        ("png-renamed.facil", NotAProject, "not a Facilitator project"),
        ("text-file.facil", NotAProject, "not a Facilitator project"),
        ("other-program.facil", NotAProject, "another program"),
        ("newer-format.facil", NewerFormat, "newer version of Facilitator (format 7)"),
        ("truncated.facil", CorruptProject, "damaged"),
        ("note-in-missing-cluster.facil", CorruptProject, "cluster that does not exist"),
        ("vote-on-deleted-note.facil", CorruptProject, "dots on a note that does not exist"),
        ("bad-phase-value.facil", CorruptProject, "cannot read"),
    ],
)
@pytest.mark.parametrize("read_only", [False, True])
def test_bad_files_are_refused_with_one_line_and_left_unchanged(tmp_path, name, error, words, read_only):
    path = tmp_path / name
    shutil.copy(BAD / name, path)
    before = digest(path)
    with pytest.raises(error) as caught, ProjectFile.open(path, read_only=read_only) as pf:
        pf.load()
    message = str(caught.value)
    assert words in message
    assert "\n" not in message and name in message
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no journal or side file left


def test_missing_file_and_folder_get_plain_messages(tmp_path):
    with pytest.raises(ProjectError, match="There is no file"):
        ProjectFile.open(tmp_path / "nope.facil")
    with pytest.raises(NotAProject, match="is a folder"):
        ProjectFile.open(tmp_path)


# -- two processes ------------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys
    from facilitator.store import ProjectFile
    pf = ProjectFile.open(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    pf.set_setting("holder", "was here")
    pf.close()
    print("closed", flush=True)
    """
)


def test_a_second_process_is_told_the_file_is_open_elsewhere(demo_file):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(demo_file)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(OpenElsewhere, match="open in another Facilitator window"):
            ProjectFile.open(demo_file)
        with pytest.raises(OpenElsewhere):
            ProjectFile.open(demo_file, read_only=True)
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "closed"
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
        holder.stdout.close()
    assert holder.returncode == 0
    with ProjectFile.open(demo_file) as pf:
        assert pf.setting("holder") == "was here"
    assert integrity(demo_file) == "ok"


def test_a_read_only_file_is_refused_for_editing_but_readable(demo_file, monkeypatch):
    import os

    before = digest(demo_file)
    # As root the permission bits would not stop us, so ask the same question the store asks.
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    with pytest.raises(ProjectError, match="read-only"):
        ProjectFile.open(demo_file)
    with ProjectFile.open(demo_file, read_only=True) as pf:
        assert pf.load().event.title
        with pytest.raises(ProjectError, match="open read-only"):
            pf.set_setting("x", "y")
    assert digest(demo_file) == before
