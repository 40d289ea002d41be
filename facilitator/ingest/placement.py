"""Free places on a wall for imported notes, clusters and photos.

Imports can be large (20,000 notes), so what is already on the wall is kept
in a coarse grid of buckets: asking "is this spot free?" looks at a few
buckets instead of every note. The places follow ``facilitator.core.layout``
(the same inbox grid the capture bar fills, the same cluster grids that Tidy
makes), so imported work looks as if it had been captured by hand.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from facilitator.core import layout
from facilitator.core.event import Photo
from facilitator.core.layout import CLUSTER_PADDING, CLUSTER_TITLE_HEIGHT, GAP, NOTE_HEIGHT, NOTE_WIDTH, Rect
from facilitator.core.wall import Cluster, Note, Wall

_BUCKET = 512.0
# Where rows of new clusters wrap, as Tidy all does.
ROW_WIDTH = 2400.0


def photo_rect(photo: Photo) -> Rect:
    return Rect(photo.x, photo.y, float(photo.width), float(photo.height))


class Occupancy:
    """The rectangles taken on one wall, bucketed for quick overlap checks."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, int], list[Rect]] = defaultdict(list)
        self.bounds: Rect | None = None
        # The lowest edge of anything reaching right of x = 0, where clusters live
        # (the inbox is left of it and may run very deep).
        self.cluster_band_bottom: float | None = None

    @classmethod
    def of_wall(cls, wall: Wall, photos: Iterable[Photo] = ()) -> Occupancy:
        occ = cls()
        for note in wall.notes.values():
            occ.add(layout.note_rect(note))
        members: dict[str, list[Note]] = defaultdict(list)
        for note in wall.notes.values():
            if note.cluster_id is not None:
                members[note.cluster_id].append(note)
        for cluster in wall.clusters.values():
            occ.add(layout.cluster_rect(cluster, members.get(cluster.id, [])), frame_of=cluster.id)
        for photo in photos:
            occ.add(photo_rect(photo))
        return occ

    def add(self, rect: Rect, frame_of: str | None = None) -> None:
        """Mark ``rect`` taken; a cluster frame remembers its cluster so its own notes may go inside it."""
        stored = _Frame(rect, frame_of) if frame_of else rect
        for key in _keys(rect):
            self._buckets[key].append(stored)
        self.bounds = rect if self.bounds is None else self.bounds.united(rect)
        if rect.right > 0:
            bottom = rect.bottom if self.cluster_band_bottom is None else max(self.cluster_band_bottom, rect.bottom)
            self.cluster_band_bottom = bottom

    def is_free(self, rect: Rect, inside_cluster: str | None = None) -> bool:
        for key in _keys(rect):
            for taken in self._buckets.get(key, ()):
                if isinstance(taken, _Frame):
                    if taken.cluster_id == inside_cluster:
                        continue
                    taken = taken.rect
                if _overlap(rect, taken):
                    return False
        return True


class _Frame:
    __slots__ = ("cluster_id", "rect")

    def __init__(self, rect: Rect, cluster_id: str) -> None:
        self.rect = rect
        self.cluster_id = cluster_id


def _keys(rect: Rect) -> Iterable[tuple[int, int]]:
    x0, x1 = math.floor(rect.x / _BUCKET), math.floor((rect.right - 1e-6) / _BUCKET)
    y0, y1 = math.floor(rect.y / _BUCKET), math.floor((rect.bottom - 1e-6) / _BUCKET)
    return [(i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1)]


def _overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def inbox_places(occ: Occupancy, count: int) -> list[tuple[float, float]]:
    """``count`` free cells of the inbox grid (left of the clusters), in reading order, marked taken."""
    places: list[tuple[float, float]] = []
    left = -(layout.INBOX_COLUMNS * (NOTE_WIDTH + GAP)) - 6 * GAP
    i = 0
    while len(places) < count:
        x = left + (i % layout.INBOX_COLUMNS) * (NOTE_WIDTH + GAP)
        y = (i // layout.INBOX_COLUMNS) * (NOTE_HEIGHT + GAP)
        rect = Rect(x, y, NOTE_WIDTH, NOTE_HEIGHT)
        if occ.is_free(rect):
            occ.add(rect)
            places.append((x, y))
        i += 1
    return places


def places_in_cluster(occ: Occupancy, wall: Wall, cluster: Cluster, count: int) -> list[tuple[float, float]]:
    """Free cells for ``count`` more notes in an existing cluster: its grid, after the notes already there.

    The notes already in the cluster are not moved: someone arranged them.
    """
    members = wall.members(cluster.id)
    if members:
        frame = layout.cluster_rect(cluster, members)
        origin_x, origin_y = frame.x + CLUSTER_PADDING, frame.y + CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT
        inner = frame.width - 2 * CLUSTER_PADDING + GAP
        columns = max(layout.grid_columns(len(members) + count), round(inner / (NOTE_WIDTH + GAP)))
    else:
        origin_x, origin_y = cluster.x + CLUSTER_PADDING, cluster.y + CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT
        columns = layout.grid_columns(count)
    places: list[tuple[float, float]] = []
    i = 0
    while len(places) < count:
        x = origin_x + (i % columns) * (NOTE_WIDTH + GAP)
        y = origin_y + (i // columns) * (NOTE_HEIGHT + GAP)
        rect = Rect(x, y, NOTE_WIDTH, NOTE_HEIGHT)
        if occ.is_free(rect, inside_cluster=cluster.id):
            occ.add(rect)
            places.append((x, y))
        i += 1
    return places


def place_new_clusters(occ: Occupancy, clusters: Sequence[tuple[Cluster, Sequence[Note]]]) -> None:
    """Put new clusters in rows below everything on the wall, and tidy each one's notes in its grid.

    Sets ``x``/``y`` on the clusters and notes given (they are not on the wall yet).
    """
    if not clusters:
        return
    top = 0.0 if occ.cluster_band_bottom is None else occ.cluster_band_bottom + 4 * GAP
    x, y, row_height = 0.0, top, 0.0
    for cluster, members in clusters:
        columns = layout.grid_columns(len(members)) if members else 1
        rows = math.ceil(len(members) / columns) if members else 1
        w = columns * (NOTE_WIDTH + GAP) - GAP + 2 * CLUSTER_PADDING
        h = rows * (NOTE_HEIGHT + GAP) - GAP + 2 * CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT
        if x > 0 and x + w > ROW_WIDTH:
            x, y, row_height = 0.0, y + row_height + 3 * GAP, 0.0
        cluster.x, cluster.y = x, y
        for note, (nx, ny) in zip(
            members,
            layout.grid_positions(
                x + CLUSTER_PADDING, y + CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT, len(members), columns
            ),
            strict=True,
        ):
            note.x, note.y = nx, ny
        occ.add(Rect(x, y, w, h), frame_of=cluster.id)
        x += w + 3 * GAP
        row_height = max(row_height, h)


def photo_place(occ: Occupancy) -> tuple[float, float]:
    """Beside the notes: right of everything on the wall, level with its top."""
    if occ.bounds is None:
        return 0.0, 0.0
    return occ.bounds.right + 4 * GAP, occ.bounds.y
