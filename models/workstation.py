"""Which database this workstation opens: the choice made in the first-run window, remembered.

The choice is `workstation.json` in the application-data folder, readable by its owner only.
A server's password is never in it: `models.secret_store` keeps it (the OS keyring, or a
private file where there is none). Where the database is comes from, first to last:
`--db` / `--database-url` / `$OPTIN_DESK_DATABASE_URL`, then the remembered choice, then the
default file.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import peewee

from .db import check_database
from .errors import InvalidInput
from .locations import ENV_VAR, app_data_dir, default_database_path, resolve_location
from .private_files import create_private_file, make_private_folders
from .secret_store import SecretPlace, forget_secret, load_secret, save_secret
from .staff import SignedIn
from .wording import say

log = logging.getLogger(__name__)

CHOICE_FILE_NAME = "workstation.json"
#: The name the studio server's password is kept under (models.secret_store).
SERVER_PASSWORD = "database-password"
DEFAULT_PORT = 5432
#: Seconds a server that does not answer is waited for before it is said to be unreachable.
CONNECT_TIMEOUT = 10


class DatabaseKind(StrEnum):
    """The three answers of the first-run window."""

    STUDIO = "studio"  # the studio's database file on this computer
    SERVER = "server"  # the studio's PostgreSQL server
    DEMO = "demo"


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """Where the studio's PostgreSQL server is; its password is kept elsewhere."""

    host: str
    port: int
    database: str
    user: str

    def url(self, password: str | None) -> str:
        """The database URL, with the password when there is one."""
        who = quote(self.user, safe="")
        if password:
            who += ":" + quote(password, safe="")
        return (f"postgresql://{who}@{quote(self.host, safe='')}:{self.port}/"
                f"{quote(self.database, safe='')}?connect_timeout={CONNECT_TIMEOUT}")

    def describe(self) -> str:
        """As a person names it."""
        return say("the PostgreSQL database {name} on {host}", name=self.database, host=self.host)


@dataclass(frozen=True, slots=True)
class DatabaseChoice:
    """What this workstation opens: a studio file (`path`), a server, or the demo."""

    kind: DatabaseKind
    path: Path | None = None
    server: ServerAddress | None = None

    def describe(self) -> str:
        """As a person names it, for the window."""
        if self.kind is DatabaseKind.SERVER and self.server is not None:
            return self.server.describe()
        if self.kind is DatabaseKind.DEMO:
            return say("the demo studio ({path})", path=str(demo_database_path()))
        return str(self.path or default_database_path())


def choice_file() -> Path:
    """The private file that holds the remembered choice."""
    return app_data_dir() / CHOICE_FILE_NAME


def demo_database_path() -> Path:
    """The demo studio's file (`optin-desk demo`)."""
    return app_data_dir() / "demo.db"


def server_address(host: str, port: str | int, database: str, user: str) -> ServerAddress:
    """A server's address from what a person typed; InvalidInput names the first problem."""
    host, database, user = host.strip(), database.strip(), user.strip()
    if not host:
        raise InvalidInput(say("type the server's name or address"))
    try:
        number = int(str(port).strip() or DEFAULT_PORT)
    except ValueError:
        raise InvalidInput(say("the port {port} is not a number", port=repr(port))) from None
    if not 1 <= number <= 65535:
        raise InvalidInput(say("a port is a number from 1 to 65535"))
    if not database:
        raise InvalidInput(say("type the name of the studio's database"))
    if not user:
        raise InvalidInput(say("type the user name to connect as"))
    return ServerAddress(host, number, database, user)


def parse_server_url(url: str) -> tuple[ServerAddress, str | None]:
    """A `postgresql://user:password@host:port/database` URL as an address and its password."""
    parsed = urlparse(url.strip())
    if parsed.scheme not in ("postgresql", "postgres"):
        raise InvalidInput(say("a server URL starts with postgresql://"))
    try:
        port = parsed.port or DEFAULT_PORT
    except ValueError:
        raise InvalidInput(say("the URL's port is not a number from 1 to 65535")) from None
    address = server_address(unquote(parsed.hostname or ""), port,
                             unquote(parsed.path.lstrip("/")), unquote(parsed.username or ""))
    return address, unquote(parsed.password) if parsed.password else None


def try_server(address: ServerAddress, password: str | None) -> str:
    """Connect to the server as the workstation will; one line saying what is there.
    Raises StorageError (unreachable, refused, wrong password) or the refusal of a database
    that is not Opt-In Desk's or is newer, in one line."""
    version = check_database(address.url(password))
    if version == 0:
        return say("Connected to {database}. It is empty: Opt-In Desk makes its tables when it "
                   "first opens it.", database=address.describe())
    return say("Connected to {database}. It holds an Opt-In Desk studio.",
               database=address.describe())


