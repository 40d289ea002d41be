"""``facilitator demo PATH``: write the bundled demo event."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.commands.new import with_suffix
from facilitator.demo import demo_project
from facilitator.store import ProjectFile


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo", help="write the demo event to a file", description="Write the bundled demo event to PATH."
    )
    p.add_argument("path", type=Path, help="where to write the project (.facil)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = with_suffix(args.path)
    ProjectFile.create(path, demo_project()).close()
    print(f"Wrote the demo event to {path}")
    return 0
