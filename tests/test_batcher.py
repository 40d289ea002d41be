"""The Batcher: other origins' operations within one window share one commit; each caller hears after it."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time

import pytest

from facilitator.core.project import Project
from facilitator.core.wall import Note, VoteRound, Wall
from facilitator.edits import AddDot, AddNote, Batcher, Editor, Origin, Refused, Update
from facilitator.edits.batcher import BUSY_RETRY
from facilitator.store import ProjectFile, WriteFailed

PHONE = Origin("phone", "p1", "Phone 1")
OTHER_PHONE = Origin("phone", "p2", "Phone 2")


class ManualTimers:
    """An injected scheduler: records what the batcher asks for, fires when the test says."""

    def __init__(self) -> None:
        self.pending: list[tuple[float, object]] = []

    def __call__(self, delay: float, callback) -> object:
        self.pending.append((delay, callback))
        return object()

    def fire(self) -> None:
        pending, self.pending = self.pending, []
        for _delay, callback in pending:
            callback()


@pytest.fixture
def editor(tmp_path):
    wall = Wall("Ideas", id="w1")
    wall.add_note(Note("Seed", id="n1", x=0, y=0))
    wall.rounds.append(VoteRound("Round 1", id="r1"))
    store = ProjectFile.create(tmp_path / "b.facil", Project(walls=[wall]))
    yield Editor(store)
    store.close()


@pytest.fixture
def loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_operations_in_one_window_share_one_commit_and_callers_hear_only_after_it(editor, loop):
    timers = ManualTimers()
    batcher = Batcher(editor, window=0.05, loop=loop, schedule=timers)
    seen = []
    editor.subscribe(seen.append)
    futures = [batcher.enqueue(AddNote("w1", f"p{i}", f"Idea {i}", source="phone"), PHONE) for i in range(5)]
    futures.append(batcher.enqueue(AddDot("d1", "r1", "n1", voter="p2"), OTHER_PHONE))
    assert [delay for delay, _cb in timers.pending] == [0.05]  # one timer for the whole window
    assert not any(f.done() for f in futures)
    assert len(editor.store.load().walls[0].notes) == 1  # nothing written yet
    timers.fire()
    assert all(f.done() for f in futures)
    results = [f.result() for f in futures]
    assert all(r.changed for r in results)
    assert batcher.batches == 1
    log = editor.store.read_log()
    assert len(log) == 6 and len({e.clock for e in log}) == 1  # one transaction: one clock tick
    assert [e.origin_id for e in log] == ["p1"] * 5 + ["p2"]
    assert len(editor.store.load().walls[0].notes) == 6
    assert [n.origin for n in seen] == [PHONE] * 5 + [OTHER_PHONE]


def test_a_refused_operation_fails_its_own_caller_only(editor, loop):
    timers = ManualTimers()
    batcher = Batcher(editor, loop=loop, schedule=timers)
    good = batcher.enqueue(AddNote("w1", "p1", "Fine", source="phone"), PHONE)
    bad = batcher.enqueue(AddDot("d1", "r1", "no-such-note"), PHONE)
    later = batcher.enqueue(AddDot("d2", "r1", "p1", voter="p"), PHONE)  # on the note queued just before
    timers.fire()
    assert good.result().changed and later.result().changed
    with pytest.raises(Refused) as refused:
        bad.result()
    assert refused.value.code == "missing"
    assert editor.store.load().walls[0].note_dots("p1") == 1


def test_a_failed_write_fails_every_caller_of_the_batch_and_keeps_nothing(editor, loop, monkeypatch):
    timers = ManualTimers()
    batcher = Batcher(editor, loop=loop, schedule=timers)

    def fail(*args, **kwargs):
        raise WriteFailed("The disk is full: the last change was not saved.")

    monkeypatch.setattr(editor.store, "append_log", fail)
    futures = [batcher.enqueue(AddNote("w1", f"p{i}", "Lost", source="phone"), PHONE) for i in range(3)]
    timers.fire()
    for f in futures:
        with pytest.raises(WriteFailed):
            f.result()
    assert list(editor.project.wall("w1").notes) == ["n1"]
    monkeypatch.undo()
    assert list(editor.store.load().walls[0].notes) == ["n1"]


def test_submit_awaits_the_commit_on_a_running_loop(editor, loop):
    batcher = Batcher(editor, window=0.0, loop=loop)

    async def phones() -> list:
        return await asyncio.gather(
            *(batcher.submit(AddNote("w1", f"p{i}", f"Idea {i}", source="phone"), PHONE) for i in range(10))
        )

    results = loop.run_until_complete(phones())
    assert len(results) == 10 and batcher.batches == 1
    assert len(editor.project.wall("w1").notes) == 11


def test_a_batch_larger_than_max_batch_commits_in_slices_one_loop_turn_apart(editor, loop):
    """A commit runs on the GUI thread: a full room's burst is cut so the wall gets a frame between slices."""
    timers = ManualTimers()
    batcher = Batcher(editor, window=0.02, loop=loop, schedule=timers, max_batch=4)
    futures = [batcher.enqueue(AddNote("w1", f"s{i}", f"Idea {i}", source="phone"), PHONE) for i in range(10)]
    assert [delay for delay, _cb in timers.pending] == [0.02]
    timers.fire()
    assert [f.done() for f in futures] == [True] * 4 + [False] * 6
    assert [delay for delay, _cb in timers.pending] == [0]  # the rest: on the next turn, not after another window
    late = batcher.enqueue(AddNote("w1", "late", "Late idea", source="phone"), PHONE)
    assert len(timers.pending) == 1  # joins the queue; no second timer
    timers.fire()
    timers.fire()
    assert all(f.done() for f in [*futures, late]) and not timers.pending
    assert batcher.batches == 3
    log = editor.store.read_log()
    assert [len([e for e in log if e.clock == c]) for c in sorted({e.clock for e in log})] == [4, 4, 3]
    assert len(editor.store.load().walls[0].notes) == 12


