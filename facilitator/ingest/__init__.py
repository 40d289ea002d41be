"""Importing notes (CSV, plain text, pasted lines) and photos of paper walls. No Qt here.

Every import runs in three steps, so the app can run the slow part off the
UI thread and make the rest one undo step:

1. **Read** (pure, no project needed, safe in a worker thread)::

       content = read_import_file(path)            # ParsedNotes or PreparedPhoto
       content = read_import_bytes(data, name)     # the same from dropped bytes
       parsed = notes_from_text(clipboard_text)    # a paste: one note per line

   A file that cannot be imported at all raises :class:`IngestError` (its
   ``str()`` is the message to show). A CSV with bad rows does not raise:
   ``parsed.problems`` lists them (``RowProblem.line``, ``.message``) next to
   the good ``parsed.rows``, and ``parsed.notices`` says what was adjusted.

2. **Plan** (main thread; reads the project, changes nothing)::

       plan = plan_import(project, "Ideas", content, skip_bad_rows=False)

   With bad rows and ``skip_bad_rows=False`` this raises :class:`BadRows`
   (``exc.parsed`` holds the counts) so the app can ask "Import the N good
   rows, or none?" and plan again with ``skip_bad_rows=True``. The wall is
   found by name, ignoring case, or planned as a new wall.

3. **Apply / revert** (one transaction each; the project is updated only after
   the commit succeeds, so a failed write changes nothing)::

       apply_import(store, project, plan)      # do, and redo
       revert_import(store, project, plan)     # undo

   ``plan.summary()`` is a one-line description; ``plan.wall`` is the wall,
   ``plan.notes`` / ``plan.photo`` what was added (select or show them).

``import_file(store, project, path, wall_name)`` does all three for the CLI.
"""

import importlib
from typing import TYPE_CHECKING

# Each name, and the module that defines it. They load on first use (PEP 562), so importing
# one light module such as ``facilitator.ingest.placement`` never pulls in pillow: the app's
# start-up stays free of the photo code until a photo is imported.
_WHERE = {
    "COLUMNS": "csv_notes",
    "read_notes_csv": "csv_notes",
    "IngestError": "errors",
    "BadRows": "note_import",
    "NoteImport": "note_import",
    "apply_note_import": "note_import",
    "import_notes": "note_import",
    "plan_note_import": "note_import",
    "revert_note_import": "note_import",
    "PhotoImport": "photos",
    "PreparedPhoto": "photos",
    "apply_photo_import": "photos",
    "plan_photo_import": "photos",
    "prepare_photo": "photos",
    "revert_photo_import": "photos",
    "NoteRow": "rows",
    "ParsedNotes": "rows",
    "RowProblem": "rows",
    "FILE_PATTERNS": "sources",
    "apply_import": "sources",
    "import_file": "sources",
    "plan_import": "sources",
    "read_import_bytes": "sources",
    "read_import_file": "sources",
    "revert_import": "sources",
    "notes_from_text": "text_notes",
    "read_notes_text": "text_notes",
}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from facilitator.ingest.csv_notes import COLUMNS, read_notes_csv
    from facilitator.ingest.errors import IngestError
    from facilitator.ingest.note_import import (
        BadRows,
        NoteImport,
        apply_note_import,
        import_notes,
        plan_note_import,
        revert_note_import,
    )
    from facilitator.ingest.photos import (
        PhotoImport,
        PreparedPhoto,
        apply_photo_import,
        plan_photo_import,
        prepare_photo,
        revert_photo_import,
    )
    from facilitator.ingest.rows import NoteRow, ParsedNotes, RowProblem
    from facilitator.ingest.sources import (
        FILE_PATTERNS,
        apply_import,
        import_file,
        plan_import,
        read_import_bytes,
        read_import_file,
        revert_import,
    )
    from facilitator.ingest.text_notes import notes_from_text, read_notes_text

__all__ = [
    "COLUMNS",
    "FILE_PATTERNS",
    "BadRows",
    "IngestError",
    "NoteImport",
    "NoteRow",
    "ParsedNotes",
    "PhotoImport",
    "PreparedPhoto",
    "RowProblem",
    "apply_import",
    "apply_note_import",
    "apply_photo_import",
    "import_file",
    "import_notes",
    "notes_from_text",
    "plan_import",
    "plan_note_import",
    "plan_photo_import",
    "prepare_photo",
    "read_import_bytes",
    "read_import_file",
    "read_notes_csv",
    "read_notes_text",
    "revert_import",
    "revert_note_import",
    "revert_photo_import",
]
