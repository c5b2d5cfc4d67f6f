"""A list beside a detail view, where a shrinking window takes its width from the list first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget


class ListSplitter(QSplitter):
    """A horizontal splitter whose first widget (a list) is given at most ``share`` of a
    narrowing window, so the detail view beside it keeps the room it needs (issue 10, small
    screens); a person may still drag the handle to any split the minimum widths allow."""

    def __init__(self, share: float = 0.47, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._share = share

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The list keeps no more than its share: a narrowing window takes its width from the
        list, and a window that grows back gives the detail view its room first."""
        super().resizeEvent(event)
        if event.oldSize().width() == event.size().width() or self.count() < 2:
            return
        sizes = self.sizes()
        total = sum(sizes)
        cap = max(self.widget(0).minimumWidth(), int(total * self._share))
        if sizes[0] > cap:
            self.setSizes([cap, total - cap] + [0] * (len(sizes) - 2))
