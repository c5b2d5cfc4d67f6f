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

from .db import database, rows_for_in

#: The switches that record something about a number rather than one client's switch: the
#: STOP lock set or lifted (R6, R8), a Needs review decision (R10), and the one confirmation
#: text the law allows after a STOP (R23).
NUMBER_SWITCHES = ("stop_lock", "review", "stop_confirmation")


def numbers_held(client_id: int) -> dict[str, str | None]:
    """Every mobile number a client has had: number → when they last left it (ISO UTC), or
    None for the one they have now. Earlier numbers come from their `mobile` events."""
    held: dict[str, str | None] = {}
    mark = database.param
    # Written out, as a profile reads this on every opening: peewee took longer to build the
    # statements than the indexes to answer them (issue 12).
    changes = database.execute_sql(
        f"SELECT at, old FROM consent_event WHERE client_id = {mark} AND switch = 'mobile' "
        "AND old IS NOT NULL ORDER BY id", (client_id,))
    for at, old in changes:
        held[old] = at  # the latest departure wins
    row = database.execute_sql(f"SELECT mobile FROM client WHERE id = {mark}",
                               (client_id,)).fetchone()
    if row is not None and row[0]:
        held[row[0]] = None
    return held


def number_event_ids(client_id: int) -> list[int]:
    """The ids of the number events that belong to a client's record but were written for
    another client or for none — each once — from the numbers of `numbers_held`.

    The copies of one STOP written for several clients (same number, time, switch, outcome and
    message id) are one event of the number: a client's own copy stands for it (their own
    events are read anyway); without one, the copy with the lowest id does. One indexed read of
    the numbers' few events: the History then asks for `client = ? OR id IN (…)`, which reads
    two indexes and no more (a correlated twin test in SQL tripled a profile's History read).
    """
    held = numbers_held(client_id)
    if not held:
        return []
    switches = ", ".join(f"'{switch}'" for switch in NUMBER_SWITCHES)
    rows = sorted(rows_for_in(
        "SELECT id, client_id, number, at, switch, new, inbound_sid FROM consent_event "
        f"WHERE number IN ({{values}}) AND switch IN ({switches})", list(held)))
    chosen: dict[tuple[object, ...], int | None] = {}  # None: the client's own copy stands for it
    for event_id, owner, number, at, switch, new, sid in rows:
        left_at = held[number]
        if left_at is not None and at >= left_at:
            continue  # after the client left this number: not theirs
        key = (number, at, switch, new, sid)
        if owner == client_id:
            chosen[key] = None
        elif key not in chosen:
            chosen[key] = event_id
    return [event_id for event_id in chosen.values() if event_id is not None]
