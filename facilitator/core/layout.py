"""Where notes and clusters go on a wall: sizes, grids and tidy rows.

Plain arithmetic shared by the wall view, the demo, imports and the poster,
so a wall looks the same on screen and on paper.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from facilitator.core.wall import Cluster, Note, Wall

NOTE_WIDTH = 180.0
NOTE_HEIGHT = 120.0
GAP = 16.0
CLUSTER_PADDING = 20.0
CLUSTER_TITLE_HEIGHT = 44.0
INBOX_COLUMNS = 6


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def united(self, other: Rect) -> Rect:
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Rect(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)


def note_rect(note: Note) -> Rect:
    return Rect(note.x, note.y, NOTE_WIDTH, NOTE_HEIGHT)


def cluster_rect(cluster: Cluster, members: Sequence[Note]) -> Rect:
    """The cluster's frame: its title band above the bounding box of its notes."""
    if not members:
        return Rect(
            cluster.x,
            cluster.y,
            NOTE_WIDTH + 2 * CLUSTER_PADDING,
            CLUSTER_TITLE_HEIGHT + NOTE_HEIGHT * 0.5 + 2 * CLUSTER_PADDING,
        )
    box = note_rect(members[0])
    for note in members[1:]:
        box = box.united(note_rect(note))
    return Rect(
        box.x - CLUSTER_PADDING,
        box.y - CLUSTER_PADDING - CLUSTER_TITLE_HEIGHT,
        box.width + 2 * CLUSTER_PADDING,
        box.height + 2 * CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT,
    )


def grid_columns(count: int) -> int:
    """Roughly square grids, a little wider than tall, as people arrange notes by hand."""
    return max(1, math.ceil(math.sqrt(count * 1.3)))


