"""The hostile corpus: project files (and what lies beside them) as a stranger or bad luck could make them.

Built by :func:`build` into a folder, one sub-folder per case holding
``x.facil`` and any side file, from a fresh demo event each time, so the
bytes follow the current format. Each case says what a correct program does
with it: ``"open"`` (it must work), ``"refuse"`` (one line, bytes kept), or
``"either"`` (working or refusing are both right; crashing, hanging or
changing the file are not). ``python -m tests.reliability.hostile_corpus DIR``
writes the corpus for a look by hand.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from facilitator.demo import demo_project
from facilitator.store import ProjectFile
from facilitator.store.schema import APPLICATION_ID, SCHEMA_FORMAT_1

NAME = "x.facil"


@dataclass(frozen=True)
class Case:
    name: str
    expect: str  # "open", "refuse" or "either"
    why: str

    def folder(self, root: Path) -> Path:
        return root / self.name

    def project(self, root: Path) -> Path:
        return root / self.name / NAME


def crash_mid_transaction(path: Path, statements: str) -> None:
    """Leave ``path`` as a crash would: a transaction half written to the file, its hot journal beside it."""
    code = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1')\n"  # spill changed pages into the file before the commit
        "c.execute('BEGIN IMMEDIATE')\n"
        "for s in sys.argv[2].split(';'):\n"
        "    s.strip() and c.execute(s)\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path), statements], check=True, timeout=60)


def mutate(path: Path, *statements: str) -> None:
    """Apply SQL as the ``sqlite3`` shell would, bypassing every rule of ours."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def big_png(width: int, height: int) -> bytes:
    """A valid greyscale PNG of any size, built by streaming zlib (its pixels are never held in memory)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    comp = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    parts = [comp.compress(row) for _ in range(height)]
    parts.append(comp.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")


def _add_photo(path: Path, data: bytes, width: int = 800, height: int = 600, x: str = "0") -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(
            "INSERT INTO photo (id, wall_id, caption, mime, width, height, x, y, created, data) "
            f"SELECT 'p-hostile', id, 'hostile', 'image/png', {width}, {height}, {x}, 0, "
            "'2026-01-01T10:00:00', ? FROM wall ORDER BY rowid LIMIT 1",
            (sqlite3.Binary(data),),
        )
    finally:
        conn.close()


def _notes(count: int, prefix: str) -> str:
    return "\n".join(f"{prefix} {i}" for i in range(count))


def _import_notes(path: Path, count: int) -> None:
    from facilitator.ingest import apply_import, plan_import
    from facilitator.ingest.text_notes import read_notes_text

    content = read_notes_text(_notes(count, "Newer note").encode(), "newer.txt")
    with ProjectFile.open(path) as store:
        project = store.load()
        apply_import(store, project, plan_import(project, "Newer", content))


def _other_program_db(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE t (a TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", [(f"row {i}" * 20,) for i in range(2000)])
    conn.close()


# -- builders: each gets the case folder holding a fresh demo x.facil --------------------------------------


def legit_hot_journal(folder: Path) -> None:
    crash_mid_transaction(folder / NAME, "DELETE FROM note; UPDATE event SET title = 'half written'")


def foreign_journal_other_program(folder: Path) -> None:
    other = folder / "other.db"
    _other_program_db(other)
    crash_mid_transaction(other, "DELETE FROM t; INSERT INTO t VALUES ('x')")
    os.replace(folder / "other.db-journal", folder / (NAME + "-journal"))
    other.unlink()


def foreign_journal_other_project(folder: Path) -> None:
    other = folder / "other.facil"
    ProjectFile.create(other).close()
    _import_notes(other, 400)
    crash_mid_transaction(other, "DELETE FROM note; UPDATE event SET title = 'other'")
    os.replace(folder / "other.facil-journal", folder / (NAME + "-journal"))
    other.unlink()


def stale_journal_older_copy(folder: Path) -> None:
    """An older copy of this project crashed mid-edit; its journal now sits beside a newer copy with 300 more notes."""
    older = folder / "older.facil"
    shutil.copyfile(folder / NAME, older)
    crash_mid_transaction(older, "UPDATE note SET text = text || ' (edited)'; UPDATE event SET title = 'older'")
    _import_notes(folder / NAME, 300)
    os.replace(folder / "older.facil-journal", folder / (NAME + "-journal"))
    older.unlink()


def journal_is_a_fifo(folder: Path) -> None:
    os.mkfifo(folder / (NAME + "-journal"))


def zeroed_journal(folder: Path) -> None:
    """What ``journal_mode=PERSIST`` or an exclusive-mode session leaves: a journal whose header is zeroed."""
    (folder / (NAME + "-journal")).write_bytes(b"\x00" * 4096)


def wal_mode(folder: Path) -> None:
    mutate(folder / NAME, "PRAGMA journal_mode = WAL")


def wal_mode_with_live_wal(folder: Path) -> None:
    """Changes still only in the WAL (the writer died before a checkpoint)."""
    code = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode = WAL')\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "c.execute(\"UPDATE event SET title = 'From the WAL'\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(folder / NAME)], check=True, timeout=60)


def foreign_wal(folder: Path) -> None:
    mutate(folder / NAME, "PRAGMA journal_mode = WAL")
    foreign_wal_beside_rollback_file(folder)


def foreign_wal_beside_rollback_file(folder: Path) -> None:
    """Another database's WAL: SQLite replays a -wal even beside a file in rollback mode."""
    other = folder / "other.db"
    _other_program_db(other)
    code = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode = WAL')\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "c.execute('UPDATE t SET a = a || a')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(other)], check=True, timeout=60)
    os.replace(folder / "other.db-wal", folder / (NAME + "-wal"))
    for leftover in folder.glob("other.db*"):
        leftover.unlink()


