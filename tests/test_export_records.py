"""Notes, clusters and votes as CSV, JSON and Markdown."""

from __future__ import annotations

import csv
import io
import json

from facilitator.core.wall import Note
from facilitator.export.records import CSV_COLUMNS, to_csv, to_json, to_markdown


def test_csv_has_one_row_per_note_in_ranked_order_and_opens_in_excel(demo_project):
    wall = demo_project.walls[0]
    data = to_csv(demo_project, [wall])
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(wall.notes)
    ranked = [c.title for c, _ in wall.ranked_clusters()]
    seen = list(dict.fromkeys(r["cluster"] for r in rows))
    assert seen == [*ranked, ""]
    first = rows[0]
    assert first["cluster_rank"] == "1" and first["cluster_dots"] == "16" and first["note_dots"] == "4"
    assert any(r["author"] == "Dr Łukasz Wiśniewski" for r in rows)


def test_csv_cells_that_look_like_formulas_stay_text(demo_project):
    wall = demo_project.walls[0]
    wall.add_note(Note('=HYPERLINK("http://x","click")', author="+44 1234"))
    rows = list(csv.DictReader(io.StringIO(to_csv(demo_project, [wall]).decode("utf-8-sig"))))
    last = next(r for r in rows if "HYPERLINK" in r["text"])
    assert last["text"] == '\'=HYPERLINK("http://x","click")'
    assert last["author"] == "'+44 1234"


def test_json_nests_clusters_with_their_notes_and_votes(demo_project):
    doc = json.loads(to_json(demo_project, demo_project.walls))
    assert doc["event"]["title"].startswith("Moving Together")
    barriers = doc["walls"][0]
    assert barriers["vote_rounds"][0]["dots_placed"] == demo_project.walls[0].total_dots
    assert [c["rank"] for c in barriers["clusters"]] == list(range(1, len(barriers["clusters"]) + 1))
    assert barriers["clusters"][0]["title"] == "Fear and motivation"
    assert barriers["clusters"][0]["notes"][0] == {
        "text": "Nobody ever asked me what I actually enjoy",
        "author": "Ada Okafor",
        "group": "Patient voice",
        "colour": "pink",
        "dots": 4,
        "created": barriers["clusters"][0]["notes"][0]["created"],
    }
    assert len(barriers["unclustered"]) == 3
    notes = sum(len(c["notes"]) for c in barriers["clusters"]) + len(barriers["unclustered"])
    assert notes == len(demo_project.walls[0].notes)


def test_markdown_reads_as_an_outline_and_escapes_note_text(demo_project):
    wall = demo_project.walls[0]
    wall.add_note(Note("*not bold* <b>x</b> # [link](y)\nsecond line", author="Mo"))
    text = to_markdown(demo_project, [wall]).decode("utf-8")
    assert text.startswith("# Moving Together")
    assert "### 1. Fear and motivation (16 dots)" in text
    assert "- Nobody ever asked me what I actually enjoy — Ada Okafor, Patient voice · 4 dots" in text
    assert "\\*not bold\\* \\<b\\>x\\</b\\> \\# \\[link\\](y) second line — Mo" in text
    assert text.index("### Not yet grouped") > text.index("### 5.")
