"""A client's History: their consent events, newest recorded first (R14)."""

from __future__ import annotations

from datetime import datetime
from typing import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from models.audit import EventRecord
from ui.formatting import full_time_text
from ui.profile.history_model import HistoryModel

#: A long When, in the window's language ("Sep 30, 2026, 12:59 p.m."), and a usual Who.
_WHEN_SAMPLE = datetime(2026, 9, 30, 12, 59)
_WHO_SAMPLE = "Demo Employee"


class HistoryView(QTableView):
    """The History table (objectName ``historyView``): When, Who, What, Why; read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = HistoryModel(self)
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.setObjectName("historyView")
        self.setAccessibleName(self.tr("History"))
        self.setModel(self._model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the History; arrows move within it
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(60)
        metrics = self.fontMetrics()
        # When and Who keep the width of their longest usual words; What and Why share the rest.
        for column, sample in enumerate((full_time_text(_WHEN_SAMPLE), _WHO_SAMPLE)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    # -- public API -----------------------------------------------------------------------

    def history_model(self) -> HistoryModel:
        """The model the view shows."""
        return self._model

    def show_events(self, events: Iterable[EventRecord]) -> None:
        """Show these events (newest recorded first, as given, with `recorded_at` filled in).
        The same events again change nothing."""
        if self._model.set_events(events):
            # A late-recorded event's When has two lines: when recorded, when it happened.
            line = self.fontMetrics().height()
            for row in range(self._model.rowCount()):
                if self._model.is_two_lines(row):
                    self.setRowHeight(row, 2 * line + 10)

    def clear(self) -> None:
        """Show no events."""
        self._model.clear()
