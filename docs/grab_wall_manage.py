"""Screenshots of managing walls: the Wall menu and "+" tab, the delete question, a selected photo, round rename.

Run from the repository root: ``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/grab_wall_manage.py``.
Writes docs/wall-manage-*.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))
PHOTO = DOCS.parent / "tests" / "data" / "samples" / "paper-wall-photo-exif-rotated.jpg"


def main() -> None:
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication, QMessageBox

    from facilitator.demo import demo_project
    from facilitator.ingest.photos import apply_photo_import, plan_photo_import, prepare_photo
    from facilitator.store import ProjectFile
    from facilitator.ui.main_window import MainWindow
    from facilitator.ui.theme import apply_theme
    from facilitator.ui.wall.wall_tabs import delete_question

    app = QApplication([sys.argv[0]])
    apply_theme(app)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.facil"
        ProjectFile.create(path, demo_project()).close()
        with ProjectFile.open(path) as pf:
            project = pf.load()
            plan = plan_photo_import(project, "Barriers", prepare_photo(PHOTO.read_bytes(), PHOTO.name))
            apply_photo_import(pf, project, plan)
        window = MainWindow()
        window.resize(1500, 900)
        window.open_path(path)
        window.show()
        doc = window.document
        barriers = doc.project.wall_named("Barriers")
        view = window.wall_views[barriers.id]
        window.tabs.setCurrentWidget(view)
        app.processEvents()

        # A selected photo with its caption, beside the notes.
        item = next(iter(view.scene.photos.values()))
        view.view.set_scale(0.35)
        view.view.centerOn(item.sceneBoundingRect().center())
        view.scene.select(photo_ids=[item.photo.id])
        app.processEvents()
        window.grab().save(str(DOCS / "wall-manage-photo.png"))

        # The Wall menu, opened, with the "+" beside the tabs.
        view.scene.clearSelection()
        view.view.fit_all()
        menu = window.wall_tabs.menu
        bar = window.menuBar()
        menu.popup(bar.mapToGlobal(bar.actionGeometry(menu.menuAction()).bottomLeft()))
        app.processEvents()
        shot = window.grab()
        painter = QPainter(shot)
        painter.drawPixmap(window.mapFromGlobal(menu.pos()), menu.grab())
        painter.end()
        shot.save(str(DOCS / "wall-manage-menu.png"))
        menu.hide()

        # The delete question, as the user sees it.
        box = QMessageBox(QMessageBox.Icon.Warning, "Delete wall", delete_question(doc, barriers.id), parent=window)
        box.addButton("Delete wall", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.show()
        app.processEvents()
        box.grab().save(str(DOCS / "wall-manage-delete.png"))
        box.close()

        # The vote panel with its Rename button.
        view.vote_button.click()
        view.votes.new_round()
        view.votes.rename_round("Top priorities")
        app.processEvents()
        view.grab().save(str(DOCS / "wall-manage-votes.png"))
        window.close()


if __name__ == "__main__":
    main()
