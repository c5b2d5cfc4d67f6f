"""The consent record: append-only events in a hash chain (R14), its check and its export."""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

import peewee

from .db import database, executemany, for_update
from .errors import InvalidInput
from .event_times import recorded_times
from .number_record import number_event_ids
from .private_files import create_private_file
from .schema import AuditHead, Client, ConsentEvent
from .wording import say

if TYPE_CHECKING:
    from .staff import SignedIn

GENESIS_HASH = "0" * 64

#: The fields a hash covers, in order. Changing this list breaks every existing chain.
HASHED_FIELDS = (
    "id", "at", "actor", "staff_id", "client_id", "number", "channel", "switch", "old", "new",
    "source", "method", "note", "inbound_sid",
)


_ROW_KEYS = HASHED_FIELDS + ("prev_hash", "hash")
_COLUMNS = _ROW_KEYS  # the table's column names are the row's keys


#: `json.dumps(…, separators=(",", ":"), ensure_ascii=False)`, built once: the same text,
#: without a new encoder per event (a seed hashes ten million).
_encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def event_hash(prev_hash: str, row: dict[str, Any]) -> str:
    """The hash of an event: its fields and the hash of the event before it."""
    payload = _encode([row.get(name) for name in HASHED_FIELDS])
    return hashlib.sha256((prev_hash + payload).encode("utf-8")).hexdigest()


def on_off(value: bool | None) -> str | None:
    """A switch value as the record writes it."""
    if value is None:
        return None
    return "on" if value else "off"


class EventLog:
    """Appends events to the chain inside the caller's transaction.

    Opening one takes the chain's head (row-locked on PostgreSQL; SQLite's IMMEDIATE
    transaction already holds the write lock), so ids are contiguous and every event knows
    the hash before it. `flush()` writes what was added and moves the head.
    """

    BATCH = 10_000  # events held before they are written: a batch of texts writes them at once

    def __init__(self) -> None:
        if not database.in_transaction():
            raise RuntimeError("events are written only inside the change's transaction")
        head = for_update(AuditHead.select().where(AuditHead.id == 1)).get()
        self._next_id = head.last_event_id + 1
        self._prev_hash = head.last_hash
        self._count = head.count
        self._rows: list[dict[str, Any]] = []
        self.event_ids: list[int] = []

    def add(self, *, at: str, actor: str, source: str, switch: str, staff_id: int | None = None,
            client_id: int | None = None, number: str | None = None, channel: str | None = None,
            old: str | None = None, new: str | None = None, method: str | None = None,
            note: str | None = None, inbound_sid: str | None = None) -> int:
        """Add one event; return its id."""
        row: dict[str, Any] = {
            "id": self._next_id, "at": at, "actor": actor, "staff_id": staff_id,
            "client_id": client_id, "number": number, "channel": channel, "switch": switch,
            "old": old, "new": new, "source": source, "method": method, "note": note or None,
            "inbound_sid": inbound_sid,
        }
        row["prev_hash"] = self._prev_hash
        row["hash"] = self._prev_hash = event_hash(self._prev_hash, row)
        self._rows.append(row)
        self.event_ids.append(self._next_id)
        self._next_id += 1
        if len(self._rows) >= self.BATCH:
            self._write_rows()
        return row["id"]

    def add_many(self, events: Iterable[tuple[Any, ...]]) -> None:
        """Add events given as tuples of HASHED_FIELDS without the id, in order, and write
        them: the bulk form of `add()` (the same rows and hashes) for seeding millions."""
        sha256, encode = hashlib.sha256, _encode
        prev_hash, next_id = self._prev_hash, self._next_id
        rows = []
        for values in events:
            payload = encode([next_id, *values])
            digest = sha256((prev_hash + payload).encode("utf-8")).hexdigest()
            rows.append((next_id, *values, prev_hash, digest))
            prev_hash = digest
            next_id += 1
        self._write_rows()
        if rows:
            param = database.param
            executemany(f"INSERT INTO consent_event ({', '.join(_COLUMNS)}) "
                        f"VALUES ({', '.join([param] * len(_COLUMNS))})", rows)
            self.event_ids.extend(range(self._next_id, next_id))
            self._count += len(rows)
        self._prev_hash, self._next_id = prev_hash, next_id

    def flush(self) -> None:
        """Write the added events and move the chain's head to the last of them."""
        self._write_rows()
        if self.event_ids:
            (AuditHead.update(last_event_id=self._next_id - 1, last_hash=self._prev_hash,
                              count=self._count)
             .where(AuditHead.id == 1).execute())

    def _write_rows(self) -> None:
        # executemany with bound parameters: a bulk import or seed writes a million events
        # without building a million-row SQL string.
        if not self._rows:
            return
        param = database.param
        sql = (f"INSERT INTO consent_event ({', '.join(_COLUMNS)}) "
               f"VALUES ({', '.join([param] * len(_COLUMNS))})")
        executemany(sql, [tuple(row[key] for key in _ROW_KEYS) for row in self._rows])
        self._count += len(self._rows)
        self._rows.clear()


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """What `verify-audit` found."""

    ok: bool
    count: int
    bad_event_id: int | None = None
    problem: str | None = None


