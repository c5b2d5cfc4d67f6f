"""Studio AI settings (R12, R13, R15): they control Hailee only, never a client's consent;
saving writes the studio's settings and their events; only managers and owners may save."""

from __future__ import annotations

from typing import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from models.audit import iter_events
from models.changes import Touched
from models.consent import load_consent, set_switch
from models.inbound import process_inbound
from models.rules import Channel, ResponseTime, Switch
from models.schema import Client
from models.settings import load_studio, update_ai_settings
from ui.app_events import app_events
from ui.manage.ai_settings_dialog import AiSettingsDialog
from ui.widgets.toggle_switch import ToggleSwitch

SWITCHES = ("ai_enabled", "ai_outreach", "ai_reply_all", "ai_reply_members")


@pytest.fixture
def clients(staff, add_client) -> list[int]:
    """Clients in varied consent states, whose consent must not move."""
    dana = add_client("Dana", "Reyes", mobile="+12125550101")
    leah = add_client("Leah", "Nguyen", email="leah@example.com", mobile="+12125550102")
    set_switch(staff["employee"], leah, Channel.SMS, Switch.MARKETING, True, method="in_person")
    set_switch(staff["employee"], dana, Channel.EMAIL, Switch.ALL, False)
    process_inbound("+12125550101", "STOP", sid="SM-1")
    return [dana, leah]


@pytest.fixture
def open_dialog(open_as) -> Callable[..., AiSettingsDialog]:
    """Open the dialog signed in as a staff member of `role`."""
    def make(role: str) -> AiSettingsDialog:
        return open_as(AiSettingsDialog, role)

    return make


def _consent_snapshot(client_ids: list[int]) -> dict:
    """Every consent switch and lock of these clients, and their versions."""
    snapshot = {}
    for client_id in client_ids:
        state = load_consent(client_id)
        snapshot[client_id] = ({channel: (c.all, c.marketing, c.stop_locked)
                                for channel, c in state.channels.items()},
                               state.ai, state.version)
    return snapshot


