"""What a notes file says, row by row, before anything touches a wall.

Reading a file and putting its notes on a wall are separate steps so the
caller can show the bad rows and let the user choose: import the good rows,
or none. Line numbers are the file's own (a row whose text spans lines is
named by the line it starts on), because that is what a user sees in a text
editor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Longer than any sticky note; a longer "note" is a row that swallowed others.
MAX_NOTE_CHARS = 2000


@dataclass(frozen=True)
class NoteRow:
    """One note to import. ``colour`` is already a palette name; ``cluster`` is a title or ""."""

    text: str
    colour: str
    author: str = ""
    group: str = ""
    cluster: str = ""
    line: int = 0


@dataclass(frozen=True)
class RowProblem:
    """A row that cannot become a note, and why, in words for the user."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class ParsedNotes:
    """The result of reading one file: good rows, bad rows and notices (kept rows that were adjusted)."""

    source: str
    rows: list[NoteRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    encoding: str = "utf-8"

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe_problems(self, limit: int = 3) -> str:
        """One line naming the first bad lines, e.g. for the CLI or a dialog's summary."""
        if not self.problems:
            return ""
        shown = "; ".join(str(p) for p in self.problems[:limit])
        more = len(self.problems) - limit
        extra = f" (and {more} more bad {'row' if more == 1 else 'rows'})" if more > 0 else ""
        return f"{self.source} {shown}{extra}"


def clean_cell(value: str) -> str:
    """Trim a one-line cell (author, group, cluster): outer spaces and inner line breaks go."""
    return " ".join(value.split())


def clean_text(value: str) -> str:
    """Trim a note's text but keep the line breaks someone typed inside it."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.strip() for line in lines).strip("\n ")


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be a note, or None if it can."""
    if not text:
        return "the note has no text"
    if len(text) > MAX_NOTE_CHARS:
        return f"the note is {len(text):,} characters long; a note holds at most {MAX_NOTE_CHARS:,}"
    return None
