"""Staff accounts, PINs and roles (R15).

PINs are kept only as argon2id hashes, each with its salt and cost inside the stored string
(`$argon2id$v=19$m=65536,t=3,p=4$salt$hash`); a PIN stored by an earlier release as a salted
scrypt hash still signs in, and is stored again as argon2id at that sign-in. Five wrong PINs in a row lock that staff member's
sign-in for five minutes. Roles are checked here, against the stored row, on every operation
that needs one — hiding a button is only the picture of the rule.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import StrEnum

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from .audit import EventLog
from .changes import Change, Touched
from .db import database, for_update
from .errors import InvalidInput, NotAllowed, NotFound, SignInRefused
from .rules import format_clock
from .schema import Staff
from .text import storable
from .timeutil import iso, iso_now, parse_iso
from .wording import say

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)
#: argon2id's cost: RFC 9106's second recommended setting (3 passes over 64 MiB, 4 lanes),
#: about 0.15-0.2 s a check on a 2-core desk PC. What that costs someone who copies the file
#: (README, "PINs"): every guess needs 64 MiB and that time, so all 4-digit PINs take about
#: half an hour of one core, all 6-digit ones about two days. A sign-in that finds a stored
#: hash made at another cost stores it again at this one.
ARGON2_TIME_COST, ARGON2_MEMORY_KIB, ARGON2_PARALLELISM = 3, 64 * 1024, 4
#: The earlier release's scrypt cost, only to check PINs stored before argon2id.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


class Role(StrEnum):
    """What a staff member may do (R15). Higher roles include the lower ones."""

    EMPLOYEE = "employee"
    MANAGER = "manager"
    OWNER = "owner"


_RANK = {Role.EMPLOYEE: 0, Role.MANAGER: 1, Role.OWNER: 2}


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who is signed in. Operations take this and re-read the role from the database."""

    staff_id: int
    name: str
    role: Role


def _hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB,
                          parallelism=ARGON2_PARALLELISM, hash_len=32, salt_len=16, type=Type.ID)


def hash_pin(pin: str) -> str:
    """The stored form of a PIN: argon2id with a fresh random salt, salt and cost inside."""
    return _hasher().hash(pin)


def check_pin(pin: str, pin_hash: str, pin_salt: str) -> tuple[bool, bool]:
    """Whether `pin` matches the stored hash, and whether a match should be stored again
    (an earlier release's scrypt hash, or argon2id at another cost)."""
    if not pin_hash.startswith("$argon2"):
        legacy = hashlib.scrypt(pin.encode("utf-8"), salt=bytes.fromhex(pin_salt), n=SCRYPT_N,
                                r=SCRYPT_R, p=SCRYPT_P, dklen=32).hex()
        good = hmac.compare_digest(legacy, pin_hash)
        return good, good
    hasher = _hasher()
    try:
        hasher.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False, False
    return True, hasher.check_needs_rehash(pin_hash)


def validate_staff_name(name: str) -> str:
    """A staff member's name as stored: spaces tidied, 1 to 120 characters."""
    clean_name = " ".join(storable(name).split())
    if not clean_name:
        raise InvalidInput(say("a staff member needs a name"))
    if len(clean_name) > 120:
        raise InvalidInput(say("a staff member's name is longer than 120 characters"))
    return clean_name


def validate_pin(pin: str) -> str:
    """A PIN is 4 to 8 digits."""
    if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8):
        raise InvalidInput(say("a PIN is 4 to 8 digits"))
    return pin


def _role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise InvalidInput(say("unknown role {role} (owner, manager or employee)",
                               role=repr(value))) from None


def create_staff(by: SignedIn | None, name: str, role: str, pin: str) -> SignedIn:
    """Add a staff account. Only an owner may, except for the studio's first account (an owner)."""
    clean_name = validate_staff_name(name)
    wanted = _role(role)
    validate_pin(pin)
    pin_hash = hash_pin(pin)  # slow: outside the write lock
    with database.atomic():
        if by is None:
            if Staff.select().exists():
                raise NotAllowed(say("only an owner can add staff accounts"))
            if wanted is not Role.OWNER:
                raise InvalidInput(say("the studio's first account is its owner"))
            actor = clean_name
        else:
            actor = require_role(by, Role.OWNER).name
        if Staff.select().where(Staff.name == clean_name).exists():
            raise InvalidInput(say("a staff member named {name} already exists", name=repr(clean_name)))
        staff = Staff.create(name=clean_name, role=wanted.value, pin_hash=pin_hash,
                             pin_salt="", created_at=iso_now())
        log = EventLog()
        log.add(at=iso_now(), actor=actor, staff_id=by.staff_id if by else staff.id,
                source="staff", switch="staff_account", old=None,
                new=f"{clean_name} ({wanted.value})")
        log.flush()
    return SignedIn(staff.id, staff.name, wanted)


