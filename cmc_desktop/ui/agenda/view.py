"""The Agenda view: a week (or a day) of séances, interviews and legal deadlines, clashes flagged.

Keyboard: ← → change day, ↑ ↓ move within the day, Pg↑ Pg↓ change week (day in the day view), T today,
S week view, J day view, Entrée opens what the event is about (the promotion, the agent's file).
"""

from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.agenda import AgendaEvent, EventKind, conflict_warning, day_fr, describe, week_label, week_start
from ...services.agenda import Agenda, agenda
from ...services.workspace import Workspace
from ..navigation import AGENTS, PROMOTIONS, Navigator, View
from ..theme import WARNING
from ..widgets import ErrorBanner
from .export import export_calendar

_SHORT_DAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
KEY_ROLE = Qt.ItemDataRole.UserRole


class DayColumn(QFrame):
    """One day: its date, then its events in a list."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("AgendaDay")
        self.day = date.min
        self.title = QLabel(self)
        self.title.setProperty("role", "subtitle")
        self.today_mark = QLabel(self)  # its own line: every column keeps the same width
        self.today_mark.setProperty("role", "hint")
        # Seven columns fit 1280 px with the texts at 200 % only if « lun. 16/11 » may take two lines.
        self.title.setWordWrap(True)
        self.events = QListWidget(self)
        self.events.setWordWrap(True)
        self.events.setSpacing(2)
        self.events.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.title)
        column.addWidget(self.today_mark)
        column.addWidget(self.events, 1)

    def show_day(self, day: date, events: list[AgendaEvent], clashes: dict[str, list[str]], today: date, *,
                 detailed: bool = False) -> None:
        """`detailed` (the day view) adds what each event is about and what it clashes with."""
        self.day = day
        marker = " · aujourd'hui" if day == today else ""
        self.title.setText(f"{_SHORT_DAYS[day.weekday()]} {day:%d/%m}")
        self.today_mark.setText("aujourd'hui" if day == today else "")
        self.events.setAccessibleName(f"{day_fr(day).capitalize()}{marker} : {len(events)} "
                                      f"{'événement' if len(events) < 2 else 'événements'}")
        self.events.clear()
        for event in events:
            warning = conflict_warning(event, clashes)
            lines = [("⚠ " if warning else "") + event.time_label(), event.title]
            if event.slot.where:
                lines.append(event.slot.where)
            if detailed:
                lines += [part for part in (event.detail, warning) if part]
            item = QListWidgetItem("\n".join(lines), self.events)
            item.setData(KEY_ROLE, event.key)
            item.setToolTip("\n".join(part for part in (describe(event), warning) if part))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, " ".join(part for part in (describe(event), warning)
                                                                       if part))
            if warning or event.kind is EventKind.DEADLINE:
                item.setForeground(QBrush(QColor(WARNING)))
        if not events:
            QListWidgetItem("—", self.events).setFlags(Qt.ItemFlag.NoItemFlags)


class AgendaView(QWidget, View):
    """The week of the current day (or that day alone); every change of day or week reads the store again."""

    def __init__(self, ws: Workspace, navigator: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws, self.navigator = ws, navigator
        self.current = ws.clock.today()
        self.day_mode = False
        self.agenda: Agenda | None = None
        self.title = QLabel(self)
        self.title.setProperty("role", "title")
        self.previous_button = self._button("‹ Précédente", lambda: self.move_week(-1), "Semaine précédente (Pg↑)")
        self.today_button = self._button("Aujourd'hui", self.go_today, "Revenir à aujourd'hui (T)")
        self.next_button = self._button("Suivante ›", lambda: self.move_week(1), "Semaine suivante (Pg↓)")
        self.mode_button = self._button("Vue jour", self.toggle_mode, "Basculer entre la semaine (S) et le jour (J)")
        self.export_button = self._button("Exporter l'agenda (.ics)…", self.export_all,
                                          "Toutes les séances et tous les entretiens, dans un fichier d'agenda")
        self.export_event_button = self._button("Exporter l'événement (.ics)…", self.export_selected,
                                                "La séance ou l'entretien choisi, dans un fichier d'agenda")
        self.hint = QLabel("← → jour · ↑ ↓ événement · Pg↑ Pg↓ semaine · T aujourd'hui · S semaine · J jour · "
                           "Entrée ouvre", self)
        self.hint.setProperty("role", "hint")
        self.summary = QLabel(self)
        self.summary.setProperty("role", "hint")
        for label in (self.hint, self.summary):  # enlarged texts wrap instead of widening the view
            label.setWordWrap(True)
        self.banner = ErrorBanner(self)
        self.columns = [DayColumn(self) for _ in range(7)]
        for column in self.columns:
            column.events.installEventFilter(self)
            column.events.itemActivated.connect(self.open_item_of)
            column.events.currentItemChanged.connect(lambda *_: self._update_buttons())
        top = QHBoxLayout()
        top.addStretch(1)
        for button in (self.previous_button, self.today_button, self.next_button, self.mode_button):
            top.addWidget(button)
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        actions.addWidget(self.export_event_button)
        actions.addWidget(self.export_button)
        days = QHBoxLayout()
        days.setSpacing(6)
        for column in self.columns:
            days.addWidget(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(self.title)  # its own line: the week's buttons beside it would squeeze it at 200 %
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.banner)
        layout.addLayout(actions)
        layout.addLayout(days, 1)
        self.reload()

    def _button(self, text: str, slot: object, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setProperty("variant", "secondary")
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)
        button.clicked.connect(slot)
        return button

    # ----- what is shown ----------------------------------------------------------------------------------
    def reload(self) -> None:
        monday = week_start(self.current)
        first, last = (self.current, self.current) if self.day_mode else (monday, monday + timedelta(days=6))
        try:
            self.agenda = agenda(self.ws, first, last)
        except Exception as error:  # shown; the previous week stays on screen
            self.banner.show_error(error)
            return
        today = self.ws.clock.today()
        self.title.setText(day_fr(self.current).capitalize() if self.day_mode else week_label(monday))
        days = [self.current] if self.day_mode else [monday + timedelta(days=n) for n in range(7)]
        for index, column in enumerate(self.columns):
            column.setVisible(index < len(days))
            if index < len(days):
                column.show_day(days[index], self.agenda.on(days[index]), self.agenda.clashes, today,
                                detailed=self.day_mode)
        counted = [e for e in self.agenda.events if e.kind is not EventKind.DEADLINE]
        deadlines = len(self.agenda.events) - len(counted)
        clashes = len(self.agenda.clashes)
        parts = [f"{len(counted)} {'séance ou entretien' if len(counted) < 2 else 'séances et entretiens'}"]
        if deadlines:
            parts.append(f"{deadlines} {'échéance' if deadlines == 1 else 'échéances'}")
        if clashes:
            parts.append(f"⚠ {clashes} {'événement en conflit' if clashes == 1 else 'événements en conflit'}")
        self.summary.setText(" · ".join(parts))
        self.mode_button.setText("Vue semaine" if self.day_mode else "Vue jour")
        self.previous_button.setText("‹ Précédent" if self.day_mode else "‹ Précédente")
        self.next_button.setText("Suivant ›" if self.day_mode else "Suivante ›")
        for button, tip in ((self.previous_button, "Jour précédent" if self.day_mode else "Semaine précédente"),
                            (self.next_button, "Jour suivant" if self.day_mode else "Semaine suivante")):
            button.setToolTip(f"{tip} ({'Pg↑' if button is self.previous_button else 'Pg↓'})")
            button.setAccessibleDescription(tip)
        self._focus_current()

    def refresh(self) -> None:
        self.reload()

    def current_column(self) -> DayColumn:
        return next((c for c in self.columns if c.isVisibleTo(self) and c.day == self.current), self.columns[0])

    def selected_event(self) -> AgendaEvent | None:
        item = self.current_column().events.currentItem()
        key = item.data(KEY_ROLE) if item is not None else None
        return next((e for e in self.agenda.events if e.key == key), None) if self.agenda and key else None

    def _focus_current(self) -> None:
        events = self.current_column().events
        if events.currentRow() < 0 and events.count() and events.item(0).flags() & Qt.ItemFlag.ItemIsEnabled:
            events.setCurrentRow(0)
        if self.isVisible():
            events.setFocus()
        self._update_buttons()

    def _update_buttons(self) -> None:
        event = self.selected_event()
        self.export_event_button.setEnabled(event is not None and event.kind is not EventKind.DEADLINE)

    # ----- moving -----------------------------------------------------------------------------------------
    def go_to(self, day: date) -> None:
        self.current = day
        self.reload()

    def go_today(self) -> None:
        self.go_to(self.ws.clock.today())

    def move_day(self, days: int) -> None:
        target = self.current + timedelta(days=days)
        if self.day_mode or week_start(target) != week_start(self.current):
            self.go_to(target)
            return
        self.current = target
        self._focus_current()

    def move_week(self, weeks: int) -> None:
        self.go_to(self.current + timedelta(days=weeks if self.day_mode else 7 * weeks))

    def toggle_mode(self) -> None:
        self.day_mode = not self.day_mode
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            moves = {Qt.Key.Key_Left: lambda: self.move_day(-1), Qt.Key.Key_Right: lambda: self.move_day(1),
                     Qt.Key.Key_PageUp: lambda: self.move_week(-1), Qt.Key.Key_PageDown: lambda: self.move_week(1),
                     Qt.Key.Key_T: self.go_today}
            if event.modifiers() == Qt.KeyboardModifier.NoModifier and event.key() in moves:
                moves[Qt.Key(event.key())]()
                return True
            if event.modifiers() == Qt.KeyboardModifier.NoModifier and event.key() in (Qt.Key.Key_S, Qt.Key.Key_J):
                if self.day_mode != (event.key() == Qt.Key.Key_J):
                    self.toggle_mode()
                return True
        return super().eventFilter(watched, event)

    # ----- acting -----------------------------------------------------------------------------------------
    def open_item_of(self, item: QListWidgetItem) -> None:
        key = item.data(KEY_ROLE)
        event = next((e for e in self.agenda.events if e.key == key), None) if self.agenda else None
        if event is None or event.target_id is None:
            return
        self.navigator.open(PROMOTIONS if event.kind is EventKind.SEANCE else AGENTS, event.target_id)

    def export_all(self) -> None:
        export_calendar(self, self.ws, self.navigator, None)

    def export_selected(self) -> None:
        event = self.selected_event()
        if event is not None and event.kind is not EventKind.DEADLINE:
            export_calendar(self, self.ws, self.navigator, event.key)
