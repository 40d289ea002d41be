"""The facilitator's run sheet, read back with pypdf: private notes in, and none on the handout."""

from __future__ import annotations

from facilitator.cli import main
from facilitator.core.agenda import schedule
from facilitator.export.agenda import AgendaHandout
from facilitator.export.runsheet import RunSheet
from tests.export_pdfcheck import assert_in_order, qpdf_check, reader, text_of


def words(text: str) -> str:
    return " ".join(text.split())


def test_the_run_sheet_has_times_instructions_private_notes_walls_diamonds_and_phases(demo_project, tmp_path):
    data = RunSheet(demo_project).render()
    text = words(text_of(data))
    walls = {w.id: w.name for w in demo_project.walls}
    diamonds = {d.id: d.question for d in demo_project.diamonds}
    phrases = []
    for slot in schedule(demo_project.event, demo_project.agenda):
        item = slot.item
        phrases += [f"{slot.start:%H:%M}–{slot.end:%H:%M}", item.title]
        if item.diamond_id:
            phrases.append(words(diamonds[item.diamond_id]))
        phrases.append(words(item.instructions))
        if item.wall_id:
            phrases.append(f"Wall: {walls[item.wall_id]}")
        if item.notes.strip():
            phrases += ["PRIVATE NOTES", words(item.notes)]
    assert_in_order(text, phrases)
    assert "Discover · opening up" in text and "Deliver · narrowing down" in text
    assert "NOT FOR HANDING OUT" in text
    assert "Planned: 6 h 30 min of sessions in the day (on time)." in text
    assert reader(data).metadata.subject == "Run sheet"
    qpdf_check(data, tmp_path)


def test_the_handout_prints_no_private_notes_and_no_planning_remarks(demo_project):
    demo_project.agenda[-1].minutes -= 20  # the day now has 20 minutes spare
    handout = words(text_of(AgendaHandout(demo_project).render()))
    sheet = words(text_of(RunSheet(demo_project).render()))
    notes = [words(it.notes) for it in demo_project.agenda if it.notes.strip()]
    assert notes and all(n in sheet for n in notes)
    assert not any(n[:30] in handout for n in notes)
    assert "20 min spare" in sheet
    assert "spare" not in handout and "Planned:" not in handout and "PRIVATE" not in handout


def test_export_kind_runsheet_from_the_command_line(demo_file, tmp_path):
    out = tmp_path / "sheet.pdf"
    assert main(["export", str(demo_file), "--kind", "runsheet", "-o", str(out)]) == 0
    text = words(text_of(out.read_bytes()))
    assert "Thank the Guildhall team" in text
