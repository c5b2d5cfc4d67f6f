"""0012: the names and emails that start with a letter, in list order (DESIGN §6; issue 12).

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

On both backends: PostgreSQL has `client_word` since migration 0011.
Frozen as this release defines it; `models/schema.py` creates the current schema.
"""

from __future__ import annotations

import peewee

VERSION = 12

INDEX = "CREATE INDEX IF NOT EXISTS client_word_initial ON client_word (substr(words, 1, 1), sort_key, client_id)"
#: PostgreSQL's index holds `words` too, so the look reads the index alone; SQLite's has it
#: already, as every index of a WITHOUT ROWID table holds the primary key.
POSTGRES = f"{INDEX} INCLUDE (words)"


def apply(db: peewee.Database) -> None:
    """Create the index."""
    db.execute_sql(POSTGRES if isinstance(db, peewee.PostgresqlDatabase) else INDEX)
