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
import os
import sqlite3
import struct
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from facilitator import safe_output
from facilitator.core.agenda import AgendaItem, Diamond, DiamondSize, Kind, Phase
from facilitator.core.event import Action, Event, ParticipantGroup, Photo
from facilitator.core.project import Project
from facilitator.core.run import RunSnapshot
from facilitator.core.wall import Cluster, Note, VoteRound, Wall
from facilitator.store import schema
from facilitator.store.errors import (
    CorruptProject,
    NewerFormat,
    NotAProject,
    OpenElsewhere,
    ProjectError,
    WriteFailed,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
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
        self._conn = conn
        self._depth = 0
        self._identity = _file_identity(path)

    # -- opening and creating -----------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False) -> ProjectFile:
        """Open an existing project, migrating an older format forward.

        ``read_only`` opens without taking the editing lock (for ``info``,
        ``export`` and ``render``); it still refuses what is not a project.
        """
        path = Path(path)
        file_format, _ = read_header(path)
        if read_only:
            uri = path.resolve().as_uri() + "?mode=ro"
            conn = _connect(uri, uri=True)
        else:
            if not os.access(path, os.W_OK):
                raise ProjectError(f"{path.name} is read-only: open it read-only or save a copy elsewhere.")
            conn = _connect(str(path))
        project = cls(path, conn, read_only)
        try:
            project._configure()
            project._check_integrity()
            if file_format < schema.FORMAT:
                if read_only:
                    project._migrate_in_memory(file_format)
                else:
                    project._migrate(file_format)
        except BaseException:
            conn.close()
            raise
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

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ProjectFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Group writes into one commit; nested uses join the outer one.

        On any failure the whole group is rolled back, so the file never holds
        half an edit, and the error is turned into a message for the user.
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
                self._conn.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise _write_error(exc) from None
                raise
        finally:
            self._depth = 0

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

    # -- whole-project reads and writes ----------------------------------------
    def load(self) -> Project:
        """Read the whole project into plain objects (photo bytes stay in the file)."""
        try:
            return self._load()
        except sqlite3.DatabaseError as exc:
            raise CorruptProject(f"{self.path.name} is damaged and cannot be read ({exc}).") from None
        except (ValueError, TypeError) as exc:
            raise CorruptProject(f"{self.path.name} holds a value this version cannot read ({exc}).") from None

    def _load(self) -> Project:
        c = self._conn
        row = c.execute(
            "SELECT title, date, venue, organiser, planned_start, planned_end FROM event WHERE id = 1"
        ).fetchone()
        event = Event()
        if row:
            event = Event(
                title=row[0],
                date=dt.date.fromisoformat(row[1]),
                venue=row[2],
                organiser=row[3],
                planned_start=dt.time.fromisoformat(row[4]),
                planned_end=dt.time.fromisoformat(row[5]),
            )
        groups = [
            ParticipantGroup(name=r[1], colour=r[2], id=r[0])
            for r in _rows(c, "SELECT id, name, colour FROM participant_group ORDER BY position")
        ]
        diamonds = [
            Diamond(question=r[1], size=DiamondSize(r[2]), id=r[0])
            for r in _rows(c, "SELECT id, question, size FROM diamond ORDER BY position")
        ]
        agenda = [
            AgendaItem(
                id=r[0],
                title=r[1],
                minutes=r[2],
                kind=Kind(r[3]),
                phase=Phase(r[4]),
                diamond_id=r[5],
                instructions=r[6],
                notes=r[7],
                wall_id=r[8],
            )
            for r in _rows(
                c,
                "SELECT id, title, minutes, kind, phase, diamond_id, instructions, notes, wall_id "
                "FROM agenda_item ORDER BY position",
            )
        ]
        walls: dict[str, Wall] = {
            r[0]: Wall(name=r[1], id=r[0]) for r in _rows(c, "SELECT id, name FROM wall ORDER BY position")
        }
        for r in _rows(c, "SELECT id, wall_id, title, colour, x, y FROM cluster ORDER BY rowid"):
            self._wall_of(walls, r[1], "cluster").clusters[r[0]] = Cluster(
                title=r[2], colour=r[3], x=r[4], y=r[5], id=r[0]
            )
        for r in _rows(
            c, "SELECT id, wall_id, text, colour, author, grp, x, y, cluster_id, created FROM note ORDER BY rowid"
        ):
            wall = self._wall_of(walls, r[1], "note")
            if r[8] is not None and r[8] not in wall.clusters:
                raise CorruptProject(
                    f"{self.path.name} is damaged: a note on wall {wall.name!r} is in a cluster that does not exist."
                )
            wall.notes[r[0]] = Note(
                text=r[2],
                colour=r[3],
                author=r[4],
                group=r[5],
                x=r[6],
                y=r[7],
                cluster_id=r[8],
                created=dt.datetime.fromisoformat(r[9]),
                id=r[0],
            )
        rounds: dict[str, tuple[Wall, VoteRound]] = {}
        for r in _rows(c, "SELECT id, wall_id, name, dots_per_person FROM vote_round ORDER BY position"):
            wall = self._wall_of(walls, r[1], "vote round")
            vote_round = VoteRound(name=r[2], dots_per_person=r[3], id=r[0])
            wall.rounds.append(vote_round)
            rounds[r[0]] = (wall, vote_round)
        for round_id, target_id, kind, count in _rows(c, "SELECT round_id, target_id, target_kind, count FROM vote"):
            wall, vote_round = rounds[round_id]
            targets = wall.notes if kind == "note" else wall.clusters
            if target_id not in targets:
                raise CorruptProject(
                    f"{self.path.name} is damaged: wall {wall.name!r} has dots on a {kind} that does not exist."
                )
            bucket = vote_round.note_votes if kind == "note" else vote_round.cluster_votes
            bucket[target_id] = count
        photos = [
            Photo(
                id=r[0],
                wall_id=r[1],
                caption=r[2],
                mime=r[3],
                width=r[4],
                height=r[5],
                x=r[6],
                y=r[7],
                created=dt.datetime.fromisoformat(r[8]),
            )
            for r in _rows(
                c, "SELECT id, wall_id, caption, mime, width, height, x, y, created FROM photo ORDER BY rowid"
            )
        ]
        actions = [
            Action(text=r[1], owner=r[2], due=dt.date.fromisoformat(r[3]) if r[3] else None, id=r[0])
            for r in _rows(c, "SELECT id, text, owner, due FROM action ORDER BY position")
        ]
        return Project(
            event=event,
            groups=groups,
            diamonds=diamonds,
            agenda=agenda,
            walls=list(walls.values()),
            photos=photos,
            actions=actions,
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
            for position, wall in enumerate(project.walls):
                self.save_wall(wall, position)
                self.save_clusters(wall.id, wall.clusters.values())
                self.save_notes(wall.id, wall.notes.values())
                for position_round, vote_round in enumerate(wall.rounds):
                    self.save_round(wall.id, vote_round, position_round)
            self.save_agenda(project.agenda)
            self.save_actions(project.actions)
            for photo in project.photos:
                if photo_data is None or photo.id not in photo_data:
                    raise ValueError(f"no image bytes for photo {photo.id}")
                self.add_photo(photo, photo_data[photo.id])

    # -- event, groups, diamonds, agenda, actions ----------------------------------
    def save_event(self, event: Event) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO event (id, title, date, venue, organiser, planned_start, planned_end) "
                "VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
                "date = excluded.date, venue = excluded.venue, organiser = excluded.organiser, "
                "planned_start = excluded.planned_start, planned_end = excluded.planned_end",
                (
                    event.title,
                    event.date.isoformat(),
                    event.venue,
                    event.organiser,
                    event.planned_start.isoformat(timespec="minutes"),
                    event.planned_end.isoformat(timespec="minutes"),
                ),
            )

    def save_groups(self, groups: Sequence[ParticipantGroup]) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM participant_group")
            c.executemany(
                "INSERT INTO participant_group (id, position, name, colour) VALUES (?, ?, ?, ?)",
                [(g.id, i, g.name, g.colour) for i, g in enumerate(groups)],
            )

    def save_diamonds(self, diamonds: Sequence[Diamond]) -> None:
        with self.transaction() as c:
            keep = [d.id for d in diamonds]
            c.execute(f"DELETE FROM diamond WHERE id NOT IN ({','.join('?' * len(keep))})", keep)
            c.executemany(
                "INSERT INTO diamond (id, position, question, size) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET position = excluded.position, "
                "question = excluded.question, size = excluded.size",
                [(d.id, i, d.question, str(d.size)) for i, d in enumerate(diamonds)],
            )

    def save_agenda(self, items: Sequence[AgendaItem]) -> None:
        """Replace the agenda: it is short, and its order is part of every edit."""
        with self.transaction() as c:
            c.execute("DELETE FROM agenda_item")
            c.executemany(
                "INSERT INTO agenda_item (id, position, title, minutes, kind, phase, diamond_id, "
                "instructions, notes, wall_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        it.id,
                        i,
                        it.title,
                        it.minutes,
                        str(it.kind),
                        str(it.phase),
                        it.diamond_id,
                        it.instructions,
                        it.notes,
                        it.wall_id,
                    )
                    for i, it in enumerate(items)
                ],
            )

    def save_actions(self, actions: Sequence[Action]) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM action")
            c.executemany(
                "INSERT INTO action (id, position, text, owner, due) VALUES (?, ?, ?, ?, ?)",
                [(a.id, i, a.text, a.owner, _iso(a.due)) for i, a in enumerate(actions)],
            )

    # -- walls ------------------------------------------------------------------
    def save_wall(self, wall: Wall, position: int | None = None) -> None:
        """Insert or rename a wall (its notes and clusters are saved separately)."""
        with self.transaction() as c:
            if position is None:
                row = c.execute("SELECT position FROM wall WHERE id = ?", (wall.id,)).fetchone()
                position = row[0] if row else c.execute("SELECT COALESCE(MAX(position) + 1, 0) FROM wall").fetchone()[0]
            c.execute(
                "INSERT INTO wall (id, position, name) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE "
                "SET position = excluded.position, name = excluded.name",
                (wall.id, position, wall.name),
            )

    def delete_wall(self, wall_id: str) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM vote WHERE round_id IN (SELECT id FROM vote_round WHERE wall_id = ?)", (wall_id,))
            c.execute("DELETE FROM wall WHERE id = ?", (wall_id,))

    def save_notes(self, wall_id: str, notes: Iterable[Note]) -> None:
        """Insert or update notes (text, colour, author, group, position, cluster) in one commit."""
        with self.transaction() as c:
            c.executemany(
                "INSERT INTO note (id, wall_id, text, colour, author, grp, x, y, cluster_id, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "text = excluded.text, colour = excluded.colour, author = excluded.author, "
                "grp = excluded.grp, x = excluded.x, y = excluded.y, cluster_id = excluded.cluster_id",
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
                    )
                    for n in notes
                ],
            )

    def move_notes(self, positions: Iterable[tuple[str, float, float]]) -> None:
        """Store new positions only: the common edit, kept cheap for big drags."""
        with self.transaction() as c:
            c.executemany("UPDATE note SET x = ?, y = ? WHERE id = ?", [(x, y, i) for i, x, y in positions])

    def delete_notes(self, note_ids: Iterable[str]) -> None:
        """Delete notes and every dot on them, in every round."""
        ids = [(i,) for i in note_ids]
        with self.transaction() as c:
            c.executemany("DELETE FROM vote WHERE target_id = ? AND target_kind = 'note'", ids)
            c.executemany("DELETE FROM note WHERE id = ?", ids)

    def save_clusters(self, wall_id: str, clusters: Iterable[Cluster]) -> None:
        with self.transaction() as c:
            c.executemany(
                "INSERT INTO cluster (id, wall_id, title, colour, x, y) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET title = excluded.title, colour = excluded.colour, "
                "x = excluded.x, y = excluded.y",
                [(k.id, wall_id, k.title, k.colour, k.x, k.y) for k in clusters],
            )

    def delete_clusters(self, cluster_ids: Iterable[str]) -> None:
        """Delete clusters (their notes stay, unclustered) and the dots on the clusters themselves."""
        ids = [(i,) for i in cluster_ids]
        with self.transaction() as c:
            c.executemany("DELETE FROM vote WHERE target_id = ? AND target_kind = 'cluster'", ids)
            c.executemany("UPDATE note SET cluster_id = NULL WHERE cluster_id = ?", ids)
            c.executemany("DELETE FROM cluster WHERE id = ?", ids)

    def save_round(self, wall_id: str, vote_round: VoteRound, position: int | None = None) -> None:
        """Insert or update a vote round and replace its votes with the round's current tally."""
        with self.transaction() as c:
            if position is None:
                row = c.execute("SELECT position FROM vote_round WHERE id = ?", (vote_round.id,)).fetchone()
                position = (
                    row[0]
                    if row
                    else c.execute(
                        "SELECT COALESCE(MAX(position) + 1, 0) FROM vote_round WHERE wall_id = ?", (wall_id,)
                    ).fetchone()[0]
                )
            c.execute(
                "INSERT INTO vote_round (id, wall_id, position, name, dots_per_person) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET position = excluded.position, name = excluded.name, "
                "dots_per_person = excluded.dots_per_person",
                (vote_round.id, wall_id, position, vote_round.name, vote_round.dots_per_person),
            )
            c.execute("DELETE FROM vote WHERE round_id = ?", (vote_round.id,))
            c.executemany(
                "INSERT INTO vote (round_id, target_id, target_kind, count) VALUES (?, ?, ?, ?)",
                [(vote_round.id, t, "note", n) for t, n in vote_round.note_votes.items() if n > 0]
                + [(vote_round.id, t, "cluster", n) for t, n in vote_round.cluster_votes.items() if n > 0],
            )

    def set_votes(self, round_id: str, target_id: str, kind: str, count: int) -> None:
        """Store one item's dots in one round (zero removes the row)."""
        with self.transaction() as c:
            if count > 0:
                c.execute(
                    "INSERT INTO vote (round_id, target_id, target_kind, count) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(round_id, target_id) DO UPDATE SET count = excluded.count",
                    (round_id, target_id, kind, count),
                )
            else:
                c.execute("DELETE FROM vote WHERE round_id = ? AND target_id = ?", (round_id, target_id))

    def delete_round(self, round_id: str) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM vote_round WHERE id = ?", (round_id,))

    # -- photos -----------------------------------------------------------------
    def add_photo(self, photo: Photo, data: bytes) -> None:
        with self.transaction() as c:
            c.execute(
                "INSERT INTO photo (id, wall_id, caption, mime, width, height, x, y, created, data) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                ),
            )

    def save_photo(self, photo: Photo) -> None:
        """Update a photo's caption, wall and position (its bytes never change)."""
        with self.transaction() as c:
            c.execute(
                "UPDATE photo SET wall_id = ?, caption = ?, x = ?, y = ? WHERE id = ?",
                (photo.wall_id, photo.caption, photo.x, photo.y, photo.id),
            )

    def photo_data(self, photo_id: str) -> bytes:
        row = self._conn.execute("SELECT data FROM photo WHERE id = ?", (photo_id,)).fetchone()
        if row is None:
            raise KeyError(photo_id)
        return bytes(row[0])

    def delete_photo(self, photo_id: str) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM photo WHERE id = ?", (photo_id,))

    # -- settings ---------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self._conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

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
                "saved_wall, started_wall, stage) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                ),
            )
            c.executemany(
                "INSERT INTO run_item_time (item_id, elapsed, adjust) VALUES (?, ?, ?)",
                [(item_id, float(elapsed), float(adjust)) for item_id, elapsed, adjust in snapshot.times],
            )

    def load_run(self) -> RunSnapshot | None:
        """The run that was in progress when the file was last written, if any."""
        try:
            row = self._conn.execute(
                "SELECT item_id, item_index, elapsed, adjust, running, day_seconds, saved_wall, started_wall, stage "
                "FROM run_state WHERE id = 1"
            ).fetchone()
            times = self._conn.execute("SELECT item_id, elapsed, adjust FROM run_item_time ORDER BY item_id").fetchall()
        except sqlite3.DatabaseError as exc:
            raise CorruptProject(f"{self.path.name} is damaged: its run state cannot be read ({exc}).") from None
        if row is None:
            return None
        return RunSnapshot(
            item_id=row[0],
            item_index=int(row[1]),
            elapsed=float(row[2]),
            adjust=float(row[3]),
            running=bool(row[4]),
            day_seconds=float(row[5]),
            saved_wall=float(row[6]),
            started_wall=float(row[7]),
            times=tuple((str(t[0]), float(t[1]), float(t[2])) for t in times),
            stage=str(row[8]),
        )

    # -- copies -------------------------------------------------------------------
    def save_copy_as(self, destination: str | os.PathLike[str]) -> Path:
        """Write a consistent copy with SQLite's backup API; the open project stays as it is.

        The copy is built under a temporary name and moved into place, so an
        existing file at ``destination`` is only replaced by a complete copy.
        """
        destination = Path(destination)
        if destination.resolve() == self.path.resolve():
            raise ProjectError("Choose a different name: that is the open project itself.")
        tmp = safe_output.temp_sibling(destination, ".saving")
        try:
            target = sqlite3.connect(str(tmp))
            try:
                self._conn.backup(target)
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
        return sqlite3.connect(target, uri=uri, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise ProjectError(f"{Path(target).name} could not be opened ({exc}).") from None


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple]:
    """All rows at once, so a value we cannot read never leaves a statement open mid-transaction."""
    return conn.execute(sql).fetchall()


def _statements(script: str) -> list[str]:
    """Split a migration script into statements so it runs inside our transaction.

    (``executescript`` would commit first, and a crash mid-migration must
    leave the file at its old format.)
    """
    return [s.strip() for s in script.split(";") if s.strip()]
