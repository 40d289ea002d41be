"""Who is here: the laptops joined to this room and the phones it has heard from, with their last contact.

Plain data for the console (Qt-free): laptops come from the :class:`~facilitator.sync.live.SyncHub`
(a name each laptop gives when it joins), phones from the room server's ``seen`` table (phone id ->
when last heard from). Times are seconds on one monotonic clock, passed in, so tests need no sleeping.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Present:
    name: str
    kind: str  # "laptop" or "phone"
    ago: float  # seconds since last contact

    def line(self) -> str:
        """ "Table 2 (laptop), last contact 3 s ago"."""
        return f"{self.name} ({self.kind}), last contact {ago_text(self.ago)}"


def ago_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 2:
        return "just now"
    if seconds < 90:
        return f"{seconds} s ago"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min ago"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min ago"


def phone_name(phone_id: str) -> str:
    """A phone as people see it: "Phone 7F3A" (the end of its id; phones send no name)."""
    return f"Phone {phone_id[-4:].upper()}"


def who_is_here(laptops: Iterable[tuple[str, float]], phones_seen: Mapping[str, float], now: float) -> list[Present]:
    """Laptops first (as :meth:`SyncHub.laptops` gives them: name, seconds ago), then phones, most recent first."""
    people = [Present(name, "laptop", ago) for name, ago in laptops]
    phones = sorted(phones_seen.items(), key=lambda kv: -kv[1])
    people += [Present(phone_name(phone), "phone", now - last) for phone, last in phones]
    return people
