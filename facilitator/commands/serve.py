"""``facilitator serve PATH``: open the room without the app, for a spare laptop (and for tests).

The first line on stdout is the join URL (``http://ADDR:PORT/CODE/``), so a script can read it;
everything else goes to stderr. It runs until SIGINT or SIGTERM, then stops cleanly: the server
closes, anything batched is committed, the project file is closed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from facilitator.cli import CommandError
from facilitator.core.clock import SystemClock
from facilitator.core.run import Run
from facilitator.room.limits import RoomLimits
from facilitator.store import ProjectFile
from facilitator.sync.address import DEFAULT_PORT


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="let phones in the room send notes and dots",
        description="Open the room: phones on the same network send notes (and dots, while a round is open) "
        "to a wall of the project. The first line printed is the join URL. Ctrl+C stops.",
    )
    p.add_argument("path", type=Path, help="the project (.facil)")
    p.add_argument(
        "--wall", default=None, help="the wall phones' notes go to (default: the current item's, else the first)"
    )
    p.add_argument(
        "--bind",
        default=None,
        metavar="ADDR",
        help="the IPv4 address to listen on (default: this laptop's likely Wi-Fi address)",
    )
    p.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"the port (default {DEFAULT_PORT}; 0 picks a free one)"
    )
    p.add_argument("--round", default=None, metavar="NAME", help="open this vote round of the wall to phones")
    p.add_argument("--hold", action="store_true", help="hold phone notes until accepted in the app")
    p.add_argument("--hide", action="store_true", help="keep phone notes off the projector until revealed")
    p.add_argument(
        "--join",
        default=None,
        metavar="URL",
        help="instead of opening a room, keep PATH in sync with another laptop's room: the phones' join URL "
        "(or its IP address and room code); the room's laptop is asked to let this one in",
    )
    p.add_argument(
        "--let-laptops-in",
        action="store_true",
        help="let every note-taker's laptop that asks join and sync (nobody is here to answer); "
        "without it, only laptops with the laptop link printed below may sync",
    )
    p.add_argument("--name", default=None, help="this laptop's name, as others see it (default: the computer's name)")
    p.add_argument("--no-address-limit", action="store_true", help=argparse.SUPPRESS)  # load tests on one machine
    p.set_defaults(handler=run)


def default_address() -> str:
    """The likely Wi-Fi address, from QtNetwork's list (no packet is sent); loopback when there is none."""
    from facilitator.ui.room.interfaces import list_addresses

    for address in list_addresses():
        if address.score > 2:
            return address.ip
    print("facilitator: no network found: only this laptop can join (127.0.0.1)", file=sys.stderr)
    return "127.0.0.1"


def run(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        raise CommandError("--port must be between 0 and 65535.")
    try:
        return asyncio.run(serve(args))
    except KeyboardInterrupt:
        return 0


async def serve(args: argparse.Namespace) -> int:
    from facilitator.edits import Batcher, Editor
    from facilitator.room.editor_backend import BATCH_WINDOW, EditorBackend
    from facilitator.room.laptops import LaptopLink
    from facilitator.room.server import RoomServer
    from facilitator.sync import headless
    from facilitator.sync.live import SyncHub

    if args.join is not None:
        problem = headless.check_url(args.join)
        if problem:
            raise CommandError(f"--join: {problem}")
        return await headless.join(args.path, args.join, args.name or headless.default_name(), _until_stopped)

    store = ProjectFile.open(args.path)
    try:
        editor = Editor(store)
        project = editor.project
        run_state = _restored_run(store, project)
        wall = _choose_wall(project, args.wall, run_state)
        round_id = None
        if args.round is not None:
            wanted = args.round.strip().casefold()
            found = next((r for r in wall.rounds if r.name.strip().casefold() == wanted), None)
            if found is None:
                names = ", ".join(repr(r.name) for r in wall.rounds) or "none"
                raise CommandError(f"The wall {wall.name!r} has no vote round {args.round!r} (its rounds: {names}).")
            round_id = found.id
        batcher = Batcher(editor, window=BATCH_WINDOW)
        backend = EditorBackend(editor, wall.id, batcher=batcher, run=lambda: run_state, round_id=round_id)
        backend.hold, backend.hide = args.hold, args.hide
        limits = RoomLimits(address_rate=1e9, address_burst=10**9) if args.no_address_limit else RoomLimits()
        host = args.bind or default_address()
        name = args.name or headless.default_name()
        # note-takers' laptops ask at <join>/laptops and sync at <join>/sync
        hub = LaptopLink(lambda key: SyncHub(editor, name, key=key), name=name, let_in_all=args.let_laptops_in)
        server = RoomServer(backend, host=host, port=args.port, limits=limits, mounts=[hub.mount])
        try:
            url = await server.start()
        except OSError as exc:
            hub.close()
            raise CommandError(f"cannot listen on {host}:{args.port}: {exc.strerror or exc}") from None
        print(url, flush=True)
        if args.let_laptops_in:
            print("Note-takers' laptops join with the same URL and are let in.", file=sys.stderr, flush=True)
        else:
            hub.on_change = _teller(hub)
            print(
                "Note-takers' laptops join with this link (a laptop that asks with the phones' URL waits: "
                f"nobody is here to let it in; --let-laptops-in lets them in): {hub.laptop_url(url)}",
                file=sys.stderr,
                flush=True,
            )
        print(
            f"Room code {server.code}. Notes go to the wall {wall.name!r}"
            + (f"; phones vote in {args.round!r}" if round_id else "")
            + ". Press Ctrl+C to stop.",
            file=sys.stderr,
            flush=True,
        )
        await _until_stopped()
        await server.stop()
        hub.close()
        batcher.flush()
        joined = server.phones_seen
        print(
            f"Room closed. {joined} phone{'' if joined == 1 else 's'} joined; {batcher.batches} commits.",
            file=sys.stderr,
            flush=True,
        )
        return 0
    finally:
        store.close()


async def _until_stopped() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # Windows: no loop signal handlers
            signal.signal(sig, lambda *_: loop.call_soon_threadsafe(stop.set))
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(sig)


def _teller(hub) -> Callable[[], None]:
    """Headless, nobody can press Let in: say once per laptop that asked what would let it in."""
    told: set[str] = set()

    def tell() -> None:
        for ask in hub.waiting():
            if ask.request not in told:
                told.add(ask.request)
                print(
                    f"{ask.name} asks to join with the phones' URL: give it the laptop link above "
                    "(or open the room with --let-laptops-in).",
                    file=sys.stderr,
                    flush=True,
                )

    return tell


def _restored_run(store: ProjectFile, project):
    snapshot = store.load_run()
    if snapshot is None or not project.agenda:
        return None
    return Run.restore(project.event, project.agenda, SystemClock(), snapshot)


def _choose_wall(project, name: str | None, run_state):
    if name is not None:
        wall = project.wall_named(name)
        if wall is None:
            names = ", ".join(repr(w.name) for w in project.walls) or "none"
            raise CommandError(f"There is no wall called {name!r} (the walls: {names}).")
        return wall
    if run_state is not None:
        item_wall = run_state.current_item.wall_id
        if item_wall is not None:
            try:
                return project.wall(item_wall)
            except KeyError:
                pass
    if not project.walls:
        raise CommandError("The project has no wall for phones' notes: add one first.")
    return project.walls[0]
