"""A long email in the narrow Opt-In row (issue 10): elided in the middle, never cut, with the
whole address in the tooltip and the accessible description."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from ui.main_window import MINIMUM_SIZE, MainWindow
from ui.session import set_current_staff
from ui.widgets.elided_label import ElidedLabel

LONG = "alexandra.montgomery-fitzgerald@studio-example.com"  # 50 characters


@pytest.mark.parametrize("size", [MINIMUM_SIZE, (1024, 600)])
def test_a_long_email_elides_in_the_middle(qtbot: QtBot, staff, add_client, tmp_path: Path,
                                           size) -> None:
    add_client("Alexandra", "Montgomery", email=LONG)
    set_current_staff(staff["employee"])
    window = MainWindow(settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
                        watch=False)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    search = window.findChild(QLineEdit, "clientSearch")
    qtbot.keyClicks(search, "Alexandra")
    qtbot.waitUntil(lambda: window.panel().model().rowCount() == 1)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.profile().client_id() is not None)
    labels = [label for label in window.findChildren(ElidedLabel) if label.text() == LONG]
    assert len(labels) == 1
    label = labels[0]
    qtbot.waitUntil(lambda: label.width() > 0)
    shown = label.shown_text()
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    if shown != LONG:  # narrow: the start and the domain both stay
        assert "…" in shown and shown.startswith("alex") and shown.endswith(".com")
    assert label.toolTip() == LONG and label.accessibleDescription() == LONG
