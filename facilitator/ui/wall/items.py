"""The wall's graphics items: notes, cluster frames, photos and the far-zoom layer.

Notes are plain ``QGraphicsItem``s with a fixed bounding rect and text laid
out once into ``QStaticText`` lines (on first paint, so opening 20,000 notes
lays out only the few on screen). When zoomed out past ``FAR_SCALE`` every
note item stops painting (``ItemHasNoContents``) and :class:`FarLayer` paints
all notes at once as rectangles batched by colour: one Python call per frame
instead of one per note, which is what keeps fit-all of 20,000 notes inside a
frame (see docs/design/0005-wall-canvas.md).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from functools import cached_property

from PySide6.QtCore import QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QStaticText,
    QTextLayout,
    QTextOption,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from facilitator.core import layout
from facilitator.core.event import Photo
from facilitator.core.wall import Cluster, Note
from facilitator.core.words import plural
from facilitator.ui.wall.style import FAR_SCALE, WallStyle

W, H = layout.NOTE_WIDTH, layout.NOTE_HEIGHT
CELL = 8192.0  # far layer buckets, in scene units: a 20,000-note wall is a few dozen cells
PAD = 8.0
BODY = QRectF(0, 0, W, H)
SHADOW = QRectF(2, 3, W, H)
BOUNDS = QRectF(-3, -3, W + 8, H + 9)
NOTE_Z = 0.0
FAR_Z = -0.5
CLUSTER_Z = -1.0
PHOTO_Z = -2.0
# Below this scale cluster frames leave their titles to the far layer.
TEXT_SCALE = FAR_SCALE
WHITE = QColor("white")
FRAME_EDGE = QColor("#8a8a8a")
W_INT, H_INT = round(W), round(H)
DIM_FILL = QColor(0, 0, 0, 28)
HIDDEN_LABEL = "Hidden from the room"


def _far_rect(note: Note) -> QRect:
    """A note's rectangle for the far layer, in whole scene units: drawRects converts and fills integer
    rectangles about a third faster than float ones (20,000 a frame), and at far zoom a scene unit is
    under half a pixel, so the rounding cannot be seen."""
    return QRect(round(note.x), round(note.y), W_INT, H_INT)


def wrap_lines(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """Word-wrapped lines that fit ``width``; the last one elided when the text is longer."""
    text = " ".join(text.split())
    if not text:
        return []
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    text_layout = QTextLayout(text, font)
    text_layout.setTextOption(option)
    text_layout.beginLayout()
    starts: list[tuple[int, int]] = []
    while True:
        line = text_layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append((line.textStart(), line.textLength()))
    text_layout.endLayout()
    lines = [text[s : s + n].rstrip() for s, n in starts[:max_lines]]
    if len(starts) > max_lines:
        rest = text[starts[max_lines - 1][0] :]
        lines[-1] = QFontMetricsF(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return lines


def _static(text: str, font: QFont) -> QStaticText:
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)
    static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
    static.prepare(font=font)
    return static


def _over(colour: QColor, alpha: int, background: QColor) -> QColor:
    """``colour`` at ``alpha`` over ``background``, as one opaque colour: the far layer's frames lie on the plain
    background, and an opaque fill is several times cheaper than blending the whole screen."""
    a = alpha / 255
    return QColor(
        round(colour.red() * a + background.red() * (1 - a)),
        round(colour.green() * a + background.green() * (1 - a)),
        round(colour.blue() * a + background.blue() * (1 - a)),
    )


class NoteItem(QGraphicsItem):
    """One sticky note. Holds the model's ``Note`` (edited in place by commands) and its laid-out text."""

    def __init__(self, note: Note, style: WallStyle) -> None:
        super().__init__()
        self.note = note
        self.style = style
        self.dots = 0
        self.dimmed = False
        self.matched = False
        self._lines: list[tuple[QPointF, QStaticText]] | None = None
        self._meta: QStaticText | None = None
        self._meta_at = QPointF()
        self._badge: tuple[QRectF, QStaticText, QPointF] | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(NOTE_Z)
        self.setPos(note.x, note.y)

    def refresh(self, note: Note) -> None:
        """The note's text, colour or people changed: lay the text out again at the next paint."""
        self.note = note
        self._lines = None
        self._meta = None
        if self.pos() != QPointF(note.x, note.y):
            self.setPos(note.x, note.y)
        self.update()

    def boundingRect(self) -> QRectF:
        return BOUNDS

    @property
    def hidden(self) -> bool:
        """Hidden until reveal: only the facilitator's laptop shows it, marked, and the room does not see it."""
        return self.note.status == "hidden"

    def _layout(self) -> None:
        style = self.style
        meta_parts = [p for p in (HIDDEN_LABEL if self.hidden else "", self.note.author, self.note.group) if p]
        meta_h = QFontMetricsF(style.meta_font).height() if meta_parts else 0.0
        line_h = QFontMetricsF(style.text_font).lineSpacing()
        room = int((H - 2 * PAD - meta_h - 2) // line_h)
        texts = wrap_lines(self.note.text, style.text_font, W - 2 * PAD - 14, max(1, min(style.max_lines, room)))
        self._lines = [(QPointF(PAD, PAD + i * line_h), _static(t, style.text_font)) for i, t in enumerate(texts)]
        self._meta = None
        if meta_parts:
            meta = QFontMetricsF(style.meta_font).elidedText(
                " · ".join(meta_parts), Qt.TextElideMode.ElideRight, W - 2 * PAD - (26 if self.dots else 0)
            )
            self._meta = _static(meta, style.meta_font)
            self._meta_at = QPointF(PAD, H - PAD - self._meta.size().height())
        self._badge = None
        if self.dots:
            size = QFontMetricsF(style.badge_font).height() + 6
            rect = QRectF(W - size - 4, H - size - 4, size, size)
            text = _static(str(self.dots), style.badge_font)
            at = rect.center() - QPointF(text.size().width() / 2, text.size().height() / 2)
            self._badge = (rect, text, at)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        # Only called near (far away the item has no contents and FarLayer paints it), so no level-of-detail test.
        style = self.style
        if self.dimmed:
            painter.setOpacity(0.22)
        painter.fillRect(SHADOW, style.shadow)
        painter.fillRect(BODY, style.colour(self.note.colour))
        selected = self.isSelected()
        if self.hidden:
            # Hatched and dashed, so nobody takes it for a note the room can see.
            painter.fillRect(BODY, QBrush(style.muted, Qt.BrushStyle.BDiagPattern))
            painter.fillRect(BODY.adjusted(PAD - 3, PAD - 3, 3 - PAD, 3 - PAD), style.colour(self.note.colour))
            if not (selected or self.matched):
                pen = QPen(style.ink, 2.0, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(BODY.adjusted(1, 1, -1, -1))
        if selected or self.matched:
            pen = QPen(style.accent if selected else style.match, 4.0 if selected else 3.0)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(BODY)
        elif style.edge_width > 1 and not self.hidden:
            painter.setPen(QPen(style.edge, style.edge_width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(BODY)
        if self._lines is None:
            self._layout()
        painter.setPen(style.ink)
        painter.setFont(style.text_font)
        for point, static in self._lines or ():
            painter.drawStaticText(point, static)
        if self._meta is not None:
            painter.setPen(style.muted)
            painter.setFont(style.meta_font)
            painter.drawStaticText(self._meta_at, self._meta)
        if self._badge is not None:
            rect, text, at = self._badge
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.badge)
            painter.drawEllipse(rect)
            painter.setPen(WHITE)
            painter.setFont(style.badge_font)
            painter.drawStaticText(at, text)


class ClusterItem(QGraphicsItem):
    """A cluster's frame and title. Only the title band takes the mouse, so a rubber band can start inside."""

    def __init__(self, cluster: Cluster, style: WallStyle) -> None:
        super().__init__()
        self.cluster = cluster
        self.style = style
        self.dots = 0
        self.size = QSizeF(W, H)
        self._title: QStaticText | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(CLUSTER_Z)

    def set_frame(self, rect: layout.Rect) -> None:
        if rect.width != self.size.width() or rect.height != self.size.height():
            self.prepareGeometryChange()
            self.size = QSizeF(rect.width, rect.height)
            self._title = None
        self.setPos(rect.x, rect.y)

    def refresh(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self._title = None
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(QPointF(-3, -3), self.size + QSizeF(6, 6))

    def title_rect(self) -> QRectF:
        return QRectF(0, 0, self.size.width(), layout.CLUSTER_TITLE_HEIGHT)

    def frame_rect(self) -> QRectF:
        return QRectF(QPointF(0, 0), self.size)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.title_rect())
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        style = self.style
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        base = style.colour(self.cluster.colour)
        fill = QColor(base)
        fill.setAlpha(style.frame_alpha)
        edge = base.darker(150 if style.edge_width <= 1 else 220)
        selected = self.isSelected()
        painter.setPen(QPen(style.accent if selected else edge, 4.0 if selected else 2.0))
        painter.setBrush(fill)
        painter.drawRoundedRect(self.frame_rect(), 10, 10)
        band = self.title_rect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(base)
        painter.drawRoundedRect(band.adjusted(1, 1, -1, -1), 9, 9)
        if scale < TEXT_SCALE:
            return  # the far layer writes titles large enough to read at this zoom
        badge_w = 0.0
        if self.dots:
            fm = QFontMetricsF(style.badge_font)
            badge_w = fm.horizontalAdvance(plural(self.dots, "dot")) + 16
            badge = QRectF(
                band.right() - badge_w - 8, band.center().y() - fm.height() / 2 - 3, badge_w, fm.height() + 6
            )
            painter.setBrush(style.badge)
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setPen(QColor("white"))
            painter.setFont(style.badge_font)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, plural(self.dots, "dot"))
        if self._title is None:
            width = band.width() - 24 - badge_w
            text = QFontMetricsF(style.title_font).elidedText(self.cluster.title, Qt.TextElideMode.ElideRight, width)
            self._title = _static(text, style.title_font)
        painter.setPen(style.ink)
        painter.setFont(style.title_font)
        top = (band.height() - self._title.size().height()) / 2
        painter.drawStaticText(QPointF(12, top), self._title)


class PhotoItem(QGraphicsItem):
    """A photo of a paper wall, shown for reference behind the notes; its pixmap is decoded once.

    It is selected, dragged and deleted like a note (the scene moves it and the
    wall's commands store it); the caption below it is edited in place.
    """

    MAX_SIDE = 1600.0

    def __init__(self, photo: Photo, loader: Callable[[str], bytes], accent: QColor | None = None) -> None:
        super().__init__()
        self.photo = photo
        self._loader = loader
        self._pixmap: QPixmap | None = None
        self._accent = accent if accent is not None else QColor("#0b6e69")
        scale = min(1.0, self.MAX_SIDE / max(1, photo.width, photo.height))
        self.size = QSizeF(max(1, photo.width) * scale, max(1, photo.height) * scale)
        self.setZValue(PHOTO_Z)
        self.setPos(photo.x, photo.y)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)

    CAPTION = 36.0

    def refresh(self, photo: Photo) -> None:
        """Show the model's photo as it is now (after a move or a caption edit)."""
        self.photo = photo
        self.setPos(photo.x, photo.y)
        self.update()

    def caption_rect(self) -> QRectF:
        return QRectF(0, self.size.height(), self.size.width(), self.CAPTION)

    def boundingRect(self) -> QRectF:
        return QRectF(-4, -4, self.size.width() + 8, self.size.height() + self.CAPTION + 8)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(0, 0, self.size.width(), self.size.height() + self.CAPTION))
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self._pixmap is None:
            pixmap = QPixmap()
            with contextlib.suppress(KeyError, OSError):
                pixmap.loadFromData(self._loader(self.photo.id))
            if not pixmap.isNull():
                pixmap = pixmap.scaled(
                    self.size.toSize(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            self._pixmap = pixmap
        if self._pixmap.isNull():
            painter.setPen(QPen(QColor("#9aa5b1"), 2, Qt.PenStyle.DashLine))
            painter.drawRect(QRectF(QPointF(0, 0), self.size))
            painter.drawText(QRectF(QPointF(0, 0), self.size), Qt.AlignmentFlag.AlignCenter, "Photo could not be shown")
        else:
            painter.drawPixmap(QRectF(QPointF(0, 0), self.size), self._pixmap, QRectF(self._pixmap.rect()))
        if self.photo.caption:
            font = QFont()
            font.setPixelSize(22)
            painter.setFont(font)
            painter.setPen(QColor("#1f2933"))
            painter.drawText(
                QRectF(0, self.size.height() + 4, self.size.width(), self.CAPTION - 4),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.photo.caption,
            )
        if self.isSelected():
            painter.setPen(QPen(self._accent, 6.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(QPointF(0, 0), self.size).adjusted(-1, -1, 1, self.CAPTION + 1))


GROW_STEP = 4000.0  # the least the far layer's bounds grow by, in scene units


class FarLayer(QGraphicsItem):
    """Every note as a coloured rectangle, batched by colour, plus readable cluster titles.

    Shown only when zoomed out. The rectangles are kept per colour in dicts
    updated note by note (a capture or a drop touches a few entries, not
    20,000), and the layer paints through a device-coordinate cache, so a
    repaint with nothing changed is one pixmap copy. During a drag the moving
    notes leave the batches for :class:`MovingLayer`, so the static wall is
    not repainted on every mouse move.
    """

    def __init__(self, style: WallStyle) -> None:
        super().__init__()
        self.style = style
        self.setZValue(FAR_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # for option.exposedRect
        self._bounds = QRectF()
        # batch key (colour name or DIM) -> cell -> note id -> rect. The cells let a partial repaint
        # (after one edit) draw only the rectangles near it instead of clipping all 20,000, and an edit
        # rebuilds one cell's list, not a colour's.
        self._cells: dict[str, dict[tuple[int, int], dict[str, QRectF]]] = {}
        self._where: dict[str, tuple[str, tuple[int, int]]] = {}  # note id -> (batch key, cell)
        self._lists: dict[tuple[str, tuple[int, int]], list[QRect]] = {}  # the lists drawRects takes, per cell
        self._matched: dict[str, QRectF] = {}
        self._selected: list[QRectF] = []
        self._titles: list[tuple[QRectF, str, QColor]] = []
        self._frames: list[tuple[QColor, QColor, list[QRectF], list[QRectF]]] = []  # fill, band, frames, bands
        self._edges: list[QRectF] = []
        self._selected_frames: list[QRectF] = []
        self._elided: dict[tuple[str, int], tuple[QStaticText | None, float]] = {}
        # What frames and titles look like at one scale, kept until the scale or the clusters change:
        # (m11, m22) -> frames and bands inset by a pixel, per colour; title boxes per colour; title texts.
        self._at_scale: tuple[tuple[float, float], list, list, list] | None = None
        self._held: set[str] = set()  # notes on the moving layer during a drag
        self._shown: dict[str, tuple[QRectF, str, str]] = {}  # cluster id -> frame, title, colour as painted
        self._dirty = QRectF()
        self._content = QRectF()  # everything the layer draws (its bounds less the spare room)
        self._scale = 1.0  # the last painted scale, to size the repaint margin of a partial update

    DIM = "\x00dim"
    HIDDEN = "\x00hidden:"  # + colour name: hatched, as the note is near

    @classmethod
    def _key(cls, item: NoteItem) -> str:
        if item.dimmed:
            return cls.DIM
        return cls.HIDDEN + item.note.colour if item.hidden else item.note.colour

    def _brush(self, key: str) -> QColor | QBrush:
        if key == self.DIM:
            return DIM_FILL
        if key.startswith(self.HIDDEN):
            return QBrush(self.style.colour(key[len(self.HIDDEN) :]), Qt.BrushStyle.Dense4Pattern)
        return self.style.colour(key)

    # -- keeping the batches -----------------------------------------------------
    # Edits repaint only the area they touched: with the pixmap cache, a partial update
    # re-renders just that part of the cache, so a capture or a drop at fit-all does not
    # repaint 20,000 rectangles.
    def _touch(self, rect: QRectF) -> None:
        self._dirty = rect if self._dirty.isNull() else self._dirty.united(rect)

    def _flush(self) -> None:
        if self._dirty.isNull():
            return
        margin = 48.0 / max(self._scale, 0.001)  # titles and outlines are sized in screen pixels
        self.update(self._dirty.adjusted(-margin, -margin, margin, margin))
        self._dirty = QRectF()

    def set_notes(self, items: Iterable[NoteItem]) -> None:
        self._cells.clear()
        self._where.clear()
        self._lists.clear()
        self._matched.clear()
        self._held.clear()
        # The fast path for a whole wall: no per-note repaint bookkeeping, one full update at the end.
        cells, where = self._cells, self._where
        left = top = float("inf")
        right = bottom = float("-inf")
        for item in items:
            n = item.note
            key = self._key(item)
            cell = (int(n.x // CELL), int(n.y // CELL))
            cells.setdefault(key, {}).setdefault(cell, {})[n.id] = _far_rect(n)
            where[n.id] = (key, cell)
            if item.matched:
                self._matched[n.id] = QRectF(n.x, n.y, W, H)
            left, top = min(left, n.x), min(top, n.y)
            right, bottom = max(right, n.x + W), max(bottom, n.y + H)
        self._content = QRectF()
        if right > left:
            self._grow(QRectF(left, top, right - left, bottom - top))
        self._dirty = QRectF()
        self.update()

    def update_notes(self, items: Iterable[NoteItem]) -> None:
        for item in items:
            n = item.note
            if n.id in self._held:
                continue
            self._drop(n.id)
            key = self._key(item)
            rect = QRectF(n.x, n.y, W, H)
            cell = (int(n.x // CELL), int(n.y // CELL))
            self._cells.setdefault(key, {}).setdefault(cell, {})[n.id] = _far_rect(n)
            self._where[n.id] = (key, cell)
            self._lists.pop((key, cell), None)
            if item.matched:
                self._matched[n.id] = rect
            self._grow(rect)
            self._touch(rect)
        self._flush()

    def remove_notes(self, note_ids: Iterable[str]) -> None:
        for note_id in note_ids:
            self._drop(note_id)
        self._flush()

    def _drop(self, note_id: str) -> None:
        where = self._where.pop(note_id, None)
        if where is not None:
            key, cell = where
            old = self._cells[key][cell].pop(note_id, None)
            if old is not None:
                self._touch(QRectF(old))
            self._lists.pop(where, None)
        self._matched.pop(note_id, None)

    def _grow(self, rect: QRectF) -> None:
        if not self._content.contains(rect):
            self._content = rect if self._content.isNull() else self._content.united(rect)
        if self._bounds.contains(rect):
            return
        # Grow in big steps, with room for titles drawn above frames and for dragged notes. A step
        # re-renders the whole view (about 20 ms at fit-all on 5,000 notes, measured during a burst of phone
        # notes), so a step leaves twice the wall's size around it: the inbox is six notes wide and grows
        # down, so 1,500 phone notes add 34,000 units, which crossed two 4,000-unit steps per burst. The
        # view keeps its own scroll room (WallView.ensure_room), so this does not change how far one can pan.
        self.prepareGeometryChange()
        content = self._content
        margin = max(GROW_STEP, 2 * content.width(), 2 * content.height())
        self._bounds = self._bounds.united(rect.adjusted(-margin, -margin, margin, margin))

    def set_clusters(self, clusters: Iterable[ClusterItem]) -> None:
        """Cluster frames, bands and titles, batched by colour like the notes (100 frames, 2 calls per colour)."""
        self._titles = []
        by_colour: dict[str, tuple[list[QRectF], list[QRectF]]] = {}
        shown: dict[str, tuple[QRectF, str, str]] = {}
        for c in clusters:
            frame = QRectF(c.pos(), c.size)
            shown[c.cluster.id] = (frame, c.cluster.title, c.cluster.colour)
            self._titles.append((frame, c.cluster.title, self.style.colour(c.cluster.colour)))
            frames, bands = by_colour.setdefault(c.cluster.colour, ([], []))
            frames.append(frame)
            bands.append(QRectF(frame.x(), frame.y(), frame.width(), layout.CLUSTER_TITLE_HEIGHT))
            self._grow(frame)
        for cluster_id in shown.keys() | self._shown.keys():
            before, after = self._shown.get(cluster_id), shown.get(cluster_id)
            if before != after:
                for state in (before, after):
                    if state is not None:
                        self._touch(state[0])
        self._shown = shown
        self._frames = []
        for name, (frames, bands) in by_colour.items():
            base = self.style.colour(name)
            self._frames.append((_over(base, self.style.frame_alpha, self.style.background), base, frames, bands))
        self._edges = [frame for frame, _, _ in self._titles]
        self._at_scale = None
        self._flush()

    def set_selection(self, items: Iterable[NoteItem], clusters: Iterable[ClusterItem] = ()) -> None:
        """Outline these notes and frames; kept apart from the batches so selecting never rebuilds them."""
        for rect in self._selected + self._selected_frames:
            self._touch(rect)
        self._selected = [QRectF(i.note.x, i.note.y, W, H) for i in items]
        self._selected_frames = [QRectF(c.pos(), c.size) for c in clusters]
        for rect in self._selected + self._selected_frames:
            self._touch(rect)
        self._flush()

    def hold(self, note_ids: Iterable[str]) -> None:
        """Take notes out of the batches while they are dragged (the moving layer shows them)."""
        ids = set(note_ids)
        for note_id in ids:
            self._drop(note_id)
        self._held = ids
        self._flush()

    def release(self, items: Iterable[NoteItem]) -> None:
        self._held = set()
        self.update_notes(items)

    def note_count(self) -> int:
        return len(self._where)

    # -- painting -------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        world = painter.worldTransform()
        scale = option.levelOfDetailFromTransform(world)
        self._scale = scale
        frames, title_boxes, titles = self._prepared(world, scale)
        if self._edges:
            # Edges as a darker rectangle under each frame: stroking 100 outlines with a pen cost 4 ms a frame.
            painter.setBrush(FRAME_EDGE)
            painter.drawRects(self._edges)
        for fill, band, frame_rects, band_rects in frames:
            painter.setBrush(fill)
            painter.drawRects(frame_rects)
            painter.setBrush(band)
            painter.drawRects(band_rects)
        exposed = option.exposedRect
        whole = exposed.contains(self._content)
        lists = self._lists
        for key, cells in self._cells.items():
            painter.setBrush(self._brush(key))
            for cell, rects in cells.items():
                if not rects:
                    continue
                if whole or exposed.intersects(QRectF(cell[0] * CELL, cell[1] * CELL, CELL + W, CELL + H)):
                    batch = lists.get((key, cell))
                    if batch is None:
                        batch = lists[(key, cell)] = list(rects.values())
                    painter.drawRects(batch)
        if self._selected or self._matched or self._selected_frames:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            width = 3.0 / max(scale, 0.01)
            if self._matched:
                painter.setPen(QPen(self.style.match, width))
                painter.drawRects(list(self._matched.values()))
            if self._selected or self._selected_frames:
                painter.setPen(QPen(self.style.accent, width))
                painter.drawRects(self._selected + self._selected_frames)
            painter.setPen(Qt.PenStyle.NoPen)
        if titles:
            # Cluster titles in screen pixels at a fixed size, so the room can read them at fit-all: drawn
            # unscaled with an ordinary font, glyphs come from the normal cache instead of being rasterised
            # at 400 px and scaled down. Only the view's offset is left in the transform.
            painter.save()
            painter.setTransform(QTransform.fromTranslate(world.dx(), world.dy()))
            for box_colour, boxes in title_boxes:
                painter.setBrush(box_colour)
                painter.drawRects(boxes)
            painter.setPen(self.style.ink)
            painter.setFont(self._title_font)
            for at, static in titles:
                painter.drawStaticText(at, static)
            painter.restore()

    @cached_property
    def _title_font(self) -> QFont:
        font = QFont(self.style.title_font)
        font.setPixelSize(max(11, round(self.style.title_font.pixelSize() * 0.7)))
        return font

    def _prepared(self, world: QTransform, scale: float) -> tuple[list, list, list]:
        """Frames inset by a pixel and title boxes and texts laid out in pixels, for this zoom.

        Kept until the zoom or the clusters change, so a repaint (a pan, an
        edit, a drag's move) only draws: working them out is a third of a
        100-cluster frame's Python time.
        """
        key = (world.m11(), world.m22())
        if self._at_scale is not None and self._at_scale[0] == key:
            return self._at_scale[1], self._at_scale[2], self._at_scale[3]
        sx, sy = key
        inset = 1.0 / max(scale, 0.001)
        frames = [
            (
                fill,
                band,
                [f.adjusted(inset, inset, -inset, -inset) for f in frame_rects],
                [b.adjusted(inset, inset, -inset, 0) for b in band_rects],
            )
            for fill, band, frame_rects, band_rects in self._frames
        ]
        font = self._title_font
        fm = QFontMetricsF(font)
        height = fm.height() + 4
        by_colour: dict[int, tuple[QColor, list[QRectF]]] = {}
        titles: list[tuple[QPointF, QStaticText]] = []
        if len(self._elided) > 4000:
            self._elided.clear()  # zooming leaves one entry per title and width; forget old zooms
        for frame, title, colour in self._titles:
            width = frame.width() * sx
            if width < 24:
                continue
            fitted = self._elided.get((title, int(width)))
            if fitted is None:
                text = fm.elidedText(title, Qt.TextElideMode.ElideRight, width - 8)
                static = _static(text, font) if text else None
                fitted = self._elided[(title, int(width))] = (static, fm.horizontalAdvance(text) + 8)
            static, advance = fitted
            if static is None:
                continue
            box = QRectF(frame.left() * sx, frame.top() * sy, min(width, advance), height)
            shade = colour.darker(112)
            by_colour.setdefault(shade.rgba(), (shade, []))[1].append(box)
            titles.append((QPointF(box.left() + 4, box.top() + (height - static.size().height()) / 2), static))
        title_boxes = list(by_colour.values())
        self._at_scale = (key, frames, title_boxes, titles)
        return frames, title_boxes, titles


class MovingLayer(QGraphicsItem):
    """The notes being dragged while zoomed out: one small item moved by ``setPos``, so each mouse move
    repaints only where they were and where they are."""

    def __init__(self, style: WallStyle) -> None:
        super().__init__()
        self.style = style
        self.setZValue(FAR_Z + 0.1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._batches: list[tuple[QColor, list[QRectF]]] = []
        self._frames: list[tuple[QRectF, QColor]] = []
        self._bounds = QRectF()

    def set_notes(self, items: Iterable[NoteItem], clusters: Iterable[ClusterItem] = ()) -> None:
        batches: dict[str, list[QRectF]] = {}
        bounds = QRectF()
        self._frames = []
        for c in clusters:
            frame = QRectF(c.pos(), c.size)
            self._frames.append((frame, self.style.colour(c.cluster.colour)))
            bounds = bounds.united(frame)
        for item in items:
            n = item.note
            rect = QRectF(n.x, n.y, W, H)
            batches.setdefault(n.colour, []).append(rect)
            bounds = bounds.united(rect)
        self.prepareGeometryChange()
        self._bounds = bounds.adjusted(-4, -4, 4, 4)
        self._batches = [(self.style.colour(k), v) for k, v in batches.items()]
        self.setPos(0, 0)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        for frame, colour in self._frames:
            fill = QColor(colour)
            fill.setAlpha(self.style.frame_alpha)
            pen = QPen(colour.darker(150), 1.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(fill)
            painter.drawRect(frame)
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, rects in self._batches:
            painter.setBrush(colour)
            painter.drawRects(rects)
