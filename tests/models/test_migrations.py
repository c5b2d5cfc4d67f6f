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
from models.schema import MODELS, AuditHead, Client, SchemaVersion, StudioSettings


def sqlite_schema(database: peewee.Database) -> dict:
    """Tables with their columns, indexes and foreign keys, as SQLite reports them."""
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
        schema[table] = {"columns": columns, "indexes": indexes, "foreign_keys": foreign}
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
        with created.bind_ctx(MODELS):
            created.create_tables(MODELS)
        created_schema = sqlite_schema(created)
    finally:
        created.close()
    assert set(migrated_schema) == {model._meta.table_name for model in MODELS}
    assert migrated_schema == created_schema
