"""Room codes and the token bucket, with a clock moved by hand."""

from __future__ import annotations

import pytest

from facilitator.room.code import ALPHABET, CODE_PATTERN, new_room_code, normalise
from facilitator.room.limits import RateLimiter


def test_room_codes_are_short_unambiguous_and_new_each_time():
    codes = {new_room_code() for _ in range(200)}
    assert len(codes) > 190
    assert all(CODE_PATTERN.match(c) for c in codes)
    assert not set("0O1IL2Z5S8BGQDUV67") & set(ALPHABET)
    assert {len(new_room_code(n)) for n in (4, 5, 6)} == {4, 5, 6}
    with pytest.raises(ValueError):
        new_room_code(3)
    assert normalise(" k4qf ") == "K4QF"


def test_a_bucket_allows_its_burst_then_refills_at_its_rate():
    now = [0.0]
    limiter = RateLimiter(rate=2.0, burst=3, clock=lambda: now[0])
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("a") == pytest.approx(0.5)
    assert limiter.take("b") == 0.0
    now[0] += 0.5
    assert limiter.take("a") == 0.0
    assert limiter.take("a") > 0
    now[0] += 100
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]


def test_the_limiter_forgets_the_least_recently_used_keys_first():
    limiter = RateLimiter(rate=1.0, burst=1, clock=lambda: 0.0, max_keys=2)
    limiter.take("a")
    limiter.take("b")
    limiter.take("a")
    limiter.take("c")  # "b" goes: it was used least recently
    assert limiter.take("a") > 0
    assert limiter.take("b") == 0.0
