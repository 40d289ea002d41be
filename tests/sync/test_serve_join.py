"""Two ``facilitator serve`` processes: a room, and a spare laptop that joins it with the phones' URL.

A phone's note posted to the room reaches the joined laptop's file; an edit made on the joined
laptop's file while it was away reaches the room's file when it joins again. Everything is waited
for against a deadline by looking at the files, never by sleeping a fixed time.

Both processes hold their file with SQLite's exclusive lock (no second program may open it), so a
file is looked at through a copy of its bytes (and journal), opened read-only; a copy taken in the
middle of a write does not open and is simply taken again.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from facilitator.core.project import Project
from facilitator.core.wall import Note, Wall
from facilitator.edits import Editor, Update
from facilitator.store import ProjectError, ProjectFile

REPO = Path(__file__).resolve().parents[2]
DEADLINE = 60.0


class Serve:
    """One ``python -m facilitator serve`` with its output read line by line against a deadline."""

    def __init__(self, *args: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "facilitator", "serve", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=REPO,
            # Unbuffered: a buffered readline takes in every line that has arrived, and select() then
            # waits on the pipe for lines already read (seen once: "In sync" arrived with the line
            # before it, and the test waited out its deadline). A raw readline never reads past its line.
            bufsize=0,
        )
        self.err: list[str] = []

    def first_line(self) -> str:
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], DEADLINE)
        assert ready, f"no first line; stderr so far: {self.err}"
        return self.proc.stdout.readline().decode().strip()

    def wait_for_err(self, wanted: str) -> str:
        """The first stderr line containing ``wanted`` (every line read is kept in ``err``)."""
        assert self.proc.stderr is not None
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stderr], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                break
            line = self.proc.stderr.readline().decode().strip()
            if not line and self.proc.poll() is not None:
                break
            self.err.append(line)
            if wanted in line:
                return line
        raise AssertionError(f"never said {wanted!r}; it said: {self.err}")

    def stop(self) -> int:
        """Ctrl+C, as a person stops it: the file is closed cleanly."""
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(DEADLINE)
        finally:
            for stream in (self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    stream.close()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def peek(path: Path, scratch: Path) -> Project | None:
    """The file as it is now, read from a copy (the serving process holds the file itself); None mid-write."""
    scratch.mkdir(exist_ok=True)
    copy = scratch / path.name
    for leftover in scratch.iterdir():
        leftover.unlink()
    try:
        shutil.copyfile(path, copy)
        journal = path.with_name(path.name + "-journal")
        if journal.exists():
            shutil.copyfile(journal, copy.with_name(copy.name + "-journal"))
        with ProjectFile.open(copy, read_only=True) as pf:
            return pf.load()
    except (ProjectError, OSError):
        return None


def until_file(path: Path, scratch: Path, check: Callable[[Project], bool]) -> Project:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        project = peek(path, scratch)
        if project is not None and check(project):
            return project
        time.sleep(0.05)  # a poll interval, not a wait for something to be done: the deadline decides
    raise AssertionError(f"{path.name} never showed it")


def has_note(note_id: str, text: str | None = None) -> Callable[[Project], bool]:
    def check(project: Project) -> bool:
        wall = project.wall_of_note(note_id)
        return wall is not None and (text is None or wall.notes[note_id].text == text)

    return check


def post_note(url: str, note_id: str, text: str) -> int:
    body = json.dumps({"id": note_id, "text": text, "phone": "phone-7f3a7f3a"}).encode()
    request = urllib.request.Request(
        url + "notes", data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=DEADLINE) as response:
        return response.status


def test_a_spare_laptop_joined_with_the_phones_url_gets_a_phones_note_and_sends_its_own_edit(tmp_path):
    room_path, spare_path = tmp_path / "room.facil", tmp_path / "spare.facil"
    wall = Wall("Ideas", id="w1")
    wall.add_note(Note("seed", id="seed", x=0, y=0))
    with ProjectFile.create(room_path, Project(walls=[wall])) as pf:
        pf.save_copy_as(spare_path)  # the same event, its own replica
    scratch = tmp_path / "scratch"
    room = Serve(str(room_path), "--bind", "127.0.0.1", "--port", "0", "--let-laptops-in", "--name", "Ana")
    spare: Serve | None = None
    try:
        url = room.first_line()
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        room.wait_for_err("are let in")
        spare = Serve(str(spare_path), "--join", url, "--name", "Table 2")
        assert spare.first_line() == url  # the phones' join URL is all it needed
        spare.wait_for_err("In sync with Ana's room.")

        assert post_note(url, "note-from-phone-1", "From a phone in the room") == 201
        until_file(spare_path, scratch, has_note("note-from-phone-1", "From a phone in the room"))

        # the spare laptop goes away, its file is edited, and it joins again: the edit reaches the room
        assert spare.stop() == 0
        with ProjectFile.open(spare_path) as pf:
            Editor(pf).apply(Update("note", "seed", (("text", "edited on the spare laptop"),)))
        spare = Serve(str(spare_path), "--join", url, "--name", "Table 2")
        spare.first_line()
        spare.wait_for_err("In sync with Ana's room.")
        project = until_file(room_path, scratch, has_note("seed", "edited on the spare laptop"))
        assert project.wall_of_note("note-from-phone-1") is not None  # and nothing was lost on the way
        assert spare.stop() == 0
        assert room.stop() == 0
    finally:
        room.kill()
        if spare is not None:
            spare.kill()
    with ProjectFile.open(spare_path, read_only=True) as pf:  # closed cleanly: everything is in the file
        notes = pf.load().wall("w1").notes
    assert notes["seed"].text == "edited on the spare laptop" and "note-from-phone-1" in notes
