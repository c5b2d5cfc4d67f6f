"""R19 in the pure rule: while a text from the client's mobile waits in Needs review,
campaign, stack and ai_outreach to that number (sms, voice) are held, not sent."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from models.rules import (
    CHANNELS,
    MARKETING_KINDS,
    MESSAGE_KINDS,
    Channel,
    ChannelConsent,
    ClientAI,
    StudioAI,
    can_send,
)

NEW_YORK = ZoneInfo("America/New_York")
NOON = datetime(2026, 11, 26, 12, 0, tzinfo=NEW_YORK)
ADDRESS = {Channel.EMAIL: "dana@example.com", Channel.SMS: "+12125550199",
           Channel.VOICE: "+12125550199", Channel.HOME: "+12125550100"}


def _decide(channel: Channel, kind, *, waiting: bool, now: datetime = NOON, all_on: bool = True,
            marketing: bool = True, locked: bool = False, studio_ai: StudioAI = StudioAI(),
            client_ai: ClientAI = ClientAI()):
    consent = ChannelConsent(channel, ADDRESS[channel], all_on, marketing, stop_locked=locked)
    return can_send(consent, kind, studio_ai=studio_ai, client_ai=client_ai, is_member=True,
                    now=now, zones=(NEW_YORK,), review_waiting=waiting)


def test_r19_marketing_to_the_mobile_is_held_while_a_text_waits_in_review() -> None:
    for channel in (Channel.SMS, Channel.VOICE):
        for kind in MARKETING_KINDS:
            decision = _decide(channel, kind, waiting=True)
            assert not decision.allowed and decision.held and decision.held_for_review
            assert decision.held_until is None
            assert decision.reason == "held — a possible opt-out waits for review"
            assert _decide(channel, kind, waiting=False).allowed


def test_r19_operational_kinds_email_and_home_phone_are_not_held() -> None:
    for channel in CHANNELS:
        for kind in MESSAGE_KINDS:
            decision = _decide(channel, kind, waiting=True)
            if kind in MARKETING_KINDS and channel in (Channel.SMS, Channel.VOICE):
                continue
            assert decision.allowed, (channel, kind)


def test_r19_a_block_still_reads_as_the_block_and_the_review_hold_outranks_quiet_hours() -> None:
    locked = _decide(Channel.SMS, "campaign", waiting=True, locked=True)
    assert locked.reason == "SMS All is off — client texted STOP" and not locked.held
    assert _decide(Channel.VOICE, "campaign", waiting=True, marketing=False).reason == "Marketing is off"
    at_night = _decide(Channel.SMS, "campaign", waiting=True, now=NOON.replace(hour=23))
    assert at_night.held_for_review and at_night.held_until is None  # not released at 8 a.m.


@given(channel=st.sampled_from(CHANNELS), kind=st.sampled_from(MESSAGE_KINDS),
       all_on=st.booleans(), marketing=st.booleans(), locked=st.booleans(),
       ai=st.builds(StudioAI, enabled=st.booleans(), outreach=st.booleans()),
       client_ai=st.builds(ClientAI, outreach=st.booleans(), replies=st.booleans()),
       hour=st.integers(0, 23))
def test_r19_waiting_for_review_never_lets_more_through_and_holds_only_what_was_sendable(
        channel, kind, all_on, marketing, locked, ai, client_ai, hour) -> None:
    now = NOON.replace(hour=hour)
    kwargs = dict(now=now, all_on=all_on, marketing=marketing, locked=locked, studio_ai=ai,
                  client_ai=client_ai)
    without = _decide(channel, kind, waiting=False, **kwargs)
    waiting = _decide(channel, kind, waiting=True, **kwargs)
    assert not (waiting.allowed and not without.allowed)
    if waiting.held_for_review:
        assert without.allowed or without.held  # it would have gone, now or at 8 a.m.
        assert kind in MARKETING_KINDS and channel in (Channel.SMS, Channel.VOICE)
    else:
        assert waiting == without
