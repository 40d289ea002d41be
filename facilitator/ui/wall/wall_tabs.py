"""The walls in the main window: the Wall menu, the "+" beside the tabs, rename on double-click, and tab upkeep.

When the list of walls changes ("walls" announced), :meth:`WallTabs.sync`
adds, removes, renames and reorders just the wall tabs. Views of walls that
are still there are kept, so their zoom, selection and projector survive a
rename or another wall's deletion, and a 20,000-note wall is not rebuilt
because a neighbour got a new name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, QObject, Qt, SignalInstance
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMenuBar, QTabWidget, QToolButton, QWidget

from facilitator.ui.document import Document
from facilitator.ui.wall import create_wall_page
from facilitator.ui.wall.walls import WallManager, WallNameError, suggest_wall_name

if TYPE_CHECKING:
    from facilitator.ui.wall.widget import WallWidget

NEW_WALL_KEYS = "Ctrl+Shift+N"


class Prompts:
    """The questions wall management asks. Tests replace these methods to answer without dialogs."""

    def ask_name(self, parent: QWidget, title: str, label: str, text: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(parent, title, label, text=text)
        return name if ok else None

    def confirm(self, parent: QWidget, title: str, text: str, action: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
        yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def tell(self, parent: QWidget, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, title, text)


prompts = Prompts()


def _ask_valid_name(parent: QWidget, title: str, label: str, text: str, attempt) -> bool:
    """Ask until the name is accepted or the user cancels; a refused name is explained and offered again."""
    while True:
        name = prompts.ask_name(parent, title, label, text)
        if name is None:
            return False
        try:
            return attempt(name)
        except WallNameError as exc:
            prompts.tell(parent, "Choose another name", str(exc))
            text = name


def new_wall_dialog(parent: QWidget, document: Document) -> str | None:
    """Wall > New wall: returns the new wall's id (its tab is selected by the tab upkeep)."""
    made: list[str] = []

    def attempt(name: str) -> bool:
        wall_id = WallManager(document).new_wall(name)
        if wall_id is not None:
            made.append(wall_id)
        return wall_id is not None

    _ask_valid_name(parent, "New wall", "Name of the new wall:", suggest_wall_name(document.project), attempt)
    return made[0] if made else None


def rename_wall_dialog(parent: QWidget, document: Document, wall_id: str) -> bool:
    wall = document.project.wall(wall_id)
    return _ask_valid_name(
        parent,
        "Rename wall",
        f"New name for \u201c{wall.name}\u201d:",
        wall.name,
        lambda name: WallManager(document).rename_wall(wall_id, name),
    )


def delete_question(document: Document, wall_id: str) -> str:
    """The confirmation text: what goes with the wall, in numbers, and that undo brings it back."""
    manager = WallManager(document)
    wall = document.project.wall(wall_id)
    contents = manager.contents(wall_id)
    lines = [f"Delete the wall \u201c{wall.name}\u201d?", ""]
    lines.append(f"Its {contents.describe(wall)} go with it.")
    links = len(contents.agenda_links)
    if links:
        lines.append(f"{links} agenda item{'s' if links != 1 else ''} will no longer show it.")
    lines += ["", "Edit > Undo brings everything back."]
    return "\n".join(lines)


def delete_wall_dialog(parent: QWidget, document: Document, wall_id: str) -> bool:
    if not prompts.confirm(parent, "Delete wall", delete_question(document, wall_id), "Delete wall"):
        return False
    return WallManager(document).delete_wall(wall_id)


class WallTabsHost(Protocol):
    """What the wall tabs need of the main window (``MainWindow`` offers it; it is also their Qt parent)."""

    tabs: QTabWidget
    help_menu: QMenu
    document_opened: SignalInstance
    document: Document | None
    agenda_panel: QWidget | None
    wall_views: dict[str, WallWidget]  # every wall's view, building any still waiting

    def built_wall_views(self) -> dict[str, WallWidget]: ...  # the views built so far
    def menuBar(self) -> QMenuBar: ...


