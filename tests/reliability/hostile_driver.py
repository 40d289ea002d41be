"""Run every command on one hostile case, in this process, and report what each did as JSON lines.

``python -m tests.reliability.hostile_driver WORK_FOLDER CASE_FOLDER=EXPECT ...``

Each command gets a fresh copy of the case folder. The parent
(``test_hostile_files.py``) starts this under a memory limit; a command that
runs longer than ``FACILITATOR_HOSTILE_ALARM`` seconds (default 30) is
killed by SIGALRM, so a hang shows as a signal with the command's name as
the last "start" line. The judgement (one line, bytes kept) is made here,
where the bytes are.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import signal
import stat
import sys
import time
from pathlib import Path

from facilitator.commands.render import VIEWS as RENDER_VIEWS
from facilitator.export.outputs import KINDS, suffix

NAME = "x.facil"
# Every export kind and render view the CLI knows, so a new one is met by the corpus at once.
EXPORTS = {kind: suffix(kind) for kind in KINDS}
VIEWS = tuple(sorted(RENDER_VIEWS))
WALL = "Barriers"
COMMANDS = (
    ["info", "info-json"] + [f"export-{k}" for k in EXPORTS] + [f"render-{v}" for v in VIEWS] + ["import-notes", "app"]
)
EDITS = {
    "import-notes",
    "app",
}  # may change the file when they succeed (an import; the app migrates or applies a journal)


def copy_case(source: Path, target: Path) -> None:
    """Copy a case folder keeping links, pipes and folders as they are (shutil would open a pipe and hang)."""
    target.mkdir(parents=True)
    for entry in os.scandir(source):
        dest = target / entry.name
        st = os.lstat(entry.path)
        if stat.S_ISLNK(st.st_mode):
            dest.symlink_to(os.readlink(entry.path))
        elif stat.S_ISFIFO(st.st_mode):
            os.mkfifo(dest)
        elif stat.S_ISDIR(st.st_mode):
            copy_case(Path(entry.path), dest)
        else:
            shutil.copyfile(entry.path, dest)


def digest(path: Path) -> str | None:
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return "not a file"
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def argv_for(command: str, project: Path, out: Path, notes: Path) -> list[str]:
    if command == "info":
        return ["info", str(project)]
    if command == "info-json":
        return ["info", str(project), "--json"]
    if command.startswith("export-"):
        kind = command.removeprefix("export-")
        extra = ["--wall", WALL] if kind in ("session", "poster") else []
        return ["export", str(project), "--kind", kind, *extra, "-o", str(out / f"{kind}{EXPORTS[kind]}")]
    if command.startswith("render-"):
        view = command.removeprefix("render-")
        extra = ["--wall", WALL] if view == "wall" else ["--message", "Back at 11"] if view == "message" else []
        return ["render", str(project), "--view", view, *extra, "-o", str(out / f"{view}.png")]
    if command == "import-notes":
        return ["import-notes", str(project), str(notes), "--wall", "Imported"]
    raise ValueError(command)


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    from facilitator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
        except BaseException as exc:  # anything escaping main is a failure: show it as a traceback would
            import traceback

            traceback.print_exc()
            code = f"raised {type(exc).__name__}"
    return code, out.getvalue(), err.getvalue()


def run_app(project: Path) -> tuple[int, str, str]:
    """Open the project in the main window, as File > Open does; a refusal must be a message box."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from facilitator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    messages: list[str] = []

    def warning(parent, title, text, *args, **kwargs):
        messages.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    QMessageBox.warning = staticmethod(warning)  # type: ignore[method-assign]
    QMessageBox.critical = staticmethod(warning)  # type: ignore[method-assign]
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            window = MainWindow()
            opened = window.open_path(project)
            if opened and window.document is not None:
                window.document.close()
                window.document = None
            window.deleteLater()
            app.processEvents()
        except BaseException as exc:
            import traceback

            traceback.print_exc()
            return f"raised {type(exc).__name__}", "", err.getvalue()
    if opened:
        return 0, "", err.getvalue()
    return 1, "", "\n".join(messages) + "\n" if messages else err.getvalue()


def judge(command: str, expect: str, code, stderr: str, before: dict, after: dict) -> list[str]:
    problems = []
    if "Traceback" in stderr or not isinstance(code, int):
        problems.append("traceback or exception")
    if code not in (0, 1):
        problems.append(f"exit {code}")
    if code == 1:
        lines = stderr.splitlines()
        if len(lines) != 1:
            problems.append(f"{len(lines)} lines on stderr")
        if "unexpected problem" in stderr:
            problems.append("an unexpected error, not a refusal")
    if expect == "open" and code != 0:
        problems.append("refused a file that must open")
    if expect == "refuse" and code == 0:
        problems.append("accepted a file that must be refused")
    changed = before["project"] != after["project"]
    if changed and not (command in EDITS and code == 0):
        problems.append("the project's bytes changed")
    new_names = set(after["names"]) - set(before["names"])
    if command not in EDITS or code != 0:
        unexpected = [n for n in new_names if ".refused-" not in n]
        if unexpected:
            problems.append(f"left {sorted(unexpected)} beside the project")
    return problems


def run_case(case: Path, work: Path, expect: str, commands: list[str], alarm: int) -> None:
    notes = work / "notes.txt"
    work.mkdir(parents=True, exist_ok=True)
    notes.write_text("An imported note\nAnother one\n", encoding="utf-8")
    for command in commands:
        folder = work / command
        copy_case(case, folder)
        out = work / f"{command}-out"
        out.mkdir()
        project = folder / NAME
        before = {"project": digest(project), "names": sorted(os.listdir(folder))}
        print(json.dumps({"case": case.name, "start": command}), flush=True)
        started = time.perf_counter()
        signal.alarm(alarm)
        if command == "app":
            code, _stdout, stderr = run_app(project)
        else:
            code, _stdout, stderr = run_cli(argv_for(command, project, out, notes))
        signal.alarm(0)
        seconds = time.perf_counter() - started
        after = {"project": digest(project), "names": sorted(os.listdir(folder))}
        problems = judge(command, expect, code, stderr, before, after)
        record = {
            "case": case.name,
            "command": command,
            "code": code if isinstance(code, int) else str(code),
            "stderr": stderr[-2000:],
            "seconds": round(seconds, 3),
            "problems": problems,
        }
        print(json.dumps(record), flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


def main() -> int:
    """``WORK CASE_FOLDER=EXPECT ...``: every command on each case in turn."""
    work = Path(sys.argv[1])
    alarm = int(os.environ.get("FACILITATOR_HOSTILE_ALARM", "30"))
    for spec in sys.argv[2:]:
        folder, expect = spec.rsplit("=", 1)
        case = Path(folder)
        run_case(case, work / case.name, expect, list(COMMANDS), alarm)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    raise SystemExit(main())
