"""What lies beside a project file, checked before SQLite ever opens it.

SQLite trusts any ``NAME-journal`` (a "hot" rollback journal) or ``NAME-wal``
beside a database: it replays it into the file at the first read. A journal
copied from *another* database, or left by an *older copy* of this project,
would overwrite the project's pages with pages that do not belong there (a
real case: 300 notes gone, or the file cut to half its size). Files travel by
USB stick and e-mail, so that is one unlucky copy away.

So before SQLite sees the file we look, and if a journal or WAL is there:

1. If another process holds the file's SQLite locks, the side file may be
   live: we leave it to SQLite (which then reports the file as in use).
2. Otherwise the file and its side file are copied to a private temporary
   folder and SQLite replays it *there*. The result must be this project:
   our application id and a known format, the same page size, a change
   counter that follows the journal's (a stale journal from an older copy
   lags), and a clean ``PRAGMA integrity_check`` (pages from another file
   leave orphans and broken trees).
3. A journal that passes is applied: for editing, SQLite replays it on the
   real file (the same bytes we just checked); for reading, we read the
   checked copy and never write beside the original.
4. One that fails is refused in one line. When opening for editing it is
   moved aside (``NAME-journal.refused-YYYYmmddTHHMMSSZ``) so the next open
   reads the project as it is; the project's own bytes are never changed.

A WAL-mode file opened for reading is read from a private copy too, so no
``-wal``/``-shm`` appears beside it and a read-only folder is no obstacle.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import os
import shutil
import sqlite3
import stat
import struct
import sys
import tempfile
from pathlib import Path

from facilitator.store import schema
from facilitator.store.errors import CorruptProject, NotAProject, ProjectError

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
WAL_MAGICS = (bytes.fromhex("377f0682"), bytes.fromhex("377f0683"))
# SQLite's lock bytes (os_unix.c): PENDING, RESERVED, then the SHARED range.
_PENDING_BYTE = 0x40000000
_LOCK_SPAN = 2 + 510


def is_wal_mode(header: bytes) -> bool:
    """Header bytes 18 and 19 are 2 when the file was last written in WAL mode."""
    return len(header) >= 20 and header[18] == 2 and header[19] == 2


def check_regular_file(path: Path) -> os.stat_result:
    """Refuse a FIFO, a device or a folder before anything opens it (opening a FIFO would hang)."""
    name = path.name
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ProjectError(f"There is no file at {path}.") from None
    except PermissionError:
        raise ProjectError(f"You do not have permission to read {name}.") from None
    except OSError as exc:
        raise ProjectError(f"{name} could not be read ({exc.strerror or exc}).") from None
    if stat.S_ISDIR(st.st_mode):
        raise NotAProject(f"{name} is a folder, not a Facilitator project.")
    if not stat.S_ISREG(st.st_mode):
        raise NotAProject(f"{name} is not a file (a device, a pipe or a socket), not a Facilitator project.")
    return st


def prepare(path: Path, read_only: bool) -> Path | None:
    """Check what lies beside ``path``; return a private checked copy to read instead, or None.

    Raises a one-line :class:`ProjectError` for a side file that does not
    belong to this project (moved aside first when ``read_only`` is False).
    The caller owns the returned copy's folder (see :func:`discard`).
    """
    check_regular_file(path)
    if not read_only and not os.access(path.parent, os.W_OK | os.X_OK):
        # SQLite would fail at the first edit (it cannot make its journal) and call the file damaged.
        raise ProjectError(
            f"{path.name} is in a folder that cannot be written to; copy it to a folder you can write to "
            "(it can still be read: facilitator info and export work)."
        )
    header = _read(path, 100)
    journal = path.with_name(path.name + "-journal")
    wal = path.with_name(path.name + "-wal")
    hot_journal = _is_hot_journal(journal)
    # SQLite replays a -wal it finds even beside a file in rollback mode, so any WAL with content counts.
    live_wal = _has_content(wal)
    if not hot_journal and not live_wal:
        if read_only and (is_wal_mode(header) or os.path.lexists(wal)):
            # Reading a WAL-mode file in place would leave -wal/-shm behind (or fail in a read-only folder).
            return _checked_copy(path, None, header, side_name="")
        return None
    if _locked_by_another_process(path):
        return None  # in use: the side file may be live; SQLite will say the file is busy
    side = journal if hot_journal else wal
    try:
        copy = _checked_copy(path, side, header, side_name=side.name[len(path.name) :])
    except _Foreign as exc:
        if read_only:
            raise CorruptProject(
                f"{path.name} has a leftover {exc.kind} beside it from another file or an older copy; "
                "open the project in Facilitator to set it aside (the project itself is unchanged)."
            ) from None
        aside = _set_aside(side)
        if side is wal:
            _set_aside(path.with_name(path.name + "-shm"))
        raise CorruptProject(
            f"{path.name} had a leftover {exc.kind} from another file or an older copy, which would have "
            f"damaged it; it was moved aside to {aside.name}. The project is unchanged: open it again."
        ) from None
    if read_only:
        return copy
    discard(copy)
    return None


def discard(copy: Path | None) -> None:
    """Remove a private copy's folder (safe once SQLite has it open: the open file lives on)."""
    if copy is not None:
        shutil.rmtree(copy.parent, ignore_errors=True)


class _Foreign(Exception):
    def __init__(self, kind: str, why: str) -> None:
        super().__init__(why)
        self.kind = kind


def _read(path: Path, size: int) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(size)
    except OSError:
        return b""


def _has_content(side: Path) -> bool:
    try:
        st = os.lstat(side)
    except OSError:
        return False
    return st.st_size > 0 or not stat.S_ISREG(st.st_mode)


