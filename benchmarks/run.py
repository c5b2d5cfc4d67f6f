"""Opt-In Desk's benchmark: the speed targets of DESIGN §6, measured where a person feels them.

    python benchmarks/run.py [--clients 100000] [--messages 100000] [--json FILE] [--keep DIR]

It seeds a fresh database (`main.py seed`, about ten consent events per client) in a temporary
folder, then measures, with Qt offscreen on a 1920×1080 screen:

seed_s, seed_cpu_s  `main.py seed`: wall time, and CPU time (user + system, the Python side
                    only on PostgreSQL), which a busy machine does not change
startup_s           process start → sign-in dialog on screen (benchmarks/gui_probe.py runs
                    main.main() and the real ui.app.run_app; median of 3 processes)
signin_to_list_s    click on Sign in (the PIN check included) → main window painted with its
                    list filled (median of 3)
search_p50/p95_ms   40 keystroke queries → ClientListModel.set_query() + the list painted (the
                    view reads the rows it shows as it paints them; no debounce)
profile_p50/p95_ms  200 clients → ClientProfileView.show_client() + events processed until
                    none is left (the profile painted and its layout settled)
switch_p50/p95_ms   200 models.consent.set_switch() calls, event committed (synchronous=FULL)
import_msgs_per_s   `main.py import-messages` of a Twilio log on a copy of the seeded
                    database (wall time, process start included)
audience_ms         models.consent.audience("sms", "campaign"), median of 5
rss_mb              peak resident memory (VmHWM) of the GUI process that ran the above
settle_stall_ms     the longest the GUI's event loop was blocked after the list painted, for a
                    second and until the filter counts (counted on a worker thread) arrived;
                    DESIGN asks no stall longer than a frame
baseline            the same searches, audience count and message inserts with raw sqlite3
                    (benchmarks/baseline.py), and how many times longer ours takes

It prints a table (metric, value, DESIGN §6 target, pass/fail) and writes the numbers to
--json. Nothing here is asserted: a missed target is reported, not raised. Temporary files
are removed at the end, unless --keep names a folder to build in and keep.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, NoReturn, Sequence

try:
    import resource
except ImportError:  # Windows: the seed's CPU time is reported as 0
    resource = None  # type: ignore[assignment]
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# Imported once the repository is on the path (this file runs as a script).
from benchmarks.gui_probe import percentile
from models.consent import CONSENT_METHODS
from models.seed import CHATTER, DEMO_STAFF, REVIEW_TEXTS

PROG = "benchmark"
MAIN = REPO / "main.py"
PROBE = Path(__file__).resolve().parent / "gui_probe.py"
BASELINE = Path(__file__).resolve().parent / "baseline.py"

DEFAULT_CLIENTS = 100_000
DEFAULT_MESSAGES = 100_000
STARTUP_RUNS = 3
SEARCH_QUERIES = 40
PROFILE_CLIENTS = 200
SWITCH_CHANGES = 200
#: The workload is random but the same every run.
RNG_SEED = 20261126
#: The front desk's screen; the offscreen platform's own is 800×800.
SCREEN = {"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "dpr": 1}
STUDIO_NUMBER = "+12125550100"
#: Staff member the GUI signs in as: the front desk's role.
SIGN_IN_AS = "Demo Employee"
#: The whole run's budget on 2 cores (the issue's limit) at 100,000 clients; exceeding it is
#: reported. Each stage may take STAGE_TIMEOUT_S, or 1.8 ms a client with more (a million
#: clients seed in 2–4 minutes on a quiet 2-core machine; the limit leaves room for a busy one).
BUDGET_S = 300.0
STAGE_TIMEOUT_S = 240.0
STAGE_S_PER_CLIENT = 0.0018

#: Inbound texts of the message log, with how often each kind comes.
_OPT_OUT_TEXTS = ("STOP", "stop", "Stop.", "UNSUBSCRIBE", "STOP ALL", "cancel", "Quit")
_OPT_IN_TEXTS = ("START", "Start", "UNSTOP")
_HELP_TEXTS = ("HELP", "help", "INFO")
_MESSAGE_MIX = ((0.06, _OPT_OUT_TEXTS), (0.04, _OPT_IN_TEXTS), (0.03, _HELP_TEXTS),
                (0.03, REVIEW_TEXTS), (1.0, CHATTER))


class BenchmarkError(Exception):
    """A stage of the benchmark could not run; the message is one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message}\n")


