"""R14 on the command line: `export-audit --client/--number` with the numbers' events, the
checkpoint line, `verify-audit --checkpoint`, and `export-record --client ID FILE.pdf`."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli import ROOT, ok_json, one_line_error, query, run, studio, template  # noqa: F401

NUMBER = "+15555550123"  # Dana's and Sam's mobile in the template studio


def export_rows(path: Path) -> tuple[list[dict[str, str]], list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, events, last = rows[0], rows[1:-1], rows[-1]
    return [dict(zip(header, row)) for row in events], last


def head(db: Path) -> str:
    event_id, hash_ = query(db, "SELECT last_event_id, last_hash FROM audit_head")[0]
    return f"{event_id}:{hash_}"


@pytest.fixture
def stopped(studio, tmp_path) -> Path:
    """The template studio after its shared mobile texted STOP, and Kai added after it."""
    ok_json(run(tmp_path, "inbound", "--from", "(555) 555-0123", "--body", "STOP", "--sid", "SM-stop",
                "--db", str(studio)))
    kai = tmp_path / "kai.csv"
    kai.write_text("first_name,last_name,email,mobile,home_phone,status\n"
                   "Kai,Late,kai@example.com,555-555-0123,,prospect\n", encoding="utf-8")
    ok_json(run(tmp_path, "import-clients", str(kai), "--db", str(studio)))
    return studio


def test_r14_export_audit_of_a_client_added_after_the_stop_has_the_stop(stopped, tmp_path):
    target = tmp_path / "kai.csv"
    done = ok_json(run(tmp_path, "export-audit", str(target), "--client", "4", "--db", str(stopped)))
    rows, last = export_rows(target)
    assert done["exported"] == len(rows)
    assert [r["inbound_sid"] for r in rows if r["switch"] == "stop_lock"] == ["SM-stop"]
    assert last == ["checkpoint", head(stopped)]


def test_r14_export_audit_of_a_number_in_any_format(stopped, tmp_path):
    target = tmp_path / "number.csv"
    ok_json(run(tmp_path, "export-audit", str(target), "--number", "(555) 555-0123", "--db", str(stopped)))
    rows, last = export_rows(target)
    assert rows and {r["number"] for r in rows} == {"'" + NUMBER}  # escaped: never a formula (§7)
    assert sorted(r["client_name"] for r in rows if r["switch"] == "stop_lock") == ["Dana Reyes", "Sam Reyes"]
    assert last == ["checkpoint", head(stopped)]


def test_r14_export_audit_refuses_a_bad_number_or_unknown_client(stopped, tmp_path):
    target = tmp_path / "x.csv"
    one_line_error(run(tmp_path, "export-audit", str(target), "--number", "555-CALL-NOW", "--db", str(stopped)))
    one_line_error(run(tmp_path, "export-audit", str(target), "--client", "99", "--db", str(stopped)),
                   "no client with id 99")
    assert not target.exists()


def test_r14_verify_audit_holds_the_checkpoint_of_an_export(stopped, tmp_path):
    target = tmp_path / "all.csv"
    ok_json(run(tmp_path, "export-audit", str(target), "--db", str(stopped)))
    checkpoint = export_rows(target)[1][1]
    result = ok_json(run(tmp_path, "verify-audit", "--checkpoint", checkpoint, "--db", str(stopped)))
    assert result["ok"] and result["checkpoint"] == checkpoint == head(stopped)
    event_id = checkpoint.partition(":")[0]
    wrong = f"{event_id}:{'0' * 64}"
    done = run(tmp_path, "verify-audit", "--checkpoint", wrong, "--db", str(stopped))
    assert done.returncode == 1 and "rewritten" in done.stderr
    one_line_error(run(tmp_path, "verify-audit", "--checkpoint", "nonsense", "--db", str(stopped)),
                   "checkpoint")


@pytest.mark.gui
def test_r14_export_record_writes_a_pdf_of_a_client_and_their_numbers_events(stopped, tmp_path):
    target = tmp_path / "kai.pdf"
    done = ok_json(run(tmp_path, "export-record", "--client", "4", str(target), "--db", str(stopped),
                       env={"QT_QPA_PLATFORM": "offscreen"}))
    assert done["file"] == str(target) and done["pages"] >= 1
    assert done["checkpoint"] == head(stopped)
    assert done["events"] == len(query(stopped, "SELECT id FROM consent_event WHERE client_id = 4")) + 1
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.gui
def test_r14_export_record_refuses_an_unknown_client_or_unwritable_path(stopped, tmp_path):
    one_line_error(run(tmp_path, "export-record", "--client", "99", str(tmp_path / "x.pdf"),
                       "--db", str(stopped)), "no client with id 99")
    one_line_error(run(tmp_path, "export-record", "--client", "1", str(tmp_path / "nowhere" / "x.pdf"),
                       "--db", str(stopped)), "not a folder")
    # A folder nobody may write in (root ignores permissions; /proc refuses even root).
    locked = Path("/proc") if Path("/proc/self").is_dir() else tmp_path / "locked"
    if locked != Path("/proc"):
        locked.mkdir()
        locked.chmod(0o500)
    try:
        one_line_error(run(tmp_path, "export-record", "--client", "1", str(locked / "x.pdf"),
                           "--db", str(stopped), env={"QT_QPA_PLATFORM": "offscreen"}), "cannot write")
    finally:
        if locked != Path("/proc"):
            locked.chmod(0o700)
    assert not list(tmp_path.rglob("*.pdf*"))


def test_the_command_line_starts_without_qt(stopped):
    probe = ("import sys, main\n"
             "for argv in (['--help'], ['export-record', '--help'], ['verify-audit', '--db', sys.argv[1]]):\n"
             "    try:\n        main.main(argv)\n    except SystemExit:\n        pass\n"
             "print('PySide6' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe, str(stopped)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr
