"""``facilitator new PATH``: an empty project."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator.core.event import Event
from facilitator.core.project import Project
from facilitator.store import ProjectFile


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="create an empty project", description="Create an empty project file.")
    p.add_argument("path", type=Path, help="where to write the project (.facil)")
    p.add_argument("--title", default="Untitled event", help="the event's title")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = with_suffix(args.path)
    ProjectFile.create(path, Project(event=Event(title=args.title))).close()
    print(f"Created {path}")
    return 0


def with_suffix(path: Path) -> Path:
    """Add ``.facil`` when the user gave no extension, as a save dialog would."""
    return path if path.suffix else path.with_suffix(".facil")
