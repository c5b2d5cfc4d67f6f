"""The Needs review queue (R10) and its deadlines (R19).

A text that looks like an opt-out but is not exactly a keyword waits here for staff: apply the
STOP lock, turn SMS Marketing off only, or dismiss it — never opt anyone in. It is due 10
business days after it came (R19), and while it waits, marketing to its number is held
(`numbers_waiting`, used by `models.consent`).

A bare CANCEL locked its number when it came (R9) and also waits here, flagged "may have meant
an appointment — call the client" (R10). It is stored like a review text (review_state
'open'), but its keyword is opt_out, not review: it has no due date (the lock honoured it),
holds nothing (the lock blocks SMS; voice is the client's), is never overdue, and its one
decision is "called" (staff called the client).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Any

import peewee

from .audit import EventLog
from .changes import Change, Touched
from .db import database, for_update
from .deadlines import overdue_before, review_due_by
from .errors import InvalidInput, NotFound, StaleData
from .households import clients_by_mobile
from .inbound import apply_stop_lock
from .keywords import may_mean_appointment
from .rules import Keyword, utc_now
from .schema import Client, InboundMessage
from .settings import load_studio
from .staff import Role, SignedIn, require_role
from .text import note_or_none
from .timeutil import iso, iso_now, parse_iso
from .wording import say

OPEN = "open"


class ReviewAction(StrEnum):
    """What staff decide about a text in Needs review; the value is the text's state after."""

    APPLY_STOP = "applied"  # the STOP lock for the number (R6), dated when the client texted
    MARKETING_OFF = "marketing_off"  # "no more promos": SMS Marketing off for the number's clients
    DISMISS = "dismissed"  # not an opt-out: nothing changes
    CALLED = "called"  # a bare CANCEL: it locked already; staff called the client about it


#: What staff may decide about a text that waits for review, and about a CANCEL flagged for a call.
REVIEW_ACTIONS = (ReviewAction.APPLY_STOP, ReviewAction.MARKETING_OFF, ReviewAction.DISMISS)
CANCEL_ACTIONS = (ReviewAction.CALLED,)
#: A decision someone else took first, as the refusal names it.
_TAKEN_ALREADY = {
    ReviewAction.APPLY_STOP.value: say("this text was already applied by someone else"),
    ReviewAction.DISMISS.value: say("this text was already dismissed by someone else"),
    ReviewAction.CALLED.value: say("this text was already called by someone else"),
}


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A text in Needs review, with its deadline as of the moment it was read."""

    message_id: int
    sid: str
    number: str
    body: str
    received_at: datetime  # UTC
    client_ids: tuple[int, ...]
    client_names: tuple[str, ...]
    state: str  # open, or the ReviewAction taken
    #: 10 business days after it came, in the studio's time zone (R19); None for a CANCEL.
    due_by: date | None
    #: How long ago it came.
    age: timedelta
    #: Still open after its due date.
    overdue: bool
    #: A bare CANCEL: it locked the number, and may have meant an appointment (R10).
    may_mean_appointment: bool

    @property
    def actions(self) -> tuple[ReviewAction, ...]:
        """The decisions staff may take about it."""
        return CANCEL_ACTIONS if self.may_mean_appointment else REVIEW_ACTIONS


@dataclass(frozen=True, slots=True)
class ReviewCounts:
    """How many texts wait in Needs review, and how many of them are past their due date."""

    waiting: int
    overdue: int


#: Open texts that wait for a decision (R19): not a CANCEL, which locked already. As column =
#: value pairs, which the peewee expression and the written-out lookup are both made from.
_WAITING = (("review_state", OPEN), ("keyword", Keyword.REVIEW.value))


def _waiting_for_review() -> peewee.Expression:
    """Open texts that wait for a decision (R19), as a peewee condition."""
    first, second = (getattr(InboundMessage, column) == value for column, value in _WAITING)
    return first & second


def numbers_waiting() -> peewee.Select:
    """The numbers with a text waiting for review, as a subquery: marketing to them is held (R19)."""
    return InboundMessage.select(InboundMessage.from_number).where(_waiting_for_review())


def waits_for_review(number: str) -> bool:
    """Whether a text from `number` waits in Needs review: marketing to it is held (R19)."""
    mark = database.param
    # Written out: peewee took longer to build the statement than the index to answer it.
    waiting = " AND ".join(f"{column} = {mark}" for column, _ in _WAITING)
    return database.execute_sql(
        f"SELECT 1 FROM inbound_message WHERE {waiting} AND from_number = {mark} LIMIT 1",
        (*(value for _, value in _WAITING), number)).fetchone() is not None


#: The columns of a text in the queue, as `review_items` reads them.
_ITEM_COLUMNS = "id, sid, from_number, body, received_at, keyword, review_state"


def _review_rows(open_only: bool, limit: int, number: str | None) -> list[tuple[Any, ...]]:
    """The queue's texts (or one number's), by when they came: one statement written out,
    as a profile reads its number's on every opening (issue 12)."""
    mark = database.param
    where, params = ["review_state IS NOT NULL"], []
    if open_only:
        where.append(f"review_state = {mark}")
        params.append(OPEN)
    if number is not None:
        where.append(f"from_number = {mark}")
        params.append(number)
    sql = (f"SELECT {_ITEM_COLUMNS} FROM inbound_message WHERE {' AND '.join(where)} "
           f"ORDER BY received_at, id LIMIT {mark}")
    return database.execute_sql(sql, (*params, limit)).fetchall()


