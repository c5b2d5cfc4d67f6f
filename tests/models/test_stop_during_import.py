"""A STOP arriving while clients are being added to its number (R6, R16): it never misses
them, and it never waits behind a long import.

Every writer that puts a client on a number takes the numbers' lock first, as a STOP does
(`models.number_lock`); an import commits in batches, so a STOP waits for one batch at most.
Each test runs the STOP on its own connection (a thread) while the other writer is inside its
transaction, on SQLite and on PostgreSQL (OPTIN_DESK_TEST_DATABASE_URL).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from models import client_import
from models.audit import EventLog, verify_chain
from models.clients import STOP_NOTE, add_client, make_draft, update_addresses
from models.db import database
from models.inbound import process_inbound
from models.schema import Client, ConsentEvent, StopLock

from .stop_during import stop_while_importing

NUMBER = "+15555550123"
HEADER = "first_name,last_name,email,mobile,home_phone,status"


def assert_every_client_on_the_number_is_locked(sid: str) -> None:
    """After the STOP: the number is locked, each of its clients has SMS All off by the STOP,
    and either the STOP's events name the client or the client's own events say why (STOP_NOTE)."""
    assert StopLock.get_or_none(StopLock.number == NUMBER) is not None
    clients = list(Client.select().where(Client.mobile == NUMBER))
    assert clients
    named = {e.client_id for e in ConsentEvent.select().where(ConsentEvent.inbound_sid == sid)}
    for client in clients:
        assert client.sms_all is False and client.sms_off_by_stop is True, client.first_name
        own_note = (ConsentEvent.select().where((ConsentEvent.client == client.id)
                                                & (ConsentEvent.note == STOP_NOTE)).exists())
        assert client.id in named or own_note, f"the STOP missed client {client.id}"
    check = verify_chain()
    assert check.ok, check.problem


def stop_while_inside(monkeypatch, write) -> float:
    """Run `write()` here; when it is about to write its events (inside its transaction, the
    lock already read), a STOP starts on another connection. Returns how long the STOP took."""
    started, took, errors = threading.Event(), [], []
    writer = threading.get_ident()
    real_flush = EventLog.flush

    def stop() -> None:
        started.wait(10)
        begin = time.monotonic()
        try:
            process_inbound(NUMBER, "STOP", sid="SM-stop")
        except Exception as error:  # noqa: BLE001 — reported by the test below
            errors.append(error)
        finally:
            took.append(time.monotonic() - begin)
            database.close()

    def flush_after_the_stop_started(self: EventLog) -> None:
        if threading.get_ident() == writer and not started.is_set():
            started.set()
            time.sleep(0.6)  # the STOP reaches its lock and waits (or, unlocked, slips past)
        real_flush(self)

    monkeypatch.setattr(EventLog, "flush", flush_after_the_stop_started)
    thread = threading.Thread(target=stop)
    thread.start()
    try:
        write()
    finally:
        started.set()
        thread.join(30)
    assert not errors, errors
    return took[0]


def test_r16_a_stop_during_add_client_names_the_new_client(staff, monkeypatch):
    draft = make_draft("Dana", "Reyes", mobile=NUMBER)
    stop_while_inside(monkeypatch, lambda: add_client(staff["employee"], draft))
    assert_every_client_on_the_number_is_locked("SM-stop")


def test_r16_a_stop_during_a_mobile_change_names_the_client(staff, add_client, monkeypatch):
    client = add_client("Dana", "Reyes", mobile="+15555550199")
    stop_while_inside(monkeypatch, lambda: update_addresses(
        staff["employee"], client, email="dana@example.com", mobile=NUMBER, home_phone=None))
    assert_every_client_on_the_number_is_locked("SM-stop")


def test_r16_a_stop_during_import_clients_names_the_imported_client(db, tmp_path, monkeypatch):
    path = tmp_path / "clients.csv"
    path.write_text(f"{HEADER}\nDana,Reyes,dana@example.com,{NUMBER},,member\n", encoding="utf-8")
    stop_while_inside(monkeypatch, lambda: client_import.import_clients(path))
    assert_every_client_on_the_number_is_locked("SM-stop")


def big_import(path: Path, rows: int) -> Path:
    """A client file where every tenth client shares the mobile that will text STOP."""
    lines = [HEADER]
    for i in range(rows):
        mobile = NUMBER if i % 10 == 0 else f"+1555{2000000 + i:07d}"
        lines.append(f"Client{i},Family{i},c{i}@example.com,{mobile},,member")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_r16_a_stop_lands_within_seconds_during_a_large_import(db, tmp_path, monkeypatch):
    rows = 3000
    monkeypatch.setattr(client_import, "IMPORT_CHUNK", 150)
    path = big_import(tmp_path / "clients.csv", rows)
    took, summary = stop_while_importing(lambda: client_import.import_clients(path),
                                         lambda: Client.select().count() >= 300, NUMBER)
    assert took < 2.0, f"the STOP waited {took:.1f} s behind the import"
    assert summary.imported == rows and not summary.skipped
    assert Client.select().where(Client.mobile == NUMBER).count() == rows // 10
    assert_every_client_on_the_number_is_locked("SM-stop")
    # Some of the number's clients came after the STOP: their own events say why SMS is off.
    assert ConsentEvent.select().where(ConsentEvent.note == STOP_NOTE).exists()


def test_r16_a_batched_import_run_again_adds_nothing_and_its_summary_is_exact(db, tmp_path, monkeypatch):
    monkeypatch.setattr(client_import, "IMPORT_CHUNK", 7)
    monkeypatch.setattr(client_import, "BATCH_PAUSE", 0)
    path = big_import(tmp_path / "clients.csv", 40)
    with path.open("a", encoding="utf-8") as out:  # a duplicate in a later batch, and a bad row
        out.write(f"Client3,Family3,c3@example.com,+1555{2000003:07d},,member\nBad,Row,,call me,,member\n")
    first = client_import.import_clients(path)
    assert first.imported == 40 and len(first.client_ids) == 40
    assert [s["row"] for s in first.skipped] == [42, 43] and first.already_on_file == {42}
    again = client_import.import_clients(path)
    assert again.imported == 0 and again.already_on_file == set(range(2, 43))
    assert Client.select().count() == 40


def test_r16_an_import_stopped_by_storage_trouble_says_which_rows_were_applied(db, tmp_path, monkeypatch):
    from models.errors import ImportStopped, StorageError

    monkeypatch.setattr(client_import, "IMPORT_CHUNK", 10)
    monkeypatch.setattr(client_import, "BATCH_PAUSE", 0)
    path = big_import(tmp_path / "clients.csv", 25)
    real_batch = client_import._import_batch
    calls = [0]

    def failing_third(*args, **kwargs):
        calls[0] += 1
        if calls[0] == 3:
            raise StorageError("the database is unavailable: database or disk is full")
        return real_batch(*args, **kwargs)

    monkeypatch.setattr(client_import, "_import_batch", failing_third)
    with pytest.raises(ImportStopped) as raised:
        client_import.import_clients(path)
    message = str(raised.value)
    assert "\n" not in message
    assert "rows 2–21 were applied" in message and "import the file again" in message, message
    assert raised.value.applied_rows == tuple(range(2, 22))
    assert Client.select().count() == 20
    monkeypatch.setattr(client_import, "_import_batch", real_batch)
    assert client_import.import_clients(path).imported == 5
