"""A CSV the program writes never carries a spreadsheet formula (DESIGN §7): every text cell of
the audit export that starts with =, +, -, @, a tab or a carriage return is escaped — staff
names, client names, notes, numbers — and the checkpoint line stays as it is (R14).
"""

from __future__ import annotations

import csv

from models.audit import chain_checkpoint, export_csv
from models.consent import set_switch
from models.inbound import process_inbound
from models.rules import Channel, Switch
from models.staff import create_staff

NUMBER = "+15555550123"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_no_cell_of_the_audit_export_can_run_as_a_formula(staff, add_client, tmp_path):
    evil = create_staff(staff["owner"], '=HYPERLINK("http://evil","open")', "employee", "24680")
    client = add_client("-Dana", "Reyes", mobile=NUMBER)
    for value, note in ((False, "@SUM(A1)"), (True, "+1 call me"), (False, "-2"), (True, "\t=1+1")):
        set_switch(evil, client, Channel.EMAIL, Switch.MARKETING, value,
                   method="in_person" if value else None, note=note)
    process_inbound(NUMBER, "STOP", sid="SM-stop")  # the actor of a keyword is the number
    target = tmp_path / "audit.csv"
    export_csv(target)

    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, events, last = rows[0], rows[1:-1], rows[-1]
    for row in events:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), (cell, row)
    column = {name: index for index, name in enumerate(header)}
    actors = {row[column["actor"]] for row in events}
    assert "'=HYPERLINK(\"http://evil\",\"open\")" in actors and "'" + NUMBER in actors
    notes = {row[column["note"]] for row in events}
    assert {"'+1 call me", "'@SUM(A1)", "'-2", "'=1+1"} <= notes, notes  # notes are kept trimmed
    assert {row[column["client_name"]] for row in events} - {""} == {"'-Dana Reyes"}
    assert {row[column["number"]] for row in events} - {""} == {"'" + NUMBER}
    assert last == ["checkpoint", chain_checkpoint()]  # as it is: a reader stops at it (R14)
