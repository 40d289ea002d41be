"""The room's HTTP server: the phone page, its JSON API and a live-update stream, on the running loop.

aiohttp's ``AppRunner``/``TCPSite`` run on whatever asyncio loop is current (qasync's in the app),
with ``handle_signals=False`` so the app keeps its own signal handling; nothing here starts a thread.
The contract (paths, bodies, status codes) is docs/room-api.md. Every path is under ``/<room code>/``;
anything else, or a wrong code, is 404.

Safety on a shared network, in the order a request meets it: the Host header must name the address
the request came in on (no DNS rebinding); a POST's Origin, when sent, must be this page; the body
must be JSON and at most a few KB; one network address and one phone each have a token bucket (429);
ids and texts are checked for shape and size before the backend sees them. No cookie is ever set.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from aiohttp import web

from facilitator.resources import resource
from facilitator.room.backend import PhoneDot, PhoneNote, RoomBackend, RoomRefused
from facilitator.room.code import new_room_code, normalise
from facilitator.room.limits import RateLimiter, RoomLimits

log = logging.getLogger(__name__)

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
STATIC_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*\.(html|js|css|svg|png|ico|webmanifest)$")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "svg": "image/svg+xml",
    "png": "image/png",
    "ico": "image/x-icon",
    "webmanifest": "application/manifest+json",
}
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
KEEPALIVE_SECONDS = 15.0
BROADCAST_DELAY = 0.2  # changes within this window reach the phones as one update


def load_static(folder: Path) -> dict[str, tuple[bytes, str]]:
    """The page's files, read once: only plain names in the one folder, so no path can reach anything else."""
    files: dict[str, tuple[bytes, str]] = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and STATIC_PATTERN.match(path.name):
            files[path.name] = (path.read_bytes(), CONTENT_TYPES[path.suffix.lstrip(".")])
    return files


def _refuse(status: int, message: str, **headers: str) -> web.Response:
    """Every refusal: a status and one plain line, as JSON ``{"error": ...}``."""
    return web.json_response({"error": message}, status=status, headers={"Cache-Control": "no-store", **headers})


class _Stream:
    """One phone's live-update connection: the latest state waiting to be sent (older ones are dropped)."""

    __slots__ = ("pending", "phone", "wake")

    def __init__(self, phone: str) -> None:
        self.phone = phone
        self.pending: bytes | None = None
        self.wake = asyncio.Event()


