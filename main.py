"""Opt-In Desk: open the window, or run one command of DESIGN §4 and print its JSON.

    python main.py                       the window, on the studio's database
    python main.py demo                  the window, on a demo database
    python main.py inbound --from N --body TEXT [--sid ID] [--at TIME]
    python main.py --help                every command

Bad input gets one line naming the problem, exit status 2, and changes nothing.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Callable, NoReturn, Sequence

PROG = "optin-desk"
EXIT_BAD_INPUT = 2


class CommandError(Exception):
    """A one-line refusal of a command, before or after the model layer has its say."""


class _Parser(argparse.ArgumentParser):
    """argparse, with its complaints as one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{PROG}: error: {message}\n")


class _VersionAction(argparse.Action):
    """`--version`: the version is looked up when asked for, not on every start (the package
    metadata costs the window a tenth of a second)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS, help: str | None = None) -> None:  # noqa: A002
        super().__init__(option_strings, dest=dest, default=default, nargs=0,
                         help=help or "show the program's version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> NoReturn:
        from models.app_info import app_version
        print(f"{PROG} {app_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The command line of DESIGN §4. `--db`/`--database-url` go before or after the command's
    own arguments, so they are on the main parser and on every command's parser."""
    location = argparse.ArgumentParser(add_help=False)
    location.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                          help="SQLite database file")
    location.add_argument("--database-url", metavar="URL", default=argparse.SUPPRESS,
                          help="database URL, e.g. postgresql://user@host/studio "
                               "(default: $OPTIN_DESK_DATABASE_URL)")
    parser = _Parser(prog=PROG, parents=[location],
                     description="Opt-In Desk: how each client may be contacted, and the record of why.")
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--quit-after-start", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[location], help=help_text, description=help_text)

    demo = command("demo", "open the window on a demo database (created on first use)")
    demo.add_argument("--quit-after-start", action="store_true", default=argparse.SUPPRESS,
                      help=argparse.SUPPRESS)  # a built app's check, with no one at the screen
    init = command("init", "create an empty studio database with its owner")
    init.add_argument("--owner-name", required=True)
    init.add_argument("--owner-pin", required=True)
    init.add_argument("--studio-name", metavar="NAME", help="the studio's name")
    init.add_argument("--time-zone", metavar="ZONE", help="the studio's time zone, e.g. America/New_York")
    clients = command("import-clients", "import clients from a CSV file")
    clients.add_argument("file", metavar="FILE.csv")
    inbound = command("inbound", "process one inbound text message")
    inbound.add_argument("--from", dest="from_number", required=True, metavar="NUMBER")
    inbound.add_argument("--body", required=True, metavar="TEXT")
    inbound.add_argument("--sid", metavar="ID", help="the provider's message id")
    inbound.add_argument("--at", metavar="ISO-TIME", help="when it was received (default: now)")
    inbound.add_argument("--to", metavar="NUMBER", help="the studio's number it was sent to")
    messages = command("import-messages", "process a provider's message-log CSV export")
    messages.add_argument("file", metavar="FILE.csv")
    sync = command("sync", "fetch the connected texting provider's messages and apply them")
    sync.add_argument("--since", metavar="ISO-TIME",
                      help="fetch messages sent since this time (default: since the newest on file)")
    status = command("status", "a client's consent state and what they receive")
    status.add_argument("--client", required=True, metavar="ID")
    status.add_argument("--at", metavar="ISO-TIME", help="decide quiet hours at this time (default: now)")
    verify = command("verify-audit", "check the consent record's hash chain")
    verify.add_argument("--checkpoint", metavar="ID:HASH",
                        help="also check that the record still holds this checkpoint of an export")
    export = command("export-audit", "write the audit log to a CSV file (ends with its checkpoint)")
    export.add_argument("file", metavar="FILE.csv")
    export.add_argument("--client", metavar="ID",
                        help="one client's record: their events and their numbers' events")
    export.add_argument("--number", metavar="NUMBER", help="one phone number's events, in any format")
    export.add_argument("--since", metavar="ISO-TIME")
    export.add_argument("--until", metavar="ISO-TIME")
    record = command("export-record", "write one client's consent record for a dispute to a PDF")
    record.add_argument("--client", required=True, metavar="ID")
    record.add_argument("file", metavar="FILE.pdf")
    seed = command("seed", "fill a database with synthetic clients and history, for benchmarks")
    seed.add_argument("--clients", required=True, metavar="N")
    return parser


