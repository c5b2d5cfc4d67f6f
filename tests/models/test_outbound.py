"""R23: texts sent after STOP. `import-messages` reads outbound rows; the first text within
5 minutes after a STOP is the one confirmation the law allows, recorded on the number's record;
any other text while the number is STOP-locked is a text sent after opt-out, kept for Reports.
"""

from __future__ import annotations

import csv
import itertools
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from models.audit import verify_chain
from models.changes import Touched
from models.inbound import process_inbound
from models.review import ReviewAction, resolve_review, review_items
from models.message_log import import_messages
from models.outbound import CONFIRMATION_WINDOW, LockSpan, lock_spans
from models.schema import ConsentEvent, OutboundMessage, StopLock
from models.timeutil import iso

NUMBER = "+15555550123"
STUDIO = "+15550001111"
#: Two days ago on the minute: a provider's time may not be in the future (R11).
T0 = (datetime.now(timezone.utc) - timedelta(days=2)).replace(second=0, microsecond=0)


def at(minutes: float) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat()


def stop(minutes: float, sid: str = "SM-stop", number: str = NUMBER) -> tuple[str, ...]:
    return (number, STUDIO, "STOP", "received", at(minutes), "inbound", sid)


def start(minutes: float, sid: str = "SM-start", number: str = NUMBER) -> tuple[str, ...]:
    return (number, STUDIO, "START", "received", at(minutes), "inbound", sid)


def sent(minutes: float, sid: str, body: str = "Flash sale: 30% off class packs",
         number: str = NUMBER, direction: str = "outbound-api") -> tuple[str, ...]:
    return (STUDIO, number, body, "delivered", at(minutes), direction, sid)


def write_log(path: Path, rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["From", "To", "Body", "Status", "SentDate", "Direction", "Sid"])
        writer.writerows(rows)
    return path


def kinds() -> dict[str, str]:
    return {row.sid: row.kind for row in OutboundMessage.select()}


def confirmation_events() -> list[ConsentEvent]:
    return list(ConsentEvent.select().where(ConsentEvent.switch == "stop_confirmation")
                .order_by(ConsentEvent.id))


# --- the confirmation and texts after opt-out -----------------------------------------------------

def test_r23_the_first_text_within_5_minutes_after_stop_is_the_confirmation(staff, add_client, tmp_path):
    client = add_client(mobile=NUMBER)
    summary = import_messages(write_log(tmp_path / "log.csv", [
        stop(0), sent(0.5, "SM-c", "You are unsubscribed. Reply START to resubscribe.",
                      direction="outbound-reply")]))
    assert (summary.confirmations, summary.sent_after_stop, summary.outbound_skipped) == (1, 0, 0)
    row = OutboundMessage.get(OutboundMessage.sid == "SM-c")
    assert (row.kind, row.to_number, row.stop_sid, row.status) == ("confirmation", NUMBER, "SM-stop",
                                                                   "delivered")
    assert row.sent_at == iso(T0 + timedelta(seconds=30))
    # Recorded on the number's record, for the client on it, as the import (R14).
    (event,) = confirmation_events()
    assert (event.client_id, event.number, event.channel, event.new, event.source) == (
        client, NUMBER, "sms", "sent", "import")
    assert event.inbound_sid == "SM-stop" and event.at == row.sent_at
    assert event.note == "You are unsubscribed. Reply START to resubscribe."
    assert event.actor == f"Texting provider {STUDIO}"
    change = summary.change()
    assert change.touches(Touched.HISTORY) and change.touches_client(client)
    assert set(change.event_ids) == {event.id}
    assert verify_chain().ok


def test_r23_a_second_text_within_5_minutes_is_sent_after_opt_out(staff, add_client, tmp_path):
    add_client(mobile=NUMBER)
    summary = import_messages(write_log(tmp_path / "log.csv", [
        stop(0), sent(1, "SM-c", "Unsubscribed."), sent(2, "SM-2", "Are you sure? Reply YES")]))
    assert (summary.confirmations, summary.sent_after_stop) == (1, 1)
    assert kinds() == {"SM-c": "confirmation", "SM-2": "after_stop"}
    assert len(confirmation_events()) == 1  # a text after opt-out is no consent change


