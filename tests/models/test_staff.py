"""Staff accounts, PINs and roles (R15): roles enforced in the model layer against the stored
row, PINs kept only as argon2id hashes (scrypt ones from earlier releases rehashed at sign-in), sign-in locked after repeated wrong PINs.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest
from argon2 import PasswordHasher, Type, extract_parameters

import models.staff
from models.clients import archive_client
from models.consent import set_switch
from models.errors import InvalidInput, NotAllowed, NotFound, SignInRefused
from models.rules import Channel, Switch, format_clock
from models.schema import ConsentEvent, Staff
from models.settings import update_ai_settings
from models.staff import (
    MAX_FAILED_ATTEMPTS,
    Role,
    SignedIn,
    create_staff,
    list_staff,
    require_role,
    sign_in,
)

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=timezone.utc)
#: Eight digits, so that finding it by chance inside a hex hash is all but impossible.
PIN = "86429731"


def sign_in_at(monkeypatch: pytest.MonkeyPatch, when: datetime, staff_id: int, pin: str) -> SignedIn:
    """`sign_in` with the database's clock reading `when` (the caller gives no time, R15)."""
    monkeypatch.setattr(models.staff, "lockout_clock", lambda: when)
    return sign_in(staff_id, pin)


# --- PINs ---------------------------------------------------------------------------------------------

@pytest.mark.real_pin_cost  # the one test at the production cost: it pins that cost
def test_r15_pins_are_stored_only_as_salted_argon2id_hashes(staff):
    first = create_staff(staff["owner"], "Pat One", "employee", PIN)
    second = create_staff(staff["owner"], "Pat Two", "employee", PIN)
    rows = {row["id"]: row for row in Staff.select().dicts()}
    for row in rows.values():
        assert not any(PIN in str(value) for value in row.values())
        assert not any(value in ("2468", "3579", "1357") for value in row.values())
    a, b = rows[first.staff_id], rows[second.staff_id]
    assert a["pin_hash"] != b["pin_hash"]  # salted
    for row in rows.values():
        # argon2id, 3 passes over 64 MiB in 4 lanes, a 16-byte salt and a 32-byte hash, all
        # inside the stored string: nobody lowers the cost by accident.
        parameters = extract_parameters(row["pin_hash"])
        assert row["pin_hash"].startswith("$argon2id$v=19$m=65536,t=3,p=4$")
        assert (parameters.type, parameters.time_cost, parameters.memory_cost, parameters.parallelism,
                parameters.salt_len, parameters.hash_len) == (Type.ID, 3, 65536, 4, 16, 32)
        assert row["pin_salt"] == "" and len(row["pin_hash"]) <= Staff.pin_hash.max_length
        assert PasswordHasher().verify(row["pin_hash"], PIN if row["id"] in (a["id"], b["id"])
                                       else {"Olive Owner": "2468", "Mona Manager": "3579",
                                             "Eli Employee": "1357"}[row["name"]])
    # No event carries the PIN either.
    assert not any(PIN in str(v) for e in ConsentEvent.select().dicts() for v in e.values())


def scrypt_era_row(staff_id: int, pin: str) -> None:
    """Store a PIN as the release before argon2id did: a salted scrypt hash."""
    salt = bytes(range(16))
    Staff.update(pin_hash=hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32).hex(),
                 pin_salt=salt.hex()).where(Staff.id == staff_id).execute()


def test_r15_a_scrypt_era_pin_signs_in_and_is_stored_again_as_argon2id(staff):
    who = staff["employee"].staff_id
    scrypt_era_row(who, "1357")
    old = Staff.get_by_id(who).pin_hash
    with pytest.raises(SignInRefused, match="Wrong PIN"):
        sign_in(who, "1358")
    assert Staff.get_by_id(who).pin_hash == old  # a wrong PIN rehashes nothing
    assert sign_in(who, "1357") == staff["employee"]
    row = Staff.get_by_id(who)
    assert row.pin_hash.startswith("$argon2id$") and row.pin_salt == ""
    assert sign_in(who, "1357") == staff["employee"]
    with pytest.raises(SignInRefused, match="Wrong PIN"):
        sign_in(who, "1358")


