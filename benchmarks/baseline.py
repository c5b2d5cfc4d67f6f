"""The raw-`sqlite3` baseline: the benchmark's bulk work, hand-written as a competent developer
would write it without the model layer, on the same database file in the same run.

    python benchmarks/baseline.py queries --db FILE --queries FILE.json   search + audience (JSON)
    python benchmarks/baseline.py import --db FILE --csv FILE             message-log inserts

* search: one ``SELECT id … WHERE … LIKE … ORDER BY last_name, first_name`` per query, with
  the same matching as the app (name prefix of any word, email, phone digits) so both return
  the same clients, then one SELECT of the first visible page of rows with their STOP lock;
* audience: one ``COUNT(*)`` over the SMS switch columns with ``NOT IN stop_lock``;
* import: the CSV read with `csv`, the number and time cleaned by hand, a lookup of the
  clients of each number, and ``executemany`` into a table shaped like ``inbound_message``,
  in transactions as large as the app's (no consent events, no hash chain, no phonenumbers).

The connection uses the app's pragmas (WAL, synchronous=FULL, the same cache size), so the
comparison is of code, not of settings. Only the standard library is imported: the `import`
subcommand's wall time, process start included, compares with `main.py import-messages`.

With ``--database-url postgresql://…`` instead of ``--db`` the same work runs on PostgreSQL
through psycopg2 (imported only then): the same SQL with ``%s`` parameters, the clients of a
chunk's numbers in one ``= ANY(%s)`` lookup and the rows in multi-row INSERTs
(``execute_values``), as a competent developer would write them for a server.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sqlite3
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NoReturn, Sequence

#: The app's SQLite pragmas (models/db.py SQLITE_PRAGMAS), repeated so that this process
#: imports nothing of the app: its start-up is part of what it is compared on.
PRAGMAS = (("journal_mode", "wal"), ("foreign_keys", 1), ("synchronous", 2),
           ("busy_timeout", 15000), ("cache_size", -32000), ("temp_store", 2))
#: The most rows the app puts in one transaction when importing a message log
#: (models/message_log.py IMPORT_CHUNK; it sizes them by time, so it commits more often): the
#: baseline commits as rarely as the app may, which favours the baseline.
IMPORT_CHUNK = 50_000
VISIBLE_ROWS = 30
AUDIENCE_REPEATS = 5
TABLE = "baseline_inbound_message"

_OPT_OUT = {"STOP", "STOPALL", "STOP ALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT",
            "OPT OUT", "OPT-OUT", "REVOKE"}
_OPT_IN = {"START", "UNSTOP"}
_HELP = {"HELP", "INFO"}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"baseline: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """`queries` and `import`, each on one database file."""
    parser = _Parser(prog="baseline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    queries = commands.add_parser("queries", help="search and audience; prints JSON")
    imports = commands.add_parser("import", help="insert a message log's inbound rows")
    for command in (queries, imports):
        where = command.add_mutually_exclusive_group(required=True)
        where.add_argument("--db", help="a SQLite file")
        where.add_argument("--database-url", help="a PostgreSQL database (postgresql://…)")
    queries.add_argument("--queries", required=True, help="JSON list of search texts")
    imports.add_argument("--csv", required=True)
    return parser


class Connection:
    """sqlite3's or psycopg2's connection behind sqlite3's `execute` (``?`` parameters), in
    autocommit mode: transactions are explicit."""

    def __init__(self, path: str | None, url: str | None) -> None:
        self.postgres = url is not None
        if url is not None:
            import psycopg2

            self.raw: Any = psycopg2.connect(url)
            self.raw.autocommit = True
            self.error: Any = psycopg2.Error
        else:
            self.raw = sqlite3.connect(path, isolation_level=None)
            self.error = sqlite3.Error
            for name, value in PRAGMAS:
                self.raw.execute(f"PRAGMA {name} = {value}")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if not self.postgres:
            return self.raw.execute(sql, params)
        cursor = self.raw.cursor()
        cursor.execute(sql.replace("?", "%s"), tuple(params))
        return cursor

    def close(self) -> None:
        self.raw.close()


def connect(path: str | None, url: str | None = None) -> Connection:
    """A connection with the app's pragmas (SQLite), in autocommit mode."""
    return Connection(path, url)


