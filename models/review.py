"""The Needs review queue (R10): texts that look like an opt-out but are not exactly a keyword."""

from __future__ import annotations

from dataclasses import dataclass

from .audit import EventLog
from .changes import Change, Touched
from .db import database, for_update
from .errors import NotFound, StaleData
from .households import clients_by_mobile
from .inbound import apply_stop_lock
from .schema import Client, InboundMessage
from .staff import Role, SignedIn, require_role
from .text import note_or_none
from .timeutil import iso_now


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A text that looks like an opt-out but is not exactly a keyword."""

    message_id: int
    sid: str
    number: str
    body: str
    received_at: str
    client_ids: tuple[int, ...]
    client_names: tuple[str, ...]
    state: str


def review_items(open_only: bool = True, limit: int = 500) -> list[ReviewItem]:
    """The Needs review queue, oldest first (the order clients wrote)."""
    query = InboundMessage.select().where(InboundMessage.review_state.is_null(False))
    if open_only:
        query = query.where(InboundMessage.review_state == "open")
    messages = list(query.order_by(InboundMessage.received_at, InboundMessage.id).limit(limit))
    people = clients_by_mobile(m.from_number for m in messages)
    return [ReviewItem(m.id, m.sid, m.from_number, m.body, m.received_at,
                       tuple(i for i, _ in people.get(m.from_number, ())),
                       tuple(n for _, n in people.get(m.from_number, ())), m.review_state)
            for m in messages]


def open_review_texts(number: str | None) -> list[str]:
    """The texts from a mobile number that wait in Needs review, oldest first (one indexed read)."""
    if number is None:
        return []
    return [row[0] for row in InboundMessage.select(InboundMessage.body)
            .where((InboundMessage.review_state == "open") & (InboundMessage.from_number == number))
            .order_by(InboundMessage.received_at).tuples()]


def open_review_count() -> int:
    """How many texts wait in the Needs review queue."""
    return InboundMessage.select().where(InboundMessage.review_state == "open").count()



def _clients_on(number: str) -> tuple[int, ...]:
    """The clients whose mobile is `number`, their rows locked for this transaction (R16)."""
    query = Client.select(Client.id).where(Client.mobile == number).order_by(Client.id)
    return tuple(row.id for row in for_update(query))


def resolve_review(who: SignedIn, message_id: int, *, apply_stop: bool, note: str | None = None) -> Change:
    """Apply the STOP lock for a review item's number (R6), or dismiss it. Both are recorded as
    the staff member. Nothing here can opt a client in (R10)."""
    with database.atomic():
        staff = require_role(who, Role.EMPLOYEE)
        message = for_update(InboundMessage.select().where(InboundMessage.id == message_id)).get_or_none()
        if message is None:
            raise NotFound(f"no message with id {message_id}")
        if message.review_state != "open":
            raise StaleData(f"this text was already {message.review_state} by someone else")
        now = iso_now()
        outcome = "applied" if apply_stop else "dismissed"
        clean_note = note_or_none(note)
        event_ids: list[int] = []
        locks = False
        if apply_stop:
            applied = apply_stop_lock(message.from_number, at=now, sid=message.sid, actor=staff.name,
                                      staff_id=staff.staff_id,
                                      note=clean_note or f"from review: {message.body[:200]}")
            clients, locks = applied.clients, applied.locked
            event_ids.extend(applied.event_ids)
        else:
            clients = _clients_on(message.from_number)
        log = EventLog()
        for client_id in clients or (None,):
            log.add(at=now, actor=staff.name, staff_id=staff.staff_id, client_id=client_id,
                    number=message.from_number, channel="sms", switch="review", old="open",
                    new=outcome, source="review_queue", inbound_sid=message.sid, note=clean_note)
        (InboundMessage.update(review_state=outcome, resolved_by=staff.staff_id, resolved_at=now)
         .where(InboundMessage.id == message_id).execute())
        log.flush()
        event_ids.extend(log.event_ids)
    touched = Touched.REVIEW | Touched.MESSAGES  # Messages shows how a text was reviewed
    if locks:
        touched |= Touched.STOP_LOCKS
    return Change(touched, client_ids=clients, event_ids=tuple(event_ids))