def _count(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 5_000_000:
        raise argparse.ArgumentTypeError(f"{text!r} must be between 1 and 5,000,000")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The benchmark's command line."""
    parser = _Parser(prog="benchmarks/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=_count, default=DEFAULT_CLIENTS, metavar="N",
                        help=f"clients to seed (default {DEFAULT_CLIENTS:,})")
    parser.add_argument("--messages", type=_count, default=DEFAULT_MESSAGES, metavar="N",
                        help=f"inbound rows in the message log (default {DEFAULT_MESSAGES:,})")
    parser.add_argument("--json", metavar="FILE", help="write the results here")
    parser.add_argument("--keep", metavar="DIR", help="build in this folder and keep it (and "
                        "on PostgreSQL the two databases)")
    parser.add_argument("--database-url", metavar="URL",
                        help="run on PostgreSQL: the benchmark creates this database (it must "
                        "not exist) and URL_import beside it, and drops both at the end")
    parser.add_argument("--profile", metavar="DIR",
                        help="write a cProfile file per GUI phase here (slows those phases)")
    return parser


# --- targets and the table --------------------------------------------------------------------------

#: From this many clients on, DESIGN §6's targets for a million clients apply; below it, the
#: first targets (100,000 clients).
LARGE_SCALE = 1_000_000


@dataclass(frozen=True, slots=True)
class Target:
    """One row of the table: a result key, its unit, and DESIGN §6's bounds if it has them:
    `bound` for 100,000 clients, `large` for a million (None: the same as `bound`)."""

    key: str
    unit: str
    bound: float | None = None
    #: "<": the value must stay below the bound; ">": above it.
    op: str = "<"
    note: str = ""
    large: float | None = None

    def bound_for(self, clients: int) -> float | None:
        if clients >= LARGE_SCALE and self.large is not None:
            return self.large
        return self.bound

    def describe(self, clients: int) -> str:
        bound = self.bound_for(clients)
        if bound is None:
            return "—"
        return f"{self.op} {bound:g}{'×' if self.unit == '×' else ' ' + self.unit}"

    def passed(self, value: float, clients: int) -> bool | None:
        bound = self.bound_for(clients)
        if bound is None:
            return None
        return value < bound if self.op == "<" else value > bound


TARGETS = (
    Target("seed_s", "s", note="main.py seed, wall time (not a DESIGN target)"),
    Target("seed_cpu_s", "s", note="the same, CPU time (user + system): what load does not change"),
    Target("startup_s", "s", 1.5, large=0.5, note="process start → sign-in dialog on screen"),
    Target("signin_to_list_s", "s", 1.5, note="Sign in clicked → list painted (DESIGN: a usable window)"),
    Target("search_p50_ms", "ms"),
    Target("search_p95_ms", "ms", 30, large=16),
    Target("profile_p50_ms", "ms"),
    Target("profile_p95_ms", "ms", 50, large=16),
    Target("switch_p50_ms", "ms"),
    Target("switch_p95_ms", "ms", 20, large=5),
    Target("import_msgs_per_s", "msg/s", 5000, ">", large=50_000),
    Target("audience_ms", "ms", 200, large=50),
    Target("rss_mb", "MB", 300, large=250),
    Target("settle_stall_ms", "ms", large=16,
           note="GUI blocked by work deferred past the first paint (DESIGN: not over a frame)"),
    Target("baseline.search_p95_ms", "ms"),
    Target("baseline.search_p95_ratio", "×", 3, note="ours ÷ raw SQL (sqlite3 or psycopg2)"),
    Target("baseline.audience_ms", "ms"),
    Target("baseline.audience_ratio", "×", 3, large=2, note="ours ÷ raw SQL (sqlite3 or psycopg2)"),
    Target("baseline.import_msgs_per_s", "msg/s"),
    Target("baseline.import_ratio", "×", 3, large=2, note="our time ÷ raw SQL's"),
)
#: The keys every run writes, nested keys with a dot (the smoke test checks them).
RESULT_KEYS = tuple(target.key for target in TARGETS)


def lookup(results: dict[str, Any], key: str) -> Any:
    """`results["a"]["b"]` for key "a.b"."""
    value: Any = results
    for part in key.split("."):
        value = value[part]
    return value


def _format(value: float, unit: str) -> str:
    if unit in ("msg/s",):
        return f"{value:,.0f} {unit}"
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "s":
        return f"{value:.3f} s"
    return f"{value:,.1f} {unit}"


def format_table(results: dict[str, Any]) -> str:
    """The results as an aligned text table, against the targets for their number of clients."""
    clients = results["clients"]
    rows = [("metric", "value", "target", "result", "")]
    for target in TARGETS:
        value = lookup(results, target.key)
        passed = target.passed(value, clients)
        verdict = "—" if passed is None else ("pass" if passed else "FAIL")
        rows.append((target.key, _format(value, target.unit), target.describe(clients), verdict,
                     target.note))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        lines.append("  ".join(cell.rjust(widths[i]) if i == 1 else cell.ljust(widths[i])
                               for i, cell in enumerate(row)).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths[:-1]))
    return "\n".join(lines)


