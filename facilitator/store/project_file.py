"""One SQLite file per project; every edit is one committed transaction.

Design record: docs/design/0001-project-file.md. In short: a rollback journal
(not WAL, whose side files and shared memory break in synced folders and on
network drives), ``synchronous=FULL``, and ``locking_mode=EXCLUSIVE`` so the
operating system itself tells a second process that the file is in use.

The file is recognised from its 100-byte header before SQLite touches it, so
a file we refuse is never written to.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import sqlite3
import struct
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from facilitator import safe_output
from facilitator.core.agenda import AgendaItem, Diamond, DiamondSize, Kind, Phase
from facilitator.core.event import Action, Event, ParticipantGroup, Photo
from facilitator.core.order import key_between, sequence_keys
from facilitator.core.project import Project
from facilitator.core.run import RunSnapshot
from facilitator.core.wall import Cluster, Dot, Note, VoteRound, Wall
from facilitator.store import journal, limits, open_files, schema, schema_check
from facilitator.store.errors import (
    CorruptProject,
    NewerFormat,
    NotAProject,
    OpenElsewhere,
    ProjectError,
    WriteFailed,
)

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Stamp:
    """When (UTC), on which copy of the file, and at which Lamport clock a commit wrote its rows."""

    time: str
    replica: str
    clock: int


@dataclass(frozen=True)
class LogEntry:
    """One applied operation as the change log holds it; ``seq`` is its position for a later reader."""

    seq: int
    time: str
    replica: str
    clock: int
    origin_kind: str
    origin_id: str
    origin_label: str
    op: str


SUFFIX = ".facil"
_BUSY_MS = 1500


def read_header(path: Path) -> tuple[int, int]:
    """Check the file is a Facilitator project from its header alone; return (format, app id).

    Raises the error the user should see; never opens the file for writing.
    """
    name = path.name
    try:
        if path.is_dir():
            raise NotAProject(f"{name} is a folder, not a Facilitator project.")
        with path.open("rb") as fh:
            header = fh.read(100)
    except FileNotFoundError:
        raise ProjectError(f"There is no file at {path}.") from None
    except PermissionError:
        raise ProjectError(f"You do not have permission to read {name}.") from None
    except OSError as exc:
        raise ProjectError(f"{name} could not be read ({exc.strerror or exc}).") from None
    if not header:
        raise NotAProject(f"{name} is empty: it is not a Facilitator project.")
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        raise NotAProject(f"{name} is not a Facilitator project.")
    (user_version,) = struct.unpack(">i", header[60:64])
    (app_id,) = struct.unpack(">i", header[68:72])
    if app_id != schema.APPLICATION_ID:
        raise NotAProject(f"{name} is a database from another program, not a Facilitator project.")
    if user_version > schema.FORMAT:
        raise NewerFormat(
            f"{name} was made by a newer version of Facilitator (format {user_version}); "
            f"this version reads up to format {schema.FORMAT}."
        )
    if user_version < 1:
        raise CorruptProject(f"{name} is damaged: its format number is missing.")
    return user_version, app_id


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _write_error(exc: sqlite3.Error) -> WriteFailed:
    text = str(exc).lower()
    if "full" in text:
        return WriteFailed("The disk is full: the last change was not saved. Free some space, or use Save a copy as.")
    if "readonly" in text or "read-only" in text:
        return WriteFailed("The project file cannot be written (it is read-only): the last change was not saved.")
    if "i/o" in text or "disk" in text or "unable to open" in text:
        return WriteFailed(
            "The project file could not be written (was the drive removed?): the last change was not saved."
        )
    return WriteFailed(f"The last change could not be saved ({exc}).")


class ProjectFile:
    """An open project file. Use :meth:`open` or :meth:`create`, then :meth:`close`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._db = conn  # read and written only through ``_conn``, which waits for a commit in flight
        self._committing: Future[None] | None = None  # a COMMIT running on its own thread (commit_off_thread)
        self._committing_stamp: Stamp | None = None
        self._depth = 0
        self._identity = _file_identity(path)
        self._replica: str | None = None
        self._home_checked = False  # whether this copy's replica id was checked against where the file is
        self._clock: int | None = None
        self._stamp: Stamp | None = None

    # -- opening and creating -----------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False) -> ProjectFile:
        """Open an existing project, migrating an older format forward.

        ``read_only`` opens without taking the editing lock (for ``info``,
        ``export`` and ``render``); it still refuses what is not a project.
        """
        path = Path(path)
        open_files.refuse_if_held(path)  # before any descriptor: closing one would drop this process's lock
        # Leftover journal/WAL checked (or a checked private copy made) before SQLite sees the file.
        private = journal.prepare(path, read_only)
        file_format, _ = read_header(private or path)
        if read_only:
            uri = (private or path).resolve().as_uri() + "?mode=ro"
            try:
                conn = _connect(uri, uri=True)
            finally:
                journal.discard(private)
        else:
            if not os.access(path, os.W_OK):
                raise ProjectError(f"{path.name} is read-only: open it read-only or save a copy elsewhere.")
            conn = _connect(str(path))
        project = cls(path, conn, read_only)
        try:
            project._configure()
            project._check_integrity()
            schema_check.check_schema(conn, path.name, file_format)  # a planted trigger or view never runs
            limits.check_limits(conn, path.name)  # every value in bounds before the loader reads it
            if file_format < schema.FORMAT:
                if read_only:
                    project._migrate_in_memory(file_format)
                else:
                    project._migrate(file_format)
        except BaseException:
            conn.close()
            raise
        if not read_only:
            open_files.hold(project, path)
        return project

    @classmethod
    def create(cls, path: str | os.PathLike[str], project: Project | None = None, replace: bool = False) -> ProjectFile:
        """Write a new project file at ``path`` and keep it open.

        ``path`` must not exist unless ``replace`` (the user confirmed it in a
        save dialog). The file is built beside its destination and moved into
        place only when complete, so a crash or a full disk never leaves half a
        project under the real name, and a replaced file survives a failed create.
        """
        path = Path(path)
        if path.exists() and not replace:
            raise ProjectError(f"{path.name} already exists; choose another name.")
        tmp = safe_output.temp_sibling(path, ".creating")  # unique; swept if a killed create left one
        safe_output.sweep_stale(path, ".creating")
        try:
            conn = _connect(str(tmp))
            try:
                conn.executescript(schema.SCHEMA_FORMAT_1)
                for step in range(1, schema.FORMAT):
                    conn.executescript(schema.MIGRATIONS[step])
                conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {schema.FORMAT}")
                writer = cls(tmp, conn, read_only=False)
                writer._configure()
                writer.save_project(project or Project())
            finally:
                conn.close()
            os.replace(tmp, path)
            safe_output.fsync_dir(path.parent)
        except sqlite3.Error as exc:
            raise _write_error(exc) from None
        except OSError as exc:
            raise ProjectError(f"{path.name} could not be created ({exc.strerror or exc}).") from None
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        return cls.open(path)

    def _configure(self) -> None:
        c = self._conn
        try:
            c.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
            c.execute("PRAGMA foreign_keys = ON")
            if self.read_only:
                return
            c.execute("PRAGMA journal_mode = DELETE")
            c.execute("PRAGMA synchronous = FULL")
            c.execute("PRAGMA locking_mode = EXCLUSIVE")
            # Take the exclusive lock now, not at the first edit, so a second
            # window learns at once that the file is in use.
            c.execute("BEGIN EXCLUSIVE")
            c.execute("COMMIT")
        except sqlite3.Error as exc:
            raise self._open_error(exc) from None

    def _open_error(self, exc: sqlite3.Error) -> ProjectError:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return OpenElsewhere(
                f"{self.path.name} is open in another Facilitator window or program; close it there first."
            )
        if isinstance(exc, sqlite3.OperationalError) and not self.read_only:
            return _write_error(exc)
        return CorruptProject(f"{self.path.name} is damaged and cannot be opened ({exc}).")

    def _check_integrity(self) -> None:
        try:
            rows = self._conn.execute("PRAGMA quick_check").fetchall()
            app_id = self._conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.Error as exc:
            error = self._open_error(exc)
            if isinstance(error, OpenElsewhere):
                raise error from None
            raise CorruptProject(f"{self.path.name} is damaged and cannot be opened ({exc}).") from None
        if rows != [("ok",)] or app_id != schema.APPLICATION_ID:
            raise CorruptProject(f"{self.path.name} is damaged and cannot be opened (integrity check failed).")

    def _migrate(self, file_format: int) -> None:
        """Bring an older file to the current format in one transaction.

        The migrated content is read back before the commit: if it breaks our
        invariants the transaction rolls back and the file keeps its old bytes.
        """
        with self.transaction():
            for step in range(file_format, schema.FORMAT):
                for statement in _statements(schema.MIGRATIONS[step]):
                    self._conn.execute(statement)
            self._conn.execute(f"PRAGMA user_version = {schema.FORMAT}")
            self.load()

    def _migrate_in_memory(self, file_format: int) -> None:
        """Read an older file without writing to it: migrate a copy held in memory."""
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            self._conn.backup(memory)
        except sqlite3.Error as exc:
            memory.close()
            raise CorruptProject(f"{self.path.name} is damaged and cannot be read ({exc}).") from None
        self._conn.close()
        self._conn = memory
        self.read_only = False
        try:
            self._migrate(file_format)
        finally:
            self.read_only = True

    @property
    def format(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    @property
    def _conn(self) -> sqlite3.Connection:
        """The connection, once no commit is running on the commit thread (this waits for it)."""
        if self._committing is not None:
            self.settle()
        return self._db

    @_conn.setter
    def _conn(self, conn: sqlite3.Connection) -> None:
        self.settle()
        self._db = conn

    def close(self) -> None:
        open_files.release(self)
        self._conn.close()

    def __enter__(self) -> ProjectFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self, commit: bool = True) -> Iterator[sqlite3.Connection]:
        """Group writes into one commit; nested uses join the outer one.

        On any failure the whole group is rolled back, so the file never holds
        half an edit, and the error is turned into a message for the user.
        ``commit=False`` leaves the transaction open for :meth:`commit_off_thread`.
        """
        if self.read_only:
            raise ProjectError(f"{self.path.name} is open read-only; changes cannot be saved.")
        if self._depth:
            self._depth += 1
            try:
                yield self._conn
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            self._check_still_there()
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _write_error(exc) from None
            try:
                yield self._conn
                if not commit:
                    self._committing_stamp = self._stamp  # taken in when that commit is settled
                    return
                self._conn.execute("COMMIT")
                if self._stamp is not None:  # never below a clock observed during the transaction
                    self._clock = max(self._clock or 0, self._stamp.clock)
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                self._replica, self._home_checked = None, False  # a new replica id rolled back with the rest
                if isinstance(exc, sqlite3.Error):
                    raise _write_error(exc) from None
                raise
        finally:
            self._depth = 0
            self._stamp = None

    def commit_off_thread(self, write: Callable[[], None]) -> Future[None]:
        """``write`` in one transaction here, and its COMMIT (the wait for the disk) on a thread of its own.

        Why: with ``synchronous=FULL`` a commit waits for the disk, 1-15 ms on the laptops measured, and
        on the GUI thread that wait is a frame the wall could not paint (tests/bench/bench_room_gui.py:
        a 24-note commit of phone notes held the thread 10-23 ms, 5-14 of them in COMMIT). The writes
        stay on the caller's thread (they are CPU, and the model is read there); only the wait moves.
        Until the commit is done, any use of the connection here waits for it first (``_conn``), so the
        two threads never use the connection at once and a later transaction starts after this one.

        ``write`` failing rolls back and raises here, as in :meth:`transaction`. The returned future
        resolves when the commit is in the file, or fails with :class:`WriteFailed` (rolled back: the
        file holds none of it). Call :meth:`settle` (or touch the store) before relying on the outcome.
        """
        if self._depth:  # inside a transaction already: part of that one, committed with it
            write()
            done: Future[None] = Future()
            done.set_result(None)
            return done
        with self.transaction(commit=False):
            write()
        future: Future[None] = Future()
        self._committing = future

        def commit() -> None:
            try:
                self._db.execute("COMMIT")
            except BaseException as exc:  # the caller learns of it through the future
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                future.set_exception(_write_error(exc) if isinstance(exc, sqlite3.Error) else exc)
            else:
                future.set_result(None)

        threading.Thread(target=commit, name="facilitator-commit", daemon=True).start()
        return future

    def settle(self) -> None:
        """Wait for a commit running on the commit thread, and take in its outcome (see commit_off_thread)."""
        future = self._committing
        if future is None:
            return
        failed = future.exception()  # waits for the thread
        self._committing = None
        stamp, self._committing_stamp = self._committing_stamp, None
        if failed is None:
            if stamp is not None:
                self._clock = max(self._clock or 0, stamp.clock)
        else:
            self._replica, self._home_checked = None, False  # a new replica id rolled back with the rest

    def _check_still_there(self) -> None:
        """Refuse to write once the file has gone from its folder (a USB stick pulled, a sync client moving it).

        The open handle would keep accepting writes into a file nobody can
        reach any more; better to stop, say so, and let the user save a copy
        (which still reads everything through the open handle).
        """
        if self._identity is None:
            return
        if _file_identity(self.path) != self._identity:
            raise WriteFailed(
                f"{self.path.name} is no longer where it was opened (was the drive removed?): "
                "the last change was not saved. Use Save a copy as to keep your work."
            )

    # -- stamps: when, where and in which logical order a row last changed ------------------
    @property
    def replica(self) -> str:
        """This copy of the file's id (made by the format-4 migration; a copy saved elsewhere gets its own)."""
        if self._replica is None:
            row = self._conn.execute("SELECT value FROM setting WHERE key = 'replica'").fetchone()
            self._replica = row[0] if row else ""
        return self._replica

    @property
    def clock(self) -> int:
        """The highest Lamport clock this file has seen; every commit that writes rows takes the next one."""
        if self._clock is None:
            self._clock = max(
                self._conn.execute("SELECT COALESCE(MAX(clock), 0) FROM change_log").fetchone()[0],
                self._conn.execute("SELECT COALESCE(MAX(clock), 0) FROM tombstone").fetchone()[0],
                self._conn.execute("SELECT COALESCE(MAX(clock), 0) FROM field_stamp").fetchone()[0],
            )
        return self._clock

    def observe_clock(self, clock: int) -> None:
        """A peer's change carries its clock: ours must move past it (Lamport's rule)."""
        self._clock = max(self.clock, clock)

    def stamp(self) -> Stamp:
        """The stamp of the transaction in progress: one clock tick per commit, shared by all its rows."""
        if self._stamp is None:
            self._own_replica()
            self._stamp = Stamp(utc_text(), self.replica, self.clock + 1)
        return self._stamp

    def _own_replica(self, keep: bool = False) -> None:
        """Before this file's first stamped write: a copy made outside the app gets a replica id of its own.

        A file manager's or USB stick's copy carries its original's replica id, and two files with one id
        would stamp their edits alike. The file records where it lives (device and inode); a file found
        elsewhere (a copy, or moved to another drive: harmless) takes a fresh id, its history and clocks
        kept. Done at the first write, not at open, so opening never changes a file.
        """
        if self._home_checked or self.read_only or self._identity is None:
            return
        self._home_checked = True
        here = f"{self._identity[0]}:{self._identity[1]}"
        row = self._conn.execute("SELECT value FROM setting WHERE key = 'replica_home'").fetchone()
        if row is not None and row[0] != here and not keep:
            self._conn.execute("UPDATE setting SET value = lower(hex(randomblob(16))) WHERE key = 'replica'")
            self._replica = None
        if row is None or row[0] != here:
            self._conn.execute(
                "INSERT INTO setting (key, value) VALUES ('replica_home', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (here,),
            )

    # -- whole-project reads and writes ----------------------------------------
    def load(self) -> Project:
        """Read the whole project into plain objects (photo bytes stay in the file)."""
        try:
            return self._load()
        except sqlite3.DatabaseError as exc:
            raise CorruptProject(f"{self.path.name} is damaged and cannot be read ({exc}).") from None
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise CorruptProject(f"{self.path.name} holds a value this version cannot read ({exc}).") from None

    def _load(self) -> Project:
        c = self._conn
        row = _one(c, "SELECT title, date, venue, organiser, planned_start, planned_end FROM event WHERE id = 1")
        event = Event()
        if row:
            event = Event(
                title=row["title"],
                date=dt.date.fromisoformat(row["date"]),
                venue=row["venue"],
                organiser=row["organiser"],
                planned_start=dt.time.fromisoformat(row["planned_start"]),
                planned_end=dt.time.fromisoformat(row["planned_end"]),
            )
        groups = [
            ParticipantGroup(name=r["name"], colour=r["colour"], id=r["id"], order=r["order_key"])
            for r in _rows(c, "SELECT id, name, colour, order_key FROM participant_group ORDER BY order_key, id")
        ]
        diamonds = [
            Diamond(question=r["question"], size=DiamondSize(r["size"]), id=r["id"], order=r["order_key"])
            for r in _rows(c, "SELECT id, question, size, order_key FROM diamond ORDER BY order_key, id")
        ]
        agenda = [
            AgendaItem(
                id=r["id"],
                title=r["title"],
                minutes=r["minutes"],
                kind=Kind(r["kind"]),
                phase=Phase(r["phase"]),
                diamond_id=r["diamond_id"],
                instructions=r["instructions"],
                notes=r["notes"],
                wall_id=r["wall_id"],
                order=r["order_key"],
            )
            for r in _rows(c, "SELECT * FROM agenda_item ORDER BY order_key, id")
        ]
        walls: dict[str, Wall] = {
            r["id"]: Wall(name=r["name"], id=r["id"], order=r["order_key"])
            for r in _rows(c, "SELECT id, name, order_key FROM wall ORDER BY order_key, id")
        }
        for r in _rows(c, "SELECT id, wall_id, title, colour, x, y FROM cluster ORDER BY rowid"):
            self._wall_of(walls, r["wall_id"], "cluster").clusters[r["id"]] = Cluster(
                title=r["title"], colour=r["colour"], x=r["x"], y=r["y"], id=r["id"]
            )
        # The big tables are read as tuples with each column's place looked up by name once
        # (sqlite3.Row costs a name lookup per cell: a third of the open time of a 20,000-note wall).
        rows, col = _columns(
            c,
            "SELECT id, wall_id, text, colour, author, grp, x, y, cluster_id, created, source, status "
            "FROM note ORDER BY rowid",
        )
        i_id, i_wall, i_text, i_colour, i_author, i_grp = (
            col[k] for k in ("id", "wall_id", "text", "colour", "author", "grp")
        )
        i_x, i_y, i_cluster, i_created, i_source, i_status = (
            col[k] for k in ("x", "y", "cluster_id", "created", "source", "status")
        )
        fromiso = dt.datetime.fromisoformat
        for r in rows:
            wall = walls.get(r[i_wall]) or self._wall_of(walls, r[i_wall], "note")
            cluster_id = r[i_cluster]
            if cluster_id is not None and cluster_id not in wall.clusters:
                raise CorruptProject(
                    f"{self.path.name} is damaged: a note on wall {wall.name!r} is in a cluster that does not exist."
                )
            wall.notes[r[i_id]] = Note(
                text=r[i_text],
                colour=r[i_colour],
                author=r[i_author],
                group=r[i_grp],
                x=r[i_x],
                y=r[i_y],
                cluster_id=cluster_id,
                created=fromiso(r[i_created]),
                id=r[i_id],
                source=r[i_source],
                status=r[i_status],
            )
        rounds: dict[str, tuple[Wall, VoteRound]] = {}
        for r in _rows(
            c, "SELECT id, wall_id, name, dots_per_person, order_key FROM vote_round ORDER BY order_key, id"
        ):
            wall = self._wall_of(walls, r["wall_id"], "vote round")
            vote_round = VoteRound(
                name=r["name"], dots_per_person=r["dots_per_person"], id=r["id"], order=r["order_key"]
            )
            wall.rounds.append(vote_round)
            rounds[r["id"]] = (wall, vote_round)
        rows, col = _columns(c, "SELECT id, round_id, target_id, target_kind, voter, created FROM dot ORDER BY rowid")
        i_id, i_round, i_target, i_kind, i_voter, i_created = (
            col[k] for k in ("id", "round_id", "target_id", "target_kind", "voter", "created")
        )
        for r in rows:
            wall, vote_round = rounds[r[i_round]]
            kind = r[i_kind]
            targets = wall.notes if kind == "note" else wall.clusters
            if r[i_target] not in targets:
                raise CorruptProject(
                    f"{self.path.name} is damaged: wall {wall.name!r} has dots on a {kind} that does not exist."
                )
            vote_round.dots[r[i_id]] = Dot(r[i_target], kind, r[i_voter], fromiso(r[i_created]), r[i_id])
        photos = [
            Photo(
                id=r["id"],
                wall_id=r["wall_id"],
                caption=r["caption"],
                mime=r["mime"],
                width=r["width"],
                height=r["height"],
                x=r["x"],
                y=r["y"],
                created=dt.datetime.fromisoformat(r["created"]),
            )
            for r in _rows(
                c, "SELECT id, wall_id, caption, mime, width, height, x, y, created FROM photo ORDER BY rowid"
            )
        ]
        actions = [
            Action(
                text=r["text"],
                owner=r["owner"],
                due=dt.date.fromisoformat(r["due"]) if r["due"] else None,
                id=r["id"],
                order=r["order_key"],
            )
            for r in _rows(c, "SELECT id, text, owner, due, order_key FROM action ORDER BY order_key, id")
        ]
        tombstones = {r["id"]: r["kind"] for r in _rows(c, "SELECT id, kind FROM tombstone")}
        return Project(
            event=event,
            groups=groups,
            diamonds=diamonds,
            agenda=agenda,
            walls=list(walls.values()),
            photos=photos,
            actions=actions,
            tombstones=tombstones,
            run=self.load_run(),
            settings=self.project_settings(),
        )

    def _wall_of(self, walls: dict[str, Wall], wall_id: str, what: str) -> Wall:
        try:
            return walls[wall_id]
        except KeyError:
            raise CorruptProject(
                f"{self.path.name} is damaged: a {what} belongs to a wall that does not exist."
            ) from None

    def save_project(self, project: Project, photo_data: dict[str, bytes] | None = None) -> None:
        """Write every part of ``project`` in one transaction (new files, the demo, imports of whole events)."""
        with self.transaction():
            self.save_event(project.event)
            self.save_groups(project.groups)
            self.save_diamonds(project.diamonds)
            _give_keys(project.walls)
            for wall in project.walls:
                self.save_wall(wall)
                self.save_clusters(wall.id, wall.clusters.values())
                self.save_notes(wall.id, wall.notes.values())
                _give_keys(wall.rounds)
                for vote_round in wall.rounds:
                    self.save_round(wall.id, vote_round)
            self.save_agenda(project.agenda)
            self.save_actions(project.actions)
            for photo in project.photos:
                if photo_data is None or photo.id not in photo_data:
                    raise ValueError(f"no image bytes for photo {photo.id}")
                self.add_photo(photo, photo_data[photo.id])

    # -- rows, one kind at a time (the edit layer picks which; see write_changes) --------------
    def _meta(self) -> tuple[str, str, int]:
        s = self.stamp()
        return s.time, s.replica, s.clock

    def _tombstone(self, c: sqlite3.Connection, kind: str, ids: Sequence[str]) -> None:
        if not ids:
            return
        time, replica, clock = self._meta()
        c.executemany(
            "INSERT INTO tombstone (id, kind, deleted, replica, clock) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET deleted = excluded.deleted, replica = excluded.replica, "
            "clock = excluded.clock",
            [(i, kind, time, replica, clock) for i in ids],
        )

    def _delete_rows(self, table: str, kind: str, ids: Iterable[str]) -> None:
        ids = list(ids)
        if not ids:
            return
        with self.transaction() as c:
            c.executemany(f"DELETE FROM {table} WHERE id = ?", [(i,) for i in ids])
            self._tombstone(c, kind, ids)

    _TABLES: ClassVar[dict[str, str]] = {
        "group": "participant_group",
        "diamond": "diamond",
        "agenda": "agenda_item",
        "wall": "wall",
        "note": "note",
        "cluster": "cluster",
        "photo": "photo",
        "round": "vote_round",
        "dot": "dot",
        "action": "action",
    }

    def delete_rows(self, kind: str, ids: Iterable[str]) -> None:
        """Delete rows of one kind by id, each leaving a tombstone (the edit layer lists cascades itself)."""
        self._delete_rows(self._TABLES[kind], kind, ids)

    def revive(self, ids: Iterable[str]) -> None:
        """Take tombstones away from ids an undo brings back."""
        with self.transaction() as c:
            c.executemany("DELETE FROM tombstone WHERE id = ?", [(i,) for i in ids])

    def save_event(self, event: Event) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO event (id, title, date, venue, organiser, planned_start, planned_end, "
                "changed, replica, clock) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "title = excluded.title, date = excluded.date, venue = excluded.venue, "
                "organiser = excluded.organiser, planned_start = excluded.planned_start, "
                "planned_end = excluded.planned_end, changed = excluded.changed, replica = excluded.replica, "
                "clock = excluded.clock",
                (
                    event.title,
                    event.date.isoformat(),
                    event.venue,
                    event.organiser,
                    event.planned_start.isoformat(timespec="minutes"),
                    event.planned_end.isoformat(timespec="minutes"),
                    *self._meta(),
                ),
            )

    def _replace_list(self, table: str, kind: str, ids: set[str]) -> None:
        """Tombstone the rows of an ordered list that a whole-list save no longer holds."""
        with self.transaction() as c:
            gone = [r[0] for r in c.execute(f"SELECT id FROM {table}").fetchall() if r[0] not in ids]
            self._delete_rows(table, kind, gone)

    def upsert_groups(self, groups: Iterable[ParticipantGroup]) -> None:
        with self.transaction() as c:
            c.executemany(
                "INSERT INTO participant_group (id, order_key, name, colour, changed, replica, clock) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET order_key = excluded.order_key, "
                "name = excluded.name, colour = excluded.colour, changed = excluded.changed, "
                "replica = excluded.replica, clock = excluded.clock",
                [(g.id, g.order, g.name, g.colour, *self._meta()) for g in groups],
            )

    def save_groups(self, groups: Sequence[ParticipantGroup]) -> None:
        """The whole list (new files, tests); the edit layer writes only the rows an edit touched."""
        with self.transaction():
            _give_keys(groups)
            self._replace_list("participant_group", "group", {g.id for g in groups})
            self.upsert_groups(groups)

    def upsert_diamonds(self, diamonds: Iterable[Diamond]) -> None:
        with self.transaction() as c:
            c.executemany(
                "INSERT INTO diamond (id, order_key, question, size, changed, replica, clock) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET order_key = excluded.order_key, "
                "question = excluded.question, size = excluded.size, changed = excluded.changed, "
                "replica = excluded.replica, clock = excluded.clock",
                [(d.id, d.order, d.question, str(d.size), *self._meta()) for d in diamonds],
            )

    def save_diamonds(self, diamonds: Sequence[Diamond]) -> None:
        with self.transaction():
            _give_keys(diamonds)
            self._replace_list("diamond", "diamond", {d.id for d in diamonds})
            self.upsert_diamonds(diamonds)

    def upsert_agenda(self, items: Iterable[AgendaItem]) -> None:
        with self.transaction() as c:
            c.executemany(
                "INSERT INTO agenda_item (id, order_key, title, minutes, kind, phase, diamond_id, "
                "instructions, notes, wall_id, changed, replica, clock) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "order_key = excluded.order_key, title = excluded.title, minutes = excluded.minutes, "
                "kind = excluded.kind, phase = excluded.phase, diamond_id = excluded.diamond_id, "
                "instructions = excluded.instructions, notes = excluded.notes, wall_id = excluded.wall_id, "
                "changed = excluded.changed, replica = excluded.replica, clock = excluded.clock",
                [
                    (
                        it.id,
                        it.order,
                        it.title,
                        it.minutes,
                        str(it.kind),
                        str(it.phase),
                        it.diamond_id,
                        it.instructions,
                        it.notes,
                        it.wall_id,
                        *self._meta(),
                    )
                    for it in items
                ],
            )

    def save_agenda(self, items: Sequence[AgendaItem]) -> None:
        """The whole agenda in its list order (keys are given where the list order needs them)."""
        with self.transaction():
            _give_keys(items)
            self._replace_list("agenda_item", "agenda", {it.id for it in items})
            self.upsert_agenda(items)

    def upsert_actions(self, actions: Iterable[Action]) -> None:
        with self.transaction() as c:
            c.executemany(
                "INSERT INTO action (id, order_key, text, owner, due, changed, replica, clock) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET order_key = excluded.order_key, "
                "text = excluded.text, owner = excluded.owner, due = excluded.due, changed = excluded.changed, "
                "replica = excluded.replica, clock = excluded.clock",
                [(a.id, a.order, a.text, a.owner, _iso(a.due), *self._meta()) for a in actions],
            )

    def save_actions(self, actions: Sequence[Action]) -> None:
        with self.transaction():
            _give_keys(actions)
            self._replace_list("action", "action", {a.id for a in actions})
            self.upsert_actions(actions)

    # -- walls ------------------------------------------------------------------
    def save_wall(self, wall: Wall, position: int | None = None) -> None:
        """Insert or rename a wall (its notes and clusters are saved separately).

        A wall without an order key goes after the last one (``position`` is
        no longer stored; it is accepted for old callers and ignored).
        """
        with self.transaction() as c:
            if not wall.order:
                row = c.execute("SELECT order_key FROM wall WHERE id = ?", (wall.id,)).fetchone()
                last = c.execute("SELECT MAX(order_key) FROM wall").fetchone()[0]
                wall.order = row[0] if row else key_between(last, None)
            c.execute(
                "INSERT INTO wall (id, order_key, name, changed, replica, clock) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET order_key = excluded.order_key, name = excluded.name, "
                "changed = excluded.changed, replica = excluded.replica, clock = excluded.clock",
                (wall.id, wall.order, wall.name, *self._meta()),
            )

    def delete_wall(self, wall_id: str) -> None:
        """Delete a wall and everything on it; every row that goes leaves a tombstone."""
        with self.transaction() as c:
            for table, kind, sql in (
                ("dot", "dot", "SELECT id FROM dot WHERE round_id IN (SELECT id FROM vote_round WHERE wall_id = ?)"),
                ("note", "note", "SELECT id FROM note WHERE wall_id = ?"),
                ("cluster", "cluster", "SELECT id FROM cluster WHERE wall_id = ?"),
                ("vote_round", "round", "SELECT id FROM vote_round WHERE wall_id = ?"),
            ):
                self._delete_rows(table, kind, [r[0] for r in c.execute(sql, (wall_id,)).fetchall()])
            self._delete_rows("wall", "wall", [wall_id])

    def save_notes(self, wall_id: str, notes: Iterable[Note]) -> None:
        """Insert or update notes (text, colour, author, group, position, cluster, status) in one commit."""
        with self.transaction() as c:
            meta = self._meta()
            c.executemany(
                "INSERT INTO note (id, wall_id, text, colour, author, grp, x, y, cluster_id, created, source, status, "
                "changed, replica, clock) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET wall_id = excluded.wall_id, "
                "text = excluded.text, colour = excluded.colour, author = excluded.author, "
                "grp = excluded.grp, x = excluded.x, y = excluded.y, cluster_id = excluded.cluster_id, "
                "source = excluded.source, status = excluded.status, changed = excluded.changed, "
                "replica = excluded.replica, clock = excluded.clock",
                [
                    (
                        n.id,
                        wall_id,
                        n.text,
                        n.colour,
                        n.author,
                        n.group,
                        n.x,
                        n.y,
                        n.cluster_id,
                        n.created.isoformat(),
                        n.source,
                        n.status,
                        *meta,
                    )
                    for n in notes
                ],
            )

    def move_notes(self, positions: Iterable[tuple[str, float, float]]) -> None:
        """Store new positions only: the common edit, kept cheap for big drags."""
        with self.transaction() as c:
            meta = self._meta()
            c.executemany(
                "UPDATE note SET x = ?, y = ?, changed = ?, replica = ?, clock = ? WHERE id = ?",
                [(x, y, *meta, i) for i, x, y in positions],
            )

    def delete_notes(self, note_ids: Iterable[str]) -> None:
        """Delete notes and every dot on them, in every round (tombstones for both)."""
        ids = list(note_ids)
        with self.transaction() as c:
            dots = [
                r[0]
                for i in ids
                for r in c.execute("SELECT id FROM dot WHERE target_id = ? AND target_kind = 'note'", (i,)).fetchall()
            ]
            self._delete_rows("dot", "dot", dots)
            self._delete_rows("note", "note", ids)

    def save_clusters(self, wall_id: str, clusters: Iterable[Cluster]) -> None:
        with self.transaction() as c:
            meta = self._meta()
            c.executemany(
                "INSERT INTO cluster (id, wall_id, title, colour, x, y, changed, replica, clock) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET title = excluded.title, colour = excluded.colour, "
                "x = excluded.x, y = excluded.y, changed = excluded.changed, replica = excluded.replica, "
                "clock = excluded.clock",
                [(k.id, wall_id, k.title, k.colour, k.x, k.y, *meta) for k in clusters],
            )

    def delete_clusters(self, cluster_ids: Iterable[str]) -> None:
        """Delete clusters (their notes stay, unclustered) and the dots on the clusters themselves."""
        ids = list(cluster_ids)
        with self.transaction() as c:
            dots = [
                r[0]
                for i in ids
                for r in c.execute(
                    "SELECT id FROM dot WHERE target_id = ? AND target_kind = 'cluster'", (i,)
                ).fetchall()
            ]
            self._delete_rows("dot", "dot", dots)
            meta = self._meta()
            c.executemany(
                "UPDATE note SET cluster_id = NULL, changed = ?, replica = ?, clock = ? WHERE cluster_id = ?",
                [(*meta, i) for i in ids],
            )
            self._delete_rows("cluster", "cluster", ids)

    def save_round(self, wall_id: str, vote_round: VoteRound, position: int | None = None) -> None:
        """Insert or update a vote round and make its dot rows exactly the round's dots."""
        with self.transaction() as c:
            if not vote_round.order:
                row = c.execute("SELECT order_key FROM vote_round WHERE id = ?", (vote_round.id,)).fetchone()
                last = c.execute("SELECT MAX(order_key) FROM vote_round WHERE wall_id = ?", (wall_id,)).fetchone()[0]
                vote_round.order = row[0] if row else key_between(last, None)
            c.execute(
                "INSERT INTO vote_round (id, wall_id, order_key, name, dots_per_person, changed, replica, clock) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET order_key = excluded.order_key, "
                "name = excluded.name, dots_per_person = excluded.dots_per_person, changed = excluded.changed, "
                "replica = excluded.replica, clock = excluded.clock",
                (vote_round.id, wall_id, vote_round.order, vote_round.name, vote_round.dots_per_person, *self._meta()),
            )
            stored = {r[0] for r in c.execute("SELECT id FROM dot WHERE round_id = ?", (vote_round.id,)).fetchall()}
            self._delete_rows("dot", "dot", stored - vote_round.dots.keys())
            self.save_dots(vote_round.id, [d for d in vote_round.dots.values() if d.id not in stored])

    def upsert_round(self, wall_id: str, vote_round: VoteRound) -> None:
        """The round's own row (name, dots per person, order); its dots are rows of their own."""
        with self.transaction() as c:
            c.execute(
                "INSERT INTO vote_round (id, wall_id, order_key, name, dots_per_person, changed, replica, clock) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET order_key = excluded.order_key, "
                "name = excluded.name, dots_per_person = excluded.dots_per_person, changed = excluded.changed, "
                "replica = excluded.replica, clock = excluded.clock",
                (vote_round.id, wall_id, vote_round.order, vote_round.name, vote_round.dots_per_person, *self._meta()),
            )

    def save_dots(self, round_id: str, dots: Iterable[Dot]) -> None:
        with self.transaction() as c:
            meta = self._meta()
            c.executemany(
                "INSERT INTO dot (id, round_id, target_id, target_kind, voter, created, changed, replica, clock) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
                [(d.id, round_id, d.target_id, d.kind, d.voter, d.created.isoformat(), *meta) for d in dots],
            )

    def delete_dots(self, dot_ids: Iterable[str]) -> None:
        self._delete_rows("dot", "dot", dot_ids)

    def delete_round(self, round_id: str) -> None:
        with self.transaction() as c:
            dots = [r[0] for r in c.execute("SELECT id FROM dot WHERE round_id = ?", (round_id,)).fetchall()]
            self._delete_rows("dot", "dot", dots)
            self._delete_rows("vote_round", "round", [round_id])

    # -- photos -----------------------------------------------------------------
    def add_photo(self, photo: Photo, data: bytes) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO photo (id, wall_id, caption, mime, width, height, x, y, created, data, "
                "changed, replica, clock) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    photo.id,
                    photo.wall_id,
                    photo.caption,
                    photo.mime,
                    photo.width,
                    photo.height,
                    photo.x,
                    photo.y,
                    photo.created.isoformat(),
                    sqlite3.Binary(data),
                    *self._meta(),
                ),
            )

    def save_photo(self, photo: Photo) -> None:
        """Update a photo's caption, wall and position (its bytes never change)."""
        with self.transaction() as c:
            c.execute(
                "UPDATE photo SET wall_id = ?, caption = ?, x = ?, y = ?, changed = ?, replica = ?, clock = ? "
                "WHERE id = ?",
                (photo.wall_id, photo.caption, photo.x, photo.y, *self._meta(), photo.id),
            )

    def photo_data(self, photo_id: str) -> bytes:
        row = self._conn.execute("SELECT data FROM photo WHERE id = ?", (photo_id,)).fetchone()
        if row is None:
            raise KeyError(photo_id)
        return bytes(row[0])

    def delete_photo(self, photo_id: str) -> None:
        self._delete_rows("photo", "photo", [photo_id])

    # -- field stamps and tombstones from elsewhere (merge and sync: facilitator/sync) --------------
    def field_stamps(self, ids: Iterable[str] | None = None) -> dict[tuple[str, str], tuple[int, str]]:
        """(thing id, field) -> (Lamport clock, replica) of the write its value comes from (of ``ids``, or all)."""
        sql = "SELECT id, field, clock, replica FROM field_stamp"
        if ids is None:
            rows = self._conn.execute(sql).fetchall()
        else:
            wanted, rows = list(ids), []
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows += self._conn.execute(f"{sql} WHERE id IN ({marks})", chunk).fetchall()
        return {(r[0], r[1]): (r[2], r[3]) for r in rows}

    def stamp_fields(self, keys: Iterable[tuple[str, str]]) -> None:
        """Stamp (id, field) pairs with this commit's stamp: the edit layer calls it for every field it sets."""
        keys = list(keys)
        if not keys:
            return
        with self.transaction() as c:
            _time, replica, clock = self._meta()
            c.executemany(
                "INSERT INTO field_stamp (id, field, clock, replica) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id, field) DO UPDATE SET clock = excluded.clock, replica = excluded.replica",
                [(i, f, clock, replica) for i, f in keys],
            )

    def put_field_stamps(self, rows: Iterable[tuple[str, str, int, str]]) -> None:
        """Keep another copy's stamps, (id, field, clock, replica), for values taken from it."""
        rows = list(rows)
        if not rows:
            return
        with self.transaction() as c:
            c.executemany(
                "INSERT INTO field_stamp (id, field, clock, replica) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id, field) DO UPDATE SET clock = excluded.clock, replica = excluded.replica",
                rows,
            )
        self.observe_clock(max(r[2] for r in rows))

    def add_tombstones(self, items: Iterable[tuple[str, str]]) -> None:
        """Tombstones, (id, kind), for things deleted elsewhere that this file never held: they stay deleted."""
        items = list(items)
        if not items:
            return
        with self.transaction() as c:
            time, replica, clock = self._meta()
            c.executemany(
                "INSERT OR IGNORE INTO tombstone (id, kind, deleted, replica, clock) VALUES (?, ?, ?, ?, ?)",
                [(i, kind, time, replica, clock) for i, kind in items],
            )

    # -- the change log -----------------------------------------------------------------------
    def append_log(self, entries: Iterable[tuple[str, str, str, str]]) -> None:
        """Append applied operations: (origin kind, origin id, origin label, op as JSON), all at this stamp."""
        with self.transaction() as c:
            time, replica, clock = self._meta()
            c.executemany(
                "INSERT INTO change_log (time, replica, clock, origin_kind, origin_id, origin_label, op) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(time, replica, clock, *entry) for entry in entries],
            )

    def read_log(self, after: int = 0, limit: int | None = None) -> list[LogEntry]:
        """The applied operations after position ``after`` (0: from the start), oldest first."""
        sql = "SELECT * FROM change_log WHERE seq > ? ORDER BY seq"
        args: tuple = (after,)
        if limit is not None:
            sql += " LIMIT ?"
            args = (after, limit)
        cur = self._conn.cursor()
        cur.row_factory = sqlite3.Row
        return [
            LogEntry(
                seq=r["seq"],
                time=r["time"],
                replica=r["replica"],
                clock=r["clock"],
                origin_kind=r["origin_kind"],
                origin_id=r["origin_id"],
                origin_label=r["origin_label"],
                op=r["op"],
            )
            for r in cur.execute(sql, args).fetchall()
        ]

    # -- settings ---------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def project_settings(self) -> dict[str, str]:
        """The project's own settings (namespaced keys, "run.one_screen"); internal keys such as the replica id
        have no dot and stay out, so no operation can reach them."""
        rows = self._conn.execute("SELECT key, value FROM setting WHERE key LIKE '%.%' ORDER BY key").fetchall()
        return {str(k): str(v) for k, v in rows}

    def set_setting(self, key: str, value: str | None) -> None:
        with self.transaction() as c:
            if value is None:
                c.execute("DELETE FROM setting WHERE key = ?", (key,))
            else:
                c.execute(
                    "INSERT INTO setting (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
            if key == "replica":  # a replica id given on purpose belongs to this file where it is now
                self._replica = value
                self._home_checked = False
                self._own_replica(keep=True)

    # -- the run in progress ----------------------------------------------------------
    def save_run(self, snapshot: RunSnapshot | None) -> None:
        """Store the running agenda's state (``None`` when the run ends); called at every change.

        The run's row and every item's own time are replaced in one transaction.
        """
        with self.transaction() as c:
            c.execute("DELETE FROM run_state")
            c.execute("DELETE FROM run_item_time")
            if snapshot is None:
                return
            c.execute(
                "INSERT INTO run_state (id, item_id, item_index, elapsed, adjust, running, day_seconds, "
                "saved_wall, started_wall, stage, changed, replica, clock) "
                "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    snapshot.item_id,
                    snapshot.item_index,
                    snapshot.elapsed,
                    snapshot.adjust,
                    int(snapshot.running),
                    snapshot.day_seconds,
                    snapshot.saved_wall,
                    snapshot.started_wall,
                    snapshot.stage,
                    *self._meta(),
                ),
            )
            c.executemany(
                "INSERT INTO run_item_time (item_id, elapsed, adjust) VALUES (?, ?, ?)",
                [(item_id, float(elapsed), float(adjust)) for item_id, elapsed, adjust in snapshot.times],
            )

    def load_run(self) -> RunSnapshot | None:
        """The run that was in progress when the file was last written, if any."""
        try:
            row = _one(self._conn, "SELECT * FROM run_state WHERE id = 1")
            times = self._conn.execute("SELECT item_id, elapsed, adjust FROM run_item_time ORDER BY item_id").fetchall()
        except sqlite3.DatabaseError as exc:
            raise CorruptProject(f"{self.path.name} is damaged: its run state cannot be read ({exc}).") from None
        if row is None:
            return None
        return RunSnapshot(
            item_id=row["item_id"],
            item_index=int(row["item_index"]),
            elapsed=float(row["elapsed"]),
            adjust=float(row["adjust"]),
            running=bool(row["running"]),
            day_seconds=float(row["day_seconds"]),
            saved_wall=float(row["saved_wall"]),
            started_wall=float(row["started_wall"]),
            times=tuple((str(t[0]), float(t[1]), float(t[2])) for t in times),
            stage=str(row["stage"]),
        )

    # -- copies -------------------------------------------------------------------
    def save_copy_as(self, destination: str | os.PathLike[str]) -> Path:
        """Write a consistent copy with SQLite's backup API; the open project stays as it is.

        The copy is built under a temporary name and moved into place, so an
        existing file at ``destination`` is only replaced by a complete copy. It gets its own replica id
        (its history, clocks and stamps stay), so it can later be merged or synced with this one.
        """
        destination = Path(destination)
        if destination.resolve() == self.path.resolve():
            raise ProjectError("Choose a different name: that is the open project itself.")
        tmp = safe_output.temp_sibling(destination, ".saving")
        try:
            target = sqlite3.connect(str(tmp))
            try:
                self._conn.backup(target)
                # The copy is another replica: with this file's id, two files edited apart would stamp their
                # edits with one replica and the same clocks, and a merge could not tell them apart.
                target.execute("UPDATE setting SET value = lower(hex(randomblob(16))) WHERE key = 'replica'")
                target.execute("DELETE FROM setting WHERE key = 'replica_home'")  # recorded at its first write
                target.commit()
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
            os.replace(tmp, destination)
        except (sqlite3.Error, OSError) as exc:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            reason = getattr(exc, "strerror", None) or exc
            raise ProjectError(f"The copy could not be saved to {destination} ({reason}).") from None
        return destination


