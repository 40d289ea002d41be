"""Limits that keep one phone (or one misbehaving script) from flooding the room.

The clock is injected (seconds, monotonic) so tests move time by hand instead of sleeping.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RoomLimits:
    """Sizes and rates; the defaults suit a room of up to a few hundred phones."""

    body_bytes: int = 4096  # a POST body larger than this is refused (413) before it is parsed
    note_chars: int = 280  # a note is a sticky note, not an essay
    name_chars: int = 60
    phone_rate: float = 0.5  # tokens a phone earns per second (30 a minute) ...
    phone_burst: int = 12  # ... up to this many at once: a quick run of dots, or a few notes in a row
    address_rate: float = 20.0  # one network address (a phone rotating ids, or a script) ...
    address_burst: int = 200
    max_phones: int = 2000  # buckets kept; the oldest idle ones are forgotten first
    max_streams: int = 600  # open live-update connections


class TokenBucket:
    """``burst`` tokens, refilled at ``rate`` per second; each request takes one."""

    __slots__ = ("burst", "last", "rate", "tokens")

    def __init__(self, rate: float, burst: int, now: float) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.tokens = float(burst)
        self.last = now

    def take(self, now: float) -> float:
        """0.0 if a token was taken, else the seconds until one will be there."""
        elapsed = max(0.0, now - self.last)
        self.last = now
        self.tokens = min(self.burst, self.tokens + elapsed * self.rate)
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate if self.rate > 0 else float("inf")


class RateLimiter:
    """One token bucket per key (a phone id, a network address), forgetting the least recently used."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic, max_keys: int = 2000):
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def take(self, key: str) -> float:
        """0.0 when allowed; otherwise the seconds to wait (the Retry-After answer)."""
        now = self.clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = TokenBucket(self.rate, self.burst, now)
            self._buckets[key] = bucket
            if len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
        return bucket.take(now)
