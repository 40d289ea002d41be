"""Plain-text notes: a file or a paste, one note per non-blank line."""

from __future__ import annotations

import codecs

import pytest

from facilitator.ingest import IngestError, notes_from_text, read_import_bytes, read_notes_text
from facilitator.ingest.rows import ParsedNotes


def test_one_note_per_non_blank_line_with_crlf_and_bom():
    data = codecs.BOM_UTF8 + "First idea\r\n\r\n   Second  idea   \r\n\t\r\nÜber-third\r\n".encode()
    parsed = read_notes_text(data, "ideas.txt")
    assert [(r.text, r.line) for r in parsed.rows] == [("First idea", 1), ("Second idea", 3), ("Über-third", 5)]
    assert all(r.colour == "yellow" and r.cluster == "" for r in parsed.rows)


def test_cp1252_text_file():
    parsed = read_notes_text("Caf\u00e9 chats \u2013 weekly\n".encode("cp1252"), "ideas.txt")
    assert parsed.rows[0].text == "Café chats – weekly"


def test_paste_uses_the_capture_bars_colour_author_and_group():
    parsed = notes_from_text("one\ntwo\n\nthree", colour="Blue", author=" Mo ", group="Health")
    assert [r.text for r in parsed.rows] == ["one", "two", "three"]
    assert {(r.colour, r.author, r.group) for r in parsed.rows} == {("blue", "Mo", "Health")}
    assert parsed.source == "the pasted text"


def test_paste_of_a_very_long_line_is_a_bad_row_not_a_crash():
    parsed = notes_from_text("fine\n" + "y" * 3000)
    assert [r.text for r in parsed.rows] == ["fine"]
    assert [str(p) for p in parsed.problems] == [
        "line 2: the note is 3,000 characters long; a note holds at most 2,000"
    ]


def test_blank_text_file_and_binary_are_refused():
    with pytest.raises(IngestError, match=r"^ideas.txt has no notes in it \(every line is blank\)\.$"):
        read_notes_text(b"\n \r\n\t\n", "ideas.txt")
    with pytest.raises(IngestError, match=r"^ideas.txt is not a text or CSV file \(it holds binary data\)\.$"):
        read_notes_text(b"\x00\x10garbage", "ideas.txt")


def test_a_txt_file_with_a_csv_header_is_read_as_csv():
    parsed = read_import_bytes(b"text,colour\nIdea,blue\n", "notes.txt")
    assert isinstance(parsed, ParsedNotes)
    assert [(r.text, r.colour) for r in parsed.rows] == [("Idea", "blue")]
    plain = read_import_bytes(b"text, colour and tone matter\n", "notes.txt")
    assert [r.text for r in plain.rows] == ["text, colour and tone matter"]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            b"PK\x03\x04rest",
            "notes.xlsx",
            "notes.xlsx is a spreadsheet workbook; save it as CSV (UTF-8) and import that.",
        ),
        (
            b"GIF89a....",
            "wall.gif",
            "wall.gif is a GIF image; only CSV or text files of notes and JPEG or PNG photos can be imported.",
        ),
        (b"text,colour\n", "photo.jpg", "photo.jpg is not a JPEG or PNG photo, whatever its name says."),
    ],
)
def test_files_of_the_wrong_kind_say_what_they_are(data, name, message):
    with pytest.raises(IngestError) as caught:
        read_import_bytes(data, name)
    assert str(caught.value) == message
