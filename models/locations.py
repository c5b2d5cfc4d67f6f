"""Where the studio's database and this computer's own files live: the application-data
folder by platform convention, and the database named by `--db`, `--database-url` or the
environment (DESIGN §4)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import unquote

ENV_VAR = "OPTIN_DESK_DATABASE_URL"
APP_DIR_NAME = "Opt-In Desk"


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
