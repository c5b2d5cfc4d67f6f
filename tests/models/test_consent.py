"""A client's consent in the model layer: set_switch (R3, R4, R4a, R5, R7), the per-client AI
switches (R12, R13), what a client receives with quiet hours (R17), stale data (R16), the
status JSON (DESIGN §4) and a campaign's audience.
"""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from models.consent import (
    CONSENT_METHODS,
    ClientCard,
    audience,
    load_consent,
    set_client_ai,
    set_switch,
    status_json,
)
from models.errors import ConsentLocked, InvalidInput, NotAllowed, NotFound, StaleData
from models.inbound import process_inbound
from models.rules import CHANNELS, MESSAGE_KINDS, Channel, MessageKind, StudioAI, Switch
from models.schema import Client, ConsentEvent, StudioSettings
from models.settings import load_studio, update_ai_settings
from models.staff import Role, SignedIn

NEW_YORK = ZoneInfo("America/New_York")
ROLES = ("owner", "manager", "employee")
SWITCH_COLUMNS = tuple(f"{c.value}_{s.value}" for c in CHANNELS for s in Switch)


def row(client_id: int) -> dict:
    """The client's stored row, as plain values."""
    return Client.select().where(Client.id == client_id).dicts().get()


def events() -> int:
    return ConsentEvent.select().count()


def last_event() -> ConsentEvent:
    return ConsentEvent.select().order_by(ConsentEvent.id.desc()).get()


# --- R4a: where a new client starts ---------------------------------------------------------------

def test_r4a_new_client_starts_all_on_where_there_is_an_address(add_client):
    client = add_client(email="dana@example.com", mobile="(555) 555-0123", home_phone=None)
    state = load_consent(client)
    email, sms, voice, home = (state.channels[c] for c in CHANNELS)
    assert (email.effective_all, email.effective_marketing) == (True, True)  # opt-out regime
    assert (sms.effective_all, sms.effective_marketing) == (True, False)  # needs prior consent
    assert (voice.effective_all, voice.effective_marketing) == (True, False)
    assert (home.address, home.effective_all, home.effective_marketing) == (None, False, False)
    assert sms.address == "+15555550123"


def test_r4a_new_client_without_email_has_email_off(add_client):
    state = load_consent(add_client(email=None))
    assert not state.channels[Channel.EMAIL].effective_all
    assert not any(state.receives[Channel.EMAIL][kind].allowed for kind in MESSAGE_KINDS)


def test_load_consent_gives_the_client_as_a_card_not_a_row(add_client):
    client = add_client("Dana", "", email="dana@example.com", mobile="+12125550123")
    card = load_consent(client).client
    assert card == ClientCard(id=client, first_name="Dana", last_name="", status="member",
                              email="dana@example.com", mobile="+12125550123", home_phone=None,
                              archived=False, version=row(client)["version"])
    assert card.name == "Dana" and load_consent(client).version == card.version


# --- R3: off is never refused ------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_r3_every_role_can_turn_every_switch_off(staff, add_client, role):
    client = add_client(home_phone="+12125550100")
    for channel in CHANNELS:
        set_switch(staff[role], client, channel, Switch.MARKETING, True, method="in_person")
    for channel in CHANNELS:
        for switch in (Switch.MARKETING, Switch.ALL):
            before = events()
            change = set_switch(staff[role], client, channel, switch, False)
            assert len(change.event_ids) == 1 and events() == before + 1
            event = last_event()
            assert (event.switch, event.old, event.new, event.method) == (switch.value, "on", "off", None)
            assert event.actor == staff[role].name
    stored = row(client)
    assert not any(stored[column] for column in SWITCH_COLUMNS)


def test_r3_opt_out_allowed_on_a_stop_locked_number(staff, add_client):
    client = add_client()
    set_switch(staff["employee"], client, Channel.SMS, Switch.MARKETING, True, method="signed_form")
    process_inbound("+15555550123", "STOP", sid="SM-stop")
    set_switch(staff["employee"], client, Channel.SMS, Switch.MARKETING, False, note="client asked")
    assert row(client)["sms_marketing"] is False


# --- R4: on records consent -----------------------------------------------------------------------