def _positive_int(text: str, what: str, *, allow_zero: bool = False) -> int:
    try:
        value = int(text)
    except ValueError:
        raise CommandError(f"{what} {text!r} is not a whole number") from None
    if value < 0 or (value == 0 and not allow_zero):
        raise CommandError(f"{what} {text!r} must be {'zero or more' if allow_zero else 'positive'}")
    if value >= 2**63:  # no database holds a larger id
        raise CommandError(f"{what} {text!r} is too large")
    return value


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False))


def _location(args: argparse.Namespace) -> str:
    # --db, --database-url, $OPTIN_DESK_DATABASE_URL; then the first-run window's remembered choice
    from models.workstation import location
    try:
        return location(getattr(args, "db", None), getattr(args, "database_url", None))
    except ValueError as error:
        raise CommandError(str(error)) from None


def _open(url: str, *, must_exist: bool = True) -> None:
    from models.db import open_database, sqlite_path
    from models.wording import say
    path = sqlite_path(url)
    if path is not None:  # these reach the window too, in its language
        if path.is_dir():
            raise CommandError(say("{path} is a folder, not a database file", path=path))
        if must_exist and not path.exists():
            raise CommandError(say("no database at {path} (create one with `{program} init` or "
                                   "`{program} demo`)", path=path, program=PROG))
    open_database(url)  # refuses a damaged, foreign or newer database, one line saying which


def _demo_location(args: argparse.Namespace) -> str:
    # The demo never falls back to $OPTIN_DESK_DATABASE_URL: that is the studio's real data.
    from models.locations import resolve_location
    from models.workstation import demo_database_path
    if getattr(args, "db", None) or getattr(args, "database_url", None):
        return _location(args)
    return resolve_location(str(demo_database_path()), None)


def run_command(args: argparse.Namespace) -> int:
    """Run one command; return its exit status. Raises the model layer's errors."""
    if args.command not in _COMMANDS:
        raise CommandError(f"unknown command {args.command!r}")
    needs_database, run = _COMMANDS[args.command]
    if getattr(args, "quit_after_start", False) and args.command in (None, "demo"):
        from ui.app import quit_after_start
        quit_after_start()
    if needs_database:  # the commands that never create a database
        _open(_location(args))
    return run(args)


def _run_window(args: argparse.Namespace) -> int:
    from models import workstation
    from ui.app import run_app
    named = (getattr(args, "db", None), getattr(args, "database_url", None))
    if workstation.needs_first_run(*named):
        from ui.app import run_first_run  # DESIGN §3: no terminal at the front desk
        if run_first_run() is None:
            return 0
    choice = None if workstation.given_on_command_line(*named) else workstation.load_choice()
    if choice is not None and choice.kind is workstation.DatabaseKind.DEMO:
        return _run_demo(args)
    _open_for_window(_location(args))
    return run_app()


def _open_for_window(url: str) -> None:
    """`_open`, for the window: a database that cannot be used is said in a message box too,
    as one line (nobody at the desk reads a terminal), then the command ends as usual."""
    from models.errors import OptInDeskError
    try:
        _open(url, must_exist=False)
    except (CommandError, OptInDeskError) as error:
        from ui.app import show_unusable_database
        show_unusable_database(error)  # one line, in the window's language
        raise


def _run_demo(args: argparse.Namespace) -> int:
    from models import seed
    from ui.app import run_app
    _open_for_window(_demo_location(args))
    seed.build_demo()
    return run_app(demo_hint=seed.demo_sign_in_hint())


