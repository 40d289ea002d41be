"""Benchmark: a full room of phones posting to ``facilitator serve`` over loopback.

    PYTHONPATH=. python tests/bench/bench_room.py [--phones 150] [--notes 10] [--idle 10]

1. Burst: ``--phones`` simulated phones each send ``--notes`` notes as fast as they are answered, all
   at once. Prints p50/p95/max from POST to 201, notes committed per second, notes lost (answered 201 but
   not in the file afterwards; target 0) and p95 target < 100 ms.
2. Idle: the same number of phones hold a live-update (SSE) connection open; the server's CPU over
   ``--idle`` seconds, as a share of one core (target < 2%).

Each phone is a bare HTTP/1.1 keep-alive connection: a client library costs the bench process more CPU
per request than the server spends, and the figures would measure the bench.

The server runs in its own process, as on a spare laptop, so the phones' client code does not share
its CPU time; loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from facilitator.demo import demo_project  # noqa: E402
from facilitator.store import ProjectFile  # noqa: E402


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def start_serve(path: Path) -> tuple[asyncio.subprocess.Process, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    prefix = os.environ.get("BENCH_ROOM_SERVER_PREFIX", "").split()  # e.g. "-m cProfile -o /tmp/serve.prof"
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        *prefix,
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
        stderr=asyncio.subprocess.PIPE,  # two lines: the room code, then "... N commits." when it stops
        env=env,
    )
    url = (await asyncio.wait_for(child.stdout.readline(), 60)).decode().strip()
    return child, url


async def one_phone(url: str, notes: int, latencies: list[float], answered: set[str]) -> None:
    """One phone on one keep-alive connection, written as bare HTTP/1.1: a full client library costs the
    bench process more CPU per request than the server spends, and would measure itself."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    phone = "ph-" + secrets.token_hex(6)
    head = f"POST {parts.path}notes HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/json\r\n"
    try:
        for i in range(notes):
            note_id = f"{phone}-n{i}"
            body = json.dumps({"id": note_id, "text": f"{phone} idea {i}", "phone": phone}).encode()
            started = time.perf_counter()
            writer.write(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
            status = int((await reader.readline()).split()[1])
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            if status == 201:
                latencies.append(time.perf_counter() - started)
                answered.add(note_id)
            else:
                print(f"  {note_id}: {status}", file=sys.stderr)
    finally:
        writer.close()


async def hold_stream(session: aiohttp.ClientSession, url: str, opened: asyncio.Event, count: list[int], total: int):
    async with session.get(url + "events", params={"phone": "ph-" + secrets.token_hex(6)}) as response:
        await response.content.readline()
        count[0] += 1
        if count[0] == total:
            opened.set()
        try:
            async for _line in response.content:
                pass
        except (aiohttp.ClientError, asyncio.CancelledError):
            pass


async def main(phones: int, notes: int, idle: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "room.facil"
        ProjectFile.create(path, demo_project()).close()
        child, url = await start_serve(path)
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as session:
            latencies: list[float] = []
            answered: set[str] = set()
            cpu_before = cpu_seconds(child.pid)
            started = time.perf_counter()
            await asyncio.gather(*(one_phone(url, notes, latencies, answered) for _ in range(phones)))
            elapsed = time.perf_counter() - started
            burst_cpu = cpu_seconds(child.pid) - cpu_before
            # Idle: every phone holds a live-update connection.
            opened = asyncio.Event()
            count = [0]
            streams = [asyncio.create_task(hold_stream(session, url, opened, count, phones)) for _ in range(phones)]
            await asyncio.wait_for(opened.wait(), 60)
            await asyncio.sleep(1.0)
            cpu0, wall0 = cpu_seconds(child.pid), time.perf_counter()
            await asyncio.sleep(idle)
            cpu1, wall1 = cpu_seconds(child.pid), time.perf_counter()
            for task in streams:
                task.cancel()
            await asyncio.gather(*streams, return_exceptions=True)
        child.send_signal(signal.SIGTERM)
        said = (await child.stderr.read()).decode()
        await child.wait()
        found = re.search(r"(\d+) commits", said)
        commits = int(found.group(1)) if found else -1
        with ProjectFile.open(path, read_only=True) as pf:
            project = pf.load()
        stored = {n.id for w in project.walls for n in w.notes.values() if n.source == "phone"}
        lost = len(answered - stored)
        ms = sorted(x * 1000 for x in latencies)
        p50 = statistics.median(ms)
        p95 = ms[int(len(ms) * 0.95) - 1]
        print(f"phones {phones} x notes {notes}: {len(answered)} answered 201 of {phones * notes}")
        print(f"POST -> 201: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target < 100), max {ms[-1]:.1f} ms")
        print(
            f"notes committed per second: {len(answered) / elapsed:.0f} "
            f"(burst took {elapsed:.2f} s; server CPU {burst_cpu:.2f} s)"
        )
        print(f"commits: {commits} for {len(answered)} notes, {commits / elapsed:.0f} per second of the burst")
        print(f"notes lost: {lost} (target 0); in the file: {len(stored)}")
        share = (cpu1 - cpu0) / (wall1 - wall0) * 100
        print(f"idle with {count[0]} SSE connections: {share:.2f}% of a core over {wall1 - wall0:.1f} s (target < 2%)")
        print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=150)
    parser.add_argument("--notes", type=int, default=10)
    parser.add_argument("--idle", type=float, default=30.0)
    args = parser.parse_args()
    asyncio.run(main(args.phones, args.notes, args.idle))
