"""File ▸ Import message log, off the GUI thread: one import at a time, its worker thread and
its progress dialog, and what it did in a few plain lines.

The window asks `MessageLogImport.start(path)`; the controller runs a `MessageImportWorker` on
a `QThread` of its own and says how the import went through its signals, always on the GUI
thread, so the window can show dialogs and announce the change.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QWidget

from models.message_log import MessageImportSummary
from ui.messages.import_progress_dialog import ImportProgressDialog
from ui.messages.import_worker import MessageImportWorker
from ui.words import plural


class MessageLogImport(QObject):
    """Runs message-log imports for a window, one at a time."""

    #: An import ended: the log's path and its models.message_log.MessageImportSummary.
    finished = Signal(object, object)
    #: An import was refused or stopped: the log's path and one line a person can read.
    failed = Signal(object, str)
    #: Whether an import is running (so the window offers Import again, or not).
    running_changed = Signal(bool)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._thread: QThread | None = None
        self._worker: MessageImportWorker | None = None
        self._progress: ImportProgressDialog | None = None

    # --- public --------------------------------------------------------------------------------

    def start(self, path: Path) -> MessageImportWorker | None:
        """Start importing `path` with a progress dialog over the window. Returns the worker,
        or None while another import is still running."""
        if self._thread is not None:
            return None
        self._progress = ImportProgressDialog(path.name, self._window)
        self._worker = MessageImportWorker(path)
        self._thread = QThread(self)
        self._thread.setObjectName("messageImportThread")
        self._worker.moveToThread(self._thread)
        self._connect_signals(self._thread, self._worker)
        self.running_changed.emit(True)
        self._thread.start()
        return self._worker

    def is_running(self) -> bool:
        """Whether an import is running."""
        return self._thread is not None

    def wait(self) -> None:
        """Let a running import finish and forget it without a report (the window closes)."""
        self._end()

    # --- slots ---------------------------------------------------------------------------------

    @Slot(int, int)
    def _on_worker_progress(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.show_progress(done, total)

    @Slot(object)
    def _on_worker_finished(self, summary: MessageImportSummary) -> None:
        path = self._end()
        if path is not None:  # None: the window already let this import go
            self.finished.emit(path, summary)

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        path = self._end()
        if path is not None:
            self.failed.emit(path, message)

    # --- private -------------------------------------------------------------------------------

    def _connect_signals(self, thread: QThread, worker: MessageImportWorker) -> None:
        """Wire one import. `run` is queued to the worker's thread (the worker lives there);
        the worker's signals are emitted there and queued explicitly to this object, which
        lives on the GUI thread, so the dialogs and data_changed happen there."""
        thread.started.connect(worker.run)
        queued = Qt.ConnectionType.QueuedConnection
        worker.progress.connect(self._on_worker_progress, queued)
        worker.finished.connect(self._on_worker_finished, queued)
        worker.failed.connect(self._on_worker_failed, queued)

    def _end(self) -> Path | None:
        """Let the import's thread end and close its progress dialog; the log's path, or None
        when no import was running."""
        thread, worker, progress = self._thread, self._worker, self._progress
        if thread is None or worker is None or progress is None:
            return None
        self._thread = self._worker = self._progress = None
        # quit() ends the thread's event loop once `run` returns: at once when the worker has
        # reported, or after the import when the window closes mid-way. Only then may the
        # worker go (it is deleted with the last reference, on this thread).
        thread.quit()
        thread.wait()
        thread.deleteLater()
        progress.finish()
        progress.deleteLater()
        self.running_changed.emit(False)
        return worker.path()


def import_report(path: Path, summary: MessageImportSummary) -> str:
    """What a message-log import did, in a few plain lines: the texts sent after a client
    texted STOP first among the outbound ones, since the studio must act on them (R23)."""
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
    if summary.bad_rows:
        shown = summary.bad_rows[:8]
        lines.append(f"{plural(len(summary.bad_rows), 'bad row')} not imported:")
        lines += [f"    row {item['row']}: {item['error']}" for item in shown]
        if len(summary.bad_rows) > len(shown):
            lines.append(f"    … and {len(summary.bad_rows) - len(shown):,} more")
    return "\n".join(lines)
