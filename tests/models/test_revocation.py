"""Revocation that sticks (FCC order 24-18): one person's START is not a housemate's consent
(R8), an opt-out by any means is recorded with how the client asked (R20), and consent to
marketing follows the number (R21)."""

from __future__ import annotations

import pytest

from models.changes import Touched
from models.clients import NEW_NUMBER_NOTE, STOP_NOTE, add_client, make_draft, update_addresses
from models.consent import OPT_OUT_METHODS, load_consent, set_switch
from models.errors import ConsentLocked, InvalidInput
from models.inbound import process_inbound
from models.rules import Channel, Switch
from models.schema import Client, ConsentEvent

SHARED = "+12125550101"


def sms(client_id: int):
    return load_consent(client_id).channels[Channel.SMS]


def sms_events(client_id: int) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(e.switch, e.old, e.new, e.note) for e in ConsentEvent.select().where(
        (ConsentEvent.client == client_id) & (ConsentEvent.channel == "sms")).order_by(ConsentEvent.id)]


@pytest.fixture
def household(add_client) -> dict[str, int]:
    return {"dana": add_client("Dana", "Reyes", mobile=SHARED),
            "sam": add_client("Sam", "Reyes", email="sam@example.com", mobile=SHARED)}


def test_r8_start_does_not_turn_on_a_housemate_who_had_opted_out_himself(staff, household):
    set_switch(staff["employee"], household["sam"], Channel.SMS, Switch.ALL, False,
               method="in_person", note="no texts please")
    process_inbound(SHARED, "STOP", sid="SM-stop")
    process_inbound(SHARED, "START", sid="SM-start")
    assert sms(household["dana"]).effective_all  # the STOP turned hers off: START gives it back
    assert not sms(household["sam"]).effective_all  # his was his own request


def test_r20_an_opt_out_recorded_while_the_lock_holds_is_an_event_and_survives_start(
        staff, household):
    process_inbound(SHARED, "STOP", sid="SM-stop")
    change = set_switch(staff["employee"], household["sam"], Channel.SMS, Switch.ALL, False,
                        method="phone_call", note="called to say: never text me")
    assert change.touched is Touched.SWITCHES and len(change.event_ids) == 1
    event = ConsentEvent.get_by_id(change.event_ids[0])
    assert (event.switch, event.old, event.new, event.method, event.note) == (
        "all", "off", "off", "phone_call", "called to say: never text me")
    process_inbound(SHARED, "START", sid="SM-start")
    assert sms(household["dana"]).effective_all
    assert not sms(household["sam"]).effective_all
    assert not Client.get_by_id(household["sam"]).sms_off_by_stop


def test_r20_how_the_client_asked_is_kept_on_the_event(staff, add_client):
    dana = add_client()
    for method in OPT_OUT_METHODS:
        set_switch(staff["employee"], dana, Channel.EMAIL, Switch.MARKETING, True, method="signed_form")
        change = set_switch(staff["employee"], dana, Channel.EMAIL, Switch.MARKETING, False,
                            method=method, note=f"asked by {method}")
        event = ConsentEvent.get_by_id(change.event_ids[0])
        assert (event.method, event.note) == (method, f"asked by {method}")


def test_r20_how_the_client_asked_is_offered_never_required_and_must_be_known(staff, add_client):
    dana = add_client()
    assert set_switch(staff["employee"], dana, Channel.EMAIL, Switch.ALL, False).touched is Touched.SWITCHES
    before = ConsentEvent.select().count()
    with pytest.raises(InvalidInput):
        set_switch(staff["employee"], dana, Channel.VOICE, Switch.ALL, False, method="carrier pigeon")
    assert ConsentEvent.select().count() == before and load_consent(dana).channels[Channel.VOICE].all


def test_r21_a_first_mobile_that_texted_stop_writes_no_on_event(staff, add_client):
    process_inbound(SHARED, "STOP", sid="SM-stop")
    omar = add_client("Omar", "Haddad", email="omar@example.com", mobile=None)
    update_addresses(staff["employee"], omar, email="omar@example.com", mobile=SHARED, home_phone=None)
    assert [(switch, new) for switch, _old, new, _note in sms_events(omar)] == [("all", "off")]
    assert sms_events(omar)[0][3] == STOP_NOTE
    assert sms(omar).stop_locked and not sms(omar).effective_all
    process_inbound(SHARED, "START", sid="SM-start")  # the STOP's doing: START gives SMS
    assert sms(omar).effective_all


def test_r21_marketing_returns_to_the_studio_defaults_for_a_new_mobile(staff, add_client):
    dana = add_client(mobile="+12125550199")
    for channel in (Channel.SMS, Channel.VOICE):
        set_switch(staff["employee"], dana, channel, Switch.MARKETING, True, method="signed_form")
    update_addresses(staff["employee"], dana, email="dana@example.com", mobile="+13125550123",
                     home_phone=None)
    state = load_consent(dana)
    assert not state.channels[Channel.SMS].marketing and not state.channels[Channel.VOICE].marketing
    assert state.channels[Channel.SMS].effective_all  # All is not consent to marketing
    notes = [e.note for e in ConsentEvent.select().where(
        (ConsentEvent.client == dana) & (ConsentEvent.switch == "marketing")
        & (ConsentEvent.new == "off"))]
    assert notes == [NEW_NUMBER_NOTE, NEW_NUMBER_NOTE]


def test_r21_a_new_locked_mobile_turns_sms_off_without_an_on_event(staff, add_client):
    process_inbound(SHARED, "STOP", sid="SM-stop")
    dana = add_client(mobile="+12125550199")
    set_switch(staff["employee"], dana, Channel.SMS, Switch.MARKETING, True, method="signed_form")
    events_before = len(sms_events(dana))
    update_addresses(staff["employee"], dana, email="dana@example.com", mobile=SHARED, home_phone=None)
    new = sms_events(dana)[events_before:]
    assert all(event_new != "on" for _switch, _old, event_new, _note in new)
    assert ("all", "on", "off", STOP_NOTE) in new
    assert not sms(dana).marketing and Client.get_by_id(dana).sms_off_by_stop


def test_r21_moving_away_from_a_locked_number_brings_back_what_the_stop_turned_off(staff, household):
    process_inbound(SHARED, "STOP", sid="SM-stop")
    update_addresses(staff["employee"], household["dana"], email="dana@example.com",
                     mobile="+13125550123", home_phone=None)
    assert sms(household["dana"]).effective_all and not sms(household["dana"]).stop_locked
    assert sms(household["sam"]).stop_locked  # the old number stays locked (R6)


def test_r7_r21_staff_cannot_add_a_client_with_marketing_texts_on_a_locked_mobile(staff):
    process_inbound(SHARED, "STOP", sid="SM-stop")
    draft = make_draft("Lee", "Park", mobile=SHARED, marketing={Channel.SMS: True},
                       method="signed_form")
    with pytest.raises(ConsentLocked):
        add_client(staff["employee"], draft)
    assert Client.select().count() == 0


def test_r11_a_start_older_than_a_lock_applied_from_review_does_not_lift_it(staff, household):
    from datetime import datetime, timedelta, timezone

    from models.review import ReviewAction, resolve_review, review_items

    texted = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
    process_inbound(SHARED, "please stop texting us", sid="SM-review", at=texted)
    resolve_review(staff["employee"], review_items()[0].message_id, ReviewAction.APPLY_STOP)
    late = process_inbound(SHARED, "START", sid="SM-old-start", at=texted - timedelta(hours=1))
    assert late.action == "opt_in" and not late.changed
    assert sms(household["dana"]).stop_locked
