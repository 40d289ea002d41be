"""The set-up screens: the event's details, its participant groups and diamonds, and the agreed actions."""

from facilitator.ui.event.actions import ActionsPanel
from facilitator.ui.event.panel import EventPanel

__all__ = ["ActionsPanel", "EventPanel"]