def test_the_slices_of_a_burst_are_a_pause_apart_so_a_frame_fits_between_them(editor, loop):
    timers = ManualTimers()
    batcher = Batcher(editor, window=0.02, loop=loop, schedule=timers, max_batch=4, pause=0.016)
    futures = [batcher.enqueue(AddNote("w1", f"s{i}", f"Idea {i}", source="phone"), PHONE) for i in range(10)]
    timers.fire()
    assert [f.done() for f in futures] == [True] * 4 + [False] * 6
    assert [delay for delay, _cb in timers.pending] == [0.016]
    timers.fire()
    assert [delay for delay, _cb in timers.pending] == [0.016]
    timers.fire()
    assert all(f.done() for f in futures) and not timers.pending and batcher.batches == 3


def test_notes_placed_across_commits_land_where_one_fresh_look_at_the_wall_would_put_them(editor):
    """The editor keeps the wall's inbox between commits of placed notes; what it hands out must not differ
    from placing them all on a fresh look, and a delete (a freed cell) must be seen."""
    from facilitator.edits import Delete
    from facilitator.edits.placing import inbox_places

    wall = editor.project.wall("w1")
    expected = inbox_places(editor.project, wall, 6)
    for i in range(6):
        editor.apply(AddNote("w1", f"c{i}", f"Idea {i}", source="phone"), PHONE)
    assert [(wall.notes[f"c{i}"].x, wall.notes[f"c{i}"].y) for i in range(6)] == expected
    editor.apply(Delete("note", ("c1",)))
    editor.apply(AddNote("w1", "c6", "Into the gap", source="phone"), PHONE)
    assert (wall.notes["c6"].x, wall.notes["c6"].y) == expected[1]
    editor.apply(AddNote("w1", "c7", "Next", source="phone"), PHONE)
    assert (wall.notes["c7"].x, wall.notes["c7"].y) not in expected  # the first free cell after the six


def _rows(store: ProjectFile) -> tuple[list, list, list]:
    """What a commit leaves in the file, without the wall-clock time (two files are written moments apart)."""
    c = store._conn
    notes = c.execute(
        "SELECT id, wall_id, text, colour, author, grp, x, y, cluster_id, source, status, clock FROM note ORDER BY id"
    ).fetchall()
    stamps = c.execute("SELECT id, field, clock FROM field_stamp ORDER BY id, field").fetchall()
    log = c.execute("SELECT clock, origin_kind, origin_id, origin_label, op FROM change_log ORDER BY seq").fetchall()
    return notes, stamps, log


