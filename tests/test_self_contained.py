"""A clone in any folder must pass: no test, fixture or helper reads outside the repository."""

from __future__ import annotations

import re

from conftest import REPO

# Ways a path can climb out of the repository to the sibling ``shared`` folder.
OUTSIDE = re.compile(r"""\.\./shared|parent\s*/\s*["']shared["']|parents\[\d+\]\s*/\s*["']shared["']""")


def test_no_test_reads_the_shared_folder_beside_the_repository() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for path in sorted((REPO / "tests").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line) and path.name != "test_self_contained.py"
    ]
    assert offenders == []


def test_sample_inputs_live_in_the_repository() -> None:
    samples = REPO / "tests" / "data" / "samples"
    assert (samples / "notes-co-design-day.csv").stat().st_size > 1000
    assert (samples / "paper-wall-photo-exif-rotated.jpg").stat().st_size > 10_000
    screens = REPO / "tests" / "data" / "screens"
    assert {p.name for p in screens.glob("*.json")} >= {
        "mirrored.json",
        "single-laptop.json",
        "laptop-plus-projector.json",
    }
