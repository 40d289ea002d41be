"""A room's address as a person types it: the phones' join URL, or the room laptop's IP address and room code.

Kept apart from facilitator.sync.live so the Join a room dialog can check what is typed without loading
aiohttp and pycrdt.
"""

from __future__ import annotations

import re

from facilitator.room.code import CODE_PATTERN, normalise

DEFAULT_PORT = 8765  # facilitator serve's port, taken when only the address and code are typed
_ADDRESS_AND_CODE = re.compile(r"^([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:]+\])(?::(\d{1,5}))?(?:/+|\s+)([A-Za-z0-9]{4,6})/?$")


def room_url(text: str) -> str:
    """The room's URL from what a person typed: the join URL, or the address and code ("192.168.1.20 K3XA9").

    Raises ValueError with a plain reason when it is neither.
    """
    text = text.strip()
    if text.startswith(("http://", "https://")):
        return text
    match = _ADDRESS_AND_CODE.match(text)
    if match is None:
        raise ValueError(
            "type the address from the join slide (http://192.168.1.20:8765/K3XA9/), "
            "or the IP address and room code (192.168.1.20 K3XA9)."
        )
    host, port, code = match.group(1), match.group(2), normalise(match.group(3))
    if not CODE_PATTERN.match(code):
        raise ValueError(f"{match.group(3)!r} is not a room code: it is on the join slide, under the QR code.")
    return f"http://{host}:{port or DEFAULT_PORT}/{code}/"


def check_url(url: str) -> str | None:
    """A reason the text cannot be a room's address, or None."""
    try:
        room_url(url)
    except ValueError as exc:
        return str(exc)
    return None
