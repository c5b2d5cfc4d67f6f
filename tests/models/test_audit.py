"""The consent record (R14): one event per change, written in the change's own transaction,
never updated, hash-chained so that an edited or removed event is found; its filters and
CSV export; clients archived, never deleted.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime, timedelta, timezone

import peewee
import pytest

import models.audit
from models.audit import EXPORT_COLUMNS, EventRecord, export_csv, iter_events, verify_chain
from models.client_list import client_ids
from models.clients import archive_client
from models.consent import load_consent, set_client_ai, set_switch
from models.db import database, is_postgres
from models.errors import ConsentLocked, InvalidInput, NotAllowed, StaleData
from models.inbound import process_inbound
from models.review import ReviewAction, resolve_review, review_items
from models.rules import Channel, Switch
from models.schema import (
    AuditHead,
    Client,
    ConsentEvent,
    InboundMessage,
    StopLock,
    StudioSettings,
)
from models.settings import update_ai_settings
from tests.forger import drop_triggers_of

NUMBER = "+15555550123"
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
EDITABLE = ("at", "actor", "staff_id", "client_id", "number", "channel", "switch", "old", "new",
            "source", "method", "note", "inbound_sid", "prev_hash", "hash")


def events() -> int:
    return ConsentEvent.select().count()


def all_events() -> dict[int, dict]:
    """Every event as stored, keyed by id, with the table's column names."""
    cursor = database.execute_sql("SELECT * FROM consent_event ORDER BY id")
    names = [column[0] for column in cursor.description]
    return {row["id"]: row for row in (dict(zip(names, values)) for values in cursor.fetchall())}


@pytest.fixture
def history(staff, add_client):
    """A studio with a varied record: staff accounts, clients, switches, AI, a STOP, a review."""
    dana = add_client("Dana", "Reyes")
    sam = add_client("Sam", "Reyes", email="sam@example.com")
    set_switch(staff["employee"], dana, Channel.SMS, Switch.MARKETING, True, method="signed_form",
               note="=HYPERLINK(\"http://evil\")")
    set_client_ai(staff["employee"], sam, "replies", False)
    update_ai_settings(staff["manager"], {"ai_outreach": False})
    process_inbound(NUMBER, "STOP", sid="SM-stop", at=datetime(2026, 11, 26, 9, 14, tzinfo=timezone.utc))
    process_inbound("+12125550199", "STOP", sid="SM-nobody")
    process_inbound(NUMBER, "please stop", sid="SM-review")
    resolve_review(staff["owner"], review_items()[0].message_id, ReviewAction.DISMISS)
    return {"dana": dana, "sam": sam}


# --- One change, one event, one transaction -----------------------------------------------------

def test_r14_each_change_writes_exactly_one_event(staff, add_client):
    client = add_client()
    changes = [
        lambda: set_switch(staff["employee"], client, Channel.EMAIL, Switch.MARKETING, False),
        lambda: set_switch(staff["employee"], client, Channel.EMAIL, Switch.MARKETING, True, method="client_email"),
        lambda: set_switch(staff["manager"], client, Channel.VOICE, Switch.ALL, False),
        lambda: set_client_ai(staff["employee"], client, "outreach", False),
        lambda: update_ai_settings(staff["owner"], {"ai_enabled": False}),
        lambda: archive_client(staff["manager"], client),
        lambda: archive_client(staff["manager"], client, archived=False),
    ]
    for change in changes:
        before = events()
        result = change()
        assert events() == before + 1
        assert result.event_ids == (before + 1,)
        assert AuditHead.get_by_id(1).last_event_id == before + 1


def test_r14_ai_settings_write_one_event_per_setting_changed(staff):
    before = events()
    change = update_ai_settings(staff["manager"], {"ai_enabled": False, "ai_reply_all": False,
                                                   "ai_outreach": True})  # outreach is already on
    assert events() == before + 2 and len(change.event_ids) == 2
    new = list(ConsentEvent.select().where(ConsentEvent.id > before))
    assert {(e.switch, e.old, e.new) for e in new} == {("studio:ai_enabled", "on", "off"),
                                                       ("studio:ai_reply_all", "on", "off")}


