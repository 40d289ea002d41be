"""``facilitator export PATH --kind KIND -o OUT``: print-ready PDFs and spreadsheet-ready data.

Reads the project read-only, so it works while the app has the file open
mid-event, and never changes it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.cli import CommandError
from facilitator.safe_output import check_destination
from facilitator.store import ProjectFile


def register(sub: argparse._SubParsersAction) -> None:
    from facilitator.export.outputs import DESCRIPTIONS, KINDS
    from facilitator.export.styles import PAPER

    kinds = "; ".join(f"{k}: {DESCRIPTIONS[k].lower()}" for k in KINDS)
    p = sub.add_parser(
        "export",
        help="write a PDF handout, pack or poster, or the notes as CSV/JSON/Markdown",
        description=f"Write an output for attendees. Kinds: {kinds}.",
    )
    p.add_argument("path", type=Path, help="the project (.facil)")
    p.add_argument("--kind", required=True, choices=KINDS, help="which output")
    p.add_argument("--wall", default=None, help="the wall's name (session, poster; optional for csv/json/markdown)")
    p.add_argument(
        "--paper",
        default=None,
        choices=list(PAPER),
        help="paper size (default: A4 or Letter from your locale; A3 for posters)",
    )
    p.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from facilitator.export.outputs import WALL_KINDS, ExportError, ExportRequest, find_wall, photos_needed, suffix
    from facilitator.export.outputs import run as export

    if args.output.is_dir():
        raise CommandError(f"{args.output} is a folder; give a file name to write.")
    output: Path = args.output if args.output.suffix else args.output.with_suffix(suffix(args.kind))
    # Before anything is read: an output onto the project (or a link to it) would destroy it.
    check_destination(output, [args.path])
    try:
        with ProjectFile.open(args.path, read_only=True) as pf:
            project = pf.load()
            wall = None
            if args.kind in WALL_KINDS or args.wall is not None:
                wall = find_wall(project, args.wall)
            wanted = photos_needed(project, args.kind, wall.id if wall else None)
            photo_data = {photo_id: pf.photo_data(photo_id) for photo_id in wanted}
        request = ExportRequest(
            kind=args.kind,
            project=project,
            output=output,
            paper=args.paper,
            wall_id=wall.id if wall else None,
            photo_data=photo_data,
            protect=(args.path,),
        )
        written = export(request)
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    print(f"Wrote {written} ({written.stat().st_size:,} bytes)")
    return 0
