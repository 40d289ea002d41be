"""The join slide: a large QR code, the address as text and the room code, for the projector and the console.

The QR code is made by segno as SVG and painted through QtSvg, so it stays sharp at any size. The
address is always an IPv4 address, never a ``.local`` name (Android does not resolve those). The same
painter serves the projector window, the console's small copy and ``facilitator render --view join``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import segno
from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QWidget

from facilitator.core.project import Project
from facilitator.ui import theme
from facilitator.ui.render_request import RenderRequest

if TYPE_CHECKING:
    from facilitator.store import ProjectFile

# What ``facilitator render --view join`` shows: a typical home-router address and a sample code.
SAMPLE_URL = "http://192.168.1.20:8765/K4QF/"


@dataclass(frozen=True)
class JoinInfo:
    url: str
    code: str
    title: str = ""
    locked: bool = False


@lru_cache(maxsize=8)
def qr_svg(url: str) -> bytes:
    """The join URL as a QR code in SVG (error correction M: readable from the back of a room)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="svg", scale=1, border=4, dark="#000000", light="#ffffff")
    return buffer.getvalue()


@lru_cache(maxsize=4)
def _qr_renderer(url: str) -> QSvgRenderer:
    """The QR code's SVG, parsed once per address (the slide is drawn again at each new size)."""
    return QSvgRenderer(QByteArray(qr_svg(url)))


def display_url(url: str) -> str:
    """The address as people type it: without ``http://`` (phones add it) and without the trailing slash."""
    return url.removeprefix("http://").rstrip("/")


def _fit_font(text: str, width: float, height: float, bold: bool = True, family: str = "") -> QFont:
    font = QFont(family) if family else QFont()
    font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    size = max(6.0, height)
    font.setPixelSize(int(size))
    while size > 6 and QFontMetricsF(font).horizontalAdvance(text) > width:
        size *= 0.92
        font.setPixelSize(int(size))
    return font


def paint_join(painter: QPainter, rect: QRectF, info: JoinInfo, compact: bool = False) -> None:
    """The slide in ``rect``: QR on the left (or on top when tall), the steps and the address beside it."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, QColor("#ffffff"))
    margin = min(rect.width(), rect.height()) * 0.06
    inner = rect.adjusted(margin, margin, -margin, -margin)
    landscape = inner.width() >= inner.height() * 1.2
    side = min(inner.height(), inner.width() * 0.48) if landscape else min(inner.width(), inner.height() * 0.58)
    renderer = _qr_renderer(info.url)
    modules = max(1, round(renderer.viewBoxF().width()))
    side = max(modules, int(side // modules) * modules)  # whole pixels per module: no seams between them
    top = inner.top() + (inner.height() - side) / 2 if landscape else inner.top()
    qr_rect = QRectF(round(inner.left()), round(top), side, side)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    renderer.render(painter, qr_rect)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if landscape:
        text = QRectF(qr_rect.right() + margin, inner.top(), inner.right() - qr_rect.right() - margin, inner.height())
    else:
        text = QRectF(inner.left(), qr_rect.bottom() + margin * 0.5, inner.width(), inner.bottom() - qr_rect.bottom())
    ink, muted, accent = QColor(theme.INK), QColor(theme.MUTED), QColor(theme.ACCENT)
    unit = text.height() / (7.5 if not compact else 6.0)
    y = text.top() + (text.height() - unit * (6.6 if not compact else 5.2)) / 2
    lines: list[tuple[str, QFont, QColor, float]] = []
    if info.title and not compact:
        lines.append((info.title, _fit_font(info.title, text.width(), unit * 0.42, bold=False), muted, unit * 0.8))
    heading = "The room is closed to new phones" if info.locked else "Join in from your phone"
    lines.append((heading, _fit_font(heading, text.width(), unit * 0.9), ink, unit * 1.3))
    if not compact:
        step = "Scan the code with the camera, or type:"
        lines.append((step, _fit_font(step, text.width(), unit * 0.5, bold=False), muted, unit * 0.9))
    address = display_url(info.url)
    lines.append(
        (address, _fit_font(address, text.width(), unit * 0.75, family="DejaVu Sans Mono"), accent, unit * 1.3)
    )
    code_line = f"Room code {info.code}"
    lines.append((code_line, _fit_font(code_line, text.width(), unit * 0.6), ink, unit * 1.1))
    wifi = "Use the room's Wi-Fi, with mobile data off."
    lines.append((wifi, _fit_font(wifi, text.width(), unit * 0.42, bold=False), muted, unit * 0.8))
    for line, font, colour, step_height in lines:
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(QRectF(text.left(), y, text.width(), step_height), Qt.AlignmentFlag.AlignLeft, line)
        y += step_height
    painter.restore()


class JoinSlide(QWidget):
    """The slide as a widget: full screen on the projector, small in the console.

    The slide is drawn once per size and address into a pixmap, and a repaint copies it. Drawing it
    afresh (the QR code made and parsed, each line's font fitted) took 7-8 ms, and the console's small
    copy is repainted whenever the room's counts beside it change: during a burst from the phones that
    was a quarter of a frame, many times a second (tests/bench/bench_room_gui.py).
    """

    def __init__(self, info: JoinInfo | None = None, compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.compact = compact
        self._picture: QPixmap | None = None
        self._picture_key: tuple | None = None
        self.setAccessibleName("Join slide")
        self.setMinimumSize(240, 140)

    def set_info(self, info: JoinInfo | None) -> None:
        self.info = info
        self.setAccessibleDescription("" if info is None else f"Join at {display_url(info.url)}, room code {info.code}")
        self.update()

    def picture(self) -> QPixmap:
        """The slide at this widget's size (and the screen's pixel ratio), drawn only when either changed."""
        ratio = self.devicePixelRatioF()
        key = (self.info, self.compact, self.width(), self.height(), ratio)
        if self._picture is None or key != self._picture_key:
            pixmap = QPixmap(QSize(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio))))
            pixmap.setDevicePixelRatio(ratio)
            painter = QPainter(pixmap)
            area = QRectF(0, 0, self.width(), self.height())
            if self.info is None:
                painter.fillRect(area, QColor("#ffffff"))
                painter.setPen(QColor(theme.MUTED))
                painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "The room is not open.")
            else:
                paint_join(painter, area, self.info, self.compact)
            painter.end()
            self._picture, self._picture_key = pixmap, key
        return self._picture

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self.picture())
        painter.end()


def render_join(project: Project, request: RenderRequest, pf: ProjectFile | None = None) -> QImage:
    """``facilitator render --view join``: the slide at the projector's size, for a sample address."""
    w, h = request.size or (1920, 1080)
    image = QImage(w, h, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_join(painter, QRectF(0, 0, w, h), JoinInfo(SAMPLE_URL, "K4QF", project.event.title))
    painter.end()
    return image
