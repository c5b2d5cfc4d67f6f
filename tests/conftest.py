"""Shared fixtures: a fresh database per test, staff of every role, and offscreen Qt.

The suite runs on SQLite by default. Set OPTIN_DESK_TEST_DATABASE_URL to a PostgreSQL URL
(an empty database the tests may wipe) to run the same tests there.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from models import db as db_module  # noqa: E402
from models.staff import SignedIn  # noqa: E402

TEST_DATABASE_URL = os.environ.get("OPTIN_DESK_TEST_DATABASE_URL")


def _wipe_postgres(url: str) -> None:
    """Empty the test PostgreSQL database: the suite owns it."""
    database = db_module.connect(url)
    database.connect()
    database.execute_sql("DROP SCHEMA public CASCADE")
    database.execute_sql("CREATE SCHEMA public")
    database.close()


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A URL for an empty database: a SQLite file in the test's folder, or the test PostgreSQL."""
    if TEST_DATABASE_URL:
        _wipe_postgres(TEST_DATABASE_URL)
        yield TEST_DATABASE_URL
    else:
        yield "sqlite:///" + str(tmp_path / "studio.db")


@pytest.fixture
def db(database_url: str) -> Iterator[object]:
    """A fresh, migrated database bound to the models, closed after the test."""
    database = db_module.open_database(database_url)
    yield database
    db_module.close_database()


@pytest.fixture
def staff(db) -> dict[str, SignedIn]:
    """One signed-in staff member of each role: owner, manager, employee."""
    from models.staff import create_staff
    owner = create_staff(None, "Olive Owner", "owner", "2468")
    return {
        "owner": owner,
        "manager": create_staff(owner, "Mona Manager", "manager", "3579"),
        "employee": create_staff(owner, "Eli Employee", "employee", "1357"),
    }


@pytest.fixture
def add_client(staff):
    """Add a client through the model layer; returns its id."""
    from models.clients import add_client as add, make_draft

    def factory(first: str = "Dana", last: str = "Reyes", *, status: str = "member",
                email: str | None = "dana@example.com", mobile: str | None = "+15555550123",
                home_phone: str | None = None) -> int:
        draft = make_draft(first, last, status=status, email=email, mobile=mobile,
                           home_phone=home_phone)
        return add(staff["employee"], draft).client_ids[0]

    return factory
