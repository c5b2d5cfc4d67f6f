"""Bad CSV files (DESIGN §7: no input can crash the program or change consent in a way the
rules forbid): a column named twice, a huge cell, NUL bytes — through the model layer, for the
reader shared by client imports and message logs.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import models.csv_files
from models.client_import import import_clients
from models.csv_files import MAX_CELL, read_csv
from models.errors import InvalidInput
from models.message_log import import_messages
from models.schema import Client, ConsentEvent, InboundMessage, StopLock

COLUMNS = ["From", "To", "Body", "Status", "SentDate", "Direction", "Sid"]
CLIENT_HEADER = "first_name,last_name,email,mobile,home_phone,status"


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def inbound(number: str, body: str, sid: str, at: str = "2026-11-26T09:00:00Z") -> list[str]:
    return [number, "+15550001111", body, "received", at, "inbound", sid]


def locked(number: str) -> bool:
    return StopLock.get_or_none(StopLock.number == number) is not None


# --- A column named twice ----------------------------------------------------------------------

def test_a_second_body_column_is_refused_by_name_so_it_cannot_hide_a_stop(add_client, tmp_path):
    add_client(mobile="+15555550123")
    log = write_rows(tmp_path / "log.csv", COLUMNS + ["Body"],
                     [inbound("+15555550123", "STOP", "SM1") + ["thanks!"]])
    with pytest.raises(InvalidInput, match=r"column Body appears twice$"):
        import_messages(log)
    assert InboundMessage.select().count() == 0 and not locked("+15555550123")


def test_a_client_file_naming_a_column_twice_is_refused_and_adds_no_one(db, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text(CLIENT_HEADER + ", email \nDana,Reyes,dana@example.com,,,member,x@example.com\n",
                    encoding="utf-8")
    before = ConsentEvent.select().count()
    with pytest.raises(InvalidInput, match="column email appears twice"):
        import_clients(path)
    assert Client.select().count() == 0 and ConsentEvent.select().count() == before


def test_unnamed_columns_at_the_right_are_not_duplicates(db, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text(CLIENT_HEADER + ",,\nDana,Reyes,dana@example.com,,,member,,\n", encoding="utf-8")
    assert import_clients(path).imported == 1


# --- A huge cell ---------------------------------------------------------------------------------

def test_a_5mb_cell_is_a_bad_row_by_number_and_the_other_rows_are_applied(add_client, tmp_path):
    add_client(mobile="+15555550123")
    add_client("Ana", "Silva", mobile="+12125550199")
    log = write_rows(tmp_path / "log.csv", COLUMNS, [
        inbound("+15555550123", "STOP", "SM1"),
        inbound("+15555550124", "x" * 5_000_000, "SM2"),
        inbound("+12125550199", "STOP", "SM3"),
    ])
    summary = import_messages(log)
    assert [bad["row"] for bad in summary.bad_rows] == [3]
    assert summary.bad_rows[0]["error"] == f"column Body holds 5,000,000 characters (at most {MAX_CELL:,})"
    assert locked("+15555550123") and locked("+12125550199")
    assert summary.inbound == 2


def test_a_quote_left_open_is_one_bad_row_that_says_so(db, tmp_path):
    lines = "\n".join(f"+1555555{i:04d},+15550001111,STOP,received,2026-11-26T09:00:00Z,inbound,SM{i}"
                      for i in range(4000))
    log = tmp_path / "log.csv"
    log.write_text(",".join(COLUMNS) + '\n+15555550123,+15550001111,"STOP,received,x,inbound,SM\n'
                   + lines + "\n", encoding="utf-8")
    summary = import_messages(log)
    assert len(summary.bad_rows) == 1 and summary.bad_rows[0]["row"] == 2
    assert "a quote left open?" in summary.bad_rows[0]["error"]


def test_a_cell_beyond_what_is_read_at_all_refuses_the_file_naming_its_row(db, tmp_path, monkeypatch):
    monkeypatch.setattr(models.csv_files, "READ_LIMIT", 1024 * 1024)
    previous = csv.field_size_limit(1024 * 1024)
    try:
        log = write_rows(tmp_path / "log.csv", COLUMNS, [inbound("+15555550123", "STOP", "SM1"),
                                                          inbound("+15555550124", "y" * 2_000_000, "SM2")])
        with pytest.raises(InvalidInput, match="row 3 has a cell larger than 1 MB"):
            import_messages(log)
    finally:
        csv.field_size_limit(previous)
    assert InboundMessage.select().count() == 0


def test_a_huge_name_in_a_client_file_is_a_skipped_row(db, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text(CLIENT_HEADER + "\n" + "D" * 2_000_000 + ",Reyes,,,,member\nAna,Silva,,,,member\n",
                    encoding="utf-8")
    summary = import_clients(path)
    assert summary.imported == 1
    assert [(s["row"], s["reason"]) for s in summary.skipped] == [
        (2, f"column first_name holds 2,000,000 characters (at most {MAX_CELL:,})")]


# --- NUL bytes -------------------------------------------------------------------------------------

def test_a_nul_byte_in_a_cell_is_a_bad_row_and_the_other_rows_are_applied(add_client, tmp_path):
    add_client(mobile="+15555550123")
    log = write_rows(tmp_path / "log.csv", COLUMNS, [inbound("+15555550124", "STOP", "SM\x001"),
                                                      inbound("+15555550123", "STOP", "SM2")])
    summary = import_messages(log)
    assert summary.bad_rows == [{"row": 2, "error": "column Sid holds a NUL byte: the file may be damaged"}]
    assert locked("+15555550123") and not locked("+15555550124")


def test_a_file_saved_as_utf16_without_a_mark_is_one_line_not_missing_columns(db, tmp_path):
    log = tmp_path / "log.csv"
    log.write_bytes((",".join(COLUMNS) + "\n").encode("utf-16-le"))
    with pytest.raises(InvalidInput, match="holds NUL bytes, so it is not UTF-8 text"):
        import_messages(log)


def test_reading_is_lazy_and_numbers_rows_as_a_spreadsheet(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text('a,b\n1,"two\nlines"\n\n3,4\n', encoding="utf-8")
    assert list(read_csv(path, ["a"])) == [(2, {"a": "1", "b": "two\nlines"}), (3, {"a": "3", "b": "4"})]
