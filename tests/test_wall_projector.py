"""Projector mode on a two-screen layout: the wall full-screen on the audience screen, following the laptop."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import DATA, REPO

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from facilitator.store import ProjectFile
    from facilitator.ui.document import Document
    from facilitator.ui.wall import create_wall_view

    app = QApplication([])
    document = Document(ProjectFile.open(Path(sys.argv[1])))
    wall = document.project.wall_named("Barriers")
    widget = create_wall_view(document, wall.id, None)
    widget.resize(1300, 700)
    widget.show()
    app.processEvents()
    widget.view.set_scale(2.0)
    widget.view.centerOn(widget.scene.clusters[next(iter(wall.clusters))])
    app.processEvents()
    widget.show_projector()
    app.processEvents()
    projector = widget.projector
    laptop_rect = widget.view.mapToScene(widget.view.viewport().rect()).boundingRect()
    shown = projector.view.mapToScene(projector.view.viewport().rect()).boundingRect()
    out = {
        "screen": projector.screen().name(),
        "geometry": [projector.geometry().x(), projector.geometry().y(),
                     projector.geometry().width(), projector.geometry().height()],
        "fullscreen": projector.isFullScreen(),
        "follows": shown.contains(laptop_rect.center()),
        "shown_width": shown.width(),
        "wall_width": widget.scene.content_rect().width(),
        "projector_font": projector.scene.style.text_font.pixelSize(),
        "laptop_font": widget.scene.style.text_font.pixelSize(),
    }
    QTest.keyClick(projector, Qt.Key.Key_Escape)
    app.processEvents()
    out["closed_by_escape"] = widget.projector is None
    print(json.dumps(out))
    document.close()
    """
)


def test_show_on_projector_uses_the_second_screen_and_follows_the_laptop(demo_file: Path, tmp_path: Path) -> None:
    config = DATA / "screens" / "laptop-plus-projector.json"
    screens = json.loads(config.read_text())["screens"]
    projector = screens[1]
    script = tmp_path / "projector.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, str(script), str(demo_file)], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["screen"] == projector["name"]
    assert out["geometry"] == [projector["x"], projector["y"], projector["width"], projector["height"]]
    assert out["fullscreen"]
    assert out["follows"]
    assert out["shown_width"] < 0.8 * out["wall_width"]  # the laptop's close-up, not the whole wall
    assert out["projector_font"] > out["laptop_font"]
    assert out["closed_by_escape"]
