"""Which kind of file the user gave us, decided from its bytes first and its name second.

One entry point for the CLI, File > Import and drag-and-drop: a CSV of
notes, a plain-text list of notes, or a JPEG/PNG photo. The real format wins
over the extension (a photo saved as ``.csv`` is still a photo; a text file
renamed ``.jpg`` is refused as a photo), and files we cannot import get a
message that says what they are and what to do instead.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from facilitator.core.project import Project
from facilitator.ingest import csv_notes, text_notes
from facilitator.ingest.errors import IngestError
from facilitator.ingest.note_import import NoteImport, apply_note_import, plan_note_import, revert_note_import
from facilitator.ingest.photos import (
    MAX_FILE_BYTES,
    PhotoImport,
    PreparedPhoto,
    apply_photo_import,
    plan_photo_import,
    prepare_photo,
    revert_photo_import,
)
from facilitator.ingest.rows import ParsedNotes
from facilitator.store import ProjectFile

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".jpe", ".jfif"}
CSV_SUFFIXES = {".csv", ".tsv"}
# The patterns for a file dialog's filter.
FILE_PATTERNS = "*.csv *.tsv *.txt *.jpg *.jpeg *.png"

_OTHER_IMAGES = (
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF", "a PDF"),
)


def read_file_bytes(path: Path) -> bytes:
    """The bytes of ``path``, or an :class:`IngestError` saying plainly why not.

    Only an ordinary file is read, and never more than the limit: the size
    ``stat`` reports is 0 for ``/dev/zero`` or a pipe, so the read itself is
    bounded (and a pipe is refused before it could block).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as fh:
            mode = os.fstat(fh.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise IngestError(f"{path.name} is a folder, not a file.")
            if not stat.S_ISREG(mode):
                raise IngestError(f"{path.name} is not a file (a device or a pipe); save what it holds as a file.")
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise IngestError(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise IngestError(f"{path.name} is a folder, not a file.") from None
    except PermissionError:
        raise IngestError(f"You do not have permission to read {path.name}.") from None
    except OSError as exc:
        raise IngestError(f"{path.name} could not be read ({exc.strerror or exc}).") from None
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(
            f"{path.name} is larger than {MAX_FILE_BYTES // 1_048_576} MB; "
            f"files up to {MAX_FILE_BYTES // 1_048_576} MB can be imported."
        )
    return data


def is_photo(data: bytes) -> bool:
    return data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n")


def read_import_bytes(data: bytes, name: str) -> ParsedNotes | PreparedPhoto:
    """Read a dropped or chosen file's bytes as notes or a photo; ``name`` is its file name (for messages)."""
    suffix = Path(name).suffix.lower()
    if is_photo(data):
        return prepare_photo(data, name)
    what = _other_kind(data)
    if what:
        raise IngestError(f"{name} is {what}; only CSV or text files of notes and JPEG or PNG photos can be imported.")
    if suffix in PHOTO_SUFFIXES:
        raise IngestError(f"{name} is not a JPEG or PNG photo, whatever its name says.")
    if suffix in {".xlsx", ".xls", ".ods", ".numbers"} or data.startswith(b"PK\x03\x04"):
        raise IngestError(f"{name} is a spreadsheet workbook; save it as CSV (UTF-8) and import that.")
    if suffix in CSV_SUFFIXES or _has_csv_header(data):
        return csv_notes.read_notes_csv(data, name)
    return text_notes.read_notes_text(data, name)


def read_import_file(path: Path) -> ParsedNotes | PreparedPhoto:
    """Read a file as notes or a photo; raise :class:`IngestError` if it cannot be imported at all."""
    return read_import_bytes(read_file_bytes(path), path.name)


def plan_import(
    project: Project, wall_name: str, content: ParsedNotes | PreparedPhoto, skip_bad_rows: bool = False
) -> NoteImport | PhotoImport:
    """Plan notes or a photo for the wall called ``wall_name`` (see the two plan functions)."""
    if isinstance(content, PreparedPhoto):
        return plan_photo_import(project, wall_name, content)
    return plan_note_import(project, wall_name, content, skip_bad_rows)


def apply_import(store: ProjectFile, project: Project, plan: NoteImport | PhotoImport) -> None:
    if isinstance(plan, PhotoImport):
        apply_photo_import(store, project, plan)
    else:
        apply_note_import(store, project, plan)


def revert_import(store: ProjectFile, project: Project, plan: NoteImport | PhotoImport) -> None:
    if isinstance(plan, PhotoImport):
        revert_photo_import(store, project, plan)
    else:
        revert_note_import(store, project, plan)


def import_file(
    store: ProjectFile, project: Project, path: Path, wall_name: str, skip_bad_rows: bool = False
) -> NoteImport | PhotoImport:
    """Read, plan and apply one file in one commit; returns the plan (to revert for undo)."""
    plan = plan_import(project, wall_name, read_import_file(path), skip_bad_rows)
    apply_import(store, project, plan)
    return plan


def _other_kind(data: bytes) -> str | None:
    for magic, what in _OTHER_IMAGES:
        if data.startswith(magic):
            return what
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypheif"):
        return "a HEIC photo (iPhone); export it as JPEG first"
    return None


def _has_csv_header(data: bytes) -> bool:
    """A .txt file whose first line is a CSV header (``text,colour,...``) is read as CSV."""
    first = data[:512].lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip().lower()
    for sep in (b",", b";", b"\t"):
        cells = [c.strip().strip(b'"') for c in first.split(sep)]
        if len(cells) >= 2 and b"text" in cells and all(c.decode("latin-1") in csv_notes.HEADER_NAMES for c in cells):
            return True
    return False
