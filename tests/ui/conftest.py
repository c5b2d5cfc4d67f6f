"""Fixtures of the GUI tests."""

from __future__ import annotations

from typing import Any, Callable, Iterator

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.session import set_current_staff


@pytest.fixture
def open_as(qtbot: QtBot, staff) -> Iterator[Callable[..., Any]]:
    """`open_as(DialogClass, role, **kwargs)`: sign in as a staff member of `role`, build the
    dialog, show it and wait until it is on screen; everything is closed and signed out after."""
    made: list[QWidget] = []

    def make(factory: Callable[..., QWidget], role: str, **kwargs: Any) -> Any:
        set_current_staff(staff[role])
        dialog = factory(**kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        if shiboken6.isValid(dialog):
            dialog.close()
            shiboken6.delete(dialog)
    set_current_staff(None)
