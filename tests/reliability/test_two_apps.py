"""Two app processes on one file: the second is told it is open elsewhere, and neither corrupts it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from PySide6.QtWidgets import QMessageBox

from facilitator.store import OpenElsewhere, ProjectFile
from facilitator.ui.main_window import MainWindow


def is_locked(path) -> bool:
    try:
        ProjectFile.open(path, read_only=True).close()
    except OpenElsewhere:
        return True
    return False


def test_second_app_is_told_the_project_is_open_elsewhere(qtbot, demo_file, monkeypatch, user_home):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FACILITATOR_HOME": str(user_home / "first")}
    first = subprocess.Popen(
        [sys.executable, "-m", "facilitator", str(demo_file)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        qtbot.waitUntil(lambda: first.poll() is not None or is_locked(demo_file), timeout=60_000)
        assert first.poll() is None, first.stderr.read().decode()
        shown: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
        second = MainWindow()
        qtbot.addWidget(second)
        assert not second.open_path(demo_file)
        assert shown == ["demo.facil is open in another Facilitator window or program; close it there first."]
        assert second.document is None
    finally:
        first.terminate()
        first.communicate(timeout=30)  # reaps the process and closes its pipe
    conn = sqlite3.connect(demo_file)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with ProjectFile.open(demo_file) as pf:
        assert len(pf.load().walls) == 2
