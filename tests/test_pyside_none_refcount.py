"""Regression guard for a measured PySide6 bug (6.12.0 on CPython 3.11).

Each call of a method that returns nothing dropped a reference to None; after
about 200,000 calls the interpreter aborts ("deallocating None"). A projector
countdown repaints all day, so this would crash mid-event. pyproject.toml pins
PySide6 below 6.12 on Python 3.11; this test fails if a build with the bug
comes back.
"""

import sys

from PySide6.QtGui import QBrush, QColor, QImage, QPainter

CALLS = 20_000


def test_void_methods_do_not_leak_references_to_none(qapp):
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    brush = QBrush(QColor("red"))
    try:
        painter.setBrush(brush)  # warm up caches
        before = sys.getrefcount(None)
        for _ in range(CALLS):
            painter.setBrush(brush)
            painter.setOpacity(1.0)
        after = sys.getrefcount(None)
    finally:
        painter.end()
    # A leaking build loses about one reference per call (here ~40,000).
    assert before - after < 100, f"None lost {before - after} references over {2 * CALLS} calls"
