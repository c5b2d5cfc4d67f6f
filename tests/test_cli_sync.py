"""`sync [--since T]` (DESIGN §4, R24): the JSON summary of `import-messages`; no provider,
refused credentials, an unreachable provider: one line, exit 2; a sync that stops part-way
says which messages were applied."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

import main
from models import provider, provider_sync
from models.db import close_database
from models.provider import Credentials, connect_provider
from tests.conftest import make_staff
from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, message, plug_in
from tests.test_cli import one_line_error, run

NOW = datetime.now(timezone.utc).replace(microsecond=0)


@pytest.fixture
def studio(tmp_path, monkeypatch):
    """A studio database with staff and a client, closed; the fake Twilio plugged in."""
    twilio = plug_in(monkeypatch, tmp_path / "xdg")
    monkeypatch.delenv("OPTIN_DESK_DATABASE_URL", raising=False)
    path = tmp_path / "studio.db"
    from models.db import open_database
    from tests.conftest import add_client_as
    open_database("sqlite:///" + str(path))
    staff = make_staff()
    add_client_as(staff["employee"])
    connect_provider(staff["manager"], Credentials(ACCOUNT_SID, AUTH_TOKEN))
    close_database()
    return path, twilio


def _main(capsys, *args: str) -> tuple[int, object, list[str]]:
    code = main.main(list(args))
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else None, err.splitlines()


def test_r24_sync_prints_the_import_summary(studio, capsys):
    path, twilio = studio
    twilio.add(message("SM1", "+15555550123", "STOP", NOW - timedelta(minutes=5)))
    code, data, err = _main(capsys, "sync", "--db", str(path))
    assert code == 0 and err == []
    assert data["actions"]["opt_out"] == 1 and data["consent_changes"] == 1
    assert {"confirmations", "sent_after_stop", "bad_rows", "fetched", "since"} <= set(data)
    code, data, _ = _main(capsys, "sync", "--db", str(path), "--since", iso_day(NOW))
    assert code == 0 and data["actions"]["duplicate"] == 1 and data["consent_changes"] == 0


def iso_day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")


@pytest.mark.parametrize("trouble, words", [
    ("unreachable", ["cannot reach Twilio"]),
    ("refused", ["refused the credentials", "HTTP 401"]),
])
def test_r24_sync_refused_or_unreachable_is_one_line_exit_2(studio, capsys, trouble, words):
    path, twilio = studio
    twilio.add(message("SM1", "+15555550123", "STOP", NOW))
    if trouble == "unreachable":
        twilio.unreachable = True
    else:
        provider.save_secret(provider.secret_name(ACCOUNT_SID, None), "wrong")
    code, data, err = _main(capsys, "sync", "--db", str(path))
    assert code == 2 and data is None and len(err) == 1
    assert all(word in err[0] for word in words)


def test_r24_sync_stopped_part_way_lists_the_messages_applied(studio, capsys, monkeypatch):
    path, twilio = studio
    monkeypatch.setattr(provider_sync, "PAGE_SIZE", 2)
    twilio.add(*(message(f"SM{i}", "+15555550123", "hello", NOW - timedelta(minutes=i)) for i in range(4)))
    twilio.page_failures[1] = [502] * 5
    code, data, err = _main(capsys, "sync", "--db", str(path))
    assert code == 2 and len(err) == 1
    assert data["applied_sids"] == ["SM0", "SM1"] and data["inbound"] == 2
    assert "2 newest messages (1 page) were applied" in err[0] and "HTTP 502" in err[0]


def test_r24_sync_without_a_provider_is_one_line_exit_2(tmp_path):
    studio = tmp_path / "studio.db"
    assert run(tmp_path, "init", "--owner-name", "Olive", "--owner-pin", "2468", "--db",
               str(studio)).returncode == 0
    done = run(tmp_path, "sync", "--db", str(studio), env={"OPTIN_DESK_SECRETS": "file"})
    one_line_error(done, "no texting provider is connected")
    one_line_error(run(tmp_path, "sync", "--since", "yesterday", "--db", str(studio)), "yesterday")