def _run_init(args: argparse.Namespace) -> int:
    from models import seed
    from models.staff import validate_pin, validate_staff_name
    validate_staff_name(args.owner_name)  # before anything is created on disk
    validate_pin(args.owner_pin)
    if args.studio_name is not None:
        from models.settings import validate_studio_name
        validate_studio_name(args.studio_name)
    if args.time_zone is not None:
        from models.settings import validate_time_zone
        validate_time_zone(args.time_zone)
    _open(_location(args), must_exist=False)
    owner = seed.init_studio(args.owner_name, args.owner_pin, studio_name=args.studio_name,
                             time_zone=args.time_zone)
    _print_json({"created": True, "owner": {"id": owner.staff_id, "name": owner.name}})
    return 0


def _run_seed(args: argparse.Namespace) -> int:
    from models import seed
    count = _positive_int(args.clients, "--clients", allow_zero=True)
    if count > 5_000_000:
        raise CommandError("--clients is at most 5,000,000")
    _open(_location(args), must_exist=False)
    _print_json(seed.seed(count).as_json())
    return 0


def _run_import_clients(args: argparse.Namespace) -> int:
    from models.client_import import import_clients
    summary = import_clients(Path(args.file))
    _print_json(summary.as_json())
    problems = summary.problems()
    for item in problems:
        print(f"{PROG}: row {item['row']}: {item['line']}", file=sys.stderr)
    return EXIT_BAD_INPUT if problems else 0


def _run_inbound(args: argparse.Namespace) -> int:
    from models import inbound
    from models.timeutil import parse_user_time
    at = parse_user_time(args.at) if args.at is not None else None
    result = inbound.process_inbound(args.from_number, args.body, sid=args.sid, at=at, to=args.to)
    _print_json(result.as_json())
    return 0


def _run_import_messages(args: argparse.Namespace) -> int:
    from models.message_log import import_messages
    summary = import_messages(Path(args.file))
    _print_json(summary.as_json())
    for item in summary.bad_rows:
        print(f"{PROG}: row {item['row']}: {item['error']}", file=sys.stderr)
    return EXIT_BAD_INPUT if summary.bad_rows else 0


def _run_sync(args: argparse.Namespace) -> int:
    from models.provider_sync import SyncStopped, sync_messages
    from models.sync_state import SyncBusy
    from models.timeutil import parse_user_time
    since = parse_user_time(args.since) if args.since is not None else None
    try:
        summary = sync_messages(since=since)
    except SyncStopped as error:  # the messages applied, every one, before the line that says so
        _print_json(error.as_json())
        raise CommandError(str(error)) from None
    except SyncBusy as error:  # a scheduled task that overlaps a window's sync: nothing to do
        _print_json({"skipped": str(error)})
        return 0
    _print_json(summary.as_json())
    for item in summary.messages.bad_rows:
        print(f"{PROG}: message {item['sid']}: {item['error']}", file=sys.stderr)
    return EXIT_BAD_INPUT if summary.messages.bad_rows else 0


def _run_status(args: argparse.Namespace) -> int:
    from models import consent
    from models.timeutil import parse_user_time
    client_id = _positive_int(args.client, "client id")
    at = parse_user_time(args.at) if args.at is not None else None
    _print_json(consent.status_json(client_id, at))
    return 0


def _run_verify_audit(args: argparse.Namespace) -> int:
    from models import audit
    if args.checkpoint is not None:
        check = audit.verify_checkpoint(args.checkpoint)
    else:
        check = audit.verify_chain()
    if check.ok:
        _print_json({"ok": True, "events": check.count, "checkpoint": audit.chain_checkpoint()})
        return 0
    _print_json({"ok": False, "events_checked": check.count, "bad_event": check.bad_event_id,
                 "problem": check.problem})
    print(f"{PROG}: audit chain broken: {check.problem}", file=sys.stderr)
    return 1


