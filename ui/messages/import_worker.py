"""An import off the GUI thread: the worker that runs it and says how it went.

An `ImportWorker` (`MessageImportWorker` here, `ui.clients.client_import_worker` for client
files) is moved to its own QThread and runs its import (`models.message_log.import_messages`)
there. peewee keeps each thread's connection apart (the database is `thread_safe`, its state a
`threading.local`), so the import opens a connection of its own on first use; the worker
closes it before it reports, so no import leaves a connection behind.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal, Slot

from models.db import close_database
from models.errors import OptInDeskError
from models.message_log import MessageImportSummary, import_messages
from ui.words import one_line

_log = logging.getLogger(__name__)

#: What the screen says when the import stopped on a bug (in English; the signal carries it in
#: the window's language); the traceback goes to the log.
INTERNAL_ERROR = QT_TRANSLATE_NOOP(
    "ImportWorker", "The import stopped on an internal error (details are in the log); texts "
    "already imported are kept, and importing the file again skips them.")


class ImportWorker(QObject):
    """Imports one file in the thread it was moved to; reports through its signals.

    Every signal is emitted in the worker's thread: connect them to slots of objects that
    live in the GUI thread, so Qt queues each call to the GUI thread's event loop. Subclasses
    say what to import in `_import`.
    """

    #: (done, total) texts or rows: once the file is read, then after each committed chunk.
    progress = Signal(int, int)
    #: The import ended; the summary of what it did (models' *Summary).
    finished = Signal(object)
    #: The import was refused or stopped; one line a person can read, in the window's language
    #: (QCoreApplication.translate may be called from any thread).
    failed = Signal(str)

    def __init__(self, path: Path) -> None:
        super().__init__()  # no parent: a QObject with a parent cannot move to another thread
        self._path = path
        self._cancel = threading.Event()

    def path(self) -> Path:
        """The file this worker imports."""
        return self._path

    def cancel(self) -> None:
        """Ask the import to stop after the chunk it is writing (any thread may ask)."""
        self._cancel.set()

    def cancelled(self) -> bool:
        """Whether the import was asked to stop."""
        return self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        """Import the log (in the worker's thread); emit `finished` or `failed`."""
        try:
            summary = self._import()
        except OptInDeskError as error:
            self.failed.emit(one_line(error))
        # The thread's boundary: an exception escaping here would only be printed, and the
        # window would wait for an end that never comes. It is a bug, so keep its traceback.
        except Exception:
            _log.exception("Importing %s failed", self._path)
            self.failed.emit(QCoreApplication.translate("ImportWorker", INTERNAL_ERROR))
        else:
            self.finished.emit(summary)

    def _import(self) -> Any:
        try:
            return self._work()
        finally:
            # This thread's connection (peewee's is per thread): closed before the outcome is
            # reported, so whoever hears it knows no connection is left open.
            close_database()

    def _work(self) -> Any:
        """The import itself, on this worker's thread; each kind of import says which."""
        raise NotImplementedError(f"{type(self).__name__} names no import")


class MessageImportWorker(ImportWorker):
    """Imports one message log (read by its known layout, or by `mapping`)."""

    def __init__(self, path: Path, mapping: Mapping[str, str] | None = None) -> None:
        super().__init__(path)
        self._mapping = dict(mapping) if mapping is not None else None

    def _work(self) -> MessageImportSummary:
        if self._mapping is None:  # the call tests stand in for takes no mapping
            return import_messages(self._path, progress=self.progress.emit)
        return import_messages(self._path, progress=self.progress.emit, mapping=self._mapping)
