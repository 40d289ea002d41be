"""Clicker keys: presentation clickers send PageDown/PageUp, B or '.', F5 and Esc.

One application-wide event filter catches those keys for the console and
the audience window alike, whichever has focus, before a table or button
could swallow them; keys with Ctrl or Alt pass through (Ctrl+Q still quits).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

K = Qt.Key
# key -> (action name on RunMode, what the shortcuts sheet says)
CLICKER_KEYS: dict[Qt.Key, tuple[str, str]] = {
    K.Key_PageDown: ("next", "Next item"),
    K.Key_Right: ("next", "Next item"),
    K.Key_PageUp: ("previous", "Previous item"),
    K.Key_Left: ("previous", "Previous item"),
    K.Key_B: ("toggle_blackout", "Black out the projector (again to bring it back)"),
    K.Key_Period: ("toggle_blackout", "Black out the projector (again to bring it back)"),
    K.Key_Space: ("toggle", "Pause or resume the timer"),
    K.Key_F5: ("start", "Start the run (and resume a paused timer)"),
    K.Key_Escape: ("request_exit", "Leave run mode (asks first if the timer runs)"),
    K.Key_Plus: ("add_one", "One more minute"),
    K.Key_Equal: ("add_one", "One more minute"),
    K.Key_Minus: ("take_one", "One minute less"),
    K.Key_W: ("toggle_wall", "Show the linked wall on the projector (again for the timer)"),
}

SHEET: list[tuple[str, str]] = [
    ("F5", "Start the run (from the agenda); resume a paused timer"),
    ("Page Down  or  →", "Next item"),
    ("Page Up  or  ←", "Previous item"),
    ("Space", "Pause or resume the timer"),
    ("B  or  .", "Black out the projector (press again to bring it back)"),
    ("+  /  −", "One minute more / less on the current item"),
    ("W", "Show the item's linked wall on the projector (again for the timer)"),
    ("Esc", "Leave run mode (asks first if the timer is running)"),
    ("Double-click a row", "Jump to that item (in the console's schedule)"),
]


class ClickerKeys(QObject):
    """Routes clicker keys typed in any of ``windows`` to the actions of ``target`` (its parent)."""

    def __init__(self, target: QObject, windows: list[QWidget]) -> None:
        # The target is the Qt parent, not an attribute: no Python reference cycle to keep it alive.
        super().__init__(target)
        self.windows = windows

    @property
    def target(self) -> QObject:
        return self.parent()

    def action_for(self, event: QKeyEvent) -> Callable[[], None] | None:
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return None
        entry = CLICKER_KEYS.get(Qt.Key(event.key()))
        return getattr(self.target, entry[0]) if entry else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        if watched.window() not in self.windows:
            return False
        action = self.action_for(event)
        if action is None:
            return False
        if not event.isAutoRepeat():
            action()
        return True
