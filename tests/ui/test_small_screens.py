"""Small screens (issue 10): at the window's minimum size every switch of the profile can be
seen without scrolling sideways, and the profile reflows rather than clipping."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from models.inbound import process_inbound
from models.rules import CHANNELS, Switch
from ui.main_window import MINIMUM_SIZE, MainWindow
from ui.session import set_current_staff
from ui.widgets.toggle_switch import ToggleSwitch

SWITCH_NAMES = [f"switch_{channel.value}_{switch.value}" for channel in CHANNELS
                for switch in (Switch.MARKETING, Switch.ALL)] + ["switch_ai_outreach",
                                                                "switch_ai_replies"]


@pytest.fixture
def window(qtbot: QtBot, staff, add_client, tmp_path: Path) -> MainWindow:
    """The window at its minimum size, showing Dana Reyes, whose mobile texted STOP; she was
    found the way a person finds her: typed into the search, then Down into the list."""
    add_client("Dana", "Reyes", mobile="(555) 555-0123", email="dana.reyes@example.com",
               home_phone="(212) 555-0100")
    process_inbound("+15555550123", "STOP", sid="SM-small-1")
    set_current_staff(staff["employee"])
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    made = MainWindow(settings=settings, watch=False)
    qtbot.addWidget(made)
    made.resize(*MINIMUM_SIZE)
    made.show()
    qtbot.waitExposed(made)
    search = made.findChild(QLineEdit, "clientSearch")
    qtbot.keyClicks(search, "Dana")
    qtbot.waitUntil(lambda: made.panel().model().rowCount() == 1)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: made.profile().client_id() is not None)
    return made


def _viewport_rect(scroll: QScrollArea, window: MainWindow) -> QRect:
    viewport = scroll.viewport()
    return QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())


def test_every_switch_is_inside_the_profile_at_the_minimum_size(window: MainWindow,
                                                                 qtbot: QtBot) -> None:
    assert (window.width(), window.height()) == MINIMUM_SIZE
    scroll = window.findChild(QScrollArea, "profileScroll")
    assert not scroll.horizontalScrollBar().isVisible()
    assert scroll.horizontalScrollBar().maximum() == 0
    visible = _viewport_rect(scroll, window)
    for name in SWITCH_NAMES:
        toggle = window.findChild(ToggleSwitch, name)
        assert toggle is not None and toggle.isVisible(), name
        scroll.ensureWidgetVisible(toggle)  # scrolling down is fine; sideways is not
        qtbot.wait(10)
        place = QRect(toggle.mapTo(window, QPoint(0, 0)), toggle.size())
        assert visible.contains(place), (name, place, visible)


def test_a_narrow_profile_reflows_its_grid_and_addresses(window: MainWindow) -> None:
    profile = window.profile()
    assert profile.receives_grid().is_transposed()  # a column per channel, four not six
    # The email address is shown whole, under the channel's name.
    section = profile.opt_in_section()
    label = next(child for child in section.findChildren(QWidget)
                 if getattr(child, "text", lambda: "")() == "dana.reyes@example.com")
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())


def test_a_wide_window_keeps_the_grid_one_row_per_channel(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: not window.profile().receives_grid().is_transposed())
    scroll = window.findChild(QScrollArea, "profileScroll")
    assert scroll.horizontalScrollBar().maximum() == 0

