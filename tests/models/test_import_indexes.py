"""Migration 0010 (issue 12): two index entries fewer per imported client, and every read
that used the dropped indexes reads another index as fast (plans, not timings)."""

from __future__ import annotations

from models.db import database, is_postgres
from models.schema import ConsentEvent


def _indexes(table: str) -> set[str]:
    return {index.name for index in database.get_indexes(table)}


def test_events_have_one_index_by_client_and_it_starts_with_the_client(db):
    names = _indexes("consent_event")
    assert "consent_event_client_id" not in names
    assert "consent_event_client_id_id" in names


def test_the_name_key_index_is_postgresqls_only(db):
    assert ("client_name_key" in _indexes("client")) == is_postgres()


def test_a_clients_events_are_read_along_client_id_id(db):
    """A profile's History, the export of a client and the foreign key's check read the
    events of one client (or a few) along (client_id, id), never the whole table."""
    if is_postgres():
        return  # its planner chooses by statistics; the index is there (above)
    queries = [
        ConsentEvent.select().where(ConsentEvent.client == 1).order_by(ConsentEvent.id),
        ConsentEvent.select().where(ConsentEvent.client == 1).order_by(ConsentEvent.id.desc()).limit(50),
        ConsentEvent.select(ConsentEvent.id).where(ConsentEvent.client.in_([1, 2, 3])),
    ]
    for query in queries:
        sql, params = query.sql()
        plan = " ".join(row[3] for row in database.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "consent_event_client_id_id" in plan and "SCAN" not in plan, plan
