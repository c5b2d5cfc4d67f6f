"""The marks a live refresh polls (R16): how far the record has got, and what changed past them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from peewee import fn

from .households import clients_with_mobiles
from .schema import AuditHead, ConsentEvent, InboundMessage

#: Past this many new events at once (a bulk import elsewhere), listing the clients they touched
#: costs more than redrawing everything: `changes_since` then says `everything`.
MAX_EVENTS_TO_LIST = 20_000


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
    event_id = AuditHead.get_by_id(1).last_event_id
    message_id = InboundMessage.select(fn.MAX(InboundMessage.id)).scalar() or 0
    return Marks(event_id, message_id)


def changes_since(old: Marks, new: Marks) -> ChangesSince:
    """The clients whose events or texts lie after `old` up to `new`, and whether studio
    settings or the review queue changed there. Range scans on primary keys only."""
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
