"""The manager's reports (R15): clients per channel and consent state, opt-outs per month."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from models.clients import archive_client
from models.consent import set_switch
from models.errors import InvalidInput, NotAllowed
from models.inbound import process_inbound
from models.message_log import import_messages
from models.reports import (
    CHANNEL_STATES,
    ChannelState,
    OptOutMonth,
    _month_keys,
    SentAfterStop,
    channel_state_counts,
    opt_out_months,
    texts_sent_after_stop,
)
from models.review import ReviewAction, resolve_review, review_items
from models.rules import CHANNELS, Channel, Switch
from models.timeutil import iso

NOW = datetime.now(timezone.utc)


def _this_month() -> str:
    return f"{NOW:%Y-%m}"


def _months_ago(count: int) -> datetime:
    """The 15th of the month `count` months before this one (UTC)."""
    index = NOW.year * 12 + NOW.month - 1 - count
    return datetime(index // 12, index % 12 + 1, 15, 12, 0, tzinfo=timezone.utc)


# --- who may read them ----------------------------------------------------------------------------

@pytest.mark.parametrize("report", [channel_state_counts, opt_out_months, texts_sent_after_stop])
def test_r15_reports_are_for_managers_and_owners(staff, report) -> None:
    with pytest.raises(NotAllowed, match="manager or owner"):
        report(staff["employee"])
    assert report(staff["manager"]) == report(staff["owner"])


# --- clients per channel and state ----------------------------------------------------------------

@pytest.fixture
def studio(staff, add_client) -> dict[str, int]:
    """Five clients in different states; a sixth archived."""
    ids = {
        # email + mobile: Email Marketing on (R4a default), SMS/calls Marketing off.
        "dana": add_client("Dana", "Reyes", email="dana@example.com", mobile="+12125550101"),
        # the mobile texted STOP: SMS STOP-locked; calls to that mobile are not (R6).
        "sam": add_client("Sam", "Kim", email=None, mobile="+12125550102"),
        # Email All off; SMS Marketing on.
        "leah": add_client("Leah", "Nguyen", email="leah@example.com", mobile="+12125550103"),
        # a home phone only.
        "omar": add_client("Omar", "Haddad", email=None, mobile=None, home_phone="+12125550104"),
        # Email Marketing off by staff.
        "ella": add_client("Ella", "Martin", email="ella@example.com", mobile=None),
        "gone": add_client("Gone", "Away", email="gone@example.com", mobile="+12125550105"),
    }
    employee = staff["employee"]
    process_inbound("+12125550102", "STOP", sid="SM-sam")
    set_switch(employee, ids["leah"], Channel.EMAIL, Switch.ALL, False)
    set_switch(employee, ids["leah"], Channel.SMS, Switch.MARKETING, True, method="signed_form")
    set_switch(employee, ids["ella"], Channel.EMAIL, Switch.MARKETING, False)
    archive_client(staff["manager"], ids["gone"])
    return ids


def test_each_active_client_is_in_one_state_per_channel(staff, studio) -> None:
    counts = channel_state_counts(staff["manager"])
    assert set(counts) == set(CHANNELS)
    for channel in CHANNELS:
        assert set(counts[channel]) == set(CHANNEL_STATES)
        assert sum(counts[channel].values()) == 5, channel  # the archived client is not counted
    S = ChannelState
    assert counts[Channel.EMAIL] == {S.NO_ADDRESS: 2, S.ALL_OFF: 1, S.STOP_LOCKED: 0,
                                     S.MARKETING_OFF: 1, S.MARKETING_ON: 1}
    assert counts[Channel.SMS] == {S.NO_ADDRESS: 2, S.ALL_OFF: 0, S.STOP_LOCKED: 1,
                                   S.MARKETING_OFF: 1, S.MARKETING_ON: 1}
    # R6: the lock is on texts only; calls to Sam's mobile keep their own switches.
    assert counts[Channel.VOICE] == {S.NO_ADDRESS: 2, S.ALL_OFF: 0, S.STOP_LOCKED: 0,
                                     S.MARKETING_OFF: 3, S.MARKETING_ON: 0}
    assert counts[Channel.HOME] == {S.NO_ADDRESS: 4, S.ALL_OFF: 0, S.STOP_LOCKED: 0,
                                    S.MARKETING_OFF: 1, S.MARKETING_ON: 0}


def test_r4_marketing_counts_only_while_all_is_on(staff, studio) -> None:
    # Dana's stored Email Marketing stays on while All is off: she is "All off", not "Marketing on".
    set_switch(staff["employee"], studio["dana"], Channel.EMAIL, Switch.ALL, False)
    email = channel_state_counts(staff["manager"])[Channel.EMAIL]
    assert email[ChannelState.MARKETING_ON] == 0 and email[ChannelState.ALL_OFF] == 2


def test_counts_of_an_empty_studio_are_zero(staff) -> None:
    counts = channel_state_counts(staff["owner"])
    assert all(value == 0 for states in counts.values() for value in states.values())


# --- opt-outs per month ---------------------------------------------------------------------------

def _totals(who, **kwargs) -> list[tuple[str, int]]:
    """The opt-outs of each month as ("2026-11", count) pairs, oldest first."""
    return [(entry.month, entry.total) for entry in opt_out_months(who, **kwargs)]


def test_opt_outs_give_every_month_oldest_first(staff) -> None:
    months = _totals(staff["manager"], now=NOW)
    assert len(months) == 12 and [count for _, count in months] == [0] * 12
    assert months[-1][0] == _this_month()
    assert [key for key, _ in months] == sorted(key for key, _ in months)


def test_opt_outs_count_staff_turning_off_and_stop_locks(staff, add_client) -> None:
    dana = add_client("Dana", "Reyes", mobile="+12125550101")
    sam = add_client("Sam", "Reyes", email="sam@example.com", mobile="+12125550101")  # shares it
    leah = add_client("Leah", "Nguyen", email="leah@example.com", mobile="+12125550103")
    add_client("Omar", "Haddad", email=None, mobile="+12125550104")
    employee = staff["employee"]
    # This month: two staff opt-outs; an opt-in and an AI switch are not opt-outs.
    set_switch(employee, dana, Channel.EMAIL, Switch.MARKETING, False)
    set_switch(employee, leah, Channel.VOICE, Switch.ALL, False)
    set_switch(employee, leah, Channel.SMS, Switch.MARKETING, True, method="in_person")
    # Two months ago: STOP from the Reyes' shared mobile: one lock event per client on it,
    # and their SMS All turned off by the keyword is not counted a second time.
    process_inbound("+12125550101", "STOP", sid="SM-1", at=_months_ago(2))
    process_inbound("+12125550101", "START", sid="SM-2", at=_months_ago(2) + timedelta(days=1))
    # Fourteen months ago: out of the window.
    process_inbound("+12125550104", "STOP", sid="SM-3", at=_months_ago(14))
    # Applied from the review queue: a STOP lock too, this month.
    process_inbound("+12125550103", "please stop texting", sid="SM-4")
    resolve_review(employee, review_items()[0].message_id, ReviewAction.APPLY_STOP)

    months = {entry.month: entry for entry in opt_out_months(staff["manager"], now=NOW)}
    assert months[_this_month()] == OptOutMonth(_this_month(), by_staff=2, stop_locks=1)
    two_ago = f"{_months_ago(2):%Y-%m}"
    assert months[two_ago] == OptOutMonth(two_ago, by_staff=0, stop_locks=2)
    assert sum(entry.total for entry in months.values()) == 5
    assert dict(_totals(staff["owner"], now=NOW))[two_ago] == 2
    assert sam  # (Sam is the second client on the shared number)


def test_opt_outs_window_follows_now(staff, add_client) -> None:
    add_client("Dana", "Reyes", mobile="+12125550101")
    process_inbound("+12125550101", "STOP", sid="SM-1", at=_months_ago(13))
    assert sum(count for _, count in _totals(staff["manager"], now=NOW)) == 0
    months = _totals(staff["manager"], months=24, now=NOW)
    assert len(months) == 24 and sum(count for _, count in months) == 1


def test_month_keys_cross_the_new_year() -> None:
    assert _month_keys(datetime(2026, 1, 31, 23, 0, tzinfo=timezone.utc), 3) == [
        "2025-11", "2025-12", "2026-01"]
    # A time given in another zone counts in the record's UTC months.
    eastern = timezone(timedelta(hours=-5))
    assert _month_keys(datetime(2026, 1, 31, 20, 0, tzinfo=eastern), 1) == ["2026-02"]
    assert iso(datetime(2026, 2, 1, 1, 0, tzinfo=timezone.utc))[:7] == "2026-02"


@pytest.mark.parametrize("months", [0, -1, 121])
def test_a_report_covers_one_to_a_hundred_and_twenty_months(staff, months: int) -> None:
    with pytest.raises(InvalidInput, match="1 to 120 months"):
        opt_out_months(staff["manager"], months=months)


# --- texts sent after opt-out (R23) -------------------------------------------------------------

def _log(path: Path, rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["From", "To", "Body", "Status", "SentDate", "Direction", "Sid"])
        writer.writerows(rows)
    return path


def test_r23_r15_texts_sent_after_opt_out_listed_newest_first_with_their_count(
        staff, add_client, tmp_path) -> None:
    add_client("Dana", "Reyes", mobile="+12125550101")
    stop_at = NOW.replace(microsecond=0) - timedelta(days=2)
    process_inbound("+12125550101", "STOP", sid="SM-stop", at=stop_at)
    process_inbound("+12125550102", "STOP", sid="SM-stop-2", at=stop_at)

    def sent(number: str, minutes: int, sid: str, body: str, status: str = "delivered"):
        return ("+15550001111", number, body, status, (stop_at + timedelta(minutes=minutes)).isoformat(),
                "outbound-api", sid)

    assert texts_sent_after_stop(staff["manager"]).count == 0
    import_messages(_log(tmp_path / "log.csv", [
        sent("+12125550101", 1, "SM-c", "You are unsubscribed."),
        sent("+12125550101", 60, "SM-a", "Flash   sale!\n30% off " + "class packs " * 10),
        sent("+12125550102", 120, "SM-b", "Reminder: class at 6", "undelivered"),
        sent("+12125550103", 90, "SM-fine", "Hi"),  # never texted STOP
    ]))
    report = texts_sent_after_stop(staff["owner"])
    assert report.count == 2 and [t.sid for t in report.texts] == ["SM-b", "SM-a"]
    newest, older = report.texts
    assert newest == SentAfterStop("+12125550102", iso(stop_at + timedelta(minutes=120)),
                                   "Reminder: class at 6", "undelivered", iso(stop_at), (), "SM-b")
    assert older.client_names == ("Dana Reyes",) and older.stopped_at == iso(stop_at)
    assert older.first_words.startswith("Flash sale! 30% off class packs") and len(older.first_words) == 60
    assert older.first_words.endswith("…")
    limited = texts_sent_after_stop(staff["manager"], limit=1)
    assert limited.count == 2 and [t.sid for t in limited.texts] == ["SM-b"]
    with pytest.raises(InvalidInput, match="1 to 500 texts"):
        texts_sent_after_stop(staff["manager"], limit=0)