@pytest.mark.parametrize("minutes, kind", [(5, "confirmation"), (6, "after_stop"), (60 * 24, "after_stop")])
def test_r23_a_text_at_6_minutes_is_sent_after_opt_out_even_as_the_first(
        staff, add_client, tmp_path, minutes, kind):
    add_client(mobile=NUMBER)
    import_messages(write_log(tmp_path / "log.csv", [stop(0), sent(minutes, "SM-1")]))
    assert kinds() == {"SM-1": kind}
    assert len(confirmation_events()) == (kind == "confirmation")
    assert CONFIRMATION_WINDOW == timedelta(minutes=5)


def test_r23_a_text_after_start_or_before_stop_is_fine_and_not_kept(staff, add_client, tmp_path):
    add_client(mobile=NUMBER)
    summary = import_messages(write_log(tmp_path / "log.csv", [
        sent(-10, "SM-before"), stop(0), sent(3, "SM-c"), start(30), sent(31, "SM-after-start"),
        sent(30, "SM-at-start"), sent(2, "SM-other", number="+12125550199")]))
    assert (summary.outbound, summary.outbound_skipped, summary.confirmations,
            summary.sent_after_stop) == (5, 4, 1, 0)
    assert kinds() == {"SM-c": "confirmation"}


def test_r23_the_same_log_imported_twice_changes_nothing(staff, add_client, tmp_path):
    add_client(mobile=NUMBER)
    log = write_log(tmp_path / "log.csv", [stop(0), sent(1, "SM-c"), sent(9, "SM-9"), sent(-1, "SM-0")])
    first = import_messages(log).as_json()
    assert (first["confirmations"], first["sent_after_stop"], first["outbound_skipped"]) == (1, 1, 1)
    stored = sorted(OutboundMessage.select().tuples())
    events = ConsentEvent.select().count()
    again = import_messages(log)
    assert again.as_json()["confirmations"] == again.as_json()["sent_after_stop"] == 0
    assert again.outbound_duplicate == 2 and again.outbound_skipped == 1
    assert sorted(OutboundMessage.select().tuples()) == stored
    assert ConsentEvent.select().count() == events
    assert not again.change().touches(Touched.HISTORY)


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_r23_stop_and_outbound_rows_in_one_file_in_any_row_order(staff, add_client, tmp_path, order):
    add_client(mobile=NUMBER)
    rows = [stop(0), sent(1, "SM-c"), sent(4, "SM-4")]
    import_messages(write_log(tmp_path / "log.csv", [rows[i] for i in order]))
    assert kinds() == {"SM-c": "confirmation", "SM-4": "after_stop"}


def test_r23_a_stop_imported_earlier_counts_for_a_later_log(staff, add_client, tmp_path):
    add_client(mobile=NUMBER)
    process_inbound(NUMBER, "STOP", sid="SM-stop", at=T0)
    first = import_messages(write_log(tmp_path / "a.csv", [sent(1, "SM-c")]))
    second = import_messages(write_log(tmp_path / "b.csv", [sent(2, "SM-2"), sent(0.5, "SM-early")]))
    assert (first.confirmations, second.confirmations, second.sent_after_stop) == (1, 0, 2)
    # One confirmation per STOP: a text found later, even an earlier one, is not a second.
    assert kinds() == {"SM-c": "confirmation", "SM-2": "after_stop", "SM-early": "after_stop"}


def test_r23_each_stop_allows_its_own_confirmation(staff, add_client, tmp_path):
    add_client(mobile=NUMBER)
    import_messages(write_log(tmp_path / "log.csv", [
        stop(0, "SM-s1"), sent(1, "SM-c1"), start(10), stop(20, "SM-s2"), sent(21, "SM-c2"),
        sent(22, "SM-x")]))
    assert kinds() == {"SM-c1": "confirmation", "SM-c2": "confirmation", "SM-x": "after_stop"}
    assert {row.sid: row.stop_sid for row in OutboundMessage.select()} == {
        "SM-c1": "SM-s1", "SM-c2": "SM-s2", "SM-x": "SM-s2"}


def test_r23_a_confirmation_to_a_number_no_client_has_is_on_the_number_alone(staff, tmp_path):
    import_messages(write_log(tmp_path / "log.csv", [stop(0), sent(1, "SM-c")]))
    (event,) = confirmation_events()
    assert event.client_id is None and event.number == NUMBER


