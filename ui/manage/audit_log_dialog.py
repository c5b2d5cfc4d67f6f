"""The Audit log (manager view, R14, R15): every consent event, newest first, with filters,
CSV export and a check of the record's hash chain.

The list is an AuditLogModel, which reads a page at a time. Export goes through
`models.audit.export_for`, which refuses anyone below manager whatever the screen offers.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QSize, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.audit import AuditCheck, export_for, verify_chain
from models.errors import OptInDeskError
from models.record_marks import latest_marks
from resources import icon
from ui.manage.audit_filter_bar import AuditFilterBar
from ui.manage.audit_log_model import AuditFilters, AuditLogModel
from ui.session import current_staff
from ui.widgets.remembered_size import remember_size
from ui.words import one_line, spoken

#: Wide cells of the columns, which size them (the language's own: a Spanish date is longer).
_WHEN_SAMPLE = QT_TRANSLATE_NOOP("AuditLogDialog", "Sep 30, 2026, 12:59 p.m.")
_CLIENT_SAMPLE = "Alexandra Hernandez"
_WHO_SAMPLE = "(555) 555-0123"
_WHAT_SAMPLE = QT_TRANSLATE_NOOP("AuditLogDialog", "Mobile (SMS + Phone) – Marketing: off → on")


class AuditLogDialog(QDialog):
    """The record's events in a lazily filled table, with text, source, date and client filters."""

    def __init__(self, parent: QWidget | None = None, *, client_id: int | None = None,
                 client_name: str = "") -> None:
        super().__init__(parent)
        self._model = AuditLogModel(self, load=False,
                                    filters=AuditFilters(client_id=client_id,
                                                         client_name=client_name))
        self._filter_bar = AuditFilterBar(self)
        self._result_text = ""
        self._setup_ui()
        self._connect_signals()
        remember_size(self)
        self._show_client()
        self._model.reload()

    def _setup_ui(self) -> None:
        self.setObjectName("auditLog")
        self.setWindowTitle(self.tr("Audit log — Opt-In Desk"))
        self.setWindowIcon(icon("history"))
        self.setModal(False)

        title = QLabel(self.tr("Audit log"), self)
        title.setProperty("role", "header")
        intro = QLabel(self.tr("The consent record: every change of a switch, a STOP lock, an AI "
                               "setting or a staff account, newest first. Events are never "
                               "changed or deleted."), self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)

        self._client = QLabel(self)
        self._client.setObjectName("auditClient")
        self._client.setTextFormat(Qt.TextFormat.PlainText)
        self._client.setProperty("role", "badge")
        self._clear_client = QToolButton(self)
        self._clear_client.setObjectName("clearClientFilter")
        self._clear_client.setText(self.tr("Show every client"))
        self._clear_client.setAutoRaise(True)
        client_row = QHBoxLayout()
        client_row.setSpacing(6)
        client_row.addWidget(self._client)
        client_row.addWidget(self._clear_client)
        client_row.addStretch(1)
        self._client_row = QWidget(self)
        self._client_row.setLayout(client_row)
        client_row.setContentsMargins(0, 0, 0, 0)

        self._table = QTableView(self)
        self._table.setObjectName("auditTable")
        self._table.setAccessibleName(self.tr("Consent events"))
        self._table.setModel(self._model)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setAlternatingRowColors(True)
        self._table.setShowGrid(False)
        self._table.setWordWrap(False)
        self._table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self._table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self._table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(60)
        metrics = self.fontMetrics()
        for column, sample in ((AuditLogModel.WHEN, self.tr(_WHEN_SAMPLE)),
                               (AuditLogModel.CLIENT, _CLIENT_SAMPLE),
                               (AuditLogModel.WHO, _WHO_SAMPLE),
                               (AuditLogModel.WHAT, self.tr(_WHAT_SAMPLE))):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 20)
        header.setSectionResizeMode(AuditLogModel.WHY, QHeaderView.ResizeMode.Stretch)

        self._summary = QLabel(self)
        self._summary.setObjectName("auditSummary")
        self._summary.setProperty("role", "muted")

        self._result = QLabel(self)
        self._result.setObjectName("auditResult")
        self._result.setProperty("role", "notice")
        self._result.setWordWrap(True)
        self._result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._result.hide()

        self._verify = QPushButton(icon("check"), self.tr("&Verify record"), self)
        self._verify.setObjectName("verifyRecord")
        self._verify.setToolTip(self.tr("Recompute every event's hash: shows whether any event "
                                        "was changed or removed since it was written"))
        self._export = QPushButton(icon("export"), self.tr("&Export CSV…"), self)
        self._export.setObjectName("exportCsv")
        self._export.setToolTip(self.tr("Write the events the filters select to a CSV file "
                                        "(managers and owners)"))
        for button in (self._verify, self._export):
            button.setIconSize(QSize(16, 16))
            button.setAutoDefault(False)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        bottom = QHBoxLayout()
        bottom.addWidget(self._verify)
        bottom.addWidget(self._export)
        bottom.addStretch(1)
        bottom.addWidget(self._buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(2)
        layout.addWidget(self._filter_bar)
        layout.addWidget(self._client_row)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._summary)
        layout.addWidget(self._result)
        layout.addLayout(bottom)
        self.resize(1100, 620)

    def _connect_signals(self) -> None:
        self._filter_bar.filters_edited.connect(self._on_filter_bar_filters_edited)
        self._clear_client.clicked.connect(self._on_clear_client_clicked)
        self._verify.clicked.connect(self._on_verify_clicked)
        self._export.clicked.connect(self._on_export_clicked)
        self._buttons.rejected.connect(self.close)
        self._model.rows_changed.connect(self._on_model_rows_changed)

    # --- replaceable dialogs (tests monkeypatch these; pytest-qt docs pattern) ------------------

    @classmethod
    def ask_save_path(cls, parent: QWidget, title: str, suggested: str) -> str:
        """Where to write the CSV file, or "" when the person cancels."""
        path, _ = QFileDialog.getSaveFileName(
            parent, title, suggested,
            QCoreApplication.translate("AuditLogDialog", "CSV files (*.csv);;All files (*)"))
        return path

    # --- public --------------------------------------------------------------------------------

    def model(self) -> AuditLogModel:
        """The model the table shows."""
        return self._model

    def filters(self) -> AuditFilters:
        """The filters applied."""
        return self._model.filters()

    def apply_filters(self) -> None:
        """Apply the filter controls now (typing waits a moment before it filters)."""
        current = self._model.filters()
        wanted = AuditFilters(*self._filter_bar.chosen(), current.client_id, current.client_name)
        if wanted != self._model.filters():
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self._model.set_filters(wanted)
            finally:
                QApplication.restoreOverrideCursor()

    def set_client(self, client_id: int | None, name: str = "") -> None:
        """Show one client's events only (None: every client's)."""
        current = self._model.filters()
        self._model.set_filters(AuditFilters(current.text, current.source, current.since,
                                             current.until, client_id, name))
        self._show_client()

    def export_csv(self) -> int | None:
        """Ask where, then write the filtered events to a CSV file as the signed-in staff
        member (managers and owners, R15); the number written, or None if nothing was."""
        self.apply_filters()
        suggested = f"audit-log-{date.today():%Y-%m-%d}.csv"
        path = self.ask_save_path(self, self.tr("Export audit log"), suggested)
        if not path:
            return None
        target = Path(path)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = export_for(current_staff(), target, **self._model.filters().as_kwargs())
        except OptInDeskError as error:
            self._show_result(self.tr("Not exported: {error}.").format(error=one_line(error)),
                              "locked")
            return None
        except OSError as error:
            self._show_result(self.tr("Could not write {file}: {reason}.").format(
                file=target.name, reason=error.strerror or error), "locked")
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self._show_result(self.tr("Exported %Ln event(s) to {file}.", "", count).format(
            file=target.name), "info")
        return count

    def verify_record(self) -> AuditCheck | None:
        """Check the record's hash chain and say what was found; the check, or None when the
        database could not be read."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            check = verify_chain()
        except OptInDeskError as error:
            self._show_result(self.tr("Could not check the record: {error}.").format(
                error=one_line(error)), "warning")
            return None
        finally:
            QApplication.restoreOverrideCursor()
        if check.ok:
            self._show_result(self.tr("Intact: %Ln event(s). Each one follows the event before "
                                      "it; none was changed or removed.", "", check.count),
                              "info")
        else:
            self._show_result(self.tr("The record is broken at event {event}: {problem}. The "
                                      "%Ln event(s) before it are intact.", "", check.count)
                              .format(event=check.bad_event_id, problem=spoken(check.problem)),
                              "locked")
            row = self._model.row_of(check.bad_event_id) if check.bad_event_id else None
            if row is not None:
                self._table.selectRow(row)
        return check

    def result_text(self) -> str:
        """What the last export or check said ('' when nothing is shown)."""
        return self._result_text

    def summary_text(self) -> str:
        """The line under the table: how many events are shown."""
        return self._summary.text()

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_filter_bar_filters_edited(self) -> None:
        self.apply_filters()

    @Slot()
    def _on_clear_client_clicked(self) -> None:
        self.set_client(None)

    @Slot()
    def _on_verify_clicked(self) -> None:
        self.verify_record()

    @Slot()
    def _on_export_clicked(self) -> None:
        self.export_csv()

    @Slot()
    def _on_model_rows_changed(self) -> None:
        self._show_summary()

    # --- private -------------------------------------------------------------------------------

    def _show_client(self) -> None:
        filters = self._model.filters()
        self._client_row.setVisible(filters.client_id is not None)
        name = filters.client_name or self.tr("client {id}").format(id=filters.client_id)
        self._client.setText(self.tr("Client: {name}").format(name=name))
        self.setWindowTitle(self.tr("Audit log — {name} — Opt-In Desk").format(name=name)
                            if filters.client_id is not None
                            else self.tr("Audit log — Opt-In Desk"))

    def _show_summary(self) -> None:
        shown = self._model.rowCount()
        if self._model.all_loaded():
            if self._model.filters().is_empty():
                text = self.tr("%Ln event(s) in the record.", "", shown)
            else:
                text = self.tr("%Ln event(s) match.", "", shown)
        elif self._model.filters().is_empty():
            try:
                total = latest_marks().event_id
            except OptInDeskError:
                total = None
            text = (self.tr("Showing the newest {shown} of {total} events; more load as you "
                            "scroll.") if total else
                    self.tr("Showing the newest {shown} events; more load as you scroll."))
            text = text.format(shown=QLocale().toString(shown), total=QLocale().toString(total or 0))
        else:
            text = self.tr("Showing the newest {shown} matching events; more load as you "
                           "scroll.").format(shown=QLocale().toString(shown))
        self._summary.setText(text)

    def _show_result(self, text: str, state: str) -> None:
        self._result_text = text
        self._result.setText(text)
        self._result.setProperty("state", state)
        style = self._result.style()
        style.unpolish(self._result)
        style.polish(self._result)
        self._result.show()

