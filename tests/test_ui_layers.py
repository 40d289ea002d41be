"""Layers only point down, and the UI only presents: checked by reading the code, not by trusting it.

- No module under ``facilitator/ui`` imports ``argparse``, the CLI (``facilitator.cli``) or its commands
  (``facilitator.commands``): a picture both need lives below both (``ui/render_request.py``).
- No module under ``facilitator/ui`` writes the project file itself: every change, the run's state and
  settings included, is an operation through ``Document.apply`` (docs/design/0007-edit-path.md).
  The user's own preferences are not project data and are not in the project file, so they stay
  where they are: the paper size last chosen for exports (``ui/export_dialog.py``, ``export.json``) and
  the recent-files list (``userdirs``), both in the user's config folder.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.store import ProjectFile

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "facilitator" / "ui"
FORBIDDEN_IMPORTS = ("argparse", "facilitator.cli", "facilitator.commands")

# ProjectFile's public methods that only read, open or close, or copy the whole file elsewhere. Every other
# public method counts as a write, so a write method added to the store is covered without editing this test.
STORE_READS = {
    "clock",
    "close",
    "create",  # File > New makes a new, empty file; it edits no open project
    "field_stamps",
    "format",
    "load",
    "load_run",
    "open",
    "photo_data",
    "project_settings",
    "read_log",
    "replica",
    "save_copy_as",  # a copy of the file as it is, for a USB stick: not a change to the project
    "setting",
}
STORE_WRITES = {n for n in dir(ProjectFile) if not n.startswith("_") and n not in STORE_READS}
# What names the open project file in the UI: document.store, a local ``store`` or ``pf``, the class itself.
STORE_NAMES = {"store", "pf", "project_file", "ProjectFile"}
SQL_CALLS = {"execute", "executemany", "executescript"}


def ui_modules() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def imports_of(tree: ast.AST, module: str) -> set[str]:
    """Every module this code imports, absolute (``from . import x`` resolved against ``module``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = module.split(".")[: -node.level]
                base = ".".join([*parent, base]) if base else ".".join(parent)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def forbidden_imports(source: str, module: str) -> list[str]:
    found = imports_of(ast.parse(source), module)
    return sorted(n for n in found if any(n == f or n.startswith(f + ".") for f in FORBIDDEN_IMPORTS))


def _receiver_name(node: ast.expr) -> str | None:
    """``document.store`` -> "store", ``pf`` -> "pf": the last name of what a method is called on."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _store_aliases(tree: ast.AST) -> set[str]:
    """Other names the code gives the project file: ``s = self.document.store``, ``with ProjectFile.open(p) as f``."""

    def is_store(value: ast.expr | None) -> bool:
        if isinstance(value, ast.Call):
            value = value.func.value if isinstance(value.func, ast.Attribute) else None
        return value is not None and _receiver_name(value) in STORE_NAMES

    aliases: set[str] = set()
    for node in ast.walk(tree):
        pairs: list[tuple[ast.expr, ast.expr | None]] = []
        if isinstance(node, ast.Assign):
            pairs = [(t, node.value) for t in node.targets]
        elif isinstance(node, ast.AnnAssign | ast.NamedExpr):
            pairs = [(node.target, node.value)]
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            pairs = [(node.optional_vars, node.context_expr)]
        for target, value in pairs:
            name = _receiver_name(target)
            if name is not None and is_store(value):
                aliases.add(name)
    return aliases


def store_writes(source: str) -> list[str]:
    """Calls that write the project file without the edit path, as "line: code"."""
    tree = ast.parse(source)
    store_names = STORE_NAMES | _store_aliases(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if any(m.split(".")[0] == "sqlite3" for m in modules):
                found.append(f"{node.lineno}: imports sqlite3")
        if isinstance(node, ast.Attribute) and node.attr == "_conn":
            found.append(f"{node.lineno}: {ast.unparse(node)}")
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, _receiver_name(node.func.value)
        if method in SQL_CALLS or (method in STORE_WRITES and receiver in store_names):
            found.append(f"{node.lineno}: {ast.unparse(node.func)}(...)")
    return found


def test_the_ui_does_not_import_the_command_line():
    offenders = {
        str(p.relative_to(ROOT)): bad
        for p in ui_modules()
        if (bad := forbidden_imports(p.read_text(encoding="utf-8"), module_name(p)))
    }
    assert offenders == {}


def test_importing_every_ui_module_loads_neither_the_cli_nor_its_commands():
    modules = [module_name(p) for p in ui_modules()]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('facilitator.cli', 'facilitator.commands'))))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    assert out.stdout.strip() == "[]"


def test_no_ui_module_writes_the_project_file_itself():
    offenders = {
        str(p.relative_to(ROOT)): bad for p in ui_modules() if (bad := store_writes(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}


@pytest.mark.parametrize(
    "code",
    [
        "self.document.store.save_run(None)",
        "document.store.set_setting('run.one_screen', 'rehearse')",
        "store.upsert_agenda(items)",
        "with pf.transaction() as c: pass",
        "ProjectFile.save_project(pf, project)",
        "self.document.store._conn.commit()",
        "conn.execute('DELETE FROM note')",
        "import sqlite3",
        "s = self.document.store\ns.save_run(None)",
        "with ProjectFile.open(path) as f:\n    f.save_event(event)",
        "self.file: ProjectFile = document.store\nself.file.delete_rows('note', ids)",
    ],
)
def test_the_write_check_catches_a_direct_write(code):
    assert store_writes(code) != []


@pytest.mark.parametrize(
    "code",
    [
        "self.document.store.photo_data(pid)",
        "self.document.store.save_copy_as(name)",
        "self.document.apply(SetRun(None))",
        "self.editor.delete_round(r.id)",  # the wall's verb, which builds an operation
        "ProjectFile.create(path, replace=True).close()",
        "s = self.document.store\ndata = s.photo_data(pid)",
    ],
)
def test_the_write_check_leaves_reads_and_the_edit_path_alone(code):
    assert store_writes(code) == []


@pytest.mark.parametrize(
    ("code", "module"),
    [
        ("import argparse", "facilitator.ui.x"),
        ("from facilitator.cli import CommandError", "facilitator.ui.x"),
        ("from facilitator import commands", "facilitator.ui.x"),
        ("from facilitator.commands.render import parse_size", "facilitator.ui.wall.picture"),
        ("from ...commands import render", "facilitator.ui.wall.picture"),
    ],
)
def test_the_import_check_catches_each_way_of_importing_the_cli(code, module):
    assert forbidden_imports(code, module) != []


def test_no_ui_module_is_named_commands():
    """``facilitator/commands/`` is the CLI; the undo adapters are ``ui/*/undo.py`` (the name clash is gone)."""
    assert [str(p.relative_to(ROOT)) for p in UI.rglob("commands*")] == []


def reaches_by_name(source: str) -> list[str]:
    """``getattr(x, "name")`` / ``hasattr(x, "name")``: a reach into another object by a name in a string."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr")
            and len(node.args) >= 2
        ):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_run_mode_reaches_the_main_window_through_its_interface_not_by_name():
    """ui/run says what it needs from the window in RunHost, signals and typed parameters (launcher.py)."""
    offenders = {
        str(p.relative_to(ROOT)): bad
        for p in sorted((UI / "run").rglob("*.py"))
        if (bad := reaches_by_name(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}
    assert reaches_by_name("editor = getattr(self.host, 'agenda_panel', None)") != []
