"""Edges found in review: believable times (R11), cut-off log rows (R6), archived clients."""

from datetime import datetime, timedelta, timezone

import pytest

from models.clients import archive_client
from models.consent import load_consent, status_json
from models.errors import InvalidInput
from models.inbound import process_inbound
from models.message_log import import_messages
from models.rules import Channel
from models.schema import InboundMessage
from models.timeutil import parse_user_time


def test_r11_a_keyword_dated_days_ahead_is_refused_so_it_cannot_outrank_later_ones(add_client):
    client = add_client()
    with pytest.raises(InvalidInput, match="more than a day in the future"):
        process_inbound("+15555550123", "START", sid="SM-future",
                        at=datetime.now(timezone.utc) + timedelta(days=3))
    assert InboundMessage.select().count() == 0
    process_inbound("+15555550123", "STOP", sid="SM-now")
    assert load_consent(client).channels[Channel.SMS].stop_locked


@pytest.mark.parametrize("text", ["0999-01-01T00:00:00Z", "9999-12-31T23:59:59-05:00",
                                  "0001-01-01T00:00:00+01:00", "2100-01-01T00:00:00Z"])
def test_times_the_record_cannot_hold_are_bad_input(text):
    with pytest.raises(InvalidInput):
        parse_user_time(text)


def test_r6_a_cut_off_log_row_is_listed_as_bad_not_skipped_as_outbound(tmp_path, add_client):
    client = add_client()
    log = tmp_path / "log.csv"
    log.write_text("From,To,Body,Status,SentDate,Direction,Sid\n"
                   "+15555550123,+15555550000,STOP,received,2026-11-20T10:00:00Z\n",
                   encoding="utf-8")
    summary = import_messages(log).as_json()
    assert summary["outbound_skipped"] == 0
    assert summary["bad_rows"] == [{"row": 2, "error": "fewer cells than the header has"}]
    assert not load_consent(client).channels[Channel.SMS].stop_locked


def test_an_archived_client_receives_nothing(staff, add_client):
    client = add_client()
    archive_client(staff["manager"], client)
    status = status_json(client)
    assert not any(allowed for kinds in status["receives"].values() for allowed in kinds.values())
    assert status["why"]["email"]["reminder"] == "Client is archived"


def test_r16_a_slow_stop_and_a_staff_on_at_once_end_with_sms_off(tmp_path, database_url, staff, add_client):
    """A STOP still being written in another process while staff turn SMS All on: whichever
    commits first, the number ends locked with SMS All off, on SQLite and PostgreSQL alike."""
    import subprocess
    import sys
    from pathlib import Path

    from models.consent import set_switch
    from models.db import is_postgres
    from models.errors import ConsentLocked
    from models.rules import Switch

    root = Path(__file__).resolve().parents[2]
    client = add_client(mobile="+12125550123")
    set_switch(staff["employee"], client, Channel.SMS, Switch.ALL, False)
    script = (
        "import sys, time; sys.path.insert(0, sys.argv[1])\n"
        "import models.inbound as inbound\n"
        "write = inbound._insert_messages\n"
        "def slow(rows):\n    print('writing', flush=True)\n    time.sleep(1.0)\n    write(rows)\n"
        "inbound._insert_messages = slow\n"
        "import main\n"
        "sys.exit(main.main(['inbound', '--from', '2125550123', '--body', 'STOP', '--database-url', sys.argv[2]]))\n")
    stop = subprocess.Popen([sys.executable, "-c", script, str(root), database_url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Not a fixed sleep: the STOP says when its transaction is open and in its slow write.
    assert stop.stdout.readline().strip() == "writing", stop.stderr.read()
    try:
        set_switch(staff["employee"], client, Channel.SMS, Switch.ALL, True, method="in_person")
        refused = False
    except ConsentLocked:
        refused = True  # it waited for the STOP and then saw the lock
    out, err = stop.communicate(timeout=60)
    assert stop.returncode == 0, err
    if not is_postgres():
        # SQLite's STOP holds the write lock of the whole file: staff can only come second. On
        # PostgreSQL the staff change may commit first (the STOP has not row-locked the client
        # yet); then the STOP turns it off, which the end state below checks.
        assert refused
    state = load_consent(client).channels[Channel.SMS]
    assert state.stop_locked and not state.all and not state.effective_all
