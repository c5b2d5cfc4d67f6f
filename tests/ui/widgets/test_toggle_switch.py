"""Tests of ToggleSwitch and paint_toggle(): a real, keyboard-operable switch (STYLE §8)
that a STOP lock holds off whatever is tried (R7)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QAbstractButton, QSizePolicy
from pytestqt.qtbot import QtBot

from ui.widgets.toggle_switch import ToggleSwitch, paint_toggle

WINDOW = QColor("#f0f0f0")
WINDOW_TEXT = QColor("#000000")
BASE = QColor("#ffffff")
HIGHLIGHT = QColor("#00aa00")
HIGHLIGHTED_TEXT = QColor("#ffff00")

# Where paint_toggle() puts things in a 44x24 rect: a 36x18 track at (4, 3), a 14 px knob.
TRACK_LEFT_INSIDE = (8, 12)
TRACK_RIGHT_INSIDE = (36, 12)
KNOB_OFF_CENTRE = (13, 12)
KNOB_ON_CENTRE = (31, 12)
FOCUS_RING_TOP = (22, 1)


@pytest.fixture
def switch(qtbot: QtBot) -> ToggleSwitch:
    """A switch named like the Opt-In section's, not shown."""
    widget = ToggleSwitch("SMS – All")
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def focused_switch(qtbot: QtBot, switch: ToggleSwitch) -> ToggleSwitch:
    """The switch, shown in an active window and holding the keyboard focus."""
    switch.show()
    qtbot.waitExposed(switch)
    switch.activateWindow()
    switch.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(switch.hasFocus)
    return switch


def _palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, WINDOW),
        (QPalette.ColorRole.WindowText, WINDOW_TEXT),
        (QPalette.ColorRole.Base, BASE),
        (QPalette.ColorRole.Text, WINDOW_TEXT),
        (QPalette.ColorRole.Highlight, HIGHLIGHT),
        (QPalette.ColorRole.HighlightedText, HIGHLIGHTED_TEXT),
        (QPalette.ColorRole.Shadow, WINDOW_TEXT),
    ):
        palette.setColor(role, colour)
    return palette


def _paint(
    *,
    checked: bool = False,
    enabled: bool = True,
    locked: bool = False,
    focused: bool = False,
    hovered: bool = False,
    size: QSize = QSize(44, 24),
) -> QImage:
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(WINDOW)
    with QPainter(image) as painter:
        paint_toggle(
            painter,
            QRectF(image.rect()),
            _palette(),
            checked=checked,
            enabled=enabled,
            locked=locked,
            focused=focused,
            hovered=hovered,
        )
    return image


def _pixel(image: QImage, point: tuple[int, int]) -> QColor:
    return image.pixelColor(*point)


def _is_grey(colour: QColor) -> bool:
    return max(colour.red(), colour.green(), colour.blue()) - min(
        colour.red(), colour.green(), colour.blue()
    ) <= 2


# -- a real button --------------------------------------------------------------------


def test_is_a_checkable_button_that_starts_off(switch: ToggleSwitch) -> None:
    assert switch.isCheckable()
    assert not switch.isChecked()
    assert not switch.isLocked()


def test_click_toggles(qtbot: QtBot, switch: ToggleSwitch) -> None:
    seen: list[tuple[str, bool]] = []
    switch.toggled.connect(lambda checked: seen.append(("toggled", checked)))
    switch.clicked.connect(lambda checked: seen.append(("clicked", checked)))
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert switch.isChecked()
    assert seen == [("toggled", True), ("clicked", True)]

    with qtbot.waitSignal(switch.toggled) as blocker:
        qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert not switch.isChecked()
    assert blocker.args == [False]


@pytest.mark.parametrize("corner", [QPoint(0, 0), QPoint(43, 23), QPoint(1, 22)])
def test_whole_rect_is_clickable(qtbot: QtBot, switch: ToggleSwitch, corner: QPoint) -> None:
    switch.resize(switch.sizeHint())
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton, pos=corner)
    assert switch.isChecked()


def test_space_toggles_when_focused(qtbot: QtBot, focused_switch: ToggleSwitch) -> None:
    with qtbot.waitSignal(focused_switch.clicked):
        qtbot.keyClick(focused_switch, Qt.Key.Key_Space)
    assert focused_switch.isChecked()

    qtbot.keyClick(focused_switch, Qt.Key.Key_Space)
    assert not focused_switch.isChecked()


