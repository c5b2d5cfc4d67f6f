"""R14: a number's events (STOP, START, review decisions) belong to the history and export of
every client who had that number at the time, including one added after the STOP; every export
ends with the checkpoint of the record."""

from __future__ import annotations

import csv
from datetime import datetime, timezone
from pathlib import Path

import pytest

from models.audit import (
    CHECKPOINT_LABEL,
    EXPORT_COLUMNS,
    GENESIS_HASH,
    chain_checkpoint,
    event_hash,
    export_csv,
    iter_events,
    verify_chain,
    verify_checkpoint,
)
from models.clients import update_addresses
from models.db import database
from models.errors import InvalidInput, NotAllowed, NotFound
from models.inbound import process_inbound
from models.review import ReviewAction, resolve_review, review_items
from models.record import client_record, record_for
from models.schema import AuditHead, ConsentEvent
from tests.forger import drop_triggers_of

NUMBER = "+15555550123"
OTHER = "+15555550177"
STOP_AT = datetime(2026, 11, 26, 9, 14, tzinfo=timezone.utc)


def number_events(client_id: int, **filters) -> list[tuple[str, str | None, str | None]]:
    return [(e.switch, e.new, e.inbound_sid) for e in iter_events(client_id=client_id, **filters)
            if e.switch in ("stop_lock", "review")]


