"""Session outputs for one wall: what the room produced, ranked by the dots it placed.

Notes are light custom flowables (a colour swatch, wrapped text, author and
group, the dot tally) rather than table rows of Paragraphs: they lay out ten
times faster on a 2,000-note wall and never parse note text as markup.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer

from facilitator.core.project import Project
from facilitator.core.wall import Cluster, Note, Wall
from facilitator.export import fonts, photos
from facilitator.export.page import Bookmark, Progress, Renderer
from facilitator.export.styles import BREAK_TINT, DOT, FAINT, INK, MUTED, RULE, markup, note_edge, note_fill, styles
from facilitator.export.wall_drawing import WallDrawing

TEXT_SIZE = 9.5
LEADING = 12.6
BYLINE_SIZE = 7.8
BYLINE_LEADING = 10.4
SWATCH = 8.0
INDENT = 16.0
TALLY_WIDTH = 34.0
PAD_TOP, PAD_BOTTOM = 4.0, 5.0


class NoteLine(Flowable):
    """One note: swatch, text, "author · group" and its dots; splits across pages when very long."""

    def __init__(self, note: Note, dots: int, lines: list[str] | None = None, first: bool = True) -> None:
        super().__init__()
        self.note = note
        self.dots = dots
        self.text = fonts.printable(note.text) or "(empty note)"
        self.byline = fonts.printable(" · ".join(p for p in (note.author.strip(), note.group.strip()) if p))
        self._lines = lines
        self._lines_width: float | None = None if lines is None else -1
        self.first = first
        self.width = self.height = 0

    def _text_width(self, avail_width: float) -> float:
        return max(40.0, avail_width - INDENT - TALLY_WIDTH)

    def lines(self, avail_width: float) -> list[str]:
        if self._lines is None or (self._lines_width not in (-1, avail_width)):
            self._lines = []
            for paragraph in self.text.split("\n"):
                self._lines += simpleSplit(paragraph, fonts.REGULAR, TEXT_SIZE, self._text_width(avail_width)) or [""]
            self._lines_width = avail_width
        return self._lines

    def _height(self, line_count: int, with_byline: bool) -> float:
        return PAD_TOP + line_count * LEADING + (BYLINE_LEADING if with_byline else 0) + PAD_BOTTOM

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self._height(len(self.lines(avail_width)), bool(self.byline))
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        lines = self.lines(avail_width)
        fit = int((avail_height - PAD_TOP - PAD_BOTTOM) // LEADING)
        if fit < 2 or fit >= len(lines):
            return []
        head = NoteLine(self.note, self.dots, lines[:fit], first=self.first)
        head.byline = ""
        tail = NoteLine(self.note, 0, lines[fit:], first=False)
        tail.byline = self.byline
        return [head, tail]

    def draw(self) -> None:
        c = self.canv
        top = self.height - PAD_TOP
        if self.first:
            c.setFillColor(note_fill(self.note.colour))
            c.setStrokeColor(note_edge(self.note.colour))
            c.setLineWidth(0.6)
            c.rect(1, top - SWATCH - 1.5, SWATCH, SWATCH, stroke=1, fill=1)
        c.setFillColor(INK)
        c.setFont(fonts.REGULAR, TEXT_SIZE)
        y = top - TEXT_SIZE
        for line in self._lines or []:
            c.drawString(INDENT, y, line)
            y -= LEADING
        if self.byline:
            c.setFillColor(MUTED)
            c.setFont(fonts.REGULAR, BYLINE_SIZE)
            c.drawString(INDENT, y + LEADING - BYLINE_LEADING, self.byline)
        if self.dots:
            c.setFillColor(DOT)
            c.circle(self.width - 22, top - 4.5, 3.2, stroke=0, fill=1)
            c.setFont(fonts.BOLD, 9)
            c.drawRightString(self.width - 2, top - TEXT_SIZE + 1, str(self.dots))
        c.setStrokeColor(RULE)
        c.setLineWidth(0.35)
        c.line(INDENT, 0.5, self.width, 0.5)


class ClusterHeading(Flowable):
    """Rank, title and tally of one cluster, on a band of the cluster's colour."""

    def __init__(self, rank: int | None, title: str, colour: str | None, dots: int, notes: int) -> None:
        super().__init__()
        self.rank, self.colour, self.dots, self.notes = rank, colour, dots, notes
        self.title = fonts.printable(title) or "(untitled cluster)"
        self.keepWithNext = True
        self._lines: list[str] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self._lines = simpleSplit(self.title, fonts.BOLD, 12.5, avail_width - 30 - 90)
        self.height = 14 + 8 + max(1, len(self._lines)) * 16 + 6
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        band_top = self.height - 14
        band_height = band_top - 4
        # No colour: the quiet band for notes not yet in a cluster.
        fill = note_fill(self.colour) if self.colour else BREAK_TINT
        edge = note_edge(self.colour) if self.colour else FAINT
        c.setFillColor(fill)
        c.setLineWidth(0.6)
        c.roundRect(0, 4, self.width, band_height, 3, stroke=0, fill=1)
        c.setFillColor(edge)
        c.rect(0, 4, 3, band_height, stroke=0, fill=1)
        if self.rank is not None:
            c.setFillColor(INK)
            c.setFont(fonts.BOLD, 12.5)
            c.drawCentredString(16, band_top - 17, str(self.rank))
        c.setFillColor(INK)
        c.setFont(fonts.BOLD, 12.5)
        y = band_top - 17
        for line in self._lines:
            c.drawString(30, y, line)
            y -= 16
        c.setFont(fonts.BOLD, 10)
        c.setFillColor(DOT if self.dots else MUTED)
        tally = f"{self.dots} dot{'s' if self.dots != 1 else ''}"
        c.drawRightString(self.width - 8, band_top - 15, tally)
        c.setFont(fonts.REGULAR, 7.5)
        c.setFillColor(MUTED)
        c.drawRightString(self.width - 8, band_top - 25, f"{self.notes} note{'s' if self.notes != 1 else ''}")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def wall_flowables(
    renderer: Renderer,
    wall: Wall,
    photo_data: dict[str, bytes],
    level: int = 0,
    kicker: str = "SESSION OUTPUTS",
    progress_span: tuple[float, float] = (0.0, 0.1),
) -> list[Flowable]:
    """The outputs of one wall; shared by the session outputs and the event pack."""
    project = renderer.project
    st = styles()
    frame_width = renderer.pagesize[0] - 2 * renderer.margin
    out: list[Flowable] = [Bookmark(f"wall-{wall.id}", fonts.printable(wall.name), level)]
    out.append(Paragraph(kicker, st["kicker"]))
    out.append(Paragraph(markup(wall.name), st["title"]))
    clusters = wall.ranked_clusters()
    facts = [_plural(len(wall.notes), "note"), _plural(len(clusters), "cluster"), _plural(wall.total_dots, "dot")]
    session = next((i for i in project.agenda if i.wall_id == wall.id), None)
    if session is not None:
        facts.insert(0, session.title)
    out.append(Paragraph(markup("  ·  ".join(facts)), st["subtitle"]))
    for vote_round in wall.rounds:
        out.append(
            Paragraph(
                markup(
                    f"Dot vote “{vote_round.name}”: {vote_round.dots_per_person} dots each, {vote_round.total} placed."
                ),
                st["small"],
            )
        )
    if wall.notes:
        out.append(Spacer(1, 6))
        # Large enough for the notes' words to print (about 4 pt on the demo's walls), not blank shapes.
        out.append(WallDrawing(wall, frame_width, 125 * mm, detail=True))
        at = renderer.printed
        out.append(Paragraph(f"The wall as it stood at {at:%H:%M} on {at.day} {at:%B}.", st["caption"]))
    out.append(Spacer(1, 4))
    for rank, (cluster, dots) in enumerate(clusters, start=1):
        out += _cluster_block(wall, cluster, dots, rank, level)
    loose = sorted(wall.unclustered(), key=lambda n: (-wall.note_dots(n.id), n.created))
    if loose:
        out.append(Bookmark(f"loose-{wall.id}", "Not yet grouped", level + 1, contents=False))
        loose_dots = sum(wall.note_dots(n.id) for n in loose)
        out.append(ClusterHeading(None, "Not yet grouped", None, loose_dots, len(loose)))
        out += [NoteLine(n, wall.note_dots(n.id)) for n in loose]
    if not wall.notes:
        out.append(Paragraph("No notes on this wall yet.", st["small"]))
    out += _photo_block(renderer, project, wall, photo_data, level, frame_width)
    return out


