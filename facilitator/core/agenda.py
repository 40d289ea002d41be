"""The agenda, its diamonds (the "diamond necklace") and schedule arithmetic.

Schedule arithmetic is plain minutes from the event's planned start, so the
same numbers drive the editor, the run console, the handout and the tests.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field

from facilitator.core.event import Event
from facilitator.core.ids import new_id


class Kind(enum.StrEnum):
    ACTIVITY = "activity"
    PLENARY = "plenary"
    BREAK = "break"


class Phase(enum.StrEnum):
    """Double Diamond phases; discover and develop diverge, define and deliver converge."""

    NONE = "none"
    DISCOVER = "discover"
    DEFINE = "define"
    DEVELOP = "develop"
    DELIVER = "deliver"

    @property
    def diverging(self) -> bool:
        return self in (Phase.DISCOVER, Phase.DEVELOP)

    @property
    def converging(self) -> bool:
        return self in (Phase.DEFINE, Phase.DELIVER)


class DiamondSize(enum.StrEnum):
    BIG = "big"
    SMALL = "small"


@dataclass
class Diamond:
    """A question the room diverges on and then converges; big for the day, small for a session."""

    question: str
    size: DiamondSize = DiamondSize.SMALL
    id: str = field(default_factory=new_id)
    order: str = field(default="", compare=False)


@dataclass
class AgendaItem:
    title: str
    minutes: int = 15
    kind: Kind = Kind.ACTIVITY
    phase: Phase = Phase.NONE
    diamond_id: str | None = None
    instructions: str = ""
    notes: str = ""
    wall_id: str | None = None
    id: str = field(default_factory=new_id)
    order: str = field(default="", compare=False)


@dataclass(frozen=True)
class Slot:
    """An item placed in time: minutes from the event start, and clock times."""

    item: AgendaItem
    start_minute: int
    end_minute: int
    start: dt.time
    end: dt.time


def _clock(event: Event, minutes: int) -> dt.time:
    base = dt.datetime.combine(event.date, event.planned_start)
    return (base + dt.timedelta(minutes=minutes)).time()


def schedule(event: Event, items: Sequence[AgendaItem]) -> list[Slot]:
    """Each item's planned start and end, back to back from the event's planned start."""
    slots: list[Slot] = []
    minute = 0
    for item in items:
        end = minute + max(0, item.minutes)
        slots.append(Slot(item, minute, end, _clock(event, minute), _clock(event, end)))
        minute = end
    return slots


def total_minutes(items: Sequence[AgendaItem]) -> int:
    return sum(max(0, item.minutes) for item in items)


def overrun_minutes(event: Event, items: Sequence[AgendaItem]) -> int:
    """Positive when the agenda runs past the planned end, negative when it leaves slack."""
    return total_minutes(items) - event.planned_minutes


def describe_overrun(minutes: int) -> str:
    """The phrase the editor shows beside the total ("15 min over")."""
    if minutes > 0:
        return f"{_hours_minutes(minutes)} over"
    if minutes < 0:
        return f"{_hours_minutes(-minutes)} spare"
    return "on time"


def _hours_minutes(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    if hours:
        return f"{hours} h"
    return f"{rest} min"


def necklace(items: Sequence[AgendaItem], diamonds: Sequence[Diamond]) -> list[Diamond]:
    """The diamonds in the order the agenda first reaches them: the event's necklace.

    Diamonds no item uses yet are strung on at the end so none is lost from view.
    """
    by_id = {d.id: d for d in diamonds}
    order: list[Diamond] = []
    seen: set[str] = set()
    for item in items:
        if item.diamond_id and item.diamond_id in by_id and item.diamond_id not in seen:
            seen.add(item.diamond_id)
            order.append(by_id[item.diamond_id])
    order.extend(d for d in diamonds if d.id not in seen)
    return order
