"""File ▸ Import message log, off the GUI thread: one import at a time (`ImportRunner`), the
columns of an unknown layout chosen once and remembered per set of columns, and what the
import did in a few plain lines, in a result dialog that can open the Needs review queue.

The window asks `MessageLogImport.start(path)`; the controller runs a `MessageImportWorker` on
a `QThread` of its own and says how the import went through its signals, always on the GUI
thread, so the window can show dialogs and announce the change.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Mapping, Sequence

from PySide6.QtCore import QLocale, QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from models.csv_files import preview_csv
from models.errors import InvalidInput
from models.message_layout import layout_for, mapped_layout
from models.message_log import MessageImportSummary
from ui.messages.column_mapping_dialog import ColumnMappingDialog
from ui.messages.import_progress_dialog import ImportProgressDialog
from ui.messages.import_runner import ImportRunner
from ui.messages.import_worker import MessageImportWorker
from ui.widgets.import_result_dialog import ImportResultDialog
from ui.words import one_line, spoken

#: Where the chosen columns of each set of column names are kept.
MAPPINGS_GROUP = "messageLogMappings"


class MessageLogImport(ImportRunner):
    """Runs message-log imports for a window, one at a time."""

    #: The person asked to see the Needs review queue from an import's result.
    review_queue_requested = Signal()

    def __init__(self, window: QWidget, settings: QSettings | None = None) -> None:
        super().__init__(window)
        self._settings = settings if settings is not None else QSettings()

    # --- public --------------------------------------------------------------------------------

    def start(self, path: Path, mapping: Mapping[str, str] | None = None) -> MessageImportWorker | None:
        """Start importing `path` with a progress dialog over the window. A file of unknown
        columns is read by the columns chosen last time for the same column names, else the
        person is asked (ColumnMappingDialog). Returns the worker, or None while another
        import is still running or when the person cancels the choice of columns."""
        if self.is_running():
            return None
        if mapping is None:
            header = _header(path)
            if header is not None and layout_for(header) is None:
                mapping = self._remembered(header) or self._ask_mapping(path, header)
                if mapping is None:
                    return None
        worker = MessageImportWorker(path, mapping)
        progress = ImportProgressDialog(path.name, self.window())
        started = self._run(worker, progress)
        return started if isinstance(started, MessageImportWorker) else None

    def show_result(self, path: Path, summary: MessageImportSummary) -> ImportResultDialog:
        """Open the result of an import over the window (window-modal, not blocking)."""
        problems = [{"row": item["row"], "column": "", "reason": spoken(item["error"])}
                    for item in summary.bad_rows]
        dialog = ImportResultDialog(self.tr("Import message log"),
                                    import_report(path, summary, rows=False),
                                    problems, self.window(),
                                    review_waiting=summary.actions["review"])
        dialog.review_queue_requested.connect(self.review_queue_requested)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # --- private -------------------------------------------------------------------------------

    def _ask_mapping(self, path: Path, header: Sequence[str]) -> dict[str, str] | None:
        dialog = ColumnMappingDialog(path.name, header, self.window())
        try:
            if dialog.exec() != ColumnMappingDialog.DialogCode.Accepted:
                return None
            mapping = dialog.mapping()
        finally:
            dialog.deleteLater()
        self._settings.setValue(_mapping_key(header), json.dumps(mapping))
        return mapping

    def _remembered(self, header: Sequence[str]) -> dict[str, str] | None:
        """The columns chosen for this set of column names before, if they still fit."""
        stored = self._settings.value(_mapping_key(header))
        if not isinstance(stored, str):
            return None
        try:
            mapping = json.loads(stored)
            mapped_layout(mapping, header)
        except (ValueError, TypeError, AttributeError, InvalidInput):
            return None
        return mapping


def _header(path: Path) -> tuple[str, ...] | None:
    """The file's column names, or None when it cannot be read (the import then says why)."""
    try:
        return preview_csv(path, 0).header
    except InvalidInput:
        return None


def _mapping_key(header: Sequence[str]) -> str:
    digest = hashlib.sha256("\x1f".join(sorted(header)).encode("utf-8")).hexdigest()[:16]
    return f"{MAPPINGS_GROUP}/{digest}"


class MessageImportReport(QObject):
    """What a message-log import did, in the window's language (a QObject for its plurals)."""

    def text(self, path: Path, summary: MessageImportSummary, *, rows: bool = True) -> str:
        """See `import_report`."""
        actions = summary.as_json()["actions"]
        number = QLocale().toString
        lines = [
            self.tr("{file}: {inbound}, {changes}.").format(
                file=path.name, inbound=self.tr("%Ln inbound text(s)", "", summary.inbound),
                changes=self.tr("%Ln consent change(s)", "", summary.changed)),
            self.tr("STOP {stop} · START {start} · HELP {help} · Needs review {review} · "
                    "Other {other}").format(
                stop=number(actions["opt_out"]), start=number(actions["opt_in"]),
                help=number(actions["help"]), review=number(actions["review"]),
                other=number(actions["none"])),
        ]
        if summary.sent_after_stop:
            lines.append(self.tr("%Ln text(s) sent after the client texted STOP — see "
                                 "Reports.", "", summary.sent_after_stop))
        if summary.outbound:
            confirmed = (self.tr("%Ln STOP confirmation(s) recorded on the client's record", "",
                                 summary.confirmations) if summary.confirmations
                         else self.tr("no STOP confirmation"))
            lines.append(self.tr("{outbound}: {confirmed}, {skipped} sent while the number was "
                                 "not opted out.").format(
                outbound=self.tr("%Ln outbound text(s)", "", summary.outbound),
                confirmed=confirmed, skipped=number(summary.outbound_skipped)))
        duplicates = actions["duplicate"] + summary.outbound_duplicate
        lines.append(self.tr("Skipped: %Ln text(s) already imported.", "", duplicates))
        lines += self._bad_rows(summary, rows)
        return "\n".join(lines)

    def _bad_rows(self, summary: MessageImportSummary, rows: bool) -> list[str]:
        if not summary.bad_rows:
            return []
        if not rows:
            return [self.tr("%Ln row(s) could not be read — see below.", "",
                            len(summary.bad_rows))]
        shown = summary.bad_rows[:8]
        lines = [self.tr("%Ln bad row(s) not imported:", "", len(summary.bad_rows))]
        lines += ["    " + self.tr("row {row}: {problem}").format(
            row=item["row"], problem=one_line(item["error"])) for item in shown]
        if len(summary.bad_rows) > len(shown):
            lines.append("    " + self.tr("… and %Ln more", "",
                                          len(summary.bad_rows) - len(shown)))
        return lines


def import_report(path: Path, summary: MessageImportSummary, *, rows: bool = True) -> str:
    """What a message-log import did, in a few plain lines: the texts sent after a client
    texted STOP first among the outbound ones, since the studio must act on them (R23). The
    first bad rows are listed too, unless `rows` is false (a dialog lists them in a table)."""
    return MessageImportReport().text(path, summary, rows=rows)
