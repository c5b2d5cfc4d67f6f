"""Clients in the model layer: validating and adding them (R4a), changing their addresses
(R3, R6, R7), and archiving.
"""

from __future__ import annotations

import pytest

from models.clients import add_client, make_draft, update_addresses
from models.consent import load_consent, set_switch
from models.errors import (
    ConsentLocked,
    InvalidAddress,
    InvalidInput,
    NotFound,
    StaleData,
)
from models.inbound import process_inbound
from models.rules import Channel, Switch
from models.schema import Client, ConsentEvent, StopLock

NUMBER = "+15555550123"


def sms(client_id: int):
    return load_consent(client_id).channels[Channel.SMS]


def events() -> int:
    return ConsentEvent.select().count()


# --- Drafts and adding ---------------------------------------------------------------------------

def test_make_draft_normalizes_addresses():
    draft = make_draft(" Dana ", " Reyes", status="Member", email="Dana.Reyes@Example.COM",
                       mobile="(555) 555-0123", home_phone="212.555.0100")
    assert (draft.first_name, draft.last_name, draft.status) == ("Dana", "Reyes", "member")
    assert (draft.email, draft.mobile, draft.home_phone) == ("dana.reyes@example.com", NUMBER, "+12125550100")
    assert make_draft("Solo", "", email=" ", mobile="").mobile is None


@pytest.mark.parametrize("kwargs, words", [
    ({"first_name": "", "last_name": " "}, "name"),
    ({"email": "dana@@example"}, "email"),
    ({"mobile": "555-CALL-NOW"}, "mobile"),
    ({"mobile": "12345"}, "mobile"),
    ({"home_phone": "+1 555 555 0123 4567"}, "home_phone"),
    ({"status": "vip"}, "status"),
    ({"first_name": "x" * 121}, "longer"),
    ({"marketing": {Channel.SMS: True}}, "consent_method"),
])
def test_make_draft_refuses_bad_fields_naming_them(kwargs, words):
    fields = {"first_name": "Dana", "last_name": "Reyes", **kwargs}
    with pytest.raises(InvalidInput, match=words):
        make_draft(fields.pop("first_name"), fields.pop("last_name"), **fields)


def test_r4a_adding_a_client_records_the_switches_it_starts_with(staff):
    before = events()
    change = add_client(staff["employee"], make_draft("Dana", "Reyes", email="dana@example.com",
                                                      mobile=NUMBER))
    client = change.client_ids[0]
    new = list(ConsentEvent.select().where(ConsentEvent.id > before))
    assert [(e.channel, e.switch, e.new, e.method) for e in new] == [
        (None, "client", "added (prospect)", None),
        ("email", "all", "on", "studio_default"), ("email", "marketing", "on", "studio_default"),
        ("sms", "all", "on", "studio_default"), ("voice", "all", "on", "studio_default")]
    assert all(e.client_id == client and e.actor == "Eli Employee" for e in new)
    assert set(change.event_ids) == {e.id for e in new}


def test_r7_client_added_with_a_locked_mobile_starts_locked(staff):
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    client = add_client(staff["owner"], make_draft("Sam", "Reyes", mobile="555 555 0123")).client_ids[0]
    assert Client.get_by_id(client).sms_all is False and sms(client).stop_locked
    assert load_consent(client).channels[Channel.VOICE].effective_all  # the lock is SMS only


# --- Addresses (R6: the lock belongs to the number) -----------------------------------------------

def test_r6_mobile_changed_to_a_locked_number_is_locked(staff, add_client):
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    client = add_client(mobile="+12125550199")
    assert sms(client).effective_all
    update_addresses(staff["employee"], client, email="dana@example.com", mobile=NUMBER, home_phone=None)
    stored = Client.get_by_id(client)
    assert stored.mobile == NUMBER and stored.sms_all is False and sms(client).stop_locked
    event = ConsentEvent.select().order_by(ConsentEvent.id.desc()).get()
    assert (event.channel, event.switch, event.old, event.new) == ("sms", "all", "on", "off")


def test_r7_mobile_typed_in_another_format_cannot_dodge_the_lock(staff, add_client):
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    client = add_client(mobile="+12125550199")
    update_addresses(staff["employee"], client, email=None, mobile="(555) 555-0123", home_phone=None)
    assert Client.get_by_id(client).mobile == NUMBER
    assert sms(client).stop_locked and Client.get_by_id(client).sms_all is False
    with pytest.raises(ConsentLocked):
        set_switch(staff["owner"], client, Channel.SMS, Switch.ALL, True, method="in_person")
    assert Client.get_by_id(client).sms_all is False


def test_update_addresses_refuses_malformed_addresses_and_changes_nothing(staff, add_client):
    client = add_client()
    before = Client.select().where(Client.id == client).dicts().get()
    for bad in ({"email": "dana@example.com", "mobile": "call me", "home_phone": None},
                {"email": "not an email", "mobile": NUMBER, "home_phone": None},
                {"email": "dana@example.com", "mobile": NUMBER, "home_phone": "12"}):
        with pytest.raises(InvalidAddress):
            update_addresses(staff["employee"], client, **bad)
    assert Client.select().where(Client.id == client).dicts().get() == before


def test_r6_mobile_changed_away_is_unlocked_and_the_old_number_stays_locked(staff, add_client):
    dana, sam = add_client("Dana", "Reyes"), add_client("Sam", "Reyes")
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    update_addresses(staff["employee"], sam, email=None, mobile="+12125550199", home_phone=None)
    assert not sms(sam).stop_locked
    set_switch(staff["employee"], sam, Channel.SMS, Switch.ALL, True, method="in_person")  # no longer refused
    assert sms(sam).effective_all
    assert StopLock.get_or_none(StopLock.number == NUMBER) is not None
    assert sms(dana).stop_locked and not sms(dana).effective_all


def test_r4a_first_address_starts_from_the_studio_defaults(staff, add_client):
    client = add_client(email=None, mobile=None)
    update_addresses(staff["employee"], client, email="dana@example.com", mobile=NUMBER, home_phone=None)
    state = load_consent(client)
    assert state.channels[Channel.EMAIL].effective_all and state.channels[Channel.EMAIL].effective_marketing
    assert state.channels[Channel.SMS].effective_all and not state.channels[Channel.SMS].marketing


def test_r3_an_opt_out_survives_the_address_being_removed_and_given_again(staff, add_client):
    client = add_client()
    set_switch(staff["employee"], client, Channel.EMAIL, Switch.ALL, False, note="no email, ever")
    set_switch(staff["employee"], client, Channel.VOICE, Switch.ALL, False, note="no calls")
    update_addresses(staff["employee"], client, email=None, mobile=None, home_phone=None)
    update_addresses(staff["employee"], client, email="dana@example.com", mobile=NUMBER, home_phone=None)
    state = load_consent(client)
    assert not state.channels[Channel.EMAIL].effective_all  # only the client can turn it back on
    assert not state.channels[Channel.VOICE].effective_all
    assert state.channels[Channel.SMS].effective_all  # kept as it was: on


def test_update_addresses_refuses_stale_versions(staff, add_client):
    client = add_client()
    shown = load_consent(client).version
    set_switch(staff["manager"], client, Channel.EMAIL, Switch.MARKETING, False)
    with pytest.raises(StaleData):
        update_addresses(staff["employee"], client, email="new@example.com", mobile=NUMBER,
                         home_phone=None, expected_version=shown)
    assert Client.get_by_id(client).email == "dana@example.com"
    with pytest.raises(NotFound):
        update_addresses(staff["employee"], 999, email=None, mobile=None, home_phone=None)
