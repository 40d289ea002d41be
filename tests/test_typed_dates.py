"""Typed dates whose numbers could be day/month or month/day: read in the user's order, and said so.

Defect 4's follow-up: "01/02/2027" was always 1 February. Now the order is the locale's (the UK
and most of the world day first, the US month first) and the field says how it read an ambiguous
date, with how to type the other one.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, Qt

from facilitator.core.typed import parse_date, read_date, reading_note
from facilitator.ui.fields import DateField, locale_month_first

TODAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("typed", "day_first", "month_first", "either"),
    [
        ("01/02/2027", dt.date(2027, 2, 1), dt.date(2027, 1, 2), True),
        ("1.2.27", dt.date(2027, 2, 1), dt.date(2027, 1, 2), True),
        ("01022027", dt.date(2027, 2, 1), dt.date(2027, 1, 2), True),
        ("3/12", dt.date(2026, 12, 3), dt.date(2027, 3, 12), True),
        # Only one order is a date: both settings read it that way, and there is nothing to say.
        ("15/01/2027", dt.date(2027, 1, 15), dt.date(2027, 1, 15), False),
        ("01/15/2027", dt.date(2027, 1, 15), dt.date(2027, 1, 15), False),
        ("15012027", dt.date(2027, 1, 15), dt.date(2027, 1, 15), False),
        # The same either way, a month in words, or year first: not ambiguous.
        ("02/02/2027", dt.date(2027, 2, 2), dt.date(2027, 2, 2), False),
        ("1 Feb 2027", dt.date(2027, 2, 1), dt.date(2027, 2, 1), False),
        ("February 1, 2027", dt.date(2027, 2, 1), dt.date(2027, 2, 1), False),
        ("2027-02-01", dt.date(2027, 2, 1), dt.date(2027, 2, 1), False),
    ],
)
def test_numbers_are_read_in_the_users_order_and_ambiguity_is_reported(typed, day_first, month_first, either):
    assert read_date(typed, TODAY) == (day_first, either)
    assert read_date(typed, TODAY, month_first=True) == (month_first, either)
    assert parse_date(typed, TODAY) == day_first  # day first stays the default


@pytest.mark.parametrize("typed", ["13/13/2027", "31/02/2027", "02/31/2027", "00/01/2027", "soon"])
def test_what_is_a_date_in_neither_order_is_refused_in_both(typed):
    assert read_date(typed, TODAY) is None
    assert read_date(typed, TODAY, month_first=True) is None


def test_the_note_says_how_it_was_read_and_how_to_type_the_other():
    assert reading_note(dt.date(2027, 2, 1), month_first=False) == (
        "Read as 1 February 2027, day first as on this computer. For 2 January, type 2 Jan."
    )
    assert reading_note(dt.date(2027, 1, 2), month_first=True) == (
        "Read as 2 January 2027, month first as on this computer. For 1 February, type 1 Feb."
    )


def test_the_locales_short_date_decides_the_order():
    assert locale_month_first(QLocale("en_US"))
    assert not locale_month_first(QLocale("en_GB"))
    assert not locale_month_first(QLocale("de_DE"))
    assert not locale_month_first(QLocale.c())
    assert locale_month_first(QLocale("ja_JP"))  # yyyy/MM/dd: month before day


@pytest.fixture
def us_locale():
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    yield
    QLocale.setDefault(before)


def _type_into_panel(qtbot, document, text: str):
    from facilitator.ui.event.panel import EventPanel

    panel = EventPanel(document)
    panel.date_edit.today = lambda: TODAY
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    field = panel.date_edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    return panel


def test_a_day_first_computer_stores_the_first_of_february_and_says_so(document, qtbot):
    panel = _type_into_panel(qtbot, document, "01/02/2027")
    assert document.project.event.date == dt.date(2027, 2, 1)
    assert document.store.load().event.date == dt.date(2027, 2, 1)
    assert panel.date_edit.text() == "Monday 1 February 2027"
    assert panel.message.text().startswith("Read as 1 February 2027, day first")


def test_a_month_first_computer_stores_the_second_of_january_and_says_so(document, qtbot, us_locale):
    panel = _type_into_panel(qtbot, document, "01/02/2027")
    assert panel.date_edit.month_first
    assert document.project.event.date == dt.date(2027, 1, 2)
    assert panel.date_edit.text() == "Saturday 2 January 2027"
    assert panel.message.text().startswith("Read as 2 January 2027, month first")
    assert panel.date_edit.placeholderText() == "Type a date like 01/15/2027"


def test_an_unambiguous_date_says_nothing(document, qtbot, us_locale):
    panel = _type_into_panel(qtbot, document, "15/01/2027")
    assert document.project.event.date == dt.date(2027, 1, 15)
    assert panel.message.text() == ""


def test_a_field_can_be_told_its_order(qtbot):
    for month_first in (True, False):
        field = DateField(month_first=month_first)
        qtbot.addWidget(field)
        assert field.month_first is month_first


def test_an_actions_due_date_says_how_it_was_read(document, qtbot):
    from facilitator.ui.event.actions import ActionsPanel

    actions = ActionsPanel(document)
    qtbot.addWidget(actions)
    actions.resize(1200, 600)
    actions.show()
    index = actions.section.model.index(0, 2)
    actions.table.setCurrentIndex(index)
    actions.table.edit(index)
    editor = actions.table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "03/04/2027")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: document.project.actions[0].due == dt.date(2027, 4, 3))
    assert actions.section.message.text().startswith("Read as 3 April 2027, day first")
