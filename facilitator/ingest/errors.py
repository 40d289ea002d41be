"""What can go wrong when importing, as one plain sentence for the user."""

from __future__ import annotations

from facilitator.store.errors import ProjectError


class IngestError(ProjectError):
    """A file that cannot be imported at all; ``str()`` is the one-line message to show.

    It is a :class:`ProjectError` so the CLI and the app's error paths show it
    like any other problem the user can act on. Nothing has been written when
    it is raised.
    """
