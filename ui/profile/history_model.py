"""The item model of a client's History: consent events, newest recorded first, in readable
words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from models.audit import EventRecord
from ui import formatting

#: The column titles, in English: translated when shown.
_COLUMNS = (QT_TRANSLATE_NOOP("HistoryModel", "When"), QT_TRANSLATE_NOOP("HistoryModel", "Who"),
            QT_TRANSLATE_NOOP("HistoryModel", "What"), QT_TRANSLATE_NOOP("HistoryModel", "Why"))


@dataclass(frozen=True, slots=True)
class _Row:
    """One event, already put into words (the model is read far more often than loaded)."""

    event_id: int
    cells: tuple[str, str, str, str]
    details: str


class HistoryModel(QAbstractTableModel):
    """Consent events as rows of When, Who, What and Why (read-only).

    An event is put into words when a row is first read (by the view as it paints it, by a
    screen reader, a test), not when the events are set: a profile's History is often below
    the fold, and its words took longer than everything else a profile shows (issue 12).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[EventRecord] = []
        self._rows: list[_Row | None] = []

    # -- public API -----------------------------------------------------------------------

    def set_events(self, events: Iterable[EventRecord]) -> bool:
        """Show these events in this order; return whether anything changed.

        The same events again leave the model untouched, so a reload keeps the view's
        selection and scroll position.
        """
        events = list(events)
        if [e.id for e in events] == [e.id for e in self._events]:
            return False
        self.beginResetModel()
        self._events = events
        self._rows = [None] * len(events)
        self.endResetModel()
        return True

    def clear(self) -> None:
        """Show no events."""
        self.set_events(())

    def is_two_lines(self, row: int) -> bool:
        """Whether the row's When has a second line (an event recorded late)."""
        return formatting.happened_early(self._events[row]) is not None

    def event_id(self, row: int) -> int:
        """The id of the consent event shown in ``row``."""
        return self._events[row].id

    # -- Qt overrides ---------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        """The number of events (a table: no children)."""
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        """When, Who, What, Why."""
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """An event's words (DisplayRole), its details (ToolTipRole), its id (UserRole)."""
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row(index.row()).cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._row(index.row()).details
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._row(index.row()).cells[index.column()].replace("\n", ", ")
        if role == Qt.ItemDataRole.UserRole:
            return self._events[index.row()].id
        return None

    def _row(self, number: int) -> _Row:
        """Row `number` in words, made when first read."""
        row = self._rows[number]
        if row is None:
            row = self._rows[number] = _row(self._events[number])
        return row

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The column titles; rows have none."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(_COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section == 0:
            return self.tr("When the change was recorded, newest first. A text imported or "
                           "synced late also says when the client texted it.")
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        """Events are never edited (R14): selectable, never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# -- putting an event into words ----------------------------------------------------------
# The words live in ui/formatting.py, shared with the Audit log; these names stay for callers.

describe_event = formatting.describe_event
_who = formatting.actor_text
_why = formatting.event_why


def _when(event: EventRecord) -> str:
    """When the event was recorded, and on a second line when its change happened if that was
    noticeably earlier: rows go in the order they were recorded, and a STOP imported late says
    it was texted days before, under the time it took effect (R11, R19)."""
    early = formatting.happened_early(event)
    if early is None:
        return formatting.event_when(event.at)
    recorded = formatting.event_when(event.recorded_at or event.at)
    return f"{recorded}\n{formatting.happened_text(event, early.astimezone())}"


def _row(event: EventRecord) -> _Row:
    cells = (_when(event), _who(event.actor), describe_event(event), _why(event))
    return _Row(event.id, cells, "\n".join(formatting.event_details(event)))
