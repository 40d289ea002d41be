"""The edit layer without Qt: every operation kind, every refusal, inverses, notices, the log and tombstones."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from facilitator.core.agenda import AgendaItem, Diamond
from facilitator.core.event import Action, ParticipantGroup
from facilitator.core.project import Project
from facilitator.core.wall import Cluster, Note, VoteRound, Wall
from facilitator.edits import (
    LOCAL,
    AcceptNotes,
    AddAction,
    AddAgendaItem,
    AddCluster,
    AddDiamond,
    AddDot,
    AddGroup,
    AddNote,
    AddPhoto,
    AddRound,
    AddWall,
    ClearRound,
    Delete,
    Editor,
    HideNotes,
    MoveItems,
    Operation,
    Origin,
    Refused,
    RejectNotes,
    RemoveDot,
    Reorder,
    Restore,
    RevealNotes,
    SetNoteStatus,
    SetRun,
    SetSetting,
    Update,
    operation_from_dict,
)
from facilitator.store import ProjectFile, WriteFailed

PHONE = Origin("phone", "p7f3a", "Phone 7F3A")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def small_project() -> Project:
    wall = Wall("Ideas", id="w1")
    wall.add_cluster(Cluster("Access", id="c1", x=0, y=0))
    wall.add_note(Note("In the cluster", id="n1", cluster_id="c1", x=20, y=64))
    wall.add_note(Note("Loose", id="n2", x=400, y=0))
    wall.rounds.append(VoteRound("Round 1", dots_per_person=2, id="r1"))
    return Project(
        groups=[ParticipantGroup("Health", id="g1")],
        diamonds=[Diamond("What hurts?", id="d1")],
        agenda=[AgendaItem("Welcome", id="a1"), AgendaItem("Ideas", id="a2", diamond_id="d1", wall_id="w1")],
        walls=[wall],
        actions=[Action("Send notes", id="x1")],
    )


@pytest.fixture
def editor(tmp_path):
    store = ProjectFile.create(tmp_path / "e.facil", small_project())
    ed = Editor(store)
    yield ed
    store.close()


def reopened(editor: Editor) -> Project:
    return editor.store.load()


def assert_file_is_model(editor: Editor) -> None:
    loaded = reopened(editor)
    assert loaded == editor.project
    assert loaded.tombstones == editor.project.tombstones
    assert [w.order for w in loaded.walls] == [w.order for w in editor.project.walls]
    assert [(r.id, r.order) for w in loaded.walls for r in w.rounds] == [
        (r.id, r.order) for w in editor.project.walls for r in w.rounds
    ]


def undo(editor: Editor, applied, origin: Origin = LOCAL):
    return editor.apply_all(applied.inverse, origin)


# -- every operation kind, with its undo ------------------------------------------------------------------
EVERY_KIND: list[Operation] = [
    AddWall("w2", "Barriers"),
    AddNote("w1", "n3", "New idea", colour="pink", author="Ana", group="Health", x=10.0, y=20.0),
    AddNote("w1", "n4", "Placed by the core"),
    AddNote("w1", "n5", "Into the cluster", cluster_id="c1", x=30.0, y=90.0, source="phone", status="held"),
    AddCluster("w1", "c2", "Money", colour="blue", x=800.0, y=0.0),
    MoveItems("w1", notes=(("n1", 5.0, 6.0),), clusters=(("c1", -10.0, -10.0),)),
    SetNoteStatus(("n2",), "hidden"),
    AddRound("w1", "r2", "Round 2", dots_per_person=5),
    AddDot("dot1", "r1", "n1", voter="ana"),
    AddDot("dot2", "r1", "c1", voter="bo"),
    AddGroup("g2", "Sport", colour="#e69f00", index=0),
    AddDiamond("d2", "What helps?", size="big"),
    AddAgendaItem("a3", "Lunch", minutes=45, kind="break", index=1),
    AddAction("x2", "Book the room", owner="Bo", due="2026-06-08"),
    AddPhoto("p1", "w1", PNG, mime="image/png", width=4, height=4, caption="Paper wall", x=-900.0, y=0.0),
    Update("event", "event", (("title", "Renamed day"), ("date", "2026-06-01"), ("planned_start", "09:00"))),
    Update("note", "n2", (("text", "Edited"), ("colour", "blue"), ("cluster_id", "c1"))),
    Update("cluster", "c1", (("title", "Getting there"),)),
    Update("agenda", "a1", (("minutes", 25), ("phase", "discover"), ("diamond_id", "d1"))),
    Update("round", "r1", (("name", "First"), ("dots_per_person", 4))),
    Update("wall", "w1", (("name", "Big ideas"),)),
    Update("group", "g1", (("colour", "#000000"),)),
    Update("diamond", "d1", (("size", "big"),)),
    Update("action", "x1", (("due", "2026-07-01"),)),
    Reorder("agenda", "a2", index=0),
    Reorder("action", "x1", index=0),
    Delete("note", ("n1",)),
    Delete("cluster", ("c1",)),
    Delete("agenda", ("a1",)),
    Delete("diamond", ("d1",)),
    Delete("group", ("g1",)),
    Delete("action", ("x1",)),
    Delete("round", ("r1",)),
    Delete("wall", ("w1",)),
]


def test_set_setting_is_stored_logged_and_not_undoable(editor):
    assert not SetSetting.undoable
    applied = editor.apply(SetSetting("run.one_screen", "rehearse"))
    assert applied.changed and applied.notice.changed("setting") == {"run.one_screen"}
    assert applied.inverse == (SetSetting("run.one_screen", None),)
    assert editor.store.setting("run.one_screen") == "rehearse"
    assert editor.store.load().settings == {"run.one_screen": "rehearse"}
    assert json.loads(editor.store.read_log()[-1].op) == {
        "op": "SetSetting",
        "key": "run.one_screen",
        "value": "rehearse",
    }
    assert not editor.apply(SetSetting("run.one_screen", "rehearse")).changed  # the same again writes nothing
    editor.apply(SetSetting("run.one_screen", None))
    assert editor.store.setting("run.one_screen") is None and "run.one_screen" not in editor.project.settings
    with pytest.raises(Refused):
        editor.apply(SetSetting("replica", "someone-else"))  # the file's own id is no project setting
    with pytest.raises(Refused):
        editor.apply(SetSetting("run.screen", "x" * 1001))


@pytest.mark.parametrize("op", EVERY_KIND, ids=lambda op: type(op).__name__)
def test_every_operation_is_written_reopens_as_the_model_and_undoes(editor, op):
    before = reopened(editor)
    applied = editor.apply(op)
    assert applied.changed
    assert_file_is_model(editor)
    assert editor.project != before or op.__class__ is Reorder
    undo(editor, applied)
    assert_file_is_model(editor)
    assert editor.project == before
    assert editor.store.read_log()[-1].op.startswith("{")


def test_every_operation_survives_json(editor):
    ops = [*EVERY_KIND, RemoveDot("dot1"), ClearRound("r1"), AcceptNotes(("n5",)), HideNotes(("n1",))]
    ops += [RevealNotes(("n1",)), RejectNotes(("n5",)), SetRun(None), Restore((("dot", "r1", {"id": "x"}),))]
    ops += [SetSetting("run.one_screen", "rehearse"), SetSetting("run.chime_muted", None)]
    for op in ops:
        data = json.loads(json.dumps(op.to_dict()))
        assert operation_from_dict(data) == op
    with pytest.raises(ValueError):
        operation_from_dict({"op": "DropTable"})
    with pytest.raises(ValueError):
        operation_from_dict({"op": "AddDot", "dot_id": "d", "sql": "x"})


def test_dots_are_one_row_each_and_undo_removes_that_dot_only(editor):
    wall = editor.project.wall("w1")
    mine = editor.apply(AddDot("mine", "r1", "n1", voter="laptop"))
    editor.apply(AddDot("theirs", "r1", "n1", voter="phone-1"), PHONE)
    assert wall.note_dots("n1") == 2
    undo(editor, mine)
    assert wall.note_dots("n1") == 1  # not 0: the phone's dot stays
    assert list(wall.round("r1").dots) == ["theirs"]
    assert_file_is_model(editor)
    assert reopened(editor).wall("w1").round("r1").dots["theirs"].voter == "phone-1"


def test_remove_dot_and_clear_round_come_back_on_undo(editor):
    editor.apply_all([AddDot("a", "r1", "n1"), AddDot("b", "r1", "c1")])
    removed = editor.apply(RemoveDot("a"))
    assert removed.notice.gone("dot") == {"a"}
    cleared = editor.apply(ClearRound("r1"))
    assert editor.project.wall("w1").total_dots == 0
    undo(editor, cleared)
    undo(editor, removed)
    assert sorted(editor.project.wall("w1").round("r1").dots) == ["a", "b"]
    assert_file_is_model(editor)


def test_status_operations_for_phone_notes(editor):
    editor.apply(AddNote("w1", "ph1", "From a phone", source="phone", status="held"), PHONE)
    note = editor.project.wall("w1").notes["ph1"]
    assert (note.source, note.status) == ("phone", "held")
    editor.apply(AcceptNotes(("ph1",)))
    assert note.status == "shown"
    editor.apply(HideNotes(("ph1",)))
    assert note.status == "hidden"
    editor.apply(RevealNotes(("ph1",)))
    assert note.status == "shown"
    assert_file_is_model(editor)
    editor.apply(RejectNotes(("ph1",)))
    assert "ph1" not in editor.project.wall("w1").notes
    with pytest.raises(Refused) as refused:
        editor.apply(AddNote("w1", "ph1", "From a phone", source="phone", status="held"), PHONE)
    assert refused.value.code == "deleted"
    with pytest.raises(Refused):
        editor.apply(SetNoteStatus(("n1",), "exploded"))


# -- refusals: nothing changes, in the model or the file --------------------------------------------------
def refused(editor: Editor, op, code: str, origin: Origin = LOCAL) -> Refused:
    before_model = copy.deepcopy(editor.project)
    before_file = reopened(editor)
    log_before = len(editor.store.read_log())
    with pytest.raises(Refused) as caught:
        editor.apply(op, origin)
    assert caught.value.code == code, caught.value
    assert caught.value.message and caught.value.message.endswith(".")
    assert editor.project == before_model
    assert reopened(editor) == before_file
    assert len(editor.store.read_log()) == log_before
    return caught.value


def test_a_dot_on_a_missing_note_or_cluster_or_round_is_refused(editor):
    refused(editor, AddDot("d", "r1", "no-such-note"), "missing", PHONE)
    refused(editor, AddDot("d", "no-such-round", "n1"), "missing", PHONE)


def test_a_dot_on_a_deleted_note_or_cluster_is_refused_and_the_file_still_opens(editor):
    """The bug that made a user's file unopenable: a dot recorded on a note deleted a moment before."""
    editor.apply(Delete("note", ("n2",)))
    refused(editor, AddDot("d", "r1", "n2"), "deleted", PHONE)
    editor.apply(Delete("cluster", ("c1",)))
    refused(editor, AddDot("d", "r1", "c1"), "deleted", PHONE)
    editor.apply(Delete("round", ("r1",)))
    refused(editor, AddDot("d", "r1", "n1"), "deleted", PHONE)
    editor.store.close()
    reopened_store = ProjectFile.open(editor.store.path)
    reopened_store.load()
    reopened_store.close()


