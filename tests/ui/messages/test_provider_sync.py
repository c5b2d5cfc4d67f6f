"""R24 in the window: a sync on a worker thread every interval, the status bar's "Synced …",
the staleness warning, the connect dialog — and an open profile that greys SMS All by itself
when a synced STOP arrives."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPushButton, QTableView

from models import sync_state
from models.provider import Credentials, connect_provider, load_connection
from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio, message, plug_in
from ui.change_watcher import ChangeWatcher
from ui.main_window import MainWindow
from ui.manage.provider_dialog import ProviderDialog
from ui.messages import provider_sync_controller


@pytest.fixture
def fake(monkeypatch, tmp_path: Path) -> FakeTwilio:
    return plug_in(monkeypatch, tmp_path / "data")


@pytest.fixture
def make_window(window_for, monkeypatch) -> Callable[..., MainWindow]:
    """A window that syncs every 200 ms and has no other live refresh: what changes on screen
    changes because of the sync."""
    monkeypatch.setattr(provider_sync_controller, "SYNC_INTERVAL_MS", 200)
    monkeypatch.setattr(ChangeWatcher, "start", lambda self: None)
    return lambda role="employee": window_for(role, size=None, watch=True)


def _switch(window: MainWindow, name: str) -> QAbstractButton:
    return window.profile().findChild(QAbstractButton, name)


def test_r24_an_open_profile_greys_sms_all_when_the_sync_brings_a_stop(qtbot, fake, staff, add_client,
                                                                      make_window):
    add_client("Dana", "Reyes", mobile="+15555550123")
    connect_provider(staff["manager"], Credentials(ACCOUNT_SID, AUTH_TOKEN))
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    search = window.findChild(QLineEdit, "clientSearch")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(search, "Dana")
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.keyClick(window.findChild(QTableView, "clientList"), Qt.Key.Key_Return)
    sms_all = _switch(window, "switch_sms_all")
    assert sms_all.isChecked() and sms_all.isEnabled()
    qtbot.waitUntil(lambda: window.findChild(object, "syncStatus").text() == "Synced just now",
                    timeout=3000)
    # The client texts STOP; nobody touches anything.
    fake.add(message("SM1", "+15555550123", "STOP", datetime.now(timezone.utc)))
    qtbot.waitUntil(lambda: not sms_all.isEnabled(), timeout=3000)
    assert not sms_all.isChecked()
    assert window.profile().findChild(object, "smsStopNotice").isVisible()


def test_r24_a_failing_sync_says_why_in_the_status_bar(qtbot, fake, staff, make_window):
    connect_provider(staff["manager"], Credentials(ACCOUNT_SID, AUTH_TOKEN))
    fake.unreachable = True
    window = make_window()
    label = window.findChild(object, "syncStatus")
    qtbot.waitUntil(lambda: label.text() == "Sync failed: Cannot reach Twilio", timeout=3000)
    assert label.isVisible() and "check this computer's internet connection" in label.toolTip()
    fake.unreachable = False
    qtbot.waitUntil(lambda: label.text() == "Synced just now", timeout=3000)


def test_r24_the_window_warns_after_a_business_day_without_texts(qtbot, fake, staff, make_window,
                                                                 monkeypatch):
    connect_provider(staff["manager"], Credentials(ACCOUNT_SID, AUTH_TOKEN))
    fake.unreachable = True
    later = datetime.now(timezone.utc) + timedelta(days=5)
    monkeypatch.setattr(sync_state, "now", lambda: later)
    window = make_window()
    warning = window.findChild(object, "syncStaleWarning")
    qtbot.waitUntil(warning.isVisible, timeout=3000)
    assert warning.text().startswith("No texts since") and "STOPs may wait" in warning.text()
    assert "more than one business day" in warning.toolTip()


def test_r24_connect_dialog_tests_connects_and_disconnects(qtbot, fake, staff, make_window):
    window = make_window("manager")
    action = window.findChild(QAction, "connectProviderAction")
    assert action.isVisible() and action.isEnabled()
    action.trigger()
    dialog = window.findChild(ProviderDialog, "providerDialog")
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "accountSidInput"), ACCOUNT_SID)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "secretInput"), "wrong-token")
    qtbot.mouseClick(dialog.findChild(QPushButton, "testProviderButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "refused the credentials" in dialog.result_text(), timeout=3000)
    secret = dialog.findChild(QLineEdit, "secretInput")
    secret.clear()
    qtbot.keyClicks(secret, AUTH_TOKEN)
    qtbot.mouseClick(dialog.findChild(QPushButton, "connectProviderButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_text().startswith("Connected to Studio account"), timeout=3000)
    assert "only you can read" in dialog.result_text()  # where the secret was kept
    assert load_connection().account_sid == ACCOUNT_SID
    qtbot.waitUntil(lambda: window.findChild(object, "syncStatus").text() == "Synced just now",
                    timeout=3000)
    qtbot.mouseClick(dialog.findChild(QPushButton, "disconnectProviderButton"), Qt.MouseButton.LeftButton)
    assert load_connection() is None and "Disconnected" in dialog.result_text()
    dialog.close()


def test_r15_an_employee_is_not_offered_the_provider(fake, make_window):
    window = make_window("employee")
    assert not window.findChild(QAction, "connectProviderAction").isVisible()
