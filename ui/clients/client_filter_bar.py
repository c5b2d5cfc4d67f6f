"""The client list's filter buttons, as many to a row as fit whole: at the window's minimum
width "Any opt-out (16)" wraps to a new row rather than being cut to "Any o… (16)"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QSizePolicy, QToolButton, QWidget

from models.client_list import ClientFilter
from resources import icon
from ui.words import FILTER_LABELS

_ICONS = {ClientFilter.ANY_OPT_OUT: "block", ClientFilter.STOP_LOCKED: "lock",
          ClientFilter.NEEDS_REVIEW: "alert"}
#: At most this many buttons to a row, however wide the list is.
MAX_COLUMNS = 3


class ClientFilterBar(QWidget):
    """One checkable button per ClientFilter (objectName ``filter_<value>``), exclusive, in a
    grid whose column count follows the width; the first is checked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._columns = 0
        self._setup_ui()

    def _setup_ui(self) -> None:
        self.setObjectName("clientFilters")
        self.setAccessibleName(self.tr("Client filters"))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(4)
        self._grid.setVerticalSpacing(4)
        for position, which in enumerate(ClientFilter):
            button = QToolButton(self)
            button.setObjectName(f"filter_{which.value}")
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            if which in _ICONS:
                button.setIcon(icon(_ICONS[which]))
            button.setText(FILTER_LABELS[which])
            button.setAccessibleName(self.tr("Show {filter}").format(filter=FILTER_LABELS[which]))
            self._group.addButton(button, position)
        self._group.button(0).setChecked(True)
        self._place(MAX_COLUMNS)

    # --- public --------------------------------------------------------------------------------

    def group(self) -> QButtonGroup:
        """The exclusive group of the buttons: the id of a button is its filter's position."""
        return self._group

    def set_label(self, which: ClientFilter, text: str, tooltip: str) -> None:
        """A button's words ("Any opt-out (16)"); the rows reflow if it no longer fits."""
        button = self._group.button(list(ClientFilter).index(which))
        button.setText(text)
        button.setToolTip(tooltip)
        self._reflow(self.width())

    def columns(self) -> int:
        """How many buttons a row holds now."""
        return self._columns

    # --- private -------------------------------------------------------------------------------

    def _reflow(self, width: int) -> None:
        widest = max(button.sizeHint().width() for button in self._group.buttons())
        spacing = self._grid.horizontalSpacing()
        fits = max(1, (width + spacing) // (widest + spacing))
        self._place(min(MAX_COLUMNS, fits))

    def _place(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for button in self._group.buttons():
            self._grid.removeWidget(button)
        for column in range(MAX_COLUMNS):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for position, button in enumerate(self._group.buttons()):
            self._grid.addWidget(button, position // columns, position % columns)

    # --- Qt overrides --------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._reflow(event.size().width())
