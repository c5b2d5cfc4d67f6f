"""A campaign audience counted in SQL agrees with can_send() for every client, on every channel,
for every message kind, under every studio AI setting, by day and by night (R1, R2, R7, R12,
R13, R17, R19; issue 7: one decision, asked two ways, must give one answer)."""

from __future__ import annotations

import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from models.clients import archive_client, update_addresses
from models.consent import audience, load_consent, set_client_ai, set_switch
from models.inbound import process_inbound
from models.rules import CHANNELS, MESSAGE_KINDS, Channel, Switch
from models.schema import StudioSettings

NEW_YORK = ZoneInfo("America/New_York")
#: 15:00 in New York is 10:00 in Honolulu (inside quiet hours' window everywhere); 06:00 in
#: New York is 01:00 there (held on every phone channel).
TIMES = (datetime(2026, 11, 26, 15, 0, tzinfo=NEW_YORK), datetime(2026, 11, 26, 6, 0, tzinfo=NEW_YORK))
AI_SETTINGS = [dict(zip(("ai_enabled", "ai_outreach", "ai_reply_all", "ai_reply_members"), values))
               for values in itertools.product((True, False), repeat=4)]


@pytest.fixture
def population(staff, add_client) -> list[int]:
    """Clients in as many different states as the rules tell apart."""
    employee, manager = staff["employee"], staff["manager"]
    made = [
        add_client("Ny", "Member", status="member", mobile="+12125550101", home_phone="+12125550102"),
        add_client("Hi", "Prospect", status="prospect", email="hi@example.com", mobile="+18085550100"),
        add_client("Lo", "Locked", status="member", email=None, mobile="+13125550100"),
        add_client("Sh", "Ared", status="prospect", email="sh@example.com", mobile="+13125550100"),
        add_client("No", "Addresses", status="member", email=None, mobile=None),
        add_client("Un", "Known", status="prospect", email="un@example.com", mobile="+15555550123",
                   home_phone="+15555550124"),
        add_client("Ar", "Chived", status="member", email="ar@example.com", mobile="+12125550199"),
        add_client("Ai", "Off", status="member", email="ai@example.com", mobile="+12125550177"),
        add_client("Re", "View", status="member", email="re@example.com", mobile="+13055550188"),
    ]
    ny, hi, lo, sh, _none, un, ar, ai_off, in_review = made
    for client in (ny, hi, lo, un, ar, ai_off, in_review):
        for channel in (Channel.SMS, Channel.VOICE):
            set_switch(employee, client, channel, Switch.MARKETING, True, method="signed_form")
    set_switch(employee, ny, Channel.HOME, Switch.MARKETING, True, method="in_person")
    set_switch(employee, hi, Channel.EMAIL, Switch.MARKETING, False)
    set_switch(employee, un, Channel.HOME, Switch.ALL, False)
    set_switch(employee, un, Channel.VOICE, Switch.ALL, False)
    process_inbound("+13125550100", "STOP", sid="SM-stop")  # Lo and Sh share the number
    process_inbound("+13055550188", "please stop the promos", sid="SM-review")  # R19: held
    set_client_ai(employee, ai_off, "outreach", False)
    set_client_ai(employee, ai_off, "replies", False)
    set_client_ai(employee, hi, "replies", False)
    archive_client(manager, ar)
    update_addresses(employee, _none, email=None, mobile=None, home_phone=None)
    return made


@pytest.mark.parametrize("settings", AI_SETTINGS,
                         ids=lambda s: "-".join(k[3:] for k, v in s.items() if v) or "all_off")
def test_audience_agrees_with_can_send_for_every_channel_kind_and_ai_setting(
        population: list[int], settings: dict[str, bool]) -> None:
    StudioSettings.update(**settings).execute()
    for now in TIMES:
        grids = [load_consent(client, now=now).receives for client in population]
        for channel, kind in itertools.product(CHANNELS, MESSAGE_KINDS):
            counted = audience(channel, kind, now)
            decisions = [grid[channel][kind] for grid in grids]
            expected = (sum(d.allowed for d in decisions), sum(d.held for d in decisions))
            assert (counted.allowed, counted.held) == expected, (channel.value, kind.value, now)


def test_the_population_reaches_every_kind_of_answer(population: list[int]) -> None:
    """The agreement above is worth something only if the clients differ: some are allowed,
    some blocked for each reason, some held."""
    reasons = set()
    held = allowed = 0
    for now in TIMES:
        for client in population:
            for decisions in load_consent(client, now=now).receives.values():
                for decision in decisions.values():
                    allowed += decision.allowed
                    held += decision.held
                    if decision.reason and not decision.held:
                        reasons.add(decision.reason)
    assert allowed and held
    assert any(d.held_for_review for now in TIMES for client in population
               for decisions in load_consent(client, now=now).receives.values()
               for d in decisions.values())
    assert {"Client is archived", "SMS All is off — client texted STOP", "Marketing is off",
            "No email on file", "Hailee outreach is off for this client",
            "Hailee replies are off for this client", "Home phone All is off"} <= reasons
