"""Databases to try things on: `init` (an empty studio), `seed` (synthetic clients at scale,
for benchmarks) and the demo studio that `python main.py demo` opens."""

from __future__ import annotations

import random
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator

from .audit import EventLog
from .clients import add_client, make_draft, name_key, sort_key
from .consent import CONSENT_METHODS, set_client_ai, set_switch
from .db import database, executemany, is_postgres
from .errors import DatabaseExists
from .inbound import InboundText, apply_batch, process_inbound
from .keywords import classify_body
from .migrations import m0006_search_index
from .rules import Channel, Keyword, Switch
from .schema import SEARCH_TRIGGERS, AuditHead, Client, Staff
from .settings import name_studio, validate_studio_name, validate_time_zone
from .staff import Role, SignedIn, create_staff, list_staff

DEMO_STAFF = (("Demo Owner", Role.OWNER, "2468"), ("Demo Manager", Role.MANAGER, "3579"),
              ("Demo Employee", Role.EMPLOYEE, "1357"))


def init_studio(owner_name: str, owner_pin: str, *, studio_name: str | None = None,
                time_zone: str | None = None) -> SignedIn:
    """Start an empty studio with its owner, and its name and time zone where given, in one
    transaction. Refused if the database already has staff."""
    if studio_name is not None:  # every value checked before anything is written
        validate_studio_name(studio_name)
    if time_zone is not None:
        validate_time_zone(time_zone)
    with database.atomic():
        if Staff.select().exists():
            raise DatabaseExists("a studio already exists in this database")
        owner = create_staff(None, owner_name, "owner", owner_pin)
        name_studio(studio_name, time_zone)
    return owner


def ensure_demo_staff() -> SignedIn:
    """The demo's three staff members (DESIGN §4), created if missing; returns the owner."""
    existing = {s.name: s for s in list_staff(active_only=False)}
    owner = existing.get("Demo Owner")
    if owner is None:
        if existing:
            raise DatabaseExists("this database already holds a studio without the demo staff")
        owner = create_staff(None, "Demo Owner", "owner", "2468")
    for name, role, pin in DEMO_STAFF[1:]:
        if name not in existing:
            create_staff(owner, name, role.value, pin)
    return owner


# --- Synthetic clients at scale -----------------------------------------------------------------

FIRST_NAMES = (
    "Dana Sam Alex Jordan Taylor Morgan Casey Riley Jamie Avery Quinn Harper Rowan Emerson Finley "
    "Maria Jose Wei Priya Aisha Olivia Liam Noah Emma Ava Sophia Mia Lucas Ethan Mason Logan "
    "Chloe Zoe Lily Grace Hannah Nora Leah Ella Aria Maya Isla Ruby Ivy Nina Omar Yusuf Kenji "
    "Hiro Mateo Diego Carmen Lucia Elena Sofia Ana Tomas Ines Rafael Amara Kofi Zara Leila"
).split()
LAST_NAMES = (
    "Reyes Kim Nguyen Patel Garcia Smith Johnson Williams Brown Jones Miller Davis Rodriguez "
    "Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Moore Jackson Martin Lee Thompson "
    "White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Torres Hill Flores "
    "Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Chen Singh Okafor "
    "Haddad Novak Silva Costa Ito Tanaka Larsen Murphy Kelly"
).split()
#: Real North American area codes in several time zones, so quiet hours (R17) differ by client.
AREA_CODES = ("212", "646", "617", "305", "312", "713", "214", "303", "602", "415", "213", "206",
              "503", "702", "808", "907", "404", "215", "619", "512")
STAFF_NOTES = ("asked at the front desk", "changed at check-in", "client called", None, None)
CHATTER = ("Yes", "See you at 6!", "Can I move my class to Friday?", "Thanks!", "YES", "ok",
           "What time is yoga tomorrow?", "Running 5 min late")
_METHODS = tuple(CONSENT_METHODS)
_SWITCHES = (Switch.MARKETING.value, Switch.MARKETING.value, Switch.ALL.value)
REVIEW_TEXTS = ("please stop texting me", "Stop sending these", "can you remove me from the list",
                "I want to opt out of promos", "no more messages please")


@dataclass(frozen=True, slots=True)
class SeedSummary:
    """What `seed` added."""

    clients: int
    events: int
    stop_locks: int
    review_items: int

    def as_json(self) -> dict[str, int]:
        return {"clients": self.clients, "events": self.events, "stop_locks": self.stop_locks,
                "review_items": self.review_items}


