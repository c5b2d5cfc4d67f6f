"""The one lock every writer that decides a number's SMS takes first (R6, R16).

Inbound texts (a STOP, a START, a message log), and every change that puts a client on a
number — adding a client, importing clients, changing a client's mobile — read the number's
STOP lock and its clients and then write. On PostgreSQL two such transactions could each read
before the other committed: a STOP would miss a client being inserted, and the client would be
stored with SMS All on under the lock. So each of them takes this advisory lock first, then
their clients' rows, then the chain's head (`EventLog`): one order, no circle, and whichever
comes second reads what the first committed. On SQLite the IMMEDIATE transaction already
holds the whole database, so there is nothing to take.
"""

from __future__ import annotations

from .db import database, is_postgres

#: PostgreSQL advisory lock (transaction-scoped) held by every writer of a number's SMS.
INBOUND_LOCK_KEY = 0x0917_5709


def hold_numbers() -> None:
    """Take the numbers' lock for the rest of the open transaction (PostgreSQL); call it
    before reading STOP locks or clients' rows, and before opening an `EventLog`."""
    if not database.in_transaction():
        raise RuntimeError("the numbers' lock is taken only inside the change's transaction")
    if is_postgres():
        database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (INBOUND_LOCK_KEY,))
