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
from facilitator.ingest.placement import Point
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
    # Existing notes and clusters moved to make room (a cluster with no room to grow): id -> (before, after).
    moved_notes: dict[str, tuple[Point, Point]] = field(default_factory=dict)
    moved_clusters: dict[str, tuple[Point, Point]] = field(default_factory=dict)
    # What undoes the applied import, and what redoes a reverted one (edit-layer operations).
    undo: tuple = field(default=(), repr=False, compare=False)
    redo: tuple = field(default=(), repr=False, compare=False)

    def changed_note_ids(self) -> set[str]:
        """Every note this import adds or moves: what a view must redraw after apply or revert."""
        return {n.id for n in self.notes} | set(self.moved_notes)

    def changed_cluster_ids(self) -> set[str]:
        """Every cluster this import adds, grows or moves."""
        return (
            {c.id for c in self.clusters}
            | set(self.moved_clusters)
            | {n.cluster_id for n in self.notes if n.cluster_id}
        )

    def summary(self) -> str:
        """One line for the status bar or the CLI: what was added where."""
        count = len(self.notes)
        parts = [f"{count} {'note' if count == 1 else 'notes'} from {self.source} on wall {self.wall.name!r}"]
        extras = []
        if self.wall_created:
            extras.append("new wall")
        if self.clusters:
            extras.append(f"{len(self.clusters)} new {'cluster' if len(self.clusters) == 1 else 'clusters'}")
        if self.moved_clusters:
            moved = len(self.moved_clusters)
            extras.append(f"{moved} {'cluster' if moved == 1 else 'clusters'} moved to make room")
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
    existing work, tidied into a grid. An existing cluster grows in place when
    it has room; when its neighbours are in the way it moves below the rest,
    tidied, and the plan records the move so undo puts it back.
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

    moved_notes, moved_clusters = _place(project, wall, created, existing, new_clusters, by_cluster, loose)
    return NoteImport(
        wall=wall,
        wall_created=created,
        notes=notes,
        clusters=list(new_clusters.values()),
        source=parsed.source,
        skipped=list(parsed.problems),
        notices=list(parsed.notices),
        moved_notes=moved_notes,
        moved_clusters=moved_clusters,
    )


def _place(
    project: Project,
    wall: Wall,
    created: bool,
    existing: dict[str, Cluster],
    new_clusters: dict[str, Cluster],
    by_cluster: dict[str, list[Note]],
    loose: list[Note],
) -> tuple[dict[str, tuple[Point, Point]], dict[str, tuple[Point, Point]]]:
    """Set the new notes' and clusters' places; return the existing ones that must move (not moved yet)."""
    members = wall.members_by_cluster()
    occ = placement.Occupancy.of_wall(wall, project.photos_on(wall.id) if not created else (), members)
    to_place_below: list[tuple[Cluster, list[Note]]] = []
    for cluster in existing.values():
        joining = by_cluster.get(cluster.id)
        if not joining:
            continue
        places = placement.places_in_cluster(occ, cluster, members.get(cluster.id, []), len(joining))
        if places is None:
            # No room to grow where it is: the whole cluster, tidied, moves below the wall's work.
            to_place_below.append((cluster, members.get(cluster.id, []) + joining))
            continue
        for note, (x, y) in zip(joining, places, strict=True):
            note.x, note.y = x, y
    for note, (x, y) in zip(loose, placement.inbox_places(occ, len(loose)), strict=True):
        note.x, note.y = x, y
    to_place_below += [(c, by_cluster[c.id]) for c in new_clusters.values()]
    cluster_pos, note_pos = placement.place_clusters_below(occ, to_place_below)
    fresh = {c.id for c in new_clusters.values()}
    moved_notes: dict[str, tuple[Point, Point]] = {}
    moved_clusters: dict[str, tuple[Point, Point]] = {}
    for cluster, cluster_members in to_place_below:
        if cluster.id in fresh:
            cluster.x, cluster.y = cluster_pos[cluster.id]
        else:
            moved_clusters[cluster.id] = ((cluster.x, cluster.y), cluster_pos[cluster.id])
        for note in cluster_members:
            if note.id in wall.notes:
                moved_notes[note.id] = ((note.x, note.y), note_pos[note.id])
            else:
                note.x, note.y = note_pos[note.id]
    return moved_notes, moved_clusters


def _note(row: NoteRow, group_names: dict[str, str]) -> Note:
    # A group typed as "health" joins the event's "Health" group rather than starting a lookalike.
    group = group_names.get(row.group.casefold(), row.group)
    return Note(text=row.text, colour=row.colour, author=row.author, group=group, source="import")


def apply_note_import(store: ProjectFile, project: Project, plan: NoteImport) -> None:
    """Apply the plan through the edit layer: one commit, then the model; on a failed write neither changes.

    Applying a reverted plan again is its redo (the same notes come back).
    """
    from facilitator.edits import Editor
    from facilitator.edits.imports import apply_plan

    apply_plan(Editor(store, project), plan)


def revert_note_import(store: ProjectFile, project: Project, plan: NoteImport) -> None:
    """Undo :func:`apply_note_import`: remove the notes, the new clusters and a wall it created."""
    from facilitator.edits import Editor
    from facilitator.edits.imports import revert_plan

    revert_plan(Editor(store, project), plan)


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
