"""One provider sync off the GUI thread (R24): the worker that runs it and says how it went.

Like the message-log import's worker, it is moved to a QThread of its own; peewee gives that
thread its own connection, which the worker closes before it reports.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal, Slot

from models.changes import Change
from models.db import close_database
from models.errors import OptInDeskError, StorageError
from models.provider import ProviderNotConnected
from models.provider_sync import SyncStopped, sync_messages
from models.sync_state import SyncBusy, SyncStatus, sync_status
from models.wording import message_of

_log = logging.getLogger(__name__)

#: In English; the status bar says it in the window's language (provider_sync_controller).
INTERNAL_ERROR = QT_TRANSLATE_NOOP("ProviderSyncWorker",
                                   "the sync stopped on an internal error (details are in the log)")


@dataclass(frozen=True)
class SyncOutcome:
    """How one sync went: what it changed (None: nothing), why it failed (None: it did not;
    a `Phrase` when the model layer said it, INTERNAL_ERROR on a bug), whether this
    workstation can sync at all, and the shared state read after it."""

    change: Change | None
    problem: str | None
    can_sync: bool
    status: SyncStatus | None


class ProviderSyncWorker(QObject):
    """Runs one sync in the thread it was moved to; `finished` carries a SyncOutcome."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()  # no parent: a QObject with a parent cannot move to another thread

    @Slot()
    def run(self) -> None:
        """Sync (in the worker's thread), read the shared state, emit `finished`."""
        try:
            outcome = self._sync()
        finally:
            close_database()
        self.finished.emit(outcome)

    def _sync(self) -> SyncOutcome:
        change, problem, can_sync = None, None, True
        try:
            change = sync_messages().messages.change()
        except ProviderNotConnected:
            can_sync = False  # another workstation may sync; the shared state says how it goes
        except SyncBusy:
            pass  # another workstation syncs right now; its result is read below
        except SyncStopped as error:
            problem = message_of(error)
            if error.applied is not None:
                change = error.applied.change()
            elif error.applied_sids:  # some chunks were committed before the database failed
                change = Change.everything()
        except OptInDeskError as error:
            problem = message_of(error)
        # The thread's boundary: an exception escaping here would only be printed. A bug.
        except Exception:
            _log.exception("The provider sync failed")
            problem = INTERNAL_ERROR
        try:
            status = sync_status()
        except StorageError as error:
            return SyncOutcome(change, problem or message_of(error), can_sync, None)
        return SyncOutcome(change, problem, can_sync, status)
