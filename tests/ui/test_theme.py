"""Looks right in any theme (issue 10): an OS switch to dark while the program runs repaints
everything, and icons stay visible on a selected row."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from resources import icon
from ui.app import create_application
from ui.widgets.section_frame import SectionFrame
from ui.widgets.toggle_switch import ToggleSwitch

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from screenshots import dark_palette  # noqa: E402  the dark theme the screenshots use


@pytest.fixture
def light_app(qapp: QApplication):
    """The application as the program sets it up, back in its light palette afterwards."""
    original, sheet = qapp.palette(), qapp.styleSheet()
    app = create_application()
    yield app
    app.setPalette(original)
    app.setStyleSheet(sheet)


def _lightness(widget: QWidget, x: int, y: int) -> float:
    return widget.grab().toImage().pixelColor(x, y).lightnessF()


def test_a_dark_os_palette_while_running_repaints_the_sections(qtbot: QtBot, light_app) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    column = QVBoxLayout(holder)
    section = SectionFrame("Opt-In", "The client's legal consent.")
    toggle = ToggleSwitch(accessible_name="Email – All")
    column.addWidget(section)
    column.addWidget(toggle)
    holder.resize(320, 200)
    holder.show()
    qtbot.waitExposed(holder)
    inside = section.geometry().center().x(), section.geometry().bottom() - 4
    assert _lightness(holder, *inside) > 0.8  # a light card

    light_app.setPalette(dark_palette())  # what Qt does when the OS switches to dark
    qtbot.waitUntil(lambda: _lightness(holder, *inside) < 0.2)  # the card is dark now
    track = toggle.geometry().center()
    assert QColor(holder.grab().toImage().pixelColor(track)) != QColor("#ffffff")


def test_icons_have_a_white_look_for_a_selected_row(qapp: QApplication) -> None:
    lock = icon("lock")
    normal = lock.pixmap(QSize(16, 16), QIcon.Mode.Normal).toImage()
    selected = lock.pixmap(QSize(16, 16), QIcon.Mode.Selected).toImage()
    def brightest(image) -> float:
        return max(image.pixelColor(x, y).lightnessF() for x in range(16) for y in range(16)
                   if image.pixelColor(x, y).alpha() > 128)
    assert brightest(normal) < 0.6  # grey: lost on a blue highlight
    assert brightest(selected) > 0.95  # white: seen on any highlight
    assert QPalette().color(QPalette.ColorRole.HighlightedText).lightnessF() > 0.9
