"""The Audit log's filters: a search, the source of a change and a period of days.

Typing waits a moment before it filters; a choice in a list filters at once. The bar only
says what the person chose (`filters_edited`); the Audit log applies it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QSignalBlocker, QTimer, Signal, Slot
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from models.errors import InvalidAddress
from models.phones import normalize_phone
from models.timeutil import iso
from resources import icon
from ui.formatting import SOURCE_LABELS

#: The sources of DESIGN §2 R14 that the filter offers, in the record's words.
_SOURCES = ("staff", "client_keyword", "import", "review_queue")
#: The periods the date filter offers: key, label. "between" shows two date fields.
_PERIODS = (("any", QT_TRANSLATE_NOOP("AuditFilterBar", "Any time")),
            ("today", QT_TRANSLATE_NOOP("AuditFilterBar", "Today")),
            ("7d", QT_TRANSLATE_NOOP("AuditFilterBar", "Last 7 days")),
            ("30d", QT_TRANSLATE_NOOP("AuditFilterBar", "Last 30 days")),
            ("12m", QT_TRANSLATE_NOOP("AuditFilterBar", "Last 12 months")),
            ("between", QT_TRANSLATE_NOOP("AuditFilterBar", "Between dates")))
_SEARCH_DELAY_MS = 300
_DEFAULT_DAYS = 30
_MIN_PHONE_DIGITS = 7
_PHONE_PUNCTUATION = frozenset("+-(). ")


class AuditFilterBar(QWidget):
    """Search box, source and period (with two dates for "Between dates")."""

    #: The person changed a filter (typing: once they pause). Read them with `chosen()`.
    filters_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = QLineEdit(self)
        self._search_timer = QTimer(self)
        self._source = QComboBox(self)
        self._period = QComboBox(self)
        self._range = QWidget(self)
        today = QDate.currentDate()
        self._from = QDateEdit(today.addDays(-_DEFAULT_DAYS), self._range)
        self._to = QDateEdit(today, self._range)
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self._search.setObjectName("auditSearch")
        self._search.setPlaceholderText(self.tr("Client, staff member, number or note"))
        self._search.setAccessibleName(self.tr("Search the audit log"))
        self._search.setClearButtonEnabled(True)
        self._search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._search.setMaxLength(120)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(_SEARCH_DELAY_MS)

        self._source.setObjectName("auditSource")
        self._source.setAccessibleName(self.tr("Source"))
        self._source.addItem(self.tr("All sources"), None)
        for source in _SOURCES:
            self._source.addItem(SOURCE_LABELS[source], source)

        self._period.setObjectName("auditPeriod")
        self._period.setAccessibleName(self.tr("When"))
        self._period.setToolTip(
            self.tr("Dates are days in this computer's time zone, both included"))
        for key, label in _PERIODS:
            self._period.addItem(self.tr(label), key)
        self._from.setObjectName("auditFrom")
        self._from.setAccessibleName(self.tr("From date"))
        self._to.setObjectName("auditTo")
        self._to.setAccessibleName(self.tr("To date"))
        for edit in (self._from, self._to):
            edit.setCalendarPopup(True)
            # The translation gives the language's order: "d MMM yyyy" in Spanish.
            edit.setDisplayFormat(self.tr("MMM d, yyyy", "date format"))
        dates = QHBoxLayout(self._range)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.setSpacing(6)
        dates.addWidget(self._from)
        dates.addWidget(QLabel(self.tr("to", "between two dates"), self._range))
        dates.addWidget(self._to)
        self._range.hide()

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self._search, 1)
        row.addWidget(self._source)
        row.addWidget(self._period)
        row.addWidget(self._range)

    def _connect_signals(self) -> None:
        self._search.textChanged.connect(self._on_search_text_changed)
        self._search.returnPressed.connect(self._on_search_return_pressed)
        self._search_timer.timeout.connect(self.filters_edited)
        self._source.currentIndexChanged.connect(self._on_source_current_index_changed)
        self._period.currentIndexChanged.connect(self._on_period_current_index_changed)
        self._from.dateChanged.connect(self._on_from_date_changed)
        self._to.dateChanged.connect(self._on_to_date_changed)

    # --- public --------------------------------------------------------------------------------

    def chosen(self) -> tuple[str, str | None, str | None, str | None]:
        """The filters as chosen: (search text, source, since, until), times in ISO UTC.
        Reading them settles a search still being typed."""
        self._search_timer.stop()
        since = until = None
        days = self._period_days()
        if days is not None:
            first, last = days
            since = _local_midnight(first)
            until = _local_midnight(last + timedelta(days=1))
        return _search_text(self._search.text()), self._source.currentData(), since, until

    # --- slots ---------------------------------------------------------------------------------

    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _on_search_return_pressed(self) -> None:
        self._search_timer.stop()
        self.filters_edited.emit()

    @Slot(int)
    def _on_source_current_index_changed(self, _index: int) -> None:
        self.filters_edited.emit()

    @Slot(int)
    def _on_period_current_index_changed(self, _index: int) -> None:
        self._range.setVisible(self._period.currentData() == "between")
        self.filters_edited.emit()

    @Slot(QDate)
    def _on_from_date_changed(self, day: QDate) -> None:
        if day > self._to.date():
            with QSignalBlocker(self._to):
                self._to.setDate(day)
        self.filters_edited.emit()

    @Slot(QDate)
    def _on_to_date_changed(self, day: QDate) -> None:
        if day < self._from.date():
            with QSignalBlocker(self._from):
                self._from.setDate(day)
        self.filters_edited.emit()

    # --- private -------------------------------------------------------------------------------

    def _period_days(self) -> tuple[date, date] | None:
        """The first and last day the period filter selects (None: any time)."""
        key = self._period.currentData()
        today = date.today()
        if key == "today":
            return today, today
        if key == "7d":
            return today - timedelta(days=6), today
        if key == "30d":
            return today - timedelta(days=29), today
        if key == "12m":
            return QDate(today).addMonths(-12).addDays(1).toPython(), today
        if key == "between":
            return self._from.date().toPython(), self._to.date().toPython()
        return None


def _search_text(text: str) -> str:
    """The search as the record stores it: a phone number typed any way becomes E.164, and
    part of one its digits ("555-0123" finds +12125550123)."""
    clean = " ".join(text.split())
    if clean and all(ch.isdigit() or ch in _PHONE_PUNCTUATION for ch in clean):
        digit_count = sum(ch.isdigit() for ch in clean)
        if digit_count >= _MIN_PHONE_DIGITS:
            try:
                return normalize_phone(clean)
            except InvalidAddress:
                pass  # not a whole number: look for its digits
        if digit_count:
            return "".join(ch for ch in clean if ch.isdigit())
    return clean


def _local_midnight(day: date) -> str:
    """The start of a day in this computer's time zone, as the record stores times (UTC)."""
    return iso(datetime.combine(day, time()).astimezone())
