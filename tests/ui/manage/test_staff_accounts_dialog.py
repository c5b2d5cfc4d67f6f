"""Staff accounts (R15, owner only): list, add with a PIN typed twice, reset a PIN, deactivate
and reactivate; the model layer refuses everyone but an owner."""

from __future__ import annotations

from typing import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot

from models.errors import NotFound, SignInRefused
from models.staff import MAX_FAILED_ATTEMPTS, Role, list_staff, sign_in
from ui.app_events import app_events
from ui.manage.staff_accounts_dialog import StaffAccountsDialog
from ui.manage.staff_form_dialog import StaffFormDialog, StaffFormValues


@pytest.fixture
def open_dialog(open_as) -> Callable[..., StaffAccountsDialog]:
    """Open the dialog signed in as a staff member of `role`."""
    def make(role: str = "owner") -> StaffAccountsDialog:
        return open_as(StaffAccountsDialog, role)

    return make


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict:
    """What the hooks answer: the new staff form, the new PIN, the confirmation."""
    given: dict = {"staff": None, "pin": None, "confirm": True, "asked": []}

    def ask_new_staff(cls, parent):
        return given["staff"]

    def ask_new_pin(cls, parent, name):
        given["asked"].append(name)
        return given["pin"]

    def confirm(cls, parent, title, text, action):
        given["asked"].append(text)
        return given["confirm"]

    monkeypatch.setattr(StaffAccountsDialog, "ask_new_staff", classmethod(ask_new_staff))
    monkeypatch.setattr(StaffAccountsDialog, "ask_new_pin", classmethod(ask_new_pin))
    monkeypatch.setattr(StaffAccountsDialog, "confirm", classmethod(confirm))
    return given


def _button(dialog: StaffAccountsDialog, name: str) -> QPushButton:
    return dialog.findChild(QPushButton, name)


def test_lists_every_account_with_role_status_and_sign_in(open_dialog, staff) -> None:
    dialog = open_dialog()
    assert dialog.objectName() == "staffAccounts"
    assert dialog.findChild(QTreeWidget, "staffList") is not None
    assert dialog.rows() == [
        ["Olive Owner", "Owner", "Active", "Can sign in"],
        ["Mona Manager", "Manager", "Active", "Can sign in"],
        ["Eli Employee", "Employee", "Active", "Can sign in"],
    ]


def test_a_locked_sign_in_says_until_when(open_dialog, staff) -> None:
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(SignInRefused):
            sign_in(staff["employee"].staff_id, "0000")
    dialog = open_dialog()
    assert dialog.rows()[2][3].startswith("Locked until ")


def test_add_staff_then_they_can_sign_in(qtbot: QtBot, open_dialog, answers) -> None:
    dialog = open_dialog()
    answers["staff"] = StaffFormValues("Pat Lee", Role.MANAGER, "86420")
    with qtbot.waitSignal(app_events().data_changed, timeout=1000):
        qtbot.mouseClick(_button(dialog, "addStaff"), Qt.MouseButton.LeftButton)
    assert ["Pat Lee", "Manager", "Active", "Can sign in"] in dialog.rows()
    pat = next(s for s in list_staff() if s.name == "Pat Lee")
    assert dialog.selected_staff_id() == pat.staff_id
    assert sign_in(pat.staff_id, "86420").role is Role.MANAGER
    assert "Added Pat Lee (Manager)" in dialog.message()


def test_adding_a_name_that_exists_is_refused_and_said(open_dialog, answers) -> None:
    dialog = open_dialog()
    answers["staff"] = StaffFormValues("Mona Manager", Role.EMPLOYEE, "86420")
    assert dialog.add_staff() is None
    assert "already exists" in dialog.message() and len(dialog.rows()) == 3


def test_r15_reset_pin_the_new_one_works_the_old_one_does_not(open_dialog, answers, staff) -> None:
    dialog = open_dialog()
    dialog.select_staff(staff["employee"].staff_id)
    answers["pin"] = "97531"
    change = dialog.reset_selected_pin()
    assert change is not None and answers["asked"] == ["Eli Employee"]
    assert sign_in(staff["employee"].staff_id, "97531").name == "Eli Employee"
    with pytest.raises(SignInRefused):
        sign_in(staff["employee"].staff_id, "1357")
    assert "old one no longer works" in dialog.message()


