"""Reading notes from CSV as Excel, LibreOffice and text editors write it, and refusing what is not."""

from __future__ import annotations

import codecs

import pytest

from facilitator.ingest import IngestError, read_notes_csv

HEADER = "text,colour,author,group,cluster"


def rows_of(data: bytes, name: str = "notes.csv"):
    return read_notes_csv(data, name)


def test_shared_sample_reads_every_row_with_accents_and_emoji_intact(shared_data):
    parsed = rows_of((shared_data / "notes-co-design-day.csv").read_bytes(), "notes-co-design-day.csv")
    assert parsed.ok and parsed.notices == []
    assert len(parsed.rows) == 32
    authors = {r.author for r in parsed.rows}
    assert {"Dr. Łukasz Wiśniewski", "Siân", "Ffion ap Dafydd", "Ada (patient voice)"} <= authors
    texts = {r.text for r in parsed.rows}
    assert 'Translate leaflets: Polish, Urdu, Welsh — "Symud mwy, teimlo\'n well"' in texts
    assert "Use the waiting room screens 📺 for 60-second activity ideas" in texts
    assert '"Moving Medicine" resources are good but few people know they exist' in texts
    unclustered = [r for r in parsed.rows if not r.cluster]
    assert len(unclustered) == 3
    assert {r.cluster for r in parsed.rows} - {""} == {
        "Time pressure",
        "Training & confidence",
        "Local connections",
        "Evidence & data",
        "Motivation",
        "Workforce",
    }


SAMPLE = HEADER + "\r\nCafé au lait for the Zoë group,pink,Siân,Health,Boissons\r\nSecond note,Blue,Tom,,\r\n"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("cp1252", b""), ("utf-16", b"")],
    ids=["utf-8", "utf-8-bom", "excel-cp1252", "utf-16-with-bom"],
)
def test_each_encoding_gives_the_same_notes(encoding, prefix):
    parsed = rows_of(prefix + SAMPLE.encode(encoding))
    assert parsed.ok
    assert [(r.text, r.colour, r.author, r.group, r.cluster) for r in parsed.rows] == [
        ("Café au lait for the Zoë group", "pink", "Siân", "Health", "Boissons"),
        ("Second note", "blue", "Tom", "", ""),
    ]
    assert parsed.rows[0].line == 2 and parsed.rows[1].line == 3


def test_cp1252_smart_quotes_and_euro_sign_from_excel():
    data = "text\n\u201cQuoted\u201d idea costs \u20ac5 \u2013 cheap\n".encode("cp1252")
    parsed = rows_of(data)
    assert parsed.encoding == "cp1252"
    assert parsed.rows[0].text == "\u201cQuoted\u201d idea costs \u20ac5 \u2013 cheap"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "old-mac-cr"])
def test_line_endings_do_not_matter_and_quoted_newlines_stay_in_the_note(newline):
    text = newline.join([HEADER, '"First line' + newline + 'second line",green,A,B,', "Next,yellow,,,", ""])
    parsed = rows_of(text.encode())
    assert parsed.ok
    assert parsed.rows[0].text == "First line\nsecond line"
    assert parsed.rows[1].text == "Next"
    assert parsed.rows[1].line == 4  # the two-line note occupies lines 2-3


def test_columns_in_any_order_and_case_with_american_spelling():
    parsed = rows_of(b"Cluster,AUTHOR,Color,Note\nThemes,Mo,purple,An idea\n")
    row = parsed.rows[0]
    assert (row.text, row.colour, row.author, row.cluster) == ("An idea", "purple", "Mo", "Themes")


def test_semicolons_from_european_excel_and_the_sep_line():
    parsed = rows_of(b"text;colour;author\nIdea, with a comma;blue;Ana\n")
    assert parsed.rows[0].text == "Idea, with a comma" and parsed.rows[0].colour == "blue"
    parsed = rows_of(b"sep=;\r\ntext;colour\r\nA;green\r\n;\r\nB;x;extra\r\n")
    assert [r.text for r in parsed.rows] == ["A"]
    # Lines are counted in the file as it is, including the sep= line.
    assert [p.line for p in parsed.problems] == [5]


def test_tabs_as_excel_unicode_text_writes_them():
    data = codecs.BOM_UTF16_LE + "text\tcolour\r\nTab idea\tpink\r\n".encode("utf-16-le")
    parsed = rows_of(data, "notes.txt")
    assert parsed.rows[0].text == "Tab idea" and parsed.rows[0].colour == "pink"


