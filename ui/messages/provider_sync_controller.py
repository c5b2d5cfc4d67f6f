"""The window's provider sync (R24): every SYNC_INTERVAL_MS a sync on a worker thread (never
the GUI thread; one at a time here, and across workstations by the database's lease), the
status bar's "Synced 1 min ago" or why it failed, and the warning when no texts have come in
for more than one business day.

What a sync changed goes out on the app-wide `data_changed`, so an open profile whose client
texted STOP greys SMS All by itself.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject, Qt, QThread, QTimer, Slot
from PySide6.QtWidgets import QLabel, QMainWindow

from models.changes import Touched
from models.sync_state import SyncStatus
from ui.app_events import app_events
from ui.manage.provider_dialog import ProviderDialog
from ui.messages.sync_worker import INTERNAL_ERROR, ProviderSyncWorker, SyncOutcome
from ui.words import one_line

#: How often a window syncs (R24: every minute). Tests make it shorter.
SYNC_INTERVAL_MS = 60_000
#: The most of a failure's reason the status bar shows; the tooltip has all of it.
_SHOWN = 60


class SyncWords(QObject):
    """The status bar's words about the sync, in the window's language (issue 14)."""

    def synced(self, status: SyncStatus | None, now: datetime, can_sync: bool = True) -> str:
        """"Synced just now", "Synced 5 min ago", "Sync failed: …"; "" with no provider."""
        if status is None or not status.connected:
            return ""
        if status.failing and status.last_failure:
            return self.failed(status.last_failure)
        if status.last_success_at is None:
            return (self.tr("Not synced yet") if can_sync else
                    self.tr("Not synced yet (this computer has no provider secret)"))
        return self.tr("Synced {ago}").format(ago=self.ago(status.last_success_at, now))

    def failed(self, reason: object, *, short: bool = True) -> str:
        """"Sync failed: Cannot reach Twilio" (`short`: its first clause only)."""
        said = problem_text(reason)
        return self.tr("Sync failed: {reason}").format(
            reason=short_reason(said) if short else said)

    def ago(self, moment: datetime, now: datetime) -> str:
        """"just now", "1 min ago", "3 h ago", "on 26 Nov"."""
        minutes = int((now - moment).total_seconds() // 60)
        if minutes < 1:
            return self.tr("just now")
        if minutes < 60:
            return self.tr("{minutes} min ago").format(minutes=minutes)
        if minutes < 48 * 60:
            return self.tr("{hours} h ago").format(hours=minutes // 60)
        return self.tr("on {date}").format(date=QLocale().toString(
            _local(moment), self.tr("dd MMM", "the date of the last sync")))

    def stale(self, status: SyncStatus) -> str:
        """R24's warning, short enough for the status bar: since when no texts have come in."""
        when = (QLocale().toString(_local(status.fresh_at),
                                   self.tr("dd MMM HH:mm", "since when no texts came"))
                if status.fresh_at is not None else self.tr("connecting"))
        return self.tr("No texts since {when} — STOPs may wait").format(when=when)

    def stale_tip(self, status: SyncStatus) -> str:
        """The warning's tooltip: why it matters and what to do."""
        fix = (self.tr("check the sync's status beside it") if status.connected else
               self.tr("connect the texting provider (Manage ▸ Texting provider) or import "
                       "its message log"))
        return self.tr("Neither a sync nor an import has brought texts for more than one "
                       "business day: a client's STOP may be waiting at the provider. To fix "
                       "it, {fix}.").format(fix=fix)


def _local(moment: datetime) -> QDateTime:
    """A moment in this computer's time zone, for QLocale."""
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def problem_text(reason: object) -> str:
    """Why a sync failed, in one line in the window's language."""
    if reason == INTERNAL_ERROR:
        return QCoreApplication.translate("ProviderSyncWorker", INTERNAL_ERROR)
    return one_line(reason)


def synced_text(status: SyncStatus | None, now: datetime, can_sync: bool = True) -> str:
    """"Synced just now", "Synced 5 min ago", "Sync failed: …"; "" with no provider."""
    return SyncWords().synced(status, now, can_sync)


def short_reason(reason: str) -> str:
    """A failure's reason for the status bar: its first clause, no details in brackets."""
    first = re.sub(r" \([^)]*\)", "", reason.split(";")[0]).strip()
    return first[:1].upper() + first[1:]


