"""Texts the studio sent after a STOP (R23).

Every outbound text of a message log is set against its number's STOP/START history: the
first text within five minutes after a STOP is the one confirmation the law allows, and is
recorded on the number's record as a consent event; any other text sent while the number
was STOP-locked is a *text sent after opt-out*, kept for the manager's report. Outbound texts
sent while the number was not locked are only counted: they need no record.

A number's history is its applied STOP and START keywords and the STOP locks applied from
the Needs review queue, each at the time the client texted, read for a whole chunk of
numbers in a few queries. Each text is kept once, by its provider message id.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Sequence

from .audit import EventLog
from .db import database, executemany
from .inbound import rows_in
from .rules import Keyword
from .timeutil import iso, iso_now, parse_iso

#: The one confirmation the law allows is sent within this time after the STOP.
CONFIRMATION_WINDOW = timedelta(minutes=5)
#: The record's switch name for a confirmation sent (R23).
STOP_CONFIRMATION = "stop_confirmation"
#: How many words of a text the record and the report keep in a note.
FIRST_WORDS_CHARS = 60



class OutboundKind(StrEnum):
    """What an outbound text was, set against its number's STOP history."""

    CONFIRMATION = "confirmation"  # the first text within 5 minutes after a STOP
    AFTER_STOP = "after_stop"  # any other text while the number was STOP-locked
    FINE = "fine"  # sent while the number was not STOP-locked: not kept
    DUPLICATE = "duplicate"  # kept already, by its message id


@dataclass(frozen=True, slots=True)
class OutboundText:
    """One text the studio sent, its number already in E.164."""

    sid: str
    number: str
    body: str
    at: datetime
    status: str | None = None
    #: The sending number or service, as the provider wrote it.
    sender: str | None = None


@dataclass(frozen=True, slots=True)
class LockSpan:
    """A time the number was STOP-locked: from the STOP to the START (None: still locked)."""

    start: str  # ISO UTC, when the client texted STOP
    end: str | None
    stop_sid: str | None


@dataclass
class OutboundOutcome:
    """What classifying a batch of outbound texts did."""

    kinds: Counter[str] = field(default_factory=Counter)
    client_ids: set[int] = field(default_factory=set)
    event_ids: list[int] = field(default_factory=list)


def first_words(body: str) -> str:
    """The start of a text, on one line: what the record and the report show of it."""
    text = " ".join(body.split())
    return text if len(text) <= FIRST_WORDS_CHARS else text[:FIRST_WORDS_CHARS - 1].rstrip() + "…"


def lock_spans(changes: Sequence[tuple[str, int, bool, str | None]],
               current_lock: tuple[str, str | None] | None) -> list[LockSpan]:
    """The spans a number was STOP-locked, oldest first, from its history.

    `changes` are (when, order, locks, message id): an applied STOP or a lock from review
    (True) or an applied START (False); `order` breaks ties in the order they were processed.
    A STOP while locked, or a START while not, changes nothing. `current_lock` is the number's
    stop_lock row (locked_at, message id): a lock the history does not explain (one whose
    text was dated before a START that came later) holds from the last change on.
    """
    spans: list[LockSpan] = []
    held: tuple[str, str | None] | None = None
    last: str | None = None
    for at, _, locks, sid in sorted(changes, key=lambda change: (change[0], change[1])):
        last = at
        if locks and held is None:
            held = (at, sid)
        elif not locks and held is not None:
            spans.append(LockSpan(held[0], at, held[1]))
            held = None
    if held is None and current_lock is not None:
        held = (max(current_lock[0], last) if last else current_lock[0], current_lock[1])
    if held is not None:
        spans.append(LockSpan(held[0], None, held[1]))
    return spans


def span_at(spans: Sequence[LockSpan], at: str) -> int | None:
    """The index of the span that holds at `at` (a STOP's own second counts as locked,
    a START's does not), or None."""
    index = bisect_right([span.start for span in spans], at) - 1
    if index < 0:
        return None
    end = spans[index].end
    return index if end is None or at < end else None