def test_a_note_into_a_missing_or_deleted_cluster_is_refused(editor):
    refused(editor, AddNote("w1", "n9", "Where?", cluster_id="nowhere"), "missing")
    refused(editor, Update("note", "n2", (("cluster_id", "nowhere"),)), "missing")
    editor.apply(Delete("cluster", ("c1",)))
    refused(editor, AddNote("w1", "n9", "Where?", cluster_id="c1"), "deleted")
    refused(editor, AddNote("nowall", "n9", "Where?"), "missing")


def test_an_agenda_item_on_a_missing_diamond_or_wall_is_refused(editor):
    refused(editor, AddAgendaItem("a9", "Talk", diamond_id="no-diamond"), "missing")
    refused(editor, AddAgendaItem("a9", "Talk", wall_id="no-wall"), "missing")
    refused(editor, Update("agenda", "a1", (("diamond_id", "no-diamond"),)), "missing")
    editor.apply(Delete("diamond", ("d1",)))
    refused(editor, AddAgendaItem("a9", "Talk", diamond_id="d1"), "deleted")


def test_bad_values_and_unknown_things_are_refused(editor):
    refused(editor, Update("note", "n1", (("text", 12),)), "invalid")
    refused(editor, Update("note", "n1", (("sql", "x"),)), "invalid")
    refused(editor, Update("agenda", "a1", (("minutes", -5),)), "invalid")
    refused(editor, Update("agenda", "a1", (("phase", "explode"),)), "invalid")
    refused(editor, Update("round", "r1", (("dots_per_person", 0),)), "invalid")
    refused(editor, Update("note", "gone", (("text", "x"),)), "missing")
    refused(editor, AddNote("w1", "n9", "   "), "invalid")
    refused(editor, AddWall("w9", "ideas"), "invalid")  # names are unique, ignoring case
    refused(editor, Update("wall", "w1", (("name", ""),)), "invalid")
    refused(editor, Delete("event", ("event",)), "invalid")
    refused(editor, Delete("note", ("never-was",)), "missing")


