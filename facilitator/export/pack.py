"""The event pack: everything the day produced in one PDF, to send round afterwards.

Cover, a contents page whose lines are links, the agenda, every wall's
outputs, the actions table and who contributed; the PDF outline mirrors the
contents so readers can jump around in any viewer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from facilitator.core import palette
from facilitator.core.project import Project
from facilitator.export import fonts
from facilitator.export.agenda import agenda_flowables
from facilitator.export.page import Bookmark, ExportDocument, Progress, Renderer
from facilitator.export.session import wall_flowables
from facilitator.export.styles import (
    ACCENT,
    INK,
    MUTED,
    PAPER_TINT,
    RULE,
    group_colour,
    long_date,
    markup,
    note_edge,
    note_fill,
    styles,
)

UNKNOWN_GROUP = "No group given"


def notes_per_group(project: Project) -> list[tuple[str, int, colors.Color]]:
    """(group, notes, colour) over every wall, in the project's group order, then any others by count."""
    counts: Counter[str] = Counter()
    for wall in project.walls:
        for note in wall.notes.values():
            counts[note.group.strip() or UNKNOWN_GROUP] += 1
    known = {g.name: group_colour(g.colour) for g in project.groups}
    rows = [(g.name, counts.pop(g.name, 0), known[g.name]) for g in project.groups]
    rows += [(name, n, colors.HexColor("#9e9e9e")) for name, n in counts.most_common()]
    return [r for r in rows if r[1] > 0]