def test_r23_a_confirmation_is_on_the_record_of_every_client_on_the_number(staff, add_client, tmp_path):
    dana = add_client("Dana", "Reyes", mobile=NUMBER)
    sam = add_client("Sam", "Reyes", email=None, mobile=NUMBER)
    summary = import_messages(write_log(tmp_path / "log.csv", [stop(0), sent(1, "SM-c")]))
    assert sorted(e.client_id for e in confirmation_events()) == [dana, sam]
    assert summary.confirmed_client_ids == {dana, sam}


def test_r23_a_text_sent_during_a_call_is_a_text(staff, add_client, tmp_path):
    # Twilio's message log says "outbound-call" for a text sent during a call.
    add_client(mobile=NUMBER)
    summary = import_messages(write_log(tmp_path / "log.csv", [
        stop(0), sent(1, "SM-c"), sent(8, "SM-call", direction="outbound-call")]))
    assert summary.sent_after_stop == 1 and kinds()["SM-call"] == "after_stop"


def test_r23_a_bad_outbound_row_is_listed_and_the_rest_applied(staff, add_client, tmp_path):
    add_client(mobile=NUMBER)
    summary = import_messages(write_log(tmp_path / "log.csv", [
        stop(0), (STUDIO, "not a number", "Hi", "sent", at(1), "outbound-api", "SM-bad"),
        (STUDIO, NUMBER, "Hi", "sent", "yesterday-ish", "outbound-api", "SM-bad-time"),
        sent(2, "")[:-1] + ("",), sent(3, "SM-c")]))
    assert [bad["row"] for bad in summary.bad_rows] == [3, 4, 5]
    assert kinds() == {"SM-c": "confirmation"}


# --- a lock applied from the Needs review queue -----------------------------------------------

@pytest.mark.parametrize("lock_dated", ["as stored", "when the client texted"])
def test_r23_a_lock_from_review_counts_as_a_stop_from_when_the_client_texted(
        staff, add_client, tmp_path, lock_dated):
    add_client(mobile=NUMBER)
    process_inbound(NUMBER, "please stop texting me", sid="SM-review", at=T0)
    (item,) = review_items()
    resolve_review(staff["employee"], item.message_id, ReviewAction.APPLY_STOP)
    if lock_dated == "when the client texted":  # as resolve_review dates it once R19 is in
        StopLock.update(locked_at=iso(T0)).where(StopLock.number == NUMBER).execute()
    summary = import_messages(write_log(tmp_path / "log.csv", [
        sent(-1, "SM-before"), sent(2, "SM-c"), sent(60, "SM-hour-later")]))
    assert (summary.outbound_skipped, summary.confirmations, summary.sent_after_stop) == (1, 1, 1)
    assert kinds() == {"SM-c": "confirmation", "SM-hour-later": "after_stop"}
    assert OutboundMessage.get(OutboundMessage.sid == "SM-c").stop_sid == "SM-review"


def test_r23_a_dismissed_review_item_is_no_stop(staff, add_client, tmp_path):
    add_client(mobile=NUMBER)
    process_inbound(NUMBER, "please stop texting me", sid="SM-review", at=T0)
    (item,) = review_items()
    resolve_review(staff["employee"], item.message_id, ReviewAction.DISMISS)
    summary = import_messages(write_log(tmp_path / "log.csv", [sent(2, "SM-1")]))
    assert summary.outbound_skipped == 1 and kinds() == {}


def test_lock_spans_follow_the_history_and_the_lock_on_file() -> None:
    changes = [("2026-01-01T10:00", 1, True, "s1"), ("2026-01-01T11:00", 2, False, "a1"),
               ("2026-01-01T10:30", 3, True, "s-again")]  # a STOP while locked changes nothing
    assert lock_spans(changes, None) == [LockSpan("2026-01-01T10:00", "2026-01-01T11:00", "s1")]
    # A lock the history does not explain holds from the last change on.
    assert lock_spans(changes, ("2026-01-01T09:00", "r1"))[-1] == LockSpan("2026-01-01T11:00", None, "r1")
    assert lock_spans([], ("2026-01-01T09:00", None)) == [LockSpan("2026-01-01T09:00", None, None)]


# --- against a reference model ----------------------------------------------------------------

