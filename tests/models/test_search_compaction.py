"""The trigram index of emails and phone numbers is kept in few pieces (issue 12,
models/search_compaction.py): an import of clients leaves it compacted, compacting changes no
search's answer, it works in short transactions with pauses a STOP can land in (DESIGN §7),
and trouble while compacting does not undo or fail an import whose clients are saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import client_import, search_compaction
from models.client_list import client_ids
from models.client_search import matching_ids
from models.errors import StorageError
from models.search_compaction import compact_search_index, search_index_segments
from tests.models.test_client_import_bulk import client_file

#: Texts the trigram index answers: phone digits, and texts inside an email.
_SEARCHES = ("555", "(555) 20", "555-201", "20", "example.com", "c1", "t12@ex", "@example.c")


@pytest.fixture(autouse=True)
def _sqlite_only(database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's pg_trgm indexes need no compacting")


def _fragmented(add_client, clients: int = 24) -> None:
    """Clients added one transaction each, as a front desk adds them: a segment each, which
    FTS5 merges only four at a time."""
    for i in range(clients):
        add_client(f"Client{i}", f"Family{i % 7}", email=f"c{i}@example.com",
                   mobile=f"(555) {200 + i:03d}-{1000 + i:04d}")


def test_compacting_leaves_fewer_segments_and_the_same_answers(add_client) -> None:
    _fragmented(add_client)
    before = search_index_segments()
    answers = {text: (matching_ids(text), client_ids(text)) for text in _SEARCHES}
    assert before > 3, "the test needs an index in several pieces"

    assert compact_search_index() > 0
    assert search_index_segments() < before
    assert search_index_segments() <= 3
    assert {text: (matching_ids(text), client_ids(text)) for text in _SEARCHES} == answers
    assert compact_search_index() == 0, "a compact index has nothing left to merge"


def test_an_import_of_clients_leaves_the_index_compacted(add_client, staff, tmp_path: Path) -> None:
    _fragmented(add_client)
    before = search_index_segments()

    summary = client_import.import_clients(client_file(tmp_path / "c.csv", 30, start=100),
                                           who=staff["manager"])

    assert summary.imported == 30
    assert search_index_segments() < before
    assert search_index_segments() <= 3
    assert client_ids("c105@example") and matching_ids("c105@example") is not None


def _counted(monkeypatch) -> tuple[list[bool], list[float]]:
    """The transactions compacting begins and the pauses it sleeps (not slept), from now on."""
    pauses: list[float] = []
    transactions: list[bool] = []
    monkeypatch.setattr(search_compaction.time, "sleep", pauses.append)
    real_begin = search_compaction.database.obj.begin

    def counted_begin(*args, **kwargs):
        transactions.append(True)
        return real_begin(*args, **kwargs)

    monkeypatch.setattr(search_compaction.database.obj, "begin", counted_begin)
    return transactions, pauses


def test_compacting_works_in_short_transactions_with_pauses(add_client, monkeypatch) -> None:
    """With no time for more than one step a transaction, every step is committed on its own
    and followed by a pause without the write lock (DESIGN §7: a STOP lands within a second)."""
    _fragmented(add_client)
    transactions, pauses = _counted(monkeypatch)

    steps = compact_search_index(pages=1, slice_seconds=0, pause=0.05)

    assert steps >= 1
    assert len(transactions) == steps + 1  # the last one finds nothing left to merge
    assert pauses == [0.05] * steps


def test_trouble_while_compacting_does_not_fail_the_import(staff, tmp_path: Path, monkeypatch,
                                                          caplog) -> None:
    def full_disk(**_kwargs) -> int:
        raise StorageError("database or disk is full")

    monkeypatch.setattr(client_import, "compact_search_index", full_disk)

    summary = client_import.import_clients(client_file(tmp_path / "c.csv", 12), who=staff["manager"])

    assert summary.imported == 12
    assert len(client_ids("")) == 12
    assert "search index was left as the import wrote it" in caplog.text


def test_cancelling_stops_compacting_after_the_transaction_it_is_in(add_client,
                                                                   monkeypatch) -> None:
    """Cancel in the import's progress dialog also stops the compacting that follows the
    batches: one transaction, no pause, no more; what is left waits for the next compacting."""
    _fragmented(add_client)
    transactions, pauses = _counted(monkeypatch)

    compact_search_index(pages=1, slice_seconds=0, cancelled=lambda: True)

    assert (len(transactions), pauses) == (1, [])