def classify_number(spans: Sequence[LockSpan], kept: Sequence[tuple[str, str]],
                    texts: Sequence[tuple[str, int]]) -> list[tuple[OutboundKind, int | None]]:
    """The kind of each new text to one number, in the order given, with the index of the
    lock span it was sent in (None for a text sent while the number was not locked).

    `kept` are the texts already on file for the number, (sent_at, kind); `texts` the new
    ones, (sent_at, order in the file), not yet on file. A new text is the confirmation when
    it is the first text of its lock span (kept ones included), sent within
    CONFIRMATION_WINDOW after the STOP, and the span has no confirmation on file yet.
    """
    first_kept: dict[int, str] = {}
    confirmed: set[int] = set()
    for sent_at, kind in kept:
        index = span_at(spans, sent_at)
        if index is None:
            continue
        if index not in first_kept or sent_at < first_kept[index]:
            first_kept[index] = sent_at
        if kind == OutboundKind.CONFIRMATION.value:
            confirmed.add(index)
    spans_of = [span_at(spans, sent_at) for sent_at, _ in texts]
    first_new: dict[int, tuple[str, int]] = {}
    for (sent_at, order), index in zip(texts, spans_of):
        if index is not None and (index not in first_new or (sent_at, order) < first_new[index]):
            first_new[index] = (sent_at, order)
    kinds: list[tuple[OutboundKind, int | None]] = []
    for (sent_at, order), index in zip(texts, spans_of):
        if index is None:
            kinds.append((OutboundKind.FINE, None))
            continue
        is_first = (first_new[index] == (sent_at, order)
                    and (index not in first_kept or sent_at < first_kept[index]))
        in_time = parse_iso(sent_at) - parse_iso(spans[index].start) <= CONFIRMATION_WINDOW
        confirms = is_first and in_time and index not in confirmed
        kinds.append((OutboundKind.CONFIRMATION if confirms else OutboundKind.AFTER_STOP, index))
    return kinds


def apply_outbound(texts: Sequence[OutboundText]) -> OutboundOutcome:
    """Classify and keep outbound texts inside the open transaction (R23).

    The caller gives every text of a number in the same call (a number's texts are set
    against each other: only the first after a STOP can be its confirmation).
    """
    log = EventLog()  # first: on PostgreSQL it queues this batch behind other event writers
    outcome = OutboundOutcome()
    by_number: dict[str, list[int]] = defaultdict(list)
    for position, text in enumerate(texts):
        by_number[text.number].append(position)
    spans = _lock_spans(sorted(by_number))
    if not spans:
        outcome.kinds[OutboundKind.FINE.value] += len(texts)
        return outcome
    kept = _kept_texts(sorted(spans))
    on_file = {row[0] for row in rows_in("SELECT sid FROM outbound_message WHERE {values}", "sid",
                                         sorted({texts[p].sid for n in spans for p in by_number[n]}))}
    processed_at = iso_now()
    # A provider's clock that runs ahead dates a text no later than the studio received it, as
    # it does the STOP it answers (R11): a confirmation sent a second after that STOP stays one.
    sent_at = {p: min(iso(texts[p].at), processed_at) for n in spans for p in by_number[n]}
    rows: list[tuple[Any, ...]] = []
    confirmations: list[tuple[OutboundText, LockSpan, str]] = []
    for number, positions in by_number.items():
        if number not in spans:
            outcome.kinds[OutboundKind.FINE.value] += len(positions)
            continue
        fresh: list[int] = []
        for position in positions:
            if texts[position].sid in on_file:
                outcome.kinds[OutboundKind.DUPLICATE.value] += 1
            else:
                on_file.add(texts[position].sid)  # the same id twice in one file: kept once
                fresh.append(position)
        number_spans = spans[number]
        kinds = classify_number(number_spans, kept.get(number, ()),
                                [(sent_at[p], p) for p in fresh])
        for position, (kind, index) in zip(fresh, kinds):
            outcome.kinds[kind.value] += 1
            if index is None:
                continue
            text, span = texts[position], number_spans[index]
            rows.append((text.sid, text.number, text.body, sent_at[position], text.status, kind.value,
                         span.stop_sid, processed_at))
            if kind is OutboundKind.CONFIRMATION:
                confirmations.append((text, span, sent_at[position]))
    _insert(rows)
    _record_confirmations(log, confirmations, outcome)
    log.flush()
    outcome.event_ids = list(log.event_ids)
    return outcome


