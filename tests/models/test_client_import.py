"""Importing clients from a CSV file: good rows added with their starting switches (R4a),
a STOP-locked mobile starts locked (R7), bad rows listed by row number, and twice is safe.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from models.client_import import LOCKED_CELL, import_clients
from models.consent import load_consent, set_switch
from models.errors import InvalidInput
from models.inbound import process_inbound
from models.rules import Channel, Switch
from models.schema import Client, ConsentEvent

NUMBER = "+15555550123"
HEADER = "first_name,last_name,email,mobile,home_phone,status"


def write_csv(path: Path, lines: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def sms(client_id: int):
    return load_consent(client_id).channels[Channel.SMS]


def events() -> int:
    return ConsentEvent.select().count()


def test_import_applies_good_rows_and_lists_bad_ones_by_row(db, tmp_path):
    path = write_csv(tmp_path / "clients.csv", [
        "Dana,Reyes,dana@example.com,(555) 555-0123,,member",
        "Sam,Reyes,sam@@example.com,555-555-0124,,member",
        ",,,,,",
        "Ana,Silva,,call me,,prospect",
        "Lee,Kim,lee@example.com,,(212) 555-0100,alumni",
        "Omar,Haddad,omar@example.com,,,",
        "Too,Many,x@example.com,,,member,extra",
    ])
    summary = import_clients(path)
    assert summary.imported == 2
    assert [(s["row"], s["reason"].split(":")[0]) for s in summary.skipped] == [
        (3, "email"), (5, "mobile"), (6, "status 'alumni' is not member or prospect"),
        (8, "more cells than the header has")]
    names = {(c.first_name, c.status) for c in Client.select()}
    assert names == {("Dana", "member"), ("Omar", "prospect")}
    assert all(e.source == "import" and e.actor == "client import"
               for e in ConsentEvent.select().where(ConsentEvent.client.is_null(False)))


def test_import_twice_is_safe(db, tmp_path):
    path = write_csv(tmp_path / "clients.csv", ["Dana,Reyes,dana@example.com,(555) 555-0123,,member",
                                                "Dana,Reyes,dana@example.com,+15555550123,,member"])
    first = import_clients(path)
    assert first.imported == 1 and first.skipped[0]["row"] == 3  # the same person twice in one file
    before = events()
    again = import_clients(path)
    assert again.imported == 0 and [s["row"] for s in again.skipped] == [2, 3]
    assert all("already on file" in s["reason"] for s in again.skipped)
    assert again.already_on_file == {2, 3} and again.problems() == []
    assert Client.select().count() == 1 and events() == before


def test_r7_import_of_a_client_with_a_locked_mobile_starts_with_sms_all_off(db, tmp_path):
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    path = write_csv(tmp_path / "clients.csv",
                     ["Sam,Reyes,,(555) 555-0123,,member,yes,signed_form"],
                     header=HEADER + ",sms_marketing,consent_method")
    summary = import_clients(path)
    client = summary.client_ids[0]
    stored = Client.get_by_id(client)
    assert stored.sms_all is False and stored.voice_all is True
    assert sms(client).stop_locked and not sms(client).effective_marketing
    # R21: no "on" is written for a locked number; the record says why SMS is off.
    sms_events = [(e.switch, e.new) for e in ConsentEvent.select().where(
        (ConsentEvent.client == client) & (ConsentEvent.channel == "sms"))]
    assert sms_events == [("all", "off")]


def test_r22_an_import_stores_no_marketing_on_for_a_locked_mobile_and_says_so(db, tmp_path):
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    path = write_csv(tmp_path / "clients.csv",
                     ["Sam,Reyes,sam@example.com,(555) 555-0123,,member,yes,yes,signed_form"],
                     header=HEADER + ",sms_marketing,email_marketing,consent_method")
    summary = import_clients(path)
    (client,) = summary.client_ids
    stored = Client.get_by_id(client)
    assert stored.sms_marketing is False and stored.email_marketing is True  # the rest applies
    assert summary.skipped_cells == [{"row": 2, "column": "sms_marketing", "reason": LOCKED_CELL}]
    assert summary.problems() == [{"row": 2, "column": "sms_marketing", "reason": LOCKED_CELL,
                                   "line": f"sms_marketing: {LOCKED_CELL}"}]
    assert summary.as_json()["skipped_cells"] == summary.skipped_cells
    # R8: START gives back SMS All (the STOP's doing), never the refused marketing.
    process_inbound(NUMBER, "START", sid="SM-start")
    assert sms(client).effective_all and not sms(client).effective_marketing


def test_r22_an_import_never_changes_a_client_already_on_file(staff, add_client, tmp_path):
    dana = add_client("Dana", "Reyes", email="dana@example.com", mobile="(555) 555-0123")
    set_switch(staff["employee"], dana, Channel.EMAIL, Switch.MARKETING, False)
    path = write_csv(tmp_path / "clients.csv",
                     ["Dana,Reyes,dana@example.com,(555) 555-0123,,member,yes,signed_form"],
                     header=HEADER + ",email_marketing,consent_method")
    summary = import_clients(path)
    assert summary.imported == 0 and summary.already_on_file == {2}
    assert Client.get_by_id(dana).email_marketing is False


def test_r4a_import_records_marketing_with_its_consent_method(db, tmp_path):
    path = write_csv(tmp_path / "clients.csv", [
        "Dana,Reyes,dana@example.com,(555) 555-0123,,member,yes,no,signed_form",
        "Sam,Reyes,sam@example.com,(555) 555-0124,,member,yes,,",
        "Ana,Silva,ana@example.com,,,member,,,telepathy",
    ], header=HEADER + ",sms_marketing,email_marketing,consent_method")
    summary = import_clients(path)
    assert summary.imported == 1
    assert [s["row"] for s in summary.skipped] == [3, 4]
    assert "consent_method" in summary.skipped[0]["reason"]
    dana = load_consent(summary.client_ids[0])
    assert dana.channels[Channel.SMS].effective_marketing  # recorded consent
    assert not dana.channels[Channel.EMAIL].marketing  # recorded opt-out beats the default
    event = ConsentEvent.get((ConsentEvent.channel == "sms") & (ConsentEvent.switch == "marketing"))
    assert event.method == "signed_form" and event.source == "import"


def test_import_refuses_a_file_it_cannot_use_and_changes_nothing(db, tmp_path):
    missing_columns = tmp_path / "short.csv"
    missing_columns.write_text("first_name,last_name,email\nDana,Reyes,d@example.com\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="missing columns mobile, home_phone, status"):
        import_clients(missing_columns)
    with pytest.raises(InvalidInput, match="no such file"):
        import_clients(tmp_path / "nothere.csv")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InvalidInput):
        import_clients(binary)
    with pytest.raises(InvalidInput, match="folder"):
        import_clients(tmp_path)
    assert Client.select().count() == 0


def test_rows_already_on_file_are_not_problems_but_bad_rows_are(db, tmp_path):
    """The command line's exit status and its error lines come from problems(), not from
    matching the reasons' words."""
    path = write_csv(tmp_path / "clients.csv", ["Dana,Reyes,dana@example.com,(555) 555-0123,,member"])
    import_clients(path)
    write_csv(path, ["Dana,Reyes,dana@example.com,(555) 555-0123,,member",
                     "Omar,Haddad,not an email,,,member"])
    summary = import_clients(path)
    assert summary.already_on_file == {2}
    assert [item["row"] for item in summary.problems()] == [3]
