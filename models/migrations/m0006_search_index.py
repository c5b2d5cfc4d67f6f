"""0006: indexes that find a client by what was typed without walking the whole list (DESIGN §6;
issue 12).

The list's search (`models.client_list.search_condition`) matches a name by the start of any of
its words, an email by its start (or anywhere, when the text has "@" or "."), and a phone
number by any run of its digits. Tested row by row along the list's covering index, a text
that matches few clients walked all of them: 230 ms at 1,000,000 clients.

On SQLite two indexes hold what a search tests, for active clients only:

- `client_word`: a row per place a name match can start — the name from each of its words on
  ("dana maria reyes", "maria reyes", "reyes") — and one for the email, each with the client's
  `sort_key`. Every name or email that starts with a text is one range of it, already in the
  list's order within each word, so a search of a few thousand matches reads only them.
- `client_search`: an FTS5 trigram index (contentless) of each client's email and phone
  numbers, for the texts that match inside them: "555-0123", "reyes12@".

Triggers keep both in step with `client` in the same transaction, whatever writes it (adding,
editing, importing, archiving, seeding, a script). On PostgreSQL, pg_trgm's GIN indexes on the
same columns serve the same LIKE conditions, and its planner picks them.

Frozen as this release defines them; `models/schema.py` creates the current ones.
"""

from __future__ import annotations

import peewee

VERSION = 6

#: The tables this migration adds on SQLite (FTS5 adds its own `client_search_*` shadow tables).
SQLITE_TABLES = ("client_word", "client_search")
#: Its triggers on SQLite, by name, with their table.
SQLITE_TRIGGERS = {"client_search_insert": "client", "client_search_update": "client",
                   "client_search_delete": "client"}


def _words(row: str) -> str:
    """The JSON array of `row`'s name words: json_quote escapes every quote and backslash and
    adds no space, so splitting the quoted string at its spaces splits the name."""
    return f"""('[' || replace(json_quote({row}.name_key), ' ', '","') || ']')"""


def _word_rows(row: str, source: str = "", active: bool = True) -> str:
    """SELECT of `row`'s client_word rows: the name from each word on (a word starts the name
    or follows a space), and the email. `source` is the FROM item that names `row`, if any;
    `active` keeps archived clients out."""
    words = _words(row)
    start = (f"1 + coalesce((SELECT sum(length(b.value) + 1) FROM json_each({words}) AS b "
             "WHERE b.key < w.key), 0)")
    active_only = f"{row}.archived = 0" if active else "1"
    return (f"SELECT substr({row}.name_key, {start}) AS words, {row}.sort_key, {row}.id "
            f"FROM {source + ', ' if source else ''}json_each({words}) AS w WHERE {active_only} "
            f"UNION ALL SELECT {row}.email, {row}.sort_key, {row}.id "
            f"{'FROM ' + source + ' ' if source else ''}WHERE {row}.email IS NOT NULL AND {active_only}")


def _search_values(row: str) -> str:
    """`row`'s client_search columns: its email, and its phone numbers (E.164) apart."""
    return (f"coalesce({row}.email, ''), "
            f"coalesce({row}.mobile, '') || ' ' || coalesce({row}.home_phone, '')")


def _insert(row: str) -> list[str]:
    return [f"INSERT OR IGNORE INTO client_word (words, sort_key, client_id) {_word_rows(row)}",
            f"INSERT INTO client_search (rowid, email, phones) SELECT {row}.id, {_search_values(row)} "
            f"WHERE {row}.archived = 0"]


def _delete(row: str) -> list[str]:
    # A contentless FTS5 index forgets a row by being told its values exactly as they were
    # indexed; only an active client's were.
    return [f"DELETE FROM client_word WHERE client_id = {row}.id AND sort_key = {row}.sort_key "
            f"AND words IN (SELECT words FROM ({_word_rows(row, active=False)}))",
            f"INSERT INTO client_search (client_search, rowid, email, phones) "
            f"SELECT 'delete', {row}.id, {_search_values(row)} WHERE {row}.archived = 0"]


def _trigger(name: str, when: str, body: list[str]) -> str:
    return f"CREATE TRIGGER {name} AFTER {when} ON client BEGIN {'; '.join(body)}; END"


SQLITE = (
    "CREATE TABLE client_word (words TEXT NOT NULL, sort_key TEXT NOT NULL, "
    "client_id INTEGER NOT NULL, PRIMARY KEY (words, sort_key, client_id)) WITHOUT ROWID",
    "CREATE VIRTUAL TABLE client_search USING fts5(email, phones, content='', tokenize='trigram')",
    _trigger("client_search_insert", "INSERT", _insert("NEW")),
    _trigger("client_search_update",
             "UPDATE OF name_key, sort_key, email, mobile, home_phone, archived",
             _delete("OLD") + _insert("NEW")),
    _trigger("client_search_delete", "DELETE", _delete("OLD")),
)

#: Filling the indexes from the clients already on file.
SQLITE_FILL = (
    f"INSERT OR IGNORE INTO client_word (words, sort_key, client_id) {_word_rows('c', 'client AS c')}",
    f"INSERT INTO client_search (rowid, email, phones) SELECT c.id, {_search_values('c')} "
    "FROM client AS c WHERE c.archived = 0",
)

POSTGRES = (
    # Trusted since PostgreSQL 13: the database's owner may create it.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(f"CREATE INDEX client_{column}_trgm ON client USING gin ({column} gin_trgm_ops)"
      for column in ("name_key", "email", "mobile", "home_phone")),
)


def apply(db: peewee.Database) -> None:
    """Create the indexes (and their triggers), and fill them from the clients on file."""
    if isinstance(db, peewee.PostgresqlDatabase):
        for sql in POSTGRES:
            db.execute_sql(sql)
        return
    for sql in SQLITE:
        db.execute_sql(sql)
    for sql in SQLITE_FILL:
        db.execute_sql(sql)
