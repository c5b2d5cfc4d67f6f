"""Driving the program's own windows in a test as a person at a desk does: dialogs answered
by the keys pressed in them, once they are on screen."""

from __future__ import annotations

from typing import Callable, Iterable

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def when_modal(kind: type[QDialog], act: Callable[[QDialog], None]) -> None:
    """Run `act` on the modal dialog of `kind` as soon as it is on screen and active."""
    _when(lambda dialog: isinstance(dialog, kind), act)


def when_dialog(name: str, act: Callable[[QDialog], None]) -> None:
    """Run `act` on the modal dialog named `name` as soon as it is on screen and active: set up
    before the key that opens it, since a dialog's exec() holds that key press until it closes."""
    _when(lambda dialog: dialog.objectName() == name, act)


def _when(wanted: Callable[[QDialog], bool], act: Callable[[QDialog], None]) -> None:
    """The offscreen platform activates no window by itself: the dialog is activated as a
    desktop's window manager would. A failing `act` closes the dialog, so the test fails
    instead of waiting for ever."""
    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not (isinstance(dialog, QDialog) and dialog.isVisible() and wanted(dialog)):
            QTimer.singleShot(20, attempt)
            return
        if not dialog.isActiveWindow():
            dialog.activateWindow()
            QTimer.singleShot(20, attempt)
            return
        try:
            act(dialog)
        except BaseException:
            dialog.reject()
            raise
    QTimer.singleShot(0, attempt)


def close_all(widgets: Iterable[QWidget]) -> None:
    """A fixture's teardown: close and delete each window it made that Qt still holds, and
    sign out whoever the test signed in."""
    from ui.session import set_current_staff

    for widget in widgets:
        if shiboken6.isValid(widget):
            widget.close()
            shiboken6.delete(widget)
    set_current_staff(None)
