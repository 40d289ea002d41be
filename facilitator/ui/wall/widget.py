"""A wall's tab: the canvas, the capture bar, the filter bar, the vote panel, and what the user does to the wall.

The parts live in their own modules and are joined here through their
constructors and signals: :mod:`.filter_bar` (find and filters),
:mod:`.actions` (every key and menu entry), :mod:`.navigation` (arrows and C),
:mod:`.canvas` (the scene and the projector window), :mod:`.shortcut_help`.
Everything the user does becomes one call on :class:`WallEditor`, which
pushes one undoable command; the scene and panels update when the wall's
:class:`WallSync` says what changed.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.words import plural
from facilitator.ui.document import Document
from facilitator.ui.wall.actions import WallActions
from facilitator.ui.wall.canvas import ProjectorLink, ProjectorWindow, WallCanvas, build_scene
from facilitator.ui.wall.capture import CaptureBar
from facilitator.ui.wall.editing import Changes, WallEditor
from facilitator.ui.wall.filter_bar import FilterBar
from facilitator.ui.wall.navigation import WallNavigator, nearest_note
from facilitator.ui.wall.shortcut_help import HelpRow, ShortcutHelp, wall_sections
from facilitator.ui.wall.view import WallView
from facilitator.ui.wall.votes import VotePanel

__all__ = ["ProjectorWindow", "WallCanvas", "WallWidget", "build_scene", "nearest_note"]
log = logging.getLogger(__name__)
NO_ROUND = "Start a vote round first (Dot voting > New round)."


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
        self._projector = ProjectorLink(document, wall_id, self.view, self)
        project = document.project
        authors = sorted({n.author for w in project.walls for n in w.notes.values() if n.author}, key=str.casefold)
        self.capture_bar = CaptureBar([g.name for g in project.groups], authors, self)
        self.votes = VotePanel(self.editor, self)
        self.votes.hide()
        editor = self.editor  # the closure below holds the editor and document, never this widget

        def people() -> tuple[set[str], set[str]]:
            notes = editor.wall.notes.values()
            return {n.author for n in notes if n.author}, {n.group for n in notes if n.group} | {
                g.name for g in document.project.groups
            }

        self.filter_bar = FilterBar(people, self)
        self.find = self.filter_bar.find
        self.colour_filter = self.filter_bar.colour_filter
        self.author_filter = self.filter_bar.author_filter
        self.group_filter = self.filter_bar.group_filter
        self.match_label = self.filter_bar.match_label
        self.navigator = WallNavigator(self.editor, self.scene, self.view, self)
        self.wall_actions = WallActions(self, self.scene, self.view, self.editor, self._group_names, self)
        self.wall_menu = self.wall_actions.menu
        self.edit_action = self.wall_actions.edit
        self.delete_action = self.wall_actions.delete
        self.group_action = self.wall_actions.group
        self.ungroup_action = self.wall_actions.ungroup
        self.fit_action = self.wall_actions.fit
        self.status = QLabel(self)
        self.status.setObjectName("subheading")
        self._help_box: ShortcutHelp | None = None

        self.vote_button = QToolButton(self)
        self.vote_button.setText("Dot voting")
        self.vote_button.setCheckable(True)
        menu_button = QToolButton(self)
        menu_button.setText("Wall ▾")
        menu_button.setMenu(self.wall_menu)
        menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar = QHBoxLayout()
        toolbar.setSpacing(6)
        toolbar.addWidget(menu_button)
        for action in self.wall_actions.tools:
            button = QToolButton(self)
            button.setDefaultAction(action)
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        toolbar.addWidget(self.filter_bar)
        toolbar.addWidget(self.vote_button)

        splitter = QSplitter(self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.votes)
        splitter.setStretchFactor(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.capture_bar)
        layout.addWidget(self.status)

        self.sync.applied.connect(self._on_applied)
        self.sync.reset.connect(self._on_reset)
        self.scene.vote_requested.connect(self._on_vote_requested)
        self.scene.edit_requested.connect(self.view.edit_item)
        self.scene.drag_finished.connect(self._on_drag_finished)
        self.scene.selection_summary.connect(self._on_selection_summary)
        self.view.note_edited.connect(self._on_note_edited)
        self.view.cluster_renamed.connect(self._on_cluster_renamed)
        self.view.photo_captioned.connect(self._on_photo_captioned)
        self.view.customContextMenuRequested.connect(self.wall_actions.context_menu)
        self.view.zoom_changed.connect(self._on_zoom_changed)
        self.view.arrow_pressed.connect(self.navigator.arrow)
        self.navigator.message.connect(self._say)
        self.wall_actions.recolour_requested.connect(self.recolour)
        self.wall_actions.group_requested.connect(self.set_group)
        self.filter_bar.changed.connect(self._apply_search)
        self.filter_bar.next_requested.connect(self.next_match)
        self.vote_button.toggled.connect(self._on_votes_toggled)
        self.capture_bar.capture.connect(self._on_capture)
        self.capture_bar.leave.connect(self._focus_wall)
        self.votes.recording_changed.connect(self._on_recording_changed)
        self.votes.round_changed.connect(self._on_round_changed)
        self.votes.show_item.connect(self.show_item)
        self.votes.message.connect(self._say)
        self._update_status()
        self._fitted = False
        self.last_import_messages: list[str] = []
        self.setAcceptDrops(True)
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)

    @property
    def projector(self) -> ProjectorWindow | None:
        """The projector window while it is open."""
        return self._projector.window

    def _group_names(self) -> list[str]:
        return [g.name for g in self.document.project.groups]

    # -- wall events ----------------------------------------------------------------------
    def _on_applied(self, changes: Changes) -> None:
        self.scene.apply(changes)
        if changes.rounds or changes.removed_notes or changes.removed_clusters or self.votes.isVisible():
            self.votes.refresh()
        if changes.notes and (self.find.text() or self.filter_bar.filter_active()):
            self._apply_search()
        self.view.ensure_room(QRectF())
        self._update_status()

    def _on_reset(self) -> None:
        self.scene.rebuild(self.document.project.photos_on(self.wall_id))
        self.votes.refresh()
        self.filter_bar.refill_people()
        self._update_status()

    def _update_status(self, selected_notes: int | None = None, selected_clusters: int | None = None) -> None:
        wall = self.editor.wall
        # The notes on this wall as it is drawn here (the scene keeps only core.wall.on_wall's notes): a held
        # phone note waits in the Room window and is not on the wall until accepted.
        shown = len(self.scene.notes)
        parts = [plural(shown, "note"), plural(len(wall.clusters), "cluster"), plural(wall.total_dots, "dot")]
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

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # -- capture and editing -------------------------------------------------------------------
    def _focus_wall(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_capture(self) -> None:
        self.capture_bar.focus()

    def offer_groups(self, names: list[str]) -> None:
        """The event's groups changed: the capture bar completes from ``names``."""
        self.capture_bar.set_groups(names)

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

    def _on_drag_finished(self, notes: dict, clusters: dict, into: dict, photos: dict) -> None:
        self.editor.move(notes, clusters, into, photos)

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

    def tidy_selected_clusters(self) -> None:
        for cluster_id in self.scene.selected_cluster_ids():
            self.editor.tidy_cluster(cluster_id)

    def remove_from_cluster(self) -> None:
        self.editor.remove_from_cluster(self.scene.selected_note_ids())

    def recolour(self, colour: str) -> None:
        notes = self.scene.selected_note_ids()
        if notes:
            self.editor.set_colour(notes, colour)
        for cluster_id in self.scene.selected_cluster_ids():
            self.editor.recolour_cluster(cluster_id, colour)

    def set_group(self, group: str) -> None:
        self.editor.set_group(self.scene.selected_note_ids(), group)

    def ask_group(self) -> None:
        notes = self.scene.selected_note_ids()
        if not notes:
            return
        names = self._group_names()
        current = self.editor.wall.notes[notes[0]].group
        index = names.index(current) if current in names else 0
        group, ok = QInputDialog.getItem(self, "Set group", "Group of the selected notes:", names or [""], index, True)
        if ok:
            self.editor.set_group(notes, group)

    def ask_author(self) -> None:
        notes = self.scene.selected_note_ids()
        if not notes:
            return
        current = self.editor.wall.notes[notes[0]].author if notes else ""
        author, ok = QInputDialog.getText(self, "Set author", "Author of the selected notes:", text=current)
        if ok:
            self.editor.set_author(notes, author)
            self.capture_bar.remember_author(author.strip())

    def select_all(self) -> None:
        self.scene.select(self.scene.notes)

    # -- looking about -----------------------------------------------------------------------------
    def fit_all(self) -> None:
        self.view.fit_all()

    def zoom_to_selection(self) -> None:
        self.view.zoom_to_selection()

    def actual_size(self) -> None:
        self.view.set_scale(1.0)

    def zoom_in(self) -> None:
        self.view.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.view.zoom_by(0.8)

    def next_cluster(self) -> None:
        self.navigator.next_cluster()

    def previous_cluster(self) -> None:
        self.navigator.previous_cluster()

    def show_item(self, target_id: str) -> None:
        if target_id in self.scene.notes:
            self.scene.select([target_id])
        elif target_id in self.scene.clusters:
            self.scene.select(cluster_ids=[target_id])
        else:
            return
        self.view.zoom_to_selection()

    # -- search ----------------------------------------------------------------------------------
    def _apply_search(self) -> None:
        matches = self.scene.set_filters(*self.filter_bar.predicates())
        self.filter_bar.show_matches(matches, len(self.scene.notes))  # of the notes on the wall

    def next_match(self) -> None:
        note_id = self.filter_bar.next_match()
        if note_id is None:
            return
        self.scene.select([note_id])
        if self.view.scale_factor < 0.6:
            self.view.set_scale(1.0)
        self.view.centerOn(self.scene.notes[note_id])

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
            self._say(NO_ROUND)
            return
        self.editor.vote(round_id, target_id, delta)

    def _vote_selection(self, delta: int) -> None:
        round_id = self.votes.round_id
        if round_id is None:
            self._say(NO_ROUND)
            return
        for target in [*self.scene.selected_note_ids(), *self.scene.selected_cluster_ids()]:
            self.editor.vote(round_id, target, delta)

    def vote_selection_up(self) -> None:
        self._vote_selection(1)

    def vote_selection_down(self) -> None:
        self._vote_selection(-1)

    # -- help -------------------------------------------------------------------------------------
    def shortcut_sections(self) -> list[tuple[str, list[HelpRow]]]:
        """The help's sections, read from this wall's actions as they are bound now."""
        return wall_sections(self.wall_actions.keyed)

    def shortcut_help_box(self) -> ShortcutHelp:
        """The shortcut help as a window, made afresh so it shows the keys as they are bound now."""
        return ShortcutHelp("Wall keyboard shortcuts", self.shortcut_sections(), self)

    def show_shortcuts(self) -> None:
        """F1: the help beside the wall, without blocking it."""
        if self._help_box is not None:
            self._help_box.close()
            self._help_box.deleteLater()
        self._help_box = self.shortcut_help_box()
        self._help_box.show()

    # -- the wall itself -----------------------------------------------------------------------
    def rename_wall_dialog(self) -> None:
        from facilitator.ui.wall.wall_tabs import rename_wall_dialog

        rename_wall_dialog(self, self.document, self.wall_id)

    def delete_wall_dialog(self) -> None:
        from facilitator.ui.wall.wall_tabs import delete_wall_dialog

        delete_wall_dialog(self, self.document, self.wall_id)

    def wall_renamed(self, name: str) -> None:
        self._projector.rename(name)

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
        self._projector.show()

    # Tests set this to True/False to answer "import the good rows?" without a dialog.
    answer_bad_rows: bool | None = None

    def _preset_answer(self) -> bool | None:
        return self.answer_bad_rows

    def import_paths(self, paths: list[Path]) -> None:
        from facilitator.ui.wall.imports import ImportRunner

        runner = ImportRunner(self, self.document, self.editor.wall.name, paths, preset=self._preset_answer)
        runner.finished.connect(self.on_import_finished)
        runner.start()

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
        from facilitator.ui.wall.imports import ask_note_files

        paths = ask_note_files(self, self.document.path.parent)
        if paths:
            self.import_paths(paths)

    def import_photos_dialog(self) -> None:
        from facilitator.ui.wall.imports import ask_photo_files

        paths = ask_photo_files(self, self.document.path.parent)
        if paths:
            self.import_paths(paths)
