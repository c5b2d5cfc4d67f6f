"""A client's History: their newest consent events, their numbers' included (R14)."""

from __future__ import annotations

from .audit import EventRecord, event_columns_sql, event_record, with_recorded_times
from .db import database
from .number_record import number_event_ids

#: The columns `models.audit.event_record` takes, as the History's statement names them.
_COLUMNS = event_columns_sql("e", "c")


def client_history(client_id: int, limit: int) -> list[EventRecord]:
    """A client's newest `limit` events for their History: newest recorded first (what took
    effect last is on top), with when each was recorded where a message caused it (R11, R19).

    The events of `iter_events(client_id=…, newest_first=True, by_record=True)`, read by one
    statement written out: a profile reads it on every opening, and peewee took longer to build
    the statement than the index to answer it (issue 12). Its own events are read along the
    (client, id) index newest first; a number's events it shares (STOP, START) by their ids.
    """
    mark = database.param
    numbers = number_event_ids(client_id)
    theirs = f"e.client_id = {mark}"
    if numbers:
        theirs = f"({theirs} OR e.id IN ({', '.join([mark] * len(numbers))}))"
    sql = (f"SELECT {_COLUMNS} FROM consent_event AS e "
           "LEFT OUTER JOIN client AS c ON e.client_id = c.id "
           f"WHERE {theirs} ORDER BY e.id DESC LIMIT {mark}")
    rows = database.execute_sql(sql, (client_id, *numbers, limit)).fetchall()
    return with_recorded_times(map(event_record, rows))
