"""Remake ``docs/app-icon.png``: the application icon at the sizes the bundles carry, largest first.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/grab_app_icon.py`` (after ``packaging/make_icons.py``).
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter

DOCS = Path(__file__).resolve().parent
ICONS = DOCS.parent / "resources" / "icons"


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage needs an application for its plugins)
    canvas = QImage(900, 520, QImage.Format.Format_ARGB32)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    big = QImage(str(ICONS / "facilitator-512.png"))
    painter.drawImage(canvas.rect().adjusted(10, 10, -(900 - 510), -10), big)
    x = 530
    for size in (128, 64, 48, 32, 24, 16):
        painter.drawImage(x, 10, QImage(str(ICONS / f"facilitator-{size}.png")))
        x += size + 10
    painter.end()
    canvas.save(str(DOCS / "app-icon.png"))
    print(f"Wrote {DOCS / 'app-icon.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