def _click(qtbot: QtBot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_shows_the_stored_settings_with_real_switches(open_dialog, staff) -> None:
    update_ai_settings(staff["owner"], {"ai_reply_all": False, "ai_response_time": "fixed",
                                        "ai_response_minutes": 12})
    dialog = open_dialog("manager")
    assert dialog.objectName() == "aiSettingsDialog"
    for name in SWITCHES:
        toggle = dialog.findChild(ToggleSwitch, f"switch_studio_{name}")
        assert toggle is dialog.switch(name) and toggle.isCheckable()
        assert toggle.isChecked() is (name != "ai_reply_all")
    assert dialog.findChild(QComboBox, "responseTime").currentData() == "fixed"
    assert dialog.minutes_box().value() == 12 and dialog.pending_changes() == {}


def test_r13_every_control_says_it_controls_hailee_only_not_consent(open_dialog) -> None:
    dialog = open_dialog("manager")
    controls = [dialog.switch(name) for name in SWITCHES] + [dialog.response_box(),
                                                             dialog.minutes_box()]
    for control in controls:
        tip = control.toolTip()
        assert "Hailee only" in tip and "does not change any client's legal consent" in tip, tip


def test_r12_saving_changes_the_studio_and_writes_events_but_no_consent(
        qtbot: QtBot, open_dialog, clients, staff) -> None:
    before = _consent_snapshot(clients)
    client_versions = {c.id: c.version for c in Client.select()}
    events_before = {e.id for e in iter_events()}
    dialog = open_dialog("manager")
    _click(qtbot, dialog.switch("ai_outreach"))
    dialog.response_box().setCurrentIndex(dialog.response_box().findData("fixed"))
    assert dialog.minutes_box().isVisibleTo(dialog)
    dialog.minutes_box().setValue(12)
    assert dialog.pending_changes() == {"ai_outreach": False, "ai_response_time": "fixed",
                                        "ai_response_minutes": 12}
    save = dialog.findChild(QPushButton, "saveAiSettings")
    assert save.isEnabled()
    with qtbot.waitSignal(app_events().data_changed, timeout=1000) as changed:
        _click(qtbot, save)
    assert changed.args[0].touched is Touched.STUDIO and changed.args[0].initiator is dialog
    assert not dialog.isVisible()  # saved: the dialog closes

    ai = load_studio().ai
    assert (ai.outreach, ai.response_time, ai.response_minutes) == (False, ResponseTime.FIXED, 12)
    assert ai.enabled and ai.reply_all and ai.reply_members
    new = [e for e in iter_events() if e.id not in events_before]
    assert sorted((e.switch, e.old, e.new) for e in new) == [
        ("studio:ai_outreach", "on", "off"), ("studio:ai_response_minutes", "5", "12"),
        ("studio:ai_response_time", "dynamic", "fixed")]
    assert all(e.actor == "Mona Manager" and e.client_id is None for e in new)
    # R12: not one client's consent moved, nor any client row.
    assert _consent_snapshot(clients) == before
    assert {c.id: c.version for c in Client.select()} == client_versions


def test_r15_an_employee_cannot_save_and_is_told_why(qtbot: QtBot, open_dialog, clients) -> None:
    events_before = len(list(iter_events()))
    dialog = open_dialog("employee")
    _click(qtbot, dialog.switch("ai_enabled"))
    with qtbot.assertNotEmitted(app_events().data_changed):
        assert dialog.save() is None
    message = dialog.findChild(QLabel, "aiSettingsMessage")
    assert message.isVisible() and "only a manager or owner can do this" in message.text()
    assert dialog.message() == message.text()
    assert dialog.isVisible() and not dialog.switch("ai_enabled").isChecked()  # kept to retry
    assert load_studio().ai.enabled and len(list(iter_events())) == events_before


def test_r16_a_change_made_elsewhere_is_not_overwritten(qtbot: QtBot, open_dialog, staff) -> None:
    dialog = open_dialog("manager")
    _click(qtbot, dialog.switch("ai_reply_all"))  # editing …
    update_ai_settings(staff["owner"], {"ai_outreach": False})  # … while the owner saves elsewhere
    assert dialog.save() is None
    assert "changed on another workstation" in dialog.message()
    # Reloaded: the owner's change is shown, the manager's edit is gone, nothing overwritten.
    assert not dialog.switch("ai_outreach").isChecked() and dialog.switch("ai_reply_all").isChecked()
    assert load_studio().ai.reply_all and not load_studio().ai.outreach


def test_reloads_a_change_made_elsewhere_while_nothing_is_edited(open_dialog, staff) -> None:
    dialog = open_dialog("manager")
    change = update_ai_settings(staff["owner"], {"ai_reply_all": False, "ai_response_time": "fixed",
                                                 "ai_response_minutes": 30})
    app_events().data_changed.emit(change)
    assert not dialog.switch("ai_reply_all").isChecked()
    assert dialog.response_box().currentData() == "fixed" and dialog.minutes_box().value() == 30


def test_settings_that_cannot_matter_are_shown_disabled(qtbot: QtBot, open_dialog) -> None:
    dialog = open_dialog("manager")
    members = dialog.switch("ai_reply_members")
    assert not members.isEnabled()  # Message reply (all) is on: members are answered anyway
    _click(qtbot, dialog.switch("ai_reply_all"))
    assert members.isEnabled()
    _click(qtbot, dialog.switch("ai_enabled"))  # master off
    assert not any(dialog.switch(name).isEnabled() for name in SWITCHES[1:])
    assert not dialog.response_box().isEnabled()
    # Their stored values are kept: turning the master off changes only the master.
    assert dialog.pending_changes() == {"ai_enabled": False, "ai_reply_all": False}


def test_save_is_offered_only_when_something_changed(qtbot: QtBot, open_dialog) -> None:
    dialog = open_dialog("manager")
    save = dialog.findChild(QPushButton, "saveAiSettings")
    assert not save.isEnabled()
    _click(qtbot, dialog.switch("ai_outreach"))
    assert save.isEnabled()
    _click(qtbot, dialog.switch("ai_outreach"))
    assert not save.isEnabled() and dialog.pending_changes() == {}


def test_minutes_show_only_for_a_fixed_response_time(open_dialog) -> None:
    dialog = open_dialog("manager")
    spin = dialog.findChild(QSpinBox, "responseMinutes")
    assert not spin.isVisibleTo(dialog)
    dialog.response_box().setCurrentIndex(dialog.response_box().findData("fixed"))
    assert spin.isVisibleTo(dialog) and (spin.minimum(), spin.maximum()) == (1, 1440)


def test_r12_switches_not_in_effect_read_off_and_say_why_keeping_their_values(
        qtbot: QtBot, open_dialog) -> None:
    dialog = open_dialog("manager")
    outreach = dialog.switch("ai_outreach")
    assert outreach.isChecked() and outreach.isEnabled()
    # Message reply is on: members are answered, and the switch says so rather than
    # "while Message reply is off" beside a faded switch.
    members = dialog.switch("ai_reply_members")
    assert members.isChecked() and "On while Message reply is on" in members.accessibleDescription()
    _click(qtbot, dialog.switch("ai_enabled"))  # master off
    for name in SWITCHES[1:]:
        toggle = dialog.switch(name)
        assert not toggle.isEnabled() and not toggle.isChecked(), name
        assert toggle.accessibleDescription().startswith("Off while the AI assistant is off")
    assert any(label.text().startswith("Off while the AI assistant is off")
               for label in dialog.findChildren(QLabel))
    assert dialog.pending_changes() == {"ai_enabled": False}  # stored values kept (R12)
    _click(qtbot, dialog.findChild(QPushButton, "saveAiSettings"))
    ai = load_studio().ai
    assert not ai.enabled and ai.outreach and ai.reply_all and ai.reply_members
    dialog = open_dialog("manager")
    assert not dialog.switch("ai_outreach").isChecked()
    _click(qtbot, dialog.switch("ai_enabled"))  # back on: the kept values show again
    assert dialog.switch("ai_outreach").isChecked() and dialog.switch("ai_outreach").isEnabled()
    assert dialog.pending_changes() == {"ai_enabled": True}
