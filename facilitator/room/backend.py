"""What the room server needs from the project, as a small interface.

The HTTP layer knows nothing about the model or the file: it asks a :class:`RoomBackend` for the
public state, and hands it each phone's note or dot. In the app and in ``facilitator serve`` the
backend is :class:`~facilitator.room.editor_backend.EditorBackend`, which applies every change through
the one edit path and answers only after its commit. Tests of the HTTP layer use a small fake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol


class RoomRefused(Exception):
    """The backend said no. ``code`` picks the HTTP status; ``message`` is one plain sentence for the phone.

    Codes: "budget" and "no_round" (409: no dot left, no vote open), "missing" (404), "deleted" and
    "conflict" (409), "invalid" (400), "locked" and "not_yours" (403), "unavailable" (503: the file could
    not be written).
    """

    STATUS: ClassVar[dict[str, int]] = {
        "budget": 409,
        "no_round": 409,
        "missing": 404,
        "deleted": 409,
        "conflict": 409,
        "invalid": 400,
        "locked": 403,
        "not_yours": 403,
        "unavailable": 503,
    }

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def status(self) -> int:
        return self.STATUS.get(self.code, 400)


@dataclass(frozen=True)
class PhoneNote:
    """A note as a phone sent it, already checked for shape and size by the server."""

    id: str
    text: str
    name: str = ""
    group: str = ""


@dataclass(frozen=True)
class PhoneDot:
    id: str
    target: str


class RoomBackend(Protocol):
    """The project as the room sees it."""

    def public_state(self) -> dict[str, Any]:
        """What every phone may see: ``event``, ``item``, ``wall``, ``groups``, ``voting`` (see docs/room-api.md).

        Never anything a phone must not see: held or hidden notes, other walls, names of voters.
        """
        ...

    def dots_used(self, phone: str) -> int:
        """Dots this phone has placed in the open round (0 when none is open)."""
        ...

    async def add_note(self, phone: str, note: PhoneNote) -> bool:
        """Put the note in the wall's inbox; True if it is new, False for a repeat of the same id and content.

        Returns only after the note is committed to the file; raises :class:`RoomRefused` otherwise.
        """
        ...

    async def add_dot(self, phone: str, dot: PhoneDot) -> bool:
        """Place one of this phone's dots in the open round; True if new, False for a repeat of the same id."""
        ...

    async def remove_dot(self, phone: str, dot_id: str) -> bool:
        """Take back one of this phone's own dots in the open round; True if it went now, False if it had
        already gone (a retry). Never another phone's dot, never a dot of a closed round."""
        ...

    def waiting(self) -> int:
        """Phone notes held for the facilitator's approval (the console shows how many)."""
        ...

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` (no arguments, on the loop) whenever the public state may have changed."""
        ...