def test_unknown_colours_become_the_default_with_one_notice():
    parsed = rows_of(b"text,colour\nA,teal\nB,Gray\nC,teal\nD,\nE, YELLOW \n")
    assert [r.colour for r in parsed.rows] == ["yellow", "grey", "yellow", "yellow", "yellow"]
    assert parsed.ok
    assert parsed.notices == ["notes.csv: 2 notes have colours we do not know ('teal'); they are yellow."]


def test_extra_columns_are_ignored_with_a_notice_and_blank_rows_skipped():
    parsed = rows_of(b"text,votes,colour\nA,3,blue\n,,\n\nB,,\n")
    assert [r.text for r in parsed.rows] == ["A", "B"]
    assert parsed.notices == ["notes.csv: ignored the column 'votes'."]


def test_trailing_empty_cells_from_excel_are_fine():
    parsed = rows_of(b"text,colour\nA,blue,,,\n")
    assert parsed.ok and parsed.rows[0].text == "A"


def test_a_file_without_a_header_in_the_documented_order_is_accepted():
    parsed = rows_of(b"Idea one,blue,Mo,Health,Theme\nIdea two,,,,\n")
    assert [(r.text, r.colour, r.cluster) for r in parsed.rows] == [
        ("Idea one", "blue", "Theme"),
        ("Idea two", "yellow", ""),
    ]
    one_column = rows_of(b"Just an idea\nAnother\n")
    assert [r.text for r in one_column.rows] == ["Just an idea", "Another"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "notes.csv is empty."),
        (b"  \r\n\r\n", "notes.csv is empty."),
        (HEADER.encode() + b"\r\n", "notes.csv has no notes in it (only a header)."),
        (
            b"author,group\nMo,Health\n",
            "notes.csv line 1 names the columns but none is called 'text' "
            "(expected columns: text, colour, author, group, cluster).",
        ),
        (
            b"name,email,phone\nMo,mo@example.org,123\n",
            "notes.csv line 1 should name the columns (text, colour, author, group, cluster); "
            "it reads 'name', 'email', 'phone'.",
        ),
        (
            b"\x00\x01\x02\x03binary\xff\xfe\x00garbage" * 20,
            "notes.csv is not a text or CSV file (it holds binary data).",
        ),
        (bytes(range(1, 32)) * 50, "notes.csv is not a text or CSV file (it holds binary data)."),
        (
            b"text\n\x81\x8d\x8f\x90\x9d\n",
            "notes.csv is not a text or CSV file (its bytes are not UTF-8 or Windows text).",
        ),
    ],
    ids=["empty", "blank", "header-only", "missing-text-column", "no-header", "binary", "control-chars", "undecodable"],
)
def test_files_that_cannot_be_imported_get_one_plain_message(data, message):
    with pytest.raises(IngestError) as caught:
        rows_of(data)
    assert str(caught.value) == message


def test_bad_rows_are_named_by_the_line_they_start_on_and_good_rows_kept():
    data = "\r\n".join(
        [
            HEADER,
            "Good one,blue,,,",  # line 2
            ",blue,Mo,,",  # 3: no text
            '"Spans',  # 4-5: a good two-line note
            'two lines",green,,,',
            "Too,many,cells,here,and,more",  # 6
            '"Closed" then text,blue,,,',  # 7
            "x" * 2001,  # 8
            "Good two,,,,",  # 9
            '"Never closed,blue,,,',  # 10 to the end
            "Swallowed,,,,",
            "",
        ]
    ).encode()
    parsed = rows_of(data)
    assert [r.text for r in parsed.rows] == ["Good one", "Spans\ntwo lines", "Good two"]
    assert [r.line for r in parsed.rows] == [2, 4, 9]
    assert [str(p) for p in parsed.problems] == [
        "line 3: the note has no text",
        "line 6: the row has 6 cells but there are 5 columns (text with a comma in it must be in double quotes)",
        'line 7: there is text after a closing quote (a quote inside quoted text must be doubled: "")',
        "line 8: the note is 2,001 characters long; a note holds at most 2,000",
        "line 10: a quote opened on this line is never closed, so lines 10-11 would have become one note",
    ]
    assert parsed.describe_problems(limit=2) == (
        "notes.csv line 3: the note has no text; line 6: the row has 6 cells but there are 5 columns "
        "(text with a comma in it must be in double quotes) (and 3 more bad rows)"
    )
