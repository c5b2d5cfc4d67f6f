"""A message-log import checkpoints SQLite's WAL in the background between its transactions
(issue 12), on a connection of its own that ends with the import; the WAL is checkpointed at
the end as before."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from models import message_log, wal_checkpoints
from models.db import database, is_postgres
from models.schema import InboundMessage

from .test_message_import_batches import write_log


def _backfilled(path: Path, before: int) -> bool:
    """Whether the database file has grown past `before` bytes: pages were copied into it."""
    return path.stat().st_size > before


def test_issue12_a_requested_checkpoint_copies_committed_pages_into_the_file(tmp_path):
    path = tmp_path / "wal.db"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode = wal")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("CREATE TABLE t (x TEXT)")
    writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.stat().st_size
    writer.execute("BEGIN")
    writer.executemany("INSERT INTO t VALUES (?)", [("x" * 200,) for _ in range(2000)])
    writer.execute("COMMIT")
    assert path.stat().st_size == before  # committed, in the WAL only
    checkpoints = wal_checkpoints.BackgroundCheckpoints(str(path))
    try:
        checkpoints.request()
        deadline = time.monotonic() + 10
        while not _backfilled(path, before) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert _backfilled(path, before)
        # The writer goes on meanwhile: a PASSIVE checkpoint holds no lock a writer needs.
        writer.execute("INSERT INTO t VALUES ('after')")
    finally:
        checkpoints.close()
    assert not any(t.name == "wal-checkpoints" for t in threading.enumerate())
    assert writer.execute("SELECT count(*) FROM t").fetchone()[0] == 2001
    writer.close()


def test_issue12_a_checkpoint_that_cannot_run_is_left_for_the_next(tmp_path):
    checkpoints = wal_checkpoints.BackgroundCheckpoints(str(tmp_path / "missing" / "studio.db"))
    checkpoints.request()
    checkpoints.close()  # no connection could be made: nothing raised, the thread ended
    assert not any(t.name == "wal-checkpoints" for t in threading.enumerate())


def test_issue12_an_import_asks_for_a_checkpoint_in_each_pause_and_ends_its_thread(add_client, tmp_path,
                                                                                   monkeypatch):
    if is_postgres():
        pytest.skip("SQLite's WAL")
    monkeypatch.setattr(message_log, "IMPORT_CHUNK", 60)
    monkeypatch.setattr(message_log, "FIRST_CHUNK", 60)
    monkeypatch.setattr(message_log, "LOCK_SLICE", 0.0)  # every transaction takes the fewest texts
    requested: list[int] = []
    real_request = wal_checkpoints.BackgroundCheckpoints.request
    monkeypatch.setattr(wal_checkpoints.BackgroundCheckpoints, "request",
                        lambda self: (requested.append(InboundMessage.select().count()), real_request(self)))
    numbers = [f"+1212555{1000 + i:04d}" for i in range(40)]
    add_client(mobile=numbers[0])
    summary = message_log.import_messages(write_log(tmp_path / "log.csv", 300, numbers))
    assert summary.inbound > 200 and not summary.bad_rows
    # One request a pause, between transactions: the texts on file grow from one to the next.
    assert len(requested) >= summary.inbound // 60 and requested == sorted(requested)
    assert not any(t.name == "wal-checkpoints" for t in threading.enumerate())
    # The import's own checkpoint at its end leaves nothing in the WAL to copy.
    busy, frames, copied = database.execute_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert (busy, frames) == (0, copied)


def test_issue12_an_import_of_one_transaction_starts_no_thread(tmp_path, monkeypatch):
    started: list[str] = []
    real_start = threading.Thread.start
    monkeypatch.setattr(threading.Thread, "start", lambda self: (started.append(self.name), real_start(self)))
    checkpoints = wal_checkpoints.BackgroundCheckpoints(str(tmp_path / "studio.db"))
    checkpoints.close()
    assert started == []
