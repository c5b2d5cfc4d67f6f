"""Bad CSV files on the command line (DESIGN §4, §7): `import-messages` and `import-clients`
exit 2 with one line per bad row on stderr and apply the good rows; a file that cannot be read
by its columns is one line, and nothing changes.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import (  # noqa: F401 (template and studio are fixtures)
    TWILIO_COLUMNS,
    dump,
    one_line_error,
    query,
    run,
    studio,
    template,
    write_log,
)


def test_import_messages_with_two_body_columns_is_one_line_and_changes_nothing(studio, tmp_path):
    log = write_log(tmp_path / "log.csv", [("+15555550123", "+15550001111", "STOP", "received",
                                            "2026-11-26T10:00:00Z", "inbound", "SMa", "thanks")],
                    columns=TWILIO_COLUMNS + ["Body"])
    before = dump(studio)
    done = run(tmp_path, "import-messages", str(log), "--db", str(studio))
    one_line_error(done, "column Body appears twice")
    assert done.stdout == "" and dump(studio) == before


def test_import_messages_with_a_5mb_cell_names_its_row_and_applies_the_others(studio, tmp_path):
    log = write_log(tmp_path / "log.csv", [
        ("+15555550123", "+15550001111", "STOP", "received", "2026-11-26T10:00:00Z", "inbound", "SMa"),
        ("+12125550199", "+15550001111", "z" * 5_000_000, "received", "2026-11-26T10:01:00Z",
         "inbound", "SMb"),
        ("+12125550199", "+15550001111", "HELP", "received", "2026-11-26T10:02:00Z", "inbound", "SMc\x00"),
    ])
    done = run(tmp_path, "import-messages", str(log), "--db", str(studio))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "optin-desk: row 3: column Body holds 5,000,000 characters (at most 100,000)",
        "optin-desk: row 4: column Sid holds a NUL byte: the file may be damaged"]
    assert [bad["row"] for bad in json.loads(done.stdout)["bad_rows"]] == [3, 4]
    assert query(studio, "SELECT number FROM stop_lock") == [("+15555550123",)]


def test_import_messages_of_a_utf16_file_is_one_line(studio, tmp_path):
    log = tmp_path / "log.csv"
    log.write_bytes((",".join(TWILIO_COLUMNS) + "\n").encode("utf-16-le"))
    before = dump(studio)
    one_line_error(run(tmp_path, "import-messages", str(log), "--db", str(studio)), "NUL bytes")
    assert dump(studio) == before


def test_import_clients_lists_a_huge_cell_and_a_nul_byte_by_row_and_adds_the_good(studio, tmp_path):
    path = tmp_path / "more.csv"
    path.write_text("first_name,last_name,email,mobile,home_phone,status\n"
                    + "A" * 300_000 + ",Long,,,,member\n"
                    "Nul,By\x00te,,,,member\n"
                    "Ana,Silva,ana@example.com,(303) 555-0101,,member\n", encoding="utf-8")
    done = run(tmp_path, "import-clients", str(path), "--db", str(studio))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "optin-desk: row 2: column first_name holds 300,000 characters (at most 100,000)",
        "optin-desk: row 3: column last_name holds a NUL byte: the file may be damaged"]
    assert json.loads(done.stdout)["imported"] == 1
    assert query(studio, "SELECT first_name FROM client WHERE id = 4") == [("Ana",)]


def test_import_clients_naming_a_column_twice_is_one_line_and_changes_nothing(studio, tmp_path):
    path = tmp_path / "more.csv"
    path.write_text("first_name,last_name,email,mobile,home_phone,status,status\n"
                    "Ana,Silva,ana@example.com,,,member,prospect\n", encoding="utf-8")
    before = dump(studio)
    one_line_error(run(tmp_path, "import-clients", str(path), "--db", str(studio)),
                   "column status appears twice")
    assert dump(studio) == before
