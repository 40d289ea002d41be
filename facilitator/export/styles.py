"""Paper, colour and type shared by every printed output, so they look like one family.

The note colours come from ``facilitator.core.palette`` so a note is the same
tint on the wall, on the poster and in the pack.
"""

from __future__ import annotations

import functools
import locale
import os
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A1, A3, A4, LETTER, TABLOID
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from facilitator.core import palette
from facilitator.core.agenda import Phase
from facilitator.export import fonts

PAPER: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER, "a3": A3, "a1": A1, "tabloid": TABLOID}
PAPER_NAMES = {"a4": "A4", "letter": "Letter", "a3": "A3", "a1": "A1", "tabloid": "Tabloid"}

# Where US Letter is the usual office paper (CLDR's paper-size data): everywhere else uses A4.
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "SV", "NI", "PA", "PR", "BZ"})


def default_paper(locale_name: str | None = None) -> str:
    """ "letter" where people print on Letter, else "a4"; from LC_PAPER/LC_ALL/LANG or the system locale."""
    if locale_name is None:
        locale_name = next((os.environ[k] for k in ("LC_ALL", "LC_PAPER", "LANG") if os.environ.get(k)), "")
        if not locale_name or locale_name in ("C", "POSIX", "C.UTF-8"):
            locale_name = locale.getlocale()[0] or ""
    territory = locale_name.split(".")[0].split("@")[0].replace("-", "_").split("_")
    return "letter" if len(territory) > 1 and territory[1].upper() in LETTER_TERRITORIES else "a4"


# -- colour -----------------------------------------------------------------------
INK = colors.HexColor("#1d2430")
MUTED = colors.HexColor("#5f6b7a")
FAINT = colors.HexColor("#6b7684")  # the quietest text: still 4.5:1 on white
RULE = colors.HexColor("#d9dee5")
PAPER_TINT = colors.HexColor("#f5f3ee")
ACCENT = colors.HexColor("#0b5f73")
BREAK_TINT = colors.HexColor("#efece4")
DOT = colors.HexColor("#d1495b")

# The screen's phase colours (core.palette): shapes in PHASE_COLOURS, words in PHASE_TEXT_COLOURS (4.5:1 on white).
PHASE_COLOURS: dict[Phase, colors.Color] = {
    phase: colors.HexColor(palette.PHASE_COLOURS[phase.value]) for phase in Phase if phase is not Phase.NONE
}
PHASE_TEXT_COLOURS: dict[Phase, colors.Color] = {
    phase: colors.HexColor(palette.PHASE_TEXT_COLOURS[phase.value]) for phase in Phase if phase is not Phase.NONE
}


def note_fill(name: str) -> colors.Color:
    return colors.HexColor(palette.hex_for(palette.normalise_colour(name)))


def note_edge(name: str) -> colors.Color:
    """A darker shade of the note's tint for its outline and the swatch edge."""
    fill = note_fill(name)
    return colors.Color(fill.red * 0.72, fill.green * 0.72, fill.blue * 0.72)


def group_colour(hex_value: str | None) -> colors.Color:
    try:
        return colors.HexColor(hex_value or "#9e9e9e")
    except (ValueError, TypeError):
        return colors.HexColor("#9e9e9e")


# -- type -------------------------------------------------------------------------
MARGIN = 18 * mm
FOOTER_SIZE = 7.5


def markup(text: str | None) -> str:
    """Note text made safe for a reportlab Paragraph: printable, escaped, line breaks kept.

    Paragraphs parse a small XML dialect; escaping first means a note that
    reads ``<b>x</b>`` prints those characters rather than bold x.
    """
    return escape(fonts.printable(text)).replace("\n", "<br/>")


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle(
        "body", fontName=fonts.REGULAR, fontSize=9.5, leading=13, textColor=INK, alignment=TA_LEFT, splitLongWords=1
    )

    def style(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "kicker": style("kicker", fontName=fonts.BOLD, fontSize=8, leading=10, textColor=ACCENT),
        "title": style("title", fontName=fonts.BOLD, fontSize=21, leading=25, spaceAfter=3),
        "subtitle": style("subtitle", fontSize=11, leading=15, textColor=MUTED, spaceAfter=14),
        "h1": style("h1", fontName=fonts.BOLD, fontSize=17, leading=22, spaceBefore=4, spaceAfter=6),
        "h2": style("h2", fontName=fonts.BOLD, fontSize=12.5, leading=16),
        "h3": style("h3", fontName=fonts.BOLD, fontSize=10, leading=13, textColor=MUTED, spaceBefore=10),
        "item": style("item", fontName=fonts.BOLD, fontSize=10.5, leading=13.5),
        "small": style("small", fontSize=8.5, leading=11.5, textColor=MUTED),
        "time": style("time", fontName=fonts.BOLD, fontSize=9.5, leading=13.5, textColor=INK),
        "break": style("break", fontName=fonts.ITALIC, fontSize=9.5, leading=13, textColor=MUTED),
        "cell": style("cell", fontSize=9, leading=12),
        "instructions": style("instructions", fontSize=8.8, leading=11.6),
        "cellhead": style("cellhead", fontName=fonts.BOLD, fontSize=8, leading=10, textColor=MUTED),
        "toc1": style("toc1", fontName=fonts.BOLD, fontSize=11, leading=15, spaceBefore=6),
        "toc2": style("toc2", fontSize=9.5, leading=13, leftIndent=14),
        "caption": style("caption", fontName=fonts.ITALIC, fontSize=8.5, leading=11, textColor=MUTED, spaceBefore=3),
    }


def long_date(value) -> str:
    """ "Thursday 3 December 2026": unambiguous on both sides of the Atlantic."""
    return f"{value:%A} {value.day} {value:%B %Y}"
