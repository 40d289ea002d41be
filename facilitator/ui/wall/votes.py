"""The dot-voting panel: rounds, dots per person, recording dots, and the ranked list.

One scribe records the room's dots: with "Record dots" on, a click on a note
or cluster adds a dot in the chosen round and Shift+click (or right-click)
takes one back. Each round keeps its own dots, so a second round, a cleared
round or a regrouping never touches another round's votes.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.wall import Wall
from facilitator.core.words import plural
from facilitator.ui.wall.editing import WallEditor

TOP = 10


def ranking(wall: Wall, round_id: str | None) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, int]]]:
    """(cluster id, title, dots) and (note id, text, dots), most first, for one round or (None) all rounds.

    A cluster's score is the dots on it plus the dots on its notes: what the room sees.
    """
    rounds = [r for r in wall.rounds if round_id in (None, r.id)]
    note_dots: dict[str, int] = {}
    cluster_dots: dict[str, int] = {}
    for r in rounds:
        for k, v in r.note_votes.items():
            note_dots[k] = note_dots.get(k, 0) + v
        for k, v in r.cluster_votes.items():
            cluster_dots[k] = cluster_dots.get(k, 0) + v
    for note_id, dots in note_dots.items():
        note = wall.notes.get(note_id)
        if note is not None and note.cluster_id is not None:
            cluster_dots[note.cluster_id] = cluster_dots.get(note.cluster_id, 0) + dots
    clusters = sorted(
        ((c.id, c.title, cluster_dots.get(c.id, 0)) for c in wall.clusters.values() if cluster_dots.get(c.id)),
        key=lambda t: (-t[2], t[1].casefold()),
    )
    notes = sorted(
        ((n, wall.notes[n].text, d) for n, d in note_dots.items() if n in wall.notes and d),
        key=lambda t: (-t[2], t[1].casefold()),
    )
    return clusters, notes


def round_summary(total: int, per_person: int) -> str:
    """What the vote panel says about a round: its dots, and the fewest people who could have placed them."""
    if total == 0:
        return f"No dots recorded in this round yet ({per_person} per person)."
    people = math.ceil(total / per_person) if per_person else 0
    estimate = f": at least {plural(people, 'person', 'people')}" if people else ""
    return f"{plural(total, 'dot')} recorded in this round ({per_person} per person{estimate})."


class VotePanel(QWidget):
    recording_changed = Signal(bool)
    round_changed = Signal(object)  # round id or None
    show_item = Signal(str)  # note or cluster id picked in the ranking
    message = Signal(str)  # what just happened, for the status line (dots are never removed silently)

    def __init__(self, editor: WallEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setMinimumWidth(280)
        self.rounds = QComboBox(self)
        self.rounds.setAccessibleName("Vote round")
        self.rename_button = QPushButton("Rename…", self)
        self.rename_button.setToolTip("Give this round a name the room will recognise (for example “Top priorities”)")
        self.dots = QSpinBox(self)
        self.dots.setRange(1, 50)
        self.dots.setValue(3)
        self.dots.setAccessibleName("Dots per person")
        self.record = QCheckBox("Record dots", self)
        self.record.setToolTip("Click a note or cluster to add a dot; Shift+click or right-click takes one back")
        new = QPushButton("New round", self)
        clear = QPushButton("Clear round", self)
        clear.setToolTip("Remove this round's dots only; other rounds keep theirs (Undo brings them back)")
        delete = QPushButton("Delete round", self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.hint = QLabel(
            "With Record dots on: click adds a dot, Shift+click or right-click removes one. "
            "+ and − do the same for the selected notes and clusters.",
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setObjectName("subheading")
        self.all_rounds = QCheckBox("Rank by all rounds", self)
        self.ranked = QListWidget(self)
        self.ranked.setAccessibleName("Ranked clusters and notes")
        # Whole titles, wrapped, with the count first: a narrow panel never hides a count.
        self.ranked.setWordWrap(True)
        self.ranked.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ranked.setResizeMode(QListWidget.ResizeMode.Adjust)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        heading = QLabel("Dot voting", self)
        heading.setObjectName("heading")
        layout.addWidget(heading)
        round_row = QHBoxLayout()
        round_row.addWidget(self.rounds, 1)
        round_row.addWidget(self.rename_button)
        layout.addLayout(round_row)
        row = QHBoxLayout()
        row.addWidget(QLabel("Dots per person", self))
        row.addWidget(self.dots)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        for b in (new, clear, delete):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        layout.addWidget(self.record)
        layout.addWidget(self.hint)
        layout.addWidget(self.summary)
        layout.addWidget(self.all_rounds)
        layout.addWidget(self.ranked, 1)

        new.clicked.connect(self.new_round)
        self.rename_button.clicked.connect(self._on_rename_clicked)
        clear.clicked.connect(self.clear_round)
        delete.clicked.connect(self.delete_round)
        self.rounds.currentIndexChanged.connect(self._on_round_picked)
        self.dots.editingFinished.connect(self._on_dots_edited)
        self.record.toggled.connect(self.recording_changed)
        self.all_rounds.toggled.connect(self.refresh)
        self.ranked.itemActivated.connect(self._on_ranked_activated)
        self.ranked.itemClicked.connect(self._on_ranked_activated)
        self.refresh()

    @property
    def round_id(self) -> str | None:
        return self.rounds.currentData()

    def refresh(self) -> None:
        wall = self.editor.wall
        current = self.round_id
        self.rounds.blockSignals(True)
        self.rounds.clear()
        for r in wall.rounds:
            self.rounds.addItem(r.name, r.id)
        index = self.rounds.findData(current) if current else -1
        self.rounds.setCurrentIndex(index if index >= 0 else self.rounds.count() - 1)
        self.rounds.blockSignals(False)
        r = next((r for r in wall.rounds if r.id == self.round_id), None)
        self.record.setEnabled(r is not None)
        self.rename_button.setEnabled(r is not None)
        if r is None:
            self.summary.setText("No vote rounds yet: press New round to start one.")
            self.record.setChecked(False)
        else:
            self.dots.blockSignals(True)
            self.dots.setValue(r.dots_per_person)
            self.dots.blockSignals(False)
            self.summary.setText(round_summary(r.total, r.dots_per_person))
        clusters, notes = ranking(wall, None if self.all_rounds.isChecked() else self.round_id)
        self.ranked.clear()
        for title, rows in (("Top clusters", clusters[:TOP]), ("Top notes", notes[:TOP])):
            head = QListWidgetItem(title, self.ranked)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            if not rows:
                QListWidgetItem("  no dots yet", self.ranked).setFlags(Qt.ItemFlag.NoItemFlags)
            for rank, (target_id, text, dots) in enumerate(rows, 1):
                item = QListWidgetItem(f"{rank}.  {plural(dots, 'dot')}  ·  {text}", self.ranked)
                item.setData(Qt.ItemDataRole.UserRole, target_id)
                item.setToolTip(text)
        self.round_changed.emit(self.round_id)

    def _on_round_picked(self) -> None:
        self.refresh()

    def _on_dots_edited(self) -> None:
        r = self.round_id
        if r is not None and self.dots.value() != self.editor.wall.round(r).dots_per_person:
            self.editor.set_dots_per_person(r, self.dots.value())

    def _on_ranked_activated(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if target:
            self.show_item.emit(target)

    def new_round(self) -> None:
        round_id = self.editor.new_round(f"Round {len(self.editor.wall.rounds) + 1}", self.dots.value())
        if round_id is not None:
            self.refresh()
            self.rounds.setCurrentIndex(self.rounds.findData(round_id))
            self.record.setChecked(True)

    def _on_rename_clicked(self) -> None:
        self.rename_round()

    def rename_round(self, name: str | None = None) -> bool:
        """Rename the chosen round; with no name given, ask for one."""
        if self.round_id is None:
            return False
        r = self.editor.wall.round(self.round_id)
        if name is None:
            name, ok = QInputDialog.getText(self, "Rename vote round", "Name of this round:", text=r.name)
            if not ok:
                return False
        name = " ".join(name.split())
        if not name or name == r.name:
            return False
        old = r.name
        if self.editor.rename_round(r.id, name):
            self.message.emit(f"Renamed the round {old!r} to {name!r}.")
            return True
        return False

    def clear_round(self) -> None:
        if self.round_id is None:
            return
        r = self.editor.wall.round(self.round_id)
        dots = r.total
        if self.editor.clear_round(r.id):
            self.message.emit(f"Cleared {dots} dots from {r.name!r}; other rounds kept theirs. Undo brings them back.")

    def delete_round(self) -> None:
        if self.round_id is None:
            return
        r = self.editor.wall.round(self.round_id)
        name, dots = r.name, r.total
        if self.editor.delete_round(r.id):
            self.message.emit(f"Deleted the round {name!r} and its {dots} dots. Undo brings it back.")
