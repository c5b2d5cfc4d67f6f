"""The database: where it lives, how it is opened, and its migrations.

One `DatabaseProxy` serves every model; `open_database()` binds it to SQLite (a file path) or
PostgreSQL (a URL), sets SQLite's pragmas and applies the numbered migrations on open.
"""

from __future__ import annotations

import errno
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence
from urllib.parse import quote, unquote, urlparse

import peewee

from .errors import (
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseTooOld,
    DiskFull,
    InvalidInput,
    NotOptInDeskDatabase,
    StorageError,
)
from .locations import sqlite_path
from .private_files import create_private_file, keep_private, make_private_folders
from .wording import say

database = peewee.DatabaseProxy()

#: SQLite: write-ahead log, foreign keys, synchronous=FULL so a committed change survives a
#: power cut, and a busy timeout so a second workstation or process waits instead of failing.
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,
    "busy_timeout": 15000,
    "cache_size": -32000,
    "temp_store": 2,
}


#: What SQLite says when the trouble is the file, not the statement: the screen shows these
#: calmly and the user may try again; anything else is a bug and keeps its traceback.
_SQLITE_STORAGE_TROUBLE = (
    "database is locked", "database table is locked", "disk i/o error", "unable to open",
    "database or disk is full", "readonly database", "disk image is malformed",
    "file is not a database",
)


#: PostgreSQL's SQLSTATEs for a full disk and a read-only server or transaction.
_PG_DISK_FULL = {"53100"}
_PG_READ_ONLY = {"25006"}

#: What to do about a database that cannot be used as it is (DESIGN §4).
CHECK_THE_NAME = say("check that you named the studio's database")
UPDATE = say("update Opt-In Desk")


def _storage_trouble(error: Exception, *, postgres: bool, place: str) -> StorageError | None:
    """The StorageError for a database failure that is the storage's fault, else None; a
    damaged file, a full disk and a read-only database say so, and what to do, naming `place`."""
    if isinstance(error, peewee.InterfaceError):
        return StorageError(say("the database connection was lost: {error}",
                                error=_one_line(error)))
    if isinstance(error, peewee.DatabaseError):
        # SQLite reports a malformed file as a plain DatabaseError, the rest as OperationalError;
        # on PostgreSQL an OperationalError is the server or the connection, never the SQL.
        text = _one_line(error)
        words = text.lower()
        code = getattr(error.args[0] if error.args else None, "pgcode", None)
        if code in _PG_DISK_FULL or "database or disk is full" in words:
            return DiskFull(say("the database server's disk is full ({error})", error=text)
                            if postgres else
                            say("the disk holding {place} is full ({error})", place=place,
                                error=text),
                            say("free some disk space and try again"),
                            first_step=say("free some disk space"))
        if code in _PG_READ_ONLY or "readonly database" in words:
            problem = say("{place} is read-only ({error})", place=place, error=text)
            if postgres:
                return DatabaseReadOnly(problem, say("connect as a user who may write, and try again"),
                                        first_step=say("connect as a user who may write,"))
            return DatabaseReadOnly(problem, say("make the file and its folder writable, and try again"),
                                    first_step=say("make the file and its folder writable,"))
        if "disk image is malformed" in words or "file is not a database" in words:
            return DatabaseDamaged(say("{place} is damaged ({error})", place=place, error=text),
                                   say("restore it from a backup"))
        if (postgres and isinstance(error, peewee.OperationalError)) or any(
                trouble in words for trouble in _SQLITE_STORAGE_TROUBLE):
            if _busy(error):
                return StorageError(say("the database is busy with another workstation's change; "
                                        "nothing was saved — try again"))
            return StorageError(say("the database is unavailable: {error}", error=text))
    return None


def _busy(error: Exception) -> bool:
    """Another writer holds the lock: the connection itself is fine."""
    return "locked" in str(error).lower()


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


#: peewee's own translation of a DB-API driver's errors, for the driver calls it does not wrap.
_DRIVER_ERRORS_AS_PEEWEES = peewee.__exception_wrapper__  # type: ignore[attr-defined]


