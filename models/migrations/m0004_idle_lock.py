"""0004: the shared desk's idle lock (DESIGN §3 *Shared desk*; issue 10).

- `studio_settings.idle_lock_minutes`: after this many minutes without a key press or a
  mouse move, a window returns to sign-in; 0 never locks. Set by the owner; 10 to begin with.
"""

from __future__ import annotations

import peewee

VERSION = 4


def apply(db: peewee.Database) -> None:
    """Add the column, with its default for the studio's existing row."""
    db.execute_sql("ALTER TABLE studio_settings ADD COLUMN idle_lock_minutes "
                   "INTEGER NOT NULL DEFAULT 10")
