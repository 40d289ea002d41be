"""One look for every window: colours, fonts and the application style sheet."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from facilitator.core import palette

INK = "#1f2933"
MUTED = "#5a6673"  # 4.5:1 or better on every background of ours, the selection tint included
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


def style_sheet(base_pt: float = 10.0) -> str:
    """The application style sheet, its type sized from the reading font (so a larger system font scales it)."""
    heading, title, small = base_pt * 1.5, base_pt * 1.15, base_pt * 0.98
    return f"""
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
QPushButton:focus {{ border: 2px solid {FOCUS}; padding: 4px 11px; }}
QPushButton:default:focus {{ border: 2px solid {INK}; }}
QToolButton:focus {{ border: 2px solid {FOCUS}; border-radius: 4px; }}
QTableView:focus, QListView:focus, QTreeView:focus, QGraphicsView:focus, QPlainTextEdit:focus,
QTextEdit:focus {{ border: 2px solid {FOCUS}; }}
QComboBox:focus, QAbstractSpinBox:focus {{ border: 2px solid {FOCUS}; border-radius: 3px; padding: 1px 4px; }}
QCheckBox:focus, QRadioButton:focus {{ border: 2px solid {FOCUS}; border-radius: 4px; padding: 1px 3px; }}
QTabBar:focus {{ border-bottom: 2px solid {FOCUS}; }}
QTabBar::tab:focus {{ border: 2px solid {FOCUS}; border-bottom: none; }}
QLabel#heading {{ color: {INK}; font-size: {heading:.1f}pt; font-weight: 700; }}
QLabel#subheading {{ color: {MUTED}; font-size: {small:.1f}pt; }}
QLabel#sectionTitle {{ font-size: {title:.1f}pt; }}
QLineEdit#eventTitle {{ font-size: {title:.1f}pt; font-weight: 600; padding: 4px 6px; }}
"""


STYLE_SHEET = style_sheet()


def text_width(widget: QWidget, texts, extra: int = 28, bold: bool = False) -> int:
    """Pixels for the widest of ``texts`` in the widget's font (bold for headers) plus padding:
    column widths that follow the font size, so large system text is not cut off."""
    font = QFont(widget.font())
    font.setBold(bold)
    metrics = QFontMetrics(font)
    return max((metrics.horizontalAdvance(t) for t in texts), default=0) + extra


def char_width(widget: QWidget, chars: int) -> int:
    """Pixels for about ``chars`` characters of ordinary text in the widget's font."""
    return QFontMetrics(widget.font()).averageCharWidth() * chars


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
    app.setStyleSheet(style_sheet(font.pointSizeF()))