def grid_positions(x: float, y: float, count: int, columns: int | None = None) -> list[tuple[float, float]]:
    columns = columns or grid_columns(count)
    return [(x + (i % columns) * (NOTE_WIDTH + GAP), y + (i // columns) * (NOTE_HEIGHT + GAP)) for i in range(count)]


def tidy_cluster(cluster: Cluster, members: Sequence[Note]) -> dict[str, tuple[float, float]]:
    """New positions for a cluster's notes in a grid under its title; nothing is changed here."""
    origin_x = cluster.x + CLUSTER_PADDING
    origin_y = cluster.y + CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT
    return {n.id: pos for n, pos in zip(members, grid_positions(origin_x, origin_y, len(members)), strict=True)}


def tidy_wall(
    wall: Wall, width: float = 2400.0
) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
    """Clusters in rows that wrap at ``width``, each tidied; unclustered notes below.

    Returns new (cluster positions, note positions); the caller applies them,
    so the change can be one undoable step.
    """
    cluster_pos: dict[str, tuple[float, float]] = {}
    note_pos: dict[str, tuple[float, float]] = {}
    x = y = 0.0
    row_height = 0.0
    by_cluster = wall.members_by_cluster()
    for cluster in wall.clusters.values():
        members = by_cluster[cluster.id]
        columns = grid_columns(len(members)) if members else 1
        rows = math.ceil(len(members) / columns) if members else 1
        w = columns * (NOTE_WIDTH + GAP) - GAP + 2 * CLUSTER_PADDING
        h = rows * (NOTE_HEIGHT + GAP) - GAP + 2 * CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT
        if x > 0 and x + w > width:
            x, y = 0.0, y + row_height + 3 * GAP
            row_height = 0.0
        cluster_pos[cluster.id] = (x, y)
        placed = grid_positions(x + CLUSTER_PADDING, y + CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT, len(members), columns)
        note_pos.update({n.id: p for n, p in zip(members, placed, strict=True)})
        x += w + 3 * GAP
        row_height = max(row_height, h)
    loose = wall.unclustered()
    if loose:
        top = y + row_height + 4 * GAP if wall.clusters else 0.0
        placed = grid_positions(0.0, top, len(loose), INBOX_COLUMNS * 2)
        note_pos.update({n.id: p for n, p in zip(loose, placed, strict=True)})
    return cluster_pos, note_pos


def tidy_wall_in_place(wall: Wall, width: float = 2400.0) -> None:
    """Apply :func:`tidy_wall` at once, for walls being built (the demo, imports of whole walls, fixtures)."""
    cluster_pos, note_pos = tidy_wall(wall, width)
    for cluster_id, (x, y) in cluster_pos.items():
        wall.clusters[cluster_id].x, wall.clusters[cluster_id].y = x, y
    for note_id, (x, y) in note_pos.items():
        wall.notes[note_id].x, wall.notes[note_id].y = x, y


def inbox_slot(wall: Wall, index_hint: int | None = None) -> tuple[float, float]:
    """A free place for a newly captured note: the next cell of the inbox grid left of the clusters.

    The inbox is a column band at negative x, so new notes never land on
    clustered work and never on each other.
    """
    taken = {(round(n.x), round(n.y)) for n in wall.unclustered()}
    left = -(INBOX_COLUMNS * (NOTE_WIDTH + GAP)) - 6 * GAP
    i = 0 if index_hint is None else index_hint
    while True:
        x = left + (i % INBOX_COLUMNS) * (NOTE_WIDTH + GAP)
        y = (i // INBOX_COLUMNS) * (NOTE_HEIGHT + GAP)
        if (round(x), round(y)) not in taken:
            return x, y
        i += 1


def wall_bounds(wall: Wall) -> Rect | None:
    """The rectangle that holds every note and cluster frame, or None for an empty wall."""
    box: Rect | None = None
    for note in wall.notes.values():
        r = note_rect(note)
        box = r if box is None else box.united(r)
    by_cluster = wall.members_by_cluster()
    for cluster in wall.clusters.values():
        r = cluster_rect(cluster, by_cluster[cluster.id])
        box = r if box is None else box.united(r)
    return box


def _overlaps(a: Rect, b: Rect, margin: float = GAP / 2) -> bool:
    return not (
        a.right + margin <= b.x or b.right + margin <= a.x or a.bottom + margin <= b.y or b.bottom + margin <= a.y
    )


class _RectIndex:
    """A coarse spatial hash, so finding a free place stays quick on a wall of 20,000 notes."""

    CELL = 512.0

    def __init__(self, rects: Sequence[Rect]) -> None:
        self._cells: dict[tuple[int, int], list[Rect]] = {}
        for r in rects:
            for key in self._keys(r):
                self._cells.setdefault(key, []).append(r)

    def _keys(self, r: Rect) -> list[tuple[int, int]]:
        x0, x1 = math.floor((r.x - GAP) / self.CELL), math.floor((r.right + GAP) / self.CELL)
        y0, y1 = math.floor((r.y - GAP) / self.CELL), math.floor((r.bottom + GAP) / self.CELL)
        return [(i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1)]

    def hits(self, r: Rect) -> bool:
        return any(_overlaps(r, other) for key in self._keys(r) for other in self._cells.get(key, ()))


def new_cluster_place(
    wall: Wall, member_ids: Sequence[str], extra_obstacles: Sequence[Rect] = (), search_rings: int = 12
) -> tuple[tuple[float, float], dict[str, tuple[float, float]]]:
    """Where a cluster made from these notes goes, and where its notes go inside it.

    The frame starts where the topmost-left of the notes was. If the tidied frame
    would cover a note or a cluster that is not part of it, it moves to the nearest
    free place (right and down first), so grouping never hides anyone's note; far
    from any free place, it goes below everything on the wall. Returns
    ((cluster x, cluster y), {note id: (x, y)}); nothing is changed here.
    """
    members = sorted((wall.notes[i] for i in member_ids if i in wall.notes), key=lambda n: (n.y, n.x))
    if not members:
        return (0.0, 0.0), {}
    moving = {n.id for n in members}
    columns = grid_columns(len(members))
    rows = math.ceil(len(members) / columns)
    width = columns * (NOTE_WIDTH + GAP) - GAP + 2 * CLUSTER_PADDING
    height = rows * (NOTE_HEIGHT + GAP) - GAP + 2 * CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT
    x0 = min(n.x for n in members) - CLUSTER_PADDING
    y0 = min(n.y for n in members) - CLUSTER_PADDING - CLUSTER_TITLE_HEIGHT

    obstacles = [note_rect(n) for n in wall.notes.values() if n.id not in moving]
    by_cluster = wall.members_by_cluster()
    for cluster in wall.clusters.values():
        staying = [n for n in by_cluster[cluster.id] if n.id not in moving]
        obstacles.append(cluster_rect(cluster, staying))
    obstacles.extend(extra_obstacles)
    index = _RectIndex(obstacles)

    step_x, step_y = NOTE_WIDTH + GAP, NOTE_HEIGHT + GAP
    offsets = [(i, j) for i in range(-search_rings, search_rings + 1) for j in range(-search_rings, search_rings + 1)]
    # Nearest first; on a tie prefer right over left and down over up.
    offsets.sort(key=lambda o: (o[0] ** 2 + o[1] ** 2, o[0] < 0, o[1] < 0, abs(o[1])))
    origin: tuple[float, float] | None = None
    for i, j in offsets:
        x, y = x0 + i * step_x, y0 + j * step_y
        if not index.hits(Rect(x, y, width, height)):
            origin = (x, y)
            break
    if origin is None:
        bottom = max((r.bottom for r in obstacles), default=y0)
        origin = (x0, bottom + 4 * GAP)
    placed = grid_positions(
        origin[0] + CLUSTER_PADDING, origin[1] + CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT, len(members), columns
    )
    return origin, {n.id: p for n, p in zip(members, placed, strict=True)}