def _is_hot_journal(journal: Path) -> bool:
    """A journal SQLite would replay: present, not empty, header not zeroed (or not a plain file at all)."""
    try:
        st = os.lstat(journal)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return True  # a link, pipe or folder named like our journal: never let SQLite near it
    if st.st_size == 0:
        return False
    return _read(journal, 1) != b"\x00"


def _checked_copy(path: Path, side: Path | None, header: bytes, side_name: str) -> Path:
    """Copy the file (and its side file) privately, let SQLite replay it there, and check the result."""
    kind = "journal" if side_name == "-journal" else "WAL file"
    folder = Path(tempfile.mkdtemp(prefix="facilitator-check-"))
    copy = folder / "project.facil"
    try:
        try:
            shutil.copyfile(path, copy)
            if side is not None:
                side_st = os.lstat(side)
                if not stat.S_ISREG(side_st.st_mode):
                    raise _Foreign(kind, "not a plain file")
                if side_st.st_size > 2 * os.path.getsize(path) + (1 << 20):
                    raise _Foreign(kind, "larger than the project could ever need")
                if side_name == "-journal":
                    _check_journal_header(side, header)
                elif _read(side, 4) not in WAL_MAGICS:
                    raise _Foreign(kind, "not a WAL file")
                elif not is_wal_mode(header):
                    # A file leaves WAL mode only after folding its WAL in: this one came from elsewhere.
                    raise _Foreign(kind, "a WAL beside a file not in WAL mode")
                shutil.copyfile(side, folder / ("project.facil" + side_name))
        except OSError as exc:
            raise ProjectError(
                f"{path.name} could not be checked before opening ({exc.strerror or exc}); nothing was changed."
            ) from None
        _replay_and_check(copy, kind)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return copy


def _check_journal_header(journal: Path, db_header: bytes) -> None:
    """The journal's own header and its copy of page 1 must fit this file, or it belongs elsewhere."""
    head = _read(journal, 28)
    if len(head) < 28 or head[:8] != JOURNAL_MAGIC:
        raise _Foreign("journal", "no journal header")
    sector, page_size = struct.unpack(">II", head[20:28])
    db_page_size = struct.unpack(">H", db_header[16:18])[0]
    db_page_size = 65536 if db_page_size == 1 else db_page_size
    if page_size != db_page_size or not 512 <= sector <= 65536:
        raise _Foreign("journal", "page size differs")
    # The first record: page number, then the page. Page 1 is journaled first whenever it changes.
    try:
        with open(journal, "rb") as fh:
            fh.seek(sector)
            record = fh.read(4 + 100)
    except OSError:
        return
    if len(record) < 104 or struct.unpack(">I", record[:4])[0] != 1:
        return
    before = record[4:]
    if before[68:72] != db_header[68:72]:
        raise _Foreign("journal", "made for a database with another application id")
    journal_counter = struct.unpack(">I", before[24:28])[0]
    file_counter = struct.unpack(">I", db_header[24:28])[0]
    # A crash leaves the file at the journal's counter (page 1 not yet written) or one past it.
    if (file_counter - journal_counter) % (1 << 32) not in (0, 1):
        raise _Foreign("journal", "from an older or newer copy")


def _replay_and_check(copy: Path, kind: str) -> None:
    try:
        conn = sqlite3.connect(str(copy), isolation_level=None)
    except sqlite3.Error as exc:
        raise _Foreign(kind, str(exc)) from None
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        # Reading replays the journal or WAL; DELETE mode folds a WAL into the file and removes it.
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != schema.APPLICATION_ID or not 1 <= version <= schema.FORMAT:
            raise _Foreign(kind, "the result is not this project")
        rows = conn.execute("PRAGMA integrity_check(5)").fetchall()
        if rows != [("ok",)]:
            raise _Foreign(kind, "the result is damaged")
    except sqlite3.Error as exc:
        raise _Foreign(kind, str(exc)) from None
    finally:
        conn.close()


def _set_aside(side: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = side.with_name(f"{side.name}.refused-{stamp}")
    n = 1
    while os.path.lexists(aside):
        n += 1
        aside = side.with_name(f"{side.name}.refused-{stamp}-{n}")
    try:
        os.rename(side, aside)
    except FileNotFoundError:
        return aside
    except OSError as exc:
        raise ProjectError(
            f"{side.name} beside the project does not belong to it and could not be moved aside "
            f"({exc.strerror or exc}); move it away, then open the project again."
        ) from None
    return aside


class _Flock(ctypes.Structure):
    if sys.platform == "darwin" or sys.platform.startswith("freebsd"):
        _fields_ = [
            ("l_start", ctypes.c_int64),
            ("l_len", ctypes.c_int64),
            ("l_pid", ctypes.c_int32),
            ("l_type", ctypes.c_short),
            ("l_whence", ctypes.c_short),
        ]
    else:
        _fields_ = [
            ("l_type", ctypes.c_short),
            ("l_whence", ctypes.c_short),
            ("l_start", ctypes.c_int64),
            ("l_len", ctypes.c_int64),
            ("l_pid", ctypes.c_int32),
        ]


def _locked_by_another_process(path: Path) -> bool:
    """Whether another process holds any of SQLite's locks on ``path`` (POSIX systems; False elsewhere)."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        query = _Flock(l_type=fcntl.F_WRLCK, l_whence=os.SEEK_SET, l_start=_PENDING_BYTE, l_len=_LOCK_SPAN)
        with contextlib.suppress(OSError):
            answer = _Flock.from_buffer_copy(fcntl.fcntl(fd, fcntl.F_GETLK, bytes(query)))
            return answer.l_type != fcntl.F_UNLCK
        return False
    finally:
        os.close(fd)
