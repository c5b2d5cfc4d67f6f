"""When a consent event was recorded, where that is later than when its change happened.

A keyword is dated when the client texted it (R11) and a lock applied from Needs review when
the text arrived (R19), so a STOP imported or synced days late carries an older time than the
staff "on" recorded before it, though it was recorded — and took effect — after it. Events are
written in id order, so the id is the record's order; the moment of recording is not a column
of the event (its hash covers what it has) but is on the message that caused it: the inbound
text's `processed_at` for a keyword, its `resolved_at` for a review decision, and the outbound
text's `processed_at` for a STOP confirmation (R23).
"""

from __future__ import annotations

from typing import Iterable

from .db import rows_for_in

#: models.outbound.STOP_CONFIRMATION (not imported: outbound writes through models.audit).
_CONFIRMATION = "stop_confirmation"


def recorded_times(events: Iterable[tuple[int, str, str, str | None]]) -> dict[int, str]:
    """{event id: when it was recorded (ISO UTC)} for the events `(id, source, switch,
    inbound_sid)` that a message caused; the others were recorded when they happened."""
    wanted = [(event_id, source, switch, sid) for event_id, source, switch, sid in events if sid]
    if not wanted:
        return {}
    sids = sorted({sid for _, _, _, sid in wanted})
    inbound = {sid: (processed, resolved) for sid, processed, resolved in rows_for_in(
        "SELECT sid, processed_at, resolved_at FROM inbound_message WHERE sid IN ({values})", sids)}
    confirmations = {sid: processed for sid, processed in rows_for_in(
        "SELECT stop_sid, processed_at FROM outbound_message "
        "WHERE kind = 'confirmation' AND stop_sid IN ({values})", sids)}
    times: dict[int, str] = {}
    for event_id, source, switch, sid in wanted:
        when: str | None = None
        if switch == _CONFIRMATION:
            when = confirmations.get(sid)
        elif source == "client_keyword" and sid in inbound:
            when = inbound[sid][0]
        elif source == "review_queue" and sid in inbound:
            when = inbound[sid][1] or inbound[sid][0]
        if when:
            times[event_id] = when
    return times

