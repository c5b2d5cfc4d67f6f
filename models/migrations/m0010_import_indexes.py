"""0010: an imported client writes two index entries fewer (DESIGN §6; issue 12).

Importing clients costs what their index entries cost: on SQLite, at 100,000 clients on file,
an import batch wrote about 30 KB of log per client, nearly all of it pages of the indexes
whose keys land at random places (names, addresses, numbers). Two of them did no work that
another index does not do already:

- `consent_event_client_id`, the foreign key's own index on `consent_event (client_id)`:
  `consent_event_client_id_id` on `(client_id, id)` starts with the same column, so every
  read of a client's events, and the check of the foreign key, use that one instead (on
  SQLite and PostgreSQL);
- SQLite: `client_name_key`, read only by an import looking for a client already on file by
  name alone (a row with no email, mobile or home phone). `client_word` holds each active
  client's whole name key as the first of its name rows, with the client's id, so that
  lookup reads it there (`models.client_import`). On PostgreSQL, where there is no
  `client_word`, the index stays.

Frozen as this release defines them; `models/schema.py` creates the current ones.
"""

from __future__ import annotations

import peewee

VERSION = 10

BOTH = ("DROP INDEX IF EXISTS consent_event_client_id",)
SQLITE = (*BOTH, "DROP INDEX IF EXISTS client_name_key")


def apply(db: peewee.Database) -> None:
    """Drop the indexes (both backends, or SQLite only; see above)."""
    for sql in BOTH if isinstance(db, peewee.PostgresqlDatabase) else SQLITE:
        db.execute_sql(sql)
