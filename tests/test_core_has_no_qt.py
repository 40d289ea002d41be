"""The domain core, the store and the exporters must work without Qt (napari's rule, checked)."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "facilitator"
QT_FREE = ["core", "store", "export", "ingest", "room", "edits", "sync"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_import_in_the_qt_free_packages():
    offenders = []
    for folder in QT_FREE:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            qt = {m for m in imported_modules(path) if m.split(".")[0] in {"PySide6", "shiboken6", "qasync"}}
            if qt:
                offenders.append(f"{path.relative_to(PACKAGE)}: {sorted(qt)}")
    assert offenders == []


def test_core_and_store_import_without_loading_qt():
    code = (
        "import sys\n"
        "import facilitator.core.agenda, facilitator.core.wall, facilitator.core.project, facilitator.core.layout\n"
        "import facilitator.store, facilitator.demo, facilitator.edits, facilitator.sync\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
