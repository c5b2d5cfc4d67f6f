"""Live refresh (R16): notice what other workstations and processes changed, and say so.

Once a second the watcher reads two marks — the newest consent event id and the newest
inbound text id, one indexed read each. When they moved past what this window did itself, it
asks which clients the new events touched and emits one app-wide `data_changed` with a
`Change` that the watcher asked for, so an open profile and the list redraw within two seconds.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Slot

from models.changes import Change, Touched
from models.errors import StorageError
from models.record_marks import Marks, changes_since, latest_marks
from ui.app_events import app_events

#: The status bar's line while the database cannot be read, in English: `unavailable_message()`
#: says it in the window's language (the main window translates this English one too).
UNAVAILABLE_MESSAGE = QT_TRANSLATE_NOOP("ChangeWatcher", "Database unavailable — retrying")
#: What events of a client may have changed, when only the client is known.
_ANY_CLIENT_DATA = Touched.CLIENTS | Touched.SWITCHES | Touched.STOP_LOCKS | Touched.CLIENT_AI
RESTORED_MESSAGE = QT_TRANSLATE_NOOP("ChangeWatcher", "Database available again")


def unavailable_message() -> str:
    """"Database unavailable — retrying", in the window's language."""
    return QCoreApplication.translate("ChangeWatcher", UNAVAILABLE_MESSAGE)


class ChangeWatcher(QObject):
    """Polls the record's marks and emits changes made elsewhere."""

    INTERVAL_MS = 1000

    def __init__(self, parent: QObject | None = None, *, interval_ms: int | None = None) -> None:
        super().__init__(parent)
        self._marks: Marks | None = None
        #: Events this window's own operations wrote (their data_changed already went out).
        self._own_events: set[int] = set()
        self._unavailable = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms or self.INTERVAL_MS)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._timer.timeout.connect(self._on_timer_timeout)
        app_events().data_changed.connect(self._on_data_changed)

    # --- public --------------------------------------------------------------------------------

    def start(self) -> None:
        """Take the current marks as the starting point and poll from now on."""
        self._marks = self._read_marks()
        self._timer.start()

    def stop(self) -> None:
        """Stop polling."""
        self._timer.stop()

    def is_active(self) -> bool:
        """Whether it is polling."""
        return self._timer.isActive()

    def database_unavailable(self) -> bool:
        """Whether the last poll failed to reach the database."""
        return self._unavailable

    def check_now(self) -> Change | None:
        """Poll once; return (and emit) the change found elsewhere, if any."""
        marks = self._read_marks()
        if marks is None:
            return None
        if self._marks is None:
            self._marks = marks
            return None
        old = self._marks
        if marks == old:
            return None
        if marks.message_id == old.message_id and self._only_own_events(old, marks):
            self._marks = marks
            return None
        try:
            found = changes_since(old, marks)
        except StorageError:
            self._report_unavailable()
            return None
        self._marks = marks
        self._own_events = {event for event in self._own_events if event > marks.event_id}
        if found.everything:
            change = Change.everything(self)
        else:
            touched = Touched.NONE
            if found.client_ids:  # which of a client's data the events changed is not listed
                touched |= _ANY_CLIENT_DATA
            if found.studio:
                touched |= Touched.STUDIO
            if found.review:
                touched |= Touched.REVIEW
            if marks.message_id != old.message_id:
                touched |= Touched.MESSAGES
            if not touched:
                return None
            change = Change(touched, client_ids=found.client_ids, initiator=self)
        app_events().data_changed.emit(change)
        return change

    # --- slots ---------------------------------------------------------------------------------

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.check_now()

    @Slot(object)
    def _on_data_changed(self, change: Change) -> None:
        if change.initiator is not self:
            self._own_events.update(change.event_ids)

    # --- private -------------------------------------------------------------------------------

    def _read_marks(self) -> Marks | None:
        try:
            marks = latest_marks()
        except StorageError:
            self._report_unavailable()
            return None
        if self._unavailable:
            self._unavailable = False
            app_events().status_message.emit(self.tr(RESTORED_MESSAGE))
        return marks

    def _report_unavailable(self) -> None:
        # Said every time: the status bar's message fades, the trouble may not.
        self._unavailable = True
        app_events().status_message.emit(unavailable_message())

    def _only_own_events(self, old: Marks, new: Marks) -> bool:
        return all(event in self._own_events for event in range(old.event_id + 1, new.event_id + 1))
