"""`client_word` step by step (migrations 0006 and 0011, issue 12): after each kind of change
to a client the table holds exactly the rows `word_rows` says for the active clients, on
SQLite and on PostgreSQL, where 0011's triggers keep it; and a PostgreSQL database made before
0011 gets the rows of the clients already on file."""

from __future__ import annotations

import pytest

from models.client_list import client_ids
from models.clients import name_key, sort_key
from models.db import database, is_postgres
from models.migrations import apply_migrations, latest_version, m0011_postgres_client_word
from models.schema import Client, SchemaVersion
from tests.models.test_client_search_index import expected_words


def words() -> set[tuple[str, str, int]]:
    return set(database.execute_sql("SELECT words, sort_key, client_id FROM client_word"))


def _rename(client_id: int, first: str, last: str) -> None:
    Client.update(first_name=first, last_name=last, name_key=name_key(first, last),
                  sort_key=sort_key(first, last)).where(Client.id == client_id).execute()


def test_a_rename_an_email_an_archive_and_a_restore_keep_client_word_right(staff, add_client):
    dana = add_client("Dana", "Reyes", email="dana@example.com", mobile=None)
    other = Client.insert(first_name="Ana Maria", last_name="Okafor", name_key="ana maria okafor",
                          sort_key="okafor ana maria", created_at="2026-01-01T00:00:00Z").execute()
    assert words() == expected_words() and ("reyes", "reyes dana", dana) in words()
    _rename(dana, "Dana", "Mundo")
    assert words() == expected_words() and client_ids("reyes") == [] and client_ids("mun") == [dana]
    Client.update(email="d.mundo@example.org").where(Client.id == dana).execute()
    assert words() == expected_words() and ("dana@example.com", "mundo dana", dana) not in words()
    Client.update(archived=True).where(Client.id == dana).execute()
    assert words() == expected_words() and {row[2] for row in words()} == {other}
    Client.update(archived=False).where(Client.id == dana).execute()
    assert words() == expected_words() and client_ids("d.mun") == [dana]
    # A save that writes every column, changed or not, leaves the rows as they are.
    client = Client.get_by_id(dana)
    client.save()
    assert words() == expected_words()
    # A script's delete (the desk never deletes; `other` has no events to keep it).
    Client.delete().where(Client.id == other).execute()
    assert words() == expected_words() and {row[2] for row in words()} == {dana}


def test_an_email_that_is_a_name_is_one_row(staff):
    """The email row is left out when it is one of the name's rows already: both backends'
    primary key holds it once."""
    client_id = Client.insert(first_name="Ann", last_name="Lee", name_key="ann lee",
                              sort_key="lee ann", email="lee", created_at="2026-01-01T00:00:00Z").execute()
    assert words() == expected_words() == {("ann lee", "lee ann", client_id),
                                           ("lee", "lee ann", client_id)}


def test_a_postgresql_database_from_before_0011_gets_the_rows_of_its_clients(db, staff, add_client):
    if not is_postgres():
        pytest.skip("0011 adds nothing on SQLite, which has had client_word since 0006")
    add_client("Dana", "Reyes", email="dana@example.com", mobile=None)
    add_client("Ana  Maria", "Okafor", email=None, mobile=None)
    archived = add_client("Bo", "Lee", email="bo@example.com", mobile=None)
    Client.update(archived=True).where(Client.id == archived).execute()
    Client.insert(first_name="", last_name="", name_key="", sort_key="", email="",
                  created_at="2026-01-01T00:00:00Z").execute()
    before = words()
    assert before == expected_words()
    with database.atomic():  # the database as 0010 left it
        database.execute_sql("DROP TABLE client_word")
        database.execute_sql("DROP FUNCTION client_word_added, client_word_changed CASCADE")
        SchemaVersion.delete().where(SchemaVersion.version >= 11).execute()  # 0012 indexes it
    assert apply_migrations(db) == latest_version()
    assert words() == before
    collations = dict(database.execute_sql(
        "SELECT table_name || '.' || column_name, coalesce(collation_name, 'default') "
        "FROM information_schema.columns WHERE column_name IN ('words', 'sort_key') "
        "AND table_name IN ('client', 'client_word')"))
    assert collations["client_word.words"] == "C"
    assert collations["client_word.sort_key"] == collations["client.sort_key"]
    triggers = {row[0] for row in database.execute_sql(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'client'::regclass AND NOT tgisinternal")}
    assert set(m0011_postgres_client_word.POSTGRES_TRIGGERS) <= triggers
