"""Where Facilitator keeps the user's own files: settings, logs, the first-run demo copy.

``FACILITATOR_HOME`` moves all of them into one folder: tests use it, and so
can a facilitator running from a USB stick.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

APP = "Facilitator"
MAX_RECENT = 10


def _base(kind: str) -> Path:
    home = os.environ.get("FACILITATOR_HOME")
    if home:
        return Path(home) / kind
    if kind == "logs":
        return Path(platformdirs.user_log_dir(APP, appauthor=False))
    if kind == "config":
        return Path(platformdirs.user_config_dir(APP, appauthor=False))
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def log_dir() -> Path:
    return _base("logs")


def config_dir() -> Path:
    return _base("config")


def data_dir() -> Path:
    return _base("data")


def _recent_file() -> Path:
    return config_dir() / "recent.json"


def recent_projects() -> list[Path]:
    """Recently opened projects, newest first; a missing or garbled list is just empty."""
    try:
        entries = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(entries, list):
        return []
    return [Path(e) for e in entries if isinstance(e, str)]


def remember_project(path: Path) -> None:
    """Put ``path`` at the top of the recent list. Failing to write the list never stops work."""
    path = path.resolve()
    entries = [p for p in recent_projects() if p != path]
    entries.insert(0, path)
    try:
        config_dir().mkdir(parents=True, exist_ok=True)
        _recent_file().write_text(json.dumps([str(p) for p in entries[:MAX_RECENT]], indent=1), encoding="utf-8")
    except OSError:
        pass
