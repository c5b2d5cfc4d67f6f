"""A front desk's day with no mouse (issue 10): open the program, sign in, find a client, change
three switches, add a client, import a client file, lock — every step a key a person presses.

Only the operating system's file chooser is stood in for (it is not ours to drive); everything
else is the real window, its dialogs and its models, started the way `optin-desk demo` starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

import main
from models.audit import iter_events
from models.client_list import client_ids
from models.consent import load_consent
from models.rules import Channel
from models.schema import Client
from tests.ui.desktop import when_dialog, when_modal
from ui.main_window import MainWindow
from ui.sign_in_dialog import SignInDialog

CLIENT_FILE = ("first_name;last_name;email;mobile;home_phone;status\r\n"
               "Jos\u00e9;Mu\u00f1oz;jose.munoz@example.com;(303) 555-0101;;member\r\n"
               "Ren\u00e9e;Dubois;renee@example;;;prospect\r\n")


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the focus is, as a person presses it."""
    qtbot.keyClick(focused(), key, modifier)


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """A closed dialog hands the keyboard back to its window, as a desktop's window manager
    does (the offscreen platform activates nothing by itself)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def answer(qtbot: QtBot, name: str, *keys: Qt.Key) -> None:
    """The keys a person presses in the dialog named `name` when it comes up."""
    def press_keys(_dialog: QDialog) -> None:
        for key in keys:
            press(qtbot, key)
    when_dialog(name, press_keys)


def test_a_front_desk_day_with_only_the_keyboard(
        qtbot: QtBot, fresh_computer: list[MainWindow], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    client_file = tmp_path / "clientes.csv"
    client_file.write_bytes(CLIENT_FILE.encode("cp1252"))
    monkeypatch.setattr(MainWindow, "ask_open_file", classmethod(lambda *args: str(client_file)))
    seen: dict[str, object] = {}

    def sign_in(dialog: QDialog) -> None:
        """The sign-in comes first, before the window: the PIN box has the focus; Shift+Tab
        to the staff picker, Down to the employee, Tab, the PIN, Enter."""
        pin = dialog.findChild(QLineEdit, "pinInput")
        picker = dialog.findChild(QComboBox, "staffPicker")
        assert focused() is pin
        press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert focused() is picker
        for _ in range(picker.count()):
            if picker.currentText().startswith("Demo Employee"):
                break
            press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Tab)
        qtbot.keyClicks(focused(), "1357")
        press(qtbot, Qt.Key.Key_Return)

    def the_day(_app: QApplication) -> int:
        window = fresh_computer[0]
        seen["before"] = max(event.id for event in iter_events())
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)

        # Find Leah Nguyen: Ctrl+F, her name, Down into the list, Enter into her profile.
        press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert focused().objectName() == "clientSearch"
        qtbot.keyClicks(focused(), "leah ng")
        qtbot.waitUntil(lambda: window.panel().model().rowCount() == 1)
        press(qtbot, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: window.profile().client_id() is not None)
        leah = window.profile().client_id()
        press(qtbot, Qt.Key.Key_Return)
        assert focused().objectName() == "switch_email_marketing"

        # Three switches, each flipped with Space where Tab brings the focus: turning one off
        # offers to say how the client asked (Enter: not said); turning one on asks how the
        # client consented (the focus starts on the first way: Space picks it, Enter records).
        flipped = []
        for expected in ("switch_email_marketing", "switch_email_all", "switch_sms_marketing"):
            switch = focused()
            assert switch.objectName() == expected and switch.isEnabled()
            was_on = switch.isChecked()
            if was_on:
                answer(qtbot, "optOutDialog", Qt.Key.Key_Return)
            else:
                answer(qtbot, "consentDialog", Qt.Key.Key_Space, Qt.Key.Key_Return)
            press(qtbot, Qt.Key.Key_Space)
            qtbot.waitUntil(lambda: switch.isChecked() != was_on)
            back_to(qtbot, window)
            assert focused() is switch
            flipped.append((expected, not was_on))
            press(qtbot, Qt.Key.Key_Tab)
            while not focused().objectName().startswith("switch_"):
                press(qtbot, Qt.Key.Key_Tab)
        seen["flipped"] = flipped
        seen["leah"] = load_consent(leah)

        # Add a client: Ctrl+N, names, Tab past the status, email, mobile, Enter.
        def add_priya(editor: QDialog) -> None:
            assert focused().objectName() == "firstNameInput"
            for text in ("Priya", "Shah"):
                qtbot.keyClicks(focused(), text)
                press(qtbot, Qt.Key.Key_Tab)
            while focused().objectName() != "emailInput":  # past the status: a prospect
                press(qtbot, Qt.Key.Key_Tab)
            qtbot.keyClicks(focused(), "priya.shah@example.com")
            press(qtbot, Qt.Key.Key_Tab)
            assert focused().objectName() == "mobileInput"
            qtbot.keyClicks(focused(), "(720) 555-0144")
            press(qtbot, Qt.Key.Key_Return)
            if editor.isVisible():  # the first Enter showed what saving does; the next saves
                press(qtbot, Qt.Key.Key_Return)

        when_dialog("clientEditor", add_priya)
        press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: len(client_ids("priya shah")) == 1)
        back_to(qtbot, window)
        seen["priya"] = client_ids("priya shah")

        # Import a client file (Excel's Windows-1252, semicolons): Ctrl+Shift+I, Enter on the
        # preview, and the list of what to fix closes with Esc.
        def import_it(preview: QDialog) -> None:
            seen["format"] = preview.findChild(QLabel, "previewFormat").text()
            press(qtbot, Qt.Key.Key_Return)

        def read_result(result: QDialog) -> None:
            seen["result"] = result.findChild(QLabel, "importResultText").text()
            press(qtbot, Qt.Key.Key_Escape)

        when_dialog("clientImportPreview", import_it)
        when_dialog("importResultDialog", read_result)
        press(qtbot, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: "result" in seen, timeout=20_000)
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
        back_to(qtbot, window)

        # Lock: Ctrl+L, and no client's name can be read behind the sign-in.
        press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.findChild(QLineEdit, "pinInput") is not None
                        and window.findChild(QLineEdit, "pinInput").isVisible())
        seen["readable"] = " ".join(label.text() for label in window.findChildren(QLabel)
                                    if label.isVisible())
        return 0

    monkeypatch.setattr(QApplication, "exec", the_day)
    when_modal(SignInDialog, sign_in)
    assert main.main(["demo"]) == 0

    # The three changes are Leah's now, recorded under the employee who made them (R14).
    state = seen["leah"]
    for name, on in seen["flipped"]:
        _, channel, which = name.split("_")
        assert getattr(state.channels[Channel(channel)], which) is on
    changes = {(e.client_id, e.channel, e.switch, e.new) for e in iter_events()
               if e.id > seen["before"] and e.actor == "Demo Employee"}
    for name, on in seen["flipped"]:
        _, channel, which = name.split("_")
        assert (state.client.id, channel, which, "on" if on else "off") in changes
    assert len(seen["priya"]) == 1
    priya = Client.get_by_id(seen["priya"][0])
    assert (priya.email, priya.mobile) == ("priya.shah@example.com", "+17205550144")
    assert "Windows-1252" in str(seen["format"]) and "semicolon" in str(seen["format"])
    assert "1 client imported" in str(seen["result"])
    assert Client.get_or_none(Client.last_name == "Muñoz") is not None
    assert "Leah" not in str(seen["readable"]) and "Priya" not in str(seen["readable"])

