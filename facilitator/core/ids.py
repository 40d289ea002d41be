"""Stable identifiers for things that are stored, undone and redone."""

import os


def new_id() -> str:
    """A fresh id; random so that ids from two copies of a project never clash.

    The hex of a version-4 UUID, made here from ``os.urandom`` as ``uuid.uuid4().hex`` makes it:
    importing ``uuid`` (and ``platform`` with it) costs the app's start-up a few milliseconds.
    """
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    return raw.hex()
