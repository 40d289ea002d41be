"""The run's colours and the countdown's states, shared by the projector, the console and the renders."""

from __future__ import annotations

from facilitator.core.run import Level

BACKGROUND = "#0f1a24"
PANEL = "#17273a"
TEXT = "#f4f6f8"
SOFT_TEXT = "#a9b7c6"
OVERTIME_BACKGROUND = "#4a0d16"

# Digits and progress colour per level: teal, amber, red, and white on deep red in overtime.
LEVEL_COLOURS = {
    Level.NORMAL: "#5fd3c7",
    Level.AMBER: "#ffb020",
    Level.RED: "#ff4d5e",
    Level.OVERTIME: "#ffffff",
}

LEVEL_WORDS = {
    Level.NORMAL: "",
    Level.AMBER: "Time to wrap up",
    Level.RED: "Last minute",
    Level.OVERTIME: "Over time",
}
BREAK_BACKGROUND = "#123a36"  # a break looks unlike an activity from across the room
