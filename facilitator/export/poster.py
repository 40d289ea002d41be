"""The wall as a poster: vector notes and text, scaled to fill A3, A1, Letter or Tabloid.

Everything is drawn as shapes and text (no bitmap), so it stays sharp at any
print size and the text can be searched and copied.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import landscape, portrait
from reportlab.pdfgen.canvas import Canvas

from facilitator import __version__
from facilitator.core import layout
from facilitator.core.project import Project
from facilitator.core.wall import Wall
from facilitator.core.words import plural
from facilitator.export import fonts
from facilitator.export.page import Progress, Renderer
from facilitator.export.styles import INK, MUTED, PAPER, RULE, note_edge, note_fill
from facilitator.export.wall_drawing import draw_wall, fit_lines


class WallPoster(Renderer):
    """One page: title band, the wall scaled to fit, a colour key and the footer."""

    subject = "Wall poster"

    def __init__(self, project: Project, wall: Wall, paper: str = "a3", progress: Progress | None = None) -> None:
        super().__init__(project, paper, progress)
        self.wall = wall
        bounds = layout.wall_bounds(wall)
        wide = bounds is None or bounds.width >= bounds.height
        self.pagesize = landscape(PAPER[paper]) if wide else portrait(PAPER[paper])
        self.type_scale = min(self.pagesize) / 595.0
        self.margin = 14 * 2.83465 * self.type_scale
        self.title = fonts.printable(f"{wall.name}: wall poster, {project.event.title}")

    def colour_key(self) -> list[tuple[str, str]]:
        """(colour name, label), one entry per colour used: "Yellow: Patients", "Pink: Staff, Carers", "Blue".

        The colour's name always leads, so two colours used by the same group
        never read alike ("Patients, Patients"), and the groups that wrote on it follow.
        """
        groups: dict[str, set[str]] = {}
        for note in self.wall.notes.values():
            names = groups.setdefault(note.colour, set())
            if note.group.strip():
                names.add(note.group.strip())
        key = []
        for colour, names in groups.items():
            ordered = sorted(names, key=str.casefold)
            shown = ", ".join(ordered[:3]) + (f" and {len(ordered) - 3} more" if len(ordered) > 3 else "")
            label = colour.capitalize() + (f": {shown}" if shown else "")
            key.append((colour, label))
        return sorted(key, key=lambda pair: pair[1].casefold())

    def render(self) -> bytes:
        self.progress(0.05, "Drawing the wall")
        buffer = io.BytesIO()
        c = Canvas(buffer, pagesize=self.pagesize, pageCompression=1, initialFontName=fonts.REGULAR, lang="en")
        c.setTitle(self.title)
        c.setAuthor(self.author)
        c.setSubject(self.subject)
        c.setCreator(f"Facilitator {__version__}")
        c.setKeywords(self.keywords)
        width, height = self.pagesize
        k, m = self.type_scale, self.margin
        # Title band.
        title_size = 26 * k
        y = height - m - title_size
        c.setFillColor(INK)
        c.setFont(fonts.BOLD, title_size)
        title = fit_lines(fonts.printable(self.wall.name), fonts.BOLD, title_size, width * 0.6, 1)
        c.drawString(m, y, title[0] if title else "")
        c.setFont(fonts.REGULAR, 11 * k)
        c.setFillColor(MUTED)
        counts = "  ·  ".join(
            (
                plural(len(self.wall.notes), "note"),
                plural(len(self.wall.clusters), "cluster"),
                plural(self.wall.total_dots, "dot"),
            )
        )
        c.drawString(m, y - 18 * k, counts)
        # Colour key: one row under the counts, so it never collides with a long title.
        key_x = m
        key_y = y - 36 * k
        c.setFont(fonts.REGULAR, 9 * k)
        for colour, label in self.colour_key():
            text = fit_lines(fonts.printable(label), fonts.REGULAR, 9 * k, width - 2 * m - 13 * k, 1)[0]
            entry = 13 * k + c.stringWidth(text, fonts.REGULAR, 9 * k)
            if key_x > m and key_x + entry > width - m:  # wrap: the key never runs off the page
                key_x, key_y = m, key_y - 14 * k
            c.setFillColor(note_fill(colour))
            c.setStrokeColor(note_edge(colour))
            c.setLineWidth(0.5 * k)
            c.rect(key_x, key_y - 1 * k, 9 * k, 9 * k, stroke=1, fill=1)
            c.setFillColor(INK)
            c.drawString(key_x + 13 * k, key_y, text)
            key_x += entry + 16 * k
        top = key_y - 12 * k
        c.setStrokeColor(RULE)
        c.setLineWidth(0.8 * k)
        c.line(m, top + 6 * k, width - m, top + 6 * k)
        bottom = m + 16 * k
        self.progress(0.3, "Drawing the wall")
        draw_wall(c, self.wall, m, bottom, width - 2 * m, top - bottom - 8 * k, detail=True, top=True)
        self.footer(c, 1)
        c.showPage()
        c.save()
        self.progress(1.0, "Done")
        return buffer.getvalue()
