"""The recorded schema: a file holding exactly it opens without replaying the steps, and it is the replay.

``schema_check`` accepts a file whose objects equal ``resources/schema/objects.json`` without
running every migration step in memory (start-up time); everything else is compared with the
replay as before. The record is only as good as its equality with the replay, checked here.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from facilitator.resources import resource
from facilitator.store import ProjectFile, schema, schema_check
from facilitator.store.errors import CorruptProject

# To record the current format again (after adding a step), from the repository's root:
REGENERATE = (
    'python -c "from pathlib import Path; from facilitator.store import schema_check; '
    "Path('resources/schema/objects.json').write_text(schema_check.snapshot_text())\""
)


def test_every_record_still_in_use_is_what_the_steps_make():
    # A record is used only while its checksum matches the steps; then it must equal their replay.
    recorded = json.loads(resource(*schema_check.SNAPSHOT).read_text(encoding="utf-8"))
    in_use = [int(n) for n in recorded if schema_check.recorded_objects(int(n)) is not None]
    for file_format in in_use:
        assert schema_check.recorded_objects(file_format) == schema_check.expected_objects(file_format), REGENERATE
    # A new format (a step added after the record was made) still opens, by the replay, but pays for it at
    # every start: the record must be made again in the same change that adds the step.
    assert schema.FORMAT in in_use, f"format {schema.FORMAT} is not recorded; run: {REGENERATE}"
    assert resource(*schema_check.SNAPSHOT).read_text(encoding="utf-8") == schema_check.snapshot_text()


def test_a_file_holding_the_recorded_objects_opens_without_the_replay(demo_file, monkeypatch):
    def no_replay(file_format: int):
        raise AssertionError("replayed the steps")

    monkeypatch.setattr(schema_check, "expected_objects", no_replay)
    ProjectFile.open(demo_file).close()


def test_anything_else_is_compared_with_the_replay_and_refused(demo_file):
    conn = sqlite3.connect(demo_file)
    conn.execute("CREATE TRIGGER t AFTER INSERT ON note BEGIN DELETE FROM note; END")
    conn.commit()
    conn.close()
    with pytest.raises(CorruptProject, match="trigger named 't' that Facilitator did not make"):
        ProjectFile.open(demo_file)


def test_a_changed_step_no_longer_matches_its_record(monkeypatch):
    schema_check.recorded_objects.cache_clear()
    monkeypatch.setitem(schema.MIGRATIONS, 1, schema.MIGRATIONS[1] + "\n")
    try:
        assert schema_check.recorded_objects(schema.FORMAT) is None
    finally:
        schema_check.recorded_objects.cache_clear()
