"""Regenerate the committed test files: format-1, -2 and -3 projects and the bad-file corpus.

Run from the repository root: ``python tests/data/make_files.py``. The files
are committed so that tests read the same bytes a user's old or damaged file
would have, even if the code that wrote them changes later.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from facilitator.demo import demo_project  # noqa: E402
from facilitator.store import ProjectFile  # noqa: E402
from facilitator.store.schema import (  # noqa: E402
    APPLICATION_ID,
    MIGRATE_1_TO_2,
    MIGRATE_2_TO_3,
    SCHEMA_FORMAT_1,
)

BAD = HERE / "bad"


def format_1_project(path: Path) -> None:
    """A small project exactly as format 1 stored it (no photo or setting tables)."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_FORMAT_1)
    conn.execute("INSERT INTO event VALUES (1, 'Old event', '2025-05-01', 'Town hall', 'Ana', '10:00', '15:00')")
    conn.execute("INSERT INTO participant_group VALUES ('g1', 0, 'Health', '#0072b2')")
    conn.execute("INSERT INTO diamond VALUES ('d1', 0, 'What hurts?', 'big')")
    conn.execute("INSERT INTO wall VALUES ('w1', 0, 'Ideas')")
    conn.execute(
        "INSERT INTO agenda_item VALUES ('a1', 0, 'Welcome', 20, 'plenary', 'none', NULL, 'Sit down', '', NULL)"
    )
    conn.execute(
        "INSERT INTO agenda_item VALUES ('a2', 1, 'Ideas', 40, 'activity', 'discover', 'd1', 'Write', 'Go', 'w1')"
    )
    conn.execute("INSERT INTO cluster VALUES ('c1', 'w1', 'Access', 'blue', 0, 0)")
    conn.execute(
        "INSERT INTO note VALUES ('n1', 'w1', 'Żółć — café', 'yellow', 'Siân', 'Health', 20, 64, 'c1', "
        "'2025-05-01T10:20:00')"
    )
    conn.execute(
        "INSERT INTO note VALUES ('n2', 'w1', 'Loose idea', 'pink', '', '', 400, 0, NULL, '2025-05-01T10:21:00')"
    )
    conn.execute("INSERT INTO vote_round VALUES ('r1', 'w1', 0, 'Round 1', 3)")
    conn.execute("INSERT INTO vote VALUES ('r1', 'n1', 'note', 2)")
    conn.execute("INSERT INTO vote VALUES ('r1', 'c1', 'cluster', 1)")
    conn.execute("INSERT INTO action VALUES ('x1', 0, 'Send notes', 'Ana', '2025-05-08')")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def format_2_or_3_project(path: Path, file_format: int) -> None:
    """Two walls, rounds with counted votes, a photo and a setting, exactly as format 2 or 3 stored them."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_FORMAT_1)
    conn.executescript(MIGRATE_1_TO_2)
    if file_format == 3:
        conn.executescript(MIGRATE_2_TO_3)
    rows = [
        f"INSERT INTO event VALUES (1, 'Format {file_format} event', '2026-06-01', 'Library', 'Bo', '09:00', '16:00')",
        "INSERT INTO participant_group VALUES ('g1', 0, 'Health', '#0072b2')",
        "INSERT INTO participant_group VALUES ('g2', 1, 'Sport', '#e69f00')",
        "INSERT INTO diamond VALUES ('d1', 0, 'What hurts?', 'big')",
        "INSERT INTO diamond VALUES ('d2', 1, 'What helps?', 'small')",
        "INSERT INTO wall VALUES ('w1', 0, 'Ideas')",
        "INSERT INTO wall VALUES ('w2', 1, 'Barriers')",
        "INSERT INTO agenda_item VALUES ('a1', 0, 'Welcome', 20, 'plenary', 'none', NULL, 'Sit down', '', NULL)",
        "INSERT INTO agenda_item VALUES ('a2', 1, 'Ideas', 40, 'activity', 'discover', 'd1', 'Write', 'Go', 'w1')",
        "INSERT INTO agenda_item VALUES ('a3', 2, 'Lunch', 45, 'break', 'none', NULL, '', '', NULL)",
        "INSERT INTO cluster VALUES ('c1', 'w1', 'Access', 'blue', 0, 0)",
        "INSERT INTO cluster VALUES ('c2', 'w2', 'Money', 'green', 300, 0)",
        "INSERT INTO note VALUES ('n1', 'w1', 'Żółć — café', 'yellow', 'Siân', 'Health', 20, 64, 'c1', "
        "'2026-06-01T10:20:00')",
        "INSERT INTO note VALUES ('n2', 'w1', 'Loose idea', 'pink', '', '', 400, 0, NULL, '2026-06-01T10:21:00')",
        "INSERT INTO note VALUES ('n3', 'w2', 'Bus fares', 'yellow', 'Al', 'Sport', 320, 64, 'c2', "
        "'2026-06-01T10:22:00')",
        "INSERT INTO vote_round VALUES ('r1', 'w1', 0, 'Round 1', 3)",
        "INSERT INTO vote_round VALUES ('r2', 'w1', 1, 'Round 2', 2)",
        "INSERT INTO vote VALUES ('r1', 'n1', 'note', 2)",
        "INSERT INTO vote VALUES ('r1', 'c1', 'cluster', 1)",
        "INSERT INTO vote VALUES ('r2', 'n2', 'note', 3)",
        "INSERT INTO action VALUES ('x1', 0, 'Send notes', 'Bo', '2026-06-08')",
        "INSERT INTO action VALUES ('x2', 1, 'Book room', '', NULL)",
        "INSERT INTO setting VALUES ('run.muted', '1')",
    ]
    for row in rows:
        conn.execute(row)
    conn.execute(
        "INSERT INTO photo VALUES ('p1', 'w1', 'Paper wall', 'image/png', 1, 1, 800, 0, '2026-06-01T11:00:00', ?)",
        (png_bytes(),),
    )
    if file_format == 3:
        conn.execute("INSERT INTO run_state VALUES (1, 'a2', 1, 120.0, 0.0, 1, 3000.0, 1780000000.0, 1779990000.0)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {file_format}")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()


def demo(path: Path) -> None:
    path.unlink(missing_ok=True)
    ProjectFile.create(path, demo_project()).close()


def with_sql(path: Path, *statements: str) -> None:
    """Write rows that break our invariants, bypassing our store (as another tool or a bug might)."""
    demo(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def main() -> None:
    format_1_project(HERE / "format1.facil")
    format_2_or_3_project(HERE / "format2.facil", 2)
    format_2_or_3_project(HERE / "format3.facil", 3)
    if BAD.exists():
        shutil.rmtree(BAD)
    BAD.mkdir()
    (BAD / "empty.facil").write_bytes(b"")
    (BAD / "random-bytes.facil").write_bytes(random.Random(7).randbytes(4096))
    (BAD / "png-renamed.facil").write_bytes(png_bytes())
    (BAD / "text-file.facil").write_text("text,colour\nnot a project,yellow\n", encoding="utf-8")
    other = BAD / "other-program.facil"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ana', '0123')")
    conn.commit()
    conn.close()
    newer = BAD / "newer-format.facil"
    demo(newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    full = HERE / "_full.facil"
    demo(full)
    data = full.read_bytes()
    full.unlink()
    (BAD / "truncated.facil").write_bytes(data[: len(data) // 3])
    with_sql(
        BAD / "note-in-missing-cluster.facil",
        "UPDATE note SET cluster_id = 'no-such-cluster' WHERE rowid = (SELECT MIN(rowid) FROM note)",
    )
    with_sql(
        BAD / "vote-on-deleted-note.facil",
        "INSERT INTO dot (id, round_id, target_id, target_kind, voter, created) "
        "SELECT 'dot-on-nothing', id, 'deleted-note', 'note', '', '2026-06-01T10:00:00Z' FROM vote_round LIMIT 1",
    )
    with_sql(
        BAD / "bad-phase-value.facil",
        "UPDATE agenda_item SET phase = 'explode' WHERE order_key = (SELECT MIN(order_key) FROM agenda_item)",
    )
    for path in sorted(BAD.iterdir()):
        print(f"{path.name}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
