"""`import-clients` against the same work in raw SQL (DESIGN §6, issue 12): rows per second
with N clients already on file and M rows imported.

    python benchmarks/client_import.py --existing 100000 --rows 100000 [--keep DIR]
    python benchmarks/client_import.py --existing 100000 --rows 100000 --database-url URL
    python benchmarks/client_import.py raw (--db FILE | --database-url URL) --csv FILE

The seeded database (`models.seed`, the benchmark's own synthetic studio) is copied once per
run, so each import starts from the same N clients. The client file is made here: names from
the seed's lists, phones typed the ways people type them, about 1 % of rows already on file,
1 % sharing a mobile with a client on file (some STOP-locked, R21/R22), 3 % a family mobile
shared with the row before (R18), 0.5 % bad rows (letters in a phone, a broken email).

* app: `main.py import-clients FILE` in its own process, wall time (start-up included), as a
  person runs it;
* raw: the `raw` subcommand, standard library only (psycopg2 on PostgreSQL): the CSV read with
  `csv`, phones and emails cleaned by hand (no phonenumbers, no email-validator), per batch
  one SELECT per 500 addresses for the clients on file and one for the STOP-locked mobiles,
  then ``executemany`` of the clients, their search-index entries (SQLite, with migration
  0007's pause as the app does) and their events, hash-chained with sha256 from the chain's
  head as the app chains them, into the real tables; one transaction per batch, with the
  app's import settings on SQLite (its cache, the log copied after each batch rather than
  by the commit), and at the end the search index merged as the app merges it. The same end
  state as the app's, written the shortest way. A row with a name only is looked up in
  `client_word` where migration 0010 left `client.name_key` without an index, as the app
  looks it up.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.baseline import Connection  # noqa: E402
#: Rows per transaction: about the app's (models/client_import.py sizes its batches by time).
CHUNK = 5000
COLUMNS = ("first_name", "last_name", "email", "mobile", "home_phone", "status",
           "sms_marketing", "email_marketing", "consent_method")


# --- the client file -------------------------------------------------------------------------------

def _typed(rng: random.Random, e164: str) -> str:
    """A US number (+1NXXNXXXXXX) as a person might type it."""
    area, exchange, line = e164[2:5], e164[5:8], e164[8:]
    return rng.choice((f"({area}) {exchange}-{line}", f"{area}.{exchange}.{line}",
                       f"{area}-{exchange}-{line}", f"+1 {area} {exchange} {line}",
                       f"{area}{exchange}{line}", e164))


def write_client_file(path: Path, rows: int, on_file: list[tuple[Any, ...]], locked: list[str],
                      rng_seed: int = 1212) -> None:
    """`rows` client rows (see the module's doc) into `path`. `on_file` are (first, last,
    email, mobile, home_phone) of clients on file; `locked` STOP-locked numbers."""
    from models.seed_rows import AREA_CODES, FIRST_NAMES, LAST_NAMES

    rng = random.Random(rng_seed)
    previous: str | None = None
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for index in range(rows):
            roll = rng.random()
            if roll < 0.01 and on_file:  # already on file: skipped as such
                first, last, email, mobile, home = rng.choice(on_file)
                writer.writerow((first, last, email or "", mobile or "", home or "", "member",
                                 "", "", ""))
                continue
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"{first}.{last}.imp{index}@Example.com" if rng.random() < 0.9 else ""
            if roll < 0.02 and locked:
                mobile: str | None = rng.choice(locked)  # a number on file, STOP-locked
            elif roll < 0.03 and on_file:
                mobile = rng.choice(on_file)[3]
            elif previous and roll < 0.06:
                mobile = previous  # a family shares a mobile
            elif rng.random() < 0.88:
                mobile = f"+1{rng.choice(AREA_CODES)}{rng.randrange(2000000, 9999999)}"
            else:
                mobile = None
            previous = mobile
            home = f"+1{rng.choice(AREA_CODES)}{rng.randrange(2000000, 9999999)}" if rng.random() < 0.2 else None
            sms = rng.choice(("yes", "no", "", "", ""))
            method = rng.choice(("signed_form", "online_form", "in_person")) if sms == "yes" else ""
            cells = [first, last, email, _typed(rng, mobile) if mobile else "",
                     _typed(rng, home) if home else "", rng.choice(("member", "prospect", "")),
                     sms, rng.choice(("yes", "no", "")) if method else "", method]
            if 0.995 < roll:  # a bad row: the app lists it, the raw import skips it too
                cells[3 if roll < 0.9975 else 2] = "call me" if roll < 0.9975 else "no at sign"
            writer.writerow(cells)


# --- the raw import --------------------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
STOP_NOTE = "this mobile texted STOP: SMS stays off until the client texts START"
HASHED = ("id", "at", "actor", "staff_id", "client_id", "number", "channel", "switch", "old",
          "new", "source", "method", "note", "inbound_sid")
_encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


def _phone(raw: str) -> str | None:
    text = raw.strip()
    if not text:
        return None
    if any(ch.isalpha() for ch in text):
        raise ValueError(raw)
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        return "+" + digits
    if len(digits) == 11 and digits.startswith("1"):
        return "+" + digits
    if len(digits) != 10:
        raise ValueError(raw)
    return "+1" + digits


def _email(raw: str) -> str | None:
    text = raw.strip().lower()
    if not text:
        return None
    if not _EMAIL.match(text):
        raise ValueError(raw)
    return text


def _read(path: Path) -> tuple[list[tuple[Any, ...]], int]:
    """The file's good rows, cleaned by hand, and how many were bad."""
    good, bad = [], 0
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            try:
                first, last = " ".join(row["first_name"].split()), " ".join(row["last_name"].split())
                good.append((first, last, row["status"].strip().lower() or "prospect",
                             _email(row["email"]), _phone(row["mobile"]), _phone(row["home_phone"]),
                             row["sms_marketing"].strip().lower() == "yes",
                             row["email_marketing"].strip().lower() == "no", row["consent_method"] or None))
            except ValueError:
                bad += 1
    return good, bad


