"""The wall's actions and menus: every key, menu entry and toolbar button of a wall, and its right-click menu.

Each action carries its text, shortcut and tooltip in one place; the Wall
menu, the toolbar, the context menu and the shortcut help
(:mod:`facilitator.ui.wall.shortcut_help`) all read the same ``QAction``, so
they cannot disagree. What an action does is the wall's business: it calls
one method of :class:`WallVerbs`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from facilitator.core.palette import NOTE_COLOURS
from facilitator.ui.wall.editing import WallEditor
from facilitator.ui.wall.items import ClusterItem, NoteItem, PhotoItem
from facilitator.ui.wall.scene import WallScene
from facilitator.ui.wall.view import WallView

Keys = str | QKeySequence | QKeySequence.StandardKey


class WallVerbs(Protocol):
    """What the wall's actions ask of the wall (``WallWidget`` does it)."""

    def fit_all(self) -> None: ...
    def zoom_to_selection(self) -> None: ...
    def actual_size(self) -> None: ...
    def zoom_in(self) -> None: ...
    def zoom_out(self) -> None: ...
    def group_selection(self) -> None: ...
    def ungroup_selection(self) -> None: ...
    def tidy_all(self) -> None: ...
    def tidy_selected_clusters(self) -> None: ...
    def remove_from_cluster(self) -> None: ...
    def export_picture_dialog(self) -> None: ...
    def show_projector(self) -> None: ...
    def import_notes_dialog(self) -> None: ...
    def import_photos_dialog(self) -> None: ...
    def rename_wall_dialog(self) -> None: ...
    def delete_wall_dialog(self) -> None: ...
    def show_shortcuts(self) -> None: ...
    def edit_selected(self) -> None: ...
    def delete_selected(self) -> None: ...
    def duplicate_selected(self) -> None: ...
    def ask_author(self) -> None: ...
    def ask_group(self) -> None: ...
    def vote_selection_up(self) -> None: ...
    def vote_selection_down(self) -> None: ...
    def focus_capture(self) -> None: ...
    def next_cluster(self) -> None: ...
    def previous_cluster(self) -> None: ...
    def select_all(self) -> None: ...