class _StorageErrors:
    """Mixed into the database classes: the one place where the database's own failures are
    sorted (STYLE 4). Storage trouble — a locked or busy file, a disk error, a full disk, a
    read-only or malformed file, a lost connection, a PostgreSQL server gone — becomes
    StorageError, from every statement, from beginning, committing or rolling back a
    transaction, from `executemany()` and from closing the connection. A failing statement
    that is a bug (no such column, a syntax error, a broken constraint) keeps its own error
    and traceback.

    After storage trouble outside a transaction, a connection that may be broken is closed, so
    the next call connects afresh: the window's "Database unavailable — retrying" then recovers
    by itself once the database is back.
    """

    @contextmanager
    def _storage_errors(self, *, close_if_broken: bool = True) -> Iterator[None]:
        try:
            yield
        except (peewee.DatabaseError, peewee.InterfaceError) as error:
            trouble = self.storage_trouble(error)
            if trouble is None:
                raise
            if close_if_broken and not _busy(error):
                self._close_broken_connection()
            raise trouble from error

    def storage_trouble(self, error: Exception) -> StorageError | None:
        """The StorageError `error` amounts to on this database, or None when it is a bug."""
        return _storage_trouble(error, postgres=isinstance(self, peewee.PostgresqlDatabase),
                                place=self.place())

    def place(self) -> str:
        """The database as a person names it: a SQLite file's path, a PostgreSQL database."""
        name = str(self.database)  # type: ignore[attr-defined]
        if isinstance(self, peewee.PostgresqlDatabase):
            return say("the PostgreSQL database {name}", name=name)
        return unquote(name.removeprefix("file:").split("?", 1)[0])

    def _close_broken_connection(self) -> None:
        db: peewee.Database = self  # type: ignore[assignment]
        if db.in_transaction() or db.is_closed():
            return  # inside a transaction its rollback comes first, on this connection
        try:
            db.close()
        except (StorageError, peewee.PeeweeException):
            pass  # already broken; closing forgets it all the same, and the next call reconnects

    def execute_sql(self, sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        if sql.startswith("ROLLBACK TO SAVEPOINT") and self._rolled_back_already():
            return None
        with self._storage_errors():
            return super().execute_sql(sql, params, *args, **kwargs)  # type: ignore[misc]

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Run one statement for many rows with bound parameters (bulk writes)."""
        with self._storage_errors(), _DRIVER_ERRORS_AS_PEEWEES:
            if isinstance(self, peewee.PostgresqlDatabase):
                _postgres_executemany(self.cursor(), sql, rows)  # type: ignore[attr-defined]
            else:
                self.cursor().executemany(sql, rows)  # type: ignore[attr-defined]

    def begin(self, *args: Any, **kwargs: Any) -> Any:
        with self._storage_errors():
            return super().begin(*args, **kwargs)  # type: ignore[misc]

    def commit(self) -> Any:
        # Not closed here: when a commit fails, the transaction's rollback follows on this
        # connection (and closes it if that fails too).
        with self._storage_errors(close_if_broken=False):
            return super().commit()  # type: ignore[misc]

    def rollback(self) -> Any:
        if self._rolled_back_already():
            return None
        with self._storage_errors():
            return super().rollback()  # type: ignore[misc]

    def _rolled_back_already(self) -> bool:
        """SQLite rolls a whole transaction back by itself on some errors (a full disk, an I/O
        error): rolling back again would fail and hide the error that says what happened."""
        db: peewee.Database = self  # type: ignore[assignment]
        return (isinstance(db, peewee.SqliteDatabase) and not db.is_closed()
                and not db.connection().in_transaction)

    def _close(self, conn: Any) -> Any:
        with self._storage_errors(close_if_broken=False), _DRIVER_ERRORS_AS_PEEWEES:
            return super()._close(conn)  # type: ignore[misc]


class StudioSqliteDatabase(_StorageErrors, peewee.SqliteDatabase):
    """SQLite, with storage trouble as StorageError."""


class StudioPostgresqlDatabase(_StorageErrors, peewee.PostgresqlDatabase):
    """PostgreSQL, with storage trouble as StorageError."""


def _postgres_executemany(cursor: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """psycopg2's executemany is a round trip and a statement a row: an INSERT … VALUES (…)
    goes as one multi-row INSERT a page of rows (seeding 5,000 clients: 14.7 s → 4 s), any
    other statement in pages of statements."""
    from psycopg2.extras import execute_batch, execute_values

    head, values, template = sql.rpartition(" VALUES ")
    if values and sql.lstrip().upper().startswith("INSERT ") and template.startswith("(") \
            and template.rstrip().endswith(")"):
        execute_values(cursor, f"{head} VALUES %s", rows, template=template.strip(),
                       page_size=EXECUTE_BATCH_PAGE)
    else:
        execute_batch(cursor, sql, rows, page_size=EXECUTE_BATCH_PAGE)


def executemany(sql: str, rows: list[tuple[Any, ...]]) -> None:
    """Run one statement for many rows with bound parameters (bulk writes), with storage
    trouble as StorageError like every other statement."""
    database.executemany(sql, rows)


#: Rows per round trip of a bulk write on PostgreSQL.
EXECUTE_BATCH_PAGE = 500
#: Parameters per IN (…) list, well under every backend's limit.
IN_LIST_CHUNK = 500


def rows_for_in(sql: str, values: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Run `sql`, whose `{values}` is an IN list, for every chunk of `values`; all the rows.

    Plain SQL with bound parameters: peewee spent longer building these IN lists than the
    database spent answering them, on every chunk of a message-log import.
    """
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(values), IN_LIST_CHUNK):
        part = list(values[start:start + IN_LIST_CHUNK])
        placeholders = ", ".join([database.param] * len(part))
        rows.extend(database.execute_sql(sql.format(values=placeholders), part).fetchall())
    return rows


