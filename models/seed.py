"""Databases to try things on: `init` (an empty studio), `seed` (synthetic clients at scale,
for benchmarks) and the demo studio that `python main.py demo` opens."""

from __future__ import annotations

import csv
import io
import random
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator

from .audit import HASHED_FIELDS
from .clients import add_client, make_draft
from .consent import CONSENT_METHODS, set_client_ai, set_switch
from .db import SQLITE_PRAGMAS, database, executemany, for_update, is_postgres
from .errors import DatabaseExists
from .inbound import InboundText, apply_batch, process_inbound
from .keywords import classify_body
from .migrations import m0006_search_index
from .rules import Channel, Keyword, Switch
from .schema import SEARCH_TRIGGERS, AuditHead, Client, Staff
from .search_compaction import compact_search_index
from .seed_rows import (  # noqa: F401 (CHATTER, REVIEW_TEXTS: the benchmark's texts)
    CHATTER,
    CLIENT_COLUMNS,
    FIRST_NAMES,
    LAST_NAMES,
    REVIEW_TEXTS,
    STAFF_NOTES,
    Chunk,
    RowMaker,
    chunks,
    chunks_made_beside,
)
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

#: SQLite while seeding into an empty database (restored to SQLITE_PRAGMAS after).
#: `threads`: helper threads for the sorts of CREATE INDEX.
_SEED_PRAGMAS = (("synchronous", "OFF"), ("journal_mode", "MEMORY"), ("cache_size", "-262144"),
                 ("threads", "2"))


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

    Bulk work (issue 12): the rows and the events' hash chain are made by `seed_rows.RowMaker`
    and written with executemany (SQLite) or COPY (PostgreSQL); the texts are processed by the
    real inbound code once every client is in. Into a database without clients the rows are
    made by a forked process while this one writes the chunk before (Linux), and the indexes
    of the two big tables (and on SQLite the search triggers, on PostgreSQL the events'
    foreign keys) are made after the rows, and on SQLite the seed runs with
    synchronous=OFF and an in-memory journal (the pragmas are restored at the end): a seed
    that dies part-way leaves a database to throw away, as it always did."""
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
    bulk = next_id == 1 and count > chunk
    maker = RowMaker(rng, staff, start, 0, "")
    with _seed_pragmas(bulk):
        with _indexes_built_after(bulk):
            if bulk:  # the rows are made beside this process, from the head as it is now
                head = AuditHead.get_by_id(1)
                maker.next_event_id, maker.prev_hash = head.last_event_id + 1, head.last_hash
                for part in chunks_made_beside(maker, next_id, count, chunk):
                    with database.atomic():
                        _write_chunk(part)
                    texts += part.texts
                    reviews += part.reviews
            else:  # each chunk made inside its transaction, from the head it holds
                for first in range(next_id, next_id + count, chunk):
                    with database.atomic():
                        head = for_update(AuditHead.select().where(AuditHead.id == 1)).get()
                        maker.next_event_id, maker.prev_hash = head.last_event_id + 1, head.last_hash
                        part = next(chunks(maker, first, min(chunk, next_id + count - first), chunk))
                        _write_chunk(part)
                    texts += part.texts
                    reviews += part.reviews
        texts.sort(key=lambda t: t.at)
        locks = 0
        for first in range(0, len(texts), chunk):
            with database.atomic():
                results = apply_batch(texts[first:first + chunk])
            locks += sum(1 for r in results if r.action == Keyword.OPT_OUT.value and r.changed)
    if count:  # as an import of clients leaves it (models.search_compaction)
        compact_search_index()
    if bulk and is_postgres():
        # What autovacuum gives a database in use, given now: statistics for the planner and
        # the visibility map its index-only scans read (the campaign audience: 850 → 160 ms).
        for table in ("client", "client_word", "stop_lock", "inbound_message"):
            database.execute_sql(f"VACUUM (ANALYZE) {table}")
        database.execute_sql("ANALYZE consent_event")
    return SeedSummary(count, _event_count() - events_before, locks, reviews)


def _event_count() -> int:
    return AuditHead.get_by_id(1).count


def _write_chunk(part: Chunk) -> None:
    """Write a chunk's clients and events inside the open transaction and move the chain's
    head past them (locked, as EventLog locks it). Refused if the chain grew meanwhile."""
    head = for_update(AuditHead.select().where(AuditHead.id == 1)).get()
    if part.events and (part.events[0][0] != head.last_event_id + 1
                        or part.events[0][-2] != head.last_hash):
        raise RuntimeError("the consent record grew while seeding; seed again")
    _insert("client", CLIENT_COLUMNS, part.clients)
    if is_postgres():
        database.execute_sql("SELECT setval(pg_get_serial_sequence('client', 'id'), "
                             "(SELECT MAX(id) FROM client))")
    _insert("consent_event", EVENT_COLUMNS, part.events)
    if part.events:
        (AuditHead.update(last_event_id=part.last_event_id, last_hash=part.last_hash,
                          count=head.count + len(part.events))
         .where(AuditHead.id == 1).execute())


EVENT_COLUMNS = HASHED_FIELDS + ("prev_hash", "hash")


def _insert(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Rows into `table`: executemany on SQLite, COPY on PostgreSQL (as CSV, where Python's
    writer quotes None as "" like an empty string: FORCE_NULL reads both as NULL, and the
    seed writes no empty string)."""
    if not rows:
        return
    if not is_postgres():
        executemany(f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join(['?'] * len(columns))})", rows)
        return
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").writerows(rows)
    buffer.seek(0)
    names = ", ".join(columns)
    database.cursor().copy_expert(
        f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv, FORCE_NULL ({names}))", buffer)