def _connect(target: str, uri: bool = False) -> sqlite3.Connection:
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, one per edit.
        conn = sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA trusted_schema = OFF")  # functions in a file's schema never run
        return conn
    except sqlite3.Error as exc:
        raise ProjectError(f"{Path(target).name} could not be opened ({exc}).") from None


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _rows(conn: sqlite3.Connection, sql: str) -> list[sqlite3.Row]:
    """All rows at once, read by column name, so a value we cannot read never leaves a statement open."""
    cur = conn.cursor()
    cur.row_factory = sqlite3.Row
    try:
        return cur.execute(sql).fetchall()
    finally:
        cur.close()


def _columns(conn: sqlite3.Connection, sql: str) -> tuple[list[tuple], dict[str, int]]:
    """All rows as plain tuples, and each column's place by name (for the tables with many rows)."""
    cur = conn.execute(sql)
    try:
        return cur.fetchall(), {d[0]: i for i, d in enumerate(cur.description)}
    finally:
        cur.close()


def _one(conn: sqlite3.Connection, sql: str) -> sqlite3.Row | None:
    rows = _rows(conn, sql)
    return rows[0] if rows else None


def utc_text() -> str:
    """Now in UTC, to the second, as stored in every row's ``changed`` column."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _give_keys(items: Sequence) -> None:
    """Make the order keys of a whole list follow its order (new files, tests, old callers).

    A list whose keys already follow its order keeps them; otherwise every
    item gets a fresh, evenly spread key. Edits never come here: the edit
    layer gives one moved or inserted item a key between its neighbours.
    """
    keys = [item.order for item in items]
    if all(keys) and all(a < b for a, b in itertools.pairwise(keys)):
        return
    for item, key in zip(items, sequence_keys(len(items)), strict=True):
        item.order = key


def _statements(script: str) -> list[str]:
    """Split a migration script into statements so it runs inside our transaction.

    (``executescript`` would commit first, and a crash mid-migration must
    leave the file at its old format.)
    """
    return [s.strip() for s in script.split(";") if s.strip()]