def connect(url: str) -> peewee.Database:
    """A peewee database for `url`, not yet bound or migrated."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = sqlite_path(url)
        name = str(path) if path is not None else ":memory:"
        if path is not None:  # private from the first moment (DESIGN §7): its folder, itself,
            try:  # and its -wal and -shm, which SQLite makes with the database file's mode
                make_private_folders(path.parent)
                create_private_file(path, exclusive=True)
            except OSError as error:
                if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                    raise DatabaseReadOnly(say("{path} cannot be created: {error}", path=str(path),
                                               error=error.strerror),
                                           say("choose a folder you may write to")) from None
                raise StorageError(say("{path} cannot be created: {error}", path=str(path),
                                       error=str(error.strerror or error))) from None
        # BEGIN IMMEDIATE: a write transaction takes the write lock at its start, so two
        # writers queue on the busy timeout instead of failing half-way.
        return StudioSqliteDatabase(name, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")
    if parsed.scheme in ("postgres", "postgresql"):
        # Not at the top: it loads every playhouse backend (10 ms of each start on SQLite).
        from playhouse.db_url import parse as parse_url
        return StudioPostgresqlDatabase(**parse_url(url))
    raise InvalidInput(say("unsupported database URL scheme {scheme} (use a file path or "
                           "postgresql://)", scheme=repr(parsed.scheme)))


def open_database(url: str, *, migrate: bool = True) -> peewee.Database:
    """Connect to `url`, bind the models to it and bring its schema up to date."""
    from .migrations import apply_migrations

    path = sqlite_path(url)
    if path is not None and path.is_file():
        for suffix in ("", "-wal", "-shm"):  # made by an older version, 0644
            keep_private(Path(f"{path}{suffix}"))
        _refuse_unusable_file(path)
    db = _connected(url)
    if path is None:
        try:
            _refuse_unusable(db)  # PostgreSQL: only reads
        except BaseException:
            db.close()
            raise
    database.initialize(db)
    if migrate:
        try:
            apply_migrations(db)
        except peewee.ProgrammingError as error:  # PostgreSQL: a role that may not alter tables
            driver_error = error.args[0] if error.args else None
            if not hasattr(driver_error, "pgcode"):  # re-raised by peewee with the text only
                driver_error = error.__context__
            if getattr(driver_error, "pgcode", None) != _PG_NO_PRIVILEGE:
                raise
            raise _needs_update(db) from None
    return db


def check_database(url: str) -> int:
    """Connect to `url` without binding, creating or changing anything, refuse a database this
    program must not use (as `open_database` does), and return the schema version it is at
    (0: empty, its tables are made when it is first opened)."""
    from .migrations import current_version

    db = _connected(url)
    try:
        _refuse_unusable(db)
        return current_version(db)
    finally:
        db.close()


def _connected(url: str) -> peewee.Database:
    db = connect(url)
    try:
        db.connect(reuse_if_open=True)
    except (peewee.DatabaseError, peewee.InterfaceError) as error:
        trouble = db.storage_trouble(error)  # type: ignore[attr-defined]
        raise trouble or StorageError(say("cannot open the database: {error}",
                                          error=_one_line(error))) from None
    except peewee.ImproperlyConfigured as error:  # the database's driver is not installed
        raise StorageError(say("cannot open the database: {error}", error=str(error))) from None
    return db


#: PostgreSQL's SQLSTATE for "permission denied".
_PG_NO_PRIVILEGE = "42501"


def _needs_update(db: peewee.Database) -> StorageError:
    """A database older than this program, opened by a role that may not update it (the desks')."""
    from .migrations import current_version, latest_version

    place = db.place()  # type: ignore[attr-defined]
    return DatabaseTooOld(say("{place} has schema {version} and this Opt-In Desk needs {needed}, "
                              "which this user may not make", place=place,
                              version=current_version(db), needed=latest_version()),
                          say("open it once as the database's owner (e.g. `optin-desk "
                              "verify-audit --database-url postgresql://OWNER@HOST/DB`), then "
                              "try again"))


#: Tables every Opt-In Desk database has had since its first version.
_FIRST_TABLES = frozenset({"staff", "client", "consent_event", "schema_version"})


def _refuse_unusable_file(path: Path) -> None:
    """Refuse a SQLite file that is another program's or made by a newer version, reading it
    through a read-only connection: nothing is written to it, not even the switch to WAL."""
    with path.open("rb") as handle:
        head = handle.read(16)
    if head and head != b"SQLite format 3\x00":
        raise NotOptInDeskDatabase(say("{place} is not an Opt-In Desk database (not a SQLite "
                                       "file)", place=str(path)), CHECK_THE_NAME)
    probe = StudioSqliteDatabase("file:" + quote(str(path)) + "?mode=ro", uri=True)
    try:
        _refuse_unusable(probe)
    finally:
        probe.close()


def _refuse_unusable(db: peewee.Database) -> None:
    """Raise NotOptInDeskDatabase or DatabaseTooNew for a database this program must not
    migrate or write; an empty database is fine (it is about to be created)."""
    from .migrations import current_version, latest_version

    place = db.place()  # type: ignore[attr-defined]
    tables = set(db.get_tables())
    if not tables:
        return
    if "schema_version" not in tables:
        raise NotOptInDeskDatabase(say("{place} is not an Opt-In Desk database (it holds another "
                                       "program's tables)", place=place), CHECK_THE_NAME)
    try:
        version = current_version(db)
    except (peewee.OperationalError, peewee.ProgrammingError):
        version = None
    if not isinstance(version, int):
        raise NotOptInDeskDatabase(say("{place} is not an Opt-In Desk database (its "
                                       "schema_version table is another program's)",
                                       place=place), CHECK_THE_NAME)
    known = latest_version()
    if version > known:
        raise DatabaseTooNew(say("{place} was made by a newer Opt-In Desk (schema {version}; "
                                 "this one knows {known})", place=place, version=version,
                                 known=known), UPDATE)
    missing = sorted(_FIRST_TABLES - tables)
    if missing:
        raise NotOptInDeskDatabase(say("{place} is not an Opt-In Desk database (it has no "
                                       "{tables} table)", place=place,
                                       tables=", ".join(missing)), CHECK_THE_NAME)


def set_busy_timeout(milliseconds: int) -> None:
    """How long this connection waits for another writer before giving up (SQLite). The window
    asks for less than a command-line import: a person at the desk is better told "busy — try
    again" after a few seconds than left with a frozen window."""
    if isinstance(database.obj, peewee.SqliteDatabase):
        database.obj.pragma("busy_timeout", int(milliseconds), permanent=True)


ONE_PASS_CACHE_KIB = 2000  # see use_small_cache


def use_small_cache() -> None:
    """A small page cache for this thread's SQLite connection, for work that reads each page once
    (the filter counts: 32 MB more would only raise the window's peak; issue 12, DESIGN §6)."""
    if isinstance(database.obj, peewee.SqliteDatabase):
        database.obj.pragma("cache_size", -ONE_PASS_CACHE_KIB)


def close_database() -> None:
    """Close the bound database's connection, if any."""
    if database.obj is not None and not database.is_closed():
        database.close()


@contextmanager
def btree_lookups() -> Iterator[None]:
    """Inside a transaction: PostgreSQL looks `mobile IN (…)` up by btree, not by the pg_trgm
    GIN index of 0006 (1.4 s against 7 ms at 100,000 clients): bitmap scans are off meanwhile."""
    if not is_postgres():
        yield
        return
    database.execute_sql("SET LOCAL enable_bitmapscan = off")
    yield  # on an error the transaction's rollback undoes the SET LOCAL
    database.execute_sql("SET LOCAL enable_bitmapscan = on")


def is_postgres() -> bool:
    """Whether the bound database is PostgreSQL (row locks differ from SQLite's file lock)."""
    return isinstance(database.obj, peewee.PostgresqlDatabase)


def for_update(query: peewee.Select) -> peewee.Select:
    """`SELECT … FOR UPDATE` on PostgreSQL. SQLite has no row locks and needs none: its
    IMMEDIATE write transaction already holds the whole database's write lock."""
    return query.for_update() if is_postgres() else query

