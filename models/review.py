"""The Needs review queue (R10): texts that look like an opt-out but are not exactly a keyword."""

from __future__ import annotations

from dataclasses import dataclass

from .households import clients_by_mobile
from .schema import InboundMessage


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