class ProviderSyncController(QObject):
    """Syncs for a window while it is open; shows how it goes in the window's status bar."""

    def __init__(self, window: QMainWindow, interval_ms: int | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._thread: QThread | None = None
        self._worker: ProviderSyncWorker | None = None
        self._last: SyncOutcome | None = None
        self._dialog: ProviderDialog | None = None
        self._words = SyncWords(self)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms if interval_ms is not None else SYNC_INTERVAL_MS)
        self._setup_ui()
        self._timer.timeout.connect(self.sync_now)

    def _setup_ui(self) -> None:
        self._stale = QLabel(self._window)
        self._stale.setObjectName("syncStaleWarning")
        self._stale.setProperty("role", "notice")
        self._stale.setProperty("state", "warning")
        self._stale.setWordWrap(False)
        self._stale.hide()
        self._status = QLabel(self._window)
        self._status.setObjectName("syncStatus")
        self._status.hide()
        bar = self._window.statusBar()
        bar.addPermanentWidget(self._stale)
        bar.addPermanentWidget(self._status)

    # --- public --------------------------------------------------------------------------------

    def start(self) -> None:
        """Sync now, then every interval, until `stop`."""
        self._timer.start()
        self.sync_now()

    def stop(self) -> None:
        """No more syncs; wait for a running one (its thread must not be destroyed running)."""
        self._timer.stop()
        self._end()

    def is_running(self) -> bool:
        """Whether a sync is running in this window."""
        return self._thread is not None

    @Slot()
    def sync_now(self) -> None:
        """Start a sync on a worker thread, unless one is running."""
        if self._thread is not None:
            return
        self._worker = ProviderSyncWorker()
        self._thread = QThread(self)
        self._thread.setObjectName("providerSyncThread")
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.finished.connect(self._on_worker_finished, Qt.ConnectionType.QueuedConnection)
        self._thread.start()

    @Slot()
    def open_provider_dialog(self) -> ProviderDialog:
        """Manage ▸ Texting provider: the connect dialog (one, raised if open); a connection
        made or dropped there is synced, or shown, at once."""
        if self._dialog is None:
            self._dialog = ProviderDialog(self._window)
            self._dialog.connection_changed.connect(self.sync_now)
        if self._dialog.isVisible():
            self._dialog.raise_()
        else:
            self._dialog.show()
        self._dialog.activateWindow()
        return self._dialog

    def status_text(self) -> str:
        """What the status bar says about the sync (empty when nothing)."""
        return self._status.text()

    def stale_warning(self) -> str:
        """R24's warning as shown; empty when hidden."""
        return self._stale.text() if not self._stale.isHidden() else ""

    # --- slots ---------------------------------------------------------------------------------

    @Slot(object)
    def _on_worker_finished(self, outcome: SyncOutcome) -> None:
        self._end()
        self._last = outcome
        if outcome.change is not None and outcome.change.touched != Touched.NONE:
            app_events().data_changed.emit(outcome.change.asked_by(self))
            fetched = len(outcome.change.client_ids)
            if outcome.change.touches(Touched.STOP_LOCKS | Touched.REVIEW):
                app_events().status_message.emit(self.tr(
                    "Synced texts from the provider: %Ln client(s) affected", "", fetched))
        self._show(outcome)

    # --- private -------------------------------------------------------------------------------

    def _show(self, outcome: SyncOutcome) -> None:
        now = datetime.now(timezone.utc)
        status = outcome.status
        text = self._words.synced(status, now, outcome.can_sync)
        reason = outcome.problem or (status.last_failure if status is not None else None) or ""
        failing = bool(status is not None and status.connected and status.failing
                       and status.last_failure)
        if outcome.problem and outcome.can_sync and not failing:
            text, failing = self._words.failed(outcome.problem), True
        self._status.setToolTip(self._words.failed(reason, short=False) if failing else text)
        self._status.setText(text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…")
        self._status.setVisible(bool(text))
        self._status.setProperty("state", "warning" if failing else "")
        stale = status is not None and status.stale
        self._stale.setText(self._words.stale(status) if stale and status is not None else "")
        self._stale.setToolTip(self._words.stale_tip(status) if stale and status is not None
                               else "")
        self._stale.setVisible(stale)

    def _end(self) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        if worker is not None:
            worker.deleteLater()