def sql(*statements: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        mutate(folder / NAME, *statements)

    return build


def fifo_project(folder: Path) -> None:
    (folder / NAME).unlink()
    os.mkfifo(folder / NAME)


def folder_project(folder: Path) -> None:
    (folder / NAME).unlink()
    (folder / NAME).mkdir()


def device_project(folder: Path) -> None:
    (folder / NAME).unlink()
    (folder / NAME).symlink_to("/dev/zero")


def huge_note(folder: Path) -> None:
    conn = sqlite3.connect(folder / NAME, isolation_level=None)
    conn.execute("UPDATE note SET text = ? WHERE rowid = (SELECT MIN(rowid) FROM note)", ("word " * 10_000_000,))
    conn.close()


def long_note_within_bounds(folder: Path) -> None:
    conn = sqlite3.connect(folder / NAME, isolation_level=None)
    conn.execute("UPDATE note SET text = ? WHERE rowid = (SELECT MIN(rowid) FROM note)", ("word " * 4_000,))
    conn.close()


def note_at_the_bound(folder: Path) -> None:
    """A note just under the 80 kB a note may hold: every output must still be quick."""
    conn = sqlite3.connect(folder / NAME, isolation_level=None)
    conn.execute("UPDATE note SET text = ? WHERE rowid = (SELECT MIN(rowid) FROM note)", ("words " * 13_000,))
    conn.close()


def enormous_photo(folder: Path) -> None:
    _add_photo(folder / NAME, big_png(13_000, 13_000), 2400, 2400)


def photo_claims_huge_width(folder: Path) -> None:
    _add_photo(folder / NAME, big_png(8, 8), width=2_000_000_000, height=8)


def photo_at_infinity(folder: Path) -> None:
    _add_photo(folder / NAME, big_png(8, 8), x="9e999")


def format_1_with_trigger(folder: Path) -> None:
    path = folder / NAME
    path.unlink()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(SCHEMA_FORMAT_1)
    conn.execute("INSERT INTO event VALUES (1, 'Old event', '2025-05-01', '', '', '10:00', '15:00')")
    conn.execute("INSERT INTO wall VALUES ('w1', 0, 'Ideas')")
    conn.execute("INSERT INTO note VALUES ('n1', 'w1', 'Old note', 'yellow', '', '', 0, 0, NULL, '2025-05-01T10:00')")
    conn.execute("CREATE TRIGGER t AFTER UPDATE ON note BEGIN DELETE FROM note; END")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.close()


def dots_on_missing_round(folder: Path) -> None:
    """Dots whose round is gone (the table is ``vote`` up to format 4, ``dot`` after)."""
    conn = sqlite3.connect(folder / NAME, isolation_level=None)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    mutate(folder / NAME, f"UPDATE {'dot' if 'dot' in tables else 'vote'} SET round_id = 'gone'")


def minutes_null(folder: Path) -> None:
    """A table's NOT NULL taken out by editing the schema text, then a NULL stored (as a crafted file could)."""
    mutate(
        folder / NAME,
        "PRAGMA writable_schema = ON",
        "UPDATE sqlite_master SET sql = replace(sql, 'minutes INTEGER NOT NULL', 'minutes INTEGER') "
        "WHERE name = 'agenda_item'",
    )
    mutate(folder / NAME, "UPDATE agenda_item SET minutes = NULL")


FIRST_NOTE = "(SELECT MIN(rowid) FROM note)"

CASES: dict[str, tuple[str, str, Callable[[Path], None]]] = {
    # 2. side files
    "hot-journal-legit": ("open", "a real crash mid-edit: the journal is rolled back", legit_hot_journal),
    "journal-from-other-program": ("refuse", "another database's hot journal", foreign_journal_other_program),
    "journal-from-other-project": ("refuse", "another project's hot journal", foreign_journal_other_project),
    "journal-from-older-copy": ("refuse", "an older copy's journal beside a newer copy", stale_journal_older_copy),
    "journal-is-a-fifo": ("refuse", "a pipe named like the journal", journal_is_a_fifo),
    "journal-zeroed": ("open", "a journal with a zeroed header is not hot", zeroed_journal),
    "wal-mode": ("open", "a WAL-mode file (no -wal/-shm may appear)", wal_mode),
    "wal-mode-live-wal": ("open", "changes only in the WAL", wal_mode_with_live_wal),
    "wal-from-other-program": ("refuse", "another database's WAL beside a WAL-mode file", foreign_wal),
    "wal-beside-rollback-file": (
        "refuse",
        "another database's WAL beside our usual (rollback-mode) file",
        foreign_wal_beside_rollback_file,
    ),
    # 3. planted SQL
    "trigger-delete-on-insert": (
        "refuse",
        "a trigger that empties the wall on import",
        sql("CREATE TRIGGER t AFTER INSERT ON note BEGIN DELETE FROM note; END"),
    ),
    "trigger-title-on-update": (
        "refuse",
        "a trigger that rewrites the title",
        sql("CREATE TRIGGER t AFTER UPDATE ON note BEGIN UPDATE event SET title = 'pwned'; END"),
    ),
    "trigger-bloat": (
        "refuse",
        "a trigger that grows the file",
        sql(
            "CREATE TRIGGER t BEFORE INSERT ON note BEGIN INSERT INTO setting VALUES (hex(randomblob(16)), "
            "zeroblob(100000000)); END"
        ),
    ),
    "trigger-blocks-edits": (
        "refuse",
        "a trigger that fails every edit",
        sql("CREATE TRIGGER t BEFORE INSERT ON note BEGIN SELECT RAISE(ABORT, 'no'); END"),
    ),
    "view-event-recursive": (
        "refuse",
        "a never-ending view in place of the event table",
        sql(
            "ALTER TABLE event RENAME TO event_old",
            "CREATE VIEW event AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) "
            "SELECT 1 AS id, 't' AS title, '2026-01-01' AS date, '' AS venue, '' AS organiser, "
            "'09:00' AS planned_start, '10:00' AS planned_end FROM r WHERE i < 0",
        ),
    ),
    "index-on-expression": (
        "refuse",
        "an extra index that runs code on every write",
        sql("CREATE INDEX i ON note(length(text) * 2)"),
    ),
    "extra-table": ("refuse", "a table we did not make", sql("CREATE TABLE extra (a)")),
    "format-1-with-trigger": ("refuse", "a trigger that would fire during migration", format_1_with_trigger),
    # 4. blow-ups
    "note-x-1e308": ("refuse", "placement buckets", sql(f"UPDATE note SET x = 1e308 WHERE rowid = {FIRST_NOTE}")),
    "note-x-inf": ("refuse", "infinity", sql(f"UPDATE note SET x = 9e999 WHERE rowid = {FIRST_NOTE}")),
    "note-x-nan-text": ("refuse", "'nan' as text", sql(f"UPDATE note SET x = 'nan' WHERE rowid = {FIRST_NOTE}")),
    "cluster-y-huge": ("refuse", "a cluster far away", sql("UPDATE cluster SET y = -1e300")),
    "photo-width-2e9": ("refuse", "placement buckets", photo_claims_huge_width),
    "photo-x-inf": ("refuse", "a photo at infinity", photo_at_infinity),
    "note-50mb": ("refuse", "a 50 MB note", huge_note),
    "note-20k-words": ("open", "a long note inside the bounds", long_note_within_bounds),
    "note-78kb": ("open", "a note just inside the bound", note_at_the_bound),
    "photo-13000px-png": ("either", "a 169-megapixel photo decoded at export", enormous_photo),
    "project-is-a-fifo": ("refuse", "a pipe named x.facil", fifo_project),
    "project-is-a-folder": ("refuse", "a folder named x.facil", folder_project),
    "project-is-a-device": ("refuse", "a link to /dev/zero named x.facil", device_project),
    # 5. crashes
    "note-text-blob": (
        "refuse",
        "bytes, not text",
        sql(f"UPDATE note SET text = X'00414243FF' WHERE rowid = {FIRST_NOTE}"),
    ),
    "note-text-nul": (
        "open",
        "a NUL inside text (stored and shown as it is)",
        sql(f"UPDATE note SET text = CAST(X'41004243' AS TEXT) WHERE rowid = {FIRST_NOTE}"),
    ),
    # 6. values the loader could not read
    "vote-on-missing-round": ("refuse", "KeyError once", dots_on_missing_round),
    "minutes-null": ("refuse", "NULL where the table said NOT NULL", minutes_null),
    "minutes-abc": ("refuse", "text minutes", sql("UPDATE agenda_item SET minutes = 'abc'")),
    "minutes-2.5": ("refuse", "fractional minutes", sql("UPDATE agenda_item SET minutes = 2.5")),
    "minutes-1e18": ("refuse", "minutes past any date", sql("UPDATE agenda_item SET minutes = 1000000000000000000")),
    "date-9999-12-31": ("open", "the last day of the calendar", sql("UPDATE event SET date = '9999-12-31'")),
    "date-garbage": ("refuse", "not a date", sql("UPDATE event SET date = '2026-02-30'")),
    "start-garbage": ("refuse", "not a time", sql("UPDATE event SET planned_start = '25:99'")),
    "wall-name-blob": ("refuse", "a name stored as bytes", sql("UPDATE wall SET name = X'FFFE'")),
    "note-created-garbage": (
        "refuse",
        "not a time",
        sql(f"UPDATE note SET created = 'soon' WHERE rowid = {FIRST_NOTE}"),
    ),
    "dots-negative": ("refuse", "a negative dot budget", sql("UPDATE vote_round SET dots_per_person = -5")),
    "run-state-inf": (
        "refuse",
        "a run clock at infinity",
        sql(
            "INSERT INTO run_state (id, item_id, item_index, elapsed, adjust, running, day_seconds, saved_wall, "
            "started_wall) VALUES (1, NULL, 0, 9e999, 0, 1, 0, 0, 0)"
        ),
    ),
}


# The committed bad-file corpus (empty, random bytes, truncated, another program's database...) joins in.
BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


def all_names() -> list[str]:
    return list(CASES) + [f"bad-{p.stem}" for p in sorted(BAD.glob("*.facil"))]


def build(root: Path, names: list[str] | None = None) -> list[Case]:
    """Write the cases into ``root`` (one folder each); returns them in order."""
    root.mkdir(parents=True, exist_ok=True)
    template = root / "template.facil"
    if not template.exists():
        ProjectFile.create(template, demo_project()).close()
    cases = []
    for name in all_names():
        if names is not None and name not in names:
            continue
        folder = root / name
        folder.mkdir()
        if name.startswith("bad-"):
            case = Case(name, "refuse", "the committed bad-file corpus")
            shutil.copyfile(BAD / (name.removeprefix("bad-") + ".facil"), folder / NAME)
        else:
            expect, why, builder = CASES[name]
            case = Case(name, expect, why)
            shutil.copyfile(template, folder / NAME)
            builder(folder)
        cases.append(case)
    return cases


if __name__ == "__main__":
    built = build(Path(sys.argv[1]))
    print(f"{len(built)} cases in {sys.argv[1]}")


# A journal header SQLite would call hot (magic, one record, 512-byte sectors, 4096-byte pages) and a record.
JOURNAL_HEADER_FOR_TESTS = (
    (bytes.fromhex("d9d505f920a163d7") + struct.pack(">IIIII", 1, 7, 10, 512, 4096)).ljust(512, b"\0")
    + struct.pack(">I", 2)
    + b"\x01" * 4096
    + b"\0\0\0\0"
)
