"""A flat, read-only list of records — texts, staff accounts — one id per row."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

_ID_ROLE = Qt.ItemDataRole.UserRole


class RecordList(QTreeWidget):
    """Rows of text with the record's id kept on the first column; single selection."""

    def __init__(self, object_name: str, accessible_name: str, headers: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setColumnCount(len(headers))
        self.setHeaderLabels(list(headers))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def add_record(self, record_id: int, texts: Sequence[str]) -> QTreeWidgetItem:
        """Append a row for a record; returns it for icons and tooltips."""
        item = QTreeWidgetItem(list(texts))
        item.setData(0, _ID_ROLE, record_id)
        self.addTopLevelItem(item)
        return item

    def current_record_id(self) -> int | None:
        """The id of the selected row, or None."""
        item = self.currentItem()
        return None if item is None else item.data(0, _ID_ROLE)

    def current_row(self) -> int:
        """The selected row, or -1."""
        return self.indexOfTopLevelItem(self.currentItem()) if self.currentItem() else -1

    def row_of(self, record_id: int | None) -> int | None:
        """The row of a record, or None."""
        if record_id is None:
            return None
        for row in range(self.topLevelItemCount()):
            if self.topLevelItem(row).data(0, _ID_ROLE) == record_id:
                return row
        return None

    def select_row(self, row: int) -> None:
        """Select a row (clamped to the list)."""
        if self.topLevelItemCount():
            self.setCurrentItem(self.topLevelItem(min(max(row, 0), self.topLevelItemCount() - 1)))

    def select_record(self, record_id: int | None) -> bool:
        """Select a record's row; False when the list does not hold it."""
        row = self.row_of(record_id)
        if row is None:
            return False
        self.select_row(row)
        return True
