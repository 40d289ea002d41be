"""Which screen the projector is, and whether there is one at all.

A projector is any screen whose geometry differs from the console's: two
screens that coincide (a mirrored projector, common in venues) show the same
pixels, so they count as one screen, and the room sees whatever the laptop
shows. With one screen, F5 asks once per project how to use it
(``ONE_SCREEN_SETTING``) and remembers.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QScreen

SCREEN_SETTING = "run.audience_screen"
ONE_SCREEN_SETTING = "run.one_screen"
# "The projector shows this screen": the room's view full-screen, a self-hiding control strip, no console.
PROJECTOR = "projector"
# "Rehearse here": the console beside a movable audience window that stays on top of it.
REHEARSE = "rehearse"
ONE_SCREEN_CHOICES = (PROJECTOR, REHEARSE)
# The console's screen list says "this screen, full-screen" with this (no screen is named so).
THIS_SCREEN = ":this-screen:"


def audience_screen(console_screen: QScreen | None, preferred: str | None = None) -> QScreen | None:
    """The screen for the audience window, or ``None`` when the room sees the console's screen.

    A saved choice wins when that screen is plugged in and is not a mirror of
    the console's; otherwise the first such screen (projectors are rarely the primary).
    """
    console_screen = console_screen or QGuiApplication.primaryScreen()
    here = console_screen.geometry() if console_screen is not None else None
    others = [s for s in QGuiApplication.screens() if s is not console_screen and s.geometry() != here]
    if preferred:
        for screen in others:
            if screen.name() == preferred:
                return screen
    return others[0] if others else None


def mirrored(screens: list[QScreen]) -> bool:
    """True when two screens coincide: whatever one shows, the other shows too."""
    geometries = [s.geometry().getRect() for s in screens]
    return len(set(geometries)) < len(geometries)


def describe(screen: QScreen) -> str:
    size = screen.size()
    return f"{screen.name()} ({size.width()}×{size.height()})"
