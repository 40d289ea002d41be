"""The app shell: first run, opening projects, recent files, copies and the crash hook."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from facilitator import app as app_module
from facilitator import userdirs
from facilitator.store import ProjectFile
from facilitator.ui.main_window import MainWindow

BAD = Path(__file__).resolve().parent / "data" / "bad"


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    return win


@pytest.fixture
def warnings_shown(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text))
    return shown


def test_first_run_writes_and_opens_the_demo_event(user_home):
    path = app_module.first_project()
    assert path.parent == userdirs.data_dir()
    with ProjectFile.open(path, read_only=True) as pf:
        assert pf.load().event.title.startswith("Moving Together")
    # Once a project has been opened, that one comes back instead.
    other = user_home / "mine.facil"
    shutil.copy(path, other)
    userdirs.remember_project(other)
    assert app_module.first_project() == other.resolve()


def test_window_shows_the_agenda_and_one_tab_per_wall(window, demo_file):
    assert window.open_path(demo_file)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Event", "Agenda", "Barriers", "Ideas", "Actions"]
    assert window.tabs.currentWidget() is window.agenda_panel  # an event already set up opens on its agenda
    assert "Moving Together" in window.windowTitle() and "demo.facil" in window.windowTitle()
    assert window.copy_action.isEnabled()
    assert userdirs.recent_projects()[0] == demo_file.resolve()


def test_a_bad_file_is_refused_and_the_open_project_stays(window, demo_file, tmp_path, warnings_shown):
    assert window.open_path(demo_file)
    bad = tmp_path / "random-bytes.facil"
    shutil.copy(BAD / "random-bytes.facil", bad)
    assert not window.open_path(bad)
    assert warnings_shown == ["random-bytes.facil is not a Facilitator project."]
    assert window.document is not None and window.document.path == demo_file


def test_opening_another_project_releases_the_first(window, demo_file, tmp_path):
    second = tmp_path / "second.facil"
    shutil.copy(demo_file, second)
    assert window.open_path(demo_file)
    assert window.open_path(second)
    # The first file's lock is gone: another process may now open it.
    with ProjectFile.open(demo_file) as pf:
        assert pf.load().walls


def test_save_a_copy_from_the_menu(window, demo_file, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "usb" / "copy.facil"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.open_path(demo_file)
    window.copy_action.trigger()
    with ProjectFile.open(target, read_only=True) as pf:
        assert pf.load() == window.document.project


def test_the_exception_hook_logs_and_shows_a_readable_error(monkeypatch, qapp):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()))
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger("facilitator.app").addHandler(handler)
    old_hook = sys.excepthook
    try:
        app_module.install_exception_hook()
        try:
            raise ValueError("boom in a slot")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
        logging.getLogger("facilitator.app").removeHandler(handler)
    assert shown and "boom in a slot" in shown[0] and "project file is safe" in shown[0]
    assert records and "ValueError: boom in a slot" in records[0].getMessage()


def test_recent_list_survives_a_garbled_settings_file(user_home):
    (userdirs.config_dir()).mkdir(parents=True, exist_ok=True)
    (userdirs.config_dir() / "recent.json").write_text("{not json", encoding="utf-8")
    assert userdirs.recent_projects() == []
    userdirs.remember_project(user_home / "a.facil")
    assert userdirs.recent_projects() == [(user_home / "a.facil").resolve()]


def test_a_failed_write_offers_to_save_a_copy(window, demo_file, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from facilitator.store import WriteFailed

    target = tmp_path / "rescued.facil"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialogs: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: dialogs.append(box.text()) or 0)
    window.open_path(demo_file)
    window.document.report_write_failure(WriteFailed("The disk is full: the last change was not saved."))
    assert dialogs == []  # no dialog from inside an edit: a banner, the user acts when ready
    banner = window.write_banner
    assert banner is not None and not banner.isHidden()
    assert "The disk is full: the last change was not saved." in banner.label.text()
    banner.save_button.click()
    with ProjectFile.open(target, read_only=True) as pf:
        assert pf.load() == window.document.project


def test_new_project_over_an_existing_file_replaces_it_only_when_whole(window, demo_file, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    other = tmp_path / "old-event.facil"
    shutil.copy(demo_file, other)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    window.new_project()
    assert window.document is not None and window.document.path == other
    assert window.document.project.walls == []  # a fresh, empty project replaced the old one
    assert not list(tmp_path.glob("*.creating"))


def test_new_project_refuses_to_replace_the_open_project(window, demo_file, monkeypatch, warnings_shown):
    from PySide6.QtWidgets import QFileDialog

    window.open_path(demo_file)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(demo_file), ""))
    window.new_project()
    assert warnings_shown == ["demo.facil is the open project; choose another name."]
    assert window.document.project.walls  # still the demo, untouched
