"""The one way a project changes: validate, change the model, write one transaction, tell subscribers.

Every source (the laptop's UI, an import, the CLI, a phone through the room
server, another laptop) hands the :class:`Editor` operations. For each
group of operations, in the same order everywhere:

1. each handler validates against the model and the core's rules, and
   changes the model through the core's methods (``Refused`` before any
   change it cannot make; a later refusal takes back the earlier ones);
2. the rows the group touched are written, with tombstones for what went
   and one change-log row per operation, in one transaction;
3. if the write fails, the model changes are taken back with the inverse
   operations, so model and file still agree; the caller gets ``WriteFailed``;
4. after the commit, subscribers get one :class:`Notice` per origin.

The editor is not thread-safe: call it from the thread that owns the
project (the Qt main thread, where the qasync loop also runs).
Design record: docs/design/0007-edit-path.md.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

from facilitator.core.project import Project
from facilitator.core.rules import Refused
from facilitator.edits.notice import LOCAL, Applied, Notice, Origin
from facilitator.store import ProjectError, ProjectFile

if TYPE_CHECKING:
    from facilitator.edits import ops as o
    from facilitator.edits.apply import Context
    from facilitator.edits.placing import Inbox

# The handlers (``apply``, and through it the operations) are imported by the first edit, not with
# this module: opening a project and painting it needs the editor, not yet the operations.

log = logging.getLogger(__name__)

Subscriber = Callable[[Notice], None]


@dataclass
class _Group:
    """One caller's operations, with what applying them did."""

    ops: tuple[o.Operation, ...]
    origin: Origin
    ctx: Context | None = None
    inverse: tuple[o.Operation, ...] = ()
    logged: tuple[o.Operation, ...] = ()
    error: BaseException | None = None
    notice: Notice | None = None
    extra: Callable[[ProjectFile], None] | None = None


def _notes_only(group: _Group) -> bool:
    """Whether the group wrote nothing but note rows (what ``Editor._write_notes`` can write for many)."""
    ctx = group.ctx
    return (
        ctx is not None
        and group.extra is None
        and not ctx.moves
        and not ctx.revived
        and not ctx.blobs
        and not any(ctx.gone.values())
        and all(kind == "note" or not ids for kind, ids in ctx.puts.items())
    )


