"""The search indexes of migration 0006, read the way a keystroke needs them (DESIGN §6).

`models.client_list.search_condition` says what a search text matches; tested along the list's
covering index it costs little when many clients match (the first screenful is found at once)
and a walk of the whole list when few do. On SQLite the indexes answer the second kind:

- a name or email that *starts* with the text is one range of `client_word`, which carries
  the list's sort key: up to `ORDERED_LIMIT` matches are read and put in list order from the
  index alone;
- a text inside an email, or phone digits, are looked up in the `client_search` trigram index:
  up to `LOOKUP_LIMIT` matching ids, which the list's query then reads by id.

More matches than that and the walk is the cheaper way: it finds a screenful within the first
few thousand clients. Each function returns None when the indexes cannot answer and the walk
should run. PostgreSQL has `client_word` too (migration 0011), read the same way: its planner
walked the list in order for a name start as well, 220–275 ms at a million clients for names
that sort late. `client_search` is SQLite's only: on PostgreSQL pg_trgm indexes serve the
walk's own LIKE conditions for texts inside an email and for phone digits.
"""

from __future__ import annotations

from contextlib import suppress

import peewee

from .db import database, is_postgres
from .errors import StorageError
from .migrations.m0007_bulk_search_index import PAUSE_TABLE
from .phones import digits

#: Matches of a name or email start read in list order from `client_word` (about 8 ms at
#: 40,000 on a 2-core machine); with more, walking the list finds a screenful sooner.
ORDERED_LIMIT = 40_000
#: Entries under a text's first letter walked in list order for a first screenful before its
#: own range is sorted (`_first_by_initial`): about 0.3 ms.
INITIAL_WALK = 4000
#: Ids looked up through the indexes and then read from `client` one by one.
LOOKUP_LIMIT = 2_000

#: Above every character: `text <= key < text + _TOP` is "key starts with text".
_TOP = "\U0010ffff"
#: A trigram index needs three characters to look anything up.
_TRIGRAM = 3


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_number(text: str) -> bool:
    return bool(digits(text)) and not any(ch.isalpha() for ch in text)


def _phrase(column: str, text: str) -> str:
    """An FTS5 query for `text` anywhere in `column`: one phrase, quotes doubled."""
    return f'{column} : "{text.replace(chr(34), chr(34) * 2)}"'


def _usable() -> bool:
    """Whether the indexes answer at all: always, but for the tests that compare them with the
    walk."""
    return True


def _trigrams() -> bool:
    """Whether `client_search`, SQLite's FTS5 trigram index, is there to look texts up in."""
    return _usable() and not is_postgres()


def name_text(text: str) -> bool:
    """Whether `text` can only match a name or an email's start: what `ordered_ids` answers,
    or finds more than ORDERED_LIMIT matches for."""
    text = _normal(text)
    return bool(text) and _usable() and not _is_number(text) and "@" not in text and "." not in text


def ordered_ids(text: str, *, descending: bool = False, offset: int = 0,
                limit: int | None = None) -> list[int] | None:
    """Active clients whose name or email starts with `text` (as `search_condition` matches
    them), in list order, from `client_word` alone; None when the text matches elsewhere too
    (inside an email, a phone number) or matches more than ORDERED_LIMIT entries."""
    if not name_text(text):
        return None
    text = _normal(text)
    bounds = (text, text + _TOP)
    p = database.param
    way = "DESC" if descending else "ASC"
    if limit is not None and limit >= 0:
        found = _first_by_initial(text, way, offset + limit)
        if found is not None:
            return found[offset:offset + limit]
    # ORDERED_LIMIT, not fewer, for a first screenful too: a name start's matches lie together
    # in list order (a last name is the sort key's start), where a walk from the top reaches
    # them last. More entries than that start with the text when the one after that many is
    # still in range: SQLite skips an OFFSET along the index without testing a bound on each
    # entry, a seventh of the time of counting them (0.4 against 3 ms at a million clients).
    # PostgreSQL reads every entry it skips, in range or not: there, counting the matches up
    # to one more than that stops at the range's end (a text nobody's name starts with: 0.3
    # against 4 ms).
    if _too_many(bounds):
        return None
    if limit is not None and limit >= 0:
        return _first_ordered(bounds, way, offset, limit)
    # SQLite takes an OFFSET only after a LIMIT (-1: none); PostgreSQL refuses a negative one.
    rest = f"OFFSET {p}" if is_postgres() else f"LIMIT -1 OFFSET {p}"
    rows = database.execute_sql(
        f"SELECT client_id FROM client_word WHERE words >= {p} AND words < {p} "
        f"GROUP BY sort_key, client_id ORDER BY sort_key {way}, client_id {way} {rest}",
        (*bounds, offset))
    return [row[0] for row in rows]


