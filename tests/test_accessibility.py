"""Accessibility of the desktop app (WCAG 2.2 AA for public-sector buyers), measured rather than hoped for.

- every focusable widget on the main screens has an accessible name (read through QAccessible, as a
  screen reader would);
- keyboard focus is visible: a focused control looks different, in the theme's focus colour;
- at the system font scaled to 150 %, no label, button or tab on the main screens is cut off;
- text colours reach 4.5:1 against the backgrounds they are drawn on.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabBar,
    QTableView,
    QToolButton,
    QWidget,
)

from facilitator.core.palette import PHASE_TEXT_COLOURS, contrast_ratio


@pytest.fixture
def themed_app(qapp):
    """The app's real look, put back afterwards so other tests keep Qt's defaults."""
    from facilitator.ui.theme import apply_theme

    saved = (qapp.style().name(), QPalette(qapp.palette()), QFont(qapp.font()), qapp.styleSheet())
    apply_theme(qapp)
    yield qapp
    style, palette, font, sheet = saved
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)


@pytest.fixture
def large_text_app(qapp):
    """The system font at 150 %, then our theme on top, as a user with large text would run the app."""
    from facilitator.ui.theme import apply_theme

    saved = (qapp.style().name(), QPalette(qapp.palette()), QFont(qapp.font()), qapp.styleSheet())
    font = QFont(qapp.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.5)
    qapp.setFont(font)
    apply_theme(qapp)
    yield qapp
    style, palette, font, sheet = saved
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)


def open_window(qtbot, demo_file, size=(1366, 768)):
    from facilitator.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    assert window.open_path(demo_file)
    qtbot.waitExposed(window)
    return window


def screens(window):
    """Each main screen in turn (a wall with its vote panel open too), yielding a name and the root widget."""
    app = QApplication.instance()
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        page = window.tabs.widget(i)
        vote_button = getattr(page, "vote_button", None)
        if vote_button is not None and not vote_button.isChecked():
            vote_button.click()
        app.processEvents()
        yield window.tabs.tabText(i), window


def _internal(widget: QWidget) -> bool:
    """Parts Qt presents as one accessible object with their owner: a spin box's or combo's text field,
    a scroll area's viewport, Qt's own named helpers."""
    parent = widget.parentWidget()
    if widget.objectName().startswith("qt_"):
        return True
    if isinstance(parent, (QAbstractSpinBox, QComboBox)):
        return True
    return isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget


def unnamed(root: QWidget) -> list[str]:
    """Every visible, focusable widget under ``root`` whose accessible name is empty, described for a person."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus or _internal(widget):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            hint = widget.toolTip() or getattr(widget, "placeholderText", lambda: "")()
            missing.append(f"{type(widget).__name__} in {type(widget.parentWidget()).__name__} ({hint[:40]!r})")
    return missing


# -- names ----------------------------------------------------------------------------------------------------------
def test_every_focusable_widget_on_each_tab_has_an_accessible_name(themed_app, demo_file, qtbot):
    window = open_window(qtbot, demo_file)
    seen = 0
    for name, root in screens(window):
        missing = unnamed(root)
        assert missing == [], f"{name}: {missing}"
        seen += 1
    assert seen == window.tabs.count() >= 5


