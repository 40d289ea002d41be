"""Remake the phone page screenshots in docs/ (390 x 844, Debian's Chromium through Playwright).

    PYTHONPATH=. python docs/grab_room_page.py

The demo event, with its first discussion item running and a vote round open, served on loopback by
the real room server and edit path; a phone sends a note and places a dot.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from facilitator.core.clock import SystemClock  # noqa: E402
from facilitator.core.run import Run  # noqa: E402
from facilitator.demo import demo_project  # noqa: E402
from facilitator.edits import AddNote, AddRound, Editor  # noqa: E402
from facilitator.room.editor_backend import EditorBackend  # noqa: E402
from facilitator.room.server import RoomServer  # noqa: E402
from facilitator.store import ProjectFile  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


async def main() -> None:
    from playwright.async_api import async_playwright

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.facil"
        ProjectFile.create(path, demo_project()).close()
        store = ProjectFile.open(path)
        editor = Editor(store)
        project = editor.project
        item = next(i for i in project.agenda if i.diamond_id and i.wall_id)
        wall = project.wall(item.wall_id)
        editor.apply(AddRound(wall.id, "phones-round", "Which matter most?", 3))
        for i, text in enumerate(["Walking meetings on the ward", "A bike shed by the staff entrance"]):
            editor.apply(AddNote(wall.id, f"grab-note-{i:04d}", text, source="phone"))
        run = Run(project.event, project.agenda, SystemClock())
        run.start(project.agenda.index(item))
        backend = EditorBackend(editor, wall.id, run=lambda: run, round_id="phones-round")
        room = RoomServer(backend, host="127.0.0.1", port=0)
        url = await room.start()
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            context = await browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            page = await context.new_page()
            await page.goto(url)
            await page.get_by_text("Connected to the room.").wait_for()
            await page.get_by_label("Your name").fill("Priya")
            await page.get_by_label("Your idea").fill("Stretch breaks between handovers")
            await page.get_by_role("button", name="Send", exact=True).click()
            await page.locator("#sent-list li").filter(has_text="Sent").wait_for()
            await page.evaluate("window.scrollTo(0, 0)")
            await page.screenshot(path=str(REPO / "docs" / "room-phone.png"))
            await page.get_by_role("button", name="Add a dot to: Walking meetings on the ward").click()
            await page.get_by_text("You have 2 of 3 dots left.").wait_for()
            await page.locator("#voting").scroll_into_view_if_needed()
            await page.screenshot(path=str(REPO / "docs" / "room-phone-vote.png"))
            await browser.close()
        await room.stop()
        store.close()
    print("wrote docs/room-phone.png and docs/room-phone-vote.png", dt.datetime.now().strftime("%H:%M"))


if __name__ == "__main__":
    asyncio.run(main())
