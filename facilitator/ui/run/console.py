"""The facilitator's console on the laptop: the same countdown as the room, plus the whole day.

It shows how far ahead or behind the day is and when it will end at this
pace, each item's projected start, the private notes, and the controls.
Buttons take no keyboard focus so the clicker keys always reach the run.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetricsF, QKeySequence, QPainter, QPainterPath
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.core.agenda import schedule
from facilitator.core.run import Level, Stage
from facilitator.ui import theme
from facilitator.ui.agenda.necklace import paint_necklace
from facilitator.ui.run import look, screens
from facilitator.ui.run.audience import AudienceWindow, paint_audience
from facilitator.ui.run.controller import RunController

STYLE = f"""
QWidget#console {{ background: {theme.PAPER}; }}
QFrame#now {{ background: {look.BACKGROUND}; border-radius: 10px; }}
QFrame#now QLabel {{ color: {look.TEXT}; background: transparent; }}
QLabel#nowLabel {{ color: {look.SOFT_TEXT}; font-size: 12px; font-weight: 600; letter-spacing: 1px; }}
QLabel#nowTitle {{ font-size: 21px; font-weight: 700; }}
QLabel#nowNext {{ color: {look.SOFT_TEXT}; font-size: 13px; }}
QLabel#dayStatus {{ font-size: 17px; font-weight: 700; }}
QLabel#dayDetail {{ color: {theme.MUTED}; font-size: 13px; }}
QLabel#notesHead {{ color: {theme.MUTED}; font-size: 12px; font-weight: 600; }}
QLabel#notes {{ background: #fffbea; border: 1px solid #efe2b0; border-radius: 6px; padding: 8px; color: {theme.INK};
    font-size: 13px; }}
QFrame#now QPushButton {{ background: {look.PANEL}; color: {look.TEXT}; border: 1px solid #2c4058; border-radius: 6px;
    padding: 7px 10px; font-weight: 600; }}
QFrame#now QPushButton:hover {{ border-color: {look.LEVEL_COLOURS[Level.NORMAL]}; }}
QFrame#now QPushButton#primary {{ background: {look.LEVEL_COLOURS[Level.NORMAL]}; color: {look.BACKGROUND};
    border-color: {look.LEVEL_COLOURS[Level.NORMAL]}; }}
QFrame#now QPushButton:disabled {{ color: #5d6b7a; border-color: #223347; }}
QFrame#now QPushButton:checked {{ background: #f4f6f8; color: {look.BACKGROUND}; }}
QFrame#now QCheckBox {{ color: {look.SOFT_TEXT}; }}
QLabel#effect {{ color: {look.SOFT_TEXT}; font-size: 12px; }}
QLabel#timeOfDay {{ font-size: 17px; font-weight: 700; color: {theme.INK}; }}
"""


class CountdownFace(QWidget):
    """The console's countdown: digits in the level's colour over a thin progress bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.display = "0:00"
        self.level = Level.NORMAL
        self.fraction = 1.0
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 150)

    def set_values(self, display: str, level: Level, fraction: float) -> None:
        if (display, level, fraction) != (self.display, self.level, self.fraction):
            self.display, self.level, self.fraction = display, level, fraction
            self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(look.LEVEL_COLOURS[self.level])
        if self.level is Level.OVERTIME:
            colour = QColor(look.LEVEL_COLOURS[Level.RED])
        font = QFont(self.font())
        font.setPixelSize(max(10, int(self.height() * 0.7)))
        font.setWeight(QFont.Weight.Bold)
        font.setFeature(QFont.Tag("tnum"), 1)
        width = QFontMetricsF(font).horizontalAdvance(self.display)
        if width > self.width() * 0.92:
            font.setPixelSize(max(10, int(font.pixelSize() * self.width() * 0.92 / width)))
        painter.setFont(font)
        painter.setPen(colour)
        digits = QRectF(0, 0, self.width(), self.height() - 14)
        painter.drawText(digits, int(Qt.AlignmentFlag.AlignCenter), self.display)
        bar = QRectF(4, self.height() - 9, self.width() - 8, 7)
        track = QPainterPath()
        track.addRoundedRect(bar, 3.5, 3.5)
        painter.fillPath(track, QColor(255, 255, 255, 40))
        if self.fraction > 0:
            fill = QPainterPath()
            fill.addRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * self.fraction, bar.height()), 3.5, 3.5)
            painter.fillPath(fill, colour)
        painter.end()


