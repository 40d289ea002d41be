"""Committed files of formats 1, 2 and 3 open at the current format with every note, cluster, dot, photo and item."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from facilitator.edits import AddDot, Editor, Origin, Refused
from facilitator.store import ProjectFile, schema
from tests.conftest import DATA


def copy_of(tmp_path, name: str):
    path = tmp_path / name
    shutil.copy(DATA / name, path)
    return path


def test_format_1_keeps_everything_and_counts_become_one_dot_each(tmp_path):
    path = copy_of(tmp_path, "format1.facil")
    with ProjectFile.open(path) as pf:
        assert pf.format == schema.FORMAT
        project = pf.load()
    wall = project.walls[0]
    assert sorted(wall.notes) == ["n1", "n2"] and list(wall.clusters) == ["c1"]
    dots = list(wall.rounds[0].dots.values())
    assert sorted((d.target_id, d.kind, d.voter) for d in dots) == [
        ("c1", "cluster", ""),
        ("n1", "note", ""),
        ("n1", "note", ""),
    ]
    assert len({d.id for d in dots}) == 3
    assert [it.id for it in project.agenda] == ["a1", "a2"]
    assert all(n.source == "" and n.status == "shown" for n in wall.notes.values())


@pytest.mark.parametrize("name", ["format2.facil", "format3.facil"])
def test_formats_2_and_3_keep_every_note_cluster_dot_photo_and_item(tmp_path, name):
    path = copy_of(tmp_path, name)
    with ProjectFile.open(path) as pf:
        assert pf.format == schema.FORMAT
        project = pf.load()
        assert pf.photo_data("p1").startswith(b"\x89PNG")
        assert pf.setting("run.muted") == "1"
        replica = pf.replica
    assert len(replica) == 32
    assert [g.name for g in project.groups] == ["Health", "Sport"]
    assert [d.question for d in project.diamonds] == ["What hurts?", "What helps?"]
    assert [w.name for w in project.walls] == ["Ideas", "Barriers"]
    assert [(it.id, it.diamond_id, it.wall_id) for it in project.agenda] == [
        ("a1", None, None),
        ("a2", "d1", "w1"),
        ("a3", None, None),
    ]
    ideas, barriers = project.walls
    assert sorted(ideas.notes) == ["n1", "n2"] and sorted(barriers.notes) == ["n3"]
    assert ideas.notes["n1"].text == "Żółć — café" and ideas.notes["n1"].cluster_id == "c1"
    assert list(ideas.clusters) == ["c1"] and list(barriers.clusters) == ["c2"]
    assert [r.name for r in ideas.rounds] == ["Round 1", "Round 2"]
    assert ideas.rounds[0].note_votes == {"n1": 2} and ideas.rounds[0].cluster_votes == {"c1": 1}
    assert ideas.rounds[1].note_votes == {"n2": 3}
    assert [(p.id, p.caption, p.wall_id) for p in project.photos] == [("p1", "Paper wall", "w1")]
    assert [(a.text, a.due) for a in project.actions][1] == ("Book room", None)
    # every ordered list got order keys in its old order
    for items in (project.groups, project.diamonds, project.agenda, project.walls, ideas.rounds, project.actions):
        keys = [i.order for i in items]
        assert all(keys) and keys == sorted(keys)
    if name == "format3.facil":
        assert project.run is not None and project.run.item_id == "a2"


def test_a_migrated_file_takes_new_edits_with_the_new_rules(tmp_path):
    path = copy_of(tmp_path, "format3.facil")
    with ProjectFile.open(path) as pf:
        editor = Editor(pf)
        editor.apply(AddDot("phone-dot", "r1", "n2", voter="Phone 1"), Origin("phone", "p1"))
        with pytest.raises(Refused):
            editor.apply(AddDot("bad", "r1", "no-such-note"), Origin("phone", "p1"))
        assert pf.read_log()[0].origin_kind == "phone"
    with ProjectFile.open(path) as pf:
        assert pf.load().walls[0].note_dots("n2") == 4


def test_a_new_file_and_a_migrated_file_have_the_same_schema(tmp_path):
    """Every schema object comes from the migration steps, so the pre-open checks can derive them."""

    def shape(path):
        conn = sqlite3.connect(path)
        try:
            return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())
        finally:
            conn.close()

    ProjectFile.create(tmp_path / "new.facil").close()
    for name in ("format1.facil", "format2.facil", "format3.facil"):
        path = copy_of(tmp_path, name)
        ProjectFile.open(path).close()
        assert shape(path) == shape(tmp_path / "new.facil"), name


def test_read_only_open_of_an_old_format_writes_nothing(tmp_path):
    path = copy_of(tmp_path, "format3.facil")
    before = path.read_bytes()
    with ProjectFile.open(path, read_only=True) as pf:
        assert pf.load().walls[0].rounds[0].note_votes == {"n1": 2}
    assert path.read_bytes() == before
