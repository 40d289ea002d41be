"""The sticky-note wall: an infinite canvas per wall, with capture, clusters, dot voting and undo.

``create_wall_view`` is the one entry point other parts of the app use: the
main window's wall tabs (``projector=False``: the full editing view) and the
audience screen (``projector=True``: the canvas alone, large text, high
contrast, colour-blind-safe colours, following the laptop's view when asked).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from facilitator.ui.document import Document


def create_wall_view(document: Document, wall_id: str, parent: QWidget | None, projector: bool = False) -> QWidget:
    from facilitator.ui.wall.widget import WallCanvas, WallWidget

    if projector:
        return WallCanvas(document, wall_id, parent)
    return WallWidget(document, wall_id, parent)


__all__ = ["create_wall_view"]
