"""Writing an output file (PDF, CSV, PNG, a new project) without ever destroying something else.

Every file we write goes through :func:`write_atomically`:

- the destination is checked first: never a Facilitator project (the open
  one, a symlink or hard link to it, or any other), never a device, pipe or
  folder, never a project's ``-journal``/``-wal``/``-shm`` side file;
- the bytes go to a temporary sibling with a unique name
  (``.NAME.PID-TOKEN.part``), created with ``O_EXCL | O_NOFOLLOW`` so a planted
  file or symlink is never written through; it is fsynced, renamed over the
  destination, and the folder is fsynced so the rename survives a power cut;
- on any failure the temporary file is removed. A process killed mid-write
  leaves its ``.part`` behind; the next write to the same name (or the Export
  dialog, when it stops a worker) removes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from facilitator.store import open_files
from facilitator.store.errors import ProjectError

SQLITE_MAGIC = b"SQLite format 3\x00"
# Our application id ("FaCl"), as stored at header offset 68; kept here so this module needs no store import.
_APP_ID = b"FaCl"
SIDE_SUFFIXES = ("-journal", "-wal", "-shm")


class OutputRefused(ProjectError):
    """The destination must not be written (it is a project, a device, a folder...); one line for the user."""


def is_project_file(path: Path) -> bool:
    """Whether ``path`` (followed if a link) is a Facilitator project, from its header alone.

    Opens without blocking, so a FIFO never hangs the check; a project this process holds is known
    without opening it (closing a descriptor would drop the process's lock on it).
    """
    if open_files.is_held(path):
        return True
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        header = os.pread(fd, 100, 0) if hasattr(os, "pread") else os.read(fd, 100)
    except OSError:
        return False
    finally:
        os.close(fd)
    return header.startswith(SQLITE_MAGIC) and header[68:72] == _APP_ID


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file (through ``./``, ``..``, symlinks or hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return Path(os.path.abspath(a)).resolve() == Path(os.path.abspath(b)).resolve()
    except (OSError, RuntimeError):
        return False


def check_destination(path: Path, protect: Iterable[Path] = ()) -> None:
    """Raise :class:`OutputRefused` if writing ``path`` could destroy a project or something that is not a file."""
    name = path.name
    for project in protect:
        if same_file(path, project):
            raise OutputRefused(f"{name} is the project itself; choose another file name for the output.")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputRefused(f"{name} cannot be written ({exc.strerror or exc}).") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputRefused(f"{path} is a folder; give a file name to write.")
        if not stat.S_ISREG(st.st_mode):
            raise OutputRefused(f"{name} is not an ordinary file (a device or a pipe); choose another file name.")
        if is_project_file(path):
            raise OutputRefused(
                f"{name} is a Facilitator project; an export would destroy it. Choose another file name."
            )
    for side in SIDE_SUFFIXES:
        if name.endswith(side) and is_project_file(path.with_name(name[: -len(side)])):
            raise OutputRefused(f"{name} belongs to the project beside it; choose another file name.")
    if not path.parent.is_dir():
        raise OutputRefused(f"The folder {path.parent} does not exist.")


def temp_sibling(path: Path, suffix: str = ".part") -> Path:
    """A fresh name beside ``path``: ``.NAME.PID-TOKEN<suffix>`` (hidden, unique to this process)."""
    return path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}{suffix}")


def sweep_stale(path: Path, suffix: str = ".part") -> None:
    """Remove temporary siblings of ``path`` left by processes that no longer run (killed mid-write)."""
    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        tail = entry.name[len(prefix) :]
        if not entry.name.startswith(prefix) or not tail.endswith(suffix):
            continue
        pid_text = tail[: -len(suffix)].split("-", 1)[0]
        if not pid_text.isdigit():
            continue
        if _alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) or entry.is_symlink():
                os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every system lets a folder be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes, protect: Iterable[Path] = ()) -> Path:
    """Write ``data`` to ``path`` whole or not at all; ``protect`` lists projects that must never be replaced.

    Raises :class:`OutputRefused` for a destination we must not write, and
    ``OSError`` when the disk refuses (full, read-only); either way ``path``
    keeps its old bytes and no temporary file is left.
    """
    path = Path(path)
    protect = list(protect)
    check_destination(path, protect)
    sweep_stale(path)
    tmp = temp_sibling(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o666)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        check_destination(path, protect)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
    return path
