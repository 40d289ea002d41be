"""The main window: one open project, its agenda and walls in tabs, and the File/Help menus."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator import __version__, userdirs
from facilitator.edits import Notice
from facilitator.store import ProjectFile
from facilitator.store.errors import ProjectError
from facilitator.store.project_file import SUFFIX
from facilitator.ui.agenda import AgendaEditor
from facilitator.ui.banner import WriteFailedBanner
from facilitator.ui.document import Document

if TYPE_CHECKING:
    from facilitator.ui.wall.widget import WallWidget

log = logging.getLogger(__name__)
FILE_FILTER = f"Facilitator projects (*{SUFFIX});;All files (*)"


class MainWindow(QMainWindow):
    """Shows one project at a time; opening another closes (and unlocks) the current one.

    The parts plugged in below (run, room, wall tabs, sync menu) use what this window offers through the
    small protocols they declare (``RunHost``, ``WallTabsHost``, ``SyncHost``): every attribute they use exists from
    ``__init__`` on, so none of them has to ask whether it is there.
    """

    document_opened = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.agenda_panel: AgendaEditor | None = None  # the Agenda tab, once a project is open
        self.write_banner: WriteFailedBanner | None = None
        self._undo_actions: list[QAction] = []  # Edit > Undo/Redo of the open project's stack
        self.resize(1280, 760)
        self.tabs = QTabWidget(self)
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setAccessibleName("Project sections")
        self.tabs.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        # Tabs other than the one in front are built just after the window first paints (or as soon as
        # anything asks for them): the window appears sooner. Connected first, so a click on such a tab
        # builds it before anyone else hears of the switch.
        # placeholder page -> what to build there: ("event", ""), ("actions", "") or ("wall", wall id).
        # Plain values, not closures: a closure would hold the window in a reference cycle.
        self._pending: dict[QWidget, tuple[str, str]] = {}
        self._wall_views: dict[str, WallWidget] = {}
        self._event_panel: QWidget | None = None
        self._actions_panel: QWidget | None = None
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._build_timer = QTimer(self)
        self._build_timer.setSingleShot(True)
        self._build_timer.setInterval(0)
        self._build_timer.timeout.connect(self.build_pending_tabs)
        self.header = QLabel(self)
        self.header.setObjectName("heading")
        self.subheader = QLabel(self)
        self.subheader.setObjectName("subheading")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(self.header)
        layout.addWidget(self.subheader)
        layout.addSpacing(6)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_menus()
        from facilitator.ui.run.launcher import RunLauncher  # run mode: Run menu, F5, resume after a crash

        self.run_launcher = RunLauncher(self)
        from facilitator.ui.room.launcher import RoomLauncher  # phones in the room: Room menu and window

        self.room_launcher = RoomLauncher(self, self.run_launcher.current_run)
        from facilitator.ui.wall.wall_tabs import WallTabs  # Wall menu, "+" by the tabs, rename on double-click

        self.wall_tabs = WallTabs(self)
        from facilitator.ui.sync_menu import SyncMenu  # File > Merge from…, Join two walls…

        self.sync_menu = SyncMenu(self)
        self._show_empty()

    # -- menus -----------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self._action(self.file_menu, "&New project…", self.new_project, QKeySequence.StandardKey.New)
        self._action(self.file_menu, "&Open…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = self.file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addSeparator()
        self.copy_action = self._action(
            self.file_menu,
            "Save a &copy as…",
            self.save_copy_dialog,
            QKeySequence("Ctrl+Shift+S"),
            tip="Write a complete copy of this project to another file (for a USB stick or e-mail).",
        )
        self.export_action = self._action(
            self.file_menu,
            "&Export…",
            self.export_dialog,
            QKeySequence("Ctrl+E"),
            tip="Print-ready PDFs (agenda, session outputs, event pack, poster) or the notes as CSV/JSON/Markdown.",
        )
        self.file_menu.addSeparator()
        self.import_notes_action = self._action(
            self.file_menu,
            "&Import notes…",
            self.import_notes_to_wall,
            tip="Add notes from a CSV or a text file (one note per line) to a wall.",
        )
        self.import_photos_action = self._action(
            self.file_menu,
            "Import &photos…",
            self.import_photos_to_wall,
            tip="Put photos of paper walls (JPEG or PNG) on a wall for reference.",
        )
        self.file_menu.addSeparator()
        self._action(self.file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.edit_menu = bar.addMenu("&Edit")
        self.view_menu = bar.addMenu("&View")
        self.view_menu.aboutToShow.connect(self.refresh_view_menu)
        self.agenda_menu = bar.addMenu("&Agenda")
        self.help_menu = bar.addMenu("&Help")
        self.refresh_view_menu()
        self._action(self.help_menu, "&About Facilitator", self.show_about)

    def _action(self, menu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def refresh_view_menu(self) -> None:
        """View: one entry per tab (Ctrl+1 to Ctrl+9 go straight to it) and full screen."""
        self.view_menu.clear()
        for i in range(self.tabs.count()):
            action = self.view_menu.addAction(self.tabs.tabText(i).replace("&", "&&"))
            action.setData(i)
            action.setCheckable(True)
            action.setChecked(i == self.tabs.currentIndex())
            if i < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(self._go_to_tab)
        if self.tabs.count():
            self.view_menu.addSeparator()
        full = self.view_menu.addAction("&Full screen")
        full.setCheckable(True)
        full.setChecked(self.isFullScreen())
        full.setShortcut(QKeySequence.StandardKey.FullScreen)
        full.triggered.connect(self._toggle_full_screen)

    def _go_to_tab(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.tabs.setCurrentIndex(int(action.data()))

    def _toggle_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    def _fill_agenda_menu(self) -> None:
        """Agenda: the agenda editor's own actions (Add item, Duplicate, …), so menu, buttons and keys agree."""
        self.agenda_menu.clear()
        panel = self.agenda_panel
        if self.document is None or panel is None:
            empty = self.agenda_menu.addAction("Open a project to edit its agenda")
            empty.setEnabled(False)
            return
        self.agenda_menu.addActions(panel.agenda_actions)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in userdirs.recent_projects() if p.exists()]
        if not recent:
            empty = self.recent_menu.addAction("No recent projects")
            empty.setEnabled(False)
        for path in recent:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setData(str(path))
            action.triggered.connect(self._open_recent)

    def _open_recent(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.open_path(Path(action.data()))

    # -- opening and closing -------------------------------------------------------
    def open_path(self, path: Path) -> bool:
        """Open ``path``; on failure say why and keep the current project open."""
        from PySide6.QtWidgets import QMessageBox  # dialogs load when first needed

        try:
            store = ProjectFile.open(path)
        except ProjectError as exc:
            QMessageBox.warning(self, "Cannot open project", str(exc))
            return False
        try:
            document = Document(store, self)
        except ProjectError as exc:
            store.close()
            QMessageBox.warning(self, "Cannot open project", str(exc))
            return False
        self._set_document(document)
        userdirs.remember_project(path)
        return True

    def _set_document(self, document: Document) -> None:
        if self.document is not None:
            self._finish_typing()
            self.document.close()
            self.document.deleteLater()
        self.document = document
        document.changed.connect(self._on_changed)
        document.write_failed.connect(self._on_write_failed)
        document.message.connect(self._on_message)
        self._wire_undo(document)
        self._rebuild_tabs()
        self._update_titles()
        self.statusBar().showMessage(f"Opened {document.path}", 5000)
        self.document_opened.emit(document)

    def _wire_undo(self, document: Document) -> None:
        """Edit > Undo/Redo follow the open project's one undo stack."""
        for action in self._undo_actions:
            self.edit_menu.removeAction(action)
            action.deleteLater()
        undo = document.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = document.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        first = self.edit_menu.actions()[0] if self.edit_menu.actions() else None
        self.edit_menu.insertActions(first, [undo, redo])
        self._undo_actions = [undo, redo]

    # -- the tabs, built when first wanted ---------------------------------------------------
    @property
    def wall_views(self) -> dict[str, WallWidget]:
        self.build_pending_tabs()
        return self._wall_views

    @wall_views.setter
    def wall_views(self, views: dict[str, WallWidget]) -> None:
        self._wall_views = views

    def built_wall_views(self) -> dict[str, WallWidget]:
        """The wall views built so far, without building the rest (a tab not built yet is no wall's view)."""
        return self._wall_views

    @property
    def event_panel(self) -> QWidget | None:
        self.build_pending_tabs()
        return self._event_panel

    @property
    def actions_panel(self) -> QWidget | None:
        self.build_pending_tabs()
        return self._actions_panel

    def _later(self, title: str, kind: str, wall_id: str = "") -> None:
        """A tab whose page is built after the first paint; the placeholder shows nothing meanwhile."""
        placeholder = QWidget(self.tabs)
        self._pending[placeholder] = (kind, wall_id)
        self.tabs.addTab(placeholder, title)

    def _build_page(self, kind: str, wall_id: str) -> QWidget:
        if kind == "event":
            return self._build_event_panel()
        if kind == "actions":
            return self._build_actions_panel()
        from facilitator.ui.wall import create_wall_page

        view = create_wall_page(self.document, wall_id, self.tabs)
        self._wall_views[wall_id] = view
        return view

    def _on_tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) in self._pending:
            self.build_pending_tabs()

    def build_pending_tabs(self) -> None:
        """Build every tab still waiting, in place, keeping the tab in front (its signals held meanwhile)."""
        if not self._pending:
            return
        if self.document is None:  # closed before they were wanted
            self._pending.clear()
            return
        tabs = self.tabs
        current = tabs.currentIndex()
        held = tabs.blockSignals(True)
        try:
            for placeholder in list(self._pending):
                what = self._pending.pop(placeholder, None)
                index = tabs.indexOf(placeholder)
                if what is None or index < 0:
                    continue
                kind, wall_id = what
                if kind not in ("event", "actions") and self.document.project.find_wall(wall_id) is None:
                    tabs.removeTab(index)  # the wall went (deleted, joined) before its tab was first wanted
                    placeholder.deleteLater()
                    continue
                title = tabs.tabText(index)
                page = self._build_page(*what)
                tabs.removeTab(index)
                tabs.insertTab(index, page, title)
                placeholder.deleteLater()
            tabs.setCurrentIndex(current)
        finally:
            tabs.blockSignals(held)

    def _build_event_panel(self) -> QWidget:
        from facilitator.ui.event import EventPanel

        self._event_panel = EventPanel(self.document, self.tabs)
        return self._event_panel

    def _build_actions_panel(self) -> QWidget:
        from facilitator.ui.event import ActionsPanel

        self._actions_panel = ActionsPanel(self.document, self.tabs)
        return self._actions_panel

    def _rebuild_tabs(self) -> None:
        old_pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
        self._pending.clear()
        self.tabs.clear()
        for page in old_pages:
            page.deleteLater()
        self._wall_views = {}
        self._event_panel = self._actions_panel = None
        doc = self.document
        if doc is None:
            return
        # A new project opens on its set-up; one already set up opens on its agenda.
        new = doc.project.event.title == "Untitled event" and not doc.project.agenda
        held = self.tabs.blockSignals(True)
        if new:
            self.tabs.addTab(self._build_event_panel(), "Event")
        else:
            self._later("Event", "event")
        self.agenda_panel = AgendaEditor(doc, self.tabs)
        self.agenda_panel.run_button.clicked.connect(self.run_launcher.start_day)
        self.tabs.addTab(self.agenda_panel, "Agenda")
        for wall in doc.project.walls:
            self._later(wall.name, "wall", wall.id)
        self._later("Actions", "actions")
        self.tabs.setCurrentWidget(self._event_panel if new else self.agenda_panel)
        self.tabs.blockSignals(held)
        self.tabs.currentChanged.emit(self.tabs.currentIndex())
        if not self.isVisible():
            self._build_timer.start()  # else once the window has painted (paintEvent)
        self._fill_agenda_menu()
        self.refresh_view_menu()

    def paintEvent(self, event) -> None:
        """The window is on screen: now build the tabs behind the one in front."""
        super().paintEvent(event)
        if self._pending and not self._build_timer.isActive():
            self._build_timer.start()

    def selected_agenda_row(self) -> int:
        """The agenda item selected in the Agenda tab (0 before it is built): Shift+F5 starts the run there."""
        return self.agenda_panel.current_row() if self.agenda_panel is not None else 0

    def show_wall(self, wall_id: str, capture: bool) -> None:
        """Switch to a wall's tab; with ``capture``, put the cursor in its capture bar for the next note."""
        view = self.wall_views.get(wall_id)
        if view is None:
            return
        self.tabs.setCurrentWidget(view)
        self.raise_()
        self.activateWindow()
        if capture:
            view.focus_capture()

    def import_notes_to_wall(self) -> None:
        """File > Import notes…"""
        self._import_to_wall(photos=False)

    def import_photos_to_wall(self) -> None:
        """File > Import photos…"""
        self._import_to_wall(photos=True)

    def _import_to_wall(self, photos: bool) -> None:
        """Onto the wall in front, or a wall the user names (made if new)."""
        doc = self.document
        if doc is None:
            return
        front = self.tabs.currentWidget()
        current = next((v for v in self._wall_views.values() if v is front), None)
        if current is None:
            from PySide6.QtWidgets import QInputDialog

            names = [w.name for w in doc.project.walls] or ["Ideas"]
            name, ok = QInputDialog.getItem(self, "Import onto wall", "Wall (type a new name to make one):", names)
            if not ok or not name.strip():
                return
            wall = doc.project.wall_named(name)
            if wall is None:
                from facilitator.ui.wall.imports import import_onto_new_wall

                import_onto_new_wall(self, doc, name)
                return
            self.show_wall(wall.id, capture=False)
            current = self.wall_views[wall.id]
        if photos:
            current.import_photos_dialog()
        else:
            current.import_notes_dialog()

    def _show_empty(self) -> None:
        self.header.setText("No project open")
        self.subheader.setText("Use File > New project or File > Open to start.")
        self.setWindowTitle("Facilitator")
        self.copy_action.setEnabled(False)
        self.export_action.setEnabled(False)
        self._fill_agenda_menu()

    def _update_titles(self) -> None:
        doc = self.document
        if doc is None:
            self._show_empty()
            return
        ev = doc.project.event
        self.header.setText(ev.title)
        parts = [f"{ev.date:%A} {ev.date.day} {ev.date:%B %Y}", f"{ev.planned_start:%H:%M}–{ev.planned_end:%H:%M}"]
        if ev.venue:
            parts.append(ev.venue)
        self.subheader.setText("  ·  ".join(parts))
        self.setWindowTitle(f"{ev.title} — {doc.path.name} — Facilitator")
        self.copy_action.setEnabled(True)
        self.export_action.setEnabled(True)

    def _on_changed(self, notice: Notice) -> None:
        if notice.touches("event"):
            self._update_titles()
        if notice.changed("wall") or notice.gone("wall"):
            self.wall_tabs.sync()  # only the wall tabs change; the other views (and their state) stay
        if notice.touches("group"):
            self._offer_groups()

    def _offer_groups(self) -> None:
        """Each wall's capture bar completes the group from the event's groups: give it the new list (a wall
        built later reads the groups as it is built)."""
        names = [g.name for g in self.document.project.groups] if self.document else []
        for view in self._wall_views.values():
            view.offer_groups(names)

    def _on_write_failed(self, message: str) -> None:
        """Say what was not saved and offer the way out (a complete copy somewhere that works), without a
        dialog: this runs inside an edit, and a nested event loop there would let timers fire into it."""
        if self.write_banner is None:
            self.write_banner = WriteFailedBanner(self.save_copy_dialog, self)
            self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.write_banner)
        self.write_banner.show_message(message)
        self.statusBar().showMessage(f"Change not saved: {message}", 10000)

    def _on_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # -- commands --------------------------------------------------------------------
    def new_project(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox  # dialogs load when first needed

        name, _ = QFileDialog.getSaveFileName(self, "New project", str(Path.home() / f"event{SUFFIX}"), FILE_FILTER)
        if not name:
            return
        path = Path(name) if Path(name).suffix else Path(name).with_suffix(SUFFIX)
        if self.document is not None and path.exists() and path.resolve() == self.document.path.resolve():
            QMessageBox.warning(self, "Cannot create project", f"{path.name} is the open project; choose another name.")
            return
        try:
            # The dialog already asked before replacing an existing file; the old one stays until the new is whole.
            ProjectFile.create(path, replace=True).close()
        except (ProjectError, OSError) as exc:
            QMessageBox.warning(self, "Cannot create project", str(exc))
            return
        self.open_path(path)

    def open_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # dialogs load when first needed

        name, _ = QFileDialog.getOpenFileName(self, "Open project", str(Path.home()), FILE_FILTER)
        if name:
            self.open_path(Path(name))

    def save_copy_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox  # dialogs load when first needed

        if self.document is None:
            return
        suggested = self.document.path.with_name(self.document.path.stem + " copy" + SUFFIX)
        name, _ = QFileDialog.getSaveFileName(self, "Save a copy as", str(suggested), FILE_FILTER)
        if not name:
            return
        try:
            written = self.document.store.save_copy_as(name)
        except ProjectError as exc:
            QMessageBox.warning(self, "Copy not saved", str(exc))
            return
        self.statusBar().showMessage(f"Saved a copy to {written}", 6000)

    def export_dialog(self) -> None:
        """File > Export: the dialog runs the export in another process and never changes the project."""
        if self.document is None:
            return
        from facilitator.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.document, self)
        dialog.finished.connect(dialog.deleteLater)
        self.export_window = dialog
        dialog.open()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # dialogs load when first needed

        QMessageBox.about(
            self,
            "About Facilitator",
            f"<h3>Facilitator {__version__}</h3>"
            "<p>Run in-room co-design events from a laptop and a projector: a timed agenda, "
            "sticky-note walls and printed outputs, all offline in one project file.</p>"
            f"<p>Logs: {userdirs.log_dir()}</p>",
        )

    def _finish_typing(self) -> None:
        """A field being typed in stores its text when it loses focus: let it, while the project is still open."""
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._build_timer.stop()
        self._pending.clear()
        if self.document is not None:
            self._finish_typing()
            self.document.close()
            self.document = None
        event.accept()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
            return
        super().keyPressEvent(event)
