"""The bundled demo event: built from readable JSON in resources/demo/.

The content lives in JSON rather than a binary .facil so it can be reviewed
and edited as text, and so every build writes it with the current format.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from facilitator.core import layout
from facilitator.core.agenda import AgendaItem, Diamond, DiamondSize, Kind, Phase
from facilitator.core.event import Action, Event, ParticipantGroup
from facilitator.core.project import Project
from facilitator.core.wall import Cluster, Note, VoteRound, Wall
from facilitator.resources import resource

DEMO_JSON = resource("demo", "active-care-day.json")


def demo_project(source: Path = DEMO_JSON) -> Project:
    data = json.loads(source.read_text(encoding="utf-8"))
    ev = data["event"]
    event = Event(
        title=ev["title"],
        date=dt.date.fromisoformat(ev["date"]),
        venue=ev["venue"],
        organiser=ev["organiser"],
        planned_start=dt.time.fromisoformat(ev["planned_start"]),
        planned_end=dt.time.fromisoformat(ev["planned_end"]),
    )
    groups = [ParticipantGroup(name=g["name"], colour=g["colour"]) for g in data["groups"]]
    colour_of = data["group_colours"]
    diamonds = {d["key"]: Diamond(question=d["question"], size=DiamondSize(d["size"])) for d in data["diamonds"]}
    walls = {w["key"]: _wall(w, colour_of, event) for w in data["walls"]}
    agenda = [
        AgendaItem(
            title=a["title"],
            minutes=a["minutes"],
            kind=Kind(a["kind"]),
            phase=Phase(a["phase"]),
            diamond_id=diamonds[a["diamond"]].id if "diamond" in a else None,
            instructions=a["instructions"],
            notes=a["notes"],
            wall_id=walls[a["wall"]].id if "wall" in a else None,
        )
        for a in data["agenda"]
    ]
    actions = [Action(text=a["text"], owner=a["owner"], due=dt.date.fromisoformat(a["due"])) for a in data["actions"]]
    return Project(
        event=event,
        groups=groups,
        diamonds=list(diamonds.values()),
        agenda=agenda,
        walls=list(walls.values()),
        actions=actions,
    )


def _wall(spec: dict, colour_of: dict[str, str], event: Event) -> Wall:
    wall = Wall(name=spec["name"])
    vote_round = VoteRound(name=spec["round"]["name"], dots_per_person=spec["round"]["dots_per_person"])
    wall.rounds.append(vote_round)
    # Notes were captured through the morning: give them believable times.
    clock = dt.datetime.combine(event.date, event.planned_start) + dt.timedelta(minutes=25)
    for c in spec["clusters"]:
        cluster = wall.add_cluster(Cluster(title=c["title"], colour=c["colour"]))
        if c.get("dots"):
            wall.vote(vote_round.id, cluster.id, c["dots"])
        for text, author, group, dots in c["notes"]:
            clock += dt.timedelta(seconds=47)
            note = wall.add_note(
                Note(
                    text=text, author=author, group=group, colour=colour_of[group], cluster_id=cluster.id, created=clock
                )
            )
            if dots:
                wall.vote(vote_round.id, note.id, dots)
    for text, author, group in spec["loose"]:
        clock += dt.timedelta(seconds=53)
        wall.add_note(Note(text=text, author=author, group=group, colour=colour_of[group], created=clock))
    layout.tidy_wall_in_place(wall, width=1900)
    return wall
