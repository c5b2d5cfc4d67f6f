"""Numbered schema migrations, applied in order on open (STYLE 5).

Each migration is a module `mNNNN_<what>.py` with `VERSION` and `apply(db)`. The applied
versions are kept in the `schema_version` table; a migration runs in one transaction.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import peewee

from ..timeutil import iso_now


def migrations() -> list[ModuleType]:
    """Every migration module, in version order."""
    found = [importlib.import_module(f"{__name__}.{info.name}")
             for info in pkgutil.iter_modules(__path__) if info.name.startswith("m")]
    return sorted(found, key=lambda module: module.VERSION)


def latest_version() -> int:
    """The version a fully migrated database is at."""
    return migrations()[-1].VERSION


def current_version(db: peewee.Database) -> int:
    """The version `db` is at; 0 for an empty database."""
    if "schema_version" not in db.get_tables():
        return 0
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def apply_migrations(db: peewee.Database) -> int:
    """Apply every migration `db` lacks; return the version it is at now."""
    from ..schema import SchemaVersion

    version = current_version(db)
    for migration in migrations():
        if migration.VERSION <= version:
            continue
        with db.atomic():
            # Another workstation may have migrated while this one waited for the lock.
            if current_version(db) >= migration.VERSION:
                continue
            migration.apply(db)
            SchemaVersion.create(version=migration.VERSION, applied_at=iso_now())
        version = migration.VERSION
    return version
