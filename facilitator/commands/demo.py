"""``facilitator demo [PATH]``: write the bundled demo event, or open the app on it."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.commands.new import with_suffix
from facilitator.demo import demo_project
from facilitator.store import ProjectFile


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="write the demo event to a file, or open the app on it",
        description="Write the bundled demo event to PATH. With no PATH, open the app on the demo event.",
    )
    p.add_argument("path", type=Path, nargs="?", help="where to write the project (.facil)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.path is None:
        from facilitator.app import demo_copy, run_app

        return run_app(str(demo_copy()))
    path = with_suffix(args.path)
    ProjectFile.create(path, demo_project()).close()
    print(f"Wrote the demo event to {path}")
    return 0
