"""The client list as a Qt table model that holds only ids (STYLE §9).

One SQL query (models.client_list.client_ids) gives the ids of a search and filter, already
sorted. A keystroke reads only the first chunk of ids — the query stops walking its index
there — and the rest come through Qt's fetchMore() when the view scrolls near the end (or at
once when a client beyond them is asked for). Display rows are fetched a page at a time, when
the view first asks for one of its rows, and a few pages are kept in a small LRU cache;
100,000 clients cost 100,000 integers at most.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QColor

from models.changes import Change, Touched
from models.client_list import ClientFilter, ClientOrder, ClientRow, client_ids, client_rows
from models.errors import StorageError
from models.phones import display_phone
from resources import icon
from ui.app_events import app_events
from ui.change_watcher import UNAVAILABLE_MESSAGE
from ui.words import status_label

_Index = QModelIndex | QPersistentModelIndex

#: Filters that select by consent state, so a change of a client's consent can move it.
_STATE_FILTERS = frozenset({ClientFilter.ANY_OPT_OUT, ClientFilter.STOP_LOCKED,
                            ClientFilter.NEEDS_REVIEW})
#: What a row's flags show (STOP, needs review, opted out): a change of these redraws it, and
#: can move it in or out of a state filter.
_FLAG_CHANGES = Touched.SWITCHES | Touched.STOP_LOCKS | Touched.REVIEW

_ROLES_SHOWN = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
                          Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole,
                          Qt.ItemDataRole.AccessibleTextRole})
#: The stylesheet's tints for a STOP lock and for something that needs review (style.qss).
_LOCKED_COLOR = QColor(198, 40, 40)
_WARNING_COLOR = QColor(176, 106, 0)


# A North American number whose area code and exchange are valid: phonenumbers' national
# format is "(AAA) EEE-LLLL", written here without parsing (a test compares the two).
_NANP = re.compile(r"\+1([2-9]\d\d)([2-9]\d\d)(\d{4})")


def shown_phone(e164: str | None) -> str:
    """`display_phone`, with the common case done in a tenth of the time (issue 12)."""
    if e164 and (match := _NANP.fullmatch(e164)):
        return f"({match[1]}) {match[2]}-{match[3]}"
    return display_phone(e164)


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("ClientListModel", …), in the window's language."""
    return QCoreApplication.translate("ClientListModel", text)


