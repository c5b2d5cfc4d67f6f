"""0003: the consent record is append-only in the database itself (DESIGN R14, §7; issue 9).

Triggers refuse every UPDATE and DELETE of a consent event (and TRUNCATE on PostgreSQL), for
every connection and role — the table's owner included — until someone drops them, which
needs the owner's rights (on PostgreSQL the desks connect as a role that has none:
scripts/postgres-desk-role.sql). The chain's head may not be deleted, and it only moves
forward: its last event id and count never go down, and its hash changes only with a newer
event. `verify-audit` remains the proof; these make a quiet edit impossible from the program,
a desk's SQL console or a stray script.

Frozen as this release defines them; `models/schema.py` holds the current ones.
"""

from __future__ import annotations

import peewee

VERSION = 3

EVENT_MESSAGE = "consent events are never changed or deleted"
HEAD_MESSAGE = "the audit head is never deleted and only moves forward"

#: The head moves backwards, or is rewritten in place.
_HEAD_BACKWARDS = ("NEW.id <> OLD.id OR NEW.last_event_id < OLD.last_event_id OR NEW.count < OLD.count "
                   "OR (NEW.last_event_id = OLD.last_event_id AND NEW.last_hash <> OLD.last_hash)")

SQLITE = (
    "CREATE TRIGGER consent_event_no_update BEFORE UPDATE ON consent_event "
    f"BEGIN SELECT RAISE(ABORT, '{EVENT_MESSAGE}'); END",
    "CREATE TRIGGER consent_event_no_delete BEFORE DELETE ON consent_event "
    f"BEGIN SELECT RAISE(ABORT, '{EVENT_MESSAGE}'); END",
    "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head "
    f"BEGIN SELECT RAISE(ABORT, '{HEAD_MESSAGE}'); END",
    f"CREATE TRIGGER audit_head_only_forward BEFORE UPDATE ON audit_head WHEN {_HEAD_BACKWARDS} "
    f"BEGIN SELECT RAISE(ABORT, '{HEAD_MESSAGE}'); END",
)

POSTGRES = (
    # SQLSTATE 23000 (integrity_constraint_violation): the driver reports it as an
    # IntegrityError on both backends, like SQLite's RAISE(ABORT).
    "CREATE FUNCTION optin_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', MESSAGE = TG_ARGV[0]; "
    "END $$",
    "CREATE TRIGGER consent_event_no_update BEFORE UPDATE ON consent_event FOR EACH ROW "
    f"EXECUTE FUNCTION optin_refuse_change('{EVENT_MESSAGE}')",
    "CREATE TRIGGER consent_event_no_delete BEFORE DELETE ON consent_event FOR EACH ROW "
    f"EXECUTE FUNCTION optin_refuse_change('{EVENT_MESSAGE}')",
    "CREATE TRIGGER consent_event_no_truncate BEFORE TRUNCATE ON consent_event FOR EACH STATEMENT "
    f"EXECUTE FUNCTION optin_refuse_change('{EVENT_MESSAGE}')",
    "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head FOR EACH ROW "
    f"EXECUTE FUNCTION optin_refuse_change('{HEAD_MESSAGE}')",
    "CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT "
    f"EXECUTE FUNCTION optin_refuse_change('{HEAD_MESSAGE}')",
    f"CREATE TRIGGER audit_head_only_forward BEFORE UPDATE ON audit_head FOR EACH ROW "
    f"WHEN ({_HEAD_BACKWARDS}) EXECUTE FUNCTION optin_refuse_change('{HEAD_MESSAGE}')",
)


def apply(db: peewee.Database) -> None:
    """Create the triggers."""
    for sql in POSTGRES if isinstance(db, peewee.PostgresqlDatabase) else SQLITE:
        db.execute_sql(sql)
