"""One look for every window: colours, fonts and the application style sheet."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

INK = "#1f2933"
MUTED = "#616e7c"
PAPER = "#fbfaf7"
PANEL = "#f1eee8"
ACCENT = "#0b6e69"
ACCENT_SOFT = "#d7ecea"
LINE = "#ddd8cf"

PHASE_COLOURS = {
    "discover": "#0072b2",
    "define": "#d55e00",
    "develop": "#009e73",
    "deliver": "#cc79a7",
    "none": "#9aa5b1",
}

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
    app.setStyle("Fusion")
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(PAPER))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    palette.setColor(QPalette.ColorRole.Text, QColor(INK))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
