"""Tests of HistoryView and HistoryModel: a client's consent events, newest first, in words
(R14)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from models.audit import iter_events
from models.clients import update_addresses
from models.consent import set_client_ai, set_switch
from models.inbound import process_inbound
from models.rules import Channel, Switch
from ui.profile.history_model import HistoryModel, describe_event
from ui.profile.history_view import HistoryView


def _event(**fields) -> SimpleNamespace:
    base = dict(id=1, at="2026-11-23T12:14:00.000000Z", actor="Eli Employee", number=None,
                channel=None, switch="all", old=None, new=None, source="staff", method=None,
                note=None, inbound_sid=None, recorded_at=None)
    base.update(fields)
    return SimpleNamespace(**base)


@pytest.fixture
def busy_client(add_client, staff) -> int:
    """A client with one of every kind of event a profile's History shows."""
    client = add_client(email="dana@example.com", mobile="+12125550123")
    set_switch(staff["manager"], client, Channel.SMS, Switch.MARKETING, True, method="signed_form",
               note="signed the membership form")
    set_client_ai(staff["employee"], client, "replies", False)
    update_addresses(staff["employee"], client, email="dana@example.com", mobile="+12125550123",
                     home_phone="+12125550199")
    process_inbound("+12125550123", "STOP", sid="SM-stop")
    return client


def test_history_model_passes_qtmodeltester(qtmodeltester, busy_client: int) -> None:
    model = HistoryModel()
    model.set_events(iter_events(client_id=busy_client, newest_first=True, limit=200))
    assert model.rowCount() > 5
    qtmodeltester.check(model, force_py=True)


def test_empty_model_passes_qtmodeltester(qtmodeltester) -> None:
    qtmodeltester.check(HistoryModel(), force_py=True)


def test_view_shows_newest_first_in_words(qtbot: QtBot, busy_client: int) -> None:
    view = HistoryView()
    qtbot.addWidget(view)
    assert view.objectName() == "historyView"
    view.show_events(iter_events(client_id=busy_client, newest_first=True, limit=200))
    model = view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["When", "Who", "What", "Why"]
    rows = [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]
    whats = [row[2] for row in rows]
    assert whats[0] == "SMS – All: on → off"
    assert whats[1] == "STOP lock: on"
    assert rows[0][1] == "(212) 555-0123"
    assert rows[0][3] == 'Client texted "STOP"'
    assert "Home phone added: (212) 555-0199" in whats
    assert "Hailee replies: on → off" in whats
    assert whats[-1] == "Added as member"
    signed = rows[whats.index("SMS – Marketing: off → on")]
    assert signed[1] == "Mona Manager"
    assert signed[3] == "Staff · Signed form · “signed the membership form”"
    studio_default = rows[whats.index("Email – All: on")]
    assert studio_default[3] == "Staff · Studio default"


def test_the_same_events_again_do_not_reset_the_model(qtbot: QtBot, busy_client: int) -> None:
    model = HistoryModel()
    events = list(iter_events(client_id=busy_client, newest_first=True))
    assert model.set_events(events)
    with qtbot.assertNotEmitted(model.modelReset):
        assert not model.set_events(events)


def test_tooltip_carries_the_details(busy_client: int) -> None:
    model = HistoryModel()
    model.set_events(iter_events(client_id=busy_client, newest_first=True))
    tip = model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "Message id: SM-stop" in tip
    assert "Number: (212) 555-0123" in tip
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) == model.event_id(0)
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is None
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


@pytest.mark.parametrize(("fields", "words"), [
    (dict(channel="voice", switch="marketing", old="off", new="on"), "Phone calls – Marketing: off → on"),
    (dict(channel="home", switch="all", old=None, new="on"), "Home phone – All: on"),
    (dict(channel="sms", switch="stop_lock", old="on", new="off"), "STOP lock: off"),
    (dict(switch="ai_outreach", old="on", new="off"), "Hailee outreach: on → off"),
    (dict(switch="client", new="added (prospect)"), "Added as prospect"),
    (dict(switch="mobile", old="+12125550123", new="+13125550188"),
     "Mobile: (212) 555-0123 → (312) 555-0188"),
    (dict(switch="email", old="a@example.com", new=None), "Email removed (was a@example.com)"),
    (dict(switch="review", old="open", new="applied"), "Needs review: STOP lock applied"),
    (dict(switch="review", old="open", new="dismissed"), "Needs review: dismissed"),
    (dict(switch="archived", old="off", new="on"), "Archived"),
    (dict(switch="archived", old="on", new="off"), "Restored from the archive"),
    (dict(channel="sms", switch="stop_confirmation", old=None, new="sent"), "STOP confirmation sent"),
])
def test_describe_event(fields: dict, words: str) -> None:
    assert describe_event(_event(**fields)) == words


def test_r11_late_stop_after_staff_on_shows_first_with_both_times(qtbot: QtBot, add_client,
                                                                  staff) -> None:
    from datetime import datetime, timedelta, timezone

    from models.audit import with_recorded_times

    client = add_client(mobile="+12125550123")
    set_switch(staff["manager"], client, Channel.SMS, Switch.MARKETING, True, method="signed_form")
    process_inbound("+12125550123", "STOP", sid="SM-late",
                    at=datetime.now(timezone.utc) - timedelta(days=3))
    view = HistoryView()
    qtbot.addWidget(view)
    view.show_events(with_recorded_times(
        iter_events(client_id=client, newest_first=True, by_record=True)))
    model = view.model()
    whats = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert whats.index("SMS – Marketing: off → on") > whats.index("STOP lock: on")
    when = model.index(0, 0).data()
    recorded, texted = when.split("\n")
    assert texted.startswith("texted ") and recorded != model.index(0, 0).data().split("\n")[1]
    assert "Recorded" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "\n" not in model.index(whats.index("SMS – Marketing: off → on"), 0).data()
    assert view.rowHeight(0) > view.rowHeight(model.rowCount() - 1)
