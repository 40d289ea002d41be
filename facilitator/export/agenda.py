"""The agenda handout people find on their chairs: times, titles, what to do, where in the diamond.

Only the room instructions are printed; an item's ``notes`` are the
facilitator's private notes, and planning remarks such as "20 min spare"
are internal too: both go on the facilitator's run sheet (``runsheet.py``),
never on the handout.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from facilitator.core.agenda import Kind, Phase, schedule
from facilitator.export import fonts
from facilitator.export.page import Bookmark, Renderer
from facilitator.export.styles import (
    BREAK_TINT,
    PHASE_COLOURS,
    PHASE_TEXT_COLOURS,
    RULE,
    long_date,
    markup,
    styles,
)

PHASE_WORDS = {
    Phase.DISCOVER: "Discover · opening up",
    Phase.DEFINE: "Define · narrowing down",
    Phase.DEVELOP: "Develop · opening up",
    Phase.DELIVER: "Deliver · narrowing down",
}


class DiamondMarker(Flowable):
    """A small diamond with the diverging (left) or converging (right) half filled in the phase colour."""

    def __init__(self, phase: Phase, size: float = 11) -> None:
        super().__init__()
        self.phase = phase
        self.width = size * 1.4
        self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if self.phase is Phase.NONE:
            return
        c = self.canv
        colour = PHASE_COLOURS[self.phase]
        w, h = self.width, self.height
        mid_x, mid_y = w / 2, h / 2
        c.saveState()
        c.setLineJoin(1)
        c.setFillColor(colour)
        half = c.beginPath()
        if self.phase.diverging:
            half.moveTo(0, mid_y)
            half.lineTo(mid_x, h)
            half.lineTo(mid_x, 0)
        else:
            half.moveTo(w, mid_y)
            half.lineTo(mid_x, h)
            half.lineTo(mid_x, 0)
        half.close()
        c.drawPath(half, stroke=0, fill=1)
        c.setStrokeColor(colour)
        c.setLineWidth(0.9)
        outline = c.beginPath()
        outline.moveTo(0, mid_y)
        outline.lineTo(mid_x, h)
        outline.lineTo(w, mid_y)
        outline.lineTo(mid_x, 0)
        outline.close()
        c.drawPath(outline, stroke=1, fill=0)
        c.restoreState()


def agenda_flowables(renderer: Renderer, heading: bool = True) -> list[Flowable]:
    """The agenda as a table; used by the handout and the event pack."""
    project = renderer.project
    ev = project.event
    st = styles()
    out: list[Flowable] = []
    if heading:
        out.append(Paragraph("AGENDA", st["kicker"]))
        out.append(Paragraph(markup(ev.title), st["title"]))
        when = f"{long_date(ev.date)}  ·  {ev.planned_start:%H:%M}–{ev.planned_end:%H:%M}"
        if ev.venue:
            when += f"  ·  {ev.venue}"
        out.append(Paragraph(markup(when), st["subtitle"]))
    slots = schedule(ev, project.agenda)
    if not slots:
        out.append(Paragraph("The agenda is empty.", st["small"]))
        return out
    rows = []
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("TOPPADDING", (1, 0), (1, -1), 4.5),
    ]
    for index, slot in enumerate(slots):
        item = slot.item
        times = Paragraph(f"{slot.start:%H:%M}<font color='#6b7684'>–{slot.end:%H:%M}</font>", st["time"])
        length = Paragraph(f"{item.minutes} min", st["small"])
        if item.kind is Kind.BREAK:
            body = [Paragraph(markup(item.title), st["break"])]
            if item.instructions.strip():
                body.append(Paragraph(markup(item.instructions), st["small"]))
            rows.append([times, "", body, length])
            commands.append(("BACKGROUND", (0, index), (-1, index), BREAK_TINT))
            continue
        title = markup(item.title)
        if item.phase is not Phase.NONE:
            colour = PHASE_TEXT_COLOURS[item.phase].hexval().replace("0x", "#")
            title += f"  <font name='{fonts.REGULAR}' size='8' color='{colour}'>{PHASE_WORDS[item.phase]}</font>"
        body = [Paragraph(title, st["item"])]
        if item.instructions.strip():
            body.append(Spacer(1, 1))
            body.append(Paragraph(markup(item.instructions), st["instructions"]))
        rows.append([times, DiamondMarker(item.phase), body, length])
    frame_width = renderer.pagesize[0] - 2 * renderer.margin
    widths = [26 * mm, 7 * mm, None, 14 * mm]
    widths[2] = frame_width - sum(w for w in widths if w)
    table = Table(rows, colWidths=widths, style=TableStyle(commands), repeatRows=0)
    out.append(table)
    out.append(Spacer(1, 6))
    out.append(legend(renderer))
    # Planning remarks ("20 min spare", "15 min over") are for the facilitator: the run sheet prints them.
    return out


def legend(renderer: Renderer) -> Flowable:
    """What the diamond markers mean, in one quiet line."""
    st = styles()
    cells: list = []
    widths: list[float] = []
    for phase in PHASE_WORDS:
        cells += [DiamondMarker(phase, size=8), Paragraph(str(phase).capitalize(), st["small"])]
        widths += [6 * mm, 17 * mm]
    cells.append(Paragraph("Left half: opening up.  Right half: narrowing down.", st["small"]))
    widths.append(renderer.pagesize[0] - 2 * renderer.margin - sum(widths))
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


class AgendaHandout(Renderer):
    """The day on one page (more only when the day is long)."""

    subject = "Agenda"

    def story(self) -> list[Flowable]:
        flow: list[Flowable] = [Bookmark("agenda", "Agenda", contents=False)]
        flow += agenda_flowables(self)
        return flow
