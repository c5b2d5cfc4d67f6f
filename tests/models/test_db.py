"""Two kinds of failure (STYLE 4), sorted in one place, the database class: storage trouble
becomes StorageError, and a connection that may be broken is closed so that the next call
connects afresh; a failing statement that is a bug keeps its own error and traceback.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Iterator

import peewee
import pytest

from models.db import database, executemany, set_busy_timeout, sqlite_path
from models.errors import StorageError
from models.record_marks import latest_marks
from models.schema import Client


class FlakyConnection:
    """A driver connection that can be made to fail as one whose file or server has gone."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.trouble: Exception | None = None
        self.closed = False

    def cursor(self, *args: Any, **kwargs: Any) -> Any:
        if self.trouble is not None:
            raise self.trouble
        return self.real.cursor(*args, **kwargs)

    def close(self) -> None:
        self.closed = True
        self.real.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


@pytest.fixture
def connections(db, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[FlakyConnection]]:
    """Every connection opened from now on, in order; the test's first call opens one."""
    opened: list[FlakyConnection] = []
    connect = db._connect

    def flaky_connect(*args: Any, **kwargs: Any) -> FlakyConnection:
        opened.append(FlakyConnection(connect(*args, **kwargs)))
        return opened[-1]

    db.close()
    monkeypatch.setattr(db, "_connect", flaky_connect)
    yield opened
    for connection in opened:
        connection.trouble = None


# peewee maps a driver's errors to its own by their class name, so sqlite3's stand for
# PostgreSQL's driver too; the words are SQLite's, which count as storage trouble on both.
TROUBLE = [
    pytest.param(sqlite3.InterfaceError("connection already closed"), "connection was lost",
                 id="connection-lost"),
    pytest.param(sqlite3.OperationalError("disk I/O error"), "unavailable", id="disk-io"),
    pytest.param(sqlite3.OperationalError("database or disk is full"),
                 "is full .*; free some disk space and try again", id="disk-full"),
    pytest.param(sqlite3.OperationalError("attempt to write a readonly database"),
                 "is read-only .*, and try again", id="read-only"),
    pytest.param(sqlite3.DatabaseError("database disk image is malformed"),
                 "is damaged .*; restore it from a backup", id="malformed"),
]


@pytest.mark.parametrize("trouble, words", TROUBLE)
def test_storage_trouble_is_storage_error_and_the_next_call_reconnects(
        connections: list[FlakyConnection], trouble: Exception, words: str) -> None:
    marks = latest_marks()
    connections[0].trouble = trouble
    with pytest.raises(StorageError, match=words) as caught:
        latest_marks()
    assert isinstance(caught.value.__cause__, peewee.PeeweeException)
    assert connections[0].closed and database.is_closed()
    assert latest_marks() == marks  # the window's retry: a fresh connection
    assert len(connections) == 2 and not connections[1].closed


def test_a_connection_lost_in_a_transaction_is_closed_after_it(
        connections: list[FlakyConnection], add_client) -> None:
    client = add_client()
    with pytest.raises(StorageError, match="connection was lost"):
        with database.atomic():
            Client.update(first_name="Dee").where(Client.id == client).execute()
            connections[0].trouble = sqlite3.InterfaceError("connection already closed")
            Client.update(last_name="Ray").where(Client.id == client).execute()
    assert connections[0].closed and database.is_closed()
    assert Client.get_by_id(client).first_name == "Dana"  # nothing of it was kept


def test_executemany_is_translated_like_every_statement(connections: list[FlakyConnection]) -> None:
    latest_marks()
    connections[0].trouble = sqlite3.OperationalError("disk I/O error")
    with pytest.raises(StorageError, match="unavailable"):
        executemany(f"UPDATE client SET first_name = {database.param} WHERE id = {database.param}",
                    [("Dee", 1)])
    assert database.is_closed()


def test_a_failing_statement_is_a_bug_and_keeps_its_error(db) -> None:
    param = database.param
    with pytest.raises((peewee.OperationalError, peewee.ProgrammingError)):
        database.execute_sql("SELECT no_such_column FROM client")
    with pytest.raises((peewee.OperationalError, peewee.ProgrammingError)):
        database.execute_sql("SELEC 1")
    with pytest.raises((peewee.OperationalError, peewee.ProgrammingError)):
        executemany(f"INSERT INTO no_such_table VALUES ({param})", [(1,)])
    database.execute_sql("CREATE TEMPORARY TABLE pair (id INTEGER PRIMARY KEY)")
    with pytest.raises(peewee.IntegrityError):
        with database.atomic():
            database.execute_sql(f"INSERT INTO pair (id) VALUES ({param})", (1,))
            database.execute_sql(f"INSERT INTO pair (id) VALUES ({param})", (1,))
    assert not database.is_closed()  # a bug is no reason to drop the connection
    assert latest_marks().event_id >= 0


def test_a_busy_database_is_storage_error_and_keeps_the_connection(
        db, add_client, database_url: str) -> None:
    path = sqlite_path(database_url)
    if path is None:
        pytest.skip("holds SQLite's file lock from a second connection")
    client = add_client()
    set_busy_timeout(100)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a long write elsewhere
    try:
        with pytest.raises(StorageError, match="busy"):
            with database.atomic():
                Client.update(first_name="Dee").where(Client.id == client).execute()
        assert not database.is_closed()  # the connection is fine: another writer has the lock
    finally:
        other.execute("ROLLBACK")
        other.close()
    with database.atomic():
        Client.update(first_name="Dee").where(Client.id == client).execute()
    assert Client.get_by_id(client).first_name == "Dee"
