"""Walls of sticky notes, their clusters and dot votes.

A note belongs to at most one cluster (``Note.cluster_id``); a cluster's
members are derived from that, so the two can never disagree. Votes live in
rounds so that clearing one round or regrouping never touches another's.

A dot is one row: who put it (a person or a device), on what, when. Tallies
are derived from the dots, so a per-person budget can be enforced and the
dots of two copies of a file add up. The methods here hold the rules (a dot
needs a target, a note's cluster must exist): every edit, from any source,
goes through them and gets :class:`~facilitator.core.rules.Refused` when it
would break one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from facilitator.core.ids import new_id
from facilitator.core.palette import DEFAULT_COLOUR
from facilitator.core.rules import Refused


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def utc_now() -> dt.datetime:
    """Change times are UTC: laptops in one room can still disagree about their time zone."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


NOTE_STATUSES = ("shown", "held", "hidden")


def on_wall(note: Note, audience: bool = True) -> bool:
    """Whether a note is drawn on a wall. Held notes (waiting for approval) are on no wall until
    accepted; hidden ones are on the facilitator's laptop only (``audience=False``) until revealed,
    never on the projector, a picture or a printout."""
    return note.status == "shown" or (not audience and note.status == "hidden")


def public_wall(wall: Wall) -> Wall:
    """The wall as the room may see it: held and hidden notes, and the dots on them, left out.

    A new ``Wall`` sharing the note, cluster and dot objects (read it; never edit it), so every
    printout and picture made from it shows the same as the projector, and no output has to
    remember the rule. Costs one pass over the notes and the dots.
    """
    if all(n.status == "shown" for n in wall.notes.values()):
        return wall
    notes = {i: n for i, n in wall.notes.items() if n.status == "shown"}
    rounds = [
        VoteRound(
            r.name,
            r.dots_per_person,
            id=r.id,
            dots={i: d for i, d in r.dots.items() if d.kind != "note" or d.target_id in notes},
            order=r.order,
        )
        for r in wall.rounds
    ]
    return Wall(wall.name, notes, dict(wall.clusters), rounds, id=wall.id, order=wall.order)


@dataclass
class Note:
    """A sticky note. ``source`` says where it came from ("" typed here, "phone", "import");
    ``status`` is "shown", "held" (waiting for approval) or "hidden" (kept off the projector)."""

    text: str
    colour: str = DEFAULT_COLOUR
    author: str = ""
    group: str = ""
    x: float = 0.0
    y: float = 0.0
    cluster_id: str | None = None
    created: dt.datetime = field(default_factory=_now)
    id: str = field(default_factory=new_id)
    source: str = ""
    status: str = "shown"


@dataclass
class Cluster:
    title: str
    colour: str = "grey"
    x: float = 0.0
    y: float = 0.0
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class Dot:
    """One dot: on a note or a cluster (``kind``), by ``voter`` (a person or a device, "" unknown)."""

    target_id: str
    kind: str = "note"
    voter: str = ""
    created: dt.datetime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)


