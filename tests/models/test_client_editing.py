"""Editing a client (name, status, addresses) and the preview of what it does to consent:
the preview runs the write's own plan, so what it says is what saving does (R6, R18, R21)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.changes import Touched
from models.client_list import ClientFilter, client_ids, filter_counts
from models.client_preview import preview_edit, preview_new_client
from models.clients import archive_client, edit_client, make_draft
from models.consent import load_consent, set_switch
from models.errors import InvalidInput, NotAllowed, StaleData
from models.inbound import process_inbound
from models.phones import check_email, check_phone, normalize_phone
from models.rules import Channel, Switch
from models.schema import Client, ConsentEvent

NUMBER = "+15555550123"
OTHER = "+12125550199"


def draft_of(client_id: int, **changes) -> object:
    client = Client.get_by_id(client_id)
    fields = {"first_name": client.first_name, "last_name": client.last_name,
              "status": client.status, "email": client.email, "mobile": client.mobile,
              "home_phone": client.home_phone}
    fields.update(changes)
    first, last = fields.pop("first_name"), fields.pop("last_name")
    return make_draft(first, last, **fields)


def row(client_id: int) -> dict:
    return Client.select().where(Client.id == client_id).dicts().get()


def steps_written(event_ids) -> list[tuple[str, str, str | None, str]]:
    events = ConsentEvent.select().where(ConsentEvent.id.in_(list(event_ids))).order_by(ConsentEvent.id)
    return [(e.channel, e.switch, e.old, e.new) for e in events if e.channel]


def steps_previewed(preview) -> list[tuple[str, str, str | None, str]]:
    return [(s.channel.value, s.switch.value, s.old, s.new) for s in preview.switches]


# --- Name and status ------------------------------------------------------------------------------

def test_r14_edit_client_changes_name_and_status_with_one_event_each(staff, add_client):
    client = add_client("Dana", "Reyes", status="prospect")
    before = ConsentEvent.select().count()
    change = edit_client(staff["employee"], client, draft_of(client, first_name="Dana ",
                                                             last_name="Smith", status="member"))
    stored = Client.get_by_id(client)
    assert (stored.first_name, stored.last_name, stored.status) == ("Dana", "Smith", "member")
    assert stored.name_key == "dana smith" and stored.sort_key == "smith dana"
    assert change.touches(Touched.CLIENTS) and change.client_ids == (client,)
    events = list(ConsentEvent.select().where(ConsentEvent.id > before).order_by(ConsentEvent.id))
    assert [(e.switch, e.old, e.new, e.actor) for e in events] == [
        ("name", "Dana Reyes", "Dana Smith", "Eli Employee"),
        ("status", "prospect", "member", "Eli Employee")]
    assert list(change.event_ids) == [e.id for e in events]


def test_edit_client_with_nothing_changed_writes_nothing(staff, add_client):
    client = add_client()
    before = ConsentEvent.select().count()
    change = edit_client(staff["employee"], client, draft_of(client))
    assert change.touched is Touched.NONE and ConsentEvent.select().count() == before


def test_edit_client_refuses_a_stale_version_and_bad_input_changing_nothing(staff, add_client):
    client = add_client()
    shown = load_consent(client).version
    set_switch(staff["manager"], client, Channel.EMAIL, Switch.MARKETING, False)
    before = row(client)
    with pytest.raises(StaleData):
        edit_client(staff["employee"], client, draft_of(client, last_name="Smith"), shown)
    with pytest.raises(InvalidInput):
        edit_client(staff["employee"], client, draft_of(client, first_name="", last_name=""))
    assert row(client) == before


# --- R21: consent follows the number --------------------------------------------------------------

def test_r21_preview_says_marketing_stays_with_the_old_number_and_saving_does_so(staff, add_client):
    client = add_client(mobile=NUMBER)
    set_switch(staff["employee"], client, Channel.SMS, Switch.MARKETING, True, method="in_person")
    set_switch(staff["employee"], client, Channel.VOICE, Switch.MARKETING, True, method="in_person")
    draft = draft_of(client, mobile="(212) 555-0199")
    events_before, row_before = ConsentEvent.select().count(), row(client)

    preview = preview_edit(client, draft)

    assert ConsentEvent.select().count() == events_before and row(client) == row_before  # wrote nothing
    text = " ".join(preview.texts())
    assert "SMS and Phone calls Marketing stay with (555) 555-0123" in text
    assert "default (off)" in text
    change = edit_client(staff["employee"], client, draft)
    assert steps_previewed(preview) == steps_written(change.event_ids)  # said is done
    state = load_consent(client)
    assert not state.channels[Channel.SMS].marketing and not state.channels[Channel.VOICE].marketing


# --- R6: the lock belongs to the number -----------------------------------------------------------

def test_r6_preview_of_a_stop_locked_mobile_warns_and_saving_locks(staff, add_client):
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    client = add_client(mobile=OTHER)
    draft = draft_of(client, mobile="555.555.0123")  # another spelling cannot dodge the lock

    preview = preview_edit(client, draft)

    locked = [n for n in preview.notes if n.level == "locked"]
    assert len(locked) == 1 and locked[0].text.startswith("(555) 555-0123 texted STOP on ")
    assert "Only the client can turn it back on, by texting START" in locked[0].text
    assert ("sms", "all", "on", "off") in steps_previewed(preview)
    change = edit_client(staff["employee"], client, draft)
    assert steps_previewed(preview) == steps_written(change.event_ids)
    sms = load_consent(client).channels[Channel.SMS]
    assert sms.stop_locked and not sms.effective_all


def test_r6_preview_of_moving_away_from_a_locked_number_says_the_old_one_stays_locked(staff, add_client):
    client = add_client(mobile=NUMBER)
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    draft = draft_of(client, mobile=OTHER)
    preview = preview_edit(client, draft)
    assert any("stays locked; SMS comes back on" in text for text in preview.texts())
    change = edit_client(staff["employee"], client, draft)
    assert steps_previewed(preview) == steps_written(change.event_ids)
    assert load_consent(client).channels[Channel.SMS].effective_all


def test_r6_preview_of_a_new_client_on_a_locked_mobile(staff):
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    preview = preview_new_client(make_draft("Sam", "Reyes", mobile="555 555 0123"))
    assert [n.level for n in preview.notes] == ["locked"]
    assert "SMS starts off and locked" in preview.notes[0].text
    assert all(step.channel is not Channel.SMS for step in preview.switches)


def test_r18_preview_names_who_already_has_the_mobile_or_email(staff, add_client):
    add_client("Sam", "Reyes", mobile=NUMBER, email="home@example.com")
    client = add_client("Dana", "Reyes", mobile=OTHER, email=None)
    preview = preview_edit(client, draft_of(client, mobile=NUMBER, email="HOME@example.com"))
    assert ("Sam Reyes also has this mobile — a STOP from this number reaches both of them."
            in preview.texts())
    assert "Sam Reyes also has this email." in preview.texts()
    new = preview_new_client(make_draft("Jo", "Reyes", mobile=NUMBER))
    assert any(text.startswith("Sam Reyes also has this mobile") for text in new.texts())


# --- Archive --------------------------------------------------------------------------------------

def test_r14_archived_clients_leave_every_filter_but_archived(staff, add_client):
    dana, sam = add_client("Dana", "Reyes"), add_client("Sam", "Reyes")
    with pytest.raises(NotAllowed):
        archive_client(staff["employee"], sam)
    archive_client(staff["manager"], sam)
    assert client_ids() == [dana] and client_ids("sam") == []
    assert client_ids(which=ClientFilter.ARCHIVED) == [sam]
    assert client_ids("sam", ClientFilter.ARCHIVED) == [sam]
    counts = filter_counts()
    assert counts[ClientFilter.ALL] == 1 and counts[ClientFilter.ARCHIVED] == 1
    archive_client(staff["manager"], sam, archived=False)
    assert client_ids(which=ClientFilter.ARCHIVED) == [] and len(client_ids()) == 2


# --- Checking addresses as they are typed ---------------------------------------------------------

def test_check_phone_and_email_name_the_problem_or_show_the_number():
    assert check_phone("(212) 555-0199").shown == "(212) 555-0199 · NY"
    assert check_phone("(212) 555-0199").value == OTHER
    assert check_phone("555").problem == "Phone number '555' is too short"
    assert check_phone("  ").value is None and check_phone("  ").problem is None
    assert check_email("dana@").problem.startswith("Email address 'dana@' is not valid")
    assert check_email("Dana@Example.com").value == "dana@example.com"


@given(st.text(max_size=30))
def test_check_phone_never_raises_and_agrees_with_the_write(text):
    checked = check_phone(text)
    if checked.value is not None:
        assert checked.problem is None and checked.value == normalize_phone(text)
    elif text.strip():
        assert checked.problem
