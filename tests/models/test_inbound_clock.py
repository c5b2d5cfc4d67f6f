"""A provider's clock that runs ahead (R11): a keyword's time is never later than the moment the
studio received it, so an older START dated in the future cannot outrank a newer STOP.

What "the last keyword wins" means when clocks lie. The studio cannot know when a text was
really sent; it knows the provider's time, and when it processed the text itself. A keyword is
therefore ranked by its *recorded* time: the provider's time, but never later than the moment
the studio processed it. Then:

- a keyword processed now whose provider clock is not behind (the `inbound` command without
  `--at`, or any provider time at or after now) always decides the number's state, whatever
  was received before it — no START from "tomorrow" can outrank it;
- a keyword whose provider says it is older than one already recorded (a log imported late,
  R11's out-of-order batch) does not win over it;
- ties go to the one received later;
- a provider time more than a day ahead is not a clock's mistake but a typo, refused as bad input.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import models.inbound
import models.timeutil
from models.audit import verify_chain
from models.consent import load_consent
from models.inbound import process_inbound
from models.message_log import import_messages
from models.rules import Channel
from models.schema import ConsentEvent, InboundMessage, StopLock
from models.timeutil import iso, iso_now, now
from tests.models.test_inbound import write_log

NUMBER = "+15555550123"
T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


def locked() -> bool:
    return StopLock.get_or_none(StopLock.number == NUMBER) is not None


def sms_on(client_id: int) -> bool:
    return load_consent(client_id).channels[Channel.SMS].effective_all


def received_at(sid: str) -> str:
    return InboundMessage.get(InboundMessage.sid == sid).received_at


def test_r11_a_start_dated_20_hours_ahead_cannot_disable_a_real_stop_after_it(add_client):
    client = add_client(mobile=NUMBER)
    before = iso_now()
    start = process_inbound(NUMBER, "START", sid="SM-ahead", at=now() + timedelta(hours=20))
    assert start.action == "opt_in" and not start.changed  # nothing was locked
    assert received_at("SM-ahead") <= iso_now()  # recorded as received, not in the future
    assert received_at("SM-ahead") >= before

    stop = process_inbound(NUMBER, "STOP", sid="SM-real-stop")
    assert (stop.action, stop.changed) == ("opt_out", True)
    assert locked() and not sms_on(client)
    assert verify_chain().ok


def test_r11_a_lock_lifted_by_a_start_dated_ahead_is_set_again_by_the_next_stop(add_client):
    client = add_client(mobile=NUMBER)
    process_inbound(NUMBER, "STOP", sid="SM-1", at=now() - timedelta(hours=1))
    lifted = process_inbound(NUMBER, "START", sid="SM-2", at=now() + timedelta(hours=20))
    assert lifted.changed and not locked()  # the START is the newest word: it lifts the lock
    note = ConsentEvent.select().where(ConsentEvent.inbound_sid == "SM-2").first().note
    assert "provider's time" in note and "ahead of this computer's clock" in note  # the claim is kept
    assert process_inbound(NUMBER, "STOP", sid="SM-3").changed
    assert locked() and not sms_on(client)


def test_r11_a_log_row_dated_ahead_is_recorded_as_received_and_a_stop_after_it_locks(
        add_client, tmp_path: Path):
    client = add_client(mobile=NUMBER)
    ahead = (now() + timedelta(hours=20)).strftime("%Y-%m-%dT%H:%M:%SZ")
    log = write_log(tmp_path / "log.csv", [(NUMBER, "+15550001111", "START", "received", ahead,
                                            "inbound", "SM-log-start")])
    summary = import_messages(log)
    assert summary.bad_rows == [] and summary.inbound == 1
    assert received_at("SM-log-start") <= iso_now()
    assert process_inbound(NUMBER, "STOP", sid="SM-stop").changed
    assert locked() and not sms_on(client)


def test_r11_a_log_dated_a_year_ahead_is_a_bad_row_not_a_time(add_client, tmp_path: Path):
    add_client(mobile=NUMBER)
    typo = (now() + timedelta(days=366)).strftime("%Y-%m-%dT%H:%M:%SZ")
    log = write_log(tmp_path / "log.csv", [
        (NUMBER, "+15550001111", "START", "received", typo, "inbound", "SM-typo"),
        (NUMBER, "+15550001111", "STOP", "received", "2026-11-26T09:00:00Z", "inbound", "SM-ok"),
    ])
    summary = import_messages(log)
    assert [bad["row"] for bad in summary.bad_rows] == [2]
    assert "more than a day in the future" in summary.bad_rows[0]["error"]
    assert locked()


def test_r11_texts_of_one_log_dated_ahead_keep_their_providers_order(add_client, tmp_path: Path):
    """Two keywords both ahead of the clock are recorded at the same moment; the provider's
    order between them still decides (the log lists them newest first)."""
    add_client(mobile=NUMBER)
    later = (now() + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    earlier = (now() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    log = write_log(tmp_path / "log.csv", [
        (NUMBER, "+15550001111", "STOP", "received", later, "inbound", "SM-b"),
        (NUMBER, "+15550001111", "START", "received", earlier, "inbound", "SM-a"),
    ])
    import_messages(log)
    assert locked()
    assert received_at("SM-a") == received_at("SM-b") <= iso_now()


# --- The property: random provider clocks ---------------------------------------------------------

#: One keyword: what it says, how long after the previous one the studio processes it (seconds),
#: and how far its provider's clock is from the studio's (seconds, under a day either way).
_STEP = st.tuples(st.sampled_from(["STOP", "START"]),
                  st.integers(min_value=0, max_value=4 * 3600),
                  st.one_of(st.just(0), st.integers(min_value=-86_000, max_value=86_000)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(_STEP, min_size=1, max_size=8))
@example(steps=[("START", 0, 20 * 3600), ("STOP", 60, 0)])  # the case
@example(steps=[("STOP", 0, 0), ("START", 0, 0)])  # the same moment: the later one wins
def test_r11_property_a_keyword_ranks_by_its_time_never_later_than_received(
        fresh_studio, monkeypatch: pytest.MonkeyPatch, steps) -> None:
    """Keywords received one after another, each with its provider's clock off by up to a day
    either way. After each: its recorded time is not after the moment it was processed; the
    number's state is that of the keyword with the latest recorded time (ties to the one
    received later); and a keyword whose provider's clock is not behind always decides."""
    clock = [T0]
    monkeypatch.setattr(models.timeutil, "now", lambda: clock[0])
    monkeypatch.setattr(models.inbound, "now", lambda: clock[0])
    with fresh_studio() as studio:
        client = studio.add_client(mobile=NUMBER)
        latest: str | None = None
        model_locked = False
        for index, (keyword, wait, offset) in enumerate(steps):
            clock[0] += timedelta(seconds=wait)
            sid = f"SM-{index}"
            process_inbound(NUMBER, keyword, sid=sid, at=clock[0] + timedelta(seconds=offset))
            recorded = min(iso(clock[0] + timedelta(seconds=offset)), iso(clock[0]))
            assert received_at(sid) == recorded <= iso(clock[0])
            if latest is None or recorded >= latest:
                latest, model_locked = recorded, keyword == "STOP"
            if offset >= 0:
                assert model_locked is (keyword == "STOP")  # the newest word decides
            assert locked() is model_locked
            assert sms_on(client) is not model_locked