def test_a_batch_of_note_edits_is_written_with_one_statement_per_table_and_the_same_rows(tmp_path, monkeypatch):
    def burst(editor: Editor) -> list:
        groups = [
            ((AddNote("w1", f"p{i}", f"Idea {i}", source="phone"),), Origin("phone", f"p{i}", f"Phone {i}"))
            for i in range(6)
        ]
        groups.insert(2, ((Update("note", "n1", (("text", "Seed, edited"),)),), PHONE))  # stamps a field
        groups.insert(4, ((AddNote("w1", "p0", "Idea 0", source="phone"),), PHONE))  # a repeat: nothing to write
        groups.append(((AddNote("w1", "p1", "Not the same", source="phone"),), PHONE))  # refused: a conflict
        return editor._apply_groups(groups)

    def fresh(name: str) -> Editor:
        wall = Wall("Ideas", id="w1")
        wall.add_note(Note("Seed", id="n1", x=0, y=0))
        return Editor(ProjectFile.create(tmp_path / name, Project(walls=[wall])))

    batched, one_by_one = fresh("batched.facil"), fresh("one_by_one.facil")
    saves = []
    real_save = ProjectFile.save_notes
    monkeypatch.setattr(ProjectFile, "save_notes", lambda s, w, n: (saves.append(s), real_save(s, w, n))[1])
    results = burst(batched)
    assert saves == [batched.store]  # the six new notes and the edited one: one statement
    assert [isinstance(r, Refused) for r in results] == [False] * 8 + [True]
    monkeypatch.setattr("facilitator.edits.editor._notes_only", lambda group: False)
    burst(one_by_one)
    assert len(saves) == 1 + 7  # group by group
    assert _rows(batched.store) == _rows(one_by_one.store)
    notes, stamps, log = _rows(batched.store)
    assert ("n1", "text", notes[0][-1]) in stamps
    assert [row[2] for row in log] == ["p0", "p1", "p1", "p2", "p3", "p4", "p5"]  # the groups' order
    assert batched.store.load().walls[0].notes["n1"].text == "Seed, edited"
    batched.store.close()
    one_by_one.store.close()


# -- commits on the store's commit thread (the app's room) ---------------------------------------------------------
class SlowCommit:
    """The store's connection, with a COMMIT that waits for the test to let it through (a slow disk)."""

    def __init__(self, conn, fail: bool = False) -> None:
        self._conn = conn
        self.fail = fail
        self.started = threading.Event()
        self.release = threading.Event()
        self.threads: list[str] = []

    def execute(self, sql: str, *args):
        if sql == "COMMIT":
            self.threads.append(threading.current_thread().name)
            self.started.set()
            assert self.release.wait(10)
            if self.fail:
                raise sqlite3.OperationalError("disk I/O error")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


def slow_room(editor: Editor, loop, fail: bool = False) -> tuple[SlowCommit, ManualTimers, Batcher]:
    """The app's room batcher on a store whose COMMIT waits for the test (and fails, with ``fail``)."""
    slow = SlowCommit(editor.store._conn, fail=fail)
    editor.store._conn = slow
    timers = ManualTimers()
    return slow, timers, Batcher(editor, window=0.05, loop=loop, schedule=timers, off_thread=True)


def test_off_thread_the_commit_runs_on_its_own_thread_and_callers_hear_only_once_it_is_in_the_file(editor, loop):
    slow, timers, batcher = slow_room(editor, loop)
    seen = []
    editor.subscribe(seen.append)
    futures = [batcher.enqueue(AddNote("w1", f"p{i}", f"Idea {i}", source="phone"), PHONE) for i in range(3)]
    timers.fire()  # the flush: the rows are written here, the COMMIT starts on the commit thread
    assert slow.started.wait(10) and slow.threads == ["facilitator-commit"]
    assert not any(f.done() for f in futures) and seen == []  # nobody hears before the commit is done
    assert {"p0", "p1", "p2"} <= set(editor.project.walls[0].notes)  # the model has them (the rows are written)
    slow.release.set()
    results = loop.run_until_complete(asyncio.gather(*futures))  # the commit thread hands the answers to the loop
    assert all(r.changed for r in results)
    assert [sorted(n.changed("note")) for n in seen] == [["p0"], ["p1"], ["p2"]]  # one notice each, in order
    editor.store._conn = slow._conn
    assert {"p0", "p1", "p2"} <= set(editor.store.load().walls[0].notes)


