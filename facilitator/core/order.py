"""Order keys that insert between two items without rewriting their siblings (fractional indexing).

A key is a string of base-62 digits compared as plain strings (the digits
are in ASCII order, so SQLite's BINARY collation sorts them the same way).
:func:`key_between` returns a key strictly between two others, so moving one
agenda item writes one row, and two laptops inserting at the same place
each get a key of their own (ties are broken by id). Keys never end in
``"0"``, so there is always room between two of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_BASE = len(DIGITS)


def _midpoint(a: str, b: str | None) -> str:
    """A key strictly between ``a`` and ``b`` (``""`` is the start, ``None`` the end); a < b."""
    if b is not None:
        n = 0
        while n < len(b) and (a[n] if n < len(a) else "0") == b[n]:
            n += 1
        if n > 0:
            return b[:n] + _midpoint(a[n:], b[n:])
    da = DIGITS.index(a[0]) if a else 0
    db = DIGITS.index(b[0]) if b is not None else _BASE
    if db - da > 1:
        return DIGITS[(da + db) // 2]
    if b is not None and len(b) > 1:
        return b[:1]
    return DIGITS[da] + _midpoint(a[1:], None)


def key_between(before: str | None, after: str | None) -> str:
    """A key after ``before`` and before ``after`` (either may be None or "" for the open end)."""
    low = before or ""
    high = after or None
    if high is not None and low >= high:
        raise ValueError(f"order keys out of order: {before!r} >= {after!r}")
    return _midpoint(low, high)


def key_at(keys: Sequence[str], index: int | None) -> str:
    """The key that puts a new item at ``index`` among items with these (sorted) keys; None is the end."""
    if index is None or index >= len(keys):
        return key_between(keys[-1] if keys else None, None)
    index = max(0, index)
    return key_between(keys[index - 1] if index > 0 else None, keys[index])


def sequence_keys(count: int) -> list[str]:
    """Evenly spread keys for ``count`` items in order (new files, migrated files)."""
    keys: list[str] = []
    for i in range(count):
        n, digits = _BASE**3 + i, ""  # from "1000V": room to insert before the first
        for _ in range(4):
            n, r = divmod(n, _BASE)
            digits = DIGITS[r] + digits
        keys.append(digits + "V")
    return keys


def in_order(keys: Sequence[str]) -> bool:
    return all(a < b for a, b in itertools.pairwise(keys)) and all(keys)
