"""The command line reads files as spreadsheets save them, with the window's reader (issue 10
part 2): a Windows-1252 semicolon client export, an API-export message log, a workbook
chosen by mistake — one line, exit 2, nothing changed."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import dump, ok_json, one_line_error, query, run, studio, template  # noqa: F401

API_COLUMNS = "SMS Message SID;From;To;Date Created;Date Sent;Date Updated;Status;Direction;Message Segments;Price;Body"


def test_import_clients_reads_an_excel_windows_1252_semicolon_export(studio, tmp_path):  # noqa: F811
    path = tmp_path / "excel.csv"
    path.write_bytes("first_name;last_name;email;mobile;home_phone;status\r\n"
                     "José;O’Brien;jose@example.com;(303) 555-0101;;member\r\n"
                     "Zoë;Muñoz;;;;prospect\r\n".encode("cp1252"))
    summary = ok_json(run(tmp_path, "import-clients", str(path), "--db", str(studio)))
    assert summary["imported"] == 2
    assert query(studio, "SELECT first_name, last_name FROM client WHERE id > 3 ORDER BY id") == [
        ("José", "O’Brien"), ("Zoë", "Muñoz")]


def test_import_messages_reads_an_api_export(studio, tmp_path):  # noqa: F811
    path = tmp_path / "api.csv"
    path.write_text(API_COLUMNS + "\n"
                    "SM1;+15555550123;+15550001111;2026-11-26 09:14:00;2026-11-26 09:14:00;;received;"
                    "inbound;1;-0.0079;STOP\n"
                    "SM2;+15550001111;+15555550123;2026-11-26 09:20:00;2026-11-26 09:20:00;;delivered;"
                    "outbound-api;1;-0.0079;Big sale today\n", encoding="utf-8-sig")
    summary = ok_json(run(tmp_path, "import-messages", str(path), "--db", str(studio)))
    assert summary["actions"]["opt_out"] == 1 and summary["sent_after_stop"] == 1
    assert query(studio, "SELECT number FROM stop_lock") == [("+15555550123",)]


def test_a_workbook_instead_of_a_csv_is_one_line_and_changes_nothing(studio, tmp_path):  # noqa: F811
    path = tmp_path / "clients.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    before = dump(studio)
    for command in ("import-clients", "import-messages"):
        one_line_error(run(tmp_path, command, str(path), "--db", str(studio)),
                       "Excel workbook", "Save As")
    assert dump(studio) == before
