"""The wall to be looked at: its scene, the audience's canvas, and the projector window that follows the laptop.

Kept apart from the editing widget because the run console and the audience
screen show a wall too (``create_wall_view(..., projector=True)``) and need
none of the editing parts.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QVBoxLayout, QWidget

from facilitator.ui.document import Document
from facilitator.ui.wall.editing import Changes, WallSync
from facilitator.ui.wall.scene import WallScene
from facilitator.ui.wall.style import laptop_style, projector_style
from facilitator.ui.wall.view import WallView


def build_scene(document: Document, wall_id: str, projector: bool, parent: QObject) -> WallScene:
    """A scene mirroring one wall, in the laptop look or the projector look (larger text, high contrast)."""
    wall = document.project.wall(wall_id)
    return WallScene(
        wall,
        projector_style() if projector else laptop_style(),
        document.project.photos_on(wall_id),
        document.store.photo_data,
        parent,
        audience=projector,  # the laptop also shows notes hidden from the room, marked
    )


class WallCanvas(QWidget):
    """A wall for the audience: the canvas only, in the projector look, always showing all of it."""

    def __init__(self, document: Document, wall_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.sync = WallSync.of(document, wall_id)
        self.wall_id = wall_id
        self.scene = build_scene(document, wall_id, True, self)
        self.view = WallView(self.scene, self)
        self.view.setInteractive(False)
        self.view.setFrameShape(WallView.Shape.NoFrame)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.following: QRectF | None = None
        self.sync.applied.connect(self._on_applied)
        self.sync.reset.connect(self._on_reset)
        self.view.resized.connect(self._refit)

    def _on_applied(self, changes: Changes) -> None:
        self.scene.apply(changes)
        self._refit()

    def _on_reset(self) -> None:
        self.scene.rebuild(self.document.project.photos_on(self.wall_id))
        self._refit()

    def follow(self, rect: QRectF | None) -> None:
        """Show what the facilitator shows on the laptop (None: the whole wall)."""
        self.following = rect
        self._refit()

    def _refit(self) -> None:
        if self.following is not None:
            self.view.fit_rect(self.following, max_scale=4.0)
        else:
            self.view.fit_rect(self.scene.content_rect(), max_scale=2.0)


class ProjectorWindow(WallCanvas):
    """The wall full-screen on the audience screen (the last screen when there are two); Esc closes it."""

    closed = Signal()

    def __init__(self, document: Document, wall_id: str, parent: QWidget | None = None) -> None:
        super().__init__(document, wall_id, parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle(f"{document.project.wall(wall_id).name} — Facilitator")
        close = QAction("Close projector view", self)
        close.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        close.triggered.connect(self.close)
        self.addAction(close)

    def show_on_audience_screen(self) -> None:
        from PySide6.QtGui import QGuiApplication

        screens = QGuiApplication.screens()
        target = screens[-1] if len(screens) > 1 else (self.screen() or QGuiApplication.primaryScreen())
        self.setGeometry(target.geometry())
        self.showFullScreen()

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        self.closed.emit()


class ProjectorLink(QObject):
    """The laptop view's one projector window: made on first use, following ``view``, gone when closed.

    ``host`` parents the window (so it closes with the wall's tab); the link
    is told of renames so the window's title keeps the wall's name.
    """

    def __init__(self, document: Document, wall_id: str, view: WallView, host: QWidget) -> None:
        super().__init__(host)
        self._document = document
        self._wall_id = wall_id
        self._view = view
        self.window: ProjectorWindow | None = None

    def show(self) -> ProjectorWindow:
        if self.window is None:
            host = self.parent()  # looked up, not held: the host owns this link, and a held host would be a cycle
            self.window = ProjectorWindow(self._document, self._wall_id, host if isinstance(host, QWidget) else None)
            self._view.visible_changed.connect(self.window.follow)
            self.window.closed.connect(self._on_closed)
        self.window.show_on_audience_screen()
        self.window.follow(self._view.mapToScene(self._view.viewport().rect()).boundingRect())
        return self.window

    def rename(self, name: str) -> None:
        if self.window is not None:
            self.window.setWindowTitle(f"{name} — Facilitator")

    def _on_closed(self) -> None:
        if self.window is not None:
            self._view.visible_changed.disconnect(self.window.follow)
            self.window.deleteLater()
            self.window = None