def load_choice() -> DatabaseChoice | None:
    """The remembered choice, or None when there is none (or the file cannot be read)."""
    try:
        data = json.loads(choice_file().read_text(encoding="utf-8"))
        kind = DatabaseKind(data["kind"])
        if kind is DatabaseKind.SERVER:
            server = data["server"]
            return DatabaseChoice(kind, server=server_address(
                server["host"], server["port"], server["database"], server["user"]))
        path = data.get("path")
        return DatabaseChoice(kind, path=Path(path) if path else None)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, InvalidInput) as error:
        log.warning("the remembered database choice %s is unreadable: %s", choice_file(), error)
        return None


def remember_choice(choice: DatabaseChoice, password: str | None = None) -> SecretPlace | None:
    """Remember `choice` for the next start; a server's password goes to the secret store,
    never into the file. Returns where the password was kept, or None when there is none."""
    data: dict[str, object] = {"kind": choice.kind.value}
    if choice.path is not None:
        data["path"] = str(choice.path)
    if choice.server is not None:
        server = choice.server
        data["server"] = {"host": server.host, "port": server.port, "database": server.database,
                          "user": server.user}
    place = save_secret(SERVER_PASSWORD, password) if password else None
    if not password:
        forget_secret(SERVER_PASSWORD)
    path = choice_file()
    make_private_folders(path.parent)
    partial = path.with_name(path.name + ".partial")
    create_private_file(partial)
    partial.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(partial, path)
    return place


def choice_location(choice: DatabaseChoice) -> str:
    """The database URL of a remembered choice (a server's with its kept password)."""
    if choice.kind is DatabaseKind.SERVER and choice.server is not None:
        return choice.server.url(load_secret(SERVER_PASSWORD))
    if choice.kind is DatabaseKind.DEMO:
        return resolve_location(str(demo_database_path()), None)
    return resolve_location(str(choice.path or default_database_path()), None)


def given_on_command_line(db_path: str | None, database_url: str | None) -> bool:
    """Whether the database was named by `--db`, `--database-url` or the environment."""
    return bool(db_path or database_url or os.environ.get(ENV_VAR))


def location(db_path: str | None = None, database_url: str | None = None) -> str:
    """The database to open: the command line's or the environment's, else the remembered
    choice, else the default file."""
    if given_on_command_line(db_path, database_url):
        return resolve_location(db_path, database_url)
    choice = load_choice()
    return choice_location(choice) if choice is not None else resolve_location()


def needs_first_run(db_path: str | None = None, database_url: str | None = None) -> bool:
    """Whether the window should open the first-run window: no database named, and neither
    the remembered studio file nor (with nothing remembered) the default file holds a studio."""
    if given_on_command_line(db_path, database_url):
        return False
    choice = load_choice()
    if choice is None:
        return not holds_studio(default_database_path())
    # File ▸ Database… chose a new studio on this computer: it is made here, at the next start.
    return choice.kind is DatabaseKind.STUDIO and not holds_studio(choice.path or default_database_path())


def holds_studio(path: Path) -> bool:
    """Whether the file at `path` holds a studio (an owner at least). Read-only; a file that
    cannot be read counts as holding one, so opening it says what is wrong with it."""
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return False
    probe = peewee.SqliteDatabase("file:" + quote(str(path)) + "?mode=ro", uri=True)
    try:
        tables = probe.get_tables()
        if "staff" not in tables:
            return bool(tables)  # another program's tables: opening it says so
        return probe.execute_sql("SELECT 1 FROM staff LIMIT 1").fetchone() is not None
    except peewee.DatabaseError:
        return True
    finally:
        probe.close()


def create_studio(studio_name: str, time_zone: str, owner_name: str, owner_pin: str,
                  path: Path | None = None) -> SignedIn:
    """Create the studio's database file (the default one unless `path`), as `init` does, with
    its name, time zone and owner; remember it as this workstation's choice. The database is
    left open and bound."""
    from . import seed
    from .db import open_database
    from .settings import validate_studio_name, validate_time_zone
    from .staff import validate_pin, validate_staff_name

    validate_studio_name(studio_name)  # before anything is created on disk
    validate_time_zone(time_zone)
    validate_staff_name(owner_name)
    validate_pin(owner_pin)
    path = path or default_database_path()
    open_database(resolve_location(str(path), None))
    owner = seed.init_studio(owner_name, owner_pin, studio_name=studio_name, time_zone=time_zone)
    remember_choice(DatabaseChoice(DatabaseKind.STUDIO, path=path))
    return owner
