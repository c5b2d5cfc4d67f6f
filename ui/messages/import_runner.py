"""One import at a time, off the GUI thread: its worker's thread, its progress dialog, and
its end reported on the GUI thread — shared by the message-log and the client-file import.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QWidget

from ui.messages.import_progress_dialog import ImportProgressDialog
from ui.messages.import_worker import ImportWorker


class ImportRunner(QObject):
    """Runs imports for a window, one at a time; says how each went through its signals,
    always on the GUI thread, so the window can show dialogs and announce the change."""

    #: An import ended: the file's path and the models' summary of what it did.
    finished = Signal(object, object)
    #: An import was refused or stopped: the file's path and one line a person can read.
    failed = Signal(object, str)
    #: Whether an import is running (so the window offers Import again, or not).
    running_changed = Signal(bool)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._thread: QThread | None = None
        self._worker: ImportWorker | None = None
        self._progress: ImportProgressDialog | None = None

    # --- public --------------------------------------------------------------------------------

    def is_running(self) -> bool:
        """Whether an import is running."""
        return self._thread is not None

    def wait(self) -> None:
        """Let a running import finish and forget it without a report (the window closes)."""
        self._end()

    def window(self) -> QWidget:
        """The window the imports are for."""
        return self._window

    # --- for subclasses ------------------------------------------------------------------------

    def _run(self, worker: ImportWorker, progress: ImportProgressDialog) -> ImportWorker | None:
        """Run `worker` on a thread of its own with `progress` over the window; None (and
        nothing started) while another import is still running."""
        if self._thread is not None:
            progress.deleteLater()
            return None
        self._progress, self._worker = progress, worker
        self._thread = QThread(self)
        self._thread.setObjectName("importThread")
        worker.moveToThread(self._thread)
        self._connect_signals(self._thread, worker, progress)
        self.running_changed.emit(True)
        self._thread.start()
        return worker

    # --- slots ---------------------------------------------------------------------------------

    @Slot(int, int)
    def _on_worker_progress(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.show_progress(done, total)

    @Slot(object)
    def _on_worker_finished(self, summary: object) -> None:
        path = self._end()
        if path is not None:  # None: the window already let this import go
            self.finished.emit(path, summary)

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        path = self._end()
        if path is not None:
            self.failed.emit(path, message)

    @Slot()
    def _on_progress_cancel_requested(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    # --- private -------------------------------------------------------------------------------

    def _connect_signals(self, thread: QThread, worker: ImportWorker,
                         progress: ImportProgressDialog) -> None:
        """Wire one import. `run` is queued to the worker's thread (the worker lives there);
        the worker's signals are emitted there and queued explicitly to this object, which
        lives on the GUI thread, so the dialogs and data_changed happen there."""
        thread.started.connect(worker.run)
        queued = Qt.ConnectionType.QueuedConnection
        worker.progress.connect(self._on_worker_progress, queued)
        worker.finished.connect(self._on_worker_finished, queued)
        worker.failed.connect(self._on_worker_failed, queued)
        progress.cancel_requested.connect(self._on_progress_cancel_requested)

    def _end(self) -> Path | None:
        """Let the import's thread end and close its progress dialog; the file's path, or None
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