_OUTBOUND_COLUMNS = ("sid", "to_number", "body", "sent_at", "status", "kind", "stop_sid",
                     "processed_at")


def _insert(rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    placeholders = ", ".join([database.param] * len(_OUTBOUND_COLUMNS))
    executemany(f"INSERT INTO outbound_message ({', '.join(_OUTBOUND_COLUMNS)}) "
                f"VALUES ({placeholders})", rows)


def _record_confirmations(log: EventLog, confirmations: list[tuple[OutboundText, LockSpan, str]],
                          outcome: OutboundOutcome) -> None:
    """One event per client on the number (every client the STOP's own events name: archived
    ones too, their record outlives them), or one for the number alone when no client has it."""
    if not confirmations:
        return
    clients: dict[str, list[int | None]] = defaultdict(list)
    for client_id, mobile in sorted(rows_in(
            "SELECT id, mobile FROM client WHERE {values}", "mobile",
            sorted({text.number for text, _, _ in confirmations}))):
        clients[mobile].append(client_id)
    for text, span, sent_at in confirmations:
        actor = f"Texting provider {text.sender}" if text.sender else "Texting provider"
        for client_id in clients.get(text.number) or [None]:
            log.add(at=sent_at, actor=actor[:120], client_id=client_id, number=text.number,
                    channel="sms", switch=STOP_CONFIRMATION, new="sent", source="import",
                    inbound_sid=span.stop_sid, note=first_words(text.body))
        outcome.client_ids.update(c for c in clients.get(text.number, ()) if c is not None)


def _lock_spans(numbers: Sequence[str]) -> dict[str, list[LockSpan]]:
    """The STOP-lock spans of the numbers that ever were locked (the others are left out).

    A lock applied from the Needs review queue counts from when the client texted (the
    message's received_at), whatever time its stop_lock row carries."""
    changes: dict[str, list[tuple[str, int, bool, str | None]]] = defaultdict(list)
    for number, at, message_id, keyword, review_state, sid in rows_in(
            "SELECT from_number, received_at, id, keyword, review_state, sid FROM inbound_message "
            "WHERE {values} AND (review_state = 'applied' OR (applied AND keyword "
            f"IN ('{Keyword.OPT_OUT.value}', '{Keyword.OPT_IN.value}')))", "from_number", numbers):
        locks = review_state == "applied" or keyword == Keyword.OPT_OUT.value
        changes[number].append((at, message_id, locks, sid))
    current = {number: (locked_at, sid) for number, locked_at, sid in rows_in(
        "SELECT number, locked_at, inbound_sid FROM stop_lock WHERE {values}", "number", numbers)}
    spans: dict[str, list[LockSpan]] = {}
    for number in set(changes) | set(current):
        found = lock_spans(changes.get(number, []), current.get(number))
        if found:
            spans[number] = found
    return spans


def _kept_texts(numbers: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
    """The texts on file for each number: (sent_at, kind)."""
    kept: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for number, sent_at, kind in rows_in(
            "SELECT to_number, sent_at, kind FROM outbound_message WHERE {values}", "to_number",
            numbers):
        kept[number].append((sent_at, kind))
    return kept
