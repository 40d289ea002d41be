"""What a painted view is asked for, and how it says no: typed values, so the UI never sees the command line.

``facilitator render`` (``facilitator/commands/render.py``) parses its arguments,
builds a :class:`RenderRequest` and maps :class:`RenderError` to its own error;
the docs' grab scripts build the same request directly. No Qt here, so the
command can build a request before Qt loads.
"""

from __future__ import annotations

from dataclasses import dataclass


class RenderError(ValueError):
    """A view cannot be painted as asked; the message is one plain sentence for the user."""


@dataclass(frozen=True)
class RenderRequest:
    """A view's state: which item, how long left, at what size, and what else shows.

    ``size`` None is the view's own default (the projector's 1920x1080, the
    console's 1366x768...); ``at`` counts agenda items from 1 (None: the
    view's default item); ``remaining`` is seconds left on the item's
    countdown, negative for overtime (None: the item has just started).
    """

    size: tuple[int, int] | None = None
    at: int | None = None
    remaining: float | None = None
    wall: str | None = None  # a wall's name, for the wall views
    message: str | None = None  # the message to the room (None: a sample)
    time_of_day: bool = False
