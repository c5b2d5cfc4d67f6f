"""Sign-in (R15): each staff member with their own PIN; wrong PINs refused inline, and five
in a row lock sign-in for a while."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from models.staff import Role
from ui.sign_in_dialog import SignInDialog


@pytest.fixture
def dialog(qtbot: QtBot, staff) -> SignInDialog:
    """The dialog, shown (its default button answers Return only when visible)."""
    widget = SignInDialog()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _pick(dialog: SignInDialog, name: str) -> None:
    picker = dialog.findChild(QComboBox, "staffPicker")
    index = next(i for i in range(picker.count()) if picker.itemText(i).startswith(name))
    picker.setCurrentIndex(index)


def _sign_in(qtbot: QtBot, dialog: SignInDialog, pin: str) -> None:
    pin_input = dialog.findChild(QLineEdit, "pinInput")
    pin_input.clear()
    qtbot.keyClicks(pin_input, pin)
    qtbot.keyClick(pin_input, Qt.Key.Key_Return)  # the default button: Sign in


def test_widgets_carry_the_interface_names(dialog: SignInDialog) -> None:
    assert dialog.objectName() == "signInDialog"
    picker = dialog.findChild(QComboBox, "staffPicker")
    pin_input = dialog.findChild(QLineEdit, "pinInput")
    assert picker is not None and pin_input is not None
    assert pin_input.echoMode() is QLineEdit.EchoMode.Password


def test_staff_picker_shows_name_and_role_owners_first(dialog: SignInDialog) -> None:
    picker = dialog.findChild(QComboBox, "staffPicker")
    items = [picker.itemText(i) for i in range(picker.count())]
    assert items == ["Olive Owner — Owner", "Mona Manager — Manager", "Eli Employee — Employee"]


def test_pin_input_takes_digits_only(qtbot: QtBot, dialog: SignInDialog) -> None:
    pin_input = dialog.findChild(QLineEdit, "pinInput")
    qtbot.keyClicks(pin_input, "1a3-5 7x")
    assert pin_input.text() == "1357"


def test_r15_right_pin_signs_in_as_that_staff_member(qtbot: QtBot, dialog: SignInDialog,
                                                     staff) -> None:
    _pick(dialog, "Eli Employee")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        _sign_in(qtbot, dialog, "1357")
    assert dialog.result() == QDialog.DialogCode.Accepted
    who = dialog.signed_in_staff()
    assert who is not None
    assert (who.staff_id, who.name, who.role) == (staff["employee"].staff_id, "Eli Employee",
                                                  Role.EMPLOYEE)


def test_r15_wrong_pin_is_refused_inline_cleared_and_focused(qtbot: QtBot,
                                                             dialog: SignInDialog) -> None:
    _pick(dialog, "Mona Manager")
    _sign_in(qtbot, dialog, "0000")
    assert dialog.isVisible() and dialog.signed_in_staff() is None
    assert "Wrong PIN" in dialog.error_text()
    assert "4 more tries" in dialog.error_text()
    pin_input = dialog.findChild(QLineEdit, "pinInput")
    assert pin_input.text() == ""
    assert dialog.focusWidget() is pin_input


def test_r15_five_wrong_pins_lock_sign_in_even_for_the_right_pin(qtbot: QtBot,
                                                                 dialog: SignInDialog) -> None:
    _pick(dialog, "Eli Employee")
    for tries_left in (4, 3, 2, 1):
        _sign_in(qtbot, dialog, "9999")
        assert f"{tries_left} more {'try' if tries_left == 1 else 'tries'}" in dialog.error_text()
    _sign_in(qtbot, dialog, "9999")
    assert "locked until" in dialog.error_text()
    _sign_in(qtbot, dialog, "1357")
    assert "Too many wrong PINs" in dialog.error_text()
    assert dialog.signed_in_staff() is None


def test_short_pin_asks_for_the_pin_without_counting_a_try(qtbot: QtBot,
                                                          dialog: SignInDialog) -> None:
    _sign_in(qtbot, dialog, "12")
    assert "4 to 8 digits" in dialog.error_text()
    _sign_in(qtbot, dialog, "0000")
    assert "4 more tries" in dialog.error_text()


def test_cancel_rejects_and_signs_in_nobody(qtbot: QtBot, dialog: SignInDialog) -> None:
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.signed_in_staff() is None


def test_demo_hint_is_shown_only_when_given(qtbot: QtBot, staff) -> None:
    hinted = SignInDialog(demo_hint="Demo studio — Demo Owner PIN 2468")
    plain = SignInDialog()
    for widget in (hinted, plain):
        qtbot.addWidget(widget)
        widget.show()
    hint = hinted.findChild(object, "demoHint")
    assert hint.isVisible() and "PIN 2468" in hint.text()
    assert not plain.findChild(object, "demoHint").isVisible()


def test_database_without_staff_says_how_to_create_the_owner(qtbot: QtBot, db) -> None:
    widget = SignInDialog()
    qtbot.addWidget(widget)
    assert "init" in widget.error_text()
    assert not widget.findChild(QLineEdit, "pinInput").isEnabled()