def read_export(path: Path) -> tuple[list[dict[str, str]], list[str]]:
    """The event rows of an export, and its last line's cells."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    return [dict(zip(EXPORT_COLUMNS, row)) for row in rows[1:-1]], rows[-1]


def test_r14_a_client_added_after_the_stop_has_the_stop_in_history(staff, add_client):
    process_inbound(NUMBER, "STOP", sid="SM-stop", at=STOP_AT)  # nobody has the number yet
    late = add_client("Lee", "Kim", mobile=NUMBER)
    assert number_events(late) == [("stop_lock", "on", "SM-stop")]
    history = list(iter_events(client_id=late, newest_first=True, limit=200))
    assert [e.inbound_sid for e in history if e.switch == "stop_lock"] == ["SM-stop"]


def test_r14_a_client_given_a_stopped_number_later_has_the_stop(staff, add_client):
    dana = add_client("Dana", "Reyes", mobile=NUMBER)
    sam = add_client("Sam", "Reyes", email="sam@example.com", mobile=None)
    process_inbound(NUMBER, "STOP", sid="SM-stop", at=STOP_AT)
    update_addresses(staff["employee"], sam, email="sam@example.com", mobile="(555) 555-0123",
                     home_phone=None)
    assert number_events(sam) == [("stop_lock", "on", "SM-stop")]
    assert number_events(dana) == [("stop_lock", "on", "SM-stop")]  # her own copy, once


def test_r14_housemates_see_the_stop_once_with_their_own_copy(staff, add_client):
    dana = add_client("Dana", "Reyes", mobile=NUMBER)
    sam = add_client("Sam", "Reyes", email="sam@example.com", mobile=NUMBER)
    process_inbound(NUMBER, "STOP", sid="SM-stop", at=STOP_AT)
    for client in (dana, sam):
        stops = [e for e in iter_events(client_id=client) if e.switch == "stop_lock"]
        assert [e.client_id for e in stops] == [client]


def test_r14_a_client_who_moved_away_keeps_the_stop_made_while_they_had_the_number(staff, add_client):
    dana = add_client("Dana", "Reyes", mobile=NUMBER)
    sam = add_client("Sam", "Reyes", email="sam@example.com", mobile=NUMBER)
    process_inbound(NUMBER, "STOP", sid="SM-stop", at=STOP_AT)
    update_addresses(staff["employee"], dana, email="dana@example.com", mobile=OTHER, home_phone=None)
    process_inbound(NUMBER, "START", sid="SM-start")  # after Dana left: Sam's, not hers
    assert number_events(dana) == [("stop_lock", "on", "SM-stop")]
    assert number_events(sam) == [("stop_lock", "on", "SM-stop"), ("stop_lock", "off", "SM-start")]


def test_r14_review_decisions_on_the_number_reach_a_later_client(staff, add_client):
    process_inbound(NUMBER, "please stop texting me", sid="SM-review")
    resolve_review(staff["employee"], review_items()[0].message_id, ReviewAction.APPLY_STOP)
    late = add_client("Lee", "Kim", mobile=NUMBER)
    assert sorted(number_events(late)) == [("review", "applied", "SM-review"),
                                           ("stop_lock", "on", "SM-review")]


def test_r14_history_pages_hold_each_number_event_once(staff, add_client):
    clients = [add_client("Dana", f"Reyes{i}", email=None, mobile=NUMBER) for i in range(3)]
    for day in range(1, 21):
        word = "STOP" if day % 2 else "START"
        process_inbound(NUMBER, word, sid=f"SM-{day}", at=datetime(2026, 10, day, tzinfo=timezone.utc))
    late = add_client("Lee", "Kim", email=None, mobile=NUMBER)
    whole = [e.id for e in iter_events(client_id=late, newest_first=True)]
    paged: list[int] = []
    before = None
    while True:
        page = list(iter_events(client_id=late, newest_first=True, limit=7, before=before))
        if not page:
            break
        paged += [e.id for e in page]
        before = (page[-1].at, page[-1].id)
    assert paged == whole and len(set(paged)) == len(paged)
    assert len([sid for s, _, sid in number_events(late) if s == "stop_lock"]) == 20
    first = whole[-1]
    assert [e.id for e in iter_events(client_id=late, after_id=first)] == sorted(whole)[1:]
    assert clients  # the three who had it all along see the same twenty once each
    assert len([e for e in iter_events(client_id=clients[0]) if e.switch == "stop_lock"]) == 20


def test_r14_export_of_a_client_includes_their_numbers_events(staff, add_client, tmp_path):
    process_inbound(NUMBER, "STOP", sid="SM-stop", at=STOP_AT)
    late = add_client("Lee", "Kim", mobile=NUMBER)
    count = export_csv(tmp_path / "lee.csv", client_id=late)
    rows, last = read_export(tmp_path / "lee.csv")
    assert count == len(rows)
    assert [r["inbound_sid"] for r in rows if r["switch"] == "stop_lock"] == ["SM-stop"]
    assert last == [CHECKPOINT_LABEL, chain_checkpoint()]


def test_r14_export_of_a_number_holds_every_event_on_it(staff, add_client, tmp_path):
    dana = add_client("Dana", "Reyes", mobile=NUMBER)
    sam = add_client("Sam", "Reyes", email="sam@example.com", mobile=NUMBER)
    add_client("Lee", "Kim", email="lee@example.com", mobile=OTHER)
    process_inbound(NUMBER, "STOP", sid="SM-stop", at=STOP_AT)
    process_inbound(OTHER, "STOP", sid="SM-other", at=STOP_AT)
    export_csv(tmp_path / "number.csv", number=NUMBER)
    rows, last = read_export(tmp_path / "number.csv")
    assert rows and {r["number"] for r in rows} == {"'" + NUMBER}  # escaped: never a formula (§7)
    stops = [r for r in rows if r["switch"] == "stop_lock"]
    assert sorted(int(r["client_id"]) for r in stops) == sorted([dana, sam])
    stored = ConsentEvent.select().where(ConsentEvent.number == NUMBER).count()
    assert len(rows) == stored
    assert last[0] == CHECKPOINT_LABEL


def test_r14_the_checkpoint_is_the_head_of_the_chain(staff, add_client, tmp_path):
    add_client()
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    export_csv(tmp_path / "audit.csv")
    rows, last = read_export(tmp_path / "audit.csv")
    head = AuditHead.get_by_id(1)
    assert last == [CHECKPOINT_LABEL, f"{head.last_event_id}:{head.last_hash}"]
    assert rows[-1]["event_id"] == str(head.last_event_id) and rows[-1]["hash"] == head.last_hash
    assert verify_checkpoint(last[1]).ok


def test_r14_a_checkpoint_exposes_a_chain_rewritten_wholesale(staff, add_client):
    client = add_client()
    checkpoint = chain_checkpoint()
    assert verify_checkpoint(checkpoint).ok
    # Someone with the database file edits an event and recomputes every hash after it and
    # the head: the chain fits together again, but no longer holds the checkpoint.
    rewrite_chain(lambda row: row | {"note": "forged"} if row["client_id"] == client else row)
    assert verify_chain().ok
    result = verify_checkpoint(checkpoint)
    assert not result.ok and result.bad_event_id == int(checkpoint.partition(":")[0])
    assert "rewritten" in (result.problem or "")


def rewrite_chain(edit) -> None:
    cursor = database.execute_sql("SELECT * FROM consent_event ORDER BY id")
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, values)) for values in cursor.fetchall()]
    prev = GENESIS_HASH
    with database.atomic():
        drop_triggers_of(database)  # a forger with the owner's access
        for row in rows:
            row = edit(row)
            row["prev_hash"] = prev
            row["hash"] = prev = event_hash(prev, row)
            ConsentEvent.update(note=row["note"], prev_hash=row["prev_hash"], hash=row["hash"]) \
                .where(ConsentEvent.id == row["id"]).execute()
        AuditHead.update(last_hash=prev).where(AuditHead.id == 1).execute()


@pytest.mark.parametrize("text", ["", "12", "x:abc", "3:" + "g" * 64, "3:abc"])
def test_r14_a_malformed_checkpoint_is_refused(db, text):
    with pytest.raises(InvalidInput):
        verify_checkpoint(text)


def test_r14_the_client_record_reads_their_numbers_events_and_the_checkpoint(staff, add_client):
    dana = add_client("Dana", "Reyes", mobile=NUMBER)
    process_inbound(NUMBER, "STOP", sid="SM-stop", at=STOP_AT)
    update_addresses(staff["employee"], dana, email="dana@example.com", mobile=OTHER, home_phone=None)
    record = client_record(dana)
    assert record.name == "Dana Reyes" and record.numbers == (OTHER, NUMBER)
    assert [e.inbound_sid for e in record.events if e.switch == "stop_lock"] == ["SM-stop"]
    # In the order recorded, which is the order they took effect (R11): the STOP dated days
    # back says when it was recorded too.
    assert [e.id for e in record.events] == sorted(e.id for e in record.events)
    stop = next(e for e in record.events if e.switch == "stop_lock")
    assert stop.recorded_at is not None and stop.recorded_at > stop.at
    assert record.check.ok and record.checkpoint == chain_checkpoint()
    assert record_for(staff["manager"], dana).checkpoint == record.checkpoint


def test_r15_an_employee_cannot_read_a_client_record(staff, add_client):
    with pytest.raises(NotAllowed):
        record_for(staff["employee"], add_client())


def test_r14_a_client_record_of_no_client_is_refused(db):
    with pytest.raises(NotFound):
        client_record(404)
