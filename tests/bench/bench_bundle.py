"""How big the desktop bundle is, how long it takes to build, and how fast its commands start.

    .venv/bin/python tests/bench/bench_bundle.py [--runs N]

Builds the bundle for this platform into a temporary folder (packaging/build.py),
prints its unpacked size, the biggest parts, the build time, then the median
wall time of ``--version``, ``info --json`` and ``export --kind pack`` run from the
bundle with a clean environment (Linux). Needs ``pip install -e '.[bundle]'``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def load_build_script():
    spec = importlib.util.spec_from_file_location("facilitator_packaging_build", REPO / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def biggest_parts(bundle: Path, build, count: int = 8) -> list[tuple[int, str]]:
    """The largest top-level groups inside the bundle (a folder counts as one)."""
    internal = bundle / "_internal"
    parts = []
    for child in internal.iterdir():
        size = build.folder_size(child) if child.is_dir() else os.lstat(child).st_size
        parts.append((size, child.name))
    qt = internal / "PySide6" / "Qt"
    if qt.is_dir():
        for sub in ("lib", "plugins"):
            if (qt / sub).exists():
                parts.append((build.folder_size(qt / sub), f"  of which PySide6/Qt/{sub}"))
    return sorted(parts, reverse=True)[:count]


def timed(command: list[str], cwd: Path, env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (median reported)")
    args = parser.parse_args()
    build = load_build_script()
    with tempfile.TemporaryDirectory(prefix="facilitator-bundle-") as tmp:
        dest = Path(tmp)
        started = time.monotonic()
        bundle = build.build(dest / "out")
        build_s = time.monotonic() - started
        exe = build.executable(dest / "out")
        print(f"build time: {build_s:.1f} s")
        print(f"bundle size: {build.folder_size(bundle) / 1e6:.1f} MB unpacked")
        for size, name in biggest_parts(bundle, build):
            print(f"  {size / 1e6:7.1f} MB  {name}")
        room = dest / "room"
        (room / "home").mkdir(parents=True)
        env = {"PATH": "/usr/bin:/bin", "HOME": str(room / "home"), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
        subprocess.run([str(exe), "demo", "demo.facil"], cwd=room, env=env, check=True, capture_output=True)
        for label, command in (
            ("--version", ["--version"]),
            ("info --json", ["info", "demo.facil", "--json"]),
            ("export --kind pack", ["export", "demo.facil", "--kind", "pack", "-o", "pack.pdf"]),
        ):
            seconds = timed([str(exe), *command], room, env, args.runs)
            print(f"{label:20s} median {seconds * 1000:6.0f} ms over {args.runs} runs")
    print(f"load average: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