def test_r4_turning_on_needs_a_consent_method_and_records_it(staff, add_client):
    client = add_client()
    before, version = events(), row(client)["version"]
    for method in (None, "", "because", "studio_default", "client_keyword"):
        with pytest.raises(InvalidInput, match="consented"):
            set_switch(staff["employee"], client, Channel.SMS, Switch.MARKETING, True, method=method)
    assert events() == before and row(client)["version"] == version and not row(client)["sms_marketing"]
    for method in CONSENT_METHODS:
        set_switch(staff["employee"], client, Channel.VOICE, Switch.MARKETING, False)
        set_switch(staff["employee"], client, Channel.VOICE, Switch.MARKETING, True, method=method,
                   note="  signed at the desk  ")
        event = last_event()
        assert (event.channel, event.switch, event.old, event.new) == ("voice", "marketing", "off", "on")
        assert event.method == method and event.note == "signed at the desk"
        assert event.source == "staff" and event.number == "+15555550123"


def test_r4_marketing_on_refused_while_all_off(staff, add_client):
    client = add_client()
    set_switch(staff["owner"], client, Channel.EMAIL, Switch.ALL, False)
    set_switch(staff["owner"], client, Channel.EMAIL, Switch.MARKETING, False)
    before = row(client)
    with pytest.raises(ConsentLocked, match="only while"):
        set_switch(staff["owner"], client, Channel.EMAIL, Switch.MARKETING, True, method="in_person")
    assert row(client) == before


def test_r4_stored_marketing_counts_again_when_all_comes_back_on(staff, add_client):
    client = add_client()
    set_switch(staff["employee"], client, Channel.EMAIL, Switch.ALL, False)
    state = load_consent(client)
    assert state.channels[Channel.EMAIL].marketing is True  # kept …
    assert not state.channels[Channel.EMAIL].effective_marketing  # … but reads off
    assert not state.receives[Channel.EMAIL][MessageKind.CAMPAIGN].allowed
    set_switch(staff["employee"], client, Channel.EMAIL, Switch.ALL, True, method="client_email")
    state = load_consent(client)
    assert state.channels[Channel.EMAIL].effective_marketing
    assert state.receives[Channel.EMAIL][MessageKind.CAMPAIGN].allowed


def test_r4_setting_a_switch_to_what_it_is_writes_nothing(staff, add_client):
    client = add_client()
    before, stored = events(), row(client)
    change = set_switch(staff["employee"], client, Channel.SMS, Switch.MARKETING, False)
    assert change.event_ids == () and events() == before and row(client) == stored


# --- R5: no address --------------------------------------------------------------------------------

@pytest.mark.parametrize("channel", [Channel.HOME, Channel.EMAIL, Channel.SMS, Channel.VOICE])
def test_r5_channel_without_address_has_no_switches_and_receives_nothing(staff, add_client, channel):
    client = add_client(email=None, mobile=None, home_phone=None)
    state = load_consent(client)
    assert state.channels[channel].address is None
    assert all(not d.allowed and d.reason.endswith("on file") for d in state.receives[channel].values())
    before = row(client)
    with pytest.raises(ConsentLocked, match="on file"):
        set_switch(staff["owner"], client, channel, Switch.ALL, True, method="in_person")
    assert row(client) == before


# --- R7: the STOP lock refuses everyone ------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_r7_stop_lock_refuses_every_role(staff, add_client, role):
    client = add_client()
    process_inbound("+15555550123", "STOP", sid="SM-stop")
    before_row, before_events = row(client), events()
    version = before_row["version"]
    for switch in (Switch.ALL, Switch.MARKETING):
        for expected in (None, version):
            with pytest.raises(ConsentLocked, match="texting START"):
                set_switch(staff[role], client, Channel.SMS, switch, True, method="signed_form",
                           note="client insists", expected_version=expected)
    assert row(client) == before_row
    assert (row(client)["version"], row(client)["sms_all"]) == (version, False)
    assert events() == before_events
    sms = load_consent(client).channels[Channel.SMS]
    assert sms.stop_locked and not sms.effective_all


def test_r7_forged_owner_cannot_lift_a_lock_either(staff, add_client):
    client = add_client()
    process_inbound("+15555550123", "STOP", sid="SM-stop")
    forged = SignedIn(staff["employee"].staff_id, "Olive Owner", Role.OWNER)
    with pytest.raises(ConsentLocked):
        set_switch(forged, client, Channel.SMS, Switch.ALL, True, method="in_person")
    assert row(client)["sms_all"] is False


def test_r7_lock_is_only_on_sms_calls_to_the_mobile_still_follow_their_switches(staff, add_client):
    client = add_client()
    process_inbound("+15555550123", "STOP", sid="SM-stop")
    set_switch(staff["employee"], client, Channel.VOICE, Switch.MARKETING, True, method="client_phone_call")
    state = load_consent(client)
    assert state.receives[Channel.VOICE][MessageKind.REMINDER].allowed
    assert not state.receives[Channel.SMS][MessageKind.REMINDER].allowed


