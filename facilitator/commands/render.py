"""``facilitator render PATH --view VIEW -o OUT.png``: paint a view into a PNG without a screen.

Views register in ``VIEWS`` as "module:function"; each function takes the
loaded project and the parsed arguments and returns a QImage. Qt is imported
only when the command runs, and the offscreen platform is used when no
display is set, so this works on a headless machine or in CI.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from facilitator.cli import CommandError
from facilitator.store import ProjectFile

# view name -> "module:function(project, args) -> QImage"
VIEWS: dict[str, str] = {}
VIEWS["audience"] = "facilitator.ui.run.render_views:audience"
VIEWS["console"] = "facilitator.ui.run.render_views:console"
VIEWS["necklace"] = "facilitator.ui.run.render_views:necklace"
VIEWS["wall"] = "facilitator.ui.wall.picture:render_wall_view"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "render",
        help="paint a view into a PNG",
        description="Paint one of the app's views, at a given state, into a PNG file.",
    )
    p.add_argument("path", type=Path, help="the project (.facil)")
    p.add_argument("--view", required=True, choices=sorted(VIEWS) or None, help="which view to paint")
    p.add_argument("--size", default=None, help="image size as WxH, for example 1920x1080")
    p.add_argument("--wall", default=None, help="the wall's name (for --view wall)")
    p.add_argument("--at", type=int, default=None, dest="at", help="agenda item number, from 1")
    p.add_argument("--remaining", type=float, default=None, help="seconds left on the countdown (negative: overtime)")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PNG to write")
    p.set_defaults(handler=run)


def parse_size(text: str | None, default: tuple[int, int]) -> tuple[int, int]:
    if not text:
        return default
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise CommandError(f"--size must look like 1920x1080, not {text!r}.") from None
    # 8192 x 8192 is a 256 MB image already: larger would risk the memory of a laptop.
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise CommandError("--size must be between 16x16 and 8192x8192 pixels.")
    return w, h


def ensure_gui_application():
    """A QApplication for painting; offscreen when there is no display."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from facilitator.ui.theme import apply_theme

    apply_theme(app)
    return app


def run(args: argparse.Namespace) -> int:
    if args.view not in VIEWS:
        raise CommandError(f"There is no view called {args.view!r}.")
    with ProjectFile.open(args.path, read_only=True) as pf:
        project = pf.load()
        app = ensure_gui_application()  # held until the image is written
        module_name, func_name = VIEWS[args.view].split(":")
        painter = getattr(importlib.import_module(module_name), func_name)
        image = painter(project, args, pf)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(args.output), "PNG"):
        raise CommandError(f"Could not write {args.output}.")
    del app
    print(f"Wrote {args.output} ({image.width()}x{image.height()})")
    return 0
