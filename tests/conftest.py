"""Shared fixtures: every test runs offscreen, with its own user folders."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"


@pytest.fixture(autouse=True)
def user_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep settings, logs and the first-run demo out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FACILITATOR_HOME", str(home))
    return home


@pytest.fixture
def demo_project():
    from facilitator.demo import demo_project as build

    return build()


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    """A fresh demo event on disk (closed, so the test may open it as it likes)."""
    from facilitator.demo import demo_project as build
    from facilitator.store import ProjectFile

    path = tmp_path / "demo.facil"
    ProjectFile.create(path, build()).close()
    return path


@pytest.fixture
def qloop(qapp):
    """A qasync loop, as the app runs: the room server and the laptops' link must work on it without a thread."""
    import asyncio

    import qasync

    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    asyncio.set_event_loop(None)
    loop.close()


@pytest.fixture
def shared_data() -> Path:
    """Sample inputs (multilingual notes, a phone photo), copied into the repository so any clone can run."""
    return DATA / "samples"


# pytest-asyncio (pulled in by pytest-aiohttp, in the [test] extra) reads these keys from pyproject. In an older
# environment without it, --strict-config would refuse them as unknown, so they are declared here instead.
HAVE_ASYNC_PLUGINS = importlib.util.find_spec("pytest_asyncio") is not None and (
    importlib.util.find_spec("pytest_aiohttp") is not None
)
ASYNC_INI_KEYS = ["asyncio_mode", "asyncio_default_fixture_loop_scope", "asyncio_default_test_loop_scope"]


def pytest_addoption(parser: pytest.Parser) -> None:
    if importlib.util.find_spec("pytest_asyncio") is None:
        for key in ASYNC_INI_KEYS:
            parser.addini(key, "used by pytest-asyncio (not installed here)")


def pytest_configure(config: pytest.Config) -> None:
    if importlib.util.find_spec("pytest_asyncio") is None:
        config.addinivalue_line("markers", "asyncio: runs on an asyncio loop (pytest-asyncio; not installed here)")


def _needs_async_plugins(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    return item.get_closest_marker("asyncio") is not None or "aiohttp_client" in names or "aiohttp_server" in names


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out the bundle check (it builds the desktop bundle) unless FACILITATOR_BUNDLE_CHECK=1 asks for it.

    Deselected rather than skipped, so a run without it never reports it as passing. The room server's
    async tests are left out the same way, loudly, where pytest-aiohttp is not installed (CI installs it
    through the [test] extra).
    """
    if not HAVE_ASYNC_PLUGINS:
        left_out = [item for item in items if _needs_async_plugins(item)]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if not _needs_async_plugins(item)]
            config.stash[_LEFT_OUT] = len(left_out)
    if os.environ.get("FACILITATOR_BUNDLE_CHECK") == "1":
        return
    left_out = [item for item in items if item.get_closest_marker("bundle")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("bundle")]


_LEFT_OUT = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    count = config.stash.get(_LEFT_OUT, 0)
    if count:
        terminalreporter.write_line(
            f"{count} room server tests left out: pytest-aiohttp is not installed (pip install -e '.[test]')",
            yellow=True,
        )


@pytest.fixture
def document(demo_file: Path, qtbot):
    """The demo event open for editing, as the app holds it: model, file and undo stack."""
    from facilitator.store import ProjectFile
    from facilitator.ui.document import Document

    doc = Document(ProjectFile.open(demo_file))
    yield doc
    doc.close()
