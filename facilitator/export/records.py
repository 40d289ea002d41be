"""Notes, clusters and votes as CSV, JSON or Markdown, for people who carry on in a spreadsheet.

One row per note (CSV), one nested document (JSON) and one readable outline
(Markdown), all in the same ranked order as the PDFs.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from facilitator.core.project import Project
from facilitator.core.wall import Note, Wall

CSV_COLUMNS = [
    "wall",
    "cluster_rank",
    "cluster",
    "cluster_dots",
    "text",
    "author",
    "group",
    "colour",
    "note_dots",
    "created",
]

# A cell starting with one of these is run as a formula (or DDE command) by spreadsheets; see ``_cell``.
# OWASP's list (= + - @ tab CR), plus line feed, and the full-width forms some spreadsheets also accept.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _cell(value: object) -> object:
    """Stop note text such as "=HYPERLINK(...)" or "-2+3+cmd|..." from running as a formula when the CSV is opened.

    The usual guard (OWASP CSV injection): prefix a quote, which spreadsheets
    show as text. Leading spaces are looked through, since some spreadsheets
    drop them before deciding what a cell is.
    """
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _ordered(wall: Wall) -> list[tuple[int | None, str, int, list[Note]]]:
    """(rank, cluster title, cluster dots, notes) in ranked order, unclustered last."""

    def by_dots(notes: Sequence[Note]) -> list[Note]:
        return sorted(notes, key=lambda n: (-wall.note_dots(n.id), n.created))

    out: list[tuple[int | None, str, int, list[Note]]] = [
        (rank, cluster.title, dots, by_dots(wall.members(cluster.id)))
        for rank, (cluster, dots) in enumerate(wall.ranked_clusters(), start=1)
    ]
    loose = wall.unclustered()
    if loose:
        out.append((None, "", 0, by_dots(loose)))
    return out


def to_csv(project: Project, walls: Sequence[Wall]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows ł and ŵ rather than mojibake."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for wall in walls:
        for rank, title, dots, notes in _ordered(wall):
            for note in notes:
                row = [
                    wall.name,
                    rank if rank is not None else "",
                    title,
                    dots if rank is not None else "",
                    note.text,
                    note.author,
                    note.group,
                    note.colour,
                    wall.note_dots(note.id),
                    note.created.isoformat(),
                ]
                writer.writerow([_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def _note_dict(wall: Wall, note: Note) -> dict:
    return {
        "text": note.text,
        "author": note.author,
        "group": note.group,
        "colour": note.colour,
        "dots": wall.note_dots(note.id),
        "created": note.created.isoformat(),
    }


def to_dict(project: Project, walls: Sequence[Wall]) -> dict:
    ev = project.event
    return {
        "event": {"title": ev.title, "date": ev.date.isoformat(), "venue": ev.venue, "organiser": ev.organiser},
        "walls": [
            {
                "name": wall.name,
                "vote_rounds": [
                    {"name": r.name, "dots_per_person": r.dots_per_person, "dots_placed": r.total} for r in wall.rounds
                ],
                "clusters": [
                    {"rank": rank, "title": title, "dots": dots, "notes": [_note_dict(wall, n) for n in notes]}
                    for rank, title, dots, notes in _ordered(wall)
                    if rank is not None
                ],
                "unclustered": [_note_dict(wall, n) for n in wall.unclustered()],
            }
            for wall in walls
        ],
    }


def to_json(project: Project, walls: Sequence[Wall]) -> bytes:
    return (json.dumps(to_dict(project, walls), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _md(text: str) -> str:
    """Note text as literal Markdown: specials escaped, line breaks kept inside the list item."""
    return " ".join(text.translate(_MD_SPECIAL).split("\n"))


def to_markdown(project: Project, walls: Sequence[Wall]) -> bytes:
    ev = project.event
    lines = [
        f"# {_md(ev.title)}",
        "",
        f"{ev.date:%A} {ev.date.day} {ev.date:%B %Y}" + (f", {_md(ev.venue)}" if ev.venue else ""),
        "",
    ]
    for wall in walls:
        lines += [f"## {_md(wall.name)}", ""]
        for r in wall.rounds:
            lines += [f"Dot vote “{_md(r.name)}”: {r.dots_per_person} dots each, {r.total} placed.", ""]
        for rank, title, dots, notes in _ordered(wall):
            heading = f"### {rank}. {_md(title)} ({dots} dots)" if rank is not None else "### Not yet grouped"
            lines += [heading, ""]
            for note in notes:
                who = ", ".join(p for p in (note.author, note.group) if p)
                tally = wall.note_dots(note.id)
                extra = (f" — {_md(who)}" if who else "") + (
                    f" · {tally} dot{'s' if tally != 1 else ''}" if tally else ""
                )
                lines.append(f"- {_md(note.text)}{extra}")
            lines.append("")
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
