"""0009: a message log's texts write two index entries fewer each (DESIGN §6; issue 12).

Almost every inbound text has no review state (only a text that may be an opt-out waits for
review, R10) and none has been resolved by staff when it arrives. Yet
`inbound_message_review_state_from_number` held an entry for every text — the NULL ones in
number order, so each import wrote one at a random place — and so did the foreign key's
`inbound_message_resolved_by_id`. Both are now partial, on the rows that have a value:

- every query of the review state names one (`review_state = 'open'`, `IS NOT NULL`), which
  SQLite and PostgreSQL both know implies the index's condition, so the Needs review queue,
  its banner and the client list's "waits for review" read the same index as before
  (tests/models/test_partial_indexes.py checks the plans);
- staff are never deleted (R14: the record outlives them), so no parent-key check looks for
  the texts a staff member resolved.

Frozen as this release defines them; `models/schema.py` creates the current ones.
"""

from __future__ import annotations

import peewee

VERSION = 9

#: (index, columns, the column that must have a value)
PARTIAL = (
    ("inbound_message_review_state_from_number", "review_state, from_number", "review_state"),
    ("inbound_message_resolved_by_id", "resolved_by_id", "resolved_by_id"),
)

STATEMENTS = tuple(
    sql
    for name, columns, column in PARTIAL
    for sql in (f"DROP INDEX IF EXISTS {name}",
                f"CREATE INDEX {name} ON inbound_message ({columns}) WHERE {column} IS NOT NULL")
)


def apply(db: peewee.Database) -> None:
    """Replace the two indexes by partial ones (the same names, on SQLite and PostgreSQL)."""
    for sql in STATEMENTS:
        db.execute_sql(sql)
