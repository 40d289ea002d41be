"""Putting imported notes on a wall: where they land, one commit, undo and redo."""

from __future__ import annotations

import itertools

import pytest

from facilitator.core import layout
from facilitator.core.layout import Rect
from facilitator.core.wall import Wall
from facilitator.ingest import (
    BadRows,
    IngestError,
    apply_note_import,
    import_notes,
    notes_from_text,
    plan_note_import,
    read_notes_csv,
    revert_note_import,
)
from facilitator.store import ProjectFile, WriteFailed


def overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def assert_nothing_overlaps(wall: Wall, new_ids: set[str]) -> None:
    """No new note overlaps another note or a cluster frame it is not in; new frames overlap nothing else."""
    notes = list(wall.notes.values())
    for a, b in itertools.combinations(notes, 2):
        if a.id in new_ids or b.id in new_ids:
            assert not overlap(layout.note_rect(a), layout.note_rect(b)), (a.text, b.text)
    frames = {c.id: layout.cluster_rect(c, wall.members(c.id)) for c in wall.clusters.values()}
    for note in notes:
        if note.id not in new_ids:
            continue
        for cluster_id, frame in frames.items():
            if note.cluster_id == cluster_id:
                inner = layout.note_rect(note)
                assert frame.x <= inner.x and inner.right <= frame.right and frame.y <= inner.y
            else:
                assert not overlap(layout.note_rect(note), frame), (note.text, wall.clusters[cluster_id].title)


@pytest.fixture
def store(demo_file):
    pf = ProjectFile.open(demo_file)
    yield pf
    pf.close()


def sample(shared_data):
    return read_notes_csv((shared_data / "notes-co-design-day.csv").read_bytes(), "notes-co-design-day.csv")


def test_sample_makes_a_new_wall_with_tidy_clusters_that_survives_reopening(store, shared_data):
    project = store.load()
    plan = import_notes(store, project, "Co-design day", sample(shared_data))
    assert plan.wall_created and plan.wall in project.walls
    wall = project.wall_named("co-design DAY")
    assert wall is plan.wall and len(wall.notes) == 32
    assert sorted(c.title for c in wall.clusters.values()) == [
        "Evidence & data",
        "Local connections",
        "Motivation",
        "Time pressure",
        "Training & confidence",
        "Workforce",
    ]
    assert len(wall.members(next(c.id for c in wall.clusters.values() if c.title == "Local connections"))) == 7
    assert_nothing_overlaps(wall, set(wall.notes))
    frames = [layout.cluster_rect(c, wall.members(c.id)) for c in wall.clusters.values()]
    assert not any(overlap(a, b) for a, b in itertools.combinations(frames, 2))
    # Unclustered notes wait in the inbox, left of the clusters, as captured notes do.
    assert all(n.x < 0 for n in wall.unclustered()) and len(wall.unclustered()) == 3
    assert plan.summary() == "32 notes from notes-co-design-day.csv on wall 'Co-design day' (new wall, 6 new clusters)"
    path = store.path
    store.close()
    with ProjectFile.open(path, read_only=True) as again:
        reread = again.load().wall_named("Co-design day")
    assert reread is not None
    assert {(n.text, n.author, n.x, n.y, n.cluster_id) for n in reread.notes.values()} == {
        (n.text, n.author, n.x, n.y, n.cluster_id) for n in wall.notes.values()
    }
    assert "Dr. Łukasz Wiśniewski" in {n.author for n in reread.notes.values()}


