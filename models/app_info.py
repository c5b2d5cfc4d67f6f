"""What the program says about itself: its version, and the log a support person reads.

The log is `optin-desk.log` in the user's application-data folder, readable by its owner only
(DESIGN §7), rotated at 1 MB with three old files kept, so it never grows without bound. An
internal error (a bug) goes there with its traceback; the person sees one line naming it.
"""

from __future__ import annotations

import logging
import os
import tomllib
from logging.handlers import RotatingFileHandler
from pathlib import Path

import peewee

from .locations import app_data_dir
from .private_files import PRIVATE_FILE, make_private_folders
from .wording import say

LOG_NAME = "optin-desk.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def app_version() -> str:
    """The installed package's version, or the source checkout's (pyproject.toml)."""
    from importlib import metadata  # a tenth of a second at start, for the About box only

    try:
        return metadata.version("optin-desk")
    except metadata.PackageNotFoundError:
        with _PYPROJECT.open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])


def log_path() -> Path:
    """Where the program writes its log."""
    return app_data_dir() / LOG_NAME


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files, the new ones after a rollover too, are the owner's only."""

    def _open(self):  # type: ignore[no-untyped-def]  # logging's own signature
        handle = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
        if os.name == "posix" and os.fstat(handle).st_uid == os.getuid():
            os.fchmod(handle, PRIVATE_FILE)
        return os.fdopen(handle, self.mode, encoding=self.encoding)


def start_logging(path: Path | None = None) -> Path:
    """Send warnings and errors, with their tracebacks, to the rotating log; return its path.
    Calling it again changes nothing."""
    path = path or log_path()
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, _PrivateRotatingFileHandler) and handler.baseFilename == str(path):
            return path
    make_private_folders(path.parent)
    handler = _PrivateRotatingFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS,
                                          encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    root.addHandler(handler)
    return path


def database_in_use() -> str:
    """The database this process works on, as a person names it: a file, or a server's."""
    from .db import database  # the bound one, at the time of asking

    db = database.obj
    if db is None:
        return say("none opened")
    if isinstance(db, peewee.PostgresqlDatabase):
        host = db.connect_params.get("host") or say("this computer")
        return say("PostgreSQL database {name} on {host}", name=db.database, host=host)
    return str(db.database)
