"""models.workstation: the database this computer opens, as the first-run window chose it
(issue 11). The command line and the environment come first, then the remembered choice,
then the default file; a server's password is never in the remembered file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from models import workstation
from models.db import close_database, open_database
from models.errors import DatabaseExists, InvalidInput, StorageError
from models.locations import default_database_path
from models.secret_store import load_secret
from models.seed import init_studio
from models.settings import load_studio, time_zone_names, validate_time_zone
from models.workstation import DatabaseChoice, DatabaseKind, ServerAddress

SERVER = ServerAddress("db.studio.lan", 5432, "sunrise", "desk")


@pytest.fixture(autouse=True)
def fresh_computer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("OPTIN_DESK_SECRETS", "file")
    monkeypatch.delenv("OPTIN_DESK_DATABASE_URL", raising=False)


def test_nothing_remembered_and_no_studio_needs_the_first_run() -> None:
    assert workstation.load_choice() is None
    assert workstation.needs_first_run()
    assert workstation.location() == "sqlite:///" + str(default_database_path())


def test_a_database_named_on_the_command_line_or_environment_never_needs_the_first_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not workstation.needs_first_run(str(tmp_path / "other.db"), None)
    assert not workstation.needs_first_run(None, "postgresql://x@y/z")
    monkeypatch.setenv("OPTIN_DESK_DATABASE_URL", "postgresql://x@y/z")
    assert not workstation.needs_first_run()


def test_command_line_then_environment_then_remembered_choice_then_default_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workstation.remember_choice(DatabaseChoice(DatabaseKind.SERVER, server=SERVER), "s3cret")
    remembered = workstation.location()
    assert remembered.startswith("postgresql://desk:s3cret@db.studio.lan:5432/sunrise")
    monkeypatch.setenv("OPTIN_DESK_DATABASE_URL", "postgresql://env@host/db")
    assert workstation.location() == "postgresql://env@host/db"
    assert workstation.location(str(tmp_path / "a.db")) == "sqlite:///" + str(tmp_path / "a.db")
    assert workstation.location(None, "postgresql://flag@host/db") == "postgresql://flag@host/db"


def test_the_server_password_is_kept_out_of_the_remembered_file_which_only_its_owner_reads() -> None:
    place = workstation.remember_choice(DatabaseChoice(DatabaseKind.SERVER, server=SERVER), "s3cret")
    assert place is not None and not place.in_keyring
    assert "a file only you can read" in place.description
    text = workstation.choice_file().read_text(encoding="utf-8")
    assert "s3cret" not in text
    assert json.loads(text)["server"] == {"host": "db.studio.lan", "port": 5432,
                                          "database": "sunrise", "user": "desk"}
    if os.name == "posix":
        assert stat.S_IMODE(workstation.choice_file().stat().st_mode) == 0o600
    assert load_secret(workstation.SERVER_PASSWORD) == "s3cret"
    assert workstation.load_choice() == DatabaseChoice(DatabaseKind.SERVER, server=SERVER)


def test_a_server_without_a_password_forgets_the_old_one() -> None:
    workstation.remember_choice(DatabaseChoice(DatabaseKind.SERVER, server=SERVER), "s3cret")
    assert workstation.remember_choice(DatabaseChoice(DatabaseKind.SERVER, server=SERVER)) is None
    assert load_secret(workstation.SERVER_PASSWORD) is None


def test_an_unreadable_remembered_choice_counts_as_none() -> None:
    path = workstation.choice_file()
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert workstation.load_choice() is None


def test_the_demo_remembered_opens_the_demo_file() -> None:
    workstation.remember_choice(DatabaseChoice(DatabaseKind.DEMO))
    assert workstation.location() == "sqlite:///" + str(workstation.demo_database_path())
    assert not workstation.needs_first_run()


def test_a_new_studio_chosen_for_later_is_made_at_the_next_first_run() -> None:
    workstation.remember_choice(DatabaseChoice(DatabaseKind.STUDIO, path=default_database_path()))
    assert workstation.needs_first_run()


def test_create_studio_makes_it_as_init_does_with_its_name_and_time_zone() -> None:
    owner = workstation.create_studio("Sunrise  Yoga", "America/Chicago", "Olive Owner", "2468")
    try:
        assert owner.name == "Olive Owner" and owner.role.value == "owner"
        studio = load_studio()
        assert (studio.name, studio.time_zone.key) == ("Sunrise Yoga", "America/Chicago")
        assert workstation.holds_studio(default_database_path())
        assert not workstation.needs_first_run()
        with pytest.raises(DatabaseExists):
            init_studio("Someone Else", "1357")
    finally:
        close_database()


@pytest.mark.parametrize("values, problem", [
    (("", "America/Chicago", "Olive", "2468"), "needs a name"),
    (("Sunrise", "Mars/Olympus", "Olive", "2468"), "is not a time zone"),
    (("Sunrise", "America/Chicago", " ", "2468"), "needs a name"),
    (("Sunrise", "America/Chicago", "Olive", "12"), "4 to 8 digits"),
])
def test_create_studio_refuses_bad_input_before_anything_is_on_disk(values, problem) -> None:
    with pytest.raises(InvalidInput, match=problem):
        workstation.create_studio(*values)
    assert not default_database_path().exists()
    assert workstation.load_choice() is None


def test_a_file_without_staff_holds_no_studio(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    assert not workstation.holds_studio(path)
    open_database("sqlite:///" + str(path))
    close_database()
    assert not workstation.holds_studio(path)
    (tmp_path / "other.db").write_bytes(b"not a database at all, but something")
    assert workstation.holds_studio(tmp_path / "other.db")  # opening it says what is wrong


def test_server_urls_and_fields_are_read_with_one_line_problems() -> None:
    address, password = workstation.parse_server_url("postgresql://desk:p%40ss@db.studio.lan/sunrise")
    assert (address, password) == (SERVER, "p@ss")
    assert workstation.parse_server_url("postgres://desk@db.studio.lan:6543/sunrise")[0].port == 6543
    with pytest.raises(InvalidInput, match="starts with postgresql://"):
        workstation.parse_server_url("mysql://x@y/z")
    with pytest.raises(InvalidInput, match="port"):
        workstation.server_address("db", "99999", "sunrise", "desk")
    with pytest.raises(InvalidInput, match="database"):
        workstation.server_address("db", "", "", "desk")
    assert SERVER.url("p@ss:/").startswith("postgresql://desk:p%40ss%3A%2F@db.studio.lan:5432/sunrise")


def test_trying_a_server_that_does_not_answer_is_one_line() -> None:
    with pytest.raises(StorageError) as refused:
        workstation.try_server(ServerAddress("127.0.0.1", 1, "sunrise", "desk"), None)
    assert "\n" not in str(refused.value)


def test_time_zones_are_iana_names() -> None:
    names = time_zone_names()
    assert "America/New_York" in names and "UTC" in names
    assert not any(name.startswith(("posix/", "right/")) for name in names)
    assert validate_time_zone(" Europe/Paris ") == "Europe/Paris"