@contextmanager
def _seed_pragmas(bulk: bool) -> Iterator[None]:
    """With `bulk`: SQLite without fsync and with its rollback journal in memory, and a larger
    cache for building the indexes; PostgreSQL without waiting for its WAL at each commit and
    with more memory for its index builds. As before afterwards."""
    if not bulk:
        yield
        return
    if is_postgres():
        database.execute_sql("SET synchronous_commit = off")
        database.execute_sql("SET maintenance_work_mem = '256MB'")
        try:
            yield
        finally:
            database.execute_sql("RESET synchronous_commit")
            database.execute_sql("RESET maintenance_work_mem")
        return
    for name, value in _SEED_PRAGMAS:
        database.execute_sql(f"PRAGMA {name} = {value}")
    try:
        yield
    finally:
        for name, _value in _SEED_PRAGMAS:
            database.execute_sql(f"PRAGMA {name} = {SQLITE_PRAGMAS.get(name, 0)}")


@contextmanager
def _indexes_built_after(bulk: bool) -> Iterator[None]:
    """With `bulk`, drop the indexes of `client` and `consent_event` (and on SQLite the search
    triggers of migration 0006 and `client_word`'s second index, on PostgreSQL the events'
    foreign keys), and make them again from their own SQL when the rows are in; SQLite's
    search indexes are filled first, in one statement each."""
    if not bulk:
        yield
        return
    saved = _postgres_bulk_ddl() if is_postgres() else _sqlite_bulk_ddl()
    for drop, _create in saved:
        database.execute_sql(drop)
    try:
        yield
    finally:
        with database.atomic():
            if not is_postgres():  # before the indexes of `client_word` are made again
                for sql in m0006_search_index.SQLITE_FILL:
                    database.execute_sql(sql)
            for _drop, create in saved:
                database.execute_sql(create)


def _sqlite_bulk_ddl() -> list[tuple[str, str]]:
    """(DROP, CREATE) of the indexes and search triggers of the two big tables, and of the
    index of `client_word` beside its primary key (migration 0012)."""
    return [(f'DROP {kind.upper()} "{name}"', sql) for kind, name, sql in database.execute_sql(
        "SELECT type, name, sql FROM sqlite_master "
        "WHERE tbl_name IN ('client', 'consent_event', 'client_word') "
        "AND sql IS NOT NULL AND (type = 'index' OR name IN (%s))"
        % ", ".join("?" * len(SEARCH_TRIGGERS)), tuple(SEARCH_TRIGGERS))]


def _postgres_bulk_ddl() -> list[tuple[str, str]]:
    """(DROP, CREATE) of the events' foreign keys and of the indexes of the two big tables
    that no constraint owns (the primary keys stay)."""
    keys = [(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"',
             f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            for table, name, definition in database.execute_sql(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE contype = 'f' AND conrelid = 'consent_event'::regclass")]
    indexes = [(f'DROP INDEX "{name}"', sql) for name, sql in database.execute_sql(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename IN ('client', 'consent_event') AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))")]
    return keys + indexes


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

