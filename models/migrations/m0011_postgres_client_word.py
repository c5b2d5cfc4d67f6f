"""0011: PostgreSQL reads a name's start in `client_word` too (DESIGN §6; issue 12).

At 1,000,000 clients a search for a common last name's start ("mu", "sco", "omar m") took
220–275 ms a keystroke on PostgreSQL: its planner walked the list's covering index in list
order, testing each client, until it had a screenful, and those names sort late. SQLite reads
the same searches from `client_word` (migration 0006) in a few milliseconds. PostgreSQL now
has that table too, with the same rows (`models.client_search.word_rows`) and primary key:

- `words` in the "C" collation, so `text <= words < text || U+10FFFF` is "starts with", as a
  LIKE 'text%' tests it, and one range of the primary key;
- `sort_key` in the database's default collation, as `client.sort_key` is, so ordering by it
  is the list's order.

Filled from the active clients on file in one INSERT … SELECT, and kept in step in the same
transaction by triggers, whatever writes a client: a statement's inserted rows are indexed
together from its transition table (a seed's COPY or an import's multi-row INSERT pays once a
statement, not a plpgsql call a row, so no bulk writer needs migration 0007's pause here); an
update of the name, sort key, email or archived flag, and a delete, re-index the row. The
pg_trgm indexes of 0006/0008 stay: they serve texts inside emails and phone digits.

On SQLite nothing changes. Frozen as this release defines them; `models/schema.py` creates the
current ones.
"""

from __future__ import annotations

import peewee

VERSION = 11

#: The trigger functions and triggers this migration adds on PostgreSQL.
POSTGRES_TRIGGERS = {"client_word_insert": "client", "client_word_update": "client",
                     "client_word_delete": "client"}


def word_rows(source: str, active_only: bool = True) -> str:
    """SELECT of the client_word rows of the clients `source` names `c` (columns name_key,
    sort_key, id, email, archived): the name from each of its words on (a word starts the name
    or follows a space; an empty name is one empty word, as Python's split says), and the
    email unless it is one of those already (" " + name ends with " " + email), so no row comes
    twice and a bulk fill needs no DISTINCT. `active_only` keeps archived clients out."""
    parts = "CASE WHEN c.name_key = '' THEN ARRAY[''] ELSE string_to_array(c.name_key, ' ') END"
    active = "WHERE NOT c.archived" if active_only else ""
    return (f"SELECT w.words, c.sort_key, c.id FROM {source} "
            f"CROSS JOIN LATERAL (SELECT {parts}) AS p (parts) "
            "CROSS JOIN LATERAL (SELECT array_to_string(p.parts[n:], ' ') "
            "FROM generate_subscripts(p.parts, 1) AS n "
            "UNION ALL SELECT c.email WHERE c.email IS NOT NULL "
            "AND right(' ' || c.name_key, length(c.email) + 1) <> ' ' || c.email) AS w (words) "
            f"{active}")


def _one(row: str) -> str:
    """`row` (OLD or NEW in a row trigger) as a FROM item named `c`."""
    return (f"(SELECT {row}.name_key, {row}.sort_key, {row}.id, {row}.email, {row}.archived) "
            "AS c (name_key, sort_key, id, email, archived)")


def _function(name: str, body: str) -> str:
    return (f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body} RETURN NULL; END $$")


# A row already there is one a writer put in by hand: it is the same row.
_INSERT = "INSERT INTO client_word (words, sort_key, client_id) {rows} ON CONFLICT DO NOTHING;"
# Deleted whatever the row's archived flag said, as SQLite's trigger does: a stale row would
# be found by a search.
_DELETE = ("DELETE FROM client_word AS d USING ({rows}) AS o (words, sort_key, client_id) "
           "WHERE d.words = o.words AND d.sort_key = o.sort_key AND d.client_id = o.client_id;")

#: Only a change of what the rows are made of re-indexes a client: a profile's save writes
#: every column.
_CHANGED = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}"
                       for column in ("name_key", "sort_key", "email", "archived"))

POSTGRES = (
    # The primary key is added once the table is filled: building it from the 2.9 million rows
    # of a million clients took 3 s, inserting them into it 18 s even in its order.
    ('CREATE TABLE client_word (words TEXT COLLATE "C" NOT NULL, sort_key TEXT NOT NULL, '
     "client_id INTEGER NOT NULL)"),
    f"INSERT INTO client_word (words, sort_key, client_id) {word_rows('client AS c')}",
    "ALTER TABLE client_word ADD PRIMARY KEY (words, sort_key, client_id)",
    _function("client_word_added", _INSERT.format(rows=word_rows("added AS c"))),
    _function("client_word_changed",
              "IF TG_OP <> 'INSERT' THEN "
              f"{_DELETE.format(rows=word_rows(_one('OLD'), active_only=False))} END IF; "
              f"IF TG_OP <> 'DELETE' THEN {_INSERT.format(rows=word_rows(_one('NEW')))} END IF;"),
    ("CREATE TRIGGER client_word_insert AFTER INSERT ON client REFERENCING NEW TABLE AS added "
     "FOR EACH STATEMENT EXECUTE FUNCTION client_word_added()"),
    ("CREATE TRIGGER client_word_update AFTER UPDATE OF name_key, sort_key, email, archived "
     f"ON client FOR EACH ROW WHEN ({_CHANGED}) EXECUTE FUNCTION client_word_changed()"),
    ("CREATE TRIGGER client_word_delete AFTER DELETE ON client FOR EACH ROW "
     "EXECUTE FUNCTION client_word_changed()"),
    # Statistics at once: the first searches come before autovacuum's.
    "ANALYZE client_word",
)


def apply(db: peewee.Database) -> None:
    """Create the table, fill it from the clients on file, and add its triggers (PostgreSQL
    only)."""
    if not isinstance(db, peewee.PostgresqlDatabase):
        return
    for sql in POSTGRES:
        db.execute_sql(sql)
