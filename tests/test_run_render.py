"""``facilitator render --view audience|console|necklace``: the run's views as PNGs, without a screen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from facilitator.cli import main
from facilitator.core.run import Level
from facilitator.ui.run import look


def render(demo_file, tmp_path, *args: str) -> QImage:
    out = tmp_path / "view.png"
    assert main(["render", str(demo_file), *args, "-o", str(out)]) == 0
    image = QImage(str(out))
    assert not image.isNull()
    return image


def close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tolerance


def digit_height(image: QImage, colour: str) -> int:
    """The height of the countdown's digits: the tallest unbroken band of rows holding ink of its colour."""
    want = QColor(colour)
    h, w = image.height(), image.width()
    best = run = 0
    for y in range(int(h * 0.2), int(h * 0.75)):
        if any(close(image.pixelColor(x, y), want) for x in range(int(w * 0.2), int(w * 0.8), 3)):
            run += 1
            best = max(best, run)
        else:
            run = 0
    return best


# Item 3 of the demo is 25 minutes: amber from 5:00 left, red from 1:15 left.
@pytest.mark.parametrize(
    ("remaining", "level", "background"),
    [
        ("1000", Level.NORMAL, look.BACKGROUND),
        ("250", Level.AMBER, look.BACKGROUND),
        ("60", Level.RED, look.BACKGROUND),
        ("-190", Level.OVERTIME, look.OVERTIME_BACKGROUND),
    ],
)
def test_audience_colours_follow_the_thresholds(demo_file, tmp_path, remaining, level, background):
    image = render(demo_file, tmp_path, "--view", "audience", "--at", "3", "--remaining", remaining)
    assert (image.width(), image.height()) == (1920, 1080)
    assert close(image.pixelColor(5, 5), QColor(background), 6)
    # The digits are readable from the back of the room: at least a quarter of the screen high.
    assert digit_height(image, look.LEVEL_COLOURS[level]) >= 1080 / 4


def test_audience_at_another_size_scales_the_digits(demo_file, tmp_path):
    image = render(demo_file, tmp_path, "--view", "audience", "--size", "1280x720")
    assert digit_height(image, look.LEVEL_COLOURS[Level.NORMAL]) >= 720 / 4


def test_console_and_necklace_render_at_their_sizes(demo_file, tmp_path):
    console = render(demo_file, tmp_path, "--view", "console", "--at", "5", "--remaining", "400")
    assert (console.width(), console.height()) == (1366, 768)
    assert close(console.pixelColor(40, 300), QColor(look.BACKGROUND), 6)  # the dark "now" card
    necklace = render(demo_file, tmp_path, "--view", "necklace", "--at", "5", "--size", "1200x260")
    assert (necklace.width(), necklace.height()) == (1200, 260)


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--at", "99"], "--at must be between 1 and 13"), (["--size", "big"], "--size must look like")],
)
def test_bad_arguments_get_one_clear_line(demo_file, tmp_path, capsys, args, message):
    assert main(["render", str(demo_file), "--view", "audience", *args, "-o", str(tmp_path / "x.png")]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_a_paused_countdown_is_dimmed(qapp):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    from facilitator.ui.run.audience import AudienceState, paint_audience

    def paint(paused: bool) -> QImage:
        image = QImage(1280, 720, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        paint_audience(painter, QRectF(0, 0, 1280, 720), AudienceState("Item", display="12:00", paused=paused))
        painter.end()
        return image

    teal = look.LEVEL_COLOURS[Level.NORMAL]
    assert digit_height(paint(False), teal) >= 720 / 4
    assert digit_height(paint(True), teal) < 720 / 20  # only the small "PAUSED" word keeps the full colour


def test_necklace_refuses_an_item_that_is_not_there(demo_file, tmp_path, capsys):
    assert main(["render", str(demo_file), "--view", "necklace", "--at", "14", "-o", str(tmp_path / "n.png")]) == 1
    assert "--at must be between 1 and 13" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("view", "args", "background"),
    [
        ("break", [], look.BREAK_BACKGROUND),
        ("standby", [], look.BACKGROUND),
        ("end", [], look.BACKGROUND),
        ("message", ["--message", "Lunch is served upstairs"], look.BACKGROUND),
        ("projected-wall", ["--at", "2"], look.BACKGROUND),
    ],
)
def test_the_stage_timer_screens_render(demo_file, tmp_path, view, args, background):
    image = render(demo_file, tmp_path, "--view", view, *args, "--size", "1280x720")
    assert (image.width(), image.height()) == (1280, 720)
    assert close(image.pixelColor(3, 3), QColor(background), 6)


def test_a_projected_wall_needs_a_wall(demo_file, tmp_path, capsys):
    out = tmp_path / "w.png"
    assert main(["render", str(demo_file), "--view", "projected-wall", "--at", "1", "-o", str(out)]) == 1
    assert "has no linked wall" in capsys.readouterr().err
    assert main(["render", str(demo_file), "--view", "projected-wall", "--wall", "Nope", "-o", str(out)]) == 1
    assert "There is no wall called 'Nope'" in capsys.readouterr().err


def test_run_views_under_ui_never_import_the_cli():
    from conftest import REPO

    for path in (REPO / "facilitator" / "ui" / "run").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "facilitator.cli" not in text and "facilitator.commands" not in text, path.name
