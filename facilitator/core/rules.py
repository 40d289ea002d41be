"""The one exception the core raises when an edit would break a rule of the model.

It lives in the core (not the edit layer) because the core's own methods
hold the rules: ``Wall.add_dot`` refuses a dot on a missing note whether the
caller is the laptop's keyboard, a phone or a test. The edit layer
(``facilitator.edits``) re-exports it as the contract's ``Refused``.
"""

from __future__ import annotations

CODES = ("missing", "deleted", "budget", "invalid", "conflict")


class Refused(Exception):
    """Validation said no; the model and the file are untouched.

    ``code`` is one of :data:`CODES` (for programs); ``message`` is one plain
    sentence for people.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"Refused({self.code!r}, {self.message!r})"
