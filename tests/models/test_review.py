"""The Needs review queue's deadlines and decisions (R19, R10): due dates and overdue counts,
marketing held while a text waits, a lock dated when the client texted, "SMS marketing off
only", and a bare CANCEL flagged for a call."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from models.consent import audience, load_consent, set_switch, status_json
from models.errors import InvalidInput
from models.inbound import process_inbound
from models.review import (
    ReviewAction,
    review_counts,
    review_items,
    resolve_review,
    review_status,
    waits_for_review,
)
from models.rules import Channel, MessageKind, Switch
from models.schema import Client, ConsentEvent, InboundMessage, StopLock
from models.timeutil import parse_iso

NY = ZoneInfo("America/New_York")
NUMBER = "+12125550142"
OTHER = "+13055550177"
FRIDAY = datetime(2026, 11, 20, 15, 0, tzinfo=NY)  # the Friday before Thanksgiving week
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=NY)  # the Monday after


@pytest.fixture
def household(add_client, staff) -> dict[str, int]:
    """Priya and her son share a mobile with SMS and voice marketing on; Mateo is on his own."""
    ids = {"priya": add_client("Priya", "Shah", mobile=NUMBER, email="priya@example.com"),
           "dev": add_client("Dev", "Shah", mobile=NUMBER, email=None),
           "mateo": add_client("Mateo", "Garcia", mobile=OTHER, email=None)}
    for client in ids.values():
        for channel in (Channel.SMS, Channel.VOICE):
            set_switch(staff["employee"], client, channel, Switch.MARKETING, True, method="signed_form")
    return ids


def _events_after(event_id: int) -> list[ConsentEvent]:
    return list(ConsentEvent.select().where(ConsentEvent.id > event_id).order_by(ConsentEvent.id))


def _last_event_id() -> int:
    return ConsentEvent.select().count()


def test_r19_items_show_age_and_due_date_sorted_by_due_date_and_overdue_stands_out(household):
    process_inbound(OTHER, "no more texts please", sid="SM-late", at=datetime(2026, 11, 25, 9, tzinfo=NY))
    process_inbound(NUMBER, "please stop texting me", sid="SM-early", at=FRIDAY)
    items = review_items(now=datetime(2026, 12, 8, 9, 0, tzinfo=NY))
    assert [(i.sid, i.due_by, i.overdue) for i in items] == [
        ("SM-early", date(2026, 12, 7), True),  # skips two weekends and Thanksgiving
        ("SM-late", date(2026, 12, 10), False)]
    assert items[0].age == timedelta(days=17, hours=18)
    assert items[0].received_at == FRIDAY.astimezone(timezone.utc)
    assert items[0].actions == (ReviewAction.APPLY_STOP, ReviewAction.MARKETING_OFF, ReviewAction.DISMISS)
    counts = review_counts(datetime(2026, 12, 8, 9, 0, tzinfo=NY))
    assert (counts.waiting, counts.overdue) == (2, 1)
    # On the due date itself nothing is overdue yet.
    counts = review_counts(datetime(2026, 12, 7, 23, 59, tzinfo=NY))
    assert (counts.waiting, counts.overdue) == (2, 0)
    assert not any(i.overdue for i in review_items(now=datetime(2026, 12, 7, 23, 59, tzinfo=NY)))


def test_r19_marketing_to_the_number_is_held_while_its_text_waits(household, staff):
    process_inbound(NUMBER, "please stop texting me", sid="SM-r", at=FRIDAY)
    assert waits_for_review(NUMBER) and not waits_for_review(OTHER)
    receives = load_consent(household["dev"], now=NOW).receives
    for channel in (Channel.SMS, Channel.VOICE):
        for kind in (MessageKind.CAMPAIGN, MessageKind.STACK, MessageKind.AI_OUTREACH):
            decision = receives[channel][kind]
            assert not decision.allowed and decision.held and decision.held_until is None
            assert decision.reason == "held — a possible opt-out waits for review"
        assert receives[channel][MessageKind.REMINDER].allowed  # operational kinds go on
        assert receives[channel][MessageKind.AI_REPLY].allowed
    assert load_consent(household["priya"], now=NOW).receives[Channel.EMAIL][MessageKind.CAMPAIGN].allowed
    assert load_consent(household["mateo"], now=NOW).receives[Channel.SMS][MessageKind.CAMPAIGN].allowed
    counted = audience(Channel.SMS, MessageKind.CAMPAIGN, NOW)
    assert (counted.allowed, counted.held) == (1, 2)
    assert audience(Channel.VOICE, MessageKind.STACK, NOW).held == 2
    assert audience(Channel.SMS, MessageKind.REMINDER, NOW).allowed == 3

    resolve_review(staff["employee"], review_items()[0].message_id, ReviewAction.DISMISS)
    assert load_consent(household["dev"], now=NOW).receives[Channel.SMS][MessageKind.CAMPAIGN].allowed
    assert audience(Channel.SMS, MessageKind.CAMPAIGN, NOW).held == 0


def test_r19_status_lists_the_texts_waiting_with_received_at_and_due_by(household):
    assert status_json(household["priya"], now=NOW)["review"] == []
    process_inbound(NUMBER, "please stop texting me", sid="SM-r", at=datetime(2026, 11, 21, 2, 30, tzinfo=timezone.utc))
    status = status_json(household["priya"], now=NOW)
    # 9:30 p.m. on Friday the 20th in New York: due Monday, December 7.
    assert status["review"] == [{"received_at": "2026-11-21T02:30:00Z", "due_by": "2026-12-07",
                                 "overdue": False, "text": "please stop texting me"}]
    assert status["receives"]["sms"]["campaign"] is False
    assert status["why"]["voice"]["campaign"] == "held — a possible opt-out waits for review"
    assert status["call_client"] == []
    assert status_json(household["mateo"], now=NOW)["review"] == []


def test_r19_a_lock_from_review_is_dated_when_the_client_texted(household, staff):
    process_inbound(NUMBER, "please stop texting me", sid="SM-r", at=FRIDAY)
    before = _last_event_id()
    resolve_review(staff["employee"], review_items()[0].message_id, ReviewAction.APPLY_STOP)
    texted = FRIDAY.astimezone(timezone.utc)
    assert parse_iso(StopLock.get(StopLock.number == NUMBER).locked_at) == texted
    assert load_consent(household["dev"]).channels[Channel.SMS].stop_locked_at == texted
    events = _events_after(before)
    lock_events = [e for e in events if e.switch in ("stop_lock", "all")]
    assert lock_events and all(parse_iso(e.at) == texted for e in lock_events)
    decisions = [e for e in events if e.switch == "review"]
    assert len(decisions) == 2 and all(parse_iso(e.at) > datetime.now(timezone.utc) - timedelta(minutes=1)
                                       for e in decisions)


def test_r10_sms_marketing_off_only_turns_off_promos_for_everyone_on_the_number(household, staff):
    set_switch(staff["employee"], household["dev"], Channel.SMS, Switch.MARKETING, False)
    process_inbound(NUMBER, "no more promos, stop the texts", sid="SM-r", at=FRIDAY)
    before = _last_event_id()
    change = resolve_review(staff["employee"], review_items()[0].message_id, "marketing_off",
                            note="client asked for no promos")
    assert set(change.client_ids) == {household["priya"], household["dev"]}
    for who in ("priya", "dev"):
        sms = load_consent(household[who]).channels[Channel.SMS]
        assert sms.effective_all and not sms.marketing and not sms.stop_locked
        assert load_consent(household[who]).channels[Channel.VOICE].marketing  # SMS only
    assert StopLock.select().count() == 0
    assert load_consent(household["mateo"]).channels[Channel.SMS].marketing
    events = _events_after(before)
    assert [(e.client_id, e.switch, e.old, e.new, e.source) for e in events] == [
        (household["priya"], "marketing", "on", "off", "review_queue"),
        (household["priya"], "review", "open", "marketing_off", "review_queue"),
        (household["dev"], "review", "open", "marketing_off", "review_queue")]
    assert parse_iso(events[0].at) == FRIDAY.astimezone(timezone.utc)
    assert not any(e.new == "on" for e in events)  # nothing in the queue opts in
    assert review_items() == [] and review_items(open_only=False)[0].state == "marketing_off"


def test_r10_a_decision_that_does_not_fit_is_refused_and_changes_nothing(household, staff):
    process_inbound(NUMBER, "please stop texting me", sid="SM-r", at=FRIDAY)
    item = review_items()[0]
    before = _last_event_id()
    with pytest.raises(InvalidInput, match="unknown review decision 'opt_in'"):
        resolve_review(staff["employee"], item.message_id, "opt_in")
    with pytest.raises(InvalidInput, match="not a decision for a text waiting for review"):
        resolve_review(staff["employee"], item.message_id, ReviewAction.CALLED)
    assert _last_event_id() == before and review_items()[0].state == "open"


def test_r10_a_bare_cancel_locks_and_waits_for_a_call_without_holding_or_counting_twice(household, staff):
    result = process_inbound(NUMBER, " Cancel. ", sid="SM-cancel", at=FRIDAY)
    assert result.action == "opt_out" and StopLock.get_or_none(StopLock.number == NUMBER)
    item, = review_items(now=datetime(2027, 1, 30, tzinfo=NY))  # long after any due date
    assert (item.may_mean_appointment, item.due_by, item.overdue) == (True, None, False)
    assert item.actions == (ReviewAction.CALLED,)
    assert (review_counts(datetime(2027, 1, 30, tzinfo=NY)).waiting,
            review_counts(datetime(2027, 1, 30, tzinfo=NY)).overdue) == (1, 0)
    # The lock blocks SMS; voice is not held by it (the CANCEL is no open question).
    assert not waits_for_review(NUMBER)
    assert load_consent(household["dev"], now=NOW).receives[Channel.VOICE][MessageKind.CAMPAIGN].allowed
    status = status_json(household["dev"], now=NOW)
    assert status["review"] == [] and status["call_client"] == [
        {"received_at": "2026-11-20T20:00:00Z", "text": " Cancel. "}]
    assert review_status(None) == {"review": [], "call_client": []}
    with pytest.raises(InvalidInput, match="already locked the number"):
        resolve_review(staff["employee"], item.message_id, ReviewAction.APPLY_STOP)
    resolve_review(staff["employee"], item.message_id, ReviewAction.CALLED, note="meant Tuesday's cut")
    assert review_items() == [] and StopLock.get_or_none(StopLock.number == NUMBER)
    assert InboundMessage.get(InboundMessage.sid == "SM-cancel").review_state == "called"
    # Other opt-out keywords are not flagged.
    process_inbound(OTHER, "STOP", sid="SM-stop")
    assert review_items() == []


def test_r10_the_queue_never_turns_a_switch_on(household, staff):
    process_inbound(NUMBER, "stop", sid="SM-1", at=FRIDAY)
    process_inbound(NUMBER, "stop texting, start calling", sid="SM-2", at=FRIDAY + timedelta(hours=1))
    before = _last_event_id()
    for action in (ReviewAction.MARKETING_OFF,):
        resolve_review(staff["employee"], review_items()[0].message_id, action)
    assert not any(e.new == "on" for e in _events_after(before))
    assert not Client.get_by_id(household["priya"]).sms_all