def test_a_dot_beyond_the_budget_is_refused(editor):
    editor.apply(AddDot("b1", "r1", "n1", voter="ana", budget=True), PHONE)
    editor.apply(AddDot("b2", "r1", "n2", voter="ana", budget=True), PHONE)
    refused(editor, AddDot("b3", "r1", "c1", voter="ana", budget=True), "budget", PHONE)
    editor.apply(AddDot("b4", "r1", "c1", voter="bo", budget=True), PHONE)  # someone else's budget


def test_same_id_same_content_is_an_idempotent_repeat_different_content_a_conflict(editor):
    first = editor.apply(AddNote("w1", "ph1", "Hello", source="phone"), PHONE)
    log = len(editor.store.read_log())
    again = editor.apply(AddNote("w1", "ph1", "Hello", source="phone"), PHONE)
    assert first.changed and not again.changed and again.inverse == ()
    assert len(editor.store.read_log()) == log
    refused(editor, AddNote("w1", "ph1", "Goodbye", source="phone"), "conflict", PHONE)
    editor.apply(AddDot("dd", "r1", "ph1", voter="x"), PHONE)
    assert not editor.apply(AddDot("dd", "r1", "ph1", voter="x"), PHONE).changed
    refused(editor, AddDot("dd", "r1", "n1", voter="x"), "conflict", PHONE)


