"""The search indexes (migrations 0006 and 0011, DESIGN §6, issue 12): whatever writes a client —
adding, changing a name or an address, archiving, restoring, a script's raw UPDATE — the indexes
stay in step in the same transaction, and a search through them finds exactly what the old LIKE
walk along the list finds, in the same order. On SQLite and PostgreSQL alike (`client_word`);
the FTS5 index `client_search` is SQLite's only."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import client_search
from models.client_list import ClientFilter, ClientOrder, client_ids, search_condition
from models.clients import name_key, sort_key
from models.db import database, is_postgres
from models.schema import Client

#: Few letters, so random names, emails and texts meet often; a quote, a backslash, a LIKE
#: wildcard and an accent for the escaping.
_LETTERS = "abdé'_%\\"
_words = st.text(_LETTERS, min_size=1, max_size=4)
_names = st.lists(_words, min_size=1, max_size=3).map(" ".join)
_emails = st.one_of(st.none(), st.builds(lambda a, b: f"{a}.{b}@x.io", _words, _words))
_phones = st.one_of(st.none(), st.integers(2_000_000, 2_000_060).map(lambda n: f"+1212{n}"))
_client = st.tuples(_names, _names, _emails, _phones, _phones)
_edit = st.tuples(st.integers(0, 30), st.sampled_from(["name", "email", "mobile", "archive"]),
                  _client)
_queries = st.one_of(_words, _names, st.text(_LETTERS + " .@", min_size=1, max_size=6),
                     st.sampled_from(["212", "2000", "(212) 200-00", "@x.io", ".", "a.", "x"]))


def walked(text: str, which: ClientFilter = ClientFilter.ALL,
           order: ClientOrder = ClientOrder.NAME, descending: bool = False) -> list[int]:
    """The search as it was before the indexes: LIKE tested along the list."""
    saved = client_search._usable
    client_search._usable = lambda: False  # type: ignore[assignment]
    try:
        return client_ids(text, which, order=order, descending=descending)
    finally:
        client_search._usable = saved  # type: ignore[assignment]


def _insert(first: str, last: str, email: str | None, mobile: str | None, home: str | None) -> int:
    return Client.insert(first_name=first, last_name=last, name_key=name_key(first, last),
                         sort_key=sort_key(first, last), email=email, mobile=mobile,
                         home_phone=home, created_at="2026-01-01T00:00:00.000000Z").execute()


def _apply(edit: tuple, ids: list[int]) -> None:
    which, kind, (first, last, email, mobile, _home) = edit
    client_id = ids[which % len(ids)]
    if kind == "name":
        Client.update(first_name=first, last_name=last, name_key=name_key(first, last),
                      sort_key=sort_key(first, last)).where(Client.id == client_id).execute()
    elif kind == "email":
        Client.update(email=email).where(Client.id == client_id).execute()
    elif kind == "mobile":
        Client.update(mobile=mobile).where(Client.id == client_id).execute()
    else:
        Client.update(archived=~Client.archived).where(Client.id == client_id).execute()


def expected_words() -> set[tuple[str, str, int]]:
    """client_word as Python computes it from the active clients."""
    rows = set()
    for client in Client.select().where(Client.archived == False):  # noqa: E712
        key = client.name_key
        starts = [0] + [i + 1 for i, ch in enumerate(key) if ch == " "]
        rows.update((key[start:], client.sort_key, client.id) for start in starts)
        if client.email:
            rows.add((client.email, client.sort_key, client.id))
    return rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(clients=st.lists(_client, min_size=1, max_size=25), edits=st.lists(_edit, max_size=12),
       queries=st.lists(_queries, min_size=1, max_size=8), small=st.booleans())
def test_search_through_the_indexes_equals_the_walk(fresh_studio, monkeypatch, clients, edits,
                                                     queries, small):
    """Random clients, random edits by any writer: every search finds the same clients in the
    same order as the LIKE walk, whichever way it takes (`small` forces the walk past a few
    matches), for every filter and order."""
    with fresh_studio():
        with database.atomic():
            ids = [_insert(*client) for client in clients]
            for edit in edits:
                _apply(edit, ids)
        assert set(database.execute_sql("SELECT words, sort_key, client_id FROM client_word")) \
            == expected_words()
        if small:
            monkeypatch.setattr(client_search, "ORDERED_LIMIT", 3)
            monkeypatch.setattr(client_search, "LOOKUP_LIMIT", 3)
            monkeypatch.setattr(client_search, "INITIAL_WALK", 2)
        for text in queries:
            if search_condition(text) is None:
                continue
            for which, order, descending in ((ClientFilter.ALL, ClientOrder.NAME, False),
                                             (ClientFilter.ALL, ClientOrder.NAME, True),
                                             (ClientFilter.MEMBERS, ClientOrder.EMAIL, False)):
                everyone = walked(text, which, order, descending)
                assert client_ids(text, which, order=order, descending=descending) == \
                    everyone, (text, which, order, descending)
                # A first screenful and the next (issue 12), whichever way each is found.
                for offset, limit in ((0, 2), (2, 3)):
                    assert client_ids(text, which, order=order, descending=descending,
                                      offset=offset, limit=limit) == \
                        everyone[offset:offset + limit], (text, which, offset, limit)
        monkeypatch.undo()


def test_the_indexes_follow_every_kind_of_change(staff, add_client):
    """Adding, renaming, readdressing and archiving: each is found at once by its new values and
    no longer by its old ones; restoring brings the client back."""
    dana = add_client("Dana", "Reyes", email="dana@example.com", mobile="+12125550123")
    assert client_ids("reyes") == [dana] and client_ids("555-0123") == [dana]
    Client.update(first_name="Dana", last_name="Okafor", name_key=name_key("Dana", "Okafor"),
                  sort_key=sort_key("Dana", "Okafor")).where(Client.id == dana).execute()
    assert client_ids("reyes") == [] and client_ids("okaf") == [dana]
    Client.update(email="d.okafor@example.org", mobile="+13055550188").where(Client.id == dana).execute()
    assert client_ids("dana@") == [] and client_ids("okafor@example.org") == [dana]
    assert client_ids("555-0123") == [] and client_ids("555-0188") == [dana]
    Client.update(archived=True).where(Client.id == dana).execute()
    assert client_ids("okaf") == [] and client_ids("555-0188") == []
    assert client_ids("okaf", include_archived=True) == [dana]
    Client.update(archived=False).where(Client.id == dana).execute()
    assert client_ids("okaf") == [dana] and client_ids("555-0188") == [dana]
    assert set(database.execute_sql("SELECT words, sort_key, client_id FROM client_word")) \
        == expected_words()


def test_a_rare_text_reads_the_index_not_the_list(staff, add_client):
    """DESIGN §6: a text that matches few clients is answered by the indexes (the query plan
    names them), so its cost does not grow with the list."""
    if is_postgres():
        pytest.skip("reads SQLite's query plans; PostgreSQL's planner picks pg_trgm itself")
    add_client("Dana", "Reyes", email="dana@example.com", mobile="+12125550123")
    statements: list[str] = []
    database.connection().set_trace_callback(statements.append)
    try:
        assert len(client_ids("reyes")) == 1
        assert len(client_ids("555-0123")) == 1
    finally:
        database.connection().set_trace_callback(None)
    plans = [" ".join(str(step[3]) for step in database.execute_sql(f"EXPLAIN QUERY PLAN {sql}"))
             for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    assert any("client_word" in plan for plan in plans)
    assert any("client_search" in plan or "VIRTUAL TABLE" in plan for plan in plans)
    assert not any("COVERING INDEX client_archived_sort_key" in plan for plan in plans), plans


def test_a_text_too_broad_to_read_in_order_is_walked_without_a_lookup(staff, add_client,
                                                                      monkeypatch):
    """DESIGN §6: a name start too many clients share ("t" at a million), whose first
    screenful is not among the first entries under its letter either, was counted once (more
    than ORDERED_LIMIT, so more than LOOKUP_LIMIT): the keystroke walks the list at once
    instead of reading the same range of `client_word` again for a lookup."""
    for number in range(4):
        add_client("Tara", f"Reyes{number}", email=None, mobile=None)
    monkeypatch.setattr(client_search, "ORDERED_LIMIT", 2)
    monkeypatch.setattr(client_search, "INITIAL_WALK", 1)
    statements = sent(monkeypatch)
    assert len(client_ids("t", limit=3)) == 3
    # The look under the letter (migration 0012) finds too few in its one entry; then one read.
    reads = [sql for sql in statements if "client_word" in sql and "substr(words, 1, 1)" not in sql]
    assert len(reads) == 1 and ("OFFSET" in reads[0] or is_postgres()), reads


def test_a_common_start_finds_its_first_screenful_under_its_letter(staff, add_client,
                                                                   monkeypatch):
    """Issue 12: "s" or "em" at a million start tens of thousands of names; their first
    screenful comes from the entries under the letter in list order (migration 0012), not
    from sorting the range or walking the list."""
    for number in range(6):
        add_client("Sam", f"Reyes{number}", email=None, mobile=None)
    add_client("Dana", "Smith", email="dana@example.com", mobile=None)
    statements = sent(monkeypatch)
    first = client_ids("s", limit=3)
    used = list(statements)
    assert first == walked("s")[:3]
    # The edge of the look under the letter, and the look: nothing else.
    assert len(used) == 2 and all("substr(words, 1, 1)" in sql for sql in used), used


def test_a_name_start_is_read_in_list_order_from_client_word(staff, add_client, monkeypatch):
    """Issue 12: a name start few enough clients share is read from `client_word`, in list
    order, and the list itself is not searched: on PostgreSQL too (migration 0011), where the
    walk took 220–275 ms at a million clients for names that sort late."""
    ids = [add_client(first, last, email=None, mobile=None)
           for first, last in (("Omar", "Mundo"), ("Ana", "Muller"), ("Mu", "Zed"), ("Bo", "Lee"))]
    statements = sent(monkeypatch)
    assert client_ids("mu", limit=50) == [ids[1], ids[0], ids[2]]  # muller, mundo, zed
    assert client_ids("mu", descending=True, offset=1) == [ids[0], ids[1]]
    assert statements and all("client_word" in sql for sql in statements), statements


def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The statements the model layer sends from now on, on either backend."""
    statements: list[str] = []
    db = database.obj
    real = db.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        statements.append(sql)
        return real(sql, params, *args, **kwargs)

    monkeypatch.setattr(db, "execute_sql", execute_sql)
    return statements
