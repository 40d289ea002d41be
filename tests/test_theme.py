"""The theme: one phase palette for screen and print, readable text, disabled items that look disabled."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from facilitator.core import palette
from facilitator.core.agenda import Phase


@pytest.fixture
def themed_app(qapp):
    """The app's real look for one test, put back afterwards so other tests keep Qt's defaults."""
    from facilitator.ui.theme import apply_theme

    saved = (qapp.style().name(), QPalette(qapp.palette()), qapp.font(), qapp.styleSheet())
    apply_theme(qapp)
    yield qapp
    style, pal, font, sheet = saved
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(pal)
    qapp.setFont(font)


def test_screen_and_print_share_one_phase_palette():
    from facilitator.export import styles
    from facilitator.ui import theme

    for phase in Phase:
        if phase is Phase.NONE:
            continue
        screen = QColor(theme.PHASE_COLOURS[phase.value]).name()
        printed = "#" + styles.PHASE_COLOURS[phase].hexval()[2:].lower()
        assert screen == printed, phase
        words = "#" + styles.PHASE_TEXT_COLOURS[phase].hexval()[2:].lower()
        assert words == theme.PHASE_TEXT_COLOURS[phase.value]


@pytest.mark.parametrize("background", ["#ffffff", "#f8f6f2", "#f5f3ee", "#f1eee8"])
def test_words_in_a_phase_colour_reach_4_5_to_1(background):
    for phase, colour in palette.PHASE_TEXT_COLOURS.items():
        assert palette.contrast_ratio(colour, background) >= 4.5, (phase, colour, background)


def test_printed_text_colours_reach_4_5_to_1_on_white():
    from facilitator.export import styles

    for name in ("INK", "MUTED", "FAINT", "ACCENT"):
        colour = "#" + getattr(styles, name).hexval()[2:]
        assert palette.contrast_ratio(colour, "#ffffff") >= 4.5, name


def test_contrast_ratio_matches_wcag_examples():
    assert palette.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert palette.contrast_ratio("#e69f00", "#ffffff") == pytest.approx(2.25, abs=0.02)  # the old amber label


def _darkest(image, rect) -> int:
    """The darkest pixel's lightness in ``rect``: where the text is."""
    darkest = 255
    for y in range(rect.top(), rect.bottom()):
        for x in range(rect.left(), rect.right()):
            darkest = min(darkest, QColor(image.pixel(x, y)).lightness())
    return darkest


def test_disabled_menu_items_look_disabled(themed_app, qtbot):
    pal = themed_app.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        enabled = pal.color(QPalette.ColorGroup.Active, role)
        disabled = pal.color(QPalette.ColorGroup.Disabled, role)
        assert disabled.lightness() - enabled.lightness() >= 80, role
    menu = QMenu()
    qtbot.addWidget(menu)
    on = QAction("Export…", menu)
    off = QAction("Export…", menu)
    off.setEnabled(False)
    menu.addActions([on, off])
    menu.show()
    qtbot.waitExposed(menu)
    image = menu.grab().toImage()
    assert _darkest(image, menu.actionGeometry(off)) - _darkest(image, menu.actionGeometry(on)) >= 60
    QApplication.processEvents()
