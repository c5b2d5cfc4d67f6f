"""What an import did, after it ends: a few plain lines, the rows to fix in a table (row,
column, what is wrong) that can be saved as a CSV, and — when texts now wait in Needs
review — a button that opens the queue."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.client_import import save_problems
from ui.widgets.remembered_size import remember_size
from ui.words import spoken

#: Wide enough for a report's longest line and a reason beside its row and column.
MINIMUM_WIDTH = 560
PREFERRED_WIDTH = 720
#: Up to this many rows, each is as tall as its wrapped reason (measuring costs time).
ROWS_FIT_TO_TEXT = 500


class ImportResultDialog(QDialog):
    """An import's result; window-modal, closed by the person."""

    #: The person asked to see the Needs review queue (the dialog closes).
    review_queue_requested = Signal()

    def __init__(self, title: str, text: str, problems: Sequence[dict[str, Any]],
                 parent: QWidget | None = None, *, review_waiting: int = 0) -> None:
        super().__init__(parent)
        self._title, self._text = title, text
        self._problems = list(problems)
        self._review_waiting = review_waiting
        self._setup_ui()
        self._connect_signals()

    def _setup_ui(self) -> None:
        self.setObjectName("importResultDialog")
        remember_size(self)
        self.setWindowTitle(self._title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        self._summary = QLabel(self._text, self)
        self._summary.setObjectName("importResultText")
        self._summary.setWordWrap(True)
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self._summary)
        self._table: QTableWidget | None = None
        if self._problems:
            heading = QLabel(self.tr(
                "<b>%Ln row(s) to fix</b> — correct them in the file and import it again; rows "
                "already imported are skipped.", "", len(self._problems)), self)
            heading.setWordWrap(True)
            layout.addWidget(heading)
            self._table = self._problem_table()
            layout.addWidget(self._table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self._save = QPushButton(self.tr("&Save list to fix…"), self)
        self._save.setObjectName("saveProblemsButton")
        self._review = QPushButton(self.tr("Open &Needs review ({count})").format(
            count=QLocale().toString(self._review_waiting)), self)
        self._review.setObjectName("openReviewButton")
        # Only the buttons that apply are added (a button box shows every button it holds).
        if self._problems:
            buttons.addButton(self._save, QDialogButtonBox.ButtonRole.ActionRole)
        else:
            self._save.hide()
        if self._review_waiting > 0:
            buttons.addButton(self._review, QDialogButtonBox.ButtonRole.ActionRole)
        else:
            self._review.hide()
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()
        self._buttons = buttons
        layout.addWidget(buttons)
        self.setMinimumWidth(MINIMUM_WIDTH)
        self.resize(self._fitting_width(), self.sizeHint().height())

    def _problem_table(self) -> QTableWidget:
        table = QTableWidget(len(self._problems), 3, self)
        table.setObjectName("importProblems")
        table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("What to fix")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        for row, item in enumerate(self._problems):
            number = QTableWidgetItem(QLocale().toString(item["row"]))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, 0, number)
            table.setItem(row, 1, QTableWidgetItem(item.get("column") or "—"))
            table.setItem(row, 2, QTableWidgetItem(spoken(item["reason"])))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if len(self._problems) <= ROWS_FIT_TO_TEXT:  # row heights follow the wrapped reasons
            table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _connect_signals(self) -> None:
        self._buttons.rejected.connect(self.reject)
        self._save.clicked.connect(self._on_save_clicked)
        self._review.clicked.connect(self._on_review_clicked)

    # --- replaceable dialogs (tests monkeypatch these) ------------------------------------------

    @classmethod
    def ask_save_file(cls, parent: QWidget, title: str, suggested: str) -> str:
        """Where to save, or "" when the person cancels."""
        path, _ = QFileDialog.getSaveFileName(
            parent, title, suggested,
            QCoreApplication.translate("ImportResultDialog", "CSV files (*.csv)"))
        return path

    # --- public --------------------------------------------------------------------------------

    def text(self) -> str:
        """The result in words, as shown."""
        return self._summary.text()

    def problems(self) -> list[dict[str, Any]]:
        """The rows to fix, as shown."""
        return list(self._problems)

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_save_clicked(self) -> None:
        path = self.ask_save_file(self, self.tr("Save the list of rows to fix"),
                                  self.tr("rows to fix.csv"))
        if not path:
            return
        try:
            save_problems(self._problems, Path(path))
        except OSError as error:
            QMessageBox.warning(self, self.tr("Save list to fix"),
                                self.tr("{path}: could not be saved ({error})").format(
                                    path=path, error=error.strerror or error))
            return
        self._save.setText(self.tr("&Saved — save again…"))

    @Slot()
    def _on_review_clicked(self) -> None:
        self.accept()
        self.review_queue_requested.emit()

    # --- private -------------------------------------------------------------------------------

    def _fitting_width(self) -> int:
        """PREFERRED_WIDTH, or the parent window's width less a margin when that is smaller."""
        parent = self.parentWidget()
        if parent is None:
            return PREFERRED_WIDTH
        return max(MINIMUM_WIDTH, min(PREFERRED_WIDTH, parent.width() - 40))