def _events(row: tuple[Any, ...], locked: set[str]) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """A new client's switch columns and its events (switch, channel, number, new, method,
    note), as the app starts them with the studio's defaults (email marketing on)."""
    _first, _last, status, email, mobile, home, sms_yes, email_no, method = row
    stop = mobile in locked
    sms = mobile is not None and not stop
    switches = (stop, email is not None, email is not None and not email_no, sms, sms and sms_yes,
                mobile is not None, False, home is not None, False)
    events: list[tuple[Any, ...]] = [("client", None, None, f"added ({status})", None, None)]
    if email is not None:
        events.append(("all", "email", None, "on", "studio_default", None))
        if not email_no:
            events.append(("marketing", "email", None, "on", "studio_default", None))
    if stop:
        events.append(("all", "sms", mobile, "off", None, STOP_NOTE))
    elif sms:
        events.append(("all", "sms", mobile, "on", "studio_default", None))
        if sms_yes:
            events.append(("marketing", "sms", mobile, "on", method, None))
    if mobile is not None:
        events.append(("all", "voice", mobile, "on", "studio_default", None))
    if home is not None:
        events.append(("all", "home", home, "on", "studio_default", None))
    return switches, events


_CLIENT_COLUMNS = ("id, first_name, last_name, name_key, sort_key, status, email, mobile, home_phone, "
                   "created_at, version, ai_outreach, ai_replies, archived, sms_off_by_stop, email_all, "
                   "email_marketing, sms_all, sms_marketing, voice_all, voice_marketing, home_all, "
                   "home_marketing")


def _on_file(connection: Any, part: list[tuple[Any, ...]], by_word: bool) -> set[tuple[Any, ...]]:
    """(name_key, email, mobile, home_phone) of the clients on file that rows of `part` may
    repeat, looked up by their most selective address: email, else mobile, else home phone,
    else name (a name alone is shared by dozens of clients in a big studio); with `by_word`
    (SQLite since migration 0010, which has no index on `client.name_key`), a name in
    `client_word`."""
    by: dict[str, set[Any]] = {"email": set(), "mobile": set(), "home_phone": set(), "name_key": set()}
    for first, last, _status, email, mobile, home, *_rest in part:
        column, value = next((c, v) for c, v in (("email", email), ("mobile", mobile), ("home_phone", home),
                                                  ("name_key", f"{first} {last}".casefold())) if v)
        by[column].add(value)
    found = set()
    for column, values in by.items():
        ordered = sorted(values)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            # `archived` is tested here, not in the WHERE: with it there, SQLite walks the
            # list's covering index (archived, …) instead of looking each value up.
            where = f"{column} IN ({', '.join('?' * len(chunk))})"
            if by_word and column == "name_key":
                where = f"id IN (SELECT client_id FROM client_word WHERE words IN ({', '.join('?' * len(chunk))}))"
            found.update(row[:4] for row in connection.execute(
                f"SELECT name_key, email, mobile, home_phone, archived FROM client WHERE {where}",
                chunk).fetchall() if not row[4])
    return found


