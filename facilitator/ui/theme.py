"""One look for every window: colours, fonts and the application style sheet."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from facilitator.core import palette

INK = "#1f2933"
MUTED = "#616e7c"
PAPER = "#fbfaf7"
PANEL = "#f1eee8"
ACCENT = "#0b6e69"
ACCENT_SOFT = "#d7ecea"
LINE = "#ddd8cf"
DISABLED = "#a3acb6"  # greyed-out text: meant to read as "not now" (WCAG exempts inactive controls)
FOCUS = "#0b6e69"  # the keyboard focus ring

# The phases' colours come from the core, so the screen and print agree.
PHASE_COLOURS = palette.PHASE_COLOURS
PHASE_TEXT_COLOURS = palette.PHASE_TEXT_COLOURS

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {PAPER}; }}
QTabWidget::pane {{ border: 1px solid {LINE}; border-radius: 6px; background: white; top: -1px; }}
QTabBar::tab {{ background: {PANEL}; color: {MUTED}; padding: 7px 16px; border: 1px solid {LINE};
    border-bottom: none; border-top-left-radius: 6px; border-top-right-radius: 6px; margin-right: 2px; }}
QTabBar::tab:selected {{ background: white; color: {INK}; font-weight: 600; }}
QTableView, QTreeView, QListView {{ background: white; alternate-background-color: #f8f6f2;
    gridline-color: {LINE}; selection-background-color: {ACCENT_SOFT}; selection-color: {INK}; border: none; }}
QHeaderView::section {{ background: {PANEL}; color: {MUTED}; border: none; border-bottom: 1px solid {LINE};
    padding: 6px 8px; font-weight: 600; }}
QToolBar {{ background: {PANEL}; border: none; border-bottom: 1px solid {LINE}; spacing: 6px; padding: 4px; }}
QStatusBar {{ background: {PANEL}; color: {MUTED}; }}
QPushButton {{ background: white; border: 1px solid {LINE}; border-radius: 5px; padding: 5px 12px; }}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:default {{ background: {ACCENT}; color: white; border-color: {ACCENT}; }}
QLabel#heading {{ color: {INK}; font-size: 20px; font-weight: 700; }}
QLabel#subheading {{ color: {MUTED}; font-size: 13px; }}
"""


def apply_theme(app: QApplication) -> None:
    """Our colours and fonts for every window.

    Text colours are set for the active and inactive states only: the
    disabled state keeps a grey of its own, so a disabled menu item or
    button looks disabled.
    """
    app.setStyle("Fusion")
    palette = app.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        palette.setColor(group, QPalette.ColorRole.Window, QColor(PAPER))
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            palette.setColor(group, role, QColor(INK))
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(ACCENT))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("white"))
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(MUTED))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED))
    palette.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.Light, QColor(PAPER)
    )  # no embossed shadow under disabled text
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