@dataclass(init=False)
class VoteRound:
    """One round of dot voting: how many dots each person had and the dots, one by one.

    ``note_votes`` and ``cluster_votes`` are tallies derived from the dots
    (read them; never write them). The constructor still takes counts, which
    become that many dots by an unknown voter (old files and tests).
    """

    name: str
    dots_per_person: int
    id: str
    dots: dict[str, Dot]
    order: str = field(default="", compare=False)

    def __init__(
        self,
        name: str,
        dots_per_person: int = 3,
        note_votes: dict[str, int] | None = None,
        cluster_votes: dict[str, int] | None = None,
        id: str | None = None,
        dots: dict[str, Dot] | None = None,
        order: str = "",
    ) -> None:
        self.name = name
        self.dots_per_person = dots_per_person
        self.id = id or new_id()
        self.dots = dict(dots or {})
        self.order = order
        for kind, counts in (("note", note_votes), ("cluster", cluster_votes)):
            for target_id, count in (counts or {}).items():
                for _ in range(count):
                    dot = Dot(target_id, kind)
                    self.dots[dot.id] = dot

    def _tally(self, kind: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for dot in self.dots.values():
            if dot.kind == kind:
                counts[dot.target_id] = counts.get(dot.target_id, 0) + 1
        return counts

    @property
    def note_votes(self) -> dict[str, int]:
        return self._tally("note")

    @property
    def cluster_votes(self) -> dict[str, int]:
        return self._tally("cluster")

    @property
    def total(self) -> int:
        return len(self.dots)

    def dots_of(self, voter: str) -> int:
        return sum(1 for d in self.dots.values() if d.voter == voter)

    def dots_on(self, target_id: str) -> list[Dot]:
        return [d for d in self.dots.values() if d.target_id == target_id]


@dataclass
class Wall:
    name: str
    notes: dict[str, Note] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    rounds: list[VoteRound] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    order: str = field(default="", compare=False)

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

    def _dot_counts(self, kind: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.rounds:
            for dot in r.dots.values():
                if dot.kind == kind:
                    counts[dot.target_id] = counts.get(dot.target_id, 0) + 1
        return counts

    def note_dots(self, note_id: str) -> int:
        return sum(1 for r in self.rounds for d in r.dots.values() if d.target_id == note_id and d.kind == "note")

    def cluster_dots(self, cluster_id: str, include_members: bool = True) -> int:
        """Dots on the cluster itself and, by default, on its notes: what the room sees as its score."""
        dots = sum(1 for r in self.rounds for d in r.dots.values() if d.target_id == cluster_id and d.kind == "cluster")
        if include_members:
            members = {n.id for n in self.members(cluster_id)}
            dots += sum(1 for r in self.rounds for d in r.dots.values() if d.kind == "note" and d.target_id in members)
        return dots

    @property
    def total_dots(self) -> int:
        return sum(r.total for r in self.rounds)

    def ranked_clusters(self) -> list[tuple[Cluster, int]]:
        """Clusters by dots, most first; ties keep title order so the ranking is stable."""
        note_dots = self._dot_counts("note")
        cluster_dots = self._dot_counts("cluster")
        members = self.members_by_cluster()
        scored = [
            (c, cluster_dots.get(c.id, 0) + sum(note_dots.get(n.id, 0) for n in members[c.id]))
            for c in self.clusters.values()
        ]
        return sorted(scored, key=lambda pair: (-pair[1], pair[0].title.casefold()))

    def ranked_notes(self) -> list[tuple[Note, int]]:
        note_dots = self._dot_counts("note")
        scored = [(n, note_dots.get(n.id, 0)) for n in self.notes.values()]
        scored = [pair for pair in scored if pair[1] > 0]
        return sorted(scored, key=lambda pair: (-pair[1], pair[0].text.casefold()))

    # -- the rules ------------------------------------------------------------
    def _need_cluster(self, cluster_id: str | None) -> None:
        if cluster_id is not None and cluster_id not in self.clusters:
            raise Refused("missing", f"That cluster is no longer on the wall {self.name!r}.")

    def _need_note(self, note_id: str) -> Note:
        try:
            return self.notes[note_id]
        except KeyError:
            raise Refused("missing", f"That note is no longer on the wall {self.name!r}.") from None

    def round(self, round_id: str) -> VoteRound:
        for r in self.rounds:
            if r.id == round_id:
                return r
        raise KeyError(round_id)

    def dots_on(self, target_id: str) -> list[tuple[VoteRound, Dot]]:
        """Every dot on a note or cluster, with its round (what deleting it takes away)."""
        return [(r, d) for r in self.rounds for d in r.dots.values() if d.target_id == target_id]

    # -- edits ----------------------------------------------------------------
    def add_note(self, note: Note) -> Note:
        if note.id in self.notes:
            raise Refused("conflict", "A note with that id is already on the wall.")
        self._need_cluster(note.cluster_id)
        if note.status not in NOTE_STATUSES:
            raise Refused("invalid", f"A note cannot be {note.status!r}.")
        self.notes[note.id] = note
        return note

    def remove_note(self, note_id: str) -> Note:
        """Remove a note and its dots in every round; returns it so undo can put it back."""
        note = self._need_note(note_id)
        del self.notes[note_id]
        for r, d in self.dots_on(note_id):
            del r.dots[d.id]
        return note

    def add_cluster(self, cluster: Cluster, member_ids: Iterable[str] = ()) -> Cluster:
        if cluster.id in self.clusters:
            raise Refused("conflict", "A cluster with that id is already on the wall.")
        member_ids = list(member_ids)
        for note_id in member_ids:
            self._need_note(note_id)
        self.clusters[cluster.id] = cluster
        for note_id in member_ids:
            self.notes[note_id].cluster_id = cluster.id
        return cluster

    def remove_cluster(self, cluster_id: str) -> Cluster:
        """Ungroup: members stay on the wall, unclustered; the cluster's own dots go with it."""
        if cluster_id not in self.clusters:
            raise Refused("missing", f"That cluster is no longer on the wall {self.name!r}.")
        cluster = self.clusters.pop(cluster_id)
        for note in self.members(cluster_id):
            note.cluster_id = None
        for r, d in self.dots_on(cluster_id):
            del r.dots[d.id]
        return cluster

    def set_cluster(self, note_id: str, cluster_id: str | None) -> None:
        note = self._need_note(note_id)
        self._need_cluster(cluster_id)
        note.cluster_id = cluster_id

    def add_dot(self, round_id: str, dot: Dot, budget: bool = False) -> Dot:
        """Put one dot in a round; its target must be on this wall (a note or a cluster).

        ``budget`` refuses a dot beyond the round's dots per person for this voter.
        """
        try:
            r = self.round(round_id)
        except KeyError:
            raise Refused("missing", "That vote round no longer exists.") from None
        if dot.kind == "note" and dot.target_id not in self.notes:
            raise Refused("missing", "That note is no longer on the wall, so it cannot get a dot.")
        if dot.kind == "cluster" and dot.target_id not in self.clusters:
            raise Refused("missing", "That cluster is no longer on the wall, so it cannot get a dot.")
        if dot.kind not in ("note", "cluster"):
            raise Refused("invalid", "A dot goes on a note or a cluster.")
        if dot.id in r.dots:
            raise Refused("conflict", "That dot is already recorded.")
        if budget and r.dots_of(dot.voter) >= r.dots_per_person:
            raise Refused("budget", f"You have used all {r.dots_per_person} dots of {r.name!r}.")
        r.dots[dot.id] = dot
        return dot

    def target_kind(self, target_id: str) -> str:
        """ "note" or "cluster" for an id on this wall, or Refused("missing")."""
        if target_id in self.notes:
            return "note"
        if target_id in self.clusters:
            return "cluster"
        raise Refused("missing", "That note or cluster is no longer on the wall.")

    def remove_dot(self, round_id: str, dot_id: str) -> Dot:
        r = self.round(round_id)
        try:
            return r.dots.pop(dot_id)
        except KeyError:
            raise Refused("missing", "That dot is no longer there.") from None

    def vote(self, round_id: str, target_id: str, delta: int, voter: str = "") -> int:
        """Add ``delta`` dots (or take back the newest ones); never below zero. Returns the new count."""
        kind = self.target_kind(target_id)
        r = self.round(round_id)
        for _ in range(max(0, delta)):
            self.add_dot(round_id, Dot(target_id, kind, voter))
        if delta < 0:
            on = [d for d in r.dots.values() if d.target_id == target_id]
            for d in on[len(on) + delta if len(on) + delta > 0 else 0 :]:
                del r.dots[d.id]
        return sum(1 for d in r.dots.values() if d.target_id == target_id)
