"""The audit log's reads: keyset pages newest first, events written since a mark, and the
GUI's export, which only managers and owners may run (R14, R15)."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta, timezone

import pytest

from models.audit import EXPORT_COLUMNS, export_for, iter_events
from models.consent import set_switch
from models.errors import NotAllowed
from models.inbound import process_inbound
from models.rules import Channel, Switch
from models.schema import ConsentEvent


@pytest.fixture
def record(staff, add_client) -> list[tuple[str, int]]:
    """A few dozen events, some recorded with times in the past (a provider's log) so that
    the order by time differs from the order by id."""
    for number in range(8):
        client = add_client(f"Client{number}", "Test", email=f"c{number}@example.com",
                            mobile=f"+1212555{number:04d}")
        set_switch(staff["employee"], client, Channel.EMAIL, Switch.MARKETING, False)
        process_inbound(f"+1212555{number:04d}", "STOP", sid=f"SM-{number}",
                        at=datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(hours=number))
    return [(e.at, e.id) for e in iter_events(newest_first=True)]


def test_keyset_pages_walk_the_whole_log_newest_first(record) -> None:
    seen: list[tuple[str, int]] = []
    before = None
    while True:
        page = [(e.at, e.id) for e in iter_events(newest_first=True, limit=7, before=before)]
        if not page:
            break
        seen += page
        before = page[-1]
    assert seen == record
    assert seen == sorted(seen, reverse=True) and len(set(seen)) == len(seen)
    assert [e[1] for e in seen] != sorted((e[1] for e in seen), reverse=True)  # time, not id


def test_keyset_pages_keep_the_filters(record) -> None:
    first = list(iter_events(newest_first=True, source="client_keyword", limit=3))
    rest = list(iter_events(newest_first=True, source="client_keyword",
                            before=(first[-1].at, first[-1].id)))
    assert {e.source for e in first + rest} == {"client_keyword"}
    assert len(first + rest) == ConsentEvent.select().where(
        ConsentEvent.source == "client_keyword").count()


def test_after_id_gives_only_the_events_written_since(record, staff, add_client) -> None:
    mark = max(event_id for _, event_id in record)
    assert list(iter_events(after_id=mark)) == []
    client = add_client("Late", "Comer", email="late@example.com", mobile=None)
    new = list(iter_events(after_id=mark))
    assert new and all(e.id > mark and e.client_id == client for e in new)


def test_r15_export_for_refuses_an_employee(record, staff, tmp_path) -> None:
    target = tmp_path / "export" / "audit.csv"
    target.parent.mkdir()
    with pytest.raises(NotAllowed, match="manager or owner"):
        export_for(staff["employee"], target)
    assert list(target.parent.iterdir()) == []  # not even a partial file


@pytest.mark.parametrize("role", ["manager", "owner"])
def test_export_for_writes_the_filtered_record(record, staff, tmp_path, role: str) -> None:
    target = tmp_path / "audit.csv"
    count = export_for(staff[role], target, source="client_keyword")
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert rows.pop()[0] == "checkpoint"  # the last line (R14)
    assert count == len(rows) - 1 == ConsentEvent.select().where(
        ConsentEvent.source == "client_keyword").count()
    assert {row[EXPORT_COLUMNS.index("source")] for row in rows[1:]} == {"client_keyword"}
