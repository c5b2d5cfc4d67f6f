"""0011: the names and emails that start with a letter, in list order (DESIGN §6; issue 12).

A search of one or two letters ("s", "em") starts the names and emails of tens of thousands of
clients at a million. `client_word` holds them as one range, in the order of their words, so
the list's first screenful of them meant sorting the whole range (20 ms for "e"), or walking
the list itself until fifty matched (4 ms for "s", in the benchmark's keystrokes the slowest
after phone digits).

`client_word_initial` orders the same entries by their first letter, then as the list is
ordered (`sort_key`, then the client): a text's first screenful is the first entries under its
letter that start with the whole text, found among the first few hundred when matches are
common (`models.client_search._first_by_initial`). Its cost is one more entry for each of a
client's words, written with them.

SQLite only: on PostgreSQL the list's search is served by pg_trgm (migration 0006).
Frozen as this release defines it; `models/schema.py` creates the current schema.
"""

from __future__ import annotations

import peewee

VERSION = 11

SQLITE = ("CREATE INDEX client_word_initial ON client_word (substr(words, 1, 1), sort_key, client_id)",)


def apply(db: peewee.Database) -> None:
    """Create the index (SQLite)."""
    if not isinstance(db, peewee.PostgresqlDatabase):
        for sql in SQLITE:
            db.execute_sql(sql)
