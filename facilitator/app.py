"""Starting the desktop app: logging, the qasync event loop, the main window, the crash hook."""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from facilitator import userdirs
from facilitator.logsetup import setup_logging

log = logging.getLogger("facilitator.app")


def first_project() -> Path:
    """What to open with no path: the last project that still exists, else the demo event."""
    for path in userdirs.recent_projects():
        if path.exists():
            return path
    return demo_copy()


def demo_copy() -> Path:
    """The user's own copy of the demo event, written at first use.

    A copy in the user's data folder (not the bundled JSON) so that edits to
    the demo persist like any other project, and a fresh one can be had by
    deleting it.
    """
    path = userdirs.data_dir() / "Demo event.facil"
    if not path.exists():
        from facilitator.demo import demo_project
        from facilitator.store import ProjectFile

        path.parent.mkdir(parents=True, exist_ok=True)
        ProjectFile.create(path, demo_project()).close()
    return path


def install_exception_hook() -> None:
    """Show a readable error and log the traceback instead of dying silently in a slot."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                "Something went wrong",
                f"Facilitator hit an unexpected problem: {exc}\n\n"
                "Your project file is safe: every change up to this point was saved.\n"
                f"Details are in the log folder: {userdirs.log_dir()}",
            )
            box.setDetailedText("".join(traceback.format_exception(kind, exc, tb)))
            box.exec()

    sys.excepthook = hook


# Qt-free modules the window needs, loaded before PySide6: once PySide6 is loaded, its import hook reads
# the source of every module imported after it (looking for ``from __feature__``), start-up time for nothing.
MODEL_FIRST = (
    "asyncio",
    "facilitator.core.run",
    "facilitator.core.typed",
    "facilitator.core.words",
    "facilitator.edits",
    "facilitator.resources",
    "facilitator.store",
)


def load_model_first() -> None:
    for name in MODEL_FIRST:
        importlib.import_module(name)


def run_app(path: str | None = None, argv: list[str] | None = None) -> int:
    """Open the main window on ``path`` (or the first project) and run until it closes."""
    setup_logging()
    load_model_first()
    import qasync
    from PySide6.QtWidgets import QApplication, QMessageBox

    from facilitator.store.errors import ProjectError
    from facilitator.ui.desktop import prepare_desktop
    from facilitator.ui.main_window import MainWindow
    from facilitator.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("Facilitator")
    app.setOrganizationName("Facilitator")
    app.setDesktopFileName("facilitator")
    apply_theme(app)
    prepare_desktop(app)
    install_exception_hook()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    window = MainWindow()
    try:
        target = Path(path) if path else first_project()
    except ProjectError as exc:
        QMessageBox.warning(window, "Cannot open the demo event", str(exc))
        target = None
    window.show()
    if target is not None and not window.open_path(target):
        print(f"facilitator: could not open {target}", file=sys.stderr)
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    log.info("started on %s", target)
    with loop:
        loop.run_until_complete(closed.wait())
    return 0


def main_gui() -> int:
    """Entry point for the GUI script (no console on Windows)."""
    return run_app(sys.argv[1] if len(sys.argv) > 1 else None)
