"""Migration 0009 (issue 12): the review-state and resolved-by indexes of inbound_message hold
only the rows that have a value, and every query of the review state still reads its index —
the Needs review queue, its count, the numbers waiting (R19) and the client list's mark."""

from __future__ import annotations

import pytest

from models import client_list, review
from models.db import database, is_postgres
from models.migrations import m0009_partial_review_index as m0009
from models.schema import InboundMessage

REVIEW_INDEX = "inbound_message_review_state_from_number"


def _definitions() -> dict[str, str]:
    if is_postgres():
        rows = database.execute_sql("SELECT indexname, indexdef FROM pg_indexes "
                                    "WHERE tablename = 'inbound_message'").fetchall()
    else:
        rows = database.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                    "AND tbl_name = 'inbound_message' AND sql IS NOT NULL").fetchall()
    return {name: " ".join(sql.split()) for name, sql in rows}


def test_issue12_the_review_and_resolved_by_indexes_are_partial(db):
    found = _definitions()
    for name, _columns, column in m0009.PARTIAL:
        assert f"WHERE ({column} IS NOT NULL)" in found[name] or f"WHERE {column} IS NOT NULL" in found[name]
    # The others hold every row: a text is looked up by its id (R11) and by its number.
    assert "WHERE" not in found["inbound_message_sid"]
    assert "WHERE" not in found["inbound_message_from_number_received_at"]


def _plan(query) -> str:
    sql, params = query if isinstance(query, tuple) else query.sql()
    if is_postgres():
        database.execute_sql("SET enable_seqscan = off")  # a test's tables are tiny
        try:
            return " ".join(row[0] for row in database.execute_sql("EXPLAIN " + sql, params).fetchall())
        finally:
            database.execute_sql("SET enable_seqscan = on")
    return " ".join(row[3] for row in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())


@pytest.mark.parametrize("query", [
    lambda: InboundMessage.select().where(InboundMessage.review_state.is_null(False)),
    lambda: InboundMessage.select().where(InboundMessage.review_state == review.OPEN),
    lambda: review.numbers_waiting(),
    lambda: InboundMessage.select().where(review._waiting_for_review()
                                          & (InboundMessage.from_number == "+12125550123")),
    lambda: client_list._numbers_in_review(),
    lambda: (client_list._rows_sql(1), [1]),
], ids=["queue", "open", "numbers-waiting", "one-number", "client-filter", "client-row-mark"])
def test_issue12_every_review_query_reads_the_partial_index(db, query):
    with database.atomic():
        assert REVIEW_INDEX in _plan(query())


def test_r10_a_text_waiting_for_review_is_found_through_the_partial_index(db, staff, add_client):
    from datetime import datetime, timezone

    from models.inbound import InboundText, apply_batch

    add_client(mobile="+12125550123")
    with database.atomic():
        apply_batch([InboundText("SM1", "+12125550123", "please stop texting me",
                                 datetime(2026, 3, 2, 15, 0, tzinfo=timezone.utc)),
                     InboundText("SM2", "+12125550123", "Thanks!",
                                 datetime(2026, 3, 2, 15, 1, tzinfo=timezone.utc))])
    assert review.open_review_count() == 1
    assert review.waits_for_review("+12125550123")
    assert [item.sid for item in review.review_items()] == ["SM1"]
