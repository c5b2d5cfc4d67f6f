"""Managing staff accounts (R15): owner only, enforced in the model layer; the studio always
keeps an owner; a reset PIN works at once and the old one no longer does; a deactivated
account cannot sign in; every change is one consent event."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from models.audit import iter_events, verify_chain
from models.changes import Touched
from models.errors import InvalidInput, NotAllowed, NotFound, SignInRefused
from models.schema import ConsentEvent, Staff
from models.settings import update_ai_settings
from models.staff import (
    MAX_FAILED_ATTEMPTS,
    Role,
    StaffAccount,
    create_staff,
    list_staff,
    list_staff_accounts,
    reset_pin,
    set_staff_active,
    sign_in,
)
from tests.models.test_staff import sign_in_at

NEW_PIN = "80642"


def _account_events() -> list[ConsentEvent]:
    return [e for e in iter_events() if e.switch == "staff_account"]


def _row(staff_id: int) -> Staff:
    return Staff.get_by_id(staff_id)


# --- owner only -----------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["employee", "manager"])
def test_r15_only_an_owner_manages_staff_accounts(staff, role: str) -> None:
    who, target = staff[role], staff["employee"]
    before = ConsentEvent.select().count()
    hashes = {row.id: row.pin_hash for row in Staff.select()}
    with pytest.raises(NotAllowed, match="only an owner"):
        list_staff_accounts(who)
    with pytest.raises(NotAllowed, match="only an owner"):
        set_staff_active(who, target.staff_id, False)
    with pytest.raises(NotAllowed, match="only an owner"):
        reset_pin(who, target.staff_id, NEW_PIN)
    with pytest.raises(NotAllowed, match="only an owner"):
        create_staff(who, "Pat Lee", "employee", NEW_PIN)
    assert ConsentEvent.select().count() == before
    assert _row(target.staff_id).active
    assert {row.id: row.pin_hash for row in Staff.select()} == hashes


def test_list_staff_accounts_shows_everyone_with_their_state(staff) -> None:
    owner = staff["owner"]
    set_staff_active(owner, staff["employee"].staff_id, False)
    accounts = list_staff_accounts(owner)
    assert [(a.name, a.role, a.active) for a in accounts] == [
        ("Olive Owner", Role.OWNER, True), ("Mona Manager", Role.MANAGER, True),
        ("Eli Employee", Role.EMPLOYEE, False)]  # active first, owners first, then by name
    assert all(isinstance(a, StaffAccount) and a.locked_until is None for a in accounts)


def test_list_staff_accounts_says_until_when_sign_in_is_locked(staff, monkeypatch) -> None:
    now = datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc)
    manager = staff["manager"].staff_id
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(SignInRefused):
            sign_in_at(monkeypatch, now, manager, "0000")
    locked = {a.staff_id: a.locked_until for a in list_staff_accounts(staff["owner"], now=now)}
    assert locked[manager] == now + timedelta(minutes=5)
    later = now + timedelta(minutes=6)
    assert all(until is None
               for until in (a.locked_until for a in list_staff_accounts(staff["owner"], now=later)))


# --- deactivate and reactivate --------------------------------------------------------------------

def test_r15_a_deactivated_account_cannot_sign_in_or_act(staff) -> None:
    owner, manager = staff["owner"], staff["manager"]
    change = set_staff_active(owner, manager.staff_id, False)
    assert change.touched is Touched.STAFF and len(change.event_ids) == 1
    with pytest.raises(NotFound):
        sign_in(manager.staff_id, "3579")
    assert "Mona Manager" not in [s.name for s in list_staff()]  # not offered at sign-in
    # A window still signed in as them is refused by the model layer at once.
    with pytest.raises(NotAllowed, match="no longer exists"):
        update_ai_settings(manager, {"ai_outreach": False})
    set_staff_active(owner, manager.staff_id, True)
    assert sign_in(manager.staff_id, "3579").name == "Mona Manager"


def test_r14_deactivating_and_reactivating_are_recorded(staff) -> None:
    owner, employee = staff["owner"], staff["employee"]
    set_staff_active(owner, employee.staff_id, False)
    set_staff_active(owner, employee.staff_id, False)  # no change: no event
    set_staff_active(owner, employee.staff_id, True)
    events = _account_events()[-2:]
    assert [(e.actor, e.staff_id, e.source, e.old, e.new) for e in events] == [
        ("Olive Owner", owner.staff_id, "staff", "Eli Employee: active", "Eli Employee: inactive"),
        ("Olive Owner", owner.staff_id, "staff", "Eli Employee: inactive", "Eli Employee: active"),
    ]
    assert verify_chain().ok


def test_r15_the_last_owner_cannot_be_deactivated(staff) -> None:
    owner = staff["owner"]
    with pytest.raises(NotAllowed, match="last owner"):
        set_staff_active(owner, owner.staff_id, False)
    assert _row(owner.staff_id).active


def test_r15_an_owner_cannot_deactivate_themself(staff) -> None:
    owner = staff["owner"]
    second = create_staff(owner, "Otto Owner", "owner", "97531")
    with pytest.raises(NotAllowed, match="your own account"):
        set_staff_active(owner, owner.staff_id, False)
    # Another owner can; and then the studio's one remaining owner is protected.
    set_staff_active(second, owner.staff_id, False)
    with pytest.raises(NotAllowed, match="last owner"):
        set_staff_active(second, second.staff_id, False)
    with pytest.raises(NotAllowed):
        set_staff_active(owner, second.staff_id, False)  # deactivated: no longer an owner who acts
    assert [s.name for s in list_staff() if s.role is Role.OWNER] == ["Otto Owner"]


def test_unknown_staff_member_is_not_found(staff) -> None:
    with pytest.raises(NotFound):
        set_staff_active(staff["owner"], 999, False)
    with pytest.raises(NotFound):
        reset_pin(staff["owner"], 999, NEW_PIN)


# --- reset PIN ------------------------------------------------------------------------------------

def test_r15_a_reset_pin_works_and_the_old_one_no_longer_does(staff) -> None:
    employee = staff["employee"]
    change = reset_pin(staff["owner"], employee.staff_id, NEW_PIN)
    assert len(change.event_ids) == 1
    assert sign_in(employee.staff_id, NEW_PIN).name == "Eli Employee"
    with pytest.raises(SignInRefused, match="Wrong PIN"):
        sign_in(employee.staff_id, "1357")


def test_r15_reset_pin_lifts_a_sign_in_lock(staff) -> None:
    manager = staff["manager"].staff_id
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(SignInRefused):
            sign_in(manager, "0000")
    with pytest.raises(SignInRefused, match="locked until"):
        sign_in(manager, "3579")
    reset_pin(staff["owner"], manager, NEW_PIN)
    assert sign_in(manager, NEW_PIN).role is Role.MANAGER
    assert _row(manager).failed_attempts == 0 and _row(manager).locked_until is None


#: An event's columns that hold no words: hex hashes and times, where any four digits turn up.
_MACHINE_COLUMNS = frozenset({"id", "at", "hash", "prev_hash", "staff", "client"})


def test_r15_reset_pin_is_stored_salted_and_recorded_without_the_pin(staff) -> None:
    before = _row(staff["employee"].staff_id)
    reset_pin(staff["owner"], staff["employee"].staff_id, NEW_PIN)
    after = _row(staff["employee"].staff_id)
    # A new argon2id hash with its own salt inside (R15).
    assert after.pin_hash.startswith("$argon2id$") and after.pin_hash != before.pin_hash
    assert after.pin_hash.split("$")[-2] != before.pin_hash.split("$")[-2]  # a new salt
    assert NEW_PIN not in after.pin_hash and after.pin_salt == ""
    event = _account_events()[-1]
    assert (event.actor, event.old, event.new) == ("Olive Owner", None, "Eli Employee: PIN reset")
    # Not in anything an event says; its hashes and times hold digits by chance.
    assert not any(NEW_PIN in str(value) for row in ConsentEvent.select().dicts()
                   for column, value in row.items() if column not in _MACHINE_COLUMNS)


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", ""])
def test_reset_pin_validates_the_pin(staff, pin: str) -> None:
    with pytest.raises(InvalidInput, match="4 to 8 digits"):
        reset_pin(staff["owner"], staff["employee"].staff_id, pin)
    assert sign_in(staff["employee"].staff_id, "1357")
