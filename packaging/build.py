"""Build the Facilitator desktop bundle for the platform this runs on.

    python packaging/build.py DEST             # the bundle lands in DEST/facilitator/
    python packaging/build.py DEST --archive   # and the one download: DEST/facilitator-VERSION-OS-ARCH.tar.gz (.zip)

Needs PyInstaller (``pip install -e '.[bundle]'``). The work folder lives inside
DEST too, so nothing is written into the source tree. Prints the bundle's
unpacked size and how long the build took; exits non-zero if PyInstaller failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "packaging" / "facilitator.spec"
LINUX_FILES = REPO / "packaging" / "linux"


def folder_size(path: Path) -> int:
    """Bytes of all files under ``path`` (symlinks counted once, as the link)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            total += os.lstat(os.path.join(root, name)).st_size
    return total


def bundle_dir(dest: Path) -> Path:
    """The folder to ship: ``Facilitator.app`` on macOS, else the one-folder bundle."""
    if sys.platform == "darwin":
        return dest / "Facilitator.app"
    return dest / "facilitator"


def executable(dest: Path) -> Path:
    """The command-line executable inside the bundle."""
    if sys.platform == "win32":
        return dest / "facilitator" / "facilitator.exe"
    if sys.platform == "darwin":
        return dest / "Facilitator.app" / "Contents" / "MacOS" / "facilitator"
    return dest / "facilitator" / "facilitator"


def strip_python(bundle: Path) -> int:
    """Strip debug symbols from libpython and the standard library's extension modules; return bytes saved.

    Only these: the interpreter build here keeps its symbols (~17 MB in libpython),
    while the Qt and pillow wheels come stripped, and stripping a library that
    auditwheel patched can break it. Skipped when binutils' ``strip`` is missing.
    """
    strip = shutil.which("strip")
    if strip is None:
        return 0
    internal = bundle / "_internal"
    targets = [p for p in internal.glob("libpython3*.so*") if not p.is_symlink()]
    targets += sorted((internal / f"python{sys.version_info.major}.{sys.version_info.minor}").rglob("*.so"))
    before = sum(p.stat().st_size for p in targets)
    for path in targets:
        subprocess.run([strip, "--strip-unneeded", str(path)], check=True)
    return before - sum(p.stat().st_size for p in targets)


def add_linux_desktop_files(bundle: Path) -> None:
    """The .desktop entry, AppStream metainfo, MIME type and installer script beside the executable."""
    share = bundle / "share"
    share.mkdir(exist_ok=True)
    for name in ("facilitator.desktop", "org.facilitator.Facilitator.metainfo.xml", "facilitator-mime.xml"):
        shutil.copy2(LINUX_FILES / name, share / name)
    installer = bundle / "install-desktop-entry.sh"
    shutil.copy2(LINUX_FILES / "install-desktop-entry.sh", installer)
    installer.chmod(0o755)


def archive(bundle: Path) -> Path:
    """The bundle packed as one download: a .zip on Windows and macOS, a .tar.gz on Linux (keeps modes)."""
    sys.path.insert(0, str(REPO))
    from facilitator import __version__

    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    base = bundle.parent / f"facilitator-{__version__}-{system}-{platform.machine().lower()}"
    if system == "macos":
        # ditto keeps the .app's symbolic links (zipfile would copy each one as a file).
        packed = Path(f"{base}.zip")
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(bundle), str(packed)], check=True)
        return packed
    kind = "gztar" if system == "linux" else "zip"
    return Path(shutil.make_archive(str(base), kind, root_dir=bundle.parent, base_dir=bundle.name))


def build(dest: Path, *, clean: bool = True) -> Path:
    """Run PyInstaller on the spec into ``dest``; return the bundle folder."""
    if importlib.util.find_spec("PyInstaller") is None:
        raise SystemExit("build.py: PyInstaller is not installed; run: pip install -e '.[bundle]'")
    dest = dest.resolve()
    if dest.is_relative_to(REPO):
        raise SystemExit(f"build.py: build outside the source tree, not in {dest}")
    dest.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dest),
        "--workpath",
        str(dest / "work"),
    ]
    if clean:
        command.append("--clean")
    subprocess.run(command, check=True, cwd=dest)
    shutil.rmtree(dest / "work", ignore_errors=True)
    bundle = bundle_dir(dest)
    if sys.platform.startswith("linux"):
        strip_python(bundle)
        add_linux_desktop_files(bundle)
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Facilitator bundle for this platform.")
    parser.add_argument("dest", type=Path, help="where to put the bundle (outside the source tree)")
    parser.add_argument("--keep-cache", action="store_true", help="reuse PyInstaller's cache (faster rebuilds)")
    parser.add_argument("--archive", action="store_true", help="also pack the bundle as one download")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        bundle = build(args.dest, clean=not args.keep_cache)
    except subprocess.CalledProcessError as exc:
        print(f"build.py: PyInstaller failed (exit {exc.returncode})", file=sys.stderr)
        return 1
    seconds = time.monotonic() - started
    size = folder_size(bundle)
    print(f"bundle: {bundle}")
    print(f"size: {size / 1e6:.1f} MB unpacked")
    print(f"build time: {seconds:.0f} s")
    if args.archive:
        packed = archive(bundle)
        print(f"archive: {packed} ({packed.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