def test_apply_all_is_all_or_nothing(editor):
    before = copy.deepcopy(editor.project)
    wall = editor.project.wall("w1")
    n1 = wall.notes["n1"]
    with pytest.raises(Refused):
        editor.apply_all(
            [
                AddCluster("w1", "c9", "New"),
                Update("note", "n2", (("cluster_id", "c9"), ("x", 1.0))),
                Delete("note", ("n1",)),
                AddDot("d", "r1", "n1"),  # n1 was just deleted in this same group
            ]
        )
    assert "c9" not in wall.clusters and wall.notes["n2"].cluster_id is None
    assert wall.notes["n1"] is n1  # the very object is back
    assert editor.project == before
    assert reopened(editor) == before


def test_a_failed_write_leaves_model_and_file_as_they_were(editor, monkeypatch):
    wall = editor.project.wall("w1")
    note = wall.notes["n1"]
    before = reopened(editor)

    def fail(*args, **kwargs):
        raise WriteFailed("The disk is full: the last change was not saved.")

    monkeypatch.setattr(editor.store, "append_log", fail)
    seen = []
    editor.subscribe(seen.append)
    with pytest.raises(WriteFailed):
        editor.apply_all([Delete("note", ("n1",)), Update("note", "n2", (("text", "lost"),))])
    assert wall.notes["n1"] is note and wall.notes["n2"].text == "Loose"
    assert "n1" not in editor.project.tombstones
    assert seen == []
    monkeypatch.undo()
    assert reopened(editor) == before == editor.project


# -- undo is relative and never overwrites another origin's change ---------------------------------------
def test_a_field_undo_after_another_origin_changed_it_is_skipped(editor):
    mine = editor.apply(Update("note", "n2", (("text", "Mine"),)))
    editor.apply(Update("note", "n2", (("text", "Theirs"),)), PHONE)
    result = undo(editor, mine)
    assert editor.project.wall("w1").notes["n2"].text == "Theirs"
    assert result.skipped == ("note:n2:text",) and not result.changed


def test_undoing_a_recolour_keeps_a_text_edit_made_since(editor):
    recolour = editor.apply(Update("note", "n2", (("colour", "blue"),)))
    editor.apply(Update("note", "n2", (("text", "Edited since"),)), PHONE)
    undo(editor, recolour)
    note = editor.project.wall("w1").notes["n2"]
    assert (note.colour, note.text) == ("yellow", "Edited since")


def test_undoing_an_add_leaves_a_note_someone_voted_on_since(editor):
    added = editor.apply(AddNote("w1", "n9", "Mine"))
    editor.apply(AddDot("their-dot", "r1", "n9", voter="p"), PHONE)
    result = undo(editor, added)
    assert "n9" in editor.project.wall("w1").notes
    assert result.skipped == ("n9",)


def test_undoing_a_move_skips_what_another_origin_moved_since(editor):
    moved = editor.apply(MoveItems("w1", notes=(("n1", 1.0, 1.0), ("n2", 2.0, 2.0))))
    editor.apply(MoveItems("w1", notes=(("n2", 99.0, 99.0),)), PHONE)
    result = undo(editor, moved)
    wall = editor.project.wall("w1")
    assert (wall.notes["n1"].x, wall.notes["n2"].x) == (20.0, 99.0)
    assert result.skipped == ("n2",)


