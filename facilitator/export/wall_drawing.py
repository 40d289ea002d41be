"""The wall drawn as vector shapes: a thumbnail in the session outputs, full size on the poster.

Positions come from ``facilitator.core.layout`` (the same rectangles the wall
view paints), so the paper wall looks like the screen. Text is laid out with
reportlab's ``simpleSplit`` straight onto the canvas, never parsed as markup.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from facilitator.core import layout
from facilitator.core.wall import Wall
from facilitator.export import fonts
from facilitator.export.styles import DOT, INK, MUTED, RULE, note_edge, note_fill

NOTE_TEXT_SIZE = 13.0  # in wall units; scaled with the drawing
MIN_READABLE = 3.2  # points: below this, text is noise, so only shapes are drawn


def _lighter(colour: colors.Color, amount: float) -> colors.Color:
    return colors.Color(*(c + (1 - c) * amount for c in (colour.red, colour.green, colour.blue)))


def fit_lines(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Wrapped lines that fit ``max_lines``; the last one ends in an ellipsis when text was cut."""
    if max_lines <= 0:
        return []
    lines = simpleSplit(text, font, size, width)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and stringWidth(last + "…", font, size) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept


def draw_wall(
    canvas: Canvas, wall: Wall, x: float, y: float, width: float, height: float, detail: bool, top: bool = False
) -> float:
    """Draw ``wall`` scaled to fit the box (x, y is its bottom-left); returns the scale used.

    Centred in the box, or hung from its top edge when ``top`` (the poster, under its title).
    """
    bounds = layout.wall_bounds(wall)
    if bounds is None:
        canvas.saveState()
        canvas.setFont(fonts.ITALIC, 10)
        canvas.setFillColor(MUTED)
        canvas.drawCentredString(x + width / 2, y + height / 2, "This wall has no notes yet.")
        canvas.restoreState()
        return 1.0
    scale = min(width / bounds.width, height / bounds.height)
    offset_x = x + (width - bounds.width * scale) / 2
    # Wall y grows downwards, PDF y grows up: offset_y is where the wall's top edge lands.
    offset_y = y + height if top else y + (height + bounds.height * scale) / 2

    def box(rect: layout.Rect) -> tuple[float, float, float, float]:
        return (
            offset_x + (rect.x - bounds.x) * scale,
            offset_y - (rect.bottom - bounds.y) * scale,
            rect.width * scale,
            rect.height * scale,
        )

    canvas.saveState()
    radius = 6 * scale
    title_size = 20 * scale
    for cluster in wall.clusters.values():
        members = wall.members(cluster.id)
        bx, by, bw, bh = box(layout.cluster_rect(cluster, members))
        canvas.setFillColor(_lighter(note_fill(cluster.colour), 0.55))
        canvas.setStrokeColor(note_edge(cluster.colour))
        canvas.setLineWidth(max(0.3, 1.2 * scale))
        canvas.roundRect(bx, by, bw, bh, radius * 2, stroke=1, fill=1)
        if title_size >= MIN_READABLE * 0.8:
            canvas.setFillColor(INK)
            canvas.setFont(fonts.BOLD, title_size)
            pad = layout.CLUSTER_PADDING * scale
            title = fit_lines(fonts.printable(cluster.title), fonts.BOLD, title_size, bw - 2 * pad, 1)
            if title:
                canvas.drawString(bx + pad, by + bh - pad - title_size * 0.8, title[0])
            dots = wall.cluster_dots(cluster.id)
            if dots:
                _dot_badge(canvas, bx + bw - pad, by + bh - pad - title_size * 0.45, dots, title_size * 0.8)
    text_size = NOTE_TEXT_SIZE * scale
    pad = 9 * scale
    for note in wall.notes.values():
        nx, ny, nw, nh = box(layout.note_rect(note))
        canvas.setFillColor(note_fill(note.colour))
        canvas.setStrokeColor(note_edge(note.colour))
        canvas.setLineWidth(max(0.2, 0.8 * scale))
        canvas.rect(nx, ny, nw, nh, stroke=1, fill=1)
        if detail and text_size >= MIN_READABLE:
            leading = text_size * 1.22
            byline = fonts.printable(" · ".join(p for p in (note.author, note.group) if p))
            room = nh - 2 * pad - (leading if byline else 0)
            badge = 2.2 * text_size if wall.note_dots(note.id) else 0.0
            lines = fit_lines(
                fonts.printable(note.text), fonts.REGULAR, text_size, nw - 2 * pad - badge, int(room // leading)
            )
            canvas.setFillColor(INK)
            canvas.setFont(fonts.REGULAR, text_size)
            for i, line in enumerate(lines):
                canvas.drawString(nx + pad, ny + nh - pad - text_size - i * leading, line)
            if byline:
                small = text_size * 0.78
                canvas.setFillColor(MUTED)
                canvas.setFont(fonts.REGULAR, small)
                byline = fit_lines(byline, fonts.REGULAR, small, nw - 2 * pad, 1)[0]
                canvas.drawString(nx + pad, ny + pad, byline)
        dots = wall.note_dots(note.id)
        if dots and text_size >= MIN_READABLE * 0.6:
            _dot_badge(canvas, nx + nw - pad * 0.6, ny + nh - pad * 0.6 - text_size * 0.3, dots, text_size * 0.9)
    canvas.restoreState()
    return scale


def _dot_badge(canvas: Canvas, right: float, middle: float, dots: int, size: float) -> None:
    """A red voting dot with the tally in it, right-aligned at ``right``."""
    label = str(dots)
    radius = max(size * 0.75, size * 0.35 * len(label))
    cx = right - radius
    canvas.setFillColor(DOT)
    canvas.setStrokeColor(colors.white)
    canvas.setLineWidth(max(0.2, size * 0.08))
    canvas.circle(cx, middle, radius, stroke=1, fill=1)
    canvas.setFillColor(colors.white)
    canvas.setFont(fonts.BOLD, size * 0.9)
    canvas.drawCentredString(cx, middle - size * 0.32, label)


class WallDrawing(Flowable):
    """The wall as a framed picture inside the text flow."""

    def __init__(self, wall: Wall, width: float, height: float, detail: bool = False) -> None:
        super().__init__()
        self.wall = wall
        self.detail = detail
        bounds = layout.wall_bounds(wall)
        if bounds is not None:
            # Hug the wall's own proportions so a wide wall does not sit in a tall empty box.
            scale = min(width / bounds.width, height / bounds.height)
            height = min(height, bounds.height * scale + 16)
        self.width, self.height = width, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(colors.HexColor("#fbfaf7"))
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.roundRect(0, 0, self.width, self.height, 4, stroke=1, fill=1)
        c.restoreState()
        draw_wall(c, self.wall, 8, 8, self.width - 16, self.height - 16, self.detail)