class Editor:
    """One per open project file; owns the model and writes every change to the store."""

    def __init__(self, store: ProjectFile, project: Project | None = None) -> None:
        self.store = store
        self.project = project if project is not None else store.load()
        self._subscribers: list[Subscriber] = []
        # Objects deletes took out, by id: undo and a failed write put these very objects back,
        # so views and commands that hold them stay valid (equal copies would not be the same).
        self._originals: dict[str, object] = {}
        # Each wall's inbox (what is taken there, where the next free cell is), kept from one commit to
        # the next while commits only add notes the core places: a room of phones sends 1,500 notes in
        # some twenty commits, and rebuilding it scans the wall each time (tens of ms on the GUI thread at
        # 5,000 notes). Anything else (a move, a delete, a refusal) drops them; so does a wall whose note
        # count is not the one they were kept with (the model changed some other way).
        self._inboxes: dict[str, Inbox] = {}
        self._inbox_counts: dict[str, int] = {}
        # A batch whose COMMIT runs on the store's commit thread: its future, its groups, who to tell.
        self._in_flight: tuple[Future[None], list[_Group], Callable[[], None]] | None = None

    @property
    def replica(self) -> str:
        return self.store.replica

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call ``callback`` with every Notice after its commit; returns the way to stop."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def apply(self, op: o.Operation, origin: Origin = LOCAL) -> Applied:
        """Validate, write in one transaction, change the model, notify; Refused or WriteFailed change nothing."""
        return self.apply_all((op,), origin)

    def apply_all(
        self,
        ops: Iterable[o.Operation],
        origin: Origin = LOCAL,
        extra: Callable[[ProjectFile], None] | None = None,
    ) -> Applied:
        """Several operations as one: one transaction, all or nothing.

        ``extra`` writes more rows in the same transaction, after the group's own (a merge keeps the
        other copy's field stamps and tombstones with it); it runs only when the operations changed something.
        """
        self.settle()
        group = _Group(tuple(ops), origin, extra=extra)
        self._commit([group])
        if group.error is not None:
            raise group.error
        return self._applied(group)

    # -- used by the Batcher --------------------------------------------------------------------------
    def _apply_groups(self, groups: Sequence[tuple[Iterable[o.Operation], Origin]]) -> list[Applied | BaseException]:
        """Several callers' operations in one transaction; a refused group leaves the others to commit."""
        self.settle()
        batch = [_Group(tuple(ops), origin) for ops, origin in groups]
        self._commit(batch)
        return [g.error if g.error is not None else self._applied(g) for g in batch]

    def _apply_groups_off_thread(
        self,
        groups: Sequence[tuple[Iterable[o.Operation], Origin]],
        done: Callable[[list[Applied | BaseException]], None],
    ) -> Future[None] | None:
        """As :meth:`_apply_groups`, with the COMMIT on the store's commit thread (``commit_off_thread``).

        The model changes and the rows are written here; ``done`` gets the results once the commit is
        in the file, from :meth:`settle` (which the caller schedules when the returned future is done,
        and which every other edit calls first, so edits keep their order). Returns None when there
        was nothing to commit (``done`` has been called already).
        """
        self.settle()
        batch = [_Group(tuple(ops), origin) for ops, origin in groups]

        def finished() -> None:
            done([g.error if g.error is not None else self._applied(g) for g in batch])

        future = self._commit(batch, off_thread=True)
        if future is None:
            finished()
            return None
        written = [g for g in batch if g.error is None and g.ctx is not None and not g.ctx.empty]
        self._in_flight = (future, written, finished)
        return future

    @property
    def committing(self) -> bool:
        """Whether a batch's COMMIT is still running on the commit thread."""
        return self._in_flight is not None and not self._in_flight[0].done()

    def settle(self, commit: Future[None] | None = None) -> None:
        """Finish the batch whose COMMIT runs on the commit thread: wait for it, then notify, or take back.

        Every edit calls this first, so a local edit made while the phones' batch is being written
        comes after it, as it would have with the commit on this thread. ``commit``: finish only that
        one (the commit thread's own call, which may arrive after the next batch's commit has started:
        it must not wait for that one).
        """
        flight = self._in_flight
        if flight is None or (commit is not None and flight[0] is not commit):
            return
        self._in_flight = None
        future, ok, finished = flight
        self.store.settle()
        failed = future.exception()
        if failed is None:
            for group in ok:
                group.notice = self._notice(group)
                self._notify(group.notice)
        else:
            self._fail(ok, failed)
        finished()

    # -- the steps -------------------------------------------------------------------------------------
    def _run(self, group: _Group, inbox: dict) -> None:
        """Apply one group to the model; on Refused take back what it did and record the refusal."""
        from facilitator.edits.apply import Context, handle

        ctx = Context(self.project, self.store.photo_data, self._originals, inbox)
        done: list[tuple[o.Operation, ...]] = []
        logged: list[o.Operation] = []
        try:
            for op in group.ops:
                inverse, as_logged = handle(ctx, op)
                done.append(inverse)
                if as_logged is not None:
                    logged.append(as_logged)
        except Refused as exc:
            self._take_back(done, ctx.originals)
            group.error = exc
            return
        group.ctx = ctx
        group.inverse = tuple(op for inverse in reversed(done) for op in inverse)
        group.logged = tuple(logged)

    def _take_back(self, done: Sequence[tuple[o.Operation, ...]], originals: dict) -> None:
        """Undo in memory what handlers did (the file was not written, or its write was rolled back)."""
        from facilitator.edits.apply import Context, handle

        scratch = Context(self.project, self.store.photo_data, self._originals)
        for inverse in reversed(done):
            for op in inverse:
                handle(scratch, op)

    def _kept_inboxes(self) -> dict[str, Inbox]:
        kept = {}
        for wall_id, inbox in self._inboxes.items():
            wall = self.project.find_wall(wall_id)
            if wall is not None and len(wall.notes) == self._inbox_counts.get(wall_id):
                kept[wall_id] = inbox
        return kept

    def _keep_inboxes(self, groups: list[_Group], inbox: dict[str, Inbox]) -> None:
        from facilitator.edits.ops import AddNote

        only_placed = all(
            g.error is None and all(isinstance(op, AddNote) and (op.x is None or op.y is None) for op in g.ops)
            for g in groups
        )
        self._inboxes = inbox if only_placed else {}
        self._inbox_counts = {}
        for wall_id in self._inboxes:
            wall = self.project.find_wall(wall_id)
            self._inbox_counts[wall_id] = -1 if wall is None else len(wall.notes)

    def _commit(self, groups: list[_Group], off_thread: bool = False) -> Future[None] | None:
        """Run, write and commit the groups; ``off_thread``: return the future of a commit still running."""
        inbox = self._kept_inboxes()
        for group in groups:
            self._run(group, inbox)
        ok = [g for g in groups if g.error is None and g.ctx is not None and not g.ctx.empty]
        self._keep_inboxes(groups, inbox)
        if not ok:
            return None

        def write() -> None:
            if len(ok) > 1 and all(_notes_only(g) for g in ok):
                self._write_notes(ok)
            else:
                for group in ok:
                    self._write(group)

        try:
            if off_thread:
                return self.store.commit_off_thread(write)
            with self.store.transaction():
                write()
        except BaseException as exc:
            self._fail(ok, exc)
            if isinstance(exc, ProjectError):
                return None
            raise
        for group in ok:
            group.notice = self._notice(group)
            self._notify(group.notice)
        return None

    def _fail(self, ok: list[_Group], exc: BaseException) -> None:
        """The write failed: take back in the model what the groups did; each caller gets the error."""
        self._inboxes = {}
        for group in reversed(ok):
            assert group.ctx is not None
            self._take_back([group.inverse], group.ctx.originals)
            group.error = exc
        if isinstance(exc, ProjectError):
            log.error("write failed: %s", exc)

    def _write_notes(self, groups: list[_Group]) -> None:
        """Several groups that only put notes (a burst of phone notes): one statement per table for all.

        Written group by group, a batch of 24 phone notes cost 72 statements and as many trips through
        the store's transaction wrapper, on the GUI thread, inside the frame. The rows are the same: every
        group of a commit shares its stamp, a note's row is its state after the whole batch, and the
        change log keeps the groups' order.
        """
        from facilitator.edits.stamps import touched_fields

        walls: dict[str, str | None] = {}  # note id -> its wall after the batch (a later group's word wins)
        for group in groups:
            assert group.ctx is not None
            walls.update(group.ctx.puts["note"])
        by_wall: dict[str, list] = {}
        for note_id, wall_id in walls.items():
            by_wall.setdefault(wall_id, []).append(self.project.wall(wall_id).notes[note_id])
        for wall_id, notes in by_wall.items():
            self.store.save_notes(wall_id, notes)
        self.store.stamp_fields(
            key for g in groups if g.ctx is not None for key in touched_fields(g.logged, g.ctx.skipped)
        )
        self.store.append_log(
            (g.origin.kind, g.origin.id, g.origin.label, json.dumps(op.log_dict(), ensure_ascii=False, default=str))
            for g in groups
            for op in g.logged
        )

    def _write(self, group: _Group) -> None:
        """The group's rows, tombstones and change-log rows (inside the caller's transaction)."""
        ctx = group.ctx
        assert ctx is not None
        store, project = self.store, self.project
        for kind in ("dot", "note", "photo", "agenda", "cluster", "round", "wall", "diamond", "group", "action"):
            ids = ctx.gone.get(kind)
            if ids:
                store.delete_rows(kind, sorted(ids))
        if ctx.revived:
            store.revive(sorted(ctx.revived))
        puts = ctx.puts
        if puts.get("event"):
            store.save_event(project.event)
        if puts.get("group"):
            store.upsert_groups([g for g in project.groups if g.id in puts["group"]])
        if puts.get("diamond"):
            store.upsert_diamonds([d for d in project.diamonds if d.id in puts["diamond"]])
        for wall_id in puts.get("wall", {}):
            store.save_wall(project.wall(wall_id))
        by_wall: dict[str, list] = {}
        for cluster_id, wall_id in puts.get("cluster", {}).items():
            by_wall.setdefault(wall_id, []).append(project.wall(wall_id).clusters[cluster_id])
        for wall_id, clusters in by_wall.items():
            store.save_clusters(wall_id, clusters)
        by_wall = {}
        for note_id, wall_id in puts.get("note", {}).items():
            by_wall.setdefault(wall_id, []).append(project.wall(wall_id).notes[note_id])
        for wall_id, notes in by_wall.items():
            store.save_notes(wall_id, notes)
        if ctx.moves:
            positions = []
            for wall_id in ctx.walls:
                notes = project.wall(wall_id).notes
                positions += [(i, notes[i].x, notes[i].y) for i in ctx.moves if i in notes]
            store.move_notes(positions)
        for round_id, wall_id in puts.get("round", {}).items():
            store.upsert_round(wall_id, project.wall(wall_id).round(round_id))
        by_round: dict[str, list] = {}
        for dot_id, round_id in puts.get("dot", {}).items():
            found = project.find_dot(dot_id)
            if found is not None:
                by_round.setdefault(round_id, []).append(found[2])
        for round_id, dots in by_round.items():
            store.save_dots(round_id, dots)
        for photo_id in puts.get("photo", {}):
            photo = project.photo(photo_id)
            if photo is None:
                continue
            if photo_id in ctx.blobs:
                store.add_photo(photo, ctx.blobs[photo_id])
            else:
                store.save_photo(photo)
        if puts.get("agenda"):
            store.upsert_agenda([it for it in project.agenda if it.id in puts["agenda"]])
        if puts.get("action"):
            store.upsert_actions([a for a in project.actions if a.id in puts["action"]])
        if puts.get("run"):
            store.save_run(project.run)
        for key in puts.get("setting", {}):
            store.set_setting(key, project.settings.get(key))
        from facilitator.edits.stamps import touched_fields

        store.stamp_fields(touched_fields(group.logged, ctx.skipped))
        if group.extra is not None:
            group.extra(store)
        origin = group.origin
        store.append_log(
            (origin.kind, origin.id, origin.label, json.dumps(op.log_dict(), ensure_ascii=False, default=str))
            for op in group.logged
        )

    def _notice(self, group: _Group) -> Notice:
        ctx = group.ctx
        assert ctx is not None
        changes: dict[str, set[str]] = {k: set(v) for k, v in ctx.puts.items() if v}
        if ctx.moves:
            changes.setdefault("note", set()).update(ctx.moves)
        for kind, ids in ctx.hints.items():
            changes.setdefault(kind, set()).update(ids)
        removed = {k: set(v) for k, v in ctx.gone.items() if v}
        for kind, ids in removed.items():
            if kind in changes:
                changes[kind] -= ids
        wall_id = next(iter(ctx.walls)) if len(ctx.walls) == 1 else None
        return Notice(group.origin, changes, removed, wall_id)

    def _applied(self, group: _Group) -> Applied:
        ctx = group.ctx
        if ctx is None or ctx.empty:
            skipped = tuple(ctx.skipped) if ctx is not None else ()
            return Applied(Notice(group.origin), (), False, skipped)
        return Applied(group.notice or self._notice(group), group.inverse, True, tuple(ctx.skipped))

    def _notify(self, notice: Notice) -> None:
        for callback in list(self._subscribers):
            try:
                callback(notice)
            except Exception:  # a view's bug must not undo a committed edit or starve the other views
                log.exception("a subscriber failed on %s", notice)
