"""The Linux desktop bundle, built here and run as a facilitator would run it.

Builds with packaging/build.py into a temporary folder outside the source tree,
then runs the bundled executable with a clean environment (no virtualenv on
PATH, no PYTHONPATH, a fresh HOME, the working folder outside the repo) and Qt
offscreen. Collected only with FACILITATOR_BUNDLE_CHECK=1 (tests/conftest.py
deselects it otherwise): ``FACILITATOR_BUNDLE_CHECK=1 .venv/bin/python -m pytest -m bundle``.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import time
from pathlib import Path
from types import ModuleType

import pytest
from pypdf import PdfReader

from tests.conftest import REPO

pytestmark = pytest.mark.bundle


def _load_build_script() -> ModuleType:
    """packaging/build.py, loaded by path (``packaging`` is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("facilitator_packaging_build", REPO / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle_build = _load_build_script()
STARTUP_DEADLINE_S = 60.0


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly built bundle; returns its command-line executable."""
    dest = tmp_path_factory.mktemp("bundle")
    assert not dest.resolve().is_relative_to(REPO)
    started = time.monotonic()
    folder = bundle_build.build(dest)
    print(f"\nbuilt {folder} in {time.monotonic() - started:.0f} s, {bundle_build.folder_size(folder) / 1e6:.1f} MB")
    exe = bundle_build.executable(dest)
    assert exe.is_file(), f"no executable at {exe}"
    return exe


@pytest.fixture
def room(tmp_path: Path) -> Path:
    """A working folder and home for one run, outside the source tree."""
    (tmp_path / "home").mkdir()
    return tmp_path


def clean_env(room: Path) -> dict[str, str]:
    """What a facilitator's session has: no virtualenv, no PYTHONPATH, their own HOME, a UTF-8 locale."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(room / "home"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }


def run(exe: Path, room: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(exe), *args], cwd=room, env=clean_env(room), capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{args}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def test_every_resource_is_in_the_bundle(bundle: Path) -> None:
    source = REPO / "resources"
    bundled = bundle.parent / "_internal" / "resources"
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    shipped = {p.relative_to(bundled) for p in bundled.rglob("*") if p.is_file()}
    assert wanted, "resources/ is empty"
    assert sorted(map(str, wanted - shipped)) == []
    for rel in wanted:
        assert (bundled / rel).read_bytes() == (source / rel).read_bytes(), f"{rel} differs in the bundle"


def test_version_demo_info_and_pack_export_run_from_the_bundle(bundle: Path, room: Path) -> None:
    from facilitator import __version__

    assert run(bundle, room, "--version").stdout.strip() == f"Facilitator {__version__}"

    run(bundle, room, "demo", "out.facil")
    assert (room / "out.facil").is_file()

    summary = json.loads(run(bundle, room, "info", "out.facil", "--json").stdout)
    assert summary["event"]["title"].startswith("Moving Together")
    assert len(summary["agenda"]) > 5
    assert {wall["name"] for wall in summary["walls"]}

    run(bundle, room, "export", "out.facil", "--kind", "pack", "-o", "out.pdf")
    pdf = PdfReader(room / "out.pdf")
    assert len(pdf.pages) >= 2
    assert "Moving Together" in pdf.pages[0].extract_text()


def test_render_runs_from_the_bundle(bundle: Path, room: Path) -> None:
    from PIL import Image

    run(bundle, room, "demo", "out.facil")
    said = run(bundle, room, "render", "out.facil", "--view", "console", "-o", "console.png").stdout
    with Image.open(room / "console.png") as image:
        assert f"({image.width}x{image.height})" in said
        assert len(image.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 10, "the render is blank"


def test_opening_a_project_given_as_argument_opens_it_in_the_app(bundle: Path, room: Path) -> None:
    """What double-clicking a .facil does on Linux and Windows: the app starts with the path as argv[1]."""
    run(bundle, room, "demo", "mine.facil")
    project = (room / "mine.facil").resolve()
    log = room / "home" / ".local" / "state" / "Facilitator" / "log" / "facilitator.log"
    output = room / "app-output.txt"
    with (
        output.open("wb") as out,
        subprocess.Popen(
            [str(bundle), str(project)], cwd=room, env=clean_env(room), stdout=out, stderr=subprocess.STDOUT
        ) as app,
    ):
        try:
            deadline = time.monotonic() + STARTUP_DEADLINE_S
            while app.poll() is None and time.monotonic() < deadline:
                if log.is_file() and f"started on {project}" in log.read_text(encoding="utf-8"):
                    break
                time.sleep(0.2)  # polling for the log line, up to a deadline; not a timing assumption
            assert app.poll() is None, f"the app exited with {app.returncode}: {output.read_text(errors='replace')}"
            assert log.is_file(), "the app wrote no log"
            assert f"started on {project}" in log.read_text(encoding="utf-8")
            recent_file = room / "home" / ".config" / "Facilitator" / "recent.json"
            assert json.loads(recent_file.read_text(encoding="utf-8"))[0] == str(project)
        finally:
            app.terminate()
            app.wait(timeout=30)


def test_the_linux_bundle_installs_its_desktop_entry_without_admin_rights(bundle: Path, room: Path) -> None:
    """install-desktop-entry.sh puts the menu entry, icons and .facil type under the user's own folders."""
    subprocess.run(["sh", str(bundle.parent / "install-desktop-entry.sh")], env=clean_env(room), check=True)
    share = room / "home" / ".local" / "share"
    desktop = (share / "applications" / "facilitator.desktop").read_text(encoding="utf-8")
    assert f'Exec="{bundle}" %f' in desktop
    assert "MimeType=application/x-facilitator;" in desktop
    assert (share / "mime" / "packages" / "facilitator-mime.xml").is_file()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "facilitator.png").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / "facilitator.svg").is_file()


def test_the_apps_export_runs_in_a_child_process_of_the_bundle(bundle: Path, room: Path) -> None:
    """The window exports in a spawned process; a frozen program must route that child to the worker."""
    run(bundle, room, "demo", "out.facil")
    env = {**clean_env(room), "FACILITATOR_BUNDLE_SELF_CHECK": "export-process"}
    result = subprocess.run(
        [str(bundle), "out.facil", "pack.pdf"], cwd=room, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "export process: done" in result.stdout
    assert len(PdfReader(room / "pack.pdf").pages) >= 2


def test_the_linux_bundle_stays_under_200_mb_unpacked(bundle: Path) -> None:
    size = bundle_build.folder_size(bundle.parent)
    assert size < 200e6, f"the bundle is {size / 1e6:.0f} MB: what did PyInstaller add? (packaging/bundle_filter.py)"