class MiniNecklace(QWidget):
    def __init__(self, controller: RunController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setFixedHeight(92)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        run = self.controller.run
        paint_necklace(
            painter,
            QRectF(self.rect()).adjusted(6, 4, -6, -2),
            run.items,
            self.controller.document.project.diamonds,
            run.index,
            labels=False,
        )
        painter.end()


class ProjectorPreview(QWidget):
    """A live, small copy of exactly what the projector shows.

    The timer, break, standby, end and message screens are painted from the
    same state as the projector, laid out at the projector's own size and
    scaled down, so lines wrap where the room sees them wrap. A projected
    wall is copied from the audience window itself.
    """

    def __init__(self, controller: RunController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.audience: AudienceWindow | None = None  # the live audience window, when there is one
        self.setMinimumSize(192, 108)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("What the projector shows now")

    def sizeHint(self) -> QSize:
        return QSize(320, 180)

    def heightForWidth(self, width: int) -> int:
        return width * 9 // 16

    def source_size(self) -> QSize:
        if self.audience is not None and self.audience.width() > 0 and self.audience.height() > 0:
            return self.audience.size()
        return QSize(1920, 1080)

    def target(self) -> QRectF:
        """The preview's rectangle, in the projector's proportions, centred in the widget."""
        size = self.source_size()
        scale = min(self.width() / size.width(), self.height() / size.height())
        w, h = size.width() * scale, size.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(theme.PAPER))
        target = self.target()
        audience = self.audience
        showing_wall = audience is not None and audience.showing_wall
        if showing_wall and audience.isVisible():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(target, audience.grab(), QRectF(audience.rect()))
        else:
            size = self.source_size()
            painter.save()
            painter.translate(target.topLeft())
            painter.scale(target.width() / size.width(), target.height() / size.height())
            paint_audience(painter, QRectF(0, 0, size.width(), size.height()), self.controller.audience_state())
            painter.restore()
        painter.setPen(QColor("#2c4058"))
        painter.drawRect(target.adjusted(0, 0, -1, -1))
        painter.end()


class ConsoleWindow(QWidget):
    """The laptop's window during a run."""

    screen_chosen = Signal(str)
    exit_requested = Signal()
    wall_toggled = Signal()

    def __init__(self, controller: RunController, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.setObjectName("console")
        self.setWindowTitle("Facilitator — run console")
        self.setStyleSheet(STYLE)
        self.resize(1280, 720)

        # Left: the current item on a dark card, with the controls.
        now = QFrame(self)
        now.setObjectName("now")
        self.now_label = QLabel(now)
        self.now_label.setObjectName("nowLabel")
        self.title = QLabel(now)
        self.title.setObjectName("nowTitle")
        self.title.setWordWrap(True)
        self.face = CountdownFace(now)
        self.next_label = QLabel(now)
        self.next_label.setObjectName("nowNext")
        self.next_label.setWordWrap(True)
        self.pause_button = self._button(now, "Pause", controller.toggle, "Space", primary=True)
        minus = self._button(now, "−1 min", partial(controller.add_minutes, -1), "− key")
        plus1 = self._button(now, "+1 min", partial(controller.add_minutes, 1), "+ key")
        plus5 = self._button(now, "+5 min", partial(controller.add_minutes, 5))
        reset = self._button(now, "Reset item", self.ask_reset)
        self.reset_box: QMessageBox | None = None
        prev = self._button(now, "◀  Previous", controller.previous, "Page Up or ←")
        nxt = self._button(now, "Next  ▶", controller.next, "Page Down or →", primary=True)
        self.blackout_button = self._button(now, "Black out", controller.toggle_blackout, "B or .")
        self.blackout_button.setCheckable(True)
        self.wall_button = self._button(now, "Show wall", self.wall_toggled.emit, "W")
        self.wall_button.setCheckable(True)
        self.mute = QCheckBox("Mute chime", now)
        self.mute.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mute.setChecked(controller.chime.muted)
        self.mute.toggled.connect(controller.set_muted)
        grid = QGridLayout()
        grid.setSpacing(8)
        for col, button in enumerate([self.pause_button, minus, plus1, plus5]):
            grid.addWidget(button, 0, col)
        grid.addWidget(prev, 1, 0, 1, 2)
        grid.addWidget(nxt, 1, 2, 1, 2)
        grid.addWidget(reset, 2, 0)
        grid.addWidget(self.blackout_button, 2, 1)
        grid.addWidget(self.wall_button, 2, 2)
        self.undo_button = self._button(now, "Undo", controller.undo, "Ctrl+Z")
        grid.addWidget(self.undo_button, 2, 3)
        self.undo_action = QAction("Undo the last run action", self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.undo_action.triggered.connect(controller.undo)
        self.addAction(self.undo_action)
        self.effect = QLabel(now)
        self.effect.setObjectName("effect")
        self.effect.setWordWrap(True)
        now_layout = QVBoxLayout(now)
        now_layout.setContentsMargins(18, 14, 18, 14)
        now_layout.addWidget(self.now_label)
        now_layout.addWidget(self.title)
        now_layout.addWidget(self.face, 1)
        now_layout.addWidget(self.next_label)
        now_layout.addSpacing(6)
        now_layout.addLayout(grid)
        now_layout.addWidget(self.effect)
        now_layout.addWidget(self.mute)

        self.notes_head = QLabel("PRIVATE NOTES (only you see these)", self)
        self.notes_head.setObjectName("notesHead")
        self.notes = QLabel(self)
        self.notes.setObjectName("notes")
        self.notes.setWordWrap(True)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.notes.setMinimumHeight(70)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(now, 1)
        left.addWidget(self.notes_head)
        left.addWidget(self.notes)

        # Right: how the day is going, the schedule, the necklace, the projector.
        self.day_status = QLabel(self)
        self.day_status.setObjectName("dayStatus")
        self.day_detail = QLabel(self)
        self.day_detail.setObjectName("dayDetail")
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(["", "Now at", "Planned", "Min", "Item"])
        self.table.verticalHeader().setVisible(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setShowGrid(False)
        self.table.setToolTip("Double-click an item to jump to it.")
        header = self.table.horizontalHeader()
        for col in range(4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._on_double_click)
        self.necklace = MiniNecklace(controller, self)
        self.time_label = QLabel(self)
        self.time_label.setObjectName("timeOfDay")
        self.time_label.setToolTip("The time of day")
        self.preview_head = QLabel("ON THE PROJECTOR NOW", self)
        self.preview_head.setObjectName("notesHead")
        self.preview = ProjectorPreview(controller, self)
        self.projector_clock = QCheckBox("Time of day on the projector", self)
        self.projector_clock.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.projector_clock.setChecked(controller.projector_clock)
        self.projector_clock.toggled.connect(controller.set_projector_clock)
        self.message_edit = QLineEdit(self)
        self.message_edit.setPlaceholderText("A message to the room…")
        self.message_edit.setMaxLength(280)
        self.message_edit.returnPressed.connect(self._show_message)
        self.flash = QCheckBox("Flash", self)
        self.flash.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.flash.setToolTip("Blink the message a few times to catch the room's eye")
        self.show_message_button = QPushButton("Show", self)
        self.show_message_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.show_message_button.clicked.connect(self._show_message)
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dismiss_button.clicked.connect(controller.dismiss_message)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message_edit, 1)
        message_row.addWidget(self.flash)
        message_row.addWidget(self.show_message_button)
        message_row.addWidget(self.dismiss_button)
        self.screen_box = QComboBox(self)
        self.screen_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.screen_box.setToolTip("Which screen the room sees")
        self.screen_box.activated.connect(self._on_screen_picked)
        end = QPushButton("End run", self)
        end.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        end.setToolTip("Leave run mode (Esc)")
        end.clicked.connect(self.exit_requested.emit)
        foot = QHBoxLayout()
        foot.addWidget(QLabel("Projector:", self))
        foot.addWidget(self.screen_box, 1)
        foot.addStretch(1)
        foot.addWidget(end)
        right = QVBoxLayout()
        right.setSpacing(6)
        head = QHBoxLayout()
        head.addWidget(self.day_status, 1)
        head.addWidget(self.time_label)
        right.addLayout(head)
        right.addWidget(self.day_detail)
        right.addWidget(self.table, 1)
        right.addWidget(self.necklace)
        preview_row = QHBoxLayout()
        preview_row.addWidget(self.preview, 3)
        side = QVBoxLayout()
        side.addWidget(self.preview_head)
        side.addWidget(self.projector_clock)
        from facilitator.ui.room.console_card import RoomCard  # the room's join slide, small; J shows it (issue 14)

        self.room_card = RoomCard(controller.document, self)
        side.addWidget(self.room_card)
        side.addStretch(1)
        preview_row.addLayout(side, 2)
        right.addLayout(preview_row)
        right.addLayout(message_row)
        right.addLayout(foot)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 12)
        layout.setSpacing(14)
        layout.addLayout(left, 5)
        layout.addLayout(right, 6)

        controller.changed.connect(self.refresh)
        controller.ticked.connect(self.tick)
        self.refresh()

    def _button(self, parent: QWidget, text: str, slot, key: str = "", primary: bool = False) -> QPushButton:
        button = QPushButton(text, parent)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if primary:
            button.setObjectName("primary")
        if key:
            button.setToolTip(f"{text.strip('◀▶ ')} ({key})")
        button.clicked.connect(slot)
        return button

    # -- screens ------------------------------------------------------------------------
    def set_screens(self, names: list[str], labels: list[str], current: str | None, one_screen: bool = False) -> None:
        """Where the room looks: a window on this screen, this screen full-screen (one screen), or a projector."""
        self.screen_box.clear()
        self.screen_box.addItem("A window on this screen (rehearse)", "")
        if one_screen:
            self.screen_box.addItem("This screen, full-screen: the room sees it", screens.THIS_SCREEN)
        else:
            for name, label in zip(names, labels, strict=True):
                self.screen_box.addItem(label, name)
        index = self.screen_box.findData(current or "")
        self.screen_box.setCurrentIndex(max(0, index))

    def _on_screen_picked(self, index: int) -> None:
        self.screen_chosen.emit(self.screen_box.itemData(index) or "")

    def _show_message(self) -> None:
        text = self.message_edit.text().strip()
        if text:
            self.controller.show_message(text, self.flash.isChecked())

    def ask_reset(self) -> None:
        """Reset item: at once when nothing has run yet, else ask first (it throws the item's time away)."""
        if self.controller.run.elapsed < 1 and not self.controller.run.adjustment:
            self.controller.reset_item()
            return
        if self.reset_box is not None:
            return
        item = self.controller.run.current_item
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Reset this item?",
            f"Start “{item.title}” again from its full {item.minutes} min? Its time so far is set aside "
            "(Ctrl+Z brings it back).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Reset item")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(self._on_reset_answer)
        self.reset_box = box
        box.open()

    def _on_reset_answer(self, result: int) -> None:
        box, self.reset_box = self.reset_box, None
        if box is not None:
            box.deleteLater()
        if result == QMessageBox.StandardButton.Yes:
            self.controller.reset_item()

    def _on_double_click(self, row: int, column: int) -> None:
        self.controller.jump(row)

    # -- showing the state ----------------------------------------------------------------
    def refresh(self) -> None:
        c = self.controller
        run = c.run
        item = run.current_item
        self.title.setText(item.title)
        self.notes.setText(item.notes or "No private notes for this item.")
        following = run.next_item
        self.next_label.setText(f"Next: {following.title} ({following.minutes} min)" if following else "Last item")
        self.pause_button.setText("Pause" if run.running else "Resume")
        self.blackout_button.setChecked(c.blackout)
        self.blackout_button.setText("Projector is black" if c.blackout else "Black out")
        self.wall_button.setEnabled(item.wall_id is not None)
        self.wall_button.setChecked(c.wall_id is not None)
        self.wall_button.setText("Show timer" if c.wall_id else "Show wall")
        self.undo_button.setEnabled(run.can_undo)
        self.undo_button.setToolTip(f"Undo: {run.undo_label} (Ctrl+Z)" if run.can_undo else "Nothing to undo")
        self.effect.setText(c.last_effect)
        self.dismiss_button.setEnabled(bool(c.message))
        self.show_message_button.setText("Update" if c.message else "Show")
        self._fill_table()
        self.necklace.update()
        self.tick()

    def tick(self) -> None:
        run = self.controller.run
        if run.stage is Stage.STANDBY:
            self.now_label.setText("STANDBY  ·  PAGE DOWN STARTS THE FIRST ITEM")
        elif run.stage is Stage.END:
            self.now_label.setText("THE END SCREEN  ·  PAGE UP GOES BACK")
        else:
            state = "RUNNING" if run.running else "PAUSED"
            self.now_label.setText(f"NOW  ·  {run.index + 1} OF {len(run.items)}  ·  {state}")
        self.time_label.setText(dt.datetime.fromtimestamp(self.controller.clock.wall()).strftime("%H:%M"))
        self.preview.update()
        self.face.set_values(run.display, run.level, run.fraction_left)
        behind = run.behind_seconds()
        colour = "#b3261e" if behind >= 90 else (theme.ACCENT if behind <= -90 else theme.INK)
        self.day_status.setStyleSheet(f"color: {colour};")
        planned_end = run.event.planned_end
        self.day_status.setText(run.headline())
        self.day_detail.setText(
            f"Planned end {planned_end:%H:%M}  ·  this item ends {run.clock_time(run.projected_current_end()):%H:%M}"
        )
        self._update_starts()

    def _fill_table(self) -> None:
        run = self.controller.run
        slots = schedule(run.event, run.items)
        self.table.setRowCount(len(slots))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, slot in enumerate(slots):
            values = [
                "▶" if row == run.index else "",
                "",
                f"{slot.start:%H:%M}",
                str(slot.item.minutes),
                slot.item.title,
            ]
            for col, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if col in (0, 1, 2, 3):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if row < run.index:
                    cell.setForeground(QColor("#9aa5b1"))
                if row == run.index:
                    cell.setBackground(QColor(theme.ACCENT_SOFT))
                    cell.setFont(bold)
                self.table.setItem(row, col, cell)
        self._update_starts()

    def _update_starts(self) -> None:
        run = self.controller.run
        starts = run.projected_starts()
        for row, start in enumerate(starts):
            cell = self.table.item(row, 1)
            if cell is None:
                continue
            text = "done" if start is None else f"{run.clock_time(start):%H:%M}"
            if cell.text() != text:
                cell.setText(text)