_SELECT_CHAIN = ("SELECT id, at, actor, staff_id, client_id, number, channel, switch, old, new, "
                 "source, method, note, inbound_sid, prev_hash, hash FROM consent_event ORDER BY id")


def verify_chain() -> AuditCheck:
    """Recompute every event's hash in order; report the first event that does not fit.

    Detects an edited event (its hash no longer matches), a removed one (a gap in the ids and
    a broken link) and removed newest events (the head no longer matches the last event).
    """
    head = AuditHead.get_by_id(1)
    prev_hash = GENESIS_HASH
    expected_id = 1
    count = 0
    cursor = database.execute_sql(_SELECT_CHAIN)
    names = [column[0] for column in cursor.description]
    for values in cursor:
        row = dict(zip(names, values))
        event_id = row["id"]
        if event_id != expected_id:
            return AuditCheck(False, count, expected_id,
                              say("event {id} is missing (next is {next})", id=expected_id, next=event_id))
        if row["prev_hash"] != prev_hash:
            return AuditCheck(False, count, event_id,
                              say("event {id} does not follow the event before it", id=event_id))
        if event_hash(prev_hash, row) != row["hash"]:
            return AuditCheck(False, count, event_id,
                              say("event {id} was changed after it was written", id=event_id))
        prev_hash = row["hash"]
        expected_id += 1
        count += 1
    if head.last_event_id != count or head.last_hash != prev_hash:
        missing = count + 1
        return AuditCheck(False, count, missing,
                          say("event {id} and later are missing (the chain ends at event {last}, "
                              "its head at {head})", id=missing, last=count,
                              head=head.last_event_id))
    return AuditCheck(True, count)


def chain_checkpoint() -> str:
    """The checkpoint of the record as it stands (R14): "ID:HASH" of its newest event, to keep
    outside the database ("0:000…" before the first event)."""
    head = AuditHead.get_by_id(1)
    return f"{head.last_event_id}:{head.last_hash}"


def parse_checkpoint(text: str) -> tuple[int, str]:
    """A checkpoint as written: "ID:HASH". Raises InvalidInput naming the problem."""
    event_id, colon, hash_ = text.strip().partition(":")
    hash_ = hash_.lower()
    if not colon or not event_id.isdigit() or len(event_id) > 18:
        raise InvalidInput(say("checkpoint {text} is not ID:HASH (an event id, a colon, its hash)",
                               text=repr(text)))
    if len(hash_) != 64 or any(c not in "0123456789abcdef" for c in hash_):
        raise InvalidInput(say("checkpoint {text}: the hash is not 64 hexadecimal digits",
                               text=repr(text)))
    return int(event_id), hash_


def verify_checkpoint(text: str) -> AuditCheck:
    """`verify_chain`, and that the chain still holds the checkpoint's event with that hash:
    a chain rewritten wholesale fits together but no longer holds a checkpoint kept elsewhere."""
    event_id, hash_ = parse_checkpoint(text)
    check = verify_chain()
    if not check.ok or event_id == 0:
        return check
    stored = ConsentEvent.select(ConsentEvent.hash).where(ConsentEvent.id == event_id).scalar()
    if stored is None:
        return AuditCheck(False, check.count, event_id,
                          say("the checkpoint's event {id} is no longer in the record", id=event_id))
    if stored != hash_:
        return AuditCheck(False, check.count, event_id,
                          say("event {id} no longer has the checkpoint's hash: the record was "
                              "rewritten after the checkpoint was taken", id=event_id))
    return check


#: The first cell of an export's last line; the second is the checkpoint "ID:HASH" (R14).
CHECKPOINT_LABEL = "checkpoint"

