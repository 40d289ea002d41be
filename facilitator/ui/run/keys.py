"""Clicker keys: presentation clickers send PageDown/PageUp, B or '.', F5 and Esc.

One application-wide event filter catches those keys before a table or
button could swallow them, in every window of the app while a run is on:

- in the run's own windows (console, audience) every run key works;
- in the other windows (the main window, its walls) the clicker's keys work:
  PageDown/PageUp, B or '.', F5 and Esc (Esc in the main window only: a wall
  shown full-screen closes with it), so a facilitator on a wall can still move the run;
- while someone types (a line or text box has the focus) only PageDown,
  PageUp and F5 move the run; letters, Space and Esc go to the text;
- dialogs keep their keys, and keys with Ctrl or Alt pass through (Ctrl+Q still quits).

While the phones' join slide is up on the projector, the clicker's keys only
put it away (``PUTS_JOIN_SLIDE_AWAY``): a press meant for the slide, or made
by accident, never moves the room's place in the agenda.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

K = Qt.Key


class RunAction(StrEnum):
    """What a clicker key or a control-strip button asks run mode to do (``RunMode.perform``)."""

    NEXT = "next"
    PREVIOUS = "previous"
    TOGGLE = "toggle"
    START = "start"
    TOGGLE_BLACKOUT = "toggle_blackout"
    REQUEST_EXIT = "request_exit"
    ADD_ONE = "add_one"
    TAKE_ONE = "take_one"
    TOGGLE_WALL = "toggle_wall"
    UNDO = "undo"
    SHOW_CONSOLE = "show_console"
    TOGGLE_JOIN_SLIDE = "toggle_join_slide"


A = RunAction
# key -> (what it does, what the shortcuts sheet says)
CLICKER_KEYS: dict[Qt.Key, tuple[RunAction, str]] = {
    K.Key_PageDown: (A.NEXT, "Next item"),
    K.Key_Right: (A.NEXT, "Next item"),
    K.Key_PageUp: (A.PREVIOUS, "Previous item"),
    K.Key_Left: (A.PREVIOUS, "Previous item"),
    K.Key_B: (A.TOGGLE_BLACKOUT, "Black out the projector (again to bring it back)"),
    K.Key_Period: (A.TOGGLE_BLACKOUT, "Black out the projector (again to bring it back)"),
    K.Key_Space: (A.TOGGLE, "Pause or resume the timer"),
    K.Key_F5: (A.START, "Start the run (and resume a paused timer)"),
    K.Key_Escape: (A.REQUEST_EXIT, "Leave run mode (asks first if the timer runs)"),
    K.Key_Plus: (A.ADD_ONE, "One more minute"),
    K.Key_Equal: (A.ADD_ONE, "One more minute"),
    K.Key_Minus: (A.TAKE_ONE, "One minute less"),
    K.Key_W: (A.TOGGLE_WALL, "Show the linked wall on the projector (again for the timer)"),
    K.Key_J: (A.TOGGLE_JOIN_SLIDE, "Show the phones' join slide on the projector (again to take it away)"),
}
# What a clicker sends: these move the run from any window of the app.
EVERYWHERE = {K.Key_PageDown, K.Key_PageUp, K.Key_B, K.Key_Period, K.Key_F5, K.Key_Escape}
# And these even while someone is typing (a clicker has no letters to type).
WHILE_TYPING = {K.Key_PageDown, K.Key_PageUp, K.Key_F5}
# While the join slide is up these only put it away, from any window: what a clicker sends (Page Down/Up, B or .,
# F5, Esc) and the arrows that also move the run. The facilitator facing the room presses the clicker to "go back
# to the timer", and a skipped item or a left run loses the room's place; one more press does the key's job.
# J takes the slide away as it brings it. Space, +/−, W and Ctrl+Z are the console's, never a clicker's: they keep
# their meaning under the slide.
PUTS_JOIN_SLIDE_AWAY = frozenset({A.NEXT, A.PREVIOUS, A.TOGGLE_BLACKOUT, A.START, A.REQUEST_EXIT})

SHEET: list[tuple[str, str]] = [
    ("F5", "Start the run (from the agenda: the standby screen first); resume a paused timer"),
    ("Page Down  or  →", "Next item (on the standby screen: start the first item)"),
    ("Page Up  or  ←", "Previous item (it carries on from its own time)"),
    ("Space", "Pause or resume the timer"),
    ("B  or  .", "Black out the projector (press again to bring it back)"),
    ("+  /  −", "One minute more / less on the current item"),
    ("W", "Show the item's linked wall on the projector (again for the timer)"),
    ("J", "Show the phones' join slide on the projector for late joiners (again to take it away)"),
    ("Clicker keys", "While the join slide is up, Page Down / Up, ← / →, B, F5 and Esc only take it away"),
    ("Ctrl+Z", "Undo the last run action (in the console)"),
    ("Esc", "Leave run mode (asks first if the timer is running)"),
    ("Double-click a row", "Jump to that item (in the console's schedule)"),
]

TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def is_typing_in(widget: QWidget | None) -> bool:
    """True when ``widget`` takes typed text (a line, a text box, an editable list)."""
    if widget is None:
        return False
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    return isinstance(widget, TEXT_INPUTS)


class ClickerKeys(QObject):
    """Turns clicker keys typed in any window of the app into ``triggered(RunAction)``.

    ``windows`` are the run's own windows, where every run key works. Run mode
    connects ``triggered`` to its ``perform``: a signal, so this filter holds
    no reference to what it drives.
    """

    triggered = Signal(object)  # a RunAction

    def __init__(self, windows: list[QWidget], host: QWidget | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.windows = windows
        self.host = host  # the main window: Esc leaves the run from there too

    def action_for(self, event: QKeyEvent) -> RunAction | None:
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return None
        entry = CLICKER_KEYS.get(Qt.Key(event.key()))
        return entry[0] if entry else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        window = watched.window()
        if isinstance(window, QDialog):
            return False  # a question or a file dialog keeps its own keys
        action = self.action_for(event)
        if action is None:
            return False
        key = Qt.Key(event.key())
        if window not in self.windows and key not in EVERYWHERE:
            return False  # arrows, Space, +/- keep their meaning on a wall
        if key == K.Key_Escape and window not in self.windows and window is not self.host:
            return False  # another window of ours (a wall shown full-screen) closes itself with Esc
        focus = QApplication.focusWidget()
        typing = is_typing_in(watched) or (is_typing_in(focus) and watched.isAncestorOf(focus))
        if typing and key not in WHILE_TYPING:
            return False
        if not event.isAutoRepeat():
            self.triggered.emit(action)
        return True