def test_archived_client_cannot_be_given_consent(staff, add_client):
    from models.clients import archive_client
    client = add_client()
    set_switch(staff["owner"], client, Channel.EMAIL, Switch.ALL, False)
    archive_client(staff["manager"], client)
    with pytest.raises(ConsentLocked, match="archived"):
        set_switch(staff["owner"], client, Channel.EMAIL, Switch.ALL, True, method="in_person")
    set_switch(staff["owner"], client, Channel.EMAIL, Switch.MARKETING, False)  # off still works (R3)


def test_unknown_client_is_not_found(staff):
    with pytest.raises(NotFound):
        set_switch(staff["owner"], 999, Channel.EMAIL, Switch.ALL, False)
    with pytest.raises(NotFound):
        load_consent(999)


# --- R12, R13: AI controls are separate -----------------------------------------------------------

def test_r12_client_ai_switches_never_change_consent(staff, add_client):
    client = add_client()
    before = {c: row(client)[c] for c in SWITCH_COLUMNS}
    for which in ("outreach", "replies"):
        count = events()
        set_client_ai(staff["employee"], client, which, False)
        assert events() == count + 1 and last_event().switch == f"ai_{which}"
        assert last_event().method is None
    assert {c: row(client)[c] for c in SWITCH_COLUMNS} == before
    assert load_consent(client).ai.outreach is False and load_consent(client).ai.replies is False
    with pytest.raises(InvalidInput):
        set_client_ai(staff["employee"], client, "everything", False)


def test_r12_consent_switches_never_change_ai_settings(staff, add_client):
    client = add_client()
    studio_before = StudioSettings.select().dicts().get()
    for channel in CHANNELS[:3]:
        set_switch(staff["owner"], client, channel, Switch.ALL, False)
    process_inbound("+15555550123", "STOP", sid="SM-stop")
    stored = row(client)
    assert (stored["ai_outreach"], stored["ai_replies"]) == (True, True)
    assert StudioSettings.select().dicts().get() == studio_before


def test_r12_studio_ai_settings_never_change_consent(staff, add_client):
    client = add_client()
    before = row(client)
    update_ai_settings(staff["manager"], {"ai_enabled": False, "ai_outreach": False,
                                          "ai_reply_all": False, "ai_response_time": "fixed",
                                          "ai_response_minutes": 15})
    after = row(client)
    assert after == before
    state = load_consent(client)
    assert not state.receives[Channel.EMAIL][MessageKind.AI_REPLY].allowed
    assert state.receives[Channel.EMAIL][MessageKind.CAMPAIGN].allowed


def test_r12_only_manager_or_owner_changes_studio_ai_settings(staff):
    before, settings_before = events(), StudioSettings.select().dicts().get()
    with pytest.raises(NotAllowed):
        update_ai_settings(staff["employee"], {"ai_enabled": False})
    forged = SignedIn(staff["employee"].staff_id, "Eli Employee", Role.MANAGER)
    with pytest.raises(NotAllowed):
        update_ai_settings(forged, {"ai_enabled": False})
    assert events() == before and StudioSettings.select().dicts().get() == settings_before
    for role in ("manager", "owner"):
        update_ai_settings(staff[role], {"ai_enabled": role == "owner"})
    assert StudioSettings.get_by_id(1).ai_enabled is True


def test_r12_studio_ai_settings_validate_and_refuse_stale_versions(staff):
    version = StudioSettings.get_by_id(1).version
    before = events()
    for bad in ({"ai_colour": True}, {"ai_response_time": "soon"}, {"ai_response_minutes": 0},
                {"ai_response_minutes": True}, {"ai_enabled": "no"}, {"ai_outreach": 0},
                {"ai_reply_all": None}):
        with pytest.raises(InvalidInput):
            update_ai_settings(staff["owner"], bad)
    assert events() == before and StudioSettings.get_by_id(1).version == version
    assert load_studio().ai == StudioAI()  # every setting as it was
    update_ai_settings(staff["manager"], {"ai_outreach": False}, expected_version=version)
    with pytest.raises(StaleData):
        update_ai_settings(staff["owner"], {"ai_outreach": True}, expected_version=version)
    assert StudioSettings.get_by_id(1).ai_outreach is False


