"""Helpers for the export tests: read a PDF back as bytes, the way a reader's viewer would."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader


def reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-"), "not a PDF"
    return PdfReader(io.BytesIO(data))


def text_of(data: bytes) -> str:
    """All text, pages joined, with line breaks folded to spaces so wrapped phrases still match."""
    pages = [page.extract_text() or "" for page in reader(data).pages]
    return " ".join(" ".join(pages).split())


def assert_in_order(text: str, phrases: list[str]) -> None:
    """Every phrase appears, each after the one before."""
    at = 0
    for phrase in phrases:
        found = text.find(" ".join(phrase.split()), at)
        assert found >= 0, f"{phrase!r} missing (or out of order) after position {at}"
        at = found + 1


def page_size(data: bytes, index: int = 0) -> tuple[float, float]:
    box = reader(data).pages[index].mediabox
    return round(float(box.width), 1), round(float(box.height), 1)


def qpdf_check(data: bytes, tmp_path: Path) -> None:
    """qpdf finds no structural errors (the CI script installs qpdf)."""
    assert shutil.which("qpdf"), "qpdf is not installed (apt-get install qpdf)"
    path = tmp_path / "check.pdf"
    path.write_bytes(data)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def outline_titles(data: bytes) -> list[tuple[int, str]]:
    """(depth, title) for every bookmark, in order."""
    out: list[tuple[int, str]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title))

    walk(reader(data).outline, 0)
    return out
