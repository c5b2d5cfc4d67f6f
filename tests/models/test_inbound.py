"""Inbound texts in the model layer: the STOP lock (R6, R7), START (R8), keywords end to end (R9),
the Needs review queue (R10), idempotence and order (R11), message-log imports, and
concurrency with a STOP processed by another process on the same database (R16).
"""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from models.audit import verify_chain
from models.changes import Touched
from models.client_list import ClientFilter, client_ids
from models.consent import load_consent, set_switch
from models.db import sqlite_path
from models.errors import (
    ConsentLocked,
    InvalidAddress,
    InvalidInput,
    NotFound,
    StaleData,
)
from models.inbound import MessageRecord, inbound_change, process_inbound, recent_messages
from models.message_log import import_messages
from models.review import ReviewAction, open_review_count, resolve_review, review_items
from models.rules import Channel, MessageKind, Switch
from models.schema import AuditHead, Client, ConsentEvent, InboundMessage, StopLock

ROOT = Path(__file__).resolve().parents[2]
NUMBER = "+15555550123"
T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


def events() -> int:
    return ConsentEvent.select().count()


def locked(number: str = NUMBER) -> bool:
    return StopLock.get_or_none(StopLock.number == number) is not None


def sms(client_id: int):
    return load_consent(client_id).channels[Channel.SMS]


