"""Free places on a wall for imported notes, clusters and photos.

Imports can be large (20,000 notes), so what is already on the wall is kept
in a coarse grid of buckets: asking "is this spot free?" looks at a few
buckets instead of every note. The places follow ``facilitator.core.layout``
(the same inbox grid the capture bar fills, the same cluster grids that Tidy
makes), so imported work looks as if it had been captured by hand.

Nothing here changes a note or a cluster: functions return positions, and
the import plan decides what to do with them (so it can be undone).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from facilitator.core import layout
from facilitator.core.event import Photo
from facilitator.core.layout import CLUSTER_PADDING, CLUSTER_TITLE_HEIGHT, GAP, NOTE_HEIGHT, NOTE_WIDTH, Rect
from facilitator.core.wall import Cluster, Note, Wall

_BUCKET = 512.0
# A rectangle covering more buckets than this (a cluster whose notes are far apart, a huge photo) is kept
# in one list checked directly, so a stranger's coordinates cannot make millions of buckets.
_MAX_KEYS = 1024
# Where rows of new clusters wrap, as Tidy all does.
ROW_WIDTH = 2400.0
# How many rows past what it needs an existing cluster may look for free cells before it moves instead.
_SLACK_ROWS = 2

Point = tuple[float, float]


def photo_rect(photo: Photo) -> Rect:
    return Rect(photo.x, photo.y, float(photo.width), float(photo.height))


@dataclass(frozen=True)
class _Taken:
    rect: Rect
    # The cluster this rectangle belongs to (its frame or one of its notes), so that
    # cluster's own new notes may go inside its frame.
    cluster_id: str | None


class Occupancy:
    """The rectangles taken on one wall, bucketed for quick overlap checks."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, int], list[_Taken]] = defaultdict(list)
        self._large: list[_Taken] = []
        self.bounds: Rect | None = None
        # The lowest edge of anything reaching right of x = 0, where clusters live
        # (the inbox is left of it and may run very deep).
        self.cluster_band_bottom: float | None = None

    @classmethod
    def of_wall(
        cls, wall: Wall, photos: Iterable[Photo] = (), members: dict[str, list[Note]] | None = None
    ) -> Occupancy:
        occ = cls()
        members = wall.members_by_cluster() if members is None else members
        for note in wall.notes.values():
            occ.add(layout.note_rect(note), note.cluster_id)
        for cluster in wall.clusters.values():
            occ.add(layout.cluster_rect(cluster, members.get(cluster.id, [])), cluster.id)
        for photo in photos:
            occ.add(photo_rect(photo))
        return occ

    def add(self, rect: Rect, cluster_id: str | None = None) -> None:
        taken = _Taken(rect, cluster_id)
        keys = _keys(rect)
        if keys is None:
            self._large.append(taken)
        else:
            for key in keys:
                self._buckets[key].append(taken)
        self.bounds = rect if self.bounds is None else self.bounds.united(rect)
        if rect.right > 0:
            bottom = rect.bottom if self.cluster_band_bottom is None else max(self.cluster_band_bottom, rect.bottom)
            self.cluster_band_bottom = bottom

    def is_free(self, rect: Rect, ignore_cluster: str | None = None) -> bool:
        """Whether ``rect`` touches nothing taken, leaving out what belongs to ``ignore_cluster``."""
        keys = _keys(rect)
        groups = self._buckets.values() if keys is None else (self._buckets.get(key, ()) for key in keys)
        for group in (*groups, self._large):
            for taken in group:
                if ignore_cluster is not None and taken.cluster_id == ignore_cluster:
                    continue
                if _overlap(rect, taken.rect):
                    return False
        return True


def _keys(rect: Rect) -> list[tuple[int, int]] | None:
    """The buckets ``rect`` touches, or None when they are too many (or the rectangle is not finite)."""
    edges = (rect.x, rect.y, rect.right, rect.bottom)
    if not all(math.isfinite(v) for v in edges):
        return None
    x0, x1 = math.floor(rect.x / _BUCKET), math.floor((rect.right - 1e-6) / _BUCKET)
    y0, y1 = math.floor(rect.y / _BUCKET), math.floor((rect.bottom - 1e-6) / _BUCKET)
    if (x1 - x0 + 1) * (y1 - y0 + 1) > _MAX_KEYS:
        return None
    return [(i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1)]


