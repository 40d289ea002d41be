"""Page templates and the renderer base class every PDF output builds on (pretix's shape).

A renderer holds paper, margins and metadata as attributes, makes a ``story``
of flowables, and returns bytes; the document template adds the running
footer, page numbers, bookmarks and contents entries, so each output only
says what goes on its pages.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from facilitator import __version__, safe_output
from facilitator.core.project import Project
from facilitator.export import fonts
from facilitator.export.styles import FAINT, FOOTER_SIZE, MARGIN, MUTED, PAPER, RULE, long_date

# Progress reports: (fraction done 0..1, what is happening).
Progress = Callable[[float, str], None]


def _no_progress(_fraction: float, _text: str) -> None:
    return None


class Bookmark(Flowable):
    """An invisible marker: an outline entry (and a contents line) where it lands."""

    def __init__(self, key: str, title: str, level: int = 0, contents: bool = True) -> None:
        super().__init__()
        self.key, self.title, self.level, self.contents = key, title, level, contents
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        return None


class ExportDocument(BaseDocTemplate):
    """Body pages with the running footer; an optional bare cover page first."""

    def __init__(self, buffer: io.BytesIO, renderer: Renderer, cover: bool = False) -> None:
        self.renderer = renderer
        width, height = renderer.pagesize
        super().__init__(
            buffer,
            pagesize=renderer.pagesize,
            leftMargin=renderer.margin,
            rightMargin=renderer.margin,
            topMargin=renderer.margin * 0.85,
            bottomMargin=renderer.margin + 5 * mm,
            title=renderer.title,
            author=renderer.author,
            subject=renderer.subject,
            creator=f"Facilitator {__version__}",
            keywords=renderer.keywords,
            lang="en",
            initialFontName=fonts.REGULAR,  # otherwise every page names Helvetica, which lacks ŵ and ł
            initialFontSize=9.5,
            pageCompression=1,
        )
        frame = Frame(
            self.leftMargin, self.bottomMargin, self.width, self.height, id="body", leftPadding=0, rightPadding=0
        )
        templates = []
        if cover:
            templates.append(PageTemplate("cover", [frame], onPage=renderer.draw_cover))
        templates.append(PageTemplate("body", [frame], onPage=renderer.draw_footer))
        self.addPageTemplates(templates)
        self._width, self._height = width, height

    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        self.renderer.on_page(self.page)

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Bookmark):
            canvas = self.canv
            canvas.bookmarkPage(flowable.key)
            canvas.addOutlineEntry(flowable.title, flowable.key, level=flowable.level, closed=flowable.level > 0)
            if flowable.contents:
                self.notify("TOCEntry", (flowable.level, escape(flowable.title), self.page, flowable.key))


class Renderer:
    """One printed output. Subclasses set ``subject`` and write ``story``."""

    subject = "Facilitator output"
    cover = False

    def __init__(self, project: Project, paper: str = "a4", progress: Progress | None = None) -> None:
        fonts.register()
        if paper not in PAPER:
            raise ValueError(f"unknown paper {paper!r}")
        self.project = project
        self.paper = paper
        self.pagesize = PAPER[paper]
        self.margin = MARGIN
        self.progress = progress or _no_progress
        ev = project.event
        self.event_line = fonts.printable(f"{ev.title}  ·  {long_date(ev.date)}")
        self.title = fonts.printable(f"{self.subject}: {ev.title}")
        self.author = fonts.printable(ev.organiser or "Facilitator")
        self.keywords = "co-design, workshop"
        self.expected_pages = 1
        self.type_scale = 1.0  # footer type grows on poster sizes
        self.printed = dt.datetime.now().replace(microsecond=0)  # tests set this to fix the date

    # -- what subclasses provide ---------------------------------------------------
    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def draw_cover(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        return None

    # -- shared page furniture -------------------------------------------------------
    def draw_footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.footer(canvas, doc.page)

    def footer(self, canvas: Canvas, page: int) -> None:
        """The running footer: a hairline, the event and date on the left, output and page on the right."""
        width, _ = self.pagesize
        y = self.margin * 0.7
        k = self.type_scale
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(self.margin, y + 10 * k, width - self.margin, y + 10 * k)
        canvas.setFont(fonts.REGULAR, FOOTER_SIZE * k)
        canvas.setFillColor(MUTED)
        canvas.drawString(self.margin, y, self.event_line)
        canvas.setFillColor(FAINT)
        canvas.drawRightString(width - self.margin, y, f"{self.subject}  ·  Page {page}")
        canvas.restoreState()

    def on_page(self, page: int) -> None:
        self.progress(min(0.95, 0.1 + 0.85 * page / max(page + 1, self.expected_pages)), f"Laying out page {page}")

    # -- output ------------------------------------------------------------------------
    def document(self, buffer: io.BytesIO) -> ExportDocument:
        return ExportDocument(buffer, self, cover=self.cover)

    def build(self, doc: ExportDocument, story: list[Flowable]) -> None:
        doc.build(story)

    def render(self) -> bytes:
        """The finished PDF as bytes."""
        self.progress(0.02, "Preparing")
        story = self.story()
        self.progress(0.1, "Laying out pages")
        buffer = io.BytesIO()
        self.build(self.document(buffer), story)
        self.progress(1.0, "Done")
        return buffer.getvalue()

    def write(self, path: str | os.PathLike[str]) -> Path:
        return write_atomically(Path(path), self.render())


def write_atomically(path: Path, data: bytes) -> Path:
    """Write beside the destination and move into place (see ``facilitator.safe_output``)."""
    return safe_output.write_atomically(Path(path), data)
