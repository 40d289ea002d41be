"""Notes from CSV: columns text, colour, author, group, cluster.

The first line names the columns, in any order and case ("Text", "Color"
and "note" are understood); columns we do not import are ignored with a
notice. A file without such a line is accepted only when it plainly follows
the documented order (one column of text, or a colour name in the second
column); otherwise we ask for the header rather than guess.

The delimiter is found from the header (comma, semicolon as European Excel
writes, or tab as Excel's "Unicode Text" writes), and Excel's ``sep=;``
first line is honoured. Parsing is strict about quotes so that a stray
quote is reported on its line instead of silently swallowing the rows after
it into one giant note.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator

from facilitator.core.palette import DEFAULT_COLOUR, NOTE_COLOURS, normalise_colour
from facilitator.ingest.decoding import decode_text
from facilitator.ingest.errors import IngestError
from facilitator.ingest.rows import NoteRow, ParsedNotes, RowProblem, clean_cell, clean_text, text_problem

COLUMNS = ("text", "colour", "author", "group", "cluster")

# What people write in a header, mapped to our column names.
HEADER_NAMES = {
    "text": "text",
    "note": "text",
    "notes": "text",
    "colour": "colour",
    "color": "colour",
    "author": "author",
    "group": "group",
    "cluster": "cluster",
}
_DELIMITERS = (",", ";", "\t")


def read_notes_csv(data: bytes, name: str) -> ParsedNotes:
    """Read the bytes of a CSV file called ``name`` into rows, bad rows and notices.

    Raises :class:`IngestError` when the file as a whole cannot be read
    (empty, binary, no text column); a bad row only adds a :class:`RowProblem`.
    """
    text, encoding = decode_text(data, name)
    parsed = notes_from_csv_text(text, name)
    parsed.encoding = encoding
    return parsed


def notes_from_csv_text(text: str, name: str) -> ParsedNotes:
    if not text.strip():
        raise IngestError(f"{name} is empty.")
    first_line_offset = 0
    delimiter = None
    first = text.split("\n", 1)[0].strip("\r\ufeff ")
    if first.lower().startswith("sep=") and len(first) == 5:
        delimiter = first[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
        first_line_offset = 1
    delimiter, columns, has_header = _layout(text, name, delimiter, first_line_offset)
    parsed = ParsedNotes(source=name)
    if has_header:
        ignored = [c for c in columns if c and c not in COLUMNS]
        if ignored:
            listed = ", ".join(repr(c) for c in ignored)
            parsed.notices.append(f"{name}: ignored the {'column' if len(ignored) == 1 else 'columns'} {listed}.")
    unknown_colours: Counter[str] = Counter()
    index = {col: i for i, col in reversed(list(enumerate(columns)))}
    width = len(columns)
    for line, record, error in _records(text, delimiter, first_line_offset):
        if has_header and line == 1 + first_line_offset:
            continue
        if error:
            parsed.problems.append(RowProblem(line, error))
            continue
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            parsed.problems.append(
                RowProblem(
                    line,
                    f"the row has {len(record)} cells but there are {width} columns "
                    "(text with a comma in it must be in double quotes)",
                )
            )
            continue

        def cell(column: str, record: list[str] = record) -> str:
            i = index.get(column)
            return record[i] if i is not None and i < len(record) else ""

        note_text = clean_text(cell("text"))
        problem = text_problem(note_text)
        if problem:
            parsed.problems.append(RowProblem(line, problem))
            continue
        raw_colour = clean_cell(cell("colour"))
        colour = normalise_colour(raw_colour)
        if raw_colour and colour == DEFAULT_COLOUR and raw_colour.lower() != DEFAULT_COLOUR:
            unknown_colours[raw_colour] += 1
        parsed.rows.append(
            NoteRow(
                text=note_text,
                colour=colour,
                author=clean_cell(cell("author")),
                group=clean_cell(cell("group")),
                cluster=clean_cell(cell("cluster")),
                line=line,
            )
        )
    if unknown_colours:
        count = sum(unknown_colours.values())
        names = ", ".join(repr(c) for c, _ in unknown_colours.most_common(5))
        parsed.notices.append(
            f"{name}: {count} {'note has a colour' if count == 1 else 'notes have colours'} we do not know "
            f"({names}); {'it is' if count == 1 else 'they are'} {DEFAULT_COLOUR}."
        )
    if not parsed.rows and not parsed.problems:
        raise IngestError(
            f"{name} has no notes in it (only a header)." if has_header else f"{name} has no notes in it."
        )
    return parsed


def _layout(text: str, name: str, delimiter: str | None, offset: int) -> tuple[str, list[str], bool]:
    """Find (delimiter, column names by position, whether line 1 is a header)."""
    candidates = (delimiter,) if delimiter else _DELIMITERS
    first_rows: dict[str, list[str]] = {}
    for candidate in candidates:
        _, record, error = next(_records(text, candidate, offset), (0, [], "empty"))
        if error:
            raise IngestError(f"{name} line {1 + offset}: {error}.")
        first_rows[candidate] = record
        names = [HEADER_NAMES.get(clean_cell(c).lower(), clean_cell(c)) for c in record]
        if "text" in names:
            return candidate, names, True
    chosen = delimiter or ","
    record = first_rows[chosen]
    known = [c for c in (clean_cell(c).lower() for c in record) if c in HEADER_NAMES]
    looks_headerless = len(record) <= 1 or (
        len(record) <= len(COLUMNS) and (not record[1].strip() or record[1].strip().lower() in NOTE_COLOURS)
    )
    if known:
        # A header, but without a text column: say what is missing rather than import nothing useful.
        raise IngestError(
            f"{name} line {1 + offset} names the columns but none is called 'text' "
            f"(expected columns: {', '.join(COLUMNS)})."
        )
    if not looks_headerless:
        shown = ", ".join(repr(clean_cell(c)) for c in record[:6])
        raise IngestError(f"{name} line {1 + offset} should name the columns ({', '.join(COLUMNS)}); it reads {shown}.")
    return chosen, list(COLUMNS), False


def _records(text: str, delimiter: str, offset: int) -> Iterator[tuple[int, list[str], str | None]]:
    """Yield (line the record starts on, cells, error or None) for every record of ``text``."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start + offset, [], _explain(str(exc), start + offset, reader.line_num + offset)
            continue
        yield start + offset, record, None


def _explain(error: str, start: int, end: int) -> str:
    if "unexpected end of data" in error or "EOF" in error:
        return (
            f"a quote opened on this line is never closed, so lines {start}-{end} would have become one note"
            if end > start
            else "a quote opened on this line is never closed"
        )
    if "expected after" in error:
        return 'there is text after a closing quote (a quote inside quoted text must be doubled: "")'
    if "field larger than field limit" in error:
        return f"a cell is longer than {csv.field_size_limit():,} characters (is a quote missing its partner?)"
    if "NUL" in error or "line contains NUL" in error:
        return "the row holds binary data"
    return f"the row cannot be read ({error})"
