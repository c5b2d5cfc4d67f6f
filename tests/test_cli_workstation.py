"""The command line and the first-run window's choice (issue 11): `init` names the studio and
its time zone; a remembered choice is where the commands work when nothing else is named."""

from __future__ import annotations

import json
from pathlib import Path

from models import workstation
from tests.test_cli import ok_json, one_line_error, run


def test_init_names_the_studio_and_its_time_zone(tmp_path: Path) -> None:
    db = str(tmp_path / "studio.db")
    ok_json(run(tmp_path, "init", "--owner-name", "Olive Owner", "--owner-pin", "2468",
                "--studio-name", "Sunrise Yoga", "--time-zone", "America/Denver", "--db", db))
    from models.db import close_database, open_database
    from models.settings import load_studio
    open_database("sqlite:///" + db)
    try:
        studio = load_studio()
        assert (studio.name, studio.time_zone.key) == ("Sunrise Yoga", "America/Denver")
    finally:
        close_database()


def test_init_refuses_a_time_zone_that_is_not_one_before_making_a_file(tmp_path: Path) -> None:
    db = tmp_path / "studio.db"
    one_line_error(run(tmp_path, "init", "--owner-name", "Olive", "--owner-pin", "2468",
                       "--time-zone", "Mars/Olympus", "--db", str(db)), "not a time zone")
    assert not db.exists()


def test_the_remembered_choice_is_used_when_nothing_is_named_and_the_command_line_wins(
        tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    chosen = tmp_path / "chosen.db"
    workstation.remember_choice(workstation.DatabaseChoice(workstation.DatabaseKind.STUDIO,
                                                           path=chosen))
    ok_json(run(tmp_path, "init", "--owner-name", "Olive Owner", "--owner-pin", "2468"))
    assert chosen.exists()
    assert ok_json(run(tmp_path, "verify-audit"))["ok"] is True
    other = tmp_path / "other.db"
    one_line_error(run(tmp_path, "verify-audit", "--db", str(other)), "no database")
    done = run(tmp_path, "verify-audit", env={"OPTIN_DESK_DATABASE_URL": "sqlite:///" + str(other)})
    assert done.returncode == 2 and json.dumps("no database")[1:-1] in done.stderr


def test_the_window_with_nothing_set_up_opens_the_first_run_window(tmp_path: Path) -> None:
    """`--quit-after-start` (hidden, for the built app's check): the first window says it is on
    screen and closes; with no studio that is the first-run window, not sign-in (issue 11)."""
    done = run(tmp_path, "--quit-after-start", env={"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["firstRunDialog shown: Set up Opt-In Desk"]
    assert not (tmp_path / "xdg" / "Opt-In Desk" / "optin-desk.db").exists()


def test_the_demo_remembered_opens_the_demo_at_sign_in(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    workstation.remember_choice(workstation.DatabaseChoice(workstation.DatabaseKind.DEMO))
    done = run(tmp_path, "--quit-after-start", env={"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["signInDialog shown: Sign in — Opt-In Desk"]
    assert workstation.demo_database_path().exists()
