"""The UI's parts talk through explicit interfaces (constructor arguments, small protocols, signals), not by
asking an object for an attribute by name and hoping: ``getattr(window, "agenda_panel", None)`` or
``hasattr(view, "focus_capture")`` hides what one part needs of another, and breaks silently on a rename.

This reads every module under facilitator/ui and fails on any ``getattr``/``hasattr`` whose attribute name
is a string literal, unless the place is allow-listed below with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "facilitator" / "ui"

# (module under facilitator/ui, attribute name): why it may stay. Empty: every reach has an interface now.
# A legitimate one (an optional platform API looked up on a module, say) goes here with its reason.
ALLOWED: dict[tuple[str, str], str] = {}


def string_reaches(source: str) -> list[tuple[int, str, str]]:
    """(line, "getattr"/"hasattr", attribute) for each getattr/hasattr call naming its attribute literally."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            found.append((node.lineno, node.func.id, node.args[1].value))
    return found


def test_the_check_sees_literal_reaches_and_not_field_lookups():
    source = (
        "a = getattr(self.window, 'document', None)\n"
        'b = hasattr(view, "focus_capture")\n'
        "c = getattr(item, field)\n"  # a data field chosen by a variable: not a reach
        "d = self.window.document\n"
    )
    assert string_reaches(source) == [(1, "getattr", "document"), (2, "hasattr", "focus_capture")]


def test_no_ui_part_reaches_into_another_by_attribute_name():
    reaches = []
    for path in sorted(UI.rglob("*.py")):
        module = path.relative_to(UI).as_posix()
        for line, call, name in string_reaches(path.read_text(encoding="utf-8")):
            if (module, name) not in ALLOWED:
                reaches.append(f"facilitator/ui/{module}:{line}: {call}(…, {name!r})")
    assert not reaches, (
        "Pass what a part needs explicitly (a constructor argument, a typing.Protocol, a signal) instead of:\n"
        + "\n".join(reaches)
    )


def test_file_import_goes_to_the_wall_in_front_asking_for_notes_or_photos(qtbot, demo_file, monkeypatch):
    """File > Import notes… and Import photos… are two slots now (not one slot asking who sent it)."""
    from facilitator.ui.main_window import MainWindow
    from facilitator.ui.wall import imports

    asked: list[tuple[str, object]] = []
    monkeypatch.setattr(imports, "ask_note_files", lambda parent, folder: asked.append(("notes", parent)) or [])
    monkeypatch.setattr(imports, "ask_photo_files", lambda parent, folder: asked.append(("photos", parent)) or [])
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(demo_file)
    barriers = window.wall_views[window.document.project.wall_named("Barriers").id]
    window.show_wall(barriers.wall_id, capture=False)
    window.import_photos_action.trigger()
    window.import_notes_action.trigger()
    assert asked == [("photos", barriers), ("notes", barriers)]
    window.close()
