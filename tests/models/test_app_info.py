"""What the program says about itself (issue 11): its version, its log — rotated, private."""

from __future__ import annotations

import logging
import os
import stat

import pytest

from models import app_info


def test_the_version_is_the_packages() -> None:
    version = app_info.app_version()
    assert version and version[0].isdigit() and version.count(".") >= 1


@pytest.fixture
def small_log(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """A log that rolls over every few hundred bytes, taken off the root logger afterwards."""
    monkeypatch.setattr(app_info, "LOG_MAX_BYTES", 400)
    path = app_info.start_logging(tmp_path / "logs" / "optin-desk.log")
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", None) == str(path):
            root.removeHandler(handler)
            handler.close()


def test_the_log_rotates_and_never_grows_without_bound(small_log) -> None:
    for number in range(200):
        logging.getLogger("optin-desk").error("internal error number %d", number)
    files = sorted(small_log.parent.iterdir())
    assert [f.name for f in files] == ["optin-desk.log", "optin-desk.log.1", "optin-desk.log.2",
                                       "optin-desk.log.3"]
    assert all(f.stat().st_size <= 400 + 200 for f in files)
    assert "number 199" in small_log.read_text(encoding="utf-8")


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_log_and_its_rotated_files_are_the_owners_only(small_log) -> None:
    for number in range(50):
        logging.getLogger("optin-desk").error("line %d", number)
    for path in small_log.parent.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(small_log.parent.stat().st_mode) == 0o700


def test_starting_twice_adds_one_handler(small_log) -> None:
    before = len(logging.getLogger().handlers)
    assert app_info.start_logging(small_log) == small_log
    assert len(logging.getLogger().handlers) == before


def test_the_database_in_use_is_named(db, database_url) -> None:
    named = app_info.database_in_use()
    if database_url.startswith("sqlite"):
        assert named == database_url.removeprefix("sqlite:///")
    else:
        assert named.startswith("PostgreSQL database ")
