"""Run mode leaves no reference cycle: a closed main window is freed at once, not at the next gc pass.

(A cycle kept closed windows alive, and a later file-open event went to a dead project's window.)
"""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtWidgets import QApplication

from facilitator.ui.main_window import MainWindow


@pytest.mark.parametrize("run", [False, True])
def test_a_closed_main_window_is_freed_without_the_garbage_collector(demo_file, qapp, run):
    def open_and_close() -> weakref.ref:
        window = MainWindow()
        window.show()
        assert window.open_path(demo_file)
        if run:
            mode = window.run_launcher.start()
            mode.next()
            mode.close()
        window.close()
        return weakref.ref(window)

    gc.collect()
    gc.disable()
    try:
        ref = open_and_close()
        QApplication.processEvents()
        assert ref() is None
    finally:
        gc.enable()
