"""The wall poster: one page of vector notes at poster sizes."""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A1, A3, LETTER, TABLOID

from facilitator.core.wall import Wall
from facilitator.export.poster import WallPoster
from tests.export_pdfcheck import qpdf_check, reader, text_of


@pytest.mark.parametrize(("paper", "size"), [("a3", A3), ("a1", A1), ("letter", LETTER), ("tabloid", TABLOID)])
def test_poster_fills_one_page_of_the_chosen_paper(demo_project, paper, size, tmp_path):
    data = WallPoster(demo_project, demo_project.walls[0], paper=paper).render()
    pdf = reader(data)
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert sorted((round(float(box.width)), round(float(box.height)))) == sorted((round(size[0]), round(size[1])))
    assert not pdf.pages[0].images  # vector, not a bitmap
    qpdf_check(data, tmp_path)


def test_poster_shows_every_cluster_title_and_the_notes(demo_project):
    wall = demo_project.walls[1]
    text = text_of(WallPoster(demo_project, wall).render())
    assert wall.name in text
    for cluster in wall.clusters.values():
        assert cluster.title in text
    for note in wall.notes.values():
        # Notes wrap inside their squares; the first words are always printed.
        assert " ".join(note.text.split()[:2]) in text
    for group in {n.group for n in wall.notes.values()}:
        assert group in text  # the colour key


def test_poster_metadata(demo_project):
    meta = reader(WallPoster(demo_project, demo_project.walls[0]).render()).metadata
    assert meta.title == "Barriers: wall poster, Moving Together: physical activity in everyday care"
    assert meta.subject == "Wall poster"
    assert meta.author == "Active Health Partnership"


def test_an_empty_wall_makes_a_poster_that_says_so(demo_project):
    text = text_of(WallPoster(demo_project, Wall(name="Empty")).render())
    assert "This wall has no notes yet." in text
