"""Walls of sticky notes, their clusters and dot votes.

A note belongs to at most one cluster (``Note.cluster_id``); a cluster's
members are derived from that, so the two can never disagree. Votes live in
rounds so that clearing one round or regrouping never touches another's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from facilitator.core.ids import new_id
from facilitator.core.palette import DEFAULT_COLOUR


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class Note:
    text: str
    colour: str = DEFAULT_COLOUR
    author: str = ""
    group: str = ""
    x: float = 0.0
    y: float = 0.0
    cluster_id: str | None = None
    created: dt.datetime = field(default_factory=_now)
    id: str = field(default_factory=new_id)


@dataclass
class Cluster:
    title: str
    colour: str = "grey"
    x: float = 0.0
    y: float = 0.0
    id: str = field(default_factory=new_id)


@dataclass
class VoteRound:
    """One round of dot voting: how many dots each person had and where they went."""

    name: str
    dots_per_person: int = 3
    note_votes: dict[str, int] = field(default_factory=dict)
    cluster_votes: dict[str, int] = field(default_factory=dict)
    id: str = field(default_factory=new_id)

    @property
    def total(self) -> int:
        return sum(self.note_votes.values()) + sum(self.cluster_votes.values())


@dataclass
class Wall:
    name: str
    notes: dict[str, Note] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    rounds: list[VoteRound] = field(default_factory=list)
    id: str = field(default_factory=new_id)

    # -- members and tallies -------------------------------------------------
    def members(self, cluster_id: str) -> list[Note]:
        return [n for n in self.notes.values() if n.cluster_id == cluster_id]

    def members_by_cluster(self) -> dict[str, list[Note]]:
        """Every cluster's members in one pass over the notes.

        Views and rankings that need all clusters' members use this, so a wall
        of 20,000 notes in 100 clusters costs 20,000 steps, not 2,000,000.
        """
        index: dict[str, list[Note]] = {cluster_id: [] for cluster_id in self.clusters}
        for note in self.notes.values():
            if note.cluster_id is not None:
                index.setdefault(note.cluster_id, []).append(note)
        return index

    def unclustered(self) -> list[Note]:
        return [n for n in self.notes.values() if n.cluster_id is None]

    def note_dots(self, note_id: str) -> int:
        return sum(r.note_votes.get(note_id, 0) for r in self.rounds)

    def cluster_dots(self, cluster_id: str, include_members: bool = True) -> int:
        """Dots on the cluster itself and, by default, on its notes: what the room sees as its score."""
        dots = sum(r.cluster_votes.get(cluster_id, 0) for r in self.rounds)
        if include_members:
            dots += sum(self.note_dots(n.id) for n in self.members(cluster_id))
        return dots

    @property
    def total_dots(self) -> int:
        return sum(r.total for r in self.rounds)

    def ranked_clusters(self) -> list[tuple[Cluster, int]]:
        """Clusters by dots, most first; ties keep title order so the ranking is stable."""
        note_dots: dict[str, int] = {}
        for r in self.rounds:
            for note_id, count in r.note_votes.items():
                note_dots[note_id] = note_dots.get(note_id, 0) + count
        members = self.members_by_cluster()
        scored = [
            (
                c,
                sum(r.cluster_votes.get(c.id, 0) for r in self.rounds)
                + sum(note_dots.get(n.id, 0) for n in members[c.id]),
            )
            for c in self.clusters.values()
        ]
        return sorted(scored, key=lambda pair: (-pair[1], pair[0].title.casefold()))

    def ranked_notes(self) -> list[tuple[Note, int]]:
        scored = [(n, self.note_dots(n.id)) for n in self.notes.values()]
        scored = [pair for pair in scored if pair[1] > 0]
        return sorted(scored, key=lambda pair: (-pair[1], pair[0].text.casefold()))

    # -- edits ----------------------------------------------------------------
    def add_note(self, note: Note) -> Note:
        if note.cluster_id is not None and note.cluster_id not in self.clusters:
            raise ValueError(f"cluster {note.cluster_id} is not on wall {self.name!r}")
        self.notes[note.id] = note
        return note

    def remove_note(self, note_id: str) -> Note:
        """Remove a note and its dots in every round; returns it so undo can put it back."""
        note = self.notes.pop(note_id)
        for r in self.rounds:
            r.note_votes.pop(note_id, None)
        return note

    def add_cluster(self, cluster: Cluster, member_ids: Iterable[str] = ()) -> Cluster:
        self.clusters[cluster.id] = cluster
        for note_id in member_ids:
            self.notes[note_id].cluster_id = cluster.id
        return cluster

    def remove_cluster(self, cluster_id: str) -> Cluster:
        """Ungroup: members stay on the wall, unclustered; the cluster's own dots go with it."""
        cluster = self.clusters.pop(cluster_id)
        for note in self.members(cluster_id):
            note.cluster_id = None
        for r in self.rounds:
            r.cluster_votes.pop(cluster_id, None)
        return cluster

    def set_cluster(self, note_id: str, cluster_id: str | None) -> None:
        if cluster_id is not None and cluster_id not in self.clusters:
            raise ValueError(f"cluster {cluster_id} is not on wall {self.name!r}")
        self.notes[note_id].cluster_id = cluster_id

    def round(self, round_id: str) -> VoteRound:
        for r in self.rounds:
            if r.id == round_id:
                return r
        raise KeyError(round_id)

    def vote(self, round_id: str, target_id: str, delta: int) -> int:
        """Add (or with a negative delta take back) dots; never below zero. Returns the new count."""
        r = self.round(round_id)
        if target_id in self.notes:
            bucket = r.note_votes
        elif target_id in self.clusters:
            bucket = r.cluster_votes
        else:
            raise KeyError(target_id)
        count = max(0, bucket.get(target_id, 0) + delta)
        if count:
            bucket[target_id] = count
        else:
            bucket.pop(target_id, None)
        return count
