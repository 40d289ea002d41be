"""Merging project files (facilitator/sync/merge.py): the rules live sync shares, proven on files.

Two laptops start from one file (a copy with its own replica id), edit apart
through the edit layer, and meet by ``merge``. The canonical dump
(facilitator/sync/canonical.py) is what must come out equal.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.core.agenda import AgendaItem
from facilitator.core.project import Project
from facilitator.core.wall import Cluster, Note, VoteRound, Wall
from facilitator.edits import (
    AddCluster,
    AddDot,
    AddNote,
    AddPhoto,
    AddRound,
    AddWall,
    Delete,
    Editor,
    MoveItems,
    Origin,
    Reorder,
    Update,
)
from facilitator.store import ProjectError, ProjectFile
from facilitator.sync.canonical import canonical_text
from facilitator.sync.merge import join_walls, merge_file

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
REPO = Path(__file__).resolve().parent.parent


def base_project() -> Project:
    wall = Wall("Ideas", id="w1")
    wall.add_cluster(Cluster("Access", id="c1", x=0, y=0))
    wall.add_note(Note("In the cluster", id="n1", cluster_id="c1", x=20, y=64))
    wall.add_note(Note("Loose", id="n2", x=400, y=0))
    wall.add_note(Note("Third", id="n3", x=600, y=0))
    wall.rounds.append(VoteRound("Round 1", dots_per_person=3, id="r1"))
    return Project(walls=[wall], agenda=[AgendaItem("Welcome", id="a1")])


def laptop(path: Path, replica: str) -> Path:
    """A copy of the file as another laptop holds it: same content, its own replica id."""
    with ProjectFile.open(path) as pf:
        pf.set_setting("replica", replica)
    return path


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    a = tmp_path / "a.facil"
    ProjectFile.create(a, base_project()).close()
    laptop(a, "aaaa")
    b = tmp_path / "b.facil"
    shutil.copy(a, b)
    laptop(b, "bbbb")
    return a, b


def edit(path: Path, *ops, origin: Origin | None = None) -> None:
    with ProjectFile.open(path) as pf:
        ed = Editor(pf)
        for op in ops:
            ed.apply(op) if origin is None else ed.apply(op, origin)


def merged(tmp_path: Path, target: Path, source: Path, name: str, plan: bool = True) -> Path:
    out = tmp_path / name
    shutil.copy(target, out)
    with ProjectFile.open(out) as pf:
        merge_file(Editor(pf), source, plan=plan)
    return out


def dump(path: Path, plan: bool = True) -> str:
    with ProjectFile.open(path, read_only=True) as pf:
        return canonical_text(pf.load(), pf.photo_data, plan)


def load(path: Path) -> Project:
    with ProjectFile.open(path, read_only=True) as pf:
        return pf.load()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the acceptance rules ---------------------------------------------------------------------------------
def test_adds_walls_notes_clusters_dots_and_photos_by_id_and_never_writes_the_source(pair, tmp_path):
    a, b = pair
    edit(
        b,
        AddWall("w2", "Barriers"),
        AddCluster("w1", "c2", "Money", x=900, y=0),
        AddNote("w1", "n9", "From table 2", colour="pink", x=10, y=10, cluster_id="c2"),
        AddNote("w2", "n10", "Stairs", x=0, y=0),
        AddDot("d1", "r1", "n9", voter="ana"),
        AddPhoto("p1", "w1", PNG, mime="image/png", width=8, height=8),
    )
    before = digest(b)
    with ProjectFile.open(a) as pf:
        result = merge_file(Editor(pf), b)
        assert result.line() == "2 notes added, 0 changed, 0 deleted, 1 photo (1 wall, 1 dot added)"
    assert digest(b) == before
    project = load(a)
    wall = project.wall("w1")
    assert wall.notes["n9"].cluster_id == "c2" and wall.notes["n9"].colour == "pink"
    assert wall.note_dots("n9") == 1
    assert project.wall("w2").notes["n10"].text == "Stairs"
    assert dump(a) == dump(b)  # a had nothing b lacked


def test_merging_twice_changes_nothing(pair, tmp_path):
    a, b = pair
    edit(b, AddNote("w1", "n9", "New", x=1, y=1), Update("note", "n1", (("text", "Edited"),)), Delete("note", ("n2",)))
    with ProjectFile.open(a) as pf:
        first = merge_file(Editor(pf), b)
    once = a.read_bytes()
    with ProjectFile.open(a) as pf:
        again = merge_file(Editor(pf), b)
    assert first.line() == "1 note added, 1 changed, 1 deleted, 0 photos"
    assert again.line() == "0 notes added, 0 changed, 0 deleted, 0 photos"
    assert again.applied is None
    assert a.read_bytes() == once


def random_edits(path: Path, rng: random.Random, tag: str, count: int = 25) -> None:
    """Add, edit, move, recolour, group, delete and dot at random, as one laptop would."""
    with ProjectFile.open(path) as pf:
        ed = Editor(pf)
        for i in range(count):
            wall = rng.choice(ed.project.walls)
            notes = list(wall.notes)
            clusters = list(wall.clusters)
            roll = rng.random()
            try:
                if roll < 0.3 or not notes:
                    ed.apply(AddNote(wall.id, f"{tag}n{i}", f"note {tag}{i}", x=rng.uniform(0, 900), y=0.0))
                elif roll < 0.45:
                    ed.apply(Update("note", rng.choice(notes), (("text", f"text {tag}{i}"),)))
                elif roll < 0.55:
                    ed.apply(MoveItems(wall.id, notes=((rng.choice(notes), rng.uniform(0, 900), 50.0),)))
                elif roll < 0.62:
                    ed.apply(Update("note", rng.choice(notes), (("colour", rng.choice(["pink", "blue", "green"])),)))
                elif roll < 0.7 and clusters:
                    ed.apply(Update("note", rng.choice(notes), (("cluster_id", rng.choice(clusters)),)))
                elif roll < 0.74:
                    ed.apply(AddCluster(wall.id, f"{tag}c{i}", f"group {tag}{i}", x=rng.uniform(0, 900), y=400.0))
                elif roll < 0.8:
                    ed.apply(Delete("note", (rng.choice(notes),)))
                elif roll < 0.83 and clusters:
                    ed.apply(Delete("cluster", (rng.choice(clusters),)))
                elif roll < 0.86:
                    ed.apply(Update("wall", wall.id, (("name", f"wall {tag}{i}"),)))
                elif roll < 0.88:
                    ed.apply(AddWall(f"{tag}w{i}", "Ideas" if rng.random() < 0.5 else f"W {tag}{i}"))
                elif roll < 0.9 and len(ed.project.walls) > 1:
                    ed.apply(Delete("wall", (wall.id,)))
                elif roll < 0.93:
                    ed.apply(Update("agenda", "a1", (("title", f"Welcome {tag}{i}"),)))
                else:
                    rounds = wall.rounds or []
                    if not rounds:
                        ed.apply(AddRound(wall.id, f"{tag}r{i}", "Round"))
                    else:
                        ed.apply(AddDot(f"{tag}d{i}", rounds[0].id, rng.choice(notes), voter=rng.choice("xyz")))
            except Exception as exc:  # refusals are fine (a name taken, a dot on a note just deleted)
                from facilitator.core.rules import Refused

                assert isinstance(exc, Refused), exc


@pytest.mark.parametrize("seed", range(int(os.environ.get("MERGE_SEEDS", "6"))))
def test_commutative_and_idempotent_under_random_concurrent_edits(pair, tmp_path, seed):
    a, b = pair
    rng = random.Random(seed)
    random_edits(a, rng, "A")
    random_edits(b, rng, "B")
    ab = merged(tmp_path, a, b, "ab.facil")
    ba = merged(tmp_path, b, a, "ba.facil")
    assert dump(ab) == dump(ba)
    # and a third merge of either into the result changes nothing
    again = merged(tmp_path, ab, ba, "aba.facil")
    assert dump(again) == dump(ab)
    # nothing either laptop held is missing unless the other deleted it
    for side in (a, b):
        for wall in load(side).walls:
            for note_id in wall.notes:
                result = load(ab)
                assert result.wall_of_note(note_id) is not None or note_id in result.tombstones


def test_three_laptops_meet_in_any_order_and_agree(tmp_path):
    a = tmp_path / "a.facil"
    ProjectFile.create(a, base_project()).close()
    laptop(a, "aaaa")
    paths = [a]
    for name in "bc":
        p = tmp_path / f"{name}.facil"
        shutil.copy(a, p)
        laptop(p, name * 4)
        paths.append(p)
    rng = random.Random(7)
    for p, tag in zip(paths, "ABC", strict=True):
        random_edits(p, rng, tag, 20)
    a, b, c = paths
    one = merged(tmp_path, merged(tmp_path, a, b, "x1.facil"), c, "x2.facil")
    two = merged(tmp_path, merged(tmp_path, c, a, "y1.facil"), b, "y2.facil")
    three = merged(tmp_path, b, merged(tmp_path, c, a, "z1.facil"), "z2.facil")
    assert dump(one) == dump(two) == dump(three)


def test_concurrent_edits_of_one_field_follow_the_clocks_and_other_fields_both_survive(pair, tmp_path):
    a, b = pair
    edit(a, Update("note", "n1", (("text", "A's words"),)))
    edit(b, Update("note", "n1", (("colour", "blue"),)))
    edit(b, Update("note", "n1", (("text", "B's first"),)), Update("note", "n1", (("text", "B's words"),)))
    ab, ba = merged(tmp_path, a, b, "ab.facil"), merged(tmp_path, b, a, "ba.facil")
    for path in (ab, ba):
        note = load(path).wall("w1").notes["n1"]
        assert (note.text, note.colour) == ("B's words", "blue")  # B's text edit has the higher clock
    edit(a, Update("note", "n1", (("text", "A after seeing B"),)))  # an edit after the merge wins
    assert load(merged(tmp_path, b, a, "ba2.facil")).wall("w1").notes["n1"].text == "B's words"
    with ProjectFile.open(ab) as pf:
        Editor(pf).apply(Update("note", "n1", (("text", "later"),)))
    assert load(merged(tmp_path, b, ab, "b_ab.facil")).wall("w1").notes["n1"].text == "later"


def test_moves_keep_one_place_never_half_of_each(pair, tmp_path):
    a, b = pair
    edit(a, MoveItems("w1", notes=(("n2", 1.0, 2.0),)))
    edit(b, MoveItems("w1", notes=(("n2", 500.0, 600.0),)))
    ab, ba = merged(tmp_path, a, b, "ab.facil"), merged(tmp_path, b, a, "ba.facil")
    place = {(n.x, n.y) for p in (ab, ba) for n in [load(p).wall("w1").notes["n2"]]}
    assert len(place) == 1 and place.pop() in {(1.0, 2.0), (500.0, 600.0)}


def test_deletes_are_not_brought_back_and_win_over_a_concurrent_edit(pair, tmp_path):
    a, b = pair
    edit(a, Delete("note", ("n2",)), Delete("cluster", ("c1",)))
    edit(b, Update("note", "n2", (("text", "edited while A deleted it"),)), AddDot("d1", "r1", "n2", voter="ana"))
    edit(b, AddNote("w1", "n9", "joined the cluster A deleted", x=1, y=1, cluster_id="c1"))
    ab, ba = merged(tmp_path, a, b, "ab.facil"), merged(tmp_path, b, a, "ba.facil")
    assert dump(ab) == dump(ba)
    for path in (ab, ba):
        project = load(path)
        wall = project.wall("w1")
        assert "n2" not in wall.notes and "n2" in project.tombstones
        assert "c1" not in wall.clusters and wall.notes["n1"].cluster_id is None
        assert wall.notes["n9"].cluster_id is None
        assert wall.total_dots == 0 and "d1" in project.tombstones
    # and a file that still holds the note does not bring it back into the merged one
    with ProjectFile.open(ab) as pf:
        merge_file(Editor(pf), b)
    assert "n2" not in load(ab).wall("w1").notes


def test_a_wall_deleted_on_one_laptop_takes_what_the_other_added_to_it(pair, tmp_path):
    a, b = pair
    edit(a, AddWall("w2", "Spare"))
    edit(b, AddWall("w3", "Other"))
    edit(a, Delete("wall", ("w1",)))
    edit(b, AddNote("w1", "n9", "on the wall A deleted", x=1, y=1), AddDot("d9", "r1", "n9", voter="bo"))
    ab, ba = merged(tmp_path, a, b, "ab.facil"), merged(tmp_path, b, a, "ba.facil")
    assert dump(ab) == dump(ba)
    project = load(ab)
    assert project.find_wall("w1") is None and {"n9", "d9", "w1"} <= set(project.tombstones)


def test_dots_add_up_per_person_and_one_dot_counts_once(pair, tmp_path):
    a, b = pair
    edit(a, AddDot("shared", "r1", "n1", voter="ana"))
    shutil.copy(a, b)
    laptop(b, "bbbb")
    edit(a, AddDot("da1", "r1", "n1", voter="ana"), AddDot("da2", "r1", "n2", voter="bo"))
    edit(b, AddDot("db1", "r1", "n1", voter="ana"))
    result = load(merged(tmp_path, a, b, "ab.facil"))
    r = result.wall("w1").round("r1")
    assert r.dots_of("ana") == 3 and r.dots_of("bo") == 1
    assert result.wall("w1").note_dots("n1") == 3


def test_photos_are_kept_once(pair, tmp_path):
    a, b = pair
    edit(a, AddPhoto("p1", "w1", PNG, mime="image/png", width=8, height=8))
    edit(b, AddPhoto("p2", "w1", PNG + b"2", mime="image/png", width=8, height=8))
    ab = merged(tmp_path, a, b, "ab.facil")
    with ProjectFile.open(ab) as pf:
        merge_file(Editor(pf), a)
        merge_file(Editor(pf), b)
        assert sorted(p.id for p in pf.load().photos) == ["p1", "p2"]
        assert pf.photo_data("p2") == PNG + b"2"


def test_walls_made_apart_with_one_name_stay_apart_named_alike_and_join_in_one_step(pair, tmp_path):
    a, b = pair
    edit(a, AddWall("wa", "Barriers"), AddNote("wa", "na", "from A", x=0, y=0))
    edit(b, AddWall("wb", "Barriers"), AddNote("wb", "nb", "from B", x=0, y=0))
    ab, ba = merged(tmp_path, a, b, "ab.facil"), merged(tmp_path, b, a, "ba.facil")
    assert dump(ab) == dump(ba)
    names = {w.id: w.name for w in load(ab).walls}
    assert names["wa"] == "Barriers" and names["wb"] == "Barriers (2)"  # the smaller id keeps the name
    with ProjectFile.open(ab) as pf:
        ed = Editor(pf)
        join_walls(ed, "wa", "wb")
        wall = ed.project.wall("wa")
        assert ed.project.find_wall("wb") is None
        assert sorted(n.text for n in wall.notes.values()) == ["from A", "from B"]
    with ProjectFile.open(ba) as pf:
        join_walls(Editor(pf), "wa", "wb")
    assert dump(ab) == dump(ba)  # joined on both laptops: the same things, nothing twice


def test_the_plan_is_offered_not_forced(pair, tmp_path):
    a, b = pair
    edit(b, Update("agenda", "a1", (("title", "Hello"),)), Update("event", "event", (("title", "B's day"),)))
    plain = merged(tmp_path, a, b, "plain.facil", plan=False)
    assert load(plain).agenda[0].title == "Welcome" and load(plain).event.title == load(a).event.title
    full = merged(tmp_path, a, b, "full.facil", plan=True)
    assert load(full).agenda[0].title == "Hello" and load(full).event.title == "B's day"


def test_reorder_follows_the_clocks(pair, tmp_path):
    a, b = pair
    edit(a, AddWall("w2", "Two"), AddWall("w3", "Three"))
    shutil.copy(a, b)
    laptop(b, "bbbb")
    edit(b, Reorder("wall", "w3", index=0))
    ab = merged(tmp_path, a, b, "ab.facil")
    assert [w.id for w in load(ab).walls] == ["w3", "w1", "w2"]


def test_merge_is_one_edit_undone_in_one_step(pair, tmp_path):
    a, b = pair
    edit(b, AddNote("w1", "n9", "New", x=1, y=1), Update("note", "n1", (("text", "Edited"),)))
    with ProjectFile.open(a) as pf:
        ed = Editor(pf)
        before = canonical_text(ed.project, pf.photo_data)
        result = merge_file(ed, b)
        assert result.applied is not None
        ed.apply_all(result.applied.inverse)
        after = canonical_text(ed.project, pf.photo_data)
    assert '"n9"' in after  # the undone note is deleted (a tombstone), not forgotten
    assert before.replace('"deleted": []', "") != after
    project = load(a)
    assert project.wall("w1").notes["n1"].text == "In the cluster" and "n9" not in project.wall("w1").notes


def test_refuses_to_merge_the_open_project_into_itself(pair):
    a, _b = pair
    with ProjectFile.open(a) as pf, pytest.raises(ProjectError):
        merge_file(Editor(pf), a)


def test_a_format_5_source_is_read_without_being_migrated_on_disk(pair, tmp_path):
    from facilitator.store import schema

    a, b = pair
    import sqlite3

    conn = sqlite3.connect(b)
    conn.execute("DROP TABLE field_stamp")
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    before = digest(b)
    with ProjectFile.open(a) as pf:
        merge_file(Editor(pf), b)
    assert digest(b) == before
    assert schema.FORMAT == 6


def test_cli_merge_prints_one_line(pair):
    a, b = pair
    edit(b, AddNote("w1", "n9", "New", x=1, y=1))
    before = digest(b)
    env = {"PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-m", "facilitator", "merge", str(a), str(b)], capture_output=True, text=True, env=env
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == "1 note added, 0 changed, 0 deleted, 0 photos\n"
    assert digest(b) == before
    bad = subprocess.run(
        [sys.executable, "-m", "facilitator", "merge", str(a), str(a.parent / "missing.facil")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert bad.returncode != 0 and bad.stderr.count("\n") == 1


def test_every_field_edit_is_stamped_with_its_commit_clock_and_replica(pair):
    a, _b = pair
    with ProjectFile.open(a) as pf:
        ed = Editor(pf)
        ed.apply(Update("note", "n1", (("text", "x"), ("colour", "blue"))))
        ed.apply(MoveItems("w1", notes=(("n2", 3.0, 4.0),)))
        stamps = pf.field_stamps()
        clock = pf.clock
    assert stamps[("n1", "text")] == stamps[("n1", "colour")] == (clock - 1, "aaaa")
    assert stamps[("n2", "pos")] == (clock, "aaaa")
    assert ("n1", "pos") not in stamps  # what was not edited carries no stamp
    with ProjectFile.open(a) as pf:
        assert pf.clock == clock  # the clock survives a reopen


def test_walls_whose_names_differ_only_in_case_are_kept_apart_too(pair, tmp_path):
    a, b = pair
    edit(a, AddWall("wa", "Barriers"))
    edit(b, AddWall("wb", "barriers "))
    ab, ba = merged(tmp_path, a, b, "ab.facil"), merged(tmp_path, b, a, "ba.facil")
    assert dump(ab) == dump(ba)
    assert sorted(w.name for w in load(ab).walls) == ["Barriers", "Barriers (2)", "Ideas"]


def test_a_copy_saved_with_save_a_copy_as_is_its_own_replica_and_merges_back_with_both_sides_edits(pair, tmp_path):
    a, _b = pair
    copy = tmp_path / "copy.facil"
    edit(a, Update("note", "n2", (("text", "Before the copy"),)))
    with ProjectFile.open(a) as pf:
        pf.save_copy_as(copy)
        original = pf.replica
    with ProjectFile.open(copy) as pf:
        assert pf.replica != original and len(pf.replica) == 32  # else both would stamp edits alike
        assert pf.clock > 0  # its history and clocks are kept: only who it is changes
    # edited apart: the same field on both (one clock tick each, so only the replica tells them apart), and more
    edit(a, Update("note", "n1", (("text", "On the original"),)), AddNote("w1", "na", "Only on the original"))
    edit(copy, Update("note", "n1", (("text", "On the copy"),)), AddNote("w1", "nc", "Only on the copy"))
    ac, ca = merged(tmp_path, a, copy, "ac.facil"), merged(tmp_path, copy, a, "ca.facil")
    assert dump(ac) == dump(ca)
    for path in (ac, ca):
        notes = load(path).wall("w1").notes
        assert notes["na"].text == "Only on the original" and notes["nc"].text == "Only on the copy"
    with ProjectFile.open(a, read_only=True) as pa, ProjectFile.open(copy, read_only=True) as pc:
        stamps = {pa.field_stamps()[("n1", "text")], pc.field_stamps()[("n1", "text")]}
    assert len(stamps) == 2  # two different edits carry two different stamps


def test_a_file_managers_copy_takes_its_own_replica_at_its_first_edit_and_opening_writes_nothing(pair, tmp_path):
    a, _b = pair
    edit(a, Update("note", "n2", (("text", "Before the copy"),)))
    usb = tmp_path / "usb.facil"
    shutil.copy(a, usb)  # a file manager's copy: every byte the same, the replica id too
    before = digest(usb)
    with ProjectFile.open(usb) as pf:
        assert pf.replica == "aaaa"  # nothing written yet, so nothing decided yet
    assert digest(usb) == before  # opening and closing never changes a file
    edit(a, Update("note", "n1", (("text", "On the original"),)), AddNote("w1", "na", "Only on the original"))
    edit(usb, Update("note", "n1", (("text", "On the copy"),)), AddNote("w1", "nc", "Only on the copy"))
    with ProjectFile.open(a, read_only=True) as pa, ProjectFile.open(usb, read_only=True) as pc:
        assert pa.replica == "aaaa" and pc.replica not in ("aaaa", "") and len(pc.replica) == 32
        assert pa.field_stamps()[("n1", "text")] != pc.field_stamps()[("n1", "text")]
    au, ua = merged(tmp_path, a, usb, "au.facil"), merged(tmp_path, usb, a, "ua.facil")
    assert dump(au) == dump(ua)
    notes = load(au).wall("w1").notes
    assert notes["na"].text == "Only on the original" and notes["nc"].text == "Only on the copy"
    edit(a, AddNote("w1", "nb", "The original again"))  # the original, where it always was, keeps its id
    with ProjectFile.open(a, read_only=True) as pa:
        assert pa.replica == "aaaa"
