"""``facilitator info PATH``: what a project holds, for people or (``--json``) for scripts."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from facilitator.core.agenda import describe_overrun, overrun_minutes
from facilitator.store import ProjectFile


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("info", help="summarise a project", description="Summarise a project file.")
    p.add_argument("path", type=Path, help="the project (.facil)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    with ProjectFile.open(args.path, read_only=True) as pf:
        project = pf.load()
        file_format = pf.format
    summary = {"format": file_format, **project.summary()}
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return 0
    ev = summary["event"]
    print(ev["title"])
    print(f"{ev['date']}, {ev['planned_start']}-{ev['planned_end']}" + (f", {ev['venue']}" if ev["venue"] else ""))
    if ev["organiser"]:
        print(f"Organised by {ev['organiser']}")
    timing = describe_overrun(overrun_minutes(project.event, project.agenda))
    print(f"\nAgenda ({len(summary['agenda'])} items, {timing}):")
    for item in summary["agenda"]:
        phase = "" if item["phase"] == "none" else f"  [{item['phase']}]"
        print(f"  {item['start']}-{item['end']}  {item['title']}{phase}")
    print(f"\nWalls ({len(summary['walls'])}):")
    for wall in summary["walls"]:
        print(f"  {wall['name']}: {wall['notes']} notes, {wall['clusters']} clusters, {wall['votes']} dots")
    print(f"\nActions: {summary['actions']}    Format: {file_format}")
    return 0
