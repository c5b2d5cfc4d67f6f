"""What a forger with the owner's access to the database does first: drop the triggers that
keep the consent record append-only (R14). The tests that prove `verify-audit` catches an
edited or removed event start here, since the program itself can no longer make such an edit."""

from __future__ import annotations

from typing import Any, Callable

from models.schema import APPEND_ONLY_TRIGGERS

#: PostgreSQL's TRUNCATE triggers, besides the ones both backends have.
POSTGRES_ONLY = {"consent_event_no_truncate": "consent_event", "audit_head_no_truncate": "audit_head"}


def drop_append_only_triggers(execute: Callable[[str], Any], *, postgres: bool = False) -> None:
    """Drop every append-only trigger through `execute` (a connection's or database's)."""
    triggers = APPEND_ONLY_TRIGGERS | (POSTGRES_ONLY if postgres else {})
    for name, table in triggers.items():
        execute(f"DROP TRIGGER {name} ON {table}" if postgres else f"DROP TRIGGER {name}")


def drop_triggers_of(database: Any) -> None:
    """Drop them on the bound peewee database (SQLite or PostgreSQL)."""
    import peewee

    target = database.obj if hasattr(database, "obj") else database
    drop_append_only_triggers(database.execute_sql,
                              postgres=isinstance(target, peewee.PostgresqlDatabase))
