"""Accept only the schema objects we made: a planted trigger, view or index never runs.

A project file is a document from a stranger. SQLite stores triggers and
views inside it, and runs them on our own statements: a trigger ``AFTER
INSERT ON note BEGIN DELETE FROM note; END`` made an import report success
and leave no notes; a recursive view named ``event`` hung every command.

The objects a file of format *n* may hold are exactly those our own steps
make: ``SCHEMA_FORMAT_1`` and then ``MIGRATIONS[1]`` .. ``MIGRATIONS[n-1]``,
run here in an in-memory database. So a new format added by a migration
step is accepted without touching this module. Anything else (an extra
trigger, view, index or table, or one of ours with different SQL) is refused
in one line before any statement of ours touches the file.

Replaying the steps costs SQLite some milliseconds on every start (each ALTER
TABLE re-reads the whole schema), so the objects they made are also recorded
in ``resources/schema/objects.json`` with a checksum of the steps' text. A
file holding exactly the recorded objects holds only what our steps make, so
it passes without the replay; anything else (or a changed step, which no
longer matches its checksum) is compared with the replay as before.
``tests/test_schema_snapshot.py`` keeps the record equal to the replay.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import zlib

from facilitator.resources import resource
from facilitator.store import schema
from facilitator.store.errors import CorruptProject, reading_error

# Statistics tables written by ANALYZE (for example in the sqlite3 shell) only guide the query planner.
_IGNORED = re.compile(r"^sqlite_stat\d$")

SchemaObject = tuple[str, str, str, str]


def normalised(sql: str | None) -> str:
    """The CREATE text with runs of white space made single spaces (SQLite keeps the text as written)."""
    return " ".join((sql or "").split())


@functools.cache
def expected_objects(file_format: int) -> frozenset[SchemaObject]:
    """(type, name, table, sql) of every object our steps create for a file of ``file_format``."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(schema.SCHEMA_FORMAT_1)
        for step in range(1, file_format):
            migration = schema.MIGRATIONS[step]
            if callable(migration):
                migration(conn)
            else:
                conn.executescript(migration)
        return frozenset(_objects(conn))
    finally:
        conn.close()


def steps_checksum(file_format: int) -> int:
    """A checksum of the text of every step that makes a file of ``file_format``."""
    steps = [schema.SCHEMA_FORMAT_1] + [str(schema.MIGRATIONS[step]) for step in range(1, file_format)]
    return zlib.crc32("\n".join(steps).encode("utf-8"))


SNAPSHOT = ("schema", "objects.json")


def snapshot_text() -> str:
    """The record of the current format's objects, as ``resources/schema/objects.json`` holds it."""
    rows = ",\n".join("   " + json.dumps(list(obj)) for obj in sorted(expected_objects(schema.FORMAT)))
    head = f'{{\n "{schema.FORMAT}": {{\n  "steps": {steps_checksum(schema.FORMAT)},\n  "objects": [\n'
    return head + rows + "\n  ]\n }\n}\n"


@functools.cache
def recorded_objects(file_format: int) -> frozenset[SchemaObject] | None:
    """The recorded objects for ``file_format``, or None when none are recorded for its steps as they are."""
    try:
        entry = json.loads(resource(*SNAPSHOT).read_text(encoding="utf-8")).get(str(file_format))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("steps") != steps_checksum(file_format):
        return None
    return frozenset(tuple(obj) for obj in entry["objects"])


def _objects(conn: sqlite3.Connection) -> list[SchemaObject]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return [
        (str(kind), str(name), str(table), normalised(sql))
        for kind, name, table, sql in rows
        if not _IGNORED.match(str(name))
    ]


def check_schema(conn: sqlite3.Connection, name: str, file_format: int) -> None:
    """Raise :class:`CorruptProject` unless the file holds exactly our objects for its format."""
    try:
        found = _objects(conn)
    except sqlite3.Error as exc:
        raise reading_error(name, exc) from None
    if set(found) == recorded_objects(file_format):
        return  # exactly the objects our steps make: nothing planted, nothing missing
    expected = expected_objects(file_format)
    extra = [obj for obj in found if obj not in expected]
    ours = {(kind, object_name) for kind, object_name, _, _ in expected}
    altered = [obj for obj in extra if obj[:2] in ours]
    if altered:
        kind, object_name = altered[0][:2]
        raise CorruptProject(
            f"{name} has its {kind} {object_name!r} altered outside Facilitator, so it was not opened; "
            "nothing was changed."
        )
    if extra:
        kind, object_name = extra[0][0], extra[0][1]
        article = "an" if kind[0] in "aeiou" else "a"
        raise CorruptProject(
            f"{name} holds {article} {kind} named {object_name!r} that Facilitator did not make "
            "(it could change or hide your work), so it was not opened; nothing was changed."
        )
    missing = expected - set(found)
    if missing:
        kind, object_name = sorted(missing)[0][:2]
        raise CorruptProject(f"{name} is damaged: its {kind} {object_name!r} is missing or altered.")
