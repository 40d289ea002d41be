"""The agenda handout, read back from the PDF bytes."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, LETTER

from facilitator.core.agenda import AgendaItem, Kind, Phase, schedule
from facilitator.export.agenda import AgendaHandout
from facilitator.export.styles import default_paper
from tests.export_pdfcheck import assert_in_order, page_size, qpdf_check, reader, text_of


def test_demo_agenda_fits_one_page_with_times_titles_and_instructions_in_order(demo_project, tmp_path):
    data = AgendaHandout(demo_project).render()
    pdf = reader(data)
    assert len(pdf.pages) == 1
    assert page_size(data) == (round(A4[0], 1), round(A4[1], 1))
    text = text_of(data)
    phrases = []
    for slot in schedule(demo_project.event, demo_project.agenda):
        phrases += [f"{slot.start:%H:%M}–{slot.end:%H:%M}", slot.item.title, slot.item.instructions]
    assert_in_order(text, phrases)
    assert "Thursday 3 December 2026" in text and "The Guildhall, Cambridge" in text
    qpdf_check(data, tmp_path)


def test_private_notes_never_print(demo_project):
    secret = "PRIVATE: skip this if we run late"
    demo_project.agenda[1].notes = secret
    text = text_of(AgendaHandout(demo_project).render())
    assert "PRIVATE" not in text
    assert all(item.notes[:30] not in text for item in demo_project.agenda if item.notes.strip())


def test_metadata_names_the_event_organiser_and_output(demo_project):
    meta = reader(AgendaHandout(demo_project).render()).metadata
    assert meta.title == "Agenda: Moving Together: physical activity in everyday care"
    assert meta.author == "Active Health Partnership"
    assert meta.subject == "Agenda"


def test_letter_paper_and_still_one_page(demo_project):
    data = AgendaHandout(demo_project, paper="letter").render()
    assert page_size(data) == (round(LETTER[0], 1), round(LETTER[1], 1))
    assert len(reader(data).pages) == 1


def test_a_long_day_flows_onto_more_pages_with_every_item(demo_project, tmp_path):
    demo_project.agenda = [
        AgendaItem(
            f"Session {i}",
            minutes=20,
            kind=Kind.BREAK if i % 7 == 6 else Kind.ACTIVITY,
            phase=Phase.DISCOVER,
            instructions="Talk at your table about what you heard, then write one note each. " * 2,
        )
        for i in range(40)
    ]
    data = AgendaHandout(demo_project).render()
    assert len(reader(data).pages) >= 2
    assert_in_order(text_of(data), [f"Session {i} " for i in range(40)])
    for index in range(len(reader(data).pages)):
        assert "Page " + str(index + 1) in (reader(data).pages[index].extract_text() or "")
    qpdf_check(data, tmp_path)


def test_titles_are_printed_literally_not_as_markup(demo_project):
    demo_project.agenda[0].title = "<b>x</b> & <font size=40>big</font>"
    demo_project.agenda[0].instructions = "Bring <i>pens</i>"
    text = text_of(AgendaHandout(demo_project).render())
    assert "<b>x</b> & <font size=40>big</font>" in text
    assert "Bring <i>pens</i>" in text


def test_an_empty_agenda_still_prints(demo_project):
    demo_project.agenda = []
    assert "The agenda is empty." in text_of(AgendaHandout(demo_project).render())


def test_default_paper_follows_the_locale():
    assert default_paper("en_US.UTF-8") == "letter"
    assert default_paper("fr_CA") == "letter"
    assert default_paper("es_MX.UTF-8") == "letter"
    assert default_paper("en_PH") == "letter"
    assert default_paper("en_GB.UTF-8") == "a4"
    assert default_paper("cy_GB@euro") == "a4"
    assert default_paper("de_DE") == "a4"
    assert default_paper("") == "a4"