def test_existing_wall_found_by_name_ignoring_case_and_its_clusters_reused_by_title(store):
    project = store.load()
    barriers = project.wall_named("Barriers")
    no_time = next(c for c in barriers.clusters.values() if c.title == "No time in the appointment")
    before = {n.id: (n.x, n.y, n.cluster_id) for n in barriers.notes.values()}
    clusters_before = set(barriers.clusters)
    csv = (
        "text,cluster,group\n"
        "Reused one,no time in the appointment,health\n"
        "Reused two,NO TIME IN THE APPOINTMENT,\n"
        "Brand new,A new theme,sport and leisure\n"
        "Loose note,,\n"
    )
    plan = import_notes(store, project, "  barriers ", read_notes_csv(csv.encode(), "more.csv"))
    assert not plan.wall_created and plan.wall is barriers
    assert len(project.walls) == 2
    by_text = {n.text: n for n in plan.notes}
    assert by_text["Reused one"].cluster_id == by_text["Reused two"].cluster_id == no_time.id
    assert [c.title for c in plan.clusters] == ["A new theme"]
    assert set(barriers.clusters) == clusters_before | {plan.clusters[0].id}
    assert by_text["Loose note"].cluster_id is None
    # Groups typed in another case join the event's participant groups.
    assert by_text["Reused one"].group == "Health" and by_text["Brand new"].group == "Sport and leisure"
    # The demo wall is tidy, so the grown cluster has no room where it is: it moves below, with its
    # notes tidied; every other note stays where someone put it.
    assert set(plan.moved_clusters) == {no_time.id}
    assert set(plan.moved_notes) == {n.id for n in barriers.members(no_time.id)} - {n.id for n in plan.notes}
    assert {i: p for i, p in before.items() if i not in plan.moved_notes} == {
        n.id: (n.x, n.y, n.cluster_id)
        for n in barriers.notes.values()
        if n.id in before and n.id not in plan.moved_notes
    }
    assert (no_time.x, no_time.y) == plan.moved_clusters[no_time.id][1]
    assert plan.changed_note_ids() == {n.id for n in plan.notes} | set(plan.moved_notes)
    assert plan.changed_cluster_ids() == {no_time.id, plan.clusters[0].id}
    assert plan.summary() == ("4 notes from more.csv on wall 'Barriers' (1 new cluster, 1 cluster moved to make room)")
    assert_nothing_overlaps(barriers, {n.id for n in plan.notes} | set(plan.moved_notes))
    frames = [layout.cluster_rect(c, barriers.members(c.id)) for c in barriers.clusters.values()]
    assert not any(overlap(a, b) for a, b in itertools.combinations(frames, 2))
    reread = store.load().wall_named("Barriers")
    assert {n.id: (n.x, n.y) for n in reread.notes.values()} == {n.id: (n.x, n.y) for n in barriers.notes.values()}
    assert (reread.clusters[no_time.id].x, reread.clusters[no_time.id].y) == (no_time.x, no_time.y)


def test_a_cluster_with_room_grows_in_place(store):
    project = store.load()
    wall = import_notes(store, project, "Roomy", read_notes_csv(b"text,cluster\nA,Theme\nB,Theme\n", "a.csv")).wall
    theme = next(iter(wall.clusters.values()))
    placed = {n.id: (n.x, n.y) for n in wall.notes.values()}
    plan = import_notes(store, project, "roomy", read_notes_csv(b"text,cluster\nC,theme\nD,THEME\n", "b.csv"))
    assert plan.moved_clusters == {} and plan.moved_notes == {} and plan.clusters == []
    assert {n.id: (n.x, n.y) for n in wall.notes.values() if n.id in placed} == placed
    assert {n.cluster_id for n in wall.notes.values()} == {theme.id}
    assert_nothing_overlaps(wall, {n.id for n in plan.notes})
    frame = layout.cluster_rect(theme, wall.members(theme.id))
    assert frame.width < 3 * (layout.NOTE_WIDTH + layout.GAP) + 2 * layout.CLUSTER_PADDING


def test_two_imports_in_a_row_fill_the_inbox_without_overlapping(store):
    project = store.load()
    first = import_notes(store, project, "Inbox", notes_from_text("\n".join(f"idea {i}" for i in range(10))))
    second = import_notes(store, project, "inbox", notes_from_text("\n".join(f"more {i}" for i in range(10))))
    assert second.wall is first.wall
    assert_nothing_overlaps(first.wall, set(first.wall.notes))
    assert len({(n.x, n.y) for n in first.wall.notes.values()}) == 20


