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
  `csv`, phones and emails cleaned by hand (no phonenumbers, no email-validator), per batch of
  the app's size one SELECT of the names on file and one of the STOP-locked mobiles, then
  ``executemany`` of the clients into a table shaped like `client` (its indexes, not its
  search triggers) and of their events, hash-chained with sha256 as the app chains them, into
  a table shaped like `consent_event`; one transaction per batch.
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
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

REPO = Path(__file__).resolve().parent.parent
#: The app's rows per transaction (models/client_import.py IMPORT_CHUNK).
CHUNK = 2000
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
    from models.seed import AREA_CODES, FIRST_NAMES, LAST_NAMES

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
GENESIS = "0" * 64
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


def _copy_table(connection: Any, source: str, target: str) -> None:
    """An empty table shaped like `source`: its columns and indexes, no triggers."""
    connection.execute(f"DROP TABLE IF EXISTS {target}")
    if connection.postgres:
        connection.execute(f"CREATE TABLE {target} (LIKE {source} INCLUDING ALL)")
        return
    rows = connection.execute("SELECT type, sql FROM sqlite_master WHERE tbl_name = ? "
                              "AND type IN ('table', 'index') AND sql IS NOT NULL", (source,)).fetchall()
    for kind, sql in sorted(rows, key=lambda row: row[0] != "table"):
        sql = re.sub(r'"?\bFOREIGN KEY[^)]*\) REFERENCES "?\w+"? \("?\w+"?\),? ?', "", sql)
        sql = sql.replace(f'"{source}"', target).replace(f"{source}_", f"{target}_", 1 if kind == "index" else 0)
        connection.execute(re.sub(r",\s*\)$", ")", sql.rstrip()))


def _on_file(connection: Any, part: list[tuple[Any, ...]]) -> set[tuple[Any, ...]]:
    """(name_key, email, mobile, home_phone) of the clients on file that rows of `part` may
    repeat, looked up by their most selective address: email, else mobile, else home phone,
    else name (a name alone is shared by dozens of clients in a big studio)."""
    by: dict[str, set[Any]] = {"email": set(), "mobile": set(), "home_phone": set(), "name_key": set()}
    for first, last, _status, email, mobile, home, _sms, _method in part:
        column, value = next((c, v) for c, v in (("email", email), ("mobile", mobile), ("home_phone", home),
                                                  ("name_key", f"{first} {last}".casefold())) if v)
        by[column].add(value)
    found = set()
    for column, values in by.items():
        values = sorted(values)
        for start in range(0, len(values), 500):
            chunk = values[start:start + 500]
            found.update(connection.execute(
                "SELECT name_key, email, mobile, home_phone FROM client "
                f"WHERE {column} IN ({', '.join('?' * len(chunk))})", chunk).fetchall())
    return found


def raw_import(connection: Any, path: Path) -> dict[str, int]:
    """The raw import (see the module's doc); {"imported", "skipped"}."""
    _copy_table(connection, "client", "raw_client")
    _copy_table(connection, "consent_event", "raw_event")
    mark = "%s" if connection.postgres else "?"
    client_sql = ("INSERT INTO raw_client (first_name, last_name, name_key, sort_key, status, email, "
                  "mobile, home_phone, email_all, email_marketing, sms_all, sms_marketing, voice_all, "
                  "voice_marketing, home_all, home_marketing, ai_outreach, ai_replies, archived, "
                  f"created_at, version, sms_off_by_stop) VALUES ({', '.join([mark] * 22)})")
    event_sql = f"INSERT INTO raw_event ({', '.join(HASHED)}, prev_hash, hash) VALUES ({', '.join([mark] * 16)})"
    good, skipped = [], 0
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            try:
                first, last = " ".join(row["first_name"].split()), " ".join(row["last_name"].split())
                good.append((first, last, row["status"].strip().lower() or "prospect",
                             _email(row["email"]), _phone(row["mobile"]), _phone(row["home_phone"]),
                             row["sms_marketing"].strip().lower() == "yes", row["consent_method"] or None))
            except ValueError:
                skipped += 1
    now = time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime())
    prev, next_id, imported = GENESIS, 1, 0
    next_client = (connection.execute("SELECT max(id) FROM client").fetchone()[0] or 0) + 1
    for start in range(0, len(good), CHUNK):
        part = good[start:start + CHUNK]
        connection.execute("BEGIN")
        on_file = _on_file(connection, part)
        mobiles = sorted({r[4] for r in part if r[4]})
        locked = {r[0] for r in connection.execute(
            f"SELECT number FROM stop_lock WHERE number IN ({', '.join([mark] * len(mobiles))})", mobiles)} if mobiles else set()
        clients, events = [], []
        for first, last, status, email, mobile, home, sms_yes, method in part:
            key = f"{first} {last}".casefold()
            if (key, email, mobile, home) in on_file:
                skipped += 1
                continue
            on_file.add((key, email, mobile, home))
            client_id = next_client
            next_client += 1
            stop = mobile in locked
            sms = bool(mobile) and not stop
            clients.append((client_id, first, last, key, f"{last} {first}".casefold(), status, email,
                            mobile, home, bool(email), bool(email), sms, sms and sms_yes, bool(mobile),
                            False, bool(home), False, True, True, False, now, 1, stop))
            mine = [("client", None, None, f"added ({status})", None)]
            mine += [("all", "email", None, "on", "studio_default")] * bool(email)
            mine += [("all", "sms", mobile, "on" if sms else "off", "studio_default" if sms else None)] * bool(mobile)
            mine += [("marketing", "sms", mobile, "on", method)] * (sms and sms_yes)
            mine += [("all", "voice", mobile, "on", "studio_default")] * bool(mobile)
            mine += [("all", "home", home, "on", "studio_default")] * bool(home)
            for switch, channel, number, new, how in mine:
                values = (next_id, now, "client import", None, client_id, number, channel, switch,
                          None, new, "import", how, None, None)
                digest = hashlib.sha256((prev + _encode(values)).encode("utf-8")).hexdigest()
                events.append((*values, prev, digest))
                prev, next_id = digest, next_id + 1
        insert = ("INSERT INTO raw_client (id, " + client_sql.split("(", 1)[1].replace("VALUES (", f"VALUES ({mark}, "))
        connection.executemany(insert, clients)
        connection.executemany(event_sql, events)
        connection.execute("COMMIT")
        imported += len(clients)
    return {"imported": imported, "skipped": skipped}


