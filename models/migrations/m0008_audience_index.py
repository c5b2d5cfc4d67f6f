"""0008: an SMS campaign's audience read along one index, and numbers and emails looked up by
their btree on PostgreSQL (DESIGN §6; issue 12).

- `client_sms_audience` (archived, sms_all, sms_marketing, mobile, ai_outreach): the clients a
  marketing text may reach on SMS, in number order, so `models.audience_counts` counts them
  per area code along the index instead of sorting a quarter of the clients (SQLite: 421 ms
  at 1,000,000 clients). On PostgreSQL the same index serves the same WHERE.
- PostgreSQL: migration 0006's pg_trgm GIN indexes were on the columns themselves, and pg_trgm
  (1.6, PostgreSQL 14+) answers `=` too: for `home_phone IN (…500 numbers…)` the planner chose
  the trigram index over the btree (2.2 s against 3 ms at 300,000 clients), and for `mobile IN`
  too while the table had no statistics (1.4 s a lookup). They are now on `column || ''`, the
  expression the list's search writes on PostgreSQL (`models.client_list.searched`), which
  an equality lookup never does: numbers and emails are looked up by their btree, searches
  still by their trigrams.

Frozen as this release defines them; `models/schema.py` creates the current ones.
"""

from __future__ import annotations

import peewee

VERSION = 8

SQLITE = (
    "CREATE INDEX client_sms_audience ON client (archived, sms_all, sms_marketing, mobile, ai_outreach)",
)

#: The columns with a trigram index (migration 0006).
TRIGRAM_COLUMNS = ("name_key", "email", "mobile", "home_phone")

POSTGRES = (
    *SQLITE,
    *(f"DROP INDEX client_{column}_trgm" for column in TRIGRAM_COLUMNS),
    *(f"CREATE INDEX client_{column}_trgm ON client USING gin (({column} || '') gin_trgm_ops)"
      for column in TRIGRAM_COLUMNS),
)


def apply(db: peewee.Database) -> None:
    """Create the indexes."""
    for sql in POSTGRES if isinstance(db, peewee.PostgresqlDatabase) else SQLITE:
        db.execute_sql(sql)
