"""Stable identifiers for things that are stored, undone and redone."""

import uuid


def new_id() -> str:
    """A fresh id; random so that ids from two copies of a project never clash."""
    return uuid.uuid4().hex