def raw_import(connection: Any, path: Path) -> dict[str, int]:
    """The raw import (see the module's doc), into the real tables: the same rows, index
    entries and hash-chained events the app writes. {"imported", "skipped"}."""
    mark = "%s" if connection.postgres else "?"
    client_sql = f"INSERT INTO client ({_CLIENT_COLUMNS}) VALUES ({', '.join([mark] * 23)})"
    event_sql = (f"INSERT INTO consent_event ({', '.join(HASHED)}, prev_hash, hash) "
                 f"VALUES ({', '.join([mark] * 16)})")
    good, skipped = _read(path)
    # The schema's own way to index many clients at once (migration 0007), where it has it.
    pause = not connection.postgres and bool(connection.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'search_index_pause'").fetchall())
    by_word = not connection.postgres and not connection.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'client_name_key'").fetchall()
    if not connection.postgres:  # as the app imports (models/client_import.py _import_settings)
        connection.execute("PRAGMA cache_size = -65536")
        connection.execute("PRAGMA wal_autocheckpoint = 0")
    now = time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime())
    imported = 0
    for start in range(0, len(good), CHUNK):
        part = good[start:start + CHUNK]
        connection.execute("BEGIN")
        if connection.postgres:
            connection.execute("SELECT 1 FROM audit_head WHERE id = 1 FOR UPDATE")
        next_id, prev = connection.execute("SELECT last_event_id + 1, last_hash FROM audit_head").fetchone()
        on_file = _on_file(connection, part, by_word)
        mobiles = sorted({r[4] for r in part if r[4]})
        locked = {r[0] for r in connection.execute(
            f"SELECT number FROM stop_lock WHERE number IN ({', '.join([mark] * len(mobiles))})", mobiles)} if mobiles else set()
        fresh = []
        for row in part:
            key = (f"{row[0]} {row[1]}".casefold(), row[3], row[4], row[5])
            if key in on_file:
                skipped += 1
                continue
            on_file.add(key)
            fresh.append(row)
        if connection.postgres:
            ids = [r[0] for r in connection.execute(
                "SELECT nextval(pg_get_serial_sequence('client', 'id')) FROM generate_series(1, ?)", (len(fresh),))]
        else:
            first_id = (connection.execute("SELECT max(id) FROM client").fetchone()[0] or 0) + 1
            ids = list(range(first_id, first_id + len(fresh)))
        clients, words, search, events = [], [], [], []
        for client_id, row in zip(ids, fresh):
            first, last, status, email, mobile, home = row[:6]
            key, sort = f"{first} {last}".casefold().strip(), f"{last} {first}".casefold().strip()
            switches, mine = _events(row, locked)
            clients.append((client_id, first, last, key, sort, status, email, mobile, home, now, 1,
                            True, True, False, *switches))
            parts = key.split(" ")
            words += [(" ".join(parts[i:]), sort, client_id) for i in range(len(parts))]
            words += [(email, sort, client_id)] if email else []
            search.append((client_id, email or "", f"{mobile or ''} {home or ''}"))
            for switch, channel, number, new, how, note in mine:
                values = (next_id, now, "client import", None, client_id, number, channel, switch,
                          None, new, "import", how, note, None)
                digest = hashlib.sha256((prev + _encode(values)).encode("utf-8")).hexdigest()
                events.append((*values, prev, digest))
                prev, next_id = digest, next_id + 1
        if pause:
            connection.execute("INSERT INTO search_index_pause (id) VALUES (1)")
        connection.executemany(client_sql, clients)
        if pause:
            connection.execute("DELETE FROM search_index_pause")
            connection.executemany("INSERT OR IGNORE INTO client_word (words, sort_key, client_id) "
                                   "VALUES (?, ?, ?)", words)
            connection.executemany("INSERT INTO client_search (rowid, email, phones) VALUES (?, ?, ?)", search)
        connection.executemany(event_sql, events)
        connection.execute(f"UPDATE audit_head SET last_event_id = {mark}, last_hash = {mark}, "
                           f"count = count + {mark} WHERE id = 1", (next_id - 1, prev, len(events)))
        connection.execute("COMMIT")
        if not connection.postgres:  # the log into the database, after each CHUNK as the app
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        imported += len(clients)
    if not connection.postgres and pause:  # the trigram index merged as the app leaves it
        _compact(connection)  # (models/search_compaction.py)
    return {"imported": imported, "skipped": skipped}


