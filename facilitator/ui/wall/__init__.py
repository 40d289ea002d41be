"""The sticky-note wall: an infinite canvas per wall, with capture, clusters, dot voting and undo.

``create_wall_view`` is the one entry point other parts of the app use: the
main window's wall tabs (``projector=False``: the full editing view) and the
audience screen (``projector=True``: the canvas alone, large text, high
contrast, colour-blind-safe colours, following the laptop's view when asked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from facilitator.ui.document import Document

if TYPE_CHECKING:
    from facilitator.ui.wall.widget import WallWidget


def create_wall_view(document: Document, wall_id: str, parent: QWidget | None, projector: bool = False) -> QWidget:
    from facilitator.ui.wall.widget import WallCanvas

    if projector:
        return WallCanvas(document, wall_id, parent)
    return create_wall_page(document, wall_id, parent)


def create_wall_page(document: Document, wall_id: str, parent: QWidget | None) -> WallWidget:
    """The editing view of a wall, typed as such (the main window's wall tabs; loads the wall code on first use)."""
    from facilitator.ui.wall.widget import WallWidget

    return WallWidget(document, wall_id, parent)


__all__ = ["create_wall_page", "create_wall_view"]