def test_r14_refused_change_writes_no_event(staff, add_client):
    client = add_client()
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    version = load_consent(client).version
    set_switch(staff["employee"], client, Channel.EMAIL, Switch.ALL, False)
    before, head = events(), AuditHead.select().dicts().get()
    refusals = [
        (ConsentLocked, lambda: set_switch(staff["owner"], client, Channel.SMS, Switch.ALL, True, method="in_person")),
        (ConsentLocked, lambda: set_switch(staff["owner"], client, Channel.EMAIL, Switch.MARKETING, True,
                                           method="in_person")),
        (StaleData, lambda: set_switch(staff["owner"], client, Channel.EMAIL, Switch.ALL, True,
                                       method="in_person", expected_version=version)),
        (InvalidInput, lambda: set_switch(staff["owner"], client, Channel.EMAIL, Switch.ALL, True)),
        (NotAllowed, lambda: update_ai_settings(staff["employee"], {"ai_enabled": False})),
        (NotAllowed, lambda: archive_client(staff["employee"], client)),
    ]
    for error, refused in refusals:
        with pytest.raises(error):
            refused()
        assert events() == before
    assert AuditHead.select().dicts().get() == head


def test_r14_change_and_event_are_one_transaction(staff, add_client, monkeypatch):
    client = add_client()
    stored = Client.select().where(Client.id == client).dicts().get()
    before, head = events(), AuditHead.select().dicts().get()

    def broken_flush(self):
        raise RuntimeError("disk full while writing the event")

    monkeypatch.setattr(models.audit.EventLog, "flush", broken_flush)
    with pytest.raises(RuntimeError):
        set_switch(staff["employee"], client, Channel.EMAIL, Switch.ALL, False)
    with pytest.raises(RuntimeError):
        process_inbound(NUMBER, "STOP", sid="SM-stop")
    with pytest.raises(RuntimeError):
        update_ai_settings(staff["owner"], {"ai_enabled": False})
    # Without its event, no change was kept: not the switch, not the lock, not the setting.
    assert Client.select().where(Client.id == client).dicts().get() == stored
    assert StopLock.select().count() == 0 and InboundMessage.select().count() == 0
    assert StudioSettings.get_by_id(1).ai_enabled is True
    assert events() == before and AuditHead.select().dicts().get() == head


