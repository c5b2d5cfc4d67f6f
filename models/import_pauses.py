"""What a long import does with SQLite's write-ahead log (issue 12, R16).

SQLite copies its log into the database file after a commit once the log is long enough, and
a commit that does so holds the write lock meanwhile: an import's batch took a third longer,
and a STOP waiting for the lock waited with it. While an import runs, the copy is left to the
pauses between its batches (`copy_log`: a passive checkpoint, which holds no lock a STOP needs),
and put back as it was at the end. PostgreSQL has no such log to tend: nothing is done there.
"""

from __future__ import annotations

from contextlib import contextmanager, suppress
from typing import Iterator

import peewee

from .db import database, is_postgres
from .errors import StorageError


@contextmanager
def checkpoints_in_pauses(cache_kib: int | None = None) -> Iterator[None]:
    """SQLite, for one import: no copy of the log by a commit, and with `cache_kib` (SQLite's
    negative KiB) a larger page cache; both as they were after, and the log copied once more."""
    if is_postgres():
        yield
        return
    pages = database.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0]
    cache = database.execute_sql("PRAGMA cache_size").fetchone()[0]
    database.execute_sql("PRAGMA wal_autocheckpoint = 0")
    if cache_kib is not None:
        database.execute_sql(f"PRAGMA cache_size = {int(cache_kib)}")
    try:
        yield
    finally:
        with suppress(StorageError, peewee.DatabaseError):  # an import stopped says so itself
            database.execute_sql(f"PRAGMA wal_autocheckpoint = {int(pages)}")
            database.execute_sql(f"PRAGMA cache_size = {int(cache)}")
            copy_log()


def copy_log() -> None:
    """Copy SQLite's log into the database file without taking the write lock (a pause
    between two batches)."""
    if not is_postgres():
        database.execute_sql("PRAGMA wal_checkpoint(PASSIVE)")
