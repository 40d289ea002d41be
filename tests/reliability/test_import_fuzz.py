"""Fuzzing the notes importers: any bytes are imported faithfully or refused with a message naming the line."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from facilitator.ingest import IngestError, ParsedNotes, read_import_bytes
from facilitator.ingest.rows import MAX_NOTE_CHARS

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_or_refuse(data: bytes, name: str) -> ParsedNotes | None:
    """What a user gets: notes (with any bad rows named by line) or one plain message."""
    try:
        parsed = read_import_bytes(data, name)
    except IngestError as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        return None
    assert isinstance(parsed, ParsedNotes)
    for problem in parsed.problems:
        assert problem.line >= 1 and str(problem).startswith(f"line {problem.line}: ")
    for row in parsed.rows:
        assert row.text.strip() and len(row.text) <= MAX_NOTE_CHARS
    return parsed


@FUZZ
@given(data=st.binary(max_size=4096), name=st.sampled_from(["notes.csv", "notes.txt", "dropped", "photo.jpg"]))
@example(data=b'text,colour\n"unterminated,yellow\nnext,pink\n', name="notes.csv")
@example(data=b"\xef\xbb\xbftext\r\nna\xc3\xafve\r\n", name="notes.csv")
@example(data=b"\xff\xd8\xff\xe0 truncated jpeg", name="photo.jpg")
def test_any_bytes_are_read_or_refused_with_a_message(data, name):
    read_or_refuse(data, name)


@FUZZ
@given(text=st.text(max_size=2000), name=st.sampled_from(["notes.csv", "notes.txt"]))
def test_any_text_with_control_characters_is_read_or_refused(text, name):
    read_or_refuse(text.encode("utf-8", "replace"), name)


CELL = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\x85"),
        min_size=1,
        max_size=80,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
NOTE_TEXT = st.lists(CELL, min_size=1, max_size=3).map("\n".join)
ROW = st.tuples(NOTE_TEXT, st.sampled_from(["yellow", "pink", "blue", "green"]), CELL, CELL, CELL | st.just(""))


@FUZZ
@given(
    rows=st.lists(ROW, min_size=1, max_size=30),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
@example(rows=[("Â¡", "yellow", "", "", "")], encoding="cp1252", newline="\n")  # ambiguous: also valid UTF-8
def test_well_formed_csv_is_imported_faithfully_in_any_encoding(rows, encoding, newline):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(["text", "colour", "author", "group", "cluster"])
    writer.writerows(rows)
    try:
        data = out.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = out.getvalue().encode("utf-8")  # cp1252 cannot hold every script; Excel would write UTF-8
    expected = [tuple(r) for r in rows]
    if encoding == "cp1252" and _is_utf8(data):
        # Ambiguous bytes: cp1252 "Â¡" is C2 A1, which is also UTF-8 for "¡". The importer reads UTF-8
        # first (what Excel's "CSV UTF-8", phones and every modern tool write), so that is the faithful reading.
        expected = [tuple(r) for r in list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))[1:]]
    parsed = read_or_refuse(data, "notes.csv")
    assert parsed is not None and parsed.problems == []
    assert [(r.text, r.colour, r.author, r.group, r.cluster) for r in parsed.rows] == expected


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@FUZZ
@given(size=st.integers(MAX_NOTE_CHARS - 5, MAX_NOTE_CHARS * 50), line=st.integers(0, 5))
def test_huge_fields_are_refused_naming_their_line(size, line):
    rows = [f"note {i}" for i in range(6)]
    rows[line] = "x" * size
    data = ("text\n" + "\n".join(rows) + "\n").encode()
    parsed = read_or_refuse(data, "notes.csv")
    assert parsed is not None
    if size > MAX_NOTE_CHARS:
        assert [p.line for p in parsed.problems] == [line + 2]
        assert len(parsed.rows) == 5
    else:
        assert parsed.problems == [] and len(parsed.rows) == 6