def test_r15_deactivate_asks_then_they_cannot_sign_in_and_reactivate(
        qtbot: QtBot, open_dialog, answers, staff) -> None:
    dialog = open_dialog()
    dialog.select_staff(staff["manager"].staff_id)
    toggle = _button(dialog, "toggleActive")
    assert toggle.text() == "&Deactivate…" and toggle.isEnabled()
    answers["confirm"] = False
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert sign_in(staff["manager"].staff_id, "3579")  # declined: nothing changed
    answers["confirm"] = True
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert "Deactivate Mona Manager?" in answers["asked"][-1]
    with pytest.raises(NotFound):
        sign_in(staff["manager"].staff_id, "3579")
    assert dialog.rows()[-1] == ["Mona Manager", "Manager", "Deactivated", "Cannot sign in"]
    assert dialog.selected_staff_id() == staff["manager"].staff_id
    assert toggle.text() == "Re&activate"
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert sign_in(staff["manager"].staff_id, "3579").name == "Mona Manager"


def test_an_owner_cannot_deactivate_themself(open_dialog, answers, staff) -> None:
    dialog = open_dialog()
    dialog.select_staff(staff["owner"].staff_id)
    toggle = _button(dialog, "toggleActive")
    assert not toggle.isEnabled() and "your own account" in toggle.toolTip()
    # Asked anyway (the button is only the picture): the model layer refuses.
    assert dialog.toggle_selected_active() is None
    assert "last owner" in dialog.message()
    assert sign_in(staff["owner"].staff_id, "2468")


@pytest.mark.parametrize("role", ["manager", "employee"])
def test_r15_only_an_owner_gets_the_accounts(open_dialog, answers, role: str) -> None:
    dialog = open_dialog(role)
    assert dialog.rows() == []
    assert dialog.message() == "Only an owner can do this."
    assert not any(_button(dialog, name).isEnabled() for name in ("addStaff", "resetPin",
                                                                   "toggleActive"))


# --- the form -------------------------------------------------------------------------------------

@pytest.fixture
def form(qtbot: QtBot) -> Iterator[StaffFormDialog]:
    dialog = StaffFormDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    dialog.close()
    shiboken6.delete(dialog)


def _ok(form: StaffFormDialog) -> None:
    form.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.mark.parametrize(("name", "pin", "again", "error"), [
    ("", "86420", "86420", "Enter the staff member's name."),
    ("Pat Lee", "123", "123", "A PIN is 4 to 8 digits."),
    ("Pat Lee", "86420", "86421", "The two PINs differ. Type the PIN again."),
])
def test_form_says_what_is_missing_and_stays_open(form: StaffFormDialog, name, pin, again,
                                                  error) -> None:
    form.fill(name, Role.EMPLOYEE, pin, again)
    _ok(form)
    assert form.error() == error and form.isVisible()
    assert form.result() != StaffFormDialog.DialogCode.Accepted


def test_form_accepts_a_name_a_role_and_the_same_pin_twice(form: StaffFormDialog) -> None:
    form.fill("  Pat   Lee ", Role.OWNER, "86420")
    _ok(form)
    assert form.result() == StaffFormDialog.DialogCode.Accepted
    assert form.values() == StaffFormValues("Pat Lee", Role.OWNER, "86420")


def test_pin_fields_take_digits_only_and_hide_them(qtbot: QtBot, form: StaffFormDialog) -> None:
    pin = form.findChild(QLineEdit, "staffPin")
    qtbot.keyClicks(pin, "12ab34")
    assert pin.text() == "1234" and pin.echoMode() == QLineEdit.EchoMode.Password


def test_reset_form_asks_only_for_the_pin(qtbot: QtBot) -> None:
    dialog = StaffFormDialog(name="Eli Employee")
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        assert "Eli Employee" in dialog.windowTitle()
        assert not dialog.findChild(QLineEdit, "staffName").isVisible()
        dialog.fill(pin="97531")
        _ok(dialog)
        assert dialog.result() == StaffFormDialog.DialogCode.Accepted
        assert dialog.values().pin == "97531"
    finally:
        dialog.close()
        shiboken6.delete(dialog)