def test_r13_ai_message_needs_ai_settings_and_compliance(staff, add_client):
    client = add_client(mobile="+15555550123")
    noon = datetime(2026, 6, 15, 16, 0, tzinfo=timezone.utc)
    # SMS Marketing off (the default): Hailee outreach blocked though every AI switch is on.
    state = load_consent(client, now=noon)
    assert not state.receives[Channel.SMS][MessageKind.AI_OUTREACH].allowed
    assert state.receives[Channel.SMS][MessageKind.AI_OUTREACH].reason == "Marketing is off"
    set_switch(staff["employee"], client, Channel.SMS, Switch.MARKETING, True, method="signed_form")
    assert load_consent(client, now=noon).receives[Channel.SMS][MessageKind.AI_OUTREACH].allowed
    # Compliance allows it, the client's Hailee outreach does not: blocked.
    set_client_ai(staff["employee"], client, "outreach", False)
    decision = load_consent(client, now=noon).receives[Channel.SMS][MessageKind.AI_OUTREACH]
    assert not decision.allowed and decision.reason == "Hailee outreach is off for this client"
    assert load_consent(client, now=noon).receives[Channel.SMS][MessageKind.CAMPAIGN].allowed


# --- R16: no update lost silently --------------------------------------------------------------------

def test_r16_change_on_a_stale_profile_is_refused_and_the_newer_change_kept(staff, add_client):
    client = add_client()
    shown = load_consent(client).version  # two workstations show the same profile
    set_switch(staff["manager"], client, Channel.EMAIL, Switch.MARKETING, False, expected_version=shown)
    before = events()
    with pytest.raises(StaleData, match="changed elsewhere"):
        set_switch(staff["employee"], client, Channel.SMS, Switch.MARKETING, True,
                   method="in_person", expected_version=shown)
    assert events() == before
    stored = row(client)
    assert stored["email_marketing"] is False and stored["sms_marketing"] is False


def test_r3_an_opt_out_on_a_stale_profile_is_still_recorded(staff, add_client):
    """Turning a switch off is never refused (R3): a profile shown before a change made
    elsewhere may still record an opt-out, and the other change is kept too (R16)."""
    client = add_client()
    shown = load_consent(client).version
    set_client_ai(staff["manager"], client, "outreach", False, expected_version=shown)
    set_switch(staff["employee"], client, Channel.SMS, Switch.ALL, False, expected_version=shown)
    stored = row(client)
    assert stored["sms_all"] is False and stored["ai_outreach"] is False


def test_r16_every_change_bumps_the_version(staff, add_client):
    client = add_client()
    versions = [row(client)["version"]]
    set_switch(staff["employee"], client, Channel.EMAIL, Switch.MARKETING, False)
    versions.append(row(client)["version"])
    set_client_ai(staff["employee"], client, "replies", False)
    versions.append(row(client)["version"])
    process_inbound("+15555550123", "STOP", sid="SM1")
    versions.append(row(client)["version"])
    process_inbound("+15555550123", "START", sid="SM2")
    versions.append(row(client)["version"])
    assert versions == sorted(set(versions)) and len(versions) == 5


# --- R17: quiet hours in what a client receives ----------------------------------------------------

def test_r17_marketing_to_a_new_york_number_at_2am_is_held_until_8am(staff, add_client):
    client = add_client(mobile="+12125550199", home_phone="+12125550100")
    for channel in (Channel.SMS, Channel.VOICE, Channel.HOME):
        set_switch(staff["employee"], client, channel, Switch.MARKETING, True, method="signed_form")
    two_am = datetime(2026, 11, 26, 2, 0, tzinfo=NEW_YORK)
    state = load_consent(client, now=two_am)
    for channel in (Channel.SMS, Channel.VOICE, Channel.HOME):
        for kind in (MessageKind.CAMPAIGN, MessageKind.STACK, MessageKind.AI_OUTREACH):
            decision = state.receives[channel][kind]
            assert not decision.allowed and decision.held
            assert decision.reason == "held until 8:00 a.m. local time"
            assert decision.held_until == datetime(2026, 11, 26, 8, 0, tzinfo=NEW_YORK)
        for kind in (MessageKind.REMINDER, MessageKind.BOOKING_HELP, MessageKind.AI_REPLY):
            assert state.receives[channel][kind].allowed  # operational: not held
    assert all(d.allowed for d in state.receives[Channel.EMAIL].values())  # email: never held
    assert status_json(client, two_am)["why"]["sms"]["campaign"] == "held until 8:00 a.m. local time"
    noon = datetime(2026, 11, 26, 12, 0, tzinfo=NEW_YORK)
    assert all(d.allowed for d in load_consent(client, now=noon).receives[Channel.SMS].values())


