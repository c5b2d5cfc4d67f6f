"""The reliability suite (issue 9): crash test, STOP/START-versus-staff race, bad-input sweep.

    python scripts/reliability.py --kills 500 --race-steps 10000 --backend sqlite
    python scripts/reliability.py --kills 500 --race-steps 10000 --backend postgresql \\
        --database-url postgresql://postgres@127.0.0.1:55433/optin_reliability

- Crash test: writer processes make random changes (switches on and off, STOP and START texts,
  clients added and imported, mobiles changed) and print one line after each commit; they are
  killed with SIGKILL at random moments and replaced. Then: `PRAGMA integrity_check` (SQLite),
  the hash chain (`verify-audit`), each client's switches equal to their newest events, no
  STOP-locked number with a client whose SMS All is on, and every write reported as committed
  present.
- Race: another process texts STOP and START in turn while staff turn SMS All off and on for
  the number's clients; after every staff attempt no locked number may have SMS All on.
- Sweep: awkward files (encodings, separators, duplicate columns, huge fields, NUL bytes,
  invisible characters in keywords) through `import-clients`, `import-messages` and `inbound`:
  each must end in a one-line error (exit 2), bad rows listed, or the right change — never a
  traceback, never a silent wrong change.

Prints a JSON summary; exit 0 when nothing was violated, 1 otherwise. The PostgreSQL database
given is wiped (its public schema dropped) before each part.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NUMBERS = [f"+1555555{n:04d}" for n in range(1000, 1006)]
LOCKED_WITH_SMS_ON = ("SELECT client.id FROM client JOIN stop_lock ON stop_lock.number = client.mobile "
                      "WHERE client.sms_all")


# --- the database ---------------------------------------------------------------------------

def fresh_database(url: str) -> None:
    """An empty, migrated database at `url` with an owner and a few clients on NUMBERS, closed."""
    from models import db
    from models.clients import add_client, make_draft
    from models.staff import create_staff

    path = db.sqlite_path(url)
    if path is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    else:
        raw = db.connect(url)
        raw.connect()
        raw.execute_sql("DROP SCHEMA public CASCADE")
        raw.execute_sql("CREATE SCHEMA public")
        raw.close()
    db.open_database(url)
    owner = create_staff(None, "Olive Owner", "owner", "2468")
    for i in range(12):
        add_client(owner, make_draft(f"Seed{i}", "Client", email=f"seed{i}@example.com",
                                     mobile=NUMBERS[i % len(NUMBERS)]))
    db.close_database()


def check_database(url: str, committed: dict[str, set[Any]] | None = None) -> list[str]:
    """Every invariant the suite holds the database to; the list of what broke."""
    from models import db
    from models.audit import verify_chain
    from models.consent import field_name
    from models.rules import CHANNELS, Switch
    from models.schema import Client, ConsentEvent, InboundMessage

    problems: list[str] = []
    path = db.sqlite_path(url)
    if path is not None:
        with contextlib.closing(sqlite3.connect(path)) as raw:
            result = raw.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            problems.append(f"integrity_check: {result[:3]}")
    db.open_database(url)
    try:
        check = verify_chain()
        if not check.ok:
            problems.append(f"verify-audit: {check.problem}")
        newest: dict[tuple[int, str, str], str] = {}
        for client_id, channel, switch, new in (
                ConsentEvent.select(ConsentEvent.client, ConsentEvent.channel, ConsentEvent.switch,
                                    ConsentEvent.new)
                .where(ConsentEvent.client.is_null(False) & ConsentEvent.switch.in_(["all", "marketing"]))
                .order_by(ConsentEvent.id).tuples()):
            newest[(client_id, channel, switch)] = new
        for client in Client.select():
            for channel in CHANNELS:
                for switch in (Switch.ALL, Switch.MARKETING):
                    stored = getattr(client, field_name(channel, switch))
                    event = newest.get((client.id, channel.value, switch.value), "off")
                    if stored != (event == "on"):
                        problems.append(f"client {client.id} {channel.value} {switch.value}: stored "
                                        f"{stored}, newest event says {event}")
        bad = [row[0] for row in db.database.execute_sql(LOCKED_WITH_SMS_ON).fetchall()]
        if bad:
            problems.append(f"STOP-locked number with SMS All on: clients {bad}")
        if committed:
            missing_events = committed["event"] - {e.id for e in ConsentEvent.select(ConsentEvent.id)}
            missing_sids = committed["sid"] - {m.sid for m in InboundMessage.select(InboundMessage.sid)}
            missing_clients = committed["client"] - {c.id for c in Client.select(Client.id)}
            for kind, missing in (("events", missing_events), ("texts", missing_sids),
                                  ("clients", missing_clients)):
                if missing:
                    problems.append(f"committed {kind} missing: {sorted(missing)[:10]}")
    finally:
        db.close_database()
    return problems


# --- crash test -------------------------------------------------------------------------------

def worker(url: str, seed: int, folder: str) -> None:
    """Random writes until killed; one line on stdout after each commit."""
    from models import client_import, db
    from models.client_import import import_clients
    from models.clients import add_client, make_draft, update_addresses
    from models.consent import set_switch
    from models.errors import OptInDeskError
    from models.inbound import process_inbound
    from models.schema import Client
    from models.staff import list_staff

    client_import.IMPORT_CHUNK = 4  # several batches per file: killed between and inside them
    db.open_database(url)
    owner = list_staff()[0]
    rng = random.Random(seed)
    print("ready", flush=True)
    for i in range(1_000_000):
        op = rng.choice(["switch", "switch", "switch", "inbound", "inbound", "add", "import", "mobile"])
        ids = [c.id for c in Client.select(Client.id)]
        try:
            if op == "switch":
                on = rng.random() < 0.5
                change = set_switch(owner, rng.choice(ids), rng.choice(["sms", "email", "voice"]),
                                    rng.choice(["all", "marketing"]), on,
                                    method="in_person" if on else None)
                print(*(f"event {e}" for e in change.event_ids), sep="\n", flush=True)
            elif op == "inbound":
                sid = f"w{seed}-{i}"
                process_inbound(rng.choice(NUMBERS), rng.choice(["STOP", "START", "stop", "Start"]), sid=sid)
                print(f"sid {sid}", flush=True)
            elif op == "add":
                change = add_client(owner, make_draft(f"Added{seed}", f"N{i}", mobile=rng.choice(NUMBERS),
                                                      email=f"a{seed}-{i}@example.com"))
                print(f"client {change.client_ids[0]}", flush=True)
            elif op == "import":
                path = Path(folder) / f"import-{seed}-{i}.csv"
                rows = [f"Imp{seed}-{i}-{k},Family,,{rng.choice(NUMBERS)},,member" for k in range(10)]
                path.write_text("first_name,last_name,email,mobile,home_phone,status\n"
                                + "\n".join(rows) + "\n", encoding="utf-8")
                summary = import_clients(path)
                print(*(f"client {c}" for c in summary.client_ids), sep="\n", flush=True)
            else:
                client = Client.get_by_id(rng.choice(ids))
                change = update_addresses(owner, client.id, email=client.email, home_phone=client.home_phone,
                                          mobile=rng.choice(NUMBERS))
                print(*(f"event {e}" for e in change.event_ids), sep="\n", flush=True)
        except OptInDeskError:
            pass  # refused by the rules, stale, or busy: nothing was committed


def crash_test(url: str, kills: int, writers: int, rng: random.Random, log: Any) -> dict[str, Any]:
    fresh_database(url)
    committed: dict[str, set[Any]] = {"event": set(), "sid": set(), "client": set()}
    lock = threading.Lock()
    folder = tempfile.mkdtemp(prefix="reliability-")

    def spawn(seed: int) -> tuple[subprocess.Popen[str], threading.Event, threading.Thread]:
        proc = subprocess.Popen([sys.executable, __file__, "worker", url, str(seed), folder],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        ready = threading.Event()

        def read() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                kind, _, value = line.strip().partition(" ")
                if kind == "ready":
                    ready.set()
                elif kind in committed:
                    with lock:
                        committed[kind].add(value if kind == "sid" else int(value))

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        return proc, ready, reader

    seeds = iter(range(rng.randrange(10**6), 10**9))
    pool = [spawn(next(seeds)) for _ in range(writers)]
    readers: list[threading.Thread] = []
    crashed: list[str] = []
    done = 0
    try:
        while done < kills:
            slot = rng.randrange(writers)
            proc, ready, reader = pool[slot]
            if not ready.wait(30):
                crashed.append("a writer did not start within 30 s")
                break
            time.sleep(rng.uniform(0.0, 0.4))  # somewhere in its writes
            if proc.poll() is not None:
                crashed.append(f"a writer died on its own: {proc.stderr.read()[-500:] if proc.stderr else ''}")
            else:
                os.kill(proc.pid, signal.SIGKILL)
                done += 1
            proc.wait()
            readers.append(reader)
            pool[slot] = spawn(next(seeds))
            if done % 50 == 0 and done:
                print(f"  {done} kills", file=log, flush=True)
    finally:
        for proc, _, reader in pool:
            proc.kill()
            proc.wait()
            readers.append(reader)
        for reader in readers:
            reader.join(10)
    violations = crashed + check_database(url, committed)
    return {"kills": done, "writers": writers, "committed_writes": sum(map(len, committed.values())),
            "violations": violations}


# --- the race ---------------------------------------------------------------------------------

def race_inbound(url: str, steps: int, number: str) -> None:
    """The other process of the race: STOP and START in turn."""
    from models.db import open_database
    from models.errors import StorageError
    from models.inbound import process_inbound

    open_database(url)
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(steps):
        while True:
            try:
                process_inbound(number, "STOP" if i % 2 == 0 else "START", sid=f"race-{i}")
                break
            except StorageError:  # busy past the timeout: the provider would retry
                time.sleep(0.01)
        time.sleep(0.002)  # SQLite has no queue: the staff's turn at the write lock
    print("done", flush=True)


def race(url: str, steps: int) -> dict[str, Any]:
    from models import db
    from models.consent import load_consent, set_switch
    from models.errors import ConsentLocked, StaleData, StorageError
    from models.schema import Client, InboundMessage, StopLock
    from models.staff import list_staff

    fresh_database(url)
    number = NUMBERS[0]
    steps += steps % 2  # ends on START
    proc = subprocess.Popen([sys.executable, __file__, "race-inbound", url, str(steps), number],
                            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    db.open_database(url)
    violations: list[str] = []
    outcomes = {"on": 0, "locked": 0, "stale": 0, "busy": 0}
    try:
        staff = list_staff()[0]
        clients = [c.id for c in Client.select().where(Client.mobile == number)]
        assert proc.stdout is not None and proc.stdin is not None
        assert proc.stdout.readline().strip() == "ready"
        proc.stdin.write("go\n")
        proc.stdin.flush()
        turn = 0
        while proc.poll() is None:
            client = clients[turn % len(clients)]
            try:
                set_switch(staff, client, "sms", "all", False)
                shown = load_consent(client).version if turn % 3 == 0 else None
                set_switch(staff, client, "sms", "all", True, method="in_person", expected_version=shown)
                outcomes["on"] += 1
            except ConsentLocked:
                outcomes["locked"] += 1
            except StaleData:
                outcomes["stale"] += 1
            except StorageError:
                outcomes["busy"] += 1
            bad = db.database.execute_sql(LOCKED_WITH_SMS_ON).fetchall()
            if bad:
                violations.append(f"turn {turn}: locked number with SMS All on for {bad}")
            turn += 1
            time.sleep(0.002)
        out, err = proc.communicate(timeout=120)
        if proc.returncode != 0 or "done" not in out:
            violations.append(f"the texting process failed: {err.strip()[-500:]}")
        landed = InboundMessage.select().where(InboundMessage.sid.startswith("race-")).count()
        if landed != steps:
            violations.append(f"{landed} of {steps} texts on file")
        if StopLock.get_or_none(StopLock.number == number) is not None:
            violations.append("the number is locked after the last START")
    finally:
        if proc.poll() is None:
            proc.kill()
        db.close_database()
    violations += check_database(url)
    return {"race_steps": steps, "staff_turns": turn, "outcomes": outcomes, "violations": violations}


# --- the bad-input sweep ----------------------------------------------------------------------

CLIENT_HEADER = "first_name,last_name,email,mobile,home_phone,status"
LOG_HEADER = "From,To,Body,Status,SentDate,Direction,Sid"


def _log_row(number: str, body: str, sid: str) -> str:
    return f"{number},+15550000000,{body},received,2026-01-05T10:00:00Z,inbound,{sid}"


def sweep_inputs() -> list[tuple[str, str, bytes, dict[str, Any]]]:
    """(name, command, file bytes or inbound body, what a right change is)."""
    n = iter(f"+1555555{k:04d}" for k in range(2000, 2100))
    inputs: list[tuple[str, str, bytes, dict[str, Any]]] = []

    def client(name: str, data: bytes, first: str) -> None:
        inputs.append((name, "import-clients", data, {"first": first}))

    def log(name: str, data: bytes, number: str) -> None:
        inputs.append((name, "import-messages", data, {"locked": number}))

    row = "José,Núñez,jose@example.com,,,member"
    client("clients: UTF-8 with BOM", ("\ufeff" + CLIENT_HEADER + "\n" + row + "\n").encode("utf-8"), "José")
    client("clients: UTF-16", (CLIENT_HEADER + "\n" + row.replace("José", "Josè") + "\n").encode("utf-16"),
           "Josè")
    client("clients: Windows-1252 bytes", (CLIENT_HEADER + "\n" + row.replace("José", "Joséa") + "\n")
           .encode("cp1252"), "Joséa")
    client("clients: semicolons", (CLIENT_HEADER.replace(",", ";") + "\nAna;Semi;;;;member\n").encode(), "Ana")
    client("clients: tabs", (CLIENT_HEADER.replace(",", "\t") + "\nAna\tTab\t\t\t\tmember\n").encode(), "Ana")
    # Two cells for one column: no right change exists, only an error or the row listed.
    client("clients: duplicate column", (CLIENT_HEADER + ",status\nDup,Col,,,,member,prospect\n").encode(), "")
    client("clients: 5 MB field", (CLIENT_HEADER + "\nHuge," + "x" * 5_000_000 + ",,,,member\nFine,Row,,,,member\n")
           .encode(), "Fine")
    client("clients: NUL byte", (CLIENT_HEADER + "\nNu\x00l,Byte,,,,member\n").encode(), "Nul")
    client("clients: empty file", b"", "-")
    client("clients: binary junk", bytes(range(256)) * 4, "-")
    number = next(n)
    log("log: UTF-8 with BOM", ("\ufeff" + LOG_HEADER + "\n" + _log_row(number, "STOP", "SMbom") + "\n").encode(),
        number)
    number = next(n)
    log("log: UTF-16", (LOG_HEADER + "\n" + _log_row(number, "STOP", "SM16") + "\n").encode("utf-16"), number)
    number = next(n)
    log("log: Windows-1252 bytes", (LOG_HEADER + "\n" + _log_row(number, "STOP «now»", "SM1252") + "\n")
        .encode("cp1252"), number)
    number = next(n)
    log("log: semicolons", (LOG_HEADER + "\n" + _log_row(number, "STOP", "SMsemi") + "\n").replace(",", ";")
        .encode(), number)
    number = next(n)
    log("log: tabs", (LOG_HEADER + "\n" + _log_row(number, "STOP", "SMtab") + "\n").replace(",", "\t").encode(),
        number)
    number = next(n)
    log("log: duplicate Body column", (LOG_HEADER + ",Body\n" + _log_row(number, "hello", "SMdup") + ",STOP\n")
        .encode(), "")
    number = next(n)
    log("log: 5 MB field", (LOG_HEADER + "\n" + _log_row(next(n), "x" * 5_000_000, "SMhuge") + "\n"
                            + _log_row(number, "STOP", "SMafterhuge") + "\n").encode(), number)
    for label, body in (("NUL byte", "ST\x00OP"), ("zero-width space", "S\u200bTOP"),
                        ("no-break spaces", "\u00a0STOP\u00a0"), ("word joiner", "STOP\u2060"),
                        ("soft hyphen", "ST\u00adOP"), ("full-width letters", "ＳＴＯＰ"),
                        ("right-to-left mark", "\u200fSTOP")):
        number = next(n)
        log(f"log: {label} in STOP", (LOG_HEADER + "\n" + _log_row(number, body, f"SM{label}") + "\n").encode(),
            number)
        number = next(n)
        inputs.append((f"inbound: {label} in STOP", "inbound", body.encode(), {"locked": number}))
    return inputs


def _run_main(argv: list[str]) -> tuple[int, str, str]:
    import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main.main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def sweep(url: str, folder: Path) -> dict[str, Any]:
    from models import db
    from models.schema import Client, InboundMessage, StopLock

    fresh_database(url)
    results: list[dict[str, Any]] = []
    for index, (name, command, data, right) in enumerate(sweep_inputs()):
        if command == "inbound":
            body = data.decode("utf-8", "surrogatepass")
            argv = ["inbound", "--from", right["locked"], "--body", body, "--sid", f"sweep-{index}"]
        else:
            path = folder / f"sweep-{index}.csv"
            path.write_bytes(data)
            argv = [command, str(path)]
        code, out, err = _run_main([*argv, "--database-url", url])
        db.open_database(url)
        try:
            if not (right.get("first") or right.get("locked")):
                changed_right, listed = False, bool(code == 2 and "row" in err)
            elif command == "import-clients":
                stored = [c.first_name for c in Client.select().where(Client.first_name.contains(right["first"][:3]))]
                changed_right = right["first"] in stored and not any("\x00" in s or "\ufffd" in s for s in stored)
                listed = bool(code == 2 and "row" in err)
            else:
                locked = StopLock.get_or_none(StopLock.number == right["locked"]) is not None
                review = (InboundMessage.select().where((InboundMessage.from_number == right["locked"])
                                                        & (InboundMessage.review_state == "open")).exists())
                changed_right, listed = locked or review, bool(code == 2 and "row" in err)
        finally:
            db.close_database()
        one_line_error = code == 2 and len(err.strip().splitlines()) == 1
        if code not in (0, 2) or "Traceback" in err or "internal error" in err:
            outcome, ok = f"exit {code}: {err.strip()[:200]}", False
        elif changed_right:
            outcome, ok = "the right change", True
        elif listed:
            outcome, ok = "bad rows listed", True
        elif one_line_error:
            outcome, ok = f"one-line error: {err.strip()[:120]}", True
        else:
            outcome, ok = f"silent: exit {code}, nothing right changed; {err.strip()[:120]}", False
        results.append({"input": name, "outcome": outcome, "ok": ok})
    problems = check_database(url)
    failed = [r["input"] for r in results if not r["ok"]]
    return {"inputs": len(results), "failed_inputs": failed, "results": results, "violations": problems}


# --- the command line -------------------------------------------------------------------------

def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        worker(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "race-inbound":
        race_inbound(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--race-steps", type=int, default=500)
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--database-url", help="a database the suite may wipe (PostgreSQL: its public "
                        "schema is dropped); default: a SQLite file in a new temporary folder")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--no-sweep", action="store_true")
    args = parser.parse_args()
    if args.backend == "postgresql" and not args.database_url:
        parser.error("--backend postgresql needs --database-url")
    seed = args.seed if args.seed is not None else random.randrange(10**9)
    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp(prefix="reliability-"))
    os.environ.setdefault("XDG_DATA_HOME", str(folder / "xdg"))
    url = args.database_url or "sqlite:///" + str(folder / "studio.db")
    began = time.monotonic()
    report: dict[str, Any] = {"backend": args.backend, "seed": seed}
    print(f"crash test: {args.kills} kills", file=sys.stderr, flush=True)
    report["crash"] = crash_test(url, args.kills, args.writers, rng, sys.stderr)
    print(f"race: {args.race_steps} steps", file=sys.stderr, flush=True)
    report["race"] = race(url, args.race_steps)
    if not args.no_sweep:
        report["sweep"] = sweep(url, folder)
    report["violations"] = (len(report["crash"]["violations"]) + len(report["race"]["violations"])
                            + len(report.get("sweep", {}).get("violations", [])))
    report["wall_seconds"] = round(time.monotonic() - began, 1)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if report["violations"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
