"""Where the core puts a note that arrives without a place (a phone's note, a typed note): the wall's inbox."""

from __future__ import annotations

from facilitator.core import layout
from facilitator.core.project import Project
from facilitator.core.wall import Note, Wall
from facilitator.ingest import placement


def inbox_occupancy(project: Project, wall: Wall) -> placement.Occupancy:
    """What is taken where the inbox is, so a new note never lands on other work (notes, cluster frames
    dragged left, photos).

    The inbox lies left of x = 0, so only things reaching left of 0 can be in its way; collecting just
    those keeps a capture on a 20,000-note wall at a few milliseconds instead of a quarter second.
    """
    occupancy = placement.Occupancy()
    members: dict[str, list[Note]] = {}
    reach = layout.CLUSTER_PADDING  # a frame reaches this far left of its leftmost note
    for note in wall.notes.values():
        if note.x < reach:
            if note.x < 0:
                occupancy.add(layout.note_rect(note), note.cluster_id)
            if note.cluster_id is not None:
                members[note.cluster_id] = []
    for cluster_id in list(members):
        members[cluster_id] = wall.members(cluster_id) if len(members) < 8 else []
    if len(members) >= 8:
        members = {k: v for k, v in wall.members_by_cluster().items() if k in members}
    for cluster in wall.clusters.values():
        if cluster.id in members or cluster.x < 0:
            frame = layout.cluster_rect(cluster, members.get(cluster.id, []))
            if frame.x < 0:
                occupancy.add(frame, cluster.id)
    for photo in project.photos_on(wall.id):
        rect = placement.photo_rect(photo)
        if rect.x < 0:
            occupancy.add(rect)
    return occupancy


def inbox_places(project: Project, wall: Wall, count: int) -> list[tuple[float, float]]:
    return placement.inbox_places(inbox_occupancy(project, wall), count)


class Inbox:
    """Free inbox cells of one wall handed out one by one, in reading order, scanning each cell once.

    The same grid as :func:`facilitator.ingest.placement.inbox_places` (so a phone's note lands where a
    typed one would), but it remembers where the last free cell was: a batch of 100 notes costs one pass
    over the filled cells, not one pass per note.
    """

    def __init__(self, occupancy: placement.Occupancy) -> None:
        self.occupancy = occupancy
        self.cursor = 0

    def take(self) -> tuple[float, float]:
        left = -(layout.INBOX_COLUMNS * (layout.NOTE_WIDTH + layout.GAP)) - 6 * layout.GAP
        while True:
            i = self.cursor
            self.cursor += 1
            x = left + (i % layout.INBOX_COLUMNS) * (layout.NOTE_WIDTH + layout.GAP)
            y = (i // layout.INBOX_COLUMNS) * (layout.NOTE_HEIGHT + layout.GAP)
            rect = layout.Rect(x, y, layout.NOTE_WIDTH, layout.NOTE_HEIGHT)
            if self.occupancy.is_free(rect):
                self.occupancy.add(rect)
                return x, y