def contribution_chart(project: Project, width: float) -> Flowable:
    """Notes per participant group, as horizontal bars in each group's colour."""
    rows = notes_per_group(project)
    st = styles()
    if not rows:
        return Paragraph("No notes were captured.", st["small"])
    bar_height = 20
    label_width = 46 * mm
    height = len(rows) * bar_height + 40
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 28
    chart.width = width - label_width - 14 * mm
    chart.height = len(rows) * bar_height
    # reportlab draws the first category at the bottom; reverse so the list reads top-down.
    ordered = list(reversed(rows))
    chart.data = [[n for _, n, _ in ordered]]
    chart.categoryAxis.categoryNames = [fonts.printable(name) for name, _, _ in ordered]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 8.5
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -6
    chart.categoryAxis.strokeColor = RULE
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.valueMin = 0
    most = max(n for _, n, _ in rows)
    step = max(1, round(most / 5))
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = step * (most // step + 1)
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#eceff3")
    chart.bars.strokeColor = None
    chart.barWidth = bar_height * 0.62
    chart.groupSpacing = bar_height * 0.38
    for i, (_, _, colour) in enumerate(ordered):
        chart.bars[(0, i)].fillColor = colour
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = fonts.BOLD
    chart.barLabels.fontSize = 8
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    drawing.add(chart)
    drawing.add(
        String(
            chart.x + chart.width / 2,
            4,
            "Notes written",
            fontName=fonts.REGULAR,
            fontSize=7.5,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
    return drawing


class EventPack(Renderer):
    """Everything in one document, with a cover and clickable contents."""

    subject = "Event pack"
    cover = True

    def __init__(
        self,
        project: Project,
        photo_data: dict[str, bytes] | None = None,
        paper: str = "a4",
        progress: Progress | None = None,
    ) -> None:
        super().__init__(project, paper, progress)
        self.photo_data = photo_data or {}
        self.expected_pages = 4 + sum(1 + len(w.notes) // 45 for w in project.walls)

    def build(self, doc: ExportDocument, story: list[Flowable]) -> None:
        # Two passes: the first finds the page of each section, the second prints the contents.
        doc.multiBuild(story, maxPasses=4)

    def on_page(self, page: int) -> None:
        self.progress(min(0.95, 0.1 + 0.85 * page / (2 * max(page + 1, self.expected_pages))), "Laying out pages")

    def story(self) -> list[Flowable]:
        st = styles()
        project = self.project
        frame_width = self.pagesize[0] - 2 * self.margin
        flow: list[Flowable] = [Spacer(1, 1), NextPageTemplate("body"), PageBreak()]
        flow.append(Bookmark("contents", "Contents", 0, contents=False))
        flow.append(Paragraph("CONTENTS", st["kicker"]))
        flow.append(Paragraph("In this pack", st["title"]))
        flow.append(Spacer(1, 8))
        toc = TableOfContents(levelStyles=[st["toc1"], st["toc2"]], dotsMinLevel=0)
        toc.dotsMinLevel = 0
        flow.append(toc)
        flow.append(PageBreak())
        flow.append(Bookmark("agenda", "Agenda", 0))
        flow += agenda_flowables(self)
        for wall in project.walls:
            flow.append(PageBreak())
            flow += wall_flowables(self, wall, self.photo_data, level=0)
        flow.append(PageBreak())
        flow.append(Bookmark("actions", "Actions", 0))
        flow.append(Paragraph("AFTER THE DAY", st["kicker"]))
        flow.append(Paragraph("Actions", st["title"]))
        flow.append(Spacer(1, 8))
        flow.append(self.actions_table(frame_width))
        flow.append(Spacer(1, 24))
        flow.append(Bookmark("contributors", "Who contributed", 0))
        flow.append(Paragraph("Who contributed", st["h1"]))
        flow.append(Paragraph("Notes written by each group in the room, across every wall.", st["small"]))
        flow.append(Spacer(1, 8))
        flow.append(contribution_chart(project, frame_width))
        return flow

    def actions_table(self, width: float) -> Flowable:
        st = styles()
        actions = sorted(self.project.actions, key=lambda a: (a.due is None, a.due or dt.date.max))
        if not actions:
            return Paragraph("No actions were recorded.", st["small"])
        rows: list[list] = [[Paragraph(h, st["cellhead"]) for h in ("ACTION", "OWNER", "DUE")]]
        for action in actions:
            due = f"{action.due.day} {action.due:%b %Y}" if action.due else "—"
            rows.append(
                [
                    Paragraph(markup(action.text), st["cell"]),
                    Paragraph(markup(action.owner or "—"), st["cell"]),
                    Paragraph(due, st["cell"]),
                ]
            )
        table = Table(rows, colWidths=[width - 72 * mm, 46 * mm, 26 * mm], repeatRows=1)
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 1, INK),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ]
        style += [("BACKGROUND", (0, i), (-1, i), PAPER_TINT) for i in range(2, len(rows), 2)]
        table.setStyle(TableStyle(style))
        return table

    # -- the cover ------------------------------------------------------------------------
    def draw_cover(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        ev = self.project.event
        m = self.margin
        canvas.saveState()
        band = height * 0.46
        canvas.setFillColor(PAPER_TINT)
        canvas.rect(0, height - band, width, band, stroke=0, fill=1)
        # A loose scatter of sticky notes in the wall's palette: the event's own colours.
        names = list(palette.NOTE_COLOURS)
        side = 30 * mm
        for i in range(9):
            col, row = i % 5, i // 5
            x = m + col * (side + 8 * mm) + (row * 19 * mm)
            y = height - band + 22 * mm + row * (side + 6 * mm) + (i * 7 % 5) * mm
            if x + side > width:
                continue
            name = names[(i * 3) % len(names)]
            canvas.saveState()
            canvas.translate(x + side / 2, y + side / 2)
            canvas.rotate(((i * 37) % 11) - 5)
            canvas.setFillColor(colors.Color(0, 0, 0, alpha=0.06))
            canvas.rect(-side / 2 + 1.5, -side / 2 - 2, side, side, stroke=0, fill=1)
            canvas.setFillColor(note_fill(name))
            canvas.setStrokeColor(note_edge(name))
            canvas.setLineWidth(0.4)
            canvas.rect(-side / 2, -side / 2, side, side, stroke=1, fill=1)
            canvas.restoreState()
        y = height - band - 22 * mm
        canvas.setFillColor(ACCENT)
        canvas.setFont(fonts.BOLD, 10)
        canvas.drawString(m, y, "EVENT PACK")
        y -= 16 * mm
        canvas.setFillColor(INK)
        canvas.setFont(fonts.BOLD, 30)
        for line in simpleSplit(fonts.printable(ev.title), fonts.BOLD, 30, width - 2 * m)[:4]:
            canvas.drawString(m, y, line)
            y -= 36
        y -= 6
        canvas.setFont(fonts.REGULAR, 13)
        canvas.setFillColor(MUTED)
        details = [long_date(ev.date) + f",  {ev.planned_start:%H:%M}–{ev.planned_end:%H:%M}"]
        if ev.venue:
            details.append(ev.venue)
        if ev.organiser:
            details.append(f"Organised by {ev.organiser}")
        for line in details:
            canvas.drawString(m, y, fonts.printable(line))
            y -= 19
        notes = sum(len(w.notes) for w in self.project.walls)
        clusters = sum(len(w.clusters) for w in self.project.walls)
        dots = sum(w.total_dots for w in self.project.walls)
        facts = [
            (len(self.project.walls), "walls"),
            (notes, "notes"),
            (clusters, "clusters"),
            (dots, "dots"),
            (len(self.project.actions), "actions"),
        ]
        cell = (width - 2 * m) / len(facts)
        base = m + 22 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(m, base + 30, width - m, base + 30)
        for i, (value, label) in enumerate(facts):
            canvas.setFillColor(INK)
            canvas.setFont(fonts.BOLD, 20)
            canvas.drawString(m + i * cell, base, str(value))
            canvas.setFillColor(MUTED)
            canvas.setFont(fonts.REGULAR, 8.5)
            canvas.drawString(m + i * cell, base - 13, label)
        canvas.restoreState()
