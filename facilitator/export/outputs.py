"""Which outputs exist and how to make one: the single entry point for the CLI and the app's worker.

An :class:`ExportRequest` is plain picklable data (the loaded project, photo
bytes, choices), so the app can hand it to another process: the project file
stays locked by the app, and the export never touches it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from facilitator import safe_output
from facilitator.core.project import Project
from facilitator.core.wall import Wall, public_wall
from facilitator.export import records
from facilitator.export.page import Progress
from facilitator.export.styles import PAPER, default_paper
from facilitator.safe_output import OutputRefused, write_atomically

KINDS = ("agenda", "runsheet", "session", "pack", "poster", "csv", "json", "markdown")
PDF_KINDS = frozenset({"agenda", "runsheet", "session", "pack", "poster"})
WALL_KINDS = frozenset({"session", "poster"})
SUFFIXES = {"csv": ".csv", "json": ".json", "markdown": ".md"}
DESCRIPTIONS = {
    "agenda": "Agenda handout",
    "runsheet": "Run sheet (yours: with private notes)",
    "session": "Session outputs for one wall",
    "pack": "Event pack (everything)",
    "poster": "Wall poster",
    "csv": "Notes as CSV (spreadsheet)",
    "json": "Notes as JSON",
    "markdown": "Notes as Markdown",
}


class ExportError(Exception):
    """A one-line reason the export cannot be made, for the user."""


def suffix(kind: str) -> str:
    return SUFFIXES.get(kind, ".pdf")


def paper_for(kind: str, paper: str | None) -> str:
    """The paper asked for, or the default: A3 for posters, else A4/Letter from the locale."""
    if paper:
        if paper not in PAPER:
            raise ExportError(f"Unknown paper {paper!r}; choose one of {', '.join(PAPER)}.")
        return paper
    return "a3" if kind == "poster" else default_paper()


def find_wall(project: Project, name: str | None) -> Wall:
    """The wall called ``name``; with no name, the only wall. Raises with the names to choose from."""
    names = ", ".join(w.name for w in project.walls)
    if not project.walls:
        raise ExportError("This project has no walls yet.")
    if name is None:
        if len(project.walls) == 1:
            return project.walls[0]
        raise ExportError(f"Choose a wall with --wall: {names}.")
    wall = project.wall_named(name)
    if wall is None:
        raise ExportError(f"There is no wall called {name!r}; the walls are: {names}.")
    return wall


@dataclass
class ExportRequest:
    kind: str
    project: Project
    output: Path
    paper: str | None = None
    wall_id: str | None = None
    photo_data: dict[str, bytes] = field(default_factory=dict)
    # Projects the output must never replace (the one being exported, whatever path names it).
    protect: tuple[Path, ...] = ()

    def wall(self) -> Wall | None:
        if self.wall_id is None:
            return None
        try:
            return self.project.wall(self.wall_id)
        except KeyError:
            raise ExportError("That wall is no longer in the project.") from None


def photos_needed(project: Project, request_kind: str, wall_id: str | None) -> list[str]:
    """Ids of the photos an output prints, so callers read only those bytes from the file."""
    if request_kind == "pack":
        wall_ids = {w.id for w in project.walls}
    elif request_kind == "session" and wall_id:
        wall_ids = {wall_id}
    else:
        return []
    return [p.id for p in project.photos if p.wall_id in wall_ids]


def public_project(project: Project) -> Project:
    """The project with every wall as :func:`public_wall` gives it (the same object when nothing is held or hidden)."""
    walls = [public_wall(w) for w in project.walls]
    if all(a is b for a, b in zip(walls, project.walls, strict=True)):
        return project
    return replace(project, walls=walls)


def render(request: ExportRequest, progress: Progress | None = None) -> bytes:
    """The output's bytes; nothing is written."""
    kind = request.kind
    if kind not in KINDS:
        raise ExportError(f"Unknown output {kind!r}; choose one of {', '.join(KINDS)}.")
    # Outputs show what the room may see: phone notes held for approval or hidden until reveal stay out.
    project = public_project(request.project)
    wall = request.wall()
    if wall is not None:
        wall = project.wall(wall.id)
    if kind in ("csv", "json", "markdown"):
        walls: Iterable[Wall] = [wall] if wall is not None else project.walls
        return {"csv": records.to_csv, "json": records.to_json, "markdown": records.to_markdown}[kind](
            project, list(walls)
        )
    paper = paper_for(kind, request.paper)
    if kind in WALL_KINDS and wall is None:
        wall = find_wall(project, None)
    if kind == "agenda":
        from facilitator.export.agenda import AgendaHandout

        return AgendaHandout(project, paper, progress).render()
    if kind == "runsheet":
        from facilitator.export.runsheet import RunSheet

        return RunSheet(project, paper, progress).render()
    if kind == "session":
        from facilitator.export.session import SessionOutputs

        return SessionOutputs(project, wall, request.photo_data, paper, progress).render()
    if kind == "pack":
        from facilitator.export.pack import EventPack

        return EventPack(project, request.photo_data, paper, progress).render()
    from facilitator.export.poster import WallPoster

    return WallPoster(project, wall, paper, progress).render()


def run(request: ExportRequest, progress: Progress | None = None) -> Path:
    """Render and write the output (atomically); returns the path written."""
    try:
        safe_output.check_destination(Path(request.output), request.protect)
    except OutputRefused as exc:
        raise ExportError(str(exc)) from None
    data = render(request, progress)
    try:
        return write_atomically(Path(request.output), data, request.protect)
    except OutputRefused as exc:
        raise ExportError(str(exc)) from None
    except OSError as exc:
        raise ExportError(f"Could not write {request.output} ({exc.strerror or exc}).") from None
