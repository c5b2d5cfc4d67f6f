"""The database: where it lives, how it is opened, and its migrations.

One `DatabaseProxy` serves every model; `open_database()` binds it to SQLite (a file path) or
PostgreSQL (a URL), sets SQLite's pragmas and applies the numbered migrations on open.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlparse

import peewee
from playhouse.db_url import connect as connect_url

from .errors import InvalidInput, StorageError

ENV_VAR = "OPTIN_DESK_DATABASE_URL"
APP_DIR_NAME = "Opt-In Desk"

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


def app_data_dir() -> Path:
    """The user's application-data folder for Opt-In Desk, by platform convention."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def default_database_path() -> Path:
    """The SQLite file used when neither a path nor a URL is given."""
    return app_data_dir() / "optin-desk.db"


def resolve_location(db_path: str | None = None, database_url: str | None = None) -> str:
    """Pick the database from `--db`, `--database-url`, the environment, or the default file.

    Returns a URL (`sqlite:///…` or `postgresql://…`).
    """
    if db_path and database_url:
        raise ValueError("give either --db or --database-url, not both")
    if db_path:
        return "sqlite:///" + str(Path(db_path).expanduser().resolve())
    url = database_url or os.environ.get(ENV_VAR)
    if url:
        return url
    return "sqlite:///" + str(default_database_path())


def sqlite_path(url: str) -> Path | None:
    """The file of a `sqlite:///` URL, or None for other databases and in-memory SQLite.

    `sqlite:///name.db` is relative to the working folder, `sqlite:////abs/name.db` absolute.
    """
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    rest = unquote(url[len(prefix):].split("?", 1)[0])
    if rest in ("", ":memory:"):
        return None
    return Path(rest)


def connect(url: str) -> peewee.Database:
    """A peewee database for `url`, not yet bound or migrated."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = sqlite_path(url)
        name = str(path) if path is not None else ":memory:"
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        # BEGIN IMMEDIATE: a write transaction takes the write lock at its start, so two
        # writers queue on the busy timeout instead of failing half-way.
        return peewee.SqliteDatabase(name, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")
    if parsed.scheme in ("postgres", "postgresql"):
        return connect_url(url)
    raise InvalidInput(f"unsupported database URL scheme {parsed.scheme!r} (use a file path or postgresql://)")


def open_database(url: str, *, migrate: bool = True) -> peewee.Database:
    """Connect to `url`, bind the models to it and bring its schema up to date."""
    from .migrations import apply_migrations

    db = connect(url)
    try:
        db.connect(reuse_if_open=True)
    except peewee.OperationalError as error:
        raise StorageError(f"cannot open the database: {error}") from None
    except peewee.ImproperlyConfigured as error:  # the database's driver is not installed
        raise StorageError(f"cannot open the database: {error}") from None
    database.initialize(db)
    if migrate:
        apply_migrations(db)
    return db


def close_database() -> None:
    """Close the bound database's connection, if any."""
    if database.obj is not None and not database.is_closed():
        database.close()


def is_postgres() -> bool:
    """Whether the bound database is PostgreSQL (row locks differ from SQLite's file lock)."""
    return isinstance(database.obj, peewee.PostgresqlDatabase)


def for_update(query: peewee.Select) -> peewee.Select:
    """`SELECT … FOR UPDATE` on PostgreSQL. SQLite has no row locks and needs none: its
    IMMEDIATE write transaction already holds the whole database's write lock."""
    return query.for_update() if is_postgres() else query


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn the database's own failures into StorageError, the one kind the screen retries."""
    try:
        yield
    except (peewee.OperationalError, peewee.InterfaceError) as error:
        raise StorageError(f"database unavailable: {error}") from error
