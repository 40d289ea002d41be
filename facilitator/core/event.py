"""The event itself, the groups in the room, photos and actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from facilitator.core.ids import new_id


@dataclass
class Event:
    """What the day is; its planned start and end anchor the schedule."""

    title: str = "Untitled event"
    date: dt.date = field(default_factory=dt.date.today)
    venue: str = ""
    organiser: str = ""
    planned_start: dt.time = dt.time(9, 30)
    planned_end: dt.time = dt.time(16, 0)

    @property
    def planned_minutes(self) -> int:
        start = dt.datetime.combine(self.date, self.planned_start)
        end = dt.datetime.combine(self.date, self.planned_end)
        return int((end - start).total_seconds() // 60)


@dataclass
class ParticipantGroup:
    """A sector in the room ("Health", "Sport"); notes are attributed to one."""

    name: str
    colour: str = "#9e9e9e"
    id: str = field(default_factory=new_id)
    order: str = field(default="", compare=False)


@dataclass
class Photo:
    """A photo of a paper wall; the image bytes stay in the store until asked for."""

    caption: str = ""
    wall_id: str | None = None
    mime: str = "image/jpeg"
    width: int = 0
    height: int = 0
    x: float = 0.0
    y: float = 0.0
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    id: str = field(default_factory=new_id)


@dataclass
class Action:
    """Something someone agreed to do after the event."""

    text: str
    owner: str = ""
    due: dt.date | None = None
    id: str = field(default_factory=new_id)
    order: str = field(default="", compare=False)
