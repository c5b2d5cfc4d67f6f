"""A message-log import is set-based (issue 12): the statements a batch sends do not grow with
its texts, its shortcuts read rows exactly as the general functions do, and a STOP texted
during a long import still lands within seconds (DESIGN §7, R16)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from models import csv_files, message_log
from models.audit import verify_chain
from models.db import database
from models.inbound import fast_iso, process_inbound
from models.message_layout import CONSOLE_EXPORT
from models.phones import normalize_phone
from models.schema import InboundMessage, StopLock
from models.timeutil import iso, parse_user_time, received_time

from .stop_during import stop_while_importing

HEADER = "From,To,Body,Status,SentDate,Direction,Sid\n"
STUDIO = "+12125550100"
BODIES = ("STOP", "Start", "HELP", "please stop texting me", "Thanks!", "See you Friday", "CANCEL",
          "UNSTOP", "ok")


def write_log(path: Path, rows: int, numbers: list[str], seed: int = 12) -> Path:
    """`rows` texts from `numbers` (keywords, review texts, chatter), one message id twice
    and a few outbound texts, in the Console export's layout."""
    rng = random.Random(seed)
    moment = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
    lines = [HEADER]
    for index in range(rows):
        moment += timedelta(seconds=rng.randrange(0, 4))
        written = moment.strftime("%Y-%m-%d %H:%M:%S +0000")
        number = rng.choice(numbers)
        if index % 50 == 49:  # the studio's texts to its clients (R23)
            lines.append(f"{STUDIO},{number},Your class is booked,delivered,{written},outbound-api,SMout{index}\n")
            continue
        sid = "SM0" if index % 100 == 98 else f"SM{index}"  # a message id seen before: a duplicate
        lines.append(f"{number},{STUDIO},{rng.choice(BODIES)},received,{written},inbound,{sid}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def count_statements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement the bound database is sent from now on (a query, or one executemany)."""
    sent: list[str] = []
    real = database.obj
    execute_sql, executemany = real.execute_sql, real.executemany

    def counted_sql(sql, params=None, *args, **kwargs):
        sent.append(sql)
        return execute_sql(sql, params, *args, **kwargs)

    def counted_many(sql, rows):
        sent.append(sql)
        return executemany(sql, rows)

    monkeypatch.setattr(real, "execute_sql", counted_sql)
    monkeypatch.setattr(real, "executemany", counted_many)
    return sent


def test_issue12_the_statements_of_a_batch_do_not_grow_with_its_texts(add_client, tmp_path, monkeypatch):
    numbers = [f"+1212555{1000 + i:04d}" for i in range(40)]
    for i, number in enumerate(numbers[:30]):  # ten numbers no client has
        add_client(f"Client{i}", "Family", email=f"c{i}@example.com", mobile=number)
    process_inbound(numbers[0], "STOP", sid="SM-before", at=datetime(2026, 11, 1, tzinfo=timezone.utc))
    counts = {}
    for rows in (1000, 2000):
        assert rows <= message_log.FIRST_CHUNK  # one batch of inbound texts, one of outbound
        path = write_log(tmp_path / f"log{rows}.csv", rows, numbers, seed=rows)
        sent = count_statements(monkeypatch)
        summary = message_log.import_messages(path)
        monkeypatch.undo()
        assert summary.inbound > 0.9 * rows and summary.actions["opt_out"] and summary.actions["duplicate"]
        assert summary.changed and summary.sent_after_stop + summary.confirmations
        counts[rows] = len(sent)
    assert counts[1000] == counts[2000], counts
    assert counts[1000] < 40, counts
    assert verify_chain().ok


def test_issue12_a_log_read_twice_changes_nothing_the_second_time(add_client, tmp_path):
    numbers = [f"+1212555{1000 + i:04d}" for i in range(20)]
    for i, number in enumerate(numbers):
        add_client(f"Client{i}", "Family", email=f"c{i}@example.com", mobile=number)
    path = write_log(tmp_path / "log.csv", 600, numbers)
    first = message_log.import_messages(path)
    locks = sorted(StopLock.select().tuples())
    again = message_log.import_messages(path)
    assert again.actions["duplicate"] == again.inbound == first.inbound
    assert again.changed == 0 and again.outbound_duplicate == first.sent_after_stop + first.confirmations
    assert sorted(StopLock.select().tuples()) == locks
    assert first.client_ids == again.client_ids and len(first.client_ids) == 20
    assert verify_chain().ok


@pytest.mark.parametrize("raw", ["+12125550123", "+19995550123", "+12120550123", "+1212555012", "+1212555012٣",
                                 "+442071838750", " +12125550123", "(212) 555-0123", "+1 212 555 0123", ""])
def test_issue12_a_number_read_fast_is_what_normalize_phone_says(raw):
    reader = message_log._RowReader(CONSOLE_EXPORT, "US")
    try:
        expected = normalize_phone(raw, "US")
    except Exception as error:  # noqa: BLE001 — the same refusal either way
        with pytest.raises(type(error), match="."):
            reader._number(raw)
        return
    assert reader._number(raw) == expected == reader._number(raw)


@pytest.mark.parametrize("written", [
    "2026-11-29 16:42:35 +0000", "2026-11-29 16:42:35 -0500", "2026-11-29T16:42:35Z", "2026-11-29T16:42:35.250+02:00",
    "2026-11-29 16:42:35", "Thu, 26 Nov 2026 09:14:00 +0000", "11/26/2026 09:14", "1999-12-31 23:59:59 +0000",
    "2100-01-01 00:00:00 +0000", "2999-01-01 00:00:00 +0000", " 2026-11-29 16:42:35 +0000", "soon", ""])
def test_issue12_a_time_read_fast_is_what_parse_user_time_says(written):
    reader = message_log._RowReader(CONSOLE_EXPORT, "US")
    try:
        expected = received_time(parse_user_time(written), "SentDate")
    except Exception as error:  # noqa: BLE001 — the same refusal, in the same words
        with pytest.raises(type(error)) as raised:
            reader._time(written, "SentDate")
        assert str(raised.value) == str(error)
        return
    assert reader._time(written, "SentDate") == expected
    assert fast_iso(expected) == iso(expected)


def test_issue12_fast_iso_is_iso_in_any_zone():
    moment = datetime(2026, 3, 8, 1, 59, 59, 123456, tzinfo=timezone(timedelta(hours=-5)))
    assert fast_iso(moment) == iso(moment) == "2026-03-08T06:59:59.123456Z"
    with pytest.raises(ValueError):
        fast_iso(datetime(2026, 3, 8))


@pytest.mark.parametrize("cells", [
    ["a", "b", "c"], ["a", "b"], ["", ""], ["a", "b", "c", "d"], ["a", "b\x00", "c"],
    ["a", "x" * (csv_files.MAX_CELL + 1), "c"], ["x" * 60_000, "y" * 60_000, ""]])
def test_issue12_a_csv_row_read_fast_is_read_as_before(cells):
    row = csv_files._row(["one", "two", "three"], cells)
    if len(cells) == 3 and "\x00" not in "".join(cells) and max(map(len, cells)) <= csv_files.MAX_CELL:
        assert row == dict(zip(["one", "two", "three"], cells))
    else:
        assert "__error__" in row or len(cells) < 3


def test_r16_a_stop_lands_within_seconds_during_a_long_message_import(add_client, tmp_path, monkeypatch):
    monkeypatch.setattr(message_log, "IMPORT_CHUNK", 150)
    number = "+15555550123"
    numbers = [f"+1212555{1000 + i:04d}" for i in range(200)]
    lines = [HEADER] + [f"{n},{STUDIO},Thanks!,received,2026-11-02 09:{i // 60 % 60:02d}:{i % 60:02d} +0000,"
                        f"inbound,SM{i}\n" for i, n in enumerate(numbers * 15)]
    path = tmp_path / "log.csv"
    path.write_text("".join(lines), encoding="utf-8")
    client = add_client(mobile=number)
    took, summary = stop_while_importing(lambda: message_log.import_messages(path),
                                         lambda: InboundMessage.select().count() >= 300, number)
    assert took < 2.0, f"the STOP waited {took:.1f} s behind the import"
    assert summary.inbound == 3000
    assert StopLock.get_or_none(StopLock.number == number) is not None and client
    assert verify_chain().ok


@pytest.mark.parametrize(("texts", "chunks"), [(120, [120]), (130, [100, 30])])
def test_issue12_a_short_tail_joins_the_last_chunk(add_client, tmp_path, monkeypatch, texts, chunks):
    """A tail under a quarter of a chunk goes with it (one pause and checkpoint fewer), never
    past IMPORT_CHUNK; a longer one is a chunk of its own."""
    monkeypatch.setattr(message_log, "FIRST_CHUNK", 100)
    monkeypatch.setattr(message_log, "IMPORT_CHUNK", 200)
    sizes: list[int] = []
    real_apply = message_log.apply_texts
    monkeypatch.setattr(message_log, "apply_texts",
                        lambda prepared: (sizes.append(len(prepared.texts)), real_apply(prepared))[1])
    lines = [HEADER] + [f"+1212555{1000 + i:04d},{STUDIO},Thanks!,received,"
                        f"2026-11-02 09:00:{i % 60:02d} +0000,inbound,SM{i}\n" for i in range(texts)]
    path = tmp_path / "log.csv"
    path.write_text("".join(lines), encoding="utf-8")
    assert message_log.import_messages(path).inbound == texts
    assert sizes == chunks
