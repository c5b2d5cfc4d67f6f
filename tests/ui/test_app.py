"""run_app: the application's names, icon and stylesheet; sign-in first, and Cancel exits 0."""

from __future__ import annotations

from types import SimpleNamespace

from pathlib import Path
from typing import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit, QPushButton

import ui.app as app_module
from ui.session import set_current_staff, signed_in
from ui.sign_in_dialog import SignInDialog


@pytest.fixture
def restored_app(qapp: QApplication, tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    """The test QApplication, its names and stylesheet put back afterwards (other tests
    compare pixels); the app's settings in the test's own file."""
    path = str(tmp_path / "app.ini")
    monkeypatch.setattr(app_module, "QSettings",
                        lambda *args: QSettings(path, QSettings.Format.IniFormat))
    saved = (qapp.applicationName(), qapp.organizationName(), qapp.styleSheet())
    yield qapp
    qapp.setApplicationName(saved[0])
    qapp.setOrganizationName(saved[1])
    qapp.setStyleSheet(saved[2])
    set_current_staff(None)


class _FakeWindow:
    shown = False
    language_chosen = SimpleNamespace(connect=lambda _slot: None)

    def show(self) -> None:
        _FakeWindow.shown = True


def test_cancelling_sign_in_exits_0_without_a_window(restored_app: QApplication, staff,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    hints: list[str | None] = []

    def cancel(dialog: SignInDialog) -> int:
        hints.append(dialog.findChild(object, "demoHint").text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(SignInDialog, "exec", cancel)
    monkeypatch.setattr(app_module, "MainWindow", _FakeWindow)
    _FakeWindow.shown = False
    assert app_module.run_app(demo_hint="Demo Owner PIN 2468") == 0
    assert hints == ["Demo Owner PIN 2468"]
    assert not _FakeWindow.shown and signed_in() is None
    assert restored_app.applicationName() == "Opt-In Desk"
    assert restored_app.organizationName() == "Opt-In Desk"
    assert "QLabel[role=\"notice\"]" in restored_app.styleSheet()
    assert not restored_app.windowIcon().isNull()


def test_signing_in_shows_the_main_window_as_that_staff_member(
        restored_app: QApplication, staff, monkeypatch: pytest.MonkeyPatch) -> None:
    def sign_in_as_manager(dialog: SignInDialog) -> int:
        picker = dialog.findChild(QComboBox, "staffPicker")
        picker.setCurrentIndex(picker.findText("Mona Manager — Manager"))
        dialog.findChild(QLineEdit, "pinInput").setText("3579")
        dialog.findChild(QPushButton, "signInButton").click()
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", sign_in_as_manager)
    monkeypatch.setattr(app_module, "MainWindow", _FakeWindow)
    monkeypatch.setattr(type(restored_app), "exec", lambda self: 0)
    _FakeWindow.shown = False
    assert app_module.run_app() == 0
    assert _FakeWindow.shown
    assert signed_in() == staff["manager"]


def test_the_last_staff_member_is_offered_first_next_time(
        restored_app: QApplication, staff, monkeypatch: pytest.MonkeyPatch) -> None:
    offered: list[str] = []

    def sign_in_as_employee(dialog: SignInDialog) -> int:
        picker = dialog.findChild(QComboBox, "staffPicker")
        offered.append(picker.currentText())
        picker.setCurrentIndex(picker.findText("Eli Employee — Employee"))
        dialog.findChild(QLineEdit, "pinInput").setText("1357")
        dialog.findChild(QPushButton, "signInButton").click()
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", sign_in_as_employee)
    monkeypatch.setattr(app_module, "MainWindow", _FakeWindow)
    monkeypatch.setattr(type(restored_app), "exec", lambda self: 0)
    app_module.run_app()
    app_module.run_app()
    assert offered == ["Olive Owner — Owner", "Eli Employee — Employee"]


def test_a_database_that_cannot_be_opened_is_one_line_in_a_message_box(
        restored_app: QApplication, qtbot, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The window on a damaged database (DESIGN §4): one line in a box, not a traceback, and
    the command still ends with exit status 2 and the same line on stderr."""
    import os

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QMessageBox

    import main
    from models.db import close_database, open_database

    path = tmp_path / "studio.db"
    open_database("sqlite:///" + str(path))
    close_database()
    os.truncate(path, 5000)
    seen: list[str] = []

    def close_the_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, close_the_box)
            return
        assert box.objectName() == "databaseUnusableBox"
        seen.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(0, close_the_box)
    assert main.main(["--db", str(path)]) == 2
    assert seen == [f"{path} is damaged (database disk image is malformed); restore it from a backup"]
    assert capsys.readouterr().err == f"optin-desk: error: {seen[0]}\n"
