"""The change contract (STYLE 6, issue 7): every operation says which kinds of data it touched,
for which clients, and nothing when it changed nothing."""

from __future__ import annotations

from models.changes import Change, Touched
from models.clients import archive_client, update_addresses
from models.consent import set_client_ai, set_switch
from models.inbound import inbound_change, process_inbound
from models.review import ReviewAction, resolve_review, review_items
from models.rules import Channel, Switch
from models.settings import update_ai_settings
from models.staff import reset_pin, set_staff_active


def test_a_switch_turned_off_touches_that_clients_switches(staff, add_client) -> None:
    dana = add_client()
    change = set_switch(staff["employee"], dana, Channel.EMAIL, Switch.MARKETING, False)
    assert change.touched is Touched.SWITCHES and change.client_ids == (dana,)
    assert len(change.event_ids) == 1


def test_a_switch_already_off_touches_nothing(staff, add_client) -> None:
    dana = add_client()
    set_switch(staff["employee"], dana, Channel.EMAIL, Switch.MARKETING, False)
    change = set_switch(staff["employee"], dana, Channel.EMAIL, Switch.MARKETING, False)
    assert change.touched is Touched.NONE and change.event_ids == ()


def test_hailee_switches_touch_client_ai_only(staff, add_client) -> None:
    dana = add_client()
    change = set_client_ai(staff["employee"], dana, "outreach", False)
    assert change.touched is Touched.CLIENT_AI and change.client_ids == (dana,)


def test_clients_added_archived_or_readdressed_touch_clients(staff, add_client) -> None:
    dana = add_client()
    moved = update_addresses(staff["employee"], dana, email="dana@example.com",
                             mobile="+13125550188", home_phone=None)
    assert moved.touched is Touched.CLIENTS
    same = update_addresses(staff["employee"], dana, email="dana@example.com",
                            mobile="+13125550188", home_phone=None)
    assert same.touched is Touched.NONE
    assert archive_client(staff["manager"], dana).touched is Touched.CLIENTS
    assert archive_client(staff["manager"], dana).touched is Touched.NONE


def test_studio_settings_touch_the_studio_and_no_client(staff) -> None:
    change = update_ai_settings(staff["manager"], {"ai_outreach": False})
    assert change.touched is Touched.STUDIO and change.client_ids == ()
    assert update_ai_settings(staff["manager"], {"ai_outreach": False}).touched is Touched.NONE


def test_staff_accounts_touch_staff_only(staff) -> None:
    """A PIN reset recounts no client filter and redraws no profile."""
    change = reset_pin(staff["owner"], staff["employee"].staff_id, "8642")
    assert change.touched is Touched.STAFF and change.client_ids == ()
    assert set_staff_active(staff["owner"], staff["employee"].staff_id, False).touched is Touched.STAFF


def test_a_texted_stop_touches_the_numbers_locks_and_the_messages(add_client) -> None:
    dana = add_client()
    stop = inbound_change(process_inbound("+15555550123", "STOP", sid="SM-1"))
    assert stop.touched == Touched.MESSAGES | Touched.STOP_LOCKS and stop.client_ids == (dana,)
    again = inbound_change(process_inbound("+15555550123", "STOP", sid="SM-2"))
    assert again.touched is Touched.MESSAGES  # already locked: only a text on file
    chatter = inbound_change(process_inbound("+15555550123", "See you at 6", sid="SM-3"))
    assert chatter.touched is Touched.MESSAGES


def test_review_decisions_touch_the_queue_and_messages_and_a_lock_only_when_applied(
        staff, add_client) -> None:
    add_client()
    process_inbound("+15555550123", "please stop texting me", sid="SM-a")
    process_inbound("+15555550123", "no more texts please", sid="SM-b")
    first, second = review_items()
    dismissed = resolve_review(staff["employee"], first.message_id, ReviewAction.DISMISS)
    assert dismissed.touched == Touched.REVIEW | Touched.MESSAGES
    applied = resolve_review(staff["employee"], second.message_id, ReviewAction.APPLY_STOP)
    assert applied.touched == Touched.REVIEW | Touched.MESSAGES | Touched.STOP_LOCKS


def test_touches_client_reads_the_flags_and_the_clients() -> None:
    change = Change(Touched.SWITCHES, client_ids=(7,))
    assert change.touches_client(7) and not change.touches_client(8)
    assert not change.touches_client(7, Touched.CLIENT_AI)
    assert Change(Touched.STUDIO).touches_client(8)  # what every client receives may differ
    assert not Change(Touched.STAFF).touches_client(8)
    everything = Change.everything()
    assert everything.touches_client(8, Touched.SWITCHES) and everything.every_client


def test_who_asked_is_not_part_of_what_changed() -> None:
    change = Change(Touched.SWITCHES, client_ids=(7,))
    asker = object()
    asked = change.asked_by(asker)
    assert asked == change and asked.initiator is asker and change.initiator is None
