"""Dialogs remember their size (issue 10): resized, closed and opened again, a dialog comes
back at the size it had, never larger than the screen's free area."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from ui.manage.audit_log_dialog import AuditLogDialog
from ui.messages.messages_dialog import MessagesDialog


def test_a_resized_dialog_reopens_at_its_size(qtbot: QtBot, open_as) -> None:
    dialog = open_as(MessagesDialog, "employee")
    dialog.resize(700, 430)
    qtbot.waitUntil(lambda: dialog.width() == 700)
    close = dialog.findChild(QPushButton)  # the Close button, clicked as a person does
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    again = open_as(MessagesDialog, "employee")
    assert (again.width(), again.height()) == (700, 430)


def test_esc_closes_and_the_size_is_kept(qtbot: QtBot, open_as) -> None:
    dialog = open_as(AuditLogDialog, "manager")
    dialog.resize(780, 480)
    qtbot.waitUntil(lambda: dialog.width() == 780)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert open_as(AuditLogDialog, "manager").size().toTuple() == (780, 480)


def test_a_size_larger_than_the_screen_is_clamped(qtbot: QtBot, open_as) -> None:
    dialog = open_as(MessagesDialog, "employee")
    free = QApplication.primaryScreen().availableGeometry().size()
    dialog.resize(free.width() + 400, free.height() + 300)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    again = open_as(MessagesDialog, "employee")
    assert again.width() <= free.width() and again.height() <= free.height()


def test_a_dialog_without_a_name_cannot_remember(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialog

    from ui.widgets.remembered_size import remember_size

    dialog = QDialog()
    qtbot.addWidget(dialog)
    with pytest.raises(ValueError):
        remember_size(dialog)
