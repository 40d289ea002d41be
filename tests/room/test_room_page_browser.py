"""The phone page in a real browser: Debian's Chromium driven by Playwright, at a phone's 390 x 844.

Playwright's own browser download is not used (and not reachable): it drives /usr/bin/chromium, which
.ci/run installs. Everything runs on loopback, on the test's own asyncio loop, beside the room server,
which runs on the real edit path over the demo event (a note sent is a note in the project's model).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core.clock import SystemClock
from facilitator.core.run import Run
from facilitator.edits import AddRound, Editor
from facilitator.room.editor_backend import EditorBackend
from facilitator.store import ProjectFile

pytestmark = pytest.mark.asyncio

PHONE = {"width": 390, "height": 844}
AXE = Path(__file__).resolve().parents[1] / "data" / "axe" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def editor(demo_file):
    store = ProjectFile.open(demo_file)
    yield Editor(store)
    store.close()


@pytest.fixture
def backend(editor):
    """The real backend: the demo's first item with a question running, a round of 3 dots open to phones."""
    project = editor.project
    item = next(i for i in project.agenda if i.diamond_id and i.wall_id)
    run = Run(project.event, project.agenda, SystemClock())
    run.start(project.agenda.index(item))
    editor.apply(AddRound(item.wall_id, "r-phones", "Round 1", 3))
    return EditorBackend(editor, item.wall_id, run=lambda: run, round_id="r-phones")


def phone_notes(backend) -> dict:
    return {i: n for i, n in backend.wall.notes.items() if n.source == "phone"}


async def open_phone(browser, url: str):
    context = await browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    await page.goto(url)
    await page.get_by_text("Connected to the room.").wait_for()
    return page, errors


async def send_note(page, text: str) -> None:
    await page.get_by_label("Your idea").fill(text)
    await page.get_by_role("button", name="Send", exact=True).click()


async def wait_until(page, predicate, timeout_ms: int = 5000) -> None:
    """Poll a Python condition while the page and the server keep running (no fixed sleeps)."""
    waited = 0
    while not predicate():
        assert waited < timeout_ms, "the condition did not come true in time"
        await page.wait_for_timeout(50)
        waited += 50


async def test_a_phone_joins_sends_a_note_votes_and_still_lists_its_notes_after_a_reload(browser, live_room, backend):
    page, errors = await open_phone(browser, live_room.url)
    project = backend.editor.project
    item = next(i for i in project.agenda if i.diamond_id and i.wall_id)
    assert await page.locator("h1").text_content() == item.title
    assert await page.locator("#item-question").text_content() == project.diamond(item.diamond_id).question
    assert (await page.locator("#time-left").text_content()).endswith(" left")

    group = project.groups[0].name
    await page.get_by_label("Your name").fill("Sam")
    await page.get_by_label("Your group").select_option(group)
    await send_note(page, "Shade over the benches")
    await wait_until(page, lambda: len(phone_notes(backend)) == 1)
    note = next(iter(phone_notes(backend).values()))
    assert (note.text, note.author, note.group, note.status) == ("Shade over the benches", "Sam", group, "shown")
    sent = page.locator("#sent-list li")
    await sent.filter(has_text="Sent").wait_for()

    vote = page.get_by_role("button", name="Add a dot to: Shade over the benches")
    await vote.click()
    dots = backend.wall.round("r-phones").dots
    await wait_until(page, lambda: len(dots) == 1)
    dot = next(iter(dots.values()))
    assert dot.target_id == note.id and dot.voter.startswith("phone:")
    assert backend.dots_used(dot.voter.removeprefix("phone:")) == 1
    await page.get_by_text("You have 2 of 3 dots left.").wait_for()

    await page.reload()
    await page.get_by_text("Connected to the room.").wait_for()
    assert await sent.count() == 1
    assert "Shade over the benches" in await sent.first.text_content()
    assert "Sent" in await sent.first.text_content()
    await page.get_by_text("You have 2 of 3 dots left.").wait_for()

    # A wrong tap: the phone takes its own dot back (kept across the reload), and the dot is free again.
    await page.get_by_role("button", name="Take a dot back from: Shade over the benches").click()
    await wait_until(page, lambda: len(dots) == 0)
    await page.get_by_text("You have 3 of 3 dots left.").wait_for()
    assert await page.get_by_role("button", name="Take a dot back from: Shade over the benches").count() == 0
    assert errors == []


async def test_a_note_typed_while_the_laptop_is_away_arrives_exactly_once(browser, live_room, backend):
    page, errors = await open_phone(browser, live_room.url)
    await live_room.stop()
    await page.get_by_text("Not connected", exact=False).wait_for()
    await send_note(page, "Typed while the laptop was away")
    await page.get_by_text("Waiting to send", exact=False).wait_for()
    assert phone_notes(backend) == {}

    await live_room.start()
    await page.locator("#sent-list li").filter(has_text="Sent").wait_for(timeout=15000)
    texts = [n.text for n in phone_notes(backend).values()]
    assert texts == ["Typed while the laptop was away"]
    # Waking the phone again (visibilitychange/pageshow) sends nothing twice.
    await page.reload()
    await page.get_by_text("Connected to the room.").wait_for()
    assert [n.text for n in phone_notes(backend).values()] == ["Typed while the laptop was away"]
    assert errors == []


async def test_the_page_has_no_accessibility_violations(browser, live_room, backend):
    page, _errors = await open_phone(browser, live_room.url)
    await send_note(page, "A bus stop by the gate")
    await page.locator("#sent-list li").filter(has_text="Sent").wait_for()
    await page.get_by_role("button", name="Add a dot to: A bus stop by the gate").click()
    await page.get_by_role("button", name="Take a dot back from: A bus stop by the gate").wait_for()
    await page.evaluate(AXE.read_text(encoding="utf-8"))
    result = await page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    assert violations == []
    assert len(result["passes"]) > 10


async def test_the_page_fits_a_320_pixel_screen(browser, live_room, backend):
    context = await browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True)
    page = await context.new_page()
    await page.goto(live_room.url)
    await page.get_by_text("Connected to the room.").wait_for()
    assert await page.evaluate("document.documentElement.scrollWidth") <= 320
