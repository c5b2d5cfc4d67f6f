"""Client files as spreadsheets save them (issue 10 part 2): Excel's Windows-1252 and
semicolon exports import like UTF-8 ones, R22 holds whatever the encoding, a preview names
the columns read and ignored, progress is told per batch and a cancel keeps whole batches,
and the problems can be saved as a CSV no spreadsheet runs as a formula."""

from __future__ import annotations

import csv
import os
import stat
from pathlib import Path

import pytest

from models import client_import
from models.client_import import LOCKED_CELL, import_clients, preview_clients, save_problems
from models.consent import set_switch
from models.inbound import process_inbound
from models.rules import Channel, Switch
from models.schema import Client

HEADER = ["first_name", "last_name", "email", "mobile", "home_phone", "status"]


def _write(path: Path, rows: list[list[str]], *, encoding: str, separator: str) -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return path


@pytest.mark.parametrize(("encoding", "separator"), [("cp1252", ";"), ("utf-8-sig", ";"), ("cp1252", ",")])
def test_an_excel_export_imports_names_with_accents_and_curly_quotes(db, tmp_path: Path,
                                                                      encoding: str, separator: str) -> None:
    path = _write(tmp_path / "clients.csv", [HEADER,
                  ["José", "O’Brien", "jose@example.com", "(555) 555-0123", "", "member"],
                  ["Zoë", "Muñoz", "", "", "", "prospect"]], encoding=encoding, separator=separator)
    summary = import_clients(path)
    assert summary.imported == 2 and summary.problems() == []
    assert sorted((c.first_name, c.last_name) for c in Client.select()) == [("José", "O’Brien"),
                                                                          ("Zoë", "Muñoz")]


def test_r22_a_semicolon_windows_1252_import_never_resubscribes(staff, add_client, tmp_path: Path) -> None:
    dana = add_client("Dana", "Peña", email="dana@example.com", mobile="(555) 555-0123")
    set_switch(staff["employee"], dana, Channel.EMAIL, Switch.MARKETING, False)
    process_inbound("+15555550124", "STOP", sid="SM-stop")
    path = _write(tmp_path / "clients.csv", [HEADER + ["email_marketing", "sms_marketing", "consent_method"],
                  ["Dana", "Peña", "dana@example.com", "(555) 555-0123", "", "member", "yes", "", "signed_form"],
                  ["Iñaki", "Ruiz", "", "(555) 555-0124", "", "member", "", "yes", "signed_form"]],
                  encoding="cp1252", separator=";")
    summary = import_clients(path)
    assert summary.already_on_file == {2} and Client.get_by_id(dana).email_marketing is False
    (inaki,) = summary.client_ids
    assert Client.get_by_id(inaki).sms_marketing is False
    assert summary.problems() == [{"row": 3, "column": "sms_marketing", "reason": LOCKED_CELL,
                                   "line": f"sms_marketing: {LOCKED_CELL}"}]


def test_the_preview_names_the_columns_read_ignored_and_missing(tmp_path: Path) -> None:
    path = _write(tmp_path / "clients.csv", [["first_name", "last_name", "Notes", "email", "sms_marketing"]]
                  + [[f"Iñés{n}", "Silva", "VIP", "", ""] for n in range(30)], encoding="cp1252", separator=";")
    preview = preview_clients(path)
    assert preview.csv.csv_format.encoding_name() == "Windows-1252 (Western)"
    assert preview.csv.csv_format.separator_name() == "semicolon"
    assert len(preview.csv.rows) == 10 and preview.csv.rows[0] == ("Iñés0", "Silva", "VIP", "", "")
    assert preview.recognised == ("first_name", "last_name", "email", "sms_marketing")
    assert preview.unknown == ("Notes",)
    assert preview.missing == ("mobile", "home_phone", "status")


def test_problems_name_the_column_and_say_what_is_wrong(db, tmp_path: Path) -> None:
    path = _write(tmp_path / "clients.csv", [HEADER,
                  ["Ana", "Silva", "not an email", "", "", "member"],
                  ["Omar", "Haddad", "", "555", "", "member"],
                  ["Lee", "Park", "", "", "", "visitor"],
                  ["", "", "a@example.com", "", "", "member"],
                  ["Ok", "Fine", "", "", "", "member", "extra"]], encoding="utf-8", separator=",")
    problems = import_clients(path).problems()
    assert [(p["row"], p["column"]) for p in problems] == [
        (2, "email"), (3, "mobile"), (4, "status"), (5, "first_name, last_name"), (6, "")]
    assert problems[0]["reason"].startswith("email address 'not an email' is not valid")
    assert problems[1]["line"].startswith("mobile: phone number '555'")
    assert problems[2]["reason"] == "status 'visitor' is not member or prospect"
    assert problems[4]["reason"] == "more cells than the header has"


def test_saved_problems_are_private_and_never_a_formula(tmp_path: Path) -> None:
    target = tmp_path / "to fix.csv"
    save_problems([{"row": 2, "column": "first_name", "reason": "=HYPERLINK(\"x\")", "line": ""},
                   {"row": 3, "column": "", "reason": "+1 is not a name", "line": ""}], target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["row", "column", "what to fix"], ["2", "first_name", "'=HYPERLINK(\"x\")"],
                    ["3", "", "'+1 is not a name"]]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_progress_per_batch_and_a_cancel_keeps_whole_batches(db, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_import, "IMPORT_CHUNK", 2)
    monkeypatch.setattr(client_import, "BATCH_PAUSE", 0)
    path = _write(tmp_path / "clients.csv", [HEADER] + [[f"Ana{n}", "Silva", "", "", "", "member"]
                                                        for n in range(5)], encoding="utf-8", separator=",")
    seen: list[tuple[int, int]] = []
    summary = import_clients(path, progress=lambda done, total: seen.append((done, total)),
                             cancelled=lambda: len(seen) >= 3)
    assert seen == [(0, 5), (2, 5), (4, 5)]
    assert summary.imported == 4 and summary.not_reached == 1 and Client.select().count() == 4
    again = import_clients(path)  # running it again adds only the rest
    assert again.imported == 1 and again.already_on_file == {2, 3, 4, 5}
