"""Room codes: short, read aloud and typed from a projector, so no two characters can be mistaken."""

from __future__ import annotations

import re
import secrets

# No 0/O/Q/D, 1/I/L/7, 2/Z, 5/S, 8/B, 6/G, U/V: what people misread across a room.
ALPHABET = "ACEFHJKMNPRTWXY349"
CODE_PATTERN = re.compile(rf"^[{ALPHABET}]{{4,6}}$")


def new_room_code(length: int = 5) -> str:
    """A fresh code for each time the room opens, so a link from an earlier session no longer works."""
    if not 4 <= length <= 6:
        raise ValueError("a room code has 4 to 6 characters")
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise(code: str) -> str:
    """What a person typed, as the server compares it: case does not matter."""
    return code.strip().upper()