def seed(count: int, *, rng_seed: int = 20261126, chunk: int = 20000) -> SeedSummary:
    """Add `count` synthetic clients with about ten consent events each, shared family mobiles,
    STOP locks and review items, in chunks of one transaction each.

    Bulk work: rows go in with executemany, the events' hash chain is computed in one loop
    per chunk, and the texts are processed (by the real inbound code) once every client is in.
    Into a database without clients on SQLite, the indexes of the two big tables are built
    after the rows, which is several times faster than keeping them up to date row by row."""
    if count < 0:
        raise ValueError("the number of clients cannot be negative")
    rng = random.Random(rng_seed)
    # History is written in the names of the studio's own staff; an empty database gets the
    # demo staff so there is someone to sign in as.
    if not Staff.select().exists():
        ensure_demo_staff()
    staff = [(s.staff_id, s.name) for s in list_staff()]
    start = datetime.now(timezone.utc) - timedelta(days=730)
    events_before = _event_count()
    with database.atomic():
        next_id = (Client.select(Client.id).order_by(Client.id.desc()).scalar() or 0) + 1
    texts: list[InboundText] = []
    reviews = 0
    with _indexes_built_after(bulk=next_id == 1 and count > chunk and not is_postgres()):
        done = 0
        while done < count:
            size = min(chunk, count - done)
            with database.atomic():
                reviews += _seed_chunk(rng, next_id, size, staff, start, texts)
            next_id += size
            done += size
    texts.sort(key=lambda t: t.at)
    locks = 0
    for first in range(0, len(texts), chunk):
        with database.atomic():
            results = apply_batch(texts[first:first + chunk])
        locks += sum(1 for r in results if r.action == Keyword.OPT_OUT.value and r.changed)
    return SeedSummary(count, _event_count() - events_before, locks, reviews)


def _event_count() -> int:
    return AuditHead.get_by_id(1).count


@contextmanager
def _indexes_built_after(bulk: bool) -> Iterator[None]:
    """With `bulk`, drop the indexes of `client` and `consent_event` and the search triggers
    (migration 0006), and make them again from their own SQL when the rows are in; the search
    indexes are then filled in one statement each."""
    if not bulk:
        yield
        return
    saved = [(kind, name, sql) for kind, name, sql in database.execute_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('client', 'consent_event') "
        "AND sql IS NOT NULL AND (type = 'index' OR name IN (%s))"
        % ", ".join("?" * len(SEARCH_TRIGGERS)), tuple(SEARCH_TRIGGERS))]
    for kind, name, _sql in saved:
        database.execute_sql(f'DROP {kind.upper()} "{name}"')
    try:
        yield
    finally:
        with database.atomic():
            for _kind, _name, sql in saved:
                database.execute_sql(sql)
            for sql in m0006_search_index.SQLITE_FILL:
                database.execute_sql(sql)


def _seed_chunk(rng: random.Random, first_id: int, size: int, staff: list[tuple[int, str]],
                start: datetime, texts: list[InboundText]) -> int:
    """Add `size` clients with their events; their texts go to `texts`. Returns how many of
    the texts will wait for review."""
    events: list[tuple[Any, ...]] = []  # written after their clients, for the foreign key
    clients: list[dict[str, Any]] = []
    previous_mobile: str | None = None
    reviews = 0
    for offset in range(size):
        client_id = first_id + offset
        row, last_change = _fake_client(rng, client_id, previous_mobile, staff, start, events)
        previous_mobile = row["mobile"]
        clients.append(row)
        if row["mobile"] is not None:
            text, review = _fake_text(rng, client_id, row["mobile"], last_change)
            if text is not None:
                texts.append(text)
            reviews += review
    _insert_clients(clients)
    log = EventLog()
    log.add_many(events)
    log.flush()
    return reviews


def _event(at: str, staff: tuple[int, str], client_id: int, switch: str, *, number: str | None = None,
           channel: str | None = None, old: str | None = None, new: str | None = None,
           source: str = "staff", method: str | None = None, note: str | None = None) -> tuple[Any, ...]:
    """An event as `EventLog.add_many` takes it (HASHED_FIELDS without the id)."""
    staff_id, staff_name = staff
    return (at, staff_name, staff_id, client_id, number, channel, switch, old, new, source,
            method, note, None)