class WallActions(QObject):
    """Builds one wall's actions; keys work while ``view`` (or a child) has the focus.

    ``group_names`` lists the event's groups for the context menu's Group submenu. The verbs are connected
    here and not kept: the wall owns its actions, and holding the wall back would make a reference cycle.
    """

    recolour_requested = Signal(str)  # a colour for the selection (keys 1-7 or the Colour submenu)
    group_requested = Signal(str)  # a group for the selected notes (the Group submenu)

    def __init__(
        self,
        verbs: WallVerbs,
        scene: WallScene,
        view: WallView,
        editor: WallEditor,
        group_names: Callable[[], list[str]],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._scene = scene
        self._view = view
        self._editor = editor
        self._group_names = group_names
        self.keyed: list[QAction] = []  # every action with a key, in the order the help lists them
        self.menu = QMenu("Wall", parent)
        m = self.menu
        v = verbs
        self.fit = self._act("Fit all", v.fit_all, "Shift+1", m, "Show every note on the wall")
        self.zoom_selection = self._act("Zoom to selection", v.zoom_to_selection, "Shift+2", m)
        self._act("Actual size", v.actual_size, "Ctrl+0", m, "Zoom to 100%")
        self._act("Zoom in", v.zoom_in, QKeySequence.StandardKey.ZoomIn, m, "Also Ctrl+wheel or pinch")
        self._act("Zoom out", v.zoom_out, QKeySequence.StandardKey.ZoomOut, m, "Also Ctrl+wheel or pinch")
        m.addSeparator()
        self.group = self._act(
            "Group into cluster", v.group_selection, "Ctrl+G", m, "Make a cluster of the selected notes"
        )
        self.ungroup = self._act("Ungroup", v.ungroup_selection, "Ctrl+Shift+G", m, "Take the selected clusters apart")
        self._act("Tidy all clusters into rows", v.tidy_all, None, m)
        m.addSeparator()
        self._act("Export wall picture…", v.export_picture_dialog, None, m)
        self._act("Show on projector", v.show_projector, None, m)
        self.import_notes = self._act("Import notes…", v.import_notes_dialog, None, m)
        self.import_photos = self._act("Import photos…", v.import_photos_dialog, None, m)
        m.addSeparator()
        self._act("Rename this wall…", v.rename_wall_dialog, None, m)
        self._act("Delete this wall…", v.delete_wall_dialog, None, m)
        m.addSeparator()
        self._act("Keyboard shortcuts", v.show_shortcuts, "F1", m, "This list")
        self.edit = self._act(
            "Edit text", v.edit_selected, "F2", tip="The note's text, the cluster's title or the photo's caption"
        )
        self.delete = self._act("Delete", v.delete_selected, QKeySequence.StandardKey.Delete, tip="The selection")
        self._act("Delete", v.delete_selected, "Backspace", tip="The selection")
        self.duplicate = self._act("Duplicate", v.duplicate_selected, "Ctrl+D", tip="Copy the selected notes")
        self.author = self._act("Set author…", v.ask_author, "Alt+A", tip="Of the selected notes")
        self.group_pick = self._act("Set group…", v.ask_group, "Alt+G", tip="Of the selected notes")
        vote_tip = "On the selected notes and clusters, in the vote round shown"
        self._act("Add a dot", v.vote_selection_up, "+", tip=vote_tip)
        self._act("Add a dot", v.vote_selection_up, "=", tip=vote_tip)
        self._act("Take a dot back", v.vote_selection_down, "-", tip=vote_tip)
        self._act("New note", v.focus_capture, "N", tip="Type it in the capture bar")
        self.next_cluster = self._act(
            "Select cluster", v.next_cluster, "C", tip="The selected note's cluster, then the next cluster"
        )
        self._act("Select previous cluster", v.previous_cluster, "Shift+C")
        self._act("Select all", v.select_all, QKeySequence.StandardKey.SelectAll, tip="Every note on the wall")
        self.colours: dict[str, QAction] = {}
        for number, name in enumerate(NOTE_COLOURS, 1):
            action = self._act(f"Colour {name}", self._recolour_from_action, str(number), tip="The selection")
            action.setData(name)
            self.colours[name] = action
        self.tidy = self._act("Tidy all", v.tidy_all)
        # Entries of the right-click menu only
        self.rename_cluster = self._act("Rename", v.edit_selected)
        self.take_out = self._act("Take out of cluster", v.remove_from_cluster)
        self.tidy_clusters = self._act("Tidy notes into a grid", v.tidy_selected_clusters)
        self.edit_caption = self._act("Edit caption", v.edit_selected)
        self.delete_photo = self._act("Delete photo", v.delete_selected)
        self.new_note_here = self._act("New note here…", v.focus_capture)
        self.tools = [self.fit, self.group, self.tidy]  # the buttons beside the Wall menu

    def _act(self, text: str, slot, keys: Keys | None = None, menu: QMenu | None = None, tip: str = "") -> QAction:
        action = QAction(text, self.parent())
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self._view.addAction(action)
            self.keyed.append(action)
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        return action

    def _recolour_from_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction) and action.data():
            self.recolour_requested.emit(action.data())

    def _set_group_from_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction) and action.data():
            self.group_requested.emit(action.data())

    # -- the right-click menu -----------------------------------------------------------------
    def context_menu(self, pos: QPoint) -> QMenu | None:
        """The menu for what is under ``pos`` (selecting it first), popped up there; None while voting."""
        scene, view = self._scene, self._view
        if scene.vote_mode:
            return None
        scene_pos = view.mapToScene(pos)
        target = next((i for i in scene.items(scene_pos) if isinstance(i, (NoteItem, ClusterItem, PhotoItem))), None)
        if target is not None and not target.isSelected():
            scene.select(
                [target.note.id] if isinstance(target, NoteItem) else [],
                [target.cluster.id] if isinstance(target, ClusterItem) else [],
                [target.photo.id] if isinstance(target, PhotoItem) else [],
            )
        menu = QMenu(view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one menu per right-click: do not pile them up
        notes = scene.selected_note_ids()
        clusters = scene.selected_cluster_ids()
        if notes:
            menu.addAction(self.edit)
            colours = menu.addMenu("Colour")
            for name, keyed in self.colours.items():
                keys = keyed.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                action = colours.addAction(f"{name.capitalize()}\t{keys}")
                action.setData(name)
                action.triggered.connect(self._recolour_from_action)
            menu.addAction(self.author)
            groups = menu.addMenu("Group")
            for name in self._group_names() or ["(no groups in this event)"]:
                action = groups.addAction(name)
                action.setData(name)
                action.triggered.connect(self._set_group_from_action)
            menu.addAction(self.duplicate)
            menu.addSeparator()
            menu.addAction(self.group)
            wall = self._editor.wall
            if any(wall.notes[i].cluster_id for i in notes):
                menu.addAction(self.take_out)
            menu.addSeparator()
            menu.addAction(self.delete)
        elif clusters:
            menu.addAction(self.rename_cluster)
            colours = menu.addMenu("Colour")
            for name in NOTE_COLOURS:
                action = colours.addAction(name.capitalize())
                action.setData(name)
                action.triggered.connect(self._recolour_from_action)
            menu.addAction(self.tidy_clusters)
            menu.addAction(self.ungroup)
        elif scene.selected_photo_ids():
            menu.addAction(self.edit_caption)
            menu.addSeparator()
            menu.addAction(self.delete_photo)
        else:
            menu.addAction(self.new_note_here)
            menu.addAction(self.fit)
            menu.addSeparator()
            menu.addActions(self.menu.actions())
        menu.popup(view.viewport().mapToGlobal(pos))
        return menu