@dataclass(frozen=True, slots=True)
class StaffAccount:
    """A staff account as the owner's Staff accounts view lists it."""

    staff_id: int
    name: str
    role: Role
    active: bool
    #: Sign-in is locked after repeated wrong PINs until this time (None when it is not).
    locked_until: datetime | None
    created_at: str


def list_staff_accounts(by: SignedIn, now: datetime | None = None) -> list[StaffAccount]:
    """Every staff account, active ones first, owners first, then by name. Owner only (R15)."""
    require_role(by, Role.OWNER)
    now = now or lockout_clock()
    rows = sorted(Staff.select(), key=lambda s: (not s.active, -_RANK[Role(s.role)],
                                                 s.name.casefold()))
    accounts = []
    for staff in rows:
        until = parse_iso(staff.locked_until) if staff.locked_until else None
        accounts.append(StaffAccount(staff.id, staff.name, Role(staff.role), staff.active,
                                     until if until is not None and until > now else None,
                                     staff.created_at))
    return accounts


def set_staff_active(by: SignedIn, staff_id: int, active: bool) -> Change:
    """Deactivate a staff account (they can no longer sign in) or reactivate it. Owner only.

    The studio always keeps an owner who can sign in: an owner cannot deactivate their own
    account, nor the last active owner. A deactivated account's name stays on the record.
    """
    with database.atomic():
        # Every owner row is locked first, so two owners deactivating each other at once on
        # PostgreSQL are serialized and the second sees the first's change.
        list(for_update(Staff.select(Staff.id).where(Staff.role == Role.OWNER.value)))
        owner = require_role(by, Role.OWNER)
        target = for_update(Staff.select().where(Staff.id == staff_id)).get_or_none()
        if target is None:
            raise NotFound(say("no such staff member"))
        if target.active == active:
            return Change(Touched.NONE)
        if not active:
            if target.role == Role.OWNER.value and not (
                    Staff.select().where((Staff.role == Role.OWNER.value)
                                         & (Staff.active == True)  # noqa: E712 (peewee expression)
                                         & (Staff.id != target.id)).exists()):
                raise NotAllowed(say("the studio's last owner cannot be deactivated"))
            if target.id == owner.staff_id:
                raise NotAllowed(say("you cannot deactivate your own account; another owner can"))
        Staff.update(active=active).where(Staff.id == target.id).execute()
        log = EventLog()
        log.add(at=iso_now(), actor=owner.name, staff_id=owner.staff_id, source="staff",
                switch="staff_account", old=f"{target.name}: {'inactive' if active else 'active'}",
                new=f"{target.name}: {'active' if active else 'inactive'}")
        log.flush()
    return Change(Touched.STAFF, event_ids=tuple(log.event_ids))


def reset_pin(by: SignedIn, staff_id: int, new_pin: str) -> Change:
    """Give a staff member a new PIN and lift a sign-in lock. Owner only (R15).

    The old PIN stops working at once. The record says that the PIN was reset, never the PIN.
    """
    validate_pin(new_pin)
    pin_hash = hash_pin(new_pin)  # slow: outside the write lock
    with database.atomic():
        owner = require_role(by, Role.OWNER)
        target = for_update(Staff.select().where(Staff.id == staff_id)).get_or_none()
        if target is None:
            raise NotFound(say("no such staff member"))
        (Staff.update(pin_hash=pin_hash, pin_salt="", failed_attempts=0, locked_until=None)
         .where(Staff.id == target.id).execute())
        log = EventLog()
        log.add(at=iso_now(), actor=owner.name, staff_id=owner.staff_id, source="staff",
                switch="staff_account", new=f"{target.name}: PIN reset")
        log.flush()
    return Change(Touched.STAFF, event_ids=tuple(log.event_ids))


def list_staff(active_only: bool = True) -> list[SignedIn]:
    """Staff for the sign-in picker, owners first then by name."""
    query = Staff.select()
    if active_only:
        query = query.where(Staff.active == True)  # noqa: E712 (peewee expression)
    rows = sorted(query, key=lambda s: (-_RANK[Role(s.role)], s.name.casefold()))
    return [SignedIn(s.id, s.name, Role(s.role)) for s in rows]


