"""Inbound texts: STOP and START (R6–R11) and the Needs review queue (R10).

One function, `apply_batch`, processes every inbound text — a single one from the command
line or a hundred thousand from a provider's log (`models.message_log`) — in timestamp
order, once per provider message id, reading what it needs for the whole batch in a few
queries.
"""

from __future__ import annotations

import functools
import json
import operator
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Iterator, Sequence

from peewee import fn

from .audit import EventLog
from .changes import Change, Touched
from .db import btree_lookups, database, executemany, is_postgres
from .errors import InvalidInput
from .inbound_texts import (  # noqa: F401 (InboundText, fast_iso: imported from here too)
    InboundText,
    PreparedTexts,
    fast_iso,
    prepare_texts,
)
from .number_lock import hold_numbers
from .like import escape_like, like
from .phones import digits, normalize_phone
from .rules import Keyword
from .schema import InboundMessage, StopLock
from .settings import load_studio
from .text import storable
from .timeutil import iso, iso_now, now, parse_iso, received_time
from .wording import say

_KEYWORDS_THAT_DECIDE = (Keyword.OPT_OUT.value, Keyword.OPT_IN.value)
_DECIDING = frozenset((Keyword.OPT_OUT, Keyword.OPT_IN))


@dataclass(frozen=True, slots=True)
class InboundResult:
    """What processing a text did: the `inbound` command's JSON."""

    action: str  # opt_out, opt_in, help, review, none, duplicate
    clients: tuple[int, ...]
    sid: str
    #: False when the keyword changed nothing: already in that state, or a later keyword won (R11).
    changed: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"action": self.action, "clients": list(self.clients), "sid": self.sid,
                "changed": self.changed}


def values_in(column: str) -> str:
    """SQL that holds when `column` is one of a list given as one parameter (`values_param`):
    one statement for a whole batch, however many values it has — a JSON array on SQLite,
    an array on PostgreSQL (an index lookup per value on both)."""
    if is_postgres():
        return f"{column} = ANY({database.param})"
    return f"{column} IN (SELECT value FROM json_each({database.param}))"


def values_param(values: Iterable[Any]) -> Any:
    """The one parameter `values_in` reads the values from."""
    return list(values) if is_postgres() else json.dumps(list(values))


