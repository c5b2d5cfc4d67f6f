"""A phone number's events in its clients' record (R14): the numbers a client has had, and
which of those numbers' events — STOP, START, review decisions — belong to their History and
export, shown once each.

A STOP writes one `stop_lock` event per client on the number (one without a client when nobody
has it). A client who gets the number later, or is added after the STOP, had none of those
written for them; a client who moved to another number must keep the STOP made while the
number was theirs. So a client's record reads the number's events too: every event of a
number they have now, and every event of an earlier number from before they left it.
"""

from __future__ import annotations

import functools
import operator

import peewee

from .schema import Client, ConsentEvent

#: The switches that record something about a number rather than one client's switch: the
#: STOP lock set or lifted (R6, R8), a Needs review decision (R10), and the one confirmation
#: text the law allows after a STOP (R23).
NUMBER_SWITCHES = ("stop_lock", "review", "stop_confirmation")


def numbers_held(client_id: int) -> dict[str, str | None]:
    """Every mobile number a client has had: number → when they last left it (ISO UTC), or
    None for the one they have now. Earlier numbers come from their `mobile` events."""
    held: dict[str, str | None] = {}
    changes = (ConsentEvent.select(ConsentEvent.at, ConsentEvent.old)
               .where((ConsentEvent.client == client_id) & (ConsentEvent.switch == "mobile")
                      & ConsentEvent.old.is_null(False))
               .order_by(ConsentEvent.id).tuples())
    for at, old in changes:
        held[old] = at  # the latest departure wins
    current = Client.select(Client.mobile).where(Client.id == client_id).scalar()
    if current:
        held[current] = None
    return held


def number_events_of(client_id: int, held: dict[str, str | None]) -> peewee.Expression | None:
    """The condition that picks the number events of `held` (see `numbers_held`) that belong
    to a client's record but were written for another client or for none — each once.

    The copies of one STOP written for several clients (same number, time, switch, outcome and
    message id) are one event of the number: a client's own copy stands for it; without one,
    the copy with the lowest id does. The twin test reads the number's index only.
    """
    if not held:
        return None
    periods = []
    for number, left_at in held.items():
        period = ConsentEvent.number == number
        if left_at is not None:
            period &= ConsentEvent.at < left_at
        periods.append(period)
    twin = ConsentEvent.alias("twin")
    preferred_twin = (twin.select(peewee.SQL("1")).where(
        (twin.number == ConsentEvent.number) & (twin.at == ConsentEvent.at)
        & (twin.switch == ConsentEvent.switch) & _same(twin.new, ConsentEvent.new)
        & _same(twin.inbound_sid, ConsentEvent.inbound_sid)
        & ((twin.client == client_id) | (twin.id < ConsentEvent.id))))
    return (functools.reduce(operator.or_, periods)
            & ConsentEvent.switch.in_(NUMBER_SWITCHES)
            & (ConsentEvent.client.is_null() | (ConsentEvent.client != client_id))
            & ~peewee.fn.EXISTS(preferred_twin))


def _same(left: peewee.Field, right: peewee.Field) -> peewee.Expression:
    """Equal, with two NULLs counting as equal (SQLite's IS, PostgreSQL's IS NOT DISTINCT FROM)."""
    return (left == right) | (left.is_null() & right.is_null())