def _first_by_initial(text: str, way: str, wanted: int) -> list[int] | None:
    """The first `wanted` clients whose name or email starts with `text`, in list order, from
    the entries under its first letter walked in list order (migration 0012), or None when
    the first INITIAL_WALK of them hold fewer: the matches sort further on ("mu", last names
    in the middle of the list), where sorting the text's own range finds them sooner."""
    p = database.param
    # SQLite's planner would rather read the text's range and sort it.
    index = "" if is_postgres() else "INDEXED BY client_word_initial "
    letter = f"substr(words, 1, 1) = {p}"
    order = f"ORDER BY sort_key {way}, client_id {way}"
    # The list-order key of the last entry this walk may read: SQLite skips an OFFSET along
    # the index without reading the entries (0.05 ms for 4,000).
    edge = database.execute_sql(
        f"SELECT sort_key FROM client_word {index}WHERE {letter} {order} LIMIT 1 OFFSET {p}",
        (text[0], INITIAL_WALK)).fetchone()
    within = "" if edge is None else f"AND sort_key {'>=' if way == 'DESC' else '<='} {p} "
    ids = _first_clients(
        f"SELECT sort_key, client_id FROM client_word {index}"
        f"WHERE {letter} AND words >= {p} AND words < {p} {within}{order} LIMIT {p}",
        (text[0], text, text + _TOP, *(() if edge is None else (edge[0],))), wanted)
    # Fewer than wanted: every match under the letter up to the edge is read.
    return ids if len(ids) >= wanted or edge is None else None


def _first_clients(sql: str, params: tuple[object, ...], wanted: int) -> list[int]:
    """The first `wanted` clients of `sql`, a SELECT of (sort_key, client_id) rows in list
    order whose last parameter is its LIMIT, each once (fewer when it has fewer): a client
    found by two of its words (a name and an email) comes twice, side by side, so more rows
    are read while they hold too few."""
    fetch = 2 * wanted + 8
    while True:
        rows = database.execute_sql(sql, (*params, fetch)).fetchall()
        ids: list[int] = []
        previous = None
        for row in rows:
            if row != previous:
                ids.append(row[1])
                previous = row
        if len(ids) >= wanted or len(rows) < fetch:
            return ids[:wanted]
        fetch *= 4


def _too_many(bounds: tuple[str, str]) -> bool:
    """Whether more than ORDERED_LIMIT entries of `client_word` lie within `bounds`."""
    p = database.param
    if is_postgres():
        count = database.execute_sql(
            f"SELECT count(*) FROM (SELECT 1 FROM client_word WHERE words >= {p} AND words < {p} "
            f"LIMIT {p}) AS m", (*bounds, ORDERED_LIMIT + 1)).fetchone()[0]
        return count > ORDERED_LIMIT
    beyond = database.execute_sql(
        f"SELECT words < {p} FROM client_word WHERE words >= {p} ORDER BY words LIMIT 1 OFFSET {p}",
        (bounds[1], bounds[0], ORDERED_LIMIT)).fetchone()
    return beyond is not None and bool(beyond[0])


def _first_ordered(bounds: tuple[str, str], way: str, offset: int, limit: int) -> list[int]:
    """`ordered_ids` for a first screenful: SQLite keeps the first rows of an ORDER BY …
    LIMIT as it reads (a fifth of the time of grouping 16,000 matches, issue 12); a client
    found by two words (a name and an email) comes twice, side by side, and is kept once."""
    p = database.param
    ids = _first_clients(
        f"SELECT sort_key, client_id FROM client_word WHERE words >= {p} AND words < {p} "
        f"ORDER BY sort_key {way}, client_id {way} LIMIT {p}", bounds, offset + limit)
    return ids[offset:]


