"""``facilitator import-notes PATH FILE --wall NAME``: notes from CSV or text, or a photo, onto a wall.

The file is read and checked before the project is opened for writing, so a
refused import leaves the project file byte for byte as it was. An accepted
import is one commit: all of it lands, or none.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.cli import CommandError
from facilitator.ingest import BadRows, ParsedNotes, apply_import, plan_import, read_import_file
from facilitator.ingest.csv_notes import COLUMNS
from facilitator.store import ProjectFile


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import-notes",
        help="import notes (CSV or text) or a photo onto a wall",
        description=(
            "Import sticky notes from a CSV file (columns: "
            + ", ".join(COLUMNS)
            + ") or a text file (one note per line), or a JPEG/PNG photo of a paper wall, "
            "onto a wall. The wall is created if there is none of that name. "
            "The import is all or nothing."
        ),
    )
    p.add_argument("path", type=Path, help="the project (.facil)")
    p.add_argument("file", type=Path, help="the CSV, text or photo file to import")
    p.add_argument("--wall", required=True, help="the wall's name (case is ignored; made if missing)")
    p.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="import the good rows of a CSV and skip the bad ones (default: import nothing if any row is bad)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    content = read_import_file(args.file)
    if isinstance(content, ParsedNotes) and content.problems and not args.skip_bad_rows:
        raise CommandError(
            f"{BadRows(content)} Fix the file, or add --skip-bad-rows to import the {len(content.rows)} good rows."
        )
    with ProjectFile.open(args.path) as store:
        project = store.load()
        plan = plan_import(project, args.wall, content, args.skip_bad_rows)
        apply_import(store, project, plan)
    if isinstance(content, ParsedNotes):
        for problem in content.problems:
            print(f"skipped {content.source} {problem}", file=sys.stderr)
        for notice in content.notices:
            print(notice, file=sys.stderr)
    print(f"Imported {plan.summary()}.")
    return 0
