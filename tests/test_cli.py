"""The command line of DESIGN §4, run as a user runs it: `python main.py …` in a subprocess.

Every command's success, and bad input: exit status 2, exactly one line on stderr naming the
problem, and nothing changed in the database. The environment has no OPTIN_DESK_DATABASE_URL
and XDG_DATA_HOME points into the test's folder, so nothing touches the user's own data.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.audit import verify_chain
from models.db import close_database, open_database
from tests.forger import drop_append_only_triggers

ROOT = Path(__file__).resolve().parents[1]
PROG = "optin-desk"
KINDS = {"campaign", "stack", "reminder", "booking_help", "ai_outreach", "ai_reply"}
CHANNELS = {"email", "sms", "voice", "home"}
CLIENTS_CSV = """first_name,last_name,email,mobile,home_phone,status,sms_marketing,consent_method
Dana,Reyes,dana@example.com,(555) 555-0123,,member,,
Sam,Reyes,sam@example.com,+1 555 555 0123,,member,,
Lee,Kim,lee@example.com,+1 212 555 0199,(212) 555-0100,prospect,yes,signed_form
"""
TWILIO_COLUMNS = ["From", "To", "Body", "Status", "SentDate", "Direction", "Sid"]


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python main.py ARGS` with a clean environment; XDG_DATA_HOME inside tmp_path."""
    base = {k: v for k, v in os.environ.items() if k != "OPTIN_DESK_DATABASE_URL"}
    base["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    base.update(env or {})
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=base, check=False,
                          capture_output=True, text=True, timeout=120)