def rows_in(sql: str, column: str, values: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Run `sql`, whose `{values}` stands for "`column` is one of `values`", once for all of
    them (`values_in`)."""
    listed = list(values)
    if not listed:
        return []
    return database.execute_sql(sql.format(values=values_in(column)), (values_param(listed),)).fetchall()


class NumberState:
    """What a batch knows about the numbers it touches, read in one query each.

    Made first in a transaction, before its EventLog, so every writer takes its locks in one
    order — the numbers' lock (`models.number_lock`), the clients' rows, then the chain's
    head — and a STOP and a staff change never wait for each other in a circle (R16). On
    SQLite the IMMEDIATE transaction already holds the whole database; on PostgreSQL inbound
    batches queue on the numbers' advisory lock, with every writer that puts a client on a
    number (adding, importing, a new mobile), and then lock their clients' rows, so a staff
    "on" or a client added a moment ago is read here, and one arriving now waits and then
    sees the STOP lock.
    """

    def __init__(self, numbers: set[str], deciding: set[str] | None = None) -> None:
        """The clients on `numbers`, with their SMS All; given `deciding` (the numbers that
        texted a keyword that may change consent), only those numbers' clients' SMS All,
        STOP locks and last keywords are read, and the others' client ids alone."""
        keyed = sorted(numbers if deciding is None else deciding)
        clients: dict[str, list[int]] = defaultdict(list)
        #: Each client's (SMS All, whether a STOP turned it off), as the batch leaves them.
        self.sms: dict[int, tuple[bool, bool]] = {}
        lock_rows = ""
        hold_numbers()
        if is_postgres():
            lock_rows = " FOR UPDATE"
        with btree_lookups():
            found = rows_in("SELECT id, mobile, sms_all, sms_off_by_stop FROM client WHERE {values} "
                            "ORDER BY id" + lock_rows, "mobile", keyed)
            if deciding is not None:  # the others' ids come from the mobile index alone
                found += [(client_id, mobile, None, None) for client_id, mobile in rows_in(
                    "SELECT id, mobile FROM client WHERE {values}", "mobile", sorted(numbers - deciding))]
        for client_id, mobile, sms_all, off_by_stop in sorted(found):
            clients[mobile].append(client_id)
            self.sms[client_id] = (bool(sms_all), bool(off_by_stop))
        #: The clients on each number, in id order.
        self.clients: dict[str, tuple[int, ...]] = {n: tuple(ids) for n, ids in clients.items()}
        self.locks: dict[str, str] = dict(rows_in(
            "SELECT number, locked_at FROM stop_lock WHERE {values}", "number", keyed))
        keywords = ", ".join(f"'{keyword}'" for keyword in _KEYWORDS_THAT_DECIDE)
        self.last_keyword: dict[str, str] = dict(rows_in(
            "SELECT from_number, MAX(received_at) FROM inbound_message "
            f"WHERE {{values}} AND keyword IN ({keywords}) GROUP BY from_number", "from_number", keyed))
        # A lock applied from Needs review is dated when the client texted: it is the newest
        # word of that number as much as a keyword is, so an older START cannot lift it (R11).
        for number, locked_at in self.locks.items():
            if locked_at > self.last_keyword.get(number, ""):
                self.last_keyword[number] = locked_at


@dataclass(slots=True)
class BatchOutcome:
    """What a batch of inbound texts did, counted: `models.message_log`'s summary."""

    actions: Counter[str]
    #: Texts whose keyword changed consent.
    changed: int


def apply_batch(texts: Sequence[InboundText]) -> list[InboundResult]:
    """Process texts in the order given (the caller sorts by time) inside the open transaction.

    A text's time is recorded, and ranked against other keywords, as never later than this
    moment, when the studio processed it (R11): a provider's clock that runs ahead is taken
    to have delivered the text now. So "the last keyword wins" means: texts given together
    keep the order of their provider's times, and nothing received before a keyword was
    processed can outrank it — a STOP received now beats a START that claims to be from
    tomorrow. A time recorded by an older version ahead of now ranks as now, too.
    """
    results: list[InboundResult] = []
    _apply(prepare_texts(texts), results)
    return results


def apply_texts(texts: Sequence[InboundText] | PreparedTexts) -> BatchOutcome:
    """`apply_batch` for a message log's chunk (prepared beforehand, or not): the same work,
    counted rather than told text by text. The statements it sends do not grow with the
    texts (one query or one `executemany` each)."""
    return _apply(texts if isinstance(texts, PreparedTexts) else prepare_texts(texts), None)


def _apply(prepared: PreparedTexts, results: list[InboundResult] | None) -> BatchOutcome:
    texts, meanings = prepared.texts, prepared.meanings
    existing = {row[0] for row in rows_in(
        "SELECT sid FROM inbound_message WHERE {values}", "sid", {t.sid for t in texts})}
    deciding = {t.number for t, m in zip(texts, meanings) if m[0] in _DECIDING}
    # A log's chunk reads only the clients its keywords may change (`clients_on` the others).
    state = NumberState({t.number for t in texts} if results is not None else deciding, deciding)
    log = EventLog()
    processed_at = iso_now()
    rows: list[tuple[Any, ...]] = []
    actions: list[str] = []
    # The lock each number ends the batch with, for numbers whose lock changed: (when, sid) or None.
    final_locks: dict[str, tuple[str, str] | None] = {}
    sms_changes: dict[int, tuple[bool, bool]] = {}
    touched: set[int] = set()
    clients_of, changes, add_row = state.clients.get, 0, rows.append
    for text, at, (keyword, waits) in zip(texts, prepared.times, meanings):
        sid = text.sid
        if sid in existing:
            actions.append("duplicate")
            if results is not None:
                results.append(InboundResult("duplicate", clients_of(text.number, ()), sid))
            continue
        existing.add(sid)
        if at > processed_at:
            at = processed_at  # never later than received (R11)
        changed = False
        if keyword in _DECIDING:
            changed = _decide(log, state, text, keyword, at, processed_at, final_locks, sms_changes, touched)
            changes += changed
        add_row((sid, text.number, text.to, text.body, at, keyword.value, changed,
                 "open" if waits else None, processed_at))
        if results is not None:
            results.append(InboundResult(keyword.value, clients_of(text.number, ()), sid, changed))
    _insert_messages(rows)
    _store_locks(final_locks)
    write_clients(sms_changes, touched)
    log.flush()
    actions_counted = Counter(row[5] for row in rows)
    actions_counted.update(actions)
    return BatchOutcome(actions_counted, changes)


def clients_on(numbers: Iterable[str]) -> set[int]:
    """The clients whose mobile is one of `numbers`, in one query (outside a transaction too)."""
    listed = sorted(set(numbers))
    if not is_postgres():
        return {row[0] for row in rows_in("SELECT id FROM client WHERE {values}", "mobile", listed)}
    with database.atomic(), btree_lookups():
        return {row[0] for row in rows_in("SELECT id FROM client WHERE {values}", "mobile", listed)}


def _decide(log: EventLog, state: NumberState, text: InboundText, keyword: Keyword, at: str,
            processed_at: str, final_locks: dict[str, tuple[str, str] | None],
            sms_changes: dict[int, tuple[bool, bool]], touched: set[int]) -> bool:
    """Apply an opt-out or opt-in keyword if it is the number's last word (R11); whether it
    set or lifted the number's lock."""
    number = text.number
    latest = state.last_keyword.get(number)
    if latest is not None and at < min(latest, processed_at):  # the last keyword wins (R11)
        return False
    state.last_keyword[number] = at
    clients = state.clients.get(number, ())
    if keyword is Keyword.OPT_OUT and number not in state.locks:
        state.locks[number] = at
        final_locks[number] = (at, text.sid)
        locked = True
    elif keyword is Keyword.OPT_IN and number in state.locks:
        del state.locks[number]
        final_locks[number] = None
        locked = False
    else:
        return False
    record_lock(log, state, number, clients, at, text.sid, sms_changes, locked=locked, actor=number,
                source="client_keyword", note=_keyword_note(text, at))
    touched.update(clients)
    return True


_MESSAGE_COLUMNS = ("sid", "from_number", "to_number", "body", "received_at", "keyword", "applied",
                    "review_state", "processed_at")


def _insert_messages(rows: list[tuple[Any, ...]]) -> None:
    """Insert processed texts with one executemany and bound parameters: building SQL text
    for a hundred thousand rows was a third of a message-log import."""
    if not rows:
        return
    placeholders = ", ".join([database.param] * len(_MESSAGE_COLUMNS))
    executemany(f"INSERT INTO inbound_message ({', '.join(_MESSAGE_COLUMNS)}) VALUES ({placeholders})",
                rows)


def _store_locks(final_locks: dict[str, tuple[str, str] | None]) -> None:
    """The numbers' STOP locks as the batch leaves them: one DELETE, one executemany."""
    if not final_locks:
        return
    database.execute_sql(f"DELETE FROM stop_lock WHERE {values_in('number')}",
                         (values_param(sorted(final_locks)),))
    param = database.param
    executemany(f"INSERT INTO stop_lock (number, locked_at, inbound_sid) VALUES ({param}, {param}, {param})",
                [(n, lock[0], lock[1]) for n, lock in sorted(final_locks.items()) if lock is not None])


def write_clients(sms_changes: dict[int, tuple[bool, bool]], touched: set[int]) -> None:
    """Store (SMS All, off by a STOP) where a lock changed them, and bump the version of every
    client whose lock changed, so a change made on a profile shown before it is refused (R16).
    One executemany and one UPDATE, however many clients."""
    param = database.param
    if sms_changes:
        executemany(f"UPDATE client SET sms_all = {param}, sms_off_by_stop = {param}, "
                    f"version = version + 1 WHERE id = {param}",
                    [(sms_all, off_by_stop, cid) for cid, (sms_all, off_by_stop) in sorted(sms_changes.items())])
    others = sorted(touched - set(sms_changes))
    if others:
        database.execute_sql(f"UPDATE client SET version = version + 1 WHERE {values_in('id')}",
                             (values_param(others),))


def _keyword_note(text: InboundText, at: str) -> str:
    """The event note for a keyword, and the provider's time when it was ahead of when the
    studio received it (R11): the record keeps the claim, but ranks the text as received."""
    provider_time = iso(text.at)
    if provider_time <= at:
        return _texted(text.body)
    return f"{_texted(text.body)}; provider's time {provider_time[:19]}Z was ahead of this computer's clock"


def _texted(body: str) -> str:
    """The event note for a keyword: which word the client texted ("texted \"UNSUBSCRIBE\"")."""
    return f'texted "{" ".join(body.split())[:60]}"'


def record_lock(log: EventLog, state: NumberState, number: str, clients: Sequence[int], at: str,
                sid: str | None, sms_changes: dict[int, tuple[bool, bool]], *, locked: bool,
                actor: str, source: str, staff_id: int | None = None,
                note: str | None = None) -> None:
    """Events for a lock set (R6) or lifted (R8) on a number, and SMS All for its clients.

    A STOP turns off the SMS All of the clients who had it on, and marks it as the STOP's
    doing; START turns back on only those (R8). A client whose SMS All was off by their own
    request, or whom staff recorded as opting out while the lock held (R20), stays off."""
    old, new = ("off", "on") if locked else ("on", "off")
    if not clients:
        log.add(at=at, actor=actor, staff_id=staff_id, number=number, channel="sms",
                switch="stop_lock", old=old, new=new, source=source, inbound_sid=sid, note=note)
        return
    for client_id in clients:
        log.add(at=at, actor=actor, staff_id=staff_id, client_id=client_id, number=number,
                channel="sms", switch="stop_lock", old=old, new=new, source=source,
                inbound_sid=sid, note=note)
        sms_all, off_by_stop = state.sms[client_id]
        if locked and sms_all:
            target = (False, True)
        elif not locked and off_by_stop:
            target = (True, False)
        else:
            continue
        state.sms[client_id] = sms_changes[client_id] = target
        on = target[0]
        log.add(at=at, actor=actor, staff_id=staff_id, client_id=client_id, number=number,
                channel="sms", switch="all", old="off" if on else "on", new="on" if on else "off",
                source=source, inbound_sid=sid, method="client_keyword" if on else None, note=note)


def process_inbound(from_number: str, body: str, *, sid: str | None = None,
                    at: datetime | None = None, to: str | None = None) -> InboundResult:
    """Process one inbound text (R6, R8–R11). The same message id twice is processed once."""
    number = normalize_phone(from_number, load_studio().default_region)
    if sid is not None and not sid.strip():
        raise InvalidInput(say("message id is empty"))
    text = InboundText(sid=(sid or f"local-{uuid.uuid4().hex}").strip(), number=number, body=storable(body),
                       at=received_time(at, "--at") if at is not None else now(), to=to)
    with database.atomic():
        return apply_batch([text])[0]


def inbound_change(result: InboundResult) -> Change:
    """The Change a processed text makes, for the screen: a text on file, and a STOP lock
    set or lifted, or a text waiting for review."""
    touched = Touched.MESSAGES
    if result.changed:
        touched |= Touched.STOP_LOCKS
    if result.action == Keyword.REVIEW.value:
        touched |= Touched.REVIEW
    return Change(touched, client_ids=result.clients)


# --- A STOP lock staff apply from Needs review (R10) ---------------------------------------------

@dataclass(frozen=True, slots=True)
class LockApplied:
    """What `apply_stop_lock` did: the clients on the number, whether it locked it (False when
    it already was), and the events it wrote."""

    clients: tuple[int, ...]
    locked: bool
    event_ids: tuple[int, ...]


def apply_stop_lock(number: str, *, at: str, sid: str | None, actor: str, staff_id: int | None,
                    note: str | None) -> LockApplied:
    """Set the STOP lock on a number as an opt-out keyword does (R6), inside the caller's
    transaction: the Needs review queue's "Apply STOP lock" (R10). A locked number stays as it is.

    The clients' rows are locked before the chain's head, in the order every writer takes them (R16).
    """
    state = NumberState({number})
    clients = tuple(state.clients.get(number, ()))
    if number in state.locks:
        return LockApplied(clients, False, ())
    log = EventLog()
    sms_changes: dict[int, tuple[bool, bool]] = {}
    StopLock.insert(number=number, locked_at=at, inbound_sid=sid).execute()
    record_lock(log, state, number, clients, at, sid, sms_changes, locked=True, actor=actor,
                staff_id=staff_id, source="review_queue", note=note)
    write_clients(sms_changes, set(clients))
    log.flush()
    return LockApplied(clients, True, tuple(log.event_ids))


@dataclass(frozen=True, slots=True)
class MessageRecord:
    """One processed inbound text as the Messages view lists it."""

    id: int
    sid: str
    from_number: str
    to_number: str | None
    body: str
    received_at: str  # ISO UTC
    keyword: str  # rules.Keyword
    #: Whether its keyword changed consent (R11).
    applied: bool
    review_state: str | None  # open, applied, dismissed


def recent_messages(limit: int = 200, search: str = "") -> list[MessageRecord]:
    """The newest processed inbound texts, for the Messages view; with `search`, only those
    from a number with its digits ("(555) 555-0123", "555 0123", "+1 555…" alike) or whose
    text holds every word of it, in any case. Searched in SQL, wildcards taken literally."""
    m = InboundMessage
    query = (m.select(m.id, m.sid, m.from_number, m.to_number, m.body, m.received_at, m.keyword,
                      m.applied, m.review_state)
             .order_by(m.received_at.desc(), m.id.desc()).limit(limit))
    words = search.casefold().split()
    if words:
        in_text = [like(fn.LOWER(m.body), f"%{escape_like(word)}%") for word in words]
        condition = functools.reduce(operator.and_, in_text)
        number = digits(search)
        if number and not any(ch.isalpha() for ch in search):
            condition = condition | like(m.from_number, f"%{escape_like(number)}%")
        query = query.where(condition)
    rows: Iterator[tuple[Any, ...]] = query.tuples().iterator()
    return [MessageRecord(*row) for row in rows]


def last_opt_out_at(number: str | None) -> datetime | None:
    """When a mobile number last texted an opt-out keyword, or None: before staff record
    consent for it, they should know (issue 8)."""
    if number is None:
        return None
    latest = (InboundMessage.select(fn.MAX(InboundMessage.received_at))
              .where((InboundMessage.from_number == number)
                     & (InboundMessage.keyword == Keyword.OPT_OUT.value)).scalar())
    return parse_iso(latest) if latest else None
