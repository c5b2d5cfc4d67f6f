"""0008: an SMS campaign's audience read along one index, and numbers and emails looked up by
their btree on PostgreSQL (DESIGN §6; issue 12).

- `client_sms_audience` (archived, sms_all, sms_marketing, mobile, ai_outreach): the clients a
  marketing text may reach on SMS, in number order, so `models.audience_counts` counts them
  per area code along the index instead of sorting a quarter of the clients (SQLite: 421 ms
  at 1,000,000 clients). On PostgreSQL the same index serves the same WHERE.

Frozen as this release defines them; `models/schema.py` creates the current ones.
"""

from __future__ import annotations

import peewee

VERSION = 8

SQLITE = (
    "CREATE INDEX client_sms_audience ON client (archived, sms_all, sms_marketing, mobile, ai_outreach)",
)

POSTGRES = SQLITE


def apply(db: peewee.Database) -> None:
    """Create the indexes."""
    for sql in POSTGRES if isinstance(db, peewee.PostgresqlDatabase) else SQLITE:
        db.execute_sql(sql)
