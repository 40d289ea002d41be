"""The bundled Unicode font, and making any text safe to set in it.

reportlab's built-in Helvetica only knows Latin-1, so Welsh ŵ, Polish ł,
Greek, Cyrillic and Vietnamese would print as black boxes. We embed DejaVu
Sans (``resources/fonts/``, licence beside it), which covers all of those.

What the font lacks (emoji, most CJK) must never crash an export or print
as an empty box nobody can read. ``printable`` swaps such a character for its
Unicode name in square brackets, lower case ("📺" prints as "[television]"),
and drops the invisible joiners and variation selectors that glue emoji
sequences together. The reader still learns what was on the note.
"""

from __future__ import annotations

import functools
import unicodedata

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from facilitator.resources import resource

REGULAR = "Facil"
BOLD = "Facil-Bold"
ITALIC = "Facil-Italic"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}

# Joiners and selectors that only shape emoji sequences; alone they print as nothing useful.
_INVISIBLE = {0x200D, 0xFE0E, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400))  # ZWJ, VS15/16, keycap, skin tones
_KEEP_CONTROLS = {"\n", "\t"}


@functools.cache
def register() -> None:
    """Register the bundled faces with reportlab once per process (also maps <b>/<i> in paragraphs)."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)


@functools.cache
def _covered() -> frozenset[int]:
    register()
    regular = pdfmetrics.getFont(REGULAR).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    return frozenset(regular) & frozenset(bold)


def covers(char: str) -> bool:
    return ord(char) in _covered()


@functools.lru_cache(maxsize=4096)
def _replacement(char: str) -> str:
    if char in _KEEP_CONTROLS:
        return char
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return ""
    name = unicodedata.name(char, "")
    return f"[{name.lower()}]" if name else "\N{WHITE SQUARE}"


def printable(text: str | None) -> str:
    """``text`` composed (NFC) with every character the font lacks replaced; see the module docstring."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    if any(ord(c) in _INVISIBLE for c in text):
        text = "".join(c for c in text if ord(c) not in _INVISIBLE)
    covered = _covered()
    if all(ord(c) in covered for c in text):
        return text
    out: list[str] = []
    for char in text:
        if ord(char) in covered:
            out.append(char)
            continue
        out.append(_replacement(char))
    return "".join(out)
