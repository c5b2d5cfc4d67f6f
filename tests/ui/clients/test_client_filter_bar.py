"""The filter bar at small sizes (issue 10): every filter button shows its whole label and
count at the window's minimum size and at 1024×600, wrapping to fewer buttons a row."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from models.client_list import ClientFilter
from models.inbound import process_inbound
from ui.clients.client_filter_bar import MAX_COLUMNS, ClientFilterBar
from ui.main_window import MINIMUM_SIZE, MainWindow
from ui.session import set_current_staff


@pytest.mark.parametrize("size", [MINIMUM_SIZE, (1024, 600), (1920, 1080)])
def test_no_filter_label_is_cut(qtbot: QtBot, staff, add_client, tmp_path: Path, size) -> None:
    for index in range(12):  # two-digit counts: "Any opt-out (12)"
        add_client(f"Client{index}", "Reyes", mobile=f"(555) 555-01{index:02d}", email=None)
        process_inbound(f"(555) 555-01{index:02d}", "STOP", sid=f"SM-{index}")
    set_current_staff(staff["employee"])
    window = MainWindow(settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
                        watch=False)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    opt_out = window.findChild(QToolButton, f"filter_{ClientFilter.ANY_OPT_OUT.value}")
    qtbot.waitUntil(lambda: opt_out.text() == "Any opt-out (12)")
    bar = window.findChild(ClientFilterBar)
    qtbot.waitUntil(lambda: all(b.width() >= b.sizeHint().width()
                                for b in bar.findChildren(QToolButton)))
    assert 1 <= bar.columns() <= MAX_COLUMNS
    if size == (1920, 1080):
        assert bar.columns() == MAX_COLUMNS
