"""Dialogs remember their size: a person who widened the audit log finds it wide next time."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, QSize
from PySide6.QtWidgets import QWidget

#: Where sizes are kept: the application's settings (tests point this at a file of their own).
settings_factory: Callable[[], QSettings] = QSettings


def remember_size(dialog: QWidget) -> None:
    """Give `dialog` the size it last had (kept under its objectName), when it is first shown,
    never larger than the screen's free area; keep its size whenever it closes or hides."""
    if not dialog.objectName():
        raise ValueError("a dialog remembers its size under its objectName: set one first")
    _SizeKeeper(dialog)


def size_key(dialog: QWidget) -> str:
    """The settings key of a dialog's size."""
    return f"dialogs/{dialog.objectName()}/size"


class _SizeKeeper(QObject):
    """Restores the size on the first Show, saves it on every Hide (close, accept, reject)."""

    def __init__(self, dialog: QWidget) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._restored = False
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._dialog:
            if event.type() == QEvent.Type.Show and not self._restored:
                self._restored = True
                self._restore()
            elif event.type() == QEvent.Type.Hide and self._restored:
                settings_factory().setValue(size_key(self._dialog), self._dialog.size())
        return False

    def _restore(self) -> None:
        saved = settings_factory().value(size_key(self._dialog))
        if not isinstance(saved, QSize) or not saved.isValid():
            return
        screen = self._dialog.screen()
        if screen is not None:
            free = screen.availableGeometry().size()
            saved = saved.boundedTo(free)
        self._dialog.resize(saved)  # never below the dialog's minimum size: Qt keeps to it
