"""The bounds check reads each table once, and still names the first broken rule.

``check_limits`` runs one query per table (every rule's condition joined with OR) and only
when that finds something runs the per-rule queries that name it. These tests plant one bad
value per rule and check both halves agree, so a rule cannot drop out of the single pass.
"""

from __future__ import annotations

import sqlite3

import pytest

from facilitator.store import limits
from facilitator.store.errors import CorruptProject

# A value that breaks each kind of rule whatever its bounds (a wrong type).
BAD = {
    "text": "X'00'",
    "opt_text": "X'00'",
    "int": "'abc'",
    "real": "'abc'",
    "blob": "'abc'",
    "date": "'someday'",
    "opt_date": "'someday'",
    "time": "'25:99'",
    "datetime": "'soon'",
}


def _table_with(table: str, column: str, value_sql: str) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE TABLE {limits._quote(table)} ({limits._quote(column)})")
    conn.execute(f"INSERT INTO {limits._quote(table)} VALUES ({value_sql})")
    return conn


@pytest.mark.parametrize("rule", limits.RULES, ids=lambda r: f"{r.table}.{r.column}")
def test_each_rule_is_caught_by_the_single_pass_and_named(rule):
    conn = _table_with(rule.table, rule.column, BAD[rule.kind])
    columns = {rule.table: {rule.column}}
    hits = [conn.execute(sql).fetchone() for sql in limits._table_checks(columns, conn_bytes(conn))]
    assert any(hits)
    with pytest.raises(CorruptProject, match=rule.what.replace("'", ".")):
        limits.check_limits(conn, "x.facil")


@pytest.mark.parametrize(
    "rule", [r for r in limits.RULES if r.kind in ("text", "opt_text", "blob")], ids=lambda r: f"{r.table}.{r.column}"
)
def test_a_value_one_byte_over_its_bound_is_caught(rule):
    as_type = "BLOB" if rule.kind == "blob" else "TEXT"
    conn = _table_with(rule.table, rule.column, f"CAST(zeroblob({int(rule.high) + 1}) AS {as_type})")
    with pytest.raises(CorruptProject, match=rule.what.replace("'", ".")):
        limits.check_limits(conn, "x.facil")


def test_a_value_in_a_column_no_rule_names_is_bounded_too():
    conn = _table_with("change_log", "op", f"CAST(zeroblob({limits.MAX_ANY_VALUE + 1}) AS TEXT)")
    with pytest.raises(CorruptProject, match=r"too large to use \(change_log\.op\)"):
        limits.check_limits(conn, "x.facil")


def test_a_byte_bound_the_file_cannot_reach_is_left_out_and_kept_otherwise():
    rule = next(r for r in limits.RULES if r.table == "note" and r.column == "text")
    assert "length(" in limits._bad(rule, '"text"')
    assert "length(" in limits._bad(rule, '"text"', file_bytes=rule.high + 1)
    assert "length(" not in limits._bad(rule, '"text"', file_bytes=rule.high)
    # A small file has no size-only query at all for columns without a rule.
    assert limits._table_checks({"change_log": {"op"}}, file_bytes=4096) == []
    assert limits._table_checks({"change_log": {"op"}}, file_bytes=limits.MAX_ANY_VALUE + 1)


def test_values_in_bounds_pass():
    conn = _table_with("note", "text", "'Childcare'")
    limits.check_limits(conn, "x.facil")


def conn_bytes(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
