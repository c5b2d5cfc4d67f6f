"""A client import is set-based (issue 12, DESIGN §6): its statements grow with its batches,
never with its rows or with the clients already on file, and the search indexes it fills in
bulk (migration 0007) are exactly what the per-row trigger would have written.

Structural, not timed: the statements are counted where the model layer hands them to the
database (`execute_sql`, `executemany`); the benchmark (benchmarks/client_import.py) times them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import client_import
from models.audit import EventLog, verify_chain
from models.client_list import client_ids, search_condition
from models.clients import ClientDraft, insert_clients
from models.db import database, is_postgres
from models.schema import Client, ConsentEvent
from models.settings import load_studio
from tests.models.test_client_search_index import (
    _apply,
    _client,
    _edit,
    _queries,
    expected_words,
    walked,
)

HEADER = "first_name,last_name,email,mobile,home_phone,status,sms_marketing,consent_method"


def client_file(path: Path, rows: int, start: int = 0) -> Path:
    """`rows` clients, every fifth sharing a family mobile, with marketing texts consented."""
    lines = [HEADER]
    for i in range(start, start + rows):
        mobile = f"(555) {200 + i // 5 % 800:03d}-{i // 5 % 10000:04d}"
        lines.append(f"Client{i},Family{i % 97},c{i}@Example.com,{mobile},,member,yes,signed_form")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Counted:
    """The statements the model layer sends while it is open, by their first words."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.statements: list[str] = []
        db = database.obj
        real_execute, real_many = db.execute_sql, db.executemany

        def execute_sql(sql, params=None, *args, **kwargs):
            self.statements.append(sql)
            return real_execute(sql, params, *args, **kwargs)

        def executemany(sql, rows):
            self.statements.append(sql)
            return real_many(sql, rows)

        monkeypatch.setattr(db, "execute_sql", execute_sql)
        monkeypatch.setattr(db, "executemany", executemany)


@pytest.fixture
def one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_import, "FIRST_CHUNK", 5000)
    monkeypatch.setattr(client_import, "IMPORT_CHUNK", 5000)
    monkeypatch.setattr(client_import, "BATCH_PAUSE", 0)


def statements_to_import(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """(statements, clients imported) of importing `path`."""
    with monkeypatch.context() as patch:
        counted = Counted(patch)
        summary = client_import.import_clients(path)
    return len(counted.statements), summary.imported


def test_an_import_of_twice_the_rows_sends_about_the_same_statements(db, tmp_path, monkeypatch, one_batch):
    """1,000 rows and 2,000 rows in one batch: the same statements but for the lookups' IN
    lists (500 values each) and PostgreSQL's pages of 500 rows. Row by row it was 1,000 more."""
    small, imported_small = statements_to_import(client_file(tmp_path / "a.csv", 1000), monkeypatch)
    large, imported_large = statements_to_import(client_file(tmp_path / "b.csv", 2000, start=1000),
                                                 monkeypatch)
    assert (imported_small, imported_large) == (1000, 2000)
    assert small < 60, small
    assert large - small <= 20, (small, large)
    assert verify_chain().ok


def test_the_statements_of_an_import_do_not_grow_with_the_clients_on_file(db, tmp_path, monkeypatch,
                                                                         one_batch):
    first, _ = statements_to_import(client_file(tmp_path / "a.csv", 600), monkeypatch)
    client_import.import_clients(client_file(tmp_path / "b.csv", 3000, start=600))
    again, imported = statements_to_import(client_file(tmp_path / "c.csv", 600, start=3600), monkeypatch)
    assert imported == 600 and again == first


def test_an_import_run_again_finds_each_row_on_file_by_an_index(db, tmp_path, monkeypatch, one_batch):
    """The lookup of clients on file reads each row's address in its index, never the list:
    a scan made the cost of a row grow with the table."""
    path = client_file(tmp_path / "a.csv", 300)
    client_import.import_clients(path)
    with monkeypatch.context() as patch:
        counted = Counted(patch)
        again = client_import.import_clients(path)
    assert again.imported == 0 and len(again.already_on_file) == 300
    lookups = [sql for sql in counted.statements if sql.startswith("SELECT id, name_key")]
    assert lookups
    if is_postgres():
        return
    for sql in lookups:
        values = sql.count("?")
        plan = " ".join(row[3] for row in database.execute_sql(f"EXPLAIN QUERY PLAN {sql}",
                                                                 ["x"] * values))
        assert "USING INDEX" in plan and "SCAN" not in plan, plan


def test_events_of_a_bulk_insert_are_those_of_one_by_one(db, tmp_path, monkeypatch, one_batch):
    """The events an import writes: per client "added", All on each channel with an address,
    Marketing where consented or by the studio's default, in client order, chained (R4a, R14)."""
    summary = client_import.import_clients(client_file(tmp_path / "a.csv", 3))
    events = list(ConsentEvent.select().where(ConsentEvent.client == summary.client_ids[1])
                  .order_by(ConsentEvent.id).tuples())
    seen = [(e[7], e[6], e[9], e[11]) for e in events]  # switch, channel, new, method
    assert seen == [("client", None, "added (member)", None),
                    ("all", "email", "on", "studio_default"),
                    ("marketing", "email", "on", "studio_default"),
                    ("all", "sms", "on", "studio_default"),
                    ("marketing", "sms", "on", "signed_form"),
                    ("all", "voice", "on", "studio_default")]
    assert [e[0] for e in events] == list(range(events[0][0], events[0][0] + len(events)))
    assert verify_chain().ok


def _bulk_insert(clients: list[tuple]) -> list[int]:
    drafts = [ClientDraft(first, last, "member", email, mobile, home)
              for first, last, email, mobile, home in clients]
    with database.atomic():
        log = EventLog()
        ids = insert_clients(drafts, load_studio(), log, actor="test", staff_id=None,
                             source="import", locked_numbers=set())
        log.flush()
    return ids


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bulk=st.lists(_client, min_size=1, max_size=20), single=st.lists(_client, max_size=4),
       edits=st.lists(_edit, max_size=10), queries=st.lists(_queries, min_size=1, max_size=6))
