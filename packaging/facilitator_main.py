"""The bundle's entry point: the same ``facilitator`` command that ``pip install`` gives.

The window icon and macOS document opening are set up by ``facilitator.app``
(``facilitator/ui/desktop.py``), so pip installs get them too.

The app exports in a spawned child process (facilitator/ui/export_dialog.py). A
frozen program is its own interpreter, so each child starts this executable again:
``multiprocessing.freeze_support()`` must run first, or the child would read its
spawn arguments as a command line. ``FACILITATOR_BUNDLE_SELF_CHECK=export-process``
runs that path once without the window, for tests/test_bundle.py.
"""

from __future__ import annotations

import multiprocessing
import os
import queue as queue_module
import sys
from pathlib import Path

from facilitator.cli import main


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
    return main(args)


if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(run(sys.argv))
