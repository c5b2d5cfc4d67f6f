"""The Audit log as a Qt table model: every consent event (R14), newest first, fetched lazily.

A studio chain's record holds a million events, so nothing loads them all. The model reads
one page of the newest events that match its filters, and the next page only when the view
scrolls to the end (`canFetchMore`/`fetchMore`). Pages are read by keyset — the events older
than the last one shown, `(at, id)` — so the hundredth page costs what the first did.
Events written while the log is open are slotted into place as they arrive (R16).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

from models.audit import EventRecord, iter_events
from models.changes import Change
from models.errors import StorageError
from models.record_marks import latest_marks
from ui import formatting
from ui.app_events import app_events
from ui.change_watcher import UNAVAILABLE_MESSAGE

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class AuditFilters:
    """Which events the log shows: the filters of `models.audit.iter_events` (the payload of
    AuditLogDialog's filter changes)."""

    #: Part of a client's name, a staff member's name, a number (E.164) or a note.
    text: str = ""
    #: "staff", "client_keyword", "import" or "review_queue"; None for every source.
    source: str | None = None
    #: ISO UTC times: from `since` (inclusive) until `until` (exclusive).
    since: str | None = None
    until: str | None = None
    client_id: int | None = None
    #: The client's name, for the screen to say whose events these are.
    client_name: str = field(default="", compare=False)

    def as_kwargs(self) -> dict[str, Any]:
        """The filters as keyword arguments of `iter_events` and `export_csv` (unset ones left out)."""
        found: dict[str, Any] = {"text": self.text.strip() or None, "source": self.source,
                                 "since": self.since, "until": self.until,
                                 "client_id": self.client_id}
        return {name: value for name, value in found.items() if value is not None}

    def is_empty(self) -> bool:
        """Whether every event is shown."""
        return not self.as_kwargs()


@dataclass(frozen=True, slots=True)
class _Row:
    """One event, already put into words (a row is painted far more often than it is read)."""

    event_id: int
    key: tuple[str, int]  # (at, id): the order of the log, newest first
    cells: tuple[str, str, str, str, str]
    details: str


class AuditLogModel(QAbstractTableModel):
    """Consent events as rows of When, Client, Who, What and Why; read-only, paged lazily."""

    WHEN, CLIENT, WHO, WHAT, WHY = range(5)
    HEADERS = (QT_TRANSLATE_NOOP("AuditLogModel", "When"),
               QT_TRANSLATE_NOOP("AuditLogModel", "Client"),
               QT_TRANSLATE_NOOP("AuditLogModel", "Who"),
               QT_TRANSLATE_NOOP("AuditLogModel", "What"),
               QT_TRANSLATE_NOOP("AuditLogModel", "Why"))
    #: The consent event id of a row, on every column.
    EventIdRole = Qt.ItemDataRole.UserRole
    PAGE_SIZE = 200

    #: The rows shown changed: filters applied, a page fetched, new events slotted in.
    rows_changed = Signal()

    def __init__(self, parent: QObject | None = None, *, filters: AuditFilters | None = None,
                 load: bool = True) -> None:
        super().__init__(parent)
        self._filters = filters or AuditFilters()
        self._rows: list[_Row] = []
        #: The rows' `_sort_key`s, ascending: where `bisect` finds a new event's place.
        self._sort_keys: list[tuple[str, int]] = []
        self._ids: set[int] = set()
        self._exhausted = True
        self._failed = False
        #: The newest event id this model has seen: later ones are new to it.
        self._seen_id = 0
        self._pages_fetched = 0
        self._connect_signals()
        if load:
            self.reload()

    def _connect_signals(self) -> None:
        app_events().data_changed.connect(self._on_data_changed)

    # --- public --------------------------------------------------------------------------------

    def filters(self) -> AuditFilters:
        """The filters applied."""
        return self._filters

    def set_filters(self, filters: AuditFilters) -> None:
        """Show the newest page of the events these filters select."""
        self._filters = filters
        self.reload()

    def reload(self) -> None:
        """Forget every row and read the newest page again."""
        self.beginResetModel()
        self._rows, self._sort_keys, self._ids = [], [], set()
        self._exhausted = False
        self._failed = False
        self._pages_fetched = 0
        try:
            self._seen_id = latest_marks().event_id
        except StorageError:
            self._failed = True
            app_events().status_message.emit(UNAVAILABLE_MESSAGE)
        if not self._failed:
            self._append(self._read_page())
        self.endResetModel()
        self.rows_changed.emit()

    def take_new_events(self) -> int:
        """Slot the events written since the model last looked into their places; return how
        many were added. A flood of them (a bulk import elsewhere) reloads instead."""
        if self._failed:
            self.reload()
            return len(self._rows)
        try:
            new = list(iter_events(after_id=self._seen_id, limit=self.PAGE_SIZE + 1,
                                   **self._filters.as_kwargs()))
            newest = latest_marks().event_id
        except StorageError:
            app_events().status_message.emit(UNAVAILABLE_MESSAGE)
            return 0
        if len(new) > self.PAGE_SIZE:
            self.reload()
            return len(self._rows)
        self._seen_id = max(newest, self._seen_id)
        added = 0
        for event in new:
            if event.id in self._ids:
                continue
            row = _row(event)
            position = bisect.bisect_left(self._sort_keys, _sort_key(row.key))
            if position == len(self._rows) and not self._exhausted:
                continue  # older than every row shown: the next page will bring it
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.insert(position, row)
            self._sort_keys.insert(position, _sort_key(row.key))
            self._ids.add(row.event_id)
            self.endInsertRows()
            added += 1
        if added:
            self.rows_changed.emit()
        return added

    def event_id(self, row: int) -> int | None:
        """The id of the consent event on `row`, or None outside the rows loaded."""
        return self._rows[row].event_id if 0 <= row < len(self._rows) else None

    def row_of(self, event_id: int) -> int | None:
        """The row of a loaded event, or None."""
        for row, entry in enumerate(self._rows):
            if entry.event_id == event_id:
                return row
        return None

    def all_loaded(self) -> bool:
        """Whether every event the filters select is loaded (no more to fetch)."""
        return self._exhausted

    def pages_fetched(self) -> int:
        """How many pages were read since the last reload (for tests of laziness)."""
        return self._pages_fetched

    # --- slots ---------------------------------------------------------------------------------

    @Slot(object)
    def _on_data_changed(self, change: Change) -> None:
        # Every change writes events; one that lists none (an import, a change made on
        # another workstation) has the log look for them.
        if change.event_ids or change.touched:
            self.take_new_events()

    # --- private -------------------------------------------------------------------------------

    def _read_page(self) -> list[_Row]:
        before = self._rows[-1].key if self._rows else None
        try:
            events = list(iter_events(newest_first=True, limit=self.PAGE_SIZE + 1,
                                      before=before, **self._filters.as_kwargs()))
        except StorageError:
            # Not retried by the view on every layout: the next reload or refresh tries again.
            self._failed = True
            app_events().status_message.emit(UNAVAILABLE_MESSAGE)
            return []
        self._pages_fetched += 1
        self._exhausted = len(events) <= self.PAGE_SIZE
        return [_row(event) for event in events[:self.PAGE_SIZE] if event.id not in self._ids]

    def _append(self, rows: list[_Row]) -> None:
        self._rows.extend(rows)
        self._sort_keys.extend(_sort_key(row.key) for row in rows)
        self._ids.update(row.event_id for row in rows)

    def _holds(self, index: _Index) -> bool:
        return (index.isValid() and index.model() is self and 0 <= index.row() < len(self._rows)
                and 0 <= index.column() < len(self.HEADERS))

    # --- Qt overrides --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._exhausted and not self._failed

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        rows = self._read_page()
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._append(rows)
            self.endInsertRows()
        self.rows_changed.emit()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return QCoreApplication.translate("AuditLogModel", self.HEADERS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Events are never edited (R14): selectable, never editable."""
        if not self._holds(index):
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """An event's words (DisplayRole), its details (ToolTipRole), its id (EventIdRole)."""
        if not self._holds(index):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.details
        if role == self.EventIdRole:
            return row.event_id
        return None


def _sort_key(key: tuple[str, int]) -> tuple[str, int]:
    """A key that sorts ascending in the log's order (newest first), for bisect."""
    at, event_id = key
    # The stored time is fixed-width ASCII: inverting each character reverses its order.
    return ("".join(chr(0x7F - ord(ch)) for ch in at), -event_id)


def _row(event: EventRecord) -> _Row:
    client = event.client_name
    details = formatting.event_details(event)
    if client:
        details.insert(1, QCoreApplication.translate("AuditLogModel", "Client: {name}").format(
            name=client))
    cells = (formatting.event_when(event.at), client, formatting.actor_text(event.actor),
             formatting.describe_event(event), formatting.event_why(event))
    return _Row(event.id, (event.at, event.id), cells, "\n".join(details))
