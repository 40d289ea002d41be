"""Draw the application icon's raster sizes from its SVG source.

    python packaging/make_icons.py        # rewrites resources/icons/facilitator-*.png, .ico, .icns

Each size is rendered from the SVG by Qt (QSvgRenderer), not scaled down from
the largest bitmap, so the small sizes stay sharp; pillow then packs them into
the Windows ``.ico`` and the macOS ``.icns``. Run it after editing the SVG and
commit the results: the bundle build does not need Qt's SVG support at build time.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parent.parent
ICONS = REPO / "resources" / "icons"
SOURCE = ICONS / "facilitator.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows asks for, from the taskbar to Explorer's large view
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # 1024 for the Retina 512@2x slot


def render(svg: Path, size: int) -> Image.Image:
    """The SVG drawn at ``size`` x ``size`` pixels, as a pillow RGBA image."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons.py: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def make_icons(svg: Path = SOURCE, out: Path = ICONS) -> list[Path]:
    """Write every PNG size, the .ico and the .icns into ``out``; return the paths written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renders = {size: render(svg, size) for size in sorted(set(PNG_SIZES + ICO_SIZES + ICNS_SIZES))}
    written = []
    for size in PNG_SIZES:
        path = out / f"facilitator-{size}.png"
        renders[size].save(path, optimize=True)
        written.append(path)
    ico = out / "facilitator.ico"
    largest = renders[max(ICO_SIZES)]
    largest.save(
        ico, sizes=[(s, s) for s in ICO_SIZES], append_images=[renders[s] for s in ICO_SIZES if s != max(ICO_SIZES)]
    )
    written.append(ico)
    icns = out / "facilitator.icns"
    renders[max(ICNS_SIZES)].save(icns, append_images=[renders[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)])
    written.append(icns)
    return written


if __name__ == "__main__":
    for path in make_icons():
        print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size} bytes)")
