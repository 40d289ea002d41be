"""A wall as a picture: ``facilitator render --view wall`` and the wall's Export wall picture.

The same scene and items as on screen paint into an image, so the picture
shows exactly what the room saw. Text is drawn when notes are large enough
to read at the chosen size; on a small picture of a big wall, notes are
coloured shapes under readable cluster titles, as at fit-all on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from facilitator.core.event import Photo
from facilitator.core.project import Project
from facilitator.core.wall import Wall
from facilitator.core.words import plural
from facilitator.ui.render_request import RenderError, RenderRequest
from facilitator.ui.wall.scene import WallScene
from facilitator.ui.wall.style import FAR_SCALE, laptop_style, projector_style

if TYPE_CHECKING:
    from facilitator.store import ProjectFile

DEFAULT_SIZE = (1920, 1080)
HEADER = 56


def paint_wall(
    wall: Wall,
    photos: Iterable[Photo] = (),
    photo_loader: Callable[[str], bytes] | None = None,
    size: tuple[int, int] | None = None,
    projector: bool = False,
) -> QImage:
    """The whole wall fitted into an image with its name and counts along the top.

    With no ``size`` the picture is sized so notes are drawn at 60% scale (text readable), capped at 8000 px.
    """
    style = projector_style() if projector else laptop_style()
    scene = WallScene(wall, style, photos, photo_loader)
    content = scene.content_rect()
    if content.isNull():
        content = QRectF(0, 0, 800, 450)
    margin = 40.0
    content = content.adjusted(-margin, -margin, margin, margin)
    if size is None:
        scale = min(0.6, 8000 / content.width(), 8000 / content.height())
        size = (max(640, round(content.width() * scale)), max(360, round(content.height() * scale) + HEADER))
    width, height = size
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(style.background)
    target = QRectF(0, HEADER, width, max(1, height - HEADER))
    scale = min(target.width() / content.width(), target.height() / content.height())
    scene.set_far(scale < FAR_SCALE)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    scene.render(painter, target, content, Qt.AspectRatioMode.KeepAspectRatio)
    painter.fillRect(QRectF(0, 0, width, HEADER), QColor("white"))
    painter.setPen(style.ink)
    font = QFont(style.title_font)
    font.setPixelSize(24)
    painter.setFont(font)
    painter.drawText(QRectF(20, 0, width - 40, HEADER), Qt.AlignmentFlag.AlignVCenter, wall.name)
    font.setPixelSize(15)
    font.setWeight(QFont.Weight.Normal)
    painter.setFont(font)
    painter.setPen(style.muted)
    counts = " · ".join(
        (plural(len(scene.notes), "note"), plural(len(wall.clusters), "cluster"), plural(wall.total_dots, "dot"))
    )
    painter.drawText(
        QRectF(20, 0, width - 40, HEADER), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, counts
    )
    painter.end()
    scene.deleteLater()
    return image


def render_wall_view(project: Project, request: RenderRequest, store: ProjectFile | None = None) -> QImage:
    """``facilitator render PATH --view wall --wall NAME [--size WxH] -o OUT.png``: the wall named
    ``request.wall`` at ``request.size`` (default 1920x1080)."""
    names = ", ".join(repr(w.name) for w in project.walls) or "none"
    if not request.wall:
        raise RenderError(f"Say which wall with --wall NAME (this project's walls: {names}).")
    wall = project.wall_named(request.wall)
    if wall is None:
        raise RenderError(f"There is no wall called {request.wall!r} (this project's walls: {names}).")
    photo_data = store.photo_data if store is not None else None
    return paint_wall(wall, project.photos_on(wall.id), photo_data, request.size or DEFAULT_SIZE)
