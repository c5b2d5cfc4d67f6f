"""Tests of ReceivesGrid: every cell shows the model's decision, and a blocked cell says why
without hovering (DESIGN §3, §4; R1, R2, R5, R7, R17)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.consent import load_consent, set_switch
from models.inbound import process_inbound
from models.rules import CHANNELS, KIND_LABELS, MESSAGE_KINDS, Channel, MessageKind, Switch
from ui.profile.receives_grid import REASON_ROLE, STATE_ROLE, ReceivesGrid

DAYTIME = datetime(2026, 11, 26, 16, 0, tzinfo=timezone.utc)
#: 10 p.m. in New York (area code 212): marketing by phone is held (R17).
NIGHT = datetime(2026, 11, 26, 3, 0, tzinfo=timezone.utc)


@pytest.fixture
def grid(qtbot: QtBot) -> ReceivesGrid:
    widget = ReceivesGrid()
    qtbot.addWidget(widget)
    widget.resize(720, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def client(add_client) -> int:
    return add_client(email="dana@example.com", mobile="+12125550123")


def test_rows_are_channels_and_columns_message_kinds(grid: ReceivesGrid) -> None:
    assert grid.objectName() == "receivesGrid"
    assert [grid.verticalHeaderItem(r).text() for r in range(grid.rowCount())] == [
        "Email", "SMS", "Phone calls", "Home phone"]
    # Narrow columns put a two-word title on two lines.
    titles = [grid.horizontalHeaderItem(c).text().replace("\n", " ") for c in range(grid.columnCount())]
    assert titles == [KIND_LABELS[kind] for kind in MESSAGE_KINDS]


def test_every_cell_shows_the_models_decision(grid: ReceivesGrid, client: int) -> None:
    receives = load_consent(client, now=DAYTIME).receives
    grid.show_receives(receives)
    for channel in CHANNELS:
        for kind in MESSAGE_KINDS:
            decision = receives[channel][kind]
            text = grid.cell_text(channel, kind)
            if decision.allowed:
                assert text == "Allowed"
            else:
                assert decision.reason and decision.reason.lower() in text.lower(), (channel, kind)


def test_r2_a_blocked_cell_says_why_in_the_cell(grid: ReceivesGrid, client: int) -> None:
    grid.show_receives(load_consent(client, now=DAYTIME).receives)
    # SMS marketing starts off (R4a): campaigns blocked, reminders allowed (R2).
    assert grid.cell_text(Channel.SMS, MessageKind.CAMPAIGN) == "Blocked: Marketing is off"
    assert grid.cell_state(Channel.SMS, MessageKind.CAMPAIGN) == "blocked"
    assert grid.cell_text(Channel.SMS, MessageKind.REMINDER) == "Allowed"
    item = grid.item(CHANNELS.index(Channel.SMS), MESSAGE_KINDS.index(MessageKind.CAMPAIGN))
    assert item.data(REASON_ROLE) == "Marketing is off"
    assert item.data(Qt.ItemDataRole.DisplayRole) == "Blocked: Marketing is off"
    assert "Marketing is off" in item.toolTip()


def test_r5_a_channel_without_address_is_one_cell_across_the_row(grid: ReceivesGrid, client: int) -> None:
    grid.show_receives(load_consent(client, now=DAYTIME).receives)
    row = CHANNELS.index(Channel.HOME)
    assert grid.columnSpan(row, 0) == len(MESSAGE_KINDS)
    assert grid.item(row, 0).data(REASON_ROLE) == "No home phone on file"
    for kind in MESSAGE_KINDS:
        assert grid.cell_text(Channel.HOME, kind) == "Blocked: No home phone on file"


def test_r7_a_stop_blocks_every_kind_on_sms_and_says_so(grid: ReceivesGrid, client: int) -> None:
    process_inbound("+12125550123", "STOP", sid="SM1")
    grid.show_receives(load_consent(client, now=DAYTIME).receives)
    assert grid.cell_text(Channel.SMS, MessageKind.AI_REPLY) == (
        "Blocked: SMS All is off — client texted STOP")
    assert grid.cell_text(Channel.VOICE, MessageKind.REMINDER) == "Allowed"


def test_r17_quiet_hours_show_held_until(grid: ReceivesGrid, client: int, staff) -> None:
    set_switch(staff["employee"], client, Channel.SMS, Switch.MARKETING, True, method="signed_form")
    grid.show_receives(load_consent(client, now=NIGHT).receives)
    assert grid.cell_text(Channel.SMS, MessageKind.CAMPAIGN) == "Held until 8:00 a.m. local time"
    assert grid.cell_state(Channel.SMS, MessageKind.STACK) == "held"
    assert grid.cell_text(Channel.SMS, MessageKind.REMINDER) == "Allowed"  # operational: not held
    assert grid.cell_text(Channel.EMAIL, MessageKind.CAMPAIGN) == "Allowed"  # email: no quiet hours
    item = grid.item(CHANNELS.index(Channel.SMS), MESSAGE_KINDS.index(MessageKind.CAMPAIGN))
    assert item.data(STATE_ROLE) == "held"
    assert "quiet hours" in item.toolTip()


def test_the_grid_grows_to_show_every_row(grid: ReceivesGrid, client: int) -> None:
    grid.show_receives(load_consent(client, now=DAYTIME).receives)
    rows = sum(grid.rowHeight(row) for row in range(grid.rowCount()))
    assert grid.height() >= rows + grid.horizontalHeader().height()
    assert grid.verticalScrollBar().maximum() == 0


def test_clear_cells_shows_nothing(grid: ReceivesGrid, client: int) -> None:
    grid.show_receives(load_consent(client, now=DAYTIME).receives)
    grid.clear_cells()
    assert grid.cell_text(Channel.EMAIL, MessageKind.CAMPAIGN) == ""
    assert grid.cell_state(Channel.EMAIL, MessageKind.CAMPAIGN) is None
    assert grid.columnSpan(CHANNELS.index(Channel.HOME), 0) == 1
