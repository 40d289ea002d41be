"""Everything one project file holds, as one plain object."""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator.core.agenda import AgendaItem, Diamond, schedule
from facilitator.core.event import Action, Event, ParticipantGroup, Photo
from facilitator.core.run import RunSnapshot
from facilitator.core.wall import Dot, VoteRound, Wall


@dataclass
class Project:
    event: Event = field(default_factory=Event)
    groups: list[ParticipantGroup] = field(default_factory=list)
    diamonds: list[Diamond] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    walls: list[Wall] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    # Ids deleted from this project, with their kind ("note", "dot", ...): an operation naming one
    # is refused as "deleted", and a later merge or sync cannot bring it back.
    tombstones: dict[str, str] = field(default_factory=dict, compare=False)
    # The run in progress, as the file last stored it (None: no run).
    run: RunSnapshot | None = field(default=None, compare=False)
    # The project's own settings by namespaced key ("run.one_screen": how run mode shows this project);
    # not content, so not compared. The file's internal keys (its replica id) are not here.
    settings: dict[str, str] = field(default_factory=dict, compare=False)

    def wall(self, wall_id: str) -> Wall:
        for wall in self.walls:
            if wall.id == wall_id:
                return wall
        raise KeyError(wall_id)

    def find_wall(self, wall_id: str) -> Wall | None:
        return next((w for w in self.walls if w.id == wall_id), None)

    def wall_of_note(self, note_id: str) -> Wall | None:
        return next((w for w in self.walls if note_id in w.notes), None)

    def wall_of_cluster(self, cluster_id: str) -> Wall | None:
        return next((w for w in self.walls if cluster_id in w.clusters), None)

    def find_round(self, round_id: str) -> tuple[Wall, VoteRound] | None:
        for wall in self.walls:
            for r in wall.rounds:
                if r.id == round_id:
                    return wall, r
        return None

    def find_dot(self, dot_id: str) -> tuple[Wall, VoteRound, Dot] | None:
        for wall in self.walls:
            for r in wall.rounds:
                dot = r.dots.get(dot_id)
                if dot is not None:
                    return wall, r, dot
        return None

    def photo(self, photo_id: str) -> Photo | None:
        return next((p for p in self.photos if p.id == photo_id), None)

    def wall_named(self, name: str) -> Wall | None:
        """The wall whose name matches, ignoring case and surrounding spaces (as users type it)."""
        wanted = name.strip().casefold()
        return next((w for w in self.walls if w.name.strip().casefold() == wanted), None)

    def diamond(self, diamond_id: str | None) -> Diamond | None:
        return next((d for d in self.diamonds if d.id == diamond_id), None)

    def photos_on(self, wall_id: str) -> list[Photo]:
        return [p for p in self.photos if p.wall_id == wall_id]

    def summary(self) -> dict:
        """The shape ``facilitator info --json`` prints; other tools may rely on its keys."""
        ev = self.event
        return {
            "event": {
                "title": ev.title,
                "date": ev.date.isoformat(),
                "venue": ev.venue,
                "organiser": ev.organiser,
                "planned_start": ev.planned_start.strftime("%H:%M"),
                "planned_end": ev.planned_end.strftime("%H:%M"),
            },
            "groups": [g.name for g in self.groups],
            "diamonds": [{"question": d.question, "size": str(d.size)} for d in self.diamonds],
            "agenda": [
                {
                    "title": s.item.title,
                    "minutes": s.item.minutes,
                    "kind": str(s.item.kind),
                    "phase": str(s.item.phase),
                    "start": s.start.strftime("%H:%M"),
                    "end": s.end.strftime("%H:%M"),
                }
                for s in schedule(ev, self.agenda)
            ],
            "walls": [
                {
                    "name": w.name,
                    "notes": len(w.notes),
                    "clusters": len(w.clusters),
                    "votes": w.total_dots,
                    "photos": len(self.photos_on(w.id)),
                }
                for w in self.walls
            ],
            "actions": len(self.actions),
        }