def test_r17_unknown_area_uses_the_studio_time_zone(staff, add_client):
    client = add_client(mobile="+15555550123")  # 555: no time zone in the data
    set_switch(staff["employee"], client, Channel.SMS, Switch.MARKETING, True, method="signed_form")
    StudioSettings.update(time_zone="America/Los_Angeles").execute()
    # 10:00 in New York is 7:00 in Los Angeles, the studio's zone: held.
    ten_ny = datetime(2026, 11, 26, 10, 0, tzinfo=NEW_YORK)
    assert load_consent(client, now=ten_ny).receives[Channel.SMS][MessageKind.CAMPAIGN].held
    StudioSettings.update(time_zone="America/New_York").execute()
    assert load_consent(client, now=ten_ny).receives[Channel.SMS][MessageKind.CAMPAIGN].allowed


def test_r17_audience_counts_agree_with_the_grid(staff, add_client):
    new_york = add_client("Ny", "One", mobile="+12125550199")
    honolulu = add_client("Hi", "Two", mobile="+18085550100")
    locked = add_client("Lo", "Three", mobile="+13125550100")
    add_client("No", "Marketing", mobile="+12125550198")
    for client in (new_york, honolulu, locked):
        set_switch(staff["employee"], client, Channel.SMS, Switch.MARKETING, True, method="signed_form")
    process_inbound("+13125550100", "STOP", sid="SM-stop")
    # 15:00 in New York is 10:00 in Honolulu (allowed); 06:00 in New York is 01:00 there.
    for hour, expected in ((15, (2, 0)), (6, (0, 2))):
        now = datetime(2026, 11, 26, hour, 0, tzinfo=NEW_YORK)
        result = audience(Channel.SMS, MessageKind.CAMPAIGN, now)
        assert (result.allowed, result.held) == expected
        grid = [load_consent(c, now=now).receives[Channel.SMS][MessageKind.CAMPAIGN]
                for c in (new_york, honolulu, locked)]
        assert sum(d.allowed for d in grid) == result.allowed
        assert sum(d.held for d in grid) == result.held
    assert audience(Channel.SMS, MessageKind.REMINDER).allowed == 3  # all but the STOP-locked


# --- status JSON (DESIGN §4) ------------------------------------------------------------------------

def test_status_json_has_the_keys_and_meaning_of_design_section_4(staff, add_client):
    client = add_client("Dana", "Reyes", email="dana@example.com", mobile="(555) 555-0123")
    set_switch(staff["employee"], client, Channel.SMS, Switch.MARKETING, True, method="signed_form")
    process_inbound("+15555550123", "STOP", sid="SM-stop",
                    at=datetime(2026, 11, 26, 9, 14, tzinfo=timezone.utc))
    status = status_json(client, datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc))
    assert {k: status["client"][k] for k in ("id", "name", "status")} == \
        {"id": client, "name": "Dana Reyes", "status": "member"}
    assert set(status["channels"]) == {"email", "sms", "voice", "home"}
    sms = status["channels"]["sms"]
    assert {k: sms[k] for k in ("address", "all", "marketing", "stop_locked", "stop_locked_at")} == {
        "address": "+15555550123", "all": False, "marketing": False, "stop_locked": True,
        "stop_locked_at": "2026-11-26T09:14:00Z"}
    assert {k: status["channels"]["home"][k] for k in ("address", "all", "marketing", "stop_locked")} == {
        "address": None, "all": False, "marketing": False, "stop_locked": False}
    assert status["channels"]["email"].get("stop_locked_at") is None
    assert status["ai"] == {"outreach": True, "replies": True}
    assert set(status["receives"]) == set(status["why"]) == {"email", "sms", "voice", "home"}
    for channel, kinds in status["receives"].items():
        assert set(kinds) == {k.value for k in MESSAGE_KINDS}
        # every false cell has its reason, and only false cells
        assert set(status["why"][channel]) == {k for k, allowed in kinds.items() if not allowed}
    assert status["why"]["sms"]["campaign"] == "SMS All is off — client texted STOP"
    assert status["why"]["voice"]["campaign"] == "Marketing is off"
    assert status["why"]["home"]["reminder"] == "No home phone on file"
    assert status["receives"]["voice"]["reminder"] is True
    with pytest.raises(NotFound):
        status_json(12345)