EXPORT_COLUMNS = (
    "event_id", "at", "actor", "client_id", "client_name", "number", "channel", "switch",
    "old", "new", "source", "method", "note", "inbound_sid", "hash", "recorded_at",
)


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One consent event as the screens read it, with its client's name: no peewee row leaves
    models/ (DESIGN §5)."""

    id: int
    at: str
    actor: str
    staff_id: int | None
    client_id: int | None
    #: "First Last" ('' for an event without a client, such as a studio setting).
    client_name: str
    number: str | None
    channel: str | None
    switch: str
    old: str | None
    new: str | None
    source: str
    method: str | None
    note: str | None
    inbound_sid: str | None
    hash: str
    #: When it was recorded, where a message caused it (`with_recorded_times`); else None: it
    #: was recorded when it happened, at `at`.
    recorded_at: str | None = None


def with_recorded_times(events: Iterable[EventRecord]) -> list[EventRecord]:
    """These events with `recorded_at` filled in where a message caused them: a STOP synced
    or imported late is recorded after events that carry a later time (R11, R19)."""
    events = list(events)
    times = recorded_times((e.id, e.source, e.switch, e.inbound_sid) for e in events)
    return [dataclasses.replace(e, recorded_at=times[e.id]) if e.id in times else e
            for e in events]


def iter_events(*, client_id: int | None = None, since: str | None = None,
                until: str | None = None, source: str | None = None,
                text: str | None = None, newest_first: bool = False,
                limit: int | None = None, before: tuple[str, int] | None = None,
                after_id: int | None = None, number: str | None = None,
                by_record: bool = False) -> Iterator[EventRecord]:
    """Events with their client, filtered for the audit log and the history view.

    A client's events are their own and the events of every number they have had, each once
    (R14, `models.number_record`); `number` (E.164) keeps the events of that number: its own
    and every client's on it.

    `before` is a keyset for paging newest first: only events that sort after the event
    `(at, id)` in that order, so the next page costs the same however deep it is.
    `after_id` keeps only events written after that one (ids grow as events are written):
    what a log on screen has not seen yet. `by_record` puts newest first in the order the
    events were recorded (a client's History: what took effect last is on top) rather than
    by when they happened. The events are read as they are iterated.
    """
    rows = _event_rows(client_id=client_id, since=since, until=until, source=source, text=text,
                       newest_first=newest_first, limit=limit, before=before, after_id=after_id,
                       number=number, by_record=by_record)
    return map(event_record, rows)


def event_record(row: tuple[Any, ...]) -> EventRecord:
    """An event from a row of `_EVENT_COLUMNS` (the client's first and last name last)."""
    (event_id, at, actor, staff_id, client_id, number, channel, switch, old, new, source, method,
     note, inbound_sid, hash_, first, last) = row
    return EventRecord(event_id, at, actor, staff_id, client_id,
                       " ".join(part for part in (first, last) if part), number, channel, switch,
                       old, new, source, method, note, inbound_sid, hash_)


#: The columns `_event_rows` reads, in EventRecord's order (without the client's name), then
#: the client's first and last name (None for an event without a client).
_EVENT_COLUMNS = (
    ConsentEvent.id, ConsentEvent.at, ConsentEvent.actor, ConsentEvent.staff, ConsentEvent.client,
    ConsentEvent.number, ConsentEvent.channel, ConsentEvent.switch, ConsentEvent.old,
    ConsentEvent.new, ConsentEvent.source, ConsentEvent.method, ConsentEvent.note,
    ConsentEvent.inbound_sid, ConsentEvent.hash, Client.first_name, Client.last_name,
)


def event_columns_sql(event: str, client: str) -> str:
    """`_EVENT_COLUMNS` written out, the events' table named `event` and the clients' `client`."""
    return ", ".join(f"{client if field.model is Client else event}.{field.column_name}"
                     for field in _EVENT_COLUMNS)


def _event_rows(*, client_id: int | None = None, since: str | None = None,
                until: str | None = None, source: str | None = None,
                text: str | None = None, newest_first: bool = False,
                limit: int | None = None, before: tuple[str, int] | None = None,
                after_id: int | None = None, number: str | None = None,
                through_id: int | None = None,
                by_record: bool = False) -> Iterator[tuple[Any, ...]]:
    """The events of `iter_events` as plain tuples of `_EVENT_COLUMNS`, read as they are
    iterated: no peewee object is built for a row, and a million rows are never held at once."""
    query = (ConsentEvent.select(*_EVENT_COLUMNS)
             .join(Client, join_type=peewee.JOIN.LEFT_OUTER, on=(ConsentEvent.client == Client.id)))
    if client_id is not None:
        theirs = ConsentEvent.client == client_id
        numbers = number_event_ids(client_id)
        query = query.where(theirs | ConsentEvent.id.in_(numbers) if numbers else theirs)
    if number is not None:
        query = query.where(ConsentEvent.number == number)
    if through_id is not None:  # an export stops at the checkpoint it read first
        query = query.where(ConsentEvent.id <= through_id)
    if since is not None:
        query = query.where(ConsentEvent.at >= since)
    if until is not None:
        query = query.where(ConsentEvent.at < until)
    if source is not None:
        query = query.where(ConsentEvent.source == source)
    if text:
        # The clients are matched in their own table first: testing each event's joined client
        # row made a search with few matches walk a million joins (4 s), this a million rows.
        named = Client.select(Client.id).where(Client.name_key ** f"%{text.casefold()}%")
        query = query.where(ConsentEvent.client.in_(named) | ConsentEvent.actor.contains(text)
                            | ConsentEvent.number.contains(text) | ConsentEvent.note.contains(text))
    if after_id is not None:
        query = query.where(ConsentEvent.id > after_id)
    if before is not None:
        at, event_id = before
        # The redundant `at <= …` lets the index on `at` start at the keyset: a deep page
        # is as cheap as the first (the OR alone would scan the index from its newest end).
        query = query.where((ConsentEvent.at <= at)
                            & ((ConsentEvent.at < at) | (ConsentEvent.id < event_id)))
    # Newest first is by when the change happened: a keyword from a provider's log is recorded
    # at the time the client texted, which may be before events written earlier.
    if newest_first and by_record:
        query = query.order_by(ConsentEvent.id.desc())
    else:
        query = query.order_by(*((ConsentEvent.at.desc(), ConsentEvent.id.desc()) if newest_first
                                 else (ConsentEvent.id,)))
    if limit is not None:
        query = query.limit(limit)
    return iter(query.tuples().iterator())


def export_csv(path: Path, **filters: Any) -> int:
    """Write the audit log (filtered as `iter_events`) to a CSV file; return the row count.

    The events come in the order they were written, then one last line: `checkpoint,ID:HASH`,
    the newest event of the whole record when the export began (R14), for `verify-audit
    --checkpoint`. The file is written whole or not at all: a partial export never replaces a
    good one.
    """
    tmp = path.with_name(path.name + ".part")
    try:
        create_private_file(tmp)  # the owner's only (DESIGN §7), before a line is written
        count = _write_export(tmp, filters)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count


def export_for(who: SignedIn, path: Path, **filters: Any) -> int:
    """`export_csv` for a staff member: managers and owners only (R15). Returns the row count.

    The screen exports through this; the command line, run by whoever holds the database
    file, keeps using `export_csv`.
    """
    from .staff import (  # staff.py writes its events through this module
        Role,
        require_role,
    )

    require_role(who, Role.MANAGER)
    return export_csv(path, **filters)


def _write_export(tmp: Path, filters: dict[str, Any]) -> int:
    # The checkpoint is read first and the events stop at it, so the file holds the record
    # exactly as the checkpoint saw it, though events keep arriving while it is written.
    checkpoint = chain_checkpoint()
    through_id = int(checkpoint.partition(":")[0])
    count = 0
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_COLUMNS)
        # Straight from the rows: the file names a client "First Last" as it always has, even
        # when one of the two is empty (the screens drop the space).
        rows = _event_rows(**filters, through_id=through_id)
        # A chunk at a time: when each message-caused event was recorded is one lookup per
        # chunk, not per row, and the file still streams.
        while chunk := list(itertools.islice(rows, 2000)):
            recorded = recorded_times((row[0], row[10], row[7], row[13]) for row in chunk)
            for (event_id, at, actor, _staff_id, client_id, number, channel, switch, old, new,
                 source, method, note, inbound_sid, hash_, first, last) in chunk:
                name = f"{first} {last}" if first is not None else ""
                writer.writerow([csv_safe(cell) for cell in (
                    event_id, at, actor, client_id, name, number, channel, switch, old,
                    new, source, method, note, inbound_sid, hash_, recorded.get(event_id, at),
                )])
            count += len(chunk)
        # The last line, two cells (R14): a spreadsheet shows it as a row below the events,
        # and a reader of events stops at the row whose first cell is "checkpoint".
        writer.writerow([CHECKPOINT_LABEL, checkpoint])
    return count


def csv_safe(cell: Any) -> Any:
    """A cell a spreadsheet shows as text, never runs as a formula (DESIGN §7, CSV injection).

    Every text cell of every CSV the program writes goes through this, whoever typed it: a
    staff name, a client's name, a note, a number. A text starting with =, +, - or @ (or a tab
    or carriage return, which some spreadsheets skip before one) gets a leading apostrophe.
    That includes phone numbers in E.164: "+15555550123" is written "'+15555550123", which a
    spreadsheet shows as the number as typed rather than reading it as a sum or a number and
    dropping its "+". Numbers that are not text (event and client ids) are left as they are.
    """
    if isinstance(cell, str) and cell and cell[0] in "=+-@\t\r":
        return "'" + cell
    return cell