def test_takes_focus_by_tab_and_click(switch: ToggleSwitch) -> None:
    assert switch.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_state_changes_at_once_while_the_knob_slides(
    qtbot: QtBot, focused_switch: ToggleSwitch
) -> None:
    qtbot.mouseClick(focused_switch, Qt.MouseButton.LeftButton)
    assert focused_switch.isChecked()

    def knob_is_on() -> bool:
        return _pixel(focused_switch.grab().toImage(), KNOB_ON_CENTRE) == QColor(
            focused_switch.palette().color(QPalette.ColorRole.HighlightedText)
        )

    qtbot.waitUntil(knob_is_on, timeout=2000)


def test_right_to_left_puts_the_on_knob_at_the_leading_end(switch: ToggleSwitch) -> None:
    switch.resize(switch.sizeHint())
    switch.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    switch.setChecked(True)
    image = switch.grab().toImage()
    mirrored = (switch.width() - 1 - KNOB_ON_CENTRE[0], KNOB_ON_CENTRE[1])
    assert _pixel(image, mirrored) == switch.palette().color(QPalette.ColorRole.HighlightedText)


def test_disabled_switch_ignores_a_click(qtbot: QtBot, switch: ToggleSwitch) -> None:
    switch.setEnabled(False)
    with qtbot.assertNotEmitted(switch.toggled):
        qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert not switch.isChecked()


def test_accessible_name_is_set(switch: ToggleSwitch) -> None:
    assert switch.accessibleName() == "SMS – All"


def test_accessible_name_is_optional_and_settable(qtbot: QtBot) -> None:
    widget = ToggleSwitch()
    qtbot.addWidget(widget)
    assert widget.accessibleName() == ""
    widget.setAccessibleName("Email – Marketing")
    assert widget.accessibleName() == "Email – Marketing"


def test_size_hint_is_a_small_fixed_switch(switch: ToggleSwitch) -> None:
    assert switch.sizeHint() == QSize(44, 24)
    assert switch.minimumSizeHint() == QSize(44, 24)
    assert switch.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Fixed
    assert switch.sizePolicy().verticalPolicy() == QSizePolicy.Policy.Fixed


# -- the STOP lock (R7) ---------------------------------------------------------------


def test_r7_locked_switch_stays_off_on_click_and_space(
    qtbot: QtBot, focused_switch: ToggleSwitch
) -> None:
    focused_switch.setLocked(True)
    with qtbot.assertNotEmitted(focused_switch.toggled), qtbot.assertNotEmitted(
        focused_switch.clicked
    ):
        qtbot.mouseClick(focused_switch, Qt.MouseButton.LeftButton)
        qtbot.keyClick(focused_switch, Qt.Key.Key_Space)
        qtbot.mouseDClick(focused_switch, Qt.MouseButton.LeftButton)
    assert not focused_switch.isChecked()


def test_r7_locked_switch_refuses_to_be_turned_on_from_code(
    qtbot: QtBot, switch: ToggleSwitch
) -> None:
    switch.setLocked(True)
    with qtbot.assertNotEmitted(switch.toggled), qtbot.assertNotEmitted(switch.clicked):
        switch.setChecked(True)
        switch.toggle()
        switch.click()
        switch.animateClick()
        qtbot.wait(50)
    assert not switch.isChecked()


def test_r7_locked_switch_stays_off_when_clicked_past_the_python_api(
    qtbot: QtBot, switch: ToggleSwitch
) -> None:
    # Assistive technology clicks through C++, past the Python overrides of click():
    # nextCheckState() still holds the line.
    switch.setLocked(True)
    with qtbot.assertNotEmitted(switch.toggled):
        QAbstractButton.click(switch)
    assert not switch.isChecked()


def test_r7_locking_an_on_switch_turns_it_off(qtbot: QtBot, switch: ToggleSwitch) -> None:
    switch.setChecked(True)
    seen: list[tuple[str, bool]] = []
    switch.toggled.connect(lambda checked: seen.append(("toggled", checked)))
    switch.locked_changed.connect(lambda locked: seen.append(("locked_changed", locked)))
    switch.setLocked(True)
    assert switch.isLocked()
    assert switch.locked is True
    assert not switch.isChecked()
    assert seen == [("toggled", False), ("locked_changed", True)]