def write_log(path: Path, rows: list[tuple[str, ...]]) -> Path:
    """A provider message log with Twilio's columns."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["From", "To", "Body", "Status", "SentDate", "Direction", "Sid"])
        writer.writerows(rows)
    return path


def subprocess_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "OPTIN_DESK_DATABASE_URL"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    env["PYTHONPATH"] = str(ROOT)
    return env


# --- R6: STOP locks the number ------------------------------------------------------------------------

def test_r6_one_stop_locks_every_client_with_the_number_in_any_format(staff, add_client):
    dana = add_client("Dana", "Reyes", mobile="(555) 555-0123")
    sam = add_client("Sam", "Reyes", mobile="+1 555 555 0123")
    other = add_client("Ana", "Silva", mobile="(555) 555-0124")
    before = events()

    result = process_inbound("555.555.0123", "STOP", sid="SM-stop", at=T0)

    assert (result.action, result.changed, set(result.clients)) == ("opt_out", True, {dana, sam})
    for client in (dana, sam):
        assert sms(client).stop_locked and not sms(client).effective_all
        assert Client.get_by_id(client).sms_all is False
    assert sms(other).effective_all and not sms(other).stop_locked
    new = list(ConsentEvent.select().where(ConsentEvent.id > before).order_by(ConsentEvent.id))
    assert {(e.client_id, e.switch) for e in new} == {(dana, "stop_lock"), (dana, "all"),
                                                      (sam, "stop_lock"), (sam, "all")}
    for event in new:
        assert (event.actor, event.source, event.inbound_sid, event.number) == (
            NUMBER, "client_keyword", "SM-stop", NUMBER)
        assert (event.old, event.new) == (("off", "on") if event.switch == "stop_lock" else ("on", "off"))
    assert StopLock.get_by_id(NUMBER).locked_at == "2026-11-26T09:00:00.000000Z"


def test_r6_lock_belongs_to_the_number_not_the_clients(staff, add_client):
    result = process_inbound(NUMBER, "STOP", sid="SM-stop")
    assert result.clients == () and result.changed and locked()
    event = ConsentEvent.select().order_by(ConsentEvent.id.desc()).get()
    assert (event.switch, event.client_id, event.number) == ("stop_lock", None, NUMBER)
    # A client added later with that number starts locked, with SMS All off.
    client = add_client(mobile="555-555-0123")
    assert sms(client).stop_locked and Client.get_by_id(client).sms_all is False
    assert not load_consent(client).receives[Channel.SMS][MessageKind.REMINDER].allowed


def test_r6_a_second_stop_changes_nothing_more(staff, add_client):
    client = add_client()
    process_inbound(NUMBER, "STOP", sid="SM1", at=T0)
    before, version = events(), Client.get_by_id(client).version
    result = process_inbound(NUMBER, "Stop!", sid="SM2", at=T0 + timedelta(minutes=1))
    assert (result.action, result.changed) == ("opt_out", False)
    assert events() == before and Client.get_by_id(client).version == version
    assert StopLock.get_by_id(NUMBER).locked_at.startswith("2026-11-26T09:00")  # the first STOP's time


def test_r6_malformed_number_is_refused_and_records_nothing(staff):
    before = InboundMessage.select().count()
    for bad in ("call me", "123", ""):
        with pytest.raises(InvalidAddress):
            process_inbound(bad, "STOP")
    with pytest.raises(InvalidInput):
        process_inbound(NUMBER, "STOP", sid="   ")
    assert InboundMessage.select().count() == before and not locked()


# --- R8: START ------------------------------------------------------------------------------------

@pytest.mark.parametrize("keyword", ["START", "unstop", "Start."])
def test_r8_start_lifts_the_lock_and_marketing_returns_to_its_stored_value(staff, add_client, keyword):
    client = add_client()
    set_switch(staff["employee"], client, Channel.SMS, Switch.MARKETING, True, method="signed_form")
    process_inbound(NUMBER, "STOP", sid="SM1", at=T0)
    assert not sms(client).effective_marketing and sms(client).marketing  # kept while locked

    result = process_inbound(NUMBER, keyword, sid="SM2", at=T0 + timedelta(hours=1))

    assert (result.action, result.changed, result.clients) == ("opt_in", True, (client,))
    assert not locked()
    state = sms(client)
    assert state.effective_all and state.effective_marketing and not state.stop_locked
    event = ConsentEvent.select().where(ConsentEvent.switch == "all").order_by(ConsentEvent.id.desc()).get()
    assert (event.old, event.new, event.method, event.source) == ("off", "on", "client_keyword", "client_keyword")


def test_r8_opt_in_from_an_unlocked_number_is_recorded_and_changes_nothing(staff, add_client):
    client = add_client()
    set_switch(staff["employee"], client, Channel.SMS, Switch.ALL, False, note="asked at the desk")
    before, stored = events(), Client.select().where(Client.id == client).dicts().get()

    result = process_inbound(NUMBER, "START", sid="SM-start")

    assert (result.action, result.changed) == ("opt_in", False)
    assert events() == before
    assert Client.select().where(Client.id == client).dicts().get() == stored
    message = InboundMessage.get(InboundMessage.sid == "SM-start")
    assert (message.keyword, message.applied, message.from_number) == ("opt_in", False, NUMBER)


def test_r8_after_start_staff_may_turn_sms_back_off_and_on(staff, add_client):
    client = add_client()
    process_inbound(NUMBER, "STOP", sid="SM1", at=T0)
    process_inbound(NUMBER, "START", sid="SM2", at=T0 + timedelta(hours=1))
    set_switch(staff["employee"], client, Channel.SMS, Switch.ALL, False)
    set_switch(staff["employee"], client, Channel.SMS, Switch.ALL, True, method="client_phone_call")
    assert sms(client).effective_all


# --- R9: keywords end to end ---------------------------------------------------------------------------

@pytest.mark.parametrize("body", ["HELP", "info?"])
def test_r9_help_is_recorded_and_changes_no_consent(staff, add_client, body):
    client = add_client()
    before = events()
    result = process_inbound(NUMBER, body, sid="SM-help")
    assert (result.action, result.changed) == ("help", False)
    assert events() == before and sms(client).effective_all
    assert InboundMessage.get(InboundMessage.sid == "SM-help").keyword == "help"


@pytest.mark.parametrize("body", ["YES", "Yes!", "yes please"])
def test_r9_yes_never_lifts_a_lock(staff, add_client, body):
    client = add_client()
    process_inbound(NUMBER, "STOP", sid="SM1", at=T0)
    result = process_inbound(NUMBER, body, sid="SM2", at=T0 + timedelta(hours=1))
    assert result.action == "none" and not result.changed
    assert locked() and not sms(client).effective_all


# --- R10: Needs review ----------------------------------------------------------------------------------

def test_r10_text_with_an_opt_out_word_waits_for_review_and_changes_nothing(staff, add_client):
    client = add_client("Leah", "Nguyen")
    before = events()
    result = process_inbound("(555) 555-0123", "please stop texting me", sid="SM-review", at=T0)
    assert (result.action, result.changed) == ("review", False)
    assert inbound_change(result).touched == Touched.MESSAGES | Touched.REVIEW
    assert events() == before and not locked() and sms(client).effective_all
    items = review_items()
    assert [(i.sid, i.number, i.client_ids, i.client_names, i.state) for i in items] == [
        ("SM-review", NUMBER, (client,), ("Leah Nguyen",), "open")]
    assert open_review_count() == 1
    assert client_ids(which=ClientFilter.NEEDS_REVIEW) == [client]


def test_r10_staff_can_apply_the_stop_lock_from_review_and_it_is_recorded(staff, add_client):
    dana, sam = add_client("Dana", "Reyes"), add_client("Sam", "Reyes")
    process_inbound(NUMBER, "Stop sending these", sid="SM-review")
    item = review_items()[0]
    before = events()

    change = resolve_review(staff["employee"], item.message_id, ReviewAction.APPLY_STOP, note="clear opt-out")

    assert change.touches(Touched.REVIEW) and set(change.client_ids) == {dana, sam}
    assert locked() and not sms(dana).effective_all and not sms(sam).effective_all
    new = list(ConsentEvent.select().where(ConsentEvent.id > before))
    assert {e.switch for e in new} == {"stop_lock", "all", "review"}
    assert all(e.source == "review_queue" and e.actor == "Eli Employee" for e in new)
    assert all(e.inbound_sid == "SM-review" for e in new)
    assert open_review_count() == 0 and review_items() == []
    assert review_items(open_only=False)[0].state == "applied"
    with pytest.raises(StaleData):  # someone else resolved it a moment ago
        resolve_review(staff["manager"], item.message_id, ReviewAction.DISMISS)
    with pytest.raises(NotFound):
        resolve_review(staff["manager"], 9999, ReviewAction.DISMISS)


def test_r10_dismissing_is_recorded_and_locks_nothing(staff, add_client):
    client = add_client()
    process_inbound(NUMBER, "can you remove me from the list", sid="SM-review")
    before = events()
    resolve_review(staff["employee"], review_items()[0].message_id, ReviewAction.DISMISS)
    assert not locked() and sms(client).effective_all
    event = ConsentEvent.select().order_by(ConsentEvent.id.desc()).get()
    assert events() == before + 1
    assert (event.switch, event.old, event.new, event.source) == ("review", "open", "dismissed", "review_queue")


def test_r10_nothing_in_the_queue_can_opt_a_client_in(staff, add_client):
    client = add_client()
    process_inbound(NUMBER, "STOP", sid="SM1", at=T0)
    process_inbound(NUMBER, "don't stop, START again please", sid="SM2", at=T0 + timedelta(hours=1))
    process_inbound(NUMBER, "stop start", sid="SM3", at=T0 + timedelta(hours=2))
    items = review_items()
    assert [i.sid for i in items] == ["SM2", "SM3"]
    resolve_review(staff["owner"], items[0].message_id, ReviewAction.DISMISS)
    resolve_review(staff["owner"], items[1].message_id, ReviewAction.APPLY_STOP)
    assert locked() and not sms(client).effective_all


# --- R11: once, in order -----------------------------------------------------------------------------------

def test_r11_same_message_id_is_processed_once(staff, add_client):
    client = add_client()
    first = process_inbound(NUMBER, "STOP", sid="SM-1", at=T0)
    before = events()
    again = process_inbound(NUMBER, "STOP", sid="SM-1", at=T0)
    replay = process_inbound(NUMBER, "START", sid="SM-1", at=T0 + timedelta(hours=1))
    assert first.action == "opt_out"
    assert (again.action, replay.action) == ("duplicate", "duplicate")
    assert not again.changed and not replay.changed
    assert InboundMessage.select().where(InboundMessage.sid == "SM-1").count() == 1
    assert events() == before and locked() and not sms(client).effective_all


def test_r11_an_older_keyword_arriving_late_does_not_win(staff, add_client):
    client = add_client()
    process_inbound(NUMBER, "STOP", sid="SM-stop", at=T0 + timedelta(hours=1))
    before = events()
    late = process_inbound(NUMBER, "START", sid="SM-start", at=T0)  # sent before the STOP
    assert (late.action, late.changed) == ("opt_in", False)
    assert locked() and not sms(client).effective_all and events() == before
    # …and the other way round: a STOP older than the START that lifted the lock is stale too.
    process_inbound(NUMBER, "START", sid="SM-start-2", at=T0 + timedelta(hours=2))
    stale_stop = process_inbound(NUMBER, "STOP", sid="SM-stop-old", at=T0 + timedelta(minutes=90))
    assert not stale_stop.changed and not locked() and sms(client).effective_all


@pytest.mark.parametrize("first_state, rows, ends_locked", [
    # STOP at 10:00 and START at 09:00, listed newest first: the STOP is the last keyword.
    ("unlocked", [("STOP", "2026-11-26 10:00:00 +0000", "SMa"), ("START", "2026-11-26T09:00:00Z", "SMb")], True),
    # START at 10:00 and STOP at 09:00, listed newest first: the START is the last keyword.
    ("unlocked", [("START", "2026-11-26T10:00:00Z", "SMc"), ("STOP", "2026-11-26T09:00:00Z", "SMd")], False),
    ("locked", [("STOP", "2026-11-26T10:00:00Z", "SMe"), ("START", "2026-11-26T09:00:00Z", "SMf")], True),
])
def test_r11_out_of_order_log_is_applied_by_time_so_the_last_keyword_wins(
        staff, add_client, tmp_path, first_state, rows, ends_locked):
    client = add_client()
    if first_state == "locked":
        process_inbound(NUMBER, "STOP", sid="SM-earlier", at=T0 - timedelta(days=1))
    log = write_log(tmp_path / "log.csv", [("(555) 555-0123", "+15550001111", body, "received", at,
                                            "inbound", sid) for body, at, sid in rows])
    summary = import_messages(log)
    assert summary.inbound == 2 and summary.bad_rows == []
    assert locked() is ends_locked
    assert sms(client).effective_all is not ends_locked
    assert verify_chain().ok


def test_import_messages_skips_outbound_lists_bad_rows_and_applies_the_good(staff, add_client, tmp_path):
    dana = add_client("Dana", "Reyes", mobile=NUMBER)
    ana = add_client("Ana", "Silva", mobile="+12125550199")
    log = write_log(tmp_path / "log.csv", [
        ("+15550001111", NUMBER, "Your class is at 6", "delivered", "2026-11-26T08:00:00Z", "outbound-api", "SM1"),
        (NUMBER, "+15550001111", "STOP", "received", "2026-11-26T08:05:00Z", "inbound", "SM2"),
        ("not a number", "+15550001111", "STOP", "received", "2026-11-26T08:06:00Z", "inbound", "SM3"),
        ("+12125550199", "+15550001111", "STOP", "received", "the day after", "inbound", "SM4"),
        ("+12125550199", "+15550001111", "please stop", "received", "2026-11-26T08:07:00Z", "inbound", ""),
        ("(212) 555-0199", "+15550001111", "HELP", "received", "Thu, 26 Nov 2026 08:09:00 +0000", "inbound", "SM6"),
        ("+15550001111", "+12125550199", "Reply STOP to opt out", "sent", "2026-11-26T08:10:00Z", "outbound-reply", "SM7"),
    ])
    summary = import_messages(log).as_json()
    assert summary["rows"] == 7 and summary["inbound"] == 2 and summary["outbound_skipped"] == 2
    assert summary["actions"]["opt_out"] == 1 and summary["actions"]["help"] == 1
    assert summary["consent_changes"] == 1
    assert [bad["row"] for bad in summary["bad_rows"]] == [4, 5, 6]  # spreadsheet row numbers
    assert "not a number" in summary["bad_rows"][0]["error"]
    assert locked(NUMBER) and not locked("+12125550199")
    assert not sms(dana).effective_all and sms(ana).effective_all
    assert {m.sid for m in recent_messages()} == {"SM2", "SM6"}  # outbound texts are not recorded

    # Running the same file again is safe: every text is a duplicate, nothing changes.
    before = events()
    again = import_messages(log).as_json()
    assert again["actions"]["duplicate"] == 2 and again["consent_changes"] == 0 and events() == before


def test_recent_messages_are_records_newest_first(staff, add_client):
    add_client()
    process_inbound(NUMBER, "STOP", sid="SM-1", at=T0, to="+12125550100")
    process_inbound(NUMBER, "please stop texting me", sid="SM-2", at=T0 + timedelta(minutes=5))
    shown = recent_messages()
    assert all(isinstance(m, MessageRecord) for m in shown)
    assert [(m.sid, m.keyword, m.applied, m.review_state, m.to_number) for m in shown] == [
        ("SM-2", "review", False, "open", None), ("SM-1", "opt_out", True, None, "+12125550100")]
    stored = InboundMessage.get(InboundMessage.sid == "SM-1")
    assert shown[1] == MessageRecord(stored.id, "SM-1", NUMBER, "+12125550100", "STOP",
                                     stored.received_at, "opt_out", True, None)
    assert [m.sid for m in recent_messages(limit=1)] == ["SM-2"]


def test_import_messages_refuses_a_file_without_the_columns(staff, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("From,Body,SentDate\n+15555550123,STOP,2026-11-26T09:00:00Z\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="missing columns To, Status, Direction, Sid"):
        import_messages(path)
    with pytest.raises(InvalidInput, match="no such file"):
        import_messages(tmp_path / "nothere.csv")
    assert InboundMessage.select().count() == 0 and not locked()


# --- R16: concurrency with another process ------------------------------------------------------------

def test_r16_stop_from_another_process_refuses_a_stale_staff_on(staff, add_client, database_url, tmp_path):
    client = add_client()
    set_switch(staff["employee"], client, Channel.SMS, Switch.ALL, False)
    shown = load_consent(client).version  # the profile on screen: SMS All off, unlocked
    head = AuditHead.get_by_id(1).last_event_id  # what an open profile polls to refresh

    done = subprocess.run(
        [sys.executable, "main.py", "inbound", "--from", "(555) 555-0123", "--body", "STOP",
         "--sid", "SM-elsewhere", "--database-url", database_url],
        cwd=ROOT, env=subprocess_env(tmp_path), check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert AuditHead.get_by_id(1).last_event_id > head  # seen here: the profile can refresh

    with pytest.raises((StaleData, ConsentLocked)):
        set_switch(staff["employee"], client, Channel.SMS, Switch.ALL, True, method="in_person",
                   expected_version=shown)
    with pytest.raises(ConsentLocked):  # reloaded, it is refused by the lock itself
        set_switch(staff["employee"], client, Channel.SMS, Switch.ALL, True, method="in_person",
                   expected_version=load_consent(client).version)
    assert Client.get_by_id(client).sms_all is False and locked()


#: Another process texting STOP and START in turn. Both sides pause briefly between writes:
#: SQLite's busy handler sleeps and retries, so a writer that never pauses starves the other.
RACE_SCRIPT = """
import sys, time
from models.db import open_database
from models.inbound import process_inbound
open_database(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
for i in range(int(sys.argv[2])):
    process_inbound(sys.argv[3], "STOP" if i % 2 == 0 else "START", sid=f"race-{i}")
    time.sleep(0.002)
print("done", flush=True)
"""

VIOLATIONS_SQL = ("SELECT COUNT(*) FROM client JOIN stop_lock ON stop_lock.number = client.mobile "
                  "WHERE client.sms_all")


def test_r16_stop_always_wins_over_a_concurrent_staff_on(staff, add_client, database_url, tmp_path):
    path = sqlite_path(database_url)
    if path is None:
        pytest.skip("the invariant is read with plain sqlite3")
    clients = [add_client("Dana", "Reyes"), add_client("Sam", "Reyes", mobile="+1 555 555 0123")]
    rounds = 160
    proc = subprocess.Popen([sys.executable, "-c", RACE_SCRIPT, database_url, str(rounds), NUMBER],
                            cwd=ROOT, env=subprocess_env(tmp_path), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    violations: list[int] = []
    checks = [0]
    stop_reader = threading.Event()

    def read_invariant() -> None:
        reader = sqlite3.connect(path, timeout=30)
        try:
            while not stop_reader.is_set():
                count = reader.execute(VIOLATIONS_SQL).fetchone()[0]
                checks[0] += 1
                if count:
                    violations.append(count)
                time.sleep(0.0002)  # let the writers have the interpreter too
        finally:
            reader.close()

    outcomes = {"on": 0, "locked": 0, "stale": 0}
    reader_thread = threading.Thread(target=read_invariant)
    try:
        assert proc.stdout.readline().strip() == "ready"
        reader_thread.start()
        proc.stdin.write("go\n")
        proc.stdin.flush()
        turn = 0
        while proc.poll() is None:
            client = clients[turn % 2]
            set_switch(staff["employee"], client, Channel.SMS, Switch.ALL, False)
            shown = load_consent(client).version if turn % 3 == 0 else None
            try:
                set_switch(staff["owner"], client, Channel.SMS, Switch.ALL, True, method="in_person",
                           expected_version=shown)
                outcomes["on"] += 1
            except ConsentLocked:
                outcomes["locked"] += 1
            except StaleData:
                outcomes["stale"] += 1
            turn += 1
            time.sleep(0.002)  # the other process's turn at the write lock
        out, err = proc.communicate(timeout=60)
    finally:
        stop_reader.set()
        if reader_thread.is_alive():
            reader_thread.join()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0 and "done" in out, err
    assert violations == [], f"a locked number had SMS All on in {len(violations)} of {checks[0]} reads"
    assert checks[0] > 0
    assert outcomes["on"] > 0 and outcomes["locked"] + outcomes["stale"] > 0, outcomes
    # The subprocess ended on START (an even number of rounds): unlocked, and nothing lost.
    assert not locked()
    assert InboundMessage.select().where(InboundMessage.sid.startswith("race-")).count() == rounds
    check = verify_chain()
    assert check.ok, check.problem
