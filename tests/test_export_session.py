"""Session outputs for one wall, read back from the PDF bytes."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from facilitator.core.event import Photo
from facilitator.core.project import Project
from facilitator.core.wall import Cluster, Note, Wall
from facilitator.export import fonts
from facilitator.export.session import SessionOutputs
from facilitator.store import ProjectFile
from tests.export_pdfcheck import assert_in_order, qpdf_check, reader, text_of

EXIF_PHOTO = "paper-wall-photo-exif-rotated.jpg"


def expected_order(wall: Wall) -> list[str]:
    """Cluster titles by dots, each followed by its notes by dots (then capture time), loose notes last."""
    phrases = []
    for cluster, dots in wall.ranked_clusters():
        phrases += [cluster.title, f"{dots} dots"]
        members = sorted(wall.members(cluster.id), key=lambda n: (-wall.note_dots(n.id), n.created))
        phrases += [n.text for n in members]
    loose = sorted(wall.unclustered(), key=lambda n: (-wall.note_dots(n.id), n.created))
    if loose:
        phrases.append("Not yet grouped")
        phrases += [n.text for n in loose]
    return phrases


def test_clusters_ranked_by_dots_with_notes_in_order_and_loose_notes_last(demo_project, tmp_path):
    wall = demo_project.walls[0]
    data = SessionOutputs(demo_project, wall).render()
    text = text_of(data)
    assert_in_order(text, ["SESSION OUTPUTS", wall.name, *expected_order(wall)])
    ranked = [c.title for c, _ in wall.ranked_clusters()]
    assert ranked[0] == "Fear and motivation"  # 16 dots: the most on this wall
    qpdf_check(data, tmp_path)


def test_every_note_shows_its_author_and_group(demo_project):
    wall = demo_project.walls[1]
    text = text_of(SessionOutputs(demo_project, wall).render())
    for note in wall.notes.values():
        assert f"{note.author} · {note.group}" in text


def test_metadata_and_footer(demo_project):
    wall = demo_project.walls[0]
    data = SessionOutputs(demo_project, wall).render()
    meta = reader(data).metadata
    assert meta.title == "Barriers: session outputs, Moving Together: physical activity in everyday care"
    assert meta.author == "Active Health Partnership"
    assert meta.subject == "Session outputs"
    pages = reader(data).pages
    for number, page in enumerate(pages, start=1):
        page_text = page.extract_text()
        assert "Moving Together: physical activity in everyday care" in page_text
        assert "Thursday 3 December 2026" in page_text
        assert f"Page {number}" in page_text


def multilingual_project(shared_data) -> Project:
    """The shared sample CSV on one wall, clustered by its cluster column, plus scripts the CSV lacks."""
    wall = Wall(name="Gwaith / Praca / Δουλειά")
    clusters: dict[str, Cluster] = {}
    with (shared_data / "notes-co-design-day.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            cluster_id = None
            if row["cluster"]:
                if row["cluster"] not in clusters:
                    clusters[row["cluster"]] = wall.add_cluster(Cluster(row["cluster"], colour=row["colour"]))
                cluster_id = clusters[row["cluster"]].id
            wall.add_note(
                Note(row["text"], colour=row["colour"], author=row["author"], group=row["group"], cluster_id=cluster_id)
            )
    for text in ("Dŵr, tŷ ac ŷd", "Źdźbło żółte", "Ωραία ιδέα", "Хорошая идея", "Tiếng Việt có dấu"):
        wall.add_note(Note(text, author="Ŵyn Ŷr", group="Health"))
    return Project(walls=[wall])


def test_accented_names_and_every_script_print_in_the_bundled_font(shared_data, tmp_path):
    project = multilingual_project(shared_data)
    data = SessionOutputs(project, project.walls[0]).render()
    text = text_of(data)
    for phrase in (
        "Dr. Łukasz Wiśniewski",
        "Siân",
        "Ffion ap Dafydd",
        "Symud mwy, teimlo'n well",
        "Dŵr, tŷ ac ŷd",
        "Źdźbło żółte",
        "Ωραία ιδέα",
        "Хорошая идея",
        "Tiếng Việt có dấu",
        "Ŵyn Ŷr",
        "Gwaith / Praca / Δουλειά",
    ):
        assert phrase in text, phrase
    fonts_used = {
        str(font.get_object()["/BaseFont"])
        for page in reader(data).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts_used and all("Facil" in name or "DejaVu" in name for name in fonts_used), fonts_used
    qpdf_check(data, tmp_path)


def test_emoji_the_font_lacks_print_as_their_names_and_never_crash(shared_data):
    project = multilingual_project(shared_data)
    project.walls[0].add_note(Note("Family 👨‍👩‍👧 day 🏃🏽‍♀️ and 中文 ok", author="Mo"))
    text = text_of(SessionOutputs(project, project.walls[0]).render())
    assert "Use the waiting room screens [television] for 60-second activity ideas" in text
    assert "[runner]" in text and "[man][woman][girl]" in text
    assert fonts.printable("a\u200db\ufe0fc") == "abc"


def test_note_text_is_never_markup(demo_project):
    wall = demo_project.walls[0]
    wall.add_note(Note("<b>x</b> & <br/> <a href='#'>link</a>", author="<i>me</i>"))
    wall.add_cluster(Cluster("<font size=80>Loud</font>"))
    text = text_of(SessionOutputs(demo_project, wall).render())
    assert "<b>x</b> & <br/> <a href='#'>link</a>" in text
    assert "<i>me</i>" in text
    assert "<font size=80>Loud</font>" in text


def test_a_very_long_note_wraps_and_flows_across_pages(demo_project, tmp_path):
    wall = demo_project.walls[0]
    words = [f"word{i}" for i in range(1500)]
    wall.add_note(Note(" ".join(words) + " " + "x" * 400, author="Long Writer"))
    data = SessionOutputs(demo_project, wall).render()
    text = text_of(data)
    assert "word0 word1 word2" in text and "word1499" in text and "Long Writer" in text
    pdf = reader(data)
    assert len(pdf.pages) > 4
    width = float(pdf.pages[0].mediabox.width)
    xs: list[float] = []
    for page in pdf.pages:
        page.extract_text(visitor_text=lambda t, cm, tm, *_: xs.append(tm[4] * cm[0] + cm[4]) if t.strip() else None)
    assert xs and max(xs) < width
    qpdf_check(data, tmp_path)


def test_an_empty_wall_prints_a_plain_message(demo_project):
    wall = Wall(name="Fresh wall")
    demo_project.walls.append(wall)
    assert "No notes on this wall yet." in text_of(SessionOutputs(demo_project, wall).render())


@pytest.fixture
def photo_project(demo_file, shared_data):
    """The demo on disk with the EXIF-rotated phone photo and an unreadable one on the Barriers wall."""
    with ProjectFile.open(demo_file) as pf:
        wall = pf.load().walls[0]
        upright = Photo(caption="Barriers wall at 11:00", wall_id=wall.id, width=1600, height=1200)
        pf.add_photo(upright, (shared_data / EXIF_PHOTO).read_bytes())
        pf.add_photo(Photo(caption="Broken upload", wall_id=wall.id, created=dt.datetime(2026, 12, 3, 11)), b"nope")
    with ProjectFile.open(demo_file, read_only=True) as pf:
        project = pf.load()
        data = {p.id: pf.photo_data(p.id) for p in project.photos}
    return project, data


def test_photos_print_upright_scaled_to_the_page_and_a_bad_one_is_named(photo_project, tmp_path):
    project, photo_data = photo_project
    wall = project.walls[0]
    data = SessionOutputs(project, wall, photo_data).render()
    images = [image for page in reader(data).pages for image in page.images]
    assert len(images) == 1
    image = images[0]
    # Stored 1200x1600 with EXIF orientation 6: the wall photo is really landscape.
    assert image.image.size == (1600, 1200)
    text = text_of(data)
    assert "Photos of the wall" in text and "Barriers wall at 11:00" in text
    assert "Broken upload: this photo could not be read." in text
    qpdf_check(data, tmp_path)
