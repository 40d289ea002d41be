"""Notes from plain text: a file or a paste, one note per non-blank line."""

from __future__ import annotations

from facilitator.core.palette import DEFAULT_COLOUR, normalise_colour
from facilitator.ingest.decoding import decode_text
from facilitator.ingest.errors import IngestError
from facilitator.ingest.rows import NoteRow, ParsedNotes, RowProblem, clean_cell, text_problem


def notes_from_text(
    text: str,
    source: str = "the pasted text",
    colour: str = DEFAULT_COLOUR,
    author: str = "",
    group: str = "",
) -> ParsedNotes:
    """One note per non-blank line of ``text`` (a paste into the capture bar, or a .txt file).

    ``colour``, ``author`` and ``group`` apply to every note, so the capture
    bar can pass its current choices.
    """
    parsed = ParsedNotes(source=source)
    colour = normalise_colour(colour)
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        note = clean_cell(line.lstrip("\ufeff"))
        if not note:
            continue
        problem = text_problem(note)
        if problem:
            parsed.problems.append(RowProblem(number, problem))
            continue
        parsed.rows.append(
            NoteRow(text=note, colour=colour, author=clean_cell(author), group=clean_cell(group), line=number)
        )
    return parsed


def read_notes_text(data: bytes, name: str) -> ParsedNotes:
    """Notes from the bytes of a plain-text file called ``name`` (any encoding :func:`decode_text` knows)."""
    text, encoding = decode_text(data, name)
    parsed = notes_from_text(text, source=name)
    parsed.encoding = encoding
    if not parsed.rows and not parsed.problems:
        raise IngestError(f"{name} has no notes in it (every line is blank).")
    return parsed
