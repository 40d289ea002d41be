"""What a desktop expects of an app: its icon on every window, and documents opened from the file manager.

macOS hands a double-clicked project to the running app as a ``QFileOpenEvent``
(Finder starts an ``.app`` with no arguments); Linux and Windows put it in
argv, which ``facilitator PATH`` already opens. Both pip installs and the
desktop bundles start through ``facilitator.app.run_app``, so both get this.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from facilitator.resources import resource

if TYPE_CHECKING:
    from facilitator.ui.main_window import MainWindow

log = logging.getLogger(__name__)
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


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
        window = main_window()
        if window is not None:
            window.open_path(Path(path))
            return True
        log.warning("asked to open %s before the main window exists", path)
        return False


def main_window() -> MainWindow | None:
    """The main window to open in: the active one, else one on screen (a closed one not yet freed comes last),
    else one not shown yet (a file can arrive while start-up asks something)."""
    from facilitator.ui.main_window import MainWindow  # the shell loads after the desktop hooks

    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    active = QApplication.activeWindow()
    windows.sort(key=lambda w: (w is not active, not w.isVisible()))
    return windows[0] if windows else None


def prepare_desktop(app: QApplication) -> None:
    app.setWindowIcon(app_icon())
    if sys.platform == "darwin":
        # Only macOS sends QFileOpenEvent. An application-wide filter sees every event of every widget,
        # each a call into Python: elsewhere it would only slow start-up and painting down.
        app.installEventFilter(FileOpenForwarder(app))
