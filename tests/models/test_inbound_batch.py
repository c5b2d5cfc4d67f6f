"""One batch of inbound texts that locks, lifts and locks one number again (R6, R8, R11)."""

from datetime import datetime, timezone
from pathlib import Path

from models.audit import verify_chain
from models.consent import load_consent
from models.inbound import process_inbound
from models.message_log import import_messages
from models.rules import Channel
from models.schema import StopLock

HEADER = "From,To,Body,Status,SentDate,Direction,Sid\n"


def _log(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "log.csv"
    lines = [f"+15555550123,+15555550000,{body},received,{at},inbound,{sid}\n" for body, at, sid in rows]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def test_r11_batch_start_then_stop_on_a_locked_number_ends_locked(tmp_path, add_client):
    client = add_client()
    process_inbound("+15555550123", "STOP", sid="SM0", at=datetime(2026, 11, 1, tzinfo=timezone.utc))
    path = _log(tmp_path, [("STOP", "2026-11-03T10:00:00Z", "SM3"), ("START", "2026-11-02T10:00:00Z", "SM2")])
    summary = import_messages(path)
    assert summary.as_json()["actions"]["opt_out"] == 1
    state = load_consent(client).channels[Channel.SMS]
    assert state.stop_locked and not state.effective_all
    assert StopLock.get_by_id("+15555550123").inbound_sid == "SM3"
    assert verify_chain().ok


def test_r8_batch_stop_then_start_ends_unlocked(tmp_path, add_client):
    client = add_client()
    path = _log(tmp_path, [("START", "2026-11-02T10:00:00Z", "SM2"), ("STOP", "2026-11-01T10:00:00Z", "SM1")])
    import_messages(path)
    state = load_consent(client).channels[Channel.SMS]
    assert not state.stop_locked and state.effective_all
    assert StopLock.select().count() == 0