_ROW = st.tuples(st.sampled_from(["STOP", "START", "sent"]), st.integers(min_value=0, max_value=24))


def _reference(rows: list[tuple[str, int]]) -> dict[str, str]:
    """The kinds R23 gives, worked out the plain way: keywords by time (then file order)
    lock and unlock; a text is after a STOP when the last change at or before its time locked;
    the first text of each lock, if within 5 minutes, is its confirmation."""
    keywords = sorted((t, line, word) for line, (word, t) in enumerate(rows) if word != "sent")
    texts = sorted((t, line) for line, (word, t) in enumerate(rows) if word == "sent")
    expected: dict[str, str] = {}
    confirmed_or_passed: set[int] = set()
    for t, line in texts:
        locked_since = None
        for k_time, k_line, word in keywords:
            if k_time > t:
                break
            if word == "STOP" and locked_since is None:
                locked_since = (k_time, k_line)
            elif word == "START":
                locked_since = None
        if locked_since is None:
            continue
        first = locked_since not in confirmed_or_passed
        confirmed_or_passed.add(locked_since)  # type: ignore[arg-type]
        in_time = (t - locked_since[0]) * 30 <= 300
        expected[f"SM-o{line}"] = "confirmation" if first and in_time else "after_stop"
    return expected


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_ROW, min_size=1, max_size=10))
@example(rows=[("STOP", 0), ("sent", 10)])  # exactly 5 minutes: the confirmation
@example(rows=[("sent", 11), ("STOP", 0)])  # 5½ minutes: after opt-out
@example(rows=[("sent", 3), ("STOP", 3)])  # the STOP's own second counts as locked
@example(rows=[("STOP", 2), ("START", 2), ("sent", 2)])  # a START's own second does not
@example(rows=[("START", 2), ("STOP", 2), ("sent", 2), ("sent", 2)])
def test_r23_property_classification_matches_a_reference_model(fresh_studio, tmp_path, rows) -> None:
    """Random interleavings of STOP, START and outbound texts (times in steps of 30 seconds,
    so ties and the 5-minute edge come up), in random row order, imported twice."""
    log_rows = []
    for line, (word, step) in enumerate(rows):
        minutes = step / 2
        if word == "sent":
            log_rows.append(sent(minutes, f"SM-o{line}"))
        else:
            log_rows.append((NUMBER, STUDIO, word, "received", at(minutes), "inbound", f"SM-i{line}"))
    with fresh_studio() as studio:
        studio.add_client(mobile=NUMBER)
        log = write_log(tmp_path / "log.csv", log_rows)
        summary = import_messages(log)
        expected = _reference(rows)
        assert kinds() == expected
        assert summary.confirmations == len(confirmation_events()) == list(expected.values()).count("confirmation")
        assert summary.sent_after_stop == list(expected.values()).count("after_stop")
        assert summary.outbound == summary.outbound_skipped + len(expected)
        stored = sorted(OutboundMessage.select().tuples())
        again = import_messages(log)
        assert sorted(OutboundMessage.select().tuples()) == stored
        assert (again.confirmations, again.sent_after_stop, again.outbound_duplicate) == (0, 0, len(expected))


def test_r23_r11_a_provider_clock_running_ahead_keeps_the_confirmation_a_confirmation(
        staff, add_client, tmp_path):
    """The provider's clock is an hour ahead for the STOP and for its confirmation alike: both
    are dated when the studio received them (R11), so the confirmation sent seconds after the
    STOP is the one the law allows, not a text sent after opt-out an hour later."""
    add_client(mobile=NUMBER)
    ahead = datetime.now(timezone.utc) + timedelta(hours=1)
    summary = import_messages(write_log(tmp_path / "log.csv", [
        (NUMBER, STUDIO, "STOP", "received", ahead.isoformat(), "inbound", "SM-stop"),
        (STUDIO, NUMBER, "Unsubscribed.", "delivered", (ahead + timedelta(seconds=20)).isoformat(),
         "outbound-reply", "SM-c")]))
    assert (summary.confirmations, summary.sent_after_stop) == (1, 0)
    (event,) = confirmation_events()
    now = iso(datetime.now(timezone.utc))
    assert event.at <= now and OutboundMessage.get(OutboundMessage.sid == "SM-c").sent_at <= now
    assert verify_chain().ok