def test_bad_rows_import_nothing_unless_the_user_chooses_the_good_ones(store):
    project = store.load()
    parsed = read_notes_csv(b"text,colour\nGood,blue\n,red\nAlso good,\n", "mixed.csv")
    with pytest.raises(BadRows) as caught:
        plan_note_import(project, "Mixed", parsed)
    assert str(caught.value) == "mixed.csv line 3: the note has no text. Nothing was imported (1 bad row, 2 good)."
    assert caught.value.parsed is parsed
    assert project.wall_named("Mixed") is None
    plan = import_notes(store, project, "Mixed", parsed, skip_bad_rows=True)
    assert [n.text for n in plan.wall.notes.values()] == ["Good", "Also good"]
    assert plan.summary().endswith("(new wall, 1 bad row skipped)")


def test_only_bad_rows_or_no_wall_name_is_refused(store):
    project = store.load()
    with pytest.raises(IngestError, match=r"^bad\.csv has no good rows to import\.$"):
        plan_note_import(project, "W", read_notes_csv(b"text,colour\n,red\n", "bad.csv"), skip_bad_rows=True)
    with pytest.raises(IngestError, match=r"^Give the wall a name\.$"):
        plan_note_import(project, "   ", notes_from_text("a"))


def test_a_failed_write_leaves_file_and_project_as_they_were(store, shared_data, monkeypatch):
    project = store.load()
    walls_before = [w.name for w in project.walls]

    def fail(*args, **kwargs):
        raise WriteFailed("The disk is full: the last change was not saved.")

    # The wall and clusters are written first; the notes fail, and the whole import must roll back.
    monkeypatch.setattr(store, "save_notes", fail)
    with pytest.raises(WriteFailed):
        import_notes(store, project, "Co-design day", sample(shared_data))
    assert [w.name for w in project.walls] == walls_before
    monkeypatch.undo()
    path = store.path
    store.close()
    with ProjectFile.open(path, read_only=True) as again:
        reread = again.load()
    assert [w.name for w in reread.walls] == walls_before
    assert sum(len(w.clusters) for w in reread.walls) == sum(len(w.clusters) for w in project.walls)


def test_revert_is_undo_and_applying_again_is_redo(store, shared_data):
    project = store.load()
    barriers = project.wall_named("Barriers")
    notes_before, clusters_before = dict(barriers.notes), dict(barriers.clusters)
    new_wall = plan_note_import(project, "Co-design day", sample(shared_data))
    same_wall = plan_note_import(
        project, "Barriers", read_notes_csv(b"text,cluster\nA,Fresh\nB,\nC,Nowhere to send people\n", "x.csv")
    )
    assert same_wall.moved_notes
    positions_before = {n.id: (n.x, n.y) for n in barriers.notes.values()}
    cluster_places_before = {c.id: (c.x, c.y) for c in barriers.clusters.values()}
    for plan in (new_wall, same_wall):
        apply_note_import(store, project, plan)
    revert_note_import(store, project, same_wall)
    revert_note_import(store, project, new_wall)
    assert project.wall_named("Co-design day") is None
    assert barriers.notes == notes_before and barriers.clusters == clusters_before
    assert {n.id: (n.x, n.y) for n in barriers.notes.values()} == positions_before
    assert {c.id: (c.x, c.y) for c in barriers.clusters.values()} == cluster_places_before
    reread = store.load()
    assert reread.wall_named("Co-design day") is None
    assert {n.id: (n.x, n.y) for n in reread.wall_named("Barriers").notes.values()} == positions_before
    assert {c.id: (c.x, c.y) for c in reread.wall_named("Barriers").clusters.values()} == cluster_places_before
    apply_note_import(store, project, new_wall)
    apply_note_import(store, project, same_wall)
    reread = store.load()
    assert {n.id for n in reread.wall_named("Co-design day").notes.values()} == {n.id for n in new_wall.notes}
    assert len(reread.wall_named("Barriers").notes) == len(notes_before) + 3
    assert {n.id: (n.x, n.y) for n in reread.wall_named("Barriers").notes.values()} == {
        n.id: (n.x, n.y) for n in barriers.notes.values()
    }
