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
