"""Shared fixtures: a fresh database per test, staff of every role, and offscreen Qt.

The suite runs on SQLite by default. Set OPTIN_DESK_TEST_DATABASE_URL to a PostgreSQL URL
(an empty database the tests may wipe) to run the same tests there.

Every test that uses Qt is marked `gui` here, not by hand (see `pytest_collection_modifyitems`),
so `pytest -m "not gui"` is a loop without Qt.
"""

from __future__ import annotations

import functools
import itertools
import os
import shutil
import sys
import types
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, ContextManager, Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from models import db as db_module  # noqa: E402
from models.staff import SignedIn  # noqa: E402

TEST_DATABASE_URL = os.environ.get("OPTIN_DESK_TEST_DATABASE_URL")

UI_TESTS = Path(__file__).resolve().parent / "ui"
#: Top-level packages that are Qt, or built on it: the application's `ui` package is the GUI.
QT_PACKAGES = frozenset({"PySide6", "shiboken6", "pytestqt", "ui"})


def _names_qt(module: types.ModuleType) -> bool:
    """Whether a test module has anything from Qt or `ui` among its globals: a module it
    imported, or a class, function or constant it imported from one."""
    for value in vars(module).values():
        name = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        if isinstance(name, str) and name.partition(".")[0] in QT_PACKAGES:
            return True
    return False


def _uses_qt(item: pytest.Item) -> bool:
    """The rule for the `gui` marker. A test uses Qt when any of these holds:

    - its fixtures need `qapp` (`item.fixturenames` is the whole closure: `qtbot`, and every
      fixture built on `qtbot` or `qapp`, request it);
    - it lives under tests/ui/;
    - its module imports Qt (PySide6, shiboken6, pytestqt) or the `ui` package at module level.

    A test that builds a QApplication without any of these fails (`_qt_only_in_gui_tests`).
    """
    if "qapp" in getattr(item, "fixturenames", ()):
        return True
    if UI_TESTS in item.path.parents:
        return True
    module = getattr(item, "module", None)
    return module is not None and _names_qt(module)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _uses_qt(item):
            item.add_marker(pytest.mark.gui)


def _qt_application_exists() -> bool:
    core = sys.modules.get("PySide6.QtCore")
    return core is not None and core.QCoreApplication.instance() is not None


@pytest.fixture(autouse=True)
def _qt_only_in_gui_tests(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that starts Qt without being marked `gui`: `-m "not gui"` must run no Qt."""
    if request.node.get_closest_marker("gui"):
        yield
        return
    before = _qt_application_exists()
    yield
    if not before and _qt_application_exists():
        pytest.fail("this test made a QApplication but is not marked gui: have it use the qapp "
                    "or qtbot fixture so conftest.py marks it", pytrace=False)


@pytest.fixture(autouse=True)
def cheap_pin_hashes(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """PINs hashed at a tiny argon2id cost (1 pass over 8 KiB): the `staff` fixture alone
    hashes three, at about 0.2 s each at the real cost. A test marked `real_pin_cost` keeps
    the production cost; test_staff.py has one that pins it."""
    if request.node.get_closest_marker("real_pin_cost"):
        return
    from models import staff
    monkeypatch.setattr(staff, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(staff, "ARGON2_MEMORY_KIB", 8)
    monkeypatch.setattr(staff, "ARGON2_PARALLELISM", 1)


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
    _wait_for_worker_threads()
    db_module.close_database()


def _wait_for_worker_threads() -> None:
    """Let work the window runs on Qt's thread pool (the filter counts) end before its test's
    database goes, so that none of it reads the next test's."""
    qt_core = sys.modules.get("PySide6.QtCore")
    if qt_core is not None:
        qt_core.QThreadPool.globalInstance().waitForDone(10_000)


def make_staff() -> dict[str, SignedIn]:
    """One staff member of each role in the bound database: owner, manager, employee."""
    from models.staff import create_staff
    owner = create_staff(None, "Olive Owner", "owner", "2468")
    return {
        "owner": owner,
        "manager": create_staff(owner, "Mona Manager", "manager", "3579"),
        "employee": create_staff(owner, "Eli Employee", "employee", "1357"),
    }


def add_client_as(employee: SignedIn, first: str = "Dana", last: str = "Reyes", *,
                  status: str = "member", email: str | None = "dana@example.com",
                  mobile: str | None = "+15555550123", home_phone: str | None = None) -> int:
    """Add a client through the model layer; returns its id."""
    from models.clients import add_client as add
    from models.clients import make_draft

    draft = make_draft(first, last, status=status, email=email, mobile=mobile, home_phone=home_phone)
    return add(employee, draft).client_ids[0]


@pytest.fixture
def staff(db) -> dict[str, SignedIn]:
    """One signed-in staff member of each role: owner, manager, employee."""
    return make_staff()


@pytest.fixture
def add_client(staff):
    """Add a client through the model layer; returns its id."""
    return functools.partial(add_client_as, staff["employee"])


@dataclass(frozen=True)
class Studio:
    """A database of one hypothesis example: its staff, and `add_client` as the fixture's."""

    staff: dict[str, SignedIn]
    add_client: Callable[..., int]


@pytest.fixture
def fresh_studio(tmp_path: Path) -> Callable[[], ContextManager[Studio]]:
    """`with fresh_studio() as studio:` opens a new migrated database with `staff`'s three
    accounts, bound to the models, and closes it after.

    For hypothesis tests: a function-scoped fixture such as `db` is made once per test and
    shared by all its examples, so an example that needs a clean database opens its own.
    On SQLite each example gets a copy of a template file (fast); on PostgreSQL the test
    database is wiped and migrated again."""
    template = tmp_path / "template.db"
    numbers = itertools.count()
    staff_of_template: dict[str, SignedIn] = {}

    @contextmanager
    def open_one() -> Iterator[Studio]:
        if TEST_DATABASE_URL:
            _wipe_postgres(TEST_DATABASE_URL)
            db_module.open_database(TEST_DATABASE_URL)
            staff = make_staff()
        else:
            if not template.exists():
                db_module.open_database("sqlite:///" + str(template))
                staff_of_template.update(make_staff())
                db_module.close_database()
            path = tmp_path / f"example-{next(numbers)}.db"
            for suffix in ("", "-wal"):
                if Path(str(template) + suffix).exists():
                    shutil.copyfile(str(template) + suffix, str(path) + suffix)
            db_module.open_database("sqlite:///" + str(path), migrate=False)  # a migrated copy
            staff = dict(staff_of_template)
        try:
            yield Studio(staff, functools.partial(add_client_as, staff["employee"]))
        finally:
            db_module.close_database()

    return open_one
