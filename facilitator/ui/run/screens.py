"""Which screen the projector is: the one the facilitator picked, else any screen but the laptop's."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QScreen

SCREEN_SETTING = "run.audience_screen"


def audience_screen(console_screen: QScreen | None, preferred: str | None = None) -> QScreen | None:
    """The screen for the audience window, or ``None`` when there is only the laptop's.

    A saved choice wins when that screen is plugged in; otherwise the first
    screen that is not the console's (projectors are rarely the primary).
    """
    screens = QGuiApplication.screens()
    if preferred:
        for screen in screens:
            if screen.name() == preferred:
                return screen
    others = [s for s in screens if s is not console_screen]
    if console_screen is None:
        others = [s for s in screens if s is not QGuiApplication.primaryScreen()]
    return others[0] if others else None


def describe(screen: QScreen) -> str:
    size = screen.size()
    return f"{screen.name()} ({size.width()}×{size.height()})"