def test_redo_after_undo_of_an_add_brings_the_same_note_back(editor):
    added = editor.apply(AddNote("w1", "n9", "Mine", x=1.0, y=2.0))
    undone = undo(editor, added)
    assert "n9" in editor.project.tombstones
    editor.apply_all(undone.inverse)
    assert editor.project.wall("w1").notes["n9"].text == "Mine"
    assert "n9" not in editor.project.tombstones
    assert_file_is_model(editor)


def test_deleting_a_wall_takes_everything_and_undo_brings_it_all_back(editor):
    editor.apply_all([AddDot("d1", "r1", "n1"), AddPhoto("p1", "w1", PNG, width=4, height=4)])
    before = reopened(editor)
    deleted = editor.apply(Delete("wall", ("w1",)))
    assert editor.project.walls == [] and editor.project.photos == []
    assert editor.project.agenda[1].wall_id is None
    assert {"w1", "n1", "n2", "c1", "r1", "d1", "p1"} <= set(editor.project.tombstones)
    assert_file_is_model(editor)
    undo(editor, deleted)
    assert reopened(editor) == before == editor.project
    assert editor.store.photo_data("p1") == PNG


# -- order keys ----------------------------------------------------------------------------------------------
def test_inserting_and_moving_write_one_row_and_keep_siblings_keys(editor):
    keys = {it.id: it.order for it in editor.project.agenda}
    editor.apply(AddAgendaItem("a3", "Between", index=1))
    editor.apply(Reorder("agenda", "a1", index=2))
    assert [it.id for it in editor.project.agenda] == ["a3", "a2", "a1"]
    assert editor.project.agenda[1].order == keys["a2"]  # untouched
    assert [it.id for it in reopened(editor).agenda] == ["a3", "a2", "a1"]


# -- notices, the change log, clocks -----------------------------------------------------------------------
def test_subscribers_get_one_typed_notice_per_commit_with_origin_and_ids(editor):
    seen = []
    stop = editor.subscribe(seen.append)
    editor.apply(AddDot("d1", "r1", "n1", voter="p"), PHONE)
    [notice] = seen
    assert notice.origin == PHONE
    assert notice.changed("dot") == {"d1"} and "n1" in notice.changed("note") and "c1" in notice.changed("cluster")
    assert notice.wall_id == "w1"
    editor.apply(Delete("note", ("n1",)))
    assert seen[-1].gone("note") == {"n1"} and seen[-1].gone("dot") == {"d1"}
    stop()
    editor.apply(Update("event", "event", (("title", "Quiet"),)))
    assert len(seen) == 2


def test_the_change_log_records_each_operation_origin_replica_and_clock_in_order(editor):
    editor.apply(AddNote("w1", "n9", "From a phone", source="phone"), PHONE)
    editor.apply(Update("note", "n9", (("text", "Edited here"),)))
    log = editor.store.read_log()
    assert [json.loads(e.op)["op"] for e in log[-2:]] == ["AddNote", "Update"]
    first, second = log[-2:]
    assert (first.origin_kind, first.origin_id, first.origin_label) == ("phone", "p7f3a", "Phone 7F3A")
    assert first.replica == second.replica == editor.replica != ""
    assert first.clock < second.clock
    assert dt.datetime.fromisoformat(first.time.replace("Z", "+00:00")).tzinfo is not None
    assert [e.seq for e in editor.store.read_log(after=first.seq)] == [second.seq]
    placed = json.loads(first.op)
    assert placed["x"] is not None  # the log keeps where the core put it, so a replay lands it there


def test_rows_carry_utc_change_time_replica_and_clock(editor):
    editor.apply(Update("note", "n1", (("text", "Stamped"),)))
    row = editor.store._conn.execute("SELECT changed, replica, clock FROM note WHERE id = 'n1'").fetchone()
    assert row[0].endswith("Z") and row[1] == editor.replica and row[2] == editor.store.clock
    tomb = editor.apply(Delete("note", ("n2",)))
    assert tomb.notice.gone("note") == {"n2"}
    kind = editor.store._conn.execute("SELECT kind FROM tombstone WHERE id = 'n2'").fetchone()[0]
    assert kind == "note"


def test_set_run_is_stored_and_not_undoable(editor):
    snapshot = {
        "item_id": "a1",
        "item_index": 0,
        "elapsed": 12.0,
        "adjust": 0.0,
        "running": True,
        "day_seconds": 100.0,
        "saved_wall": 1.0,
        "started_wall": 0.5,
    }
    assert not SetRun.undoable
    editor.apply(SetRun(snapshot))
    assert editor.store.load_run().item_id == "a1"
    assert editor.project.run.elapsed == 12.0
    editor.apply(SetRun(None))
    assert editor.store.load_run() is None
