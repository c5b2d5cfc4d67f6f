"""The PostgreSQL desk role (R14, DESIGN §5): scripts/postgres-desk-role.sql gives the
workstations a role that does a day's work at the desk and cannot change, delete or truncate
a consent event, nor drop a table or a trigger.

Runs when OPTIN_DESK_TEST_DATABASE_URL (the owner, who may wipe and migrate the database and
run the script) and OPTIN_DESK_TEST_DESK_URL (the same database as `optin_desk`) are given;
`.ci/run` gives both.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import peewee
import pytest

from models.audit import verify_chain
from models.client_import import import_clients
from models.clients import archive_client
from models.consent import set_client_ai, set_switch
from models.db import close_database, connect, database, open_database
from models.errors import DatabaseTooOld, SignInRefused
from models.inbound import process_inbound
from models.migrations import current_version, latest_version
from models.review import ReviewAction, resolve_review, review_items
from models.rules import Channel, Switch
from models.schema import AuditHead, Client, ConsentEvent, StopLock
from models.settings import update_ai_settings
from models.staff import reset_pin, sign_in
from tests.conftest import TEST_DATABASE_URL, add_client_as, make_staff

DESK_URL = os.environ.get("OPTIN_DESK_TEST_DESK_URL")
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "postgres-desk-role.sql"
NUMBER = "+15555550123"

pytestmark = pytest.mark.skipif(
    not (DESK_URL and TEST_DATABASE_URL and TEST_DATABASE_URL.startswith("postgres")),
    reason="needs OPTIN_DESK_TEST_DATABASE_URL (owner) and OPTIN_DESK_TEST_DESK_URL (desk role)")


@pytest.fixture
def desk() -> Iterator[peewee.Database]:
    """The test database wiped and migrated by the owner, the script run by the owner, and the
    models bound to a connection as the desk role."""
    assert TEST_DATABASE_URL and DESK_URL
    owner = connect(TEST_DATABASE_URL)
    owner.connect()
    owner.execute_sql("DROP SCHEMA public CASCADE")
    owner.execute_sql("CREATE SCHEMA public")
    owner.close()
    open_database(TEST_DATABASE_URL)  # the owner creates the tables and runs the migrations
    close_database()
    owner.connect()
    owner.execute_sql(SCRIPT.read_text(encoding="utf-8"))  # as an administrator would, once
    owner.close()
    db = open_database(DESK_URL)  # at the latest version already: the desk migrates nothing
    assert db.execute_sql("SELECT current_user").fetchone()[0] == "optin_desk"
    yield db
    close_database()


def test_r14_the_desk_role_does_a_days_work(desk, tmp_path: Path):
    assert current_version(desk) == latest_version()
    staff = make_staff()  # the first run's owner and the accounts they add
    dana = add_client_as(staff["employee"], "Dana", "Reyes", mobile=NUMBER)
    sam = add_client_as(staff["employee"], "Sam", "Reyes", email="sam@example.com", mobile=None)
    set_switch(staff["employee"], dana, Channel.SMS, Switch.MARKETING, True, method="signed_form")
    set_switch(staff["manager"], sam, Channel.EMAIL, Switch.MARKETING, False)
    set_client_ai(staff["employee"], sam, "replies", False)
    update_ai_settings(staff["manager"], {"ai_outreach": False})
    at = datetime(2026, 11, 26, 9, 14, tzinfo=timezone.utc)
    process_inbound(NUMBER, "STOP", sid="SM-stop", at=at)
    assert StopLock.get_or_none(StopLock.number == NUMBER) is not None
    process_inbound(NUMBER, "START", sid="SM-start", at=at.replace(hour=10))
    assert StopLock.get_or_none(StopLock.number == NUMBER) is None  # START lifted the lock
    process_inbound(NUMBER, "please stop", sid="SM-review", at=at.replace(hour=11))
    resolve_review(staff["owner"], review_items()[0].message_id, ReviewAction.DISMISS)
    archive_client(staff["manager"], sam)
    reset_pin(staff["owner"], staff["employee"].staff_id, "97531")
    with pytest.raises(SignInRefused, match="Wrong PIN"):
        sign_in(staff["employee"].staff_id, "1357")
    assert sign_in(staff["employee"].staff_id, "97531") == staff["employee"]
    csv_file = tmp_path / "clients.csv"
    csv_file.write_text("first_name,last_name,email,mobile,home_phone,status\n"
                        "Lee,Kim,lee@example.com,(212) 555-0199,,member\n",
                        encoding="utf-8")
    assert import_clients(csv_file, who=staff["owner"]).imported == 1
    assert Client.select().count() == 3
    check = verify_chain()
    assert check.ok and check.count == ConsentEvent.select().count() > 10


@pytest.mark.parametrize("sql", [
    "UPDATE consent_event SET note = 'edited'",
    "DELETE FROM consent_event",
    "TRUNCATE consent_event",
    "DELETE FROM audit_head",
    "TRUNCATE audit_head",
    "INSERT INTO schema_version (version, applied_at) VALUES (99, 'now')",
])
def test_r14_the_desk_role_may_not_change_or_remove_the_record(desk, sql):
    make_staff()
    events = list(ConsentEvent.select().tuples())
    with pytest.raises(peewee.ProgrammingError, match="permission denied"), database.atomic():
        database.execute_sql(sql)
    assert list(ConsentEvent.select().tuples()) == events and verify_chain().ok


@pytest.mark.parametrize("sql", [
    "DROP TRIGGER consent_event_no_update ON consent_event",
    "ALTER TABLE consent_event DISABLE TRIGGER consent_event_no_delete",
    "ALTER TABLE consent_event DISABLE TRIGGER ALL",
    "DROP TABLE consent_event CASCADE",
    "ALTER TABLE consent_event ADD COLUMN forged TEXT",
    "DROP FUNCTION optin_refuse_change() CASCADE",
])
def test_r14_the_desk_role_may_not_remove_the_guard(desk, sql):
    make_staff()
    with pytest.raises(peewee.ProgrammingError, match="must be (the )?owner"), database.atomic():
        database.execute_sql(sql)
    head = AuditHead.get_by_id(1)
    with pytest.raises(peewee.IntegrityError, match="only moves forward"), database.atomic():
        AuditHead.update(last_event_id=head.last_event_id - 1).execute()


def test_a_database_older_than_the_program_is_one_line_for_the_desk_role(desk, tmp_path: Path):
    """The desks may not migrate (they may not alter tables): an out-of-date database is said
    in one line naming what to do, not as an internal error (DESIGN §4, issue 11)."""
    close_database()
    owner = connect(TEST_DATABASE_URL)
    owner.connect()
    latest = latest_version()
    owner.execute_sql("DELETE FROM schema_version WHERE version = %s", (latest,))
    try:
        with pytest.raises(DatabaseTooOld) as refused:
            open_database(DESK_URL)
        text = str(refused.value)
        assert f"has schema {latest - 1} and this Opt-In Desk needs {latest}" in text
        assert "open it once as the database's owner" in text and "\n" not in text
        done = subprocess.run([sys.executable, "main.py", "verify-audit", "--database-url", DESK_URL],
                              cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True,
                              env={**os.environ, "XDG_DATA_HOME": str(tmp_path)}, timeout=60)
        assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
        assert "internal error" not in done.stderr and "needs" in done.stderr
    finally:
        owner.execute_sql("INSERT INTO schema_version (version, applied_at) VALUES (%s, 'now')",
                          (latest,))
        owner.close()
