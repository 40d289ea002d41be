"""The project file's schema, one format number per shape, and the steps between them.

Format 1 was the first shape; each later format is reached by one migration
step, run inside the same transaction as the version bump so a crash mid-way
leaves the file at the old format, intact.
"""

from __future__ import annotations

# "FaCl" as a big-endian 32-bit integer: SQLite stores it at header offset 68,
# so a project is recognised from its first 100 bytes without opening it.
APPLICATION_ID = 0x4661436C
FORMAT = 4

SCHEMA_FORMAT_1 = """
CREATE TABLE event (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    organiser TEXT NOT NULL DEFAULT '',
    planned_start TEXT NOT NULL,
    planned_end TEXT NOT NULL
);
CREATE TABLE participant_group (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    colour TEXT NOT NULL
);
CREATE TABLE diamond (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    size TEXT NOT NULL CHECK (size IN ('big', 'small'))
);
CREATE TABLE wall (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE agenda_item (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    kind TEXT NOT NULL,
    phase TEXT NOT NULL,
    diamond_id TEXT REFERENCES diamond(id) ON DELETE SET NULL,
    instructions TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    wall_id TEXT REFERENCES wall(id) ON DELETE SET NULL
);
CREATE TABLE cluster (
    id TEXT PRIMARY KEY,
    wall_id TEXT NOT NULL REFERENCES wall(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    colour TEXT NOT NULL,
    x REAL NOT NULL,
    y REAL NOT NULL
);
CREATE TABLE note (
    id TEXT PRIMARY KEY,
    wall_id TEXT NOT NULL REFERENCES wall(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    colour TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    grp TEXT NOT NULL DEFAULT '',
    x REAL NOT NULL,
    y REAL NOT NULL,
    cluster_id TEXT REFERENCES cluster(id) ON DELETE SET NULL,
    created TEXT NOT NULL
);
CREATE INDEX note_wall ON note(wall_id);
CREATE TABLE vote_round (
    id TEXT PRIMARY KEY,
    wall_id TEXT NOT NULL REFERENCES wall(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    dots_per_person INTEGER NOT NULL
);
CREATE TABLE vote (
    round_id TEXT NOT NULL REFERENCES vote_round(id) ON DELETE CASCADE,
    target_id TEXT NOT NULL,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('note', 'cluster')),
    count INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (round_id, target_id)
);
CREATE TABLE action (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due TEXT
);
"""

# Format 2: photos of paper walls live inside the file (one file carries the
# whole event), and a small key/value table holds per-project settings.
MIGRATE_1_TO_2 = """
CREATE TABLE photo (
    id TEXT PRIMARY KEY,
    wall_id TEXT REFERENCES wall(id) ON DELETE SET NULL,
    caption TEXT NOT NULL DEFAULT '',
    mime TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    x REAL NOT NULL DEFAULT 0,
    y REAL NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Format 3: the run in progress (one row, or none), stored at every change so
# a crash or reboot mid-run can resume. Times are seconds; see
# facilitator/core/run.py RunSnapshot and docs/design/0003-run-clock.md.
MIGRATE_2_TO_3 = """
CREATE TABLE run_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    item_id TEXT,
    item_index INTEGER NOT NULL,
    elapsed REAL NOT NULL,
    adjust REAL NOT NULL,
    running INTEGER NOT NULL CHECK (running IN (0, 1)),
    day_seconds REAL NOT NULL,
    saved_wall REAL NOT NULL,
    started_wall REAL NOT NULL
);
"""

# Format 4: each item keeps its own run time (leaving an item and coming back
# resumes it), and the run knows whether it stands on the standby screen, an
# item or the end screen. See docs/design/0009-run-item-time.md.
MIGRATE_3_TO_4 = """
CREATE TABLE run_item_time (
    item_id TEXT PRIMARY KEY,
    elapsed REAL NOT NULL,
    adjust REAL NOT NULL
);
ALTER TABLE run_state ADD COLUMN stage TEXT NOT NULL DEFAULT 'item' CHECK (stage IN ('standby', 'item', 'end'));
"""

# MIGRATIONS[n] takes a file from format n to n + 1.
MIGRATIONS: dict[int, str] = {1: MIGRATE_1_TO_2, 2: MIGRATE_2_TO_3, 3: MIGRATE_3_TO_4}

assert sorted(MIGRATIONS) == list(range(1, FORMAT)), "every format needs a step"
