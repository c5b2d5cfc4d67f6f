"""0001: the first schema — staff, clients with their switches, STOP locks, inbound texts,
the consent event chain and the studio's settings."""

from __future__ import annotations

import peewee

VERSION = 1

GENESIS_HASH = "0" * 64


def apply(db: peewee.Database) -> None:
    """Create the tables of the first release and the studio's one settings row.

    The models of `models/schema.py` are still exactly the first release's; a later migration
    that alters a table must first freeze that table's first definition here.
    """
    from ..schema import MODELS, AuditHead, StudioSettings

    db.create_tables(MODELS)
    StudioSettings.create(id=1)
    AuditHead.create(id=1, last_event_id=0, last_hash=GENESIS_HASH, count=0)
