"""What the console says about the room, in plain words, including why no phone may be getting through."""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator.sync.presence import Present

NO_PHONE_YET = "No phone has reached the laptop yet."
# Seconds after opening before the console suggests what to try: enough to scan a code and load the page.
PATIENCE = 45.0
WHAT_TO_TRY = (
    "Check that the phones are on the same Wi-Fi as this laptop, with mobile data off.",
    "Guest or venue Wi-Fi often keeps devices apart (client isolation): use a phone hotspot or a travel "
    "router instead, and join the laptop to it too.",
    "Android may leave a Wi-Fi that has no internet: on the phone, choose to stay connected to it.",
    "Windows: when asked, allow Facilitator on Private and Public networks (Windows Security > Firewall).",
    "Try another network interface in the list above, then reopen the room.",
)


@dataclass(frozen=True)
class RoomStatus:
    """A snapshot for the console: counts and, when needed, guidance."""

    open: bool
    url: str = ""
    code: str = ""
    locked: bool = False
    connected: int = 0  # phones with a live connection now
    joined: int = 0  # phones seen since the room opened
    waiting: int = 0  # phone notes held for approval
    seconds_open: float = 0.0
    laptop_url: str = ""  # laptops' pre-approved link (with the laptop key): the console only, never the slide
    people: tuple[Present, ...] = field(default=())  # who is here: joined laptops, then phones heard from
    asking: tuple[tuple[str, str, float], ...] = ()  # laptops waiting to be let in: (request id, name, seconds waited)

    @property
    def summary(self) -> str:
        if not self.open:
            return "The room is closed. Open it to let phones send ideas and votes."
        phones = "1 phone" if self.joined == 1 else f"{self.joined} phones"
        live = f"{self.connected} connected now"
        waiting = (
            ""
            if not self.waiting
            else (
                "; 1 note waiting for approval" if self.waiting == 1 else f"; {self.waiting} notes waiting for approval"
            )
        )
        locked = " The room is locked: no new phones." if self.locked else ""
        return f"{phones} joined, {live}{waiting}.{locked}"

    @property
    def guidance(self) -> tuple[str, ...]:
        """Empty once a phone has got through; else the warning, and after a while what to try."""
        if not self.open or self.joined:
            return ()
        if self.seconds_open < PATIENCE:
            return ("Waiting for the first phone…",)
        return (NO_PHONE_YET, *WHAT_TO_TRY)
