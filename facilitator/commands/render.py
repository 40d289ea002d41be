"""``facilitator render PATH --view VIEW -o OUT.png``: paint a view into a PNG without a screen.

Views register in ``VIEWS`` as "module:function"; each function takes the
loaded project, a :class:`~facilitator.ui.render_request.RenderRequest` and the
open file, and returns a QImage. This command is the only place that knows the
arguments: it checks them, builds the request and turns the views'
``RenderError`` into its own error (the UI never imports the CLI). Qt is
imported only when the command runs, and the offscreen platform is used when
no display is set, so this works on a headless machine or in CI.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.cli import CommandError
from facilitator.safe_output import check_destination, write_atomically
from facilitator.store import ProjectFile

if TYPE_CHECKING:
    from facilitator.ui.render_request import RenderRequest

# view name -> "module:function(project, request, project_file) -> QImage"
VIEWS: dict[str, str] = {}
VIEWS["audience"] = "facilitator.ui.run.render_views:audience"
VIEWS["console"] = "facilitator.ui.run.render_views:console"
VIEWS["necklace"] = "facilitator.ui.run.render_views:necklace"
VIEWS["wall"] = "facilitator.ui.wall.picture:render_wall_view"
VIEWS["break"] = "facilitator.ui.run.render_views:break_screen"
VIEWS["standby"] = "facilitator.ui.run.render_views:standby"
VIEWS["end"] = "facilitator.ui.run.render_views:end"
VIEWS["message"] = "facilitator.ui.run.render_views:message"
VIEWS["projected-wall"] = "facilitator.ui.run.render_views:projected_wall"
VIEWS["join"] = "facilitator.ui.room.join_slide:render_join"
# A week in seconds: more than any agenda item, small enough for the clock's arithmetic.
MAX_REMAINING = 7 * 24 * 3600


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
    p.add_argument("--message", default=None, help="the message to the room (for --view message)")
    p.add_argument("--time-of-day", action="store_true", help="show the time of day on the projector views")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PNG to write")
    p.set_defaults(handler=run)


def parse_size(text: str) -> tuple[int, int]:
    """``--size WxH`` as (width, height) in pixels."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise CommandError(f"--size must look like 1920x1080, not {text!r}.") from None
    # 8192 x 8192 is a 256 MB image already: larger would risk the memory of a laptop.
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise CommandError("--size must be between 16x16 and 8192x8192 pixels.")
    return w, h


def request_from(args: argparse.Namespace) -> RenderRequest:
    """The parsed arguments as the views' typed request (``--size`` checked here, with the command's words)."""
    from facilitator.ui.render_request import RenderRequest

    return RenderRequest(
        size=parse_size(args.size) if args.size else None,
        at=args.at,
        remaining=args.remaining,
        wall=args.wall,
        message=args.message,
        time_of_day=bool(args.time_of_day),
    )


def ensure_gui_application():
    """A QApplication for painting; offscreen when there is no display."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from facilitator.ui.theme import apply_theme

    apply_theme(app)
    return app


def check_remaining(value: float | None) -> None:
    """Seconds left must be a real number within a week either way (nan, inf or 1e308 would break the clock)."""
    if value is None:
        return
    if not math.isfinite(value) or abs(value) > MAX_REMAINING:
        raise CommandError(f"--remaining must be a number of seconds between -{MAX_REMAINING:,} and {MAX_REMAINING:,}.")


def png_bytes(image) -> bytes:
    """The image encoded as PNG in memory, so the file is written atomically like every output."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buffer, "PNG")
    buffer.close()
    if not ok:
        raise CommandError("The picture could not be encoded as PNG.")
    return bytes(data.data())


def run(args: argparse.Namespace) -> int:
    if args.view not in VIEWS:
        raise CommandError(f"There is no view called {args.view!r}.")
    check_remaining(args.remaining)
    output: Path = args.output
    if not output.parent.exists():
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"The folder {output.parent} could not be made ({exc.strerror or exc}).") from None
    check_destination(output, [args.path])
    with ProjectFile.open(args.path, read_only=True) as pf:
        project = pf.load()
        app = ensure_gui_application()  # held until the image is written
        module_name, func_name = VIEWS[args.view].split(":")
        painter = getattr(importlib.import_module(module_name), func_name)
        from facilitator.ui.render_request import RenderError

        try:
            image = painter(project, request_from(args), pf)
        except RenderError as exc:  # the views live under ui and say what is wrong without knowing the CLI
            raise CommandError(str(exc)) from None
    data = png_bytes(image)
    try:
        write_atomically(output, data, [args.path])
    except OSError as exc:
        raise CommandError(f"Could not write {output} ({exc.strerror or exc}).") from None
    del app
    print(f"Wrote {output} ({image.width()}x{image.height()})")
    return 0
