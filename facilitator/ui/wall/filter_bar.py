"""The wall's filter bar: find text, filter by colour, author and group, and step through the matches.

It knows nothing of the scene: it turns its inputs into two predicates over
notes (``predicates``), is told what matched (``show_matches``) and hands out
the next match's id (``next_match``). The wall widget joins it to the scene.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from facilitator.core.palette import NOTE_COLOURS
from facilitator.core.wall import Note

ANY = "__any__"
NotePredicate = Callable[[Note], bool]
People = Callable[[], tuple[Iterable[str], Iterable[str]]]


class LazyCombo(QComboBox):
    """A combo box that refills itself as it opens (refilling after every edit would scan the whole wall)."""

    def __init__(self, refill: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent)
        self._refill = refill

    def showPopup(self) -> None:
        self._refill()
        super().showPopup()


class FilterBar(QWidget):
    """Find box, colour/author/group filters and the match count; ``people`` lists the authors and groups."""

    changed = Signal()  # any input changed: the filters are to be applied again
    next_requested = Signal()  # Enter in the find box

    def __init__(self, people: People, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._people = people
        self.matches: list[str] = []
        self.match_index = -1
        self.find = QLineEdit(self)
        self.find.setPlaceholderText("Find text (Enter: next)")
        self.find.setClearButtonEnabled(True)
        self.find.setAccessibleName("Find text on the wall")
        self.find.setMaximumWidth(260)
        self.colour_filter = QComboBox(self)
        self.colour_filter.setAccessibleName("Filter by colour")
        self.colour_filter.addItem("Any colour", ANY)
        for name in NOTE_COLOURS:
            self.colour_filter.addItem(name.capitalize(), name)
        self.author_filter = LazyCombo(self.refill_people, self)
        self.author_filter.setAccessibleName("Filter by author")
        self.group_filter = LazyCombo(self.refill_people, self)
        self.group_filter.setAccessibleName("Filter by group")
        self.refill_people()
        self.match_label = QLabel(self)
        self.match_label.setObjectName("subheading")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for widget in (self.find, self.colour_filter, self.author_filter, self.group_filter, self.match_label):
            row.addWidget(widget)
        self.find.textChanged.connect(self.changed)
        self.find.returnPressed.connect(self.next_requested)
        for combo in (self.colour_filter, self.author_filter, self.group_filter):
            combo.currentIndexChanged.connect(self.changed)

    def refill_people(self) -> None:
        """List the wall's authors and groups again, keeping the choice (signals held: nothing changed)."""
        authors, groups = self._people()
        for combo, label, values in (
            (self.author_filter, "Any author", authors),
            (self.group_filter, "Any group", groups),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(label, ANY)
            for value in sorted(set(values), key=str.casefold):
                combo.addItem(value, value)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def filter_active(self) -> bool:
        """A colour, author or group is chosen (the find text aside)."""
        return any(
            c.currentData() not in (ANY, None) for c in (self.colour_filter, self.author_filter, self.group_filter)
        )

    def active(self) -> bool:
        """Anything narrows the wall: find text or a filter."""
        return bool(self.find.text().split()) or self.filter_active()

    def predicates(self) -> tuple[NotePredicate | None, NotePredicate | None]:
        """(search, keep): the notes the find text matches, and the notes the filters keep; None for "all"."""
        words = self.find.text().casefold().split()
        colour = self.colour_filter.currentData()
        author = self.author_filter.currentData()
        group = self.group_filter.currentData()

        def search(note: Note) -> bool:
            text = f"{note.text} {note.author} {note.group}".casefold()
            return all(w in text for w in words)

        def keep(note: Note) -> bool:
            return (
                (colour in (ANY, None) or note.colour == colour)
                and (author in (ANY, None) or note.author == author)
                and (group in (ANY, None) or note.group == group)
            )

        return (search if words else None, keep if self.filter_active() else None)

    def show_matches(self, matches: list[str], total: int) -> None:
        """Remember what matched (in order) and say how many; the next Enter starts from the first."""
        self.matches = matches
        self.match_index = -1
        if self.active():
            self.match_label.setText(f"{len(matches)} of {total} match")
        else:
            self.match_label.setText("")

    def next_match(self) -> str | None:
        """The next match's note id, going round; None when nothing matches."""
        if not self.matches:
            return None
        self.match_index = (self.match_index + 1) % len(self.matches)
        self.match_label.setText(f"{self.match_index + 1} of {len(self.matches)}")
        return self.matches[self.match_index]
