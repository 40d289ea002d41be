"""What can go wrong with a project file, each with one plain sentence for the user."""

from __future__ import annotations


class ProjectError(Exception):
    """A problem the user can act on; ``str()`` is a one-line message for them."""


class NotAProject(ProjectError):
    pass


class NewerFormat(ProjectError):
    pass


class CorruptProject(ProjectError):
    pass


class OpenElsewhere(ProjectError):
    pass


class WriteFailed(ProjectError):
    """An edit could not be written; the file still holds everything before it."""


def reading_error(name: str, exc: Exception) -> ProjectError:
    """The message for a SQLite error met while reading ``name``: in use elsewhere, or damaged."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return OpenElsewhere(f"{name} is open in another Facilitator window or program; close it there first.")
    return CorruptProject(f"{name} is damaged and cannot be opened ({exc}).")
