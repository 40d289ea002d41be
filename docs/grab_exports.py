"""Remake the README's pictures of the printed outputs and the export dialog from the demo event.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python docs/grab_exports.py`` (needs ``pdftoppm``).
Writes ``export-agenda.png``, ``export-runsheet.png``, ``export-session.png``, ``export-pack-cover.png``,
``export-pack-contents.png``, ``export-pack-actions.png``, ``export-poster.png`` (the PDFs the
command line writes, first page or the page named), ``export-dialog.png`` and
``room-join-slide.png`` (``facilitator render --view join``).
"""

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FACILITATOR_HOME", tempfile.mkdtemp())

from pypdf import PdfReader

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent


def facilitator(*args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-m", "facilitator", *args], check=True, env=env, capture_output=True)


def page_png(pdf: Path, page: int, out: Path, dpi: int) -> None:
    """One page (1-based) of ``pdf`` as a PNG."""
    stem = out.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    print(f"Wrote {out}")


def page_with(pdf: Path, words: str) -> int:
    """The first page (1-based) whose text holds ``words``."""
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    for number, page in enumerate(reader.pages, start=1):
        if words in " ".join((page.extract_text() or "").split()):
            return number
    raise SystemExit(f"no page of {pdf.name} says {words!r}")


def main() -> int:
    work = Path(tempfile.mkdtemp())
    project = work / "Demo event.facil"
    facilitator("demo", str(project))
    outputs = {
        "agenda": ["--kind", "agenda", "--paper", "a4"],
        "runsheet": ["--kind", "runsheet", "--paper", "letter"],
        "session": ["--kind", "session", "--wall", "Barriers", "--paper", "a4"],
        "pack": ["--kind", "pack", "--paper", "a4"],
        "poster": ["--kind", "poster", "--wall", "Barriers"],
    }
    for name, args in outputs.items():
        facilitator("export", str(project), *args, "-o", str(work / f"{name}.pdf"))
    page_png(work / "agenda.pdf", 1, DOCS / "export-agenda.png", 60)
    page_png(work / "runsheet.pdf", 1, DOCS / "export-runsheet.png", 80)
    page_png(work / "session.pdf", 1, DOCS / "export-session.png", 60)
    page_png(work / "pack.pdf", 1, DOCS / "export-pack-cover.png", 60)
    page_png(work / "pack.pdf", page_with(work / "pack.pdf", "CONTENTS"), DOCS / "export-pack-contents.png", 60)
    page_png(work / "pack.pdf", page_with(work / "pack.pdf", "AFTER THE"), DOCS / "export-pack-actions.png", 60)
    page_png(work / "poster.pdf", 1, DOCS / "export-poster.png", 60)
    facilitator("render", str(project), "--view", "join", "-o", str(DOCS / "room-join-slide.png"))
    print(f"Wrote {DOCS / 'room-join-slide.png'}")

    from PySide6.QtWidgets import QApplication, QWidget

    from facilitator.store import ProjectFile
    from facilitator.ui.document import Document
    from facilitator.ui.export_dialog import ExportDialog
    from facilitator.ui.theme import apply_theme

    app = QApplication(sys.argv[:1])
    apply_theme(app)
    host = QWidget()
    document = Document(ProjectFile.open(project), host)
    dialog = ExportDialog(document, host)
    dialog.set_kind("session")
    dialog.wall.setCurrentIndex(dialog.wall.findText("Barriers"))
    dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
    dialog.destination.setText("~/Documents/Demo event - Barriers outputs.pdf")
    dialog.destination.setCursorPosition(0)
    dialog.resize(dialog.minimumWidth(), dialog.sizeHint().height())
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(DOCS / "export-dialog.png"))
    print(f"Wrote {DOCS / 'export-dialog.png'}")
    dialog.done(0)
    document.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
