"""The message-log import worker: it imports on its own thread, reports progress and its
outcome through queued signals, and closes that thread's database connection."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, QThread, Slot
from pytestqt.qtbot import QtBot

from models import message_log
from models.consent import lock_for
from models.errors import StorageError
from models.message_log import MessageImportSummary, import_messages
from models.schema import InboundMessage
from ui.messages import import_worker
from ui.messages.import_worker import INTERNAL_ERROR, MessageImportWorker

_HEADER = "From,To,Body,Status,SentDate,Direction,Sid\n"


class _Listener(QObject):
    """Hears a worker's signals on the GUI thread, as the main window does."""

    def __init__(self) -> None:
        super().__init__()
        self.progress: list[tuple[int, int]] = []
        self.outcomes: list[Any] = []
        self.off_gui_thread = False

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        self._note_thread()
        self.progress.append((done, total))

    @Slot(object)
    def on_finished(self, summary: object) -> None:
        self._note_thread()
        self.outcomes.append(summary)

    @Slot(str)
    def on_failed(self, message: str) -> None:
        self._note_thread()
        self.outcomes.append(message)

    def _note_thread(self) -> None:
        self.off_gui_thread |= threading.current_thread() is not threading.main_thread()


def _run(qtbot: QtBot, path: Path) -> _Listener:
    """Run a worker for `path` on a QThread of its own, until it reports."""
    thread = QThread()
    worker = MessageImportWorker(path)
    worker.moveToThread(thread)
    listener = _Listener()
    queued = Qt.ConnectionType.QueuedConnection
    worker.progress.connect(listener.on_progress, queued)
    worker.finished.connect(listener.on_finished, queued)
    worker.failed.connect(listener.on_failed, queued)
    thread.started.connect(worker.run)
    thread.start()
    try:
        qtbot.waitUntil(lambda: bool(listener.outcomes), timeout=10000)
    finally:
        thread.quit()
        assert thread.wait(10000)
    assert not listener.off_gui_thread
    return listener


@pytest.fixture
def import_threads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each import the worker runs: whether it ran on the main (GUI) thread."""
    threads: list[bool] = []

    def spy(path: Path, **kwargs: Any) -> MessageImportSummary:
        threads.append(threading.current_thread() is threading.main_thread())
        return import_messages(path, **kwargs)

    monkeypatch.setattr(import_worker, "import_messages", spy)
    return threads


def test_imports_on_its_own_thread_with_progress_per_chunk_and_closes_its_connection(
        qtbot: QtBot, add_client, tmp_path: Path, db_connections, import_threads,
        monkeypatch: pytest.MonkeyPatch) -> None:
    add_client()  # +15555550123
    monkeypatch.setattr(message_log, "IMPORT_CHUNK", 2)
    log = tmp_path / "messages.csv"
    log.write_text(_HEADER + "".join(
        f"+1555555{1000 + n},+15550000000,hi,received,2026-11-26 09:{n:02}:00 +0000,inbound,SM{n}\n"
        for n in range(4)) + "+15555550123,+15550000000,STOP,received,"
        "2026-11-26 10:00:00 +0000,inbound,SM-stop\n"
        "+15550000000,+15555550123,Hi Dana,sent,2026-11-26 08:00:00 +0000,outbound-api,SM-out\n",
        encoding="utf-8")

    listener = _run(qtbot, log)

    assert import_threads == [False]
    assert listener.progress == [(0, 5), (2, 5), (4, 5), (5, 5)]
    (summary,) = listener.outcomes
    assert isinstance(summary, MessageImportSummary)
    assert (summary.inbound, summary.outbound_skipped, summary.actions["opt_out"]) == (5, 1, 1)
    assert lock_for("+15555550123") is not None  # R6
    (connection,) = db_connections.values()  # the worker's: the GUI thread's stays as it was
    assert not connection.on_main_thread and connection.closed


def test_a_refused_log_fails_with_its_one_line_reason(
        qtbot: QtBot, db, tmp_path: Path, db_connections) -> None:
    log = tmp_path / "clients.csv"
    log.write_text("Name,Phone\nDana,+15555550123\n", encoding="utf-8")
    listener = _run(qtbot, log)
    columns = "From, To, Body, Status, SentDate, Direction, Sid"
    assert listener.outcomes == [f"{log}: missing columns {columns}"]
    assert listener.progress == []
    assert InboundMessage.select().count() == 0
    assert all(c.closed for c in db_connections.values())


def test_storage_trouble_fails_calmly(qtbot: QtBot, db, tmp_path: Path, db_connections,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def unavailable(path: Path, **kwargs: Any) -> MessageImportSummary:
        raise StorageError("database unavailable: disk I/O error")

    monkeypatch.setattr(import_worker, "import_messages", unavailable)
    listener = _run(qtbot, tmp_path / "messages.csv")
    assert listener.outcomes == ["database unavailable: disk I/O error"]


def test_a_bug_fails_with_one_line_and_logs_its_traceback(
        qtbot: QtBot, db, tmp_path: Path, db_connections, caplog: pytest.LogCaptureFixture,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path, **kwargs: Any) -> MessageImportSummary:
        message_log.load_studio()  # opens this thread's connection before it breaks
        raise KeyError("Direction")

    monkeypatch.setattr(import_worker, "import_messages", broken)
    with caplog.at_level(logging.ERROR, logger="ui.messages.import_worker"):
        listener = _run(qtbot, tmp_path / "messages.csv")
    assert listener.outcomes == [INTERNAL_ERROR]
    assert "\n" not in INTERNAL_ERROR
    (record,) = caplog.records
    assert record.exc_info is not None and record.exc_info[0] is KeyError
    (connection,) = db_connections.values()
    assert not connection.on_main_thread and connection.closed
