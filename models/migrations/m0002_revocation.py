"""0002: revocation (FCC order 24-18; DESIGN R8, R20, R23).

- `client.sms_off_by_stop`: whether a client's SMS All is off because their number texted
  STOP. START turns only those back on (R8); an opt-out recorded by staff while the lock
  holds clears it (R20). Clients already STOP-locked get it where the STOP turned their SMS
  All off: their newest SMS All event is the keyword's.
- `outbound_message`: texts the studio sent to a number after its STOP (R23).
"""

from __future__ import annotations

import peewee

VERSION = 2

_frozen = peewee.DatabaseProxy()


class _Model(peewee.Model):
    class Meta:
        database = _frozen
        legacy_table_names = False


class OutboundMessage(_Model):
    sid = peewee.TextField(unique=True)
    to_number = peewee.CharField(max_length=20)
    body = peewee.TextField()
    sent_at = peewee.CharField(max_length=32)
    status = peewee.CharField(max_length=32, null=True)
    kind = peewee.CharField(max_length=16)
    stop_sid = peewee.TextField(null=True)
    processed_at = peewee.CharField(max_length=32)

    class Meta:
        indexes = ((("to_number", "sent_at"), False), (("kind", "sent_at"), False))


def apply(db: peewee.Database) -> None:
    """Add the column and the table, and mark the clients a STOP turned off."""
    postgres = isinstance(db, peewee.PostgresqlDatabase)
    # A column with a default needs no rebuild of the table (SQLite would rebuild a table
    # that other tables' foreign keys point at to add a NOT NULL column without one).
    db.execute_sql("ALTER TABLE client ADD COLUMN sms_off_by_stop "
                   f"{'BOOLEAN' if postgres else 'INTEGER'} NOT NULL DEFAULT FALSE")
    with db.bind_ctx((OutboundMessage,), bind_refs=False, bind_backrefs=False):
        db.create_tables((OutboundMessage,))
    db.execute_sql(
        "UPDATE client SET sms_off_by_stop = %(true)s WHERE sms_all = %(false)s "
        "AND mobile IN (SELECT number FROM stop_lock) "
        "AND (SELECT e.source FROM consent_event e WHERE e.client_id = client.id "
        "     AND e.channel = 'sms' AND e.switch = 'all' ORDER BY e.id DESC LIMIT 1) = 'client_keyword'"
        % {"true": "TRUE" if postgres else "1", "false": "FALSE" if postgres else "0"})