def _overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _padded(rect: Rect) -> Rect:
    p = CLUSTER_PADDING
    return Rect(rect.x - p, rect.y - p, rect.width + 2 * p, rect.height + 2 * p)


def inbox_places(occ: Occupancy, count: int) -> list[Point]:
    """``count`` free cells of the inbox grid (left of the clusters), in reading order, marked taken."""
    places: list[Point] = []
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


def places_in_cluster(occ: Occupancy, cluster: Cluster, members: Sequence[Note], count: int) -> list[Point] | None:
    """Free cells for ``count`` more notes in an existing cluster, in its grid after the notes already there.

    The notes already there are not moved: someone arranged them. Each new
    cell, with the frame's padding around it, must stay clear of everything
    else on the wall. Returns None when the cluster has no room to grow where
    it is (its neighbours are in the way); nothing is marked taken then.
    """
    if members:
        frame = layout.cluster_rect(cluster, members)
        origin_x, origin_y = frame.x + CLUSTER_PADDING, frame.y + CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT
        inner = frame.width - 2 * CLUSTER_PADDING + GAP
        columns = max(layout.grid_columns(len(members) + count), round(inner / (NOTE_WIDTH + GAP)))
    else:
        origin_x, origin_y = cluster.x + CLUSTER_PADDING, cluster.y + CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT
        columns = layout.grid_columns(count)
    own = [layout.note_rect(n) for n in members]
    rows = math.ceil((len(members) + count) / columns) + _SLACK_ROWS
    places: list[Point] = []
    for i in range(rows * columns):
        x = origin_x + (i % columns) * (NOTE_WIDTH + GAP)
        y = origin_y + (i // columns) * (NOTE_HEIGHT + GAP)
        rect = Rect(x, y, NOTE_WIDTH, NOTE_HEIGHT)
        if any(_overlap(rect, r) for r in own) or not occ.is_free(_padded(rect), ignore_cluster=cluster.id):
            continue
        places.append((x, y))
        if len(places) == count:
            for px, py in places:
                occ.add(_padded(Rect(px, py, NOTE_WIDTH, NOTE_HEIGHT)), cluster.id)
            return places
    return None


def place_clusters_below(
    occ: Occupancy, clusters: Sequence[tuple[Cluster, Sequence[Note]]]
) -> tuple[dict[str, Point], dict[str, Point]]:
    """Rows of clusters below everything on the wall, each with its notes tidied in a grid.

    Returns (cluster positions, note positions) by id, as ``layout.tidy_wall`` does.
    """
    cluster_pos: dict[str, Point] = {}
    note_pos: dict[str, Point] = {}
    if not clusters:
        return cluster_pos, note_pos
    top = 0.0 if occ.cluster_band_bottom is None else occ.cluster_band_bottom + 4 * GAP
    x, y, row_height = 0.0, top, 0.0
    for cluster, members in clusters:
        columns = layout.grid_columns(len(members)) if members else 1
        rows = math.ceil(len(members) / columns) if members else 1
        w = columns * (NOTE_WIDTH + GAP) - GAP + 2 * CLUSTER_PADDING
        h = rows * (NOTE_HEIGHT + GAP) - GAP + 2 * CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT
        if x > 0 and x + w > ROW_WIDTH:
            x, y, row_height = 0.0, y + row_height + 3 * GAP, 0.0
        cluster_pos[cluster.id] = (x, y)
        grid = layout.grid_positions(
            x + CLUSTER_PADDING, y + CLUSTER_PADDING + CLUSTER_TITLE_HEIGHT, len(members), columns
        )
        note_pos.update({n.id: p for n, p in zip(members, grid, strict=True)})
        occ.add(Rect(x, y, w, h), cluster.id)
        x += w + 3 * GAP
        row_height = max(row_height, h)
    return cluster_pos, note_pos


def photo_place(occ: Occupancy) -> Point:
    """Beside the notes: right of everything on the wall, level with its top."""
    if occ.bounds is None:
        return 0.0, 0.0
    return occ.bounds.right + 4 * GAP, occ.bounds.y