def test_r15_a_pin_hashed_at_another_cost_is_stored_again_at_todays(staff, monkeypatch):
    import models.staff

    who = staff["manager"].staff_id
    before = Staff.get_by_id(who).pin_hash
    assert sign_in(who, "3579") == staff["manager"]
    assert Staff.get_by_id(who).pin_hash == before  # already at today's cost: left alone
    monkeypatch.setattr(models.staff, "ARGON2_TIME_COST", 2)
    assert sign_in(who, "3579") == staff["manager"]
    after = Staff.get_by_id(who).pin_hash
    assert after != before and extract_parameters(after).time_cost == 2
    assert sign_in(who, "3579") == staff["manager"]


def test_r15_sign_in_with_own_pin(staff):
    manager = sign_in(staff["manager"].staff_id, "3579")
    assert manager == SignedIn(staff["manager"].staff_id, "Mona Manager", Role.MANAGER)
    with pytest.raises(SignInRefused, match="Wrong PIN"):
        sign_in(staff["manager"].staff_id, "2468")  # the owner's PIN is not the manager's
    with pytest.raises(NotFound):
        sign_in(999, "2468")


def test_r15_five_wrong_pins_lock_sign_in_and_say_until_when(staff, monkeypatch):
    who = staff["employee"].staff_id
    for attempt in range(1, MAX_FAILED_ATTEMPTS):
        with pytest.raises(SignInRefused) as refused:
            sign_in_at(monkeypatch, NOW + timedelta(seconds=attempt), who, "0000")
        assert f"{MAX_FAILED_ATTEMPTS - attempt} more" in str(refused.value)
    with pytest.raises(SignInRefused) as locked:
        sign_in_at(monkeypatch, NOW, who, "0000")
    until = NOW + timedelta(minutes=5)
    assert f"locked until {format_clock(until.astimezone())}" in str(locked.value)
    assert "in 5 minutes" in str(locked.value)

    # The right PIN during the lockout is refused too, and says until when.
    with pytest.raises(SignInRefused) as still:
        sign_in_at(monkeypatch, NOW + timedelta(minutes=2), who, "1357")
    assert f"until {format_clock(until.astimezone())}" in str(still.value)
    assert "in 3 minutes" in str(still.value)

    # After the lockout the right PIN works and the count starts again.
    assert sign_in_at(monkeypatch, NOW + timedelta(minutes=6), who, "1357").role is Role.EMPLOYEE
    assert Staff.get_by_id(who).failed_attempts == 0 and Staff.get_by_id(who).locked_until is None


def test_r15_lockout_is_per_staff_member_and_a_right_pin_resets_the_count(staff, monkeypatch):
    owner, manager = staff["owner"].staff_id, staff["manager"].staff_id
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(SignInRefused):
            sign_in_at(monkeypatch, NOW, owner, "1111")
    sign_in_at(monkeypatch, NOW, owner, "2468")
    with pytest.raises(SignInRefused, match="more tries"):
        sign_in_at(monkeypatch, NOW, owner, "1111")  # counted from one again, not locked
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(SignInRefused):
            sign_in_at(monkeypatch, NOW, manager, "1111")
    assert sign_in_at(monkeypatch, NOW, owner, "2468").role is Role.OWNER  # the manager's lockout is theirs



def test_r15_a_wrong_pin_says_how_long_the_lock_will_last_and_then_until_when(staff, monkeypatch):
    owner = staff["owner"].staff_id
    with pytest.raises(SignInRefused, match="4 more tries before sign-in is locked for 5 minutes"):
        sign_in_at(monkeypatch, NOW, owner, "1111")
    for _ in range(MAX_FAILED_ATTEMPTS - 2):
        with pytest.raises(SignInRefused):
            sign_in_at(monkeypatch, NOW, owner, "1111")
    until = format_clock((NOW + timedelta(minutes=5)).astimezone())
    with pytest.raises(SignInRefused, match=f"locked until {until}"):
        sign_in_at(monkeypatch, NOW, owner, "1111")
    with pytest.raises(SignInRefused, match=f"locked until {until}"):
        sign_in_at(monkeypatch, NOW + timedelta(minutes=1), owner, "2468")

# --- Roles in the model layer ---------------------------------------------------------------------

