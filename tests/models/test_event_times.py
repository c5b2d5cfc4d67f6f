"""When an event was recorded, beside when its change happened (R11, R19): a STOP imported
late is dated when the client texted, but it was recorded — and took effect — after the staff
"on" before it, and the History, the export and the printed record say so."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta, timezone

from models.audit import EXPORT_COLUMNS, export_csv, iter_events, with_recorded_times
from models.consent import set_switch
from models.inbound import process_inbound
from models.record import client_record
from models.review import ReviewAction, resolve_review, review_items
from models.rules import Channel, Switch

NUMBER = "+15555550123"


def _late_stop(staff, add_client) -> int:
    client = add_client()
    set_switch(staff["manager"], client, Channel.SMS, Switch.MARKETING, True, method="signed_form")
    texted = datetime.now(timezone.utc) - timedelta(days=3)
    process_inbound(NUMBER, "STOP", sid="SM-late", at=texted)
    return client


def test_r11_late_stop_after_staff_on_is_newest_recorded_with_both_times(staff, add_client):
    client = _late_stop(staff, add_client)
    by_time = list(iter_events(client_id=client, newest_first=True))
    assert by_time[0].switch == "marketing"  # by when it happened the STOP reads older
    events = with_recorded_times(iter_events(client_id=client, newest_first=True, by_record=True))
    stop = events[0]
    assert stop.inbound_sid == "SM-late" and stop.switch in ("all", "stop_lock")
    staff_on = next(e for e in events if e.switch == "marketing")
    assert stop.at < staff_on.at < stop.recorded_at
    assert staff_on.recorded_at is None  # recorded when it happened


def test_r11_export_and_record_keep_the_record_order_with_both_times(staff, add_client, tmp_path):
    client = _late_stop(staff, add_client)
    path = tmp_path / "audit.csv"
    export_csv(path, client_id=client)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == EXPORT_COLUMNS and EXPORT_COLUMNS[-1] == "recorded_at"
    events = [dict(zip(rows[0], row)) for row in rows[1:-1]]
    assert events[-1]["inbound_sid"] == "SM-late"
    assert events[-1]["recorded_at"] > events[-1]["at"]
    assert all(e["recorded_at"] == e["at"] for e in events if not e["inbound_sid"])
    record = client_record(client)
    assert record.events[-1].inbound_sid == "SM-late"
    assert record.events[-1].recorded_at > record.events[-1].at
    assert [e.id for e in record.events] == sorted(e.id for e in record.events)


def test_r19_review_lock_is_recorded_when_staff_decided(staff, add_client):
    client = add_client()
    texted = datetime.now(timezone.utc) - timedelta(days=2)
    process_inbound(NUMBER, "please stop texting me", sid="SM-review", at=texted)
    item = review_items()[0]
    resolve_review(staff["employee"], item.message_id, ReviewAction.APPLY_STOP)
    events = with_recorded_times(iter_events(client_id=client, newest_first=True, by_record=True))
    lock = next(e for e in events if e.switch == "stop_lock")
    assert lock.at < lock.recorded_at  # dated when texted (R19), recorded when applied
