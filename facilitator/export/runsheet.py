"""The facilitator's run sheet: the day on a clipboard, private notes included.

Unlike the handout (``agenda.py``), this is for the person running the room:
each item's times and length, its place in the diamond, the room
instructions, the private notes, the question it works on and the wall it
fills, and the day's planning remarks ("20 min spare"). It must never be
handed out; its footer and heading say so.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from facilitator.core.agenda import Kind, Phase, describe_overrun, schedule, total_minutes
from facilitator.export import fonts
from facilitator.export.agenda import PHASE_WORDS, DiamondMarker, legend
from facilitator.export.page import Bookmark, Renderer
from facilitator.export.styles import BREAK_TINT, PHASE_COLOURS, RULE, long_date, markup, styles

NOTES_TINT = colors.HexColor("#fff7d6")
NOTES_EDGE = colors.HexColor("#e8d68f")


class RunSheet(Renderer):
    """The agenda with everything the facilitator needs and the room must not see."""

    subject = "Run sheet"

    def story(self) -> list[Flowable]:
        project = self.project
        ev = project.event
        st = styles()
        flow: list[Flowable] = [Bookmark("runsheet", "Run sheet", contents=False)]
        flow.append(Paragraph("RUN SHEET  ·  FOR THE FACILITATOR, NOT FOR HANDING OUT", st["kicker"]))
        flow.append(Paragraph(markup(ev.title), st["title"]))
        when = f"{long_date(ev.date)}  ·  {ev.planned_start:%H:%M}–{ev.planned_end:%H:%M}"
        if ev.venue:
            when += f"  ·  {ev.venue}"
        flow.append(Paragraph(markup(when), st["subtitle"]))
        total = total_minutes(project.agenda)
        hours, minutes = divmod(total, 60)
        timing = describe_overrun(total - ev.planned_minutes)
        flow.append(Paragraph(f"Planned: {hours} h {minutes:02d} min of sessions in the day ({timing}).", st["small"]))
        flow.append(Spacer(1, 6))
        slots = schedule(ev, project.agenda)
        if not slots:
            flow.append(Paragraph("The agenda is empty.", st["small"]))
            return flow
        diamonds = {d.id: d for d in project.diamonds}
        walls = {w.id: w for w in project.walls}
        width = self.pagesize[0] - 2 * self.margin
        widths = [29 * mm, 8 * mm, width - 29 * mm - 8 * mm]
        label = st["cellhead"]
        for number, slot in enumerate(slots, start=1):
            item = slot.item
            times = [
                Paragraph(f"{slot.start:%H:%M}–{slot.end:%H:%M}", st["time"]),
                Paragraph(f"{item.minutes} min  ·  #{number}", st["small"]),
            ]
            title = markup(item.title)
            if item.kind is Kind.BREAK:
                title = f"<i>{title}</i>  <font size='8' color='#5f6b7a'>break</font>"
            elif item.phase is not Phase.NONE:
                colour = PHASE_COLOURS[item.phase].hexval().replace("0x", "#")
                title += f"  <font name='{fonts.REGULAR}' size='8' color='{colour}'>{PHASE_WORDS[item.phase]}</font>"
            body: list[Flowable] = [Paragraph(title, st["item"])]
            diamond = diamonds.get(item.diamond_id or "")
            if diamond is not None:
                size = "Big diamond" if diamond.size == "big" else "Diamond"
                body.append(Paragraph(f"<b>{size}:</b> {markup(diamond.question)}", st["cell"]))
            if item.instructions.strip():
                body.append(Paragraph(f"<b>Room:</b> {markup(item.instructions)}", st["instructions"]))
            wall = walls.get(item.wall_id or "")
            if wall is not None:
                body.append(Paragraph(f"<b>Wall:</b> {markup(wall.name)} ({len(wall.notes)} notes so far)", st["cell"]))
            if item.notes.strip():
                notes = Table(
                    [[Paragraph("PRIVATE NOTES", label)], [Paragraph(markup(item.notes), st["cell"])]],
                    colWidths=[widths[2] - 8],
                    style=TableStyle(
                        [
                            ("BACKGROUND", (0, 0), (-1, -1), NOTES_TINT),
                            ("BOX", (0, 0), (-1, -1), 0.6, NOTES_EDGE),
                            ("LEFTPADDING", (0, 0), (-1, -1), 5),
                            ("TOPPADDING", (0, 0), (-1, -1), 2),
                            ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
                        ]
                    ),
                )
                body += [Spacer(1, 2), notes]
            row = Table(
                [[times, DiamondMarker(item.phase), body]],
                colWidths=widths,
                style=TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 4),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                        ("TOPPADDING", (0, 0), (-1, -1), 5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                        *([("BACKGROUND", (0, 0), (-1, -1), BREAK_TINT)] if item.kind is Kind.BREAK else []),
                    ]
                ),
            )
            flow.append(KeepTogether([row]))
        flow.append(Spacer(1, 6))
        flow.append(legend(self))
        return flow
