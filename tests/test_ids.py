"""Ids stay version-4 UUIDs in hex, made without importing ``uuid`` (start-up time)."""

from __future__ import annotations

import uuid

from facilitator.core.ids import new_id


def test_an_id_is_the_hex_of_a_random_version_4_uuid():
    ids = {new_id() for _ in range(2000)}
    assert len(ids) == 2000
    for value in ids:
        parsed = uuid.UUID(hex=value)
        assert parsed.hex == value
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