def _fake_client(rng: random.Random, client_id: int, previous_mobile: str | None,
                 staff: list[tuple[int, str]], start: datetime, events: list[tuple[Any, ...]]
                 ) -> tuple[dict[str, Any], datetime]:
    """A synthetic client's row and the time of its last change; its events (added, then a
    few staff changes over the months) are appended to `events`."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    joined = start + timedelta(seconds=rng.randrange(0, 600 * 86400))
    # About one client in thirty shares the mobile of the one before (a family).
    if previous_mobile and rng.random() < 0.033:
        mobile: str | None = previous_mobile
    elif rng.random() < 0.88:
        mobile = f"+1{rng.choice(AREA_CODES)}{rng.randrange(2000000, 9999999)}"
    else:
        mobile = None
    email = (f"{first}.{last}{client_id}@example.com".lower() if rng.random() < 0.9 else None)
    home = f"+1{rng.choice(AREA_CODES)}{rng.randrange(2000000, 9999999)}" if rng.random() < 0.2 else None
    status = "member" if rng.random() < 0.6 else "prospect"
    row: dict[str, Any] = {
        "id": client_id, "first_name": first, "last_name": last,
        "name_key": name_key(first, last), "sort_key": sort_key(first, last), "status": status,
        "email": email, "mobile": mobile, "home_phone": home, "archived": rng.random() < 0.01,
        "created_at": _iso(joined), "version": 1, "ai_outreach": rng.random() < 0.95,
        "ai_replies": rng.random() < 0.97,
    }
    # Per channel (plain strings: this runs ten million times): its address, the number an
    # event names (none for email), and the studio's default for marketing.
    addresses = (("email", email, None, True), ("sms", mobile, mobile, False),
                 ("voice", mobile, mobile, False), ("home", home, home, False))
    at = joined
    who = rng.choice(staff)
    added = row["created_at"]
    events.append(_event(added, who, client_id, "client", new=f"added ({status})", source="import"))
    for channel, address, number, default in addresses:
        has = address is not None
        row[f"{channel}_all"] = has
        row[f"{channel}_marketing"] = has and default
        if has:
            events.append(_event(added, who, client_id, "all", new="on", source="import",
                                 number=number, channel=channel, method="studio_default"))
    # A few staff changes over the months: consent given for texts, opt-outs asked for.
    channels = [entry for entry in addresses if entry[1] is not None]
    for _ in range(rng.randrange(3, 11)):
        if not channels:
            break
        channel, _address, number, _default = rng.choice(channels)
        switch = rng.choice(_SWITCHES)
        column = f"{channel}_{switch}"
        if switch == "marketing" and not row[f"{channel}_all"]:
            continue
        new = not row[column]
        at += timedelta(seconds=rng.randrange(3600, 60 * 86400))
        events.append(_event(_iso(at), rng.choice(staff), client_id, switch, number=number,
                             channel=channel, old="on" if row[column] else "off",
                             new="on" if new else "off",
                             method=rng.choice(_METHODS) if new else None,
                             note=rng.choice(STAFF_NOTES)))
        row[column] = new
    return row, at


def _iso(moment: datetime) -> str:
    """`timeutil.iso()` of a UTC time, by the faster isoformat (the same text)."""
    return moment.isoformat(timespec="microseconds")[:-6] + "Z"


def _fake_text(rng: random.Random, client_id: int, mobile: str,
               after: datetime) -> tuple[InboundText | None, bool]:
    """Maybe a text from a client's mobile some time after `after`: a STOP (2.5 %), one for
    Needs review (0.5 %), chatter (17 %); and whether it waits for review."""
    roll = rng.random()
    sent = after + timedelta(seconds=rng.randrange(60, 30 * 86400))
    sid = f"SMseed{client_id:09d}"
    if roll < 0.025:
        return InboundText(sid, mobile, rng.choice(("STOP", "stop", "Stop.", "UNSUBSCRIBE")), sent), False
    if roll < 0.03:
        return InboundText(sid, mobile, rng.choice(REVIEW_TEXTS), sent), True
    if roll < 0.2:
        return InboundText(sid, mobile, rng.choice(CHATTER), sent), False
    return None, False


def _insert_clients(rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    param = database.param
    sql = (f"INSERT INTO client ({', '.join(columns)}) VALUES ({', '.join([param] * len(columns))})")
    executemany(sql, [tuple(row[c] for c in columns) for row in rows])
    if is_postgres():
        database.execute_sql("SELECT setval(pg_get_serial_sequence('client', 'id'), "
                             "(SELECT MAX(id) FROM client))")


# --- The demo studio ------------------------------------------------------------------------------

def build_demo() -> None:
    """The demo studio (about 60 clients in varied states), made through the real operations so
    its history is real. Idempotent: a demo database that has clients is left as it is."""
    ensure_demo_staff()
    if Client.select().exists():
        return
    staff = {s.name: s for s in list_staff()}
    employee, manager = staff["Demo Employee"], staff["Demo Manager"]
    rng = random.Random(7)
    now = datetime.now(timezone.utc)

    def add(first: str, last: str, status: str, email: str | None, mobile: str | None,
            home: str | None = None) -> int:
        draft = make_draft(first, last, status=status, email=email, mobile=mobile, home_phone=home)
        return add_client(employee, draft).client_ids[0]

    # The Reyes family share one mobile: Dana texted STOP, and it reaches all three (R6, R18).
    dana = add("Dana", "Reyes", "member", "dana.reyes@example.com", "(555) 555-0123")
    add("Sam", "Reyes", "member", "sam.reyes@example.com", "555-555-0123")
    add("Alex", "Reyes", "prospect", None, "+1 555 555 0123")
    set_switch(manager, dana, Channel.SMS, Switch.MARKETING, True, method="signed_form",
               note="signed the membership form")
    process_inbound("+15555550123", "STOP", sid="SMdemo-reyes-stop", at=now - timedelta(days=3, hours=2))

    # Clients without an email, without a mobile, with a home phone.
    add("Priya", "Patel", "member", None, "(212) 555-0142", "(212) 555-0199")
    add("Omar", "Haddad", "prospect", "omar.haddad@example.com", None)
    add("Grace", "Kim", "member", None, "(415) 555-0110")
    # A text that looks like an opt-out but is not a keyword waits for review (R10).
    leah = add("Leah", "Nguyen", "member", "leah.nguyen@example.com", "(617) 555-0133")
    process_inbound("(617) 555-0133", "please stop texting me about promos", sid="SMdemo-review-1",
                    at=now - timedelta(hours=5))
    add("Mateo", "Garcia", "prospect", "mateo.garcia@example.com", "(305) 555-0177")
    process_inbound("(305) 555-0177", "Can you remove me from the list?", sid="SMdemo-review-2",
                    at=now - timedelta(hours=1))
    # A client who texted STOP and later START again (R8).
    ella = add("Ella", "Martin", "member", "ella.martin@example.com", "(312) 555-0188")
    process_inbound("(312) 555-0188", "stop", sid="SMdemo-ella-stop", at=now - timedelta(days=40))
    process_inbound("(312) 555-0188", "START", sid="SMdemo-ella-start", at=now - timedelta(days=12))
    # Marketing turned off at a client's request; AI replies off for one client.
    set_switch(employee, leah, Channel.EMAIL, Switch.MARKETING, False, note="asked for fewer emails")
    set_client_ai(employee, ella, "replies", False, note="prefers to talk to a person")

    area_codes = ("212", "415", "617", "305", "312", "713", "206", "303", "602", "808")
    used = set()
    for index in range(50):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        while (first, last) in used or last == "Reyes":
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        used.add((first, last))
        mobile = f"({rng.choice(area_codes)}) 555-{100 + index:04d}" if rng.random() < 0.9 else None
        email = f"{first}.{last}@example.com".lower() if rng.random() < 0.85 else None
        home = f"({rng.choice(area_codes)}) 555-{300 + index:04d}" if rng.random() < 0.15 else None
        client_id = add(first, last, rng.choice(("member", "member", "prospect")), email, mobile, home)
        roll = rng.random()
        if mobile and roll < 0.3:
            set_switch(employee, client_id, Channel.SMS, Switch.MARKETING, True,
                       method=rng.choice(list(CONSENT_METHODS)), note=rng.choice(STAFF_NOTES))
        elif email and roll < 0.45:
            set_switch(employee, client_id, Channel.EMAIL, Switch.MARKETING, False,
                       note="unsubscribed at the desk")
        elif mobile and roll < 0.52:
            process_inbound(mobile, rng.choice(("STOP", "Stop", "UNSUBSCRIBE")),
                            sid=f"SMdemo-{index}", at=now - timedelta(days=rng.randrange(1, 90)))
        elif email and roll < 0.58:
            set_switch(manager, client_id, Channel.EMAIL, Switch.ALL, False,
                       note="asked for no email at all")
        if mobile and rng.random() < 0.3:
            body = rng.choice(CHATTER)
            if classify_body(body) is Keyword.NONE:
                process_inbound(mobile, body, sid=f"SMdemo-chat-{index}",
                                at=now - timedelta(hours=rng.randrange(2, 200)))


def demo_sign_in_hint() -> str:
    """The line the sign-in screen shows on the demo database (DESIGN §4)."""
    return "Demo studio — Demo Owner PIN 2468 · Demo Manager 3579 · Demo Employee 1357"