class RoomServer:
    """One open room: its code, its limits, the phones it has seen, and (once started) a listening socket."""

    def __init__(
        self,
        backend: RoomBackend,
        host: str = "127.0.0.1",
        port: int = 0,
        code: str | None = None,
        limits: RoomLimits | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        static_dir: Path | None = None,
        mounts: Sequence[Callable[[web.Application, str], None]] = (),
    ) -> None:
        self.backend = backend
        # Others' routes under the join URL (the laptops' sync link, facilitator/sync): added before the
        # page's files, behind the same room code, Host check and limits.
        self.mounts = tuple(mounts)
        self.host = host
        self.port = port
        self.code = normalise(code) if code else new_room_code()
        self.limits = limits or RoomLimits()
        self.clock = clock
        self.wall_clock = wall_clock
        self.locked = False
        self.static = load_static(static_dir or resource("room"))
        self._phone_limiter = RateLimiter(
            self.limits.phone_rate, self.limits.phone_burst, clock, self.limits.max_phones
        )
        self._address_limiter = RateLimiter(
            self.limits.address_rate, self.limits.address_burst, clock, self.limits.max_phones
        )
        self.seen: dict[str, float] = {}  # phone id -> when last heard from (monotonic)
        self._streams: set[_Stream] = set()
        self._broadcast_handle: asyncio.TimerHandle | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._runner: web.AppRunner | None = None
        self._closing = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self.app = self.make_app()

    # -- life ----------------------------------------------------------------------------------
    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=self.limits.body_bytes, middlewares=[self._guard])
        base = "/{code}"
        app.router.add_get(base, self._redirect_to_page)
        app.router.add_get(base + "/", self._page)
        app.router.add_get(base + "/state", self._state)
        app.router.add_get(base + "/events", self._events)
        app.router.add_post(base + "/notes", self._post_note)
        app.router.add_post(base + "/dots", self._post_dot)
        app.router.add_post(base + "/dots/remove", self._remove_dot)
        for mount in self.mounts:
            mount(app, base)
        app.router.add_get(base + "/{name}", self._static)
        app.on_startup.append(self._on_startup)
        app.on_shutdown.append(self._on_shutdown)
        return app

    async def _on_startup(self, _app: web.Application) -> None:
        self._closing = False
        self._loop = asyncio.get_running_loop()
        self._unsubscribe = self.backend.subscribe(self._backend_changed)

    async def _on_shutdown(self, _app: web.Application) -> None:
        """Let every live-update connection end now, so stopping never waits for phones."""
        self._closing = True
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._broadcast_handle is not None:
            self._broadcast_handle.cancel()
            self._broadcast_handle = None
        for stream in list(self._streams):
            stream.wake.set()

    async def start(self) -> str:
        """Listen on ``host:port`` (port 0 picks a free one); returns the join URL.

        Started again after :meth:`stop`, the room keeps its code and port, so phones carry on where they were.
        """
        if self.app.frozen:  # an aiohttp application runs once; a restarted room gets a fresh one
            self.app = self.make_app()
        runner = web.AppRunner(self.app, handle_signals=False, access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port, reuse_address=True)
        try:
            await site.start()
        except OSError:
            await runner.cleanup()
            raise
        self._runner = runner
        sockets = [s for s in (runner.addresses or [])]
        if sockets:
            self.port = int(sockets[0][1])
        return self.url

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    @property
    def running(self) -> bool:
        return self._runner is not None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/{self.code}/"

    # -- what the console shows ---------------------------------------------------------------------
    @property
    def connected_phones(self) -> int:
        """Phones with a live-update connection open now."""
        return len({s.phone for s in self._streams})

    @property
    def phones_seen(self) -> int:
        """Phones that have reached this laptop since the room opened (0: see the console's guidance)."""
        return len(self.seen)

    # -- checks every request meets --------------------------------------------------------------------
    @web.middleware
    async def _guard(self, request: web.Request, handler: Callable) -> web.StreamResponse:
        code = request.match_info.get("code")
        if code is None or normalise(code) != self.code:
            return _refuse(404, "There is no room here. Check the address on the screen.")
        if not self._host_ok(request):
            return _refuse(403, "This address is not the room's.")
        if request.method == "POST":
            origin = request.headers.get("Origin")
            if origin is not None and origin != f"http://{request.host}":
                return _refuse(403, "Send from the room's own page.")
            wait = self._address_limiter.take(request.remote or "")
            if wait:
                return _refuse(429, "Too many messages at once. Wait a moment.", **{"Retry-After": _seconds(wait)})
        try:
            response = await handler(request)
        except web.HTTPRequestEntityTooLarge:
            return _refuse(413, "That is too long to send.")
        except web.HTTPException as exc:
            if exc.status >= 400:
                return _refuse(exc.status, exc.reason)
            raise
        if not response.prepared:  # a stream or a WebSocket has sent its headers already
            for name, value in SECURITY_HEADERS.items():
                response.headers.setdefault(name, value)
        return response

    def _host_ok(self, request: web.Request) -> bool:
        """The Host header must be the address and port this request reached (an IPv4 address, or localhost)."""
        sockname = request.transport.get_extra_info("sockname") if request.transport else None
        if not sockname:
            return False
        address, port = sockname[0], sockname[1]
        allowed = {f"{address}:{port}"}
        if address in ("127.0.0.1", "::1"):
            allowed.add(f"localhost:{port}")
        return request.host in allowed

    # -- the page ------------------------------------------------------------------------------------
    async def _redirect_to_page(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(f"/{self.code}/")

    async def _page(self, request: web.Request) -> web.StreamResponse:
        return self._file("index.html")

    async def _static(self, request: web.Request) -> web.StreamResponse:
        return self._file(request.match_info["name"])

    def _file(self, name: str) -> web.StreamResponse:
        entry = self.static.get(name)
        if entry is None:
            return _refuse(404, "Not found.")
        body, content_type = entry
        return web.Response(body=body, headers={"Content-Type": content_type, "Cache-Control": "no-cache"})

    # -- reading -----------------------------------------------------------------------------------
    def _phone_param(self, request: web.Request) -> str:
        phone = request.query.get("phone", "")
        if ID_PATTERN.match(phone):
            self.seen[phone] = self.clock()
            return phone
        return ""

    def state_for(self, phone: str) -> dict[str, Any]:
        state = dict(self.backend.public_state())
        state["now"] = self.wall_clock()
        state["room"] = {"code": self.code, "locked": self.locked, "note_chars": self.limits.note_chars}
        voting = state.get("voting")
        if voting and phone:
            state["voting"] = {**voting, "used": self.backend.dots_used(phone)}
        return state

    async def _state(self, request: web.Request) -> web.StreamResponse:
        return web.json_response(self.state_for(self._phone_param(request)), headers={"Cache-Control": "no-store"})

    async def _events(self, request: web.Request) -> web.StreamResponse:
        """Server-Sent Events: the full public state now, then again after each change; a comment keeps it open."""
        if len(self._streams) >= self.limits.max_streams:
            return _refuse(503, "The room is full for live updates; the page will try again.")
        phone = self._phone_param(request)
        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream",
                "Cache-Control": "no-store",
                "X-Accel-Buffering": "no",
                **SECURITY_HEADERS,
            }
        )
        await response.prepare(request)
        stream = _Stream(phone)
        self._streams.add(stream)
        try:
            await response.write(b"retry: 3000\n\n" + _event(self.state_for("")))
            while not self._closing:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stream.wake.wait(), KEEPALIVE_SECONDS)
                stream.wake.clear()
                if self._closing:
                    break
                data, stream.pending = stream.pending, None
                await response.write(data if data is not None else b": keep-alive\n\n")
        except (ConnectionResetError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._streams.discard(stream)
        return response

    def _backend_changed(self) -> None:
        """Coalesce a burst of changes into one update per stream (150 phones x 1,500 notes must stay cheap)."""
        if self._broadcast_handle is None and not self._closing and self._loop is not None:
            # The loop the room runs on, not "the running one": an edit can arrive from Qt code that runs
            # outside an asyncio callback (a timer, a dialog), and the phones must still hear of it.
            self._broadcast_handle = self._loop.call_later(BROADCAST_DELAY, self._broadcast)

    def _broadcast(self) -> None:
        self._broadcast_handle = None
        if not self._streams:
            return
        data = _event(self.state_for(""))
        for stream in self._streams:
            stream.pending = data
            stream.wake.set()

    # -- writing -----------------------------------------------------------------------------------
    async def _json_body(self, request: web.Request) -> dict[str, Any] | web.Response:
        if request.content_type != "application/json":
            return _refuse(415, "Send JSON.")
        raw = await request.read()
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return _refuse(400, "That message could not be read.")
        if not isinstance(body, dict):
            return _refuse(400, "That message could not be read.")
        return body

    def _admit(self, request: web.Request, phone: str) -> web.Response | None:
        """The phone's own rate limit, and the lock: once locked, only phones already seen may send."""
        if self.locked and phone not in self.seen:
            return _refuse(403, "The room is closed to new phones.")
        self.seen[phone] = self.clock()
        wait = self._phone_limiter.take(phone)
        if wait:
            return _refuse(429, "Too many messages at once. Wait a moment.", **{"Retry-After": _seconds(wait)})
        return None

    async def _post_note(self, request: web.Request) -> web.StreamResponse:
        body = await self._json_body(request)
        if isinstance(body, web.Response):
            return body
        note_id, phone = body.get("id"), body.get("phone", "")
        text, name, group = body.get("text"), body.get("name", ""), body.get("group", "")
        if not isinstance(note_id, str) or not ID_PATTERN.match(note_id):
            return _refuse(400, "The note has no usable id.")
        if not isinstance(phone, str) or (phone and not ID_PATTERN.match(phone)):
            return _refuse(400, "The phone id is not usable.")
        if not all(isinstance(v, str) for v in (text, name, group)):
            return _refuse(400, "Text, name and group must be text.")
        text, name, group = _clean(text), _clean(name), _clean(group)
        if not text:
            return _refuse(400, "The note is empty.")
        if len(text) > self.limits.note_chars:
            return _refuse(400, f"A note can have at most {self.limits.note_chars} characters.")
        if len(name) > self.limits.name_chars or len(group) > self.limits.name_chars:
            return _refuse(400, f"A name or group can have at most {self.limits.name_chars} characters.")
        phone = phone or "anon-" + (request.remote or "unknown")
        refused = self._admit(request, phone)
        if refused is not None:
            return refused
        try:
            created = await self.backend.add_note(phone, PhoneNote(note_id, text, name, group))
        except RoomRefused as exc:
            return _refuse(exc.status, exc.message)
        return web.json_response({"id": note_id}, status=201 if created else 200, headers={"Cache-Control": "no-store"})

    async def _post_dot(self, request: web.Request) -> web.StreamResponse:
        body = await self._json_body(request)
        if isinstance(body, web.Response):
            return body
        dot_id, voter, target = body.get("id"), body.get("voter"), body.get("target")
        if not isinstance(dot_id, str) or not ID_PATTERN.match(dot_id):
            return _refuse(400, "The dot has no usable id.")
        if not isinstance(voter, str) or not ID_PATTERN.match(voter):
            return _refuse(400, "The phone id is not usable.")
        if not isinstance(target, str) or not 1 <= len(target) <= 64:
            return _refuse(400, "Choose a note to vote for.")
        refused = self._admit(request, voter)
        if refused is not None:
            return refused
        try:
            created = await self.backend.add_dot(voter, PhoneDot(dot_id, target))
        except RoomRefused as exc:
            return _refuse(exc.status, exc.message)
        return web.json_response(
            {"id": dot_id, "used": self.backend.dots_used(voter)},
            status=201 if created else 200,
            headers={"Cache-Control": "no-store"},
        )

    async def _remove_dot(self, request: web.Request) -> web.StreamResponse:
        """A phone takes back one of its own dots (``{"id", "voter"}``): 200, or 403/404/409 with a reason."""
        body = await self._json_body(request)
        if isinstance(body, web.Response):
            return body
        dot_id, voter = body.get("id"), body.get("voter")
        if not isinstance(dot_id, str) or not ID_PATTERN.match(dot_id):
            return _refuse(400, "The dot has no usable id.")
        if not isinstance(voter, str) or not ID_PATTERN.match(voter):
            return _refuse(400, "The phone id is not usable.")
        refused = self._admit(request, voter)
        if refused is not None:
            return refused
        try:
            removed = await self.backend.remove_dot(voter, dot_id)
        except RoomRefused as exc:
            return _refuse(exc.status, exc.message)
        return web.json_response(
            {"id": dot_id, "removed": removed, "used": self.backend.dots_used(voter)},
            headers={"Cache-Control": "no-store"},
        )


def _clean(value: str) -> str:
    """Plain text as people mean it: no control characters, outer spaces trimmed, inner newlines kept."""
    return "".join(ch for ch in value if ch in "\n\t" or (ch.isprintable() or ch == " ")).strip()


def _seconds(wait: float) -> str:
    return str(max(1, int(wait + 0.999)))


def _event(state: dict[str, Any]) -> bytes:
    return b"event: state\ndata: " + json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode() + b"\n\n"
