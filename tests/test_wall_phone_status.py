"""Phone notes held for approval or hidden until reveal, through the real Document and the wall's scenes.

Held notes are on no wall (laptop, projector, pictures, printouts) until accepted. Hidden notes are on the
facilitator's laptop, marked, and nowhere the room can see until revealed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from facilitator.core.wall import public_wall
from facilitator.edits import AcceptNotes, AddDot, AddNote, AddRound, HideNotes, Origin, RejectNotes, RevealNotes
from facilitator.export.outputs import ExportRequest, render
from facilitator.ui.wall import create_wall_view
from facilitator.ui.wall.items import HIDDEN_LABEL, FarLayer
from facilitator.ui.wall.picture import paint_wall

PHONE = Origin("phone", "phone-aaaaaaaa", "Phone AAAA")


def _phone_note(document, wall_id: str, note_id: str, text: str, status: str) -> None:
    document.apply(AddNote(wall_id, note_id, text, source="phone", status=status), origin=PHONE)
    QCoreApplication.processEvents()  # phones' changes reach the views on the next turn of the event loop


def _views(document, qtbot, wall_id: str):
    laptop = create_wall_view(document, wall_id, None)
    projector = create_wall_view(document, wall_id, None, projector=True)
    for view in (laptop, projector):
        qtbot.addWidget(view)
        view.resize(900, 600)
        view.show()
    return laptop, projector


def _in_far_layer(far: FarLayer, note_id: str) -> str | None:
    where = far._where.get(note_id)
    return None if where is None else where[0]


def test_a_held_phone_note_is_on_no_wall_until_accepted(document, qtbot) -> None:
    wall = document.project.walls[0]
    laptop, projector = _views(document, qtbot, wall.id)
    shown_before = len(laptop.scene.notes)
    _phone_note(document, wall.id, "note-held0001", "Please check me first", "held")
    assert wall.notes["note-held0001"].status == "held"  # stored, waiting
    for view in (laptop, projector):
        assert "note-held0001" not in view.scene.notes
        assert _in_far_layer(view.scene.far, "note-held0001") is None
    assert len(laptop.scene.notes) == shown_before

    document.apply(AcceptNotes(("note-held0001",)), text="Accept phone notes")
    for view in (laptop, projector):
        item = view.scene.notes["note-held0001"]
        assert item.note.text == "Please check me first" and not item.hidden
        assert _in_far_layer(view.scene.far, "note-held0001") == item.note.colour

    document.undo_stack.undo()  # accepting is undoable: the note is held again and leaves both walls
    for view in (laptop, projector):
        assert "note-held0001" not in view.scene.notes


def test_a_rejected_held_note_never_reaches_a_wall(document, qtbot) -> None:
    wall = document.project.walls[0]
    laptop, projector = _views(document, qtbot, wall.id)
    seen: list[bool] = []
    laptop.sync.applied.connect(lambda _c: seen.append("note-held0002" in laptop.scene.notes))
    _phone_note(document, wall.id, "note-held0002", "Rude words", "held")
    document.apply(RejectNotes(("note-held0002",)), text="Reject phone notes")
    assert "note-held0002" not in wall.notes
    assert seen and not any(seen)
    assert "note-held0002" not in projector.scene.notes


def test_a_hidden_note_is_marked_on_the_laptop_and_kept_off_the_projector_until_revealed(document, qtbot) -> None:
    wall = document.project.walls[0]
    laptop, projector = _views(document, qtbot, wall.id)
    _phone_note(document, wall.id, "note-hide0001", "A surprise for later", "hidden")
    item = laptop.scene.notes["note-hide0001"]
    assert item.hidden
    assert _in_far_layer(laptop.scene.far, "note-hide0001") == FarLayer.HIDDEN + item.note.colour
    assert "note-hide0001" not in projector.scene.notes
    assert _in_far_layer(projector.scene.far, "note-hide0001") is None
    # The marker is painted on the laptop: the note's byline says so.
    item._layout()
    assert item._meta is not None and HIDDEN_LABEL in item._meta.text()

    document.apply(RevealNotes(("note-hide0001",)), text="Reveal phone notes")
    assert not laptop.scene.notes["note-hide0001"].hidden
    assert projector.scene.notes["note-hide0001"].note.text == "A surprise for later"
    assert _in_far_layer(laptop.scene.far, "note-hide0001") == item.note.colour

    document.apply(HideNotes(("note-hide0001",)), text="Hide")  # and back off the projector
    assert "note-hide0001" not in projector.scene.notes and laptop.scene.notes["note-hide0001"].hidden


def test_a_wall_opened_with_held_and_hidden_notes_leaves_them_out_from_the_start(document, qtbot) -> None:
    wall = document.project.walls[0]
    _phone_note(document, wall.id, "note-held0003", "Waiting", "held")
    _phone_note(document, wall.id, "note-hide0003", "Hidden", "hidden")
    laptop, projector = _views(document, qtbot, wall.id)
    assert "note-held0003" not in laptop.scene.notes and laptop.scene.notes["note-hide0003"].hidden
    assert "note-held0003" not in projector.scene.notes and "note-hide0003" not in projector.scene.notes
    assert len(projector.scene.notes) == len(wall.notes) - 2
    assert projector.scene.far.note_count() == len(wall.notes) - 2


def _wall_picture(wall) -> QImage:
    return paint_wall(wall, size=(800, 500), projector=True)


def test_the_wall_picture_shows_what_the_room_may_see(document, qtbot) -> None:
    """``render --view wall`` and Export wall picture: pixel for pixel the wall without the held and hidden notes."""
    wall = document.project.walls[0]
    before = _wall_picture(wall)
    # Far from everything else, so leaving them out of the fit would change the picture if they were counted.
    document.apply(AddNote(wall.id, "note-held0004", "Held", x=9000, y=9000, source="phone", status="held"), PHONE)
    document.apply(AddNote(wall.id, "note-hide0004", "Hid", x=-9000, y=9000, source="phone", status="hidden"), PHONE)
    QCoreApplication.processEvents()
    assert _wall_picture(wall) == before
    document.apply(RevealNotes(("note-hide0004",)), text="Reveal phone notes")
    assert _wall_picture(wall) != before


def _export(document, kind: str, wall_id: str | None, tmp_path: Path) -> bytes:
    request = ExportRequest(kind, document.project, tmp_path / f"out.{kind}", wall_id=wall_id)
    return render(request)


@pytest.mark.parametrize("kind", ["csv", "json", "markdown", "session", "poster", "pack"])
def test_exports_leave_out_held_and_hidden_notes(document, tmp_path, kind) -> None:
    from pypdf import PdfReader

    wall = document.project.walls[0]
    _phone_note(document, wall.id, "note-held0005", "Zanzibarheld", "held")
    _phone_note(document, wall.id, "note-hide0005", "Zanzibarhidden", "hidden")
    _phone_note(document, wall.id, "note-show0005", "Zanzibarshown", "shown")
    data = _export(document, kind, wall.id if kind in ("session", "poster") else None, tmp_path)
    if data.startswith(b"%PDF"):
        path = tmp_path / "out.pdf"
        path.write_bytes(data)
        text = "".join(page.extract_text() or "" for page in PdfReader(path).pages)
    else:
        text = data.decode("utf-8")
    if kind != "poster":  # the poster draws notes too small for their words at this wall's size
        assert "Zanzibarshown" in text
    assert "Zanzibarheld" not in text and "Zanzibarhidden" not in text
    assert wall.notes["note-held0005"].status == "held"  # the model itself is untouched


def test_public_wall_drops_dots_on_left_out_notes_and_keeps_the_wall_when_all_are_shown(document) -> None:
    wall = document.project.walls[0]
    assert public_wall(wall) is wall
    document.apply(AddRound(wall.id, "r-phone", "Phones", 3))
    _phone_note(document, wall.id, "note-hide0006", "Hidden with a dot", "hidden")
    document.apply(AddDot("dot-00000006", "r-phone", "note-hide0006", "phone:a"), origin=PHONE)
    public = public_wall(wall)
    assert "note-hide0006" not in public.notes and public.id == wall.id
    assert public.round("r-phone").total == 0 and wall.round("r-phone").total == 1
    assert len(public.notes) == len(wall.notes) - 1


def test_the_wall_status_bar_counts_the_notes_on_the_wall_not_those_held(document, qtbot) -> None:
    wall = document.project.walls[0]
    laptop, _projector = _views(document, qtbot, wall.id)
    shown = len([n for n in wall.notes.values() if n.status == "shown"])
    assert laptop.status.text().startswith(f"{shown} notes")
    _phone_note(document, wall.id, "note-held0002", "Waiting for approval", "held")
    assert laptop.status.text().startswith(f"{shown} notes")  # stored, but on no wall yet
    _phone_note(document, wall.id, "note-hide0002", "Hidden from the room", "hidden")
    assert laptop.status.text().startswith(f"{shown + 1} notes")  # on the laptop's wall, marked
    document.apply(AcceptNotes(("note-held0002",)), text="Accept phone notes")
    QCoreApplication.processEvents()
    assert laptop.status.text().startswith(f"{shown + 2} notes")
