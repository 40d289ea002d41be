"""The event pack: cover, clickable contents, outline, every wall, actions and who contributed."""

from __future__ import annotations

from reportlab.lib.pagesizes import LETTER

from facilitator.core.wall import Note
from facilitator.export.pack import EventPack, notes_per_group
from tests.export_pdfcheck import assert_in_order, outline_titles, page_size, qpdf_check, reader, text_of


def test_pack_has_every_section_in_order(demo_project, tmp_path):
    data = EventPack(demo_project).render()
    text = text_of(data)
    phrases = ["EVENT PACK", "Moving Together", "In this pack", "AGENDA"]
    phrases += [item.title for item in demo_project.agenda]
    for wall in demo_project.walls:
        phrases += [wall.name] + [c.title for c, _ in wall.ranked_clusters()]
    phrases += ["Actions", "Who contributed"]
    assert_in_order(text, phrases)
    for action in demo_project.actions:
        assert action.text in text and action.owner in text
    assert "15 Jan 2027" in text  # the nurse script's due date
    qpdf_check(data, tmp_path)


def test_outline_mirrors_the_sections_with_clusters_beneath_their_wall(demo_project):
    outline = outline_titles(EventPack(demo_project).render())
    top = [title for depth, title in outline if depth == 0]
    assert top == ["Contents", "Agenda", "Barriers", "Ideas", "Actions", "Who contributed"]
    barriers = outline.index((0, "Barriers"))
    ideas = outline.index((0, "Ideas"))
    children = [title for depth, title in outline[barriers + 1 : ideas]]
    ranked = [c.title for c, _ in demo_project.walls[0].ranked_clusters()]
    assert children[: len(ranked)] == [f"{i}. {t}" for i, t in enumerate(ranked, start=1)]
    assert "Not yet grouped" in children


def test_contents_lines_are_links_to_their_pages(demo_project):
    data = EventPack(demo_project).render()
    pdf = reader(data)
    contents = pdf.pages[1]
    assert "In this pack" in contents.extract_text()
    links = [a.get_object() for a in contents.get("/Annots", []) if a.get_object()["/Subtype"] == "/Link"]
    assert len(links) >= 5
    targets = []
    for link in links:
        dest = link.get("/Dest") or link["/A"]["/D"]
        targets.append(
            pdf.get_destination_page_number(pdf.named_destinations[str(dest)])
            if isinstance(dest, str)
            else pdf.get_page_number(dest[0].get_object())
        )
    agenda_page = next(i for i, p in enumerate(pdf.pages) if "AGENDA" in (p.extract_text() or ""))
    assert agenda_page in targets
    assert all(0 < t < len(pdf.pages) for t in targets)


def test_who_contributed_counts_notes_per_group(demo_project):
    demo_project.walls[0].add_note(Note("Someone from outside the groups", group="Visitors"))
    rows = notes_per_group(demo_project)
    names = [name for name, _, _ in rows]
    assert names[:5] == [g.name for g in demo_project.groups]
    assert ("Visitors", 1) in [(n, c) for n, c, _ in rows]
    total = sum(len(w.notes) for w in demo_project.walls)
    assert sum(c for _, c, _ in rows) == total
    text = text_of(EventPack(demo_project).render())
    assert_in_order(text, ["Who contributed", "Health", "Sport and leisure", "Visitors", "Notes written"])


def test_metadata_and_letter_paper(demo_project):
    data = EventPack(demo_project, paper="letter").render()
    assert page_size(data) == (round(LETTER[0], 1), round(LETTER[1], 1))
    meta = reader(data).metadata
    assert meta.title == "Event pack: Moving Together: physical activity in everyday care"
    assert meta.author == "Active Health Partnership"
    assert meta.subject == "Event pack"
    assert meta.creator.startswith("Facilitator")


def test_a_project_with_nothing_yet_still_makes_a_pack(tmp_path):
    from facilitator.core.project import Project

    data = EventPack(Project()).render()
    text = text_of(data)
    assert "No actions were recorded." in text and "No notes were captured." in text
    qpdf_check(data, tmp_path)