# --- the workload --------------------------------------------------------------------------------

def _keystrokes(first: str, last: str, mobile: str, email: str) -> list[str]:
    """What a person types, letter by letter, to find one client by name, phone or email."""
    first, last = first.casefold(), last.casefold()
    area, exchange, line = mobile[2:5], mobile[5:8], mobile[8:]
    local = email.split("@", 1)[0]
    typed = [first[:size] for size in range(1, min(len(first), 4) + 1)]  # d, da, dan, dana
    typed += [f"{first} {last[:1]}", f"{first} {last[:2]}"]  # dana r, dana re
    typed += [area, f"({area}) {exchange[:1]}", f"{area}-{exchange[:2]}", f"+1 {area}",
              f"{exchange}-{line}"]
    typed += [local.split(".", 1)[0] + ".", "@example"]
    typed += [last[:size] for size in range(1, min(len(last), 3) + 1)]
    return typed


def make_plan(store: "Store", rng: random.Random) -> dict[str, Any]:
    """The GUI probe's workload, read from the seeded database with plain sqlite3 or psycopg2."""
    connection = store.reader()
    try:
        staff = connection.execute("SELECT id FROM staff WHERE name = ?", (SIGN_IN_AS,)).fetchone()
        if staff is None:
            raise BenchmarkError(f"the seeded database has no staff member {SIGN_IN_AS!r}")
        pin = {name: pin for name, _role, pin in DEMO_STAFF}[SIGN_IN_AS]
        findable = connection.execute(
            "SELECT first_name, last_name, mobile, email FROM client WHERE archived = FALSE "
            "AND mobile LIKE '+1__________' AND email IS NOT NULL ORDER BY id").fetchall()
        active = [row[0] for row in connection.execute(
            "SELECT id FROM client WHERE archived = FALSE ORDER BY id")]
        switchable = [row[0] for row in connection.execute(
            "SELECT id FROM client WHERE archived = FALSE AND mobile IS NOT NULL AND sms_all = TRUE "
            "AND sms_marketing = FALSE AND mobile NOT IN (SELECT number FROM stop_lock) ORDER BY id")]
    finally:
        connection.close()
    if not findable or not active or not switchable:
        raise BenchmarkError("the seeded database is too small to plan the benchmark")
    queries: list[str] = []
    while len(queries) < SEARCH_QUERIES:
        queries += _keystrokes(*rng.choice(findable))
    queries = queries[:SEARCH_QUERIES]
    if len(active) >= PROFILE_CLIENTS:
        profile_ids = rng.sample(active, PROFILE_CLIENTS)
    else:
        profile_ids = rng.choices(active, k=PROFILE_CLIENTS)
    targets = rng.sample(switchable, min(len(switchable), SWITCH_CHANGES // 2))
    switches = []
    for step in range(SWITCH_CHANGES // 2):
        client = targets[step % len(targets)]
        switches.append({"client": client, "channel": "sms", "switch": "marketing", "on": True,
                         "method": rng.choice(list(CONSENT_METHODS))})
        switches.append({"client": client, "channel": "sms", "switch": "marketing", "on": False})
    return {"staff": {"id": staff[0], "pin": pin}, "queries": queries,
            "profile_ids": profile_ids, "switches": switches}


def write_message_log(store: "Store", path: Path, count: int, rng: random.Random) -> None:
    """A Twilio message-log export of `count` inbound texts from the clients' mobiles, newest
    first as the console exports it: STOP, START, HELP, chatter and review-looking texts."""
    connection = store.reader()
    try:
        numbers = [row[0] for row in connection.execute(
            "SELECT DISTINCT mobile FROM client WHERE mobile IS NOT NULL ORDER BY mobile")]
    finally:
        connection.close()
    if not numbers:
        raise BenchmarkError("the seeded database has no mobile numbers to text from")
    moment = datetime.now(timezone.utc) - timedelta(days=2)
    rows = []
    for _ in range(count):
        moment += timedelta(seconds=rng.randrange(0, 3))
        roll = rng.random()
        for share, texts in _MESSAGE_MIX:
            if roll < share:
                body = rng.choice(texts)
                break
            roll -= share
        rows.append((rng.choice(numbers), STUDIO_NUMBER, body, "received",
                     moment.strftime("%Y-%m-%d %H:%M:%S +0000"), "inbound",
                     "SM" + uuid.UUID(int=rng.getrandbits(128)).hex))
    rows.reverse()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("From", "To", "Body", "Status", "SentDate", "Direction", "Sid"))
        writer.writerows(rows)


# --- where the studio is ------------------------------------------------------------------------------

class Store:
    """The seeded database and the copy the message log is imported into: two SQLite files in
    the work folder, or two databases on a PostgreSQL server that the benchmark creates."""

    def __init__(self, work: Path, url: str | None) -> None:
        self.url = url
        self.db = work / "studio.db"
        self.import_db = work / "import.db"
        self.import_url = None
        self._made: list[str] = []
        if url is not None:
            parsed = urlparse(url)
            self.name = parsed.path.lstrip("/")
            if parsed.scheme not in ("postgres", "postgresql") or not self.name:
                raise BenchmarkError(f"--database-url {url}: a postgresql://…/DATABASE URL is needed")
            self.import_url = urlunparse(parsed._replace(path=f"/{self.name}_import"))
            self._server = urlunparse(parsed._replace(path="/postgres"))

    def describe(self) -> str:
        return str(self.db) if self.url is None else self.url

    def location(self, *, for_import: bool = False) -> list[str]:
        """main.py's (and the probe's and baseline's) arguments naming the database."""
        if self.url is None:
            return ["--db", str(self.import_db if for_import else self.db)]
        return ["--database-url", str(self.import_url if for_import else self.url)]

    def create(self) -> None:
        """PostgreSQL: create the (new, empty) database the seed goes into."""
        if self.url is not None:
            self._admin(f'CREATE DATABASE "{self.name}"')
            self._made.append(self.name)

    def copy_for_import(self) -> None:
        """The seeded state, for the import: a file copy, or a database made from it."""
        if self.url is None:
            shutil.copyfile(self.db, self.import_db)  # closed: no WAL left
            # On disk before the import is timed: a 4 GB copy still being written back slowed
            # the import's own fsyncs up to twofold at 1,000,000 clients.
            if hasattr(os, "sync"):
                os.sync()
            return
        self._admin(f'CREATE DATABASE "{self.name}_import" TEMPLATE "{self.name}"')
        self._made.append(f"{self.name}_import")

    def drop(self) -> None:
        """PostgreSQL: drop the databases this run made."""
        for name in reversed(self._made):
            self._admin(f'DROP DATABASE IF EXISTS "{name}"')
        self._made.clear()

    def reader(self) -> Any:
        """A read-only connection with sqlite3's `execute` (``?`` parameters)."""
        if self.url is None:
            return sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        from benchmarks.baseline import connect as baseline_connect

        return baseline_connect(None, self.url)

    def _admin(self, sql: str) -> None:
        import psycopg2

        try:
            connection = psycopg2.connect(self._server)
        except psycopg2.Error as error:
            raise BenchmarkError(f"cannot reach {self._server}: {_tail(str(error))}") from None
        connection.autocommit = True
        try:
            connection.cursor().execute(sql)
        except psycopg2.Error as error:
            raise BenchmarkError(f"{sql}: {_tail(str(error))}") from None
        finally:
            connection.close()


# --- running the stages ----------------------------------------------------------------------------

def child_env(work: Path) -> dict[str, str]:
    """The children's environment: Qt offscreen on the benchmark's screen, and the app's
    settings and log kept in the work folder (the person's own are not touched)."""
    screen = work / "screen.json"
    screen.write_text(json.dumps({"screens": [SCREEN]}), encoding="utf-8")
    env = dict(os.environ)
    env.pop("OPTIN_DESK_DATABASE_URL", None)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    env["XDG_CONFIG_HOME"] = str(work / "config")
    env["XDG_DATA_HOME"] = str(work / "data")
    # Bytecode is written as an installed app has it: without, every start compiled the app's
    # modules again (50–70 ms of each start-up measured).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _tail(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def stage_timeout(clients: int) -> float:
    """How long one stage may take with this many clients."""
    return max(STAGE_TIMEOUT_S, clients * STAGE_S_PER_CLIENT)


def run_timed(args: Sequence[str], env: dict[str, str], what: str,
              timeout: float = STAGE_TIMEOUT_S) -> tuple[float, str]:
    """Run a command to its end; return its wall time and stdout. Raises BenchmarkError."""
    started = time.monotonic()
    try:
        done = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise BenchmarkError(f"{what} took longer than {timeout:.0f} s") from None
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        raise BenchmarkError(f"{what} failed (exit {done.returncode}): {_tail(done.stderr)}")
    return elapsed, done.stdout


def run_probe(store: Store, plan: Path, out: Path, phases: str, env: dict[str, str],
              profile_dir: str | None, timeout: float = STAGE_TIMEOUT_S) -> dict[str, Any]:
    """One GUI process: start-up time seen from here, the rest from its JSON."""
    args = [sys.executable, str(PROBE), *store.location(), "--plan", str(plan), "--out", str(out),
            "--phases", phases]
    if profile_dir:
        args += ["--profile-dir", profile_dir]
    started = time.monotonic()
    process = subprocess.Popen(args, env=env, cwd=REPO, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise BenchmarkError(f"the GUI probe took longer than {timeout:.0f} s") from None
    if process.returncode != 0:
        raise BenchmarkError(f"the GUI probe failed (exit {process.returncode}): {_tail(stderr)}")
    shown = [line.split()[1] for line in stdout.splitlines() if line.startswith("shown ")]
    if not shown:
        raise BenchmarkError("the GUI probe never reported the sign-in dialog")
    results = json.loads(out.read_text(encoding="utf-8"))
    results["startup_s"] = float(shown[0]) - started
    return results


def _children_cpu_s() -> float:
    """CPU time (user + system) of the finished child processes so far; on PostgreSQL the
    server's share of the seed is not in it."""
    if resource is None:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> list[float]:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return []


def benchmark(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Every stage, in order; the results dictionary. On PostgreSQL the databases it made are
    dropped at the end (unless --keep)."""
    store = Store(work, args.database_url)
    store.create()
    try:
        return _stages(args, work, store)
    finally:
        if not args.keep:
            store.drop()


def _stages(args: argparse.Namespace, work: Path, store: Store) -> dict[str, Any]:
    rng = random.Random(RNG_SEED)
    env = child_env(work)
    run_started = time.monotonic()
    loads: dict[str, list[float]] = {"start": _load()}
    log = work / "messages.csv"
    plan_file = work / "plan.json"

    say(f"seeding {args.clients:,} clients into {store.describe()} …")
    cpu_before = _children_cpu_s()
    seed_s, seed_out = run_timed([sys.executable, str(MAIN), "seed", "--clients", str(args.clients),
                                  *store.location()], env, "main.py seed",
                                 stage_timeout(args.clients))
    seed_cpu_s = _children_cpu_s() - cpu_before
    seeded = json.loads(seed_out)
    say(f"  {seeded['clients']:,} clients, {seeded['events']:,} events in {seed_s:.1f} s "
        f"({seed_cpu_s:.1f} s of CPU; load average {_load()})")
    store.copy_for_import()
    plan = make_plan(store, rng)
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    write_message_log(store, log, args.messages, rng)
    loads["seeded"] = _load()

    probes = []
    for run in range(STARTUP_RUNS):
        last = run == STARTUP_RUNS - 1
        say(f"GUI run {run + 1}/{STARTUP_RUNS}{' with search, profile, switch, audience' if last else ''} …")
        probes.append(run_probe(store, plan_file, work / f"probe{run}.json", "all" if last else "signin",
                                env, str(Path(args.profile).resolve()) if last and args.profile else None,
                                stage_timeout(args.clients)))
        say(f"  sign-in dialog after {probes[-1]['startup_s']:.3f} s, list after "
            f"{probes[-1]['signin_to_list_s']:.3f} s")
    full = probes[-1]
    loads["gui"] = _load()

    say(f"importing {args.messages:,} inbound texts (main.py import-messages) …")
    import_s, import_out = run_timed([sys.executable, str(MAIN), "import-messages", str(log),
                                      *store.location(for_import=True)], env,
                                     "main.py import-messages", stage_timeout(args.clients))
    summary = json.loads(import_out)
    if summary.get("inbound") != args.messages or summary.get("bad_rows"):
        raise BenchmarkError(f"import-messages processed {summary.get('inbound')} of "
                             f"{args.messages} texts ({len(summary.get('bad_rows') or [])} bad rows)")
    loads["import"] = _load()

    say(f"raw {'psycopg2' if args.database_url else 'sqlite3'} baseline …")
    queries_file = work / "queries.json"
    queries_file.write_text(json.dumps(plan["queries"]), encoding="utf-8")
    _, baseline_out = run_timed([sys.executable, str(BASELINE), "queries", *store.location(),
                                 "--queries", str(queries_file)], env, "baseline queries",
                                 stage_timeout(args.clients))
    base = json.loads(baseline_out)
    base_import_s, _ = run_timed([sys.executable, str(BASELINE), "import",
                                  *store.location(for_import=True), "--csv", str(log)], env,
                                 "baseline import", stage_timeout(args.clients))
    loads["end"] = _load()

    results: dict[str, Any] = {
        "clients": args.clients,
        "messages": args.messages,
        "database": "postgresql" if args.database_url else "sqlite",
        "seed_s": seed_s,
        "seed_cpu_s": seed_cpu_s,
        "startup_s": statistics.median(p["startup_s"] for p in probes),
        "signin_to_list_s": statistics.median(p["signin_to_list_s"] for p in probes),
    }
    for key in ("search_p50_ms", "search_p95_ms", "profile_p50_ms", "profile_p95_ms",
                "switch_p50_ms", "switch_p95_ms", "audience_ms", "rss_mb", "settle_stall_ms"):
        results[key] = full[key]
    results["import_msgs_per_s"] = args.messages / import_s
    base_search_p95 = percentile(base["search_ms"], 0.95)
    base_import_rate = args.messages / base_import_s
    results["baseline"] = {
        "search_p50_ms": statistics.median(base["search_ms"]),
        "search_p95_ms": base_search_p95,
        "audience_ms": base["audience_ms"],
        "import_msgs_per_s": base_import_rate,
        "search_p95_ratio": full["search_p95_ms"] / base_search_p95,
        "audience_ratio": full["audience_ms"] / base["audience_ms"],
        "import_ratio": base_import_rate / results["import_msgs_per_s"],
    }
    results["checks"] = {
        "search_counts_agree": full["search_counts"] == base["search_counts"],
        "audience_agrees": full["audience_allowed"] + full["audience_held"] == base["audience_count"],
        "import_summary": summary["actions"],
        "import_consent_changes": summary["consent_changes"],
    }
    results["details"] = {
        "seed_s": seed_s,
        "seeded": seeded,
        "startup_runs_s": [p["startup_s"] for p in probes],
        "signin_runs_s": [p["signin_to_list_s"] for p in probes],
        "signin_pin_check_s": [p["signin_pin_check_s"] for p in probes],
        "deferred_before_list_ms": [p["deferred_before_list_ms"] for p in probes],
        "deferred_calls": full["deferred_calls"],
        "counts_after_paint_s": full.get("counts_after_paint_s"),
        "list_rows": full["list_rows"],
        "window_size": full["window_size"],
        "rss_peak_after_mb": full["rss_peak_after_mb"],
        "queries": plan["queries"],
        "search_ms": full["search_ms"],
        "search_counts": full["search_counts"],
        "search_model_ms": full["search_model_ms"],
        "search_model_p95_ms": percentile(full["search_model_ms"], 0.95),
        "baseline_search_ms": base["search_ms"],
        "profile_ms": full["profile_ms"],
        "switch_ms": full["switch_ms"],
        "audience_samples_ms": full["audience_samples_ms"],
        "baseline_audience_samples_ms": base["audience_samples_ms"],
        "audience": {"allowed": full["audience_allowed"], "held": full["audience_held"],
                     "baseline_count": base["audience_count"]},
        "import_s": import_s,
        "baseline_import_s": base_import_s,
    }
    results["machine"] = {
        "nproc": os.cpu_count(),
        "loadavg": loads,
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "total_s": time.monotonic() - run_started,
    }
    return results


def say(text: str) -> None:
    """Progress, on stderr: stdout is the table."""
    print(text, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the table; write --json. Exit 1 if a stage failed."""
    args = build_parser().parse_args(argv)
    if args.json and not Path(args.json).resolve().parent.is_dir():
        print(f"{PROG}: error: --json {args.json}: its folder does not exist", file=sys.stderr)
        return 2
    if args.keep:
        work = Path(args.keep).resolve()
        if work.exists() and (not work.is_dir() or any(work.iterdir())):
            print(f"{PROG}: error: --keep {args.keep}: not an empty folder", file=sys.stderr)
            return 2
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="optin-bench-"))
    try:
        results = benchmark(args, work)
    except BenchmarkError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    machine = results["machine"]
    print(format_table(results))
    checks = results["checks"]
    print(f"\n{args.clients:,} clients, {results['details']['seeded']['events']:,} events "
          f"on {results['database']} (baseline: raw "
          f"{'psycopg2' if args.database_url else 'sqlite3'}); "
          f"{machine['nproc']} CPUs; load average (1/5/15 min) at start "
          f"{machine['loadavg']['start']}, at end {machine['loadavg']['end']}; "
          f"whole run {machine['total_s']:.0f} s")
    if not checks["search_counts_agree"] or not checks["audience_agrees"]:
        print("warning: the baseline's results differ from the app's (search counts or audience)")
    budget = BUDGET_S * max(1.0, args.clients / DEFAULT_CLIENTS)
    if machine["total_s"] > budget:
        print(f"warning: the run took longer than its {budget:.0f} s budget")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