def review_items(open_only: bool = True, limit: int = 500, *, number: str | None = None,
                 now: datetime | None = None) -> list[ReviewItem]:
    """The Needs review queue (or one number's texts in it), by due date: the text that must be
    decided first comes first (R19). A CANCEL sorts by the day it came: call the client then."""
    messages = _review_rows(open_only, limit, number)
    if not messages:
        return []
    people = clients_by_mobile(m[2] for m in messages)
    zone = load_studio().time_zone
    now = now or utc_now()
    today = now.astimezone(zone).date()
    items = []
    for message_id, sid, from_number, body, received_at, keyword, state in messages:
        received = parse_iso(received_at)
        cancel = keyword == Keyword.OPT_OUT.value and may_mean_appointment(body)
        due = None if cancel else review_due_by(received, zone)
        items.append(ReviewItem(
            message_id, sid, from_number, body, received,
            tuple(i for i, _ in people.get(from_number, ())),
            tuple(n for _, n in people.get(from_number, ())), state,
            due_by=due, age=max(now - received, timedelta(0)),
            overdue=state == OPEN and due is not None and due < today,
            may_mean_appointment=cancel))
    items.sort(key=lambda item: (item.due_by or item.received_at.astimezone(zone).date(),
                                 item.received_at, item.message_id))
    return items


def review_status(number: str | None, now: datetime | None = None) -> dict[str, list[dict[str, Any]]]:
    """The `status` command's keys for a client's mobile (DESIGN §4): `review`, the texts
    waiting in Needs review with when they came and when they are due (R19); `call_client`,
    the bare CANCELs that locked it and may have meant an appointment (R10)."""
    items = review_items(number=number, now=now) if number is not None else []
    return {
        "review": [{"received_at": _iso_seconds(item.received_at), "due_by": item.due_by.isoformat(),
                    "overdue": item.overdue, "text": item.body}
                   for item in items if item.due_by is not None],
        "call_client": [{"received_at": _iso_seconds(item.received_at), "text": item.body}
                        for item in items if item.may_mean_appointment],
    }


