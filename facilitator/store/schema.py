"""The project file's schema, one format number per shape, and the steps between them.

Format 1 was the first shape; each later format is reached by one migration
step, run inside the same transaction as the version bump so a crash mid-way
leaves the file at the old format, intact.
"""

from __future__ import annotations

# "FaCl" as a big-endian 32-bit integer: SQLite stores it at header offset 68,
# so a project is recognised from its first 100 bytes without opening it.
APPLICATION_ID = 0x4661436C
FORMAT = 6

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

# Format 5: one edit path for every source (docs/design/0007-edit-path.md).
# - every row carries when it last changed (UTC), on which copy of the file (replica) and a Lamport clock;
# - ordered lists use fractional order keys (text) instead of dense integer positions;
# - one row per dot (round, target, voter, time) replaces per-target counts;
# - deletes leave a tombstone; applied operations are appended to a change log;
# - notes say where they came from (source) and whether the projector shows them (status).
# The file's replica id is a setting, made here so new and migrated files both get one.
MIGRATE_4_TO_5 = """
INSERT OR IGNORE INTO setting (key, value) VALUES ('replica', lower(hex(randomblob(16))));
ALTER TABLE event ADD COLUMN changed TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN replica TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
UPDATE event SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    replica = (SELECT value FROM setting WHERE key = 'replica');
ALTER TABLE participant_group ADD COLUMN changed TEXT NOT NULL DEFAULT '';
ALTER TABLE participant_group ADD COLUMN replica TEXT NOT NULL DEFAULT '';
ALTER TABLE participant_group ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
UPDATE participant_group SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    replica = (SELECT value FROM setting WHERE key = 'replica');
ALTER TABLE diamond ADD COLUMN changed TEXT NOT NULL DEFAULT '';
ALTER TABLE diamond ADD COLUMN replica TEXT NOT NULL DEFAULT '';
ALTER TABLE diamond ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
UPDATE diamond SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    replica = (SELECT value FROM setting WHERE key = 'replica');
ALTER TABLE wall ADD COLUMN changed TEXT NOT NULL DEFAULT '';
ALTER TABLE wall ADD COLUMN replica TEXT NOT NULL DEFAULT '';
ALTER TABLE wall ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
UPDATE wall SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    replica = (SELECT value FROM setting WHERE key = 'replica');
ALTER TABLE agenda_item ADD COLUMN changed TEXT NOT NULL DEFAULT '';
ALTER TABLE agenda_item ADD COLUMN replica TEXT NOT NULL DEFAULT '';
ALTER TABLE agenda_item ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
UPDATE agenda_item SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    replica = (SELECT value FROM setting WHERE key = 'replica');
ALTER TABLE cluster ADD COLUMN changed TEXT NOT NULL DEFAULT '';
ALTER TABLE cluster ADD COLUMN replica TEXT NOT NULL DEFAULT '';
ALTER TABLE cluster ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
UPDATE cluster SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    replica = (SELECT value FROM setting WHERE key = 'replica');
ALTER TABLE note ADD COLUMN changed TEXT NOT NULL DEFAULT '';
ALTER TABLE note ADD COLUMN replica TEXT NOT NULL DEFAULT '';
ALTER TABLE note ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
UPDATE note SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    replica = (SELECT value FROM setting WHERE key = 'replica');
ALTER TABLE vote_round ADD COLUMN changed TEXT NOT NULL DEFAULT '';
ALTER TABLE vote_round ADD COLUMN replica TEXT NOT NULL DEFAULT '';
ALTER TABLE vote_round ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
UPDATE vote_round SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    replica = (SELECT value FROM setting WHERE key = 'replica');
ALTER TABLE action ADD COLUMN changed TEXT NOT NULL DEFAULT '';
ALTER TABLE action ADD COLUMN replica TEXT NOT NULL DEFAULT '';
ALTER TABLE action ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
UPDATE action SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    replica = (SELECT value FROM setting WHERE key = 'replica');
ALTER TABLE photo ADD COLUMN changed TEXT NOT NULL DEFAULT '';
ALTER TABLE photo ADD COLUMN replica TEXT NOT NULL DEFAULT '';
ALTER TABLE photo ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
UPDATE photo SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    replica = (SELECT value FROM setting WHERE key = 'replica');
ALTER TABLE run_state ADD COLUMN changed TEXT NOT NULL DEFAULT '';
ALTER TABLE run_state ADD COLUMN replica TEXT NOT NULL DEFAULT '';
ALTER TABLE run_state ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
UPDATE run_state SET changed = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
    replica = (SELECT value FROM setting WHERE key = 'replica');
ALTER TABLE participant_group ADD COLUMN order_key TEXT NOT NULL DEFAULT '';
UPDATE participant_group SET order_key = printf('%06dV', position + 1);
ALTER TABLE participant_group DROP COLUMN position;
ALTER TABLE diamond ADD COLUMN order_key TEXT NOT NULL DEFAULT '';
UPDATE diamond SET order_key = printf('%06dV', position + 1);
ALTER TABLE diamond DROP COLUMN position;
ALTER TABLE wall ADD COLUMN order_key TEXT NOT NULL DEFAULT '';
UPDATE wall SET order_key = printf('%06dV', position + 1);
ALTER TABLE wall DROP COLUMN position;
ALTER TABLE agenda_item ADD COLUMN order_key TEXT NOT NULL DEFAULT '';
UPDATE agenda_item SET order_key = printf('%06dV', position + 1);
ALTER TABLE agenda_item DROP COLUMN position;
ALTER TABLE vote_round ADD COLUMN order_key TEXT NOT NULL DEFAULT '';
UPDATE vote_round SET order_key = printf('%06dV', position + 1);
ALTER TABLE vote_round DROP COLUMN position;
ALTER TABLE action ADD COLUMN order_key TEXT NOT NULL DEFAULT '';
UPDATE action SET order_key = printf('%06dV', position + 1);
ALTER TABLE action DROP COLUMN position;
ALTER TABLE note ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE note ADD COLUMN status TEXT NOT NULL DEFAULT 'shown' CHECK (status IN ('shown', 'held', 'hidden'));
CREATE TABLE dot (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES vote_round(id) ON DELETE CASCADE,
    target_id TEXT NOT NULL,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('note', 'cluster')),
    voter TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    changed TEXT NOT NULL DEFAULT '',
    replica TEXT NOT NULL DEFAULT '',
    clock INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dot_round ON dot(round_id);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < (SELECT COALESCE(MAX(count), 0) FROM vote))
INSERT INTO dot (id, round_id, target_id, target_kind, voter, created, changed, replica, clock)
SELECT lower(hex(randomblob(16))), v.round_id, v.target_id, v.target_kind, '',
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
       (SELECT value FROM setting WHERE key = 'replica'), 0
FROM vote AS v JOIN n ON n.i <= v.count;
DROP TABLE vote;
CREATE TABLE tombstone (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    deleted TEXT NOT NULL,
    replica TEXT NOT NULL,
    clock INTEGER NOT NULL
);
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    replica TEXT NOT NULL,
    clock INTEGER NOT NULL,
    origin_kind TEXT NOT NULL,
    origin_id TEXT NOT NULL DEFAULT '',
    origin_label TEXT NOT NULL DEFAULT '',
    op TEXT NOT NULL
);
"""

# Format 6: per-field stamps, so merging two files or syncing two laptops settles concurrent edits of
# one field by (Lamport clock, replica), the same on every copy (docs/design/0008-sync.md). A row's own
# stamp says when any of its fields last changed, which is too coarse: a recolour on one laptop must not
# beat a text edit made later on another. A field with no row here has not changed since the thing was
# made (or since format 6 came): it loses to any stamped write of that field. "pos" stamps x and y together.
MIGRATE_5_TO_6 = """
CREATE TABLE field_stamp (
    id TEXT NOT NULL,
    field TEXT NOT NULL,
    clock INTEGER NOT NULL,
    replica TEXT NOT NULL,
    PRIMARY KEY (id, field)
) WITHOUT ROWID;
"""

# MIGRATIONS[n] takes a file from format n to n + 1.
MIGRATIONS: dict[int, str] = {
    1: MIGRATE_1_TO_2,
    2: MIGRATE_2_TO_3,
    3: MIGRATE_3_TO_4,
    4: MIGRATE_4_TO_5,
    5: MIGRATE_5_TO_6,
}

assert sorted(MIGRATIONS) == list(range(1, FORMAT)), "every format needs a step"
