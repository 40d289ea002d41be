"""A wall's tab: the canvas, the capture bar, search and filters, the vote panel, menus and shortcuts.

Everything the user does here becomes one call on :class:`WallEditor`, which
pushes one undoable command; the scene and panels update when the wall's
:class:`WallSync` says what changed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.core import layout
from facilitator.core.palette import NOTE_COLOURS
from facilitator.core.words import plural
from facilitator.ui.document import Document
from facilitator.ui.wall.capture import CaptureBar
from facilitator.ui.wall.editing import Changes, WallEditor, WallSync
from facilitator.ui.wall.items import ClusterItem, NoteItem, PhotoItem
from facilitator.ui.wall.scene import WallScene
from facilitator.ui.wall.style import laptop_style, projector_style
from facilitator.ui.wall.view import WallView
from facilitator.ui.wall.votes import VotePanel

log = logging.getLogger(__name__)
ANY = "__any__"
SHORTCUTS = """Capture bar: Enter adds the note · F4: next colour · paste a list: one note per line · Esc: to the wall
N: type a new note · F2 or double-click: edit text · Delete: delete · Ctrl+D: duplicate
1–7: colour (yellow, orange, pink, blue, green, purple, grey) · Alt+A: author · Alt+G: group
Ctrl+G: group into a cluster · Ctrl+Shift+G: ungroup · Shift+click or Ctrl+click: add to selection
C: select the note's cluster, then the next cluster · Shift+C: the previous cluster
Arrows: go to the next note · Shift+arrows: add it to the selection · Ctrl+arrows: nudge the selection
Space+drag, middle button or scroll: pan · Ctrl+wheel, pinch, Ctrl+= / Ctrl+-: zoom
Shift+1: fit all · Shift+2: zoom to selection · Ctrl+0: actual size
Dot voting (Record dots on): click adds a dot, Shift+click or right-click takes one back · + / −: the selection
Photos: drag to move · F2 or double-click: caption · Delete: delete
Ctrl+Shift+N: new wall · double-click a wall's tab: rename it (Wall menu: delete, move left or right)
Ctrl+Z / Ctrl+Shift+Z: undo / redo"""


def build_scene(document: Document, wall_id: str, projector: bool, parent: QWidget) -> WallScene:
    wall = document.project.wall(wall_id)
    return WallScene(
        wall,
        projector_style() if projector else laptop_style(),
        document.project.photos_on(wall_id),
        document.store.photo_data,
        parent,
        audience=projector,  # the laptop also shows notes hidden from the room, marked
    )


class WallWidget(QWidget):
    """The editing view of one wall."""

    projector_requested = Signal(str)

    def __init__(self, document: Document, wall_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.wall_id = wall_id
        self.editor = WallEditor(document, wall_id)
        self.sync = self.editor.sync
        self.scene = build_scene(document, wall_id, False, self)
        self.view = WallView(self.scene, self)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.projector: ProjectorWindow | None = None
        project = document.project
        authors = sorted({n.author for w in project.walls for n in w.notes.values() if n.author}, key=str.casefold)
        self.capture_bar = CaptureBar([g.name for g in project.groups], authors, self)
        self.votes = VotePanel(self.editor, self)
        self.votes.hide()
        self._build_search()
        self.status = QLabel(self)
        self.status.setObjectName("subheading")
        self._matches: list[str] = []
        self._match_index = -1

        splitter = QSplitter(self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.votes)
        splitter.setStretchFactor(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(self.toolbar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.capture_bar)
        layout.addWidget(self.status)
        self._build_actions()

        self.sync.applied.connect(self._on_applied)
        self.sync.reset.connect(self._on_reset)
        self.scene.vote_requested.connect(self._on_vote_requested)
        self.scene.edit_requested.connect(self.view.edit_item)
        self.scene.drag_finished.connect(self._on_drag_finished)
        self.scene.selection_summary.connect(self._on_selection_summary)
        self.view.note_edited.connect(self._on_note_edited)
        self.view.cluster_renamed.connect(self._on_cluster_renamed)
        self.view.photo_captioned.connect(self._on_photo_captioned)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.zoom_changed.connect(self._on_zoom_changed)
        self.view.arrow_pressed.connect(self._on_arrow)
        self.capture_bar.capture.connect(self._on_capture)
        self.capture_bar.leave.connect(self._focus_wall)
        self.votes.recording_changed.connect(self._on_recording_changed)
        self.votes.round_changed.connect(self._on_round_changed)
        self.votes.show_item.connect(self.show_item)
        self.votes.message.connect(self._say)
        self._update_status()
        self._fitted = False
        self.last_import_messages: list[str] = []
        self._arrow_anchor: str | None = None
        self.setAcceptDrops(True)
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)

    # -- building -------------------------------------------------------------------
    def _build_search(self) -> None:
        self.find = QLineEdit(self)
        self.find.setPlaceholderText("Find text (Enter: next)")
        self.find.setClearButtonEnabled(True)
        self.find.setAccessibleName("Find text on the wall")
        self.find.setMaximumWidth(260)
        self.colour_filter = QComboBox(self)
        self.colour_filter.setAccessibleName("Filter by colour")
        self.colour_filter.addItem("Any colour", ANY)
        for name in NOTE_COLOURS:
            self.colour_filter.addItem(name.capitalize(), name)
        # The people lists are filled when opened: refilling them after every edit would scan the whole wall.
        self.author_filter = _LazyCombo(self._fill_people_filters, self)
        self.author_filter.setAccessibleName("Filter by author")
        self.group_filter = _LazyCombo(self._fill_people_filters, self)
        self.group_filter.setAccessibleName("Filter by group")
        self._fill_people_filters()
        self.match_label = QLabel(self)
        self.match_label.setObjectName("subheading")
        self.find.textChanged.connect(self._apply_search)
        self.find.returnPressed.connect(self.next_match)
        for combo in (self.colour_filter, self.author_filter, self.group_filter):
            combo.currentIndexChanged.connect(self._apply_search)

        self.wall_menu = QMenu("Wall", self)
        self.vote_button = QToolButton(self)
        self.vote_button.setText("Dot voting")
        self.vote_button.setCheckable(True)
        self.vote_button.toggled.connect(self._on_votes_toggled)
        menu_button = QToolButton(self)
        menu_button.setText("Wall ▾")
        menu_button.setMenu(self.wall_menu)
        menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar = QHBoxLayout()
        self.toolbar.setSpacing(6)
        self._tool_buttons: list[QToolButton] = []
        self.toolbar.addWidget(menu_button)
        self._toolbar_slot = self.toolbar.count()
        self.toolbar.addStretch(1)
        for w in (self.find, self.colour_filter, self.author_filter, self.group_filter, self.match_label):
            self.toolbar.addWidget(w)
        self.toolbar.addWidget(self.vote_button)

    def _fill_people_filters(self) -> None:
        wall = self.editor.wall
        for combo, label, values in (
            (self.author_filter, "Any author", {n.author for n in wall.notes.values() if n.author}),
            (
                self.group_filter,
                "Any group",
                {n.group for n in wall.notes.values() if n.group} | {g.name for g in self.document.project.groups},
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(label, ANY)
            for value in sorted(values, key=str.casefold):
                combo.addItem(value, value)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def _act(self, text: str, slot, shortcut: str | QKeySequence | None = None, menu: QMenu | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        return action

    def _tool(self, action: QAction) -> None:
        button = QToolButton(self)
        button.setDefaultAction(action)
        self.toolbar.insertWidget(self._toolbar_slot, button)
        self._toolbar_slot += 1

    def _build_actions(self) -> None:
        m = self.wall_menu
        self.fit_action = self._act("Fit all", self.view.fit_all, "Shift+1", m)
        self.zoom_sel_action = self._act("Zoom to selection", self.view.zoom_to_selection, "Shift+2", m)
        self._act("Actual size", self._actual_size, "Ctrl+0", m)
        self._act("Zoom in", self._zoom_in, QKeySequence.StandardKey.ZoomIn, m)
        self._act("Zoom out", self._zoom_out, QKeySequence.StandardKey.ZoomOut, m)
        m.addSeparator()
        self.group_action = self._act("Group into cluster", self.group_selection, "Ctrl+G", m)
        self.ungroup_action = self._act("Ungroup", self.ungroup_selection, "Ctrl+Shift+G", m)
        self._act("Tidy all clusters into rows", self.tidy_all, None, m)
        m.addSeparator()
        self._act("Export wall picture…", self.export_picture_dialog, None, m)
        self._act("Show on projector", self.show_projector, None, m)
        self.import_notes_action = self._act("Import notes…", self.import_notes_dialog, None, m)
        self.import_photos_action = self._act("Import photos…", self.import_photos_dialog, None, m)
        m.addSeparator()
        self._act("Rename this wall…", self.rename_wall_dialog, None, m)
        self._act("Delete this wall…", self.delete_wall_dialog, None, m)
        m.addSeparator()
        self._act("Keyboard shortcuts", self.show_shortcuts, "F1", m)
        self.edit_action = self._act("Edit text", self.edit_selected, "F2")
        self.delete_action = self._act("Delete", self.delete_selected, QKeySequence.StandardKey.Delete)
        self._act("Delete", self.delete_selected, "Backspace")
        self.duplicate_action = self._act("Duplicate", self.duplicate_selected, "Ctrl+D")
        self.author_action = self._act("Set author…", self._ask_author, "Alt+A")
        self.group_pick_action = self._act("Set group…", self._ask_group, "Alt+G")
        self._act("Add a dot", self._vote_selection_up, "+")
        self._act("Add a dot", self._vote_selection_up, "=")
        self._act("Take a dot back", self._vote_selection_down, "-")
        self._act("New note", self.focus_capture, "N")
        self.next_cluster_action = self._act("Select cluster", self.select_next_cluster, "C")
        self._act("Select previous cluster", self.select_previous_cluster, "Shift+C")
        self._act("Select all", self._select_all, QKeySequence.StandardKey.SelectAll)
        for number, name in enumerate(NOTE_COLOURS, 1):
            action = self._act(f"Colour {name}", self._recolour_from_shortcut, str(number))
            action.setData(name)
        for action in (self.fit_action, self.group_action):
            self._tool(action)
        self._tool(self._act("Tidy all", self.tidy_all))

    # -- wall events ----------------------------------------------------------------------
    def _on_applied(self, changes: Changes) -> None:
        self.scene.apply(changes)
        if changes.rounds or changes.removed_notes or changes.removed_clusters or self.votes.isVisible():
            self.votes.refresh()
        if changes.notes and (self.find.text() or self._filter_active()):
            self._apply_search()
        self.view.ensure_room(QRectF())
        self._update_status()

    def _on_reset(self) -> None:
        self.scene.rebuild(self.document.project.photos_on(self.wall_id))
        self.votes.refresh()
        self._fill_people_filters()
        self._update_status()

    def _update_status(self, selected_notes: int | None = None, selected_clusters: int | None = None) -> None:
        wall = self.editor.wall
        parts = [plural(len(wall.notes), "note"), plural(len(wall.clusters), "cluster"), plural(wall.total_dots, "dot")]
        if selected_notes is None:
            selected_notes = len(self.scene.selected_note_ids())
            selected_clusters = len(self.scene.selected_cluster_ids())
        photos = len(self.scene.selected_photo_ids())
        if photos:
            parts.append(f"selected: {photos} photo{'s' if photos != 1 else ''}")
        elif selected_notes or selected_clusters:
            parts.append(f"selected: {selected_notes} notes, {selected_clusters} clusters")
        parts.append(f"zoom {self.view.scale_factor:.0%}")
        self.status.setText("  ·  ".join(parts))

    def _on_zoom_changed(self, scale: float) -> None:
        self._update_status()

    def _on_selection_summary(self, notes: int, clusters: int) -> None:
        self._update_status(notes, clusters)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self.view.open_readable()

    # -- capture and editing -------------------------------------------------------------------
    def _focus_wall(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_capture(self) -> None:
        self.capture_bar.focus()

    def _on_capture(self, texts: list[str], colour: str, author: str, group: str) -> None:
        ids = self.editor.capture(texts, colour, author, group)
        if ids:
            item = self.scene.notes.get(ids[-1])
            if item is not None and self.view.isVisible():
                self.view.ensureVisible(item, 30, 30)

    def _on_note_edited(self, note_id: str, text: str) -> None:
        if note_id in self.editor.wall.notes:
            self.editor.set_text(note_id, text)

    def _on_cluster_renamed(self, cluster_id: str, title: str) -> None:
        if cluster_id in self.editor.wall.clusters:
            self.editor.rename_cluster(cluster_id, title)

    def _on_photo_captioned(self, photo_id: str, caption: str) -> None:
        self.editor.set_caption(photo_id, caption)

    def edit_selected(self) -> None:
        notes = self.scene.selected_note_ids()
        clusters = self.scene.selected_cluster_ids()
        photos = self.scene.selected_photo_ids()
        if notes:
            self.view.edit_item(self.scene.notes[notes[0]])
        elif clusters:
            self.view.edit_item(self.scene.clusters[clusters[0]])
        elif photos:
            self.view.edit_item(self.scene.photos[photos[0]])

    def delete_selected(self) -> None:
        notes = self.scene.selected_note_ids()
        clusters = self.scene.selected_cluster_ids()
        photos = self.scene.selected_photo_ids()
        if not notes and not clusters and not photos:
            return
        lost = self.editor.dots_lost_by_ungrouping(clusters)
        self.editor.delete(notes, clusters, photos)
        if lost:
            self._say(f"The cluster's own {lost} dots went with it; Undo brings them back.")
        elif photos and not notes and not clusters:
            self._say(f"Deleted {len(photos)} photo{'s' if len(photos) != 1 else ''}; Undo brings it back.")

    # -- clusters by keyboard --------------------------------------------------------------------
    def select_next_cluster(self) -> None:
        self._step_cluster(1)

    def select_previous_cluster(self) -> None:
        self._step_cluster(-1)

    def _step_cluster(self, step: int) -> None:
        """C selects the cluster of the selected note; pressed again (or with no note in a cluster selected) it
        walks the clusters in reading order, so a keyboard user can reach every cluster to rename, colour,
        tidy, vote on or ungroup it."""
        wall = self.editor.wall
        if not wall.clusters:
            self._say("This wall has no clusters yet: select notes and press Ctrl+G to make one.")
            return
        selected_clusters = self.scene.selected_cluster_ids()
        own = [wall.notes[i].cluster_id for i in self.scene.selected_note_ids() if wall.notes[i].cluster_id]
        if own and not selected_clusters and step > 0:
            target = own[0]
        else:
            order = sorted(wall.clusters.values(), key=lambda c: (round(c.y / 40), c.x, c.title.casefold()))
            ids = [c.id for c in order]
            if selected_clusters and selected_clusters[0] in ids:
                target = ids[(ids.index(selected_clusters[0]) + step) % len(ids)]
            else:
                target = ids[0] if step > 0 else ids[-1]
        self.scene.select(cluster_ids=[target])
        self._arrow_anchor = None
        self.view.ensureVisible(self.scene.clusters[target], 40, 40)
        self._say(f"Cluster “{wall.clusters[target].title}” selected: F2 renames, Delete ungroups.")

    # -- the wall itself -----------------------------------------------------------------------
    def rename_wall_dialog(self) -> None:
        from facilitator.ui.wall.wall_tabs import rename_wall_dialog

        rename_wall_dialog(self, self.document, self.wall_id)

    def delete_wall_dialog(self) -> None:
        from facilitator.ui.wall.wall_tabs import delete_wall_dialog

        delete_wall_dialog(self, self.document, self.wall_id)

    def wall_renamed(self, name: str) -> None:
        if self.projector is not None:
            self.projector.setWindowTitle(f"{name} — Facilitator")

    def duplicate_selected(self) -> None:
        ids = self.editor.duplicate(self.scene.selected_note_ids())
        if ids:
            self.scene.select(ids)

    def group_selection(self) -> None:
        cluster_id = self.editor.group(self.scene.selected_note_ids())
        if cluster_id is not None:
            self.scene.select(cluster_ids=[cluster_id])
            self.view.edit_item(self.scene.clusters[cluster_id])

    def ungroup_selection(self) -> None:
        clusters = self.scene.selected_cluster_ids()
        if not clusters:
            notes = self.scene.selected_note_ids()
            wall = self.editor.wall
            clusters = sorted({wall.notes[i].cluster_id for i in notes if wall.notes[i].cluster_id})
        if clusters:
            lost = self.editor.dots_lost_by_ungrouping(clusters)
            self.editor.ungroup(clusters)
            if lost:
                self._say(f"Ungrouped; the cluster's own {lost} dots went with it. Undo brings them back.")

    def tidy_all(self) -> None:
        """Tidy every cluster into rows, then show the result: the rows start at the wall's origin,
        which may be far from where the view was looking (a blank canvas otherwise)."""
        if self.editor.tidy_all():
            self.view.open_readable()

    def _recolour_from_shortcut(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self._recolour(action.data())

    def _recolour(self, colour: str) -> None:
        notes = self.scene.selected_note_ids()
        if notes:
            self.editor.set_colour(notes, colour)
        for cluster_id in self.scene.selected_cluster_ids():
            self.editor.recolour_cluster(cluster_id, colour)

    def _select_all(self) -> None:
        self.scene.select(self.scene.notes)

    def _actual_size(self) -> None:
        self.view.set_scale(1.0)

    def _zoom_in(self) -> None:
        self.view.zoom_by(1.25)

    def _zoom_out(self) -> None:
        self.view.zoom_by(0.8)

    def _on_drag_finished(self, notes: dict, clusters: dict, into: dict, photos: dict) -> None:
        self.editor.move(notes, clusters, into, photos)

    def _on_arrow(self, dx: int, dy: int, modifiers) -> None:
        """Keyboard work on the wall: arrows go to the nearest note that way, Shift+arrows add it to the
        selection, Ctrl+arrows nudge the selection (one undo step per press)."""
        wall = self.editor.wall
        selected = self.scene.selected_note_ids()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            step = 100.0 if modifiers & Qt.KeyboardModifier.ShiftModifier else 20.0
            photos = {i: self.scene.photos[i].photo for i in self.scene.selected_photo_ids()}
            if selected or photos:
                self.editor.move(
                    {i: (wall.notes[i].x + dx * step, wall.notes[i].y + dy * step) for i in selected},
                    photo_positions={i: (p.x + dx * step, p.y + dy * step) for i, p in photos.items()},
                )
            return
        anchor = None
        if selected:
            anchor = self._arrow_anchor if self._arrow_anchor in selected else selected[-1]
            here = wall.notes[anchor]
            origin = (here.x, here.y)
        else:
            centre = self.view.mapToScene(self.view.viewport().rect().center())
            origin = (centre.x() - layout.NOTE_WIDTH / 2, centre.y() - layout.NOTE_HEIGHT / 2)
        target = nearest_note(wall.notes.values(), origin, (dx, dy) if selected else (0, 0), {anchor})
        if target is None:
            return
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            self.scene.notes[target].setSelected(True)
        else:
            self.scene.select([target])
        self._arrow_anchor = target  # the next arrow goes on from here
        self.view.ensureVisible(self.scene.notes[target], 40, 40)

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, "Wall keyboard shortcuts", SHORTCUTS)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # -- voting ---------------------------------------------------------------------------------
    def _on_votes_toggled(self, shown: bool) -> None:
        self.votes.setVisible(shown)
        if not shown:
            self.votes.record.setChecked(False)
        self.votes.refresh()

    def _on_recording_changed(self, on: bool) -> None:
        self.scene.vote_mode = on
        self.view.setDragMode(WallView.DragMode.NoDrag if on else WallView.DragMode.RubberBandDrag)

    def _on_round_changed(self, round_id: str | None) -> None:
        self.scene.set_badge_round(round_id if self.votes.isVisible() else None)

    def _on_vote_requested(self, target_id: str, delta: int) -> None:
        round_id = self.votes.round_id
        if round_id is None:
            self._say("Start a vote round first (Dot voting > New round).")
            return
        self.editor.vote(round_id, target_id, delta)

    def _vote_selection(self, delta: int) -> None:
        round_id = self.votes.round_id
        if round_id is None:
            self._say("Start a vote round first (Dot voting > New round).")
            return
        for target in [*self.scene.selected_note_ids(), *self.scene.selected_cluster_ids()]:
            self.editor.vote(round_id, target, delta)

    def _vote_selection_up(self) -> None:
        self._vote_selection(1)

    def _vote_selection_down(self) -> None:
        self._vote_selection(-1)

    def show_item(self, target_id: str) -> None:
        if target_id in self.scene.notes:
            self.scene.select([target_id])
        elif target_id in self.scene.clusters:
            self.scene.select(cluster_ids=[target_id])
        else:
            return
        self.view.zoom_to_selection()

    # -- search ----------------------------------------------------------------------------------
    def _filter_active(self) -> bool:
        return any(
            c.currentData() not in (ANY, None) for c in (self.colour_filter, self.author_filter, self.group_filter)
        )

    def _apply_search(self) -> None:
        words = self.find.text().casefold().split()
        colour = self.colour_filter.currentData()
        author = self.author_filter.currentData()
        group = self.group_filter.currentData()

        def search(note) -> bool:
            text = f"{note.text} {note.author} {note.group}".casefold()
            return all(w in text for w in words)

        def keep(note) -> bool:
            return (
                (colour in (ANY, None) or note.colour == colour)
                and (author in (ANY, None) or note.author == author)
                and (group in (ANY, None) or note.group == group)
            )

        self._matches = self.scene.set_filters(search if words else None, keep if self._filter_active() else None)
        self._match_index = -1
        if words or self._filter_active():
            total = len(self.editor.wall.notes)
            self.match_label.setText(f"{len(self._matches)} of {total} match")
        else:
            self.match_label.setText("")

    def next_match(self) -> None:
        if not self._matches:
            return
        self._match_index = (self._match_index + 1) % len(self._matches)
        note_id = self._matches[self._match_index]
        self.scene.select([note_id])
        item = self.scene.notes[note_id]
        if self.view.scale_factor < 0.6:
            self.view.set_scale(1.0)
        self.view.centerOn(item)
        self.match_label.setText(f"{self._match_index + 1} of {len(self._matches)}")

    # -- context menu ----------------------------------------------------------------------------
    def _context_menu(self, pos: QPoint) -> None:
        if self.scene.vote_mode:
            return
        scene_pos = self.view.mapToScene(pos)
        target = next(
            (i for i in self.scene.items(scene_pos) if isinstance(i, (NoteItem, ClusterItem, PhotoItem))), None
        )
        if target is not None and not target.isSelected():
            self.scene.select(
                [target.note.id] if isinstance(target, NoteItem) else [],
                [target.cluster.id] if isinstance(target, ClusterItem) else [],
                [target.photo.id] if isinstance(target, PhotoItem) else [],
            )
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one menu per right-click: do not pile them up
        notes = self.scene.selected_note_ids()
        clusters = self.scene.selected_cluster_ids()
        if notes:
            menu.addAction(self.edit_action)
            colours = menu.addMenu("Colour")
            for number, name in enumerate(NOTE_COLOURS, 1):
                action = colours.addAction(f"{name.capitalize()}\t{number}")
                action.setData(name)
                action.triggered.connect(self._recolour_from_shortcut)
            menu.addAction(self.author_action)
            groups = menu.addMenu("Group")
            for name in [g.name for g in self.document.project.groups] or ["(no groups in this event)"]:
                action = groups.addAction(name)
                action.setData(name)
                action.triggered.connect(self._set_group_from_menu)
            menu.addAction(self.duplicate_action)
            menu.addSeparator()
            menu.addAction(self.group_action)
            if any(self.editor.wall.notes[i].cluster_id for i in notes):
                menu.addAction("Take out of cluster", self._remove_from_cluster)
            menu.addSeparator()
            menu.addAction(self.delete_action)
        elif clusters:
            menu.addAction("Rename", self.edit_selected)
            colours = menu.addMenu("Colour")
            for name in NOTE_COLOURS:
                action = colours.addAction(name.capitalize())
                action.setData(name)
                action.triggered.connect(self._recolour_from_shortcut)
            menu.addAction("Tidy notes into a grid", self._tidy_selected_clusters)
            menu.addAction(self.ungroup_action)
        elif self.scene.selected_photo_ids():
            menu.addAction("Edit caption", self.edit_selected)
            menu.addSeparator()
            menu.addAction("Delete photo", self.delete_selected)
        else:
            menu.addAction("New note here…", self.focus_capture)
            menu.addAction(self.fit_action)
            menu.addSeparator()
            menu.addActions(self.wall_menu.actions())
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _ask_group(self) -> None:
        notes = self.scene.selected_note_ids()
        if not notes:
            return
        names = [g.name for g in self.document.project.groups]
        current = self.editor.wall.notes[notes[0]].group
        index = names.index(current) if current in names else 0
        group, ok = QInputDialog.getItem(self, "Set group", "Group of the selected notes:", names or [""], index, True)
        if ok:
            self.editor.set_group(notes, group)

    def _ask_author(self) -> None:
        notes = self.scene.selected_note_ids()
        if not notes:
            return
        current = self.editor.wall.notes[notes[0]].author if notes else ""
        author, ok = QInputDialog.getText(self, "Set author", "Author of the selected notes:", text=current)
        if ok:
            self.editor.set_author(notes, author)
            self.capture_bar.remember_author(author.strip())

    def _set_group_from_menu(self) -> None:
        action = self.sender()
        if isinstance(action, QAction) and action.data():
            self.editor.set_group(self.scene.selected_note_ids(), action.data())

    def _remove_from_cluster(self) -> None:
        self.editor.remove_from_cluster(self.scene.selected_note_ids())

    def _tidy_selected_clusters(self) -> None:
        for cluster_id in self.scene.selected_cluster_ids():
            self.editor.tidy_cluster(cluster_id)

    # -- pictures, projector, imports --------------------------------------------------------------
    def export_picture_dialog(self) -> None:
        from facilitator.ui.wall.picture import paint_wall

        wall = self.editor.wall
        suggested = self.document.path.with_name(f"{self.document.path.stem} - {wall.name}.png")
        name, _ = QFileDialog.getSaveFileName(self, "Export wall picture", str(suggested), "PNG images (*.png)")
        if not name:
            return
        path = Path(name) if name.lower().endswith(".png") else Path(name + ".png")
        image = paint_wall(wall, self.document.project.photos_on(self.wall_id), self.document.store.photo_data)
        if not image.save(str(path), "PNG"):
            QMessageBox.warning(self, "Picture not saved", f"The picture could not be written to {path}.")
            return
        self._say(f"Saved the wall picture to {path}")

    def show_projector(self) -> None:
        if self.projector is None:
            self.projector = ProjectorWindow(self.document, self.wall_id, self)
            self.view.visible_changed.connect(self.projector.follow)
            self.projector.closed.connect(self._on_projector_closed)
        self.projector.show_on_audience_screen()
        self.projector.follow(self.view.mapToScene(self.view.viewport().rect()).boundingRect())

    def _on_projector_closed(self) -> None:
        if self.projector is not None:
            self.view.visible_changed.disconnect(self.projector.follow)
            self.projector.deleteLater()
            self.projector = None

    # Tests set this to True/False to answer "import the good rows?" without a dialog.
    answer_bad_rows: bool | None = None

    def import_paths(self, paths: list[Path]) -> None:
        from facilitator.ui.wall.imports import start_import

        start_import(self, paths)

    def on_import_finished(self, messages: list[str]) -> None:
        self.last_import_messages = messages
        if messages:
            self._say(" ".join(messages))

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def import_notes_dialog(self) -> None:
        from facilitator.ui.wall.imports import import_notes_dialog

        import_notes_dialog(self)

    def import_photos_dialog(self) -> None:
        from facilitator.ui.wall.imports import import_photos_dialog

        import_photos_dialog(self)


def nearest_note(notes, origin: tuple[float, float], direction: tuple[int, int], skip: set[str]) -> str | None:
    """The note nearest ``origin`` in ``direction`` (a 90° cone), or simply nearest with no direction."""
    ox, oy = origin
    dx, dy = direction
    best: tuple[float, str] | None = None
    for note in notes:
        if note.id in skip:
            continue
        vx, vy = note.x - ox, note.y - oy
        if dx or dy:
            along = vx * dx + vy * dy
            across = abs(vx * dy - vy * dx)
            if along <= 0 or across > along:
                continue
            distance = along + 2 * across  # prefer straight ahead over diagonal
        else:
            distance = abs(vx) + abs(vy)
        if best is None or distance < best[0]:
            best = (distance, note.id)
    return best[1] if best else None


class _LazyCombo(QComboBox):
    def __init__(self, refill, parent: QWidget) -> None:
        super().__init__(parent)
        self._refill = refill

    def showPopup(self) -> None:
        self._refill()
        super().showPopup()


class WallCanvas(QWidget):
    """A wall for the audience: the canvas only, in the projector look, always showing all of it."""

    def __init__(self, document: Document, wall_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.sync = WallSync.of(document, wall_id)
        self.wall_id = wall_id
        self.scene = build_scene(document, wall_id, True, self)
        self.view = WallView(self.scene, self)
        self.view.setInteractive(False)
        self.view.setFrameShape(WallView.Shape.NoFrame)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.following: QRectF | None = None
        self.sync.applied.connect(self._on_applied)
        self.sync.reset.connect(self._on_reset)
        self.view.resized.connect(self._refit)

    def _on_applied(self, changes: Changes) -> None:
        self.scene.apply(changes)
        self._refit()

    def _on_reset(self) -> None:
        self.scene.rebuild(self.document.project.photos_on(self.wall_id))
        self._refit()

    def follow(self, rect: QRectF | None) -> None:
        """Show what the facilitator shows on the laptop (None: the whole wall)."""
        self.following = rect
        self._refit()

    def _refit(self) -> None:
        if self.following is not None:
            self.view.fit_rect(self.following, max_scale=4.0)
        else:
            self.view.fit_rect(self.scene.content_rect(), max_scale=2.0)


class ProjectorWindow(WallCanvas):
    """The wall full-screen on the audience screen (the last screen when there are two); Esc closes it."""

    closed = Signal()

    def __init__(self, document: Document, wall_id: str, parent: QWidget | None = None) -> None:
        super().__init__(document, wall_id, parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle(f"{document.project.wall(wall_id).name} — Facilitator")
        close = QAction("Close projector view", self)
        close.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        close.triggered.connect(self.close)
        self.addAction(close)

    def show_on_audience_screen(self) -> None:
        from PySide6.QtGui import QGuiApplication

        screens = QGuiApplication.screens()
        target = screens[-1] if len(screens) > 1 else (self.screen() or QGuiApplication.primaryScreen())
        self.setGeometry(target.geometry())
        self.showFullScreen()

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        self.closed.emit()