def _output_file(text: str) -> Path:
    target = Path(text)
    if not target.parent.is_dir():
        raise CommandError(f"{target.parent} is not a folder")
    if target.is_dir():
        raise CommandError(f"{target} is a folder")
    return target


def _run_export_audit(args: argparse.Namespace) -> int:
    from models import audit
    from models.phones import normalize_phone
    from models.settings import load_studio
    from models.timeutil import iso, parse_user_time
    target = _output_file(args.file)
    filters: dict[str, Any] = {}
    if args.client is not None:
        filters["client_id"] = _known_client(args.client)
    if args.number is not None:
        filters["number"] = normalize_phone(args.number, load_studio().default_region)
    if args.since is not None:
        filters["since"] = iso(parse_user_time(args.since))
    if args.until is not None:
        filters["until"] = iso(parse_user_time(args.until))
    try:
        count = audit.export_csv(target, **filters)
    except OSError as error:
        raise CommandError(f"cannot write {target}: {error.strerror or error}") from None
    _print_json({"exported": count, "file": str(target)})
    return 0


def _known_client(text: str) -> int:
    from models.schema import Client
    client_id = _positive_int(text, "client id")
    if not Client.select().where(Client.id == client_id).exists():
        raise CommandError(f"no client with id {client_id}")
    return client_id


def _run_export_record(args: argparse.Namespace) -> int:
    from models.record import client_record
    target = _output_file(args.file)
    record = client_record(_known_client(args.client))
    from ui.record_pdf import (  # Qt only for this command: `--help` and the rest start without it
        ensure_gui_application,
        write_record_pdf,
    )
    ensure_gui_application()
    try:
        pages = write_record_pdf(record, target)
    except OSError as error:
        raise CommandError(f"cannot write {target}: {error.strerror or error}") from None
    _print_json({"file": str(target), "events": len(record.events), "pages": pages,
                 "checkpoint": record.checkpoint})
    return 0


#: Every command: whether it needs an existing database opened first, and what runs it.
#: A command that may create its database opens it itself, after checking its arguments.
_COMMANDS: dict[str | None, tuple[bool, Callable[[argparse.Namespace], int]]] = {
    None: (False, _run_window),
    "demo": (False, _run_demo),
    "init": (False, _run_init),
    "seed": (False, _run_seed),
    "import-clients": (True, _run_import_clients),
    "inbound": (True, _run_inbound),
    "import-messages": (True, _run_import_messages),
    "sync": (True, _run_sync),
    "status": (True, _run_status),
    "verify-audit": (True, _run_verify_audit),
    "export-audit": (True, _run_export_audit),
    "export-record": (True, _run_export_record),
}


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run it; every refusal is one line on stderr."""
    # Bytes that are not UTF-8 (a body typed in another encoding) become U+FFFD rather than
    # strings that cannot be stored or printed.
    words = [word.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
             for word in (sys.argv[1:] if argv is None else argv)]
    args = build_parser().parse_args(words)
    from models.errors import ImportStopped, OptInDeskError
    try:
        return run_command(args)
    except ImportStopped as error:  # the rows applied, every one, before the line that says so
        _print_json(error.as_json())
        print(f"{PROG}: error: {' '.join(str(error).split())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (CommandError, OptInDeskError) as error:
        # One line, whatever the message: a database driver's may span several.
        print(f"{PROG}: error: {' '.join(str(error).split())}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # the reader went away (`… | head`): nothing to tell anyone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; nothing half-done was kept", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: keep the traceback for developers, one line for the user
        from models.app_info import start_logging
        try:
            log = start_logging()
            logging.getLogger(PROG).error("internal error running %s", args.command or "the window",
                                          exc_info=True)
            where = f"details in {log}"
        except OSError:
            where = "no log could be written"
        text = " ".join(str(error).split())
        print(f"{PROG}: internal error ({type(error).__name__}: {text}); {where}", file=sys.stderr)
        return 1
    finally:
        from models.db import close_database
        close_database()


if __name__ == "__main__":
    sys.exit(main())
