"""Regenerate the wall screenshots in docs/ from the demo event (offscreen grabs of the real widgets).

Run from the repository root: ``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/grab_wall_views.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))
sys.path.insert(0, str(DOCS.parent / "tests" / "bench"))


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from facilitator.demo import demo_project
    from facilitator.store import ProjectFile
    from facilitator.ui.document import Document
    from facilitator.ui.theme import apply_theme
    from facilitator.ui.wall import create_wall_view

    app = QApplication([sys.argv[0]])
    apply_theme(app)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.facil"
        ProjectFile.create(path, demo_project()).close()
        document = Document(ProjectFile.open(path))
        wall = document.project.wall_named("Barriers")
        widget = create_wall_view(document, wall.id, None)
        widget.resize(1500, 900)
        widget.show()
        app.processEvents()

        widget.view.fit_all()
        app.processEvents()
        widget.grab().save(str(DOCS / "wall-fit-all.png"))

        first = next(iter(wall.clusters))
        widget.view.set_scale(1.0)
        widget.view.centerOn(widget.scene.clusters[first].sceneBoundingRect().center())
        widget.scene.select(widget.scene.selected_note_ids() or [n.id for n in wall.members(first)][:2])
        app.processEvents()
        widget.grab().save(str(DOCS / "wall-100.png"))

        widget.scene.clearSelection()
        widget.vote_button.click()
        widget.find.setText("time")
        widget.view.fit_all()
        app.processEvents()
        widget.grab().save(str(DOCS / "wall-voting-search.png"))

        projector = create_wall_view(document, wall.id, None, projector=True)
        projector.resize(1920, 1080)
        projector.show()
        app.processEvents()
        projector.grab().save(str(DOCS / "wall-projector.png"))
        projector.close()

        help_window = widget.shortcut_help_box()  # F1: made from the wall's own actions
        help_window.show()
        app.processEvents()
        help_window.grab().save(str(DOCS / "wall-shortcuts.png"))
        help_window.close()
        widget.close()
        document.close()

    from wall_fixture import big_wall

    from facilitator.ui.wall.scene import WallScene
    from facilitator.ui.wall.style import laptop_style
    from facilitator.ui.wall.view import WallView

    scene = WallScene(big_wall(20000), laptop_style())
    view = WallView(scene)
    view.resize(1600, 900)
    view.show()
    app.processEvents()
    view.fit_all()
    app.processEvents()
    view.grab().save(str(DOCS / "wall-20000-fit-all.png"))
    print(
        "wrote wall-100.png, wall-fit-all.png, wall-voting-search.png, wall-projector.png, wall-shortcuts.png, "
        "wall-20000-fit-all.png"
    )


if __name__ == "__main__":
    main()
