"""Tests of OptInSection: it shows the model layer's switches without writing anything, and a
person's click (never a load) asks for a change (STYLE 7; R4, R5, R7, R13)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from models.consent import load_consent, set_switch
from models.inbound import process_inbound
from models.rules import CHANNELS, SWITCHES, Channel, Switch
from ui.profile.opt_in_section import OptInSection, SwitchRequest, local_time_text
from ui.widgets.toggle_switch import ToggleSwitch

ACCESSIBLE_NAMES = {
    (Channel.EMAIL, Switch.MARKETING): "Email – Marketing",
    (Channel.EMAIL, Switch.ALL): "Email – All",
    (Channel.SMS, Switch.MARKETING): "SMS – Marketing",
    (Channel.SMS, Switch.ALL): "SMS – All",
    (Channel.VOICE, Switch.MARKETING): "Phone calls – Marketing",
    (Channel.VOICE, Switch.ALL): "Phone calls – All",
    (Channel.HOME, Switch.MARKETING): "Home phone – Marketing",
    (Channel.HOME, Switch.ALL): "Home phone – All",
}


@pytest.fixture
def section(qtbot: QtBot) -> OptInSection:
    widget = OptInSection()
    qtbot.addWidget(widget)
    widget.resize(740, 420)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_eight_switches_with_their_names(section: OptInSection) -> None:
    assert section.objectName() == "optInSection"
    for channel in CHANNELS:
        for switch in SWITCHES:
            toggle = section.findChild(ToggleSwitch, f"switch_{channel.value}_{switch.value}")
            assert toggle is section.switch(channel, switch)
            assert toggle.accessibleName() == ACCESSIBLE_NAMES[(channel, switch)]


def test_before_a_client_every_switch_is_disabled(section: OptInSection) -> None:
    assert all(not section.switch(c, s).isEnabled() for c in CHANNELS for s in SWITCHES)


def test_showing_a_client_emits_no_request_and_no_click(
        qtbot: QtBot, section: OptInSection, add_client) -> None:
    client = add_client(email="dana@example.com", mobile="+12125550123", home_phone="+12125550199")
    toggles = [section.switch(c, s) for c in CHANNELS for s in SWITCHES]
    with qtbot.assertNotEmitted(section.switch_requested):
        for toggle in toggles:
            toggle.clicked.connect(lambda *_: pytest.fail("a load must not click"))
            toggle.toggled.connect(lambda *_: pytest.fail("a load must not emit toggled"))
        section.show_consent(load_consent(client))
    # R4a: All on where there is an address; marketing from the studio's defaults.
    assert section.switch(Channel.EMAIL, Switch.MARKETING).isChecked()
    assert section.switch(Channel.SMS, Switch.ALL).isChecked()
    assert not section.switch(Channel.SMS, Switch.MARKETING).isChecked()
    assert section.switch(Channel.HOME, Switch.ALL).isChecked()


@pytest.mark.parametrize(("channel", "switch", "on"), [
    (Channel.SMS, Switch.MARKETING, True),
    (Channel.EMAIL, Switch.ALL, False),
    (Channel.VOICE, Switch.ALL, False),
])
def test_a_click_asks_for_the_state_it_shows(
        qtbot: QtBot, section: OptInSection, add_client, channel: Channel, switch: Switch, on: bool) -> None:
    section.show_consent(load_consent(add_client(mobile="+12125550123")))
    with qtbot.waitSignal(section.switch_requested) as request:
        qtbot.mouseClick(section.switch(channel, switch), Qt.MouseButton.LeftButton)
    assert request.args == [SwitchRequest(channel, switch, on)]


def test_show_consent_again_puts_a_clicked_switch_back(
        qtbot: QtBot, section: OptInSection, add_client) -> None:
    state = load_consent(add_client(mobile="+12125550123"))
    section.show_consent(state)
    toggle = section.switch(Channel.SMS, Switch.MARKETING)
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert toggle.isChecked()
    section.show_consent(state)
    assert not toggle.isChecked()


def test_r5_no_address_rows(section: OptInSection, add_client) -> None:
    section.show_consent(load_consent(add_client(email=None, mobile=None)))
    assert section.address_text(Channel.EMAIL) == "No email on file"
    assert section.address_text(Channel.SMS) == "No mobile on file"
    assert section.address_text(Channel.HOME) == "No home phone on file"
    assert all(not section.switch(c, s).isEnabled() for c in CHANNELS for s in SWITCHES)


def test_addresses_are_shown_as_people_read_them(section: OptInSection, add_client) -> None:
    section.show_consent(load_consent(add_client(email="dana@example.com", mobile="+12125550123")))
    assert section.address_text(Channel.EMAIL) == "dana@example.com"
    assert section.address_text(Channel.SMS) == "(212) 555-0123"
    assert section.address_text(Channel.VOICE) == "(212) 555-0123"


def test_r4_all_off_shows_marketing_off_and_disabled(section: OptInSection, add_client, staff) -> None:
    client = add_client()
    set_switch(staff["employee"], client, Channel.EMAIL, Switch.ALL, False)
    section.show_consent(load_consent(client))
    marketing = section.switch(Channel.EMAIL, Switch.MARKETING)
    assert not marketing.isChecked()
    assert not marketing.isEnabled()
    assert "only while Email All is on" in marketing.toolTip()


def test_r7_stop_lock_looks_locked_and_explains(
        qtbot: QtBot, section: OptInSection, add_client) -> None:
    client = add_client(mobile="+12125550123")
    at = datetime(2026, 11, 23, 12, 14, tzinfo=timezone.utc)
    process_inbound("+12125550123", "STOP", sid="SM1", at=at)
    section.show_consent(load_consent(client))
    sms_all = section.switch(Channel.SMS, Switch.ALL)
    assert sms_all.isLocked() and not sms_all.isEnabled() and not sms_all.isChecked()
    assert not section.switch(Channel.SMS, Switch.MARKETING).isEnabled()
    assert section.switch(Channel.VOICE, Switch.ALL).isEnabled()  # the lock is on SMS only
    notice = section.findChild(QLabel, "smsStopNotice")
    assert notice.isVisible()
    assert section.stop_notice_text() == (
        f"Texted STOP on {local_time_text(at)} — SMS is off for this number. Only the client "
        "can turn it back on, by texting START to the studio.")
    assert "texted STOP" in sms_all.toolTip()
    # The locked state is said to a screen reader, not only in a tooltip (issue 10).
    assert "texted STOP" in sms_all.accessibleDescription()
    assert section.switch(Channel.VOICE, Switch.ALL).accessibleDescription() == ""

    with qtbot.assertNotEmitted(section.switch_requested):
        qtbot.mouseClick(sms_all, Qt.MouseButton.LeftButton)
        qtbot.keyClick(sms_all, Qt.Key.Key_Space)
    assert not sms_all.isChecked()


def test_r8_start_lifts_the_lock_on_screen(section: OptInSection, add_client) -> None:
    client = add_client(mobile="+12125550123")
    process_inbound("+12125550123", "STOP", sid="SM1")
    section.show_consent(load_consent(client))
    process_inbound("+12125550123", "START", sid="SM2")
    section.show_consent(load_consent(client))
    sms_all = section.switch(Channel.SMS, Switch.ALL)
    assert not sms_all.isLocked() and sms_all.isEnabled() and sms_all.isChecked()
    assert not section.findChild(QLabel, "smsStopNotice").isVisible()
    assert section.stop_notice_text() == ""


def test_local_time_text_reads_like_the_notice() -> None:
    moment = datetime(2026, 11, 23, 19, 14, tzinfo=timezone.utc)
    local = moment.astimezone()
    text = local_time_text(moment)
    assert text.startswith(f"{local:%b} {local.day}, {local.year} at ")
    assert text.endswith(("a.m.", "p.m."))


def test_messages_show_and_clear(section: OptInSection) -> None:
    section.show_message("Could not save <now> & then")
    assert section.message() == "Could not save <now> & then"
    assert "&lt;now&gt; &amp; then" in section.findChild(QLabel, "optInMessage").text()
    section.clear_message()
    assert section.message() == ""
    assert not section.findChild(QLabel, "optInMessage").isVisible()
