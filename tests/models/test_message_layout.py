"""Message logs in the layouts providers' exports come in (issue 10 part 2): the Twilio
Console's export, the API export tools make (SMS Message SID, Date Sent, outbound-api …),
and any other file through a mapping of its columns; all read with the file's own encoding
and separator, a bad mapping refused in one line with nothing changed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from models.errors import InvalidInput
from models.message_layout import API_EXPORT, CONSOLE_EXPORT, layout_for, mapped_layout
from models.message_log import import_messages, message_log_layout
from models.schema import ConsentEvent, InboundMessage, StopLock

API_COLUMNS = ["SMS Message SID", "From", "To", "Date Created", "Date Sent", "Date Updated",
               "Status", "Direction", "Message Segments", "Price", "Body"]
STUDIO = "+15550001111"


def _write(path: Path, rows: list[list[str]], *, encoding: str = "utf-8", separator: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _api_row(sid: str, sender: str, to: str, sent: str, direction: str, body: str,
             created: str = "Thu, 26 Nov 2026 09:00:00 +0000") -> list[str]:
    return [sid, sender, to, created, sent, sent, "received" if direction == "inbound" else "delivered",
            direction, "1", "-0.0079", body]


def locked(number: str) -> bool:
    return StopLock.get_or_none(StopLock.number == number) is not None


def test_the_known_layouts_are_told_apart_by_their_header() -> None:
    assert layout_for(["From", "To", "Body", "Status", "SentDate", "Direction", "Sid", "x"]) is CONSOLE_EXPORT
    assert layout_for(API_COLUMNS) is API_EXPORT
    assert layout_for(["Phone", "Message", "When"]) is None


def test_r6_r23_an_api_export_is_imported_inbound_and_outbound(add_client, tmp_path: Path) -> None:
    dana = add_client("Dana", "Reyes", mobile="+15555550123")
    log = _write(tmp_path / "api.csv", [API_COLUMNS,
        _api_row("SM1", "+15555550123", STUDIO, "Thu, 26 Nov 2026 09:14:00 +0000", "inbound", "STOP"),
        _api_row("SM2", STUDIO, "+15555550123", "Thu, 26 Nov 2026 09:14:05 +0000", "outbound-reply",
                 "You are unsubscribed."),
        _api_row("SM3", STUDIO, "+15555550123", "2026-11-27 10:00:00", "outbound-api", "Big sale!"),
        # Never sent: Date Sent is empty, Date Created says when.
        _api_row("SM4", "+15555550124", STUDIO, "", "inbound", "hello",
                 created="Thu, 26 Nov 2026 09:20:00 +0000"),
        _api_row("SM5", "+15555550125", STUDIO, "Thu, 26 Nov 2026 09:21:00 +0000", "sideways", "STOP")])
    summary = import_messages(log)
    assert (summary.inbound, summary.outbound, summary.actions["opt_out"]) == (2, 2, 1)
    assert (summary.confirmations, summary.sent_after_stop) == (1, 1)
    assert summary.bad_rows == [{"row": 6, "error": "Direction 'sideways' is neither inbound nor outbound"}]
    assert locked("+15555550123") and dana in summary.client_ids
    assert InboundMessage.get(InboundMessage.sid == "SM4").received_at.startswith("2026-11-26T09:20")


@pytest.mark.parametrize(("encoding", "separator"), [("cp1252", ";"), ("utf-8-sig", ","), ("utf-16", "\t")])
def test_a_console_export_saved_by_a_spreadsheet_is_read(add_client, tmp_path: Path,
                                                         encoding: str, separator: str) -> None:
    add_client(mobile="+15555550123")
    log = _write(tmp_path / "log.csv", [list(CONSOLE_EXPORT.required),
        ["+15555550123", STUDIO, "Ya no más mensajes, ¿vale?", "received", "2026-11-26 09:14:00 +0000",
         "inbound", "SM1"],
        ["+15555550123", STUDIO, "STOP", "received", "2026-11-26 09:15:00 +0000", "inbound", "SM2"]],
        encoding=encoding, separator=separator)
    summary = import_messages(log)
    assert summary.bad_rows == [] and summary.actions["opt_out"] == 1 and summary.actions["review"] == 1
    assert InboundMessage.get(InboundMessage.sid == "SM1").body == "Ya no más mensajes, ¿vale?"


MAPPING = {"from": "Phone", "body": "Message", "time": "When", "sid": "Id", "direction": "Way",
           "to": "Studio"}


def test_r6_a_file_of_unknown_columns_is_imported_through_a_mapping(add_client, tmp_path: Path) -> None:
    add_client(mobile="+15555550123")
    log = _write(tmp_path / "other.csv", [["Id", "When", "Phone", "Studio", "Way", "Message"],
        ["A1", "2026-11-26 09:14", "(555) 555-0123", STUDIO, "inbound", "stop"],
        ["A2", "2026-11-26 09:15", STUDIO, "(555) 555-0123", "outbound-api", "Bye"]], separator=";")
    with pytest.raises(InvalidInput, match="missing columns From, To, Body, Status, SentDate, Direction, Sid"):
        import_messages(log)
    summary = import_messages(log, mapping=MAPPING)
    assert (summary.inbound, summary.outbound, summary.confirmations) == (1, 1, 1)
    assert locked("+15555550123")
    # Without a direction column every text is inbound; without To an outbound one is a bad row.
    assert message_log_layout(log, {"from": "Phone", "body": "Message", "time": "When", "sid": "Id"})


@pytest.mark.parametrize(("mapping", "words"), [
    ({"from": "Phone", "body": "Message", "time": "When"}, "choose the column that holds: message id"),
    ({**MAPPING, "sid": "Nope"}, "the file has no column 'Nope'"),
    ({**MAPPING, "body": "Phone"}, "column 'Phone' cannot hold both From and Body"),
    ({**MAPPING, "colour": "Way"}, "no such message-log field: colour"),
])
def test_a_bad_mapping_is_one_line_and_changes_nothing(add_client, tmp_path: Path,
                                                       mapping: dict[str, str], words: str) -> None:
    add_client(mobile="+15555550123")
    log = _write(tmp_path / "other.csv", [["Id", "When", "Phone", "Studio", "Way", "Message"],
                                          ["A1", "2026-11-26 09:14", "+15555550123", STUDIO, "inbound", "STOP"]])
    events = ConsentEvent.select().count()
    with pytest.raises(InvalidInput, match=words) as raised:
        import_messages(log, mapping=mapping)
    assert "\n" not in str(raised.value)
    assert InboundMessage.select().count() == 0 and ConsentEvent.select().count() == events
    assert not locked("+15555550123")


def test_a_mapping_is_checked_against_the_header_alone() -> None:
    layout = mapped_layout({"from": "A", "body": "B", "time": "C", "sid": "D", "to": ""}, ["A", "B", "C", "D"])
    assert layout.required == ("A", "B", "C", "D") and layout.column("to") is None


def test_a_time_that_is_no_time_says_what_one_looks_like(add_client, tmp_path: Path) -> None:
    log = _write(tmp_path / "log.csv", [list(CONSOLE_EXPORT.required),
                                        ["+15555550123", STUDIO, "hi", "received", "last Tuesday", "inbound", "SM1"]])
    (bad,) = import_messages(log).bad_rows
    assert bad["error"] == "time 'last Tuesday' is not a date and time like 2026-11-30 14:05"
    assert "ISO" not in bad["error"]