def test_r7_locked_switch_carries_state_locked_for_the_stylesheet(
    qtbot: QtBot, switch: ToggleSwitch
) -> None:
    switch.setStyleSheet('ToggleSwitch[state="locked"] { qproperty-toolTip: "styled locked"; }')
    switch.ensurePolished()
    assert switch.toolTip() == ""

    switch.setLocked(True)
    assert switch.property("state") == "locked"
    assert switch.toolTip() == "styled locked"

    switch.setLocked(False)
    assert switch.property("state") is None


def test_unlocked_switch_can_be_turned_on_again(qtbot: QtBot, switch: ToggleSwitch) -> None:
    switch.setLocked(True)
    with qtbot.waitSignal(switch.locked_changed) as blocker:
        switch.locked = False
    assert blocker.args == [False]
    qtbot.mouseClick(switch, Qt.MouseButton.LeftButton)
    assert switch.isChecked()


def test_r7_locked_switch_looks_locked_not_just_off(switch: ToggleSwitch) -> None:
    switch.resize(switch.sizeHint())
    off = switch.grab().toImage()
    switch.setLocked(True)
    locked = switch.grab().toImage()
    assert off != locked


# -- paint_toggle(): colours only from the palette --------------------------------------


def test_paint_on_uses_highlight_for_the_track_and_highlighted_text_for_the_knob() -> None:
    image = _paint(checked=True)
    assert _pixel(image, TRACK_LEFT_INSIDE) == HIGHLIGHT
    assert _pixel(image, KNOB_ON_CENTRE) == HIGHLIGHTED_TEXT


def test_paint_off_is_a_grey_track_from_window_and_text_with_a_base_knob() -> None:
    image = _paint(checked=False)
    track = _pixel(image, TRACK_RIGHT_INSIDE)
    assert _is_grey(track)
    assert WINDOW_TEXT.lightness() < track.lightness() < WINDOW.lightness()
    assert _pixel(image, KNOB_OFF_CENTRE) == BASE


def test_paint_locked_is_off_even_when_checked_and_differs_from_off() -> None:
    locked = _paint(checked=True, locked=True)
    off = _paint(checked=False)
    assert locked != off
    highlight = HIGHLIGHT.rgb()
    pixels = (locked.pixel(x, y) for x in range(locked.width()) for y in range(locked.height()))
    assert highlight not in set(pixels)
    # The padlock is drawn in the knob, which sits where an off knob sits.
    knob = [locked.pixelColor(x, y) for x in range(9, 18) for y in range(7, 17)]
    assert any(colour.lightness() < 160 for colour in knob)


def test_paint_locked_track_is_fainter_than_off() -> None:
    off = _pixel(_paint(), TRACK_RIGHT_INSIDE)
    locked = _pixel(_paint(locked=True), TRACK_RIGHT_INSIDE)
    assert locked.lightness() > off.lightness()


def test_paint_locked_differs_from_disabled_off() -> None:
    assert _paint(locked=True, enabled=False) != _paint(enabled=False)


def test_paint_disabled_is_faded_towards_the_window() -> None:
    enabled = _pixel(_paint(checked=True), TRACK_LEFT_INSIDE)
    disabled = _pixel(_paint(checked=True, enabled=False), TRACK_LEFT_INSIDE)
    assert disabled != enabled
    assert disabled.lightness() > enabled.lightness()


def test_paint_focused_draws_a_ring_in_highlight() -> None:
    assert _pixel(_paint(focused=True), FOCUS_RING_TOP) != WINDOW
    assert _pixel(_paint(focused=False), FOCUS_RING_TOP) == WINDOW
    ring = _pixel(_paint(focused=True), FOCUS_RING_TOP)
    assert ring.green() > ring.red() and ring.green() > ring.blue()


def test_paint_hovered_differs_from_resting() -> None:
    assert _paint(hovered=True) != _paint()


def test_paint_scales_to_a_larger_rect_for_a_delegate() -> None:
    image = _paint(checked=True, size=QSize(120, 48))
    assert image.pixelColor(60, 24) != WINDOW
    assert image.pixelColor(2, 24) == WINDOW


def test_paint_leaves_the_painter_as_it_found_it() -> None:
    image = QImage(44, 24, QImage.Format.Format_ARGB32)
    with QPainter(image) as painter:
        painter.setOpacity(0.7)
        pen, brush = painter.pen(), painter.brush()
        paint_toggle(
            painter,
            QRectF(image.rect()),
            _palette(),
            checked=True,
            enabled=False,
            locked=True,
            focused=True,
            hovered=True,
        )
        assert painter.opacity() == pytest.approx(0.7)
        assert painter.pen() == pen
        assert painter.brush() == brush
