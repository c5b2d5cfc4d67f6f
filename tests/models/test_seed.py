"""`seed` (issue 12): the bulk rows are the ones the draws describe, the chain holds, and the
bulk load leaves the schema and the pragmas as they were."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import peewee

from models.audit import event_hash, verify_chain, HASHED_FIELDS
from models.db import SQLITE_PRAGMAS, database
from models.schema import AuditHead, Client, ConsentEvent
from models.seed import seed
from models.seed_rows import Clock, _below
from models.timeutil import iso


def test_draws_are_randoms_own_choice_and_randrange():
    ours, theirs = random.Random(5), random.Random(5)
    below = _below(ours.getrandbits)
    for n in (1, 2, 3, 5, 20, 64, 65, 7999999, 600 * 86400):
        for _ in range(200):
            assert below(n) == theirs.randrange(0, n)
    seq = tuple(range(37))
    assert [seq[below(len(seq))] for _ in range(300)] == [theirs.choice(seq) for _ in range(300)]
    assert ours.random() == theirs.random()


def test_clock_writes_timeutils_text():
    start = datetime(2024, 2, 28, 23, 59, 58, 120034, tzinfo=timezone.utc)
    clock = Clock(start)
    for seconds in (0, 1, 2, 86400, 86399 * 3, 600 * 86400 + 12345):
        assert clock.iso(seconds) == iso(start + timedelta(seconds=seconds))
        assert clock.moment(seconds) == start + timedelta(seconds=seconds)


def _schema() -> list[tuple[str, str]]:
    if isinstance(database.obj, peewee.PostgresqlDatabase):
        return sorted(database.execute_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint").fetchall())
    return sorted(database.execute_sql("SELECT name, sql FROM sqlite_master").fetchall())


def test_bulk_seed_keeps_the_chain_the_schema_and_the_pragmas(db):
    schema = _schema()
    summary = seed(250, chunk=100)  # an empty database and more than a chunk: the bulk load
    assert summary.clients == 250 and Client.select().count() == 250
    assert verify_chain().ok
    assert AuditHead.get_by_id(1).count == ConsentEvent.select().count()
    assert _schema() == schema
    if not isinstance(db, peewee.PostgresqlDatabase):
        assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert database.execute_sql("PRAGMA synchronous").fetchone()[0] == SQLITE_PRAGMAS["synchronous"]
    # Every seeded event's hash is the one EventLog would have written for its fields.
    for row in ConsentEvent.select().order_by(ConsentEvent.id).limit(400).dicts():
        fields = {name: row[name if name not in ("staff_id", "client_id") else name[:-3]]
                  for name in HASHED_FIELDS}
        assert event_hash(row["prev_hash"], fields) == row["hash"]
    # Seeding more into a studio that has clients goes through the same rows, chunk by chunk.
    more = seed(30, rng_seed=9, chunk=100)
    assert more.clients == 30 and Client.select().count() == 280
    assert verify_chain().ok


def test_search_index_finds_seeded_clients(db):
    seed(150, chunk=50)
    client = Client.select().where(Client.archived == False, Client.email.is_null(False)).first()  # noqa: E712
    from models.client_list import client_ids

    assert client.id in client_ids(client.email[:8])
