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

from PySide6.QtCore import QSettings, Signal
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
from ui.words import plural

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
        problems = [{"row": item["row"], "column": "", "reason": item["error"]}
                    for item in summary.bad_rows]
        dialog = ImportResultDialog("Import message log", import_report(path, summary, rows=False),
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


def import_report(path: Path, summary: MessageImportSummary, *, rows: bool = True) -> str:
    """What a message-log import did, in a few plain lines: the texts sent after a client
    texted STOP first among the outbound ones, since the studio must act on them (R23). The
    first bad rows are listed too, unless `rows` is false (a dialog lists them in a table)."""
    actions = summary.as_json()["actions"]
    lines = [
        (f"{path.name}: {plural(summary.inbound, 'inbound text')}, "
         f"{plural(summary.changed, 'consent change')}."),
        (f"STOP {actions['opt_out']:,} · START {actions['opt_in']:,} · "
         f"HELP {actions['help']:,} · Needs review {actions['review']:,} · "
         f"Other {actions['none']:,}"),
    ]
    if summary.sent_after_stop:
        lines.append(f"{plural(summary.sent_after_stop, 'text was', 'texts were')} sent after "
                     "the client texted STOP — see Reports.")
    if summary.outbound:
        confirmed = (f"{plural(summary.confirmations, 'STOP confirmation')} recorded on the "
                     "client's record" if summary.confirmations else "no STOP confirmation")
        lines.append(f"{plural(summary.outbound, 'outbound text')}: {confirmed}, "
                     f"{summary.outbound_skipped:,} sent while the number was not opted out.")
    duplicates = actions["duplicate"] + summary.outbound_duplicate
    lines.append(f"Skipped: {plural(duplicates, 'text')} already imported.")
    if summary.bad_rows and not rows:
        lines.append(f"{plural(len(summary.bad_rows), 'row')} could not be read — see below.")
    elif summary.bad_rows:
        shown = summary.bad_rows[:8]
        lines.append(f"{plural(len(summary.bad_rows), 'bad row')} not imported:")
        lines += [f"    row {item['row']}: {item['error']}" for item in shown]
        if len(summary.bad_rows) > len(shown):
            lines.append(f"    … and {len(summary.bad_rows) - len(shown):,} more")
    return "\n".join(lines)
