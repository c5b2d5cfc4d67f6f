"""The message-log import's result in words: what a front desk reads after File ▸ Import
message log, texts sent after a client texted STOP included (R23)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from models.message_log import MessageImportSummary
from ui.messages.message_import import import_report


def test_r23_import_report_says_how_many_texts_were_sent_after_stop() -> None:
    summary = MessageImportSummary(rows=9, inbound=3, outbound=6, outbound_skipped=2,
                                   confirmations=1, sent_after_stop=2, outbound_duplicate=1,
                                   actions=Counter(opt_out=1, none=1, duplicate=1), changed=1)
    lines = import_report(Path("/tmp/messages.csv"), summary).splitlines()
    assert lines == [
        "messages.csv: 3 inbound texts, 1 consent change.",
        "STOP 1 · START 0 · HELP 0 · Needs review 0 · Other 1",
        "2 texts were sent after the client texted STOP — see Reports.",
        "6 outbound texts: 1 STOP confirmation recorded on the client's record, "
        "2 sent while the number was not opted out.",
        "Skipped: 2 texts already imported.",
    ]


def test_r23_import_report_without_texts_after_stop_stays_calm() -> None:
    one = MessageImportSummary(rows=2, inbound=1, outbound=1, outbound_skipped=1,
                               actions=Counter(help=1))
    report = import_report(Path("log.csv"), one)
    assert "after the client texted STOP" not in report
    assert "1 outbound text: no STOP confirmation, 1 sent while the number was not opted out." in report
    inbound_only = import_report(Path("log.csv"), MessageImportSummary(rows=1, inbound=1))
    assert "outbound" not in inbound_only and "Skipped: 0 texts already imported." in inbound_only
