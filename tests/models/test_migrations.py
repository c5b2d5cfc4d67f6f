"""Schema migrations (STYLE 5): a fresh database reaches the latest version, applying them again
changes nothing, and a migrated database has exactly the schema the models create.
"""

from __future__ import annotations

from pathlib import Path

import peewee
import pytest

from models.db import close_database, connect, open_database
from models.migrations import (
    apply_migrations,
    current_version,
    latest_version,
    migrations,
)
from models.schema import (
    APPEND_ONLY_TRIGGERS,
    MODELS,
    SEARCH_TABLES,
    SEARCH_TRIGGERS,
    AuditHead,
    Client,
    SchemaVersion,
    StudioSettings,
    create_schema,
)


def sqlite_schema(database: peewee.Database) -> dict:
    """Tables with their columns, indexes, foreign keys and triggers, as SQLite reports them."""
    tables = [row[0] for row in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    schema = {}
    for table in tables:
        columns = [tuple(row[1:]) for row in database.execute_sql(f'PRAGMA table_info("{table}")')]
        indexes = {}
        for row in database.execute_sql(f'PRAGMA index_list("{table}")').fetchall():
            name, unique = row[1], row[2]
            cols = [r[2] for r in database.execute_sql(f'PRAGMA index_info("{name}")')]
            indexes[name] = (bool(unique), tuple(cols))
        foreign = sorted(tuple(row[2:5]) for row in database.execute_sql(f'PRAGMA foreign_key_list("{table}")'))
        triggers = {name: " ".join(sql.split()) for name, sql in database.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,))}
        schema[table] = {"columns": columns, "indexes": indexes, "foreign_keys": foreign,
                         "triggers": triggers}
    return schema


def test_migrations_are_numbered_from_one_without_gaps():
    versions = [m.VERSION for m in migrations()]
    assert versions == list(range(1, len(versions) + 1))
    assert latest_version() == versions[-1]


def test_fresh_database_reaches_the_latest_version(db):
    assert current_version(db) == latest_version()
    assert [row.version for row in SchemaVersion.select().order_by(SchemaVersion.version)] == \
        list(range(1, latest_version() + 1))
    assert StudioSettings.select().count() == 1 and AuditHead.select().count() == 1


def test_applying_migrations_twice_is_a_no_op(db, staff, add_client):
    add_client()
    if isinstance(db, peewee.PostgresqlDatabase):
        pytest.skip("compares SQLite's catalogue")
    schema = sqlite_schema(db)
    versions = list(SchemaVersion.select().tuples())
    rows = {model.__name__: list(model.select().tuples()) for model in MODELS}
    assert apply_migrations(db) == latest_version()
    assert apply_migrations(db) == latest_version()
    assert sqlite_schema(db) == schema
    assert list(SchemaVersion.select().tuples()) == versions
    assert {model.__name__: list(model.select().tuples()) for model in MODELS} == rows


def test_reopening_a_database_keeps_its_data(database_url, db, staff, add_client):
    client = add_client()
    close_database()
    reopened = open_database(database_url)
    assert current_version(reopened) == latest_version()
    assert Client.get_by_id(client).first_name == "Dana"


def test_migrated_schema_equals_the_models_schema(tmp_path: Path, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("compares SQLite's catalogue")
    migrated = open_database("sqlite:///" + str(tmp_path / "migrated.db"))
    try:
        migrated_schema = sqlite_schema(migrated)
    finally:
        close_database()
    created = connect("sqlite:///" + str(tmp_path / "created.db"))
    created.connect()
    try:
        create_schema(created)
        created_schema = sqlite_schema(created)
    finally:
        created.close()
    # FTS5 keeps a search index in shadow tables named after it.
    tables = {name for name in migrated_schema
              if not any(name.startswith(f"{search}_") for search in SEARCH_TABLES)}
    assert tables == {model._meta.table_name for model in MODELS} | set(SEARCH_TABLES)
    assert migrated_schema == created_schema
    # The triggers are part of what is compared (R14).
    assert {name for table in migrated_schema.values() for name in table["triggers"]} == \
        set(APPEND_ONLY_TRIGGERS) | set(SEARCH_TRIGGERS)


def test_0002_marks_the_clients_a_stop_turned_off_and_no_one_else(database_url):
    """R8: a database from the first release knows, once migrated, whose SMS All START may
    turn back on: the clients whose newest SMS All event is the keyword's, on a locked number."""
    from models.migrations import m0001_initial, m0002_revocation

    database = connect(database_url)
    database.connect()
    try:
        with database.atomic():
            m0001_initial.apply(database)
        param = database.param
        switches = ("email_all", "email_marketing", "sms_marketing", "voice_all", "voice_marketing",
                    "home_all", "home_marketing", "ai_outreach", "ai_replies", "archived")
        columns = ("id", "first_name", "last_name", "name_key", "sort_key", "status", "mobile",
                   "sms_all", "created_at", "version") + switches
        insert = (f"INSERT INTO client ({', '.join(columns)}) "
                  f"VALUES ({', '.join([param] * len(columns))})")
        for client_id, mobile, sms_all in ((1, "+12125550101", False), (2, "+12125550101", False),
                                           (3, "+12125550199", False), (4, "+12125550101", True)):
            database.execute_sql(insert, (client_id, "A", "B", "a b", "b a", "member", mobile,
                                          sms_all, "2026-11-01T00:00:00.000000Z", 1)
                                 + (False,) * len(switches))
        database.execute_sql(f"INSERT INTO stop_lock (number, locked_at) VALUES ({param}, {param})",
                             ("+12125550101", "2026-11-02T00:00:00.000000Z"))
        event = (f"INSERT INTO consent_event (id, at, actor, client_id, channel, switch, old, new, "
                 f"source, prev_hash, hash) VALUES ({', '.join([param] * 11)})")
        for event_id, client_id, source in ((1, 1, "client_keyword"), (2, 2, "staff"),
                                            (3, 3, "client_keyword")):
            database.execute_sql(event, (event_id, "2026-11-02T00:00:00.000000Z", "x", client_id,
                                         "sms", "all", "on", "off", source, "0" * 64, "0" * 64))
        with database.atomic():
            m0002_revocation.apply(database)
        marked = [row[0] for row in database.execute_sql(
            "SELECT id FROM client WHERE sms_off_by_stop ORDER BY id")]
        # 1: off by the STOP. 2: off by staff. 3: its number is not locked. 4: SMS All is on.
        assert marked == [1]
    finally:
        database.close()
