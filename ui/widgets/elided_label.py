"""A one-line label that, when narrow, drops the middle of its text ("dana.alexandra…@example.com")
rather than cutting its end: the start and the domain of an address both stay readable."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget


class ElidedLabel(QLabel):
    """`text()` stays whole; the tooltip and the accessible description carry it whole too, so
    a screen reader and a hovering mouse get what the narrow label cannot show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(False)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        """Show `text`, elided in the middle where it does not fit."""
        if text == self.text() and text == self.toolTip():
            return  # each setter would send its change events again (issue 12)
        super().setText(text)
        self.setToolTip(text)
        self.setAccessibleDescription(text)

    def shown_text(self) -> str:
        """The words painted at the present width."""
        width = self.contentsRect().width() - max(0, self.indent())
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle, width)

    # --- Qt overrides --------------------------------------------------------------------------

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("M…M") + 8),
                     hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect().adjusted(max(0, self.indent()), 0, 0, 0)
        with QPainter(self) as painter:
            self.style().drawItemText(painter, rect, int(self.alignment()), self.palette(),
                                      self.isEnabled(), self.shown_text(), self.foregroundRole())
