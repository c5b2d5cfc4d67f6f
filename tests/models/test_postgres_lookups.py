"""PostgreSQL looks numbers and emails up by their btree, and searches by their trigrams
(migration 0008; issue 12: `mobile IN (…)` took 1.4 s from the pg_trgm index, `home_phone IN`
2.2 s, where the btree takes a few milliseconds)."""

from __future__ import annotations

import pytest

from models.client_list import search_condition
from models.db import database
from models.schema import Client
from tests.conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(
    not (TEST_DATABASE_URL or "").startswith("postgres"),
    reason="needs OPTIN_DESK_TEST_DATABASE_URL (PostgreSQL)")

CLIENTS = 20_000


@pytest.fixture
def many_clients(db) -> list[str]:
    """Clients enough for the planner to choose between indexes (written in SQL: quick), with
    statistics; returns 500 of their numbers."""
    database.execute_sql(
        "INSERT INTO client (first_name, last_name, name_key, sort_key, status, email, mobile, "
        "home_phone, email_all, email_marketing, sms_all, sms_marketing, voice_all, "
        "voice_marketing, home_all, home_marketing, ai_outreach, ai_replies, archived, "
        "created_at, version) "
        "SELECT 'Dana', 'Reyes' || n, 'dana reyes' || n, 'reyes' || n || ' dana', 'member', "
        "'dana' || n || '@example.com', '+1212' || (2000000 + n * 37), "
        "CASE WHEN n %% 5 = 0 THEN '+1415' || (2000000 + n * 41) END, "
        "true, true, true, false, true, false, n %% 5 = 0, false, true, true, false, "
        "'2026-01-01T00:00:00.000000Z', 1 FROM generate_series(1, %s) AS n", (CLIENTS,))
    database.execute_sql("ANALYZE client")
    return [row[0] for row in database.execute_sql(
        "SELECT mobile FROM client ORDER BY id LIMIT 500")]


def _plan(sql: str, params: tuple = (), *, without: tuple[str, ...] = ()) -> str:
    """The scans of `sql`'s plan, with sequential scans off (at this size the planner would
    rather read the whole table, and the question is which index it takes), and the indexes
    named in `without` dropped for the while (rolled back)."""
    with database.atomic() as transaction:
        database.execute_sql("SET LOCAL enable_seqscan = off")
        for index in without:
            database.execute_sql(f"DROP INDEX {index}")
        plan = [row[0] for row in database.execute_sql("EXPLAIN " + sql, params)]
        transaction.rollback()
    # The scans, without their conditions (500 numbers long).
    return "\n".join(line.split("(cost")[0] for line in plan if "Scan" in line)


def test_number_and_email_lookups_use_the_btree(many_clients: list[str]) -> None:
    numbers = tuple(many_clients)
    marks = ", ".join(["%s"] * len(numbers))
    for column in ("mobile", "home_phone", "email", "name_key"):
        lookup = f"SELECT id FROM client WHERE {column} IN ({marks})"
        plan = _plan(lookup, numbers)
        assert "_trgm" not in plan and f"client_{column}" in plan, plan
        # Not a matter of costs: even with its btree gone, an equality test cannot be
        # answered from the trigram index.
        plan = _plan(lookup, numbers, without=(f"client_{column}",))
        assert "_trgm" not in plan, plan
    plan = _plan("SELECT id FROM client WHERE mobile = %s ORDER BY id", numbers[:1],
                 without=("client_mobile",))
    assert "_trgm" not in plan, plan


def test_the_search_still_uses_the_trigram_indexes(many_clients: list[str]) -> None:
    for text, index in (("555-74", "client_mobile_trgm"), ("dana1234@", "client_email_trgm"),
                        ("reyes1234", "client_name_key_trgm")):
        sql, params = Client.select(Client.id).where(search_condition(text)).sql()
        plan = _plan(sql, tuple(params))
        assert index in plan, (text, plan)
