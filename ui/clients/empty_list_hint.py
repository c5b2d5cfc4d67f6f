"""The hint over an empty client list: a new studio learns where its first clients come from."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import QLabel, QTableView

from models.client_list import ClientFilter
from ui.clients.client_list_model import ClientListModel

#: The hint in English; shown in the window's language (`empty_list_text`).
EMPTY_LIST_TEXT = QT_TRANSLATE_NOOP("EmptyListHint", "No clients yet — add one with Clients ▸ "
                                    "Add client (Ctrl+N) or File ▸ Import clients.")


def empty_list_text() -> str:
    """The hint in the window's language."""
    return QCoreApplication.translate("EmptyListHint", EMPTY_LIST_TEXT)


class EmptyListHint(QLabel):
    """Shown over the list's viewport while the studio has no clients (no search, filter All);
    a search or filter that finds nobody shows the empty list as it is."""

    def __init__(self, view: QTableView, model: ClientListModel) -> None:
        super().__init__(empty_list_text(), view.viewport())
        self._view, self._model = view, model
        self.setObjectName("emptyListHint")
        self.setProperty("role", "muted")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMargin(24)
        self.hide()
        view.viewport().installEventFilter(self)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._on_model_changed)

    @Slot()
    def _on_model_changed(self) -> None:
        text, which = self._model.query()
        empty = self._model.rowCount() == 0 and not text and which is ClientFilter.ALL
        self.setVisible(empty)
        if empty:  # a screen reader reads the empty list as this hint
            self._view.setAccessibleDescription(self.text())
        else:
            self._view.setAccessibleDescription("")
        self._fit()

    def _fit(self) -> None:
        self.setGeometry(self._view.viewport().rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit()
        return super().eventFilter(watched, event)
