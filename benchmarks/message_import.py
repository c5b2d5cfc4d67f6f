"""`import-messages` against the same work in raw SQL (DESIGN §6, issue 12): rows per second
with N clients on file and a message log of M inbound texts.

    python benchmarks/message_import.py --clients 100000 --rows 100000 [--keep DIR] [--repeat 3]
    python benchmarks/message_import.py --clients 100000 --rows 100000 --app-dir /work/main

The seeded database (`main.py seed`, the benchmark's synthetic studio) is made once (kept with
--keep) and copied before each import, so each starts from the same state. The message log is
the one benchmarks/run.py writes (`write_message_log`: STOP, START, HELP, chatter and
review-looking texts from the clients' mobiles, newest first as the Twilio Console exports it).

* app: `main.py import-messages FILE` in its own process, wall time (start-up included), as
  benchmarks/run.py measures `import_msgs_per_s`;
* raw: `benchmarks/baseline.py import` (standard library only), as benchmarks/run.py measures
  `baseline.import_msgs_per_s`.

Each is run --repeat times on a fresh copy and the best run is kept; CPU time (user + system)
is printed too, since on a shared machine the wall time also counts other work's turns.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any, Sequence

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.client_import import add_run_options, app_env, count, report, run_with_cpu  # noqa: E402

BASELINE = REPO / "benchmarks" / "baseline.py"


class _Seeded:
    """What benchmarks.run.write_message_log reads the mobiles from."""

    def __init__(self, db: Path) -> None:
        self.db = db

    def reader(self) -> Any:
        return sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)


def _copy(seeded: Path, target: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(seeded, target)
    os.sync()  # the copy's writes reach the disk first: the timed run's fsyncs do not wait for them


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from benchmarks.run import RNG_SEED, write_message_log

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="message-import-"))
    work.mkdir(parents=True, exist_ok=True)
    env = app_env(work)
    seeded = work / f"clients-{args.clients}.db"
    if not seeded.exists():
        seconds, _cpu, _ = run_with_cpu([sys.executable, str(REPO / "main.py"), "seed",
                                         "--clients", str(args.clients), "--db", str(seeded)],
                                        env, "seed", ok=(0,))
        print(f"seeded {args.clients:,} clients in {seconds:.0f} s", file=sys.stderr)
    else:  # kept from an earlier run: brought up to this app's schema first (its migrations
        # are not timed, and the raw baseline copies the table and indexes as the app has them)
        opening = ("import sys; sys.path.insert(0, sys.argv[2]); "
                   "from models.db import open_database; open_database(sys.argv[1])")
        run_with_cpu([sys.executable, "-c", opening, f"sqlite:///{seeded}", args.app_dir], env,
                     "migrate", ok=(0,))
    log = work / f"messages-{args.clients}-{args.rows}.csv"
    if not log.exists():
        write_message_log(_Seeded(seeded), log, args.rows, random.Random(RNG_SEED))
    target = work / "import.db"
    app = [sys.executable, str(Path(args.app_dir) / "main.py"), "import-messages", str(log),
           "--db", str(target)]
    raw = [sys.executable, str(BASELINE), "import", "--db", str(target), "--csv", str(log)]
    results: dict[str, Any] = {"clients": args.clients, "rows": args.rows}
    for _ in range(args.repeat):
        for side, command in (("app", app), ("raw", raw)):
            if side == "app" and args.raw_only:
                continue
            _copy(seeded, target)
            seconds, cpu, out = run_with_cpu(command, env, side, ok=(0,))
            results.setdefault(f"{side}_s", []).append(round(seconds, 2))
            results.setdefault(f"{side}_cpu_s", []).append(round(cpu, 2))
            if side == "app":
                summary = json.loads(out)
                if summary["inbound"] != args.rows or summary["bad_rows"]:
                    sys.exit(f"import-messages processed {summary['inbound']} of {args.rows}")
                results["app_actions"] = summary["actions"]
    report(results, args.rows)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="benchmarks/message_import.py",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=count, default=100_000, metavar="N")
    add_run_options(parser, "the message log")
    return parser


if __name__ == "__main__":
    sys.exit(main())
