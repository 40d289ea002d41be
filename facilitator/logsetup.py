"""Logging to a file in the user's log folder, so a problem in the room can be diagnosed later."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from facilitator import userdirs

LOG_NAME = "facilitator.log"


def setup_logging() -> Path | None:
    """Log to ``<log dir>/facilitator.log`` (rotated at 1 MB). Returns the path, or None if it cannot be written."""
    root = logging.getLogger("facilitator")
    root.setLevel(logging.INFO)
    path = userdirs.log_dir() / LOG_NAME
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
