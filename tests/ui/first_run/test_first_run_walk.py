"""The first run, as a new studio's owner does it with the keyboard (issue 11, DESIGN §3):
`optin-desk` with no database → the setup window → create the studio → sign in as its owner →
the empty client list."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel, QLineEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

import main
import ui.app as app_module
from models import workstation
from models.db import default_database_path, open_database
from models.settings import load_studio
from ui.first_run.first_run_dialog import FirstRunDialog
from ui.main_window import MainWindow
from ui.session import set_current_staff
from ui.sign_in_dialog import SignInDialog


@pytest.fixture
def fresh_computer(qapp: QApplication, tmp_path: Path,
                   monkeypatch: pytest.MonkeyPatch) -> Iterator[list[MainWindow]]:
    """A computer where Opt-In Desk never ran: its data folder empty, no database named; the
    windows made are listed, and closed after."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("OPTIN_DESK_SECRETS", "file")
    monkeypatch.delenv("OPTIN_DESK_DATABASE_URL", raising=False)
    ini = str(tmp_path / "app.ini")
    monkeypatch.setattr(app_module, "QSettings", lambda *args: QSettings(ini, QSettings.Format.IniFormat))
    saved = (qapp.applicationName(), qapp.organizationName(), qapp.styleSheet())
    windows: list[MainWindow] = []

    def make_window() -> MainWindow:
        window = MainWindow(settings=QSettings(ini, QSettings.Format.IniFormat))
        windows.append(window)
        return window

    monkeypatch.setattr(app_module, "MainWindow", make_window)
    yield windows
    for window in windows:
        if shiboken6.isValid(window):
            window.close()
            shiboken6.delete(window)
    qapp.setApplicationName(saved[0])
    qapp.setOrganizationName(saved[1])
    qapp.setStyleSheet(saved[2])
    set_current_staff(None)


def when_modal(kind: type[QDialog], act: Callable[[QDialog], None]) -> None:
    """Run `act` on the modal dialog of `kind` as soon as it is on screen; a failing `act`
    closes the dialog, so the test fails instead of waiting for ever."""
    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind) or not dialog.isActiveWindow():
            QTimer.singleShot(20, attempt)
            return
        try:
            act(dialog)
        except BaseException:
            dialog.reject()
            raise
    QTimer.singleShot(0, attempt)


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