def matching_ids(text: str) -> list[int] | None:
    """The ids of the active clients `text` matches (as `search_condition` matches them), from
    the indexes; None when they cannot say (a text too short for the trigram index, or one
    that matches inside an email or a phone number on PostgreSQL, whose walk pg_trgm serves) or
    more than LOOKUP_LIMIT clients match."""
    text = _normal(text)
    if not text or not _usable():
        return None
    p = database.param
    trigram = f"SELECT rowid FROM client_search WHERE client_search MATCH {p} LIMIT {p}"
    queries: list[tuple[str, tuple[object, ...]]] = []
    if _is_number(text):
        number = digits(text)
        if len(number) < _TRIGRAM or not _trigrams():
            return None
        queries.append((trigram, (_phrase("phones", number),)))
    else:
        words = f"SELECT client_id FROM client_word WHERE words >= {p} AND words < {p} LIMIT {p}"
        queries.append((words, (text, text + _TOP)))
        if "@" in text or "." in text:
            if len(text) < _TRIGRAM or not _trigrams():
                return None
            queries.append((trigram, (_phrase("email", text),)))
    found: set[int] = set()
    for sql, params in queries:
        ids = [row[0] for row in database.execute_sql(sql, (*params, LOOKUP_LIMIT + 1))]
        if len(ids) > LOOKUP_LIMIT:
            return None
        found.update(ids)
    if len(found) > LOOKUP_LIMIT:
        return None
    return sorted(found)


def by_id_only(sql: str) -> str:
    """A peewee SELECT of `client` that reads the ids `matching_ids` gave one by one: SQLite's
    planner would rather walk the list's covering index in order (and test each of 1,000,000
    ids against the list) than sort a few hundred rows. NOT INDEXED still reads by rowid.
    PostgreSQL has no such clause, nor needs it."""
    table = '"client" AS "t1"'
    if not is_postgres() and table in sql:
        return sql.replace(table, f"{table} NOT INDEXED", 1)
    return sql


# --- writing many clients at once --------------------------------------------------------------

#: A new client as the indexes read it: (id, name_key, sort_key, email, mobile, home_phone).
NewClient = tuple[int, str, str, "str | None", "str | None", "str | None"]


def word_rows(client_id: int, key: str, sort: str, email: str | None) -> list[tuple[str, str, int]]:
    """A client's `client_word` rows, as migrations 0006 (SQLite) and 0011 (PostgreSQL) define
    them: the name from each of its words on (a word starts the name or follows a space), and
    the email."""
    parts = key.split(" ")
    rows = [(" ".join(parts[start:]), sort, client_id) for start in range(len(parts))]
    if email is not None:
        rows.append((email, sort, client_id))
    return rows


def insert_clients(sql: str, rows: list[tuple[object, ...]], clients: list[NewClient]) -> None:
    """Run `sql` (an INSERT of new, active clients) for `rows`, and index them, inside the
    caller's transaction. On SQLite the insert trigger is paused for these rows only
    (migration 0007) and their index entries go in with one statement per index: the same
    entries the trigger writes, for a fraction of its cost. On PostgreSQL the pg_trgm indexes
    follow by themselves, and migration 0011's trigger indexes a statement's rows together."""
    if is_postgres():
        database.executemany(sql, rows)
        return
    words = [row for client in clients for row in word_rows(*client[:3], client[3])]
    # No savepoint around this: inside one, SQLite journals every page the rows touch, which
    # made the INSERT ten times slower. A failing INSERT leaves the transaction to its caller,
    # who rolls it back; the pause goes in any case.
    database.execute_sql(f"INSERT INTO {PAUSE_TABLE} (id) VALUES (1)")
    try:
        database.executemany(sql, rows)
    finally:
        with suppress(peewee.PeeweeException, StorageError):  # the error above says more
            database.execute_sql(f"DELETE FROM {PAUSE_TABLE}")
    database.executemany("INSERT OR IGNORE INTO client_word (words, sort_key, client_id) "
                         "VALUES (?, ?, ?)", words)
    database.executemany("INSERT INTO client_search (rowid, email, phones) VALUES (?, ?, ?)",
                         [(client_id, email or "", f"{mobile or ''} {home or ''}")
                          for client_id, _key, _sort, email, mobile, home in clients])