def test_the_export_dialog_and_the_method_library_name_their_controls(themed_app, demo_file, qtbot):
    from facilitator.ui.agenda.library import MethodLibraryDialog, default_library
    from facilitator.ui.export_dialog import ExportDialog

    window = open_window(qtbot, demo_file)
    dialog = ExportDialog(window.document, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for kind in ("agenda", "session", "csv"):
        dialog.set_kind(kind)
        assert unnamed(dialog) == [], kind
    dialog.done(0)
    library = MethodLibraryDialog(default_library(), window)
    qtbot.addWidget(library)
    library.show()
    qtbot.waitExposed(library)
    assert unnamed(library) == []


def test_the_run_console_names_its_controls(themed_app, demo_file, qtbot):
    """The console belongs to run mode; whatever it holds when this runs must carry a name."""
    window = open_window(qtbot, demo_file)
    mode = window.run_launcher.start()
    try:
        QApplication.processEvents()
        assert unnamed(mode.console) == []
    finally:
        mode.close()


# -- visible focus --------------------------------------------------------------------------------------------------
def _focus_pixels(widget: QWidget, qtbot) -> tuple[int, int]:
    """(pixels that change when the widget takes the focus, those of them in the focus colour or near it)."""
    from facilitator.ui.theme import FOCUS

    other = QPushButton("elsewhere", widget.parentWidget())
    other.show()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    before = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    after = widget.grab().toImage()
    ring = QColor(FOCUS)
    changed = near = 0
    for y in range(min(before.height(), after.height())):
        for x in range(min(before.width(), after.width())):
            a, b = before.pixel(x, y), after.pixel(x, y)
            if a != b:
                changed += 1
                c = QColor(b)
                if abs(c.red() - ring.red()) + abs(c.green() - ring.green()) + abs(c.blue() - ring.blue()) < 90:
                    near += 1
    return changed, near


@pytest.mark.parametrize(
    "make",
    [
        lambda p: QPushButton("Add item", p),
        lambda p: QToolButton(p),
        lambda p: QLineEdit("Town Hall", p),
        lambda p: QComboBox(p),
        lambda p: QCheckBox("Record dots", p),
        lambda p: QTableView(p),
        lambda p: QListWidget(p),
    ],
    ids=["button", "tool button", "line edit", "combo box", "check box", "table", "list"],
)
def test_keyboard_focus_is_visible_in_the_theme_focus_colour(themed_app, qtbot, make):
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(300, 200)
    widget = make(host)
    if isinstance(widget, QToolButton):
        widget.setText("Tidy all")
        widget.setAutoRaise(True)
    if isinstance(widget, QComboBox):
        widget.addItems(["Discover", "Define"])
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.setGeometry(10, 10, 160, 60 if isinstance(widget, (QTableView, QListWidget)) else 32)
    host.show()
    qtbot.waitExposed(host)
    changed, near = _focus_pixels(widget, qtbot)
    assert changed >= 40 and near >= 20, (changed, near)


# -- large text -----------------------------------------------------------------------------------------------------
def clipped(root: QWidget) -> list[str]:
    """Visible labels, buttons and tabs whose text needs more room than they have."""
    out = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.textFormat() == Qt.TextFormat.RichText or "<" in widget.text():
                continue
            rect = widget.contentsRect()
            if widget.wordWrap():
                needed_h = widget.heightForWidth(widget.width())
                if needed_h > widget.height() + 1:
                    out.append(f"label {widget.text()[:40]!r}: {widget.height()} px high, needs {needed_h}")
            else:
                needed = widget.fontMetrics().horizontalAdvance(widget.text().split("\n")[0].replace("&", ""))
                if needed > rect.width() + 1:
                    out.append(f"label {widget.text()[:40]!r}: {rect.width()} px wide, needs {needed}")
                lines = widget.text().count("\n") + 1
                if widget.fontMetrics().height() * lines > rect.height() + 2:
                    out.append(f"label {widget.text()[:40]!r}: {rect.height()} px high")
        elif isinstance(widget, QToolButton) and widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
            continue  # an icon: its text is the tooltip and the accessible name, never drawn
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.minimumSizeHint() if isinstance(widget, QCheckBox) else widget.sizeHint()
            if hint.width() > widget.width() + 1 or widget.fontMetrics().height() > widget.height():
                out.append(f"{type(widget).__name__} {widget.text()!r}: {widget.width()} px wide, needs {hint.width()}")
        elif isinstance(widget, QTableView) and widget.model() is not None:
            out += _clipped_cells(widget)
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                needed = widget.fontMetrics().horizontalAdvance(widget.tabText(i))
                if needed > widget.tabRect(i).width():
                    out.append(f"tab {widget.tabText(i)!r} cut off")
    return out


def _clipped_cells(table: QTableView) -> list[str]:
    """Column headers, and short cell texts (a kind, a phase, a time: 12 characters or fewer), that do not fit.
    Long texts (titles, instructions) are meant to be cut with "…" and shown whole in their tooltip."""
    out = []
    model = table.model()
    header = table.horizontalHeader()
    bold = QFont(header.font())
    bold.setBold(True)
    for col in range(model.columnCount()):
        if table.isColumnHidden(col):
            continue
        width = table.columnWidth(col)
        title = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        if QFontMetrics(bold).horizontalAdvance(title) + 16 > header.sectionSize(col):
            out.append(f"header {title!r}: {header.sectionSize(col)} px")
        for row in range(min(model.rowCount(), 40)):
            index = model.index(row, col)
            text = model.data(index)
            if not isinstance(text, str) or not text or len(text) > 12:
                continue
            font = model.data(index, Qt.ItemDataRole.FontRole) or table.font()
            icon = 22 if model.data(index, Qt.ItemDataRole.DecorationRole) is not None else 0
            if QFontMetrics(font).horizontalAdvance(text) + 6 + icon > width:  # Qt keeps 3 px each side
                out.append(f"cell {text!r} in column {title!r}: {width} px")
    return out


def test_at_150_percent_text_nothing_on_the_main_screens_is_cut_off(large_text_app, demo_file, qtbot, tmp_path):
    base = QApplication.font().pointSizeF()
    assert base >= 14.9
    window = open_window(qtbot, demo_file, size=(1600, 1000))
    problems = []
    for name, root in screens(window):
        window.grab().save(str(tmp_path / f"{name}.png"))  # to look at when this fails
        problems += [f"{name}: {p}" for p in clipped(root)]
    assert problems == [], "\n".join(problems)


# -- contrast -------------------------------------------------------------------------------------------------------
def test_text_colours_reach_4_5_to_1_on_their_backgrounds():
    from facilitator.ui import theme

    backgrounds = [theme.PAPER, theme.PANEL, "#ffffff", "#f8f6f2"]  # window, tabs and headers, tables, alt rows
    pairs = [(theme.INK, bg) for bg in backgrounds] + [(theme.MUTED, bg) for bg in backgrounds]
    pairs += [(theme.ACCENT, bg) for bg in backgrounds]
    pairs += [(colour, bg) for colour in PHASE_TEXT_COLOURS.values() for bg in backgrounds]
    pairs += [("#ffffff", theme.ACCENT), (theme.INK, theme.ACCENT_SOFT), (theme.MUTED, theme.ACCENT_SOFT)]
    pairs += [("#b3261e", theme.PAPER), ("#b3261e", "#ffffff")]  # refusals and errors
    low = [(fg, bg, round(contrast_ratio(fg, bg), 2)) for fg, bg in pairs if contrast_ratio(fg, bg) < 4.5]
    assert low == []
