"""What a phone is told about the item on now: its title, its question and when its time runs out."""

from __future__ import annotations

from typing import Any

from facilitator.core.project import Project
from facilitator.core.run import Run, Stage


def item_state(run: Run | None, project: Project, wall_now: float) -> dict[str, Any] | None:
    """The ``item`` of the room's state, or None when no item is on (no run, standby or the end screen).

    ``ends_at`` is on the laptop's wall clock (``wall_now`` plus what is left), so the phone computes
    the time left from it and the clock offset instead of counting down; ``None`` while paused, when
    ``remaining`` says how much is left.
    """
    if run is None or run.stage is not Stage.ITEM:
        return None
    item = run.current_item
    diamond = project.diamond(item.diamond_id)
    question = diamond.question if diamond is not None else ""
    remaining = run.remaining
    return {
        "id": item.id,
        "title": item.title,
        "question": question,
        "running": run.running,
        "remaining": remaining,
        "ends_at": wall_now + remaining if run.running else None,
    }
