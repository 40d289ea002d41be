"""The infinite canvas: pan (Space+drag, middle button, scroll), zoom (Ctrl+wheel, pinch, keys), fit.

The view owns nothing but the viewing: it tells the scene which level of
detail to paint, and shows the small in-place editors for note text and
cluster titles; what they produce goes back out as signals.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QNativeGestureEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QLineEdit, QPinchGesture, QPlainTextEdit, QWidget

from facilitator.ui.wall.items import ClusterItem, NoteItem, PhotoItem
from facilitator.ui.wall.scene import WallScene
from facilitator.ui.wall.style import FAR_SCALE

# Where note text is comfortably legible on a laptop (note text is ~13 px at 100%).
READABLE_SCALE = 0.75

ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
MIN_SCALE = 0.01
MAX_SCALE = 4.0
STEP = 1.25


class WallView(QGraphicsView):
    zoom_changed = Signal(float)
    arrow_pressed = Signal(int, int, object)  # dx, dy in -1..1, the keyboard modifiers
    visible_changed = Signal(QRectF)  # the scene rectangle on screen, for the projector to follow
    note_edited = Signal(str, str)  # note id, new text
    cluster_renamed = Signal(str, str)  # cluster id, new title
    photo_captioned = Signal(str, str)  # photo id, new caption
    resized = Signal()

    def __init__(self, scene: WallScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.wall_scene = scene
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Wall of notes")
        self.setAccessibleDescription("Arrow keys move between notes; F2 edits; Ctrl+G groups; F1 lists the keys")
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self._space = False
        self._pan_from: QPointF | None = None
        self._editor: QWidget | None = None
        self.horizontalScrollBar().valueChanged.connect(self._emit_visible)
        self.verticalScrollBar().valueChanged.connect(self._emit_visible)

    # -- zoom ------------------------------------------------------------------
    @property
    def scale_factor(self) -> float:
        return self.transform().m11()

    def set_scale(self, scale: float, anchor: QPointF | None = None) -> None:
        scale = min(MAX_SCALE, max(MIN_SCALE, scale))
        factor = scale / self.scale_factor
        if abs(factor - 1) < 1e-6:
            return
        if anchor is None:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale(factor, factor)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._after_zoom()

    def zoom_by(self, factor: float, under_mouse: bool = False) -> None:
        scale = min(MAX_SCALE, max(MIN_SCALE, self.scale_factor * factor))
        factor = scale / self.scale_factor
        if abs(factor - 1) < 1e-6:
            return
        if not under_mouse:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale(factor, factor)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._after_zoom()

    def fit_rect(self, rect: QRectF, max_scale: float = 1.0) -> None:
        if rect.isNull() or rect.isEmpty():
            return
        margin = max(rect.width(), rect.height()) * 0.03 + 20
        rect = rect.adjusted(-margin, -margin, margin, margin)
        self.ensure_room(rect)
        view = self.viewport().rect()
        scale = min(view.width() / rect.width(), view.height() / rect.height(), max_scale)
        scale = min(MAX_SCALE, max(MIN_SCALE, scale))
        self.setTransform(self.transform().fromScale(scale, scale))
        self.centerOn(rect.center())
        self._after_zoom()

    def fit_all(self) -> None:
        self.fit_rect(self.wall_scene.content_rect())

    def open_readable(self) -> None:
        """The first view of a wall: all of it if its notes can still be read, else readable from its top left.

        A note-taker opening a wall wants to read it; the whole wall at a size
        where notes are blank shapes is one key away (Shift+1).
        """
        content = self.wall_scene.content_rect()
        self.fit_all()
        if self.scale_factor >= FAR_SCALE or content.isEmpty():
            return
        self.setTransform(self.transform().fromScale(READABLE_SCALE, READABLE_SCALE))
        view = self.viewport().rect()
        half_w, half_h = view.width() / READABLE_SCALE / 2, view.height() / READABLE_SCALE / 2
        self.centerOn(content.left() + half_w - 20, content.top() + half_h - 20)
        self._after_zoom()

    def zoom_to_selection(self) -> None:
        scene = self.wall_scene
        rect = scene.items_rect(scene.selected_note_ids(), scene.selected_cluster_ids())
        self.fit_rect(rect if not rect.isNull() else scene.content_rect())

    def ensure_room(self, rect: QRectF) -> None:
        """An infinite canvas: keep generous room around the content so there is always somewhere to pan."""
        content = self.wall_scene.rough_rect().united(rect)
        room = max(4000.0, content.width() / 2, content.height() / 2)
        wanted = content.adjusted(-room, -room, room, room)
        if not self.sceneRect().contains(wanted):
            self.setSceneRect(wanted.united(self.sceneRect()))

    def _after_zoom(self) -> None:
        self.wall_scene.set_far(self.scale_factor < FAR_SCALE)
        self.zoom_changed.emit(self.scale_factor)
        self._close_editor(commit=True)
        self._emit_visible()

    def _emit_visible(self) -> None:
        self.visible_changed.emit(self.mapToScene(self.viewport().rect()).boundingRect())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()
        self._emit_visible()

    # -- wheel, pinch, keys ---------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(STEP**steps, under_mouse=True)
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Gesture:
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                if pinch.changeFlags() & QPinchGesture.ChangeFlag.ScaleFactorChanged:
                    self.zoom_by(pinch.scaleFactor(), under_mouse=True)
                event.accept()
                return True
        if (
            event.type() == QEvent.Type.NativeGesture
            and isinstance(event, QNativeGestureEvent)
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            self.zoom_by(1 + event.value(), under_mouse=True)
            return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._editor is None:
            self._space = True
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
            event.accept()
            return
        step = ARROWS.get(event.key())
        if step is not None and self._editor is None:
            # Arrows walk between notes (Shift extends, Ctrl nudges); the wall is not a page to scroll line by line.
            self.arrow_pressed.emit(step[0], step[1], event.modifiers())
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space:
            self._space = False
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            event.accept()
            return
        super().keyReleaseEvent(event)

    # -- middle-button pan ----------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # -- editing in place ----------------------------------------------------------------
    def edit_item(self, item: NoteItem | ClusterItem | PhotoItem) -> None:
        """Open a small editor over the note's text, the cluster's title or the photo's caption; Enter keeps,
        Esc cancels."""
        self._close_editor(commit=True)
        self.ensureVisible(item, 40, 40)
        zoom = max(self.scale_factor, 0.75)
        if isinstance(item, NoteItem):
            rect = self.mapFromScene(item.sceneBoundingRect()).boundingRect()
            editor: QWidget = _NoteEditor(item.note.id, item.note.text, self.viewport())
            font = QFont(item.style.text_font)
            font.setPixelSize(max(12, round(item.style.text_font.pixelSize() * zoom)))
            editor.setFont(font)
            editor.setGeometry(rect.adjusted(3, 3, -5, -6))
            editor.finished.connect(self._on_editor_finished)
        elif isinstance(item, PhotoItem):
            band = item.mapRectToScene(item.caption_rect())
            rect = self.mapFromScene(band).boundingRect()
            editor = _CaptionEditor(item.photo.id, item.photo.caption, self.viewport())
            editor.setPlaceholderText("Caption")
            font = QFont()
            font.setPixelSize(max(13, min(40, round(22 * self.scale_factor))))
            editor.setFont(font)
            editor.setGeometry(rect.adjusted(0, 2, 0, 0))
            editor.resize(max(editor.width(), 200), max(editor.height(), 28))  # still usable zoomed far out
            editor.finished.connect(self._on_editor_finished)
        else:
            band = item.mapRectToScene(item.title_rect())
            rect = self.mapFromScene(band).boundingRect()
            editor = _TitleEditor(item.cluster.id, item.cluster.title, self.viewport())
            font = QFont(item.style.title_font)
            font.setPixelSize(max(13, round(item.style.title_font.pixelSize() * zoom)))
            editor.setFont(font)
            editor.setGeometry(rect.adjusted(4, 4, -4, -4))
            editor.finished.connect(self._on_editor_finished)
        self._editor = editor
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def editor(self) -> QWidget | None:
        return self._editor

    def _on_editor_finished(self, commit: bool) -> None:
        self._close_editor(commit)

    def _close_editor(self, commit: bool) -> None:
        editor, self._editor = self._editor, None
        if editor is None:
            return
        editor.hide()
        if commit and isinstance(editor, _NoteEditor):
            self.note_edited.emit(editor.target_id, editor.toPlainText())
        elif commit and isinstance(editor, _CaptionEditor):
            self.photo_captioned.emit(editor.target_id, editor.text())
        elif commit and isinstance(editor, _TitleEditor):
            self.cluster_renamed.emit(editor.target_id, editor.text())
        editor.deleteLater()
        self.setFocus(Qt.FocusReason.OtherFocusReason)


class _NoteEditor(QPlainTextEdit):
    finished = Signal(bool)  # commit?

    def __init__(self, target_id: str, text: str, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.target_id = target_id
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setStyleSheet("QPlainTextEdit { background: white; border: 2px solid #0b6e69; }")
        self.selectAll()
        self._done = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self._finish(True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self._finish(False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self._finish(True)

    def _finish(self, commit: bool) -> None:
        if not self._done:
            self._done = True
            self.finished.emit(commit)


class _TitleEditor(QLineEdit):
    finished = Signal(bool)

    def __init__(self, target_id: str, text: str, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.target_id = target_id
        self.selectAll()
        self._done = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._finish(True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self._finish(False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self._finish(True)

    def _finish(self, commit: bool) -> None:
        if not self._done:
            self._done = True
            self.finished.emit(commit)


class _CaptionEditor(_TitleEditor):
    """A photo's caption, edited in the band under the photo."""