def _cluster_block(wall: Wall, cluster: Cluster, dots: int, rank: int, level: int) -> list[Flowable]:
    members = sorted(wall.members(cluster.id), key=lambda n: (-wall.note_dots(n.id), n.created))
    block: list[Flowable] = [
        Bookmark(f"cluster-{cluster.id}", f"{rank}. {fonts.printable(cluster.title)}", level + 1, contents=False),
        ClusterHeading(rank, cluster.title, cluster.colour, dots, len(members)),
    ]
    block += [NoteLine(n, wall.note_dots(n.id)) for n in members]
    if not members:
        block.append(Paragraph("No notes in this cluster.", styles()["small"]))
    return block


def _photo_block(
    renderer: Renderer, project: Project, wall: Wall, photo_data: dict[str, bytes], level: int, frame_width: float
) -> list[Flowable]:
    st = styles()
    wall_photos = project.photos_on(wall.id)
    if not wall_photos:
        return []
    out: list[Flowable] = [
        Bookmark(f"photos-{wall.id}", "Photos", level + 1, contents=False),
        Spacer(1, 10),
        Paragraph("Photos of the wall", st["h2"]),
        Spacer(1, 4),
    ]
    frame_height = renderer.pagesize[1] - 2 * renderer.margin - 40 * mm
    for photo in wall_photos:
        caption = photo.caption.strip() or f"Photo taken {photo.created:%H:%M}"
        data = photo_data.get(photo.id)
        prepared = photos.prepare(data) if data else None
        if prepared is None:
            out.append(Paragraph(markup(f"{caption}: this photo could not be read."), st["caption"]))
            continue
        scale = min(frame_width / prepared.width, frame_height / prepared.height)
        image = Image(io.BytesIO(prepared.data), width=prepared.width * scale, height=prepared.height * scale)
        image.hAlign = "LEFT"
        out.append(KeepTogether([image, Paragraph(markup(caption), st["caption"]), Spacer(1, 10)]))
    return out


class SessionOutputs(Renderer):
    """Everything one wall produced, for the people who were in the room."""

    subject = "Session outputs"

    def __init__(
        self,
        project: Project,
        wall: Wall,
        photo_data: dict[str, bytes] | None = None,
        paper: str = "a4",
        progress: Progress | None = None,
    ) -> None:
        super().__init__(project, paper, progress)
        self.wall = wall
        self.photo_data = photo_data or {}
        self.title = fonts.printable(f"{wall.name}: session outputs, {project.event.title}")
        self.expected_pages = max(1, len(wall.notes) // 45 + 1)

    def story(self) -> list[Flowable]:
        return wall_flowables(self, self.wall, self.photo_data)
