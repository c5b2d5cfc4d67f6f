"""0007: a writer adding many clients at once may index them itself (DESIGN §6; issue 12).

Migration 0006's insert trigger computes a client's `client_word` rows in SQL, row by row
(json_each and a correlated sum per word): at 100,000 imported clients that was most of the
import's database time. A bulk writer (`models.client_search.insert_clients`) now puts a row in
`search_index_pause`, inserts its clients, removes the row, and adds their index entries in
bulk — the same entries, by the same definition — all in one transaction, so no other
connection ever sees the pause, and a crash or a rollback takes it away with the rest. Every
other writer (adding one client, a script, seeding, the CLI) is indexed by the trigger as before.

On PostgreSQL nothing changes: pg_trgm indexes on `client` itself.
"""

from __future__ import annotations

import peewee

from . import m0006_search_index as m0006

VERSION = 7

PAUSE_TABLE = "search_index_pause"
#: The tables this migration adds on SQLite.
SQLITE_TABLES = (PAUSE_TABLE,)

SQLITE = (
    f"CREATE TABLE {PAUSE_TABLE} (id INTEGER NOT NULL PRIMARY KEY)",
    "DROP TRIGGER client_search_insert",
    (f"CREATE TRIGGER client_search_insert AFTER INSERT ON client "
     f"WHEN NOT EXISTS (SELECT 1 FROM {PAUSE_TABLE}) "
     f"BEGIN {'; '.join(m0006._insert('NEW'))}; END"),
)


def apply(db: peewee.Database) -> None:
    """Replace the insert trigger by one a bulk writer may pause (SQLite only)."""
    if isinstance(db, peewee.PostgresqlDatabase):
        return
    for sql in SQLITE:
        db.execute_sql(sql)