# --- search and audience --------------------------------------------------------------------------

def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_sql(text: str, postgres: bool = False) -> tuple[str, list[str]]:
    """The SELECT of one search text: what a person typed, matched as the app matches it. On
    PostgreSQL a column is tested as `column || ''`, the expression its trigram index is on
    (migration 0008)."""
    text = " ".join(text.split()).casefold()
    digits = re.sub(r"\D", "", text)
    like = "({} || '') LIKE ? ESCAPE '\\'" if postgres else "{} LIKE ? ESCAPE '\\'"
    if digits and not any(ch.isalpha() for ch in text):
        where = f"({like.format('mobile')} OR {like.format('home_phone')})"
        params = [f"%{digits}%"] * 2
    else:
        escaped = _like_escape(text)
        tests = [like.format("name_key"), like.format("name_key"), like.format("email")]
        params = [f"{escaped}%", f"% {escaped}%", f"{escaped}%"]
        if "@" in text or "." in text:
            tests.append(like.format("email"))
            params.append(f"%{escaped}%")
        where = "(" + " OR ".join(tests) + ")"
    sql = f"SELECT id FROM client WHERE archived = FALSE AND {where} ORDER BY last_name, first_name, id"
    return sql, params


_PAGE_SQL = ("SELECT c.id, c.first_name, c.last_name, c.status, c.mobile, c.email, "
             "s.number IS NOT NULL FROM client c LEFT JOIN stop_lock s ON s.number = c.mobile "
             "WHERE c.id IN ({marks})")

AUDIENCE_SQL = ("SELECT COUNT(*) FROM client WHERE archived = FALSE AND mobile IS NOT NULL "
                "AND sms_all = TRUE AND sms_marketing = TRUE "
                "AND mobile NOT IN (SELECT number FROM stop_lock)")


def run_queries(connection: Connection, texts: Sequence[str]) -> dict[str, Any]:
    """Time every search (ids + first page) and the audience count; return the numbers."""
    # The app's list ran its first (empty) query before anyone typed: warm the same pages here.
    connection.execute("SELECT id FROM client WHERE archived = FALSE "
                       "ORDER BY last_name, first_name, id").fetchall()
    search_ms: list[float] = []
    counts: list[int] = []
    for text in texts:
        sql, params = search_sql(text, connection.postgres)
        started = time.perf_counter()
        ids = [row[0] for row in connection.execute(sql, params)]
        page = ids[:VISIBLE_ROWS]
        if page:
            connection.execute(_PAGE_SQL.format(marks=",".join("?" * len(page))), page).fetchall()
        search_ms.append((time.perf_counter() - started) * 1000)
        counts.append(len(ids))
    audience_ms: list[float] = []
    count = 0
    for _ in range(AUDIENCE_REPEATS):
        started = time.perf_counter()
        count = connection.execute(AUDIENCE_SQL).fetchone()[0]
        audience_ms.append((time.perf_counter() - started) * 1000)
    return {"search_ms": search_ms, "search_counts": counts, "audience_samples_ms": audience_ms,
            "audience_ms": statistics.median(audience_ms), "audience_count": count}


# --- message-log inserts ----------------------------------------------------------------------------

def _keyword(body: str) -> str:
    word = " ".join(body.split()).upper().rstrip(".!?")
    if word in _OPT_OUT:
        return "opt_out"
    if word in _OPT_IN:
        return "opt_in"
    if word in _HELP:
        return "help"
    return "review" if "STOP" in word else "none"


def _number(raw: str) -> str:
    digits = re.sub(r"\D", "", raw)
    return "+" + digits if raw.strip().startswith("+") else "+1" + digits


