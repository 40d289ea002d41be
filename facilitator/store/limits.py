"""Bounds on every value a project file holds, checked in SQL before the loader reads a row.

A stranger's file can hold anything SQLite can store: a note at x = 1e308,
a photo 2e9 pixels wide, a 50 MB note, ``minutes`` = 'abc' or 1e18, a wall
name stored as a blob, text with NUL bytes. Each of those once crashed,
hung or ate gigabytes somewhere downstream (placement buckets, PDF layout,
Qt's text engine). The bounds are generous (far beyond anything the app or
an import writes) and are checked here as plain queries over the tables, so
they hold whatever the loader looks like; a rule whose table or column a
format does not have is skipped. The first value out of bounds is refused in
one line, and nothing is written.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from facilitator.store.errors import CorruptProject, reading_error

# A wall is at most 10 km of 1:1 pixels across: far beyond any real wall, small enough for any grid.
MAX_COORDINATE = 10_000_000
# A photo's size on the wall, in wall units (imports store at most 2400 px on the long edge).
MAX_PHOTO_SIDE = 100_000
MAX_PHOTO_BYTES = 64 * 1024 * 1024
# Text an import refuses beyond 2,000 characters a note; typed text is far shorter. Bytes of UTF-8.
MAX_SHORT_TEXT = 8_000
MAX_NOTE_TEXT = 80_000
MAX_LONG_TEXT = 400_000
# Any other value, in a table a later format adds: enough for a change log entry, bounded for memory.
MAX_ANY_VALUE = 16 * 1024 * 1024
# An agenda item lasts at most a week; a vote round gives at most 10,000 dots a person.
MAX_MINUTES = 7 * 24 * 60
MAX_COUNT = 1_000_000
# Seconds in the run's state (timestamps included): any real moment is far inside.
MAX_SECONDS = 1e11


@dataclass(frozen=True)
class Rule:
    table: str
    column: str
    kind: str  # "text", "opt_text", "int", "real", "blob", "date", "opt_date", "datetime", "time"
    low: float = 0
    high: float = 0
    what: str = ""


def _text(table: str, column: str, limit: int, what: str, optional: bool = False) -> Rule:
    return Rule(table, column, "opt_text" if optional else "text", 0, limit, what)


RULES: tuple[Rule, ...] = (
    _text("event", "title", MAX_SHORT_TEXT, "the event's title"),
    Rule("event", "date", "date", what="the event's date"),
    _text("event", "venue", MAX_SHORT_TEXT, "the venue"),
    _text("event", "organiser", MAX_SHORT_TEXT, "the organiser"),
    Rule("event", "planned_start", "time", what="the planned start"),
    Rule("event", "planned_end", "time", what="the planned end"),
    _text("participant_group", "id", MAX_SHORT_TEXT, "a group's id"),
    _text("participant_group", "name", MAX_SHORT_TEXT, "a group's name"),
    _text("participant_group", "colour", MAX_SHORT_TEXT, "a group's colour"),
    Rule("participant_group", "position", "int", -MAX_COUNT, MAX_COUNT, "a group's position"),
    _text("diamond", "id", MAX_SHORT_TEXT, "a diamond's id"),
    _text("diamond", "question", MAX_SHORT_TEXT, "a diamond's question"),
    Rule("diamond", "position", "int", -MAX_COUNT, MAX_COUNT, "a diamond's position"),
    _text("wall", "id", MAX_SHORT_TEXT, "a wall's id"),
    _text("wall", "name", MAX_SHORT_TEXT, "a wall's name"),
    Rule("wall", "position", "int", -MAX_COUNT, MAX_COUNT, "a wall's position"),
    _text("agenda_item", "id", MAX_SHORT_TEXT, "an agenda item's id"),
    _text("agenda_item", "title", MAX_SHORT_TEXT, "an agenda item's title"),
    Rule("agenda_item", "minutes", "int", -MAX_MINUTES, MAX_MINUTES, "an agenda item's minutes"),
    _text("agenda_item", "kind", MAX_SHORT_TEXT, "an agenda item's kind"),
    _text("agenda_item", "phase", MAX_SHORT_TEXT, "an agenda item's phase"),
    _text("agenda_item", "instructions", MAX_LONG_TEXT, "an agenda item's instructions"),
    _text("agenda_item", "notes", MAX_LONG_TEXT, "an agenda item's notes"),
    Rule("agenda_item", "position", "int", -MAX_COUNT, MAX_COUNT, "an agenda item's position"),
    _text("cluster", "id", MAX_SHORT_TEXT, "a cluster's id"),
    _text("cluster", "title", MAX_SHORT_TEXT, "a cluster's title"),
    _text("cluster", "colour", MAX_SHORT_TEXT, "a cluster's colour"),
    Rule("cluster", "x", "real", -MAX_COORDINATE, MAX_COORDINATE, "a cluster's position"),
    Rule("cluster", "y", "real", -MAX_COORDINATE, MAX_COORDINATE, "a cluster's position"),
    _text("note", "id", MAX_SHORT_TEXT, "a note's id"),
    _text("note", "text", MAX_NOTE_TEXT, "a note's text"),
    _text("note", "colour", MAX_SHORT_TEXT, "a note's colour"),
    _text("note", "author", MAX_SHORT_TEXT, "a note's author"),
    _text("note", "grp", MAX_SHORT_TEXT, "a note's group"),
    Rule("note", "x", "real", -MAX_COORDINATE, MAX_COORDINATE, "a note's position"),
    Rule("note", "y", "real", -MAX_COORDINATE, MAX_COORDINATE, "a note's position"),
    Rule("note", "created", "datetime", what="a note's time"),
    _text("vote_round", "name", MAX_SHORT_TEXT, "a vote round's name"),
    Rule("vote_round", "dots_per_person", "int", 0, 10_000, "a vote round's dots per person"),
    Rule("vote_round", "position", "int", -MAX_COUNT, MAX_COUNT, "a vote round's position"),
    Rule("vote", "count", "int", 1, MAX_COUNT, "a dot count"),
    _text("vote", "target_id", MAX_SHORT_TEXT, "a dot's note or cluster"),
    _text("action", "text", MAX_LONG_TEXT, "an action's text"),
    _text("action", "owner", MAX_SHORT_TEXT, "an action's owner"),
    Rule("action", "due", "opt_date", what="an action's due date"),
    Rule("action", "position", "int", -MAX_COUNT, MAX_COUNT, "an action's position"),
    _text("photo", "caption", MAX_LONG_TEXT, "a photo's caption"),
    _text("photo", "mime", MAX_SHORT_TEXT, "a photo's type"),
    Rule("photo", "width", "int", 0, MAX_PHOTO_SIDE, "a photo's width"),
    Rule("photo", "height", "int", 0, MAX_PHOTO_SIDE, "a photo's height"),
    Rule("photo", "x", "real", -MAX_COORDINATE, MAX_COORDINATE, "a photo's position"),
    Rule("photo", "y", "real", -MAX_COORDINATE, MAX_COORDINATE, "a photo's position"),
    Rule("photo", "created", "datetime", what="a photo's time"),
    Rule("photo", "data", "blob", 0, MAX_PHOTO_BYTES, "a photo's image"),
    Rule("run_state", "item_index", "int", -MAX_COUNT, MAX_COUNT, "the run's item"),
    Rule("run_state", "elapsed", "real", -MAX_SECONDS, MAX_SECONDS, "the run's elapsed time"),
    Rule("run_state", "adjust", "real", -MAX_SECONDS, MAX_SECONDS, "the run's adjustment"),
    Rule("run_state", "day_seconds", "real", -MAX_SECONDS, MAX_SECONDS, "the run's day"),
    Rule("run_state", "saved_wall", "real", -MAX_SECONDS, MAX_SECONDS, "the run's saved time"),
    Rule("run_state", "started_wall", "real", -MAX_SECONDS, MAX_SECONDS, "the run's start time"),
    Rule("run_item_time", "elapsed", "real", -MAX_SECONDS, MAX_SECONDS, "an item's elapsed time"),
    Rule("run_item_time", "adjust", "real", -MAX_SECONDS, MAX_SECONDS, "an item's adjustment"),
)


def _bad(rule: Rule, c: str, file_bytes: float = float("inf")) -> str:
    """A SQL condition true for a value that breaks ``rule`` (``c`` is the quoted column).

    A byte bound at least ``file_bytes`` is left out: no value can be longer than the file that
    holds it, so such a bound cannot be broken (the default keeps every bound).
    """
    as_bytes = f"length(CAST({c} AS BLOB))"
    no_nul = f"instr(CAST({c} AS BLOB), X'00') > 0"
    if rule.kind in ("text", "opt_text"):
        types = "('text', 'null')" if rule.kind == "opt_text" else "('text')"
        too_long = f" OR {as_bytes} > {int(rule.high)}" if rule.high < file_bytes else ""
        return f"typeof({c}) NOT IN {types}{too_long}"
    if rule.kind == "int":
        return f"typeof({c}) != 'integer' OR {c} < {int(rule.low)} OR {c} > {int(rule.high)}"
    if rule.kind == "real":
        return f"typeof({c}) NOT IN ('real', 'integer') OR NOT ({c} BETWEEN {rule.low!r} AND {rule.high!r})"
    if rule.kind == "blob":
        too_long = f" OR {as_bytes} > {int(rule.high)}" if rule.high < file_bytes else ""
        return f"typeof({c}) != 'blob' OR {as_bytes} < {int(rule.low)}{too_long}"
    # Dates and times: ISO text SQLite itself can read (a note's time before year 9999, as a clock would write).
    if rule.kind in ("date", "opt_date"):
        # 9999-12-31 stays allowed: a date edit can pick it, so the app must cope with it downstream.
        valid = f"(typeof({c}) = 'text' AND length({c}) = 10 AND date({c}) = {c})"
        return f"NOT ({valid} OR {c} IS NULL)" if rule.kind == "opt_date" else f"NOT {valid}"
    if rule.kind == "time":
        return f"NOT (typeof({c}) = 'text' AND length({c}) <= 8 AND time({c}) IS NOT NULL)"
    if rule.kind == "datetime":
        return (
            f"NOT (typeof({c}) = 'text' AND {as_bytes} <= 40 AND datetime({c}) IS NOT NULL "
            f"AND substr({c}, 1, 4) < '9999' AND NOT {no_nul})"
        )
    raise ValueError(rule.kind)


def _columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: {r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')} for t in tables}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_CHECKED = frozenset((r.table, r.column) for r in RULES)


def _table_checks(columns: dict[str, set[str]], file_bytes: float) -> list[str]:
    """One query per table, true when any row breaks any rule (or the size bound) of any of its columns.

    Each table is read once instead of once per column; the conditions are exactly those the
    per-rule queries of :func:`_first_broken` use (less the bounds the file's size cannot reach).
    """
    queries = []
    for table, cols in columns.items():
        conditions = [_bad(r, _quote(r.column), file_bytes) for r in RULES if r.table == table and r.column in cols]
        if file_bytes > MAX_ANY_VALUE:
            unruled = sorted(c for c in cols if (table, c) not in _CHECKED)
            conditions += [f"length(CAST({_quote(c)} AS BLOB)) > {MAX_ANY_VALUE}" for c in unruled]
        if conditions:
            where = " OR ".join(f"({c})" for c in conditions)
            queries.append(f"SELECT 1 FROM {_quote(table)} WHERE {where} LIMIT 1")
    return queries


def _first_broken(conn: sqlite3.Connection, name: str, columns: dict[str, set[str]]) -> None:
    """Raise naming the first rule (in :data:`RULES` order, then the size bound) a value breaks."""
    for rule in RULES:
        if rule.column not in columns.get(rule.table, ()):
            continue
        sql = f"SELECT 1 FROM {_quote(rule.table)} WHERE {_bad(rule, _quote(rule.column))} LIMIT 1"
        if conn.execute(sql).fetchone():
            raise CorruptProject(
                f"{name} holds a value Facilitator cannot use ({rule.what}: wrong type, size or range), "
                "so it was not opened; nothing was changed."
            )
    for table, cols in columns.items():
        for column in cols:
            if (table, column) in _CHECKED:
                continue
            c = _quote(column)
            sql = f"SELECT 1 FROM {_quote(table)} WHERE length(CAST({c} AS BLOB)) > {MAX_ANY_VALUE} LIMIT 1"
            if conn.execute(sql).fetchone():
                raise CorruptProject(f"{name} holds a value too large to use ({table}.{column}); not opened.")


def check_limits(conn: sqlite3.Connection, name: str) -> None:
    """Raise :class:`CorruptProject` naming the first value out of bounds, or a reference to nothing.

    The common case (every value in bounds) costs one pass over each table; only a file that
    breaks a bound pays for the per-rule queries that name the first broken rule.
    """
    try:
        columns = _columns(conn)
        # Every value lives in the file's pages (the integrity check has followed every overflow chain).
        file_bytes = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
        if any(conn.execute(sql).fetchone() for sql in _table_checks(columns, file_bytes)):
            _first_broken(conn, name, columns)
            raise CorruptProject(
                f"{name} holds a value Facilitator cannot use, so it was not opened; nothing was changed."
            )
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
    except sqlite3.Error as exc:
        raise reading_error(name, exc) from None
    if broken:
        child, _, parent, _ = broken
        raise CorruptProject(f"{name} is damaged: a {_human(child)} refers to a {_human(parent)} that does not exist.")


def _human(table: str) -> str:
    return {"participant_group": "group", "agenda_item": "agenda item", "vote_round": "vote round"}.get(
        table, table.replace("_", " ")
    )
