"""The main window's Manage menu (DESIGN §3 manager views): offered by role (R15) and updated
when another staff member signs in; each item opens its view."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ui.main_window import MainWindow
from ui.manage.ai_settings_dialog import AiSettingsDialog
from ui.manage.audit_log_dialog import AuditLogDialog
from ui.manage.reports_dialog import ReportsDialog
from ui.manage.staff_accounts_dialog import StaffAccountsDialog
from ui.session import set_current_staff

# The offscreen platform cannot raise a window above others and says so; that is the test
# platform, not the window.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

MANAGER_ACTIONS = ("aiSettingsAction", "reportsAction", "auditLogAction", "clientAuditLogAction")


@pytest.fixture
def make_window(open_as, tmp_path: Path) -> Callable[[str], MainWindow]:
    """Open the main window signed in as a staff member of `role`."""
    def make(role: str) -> MainWindow:
        settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
        return open_as(lambda: MainWindow(settings=settings, watch=False), role)

    return make


def _action(window: MainWindow, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None, name
    return action


def _manage_visible(window: MainWindow) -> bool:
    return next(a for a in window.menuBar().actions() if a.text() == "&Manage").isVisible()


def test_r15_an_employee_is_not_offered_the_manager_views(make_window) -> None:
    window = make_window("employee")
    assert not _manage_visible(window)
    assert not any(_action(window, name).isVisible() for name in MANAGER_ACTIONS)
    assert not _action(window, "staffAccountsAction").isVisible()


def test_r15_a_manager_gets_the_manager_views_but_not_staff_accounts(make_window) -> None:
    window = make_window("manager")
    assert _manage_visible(window)
    assert all(_action(window, name).isVisible() for name in MANAGER_ACTIONS)
    staff_action = _action(window, "staffAccountsAction")
    assert not staff_action.isVisible() and not staff_action.isEnabled()


def test_r15_the_owner_gets_staff_accounts_too(make_window) -> None:
    window = make_window("owner")
    action = _action(window, "staffAccountsAction")
    assert action.isVisible() and action.isEnabled()


def test_switching_user_updates_the_menu_and_closes_what_they_cannot_use(make_window,
                                                                         staff) -> None:
    window = make_window("owner")
    _action(window, "staffAccountsAction").trigger()
    _action(window, "reportsAction").trigger()
    accounts = window.findChild(StaffAccountsDialog)
    reports = window.findChild(ReportsDialog)
    assert accounts.isVisible() and reports.isVisible()
    set_current_staff(staff["manager"])
    assert not _action(window, "staffAccountsAction").isVisible()
    assert not accounts.isVisible() and reports.isVisible()
    set_current_staff(staff["employee"])
    assert not _manage_visible(window) and not reports.isVisible()


def test_each_item_opens_its_view_once(make_window) -> None:
    window = make_window("owner")
    for name, kind, object_name in (("aiSettingsAction", AiSettingsDialog, "aiSettingsDialog"),
                                    ("reportsAction", ReportsDialog, "reports"),
                                    ("auditLogAction", AuditLogDialog, "auditLog"),
                                    ("staffAccountsAction", StaffAccountsDialog, "staffAccounts")):
        _action(window, name).trigger()
        _action(window, name).trigger()
        dialogs = window.findChildren(kind)
        assert len(dialogs) == 1 and dialogs[0].isVisible(), name
        assert dialogs[0].objectName() == object_name


def test_audit_log_of_the_client_shown(make_window, add_client) -> None:
    dana = add_client("Dana", "Reyes")
    window = make_window("manager")
    window.panel().refresh()
    window.panel().select_client(dana)
    action = _action(window, "clientAuditLogAction")
    window.findChild(QMenu, "manageMenu").aboutToShow.emit()
    assert action.isEnabled()
    action.trigger()
    log = window.findChild(AuditLogDialog)
    assert log.filters().client_id == dana and "Dana Reyes" in log.windowTitle()
    _action(window, "auditLogAction").trigger()
    assert log.filters().client_id is None and window.findChildren(AuditLogDialog) == [log]
