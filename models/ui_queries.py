"""Small read-only queries the window needs and the rest of the model layer does not offer yet:
the marks a live refresh polls (R16), what changed past them, one filter's count, the clients
behind a set of phone numbers.

Every function turns the database's own failures into StorageError, so the screen can say
"Database unavailable — retrying" and try again; a dropped connection is closed so that the
next call opens a fresh one.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable, Iterator, NamedTuple

import peewee
from peewee import fn

from .clients import ClientFilter, _filter_condition, clients_by_mobile
from .db import database
from .errors import StorageError
from .schema import AuditHead, Client, ConsentEvent, InboundMessage

#: Past this many new events at once (a bulk import elsewhere), listing the clients they touched
#: costs more than redrawing everything: `changes_since` then says `everything`.
MAX_EVENTS_TO_LIST = 20_000


@contextmanager
def read_errors() -> Iterator[None]:
    """Reads only: any failure of the database itself becomes StorageError (a read cannot
    break a constraint, so every peewee.DatabaseError here is the storage's trouble)."""
    try:
        yield
    except (peewee.DatabaseError, peewee.InterfaceError) as error:
        if not database.in_transaction():
            try:
                database.close()
            except (peewee.DatabaseError, peewee.InterfaceError):
                pass  # already broken; the next call connects afresh
        raise StorageError(f"database unavailable: {error}") from error


class Marks(NamedTuple):
    """How far the record has got: the newest consent event and the newest inbound text."""

    event_id: int
    message_id: int


@dataclass(frozen=True, slots=True)
class ChangesSince:
    """What the events and texts between two marks touched."""

    client_ids: tuple[int, ...]
    #: Studio-wide settings changed (every what-they-receive grid may differ).
    studio: bool
    #: The Needs review queue changed: a new review item, or one applied or dismissed.
    review: bool
    #: Too much changed to list (see MAX_EVENTS_TO_LIST): treat every client as changed.
    everything: bool = False


def latest_marks() -> Marks:
    """The newest consent event id and inbound text id: two reads of one row / one index."""
    with read_errors():
        event_id = AuditHead.get_by_id(1).last_event_id
        message_id = InboundMessage.select(fn.MAX(InboundMessage.id)).scalar() or 0
    return Marks(event_id, message_id)


def changes_since(old: Marks, new: Marks) -> ChangesSince:
    """The clients whose events or texts lie after `old` up to `new`, and whether studio
    settings or the review queue changed there. Range scans on primary keys only."""
    with read_errors():
        if new.event_id - old.event_id > MAX_EVENTS_TO_LIST:
            return ChangesSince(client_ids=(), studio=True, review=True, everything=True)
        clients: set[int] = set()
        studio = review = False
        if new.event_id > old.event_id:
            rows = (ConsentEvent.select(ConsentEvent.client, ConsentEvent.switch)
                    .where((ConsentEvent.id > old.event_id) & (ConsentEvent.id <= new.event_id))
                    .tuples())
            for client_id, switch in rows:
                if client_id is not None:
                    clients.add(client_id)
                if switch.startswith("studio:"):
                    studio = True
                elif switch == "review":
                    review = True
        if new.message_id > old.message_id:
            numbers = [number for (number,) in InboundMessage
                       .select(InboundMessage.from_number)
                       .where((InboundMessage.id > old.message_id)
                              & (InboundMessage.id <= new.message_id)
                              & InboundMessage.review_state.is_null(False))
                       .tuples()]
            if numbers:
                review = True
                clients.update(clients_with_mobiles(numbers))
    return ChangesSince(client_ids=tuple(sorted(clients)), studio=studio, review=review)


def clients_with_mobiles(numbers: Iterable[str]) -> dict[int, str]:
    """Active clients whose mobile is one of `numbers` (E.164): {client id: name}."""
    with read_errors():
        people = clients_by_mobile(numbers)
    return {client_id: name for clients in people.values() for client_id, name in clients}


def names_by_mobile(numbers: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The names of the active clients behind each mobile number, for the Messages list."""
    with read_errors():
        people = clients_by_mobile(numbers)
    return {number: tuple(name for _, name in clients) for number, clients in people.items()}


def filter_counts_for(filters: Iterable[ClientFilter]) -> dict[ClientFilter, int]:
    """`clients.filter_counts()` for some filters only: after a switch changes, only
    "Any opt-out" can move, and each count costs tens of milliseconds at 100,000 clients."""
    counts: dict[ClientFilter, int] = {}
    with read_errors():
        for which in filters:
            query = Client.select().where(Client.archived == False)  # noqa: E712
            condition = _filter_condition(ClientFilter(which))
            if condition is not None:
                query = query.where(condition)
            counts[ClientFilter(which)] = query.count()
    return counts