def lockout_clock() -> datetime:
    """Now, by the database's clock: the time sign-in locks are set and read by (R15).

    Not the caller's, nor the workstation's: on PostgreSQL every desk reads the server's one
    clock, so a desk whose clock runs ahead cannot end a lock early, nor one whose clock runs
    behind set a lock that is over before it starts. SQLite's database is on one computer
    (its WAL journal needs one), whose clock it is. Tests replace this function to move time.
    """
    value = database.execute_sql("SELECT CURRENT_TIMESTAMP").fetchone()[0]
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)  # SQLite's CURRENT_TIMESTAMP is UTC
    return moment.astimezone(timezone.utc)


def sign_in(staff_id: int, pin: str) -> SignedIn:
    """Check a PIN. Wrong PINs count; the fifth in a row locks sign-in for five minutes.
    A right PIN stored at an older cost or by scrypt is stored again as argon2id.

    The time comes from `lockout_clock`, never from the caller (R15). A lock is never
    shortened: it is set only once the stored one is over by that same clock, and a clock
    that went back finds it still on (it ends at the stored time, later by that clock).
    """
    now = lockout_clock()
    staff = Staff.get_or_none(Staff.id == staff_id)
    if staff is None or not staff.active:
        raise NotFound(say("no such staff member"))
    _refuse_while_locked(staff, now)
    good, stale = check_pin(pin, staff.pin_hash, staff.pin_salt)
    rehashed = hash_pin(pin) if good and stale else None  # slow: outside the write lock
    with database.atomic():
        fresh = for_update(Staff.select().where(Staff.id == staff_id)).get()
        # Checked again on the row as it is now: guesses made at once from several
        # workstations all count, and none gets in once the lock is set.
        _refuse_while_locked(fresh, now)
        if good and fresh.pin_hash != staff.pin_hash:
            good = False  # the PIN was reset while this one was being checked
        if good:
            if rehashed is not None:
                Staff.update(pin_hash=rehashed, pin_salt="").where(Staff.id == staff_id).execute()
            if fresh.failed_attempts or fresh.locked_until:
                Staff.update(failed_attempts=0, locked_until=None).where(Staff.id == staff_id).execute()
            return SignedIn(staff.id, staff.name, Role(staff.role))
        attempts = fresh.failed_attempts + 1
        if attempts >= MAX_FAILED_ATTEMPTS:
            until = now + LOCKOUT
            Staff.update(failed_attempts=0, locked_until=iso(until)).where(Staff.id == staff_id).execute()
            message = say("Wrong PIN. After {attempts} wrong PINs, sign-in for {name} is locked "
                          "until {time} ({left}).", attempts=MAX_FAILED_ATTEMPTS, name=staff.name,
                          time=format_clock(until.astimezone()), left=_minutes_left(until, now))
        else:
            Staff.update(failed_attempts=attempts).where(Staff.id == staff_id).execute()
            left = MAX_FAILED_ATTEMPTS - attempts
            lockout = round(LOCKOUT.total_seconds() / 60)
            message = (say("Wrong PIN. {left} more try before sign-in is locked for {lockout} "
                           "minutes.", left=left, lockout=lockout) if left == 1 else
                       say("Wrong PIN. {left} more tries before sign-in is locked for {lockout} "
                           "minutes.", left=left, lockout=lockout))
    raise SignInRefused(message)


def _refuse_while_locked(staff: Staff, now: datetime) -> None:
    if staff.locked_until and parse_iso(staff.locked_until) > now:
        until = parse_iso(staff.locked_until)
        raise SignInRefused(say("Too many wrong PINs: sign-in for {name} is locked until {time} "
                                "({left}).", name=staff.name, time=format_clock(until.astimezone()),
                                left=_minutes_left(until, now)))


def _minutes_left(until: datetime, now: datetime) -> str:
    minutes = max(1, round((until - now).total_seconds() / 60))
    if minutes == 1:
        return say("in {minutes} minute", minutes=minutes)
    return say("in {minutes} minutes", minutes=minutes)


def has_role(who: SignedIn | None, role: Role) -> bool:
    """Whether a signed-in staff member's role is at least `role` (R15), for what a screen
    offers. Operations check the stored role themselves with `require_role`."""
    return who is not None and _RANK[who.role] >= _RANK[role]


def require_role(who: SignedIn, role: Role) -> SignedIn:
    """The staff member as stored now, if their stored role is at least `role` (R15).

    Reads the row, so a role changed or an account closed elsewhere takes effect at once,
    and a SignedIn made up in code cannot claim more than the database grants.
    """
    staff = Staff.get_or_none(Staff.id == who.staff_id)
    if staff is None or not staff.active:
        raise NotAllowed(say("this staff account no longer exists; sign in again"))
    stored = Role(staff.role)
    if _RANK[stored] < _RANK[role]:
        raise NotAllowed(say("only an owner can do this") if role is Role.OWNER
                         else say("only a manager or owner can do this"))
    return SignedIn(staff.id, staff.name, stored)
