"""Live sync: laptops in one room keep their walls the same, each in its own project file.

Built on pycrdt (Yrs, the engine under Jupyter's real-time collaboration): its document and its
sync protocol (state vectors, then only the missing updates) carry every laptop's rows to every
other. The document is a mirror, never the truth: each laptop's ``.facil`` is the one source of
truth, the document is rebuilt from it whenever a link starts, and nothing of it is stored.
What a laptop receives is merged into its file by the very rules of ``facilitator merge``
(:func:`facilitator.sync.merge.plan_merge`), through the edit layer, so a file merge and live
sync can never disagree. Design record: docs/design/0008-sync.md.

The document holds three maps, keyed by id:

- ``rows``: each wall, cluster, vote round, note, dot and photo as JSON text: its kind, what it
  hangs on, its record (every field) and its field stamps;
- ``gone``: deleted ids and their kind (tombstones);
- ``blobs``: photo bytes.

Each laptop writes its own version of a row after every commit that touched it, and after
merging what it received whenever its version differs (it knew a newer field). When two
laptops write one row at once, Yrs keeps one of the two writes; the other laptop then merges
that one into its file (keeping its own newer fields) and writes the joined row, which the
first merges in turn. Once nobody's file differs from the document nobody writes: converged.

Every pycrdt document lives on the asyncio loop's thread (the qasync loop in the app); nothing
here starts a thread. The room's laptop runs a :class:`SyncHub` (a WebSocket under the join URL,
``<join>/sync``); a joining laptop runs a :class:`SyncClient`, which retries a dropped link and
starts each link with a fresh document (so a restarted room or a long absence is just a join).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import secrets
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web
from pycrdt import (
    Doc,
    Map,
    TransactionEvent,
    YMessageType,
    YSyncMessageType,
    create_sync_message,
    create_update_message,
    handle_sync_message,
)

from facilitator.core.project import Project
from facilitator.core.rules import Refused
from facilitator.edits.editor import Editor
from facilitator.edits.notice import Notice, Origin
from facilitator.edits.records import from_record, record
from facilitator.room.code import new_room_code
from facilitator.store import ProjectError
from facilitator.sync.merge import apply_plan, plan_merge
from facilitator.sync.state import STAMPED, WALL_KINDS, Item, State, state_of

log = logging.getLogger(__name__)

MAX_MESSAGE = 512 * 1024 * 1024  # a first sync carries every photo of the event
LAPTOP_KEY = "laptop"  # the query parameter that carries the room's laptop key (the pre-approved link)
TOKEN = "token"  # the query parameter of a laptop the room's laptop let in (facilitator/room/laptops.py)


# -- the document's rows -------------------------------------------------------------------------------
def locate(project: Project, kind: str, item_id: str) -> tuple[Any, str | None] | None:
    """A wall-side thing and what it hangs on (wall, or round for a dot); None when this copy lacks it."""
    if kind == "wall":
        wall = project.find_wall(item_id)
        return (wall, None) if wall is not None else None
    if kind == "note":
        wall = project.wall_of_note(item_id)
        return (wall.notes[item_id], wall.id) if wall is not None else None
    if kind == "cluster":
        wall = project.wall_of_cluster(item_id)
        return (wall.clusters[item_id], wall.id) if wall is not None else None
    if kind == "round":
        found = project.find_round(item_id)
        return (found[1], found[0].id) if found is not None else None
    if kind == "dot":
        dot = project.find_dot(item_id)
        return (dot[2], dot[1].id) if dot is not None else None
    if kind == "photo":
        photo = project.photo(item_id)
        return (photo, photo.wall_id) if photo is not None else None
    return None


def row_text(kind: str, obj: Any, parent: str | None, stamps: dict[tuple[str, str], tuple[int, str]]) -> str:
    """A thing as the document holds it: the same text on every laptop whose file holds the same."""
    marks = {name: list(stamps[(obj.id, name)]) for name in STAMPED[kind] if (obj.id, name) in stamps}
    return json.dumps({"k": kind, "p": parent, "r": record(kind, obj), "s": marks}, sort_keys=True)


def parse_row(text: str) -> tuple[Item, dict[tuple[str, str], tuple[int, str]]]:
    """A row back as a model object with its stamps (Refused or ValueError for a malformed one)."""
    data = json.loads(text)
    kind = data["k"]
    if kind not in WALL_KINDS:
        raise ValueError(f"not a wall-side thing: {kind!r}")
    obj = from_record(kind, data["r"])
    stamps = {(obj.id, name): (int(v[0]), str(v[1])) for name, v in data.get("s", {}).items() if name in STAMPED[kind]}
    return Item(kind, obj, data.get("p")), stamps


def _refs(item: Item) -> Iterator[str]:
    """What a thing needs to be there before it can be (its wall, round, cluster or target)."""
    if item.parent:
        yield item.parent
    obj = item.obj
    if item.kind == "note" and obj.cluster_id:
        yield obj.cluster_id
    if item.kind == "dot":
        yield obj.target_id


def _held(project: Project, item_id: str) -> bool:
    return any(locate(project, kind, item_id) is not None for kind in WALL_KINDS)


class Mirror:
    """Keeps one pycrdt document and the editor's project the same, both ways.

    Local commits (any origin: the keyboard, a phone, an import) go into the document as rows.
    Rows another laptop wrote are merged into the file after the document's transaction ends
    (``call_soon``), through the edit layer with origin "peer", in one commit per batch.
    """

    def __init__(self, editor: Editor, origin: Origin | None = None) -> None:
        self.editor = editor
        self.origin = origin or Origin("peer", "", "another laptop")
        self.doc: Doc | None = None
        self.writing = False
        self.paused = False  # until a link's first exchange is complete, rows wait (their walls may not be here yet)
        self.absorbed = 0  # rows merged from other laptops (for tests and the status)
        self.failures = 0
        self._pending: set[str] = set()
        self._scheduled = False
        self._subs: list[Any] = []
        self._unsubscribe = editor.subscribe(self._on_notice)

    # -- wiring -------------------------------------------------------------------------------------
    def attach(self, doc: Doc) -> None:
        self.detach()
        self.doc = doc
        self.rows = doc.get("rows", type=Map)
        self.gone = doc.get("gone", type=Map)
        self.blobs = doc.get("blobs", type=Map)
        self._subs = [(self.rows, self.rows.observe(self._remote)), (self.gone, self.gone.observe(self._remote))]

    def detach(self) -> None:
        for shared, sub in self._subs:
            with contextlib.suppress(Exception):
                shared.unobserve(sub)
        self._subs = []
        self.doc = None
        self._pending.clear()

    def close(self) -> None:
        self.detach()
        self._unsubscribe()

    @property
    def busy(self) -> bool:
        """Rows received and not merged yet."""
        return bool(self._pending)

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        assert self.doc is not None
        self.writing = True
        try:
            with self.doc.transaction(origin="local"):
                yield
        finally:
            self.writing = False

    # -- this laptop to the document ----------------------------------------------------------------
    def _on_notice(self, notice: Notice) -> None:
        if self.doc is None:
            return
        pairs = [(kind, i) for kind in WALL_KINDS for i in notice.changed(kind)]
        pairs += [(kind, i) for kind in WALL_KINDS for i in notice.gone(kind)]
        if pairs:
            self.publish(pairs)

    def publish_all(self) -> None:
        """Write every wall-side thing and tombstone this file holds that the document lacks or holds otherwise."""
        project = self.editor.project
        pairs: list[tuple[str, str]] = []
        for wall in project.walls:
            pairs.append(("wall", wall.id))
            pairs += [("cluster", i) for i in wall.clusters]
            pairs += [("note", i) for i in wall.notes]
            for r in wall.rounds:
                pairs.append(("round", r.id))
                pairs += [("dot", i) for i in r.dots]
        pairs += [("photo", p.id) for p in project.photos]
        pairs += [(kind, i) for i, kind in project.tombstones.items() if kind in WALL_KINDS]
        self.publish(pairs)

    def publish(self, pairs: Iterable[tuple[str, str]]) -> int:
        """Write these things' rows (or tombstones) where the document differs; returns how many were written."""
        if self.doc is None:
            return 0
        project, store = self.editor.project, self.editor.store
        pairs = list(dict.fromkeys(pairs))
        stamps = store.field_stamps([i for _k, i in pairs])
        written = 0
        with self._write():
            for kind, item_id in pairs:
                if item_id in project.tombstones:
                    gone_kind = project.tombstones[item_id]
                    if gone_kind in WALL_KINDS and self.gone.get(item_id) != gone_kind:
                        self.gone[item_id] = gone_kind
                        written += 1
                    if item_id in self.rows:
                        del self.rows[item_id]
                    continue
                found = locate(project, kind, item_id)
                if found is None:
                    continue
                obj, parent = found
                text = row_text(kind, obj, parent, stamps)
                if self.rows.get(item_id) != text:
                    self.rows[item_id] = text
                    written += 1
                if kind == "photo" and item_id not in self.blobs:
                    self.blobs[item_id] = store.photo_data(item_id)
        return written

    # -- the document to this laptop ---------------------------------------------------------------------
    def _remote(self, event: Any) -> None:
        if self.writing:
            return
        self._pending.update(event.keys)
        if not self._scheduled and not self.paused:
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self.absorb_pending)

    def absorb_pending(self) -> None:
        self._scheduled = False
        keys, self._pending = self._pending, set()
        if keys and self.doc is not None:
            try:
                self.absorb(keys)
            except Exception:  # logged and counted; the next link's first exchange merges everything again
                self.failures += 1
                log.exception("rows from another laptop could not be merged")

    def absorb_all(self) -> None:
        """Merge everything the document holds (the first exchange of a link)."""
        if self.doc is None:
            return
        self._pending.clear()
        self.absorb(set(self.rows.keys()) | set(self.gone.keys()))

    def absorb(self, keys: Iterable[str]) -> None:
        """Merge these rows into the file (one commit), then write back what this file knows newer."""
        project, store = self.editor.project, self.editor.store
        items: dict[str, Item] = {}
        stamps: dict[tuple[str, str], tuple[int, str]] = {}
        tombs: dict[str, str] = {}

        def pull(item_id: str) -> None:
            if item_id in items or item_id in tombs:
                return
            kind = self.gone.get(item_id)
            if kind is not None:
                tombs[item_id] = str(kind)
                return
            text = self.rows.get(item_id)
            if text is None:
                return
            try:
                item, marks = parse_row(text)
            except (ValueError, KeyError, TypeError, Refused) as exc:
                log.warning("a row from another laptop could not be read (%s): left out", exc)
                return
            items[item_id] = item
            stamps.update(marks)
            for ref in _refs(item):
                if ref not in project.tombstones and not _held(project, ref):
                    pull(ref)

        for key in keys:
            pull(key)
        if not items and not tombs:
            return
        blobs = self.blobs

        def photo_data(photo_id: str) -> bytes:
            data = blobs.get(photo_id)
            if data is None:
                raise Refused("missing", "A photo's image has not arrived yet.")
            return bytes(data)

        source = State(items, stamps, tombs, photo_data)
        # Only the received things' stamps: plan_merge compares a field's stamps only where the source holds
        # the thing, and the whole table grows with the event (20,000 notes: some 160,000 rows per receive).
        target = state_of(project, store.field_stamps(items), store.photo_data)
        try:
            plan = plan_merge(target, source)
            apply_plan(self.editor, plan, self.origin)
        except (Refused, ProjectError) as exc:
            self.failures += 1
            log.warning("rows from another laptop could not be merged (%s): trying one at a time", exc)
            self._absorb_one_by_one(source, target)
        self.absorbed += len(items) + len(tombs)
        self.publish([(it.kind, i) for i, it in items.items()] + [(k, i) for i, k in tombs.items()])

    def _absorb_one_by_one(self, source: State, target: State) -> None:
        for item_id, item in source.items.items():
            single = State({item_id: item}, source.stamps, {}, source.photo_data)
            try:
                apply_plan(self.editor, plan_merge(state_of(self.editor.project, target.stamps), single), self.origin)
            except (Refused, ProjectError) as exc:
                log.warning("row %s left out: %s", item_id, exc)
        if source.tombstones:
            single = State({}, {}, source.tombstones, source.photo_data)
            with contextlib.suppress(Refused, ProjectError):
                apply_plan(self.editor, plan_merge(state_of(self.editor.project, target.stamps), single), self.origin)


