"""The first run, as a new studio's owner does it with the keyboard (issue 11, DESIGN §3):
`optin-desk` with no database → the setup window → create the studio → sign in as its owner →
the empty client list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel, QLineEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

import main
from models import workstation
from models.db import open_database
from models.locations import default_database_path
from models.settings import load_studio
from tests.ui.desktop import when_modal
from ui.first_run.first_run_dialog import FirstRunDialog
from ui.main_window import MainWindow
from ui.sign_in_dialog import SignInDialog


def type_and_tab(qtbot: QtBot, text: str) -> None:
    """Type into the focused field, then Tab to the next."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)
    qtbot.keyClick(focused, Qt.Key.Key_Tab)


def test_first_run_walk_creates_the_studio_and_its_owner_sees_an_empty_client_list(
        qtbot: QtBot, fresh_computer: list[MainWindow], monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    def set_up(dialog: QDialog) -> None:
        seen["title"] = dialog.windowTitle()
        type_and_tab(qtbot, "Sunrise Yoga")
        seen["zone"] = dialog.findChild(QComboBox, "timeZonePicker").currentText()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # the computer's zone is kept
        type_and_tab(qtbot, "Olive Owner")
        type_and_tab(qtbot, "2468")
        qtbot.keyClicks(QApplication.focusWidget(), "2486")  # a slip: the PINs differ
        seen["slip"] = dialog.findChild(QLabel, "studioProblem").text()
        seen["button_on_slip"] = dialog.findChild(QWidget, "setupButton").isEnabled()
        again = dialog.findChild(QLineEdit, "ownerPinAgainInput")
        for _ in range(4):
            qtbot.keyClick(again, Qt.Key.Key_Backspace)
        qtbot.keyClicks(again, "2468")
        qtbot.keyClick(again, Qt.Key.Key_Return)  # the default button: Create studio

    def sign_in(dialog: QDialog) -> None:
        seen["offered"] = dialog.findChild(QComboBox, "staffPicker").currentText()
        pin = dialog.findChild(QLineEdit, "pinInput")
        assert pin.hasFocus()
        qtbot.keyClicks(pin, "2468")
        qtbot.keyClick(pin, Qt.Key.Key_Return)

    def the_window_instead_of_its_event_loop(_app: QApplication) -> int:
        window = fresh_computer[0]
        qtbot.waitExposed(window)
        seen["clients"] = window.findChild(QTableView, "clientList").model().rowCount()
        seen["window_title"] = window.windowTitle()
        return 0

    monkeypatch.setattr(QApplication, "exec", the_window_instead_of_its_event_loop)
    when_modal(FirstRunDialog, set_up)
    when_modal(SignInDialog, sign_in)
    assert main.main([]) == 0

    assert seen["title"] == "Set up Opt-In Desk"
    assert seen["slip"] == "The two PINs differ: type the same PIN again."
    assert seen["button_on_slip"] is False
    assert seen["offered"] == "Olive Owner — Owner"
    assert seen["clients"] == 0
    assert "Sunrise Yoga" in str(seen["window_title"])
    # The studio is the default file, made as `init` makes one, and remembered.
    assert workstation.load_choice() == workstation.DatabaseChoice(
        workstation.DatabaseKind.STUDIO, path=default_database_path())
    assert not workstation.needs_first_run()
    open_database("sqlite:///" + str(default_database_path()))
    studio = load_studio()
    assert (studio.name, studio.time_zone.key) == ("Sunrise Yoga", seen["zone"])


def test_quitting_the_first_run_window_creates_nothing_and_exits_0(
        qtbot: QtBot, fresh_computer: list[MainWindow]) -> None:
    when_modal(FirstRunDialog, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    assert main.main([]) == 0
    assert not default_database_path().exists()
    assert workstation.load_choice() is None and not fresh_computer