def _received_at(raw: str) -> str:
    moment = datetime.strptime(raw.strip(), "%Y-%m-%d %H:%M:%S %z")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def prepare_table(connection: Connection) -> None:
    """A table shaped like inbound_message (its columns, constraints and indexes), empty."""
    if connection.postgres:
        connection.execute(f"DROP TABLE IF EXISTS {TABLE}")
        connection.execute(f"CREATE TABLE {TABLE} (LIKE inbound_message INCLUDING ALL)")
        return
    ddl = connection.execute("SELECT sql FROM sqlite_master WHERE type = 'table' "
                             "AND name = 'inbound_message'").fetchone()[0]
    connection.execute(f"DROP TABLE IF EXISTS {TABLE}")
    connection.execute(ddl.replace('"inbound_message"', f'"{TABLE}"', 1))
    for (index_sql,) in connection.execute("SELECT sql FROM sqlite_master WHERE type = 'index' "
                                           "AND tbl_name = 'inbound_message' AND sql IS NOT NULL").fetchall():
        connection.execute(index_sql.replace("inbound_message", TABLE))


def import_log(connection: Connection, csv_path: str) -> dict[str, Any]:
    """Insert the log's inbound rows; return how many and how many clients they matched."""
    prepare_table(connection)
    processed_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with open(csv_path, newline="", encoding="utf-8-sig") as handle:
        rows = [row for row in csv.DictReader(handle) if "inbound" in row["Direction"].lower()]
    matched = 0
    insert = (f"INSERT INTO {TABLE} (sid, from_number, to_number, body, received_at, keyword, "
              "applied, review_state, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    for start in range(0, len(rows), IMPORT_CHUNK):
        chunk = rows[start:start + IMPORT_CHUNK]
        values = []
        for row in chunk:
            keyword = _keyword(row["Body"])
            values.append((row["Sid"].strip(), _number(row["From"]), row["To"].strip() or None,
                           row["Body"], _received_at(row["SentDate"]), keyword, False,
                           "open" if keyword == "review" else None, processed_at))
        if connection.postgres:
            matched += _insert_on_postgres(connection, insert, values)
            continue
        connection.execute("BEGIN IMMEDIATE")
        clients: dict[str, list[int]] = {}
        for number in {value[1] for value in values}:
            clients[number] = [r[0] for r in connection.execute(
                "SELECT id FROM client WHERE mobile = ?", (number,))]
        matched += sum(1 for value in values if clients[value[1]])
        connection.raw.executemany(insert, values)
        connection.execute("COMMIT")
    return {"inserted": len(rows), "matched": matched}


def _insert_on_postgres(connection: Connection, insert: str, values: list[tuple[Any, ...]]) -> int:
    """One chunk on PostgreSQL: one lookup of its numbers' clients, multi-row INSERTs, one
    transaction; how many of its rows matched a client."""
    from psycopg2.extras import execute_values

    head, _, template = insert.replace("?", "%s").rpartition(" VALUES ")
    connection.execute("BEGIN")
    # As the app does (models.db.btree_lookups): the numbers through the btree index, not
    # the pg_trgm one the planner prefers for a long list (1.4 s a lookup at 100,000 clients).
    connection.execute("SET LOCAL enable_bitmapscan = off")
    numbers = sorted({value[1] for value in values})
    known = {row[0] for row in connection.execute(
        "SELECT DISTINCT mobile FROM client WHERE mobile = ANY(?)", (numbers,)).fetchall()}
    execute_values(connection.raw.cursor(), f"{head} VALUES %s", values, template=template,
                   page_size=500)
    connection.execute("COMMIT")
    return sum(1 for value in values if value[1] in known)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one baseline command; print its JSON."""
    args = build_parser().parse_args(argv)
    for name in ("db", "queries", "csv"):
        value = getattr(args, name, None)
        if value is not None and not Path(value).is_file():
            print(f"baseline: error: --{name} {value}: no such file", file=sys.stderr)
            return 2
    try:
        connection = connect(args.db, args.database_url)
    except Exception as error:  # sqlite3's or psycopg2's: one line either way
        print(f"baseline: error: {type(error).__name__}: {' '.join(str(error).split())}",
              file=sys.stderr)
        return 1
    try:
        if args.command == "queries":
            texts = json.loads(Path(args.queries).read_text(encoding="utf-8"))
            result = run_queries(connection, texts)
        else:
            result = import_log(connection, args.csv)
    except (connection.error, OSError, ValueError, KeyError) as error:
        print(f"baseline: error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
