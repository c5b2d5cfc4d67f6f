"""A database that cannot be used (DESIGN §4, §7): damaged, not Opt-In Desk's, made by a newer
version, its disk full, read-only. Each is one StorageError that says which and what to do, a
newer or foreign database is refused before anything is written to it, and an import stopped
part-way by a full disk says exactly which rows were applied.

These are SQLite files made in the test's folder, whatever backend the suite runs on: the
failures are a file's. A full disk is SQLite's `PRAGMA max_page_count` on the connection (the
same SQLITE_FULL error as a disk with no room left); read-only is `PRAGMA query_only`, which
gives SQLITE_READONLY as a read-only file does and, unlike chmod, holds when tests run as
root (CI does). A chmod test runs too where the user is not root.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Iterator

import pytest

from models import message_log
from models.db import close_database, database, open_database
from models.errors import (
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseTooNew,
    DiskFull,
    ImportStopped,
    NotOptInDeskDatabase,
)
from models.inbound import process_inbound
from models.migrations import latest_version
from models.schema import ConsentEvent, InboundMessage
from models.staff import create_staff


def _studio(path: Path) -> Path:
    """A migrated studio database at `path`, closed."""
    open_database("sqlite:///" + str(path))
    create_staff(None, "Olive Owner", "owner", "2468")
    close_database()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[Path]:
    path = _studio(tmp_path / "studio.db")
    yield path
    close_database()


def _fill_to(pages_more: int) -> None:
    """Make the open database 'full' `pages_more` pages from now (SQLITE_FULL, as a full disk)."""
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages + pages_more}")


def _message_log(path: Path, count: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(message_log.MESSAGE_LOG_COLUMNS)
        for i in range(count):  # in time order, one text a second
            writer.writerow([f"+1555555{i:04d}", "+15555550000", "see you at ten " * 12, "received",
                             f"2026-01-05T10:{i // 60:02d}:{i % 60:02d}Z", "inbound", f"SM{i:032d}"])
    return path


# --- damaged -------------------------------------------------------------------------------------

def test_a_truncated_database_is_damaged_restore_it_from_a_backup(studio: Path) -> None:
    os.truncate(studio, 5000)
    with pytest.raises(DatabaseDamaged) as caught:
        open_database("sqlite:///" + str(studio))
    message = str(caught.value)
    assert message.startswith(f"{studio} is damaged (")
    assert message.endswith("; restore it from a backup") and "\n" not in message


def test_a_database_garbled_inside_is_damaged_when_it_is_read(studio: Path) -> None:
    size = studio.stat().st_size
    with studio.open("r+b") as handle:  # every page but the first: the tables' contents
        handle.seek(4096)
        handle.write(os.urandom(size - 4096))
    with pytest.raises(DatabaseDamaged, match="is damaged .*; restore it from a backup"):
        open_database("sqlite:///" + str(studio))
        ConsentEvent.select().count()


# --- not an Opt-In Desk database -----------------------------------------------------------------

def test_another_programs_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "photos.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE album (id INTEGER PRIMARY KEY, title TEXT)")
    other.commit()
    other.close()
    before = _digest(path)
    with pytest.raises(NotOptInDeskDatabase, match=r"is not an Opt-In Desk database .*; check"):
        open_database("sqlite:///" + str(path))
    assert _digest(path) == before  # not migrated into, not even switched to WAL
    other = sqlite3.connect(path)
    assert [row[0] for row in other.execute("SELECT name FROM sqlite_master")] == ["album"]
    other.close()


@pytest.mark.parametrize("tables", [
    pytest.param("CREATE TABLE schema_version (id TEXT, note TEXT)", id="other-schema_version"),
    pytest.param("CREATE TABLE schema_version (version INTEGER, applied_at TEXT);"
                 "INSERT INTO schema_version VALUES (1, 'x')", id="no-client-table"),
])
def test_a_schema_version_table_alone_does_not_make_an_opt_in_desk_database(
        tmp_path: Path, tables: str) -> None:
    path = tmp_path / "other.db"
    other = sqlite3.connect(path)
    other.executescript(tables)
    other.close()
    with pytest.raises(NotOptInDeskDatabase, match="is not an Opt-In Desk database"):
        open_database("sqlite:///" + str(path))


def test_a_file_that_is_not_sqlite_at_all_is_not_an_opt_in_desk_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n", encoding="utf-8")
    with pytest.raises(NotOptInDeskDatabase, match=r"\(not a SQLite file\); check"):
        open_database("sqlite:///" + str(path))
    assert path.read_text(encoding="utf-8") == "shopping list\n"


# --- made by a newer version ---------------------------------------------------------------------

def test_a_database_made_by_a_newer_version_is_refused_before_anything_is_written(
        studio: Path) -> None:
    other = sqlite3.connect(studio)
    other.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01')")
    other.commit()
    other.close()
    before = _digest(studio)
    with pytest.raises(DatabaseTooNew) as caught:
        open_database("sqlite:///" + str(studio))
    assert str(caught.value) == (f"{studio} was made by a newer Opt-In Desk (schema 99; this one "
                                 f"knows {latest_version()}); update Opt-In Desk")
    assert _digest(studio) == before
    wal = Path(f"{studio}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


# --- full disk -----------------------------------------------------------------------------------

def test_a_full_disk_is_said_plainly_and_the_change_is_not_made(studio: Path) -> None:
    open_database("sqlite:///" + str(studio))
    events = ConsentEvent.select().count()
    _fill_to(0)
    with pytest.raises(DiskFull) as caught:  # not "cannot rollback - no transaction is active"
        process_inbound("+15555550123", "STOP " + "x" * 20000, sid="SMfull")
    assert str(caught.value) == (f"the disk holding {studio} is full (database or disk is full); "
                                 "free some disk space and try again")
    assert InboundMessage.select().count() == 0 and ConsentEvent.select().count() == events


def test_an_import_stopped_by_a_full_disk_says_which_rows_were_applied(
        studio: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(message_log, "IMPORT_CHUNK", 50)
    log = _message_log(tmp_path / "log.csv", 400)
    open_database("sqlite:///" + str(studio))
    _fill_to(40)  # room for a chunk or two of 50 texts, not for 400
    with pytest.raises(ImportStopped) as caught:
        message_log.import_messages(log)
    stopped = caught.value
    applied = InboundMessage.select().count()
    assert applied % 50 == 0 and 0 < applied < 400  # whole chunks, and not all of them
    # Row 1 is the header: the texts are rows 2…401, applied in time order (the file's order).
    assert stopped.applied_rows == tuple(range(2, 2 + applied))
    assert isinstance(stopped.cause, DiskFull)
    assert str(stopped) == (
        f"the disk holding {studio} is full (database or disk is full); rows 2–{1 + applied} were "
        "applied; the rest were not — free some disk space and import the file again: rows "
        "already applied are skipped")
    assert stopped.as_json()["applied_rows"] == [[2, 1 + applied]]
    # The disk has room again: the same file imports the rest and skips the rows applied.
    close_database()
    open_database("sqlite:///" + str(studio))
    summary = message_log.import_messages(log)
    assert summary.actions["duplicate"] == applied
    assert InboundMessage.select().count() == 400


# --- read-only -----------------------------------------------------------------------------------

def test_a_read_only_database_is_said_plainly(studio: Path) -> None:
    open_database("sqlite:///" + str(studio))
    database.execute_sql("PRAGMA query_only = 1")  # SQLITE_READONLY, as a read-only file gives
    with pytest.raises(DatabaseReadOnly) as caught:
        process_inbound("+15555550123", "STOP", sid="SMro")
    assert str(caught.value).startswith(f"{studio} is read-only (")
    assert str(caught.value).endswith("; make the file and its folder writable, and try again")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root may write any file; the query_only test covers this for root")
def test_a_read_only_file_is_said_plainly(studio: Path) -> None:
    studio.chmod(0o400)  # closed, so its -wal and -shm are gone
    try:
        open_database("sqlite:///" + str(studio))
        with pytest.raises(DatabaseReadOnly, match="is read-only"):
            process_inbound("+15555550123", "STOP", sid="SMro")
    finally:
        close_database()
        studio.chmod(0o600)


def test_a_full_disk_inside_a_nested_change_is_still_said_as_a_full_disk(studio: Path) -> None:
    """SQLite rolls the whole transaction back by itself on SQLITE_FULL: the savepoint's and
    the transaction's own rollbacks must not replace the error with 'no such savepoint' or
    'cannot rollback - no transaction is active'."""
    open_database("sqlite:///" + str(studio))
    database.execute_sql("CREATE TABLE filler (blob TEXT)")
    _fill_to(2)
    with pytest.raises(DiskFull):
        with database.atomic():
            with database.atomic():
                for _ in range(20):
                    database.execute_sql("INSERT INTO filler VALUES (?)", ("x" * 4000,))
    assert database.execute_sql("SELECT COUNT(*) FROM filler").fetchone() == (0,)
    database.execute_sql("PRAGMA max_page_count = 1000000")
    with database.atomic():  # the connection is fine once there is room again
        database.execute_sql("INSERT INTO filler VALUES ('ok')")
