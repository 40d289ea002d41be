"""The diamond necklace: diamonds in the order the day reaches them, items in the half their phase belongs to."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from facilitator.core.agenda import AgendaItem, Diamond, DiamondSize, Phase
from facilitator.ui.agenda.necklace import necklace_layout, paint_necklace


def test_layout_follows_the_demo_day(demo_project):
    shapes, beads = necklace_layout(demo_project.agenda, demo_project.diamonds)
    agenda = demo_project.agenda
    assert [s.diamond.question for s in shapes][:2] == [
        "Where do conversations about activity break down?",
        "Why is physical activity missing from everyday care?",
    ]
    assert len(shapes) == 6 and len(beads) == len(agenda)
    xs = [s.x for s in shapes]
    assert xs == sorted(xs)
    assert all(a.x + a.width < b.x for a, b in itertools.pairwise(shapes))  # no overlaps
    for bead in beads:
        shape = next((s for s in shapes if s.diamond.id == bead.item.diamond_id), None)
        if shape is None:
            assert all(not (s.x < bead.x < s.x + s.width) for s in shapes), bead.item.title
            continue
        centre = shape.x + shape.width / 2
        if bead.item.phase.diverging:
            assert shape.x < bead.x < centre, bead.item.title
        else:
            assert centre < bead.x < shape.x + shape.width, bead.item.title


def test_big_diamonds_are_bigger_than_small_ones():
    big, small = Diamond("Day question", DiamondSize.BIG), Diamond("Session question", DiamondSize.SMALL)
    items = [AgendaItem("a", phase=Phase.DISCOVER, diamond_id=big.id), AgendaItem("b", diamond_id=small.id)]
    shapes, _ = necklace_layout(items, [small, big])
    by_size = {s.diamond.size: s for s in shapes}
    assert by_size[DiamondSize.BIG].width > by_size[DiamondSize.SMALL].width
    assert by_size[DiamondSize.BIG].height > by_size[DiamondSize.SMALL].height
    assert shapes[0].diamond is big  # the agenda reaches it first


def test_an_agenda_without_diamonds_is_a_string_of_beads():
    items = [AgendaItem(str(i)) for i in range(4)]
    shapes, beads = necklace_layout(items, [])
    assert shapes == []
    assert [b.index for b in beads] == [0, 1, 2, 3]
    assert [b.x for b in beads] == sorted(b.x for b in beads)


def test_painting_marks_the_current_item(demo_project, qapp):
    def render(current):
        image = QImage(800, 160, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        paint_necklace(painter, QRectF(0, 0, 800, 160), demo_project.agenda, demo_project.diamonds, current)
        painter.end()
        return image

    assert render(None) != render(4)
    assert render(4) != render(5)