def test_r14_event_says_when_who_what_and_how(staff, add_client):
    client = add_client()
    started = datetime.now(timezone.utc)
    set_switch(staff["manager"], client, Channel.SMS, Switch.MARKETING, True, method="online_form",
               note="web signup")
    event = ConsentEvent.select().order_by(ConsentEvent.id.desc()).get()
    assert ISO_Z.match(event.at)
    at = datetime.strptime(event.at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    assert started - timedelta(seconds=1) <= at <= datetime.now(timezone.utc)
    assert (event.actor, event.staff_id, event.client_id) == ("Mona Manager", staff["manager"].staff_id, client)
    assert (event.channel, event.switch, event.old, event.new) == ("sms", "marketing", "off", "on")
    assert (event.source, event.method, event.note, event.number) == ("staff", "online_form", "web signup", NUMBER)

    process_inbound("(555) 555-0123", "STOP", sid="SM-42", at=datetime(2026, 11, 26, 9, 14, tzinfo=timezone.utc))
    keyword = ConsentEvent.select().where(ConsentEvent.switch == "stop_lock").get()
    assert (keyword.actor, keyword.staff_id, keyword.source, keyword.inbound_sid) == (
        NUMBER, None, "client_keyword", "SM-42")
    assert keyword.at == "2026-11-26T09:14:00.000000Z"  # when the client texted


def test_r14_events_are_never_updated(history, staff):
    before = all_events()
    set_switch(staff["owner"], history["sam"], Channel.EMAIL, Switch.ALL, False)
    process_inbound(NUMBER, "START", sid="SM-start")
    update_ai_settings(staff["owner"], {"ai_outreach": True})
    archive_client(staff["owner"], history["sam"])
    after = all_events()
    assert len(after) > len(before)
    assert {i: after[i] for i in before} == before
    assert verify_chain().ok


def test_r14_archived_clients_keep_their_record_and_cannot_be_deleted(history, staff):
    dana = history["dana"]
    own_events = events_of(dana)
    archive_client(staff["manager"], dana)
    assert dana not in client_ids() and dana in client_ids(include_archived=True)
    assert events_of(dana)[:len(own_events)] == own_events
    assert load_consent(dana).client.archived is True
    with pytest.raises(peewee.IntegrityError), database.atomic():
        Client.delete().where(Client.id == dana).execute()
    assert Client.get_or_none(Client.id == dana) is not None


def events_of(client_id: int) -> list[int]:
    return [e.id for e in iter_events(client_id=client_id)]


# --- The hash chain -------------------------------------------------------------------------------

def _tampered(column: str, value):
    if column in ("staff_id", "client_id"):
        return None if value is not None else 1
    if not value:
        return "1"
    return value[:-1] + ("0" if value[-1] != "0" else "1")


def test_r14_intact_chain_verifies(history):
    check = verify_chain()
    assert check.ok and check.count == events() and check.bad_event_id is None


def test_r14_editing_any_field_of_any_event_is_detected(history):
    drop_triggers_of(database)  # a forger with the owner's access
    rows = all_events()
    assert len(rows) >= 20
    param = database.param
    for event_id, row in rows.items():
        for column in EDITABLE:
            with database.atomic() as txn:
                database.execute_sql(f"UPDATE consent_event SET {column} = {param} WHERE id = {param}",
                                     (_tampered(column, row[column]), event_id))
                check = verify_chain()
                txn.rollback()
            assert not check.ok, (event_id, column)
            assert check.bad_event_id == event_id, (event_id, column, check)
            assert f"event {event_id}" in check.problem
    assert verify_chain().ok  # every edit was rolled back


def test_r14_removing_any_single_event_is_detected(history):
    drop_triggers_of(database)
    ids = sorted(all_events())
    for event_id in ids:
        with database.atomic() as txn:
            ConsentEvent.delete().where(ConsentEvent.id == event_id).execute()
            check = verify_chain()
            txn.rollback()
        assert not check.ok and check.bad_event_id == event_id, (event_id, check)
        assert f"event {event_id}" in check.problem


def test_r14_removing_the_newest_events_is_detected(history):
    last = max(all_events())
    drop_triggers_of(database)
    ConsentEvent.delete().where(ConsentEvent.id > last - 3).execute()
    check = verify_chain()
    assert not check.ok and check.bad_event_id == last - 2 and "missing" in check.problem


@pytest.mark.parametrize("column", EDITABLE)
def test_r14_the_database_refuses_to_update_an_event(history, column):
    """The triggers of migration 0003 refuse an edit through SQL, not only through the program."""
    rows = all_events()
    before = verify_chain()
    event_id = sorted(rows)[len(rows) // 2]
    param = database.param
    with pytest.raises(peewee.IntegrityError, match="never changed or deleted"), database.atomic():
        database.execute_sql(f"UPDATE consent_event SET {column} = {param} WHERE id = {param}",
                             (_tampered(column, rows[event_id][column]), event_id))
    assert all_events() == rows and verify_chain() == before


def test_r14_the_database_refuses_to_delete_an_event(history):
    rows = all_events()
    for doomed in (ConsentEvent.delete().where(ConsentEvent.id == max(rows)),
                   ConsentEvent.delete()):
        with pytest.raises(peewee.IntegrityError, match="never changed or deleted"), database.atomic():
            doomed.execute()
    if is_postgres():
        with pytest.raises(peewee.IntegrityError, match="never changed or deleted"), database.atomic():
            database.execute_sql("TRUNCATE consent_event")
    assert all_events() == rows and verify_chain().ok


def test_r14_the_audit_head_is_never_deleted_and_only_moves_forward(history):
    head = AuditHead.get_by_id(1)
    refused = (
        AuditHead.delete(),
        AuditHead.update(last_event_id=head.last_event_id - 1),
        AuditHead.update(count=head.count - 1),
        AuditHead.update(last_hash="0" * 64),  # the same event with another hash
        AuditHead.update(id=2),
    )
    for query in refused:
        with pytest.raises(peewee.IntegrityError, match="only moves forward"), database.atomic():
            query.execute()
    assert list(AuditHead.select().tuples()) == [(1, head.last_event_id, head.last_hash, head.count)]
    assert verify_chain().ok


def test_r14_new_events_continue_the_chain(history, staff):
    head = AuditHead.get_by_id(1)
    change = set_switch(staff["owner"], history["sam"], Channel.EMAIL, Switch.MARKETING, False)
    event = ConsentEvent.get_by_id(change.event_ids[0])
    assert event.id == head.last_event_id + 1 and event.prev_hash == head.last_hash
    assert AuditHead.get_by_id(1).last_hash == event.hash
    assert verify_chain().ok


# --- Reading and exporting the record ---------------------------------------------------------------

def test_iter_events_filters(history):
    dana = history["dana"]
    mine = list(iter_events(client_id=dana))
    assert mine and all(e.client_id == dana for e in mine)
    # Newest first by when it happened: a STOP texted earlier sorts below a later staff change.
    newest = sorted(mine, key=lambda e: (e.at, e.id), reverse=True)
    assert [e.id for e in iter_events(client_id=dana, newest_first=True)] == [e.id for e in newest]
    keyword = list(iter_events(source="client_keyword"))
    assert keyword and all(e.source == "client_keyword" for e in keyword)
    by_name = list(iter_events(text="reyes"))
    assert {e.client_id for e in by_name} == {dana, history["sam"]}
    assert len(list(iter_events(limit=3))) == 3
    assert list(iter_events(since="2026-11-26T09:14:00.000000Z", until="2026-11-26T09:14:00.000001Z"))
    assert {e.client_name for e in iter_events()} == {"", "Dana Reyes", "Sam Reyes"}


def test_iter_events_reads_each_event_as_it_was_written(history):
    records = list(iter_events())
    assert all(isinstance(e, EventRecord) for e in records)
    stored = {e.id: e for e in ConsentEvent.select()}
    assert len(records) == len(stored)
    for record in records:
        row = stored[record.id]
        assert (record.at, record.actor, record.staff_id, record.client_id, record.number,
                record.channel, record.switch, record.old, record.new, record.source,
                record.method, record.note, record.inbound_sid, record.hash) == (
            row.at, row.actor, row.staff_id, row.client_id, row.number, row.channel, row.switch,
            row.old, row.new, row.source, row.method, row.note, row.inbound_sid, row.hash)


def test_iter_events_names_a_client_without_a_stray_space(staff, add_client):
    client = add_client("Ann", "", email="ann@example.com")
    assert {e.client_name for e in iter_events(client_id=client)} == {"Ann"}


def test_export_csv_writes_the_whole_record_safely(history, tmp_path):
    target = tmp_path / "audit.csv"
    count = export_csv(target)
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert rows[-1][0] == "checkpoint"  # the last line (R14)
    rows = rows[:-1]
    assert count == len(rows) - 1 == events()
    notes = [r[EXPORT_COLUMNS.index("note")] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://evil\")" in notes  # a spreadsheet will not run it
    names = {r[EXPORT_COLUMNS.index("client_name")] for r in rows[1:]}
    assert {"Dana Reyes", "Sam Reyes"} <= names
    assert export_csv(tmp_path / "dana.csv", client_id=history["dana"]) == len(events_of(history["dana"]))


def test_export_csv_keeps_a_spreadsheet_from_running_a_client_name(staff, add_client, tmp_path):
    # Client names come from imported files: one may be a formula, like a note (DESIGN §7).
    add_client("=HYPERLINK(\"http://evil\")", "@SUM(A1)", email="x@example.com")
    export_csv(tmp_path / "audit.csv")
    with (tmp_path / "audit.csv").open(newline="", encoding="utf-8") as handle:
        names = {row["client_name"] for row in csv.DictReader(handle)
                 if row["event_id"] != "checkpoint"} - {""}
    assert names == {"'=HYPERLINK(\"http://evil\") @SUM(A1)"}


def test_export_csv_failing_half_way_keeps_the_previous_file(history, tmp_path, monkeypatch):
    target = tmp_path / "audit.csv"
    export_csv(target)
    good = target.read_bytes()

    rows = models.audit._event_rows

    def failing(**filters):
        yield from list(rows(limit=2))
        raise OSError("disk full")

    monkeypatch.setattr(models.audit, "_event_rows", failing)
    with pytest.raises(OSError):
        export_csv(target)
    assert target.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