class WallTabs(QObject):
    """Owns the wall tabs of one main window: the Wall menu, the "+" button, double-click rename, and sync."""

    def __init__(self, window: WallTabsHost) -> None:
        super().__init__(cast(QMainWindow, window))  # our Qt parent: looked up below, never held
        tabs = window.tabs
        self.menu = window.menuBar().addMenu("&Wall")
        window.menuBar().insertMenu(window.help_menu.menuAction(), self.menu)  # keep Help last
        self.new_action = self._action("&New wall…", self.new_wall, NEW_WALL_KEYS, "Add an empty wall of sticky notes.")
        self.rename_action = self._action("&Rename wall…", self.rename_current, tip="Also: double-click the tab.")
        self.delete_action = self._action("&Delete wall…", self.delete_current)
        self.menu.addSeparator()
        self.left_action = self._action("Move wall &left", self.move_left)
        self.right_action = self._action("Move wall ri&ght", self.move_right)
        self.plus = QToolButton(tabs)
        self.plus.setText("+ New wall")
        self.plus.setAutoRaise(True)
        self.plus.setToolTip(
            f"New wall ({QKeySequence(NEW_WALL_KEYS).toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        self.plus.setAccessibleName("New wall")
        self.plus.clicked.connect(self.new_wall)
        tabs.setCornerWidget(self.plus, Qt.Corner.TopRightCorner)
        tabs.tabBarDoubleClicked.connect(self._on_double_click)
        tabs.currentChanged.connect(self._update_actions)
        tabs.currentChanged.connect(self._focus_capture)
        tabs.tabBar().installEventFilter(self)
        window.document_opened.connect(self._update_actions)
        self._update_actions()

    @property
    def window(self) -> WallTabsHost:
        """The main window, looked up through Qt rather than held, so closing it frees it without gc."""
        return cast(WallTabsHost, self.parent())

    def _dialog_parent(self) -> QWidget:
        return cast(QWidget, self.parent())

    def _action(self, text: str, slot, keys: str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self.parent())
        if keys:
            action.setShortcut(QKeySequence(keys))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    @property
    def document(self) -> Document | None:
        return self.window.document

    def _views(self) -> dict[str, WallWidget]:
        return self.window.wall_views

    def current_wall_id(self) -> str | None:
        """The wall in front, if any. Looks only at views already built: a tab still waiting is no wall's
        view yet (and asking must not build every tab while the window is starting)."""
        current = self.window.tabs.currentWidget()
        return next((i for i, v in self.window.built_wall_views().items() if v is current), None)

    def _update_actions(self, *_args) -> None:
        has_doc = self.document is not None
        self.new_action.setEnabled(has_doc)
        self.plus.setEnabled(has_doc)
        wall_id = self.current_wall_id() if has_doc else None
        for action in (self.rename_action, self.delete_action):
            action.setEnabled(wall_id is not None)
        walls = [w.id for w in self.document.project.walls] if has_doc else []
        index = walls.index(wall_id) if wall_id in walls else -1
        self.left_action.setEnabled(index > 0)
        self.right_action.setEnabled(0 <= index < len(walls) - 1)

    # -- typing straight after a tab switch ----------------------------------------------
    def _focus_capture(self, index: int) -> None:
        """A wall's tab opens ready to type the next note, so nothing typed after a switch is lost.

        When the tab bar itself has the focus (walking the tabs with the arrow
        keys), it keeps it; the first character typed there goes on to the
        capture box (see :meth:`eventFilter`).
        """
        page = self.window.tabs.widget(index)
        view = self._built_view(page)
        if view is None:
            return
        if QApplication.focusWidget() is self.window.tabs.tabBar():
            return
        view.focus_capture()

    def _built_view(self, page: QWidget | None) -> WallWidget | None:
        """The wall view that is ``page``, if it is one already built (a tab still waiting is no wall's view)."""
        return next((v for v in self.window.built_wall_views().values() if v is page), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Text or Enter typed on the tab bar of a wall goes to that wall's capture box."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            view = self._built_view(self.window.tabs.currentWidget())
            text = event.text()
            typed = (
                bool(text)
                and text.isprintable()
                and not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
            )
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if (typed or enter) and view is not None:
                view.focus_capture()
                if typed:
                    target = QApplication.focusWidget()
                    if target is not None and target is not watched:
                        QApplication.sendEvent(target, QKeyEvent(event))
                return True
        return super().eventFilter(watched, event)

    # -- the verbs ----------------------------------------------------------------
    def new_wall(self) -> None:
        if self.document is not None:
            new_wall_dialog(self._dialog_parent(), self.document)

    def rename_current(self) -> None:
        wall_id = self.current_wall_id()
        if wall_id is not None and self.document is not None:
            rename_wall_dialog(self._dialog_parent(), self.document, wall_id)

    def delete_current(self) -> None:
        wall_id = self.current_wall_id()
        if wall_id is not None and self.document is not None:
            delete_wall_dialog(self._dialog_parent(), self.document, wall_id)

    def move_left(self) -> None:
        self._move(-1)

    def move_right(self) -> None:
        self._move(1)

    def _move(self, offset: int) -> None:
        wall_id = self.current_wall_id()
        if wall_id is not None and self.document is not None:
            WallManager(self.document).move_wall(wall_id, offset)

    def _on_double_click(self, index: int) -> None:
        page = self.window.tabs.widget(index)
        wall_id = next((i for i, v in self._views().items() if v is page), None)
        if wall_id is not None and self.document is not None:
            rename_wall_dialog(self._dialog_parent(), self.document, wall_id)

    # -- keeping the tabs in line with the walls -------------------------------------------
    def sync(self) -> None:
        """Match the wall tabs to the project's walls, keeping every view whose wall is still there.

        A wall that appears alone (New wall, undo of a delete, an import onto a
        new wall) gets its tab selected; when the wall in front goes, its
        neighbour comes to the front.
        """
        doc = self.document
        if doc is None:
            return
        tabs = self.window.tabs
        views = self._views()
        current = tabs.currentWidget()
        current_index = tabs.currentIndex()
        walls = doc.project.walls
        wanted = {w.id for w in walls}
        lost_current = False
        for wall_id in [i for i in views if i not in wanted]:
            view = views.pop(wall_id)
            lost_current |= view is current
            tabs.removeTab(tabs.indexOf(view))
            view.deleteLater()
        positions = [tabs.indexOf(v) for v in views.values()]
        agenda = self.window.agenda_panel
        if positions:
            base = min(positions)
        elif agenda is not None and tabs.indexOf(agenda) >= 0:
            base = tabs.indexOf(agenda) + 1
        else:
            base = tabs.count()
        added: list[str] = []
        for offset, wall in enumerate(walls):
            view = views.get(wall.id)
            if view is None:
                view = create_wall_page(doc, wall.id, tabs)
                views[wall.id] = view
                tabs.insertTab(base + offset, view, wall.name)
                added.append(wall.id)
            else:
                index = tabs.indexOf(view)
                if index != base + offset:
                    tabs.tabBar().moveTab(index, base + offset)
                if tabs.tabText(base + offset) != wall.name:
                    tabs.setTabText(base + offset, wall.name)
                view.wall_renamed(wall.name)
        if len(added) == 1:
            tabs.setCurrentWidget(views[added[0]])
        elif lost_current:
            if walls:
                nearest = min(max(current_index, base), base + len(walls) - 1)
                tabs.setCurrentIndex(nearest)
            elif agenda is not None:
                tabs.setCurrentWidget(agenda)
        self.window.wall_views = views
        self._update_actions()
