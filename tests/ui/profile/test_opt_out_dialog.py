"""Tests of OptOutDialog: turning a switch off offers, never requires, how the client asked
and a note (R20); turning All off says first what it blocks (R3)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from models.consent import OPT_OUT_METHODS
from ui.profile.opt_out_dialog import OptOutAnswer, OptOutDialog


def _active() -> OptOutDialog:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, OptOutDialog)
    return dialog


def _ask(qtbot: QtBot, keys: list, warning: str | None = None) -> OptOutAnswer | None:
    """Open the dialog and answer it with the keys a person presses."""
    def press() -> None:
        dialog = _active()
        for key in keys:
            widget = dialog.focusWidget() or dialog
            if isinstance(key, str):
                qtbot.keyClicks(widget, key)
            else:
                qtbot.keyClick(widget, key)

    QTimer.singleShot(0, press)
    return OptOutDialog.ask(None, client_name="Dana Reyes", switch_name="SMS – All", warning=warning)


def test_r20_enter_turns_off_without_saying_how(qtbot: QtBot) -> None:
    assert _ask(qtbot, [Qt.Key.Key_Return]) == OptOutAnswer(None, None)


def test_r20_how_the_client_asked_and_a_note_by_keyboard(qtbot: QtBot) -> None:
    # Focus starts on "How the client asked": Down twice picks the second method; Tab to the
    # note, type it, Enter.
    answer = _ask(qtbot, [Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Tab,
                          "called the studio", Qt.Key.Key_Return])
    assert answer == OptOutAnswer(list(OPT_OUT_METHODS)[1], "called the studio")


def test_escape_turns_nothing_off(qtbot: QtBot) -> None:
    assert _ask(qtbot, [Qt.Key.Key_Escape]) is None


def test_r3_the_warning_is_shown_above_the_choices(qtbot: QtBot) -> None:
    dialog = OptOutDialog("Dana Reyes", "SMS – All", "This fully blocks SMS to Dana Reyes.")
    qtbot.addWidget(dialog)
    assert dialog.findChild(QLabel, "optOutWarning").text() == "This fully blocks SMS to Dana Reyes."
    methods = dialog.findChild(QComboBox, "optOutMethod")
    assert [methods.itemData(i) for i in range(methods.count())] == [None, *OPT_OUT_METHODS]
    assert dialog.findChild(QLineEdit, "optOutNote").maxLength() == 500
    marketing = OptOutDialog("Dana Reyes", "SMS – Marketing", None)
    qtbot.addWidget(marketing)
    assert marketing.findChild(QLabel, "optOutWarning") is None
