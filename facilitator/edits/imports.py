"""An import plan (notes or a photo, planned by ``facilitator.ingest``) as edit-layer operations.

The planner decides where everything goes without changing anything; these
operations are what applying it means, so an import takes the same path,
rules, change log and notices as a typed note or a phone's note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator.edits import ops as o
from facilitator.edits.editor import Editor
from facilitator.edits.notice import Applied, Origin

if TYPE_CHECKING:
    from facilitator.ingest.note_import import NoteImport
    from facilitator.ingest.photos import PhotoImport

IMPORT = Origin("import")


def import_ops(plan: NoteImport | PhotoImport) -> tuple[o.Operation, ...]:
    from facilitator.ingest.photos import PhotoImport

    wall = plan.wall
    ops: list[o.Operation] = [o.AddWall(wall.id, wall.name)] if plan.wall_created else []
    if isinstance(plan, PhotoImport):
        p = plan.photo
        ops.append(o.AddPhoto(p.id, wall.id, plan.data, p.mime, p.width, p.height, p.caption, p.x, p.y))
        return tuple(ops)
    if plan.moved_notes or plan.moved_clusters:
        ops.append(
            o.MoveItems(
                wall.id,
                notes=tuple((i, *after) for i, (_before, after) in plan.moved_notes.items()),
                clusters=tuple((i, *after) for i, (_before, after) in plan.moved_clusters.items()),
            )
        )
    ops += [o.AddCluster(wall.id, c.id, c.title, c.colour, c.x, c.y) for c in plan.clusters]
    ops += [
        o.AddNote(
            wall.id,
            n.id,
            n.text,
            colour=n.colour,
            author=n.author,
            group=n.group,
            x=n.x,
            y=n.y,
            cluster_id=n.cluster_id,
            source=n.source or "import",
            created=n.created.isoformat(),
        )
        for n in plan.notes
    ]
    return tuple(ops)


def adopt(plan: NoteImport | PhotoImport, editor: Editor) -> None:
    """Point the plan at the model's objects (the editor made them from the operations)."""
    from facilitator.ingest.photos import PhotoImport

    project = editor.project
    wall = project.find_wall(plan.wall.id)
    if wall is None:
        return
    plan.wall = wall
    if isinstance(plan, PhotoImport):
        plan.photo = project.photo(plan.photo.id) or plan.photo
        return
    plan.notes = [wall.notes.get(n.id, n) for n in plan.notes]
    plan.clusters = [wall.clusters.get(c.id, c) for c in plan.clusters]


def apply_plan(editor: Editor, plan: NoteImport | PhotoImport, origin: Origin = IMPORT) -> Applied:
    """Apply a plan (or, after :func:`revert_plan`, apply it again: the redo); one transaction."""
    ops = plan.redo or import_ops(plan)
    applied = editor.apply_all(ops, origin)
    plan.undo, plan.redo = applied.inverse, ()
    adopt(plan, editor)
    return applied


def revert_plan(editor: Editor, plan: NoteImport | PhotoImport, origin: Origin = IMPORT) -> Applied:
    """Take an applied plan out again, relative to now (someone's dot on an imported note stays)."""
    applied = editor.apply_all(plan.undo, origin)
    plan.undo, plan.redo = (), applied.inverse
    return applied