def _iso_seconds(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def open_review_count() -> int:
    """How many texts wait in the Needs review queue (CANCELs flagged for a call included)."""
    return InboundMessage.select().where(InboundMessage.review_state == OPEN).count()


def review_counts(now: datetime | None = None) -> ReviewCounts:
    """How many texts wait in Needs review, and how many are overdue (R19): two indexed counts."""
    cutoff = overdue_before((now or utc_now()).astimezone(load_studio().time_zone).date(),
                            load_studio().time_zone)
    overdue = (InboundMessage.select()
               .where(_waiting_for_review() & (InboundMessage.received_at < iso(cutoff))).count())
    return ReviewCounts(open_review_count(), overdue)


def _clients_on(number: str) -> tuple[int, ...]:
    """The clients whose mobile is `number`, their rows locked for this transaction (R16)."""
    query = Client.select(Client.id).where(Client.mobile == number).order_by(Client.id)
    return tuple(row.id for row in for_update(query))


def _check_action(message: InboundMessage, action: ReviewAction) -> None:
    if message.review_state != OPEN:
        raise StaleData(_TAKEN_ALREADY.get(message.review_state) or say(
            "this text was already {state} by someone else", state=message.review_state))
    cancel = message.keyword == Keyword.OPT_OUT.value and may_mean_appointment(message.body)
    allowed = CANCEL_ACTIONS if cancel else REVIEW_ACTIONS
    if action not in allowed:
        what = (say("a CANCEL that already locked the number") if cancel
                else say("a text waiting for review"))
        raise InvalidInput(say("“{action}” is not a decision for {what} (choose {choices})",
                               action=action.value, what=what,
                               choices=", ".join(a.value for a in allowed)))


def resolve_review(who: SignedIn, message_id: int, action: ReviewAction | str, *,
                   note: str | None = None) -> Change:
    """Decide about a text in Needs review, recorded as the staff member (R10, R14).

    The STOP lock and SMS Marketing off are dated when the client texted — that is when they
    asked (R19) — and the decision itself when staff took it. Nothing here can opt a client in.
    """
    try:
        action = ReviewAction(action)
    except ValueError:
        raise InvalidInput(say("unknown review decision {action} ({choices})", action=repr(action),
                               choices=", ".join(a.value for a in ReviewAction))) from None
    with database.atomic():
        staff = require_role(who, Role.EMPLOYEE)
        message = for_update(InboundMessage.select().where(InboundMessage.id == message_id)).get_or_none()
        if message is None:
            raise NotFound(say("no message with id {id}", id=message_id))
        _check_action(message, action)
        now = iso_now()
        clean_note = note_or_none(note)
        asked = clean_note or f"from review: {message.body[:200]}"
        event_ids: list[int] = []
        touched = Touched.REVIEW | Touched.MESSAGES  # Messages shows how a text was reviewed
        if action is ReviewAction.APPLY_STOP:
            applied = apply_stop_lock(message.from_number, at=message.received_at, sid=message.sid,
                                      actor=staff.name, staff_id=staff.staff_id, note=asked)
            clients = applied.clients
            event_ids.extend(applied.event_ids)
            if applied.locked:
                touched |= Touched.STOP_LOCKS
        else:
            clients = _clients_on(message.from_number)
        log = EventLog()
        if action is ReviewAction.MARKETING_OFF:
            turned_off = _sms_marketing_off(log, staff.name, staff.staff_id, message, clients, asked)
            if turned_off:
                touched |= Touched.SWITCHES
        for client_id in clients or (None,):
            log.add(at=now, actor=staff.name, staff_id=staff.staff_id, client_id=client_id,
                    number=message.from_number, channel="sms", switch="review", old=OPEN,
                    new=action.value, source="review_queue", inbound_sid=message.sid,
                    note=clean_note)
        (InboundMessage.update(review_state=action.value, resolved_by=staff.staff_id,
                               resolved_at=now)
         .where(InboundMessage.id == message_id).execute())
        log.flush()
        event_ids.extend(log.event_ids)
    return Change(touched, client_ids=clients, event_ids=tuple(event_ids))


def _sms_marketing_off(log: EventLog, actor: str, staff_id: int, message: InboundMessage,
                       clients: tuple[int, ...], note: str) -> list[int]:
    """Turn SMS Marketing off for every client on the number whose switch is on, dated when
    the client texted; return their ids. Turning off never needs consent (R3)."""
    on = [row.id for row in Client.select(Client.id)
          .where(Client.id.in_(list(clients)) & (Client.sms_marketing == True))]  # noqa: E712
    if not on:
        return []
    (Client.update(sms_marketing=False, version=Client.version + 1)
     .where(Client.id.in_(on)).execute())
    for client_id in on:
        log.add(at=message.received_at, actor=actor, staff_id=staff_id, client_id=client_id,
                number=message.from_number, channel="sms", switch="marketing", old="on",
                new="off", source="review_queue", inbound_sid=message.sid, note=note)
    return on
