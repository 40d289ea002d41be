"""Projector text that fits: measured geometry at 1024x768, 1920x1080 and 3840x2160 with very long texts."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QImage, QPainter

from facilitator.core.agenda import AgendaItem
from facilitator.ui.run.audience import BREAK, AudienceState, paint_audience, paint_wall_strip
from facilitator.ui.run.fit import ELLIPSIS, fit_text

pytestmark = pytest.mark.usefixtures("qapp")

SIZES = [(1024, 768), (1920, 1080), (3840, 2160)]
WORDS = "collaborative mapping of barriers between clinicians patients and sport providers across the county "
LONG_TITLE = (WORDS * 3)[:200].strip()
LONG_INSTRUCTIONS = (
    "In your table group, take five minutes of silent writing first: one idea per sticky note, in capitals, "
    "so the scribe can read it from across the table. " * 5
)[:600].strip()


def long_state(**extra) -> AudienceState:
    items = [AgendaItem(f"Item {n}", 20) for n in range(8)]
    base = {
        "title": LONG_TITLE,
        "instructions": LONG_INSTRUCTIONS,
        "display": "59:59",
        "next_title": LONG_TITLE,
        "next_start": "14:35",
        "index": 2,
        "count": 8,
        "items": items,
        "time_of_day": "10:42",
    }
    return AudienceState(**{**base, **extra})


def paint(state: AudienceState, size: tuple[int, int], painter_fn=paint_audience):
    w, h = size
    image = QImage(w, h, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    geo = painter_fn(painter, QRectF(0, 0, w, h), state)
    painter.end()
    return geo


def assert_whole_lines(geo, name: str, max_lines: int) -> None:
    fitted = geo.fitted[name]
    rows = geo.parts[name]
    assert 1 <= len(fitted.lines) == len(rows) <= max_lines
    metrics = QFontMetricsF(fitted.font)
    for row, line in zip(rows, fitted.lines, strict=True):
        assert geo.rect.contains(row), f"{name} row {row} leaves the screen"
        assert metrics.horizontalAdvance(line) <= row.width() + 0.5, f"{name} line wider than its row: {line!r}"
        assert row.height() >= metrics.height() - 0.5  # a row holds a whole line: nothing cut through it
    for upper, lower in itertools.pairwise(rows):
        assert upper.bottom() <= lower.top() + 0.01


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_long_title_and_instructions_fit_above_the_digits(size):
    geo = paint(long_state(), size)
    h = size[1]
    assert_whole_lines(geo, "title", 2)
    assert_whole_lines(geo, "instructions", 4)
    text_bottom = max(r.bottom() for r in geo.parts["title"] + geo.parts["instructions"])
    assert text_bottom <= geo.digits.top(), "text runs under the digits"
    assert geo.parts["label"][0].bottom() <= geo.parts["title"][0].top() + 0.5
    # Shrunk within limits, then ended with an ellipsis rather than cut.
    assert geo.fitted["title"].font.pixelSize() >= int(h * 0.044)
    assert geo.fitted["instructions"].font.pixelSize() >= int(h * 0.024)
    assert geo.fitted["instructions"].elided and geo.fitted["instructions"].lines[-1].endswith(ELLIPSIS)
    # The digits stay at least a quarter of the screen high.
    assert geo.digits.height() >= h / 4


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_next_always_keeps_its_start_time(size):
    geo = paint(long_state(), size)
    time_rect = geo.parts["next_time"][0]
    assert geo.rect.contains(time_rect)
    assert_whole_lines(geo, "next", 2)
    assert all(row.left() >= time_rect.right() - 0.5 for row in geo.parts["next"])
    assert geo.fitted["next"].lines[-1].endswith(ELLIPSIS)
    necklace = geo.parts["necklace"][0]
    assert all(row.right() <= necklace.left() for row in geo.parts["next"])


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_break_says_when_to_be_back_and_its_text_fits(size):
    geo = paint(long_state(screen=BREAK, back_at="11:25", display="14:59"), size)
    assert_whole_lines(geo, "title", 2)
    back = geo.parts["back_at"][0]
    assert max(r.bottom() for r in geo.parts["title"]) <= back.top()
    assert back.bottom() <= geo.digits.top()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_long_message_and_a_long_wall_strip_fit(size):
    geo = paint(long_state(message=LONG_INSTRUCTIONS), size)
    assert_whole_lines(geo, "message", 5)
    assert max(r.bottom() for r in geo.parts["message"]) <= geo.parts["foot"][0].top()
    w, h = size
    strip = paint(long_state(question=LONG_INSTRUCTIONS), (w, int(h * 0.14)), paint_wall_strip)
    assert_whole_lines(strip, "title", 1)
    assert_whole_lines(strip, "question", 2)
    assert all(r.right() <= strip.digits.left() for r in strip.parts["title"] + strip.parts["question"])


def test_short_text_keeps_its_largest_size_and_is_never_elided():
    from PySide6.QtGui import QFont

    fitted = fit_text("Welcome", QFont(), 800, 60, 40, 2)
    assert (fitted.lines, fitted.font.pixelSize(), fitted.elided) == (["Welcome"], 60, False)
    assert fit_text("", QFont(), 800, 60, 40, 2).lines == []
    one_word = fit_text("x" * 500, QFont(), 300, 40, 30, 2)
    assert len(one_word.lines) == 2 and one_word.lines[-1].endswith(ELLIPSIS)
