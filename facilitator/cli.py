"""The ``facilitator`` command: open the app, or work on a project file from the shell.

Each subcommand lives in ``facilitator/commands/`` with ``register(subparsers)``
and is listed in ``COMMANDS``; errors the user can act on are one line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from facilitator import __version__
from facilitator.store.errors import ProjectError

COMMANDS = ["new", "demo", "info", "render", "import-notes", "export", "merge", "serve"]

EPILOG = """\
With no command, the app opens on the last project (the demo event at first run).
With a PATH, the app opens on that project.
Run 'facilitator COMMAND --help' for a command's options."""


class CommandError(Exception):
    """A one-line message for the user, from any subcommand."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run in-room co-design events from a laptop and a projector.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"Facilitator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"facilitator.commands.{name.replace('-', '_')}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if not args_in or (args_in[0] not in COMMANDS and not args_in[0].startswith("-")):
        # "facilitator" or "facilitator PATH": the app itself.
        if len(args_in) > 1:
            print(f"facilitator: error: unknown command {args_in[0]!r} (see 'facilitator --help')", file=sys.stderr)
            return 2
        from facilitator.app import run_app

        return run_app(args_in[0] if args_in else None)
    parser = build_parser()
    args = parser.parse_args(args_in)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        code = int(args.handler(args) or 0)
        sys.stdout.flush()
        return code
    except (ProjectError, CommandError) as exc:
        return _error(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``facilitator info x.facil | head -1``): stop quietly, as other tools do.
        _silence_stdout()
        return 141
    except MemoryError:
        return _error("this needs more memory than the computer has; nothing was changed.")
    except RecursionError:
        return _error("the file is nested too deeply to read; nothing was changed.")
    except Exception as exc:  # a bug: still one line for the user, the details in the log
        logging.getLogger("facilitator.cli").exception("unexpected error in %s", args.command)
        return _error(f"unexpected problem ({type(exc).__name__}: {exc}); nothing was changed.")


def _error(message: str) -> int:
    """One line on stderr; if even stderr is gone, exit quietly."""
    line = " ".join(f"facilitator: error: {message}".split())
    try:
        print(line, file=sys.stderr)
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        pass
    return 1


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's own flush at exit cannot fail on a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