class ClientListModel(QAbstractTableModel):
    """Clients of one search and filter: ids in list order, rows fetched a page at a time."""

    FLAGS, NAME, STATUS, MOBILE, EMAIL = range(5)
    #: The column headers in English, translated when the header is drawn (issue 14).
    HEADERS = ("", QT_TRANSLATE_NOOP("ClientListModel", "Name"),
               QT_TRANSLATE_NOOP("ClientListModel", "Status"),
               QT_TRANSLATE_NOOP("ClientListModel", "Mobile"),
               QT_TRANSLATE_NOOP("ClientListModel", "Email"))
    #: What a click on a column's header sorts by; the flags column has no order of its own.
    SORT_ORDERS = {NAME: ClientOrder.NAME, STATUS: ClientOrder.STATUS, MOBILE: ClientOrder.MOBILE,
                   EMAIL: ClientOrder.EMAIL}
    #: The client id of a row, on every column.
    ClientIdRole = Qt.ItemDataRole.UserRole

    #: The most ids read per step: a broad search ("@example", 89,000 matches) costs a
    #: thousand ids a scroll, not ninety thousand.
    ID_CHUNK = 1000
    # Ids a keystroke reads: a screenful and some. A search that matches one client in a
    # hundred walks a hundred rows per id it reads ("t" at a million clients: 7,000 rows for
    # 50 ids), so a keystroke reads little more than it shows; scrolling reads on, each step
    # as many as the list holds, up to ID_CHUNK (issue 12).
    FIRST_CHUNK = 50
    #: Display rows per query: about two screenfuls, so the first paint reads little.
    PAGE_SIZE = 50
    MAX_CACHED_PAGES = 32

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._filter = ClientFilter.ALL
        self._order = ClientOrder.NAME
        self._descending = False
        self._ids: list[int] = []
        #: Whether _ids holds every id the query selects (otherwise fetchMore() reads more).
        self._complete = True
        self._pages: OrderedDict[int, dict[int, ClientRow]] = OrderedDict()
        # What each cached row shows, by (column, role), while its page is cached.
        self._shown: dict[int, dict[tuple[int, int], Any]] = {}
        self._row_of: dict[int, int] | None = None
        self._connect_signals()

    def _connect_signals(self) -> None:
        app_events().data_changed.connect(self._on_data_changed)

    # --- public --------------------------------------------------------------------------------

    def set_query(self, text: str, which: ClientFilter | str = ClientFilter.ALL) -> None:
        """Show the clients a search text and filter select (one SQL query)."""
        self._text = text
        self._filter = ClientFilter(which)
        self._reload_ids(force_reset=True)

    def query(self) -> tuple[str, ClientFilter]:
        """The search text and filter shown."""
        return self._text, self._filter

    def refresh(self) -> None:
        """Run the id query again and forget every cached row."""
        self._reload_ids(force_reset=False)

    def client_id_at(self, row: int) -> int | None:
        """The id of the client on `row`, or None outside the list."""
        if 0 <= row < len(self._ids):
            return self._ids[row]
        return None

    def row_of(self, client_id: int, *, read_rest: bool = True) -> int | None:
        """The row of a client, or None when the list does not hold it. With `read_rest` the
        ids not read yet are read when need be; without, only the rows read so far are looked
        at (a keystroke must not read every id of a broad search, DESIGN §6)."""
        if self._row_of is None:
            self._row_of = {cid: row for row, cid in enumerate(self._ids)}
        row = self._row_of.get(client_id)
        if row is None and read_rest and not self._complete:
            self._fetch_ids(all_of_them=True)
            return self.row_of(client_id)
        return row

    def is_complete(self) -> bool:
        """Whether every client the query selects is in the list (rowCount() is the total)."""
        return self._complete

    def client_row(self, row: int) -> ClientRow | None:
        """The display row of `row` (fetching its page if need be)."""
        client_id = self.client_id_at(row)
        if client_id is None:
            return None
        return self._page(row // self.PAGE_SIZE).get(client_id)

    def cached_pages(self) -> tuple[int, ...]:
        """The page numbers held in the cache, least recently used first (for tests)."""
        return tuple(self._pages)

    # --- slots ------------------------------------------------------------------------------------

    @Slot(object)
    def _on_data_changed(self, change: Change) -> None:
        # Clients added, archived or readdressed can join or leave any list; a consent change
        # only a state filter's.
        if change.touches(Touched.CLIENTS) or (self._filter in _STATE_FILTERS
                                               and change.touches(_FLAG_CHANGES)):
            self._reload_ids(force_reset=False, changed=change.client_ids)
        elif change.client_ids and change.touches(_FLAG_CHANGES):
            self._invalidate(change.client_ids)

    # --- private ----------------------------------------------------------------------------------

    @staticmethod
    def _flag_data(client: ClientRow, role: int) -> Any:
        """The flags column: "STOP" with a lock, "Review" with an alert, or a muted
        opted-out sign; the tooltip spells out every flag the client has."""
        if role == Qt.ItemDataRole.DisplayRole:
            if client.stop_locked:
                return "STOP"
            return QCoreApplication.translate("ClientListModel", "Review") if client.needs_review else ""
        if role == Qt.ItemDataRole.DecorationRole:
            if client.stop_locked:
                return icon("lock")
            if client.needs_review:
                return icon("alert")
            return icon("block") if client.opted_out else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if client.stop_locked:
                return _LOCKED_COLOR
            return _WARNING_COLOR if client.needs_review else None
        words = []
        if client.stop_locked:
            words.append(QCoreApplication.translate(
                "ClientListModel", "STOP-locked: the client texted STOP; only they can re-enable SMS"))
        if client.needs_review:
            words.append(QCoreApplication.translate(
                "ClientListModel", "Needs review: a text from this mobile looks like an opt-out"))
        if client.opted_out and not client.stop_locked:
            words.append(QCoreApplication.translate(
                "ClientListModel", "Opted out of some contact"))
        return "\n".join(words) or None

    def _page(self, page: int) -> dict[int, ClientRow]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        start = page * self.PAGE_SIZE
        try:
            rows = client_rows(self._ids[start:start + self.PAGE_SIZE])
        except StorageError:
            # Not cached: the next paint asks again, and the watcher says what is wrong.
            app_events().status_message.emit(UNAVAILABLE_MESSAGE)
            return {}
        self._pages[page] = rows
        while len(self._pages) > self.MAX_CACHED_PAGES:
            _page, dropped = self._pages.popitem(last=False)
            self._forget_shown(dropped)
        return rows

    def _forget_shown(self, rows: dict[int, ClientRow]) -> None:
        for client_id in rows:
            self._shown.pop(client_id, None)

    def _invalidate(self, changed: tuple[int, ...]) -> None:
        """Forget the cached pages holding any of `changed`, and tell the view to redraw them."""
        wanted = set(changed)
        stale = [page for page, rows in self._pages.items() if not wanted.isdisjoint(rows)]
        for page in stale:
            self._forget_shown(self._pages.pop(page))
            first = page * self.PAGE_SIZE
            last = min(first + self.PAGE_SIZE, len(self._ids)) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.HEADERS) - 1))

    def _read_ids(self, offset: int, limit: int | None) -> list[int] | None:
        try:
            return client_ids(self._text, self._filter, offset=offset, limit=limit,
                              order=self._order, descending=self._descending)
        except StorageError:
            app_events().status_message.emit(UNAVAILABLE_MESSAGE)
            return None

    def _fetch_ids(self, *, all_of_them: bool = False) -> None:
        """Append the next chunk of ids (or all the rest) to the list: as many as it holds,
        at least FIRST_CHUNK and at most ID_CHUNK."""
        chunk = min(self.ID_CHUNK, max(self.FIRST_CHUNK, len(self._ids)))
        limit = None if all_of_them else chunk + 1
        more = self._read_ids(len(self._ids), limit)
        if more is None:
            return
        complete = limit is None or len(more) <= chunk
        more = more if complete else more[:chunk]
        self._complete = complete
        if more:
            first = len(self._ids)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._ids.extend(more)
            self._row_of = None
            self.endInsertRows()

    def _reload_ids(self, *, force_reset: bool, changed: tuple[int, ...] = ()) -> None:
        """Run the id query (as far as the list had read); reset the model only if the ids
        differ (the view keeps its selection and scroll position otherwise)."""
        first = min(self.FIRST_CHUNK, self.ID_CHUNK)
        wanted = first if force_reset else max(first, len(self._ids))
        ids = self._read_ids(0, wanted + 1)
        if ids is None:
            return
        complete = len(ids) <= wanted
        ids = ids if complete else ids[:wanted]
        if not force_reset and ids == self._ids and complete == self._complete:
            if changed:
                self._invalidate(changed)
            else:
                self._clear_cache_and_redraw()
            return
        self.beginResetModel()
        self._ids = ids
        self._complete = complete
        self._row_of = None
        self._pages.clear()
        self._shown.clear()
        self.endResetModel()

    def _clear_cache_and_redraw(self) -> None:
        self._pages.clear()
        self._shown.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(self.HEADERS) - 1))

    # --- Qt overrides ---------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._ids)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column, in SQL (the flags column has no order of its own)."""
        by = self.SORT_ORDERS.get(column)
        descending = order == Qt.SortOrder.DescendingOrder
        if by is None or (by, descending) == (self._order, self._descending):
            return
        self._order, self._descending = by, descending
        self._reload_ids(force_reset=True)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008 (Qt's signature)
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not parent.isValid() and not self._complete:
            self._fetch_ids()

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _tr(self.HEADERS[section]) if self.HEADERS[section] else ""
            if section == self.FLAGS and role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("STOP lock, needs review, or opted out of something")
            if section == self.FLAGS and role == Qt.ItemDataRole.AccessibleTextRole:
                return self.tr("Flags")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks about ten roles of every cell it paints: answered from a table built
        # once per row (issue 12), not worked out again each time.
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._ids) and 0 <= column < 5 and index.model() is self):
            return None
        if role == self.ClientIdRole:
            return self._ids[row]
        if role not in _ROLES_SHOWN:
            return None
        shown = self._shown_at(row)
        return None if shown is None else shown.get((column, role))

    def multiData(self, index: _Index, span: QModelRoleDataSpan) -> None:
        # Qt 6's item delegate asks the seven roles of a cell it paints in one call: answered
        # here in one visit to Python, as data() answers each, not in seven visits (issue 12).
        row, column = index.row(), index.column()
        held = 0 <= row < len(self._ids) and 0 <= column < 5 and index.model() is self
        shown = self._shown_at(row) if held else None
        for position in range(span.size()):
            item = span[position]
            role = item.role()
            if role == self.ClientIdRole:
                value = self._ids[row] if held else None
            else:
                value = None if shown is None else shown.get((column, role))
            if value is None:
                item.clearData()
            else:
                item.setData(value)

    def _shown_at(self, row: int) -> dict[tuple[int, int], Any] | None:
        """What row `row` answers, built once (None when its client is gone)."""
        client_id = self._ids[row]
        shown = self._shown.get(client_id)
        if shown is None:
            client = self.client_row(row)
            if client is None:  # archived or gone since the ids were read; the next refresh drops it
                return None
            shown = self._shown[client_id] = self._shown_row(client)
        elif (page := row // self.PAGE_SIZE) in self._pages:
            self._pages.move_to_end(page)  # its page stays cached with it
        return shown

    def _shown_row(self, client: ClientRow) -> dict[tuple[int, int], Any]:
        """Every (column, role) → value a row answers, built once."""
        display = Qt.ItemDataRole.DisplayRole
        shown: dict[tuple[int, int], Any] = {
            (self.NAME, display): client.name,
            (self.STATUS, display): status_label(client.status),
            (self.MOBILE, display): shown_phone(client.mobile),
            (self.EMAIL, display): client.email or "",
        }
        for role in _ROLES_SHOWN:
            shown[(self.FLAGS, role)] = self._flag_data(client, role)
        return shown