class RawConnection:
    """sqlite3 (the app's pragmas) or psycopg2, autocommit, with `?` parameters either way."""

    def __init__(self, path: str | None, url: str | None) -> None:
        self.postgres = url is not None
        if url is not None:
            import psycopg2

            self.raw: Any = psycopg2.connect(url)
            self.raw.autocommit = True
            return
        from benchmarks.baseline import PRAGMAS

        self.raw = sqlite3.connect(path, isolation_level=None)
        for name, value in PRAGMAS:
            self.raw.execute(f"PRAGMA {name} = {value}")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if not self.postgres:
            return self.raw.execute(sql, params)
        cursor = self.raw.cursor()
        cursor.execute(sql.replace("?", "%s"), tuple(params))
        return cursor

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

def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("OPTIN_DESK_DATABASE_URL", None)
    env["XDG_CONFIG_HOME"] = str(work / "config")
    env["XDG_DATA_HOME"] = str(work / "data")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _run(args: list[str], env: dict[str, str], what: str) -> tuple[float, float, str]:
    """Run a command to its end: its wall time, its CPU time (user + system: on a machine
    shared with other work, the wall time also counts their turns), its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 2):  # 2: the app lists the bad rows and exits 2
        sys.exit(f"{what} failed (exit {done.returncode}): {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, done.stdout


class Studio:
    """The seeded studio and its copies: SQLite files in `work`, or PostgreSQL databases."""

    def __init__(self, work: Path, url: str | None, existing: int) -> None:
        self.work, self.url, self.existing = work, url, existing
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
        """The N clients, once: a kept SQLite file (or PostgreSQL database) is used again."""
        if self.url is None:
            if self.seeded.exists():
                return
        else:
            import psycopg2

            try:
                psycopg2.connect(self.url).close()
                return
            except psycopg2.OperationalError:
                self._admin(f'CREATE DATABASE "{self.name}"')
        seconds, _cpu, _ = _run([sys.executable, "main.py", *self.location(), "seed", "--clients",
                           str(self.existing)], env, "seed")
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
    env = _env(work)
    studio = Studio(work, args.database_url, args.existing)
    studio.seed(env)
    csv_path = work / f"clients-{args.rows}.csv"
    if not csv_path.exists():
        write_client_file(csv_path, args.rows, *studio.samples())
    results: dict[str, Any] = {"existing": args.existing, "rows": args.rows,
                               "database": "postgresql" if args.database_url else "sqlite"}
    for _ in range(args.repeat):
        if not args.raw_only:
            where = studio.copy("app")
            seconds, cpu, out = _run([sys.executable, "main.py", *where, "import-clients",
                                      str(csv_path)], env, "import-clients")
            studio.drop("app")
            results.setdefault("app_s", []).append(round(seconds, 2))
            results.setdefault("app_cpu_s", []).append(round(cpu, 2))
            results["app_imported"] = json.loads(out)["imported"]
        where = studio.copy("raw")
        seconds, cpu, out = _run([sys.executable, __file__, "raw", *where, "--csv", str(csv_path)],
                                 env, "raw import")
        studio.drop("raw")
        results.setdefault("raw_s", []).append(round(seconds, 2))
        results.setdefault("raw_cpu_s", []).append(round(cpu, 2))
        results["raw_imported"] = json.loads(out)["imported"]
    for side in ("app", "raw"):
        if f"{side}_s" in results:
            best = min(results[f"{side}_s"])
            results[f"{side}_rows_per_s"] = round(args.rows / best)
    if "app_s" in results:
        results["ratio"] = round(min(results["app_s"]) / min(results["raw_s"]), 2)
        results["cpu_ratio"] = round(min(results["app_cpu_s"]) / min(results["raw_cpu_s"]), 2)
    results["load_average"] = os.getloadavg()
    print(json.dumps(results, indent=1))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _count(text: str) -> int:
    return int(text.replace(",", "").replace("_", ""))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="benchmarks/client_import.py",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", choices=("run", "raw"), default="run")
    parser.add_argument("--existing", type=_count, default=100_000, metavar="N")
    parser.add_argument("--rows", type=_count, default=100_000, metavar="M")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best is kept")
    parser.add_argument("--keep", metavar="DIR", help="work here and keep the seeded database "
                        "and the client file for the next run")
    parser.add_argument("--database-url", metavar="URL", help="PostgreSQL: the seeded database "
                        "(created if missing, kept); copies are made beside it and dropped")
    parser.add_argument("--db", help="raw: the SQLite file")
    parser.add_argument("--csv", help="raw: the client file")
    parser.add_argument("--raw-only", action="store_true", help="time only the raw import")
    return parser


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
