"""``facilitator import-notes`` as a user or a script runs it."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image


def facilitator(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def walls(path: Path) -> dict[str, dict]:
    result = facilitator("info", path, "--json")
    assert result.returncode == 0, result.stderr
    return {w["name"]: w for w in json.loads(result.stdout)["walls"]}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_csv_import_makes_the_wall_and_a_photo_joins_it(demo_file, shared_data):
    result = facilitator("import-notes", demo_file, shared_data / "notes-co-design-day.csv", "--wall", "Co-design day")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Imported 32 notes from notes-co-design-day.csv on wall 'Co-design day' (new wall, 6 new clusters).\n"
    )
    assert result.stderr == ""
    result = facilitator(
        "import-notes", demo_file, shared_data / "paper-wall-photo-exif-rotated.jpg", "--wall", "CO-DESIGN day"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Imported photo 'paper-wall-photo-exif-rotated' (1600x1200) on wall 'Co-design day'.\n"
    wall = walls(demo_file)["Co-design day"]
    assert (wall["notes"], wall["clusters"], wall["photos"]) == (32, 6, 1)


def test_text_file_goes_onto_an_existing_wall(demo_file, tmp_path):
    notes = tmp_path / "called-out.txt"
    notes.write_bytes("First idea\r\n\r\nSecond – idea\r\n".encode("cp1252"))
    before = walls(demo_file)["Barriers"]["notes"]
    result = facilitator("import-notes", demo_file, notes, "--wall", "barriers")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Imported 2 notes from called-out.txt on wall 'Barriers'.\n"
    assert walls(demo_file)["Barriers"]["notes"] == before + 2


def test_bad_rows_refuse_the_whole_file_unless_asked_to_skip_them(demo_file, tmp_path):
    notes = tmp_path / "mixed.csv"
    notes.write_text("text,colour\r\nGood,blue\r\n,pink\r\nAlso good,teal\r\n", encoding="utf-8-sig")
    before = digest(demo_file)
    result = facilitator("import-notes", demo_file, notes, "--wall", "Mixed")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "facilitator: error: mixed.csv line 3: the note has no text. Nothing was imported (1 bad row, 2 good). "
        "Fix the file, or add --skip-bad-rows to import the 2 good rows.\n"
    )
    assert digest(demo_file) == before
    result = facilitator("import-notes", demo_file, notes, "--wall", "Mixed", "--skip-bad-rows")
    assert result.returncode == 0
    assert result.stdout == "Imported 2 notes from mixed.csv on wall 'Mixed' (new wall, 1 bad row skipped).\n"
    assert result.stderr == (
        "skipped mixed.csv line 3: the note has no text\n"
        "mixed.csv: 1 note has a colour we do not know ('teal'); it is yellow.\n"
    )
    assert walls(demo_file)["Mixed"]["notes"] == 2


def bomb_png(folder: Path) -> Path:
    """A tiny PNG whose header claims 30,000 x 30,000 pixels (900 megapixels)."""
    image = io.BytesIO()
    Image.new("L", (8, 8)).save(image, format="PNG")
    data = bytearray(image.getvalue())
    data[16:24] = struct.pack(">II", 30_000, 30_000)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return _write(folder / "bomb.png", bytes(data))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.csv", "There is no file at {d}/missing.csv."),
        (lambda d: d, "{name} is a folder, not a file."),
        (lambda d: _write(d / "empty.csv", b""), "empty.csv is empty."),
        (
            lambda d: _write(d / "junk.csv", bytes(range(256)) * 8),
            "junk.csv is not a text or CSV file (it holds binary data).",
        ),
        (
            lambda d: _write(d / "cols.csv", b"author,group\nMo,Health\n"),
            "cols.csv line 1 names the columns but none is called 'text' "
            "(expected columns: text, colour, author, group, cluster).",
        ),
        (
            bomb_png,
            "bomb.png claims to be an enormous image, larger than any photo; it was refused "
            "(it may be damaged or made to crash programs).",
        ),
        (
            lambda d: _write(d / "fake.jpg", b"text\nnot a photo\n"),
            "fake.jpg is not a JPEG or PNG photo, whatever its name says.",
        ),
    ],
    ids=["missing", "folder", "empty", "binary", "no-text-column", "bomb", "fake-photo"],
)
def test_refused_files_give_one_line_and_leave_the_project_byte_for_byte(demo_file, tmp_path, make, message):
    folder = tmp_path / "inputs"
    folder.mkdir()
    source = make(folder)
    before = digest(demo_file)
    result = facilitator("import-notes", demo_file, source, "--wall", "New wall")
    assert result.returncode == 1
    assert result.stderr == "facilitator: error: " + message.format(d=folder, name=folder.name) + "\n"
    assert digest(demo_file) == before


def test_truncated_photo_is_refused_and_the_project_kept(demo_file, shared_data, tmp_path):
    raw = (shared_data / "paper-wall-photo-exif-rotated.jpg").read_bytes()
    cut = _write(tmp_path / "cut.jpg", raw[: len(raw) // 2])
    before = digest(demo_file)
    result = facilitator("import-notes", demo_file, cut, "--wall", "Barriers")
    assert result.returncode == 1
    assert result.stderr == "facilitator: error: cut.jpg is incomplete (the file was cut short); copy it again.\n"
    assert digest(demo_file) == before


def test_project_problems_and_usage_errors(tmp_path, shared_data):
    csv = shared_data / "notes-co-design-day.csv"
    result = facilitator("import-notes", tmp_path / "nope.facil", csv, "--wall", "W")
    assert (result.returncode, result.stderr) == (
        1,
        f"facilitator: error: There is no file at {tmp_path}/nope.facil.\n",
    )
    not_project = _write(tmp_path / "x.facil", b"hello")
    result = facilitator("import-notes", not_project, csv, "--wall", "W")
    assert (result.returncode, result.stderr) == (1, "facilitator: error: x.facil is not a Facilitator project.\n")
    result = facilitator("import-notes", not_project, csv)
    assert result.returncode == 2 and "--wall" in result.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
