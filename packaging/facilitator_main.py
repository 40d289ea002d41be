"""The bundle's entry point: the same ``facilitator`` command that ``pip install`` gives.

Two desktop duties are added when the app itself starts (no subcommand), because a
bundle is launched by a file manager rather than a shell: the window gets the
application icon, and a project double-clicked while the app runs is opened.
macOS hands such a document to the app as a ``QFileOpenEvent``, never in argv
(Finder starts an ``.app`` with no arguments); Linux and Windows put it in argv[1],
which ``facilitator PATH`` already opens.

The app exports in a spawned child process (facilitator/ui/export_dialog.py). A
frozen program is its own interpreter, so each child starts this executable again:
``multiprocessing.freeze_support()`` must run first, or the child would read its
spawn arguments as a command line. ``FACILITATOR_BUNDLE_SELF_CHECK=export-process``
runs that path once without the window, for tests/test_bundle.py.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue as queue_module
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from facilitator.cli import COMMANDS, main
from facilitator.resources import resource

log = logging.getLogger("facilitator.bundle")
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def is_app_launch(args: list[str]) -> bool:
    """True when ``facilitator ARGS`` opens the window (the same rule as ``facilitator.cli.main``)."""
    return not args or (args[0] not in COMMANDS and not args[0].startswith("-"))


def app_icon() -> QIcon:
    """The application icon from its PNG sizes, so no image plugin is needed to show it."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource("icons", f"facilitator-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon


class FileOpenForwarder(QObject):
    """Opens the file of each ``QFileOpenEvent`` in the main window (macOS document opening)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        path = event.file()
        if not path:
            return False
        for widget in QApplication.topLevelWidgets():
            open_path = getattr(widget, "open_path", None)
            if callable(open_path):
                open_path(Path(path))
                return True
        log.warning("asked to open %s before the main window exists", path)
        return False


def prepare_app(argv0: str) -> QApplication:
    """The QApplication that ``run_app`` will reuse, with the icon and the file-open forwarder."""
    app = QApplication.instance() or QApplication([argv0])
    app.setWindowIcon(app_icon())
    app.installEventFilter(FileOpenForwarder(app))
    return app


def export_in_child_process(project_path: Path, out: Path) -> int:
    """Export the event pack the way the app does (a spawned process running the export worker)."""
    from facilitator.export.outputs import ExportRequest, photos_needed
    from facilitator.export.worker import work
    from facilitator.store import ProjectFile

    with ProjectFile.open(project_path, read_only=True) as pf:
        project = pf.load()
        photo_data = {pid: pf.photo_data(pid) for pid in photos_needed(project, "pack", None)}
    request = ExportRequest(kind="pack", project=project, output=out, photo_data=photo_data)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=work, args=(request, queue), daemon=True)
    process.start()
    message: tuple = ("error", "no answer")
    while process.is_alive() or not queue.empty():
        try:
            message = queue.get(timeout=1)
        except queue_module.Empty:
            continue
        if message[0] in ("done", "error"):
            break
    process.join(timeout=30)
    print(f"export process: {message[0]}: {message[-1]}")
    return 0 if message[0] == "done" else 1


def run(argv: list[str]) -> int:
    args = argv[1:]
    if os.environ.get("FACILITATOR_BUNDLE_SELF_CHECK") == "export-process" and len(args) == 2:
        return export_in_child_process(Path(args[0]), Path(args[1]))
    if is_app_launch(args):
        prepare_app(argv[0])
    return main(args)


if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(run(sys.argv))
