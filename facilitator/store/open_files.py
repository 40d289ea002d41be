"""Which project files this process holds open for editing, known without opening them again.

SQLite's lock on a project is a POSIX advisory lock, and POSIX drops *every*
lock a process holds on a file as soon as the process closes *any*
descriptor of that file. Reading the 100-byte header of a project this very
process already holds (the same project chosen again from Open Recent, say)
would therefore silently release the lock that keeps other programs out: a
second app could then open the file for editing alongside the first.

So before anything opens a file, :func:`refuse_if_held` compares its device
and inode (``stat`` opens nothing) with the projects held here, and refuses
the second open with the same message another process would get.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path

from facilitator.store.errors import OpenElsewhere

_held: dict[int, tuple[int, int]] = {}  # id(ProjectFile) -> (device, inode)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def is_held(path: Path) -> bool:
    identity = _identity(path)
    return identity is not None and identity in _held.values()


def refuse_if_held(path: Path) -> None:
    """Raise :class:`OpenElsewhere` if this process holds ``path`` open for editing (by any name)."""
    identity = _identity(path)
    if identity is not None and identity in _held.values():
        raise OpenElsewhere(f"{path.name} is open in another Facilitator window or program; close it there first.")


def hold(owner: object, path: Path) -> None:
    """Note ``owner`` (an open ProjectFile) as holding ``path``; dropped by :func:`release` or when collected."""
    identity = _identity(path)
    if identity is not None:
        _held[id(owner)] = identity
        weakref.finalize(owner, _held.pop, id(owner), None)


def release(owner: object) -> None:
    _held.pop(id(owner), None)