def test_r15_employee_cannot_do_manager_or_owner_work(staff, add_client):
    employee = staff["employee"]
    client = add_client()
    with pytest.raises(NotAllowed):
        update_ai_settings(employee, {"ai_enabled": False})
    with pytest.raises(NotAllowed):
        create_staff(employee, "New Hire", "employee", "4321")
    with pytest.raises(NotAllowed):
        archive_client(employee, client)
    with pytest.raises(NotAllowed):
        create_staff(staff["manager"], "New Hire", "employee", "4321")  # staff accounts: owner only
    assert Staff.select().count() == 3
    # What an employee may do (R15): change consent within R3/R4.
    set_switch(employee, client, Channel.SMS, Switch.MARKETING, True, method="in_person")
    # And the owner manages staff accounts.
    assert create_staff(staff["owner"], "New Hire", "employee", "4321").role is Role.EMPLOYEE


def test_r15_a_forged_signed_in_cannot_claim_more_than_the_database_grants(staff):
    forged = SignedIn(staff["employee"].staff_id, "Olive Owner", Role.OWNER)
    with pytest.raises(NotAllowed):
        create_staff(forged, "Mallory", "owner", "4321")
    with pytest.raises(NotAllowed):
        update_ai_settings(forged, {"ai_enabled": False})
    with pytest.raises(NotAllowed):
        require_role(forged, Role.MANAGER)
    assert require_role(forged, Role.EMPLOYEE) == staff["employee"]  # the stored truth
    nobody = SignedIn(4242, "Ghost", Role.OWNER)
    with pytest.raises(NotAllowed, match="no longer exists"):
        require_role(nobody, Role.EMPLOYEE)
    assert not Staff.select().where(Staff.name == "Mallory").exists()


def test_r15_role_changed_or_account_closed_elsewhere_takes_effect_at_once(staff, add_client):
    client = add_client()
    Staff.update(role="employee").where(Staff.id == staff["manager"].staff_id).execute()
    with pytest.raises(NotAllowed):
        update_ai_settings(staff["manager"], {"ai_enabled": False})
    Staff.update(active=False).where(Staff.id == staff["employee"].staff_id).execute()
    with pytest.raises(NotAllowed):
        set_switch(staff["employee"], client, Channel.EMAIL, Switch.ALL, False)
    assert [s.name for s in list_staff()] == ["Olive Owner", "Mona Manager"]
    with pytest.raises(NotFound):
        sign_in(staff["employee"].staff_id, "1357")


# --- Accounts ---------------------------------------------------------------------------------------

def test_r15_first_account_is_the_owner_and_later_ones_need_an_owner(db):
    with pytest.raises(InvalidInput, match="owner"):
        create_staff(None, "Mona", "manager", "3579")
    owner = create_staff(None, "  Olive   Owner ", "Owner", "2468")
    assert (owner.name, owner.role) == ("Olive Owner", Role.OWNER)
    with pytest.raises(NotAllowed):
        create_staff(None, "Second Owner", "owner", "2468")
    event = ConsentEvent.select().get()
    assert (event.switch, event.new, event.actor) == ("staff_account", "Olive Owner (owner)", "Olive Owner")


@pytest.mark.parametrize("name, role, pin, words", [
    ("", "employee", "1234", "name"),
    ("Pat", "janitor", "1234", "role"),
    ("Pat", "employee", "123", "4 to 8 digits"),
    ("Pat", "employee", "123456789", "4 to 8 digits"),
    ("Pat", "employee", "12a4", "4 to 8 digits"),
    ("Pat", "employee", "١٢٣٤", "4 to 8 digits"),
    ("Olive Owner", "employee", "1234", "already exists"),
])
def test_r15_staff_accounts_validate(staff, name, role, pin, words):
    before = Staff.select().count()
    with pytest.raises(InvalidInput, match=words):
        create_staff(staff["owner"], name, role, pin)
    assert Staff.select().count() == before


def test_list_staff_shows_owners_first(staff):
    create_staff(staff["owner"], "Aaron Employee", "employee", "1111")
    assert [(s.name, s.role) for s in list_staff()] == [
        ("Olive Owner", Role.OWNER), ("Mona Manager", Role.MANAGER),
        ("Aaron Employee", Role.EMPLOYEE), ("Eli Employee", Role.EMPLOYEE)]