# -- the room's side ---------------------------------------------------------------------------------
@dataclass
class Peer:
    """A laptop joined to this room: who, since when, last heard from (monotonic seconds)."""

    name: str
    replica: str
    since: float
    last: float
    queue: asyncio.Queue[bytes | str] = field(default_factory=asyncio.Queue)


class SyncHub:
    """The room's laptop: one document for the room, a WebSocket per joined laptop at ``<join>/sync``."""

    def __init__(
        self,
        editor: Editor,
        name: str,
        clock: Callable[[], float] = time.monotonic,
        heartbeat: float = 5.0,
        key: str | None = None,
    ) -> None:
        self.editor = editor
        self.name = name
        self.key = key or new_room_code(6)  # laptops only: shown on the console, never on the join slide
        self.clock = clock
        self.heartbeat = heartbeat
        self.peers: dict[int, Peer] = {}
        self.doc = Doc()
        self.mirror = Mirror(editor, Origin("peer", "", "a joined laptop"))
        self.mirror.attach(self.doc)
        self.mirror.publish_all()
        self._sub = self.doc.observe(self._broadcast)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.doc.unobserve(self._sub)
        self.mirror.close()

    def mount(self, app: web.Application, base: str = "/{code}") -> None:
        """Add ``GET <base>/sync`` to the room's aiohttp application (before its catch-all routes)."""
        app.router.add_get(base + "/sync", self.handle)

    def laptops(self) -> list[tuple[str, float]]:
        """Joined laptops: (name, seconds since last heard from), for the console's "Who is here"."""
        now = self.clock()
        return [(p.name, now - p.last) for p in self.peers.values()]

    def _broadcast(self, event: TransactionEvent) -> None:
        message = create_update_message(event.update)
        for peer in self.peers.values():
            peer.queue.put_nowait(message)

    def laptop_url(self, join_url: str) -> str:
        """The join URL a note-taker's laptop types: the phones' URL plus this room's laptop key."""
        return join_url.split("?")[0] + "?" + urllib.parse.urlencode({LAPTOP_KEY: self.key})

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Mounted on its own (tests, benchmarks): the laptop key is the only way in."""
        if not hmac.compare_digest(request.query.get(LAPTOP_KEY, "").upper().encode(), self.key.encode()):
            raise web.HTTPForbidden(text="This link is for laptops: use the laptop key shown on the room's console.")
        return await self.serve(request)

    async def serve(self, request: web.Request, name: str | None = None) -> web.StreamResponse:
        """One laptop's link, already let in: by the key, or by the room's laptop (``name``: the one it asked with)."""
        ws = web.WebSocketResponse(heartbeat=self.heartbeat, max_msg_size=MAX_MESSAGE)
        await ws.prepare(request)
        now = self.clock()
        name = name or (request.query.get("name") or "A laptop").strip()[:60] or "A laptop"
        peer = Peer(name, request.query.get("replica", "")[:64], now, now)
        key = id(peer)
        self.peers[key] = peer
        sender = asyncio.ensure_future(_send_all(ws, peer.queue))
        peer.queue.put_nowait(json.dumps({"room": self.name, "replica": self.editor.replica}))
        peer.queue.put_nowait(create_sync_message(self.doc))
        log.info("%s joined the room", name)
        try:
            async for msg in ws:
                peer.last = self.clock()
                if msg.type == aiohttp.WSMsgType.BINARY:
                    reply = _handle(msg.data, self.doc)
                    if reply is not None:
                        peer.queue.put_nowait(reply)
        finally:
            self.peers.pop(key, None)
            sender.cancel()
            log.info("%s left the room", name)
        return ws


def _handle(data: bytes, doc: Doc) -> bytes | None:
    if len(data) < 2 or data[0] != YMessageType.SYNC:
        return None  # awareness and what a later version sends: not needed here
    try:
        return handle_sync_message(data[1:], doc)
    except Exception as exc:  # a malformed message must not end the room
        log.warning("a sync message could not be read: %s", exc)
        return None


async def _send_all(ws: web.WebSocketResponse | aiohttp.ClientWebSocketResponse, queue: asyncio.Queue) -> None:
    while True:
        message = await queue.get()
        try:
            if isinstance(message, str):
                await ws.send_str(message)
            else:
                await ws.send_bytes(message)
        except (ConnectionError, RuntimeError, aiohttp.ClientError):
            return


# -- a joined laptop's side ---------------------------------------------------------------------------
CONNECTING, CATCHING_UP, IN_SYNC, LINK_DOWN = "connecting", "catching up", "in sync", "link down"
WAITING, REFUSED = "waiting to be let in", "refused"


class SyncClient:
    """Keeps this laptop's project in sync with the room at ``url``; retries a dropped link for ever.

    ``url`` is the phones' join URL: the laptop asks the room's laptop to let it in (``POST
    <join>/laptops``, again every ``poll`` seconds until answered) and syncs with the token it is
    given, which it keeps for every reconnect. A URL with the laptop key (``?laptop=…``) is let in
    without asking. ``state`` is one of :data:`CONNECTING`, :data:`WAITING`, :data:`CATCHING_UP`,
    :data:`IN_SYNC`, :data:`LINK_DOWN` or :data:`REFUSED` (then :meth:`run` ends); ``on_state`` is
    called on each change (the app shows it; ``serve --join`` prints it).
    """

    def __init__(
        self,
        editor: Editor,
        url: str,
        name: str,
        clock: Callable[[], float] = time.monotonic,
        retry: tuple[float, ...] = (0.2, 0.5, 1.0, 2.0, 5.0),
        heartbeat: float = 2.0,
        poll: float = 1.0,
    ) -> None:
        self.editor = editor
        self.url = url
        self.name = name
        self.key = urllib.parse.parse_qs(url.partition("?")[2]).get(LAPTOP_KEY, [""])[0]
        self.token = ""  # given when the room's laptop lets this one in; kept for reconnects
        self.request = secrets.token_urlsafe(24)  # this laptop's ask: only it and the room know it
        self.poll = poll
        self.problem = ""  # the room's own words when it turned this laptop away
        self.asked = 0  # times this laptop has asked to be let in (for tests)
        self.clock = clock
        self.retry = retry
        self.heartbeat = heartbeat
        self.state = CONNECTING
        self.room = ""
        self.last_contact: float | None = None
        self.down_since: float | None = None
        self.links = 0  # links made so far (the first, then one per heal)
        self.on_state: Callable[[str], None] | None = None
        self.mirror = Mirror(editor, Origin("peer", "", "the room"))
        self._stop = asyncio.Event()
        self._out: asyncio.Queue[bytes | str] | None = None

    @property
    def base_url(self) -> str:
        return self.url.partition("?")[0].rstrip("/")

    @property
    def sync_url(self) -> str:
        credential = {TOKEN: self.token} if self.token else {LAPTOP_KEY: self.key}
        params = urllib.parse.urlencode({**credential, "name": self.name, "replica": self.editor.replica})
        return self.base_url + "/sync?" + params

    def describe(self) -> str:
        """One line for people: whose room, and whether this laptop is in sync."""
        room = f"{self.room}'s room" if self.room else "the room"
        if self.state == IN_SYNC:
            return f"In sync with {room}."
        if self.state == WAITING:
            return f"Waiting for {room} to let this laptop in: the facilitator chooses Let in on the room's laptop."
        if self.state == REFUSED:
            if self.key and self.problem:
                return self.problem
            return f"{room[0].upper()}{room[1:]} did not let this laptop in. Ask the facilitator, then join again."
        if self.state == CATCHING_UP:
            return f"Catching up with {room}\u2026"
        if self.state == LINK_DOWN:
            said = f" The room said: {self.problem}" if self.problem else ""
            return f"Link to {room} lost; trying again. Your edits are kept and will be sent.{said}"
        return f"Connecting to {room}\u2026"

    def _set(self, state: str) -> None:
        if state == LINK_DOWN and self.state != LINK_DOWN:
            self.down_since = self.clock()
        if state != self.state:
            self.state = state
            if self.on_state is not None:
                self.on_state(state)

    def stop(self) -> None:
        self._stop.set()

    async def run(self) -> None:
        """Connect, sync, and on any drop wait a little and connect again, until :meth:`stop`."""
        attempt = 0
        timeout = aiohttp.ClientTimeout(total=None, connect=5.0, sock_connect=5.0)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while not self._stop.is_set():
                try:
                    if not self.key and not self.token and not await self._ask(session):
                        break  # refused, or stopped while waiting
                    async with session.ws_connect(
                        self.sync_url, heartbeat=self.heartbeat, max_msg_size=MAX_MESSAGE
                    ) as ws:
                        attempt = 0
                        await self._session(ws)
                except aiohttp.WSServerHandshakeError as exc:
                    if exc.status == 403 and self.token:  # the room forgot this laptop: ask again
                        log.info("room link: the room no longer knows this laptop's token; asking again")
                        self.token, self.request = "", secrets.token_urlsafe(24)
                    elif exc.status == 403:
                        self.problem = "The laptop key is not this room's: check the link on the room's console."
                        self._set(REFUSED)
                        break
                    log.info("room link: %s", exc)
                except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                    log.info("room link: %s", exc)
                except Exception:  # a bug must not stop the retries (nor leave "in sync" showing)
                    log.exception("room link failed; trying again")
                if self._stop.is_set():
                    break
                self._set(LINK_DOWN)
                delay = self.retry[min(attempt, len(self.retry) - 1)]
                attempt += 1
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), delay)
        self.mirror.close()

    async def _ask(self, session: aiohttp.ClientSession) -> bool:
        """Ask the room's laptop to let this one in, until it answers: True when let in, False if refused or stopped.

        The same request id every time, so asking again (or after a drop) is the same ask, never a second one.
        """
        body = {"request": self.request, "name": self.name, "replica": self.editor.replica}
        while not self._stop.is_set():
            self.asked += 1
            async with session.post(self.base_url + "/laptops", json=body) as response:
                try:
                    data = await response.json(content_type=None)
                except ValueError:
                    data = None
                status = response.status
            data = data if isinstance(data, dict) else {}
            self.last_contact = self.clock()
            if data.get("room"):
                self.room = str(data["room"])[:60]
            if status == 200 and isinstance(data.get(TOKEN), str) and data[TOKEN]:
                self.token, self.problem = data[TOKEN], ""
                return True
            if status == 403:
                self.problem = str(data.get("error", ""))[:200]
                self._set(REFUSED)
                return False
            if status != 202:  # no room at this address (any more), too many waiting, ...: shown, tried again
                self.problem = str(data.get("error", ""))[:200]
                raise aiohttp.ClientError(f"the room answered {status}: {self.problem}")
            self.problem = ""
            self._set(WAITING)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stop.wait(), self.poll)
        return False

    async def _session(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        doc = Doc()  # a fresh mirror each link: the room may have restarted, and the file is the truth
        self.mirror.attach(doc)
        self.mirror.paused = True
        out: asyncio.Queue[bytes | str] = asyncio.Queue()
        self._out = out

        def forward(event: TransactionEvent) -> None:
            if self.mirror.writing:  # only what this laptop wrote; what came from the room goes no further
                out.put_nowait(create_update_message(event.update))

        sub = doc.observe(forward)
        sender = asyncio.ensure_future(_send_all(ws, out))
        stopper = asyncio.ensure_future(self._stop.wait())
        out.put_nowait(create_sync_message(doc))
        self.problem = ""
        self._set(CATCHING_UP)
        self.links += 1
        try:
            while True:
                receive = asyncio.ensure_future(ws.receive())
                done, _ = await asyncio.wait({receive, stopper}, return_when=asyncio.FIRST_COMPLETED)
                if stopper in done:
                    receive.cancel()
                    await ws.close()
                    return
                msg = receive.result()
                if msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    return
                self.last_contact = self.clock()
                if msg.type == aiohttp.WSMsgType.TEXT:
                    with contextlib.suppress(ValueError, TypeError, AttributeError):
                        self.room = str(json.loads(msg.data).get("room", ""))[:60]
                    continue
                if msg.type != aiohttp.WSMsgType.BINARY:
                    continue
                data = msg.data
                reply = _handle(data, doc)
                if reply is not None:
                    out.put_nowait(reply)
                step2 = len(data) > 1 and data[0] == YMessageType.SYNC and data[1] == YSyncMessageType.SYNC_STEP2
                if step2 and self.state == CATCHING_UP:
                    self.mirror.paused = False
                    self.mirror.absorb_all()
                    self.mirror.publish_all()  # what this laptop did while apart
                    self._set(IN_SYNC)
        finally:
            stopper.cancel()
            sender.cancel()
            with contextlib.suppress(Exception):
                doc.unobserve(sub)
            self.mirror.detach()
            self._out = None
