"""The command line on a database that cannot be used (DESIGN §4, §7): damaged, not Opt-In
Desk's, made by a newer version, full disk, read-only — exit status 2 and one line that says
which and what to do (exit 1 stays `verify-audit`'s broken chain); an import stopped part-way
names the rows it applied. And the files the program creates are its owner's only (§7).

A full disk and a read-only database are made with SQLite pragmas on the command's own
connection (`max_page_count`, `query_only`): the same SQLITE_FULL and SQLITE_READONLY errors,
and they hold when the tests run as root, who may write any file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from models.migrations import latest_version
from tests.test_cli import ROOT, one_line_error, ok_json, query, run, studio, template, write_log  # noqa: F401

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def run_with_pragmas(tmp_path: Path, pragmas: dict[str, int], *args: str) -> subprocess.CompletedProcess:
    """`main.py ARGS` whose SQLite connections get `pragmas` too."""
    code = ("import sys, main, models.db as db; db.SQLITE_PRAGMAS.update(" + repr(pragmas) + "); "
            "sys.exit(main.main(sys.argv[1:]))")
    env = {k: v for k, v in os.environ.items() if k != "OPTIN_DESK_DATABASE_URL"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, check=False,
                          capture_output=True, text=True, timeout=120)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("command", [
    ["status", "--client", "1"], ["verify-audit"], ["inbound", "--from", "5555550123", "--body", "STOP"],
    ["export-audit", "{tmp}/out.csv"],
])
def test_a_damaged_database_is_one_line_exit_2_for_every_command(studio, tmp_path, command):
    os.truncate(studio, 5000)
    done = run(tmp_path, *[word.format(tmp=tmp_path) for word in command], "--db", str(studio))
    one_line_error(done, f"{studio} is damaged", "restore it from a backup")
    assert "internal error" not in done.stderr


def test_another_programs_database_is_one_line_exit_2_and_left_as_it_was(tmp_path):
    path = tmp_path / "photos.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE album (id INTEGER PRIMARY KEY)")
    other.commit()
    other.close()
    before = path.read_bytes()
    one_line_error(run(tmp_path, "inbound", "--from", "5555550123", "--body", "STOP", "--db", str(path)),
                   "is not an Opt-In Desk database", "check that you named the studio's database")
    assert path.read_bytes() == before


def test_a_newer_database_is_refused_before_anything_is_written(studio, tmp_path):
    other = sqlite3.connect(studio)
    newer = latest_version() + 1
    other.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, '2030-01-01')", (newer,))
    other.commit()
    other.close()
    before = query(studio, "SELECT COUNT(*) FROM inbound_message")
    done = run(tmp_path, "inbound", "--from", "5555550123", "--body", "STOP", "--db", str(studio))
    one_line_error(done, f"was made by a newer Opt-In Desk (schema {newer}; this one knows",
                   "update Opt-In Desk")
    assert query(studio, "SELECT COUNT(*) FROM inbound_message") == before


def test_a_full_disk_during_import_messages_says_which_rows_were_applied(studio, tmp_path):
    rows = [(f"+1555555{i:04d}", "+15555550000", "see you at ten " * 12, "received",
             f"2026-01-05T{10 + i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z", "inbound",
             f"SM{i:032d}")
            for i in range(7000)]  # the 2,000 after the first chunk: too many to join it
    log = write_log(tmp_path / "log.csv", rows)
    pages = query(studio, "PRAGMA page_count")[0][0]
    done = run_with_pragmas(tmp_path, {"max_page_count": pages + 640},  # 5,000 texts: ~580
                            "import-messages", str(log), "--db", str(studio))
    applied = query(studio, "SELECT COUNT(*) FROM inbound_message")[0][0]
    assert applied == 5000, done.stderr  # the first chunk was committed, the second did not fit
    line = one_line_error(done, "is full (database or disk is full)", "rows 2–5001 were applied; "
                          "the rest were not — free some disk space and import the file again")
    assert "internal error" not in line and "rollback" not in line
    assert json.loads(done.stdout)["applied_rows"] == [[2, 5001]]
    again = ok_json(run(tmp_path, "import-messages", str(log), "--db", str(studio)))
    assert again["actions"]["duplicate"] == 5000
    assert query(studio, "SELECT COUNT(*) FROM inbound_message") == [(7000,)]


def test_a_read_only_database_is_one_line_exit_2(studio, tmp_path):
    done = run_with_pragmas(tmp_path, {"query_only": 1},
                            "inbound", "--from", "5555550123", "--body", "STOP", "--db", str(studio))
    one_line_error(done, f"{studio} is read-only", "writable")
    assert query(studio, "SELECT COUNT(*) FROM inbound_message") == [(0,)]


# --- private files (§7) --------------------------------------------------------------------------

@POSIX_ONLY
def test_the_database_its_folder_and_companions_are_the_owners_only(tmp_path):
    path = tmp_path / "new folder" / "studio.db"
    code = ("import os, sys, main; os.umask(0); sys.exit(main.main(sys.argv[1:]))")
    env = {k: v for k, v in os.environ.items() if k != "OPTIN_DESK_DATABASE_URL"}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    done = subprocess.run([sys.executable, "-c", code, "init", "--owner-name", "Olive Owner",
                           "--owner-pin", "86429731", "--db", str(path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert mode(path.parent) == 0o700 and mode(path) == 0o600
    # The -wal and -shm, while a connection holds them: SQLite gives them the file's mode.
    holder = sqlite3.connect(path)
    holder.execute("INSERT INTO schema_version (version, applied_at) SELECT 0, 'x' WHERE 0")
    holder.execute("SELECT COUNT(*) FROM client").fetchall()
    try:
        for suffix in ("-wal", "-shm"):
            assert mode(Path(f"{path}{suffix}")) == 0o600, suffix
    finally:
        holder.close()


@POSIX_ONLY
def test_an_older_versions_world_readable_database_is_made_private_on_open(studio, tmp_path):
    studio.chmod(0o644)
    ok_json(run(tmp_path, "status", "--client", "1", "--db", str(studio)))
    assert mode(studio) == 0o600


@POSIX_ONLY
def test_exports_and_the_log_are_the_owners_only(studio, tmp_path):
    csv_file, pdf_file = tmp_path / "audit.csv", tmp_path / "record.pdf"
    ok_json(run(tmp_path, "export-audit", str(csv_file), "--db", str(studio)))
    ok_json(run(tmp_path, "export-record", "--client", "1", str(pdf_file), "--db", str(studio)))
    assert mode(csv_file) == 0o600 and mode(pdf_file) == 0o600
    # An internal error's log (a bug, made here by a schema the program does not expect).
    other = sqlite3.connect(studio)
    other.execute("DROP TABLE stop_lock")
    other.commit()
    other.close()
    done = run(tmp_path, "inbound", "--from", "5555550123", "--body", "STOP", "--db", str(studio))
    assert done.returncode == 1 and "internal error" in done.stderr, done.stderr
    log = tmp_path / "xdg" / "Opt-In Desk" / "optin-desk.log"
    assert mode(log) == 0o600 and mode(log.parent) == 0o700
    assert f"details in {log}" in done.stderr and "Traceback" in log.read_text(encoding="utf-8")
