"""R24: STOPs arrive by themselves — the provider's messages fetched through the twilio
library (pointed at a local fake of its API) and applied exactly as `import-messages` does."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from models import provider, provider_sync, sync_state
from models.audit import verify_chain
from models.consent import load_consent
from models.errors import NotAllowed
from models.message_log import import_messages
from models.provider import (
    Credentials,
    ProviderNotConnected,
    ProviderRefused,
    ProviderUnreachable,
    check_credentials,
    connect_provider,
    disconnect_provider,
    load_connection,
)
from models.provider_sync import SyncStopped, sync_messages
from models.rules import Channel
from models.schema import InboundMessage, OutboundMessage, StopLock
from models.sync_state import SyncBusy, sync_status, take_lease
from models.timeutil import iso
from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, KEY_SECRET, KEY_SID, FakeTwilio, message, plug_in

NUMBER = "+15555550123"
NOW = datetime.now(timezone.utc).replace(microsecond=0)


@pytest.fixture
def fake(monkeypatch, tmp_path) -> FakeTwilio:
    """The fake Twilio, plugged into the library; secrets kept in a private file under tmp."""
    return plug_in(monkeypatch, tmp_path / "data")


@pytest.fixture
def connected(fake, staff) -> FakeTwilio:
    connect_provider(staff["manager"], Credentials(ACCOUNT_SID, AUTH_TOKEN))
    return fake


def _sms(client_id: int):
    return load_consent(client_id).channels[Channel.SMS]


def test_r24_connect_tests_with_one_call_and_keeps_no_secret_in_the_database(fake, staff, db):
    assert "Studio account" in check_credentials(Credentials(ACCOUNT_SID, AUTH_TOKEN))
    assert [path for _, path, _ in fake.calls] == [f"/2010-04-01/Accounts/{ACCOUNT_SID}.json"]
    with pytest.raises(ProviderRefused, match="refused the credentials"):
        check_credentials(Credentials(ACCOUNT_SID, "wrong"))
    place = connect_provider(staff["owner"], Credentials(ACCOUNT_SID, AUTH_TOKEN))
    assert not place.in_keyring and "only you can read" in place.description
    assert load_connection().account_sid == ACCOUNT_SID
    dump = "\n".join(str(row) for row in db.execute_sql("SELECT * FROM provider_account"))
    assert AUTH_TOKEN not in dump
    assert provider.stored_credentials().secret == AUTH_TOKEN
    disconnect_provider(staff["manager"])
    assert load_connection() is None
    with pytest.raises(ProviderNotConnected):
        sync_messages()


def test_r24_api_key_credentials_work_and_bad_shapes_are_one_line(fake, staff):
    assert check_credentials(Credentials(ACCOUNT_SID, KEY_SECRET, KEY_SID))
    with pytest.raises(Exception, match="AC followed by 32"):
        check_credentials(Credentials("ACnope", AUTH_TOKEN))
    with pytest.raises(Exception, match="auth token is empty"):
        connect_provider(staff["owner"], Credentials(ACCOUNT_SID, "  "))


def test_r15_an_employee_cannot_connect_the_provider(fake, staff):
    with pytest.raises(NotAllowed):
        connect_provider(staff["employee"], Credentials(ACCOUNT_SID, AUTH_TOKEN))
    assert load_connection() is None


def test_r24_sync_applies_stop_start_and_texts_after_stop_like_an_import(connected, add_client):
    client = add_client()
    connected.add(
        message("SM1", NUMBER, "STOP", NOW - timedelta(minutes=30)),
        message("SM2", NUMBER, "You are unsubscribed. Reply START to resubscribe.",
                NOW - timedelta(minutes=29), direction="outbound-reply"),
        message("SM3", NUMBER, "Flash sale today!", NOW - timedelta(minutes=20), direction="outbound-api"),
        message("SM4", NUMBER, "please stop texting me", NOW - timedelta(minutes=10)),
        message("SM5", NUMBER, "Queued promo", None, direction="outbound-api", status="queued"),
    )
    summary = sync_messages()
    data = summary.as_json()
    assert data["actions"]["opt_out"] == 1 and data["actions"]["review"] == 1
    assert data["confirmations"] == 1 and data["sent_after_stop"] == 1
    assert data["not_sent_yet"] == 1 and data["fetched"] == 4
    assert _sms(client).stop_locked and not _sms(client).effective_all
    assert StopLock.get_by_id(NUMBER).inbound_sid == "SM1"
    assert client in summary.messages.change().client_ids
    # START, later: the lock lifts.
    connected.add(message("SM6", NUMBER, "START", NOW - timedelta(minutes=1)))
    again = sync_messages().as_json()
    assert again["actions"]["opt_in"] == 1
    assert again["actions"]["duplicate"] == 1  # SM4, in the overlap: fetched again, applied once
    assert not _sms(client).stop_locked and _sms(client).effective_all
    assert verify_chain().ok


def test_r24_sync_and_import_of_the_same_messages_mix_freely(connected, add_client, tmp_path):
    client = add_client()
    at = NOW - timedelta(hours=1)
    log = tmp_path / "log.csv"
    log.write_text("From,To,Body,Status,SentDate,Direction,Sid\n"
                   f"{NUMBER},+12125550100,STOP,received,{iso(at)},inbound,SM1\n", encoding="utf-8")
    import_messages(log)
    connected.add(message("SM1", NUMBER, "STOP", at))
    data = sync_messages().as_json()
    assert data["actions"]["duplicate"] == 1 and data["consent_changes"] == 0
    assert InboundMessage.select().count() == 1 and _sms(client).stop_locked


def test_r11_a_provider_clock_that_runs_ahead_cannot_let_an_older_start_win(connected, add_client):
    client = add_client()
    # A START the provider dates two hours ahead arrives first.
    connected.add(message("SM1", NUMBER, "START", NOW + timedelta(hours=2)))
    sync_messages()
    # The client texts STOP a moment later, dated by a clock that is right.
    time.sleep(0.01)
    connected.add(message("SM2", NUMBER, "STOP", datetime.now(timezone.utc) + timedelta(seconds=1)))
    sync_messages(since=NOW - timedelta(hours=1))
    stored = InboundMessage.get(InboundMessage.sid == "SM1").received_at
    assert stored <= iso(datetime.now(timezone.utc))  # clamped to when the studio got it
    # The STOP processed after the clamped START is the newest word: the number stays locked.
    assert _sms(client).stop_locked


def test_r24_a_page_that_keeps_failing_applies_what_came_before_and_says_so(connected, add_client):
    client = add_client()
    connected.add(message("SM-new", NUMBER, "STOP", NOW - timedelta(minutes=1)))
    connected.add(*(message(f"SM{i:03}", "+15555550999", "hi", NOW - timedelta(minutes=10 + i))
                    for i in range(5)))
    connected.page_failures[1] = [500] * 9
    provider_sync.PAGE_SIZE, saved = 3, provider_sync.PAGE_SIZE
    try:
        with pytest.raises(SyncStopped) as stopped:
            sync_messages()
    finally:
        provider_sync.PAGE_SIZE = saved
    error = stopped.value
    assert error.applied_sids == ["SM-new", "SM000", "SM001"]
    assert "3 newest messages (1 page) were applied" in str(error)
    assert "HTTP 500" in str(error)
    assert _sms(client).stop_locked  # the STOP among them did not wait
    status = sync_status()
    assert status.failing and "HTTP 500" in status.last_failure
    # Where the next sync starts did not move: it fetches everything again, once each.
    connected.page_failures.clear()
    data = sync_messages().as_json()
    assert data["fetched"] == 6 and data["actions"]["duplicate"] == 3
    assert not sync_status().failing


def test_r24_a_passing_failure_is_retried(connected, add_client):
    client = add_client()
    connected.add(message("SM1", NUMBER, "STOP", NOW - timedelta(minutes=1)))
    connected.page_failures[0] = [503, 429]
    assert sync_messages().as_json()["actions"]["opt_out"] == 1
    assert _sms(client).stop_locked


def test_r24_refused_and_unreachable_apply_nothing_and_say_why(connected, add_client):
    add_client()
    connected.add(message("SM1", NUMBER, "STOP", NOW))
    connected.unreachable = True
    with pytest.raises(ProviderUnreachable, match="cannot reach Twilio"):
        sync_messages()
    connected.unreachable = False
    provider.save_secret(provider.secret_name(ACCOUNT_SID, None), "wrong")
    with pytest.raises(ProviderRefused, match="HTTP 401"):
        sync_messages()
    assert InboundMessage.select().count() == 0 and StopLock.select().count() == 0
    assert "HTTP 401" in sync_status().last_failure


def test_r24_one_sync_at_a_time_across_workstations(connected):
    token = take_lease()
    with pytest.raises(SyncBusy):
        sync_messages()
    sync_state.release_lease(token)
    sync_messages()
    # A lease a dead workstation left lapses.
    take_lease()
    with pytest.raises(SyncBusy):
        take_lease()
    real_now = sync_state.now
    sync_state.now = lambda: real_now() + sync_state.LEASE + timedelta(seconds=1)
    try:
        take_lease()
    finally:
        sync_state.now = real_now


def test_r24_ten_thousand_messages_in_pages_of_1000_sync_in_seconds_and_again_change_nothing(
        connected, add_client):
    clients = [add_client(mobile=f"+1555555{i:04}") for i in range(20)]
    start = NOW - timedelta(days=2)
    connected.add(*(message(f"SM{i:05}", f"+1555555{i % 20:04}", "STOP" if i == 9_999 else f"see you {i}",
                            start + timedelta(seconds=i))
                    for i in range(10_000)))
    began = time.monotonic()
    seen: list[tuple[int, int, int]] = []
    first = sync_messages(progress=lambda *step: seen.append(step))
    assert time.monotonic() - began < 20
    assert first.pages == 10 and first.fetched == 10_000
    assert [fetched for fetched, _, total in seen if total == 0] == list(range(1000, 10_001, 1000))
    assert seen[-1][1:] == (10_000, 10_000)
    assert InboundMessage.select().count() == 10_000
    assert _sms(clients[19]).stop_locked
    events = verify_chain().count
    second = sync_messages(since=start - timedelta(minutes=1)).as_json()
    assert second["actions"]["duplicate"] == 10_000 and second["consent_changes"] == 0
    assert verify_chain().count == events and OutboundMessage.select().count() == 0


def test_r24_staleness_after_one_business_day_without_messages(connected, add_client):
    monday = datetime(2026, 11, 16, 15, 0, tzinfo=timezone.utc)  # 10 a.m. in New York
    sync_state.record_success(ACCOUNT_SID, None)
    success = sync_status().last_success_at
    assert not sync_status(at=success + timedelta(hours=20)).stale
    assert sync_status(at=success + timedelta(days=4)).stale
    assert sync_state.one_business_day_after(monday) == datetime(2026, 11, 17, 15, 0, tzinfo=timezone.utc)
    friday = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
    assert sync_state.one_business_day_after(friday) == datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)


def test_r24_a_studio_that_never_texted_is_not_warned(db):
    assert not sync_status().stale and not sync_status().connected


def test_r24_a_text_that_came_another_way_does_not_move_where_the_sync_starts(connected, add_client):
    """The last sync ended two days ago; since then one text came through `inbound`. The STOP
    the provider received yesterday is still fetched: a newer text from elsewhere says nothing
    of the provider's messages before it."""
    from models.inbound import process_inbound

    client = add_client()
    connected.add(message("SM-old", "+15555550999", "hi", NOW - timedelta(days=2)))
    sync_messages()
    connected.add(message("SM-yesterday", NUMBER, "STOP", NOW - timedelta(days=1)))
    process_inbound("+15555550998", "hello", sid="SM-other", at=NOW - timedelta(minutes=1))
    data = sync_messages().as_json()
    assert data["actions"]["opt_out"] == 1
    assert _sms(client).stop_locked
