"""The reads that open a client's profile (issue 12): few statements, written out, none built by
peewee, and the same answers as the general queries they stand in for (R14, R18, R19)."""

from __future__ import annotations

from datetime import datetime, timezone

import peewee
import pytest

from models.audit import iter_events, with_recorded_times
from models.clients import update_addresses
from models.consent import load_consent
from models.db import database
from models.history import client_history
from models.households import housemates, sharing
from models.inbound import process_inbound
from models.review import review_items, waits_for_review

NUMBER = "+15555550123"
STOP_AT = datetime(2026, 11, 26, 9, 14, tzinfo=timezone.utc)


class Statements:
    """Counts the statements run, and fails on any statement peewee builds."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        run = type(database.obj).execute_sql

        def counted(db, sql, params=None, *args, **kwargs):
            self.count += 1
            return run(db, sql, params, *args, **kwargs)

        def built(*_args, **_kwargs):
            raise AssertionError("a profile read built a statement with peewee")

        monkeypatch.setattr(type(database.obj), "execute_sql", counted)
        monkeypatch.setattr(peewee.Context, "sql", built)

    def of(self, read) -> int:
        before = self.count
        read()
        return self.count - before


def test_opening_a_profile_reads_nine_statements_none_built_by_peewee(
        staff, add_client, monkeypatch):
    dana = add_client("Dana", "Reyes", email="dana@example.com", mobile=NUMBER)
    add_client("Sam", "Reyes", email="sam@example.com", mobile=NUMBER)
    statements = Statements(monkeypatch)
    # The client and the STOP lock of their mobile, the studio, a text waiting for review.
    assert statements.of(lambda: load_consent(dana)) == 3
    assert statements.of(lambda: sharing(mobile=NUMBER, email="dana@example.com",
                                         excluding=dana)) == 1
    assert statements.of(lambda: review_items(number=NUMBER)) == 1  # none waits: no more
    # The numbers the client has had (their mobile changes, their mobile now), those
    # numbers' events, then the events.
    assert statements.of(lambda: client_history(dana, 200)) == 4


def test_r18_sharing_names_who_shares_the_mobile_or_the_email_in_list_order(staff, add_client):
    dana = add_client("Dana", "Reyes", email="home@example.com", mobile=NUMBER)
    add_client("Sam", "Reyes", email="sam@example.com", mobile=NUMBER)
    add_client("Alex", "Moss", email="home@example.com", mobile="+15555550199")
    add_client("Ana", "Reyes", email="home@example.com", mobile=NUMBER)
    shared = [(h.name, h.shares) for h in sharing(mobile=NUMBER, email="home@example.com",
                                                  excluding=dana)]
    assert shared == [("Ana Reyes", "mobile"), ("Sam Reyes", "mobile"),
                      ("Alex Moss", "email"), ("Ana Reyes", "email")]
    assert [(h.name, h.shares) for h in housemates(dana)] == shared


def test_r14_client_history_is_iter_events_newest_recorded_first(staff, add_client):
    dana = add_client("Dana", "Reyes", mobile=NUMBER)
    process_inbound(NUMBER, "STOP", sid="SM-stop", at=STOP_AT)
    sam = add_client("Sam", "Reyes", email="sam@example.com", mobile=None)
    update_addresses(staff["employee"], sam, email="sam@example.com", mobile=NUMBER,
                     home_phone=None)
    process_inbound(NUMBER, "please stop texting me", sid="SM-review")
    for client in (dana, sam):
        expected = with_recorded_times(iter_events(client_id=client, newest_first=True,
                                                   by_record=True, limit=200))
        assert client_history(client, 200) == expected
        assert any(e.switch == "stop_lock" for e in expected)  # the number's STOP (R14)
    assert client_history(sam, 1) == expected[:1]


def test_r19_the_profile_reads_a_text_waiting_for_review(staff, add_client):
    dana = add_client("Dana", "Reyes", mobile=NUMBER)
    process_inbound(NUMBER, "please stop texting me", sid="SM-review")
    assert waits_for_review(NUMBER)
    assert [i.sid for i in review_items(number=NUMBER)] == ["SM-review"]
    assert [i.client_names for i in review_items(number=NUMBER)] == [("Dana Reyes",)]
    assert load_consent(dana).receives  # read with the waiting text: marketing held (R19)
