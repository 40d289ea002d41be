"""The Event tab: what the day is (title, date, times, venue, organiser), who is in the room, and its questions.

Each field commits when the user leaves it or presses Enter: one undo step
per change, written at once. A value that cannot be used (no title, an end
before the start) is refused with its reason beside the form and the field
shows what the file holds again.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.event import Event
from facilitator.core.project import Project
from facilitator.edits import Notice
from facilitator.ui import theme
from facilitator.ui.document import Document
from facilitator.ui.event.delegates import ColourDelegate, SizeDelegate
from facilitator.ui.event.models import DiamondsModel, GroupsModel, quoted
from facilitator.ui.event.section import ERROR_STYLE, TITLE_STYLE, ListSection
from facilitator.ui.event.undo import EditEvent
from facilitator.ui.fields import DateField

MAX_TITLE = 120


class EventPanel(QWidget):
    """The set-up screen a new project opens on; the agenda and the walls build on what it holds."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.title_edit = self._line("What the day is called: on the projector, the handouts and the PDFs")
        self.title_edit.setMaxLength(MAX_TITLE)
        self.title_edit.setObjectName("eventTitle")  # larger type: QLineEdit#eventTitle in the theme
        self.venue_edit = self._line("Where it happens")
        self.venue_edit.setPlaceholderText("Venue")
        self.organiser_edit = self._line("Who runs it: printed on the event pack")
        self.organiser_edit.setPlaceholderText("Organiser")
        self.date_edit = DateField(self)
        widest = self.date_edit.fontMetrics().horizontalAdvance("Wednesday 30 September 2026")
        self.date_edit.setMinimumWidth(widest + 48)
        self.date_edit.setToolTip("The day of the event: type it (15/01/2027) or pick it (Alt+↓)")
        self.date_edit.setAccessibleName("Date")
        self.date_edit.refused.connect(self._date_refused)
        self.date_edit.read_as.connect(self._date_read_as)
        self.date_edit.editingFinished.connect(self.commit)
        self.date_edit.picked.connect(self._date_picked)  # a click or Enter in the calendar
        self.start_edit = self._time("Starts", "The day's planned start: every agenda item's times follow")
        self.end_edit = self._time("Ends", "The day's planned end: the agenda's total is compared with it")
        self.message = QLabel(self)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)  # a note on how a date was read is a sentence or two

        card = QFrame(self)
        card.setObjectName("eventCard")
        card.setStyleSheet(
            f"QFrame#eventCard {{ background: {theme.PAPER}; border: 1px solid {theme.LINE}; border-radius: 6px; }}"
        )
        heading = QLabel("The day", card)
        heading.setObjectName("sectionTitle")
        heading.setStyleSheet(TITLE_STYLE)
        grid = QGridLayout(card)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.addWidget(heading, 0, 0, 1, 2)
        grid.addWidget(self._label("&Title", self.title_edit, card), 1, 0)
        grid.addWidget(self.title_edit, 1, 1, 1, 5)
        grid.addWidget(self._label("&Date", self.date_edit, card), 2, 0)
        times = QHBoxLayout()
        times.setSpacing(8)
        times.addWidget(self.date_edit)
        times.addSpacing(16)
        times.addWidget(self._label("&Starts", self.start_edit, card))
        times.addWidget(self.start_edit)
        times.addWidget(self._label("e&nds", self.end_edit, card))
        times.addWidget(self.end_edit)
        times.addSpacing(12)
        times.addWidget(self.message, 1)
        grid.addLayout(times, 2, 1, 1, 5)
        grid.addWidget(self._label("Ven&ue", self.venue_edit, card), 3, 0)
        grid.addWidget(self.venue_edit, 3, 1, 1, 2)
        grid.addWidget(self._label("&Organiser", self.organiser_edit, card), 3, 3)
        grid.addWidget(self.organiser_edit, 3, 4, 1, 2)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(5, 1)

        self.groups = ListSection(
            "Participant &groups",
            "The sectors in the room. Note-takers pick from these when they capture a note; "
            "the event pack counts notes by group.",
            "No groups yet.\nPress Insert (or Add) and type a name, such as “Health” or “Sport”.",
            GroupsModel(document),
            self,
        )
        self.groups.table.setItemDelegateForColumn(1, ColourDelegate(self.groups.table))
        self.groups.table.setColumnWidth(1, theme.text_width(self.groups.table, ["Sky blue", "Colour"], extra=56))
        self.diamonds = ListSection(
            "D&iamonds",
            "The questions the room opens up and then narrows down: big for the whole day, small for a "
            "session. Agenda items choose one.",
            "No diamonds yet.\nPress Insert (or Add) and type the question the room will work on.",
            DiamondsModel(document),
            self,
        )
        self.diamonds.table.setItemDelegateForColumn(1, SizeDelegate(self.diamonds.table))
        self.diamonds.table.setColumnWidth(1, theme.text_width(self.diamonds.table, ["Small", "Size"], bold=True))
        self.diamonds.table.setColumnWidth(2, theme.text_width(self.diamonds.table, ["12 items", "Used by"], bold=True))

        lists = QHBoxLayout()
        lists.setSpacing(20)
        lists.addWidget(self.groups, 2)
        lists.addWidget(self.diamonds, 3)
        hint = QLabel(
            "Tab moves between fields · Enter saves a field · Insert adds · Delete removes · "
            "Ctrl+↑/↓ moves · F2 edits · Ctrl+Z undoes",
            self,
        )
        hint.setObjectName("subheading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(14)
        layout.addWidget(card)
        layout.addLayout(lists, 1)
        layout.addWidget(hint)
        self.setTabOrder(self.title_edit, self.date_edit)
        self.setTabOrder(self.date_edit, self.start_edit)
        self.setTabOrder(self.start_edit, self.end_edit)
        self.setTabOrder(self.end_edit, self.venue_edit)
        self.setTabOrder(self.venue_edit, self.organiser_edit)
        self.setTabOrder(self.organiser_edit, self.groups.table)
        self.setTabOrder(self.groups.table, self.diamonds.table)
        document.changed.connect(self._on_changed)
        self._refusal = ""
        self._reading = ""
        self._shown = False
        self.show_event()

    def showEvent(self, event: QShowEvent) -> None:
        """A new project's title is the first thing to type: put the cursor there, the old title selected."""
        super().showEvent(event)
        if not self._shown and self.document.project.event.title == Project().event.title:
            self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.title_edit.selectAll()
        self._shown = True

    def _line(self, tip: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setToolTip(tip)
        edit.editingFinished.connect(self.commit)
        return edit

    def _time(self, name: str, tip: str) -> QTimeEdit:
        edit = QTimeEdit(self)
        edit.setDisplayFormat("HH:mm")
        edit.setToolTip(tip)
        edit.setAccessibleName(name)
        edit.editingFinished.connect(self.commit)
        return edit

    def _label(self, text: str, buddy: QWidget, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setBuddy(buddy)
        label.setStyleSheet(f"color: {theme.MUTED}; font-weight: 600;")
        if isinstance(buddy, QLineEdit) and not buddy.accessibleName():
            buddy.setAccessibleName(text.replace("&", ""))
        return label

    # -- the form <-> the model ------------------------------------------------------------------
    def show_event(self) -> None:
        """Put what the file holds into the fields (after an undo, a refusal, or another view's edit)."""
        ev = self.document.project.event
        for edit, text in (
            (self.title_edit, ev.title),
            (self.venue_edit, ev.venue),
            (self.organiser_edit, ev.organiser),
        ):
            if edit.text() != text:
                edit.setText(text)
                edit.setCursorPosition(0)
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(ev.date.year, ev.date.month, ev.date.day))
        self.date_edit.blockSignals(False)
        for edit, value in ((self.start_edit, ev.planned_start), (self.end_edit, ev.planned_end)):
            edit.blockSignals(True)
            edit.setTime(QTime(value.hour, value.minute))
            edit.blockSignals(False)

    def _date_picked(self) -> None:
        self.commit()

    def _date_refused(self, reason: str) -> None:
        self._refusal = reason

    def _date_read_as(self, note: str) -> None:
        self._reading = note  # shown by commit(), which editingFinished calls next

    def read_form(self) -> Event | str:
        """The event as the form has it, or why it cannot be used."""
        ev = self.document.project.event
        title = " ".join(self.title_edit.text().split())
        if not title:
            return "The event needs a title."
        start = self.start_edit.time().toPython()
        end = self.end_edit.time().toPython()
        if end <= start:
            return f"The day must end after it starts ({start:%H:%M})."
        return dataclasses.replace(
            ev,
            title=title,
            date=self.date_edit.date().toPython(),
            venue=" ".join(self.venue_edit.text().split()),
            organiser=" ".join(self.organiser_edit.text().split()),
            planned_start=start,
            planned_end=end,
        )

    def commit(self) -> None:
        """Store what the form shows, if it differs from the file: one undo step named for what changed.

        A typed date that is not a date changes nothing and says how to type one;
        a date in the past is stored (an event may be written up afterwards) with a warning.
        """
        refusal, self._refusal = self._refusal, ""
        reading, self._reading = self._reading, ""
        after = self.read_form()
        if isinstance(after, str):
            self.message.setText(after)
            self.show_event()
            return
        before = self.document.project.event
        if after == before:
            self.show_event()  # tidied spaces show as stored
            if refusal or reading:
                self.message.setText(refusal or reading)
            return
        self.message.clear()
        new_date = after.date != before.date  # (the edit updates ``before`` in place)
        self.document.undo_stack.push(EditEvent(self.document, after, _describe(before, after)))
        past = ""
        if new_date and after.date < self.date_edit.today():
            past = f"{after.date:%A} {after.date.day} {after.date:%B %Y} is in the past: check the year."
        self.message.setText(" ".join(part for part in (past, reading) if part))

    def _on_changed(self, notice: Notice) -> None:
        if notice.touches("event"):
            self.message.clear()
            self.show_event()


def _describe(before: Event, after: Event) -> str:
    """The undo menu's name for an edit: the one field that changed, or "event details"."""
    names = {
        "title": f"Rename the event {quoted(after.title)}",
        "date": "Change the date",
        "venue": "Change the venue",
        "organiser": "Change the organiser",
        "planned_start": "Change the day's times",
        "planned_end": "Change the day's times",
    }
    changed = [f.name for f in dataclasses.fields(Event) if getattr(before, f.name) != getattr(after, f.name)]
    labels = {names[c] for c in changed}
    return labels.pop() if len(labels) == 1 else "Change the event details"
