"""Putting imported notes on a wall: planned in memory, written in one commit, undoable.

An import has three steps so the app can wrap it in one QUndoCommand:

* :func:`plan_note_import` decides everything (the wall, new clusters, where
  each note goes) without touching the project or the file;
* :func:`apply_note_import` writes the plan in one transaction and only then
  adds it to the in-memory project, so a failed write leaves both as they were;
* :func:`revert_note_import` takes it all out again (undo); applying the same
  plan again is redo.

:func:`import_notes` plans and applies in one call, for the CLI and tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from facilitator.core.project import Project
from facilitator.core.wall import Cluster, Note, Wall
from facilitator.ingest import placement
from facilitator.ingest.errors import IngestError
from facilitator.ingest.rows import NoteRow, ParsedNotes, RowProblem
from facilitator.store import ProjectFile


class BadRows(IngestError):
    """The file has rows that cannot be notes, and the caller asked for all or nothing.

    ``parsed`` holds the good rows and the problems, so the app can offer to
    import the good rows only.
    """

    def __init__(self, parsed: ParsedNotes) -> None:
        count = len(parsed.problems)
        super().__init__(
            f"{parsed.describe_problems()}. Nothing was imported "
            f"({count} bad {'row' if count == 1 else 'rows'}, {len(parsed.rows)} good)."
        )
        self.parsed = parsed


@dataclass
class NoteImport:
    """One planned import. Keep it: applying it is do/redo, reverting it is undo."""

    wall: Wall
    wall_created: bool
    notes: list[Note]
    clusters: list[Cluster]
    source: str = ""
    skipped: list[RowProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the status bar or the CLI: what was added where."""
        count = len(self.notes)
        parts = [f"{count} {'note' if count == 1 else 'notes'} from {self.source} on wall {self.wall.name!r}"]
        extras = []
        if self.wall_created:
            extras.append("new wall")
        if self.clusters:
            extras.append(f"{len(self.clusters)} new {'cluster' if len(self.clusters) == 1 else 'clusters'}")
        if self.skipped:
            extras.append(f"{len(self.skipped)} bad {'row' if len(self.skipped) == 1 else 'rows'} skipped")
        return parts[0] + (f" ({', '.join(extras)})" if extras else "")


def target_wall(project: Project, wall_name: str) -> tuple[Wall, bool]:
    """The wall called ``wall_name`` (case and outer spaces ignored), or a new one; and whether it is new."""
    name = " ".join(wall_name.split())
    if not name:
        raise IngestError("Give the wall a name.")
    wall = project.wall_named(name)
    return (wall, False) if wall is not None else (Wall(name=name), True)


def plan_note_import(project: Project, wall_name: str, parsed: ParsedNotes, skip_bad_rows: bool = False) -> NoteImport:
    """Decide where every note of ``parsed`` goes on the wall called ``wall_name``; change nothing.

    With bad rows, raise :class:`BadRows` unless ``skip_bad_rows``: the user
    chooses between the good rows and none. New notes never overlap what is on
    the wall: unclustered ones fill the inbox, a ``cluster`` value joins the
    wall's cluster of that title (case ignored) or starts a new one below the
    existing work, tidied into a grid.
    """
    if parsed.problems and not skip_bad_rows:
        raise BadRows(parsed)
    if not parsed.rows:
        raise IngestError(f"{parsed.source} has no good rows to import.")
    wall, created = target_wall(project, wall_name)
    group_names = {g.name.casefold(): g.name for g in project.groups}
    existing = {c.title.strip().casefold(): c for c in wall.clusters.values()}
    new_clusters: dict[str, Cluster] = {}
    by_cluster: dict[str, list[Note]] = {}
    loose: list[Note] = []
    notes: list[Note] = []
    for row in parsed.rows:
        note = _note(row, group_names)
        notes.append(note)
        if not row.cluster:
            loose.append(note)
            continue
        key = row.cluster.casefold()
        cluster = existing.get(key) or new_clusters.get(key)
        if cluster is None:
            cluster = new_clusters[key] = Cluster(title=row.cluster)
        note.cluster_id = cluster.id
        by_cluster.setdefault(cluster.id, []).append(note)

    occ = placement.Occupancy.of_wall(wall, project.photos_on(wall.id) if not created else ())
    for cluster in existing.values():
        members = by_cluster.get(cluster.id)
        if members:
            for note, (x, y) in zip(
                members, placement.places_in_cluster(occ, wall, cluster, len(members)), strict=True
            ):
                note.x, note.y = x, y
    for note, (x, y) in zip(loose, placement.inbox_places(occ, len(loose)), strict=True):
        note.x, note.y = x, y
    placement.place_new_clusters(occ, [(c, by_cluster[c.id]) for c in new_clusters.values()])
    return NoteImport(
        wall=wall,
        wall_created=created,
        notes=notes,
        clusters=list(new_clusters.values()),
        source=parsed.source,
        skipped=list(parsed.problems),
        notices=list(parsed.notices),
    )


def _note(row: NoteRow, group_names: dict[str, str]) -> Note:
    # A group typed as "health" joins the event's "Health" group rather than starting a lookalike.
    group = group_names.get(row.group.casefold(), row.group)
    return Note(text=row.text, colour=row.colour, author=row.author, group=group)


def apply_note_import(store: ProjectFile, project: Project, plan: NoteImport) -> None:
    """Write the plan in one commit, then add it to ``project``; on a failed write neither changes."""
    with store.transaction():
        if plan.wall_created:
            store.save_wall(plan.wall)
        store.save_clusters(plan.wall.id, plan.clusters)
        store.save_notes(plan.wall.id, plan.notes)
    wall = plan.wall
    if plan.wall_created:
        project.walls.append(wall)
    for cluster in plan.clusters:
        wall.clusters[cluster.id] = cluster
    for note in plan.notes:
        wall.notes[note.id] = note


def revert_note_import(store: ProjectFile, project: Project, plan: NoteImport) -> None:
    """Undo :func:`apply_note_import`: remove the notes, the new clusters and a wall it created."""
    with store.transaction():
        store.delete_notes(n.id for n in plan.notes)
        store.delete_clusters(c.id for c in plan.clusters)
        if plan.wall_created:
            store.delete_wall(plan.wall.id)
    wall = plan.wall
    for note in plan.notes:
        wall.remove_note(note.id)
    for cluster in plan.clusters:
        wall.remove_cluster(cluster.id)
    if plan.wall_created:
        project.walls.remove(wall)


def import_notes(
    store: ProjectFile, project: Project, wall_name: str, parsed: ParsedNotes, skip_bad_rows: bool = False
) -> NoteImport:
    """Plan and apply in one go; returns the plan so it can be reverted."""
    plan = plan_note_import(project, wall_name, parsed, skip_bad_rows)
    apply_note_import(store, project, plan)
    return plan


def note_ids(plan: NoteImport) -> Sequence[str]:
    """The ids of the imported notes, e.g. for the wall view to select and show them."""
    return [n.id for n in plan.notes]