def _compact(connection: Any, pages: int = 150) -> None:
    """FTS5's 'merge' with 'usermerge' 2, a transaction a step, until a step merges nothing."""
    connection.execute("INSERT INTO client_search (client_search, rank) VALUES ('usermerge', 2)")
    while True:
        before = connection.raw.total_changes
        connection.execute("INSERT INTO client_search (client_search, rank) VALUES ('merge', ?)", (pages,))
        if connection.raw.total_changes - before < 2:
            return


class RawConnection(Connection):
    """The baseline's connection (the app's pragmas, or psycopg2; autocommit, `?` parameters),
    with many rows in one call."""

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if not self.postgres:
            self.raw.executemany(sql, rows)
            return
        from psycopg2.extras import execute_values

        head = sql.split(" VALUES ")[0]
        execute_values(self.raw.cursor(), head + " VALUES %s", rows, page_size=1000)


# --- the run ---------------------------------------------------------------------------------------

def app_env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("OPTIN_DESK_DATABASE_URL", None)
    env["XDG_CONFIG_HOME"] = str(work / "config")
    env["XDG_DATA_HOME"] = str(work / "data")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_with_cpu(args: list[str], env: dict[str, str], what: str,
                 ok: tuple[int, ...] = (0, 2)) -> tuple[float, float, str]:
    """Run a command to its end: its wall time, its CPU time (user + system: on a machine
    shared with other work, the wall time also counts their turns), its stdout. An exit status
    not in `ok` ends the benchmark (2: `import-clients` lists the bad rows and exits 2)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok:
        sys.exit(f"{what} failed (exit {done.returncode}): {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, done.stdout


class Studio:
    """The seeded studio and its copies: SQLite files in `work`, or PostgreSQL databases."""

    def __init__(self, work: Path, url: str | None, existing: int, app_dir: str) -> None:
        self.work, self.url, self.existing, self.app_dir = work, url, existing, app_dir
        self.seeded = work / f"existing-{existing}.db"
        if url is not None:
            from urllib.parse import urlparse, urlunparse

            parsed = urlparse(url)
            self.name = parsed.path.lstrip("/")
            self._url_of = lambda name: urlunparse(parsed._replace(path=f"/{name}"))

    def location(self, copy: str | None = None) -> list[str]:
        if self.url is None:
            return ["--db", str(self.work / f"{copy}.db" if copy else self.seeded)]
        return ["--database-url", self._url_of(f"{self.name}_{copy}" if copy else self.name)]

    def _admin(self, sql: str) -> None:
        import psycopg2

        connection = psycopg2.connect(self._url_of("postgres"))
        connection.autocommit = True
        connection.cursor().execute(sql)
        connection.close()

    def seed(self, env: dict[str, str]) -> None:
        """The N clients, once: a kept SQLite file (or PostgreSQL database) is used again,
        brought up to the app's schema version first (as the app does on opening it)."""
        if self.url is None:
            exists = self.seeded.exists()
        else:
            import psycopg2

            try:
                psycopg2.connect(self.url).close()
                exists = True
            except psycopg2.OperationalError:
                self._admin(f'CREATE DATABASE "{self.name}"')
                exists = False
        if exists:
            opening = ("import sys; sys.path.insert(0, sys.argv[2]); "
                       "from models.db import open_database; open_database(sys.argv[1])")
            run_with_cpu([sys.executable, "-c", opening, self.url or f"sqlite:///{self.seeded}",
                  self.app_dir], env, "migrate")
            return
        seconds, _cpu, _ = run_with_cpu([sys.executable, str(Path(self.app_dir) / "main.py"),
                                 *self.location(), "seed", "--clients", str(self.existing)],
                                env, "seed")
        print(f"seeded {self.existing:,} clients in {seconds:.0f} s", file=sys.stderr)

    def copy(self, name: str) -> list[str]:
        if self.url is None:
            shutil.copyfile(self.seeded, self.work / f"{name}.db")
        else:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}_{name}"')
            self._admin(f'CREATE DATABASE "{self.name}_{name}" TEMPLATE "{self.name}"')
        return self.location(name)

    def drop(self, name: str) -> None:
        if self.url is None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.work / name}.db{suffix}").unlink(missing_ok=True)
        else:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}_{name}"')

    def samples(self) -> tuple[list[tuple[Any, ...]], list[str]]:
        """Clients on file and STOP-locked numbers, for the client file."""
        connection = RawConnection(None if self.url else str(self.seeded), self.url)
        on_file = connection.execute("SELECT first_name, last_name, email, mobile, home_phone "
                                     "FROM client WHERE archived = FALSE ORDER BY id LIMIT 5000").fetchall()
        locked = [row[0] for row in connection.execute("SELECT number FROM stop_lock ORDER BY number")]
        connection.raw.close()
        return on_file, locked


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "raw":
        started = time.monotonic()
        connection = RawConnection(args.db, args.database_url)
        result = raw_import(connection, Path(args.csv))
        result["seconds"] = time.monotonic() - started
        print(json.dumps(result))
        return 0
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="client-import-"))
    work.mkdir(parents=True, exist_ok=True)
    env = app_env(work)
    studio = Studio(work, args.database_url, args.existing, args.app_dir)
    studio.seed(env)
    csv_path = work / f"clients-{args.rows}.csv"
    if not csv_path.exists():
        write_client_file(csv_path, args.rows, *studio.samples())
    results: dict[str, Any] = {"existing": args.existing, "rows": args.rows,
                               "database": "postgresql" if args.database_url else "sqlite"}
    for _ in range(args.repeat):
        if not args.raw_only:
            where = studio.copy("app")
            seconds, cpu, out = run_with_cpu([sys.executable, str(Path(args.app_dir) / "main.py"), *where,
                                      "import-clients", str(csv_path)], env, "import-clients")
            studio.drop("app")
            results.setdefault("app_s", []).append(round(seconds, 2))
            results.setdefault("app_cpu_s", []).append(round(cpu, 2))
            results["app_imported"] = json.loads(out)["imported"]
        where = studio.copy("raw")
        seconds, cpu, out = run_with_cpu([sys.executable, __file__, "raw", *where, "--csv", str(csv_path)],
                                 env, "raw import")
        studio.drop("raw")
        results.setdefault("raw_s", []).append(round(seconds, 2))
        results.setdefault("raw_cpu_s", []).append(round(cpu, 2))
        results["raw_imported"] = json.loads(out)["imported"]
    report(results, args.rows)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(results: dict[str, Any], rows: int) -> None:
    """Print the runs with each side's best rate, the app ÷ raw ratios and the load."""
    for side in ("app", "raw"):
        if f"{side}_s" in results:
            results[f"{side}_rows_per_s"] = round(rows / min(results[f"{side}_s"]))
    if "app_s" in results and "raw_s" in results:
        results["ratio"] = round(min(results["app_s"]) / min(results["raw_s"]), 2)
        results["cpu_ratio"] = round(min(results["app_cpu_s"]) / min(results["raw_cpu_s"]), 2)
    results["load_average"] = os.getloadavg()
    print(json.dumps(results, indent=1))


