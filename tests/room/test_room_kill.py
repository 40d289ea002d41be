"""Kill test for the room: SIGKILL ``facilitator serve`` at random moments while 50 phones post notes.

After each kill, every note that was answered 201 (or 200, a repeat) is in the project file, and no note
is there twice. Phones then retry what got no answer, as the phone page does, against the restarted
server: still exactly once. Loopback only. ``FACILITATOR_ROOM_KILL_TRIALS`` sets the number of kills
(default 4 in the normal run).
"""

from __future__ import annotations

import asyncio
import collections
import os
import random
import secrets
import signal
import sys
from pathlib import Path

import aiohttp
import pytest

from facilitator.store import ProjectFile

pytestmark = [pytest.mark.asyncio, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]

REPO = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("FACILITATOR_ROOM_KILL_TRIALS", "4"))
SEED = int(os.environ.get("FACILITATOR_ROOM_KILL_SEED", "20261203"))
CLIENTS = 50


async def start_serve(path: Path) -> tuple[asyncio.subprocess.Process, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "facilitator",
        "serve",
        str(path),
        "--bind",
        "127.0.0.1",
        "--port",
        "0",
        "--no-address-limit",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=env,
    )
    line = await asyncio.wait_for(child.stdout.readline(), 60)
    url = line.decode().strip()
    assert url.startswith("http://127.0.0.1:"), url
    return child, url


async def phone(url: str, name: str, answered: dict[str, str], unanswered: dict[str, str], stop: asyncio.Event):
    """One phone: retries what got no answer before, then posts new notes until the server dies."""
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
        retry = [(i, t) for i, t in unanswered.items() if i.startswith(name)]
        i = 0
        while not stop.is_set():
            if retry:
                note_id, text = retry.pop()
            else:
                i += 1
                # The text is unique too, and kept for retries: a retry that made a new note would show twice.
                note_id, text = f"{name}-{secrets.token_hex(6)}", f"{name} note {i} {secrets.token_hex(4)}"
                unanswered[note_id] = text
            phone_id = f"ph-{name}-{i // 10}"  # a new phone id every 10 notes keeps under the phone's rate limit
            try:
                async with session.post(url + "notes", json={"id": note_id, "text": text, "phone": phone_id}) as r:
                    status = r.status
            except (aiohttp.ClientError, TimeoutError):
                return  # the server is gone; what got no answer is retried next time
            if status in (200, 201):
                answered[note_id] = text
                unanswered.pop(note_id, None)
            else:
                raise AssertionError(f"unexpected {status} for {note_id}")


def phone_notes(path: Path) -> list[tuple[str, str]]:
    with ProjectFile.open(path, read_only=True) as pf:
        project = pf.load()
    return [(n.id, n.text) for w in project.walls for n in w.notes.values() if n.source == "phone"]


async def test_sigkill_during_a_burst_keeps_every_answered_note_exactly_once(demo_file):
    rng = random.Random(SEED)
    answered: dict[str, str] = {}
    unanswered: dict[str, str] = {}
    for trial in range(TRIALS):
        child, url = await start_serve(demo_file)
        stop = asyncio.Event()
        phones = [asyncio.create_task(phone(url, f"t{c:02d}", answered, unanswered, stop)) for c in range(CLIENTS)]
        before = len(answered)
        while len(answered) == before:  # the burst is under way: phones are being answered
            await asyncio.sleep(0.01)
        await asyncio.sleep(rng.uniform(0.0, 1.0))
        child.send_signal(signal.SIGKILL)
        await child.wait()
        stop.set()
        await asyncio.gather(*phones)
        stored = phone_notes(demo_file)
        ids = collections.Counter(i for i, _t in stored)
        texts = collections.Counter(t for _i, t in stored)
        assert [i for i, n in ids.items() if n > 1] == [], f"trial {trial}: a note id is there twice"
        assert [t for t, n in texts.items() if n > 1] == [], f"trial {trial}: a note is there twice"
        missing = set(answered) - set(ids)
        assert missing == set(), f"trial {trial}: {len(missing)} answered notes lost"
    # A last, clean run: every note that never got an answer is sent again and arrives once.
    child, url = await start_serve(demo_file)
    stop = asyncio.Event()
    still = dict(unanswered)
    retry_tasks = [asyncio.create_task(phone(url, f"t{c:02d}", answered, still, stop)) for c in range(CLIENTS)]
    while any(i in still for i in unanswered):
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.gather(*retry_tasks)
    child.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(child.wait(), 30) == 0
    stored = phone_notes(demo_file)
    assert len(stored) == len({i for i, _t in stored}) == len({t for _i, t in stored})
    assert set(answered) <= {i for i, _t in stored}
    assert len(answered) > CLIENTS * TRIALS
