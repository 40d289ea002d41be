"""The export as it runs in a separate process, started by the app.

reportlab is pure Python: in a thread it would hold the GIL and freeze the
window. In its own process it cannot, and it never sees the project file
(the app keeps that locked): it gets the loaded project and photo bytes,
reports progress and the result as plain tuples on a queue.

Messages: ("progress", fraction, text), ("done", path), ("error", message).
"""

from __future__ import annotations

import logging
from typing import Any

from facilitator.export.outputs import ExportError, ExportRequest, run

log = logging.getLogger(__name__)


def work(request: ExportRequest, queue: Any) -> None:
    """Process entry point; never raises, always ends with "done" or "error" on the queue."""

    last = [-1.0]

    def progress(fraction: float, text: str) -> None:
        # Whole percents only: a 200-page pack must not flood the queue.
        if int(fraction * 100) != int(last[0] * 100):
            last[0] = fraction
            queue.put(("progress", fraction, text))

    try:
        path = run(request, progress)
    except ExportError as exc:
        queue.put(("error", str(exc)))
    except MemoryError:
        queue.put(("error", "The export ran out of memory; try one wall at a time."))
    except Exception as exc:  # the user gets one clear line; the details go to the log
        log.exception("export failed")
        queue.put(("error", f"The export failed ({type(exc).__name__}: {exc})."))
    else:
        queue.put(("done", str(path)))