def ok_json(done: subprocess.CompletedProcess):
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def one_line_error(done: subprocess.CompletedProcess, *words: str) -> str:
    """Exit 2, exactly one line on stderr, naming the problem."""
    assert done.returncode == 2, (done.stdout, done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(PROG)
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def dump(path: Path) -> list[str]:
    """Every row of every table, as SQL text."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def query(path: Path, sql: str, *params) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def write_log(path: Path, rows: list[tuple[str, ...]], columns: list[str] = TWILIO_COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A studio made through the command line: `init`, then `import-clients` of three clients
    (Dana and Sam share a mobile typed two ways; Lee in New York gave SMS marketing consent)."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "studio.db"
    init = run(folder, "init", "--owner-name", "Olive Owner", "--owner-pin", "86429731", "--db", str(path))
    clients_csv = folder / "clients.csv"
    clients_csv.write_text(CLIENTS_CSV, encoding="utf-8")
    imported = run(folder, "import-clients", str(clients_csv), "--db", str(path))
    return {"path": path, "init": init, "import": imported}


@pytest.fixture
def studio(template, tmp_path) -> Path:
    """A copy of the template studio for one test to change."""
    target = tmp_path / "studio.db"
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(template["path"]) + suffix)
        if source.exists():
            shutil.copy(source, str(target) + suffix)
    return target


# --- Success ---------------------------------------------------------------------------------------

def test_init_creates_a_studio_with_its_owner(template):
    assert ok_json(template["init"]) == {"created": True, "owner": {"id": 1, "name": "Olive Owner"}}
    rows = query(template["path"], "SELECT name, role, pin_hash, pin_salt FROM staff")
    assert [(name, role) for name, role, _, _ in rows] == [("Olive Owner", "owner")]
    assert "86429731" not in repr(rows)  # the PIN is kept only as a salted hash (R15)


def test_import_clients_reports_what_it_imported(template):
    summary = ok_json(template["import"])
    assert summary["imported"] == 3 and summary["skipped"] == [] and summary["client_ids"] == [1, 2, 3]
    rows = query(template["path"], "SELECT id, mobile, sms_all, sms_marketing FROM client ORDER BY id")
    assert rows == [(1, "+15555550123", 1, 0), (2, "+15555550123", 1, 0), (3, "+12125550199", 1, 1)]


def test_import_clients_with_a_bad_row_applies_the_good_ones(studio, tmp_path):
    path = tmp_path / "more.csv"
    path.write_text("first_name,last_name,email,mobile,home_phone,status\n"
                    "Ana,Silva,ana@example.com,(303) 555-0101,,member\n"
                    "Bad,Email,bad@@example..com,,,member\n", encoding="utf-8")
    done = run(tmp_path, "import-clients", str(path), "--db", str(studio))
    one_line_error(done, "row 3", "email")
    summary = json.loads(done.stdout)
    assert summary["imported"] == 1 and [s["row"] for s in summary["skipped"]] == [3]
    assert query(studio, "SELECT first_name FROM client WHERE id = 4") == [("Ana",)]


def test_r22_import_clients_names_each_cell_a_stop_lock_refused(studio, tmp_path):
    ok_json(run(tmp_path, "inbound", "--from", "(555) 555-0123", "--body", "STOP", "--sid", "SM1",
                "--db", str(studio)))
    path = tmp_path / "more.csv"
    path.write_text("first_name,last_name,email,mobile,home_phone,status,sms_marketing,consent_method\n"
                    "Kim,Reyes,kim@example.com,555-555-0123,,member,yes,signed_form\n", encoding="utf-8")
    done = run(tmp_path, "import-clients", str(path), "--db", str(studio))
    one_line_error(done, "row 2", "sms_marketing", "texted STOP")
    summary = json.loads(done.stdout)
    assert summary["imported"] == 1 and summary["skipped"] == []
    assert [(c["row"], c["column"]) for c in summary["skipped_cells"]] == [(2, "sms_marketing")]
    assert query(studio, "SELECT sms_all, sms_marketing FROM client WHERE first_name = 'Kim'") == [(0, 0)]


def test_inbound_stop_locks_every_client_sharing_the_number_and_status_shows_it(studio, tmp_path):
    stop = ok_json(run(tmp_path, "inbound", "--from", "555.555.0123", "--body", "Stop.", "--sid", "SM1",
                       "--at", "2026-11-26T09:14:00Z", "--db", str(studio)))
    assert stop["action"] == "opt_out" and stop["clients"] == [1, 2]
    again = ok_json(run(tmp_path, "inbound", "--from", "+15555550123", "--body", "STOP", "--sid", "SM1",
                        "--db", str(studio)))
    assert again["action"] == "duplicate"  # R11: once per message id
    late = ok_json(run(tmp_path, "inbound", "--from", "(555) 555-0123", "--body", "START", "--sid", "SM0",
                       "--at", "2026-11-26T08:00:00Z", "--db", str(studio)))
    assert late["action"] == "opt_in" and late["clients"] == [1, 2]  # older than the STOP: it loses
    assert query(studio, "SELECT COUNT(*) FROM inbound_message WHERE sid = 'SM1'") == [(1,)]

    status = ok_json(run(tmp_path, "status", "--client", "2", "--at", "2026-11-26T15:00:00Z",
                         "--db", str(studio)))
    assert {k: status["client"][k] for k in ("id", "name", "status")} == {
        "id": 2, "name": "Sam Reyes", "status": "member"}
    assert set(status["channels"]) == CHANNELS
    for entry in status["channels"].values():
        assert {"address", "all", "marketing", "stop_locked"} <= set(entry)
    sms = status["channels"]["sms"]
    assert (sms["address"], sms["all"], sms["marketing"], sms["stop_locked"], sms["stop_locked_at"]) == (
        "+15555550123", False, False, True, "2026-11-26T09:14:00Z")
    assert status["channels"]["voice"]["all"] is True and status["channels"]["voice"]["stop_locked"] is False
    assert status["channels"]["home"]["address"] is None and status["channels"]["home"]["all"] is False
    assert status["ai"] == {"outreach": True, "replies": True}
    assert set(status["receives"]) == set(status["why"]) == CHANNELS
    for channel, kinds in status["receives"].items():
        assert set(kinds) == KINDS and all(isinstance(v, bool) for v in kinds.values())
        assert set(status["why"][channel]) == {kind for kind, allowed in kinds.items() if not allowed}
    assert status["receives"]["sms"] == dict.fromkeys(KINDS, False)
    assert set(status["why"]["sms"].values()) == {"SMS All is off — client texted STOP"}
    assert status["why"]["voice"]["campaign"] == "Marketing is off"
    assert status["receives"]["voice"]["reminder"] is True
    assert status["why"]["home"]["reminder"] == "No home phone on file"


def test_status_holds_marketing_at_2am_in_new_york(studio, tmp_path):
    status = ok_json(run(tmp_path, "--db", str(studio), "status", "--client", "3",
                         "--at", "2026-11-26T07:00:00Z"))  # --db before the command works too
    assert status["receives"]["sms"]["campaign"] is False
    assert status["why"]["sms"]["campaign"] == "held until 8:00 a.m. local time"
    assert status["receives"]["sms"]["reminder"] is True  # operational kinds are not held
    assert status["receives"]["email"]["campaign"] is True  # email is never held


def test_r17_status_holds_a_florida_campaign_at_830pm_local_and_allows_new_york(studio, tmp_path):
    florida = tmp_path / "florida.csv"
    florida.write_text("first_name,last_name,email,mobile,home_phone,status,sms_marketing,consent_method\n"
                       "Flo,Diaz,flo@example.com,(305) 555-0142,,member,yes,signed_form\n", encoding="utf-8")
    assert run(tmp_path, "import-clients", str(florida), "--db", str(studio)).returncode == 0
    at = "2026-11-27T01:30:00Z"  # 8:30 p.m. on Thanksgiving in Miami and in New York
    flo = ok_json(run(tmp_path, "status", "--client", "4", "--at", at, "--db", str(studio)))
    assert flo["client"]["name"] == "Flo Diaz"
    assert flo["receives"]["sms"]["campaign"] is False
    assert flo["why"]["sms"]["campaign"] == "held until 8:00 a.m. local time"  # Florida: 8 a.m.–8 p.m.
    assert flo["receives"]["sms"]["reminder"] is True
    lee = ok_json(run(tmp_path, "status", "--client", "3", "--at", at, "--db", str(studio)))
    assert lee["receives"]["sms"]["campaign"] is True  # New York: the federal 8 a.m.–9 p.m.


def test_r19_status_holds_marketing_while_a_text_waits_and_its_due_by_skips_thanksgiving(studio, tmp_path):
    quiet = ok_json(run(tmp_path, "status", "--client", "3", "--at", "2026-11-30T15:00:00Z", "--db", str(studio)))
    assert quiet["review"] == [] and quiet["receives"]["sms"]["campaign"] is True
    review = ok_json(run(tmp_path, "inbound", "--from", "(212) 555-0199", "--body", "pls stop the promos",
                         "--sid", "SM-r", "--at", "2026-11-20T20:00:00Z", "--db", str(studio)))
    assert review["action"] == "review"
    status = ok_json(run(tmp_path, "status", "--client", "3", "--at", "2026-11-30T15:00:00Z", "--db", str(studio)))
    assert status["review"] == [{"received_at": "2026-11-20T20:00:00Z", "due_by": "2026-12-07",
                                 "overdue": False, "text": "pls stop the promos"}]
    assert status["receives"]["sms"]["campaign"] is False
    assert status["why"]["sms"]["campaign"] == "held — a possible opt-out waits for review"
    assert status["receives"]["sms"]["reminder"] is True


def test_import_messages_applies_a_twilio_log_by_time(studio, tmp_path):
    log = write_log(tmp_path / "log.csv", [
        ("+15550001111", "+12125550199", "Class at 6", "delivered", "2026-11-26 08:00:00 +0000", "outbound-api", "SMo1"),
        ("+12125550199", "+15550001111", "STOP", "received", "2026-11-26 10:00:00 +0000", "inbound", "SMi1"),
        ("(212) 555-0199", "+15550001111", "START", "received", "2026-11-26 09:00:00 +0000", "inbound", "SMi2"),
        ("+12125550199", "+15550001111", "HELP", "received", "2026-11-26 09:30:00 +0000", "inbound", "SMi3"),
        ("+15550001111", "+12125550199", "Reply STOP to opt out", "sent", "2026-11-26 09:31:00 +0000",
         "outbound-reply", "SMo2"),
    ])
    summary = ok_json(run(tmp_path, "import-messages", str(log), "--db", str(studio)))
    assert (summary["rows"], summary["inbound"], summary["outbound_skipped"]) == (5, 3, 2)
    assert summary["actions"] == {"opt_out": 1, "opt_in": 1, "help": 1, "review": 0, "none": 0,
                                       "duplicate": 0}
    assert summary["bad_rows"] == []
    # START at 9:00 then STOP at 10:00: the STOP is the last keyword and wins (R11).
    assert query(studio, "SELECT number FROM stop_lock") == [("+12125550199",)]
    assert query(studio, "SELECT sms_all FROM client WHERE id = 3") == [(0,)]
    assert query(studio, "SELECT COUNT(*) FROM inbound_message") == [(3,)]


def test_r23_import_messages_json_counts_the_confirmation_and_texts_sent_after_stop(studio, tmp_path):
    log = write_log(tmp_path / "log.csv", [
        ("+15550001111", "+12125550199", "Class at 6", "delivered", "2026-11-26 08:00:00 +0000", "outbound-api", "SMo1"),
        ("+12125550199", "+15550001111", "STOP", "received", "2026-11-26 10:00:00 +0000", "inbound", "SMi1"),
        ("+15550001111", "+12125550199", "You are unsubscribed", "delivered", "2026-11-26 10:00:20 +0000",
         "outbound-reply", "SMo2"),
        ("+15550001111", "+12125550199", "Flash sale!", "delivered", "2026-11-27 09:00:00 +0000",
         "outbound-api", "SMo3"),
    ])
    summary = ok_json(run(tmp_path, "import-messages", str(log), "--db", str(studio)))
    assert (summary["rows"], summary["inbound"], summary["outbound"]) == (4, 1, 3)
    assert (summary["confirmations"], summary["sent_after_stop"], summary["outbound_skipped"]) == (1, 1, 1)
    assert summary["actions"]["opt_out"] == 1 and summary["bad_rows"] == []
    assert query(studio, "SELECT sid, kind, stop_sid FROM outbound_message ORDER BY sid") == [
        ("SMo2", "confirmation", "SMi1"), ("SMo3", "after_stop", "SMi1")]
    assert query(studio, "SELECT client_id, note FROM consent_event WHERE switch = 'stop_confirmation'") == [
        (3, "You are unsubscribed")]
    again = ok_json(run(tmp_path, "import-messages", str(log), "--db", str(studio)))
    assert (again["confirmations"], again["sent_after_stop"], again["outbound_duplicate"]) == (0, 0, 2)


def test_import_messages_lists_bad_rows_and_applies_the_good(studio, tmp_path):
    log = write_log(tmp_path / "log.csv", [
        ("+15555550123", "+15550001111", "STOP", "received", "2026-11-26T10:00:00Z", "inbound", "SMa"),
        ("555-CALL-NOW", "+15550001111", "STOP", "received", "2026-11-26T10:01:00Z", "inbound", "SMb"),
    ])
    done = run(tmp_path, "import-messages", str(log), "--db", str(studio))
    one_line_error(done, "row 3", "555-CALL-NOW")
    assert [bad["row"] for bad in json.loads(done.stdout)["bad_rows"]] == [3]
    assert query(studio, "SELECT number FROM stop_lock") == [("+15555550123",)]


def test_verify_and_export_audit(studio, tmp_path):
    events = query(studio, "SELECT COUNT(*) FROM consent_event")[0][0]
    verified = ok_json(run(tmp_path, "verify-audit", "--db", str(studio)))
    assert verified == {"ok": True, "events": events, "checkpoint": verified["checkpoint"]}
    assert verified["checkpoint"].startswith(f"{events}:")  # the newest event, ID:HASH (R14)
    target = tmp_path / "audit.csv"
    exported = ok_json(run(tmp_path, "export-audit", str(target), "--db", str(studio)))
    assert exported["exported"] == events
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    checkpoint = rows.pop()  # the last line: checkpoint,ID:HASH (R14)
    assert checkpoint["event_id"] == "checkpoint" and checkpoint["at"].startswith(f"{events}:")
    assert len(rows) == events
    assert [int(r["event_id"]) for r in rows] == list(range(1, events + 1))
    assert {"Dana Reyes", "Sam Reyes", "Lee Kim"} <= {r["client_name"] for r in rows}


@pytest.mark.parametrize("tamper", ["edit", "delete_last"])
def test_verify_audit_names_an_edited_or_removed_event(studio, tmp_path, tamper):
    last = query(studio, "SELECT MAX(id) FROM consent_event")[0][0]
    target = 5 if tamper == "edit" else last
    connection = sqlite3.connect(studio)
    with connection:
        drop_append_only_triggers(connection.execute)  # a forger with the file (R14)
        if tamper == "edit":
            connection.execute("UPDATE consent_event SET new = 'off' WHERE id = ?", (target,))
        else:
            connection.execute("DELETE FROM consent_event WHERE id = ?", (target,))
    connection.close()
    done = run(tmp_path, "verify-audit", "--db", str(studio))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and f"event {target}" in lines[0]
    assert json.loads(done.stdout)["bad_event"] == target


def test_seed_fills_a_database_for_benchmarks(tmp_path):
    path = tmp_path / "seeded.db"
    summary = ok_json(run(tmp_path, "seed", "--clients", "300", "--db", str(path)))
    assert summary["clients"] == 300 and summary["events"] > 300 * 3
    assert query(path, "SELECT COUNT(*) FROM client") == [(300,)]
    assert query(path, "SELECT COUNT(*) FROM consent_event")[0][0] >= summary["events"]
    # At no moment is a locked number's SMS All on (R7), in seeded data too.
    assert query(path, "SELECT COUNT(*) FROM client JOIN stop_lock ON stop_lock.number = client.mobile "
                       "WHERE client.sms_all") == [(0,)]
    assert query(path, "SELECT COUNT(*) FROM stop_lock")[0][0] == summary["stop_locks"]
    open_database("sqlite:///" + str(path))
    try:
        assert verify_chain().ok
    finally:
        close_database()


# --- Where the database is -------------------------------------------------------------------------

def test_database_url_from_the_environment_is_honoured(studio, tmp_path):
    status = ok_json(run(tmp_path, "status", "--client", "1",
                         env={"OPTIN_DESK_DATABASE_URL": "sqlite:///" + str(studio)}))
    assert status["client"]["name"] == "Dana Reyes"


def test_without_a_location_the_database_is_in_the_app_data_folder(tmp_path):
    ok_json(run(tmp_path, "init", "--owner-name", "Olive Owner", "--owner-pin", "2468"))
    assert (tmp_path / "xdg" / "Opt-In Desk" / "optin-desk.db").is_file()


# --- Bad input: exit 2, one line, nothing changed ---------------------------------------------------

BAD_INPUTS = {
    "malformed phone": (["inbound", "--from", "555-CALL-NOW", "--body", "STOP"], ["'555-CALL-NOW'"]),
    "unparseable --at": (["inbound", "--from", "+15555550123", "--body", "STOP", "--at", "yesterday"],
                         ["'yesterday'", "a date and time like 2026-11-30 14:05"]),
    "unknown client": (["status", "--client", "99"], ["no client with id 99"]),
    "non-numeric --client": (["status", "--client", "abc"], ["'abc'", "whole number"]),
    "missing CSV file": (["import-clients", "{tmp}/nothere.csv"], ["nothere.csv", "no such file"]),
    "CSV missing columns": (["import-messages", "{tmp}/short.csv"], ["missing columns", "Direction", "Sid"]),
    "init on an existing database": (["init", "--owner-name", "Mallory", "--owner-pin", "1111"],
                                     ["already exists"]),
    "unknown command": (["frobnicate"], ["frobnicate"]),
    "missing --body": (["inbound", "--from", "+15555550123"], ["--body"]),
    "--db and --database-url": (["verify-audit", "--database-url", "sqlite:///{tmp}/other.db"],
                                ["--db", "--database-url"]),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_and_changes_nothing(studio, tmp_path, case):
    args, words = BAD_INPUTS[case]
    (tmp_path / "short.csv").write_text("From,To,Body\n+15555550123,+15550001111,STOP\n", encoding="utf-8")
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    before = dump(studio)
    one_line_error(run(tmp_path, *args, "--db", str(studio)), *words)
    assert dump(studio) == before
    assert not (tmp_path / "other.db").exists()


@pytest.mark.parametrize("url, words", [
    ("mysql://studio@localhost/optin", ["unsupported", "mysql"]),
    # Nothing listens on port 1: the driver's message spans lines, the error must not.
    ("postgresql://nobody@127.0.0.1:1/optin", ["database"]),
])
def test_a_database_url_that_cannot_be_used_is_one_line_exit_2(tmp_path, url, words):
    one_line_error(run(tmp_path, "status", "--client", "1", "--database-url", url), *words)
    assert not (tmp_path / "xdg").exists()  # no internal-error log: it is not a bug


def test_a_refused_command_on_a_missing_database_creates_nothing(tmp_path):
    missing = tmp_path / "nothere.db"
    one_line_error(run(tmp_path, "status", "--client", "1", "--db", str(missing)), "no database")
    one_line_error(run(tmp_path, "init", "--owner-name", "Olive", "--owner-pin", "12", "--db", str(missing)),
                   "4 to 8 digits")
    assert not missing.exists()


def test_version_prints_the_programs_version(tmp_path):
    from models.app_info import app_version

    done = run(tmp_path, "--version")
    assert done.returncode == 0 and done.stdout.strip() == f"optin-desk {app_version()}"