def count(text: str) -> int:
    """A count on the command line: "100000", "100,000" or "100_000"."""
    return int(text.replace(",", "").replace("_", ""))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="benchmarks/client_import.py",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=("run", "raw"), default="run")
    parser.add_argument("--existing", type=count, default=100_000, metavar="N")
    add_run_options(parser, "the client file")
    parser.add_argument("--database-url", metavar="URL", help="PostgreSQL: the seeded database "
                        "(created if missing, kept); copies are made beside it and dropped")
    parser.add_argument("--db", help="raw: the SQLite file")
    parser.add_argument("--csv", help="raw: the client file")
    return parser


def add_run_options(parser: argparse.ArgumentParser, imported: str) -> None:
    """The options both one-path benchmarks take: rows, repeats, a kept folder, raw only, and
    another source tree to run the app from."""
    parser.add_argument("--rows", type=count, default=100_000, metavar="M")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best is kept")
    parser.add_argument("--keep", metavar="DIR", help="work here and keep the seeded database "
                        f"and {imported} for the next run")
    parser.add_argument("--raw-only", action="store_true", help="time only the raw import")
    parser.add_argument("--app-dir", default=str(REPO), metavar="DIR", help="run main.py from this "
                        "source tree (another version of the app, for a before/after)")


if __name__ == "__main__":
    sys.exit(main())