def test_the_indexes_written_in_bulk_are_the_triggers_own(fresh_studio, database_url, bulk, single,
                                                          edits, queries):
    """Clients inserted in bulk beside clients the trigger indexes, then edited by any writer
    (whose triggers must find the bulk entries exactly as written, or the contentless FTS
    index would keep stale ones): the index rows are their definition, and every search
    finds what the LIKE walk finds. On PostgreSQL migration 0011's statement trigger indexes
    the bulk rows itself."""
    with fresh_studio():
        ids = _bulk_insert(bulk)
        with database.atomic():
            for first, last, email, mobile, home in single:
                ids.append(Client.insert(first_name=first, last_name=last,
                                         name_key=f"{first} {last}".casefold().strip(),
                                         sort_key=f"{last} {first}".casefold().strip(), email=email,
                                         mobile=mobile, home_phone=home,
                                         created_at="2026-01-01T00:00:00.000000Z").execute())
        assert set(database.execute_sql("SELECT words, sort_key, client_id FROM client_word")) \
            == expected_words()
        with database.atomic():
            for edit in edits:
                _apply(edit, ids)
        assert set(database.execute_sql("SELECT words, sort_key, client_id FROM client_word")) \
            == expected_words()
        if database_url.startswith("sqlite"):
            assert not list(database.execute_sql("SELECT * FROM search_index_pause"))
        for text in queries:
            if search_condition(text) is not None:
                assert client_ids(text) == walked(text), text
        assert verify_chain().ok


def test_a_failed_bulk_insert_leaves_the_trigger_on(db, monkeypatch):
    """The pause is the bulk writer's for its own rows only: when its INSERT fails (here an id
    taken already), a client added next in the same transaction is indexed by the trigger."""
    if is_postgres():
        pytest.skip("PostgreSQL's trigger is never paused: it indexes a statement's rows together")
    import peewee

    from models import clients

    first = _bulk_insert([("Ana", "Silva", None, None, None)])[0]
    monkeypatch.setattr(clients, "_new_client_ids", lambda count: [first] * count)
    with database.atomic():
        with pytest.raises(peewee.IntegrityError):
            insert_clients([ClientDraft("Bo", "Lee", "member", None, None, None)], load_studio(),
                           EventLog(), actor="test", staff_id=None, source="import",
                           locked_numbers=set())
        Client.insert(first_name="Cy", last_name="Park", name_key="cy park", sort_key="park cy",
                      created_at="2026-01-01T00:00:00.000000Z").execute()
    assert client_ids("park") and client_ids("silva") == [first] and not client_ids("lee")


def test_a_row_with_a_name_only_is_found_on_file_by_its_name(db, tmp_path, monkeypatch, one_batch):
    """A row with no email, mobile or home phone is looked up by its name key: on SQLite in
    `client_word` (migration 0010 dropped `client_name_key`), by its index on PostgreSQL, never
    along the list. "Ana Maria Reyes" has a name row "maria reyes" too: it is not Maria Reyes."""
    path = tmp_path / "names.csv"
    rows = [f"Ana{i},Maria Reyes,,,,member,," for i in range(40)] + ["Maria,Reyes,,,,member,,"]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    assert client_import.import_clients(path).imported == 41
    with monkeypatch.context() as patch:
        counted = Counted(patch)
        again = client_import.import_clients(path)
    assert again.imported == 0 and len(again.already_on_file) == 41
    reyes = Client.get(Client.name_key == "maria reyes").id
    assert {item["reason"] for item in again.skipped if item["row"] == 42} == {
        f"already on file as client {reyes}"}
    lookups = [sql for sql in counted.statements if "name_key" in sql and " IN (" in sql]
    assert lookups
    if is_postgres():
        return
    for sql in lookups:
        plan = " ".join(row[3] for row in database.execute_sql(f"EXPLAIN QUERY PLAN {sql}",
                                                                 ["x"] * sql.count("?")))
        assert "client_word" in plan and "SCAN" not in plan, plan
