"""``facilitator merge TARGET SOURCE``: bring another laptop's project file into this one.

The source is opened read-only and never written. The rules are those of
live sync (docs/design/0008-sync.md); the one line printed says what came in.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.edits import Editor
from facilitator.store import ProjectFile
from facilitator.sync.merge import merge_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "merge",
        help="merge another project file into this one",
        description=(
            "Add the walls, notes, clusters, dots and photos of SOURCE to TARGET, matched by id. "
            "Merging the same file twice changes nothing; what was deleted on either stays deleted. "
            "SOURCE is only read."
        ),
    )
    p.add_argument("target", type=Path, help="the project to merge into (.facil; it is changed)")
    p.add_argument("source", type=Path, help="the project to merge from (.facil; it is only read)")
    p.add_argument(
        "--plan",
        action="store_true",
        help="also merge the event, agenda, groups, diamonds and actions (left as they are without it)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    with ProjectFile.open(args.target) as store:
        editor = Editor(store)
        result = merge_file(editor, args.source, plan=args.plan, origin=None)
    print(result.line())
    return 0
