"""The left side of the main window: search, filters with counts, and the client list.

Typing searches as you type (debounced); the filters show how many clients each selects and
recount only what a change can move, on a worker thread (`FilterCounter`); choosing a row,
with the mouse or the keyboard, emits `client_selected`."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.changes import Change, Touched
from models.client_list import ClientFilter
from models.review import ReviewCounts
from resources import icon
from ui.app_events import app_events
from ui.clients.client_filter_bar import ClientFilterBar
from ui.clients.client_list_model import ClientListModel
from ui.clients.empty_list_hint import EmptyListHint
from ui.clients.filter_counter import FilterCounter, problem_text
from ui.words import FILTER_LABELS, STATUS_LABELS, review_banner

#: What each kind of change can move in the filter bar's counts (the rest stay as they are).
_COUNTS_MOVED_BY = (
    (Touched.CLIENTS, tuple(ClientFilter)),
    (Touched.SWITCHES, (ClientFilter.ANY_OPT_OUT,)),
    (Touched.STOP_LOCKS, (ClientFilter.ANY_OPT_OUT, ClientFilter.STOP_LOCKED)),
    (Touched.REVIEW, (ClientFilter.NEEDS_REVIEW,)),
)


class ClientListPanel(QWidget):
    """Search box, filter bar and client list; emits the client a person chose."""

    #: A client was selected in the list (by click, arrow keys or Enter).
    client_selected = Signal(int)
    #: Enter or a double click on a client: the person wants to work on its profile.
    client_activated = Signal(int)
    #: The person asked for the Needs review queue.
    review_queue_requested = Signal()
    #: The filter shown changed (its ClientFilter value).
    filter_changed = Signal(str)
    #: New counts are on the filter bar (ClientFilter → int: those that arrived).
    counts_shown = Signal(object)

    SEARCH_DELAY_MS = 150
    #: Counting waits this long after a change, so that a burst of changes is counted once,
    #: and FIRST_COUNTS_DELAY_MS after the first load, so that the window paints first.
    COUNTS_DELAY_MS = 300
    FIRST_COUNTS_DELAY_MS = 50
    RETRY_COUNTS_MS = 5000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = ClientListModel(self)
        self._counts: dict[ClientFilter, int] = {}
        self._stale_counts: set[ClientFilter] = set()
        self._review_count_stale = False
        self._restore_client: int | None = None
        self._restore_scroll = 0
        self._sorted_by = (ClientListModel.NAME, Qt.SortOrder.AscendingOrder)
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self._search = QLineEdit(self)
        self._search.setObjectName("clientSearch")
        self._search.setPlaceholderText(self.tr("Search name, phone or email"))
        self._search.setClearButtonEnabled(True)
        self._search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._search.setAccessibleName(self.tr("Search clients"))
        self._search.setToolTip(self.tr("Search by any part of a name, a phone number in any "
                                        "format, or an email address (Ctrl+F). Esc clears, "
                                        "Down goes to the list."))
        self._search.installEventFilter(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)
        # Counting is asked for after the window has painted and after a burst of changes,
        # and runs on a worker thread: at 1,000,000 clients it is a query of about a second.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._counter = FilterCounter(self)

        filter_bar = self._filter_bar = ClientFilterBar(self)
        self._filters = filter_bar.group()

        self._review_notice = QLabel(self)
        self._review_notice.setObjectName("reviewNotice")
        self._review_notice.setProperty("role", "notice")
        self._review_notice.setProperty("state", "warning")
        self._review_notice.setWordWrap(True)
        self._review_notice.setToolTip(self.tr("Texts that look like an opt-out but are not "
                                               "exactly a keyword wait for staff to apply the "
                                               "STOP lock or dismiss them."))
        self._review_button = QPushButton(self.tr("Open review queue"), self)
        self._review_button.setObjectName("openReviewQueue")
        self._review_button.setIcon(icon("alert"))
        self._review_button.setToolTip(self.tr("Texts that look like an opt-out but are not a "
                                               "keyword (Ctrl+R)"))
        review_row = QHBoxLayout()
        review_row.setContentsMargins(0, 0, 0, 0)
        review_row.addWidget(self._review_notice, 1)
        review_row.addWidget(self._review_button)
        self._review_row = QWidget(self)
        self._review_row.setLayout(review_row)
        self._review_row.hide()

        self._table = QTableView(self)
        self._table.setObjectName("clientList")
        self._table.setAccessibleName(self.tr("Clients"))
        self._table.setModel(self._model)
        self._empty_hint = EmptyListHint(self._table, self._model)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setAlternatingRowColors(True)
        self._table.setShowGrid(False)
        self._table.setWordWrap(False)
        self._table.setSortingEnabled(False)  # a header click asks the model, which sorts in SQL
        self._table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._table.setTabKeyNavigation(False)
        self._table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = self._table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        columns = self._table.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setSectionsMovable(False)
        columns.setStretchLastSection(True)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        columns.setMinimumSectionSize(24)
        columns.setSectionsClickable(True)
        columns.setSortIndicatorShown(True)
        columns.setSortIndicator(ClientListModel.NAME, Qt.SortOrder.AscendingOrder)
        columns.setSectionResizeMode(ClientListModel.FLAGS, QHeaderView.ResizeMode.Fixed)
        for column, width in self._column_widths().items():
            columns.resizeSection(column, width)

        self._count = QLabel(self)
        self._count.setObjectName("clientCount")
        self._count.setProperty("role", "muted")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 6)
        layout.setSpacing(6)
        layout.addWidget(self._search)
        layout.addWidget(filter_bar)
        layout.addWidget(self._review_row)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._count)
        self.setFocusProxy(self._search)
        self.setMinimumWidth(320)  # leaves a 800-pixel window room for the profile

    def _column_widths(self) -> dict[int, int]:
        """The first columns' widths, from the words they show in the window's language
        ("Review" / "Revisar", "Prospect" / "Cliente potencial") and their headers'."""
        metrics = self.fontMetrics()
        model = self._model

        def fits(column: int, *texts: str) -> int:
            header = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            return max(metrics.horizontalAdvance(text) for text in (*texts, header))

        flag = QCoreApplication.translate("ClientListModel", "Review")
        return {
            ClientListModel.FLAGS: fits(ClientListModel.FLAGS, flag) + 40,
            ClientListModel.NAME: fits(ClientListModel.NAME, "Alexandra Montgomery") + 16,
            ClientListModel.STATUS: fits(ClientListModel.STATUS, *STATUS_LABELS.values()) + 24,
            ClientListModel.MOBILE: fits(ClientListModel.MOBILE, "(555) 555-0123") + 24,
        }

    def _connect_signals(self) -> None:
        self._search.textChanged.connect(self._on_search_text_changed)
        self._search.returnPressed.connect(self._on_search_return_pressed)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self._count_timer.timeout.connect(self._on_count_timer_timeout)
        self._counter.counted.connect(self._on_counter_counted)
        self._counter.failed.connect(self._on_counter_failed)
        self._filters.idToggled.connect(self._on_filters_id_toggled)
        self._review_button.clicked.connect(self.review_queue_requested)
        self._table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._table.activated.connect(self._on_table_activated)
        self._model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)
        self._model.modelReset.connect(self._on_model_reset)
        self._model.rowsInserted.connect(self._on_model_rows_inserted)
        self._table.horizontalHeader().sortIndicatorChanged.connect(
            self._on_columns_sort_indicator_changed)
        app_events().data_changed.connect(self._on_data_changed)

    # --- public --------------------------------------------------------------------------------

    def load(self) -> None:
        """Run the first query (the list) now and count the filters just after."""
        self._model.set_query(self._search.text(), self.current_filter())
        self._update_count_label()
        self._stale_counts = set(ClientFilter)
        self._review_count_stale = True
        self._count_timer.start(self.FIRST_COUNTS_DELAY_MS)

    def refresh(self) -> None:
        """Run the list's query and every count again (View ▸ Refresh)."""
        self._model.refresh()
        self._stale_counts = set(ClientFilter)
        self._review_count_stale = True
        self._count_timer.start(0)

    def focus_search(self) -> None:
        """Put the keyboard in the search box with its text selected (Ctrl+F)."""
        self._search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._search.selectAll()

    def current_filter(self) -> ClientFilter:
        """The filter shown."""
        return list(ClientFilter)[max(0, self._filters.checkedId())]

    def set_filter(self, which: ClientFilter) -> None:
        """Show the clients of one filter."""
        self._filters.button(list(ClientFilter).index(ClientFilter(which))).setChecked(True)

    def selected_client(self) -> int | None:
        """The id of the selected client, or None."""
        rows = self._table.selectionModel().selectedRows()
        if not rows:
            return None
        return self._model.client_id_at(rows[0].row())

    def select_client(self, client_id: int) -> bool:
        """Select a client if the list holds it; return whether it does."""
        row = self._model.row_of(client_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def model(self) -> ClientListModel:
        """The list's model."""
        return self._model

    def table(self) -> QTableView:
        """The list's view."""
        return self._table

    def filter_counts(self) -> dict[ClientFilter, int]:
        """The counts the filter bar shows."""
        return dict(self._counts)

    # --- slots ---------------------------------------------------------------------------------

    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _on_search_timer_timeout(self) -> None:
        self._run_query()

    @Slot()
    def _on_search_return_pressed(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._run_query()
        if self._model.rowCount() == 0:
            return
        if self.selected_client() is None:
            self._select_row(0)
        client_id = self.selected_client()
        if client_id is not None:
            self.client_activated.emit(client_id)

    @Slot(int, bool)
    def _on_filters_id_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._search_timer.stop()
            self._run_query()
            self.filter_changed.emit(self.current_filter().value)

    @Slot(QItemSelection, QItemSelection)
    def _on_table_selection_changed(self, _selected: QItemSelection,
                                    _deselected: QItemSelection) -> None:
        client_id = self.selected_client()
        if client_id is not None and client_id != self._restore_client:
            self.client_selected.emit(client_id)

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        client_id = self._model.client_id_at(index.row())
        if client_id is not None:
            self.client_selected.emit(client_id)
            self.client_activated.emit(client_id)

    @Slot()
    def _on_model_about_to_be_reset(self) -> None:
        self._restore_client = self.selected_client()
        self._restore_scroll = self._table.verticalScrollBar().value()

    @Slot()
    def _on_model_reset(self) -> None:
        client_id, self._restore_client = self._restore_client, None
        if client_id is not None:
            # Among the first rows only: reading every id of "a" at a million clients to find
            # one would block the keystroke. Further down, the profile keeps showing the client.
            row = self._model.row_of(client_id, read_rest=False)
            if row is not None:
                # Same client as before: select it quietly, the profile already shows it.
                self._restore_client = client_id
                self._table.verticalScrollBar().setValue(self._restore_scroll)
                self._select_row(row, scroll=False)
                self._restore_client = None
        self._update_count_label()

    @Slot(object)
    def _on_data_changed(self, change: Change) -> None:
        for kinds, moved in _COUNTS_MOVED_BY:
            if change.touches(kinds):
                self._stale_counts.update(moved)
        if change.touches(Touched.REVIEW):
            self._review_count_stale = True
        if (self._stale_counts or self._review_count_stale) and not self._count_timer.isActive():
            self._count_timer.start(self.COUNTS_DELAY_MS)

    @Slot()
    def _on_count_timer_timeout(self) -> None:
        stale, review = set(self._stale_counts), self._review_count_stale
        self._stale_counts.clear()
        self._review_count_stale = False
        self._counter.request(stale, review=review)

    @Slot(object, object)
    def _on_counter_counted(self, counts: dict[ClientFilter, int],
                            review: ReviewCounts | None) -> None:
        if review is not None:
            self._show_review_count(review)
        self._counts.update(counts)
        for which in counts:
            self._show_count(which)
        self._update_count_label()
        self.counts_shown.emit(dict(counts))

    @Slot(object, bool, object)
    def _on_counter_failed(self, filters: frozenset[ClientFilter], review: bool,
                           problem: str) -> None:
        app_events().status_message.emit(
            self.tr("Could not count clients: {problem}").format(problem=problem_text(problem)))
        self._stale_counts.update(filters)
        self._review_count_stale = self._review_count_stale or review
        if not self._count_timer.isActive():
            self._count_timer.start(self.RETRY_COUNTS_MS)

    # --- private -------------------------------------------------------------------------------

    def _run_query(self) -> None:
        self._model.set_query(self._search.text().strip(), self.current_filter())
        self._update_count_label()

    def _select_row(self, row: int, *, scroll: bool = True) -> None:
        index = self._model.index(row, ClientListModel.NAME)
        self._table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        if scroll:
            self._table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _update_count_label(self) -> None:
        rows, (text, which) = self._model.rowCount(), self._model.query()
        if not self._model.is_complete() and not text and which in self._counts:
            rows = self._counts[which]  # a whole filter, read in part: its count says how many
        elif not self._model.is_complete():  # the rest are read as the list scrolls
            return self._count.setText(self.tr("%Ln+ clients", "", rows))
        self._count.setText(self.tr("%Ln client(s)", "", rows))

    def _show_count(self, which: ClientFilter) -> None:
        text = f"{FILTER_LABELS[which]} ({QLocale().toString(self._counts[which])})"
        key = list(ClientFilter).index(which) + 1
        self._filter_bar.set_label(which, text, self.tr("Show {filter} (Ctrl+{key})").format(
            filter=text, key=key))

    def _show_review_count(self, counts: ReviewCounts) -> None:
        if counts.waiting:  # overdue: past the 10 business days an opt-out has (R19)
            self._review_notice.setText(review_banner(counts.waiting, counts.overdue))
            self._review_notice.setProperty("state", "locked" if counts.overdue else "warning")
            self._review_notice.style().unpolish(self._review_notice)
            self._review_notice.style().polish(self._review_notice)
        self._review_row.setVisible(counts.waiting > 0)

    @Slot(int, Qt.SortOrder)
    def _on_columns_sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        header = self._table.horizontalHeader()
        if column not in ClientListModel.SORT_ORDERS:  # the flags column: keep the sort shown
            with QSignalBlocker(header):
                header.setSortIndicator(self._sorted_by[0], self._sorted_by[1])
            return
        self._sorted_by = (column, order)
        selected = self.selected_client()
        self._model.sort(column, order)
        self._update_count_label()
        if selected is not None:
            self.select_client(selected)

    @Slot(QModelIndex, int, int)
    def _on_model_rows_inserted(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        self._update_count_label()

    # --- Qt overrides --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self._search and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):
            key = event.key()
            if key == Qt.Key.Key_Escape and self._search.text():
                self._search.clear()
                self._search_timer.stop()
                self._run_query()
                return True
            if key == Qt.Key.Key_Down:
                if self._search_timer.isActive():
                    self._search_timer.stop()
                    self._run_query()
                if self._model.rowCount():
                    self._table.setFocus(Qt.FocusReason.OtherFocusReason)
                    if self.selected_client() is None:
                        self._select_row(0)
                return True
        return super().eventFilter(watched, event)