def test_off_thread_an_edit_made_while_the_commit_runs_waits_for_it_and_comes_after_it(editor, loop):
    slow, timers, batcher = slow_room(editor, loop)
    seen = []
    editor.subscribe(lambda notice: seen.append((notice.origin.kind, sorted(notice.changed("note")))))
    future = batcher.enqueue(AddNote("w1", "p0", "From a phone", source="phone"), PHONE)
    timers.fire()
    assert slow.started.wait(10)
    threading.Timer(0.05, slow.release.set).start()  # the disk answers while the local edit waits
    editor.apply(Update("note", "n1", (("text", "Typed on the laptop"),)))  # waits for the phone's commit first
    assert seen == [("phone", ["p0"]), ("local", ["n1"])]
    assert future.done() and future.result().changed  # answered by the settle the local edit made
    loop.run_until_complete(asyncio.sleep(0))  # the commit thread's own call to settle finds nothing left
    assert seen == [("phone", ["p0"]), ("local", ["n1"])]
    editor.store._conn = slow._conn
    saved = editor.store.load().walls[0].notes
    assert saved["p0"].text == "From a phone" and saved["n1"].text == "Typed on the laptop"


def test_off_thread_a_failed_commit_takes_the_batch_back_and_every_caller_hears_why(editor, loop):
    slow, timers, batcher = slow_room(editor, loop, fail=True)
    seen = []
    editor.subscribe(seen.append)
    futures = [batcher.enqueue(AddNote("w1", f"p{i}", f"Idea {i}", source="phone"), PHONE) for i in range(2)]
    timers.fire()
    slow.release.set()
    results = loop.run_until_complete(asyncio.gather(*futures, return_exceptions=True))
    assert all(isinstance(r, WriteFailed) and "drive removed" in str(r) for r in results)
    assert set(editor.project.walls[0].notes) == {"n1"} and seen == []  # the model agrees with the file again
    slow.fail = False
    editor.store._conn = slow._conn
    assert set(editor.store.load().walls[0].notes) == {"n1"}  # rolled back: the file holds none of it
    again = batcher.enqueue(AddNote("w1", "p9", "Sent again", source="phone"), PHONE)
    timers.fire()
    assert loop.run_until_complete(again).changed
    assert "p9" in editor.store.load().walls[0].notes


def test_off_thread_a_commit_threads_late_call_does_not_wait_for_the_next_batchs_commit(editor, loop):
    timers = ManualTimers()
    batcher = Batcher(editor, window=0.05, loop=loop, schedule=timers, off_thread=True)
    first = batcher.enqueue(AddNote("w1", "p0", "First", source="phone"), PHONE)
    timers.fire()
    editor.store.settle()  # the first commit is done; its thread's call to settle is still queued on the loop
    slow = SlowCommit(editor.store._conn)
    editor.store._conn = slow
    second = batcher.enqueue(AddNote("w1", "p1", "Second", source="phone"), PHONE)
    timers.fire()  # settles the first batch, then starts the second commit, which waits for the test
    assert first.done() and slow.started.wait(10)
    started = time.perf_counter()
    loop.run_until_complete(asyncio.sleep(0.01))  # the first commit's late call runs now: it must not wait
    assert time.perf_counter() - started < 5 and not second.done()
    slow.release.set()
    assert loop.run_until_complete(second).changed


def test_off_thread_a_flush_due_while_the_last_commit_runs_waits_its_turn_without_holding_the_thread(editor, loop):
    slow, timers, batcher = slow_room(editor, loop)
    first = batcher.enqueue(AddNote("w1", "p0", "First", source="phone"), PHONE)
    timers.fire()
    assert slow.started.wait(10) and editor.committing
    second = batcher.enqueue(AddNote("w1", "p1", "Second", source="phone"), PHONE)
    started = time.perf_counter()
    timers.fire()  # due now, but the first commit still runs: it looks again shortly instead of waiting
    assert time.perf_counter() - started < 5
    assert [delay for delay, _cb in timers.pending] == [BUSY_RETRY] and not second.done()
    assert "p1" not in editor.project.walls[0].notes  # not applied yet: it joins the next batch
    slow.release.set()
    assert loop.run_until_complete(first).changed and not editor.committing
    timers.fire()
    assert loop.run_until_complete(second).changed
