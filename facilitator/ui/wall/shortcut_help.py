"""The wall's keyboard help, made from the bindings themselves, so it cannot drift from them.

The wall's keys come from its ``QAction``s as bound at the moment (text,
shortcut, tooltip). Keys that are not actions are listed beside the code that
handles them: ``capture.KEYS`` (F4 read from ``CYCLE_KEY``) and
``navigation.ARROW_KEYS`` (nudge steps from its constants). New wall and undo
come from the same constants the main window binds. Only the mouse gestures,
which no binding describes, are written here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

NATIVE = QKeySequence.SequenceFormat.NativeText
MOUSE = (
    ("Click, Shift+click or Ctrl+click", "Select; add to the selection"),
    ("Double-click", "Edit a note's text, a cluster's title or a photo's caption"),
    ("Space+drag, middle button or scroll", "Pan"),
    ("Ctrl+wheel or pinch", "Zoom"),
    ("Drag", "Move notes, clusters and photos; drop notes on a cluster to add them"),
    ("Click / Shift+click or right-click", "With Record dots on: add a dot / take one back"),
    ("Double-click a wall's tab", "Rename the wall (Wall menu: delete, move left or right)"),
)


@dataclass(frozen=True)
class HelpRow:
    keys: str  # as the menus show them ("Ctrl+G", "Delete or Backspace")
    what: str


def key_text(action: QAction) -> str:
    """The action's keys as the menus show them; several keys joined by "or"."""
    return " or ".join(k.toString(NATIVE) for k in action.shortcuts() if not k.isEmpty())


def describe(action: QAction) -> str:
    """The action's name, and its tooltip when one was given (Qt falls back to the name)."""
    name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".")
    tip = action.toolTip()
    return f"{name}: {tip}" if tip and tip not in (name, action.text()) else name


def action_rows(actions: Iterable[QAction]) -> list[HelpRow]:
    """One row per thing done, in order; actions doing the same thing (Delete and Backspace) share a row."""
    keys: dict[str, list[str]] = {}
    for action in actions:
        text = key_text(action)
        if text:
            keys.setdefault(describe(action), []).append(text)
    return [HelpRow(" or ".join(k), what) for what, k in keys.items()]


def wall_sections(actions: Iterable[QAction]) -> list[tuple[str, list[HelpRow]]]:
    """The whole help for a wall whose keyed actions are ``actions``."""
    from facilitator.ui.wall.capture import KEYS as CAPTURE_KEYS
    from facilitator.ui.wall.navigation import ARROW_KEYS
    from facilitator.ui.wall.wall_tabs import NEW_WALL_KEYS

    window = [
        HelpRow(QKeySequence(NEW_WALL_KEYS).toString(NATIVE), "New wall"),
        HelpRow(QKeySequence(QKeySequence.StandardKey.Undo).toString(NATIVE), "Undo"),
        HelpRow(QKeySequence(QKeySequence.StandardKey.Redo).toString(NATIVE), "Redo"),
    ]
    return [
        ("On the wall", action_rows(actions)),
        ("Moving about", [HelpRow(k, w) for k, w in ARROW_KEYS]),
        ("Capture bar", [HelpRow(k, w) for k, w in CAPTURE_KEYS]),
        ("Walls and undo", window),
        ("Mouse", [HelpRow(k, w) for k, w in MOUSE]),
    ]


def help_html(sections: Sequence[tuple[str, Sequence[HelpRow]]]) -> str:
    """The sections as one two-column table (keys, what they do), headed by section."""
    parts = ["<table cellspacing='0' cellpadding='3' width='100%'>"]
    for title, rows in sections:
        parts.append(f"<tr><td colspan='2' style='padding-top:8px'><b>{html.escape(title)}</b></td></tr>")
        for row in rows:
            parts.append(
                f"<tr><td width='34%' style='padding-right:16px'><nobr>{html.escape(row.keys)}</nobr></td>"
                f"<td>{html.escape(row.what)}</td></tr>"
            )
    parts.append("</table>")
    return "".join(parts)


def help_text(sections: Sequence[tuple[str, Sequence[HelpRow]]]) -> str:
    """The same as plain text (for a screen reader's copy, and for tests to read)."""
    lines: list[str] = []
    for title, rows in sections:
        lines.append(title)
        lines += [f"  {row.keys}: {row.what}" for row in rows]
    return "\n".join(lines)


class ShortcutHelp(QDialog):
    """The help beside the wall, not blocking it (shown, not exec'd); Esc or Close closes it."""

    def __init__(self, title: str, sections: Sequence[tuple[str, Sequence[HelpRow]]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.sections = list(sections)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName(title)
        self.text.setHtml(help_html(self.sections))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        width = self.fontMetrics().horizontalAdvance("M") * 52
        self.resize(width, min(width * 5 // 4, 760))
