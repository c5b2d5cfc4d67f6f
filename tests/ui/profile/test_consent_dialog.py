"""Tests of ConsentDialog: turning a switch on records how the client consented (R4)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton
from pytestqt.qtbot import QtBot

from models.consent import CONSENT_METHODS
from ui.profile.consent_dialog import NOTE_MAX_LENGTH, ConsentAnswer, ConsentDialog


@pytest.fixture
def dialog(qtbot: QtBot) -> ConsentDialog:
    widget = ConsentDialog("Dana Reyes", "SMS – Marketing")
    qtbot.addWidget(widget)
    return widget


def test_offers_the_five_methods_with_none_chosen(dialog: ConsentDialog) -> None:
    radios = dialog.findChildren(QRadioButton)
    assert [radio.text() for radio in radios] == list(CONSENT_METHODS.values())
    assert not any(radio.isChecked() for radio in radios)
    assert dialog.method() is None
    assert dialog.windowTitle() == "Record consent"
    headings = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Turn on SMS – Marketing for Dana Reyes" in headings


def test_record_is_disabled_until_a_method_is_chosen(qtbot: QtBot, dialog: ConsentDialog) -> None:
    record = dialog.record_button()
    assert not record.isEnabled()
    dialog.accept()  # even if asked, it does not close without a method
    assert dialog.result() != ConsentDialog.DialogCode.Accepted
    qtbot.mouseClick(dialog.findChild(QRadioButton, "method_client_email"),
                     Qt.MouseButton.LeftButton)
    assert record.isEnabled()
    assert dialog.method() == "client_email"


def test_answer_carries_the_method_and_the_trimmed_note(dialog: ConsentDialog) -> None:
    dialog.set_method("signed_form")
    dialog.set_note("  signed at the desk  ")
    assert dialog.answer() == ConsentAnswer("signed_form", "signed at the desk")
    dialog.set_note("   ")
    assert dialog.answer() == ConsentAnswer("signed_form", None)


def test_note_is_optional_and_bounded(dialog: ConsentDialog) -> None:
    dialog.set_note("x" * (NOTE_MAX_LENGTH + 50))
    assert len(dialog.note() or "") == NOTE_MAX_LENGTH


def test_unknown_method_is_refused(dialog: ConsentDialog) -> None:
    with pytest.raises(ValueError):
        dialog.set_method("yes_by_text")


def _answer_open_dialog(choose: str | None) -> None:
    active = QApplication.activeModalWidget()
    assert isinstance(active, ConsentDialog)
    if choose is None:
        active.reject()
    else:
        active.set_method(choose)
        active.record_button().click()


def test_ask_returns_the_answer(qtbot: QtBot) -> None:
    QTimer.singleShot(0, lambda: _answer_open_dialog("client_phone_call"))
    answer = ConsentDialog.ask(None, client_name="Dana Reyes", switch_name="Phone calls – All")
    assert answer == ConsentAnswer("client_phone_call", None)


def test_ask_returns_none_when_cancelled(qtbot: QtBot) -> None:
    QTimer.singleShot(0, lambda: _answer_open_dialog(None))
    assert ConsentDialog.ask(None, client_name="Dana Reyes", switch_name="SMS – All") is None


def test_the_keyboard_starts_on_the_first_way_to_consent_and_space_enter_records(qtbot: QtBot) -> None:
    def press() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConsentDialog) or not dialog.isActiveWindow():
            QTimer.singleShot(20, press)
            return
        if QApplication.focusWidget().objectName() != "method_" + list(CONSENT_METHODS)[0]:
            dialog.reject()  # the test fails below
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # the second way
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    QTimer.singleShot(0, press)
    answer = ConsentDialog.ask(None, client_name="Dana Reyes", switch_name="SMS – Marketing")
    assert answer is not None and answer.method == list(CONSENT_METHODS)[1]
