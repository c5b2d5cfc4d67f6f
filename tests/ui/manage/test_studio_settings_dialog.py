"""Studio settings: the owner sets the idle lock's minutes; the model layer records it (R14)
and refuses anyone else (R15)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSpinBox
from pytestqt.qtbot import QtBot

from models.audit import iter_events
from models.settings import load_studio
from ui.manage.studio_settings_dialog import StudioSettingsDialog
from ui.session import set_current_staff
from ui.widgets.notice_label import NoticeLabel


def _dialog(qtbot: QtBot) -> tuple[StudioSettingsDialog, QSpinBox]:
    dialog = StudioSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    minutes = dialog.findChild(QSpinBox, "idleLockMinutes")
    assert minutes.value() == 10
    qtbot.waitUntil(lambda: QApplication.focusWidget() is minutes)  # the first field has focus
    return dialog, minutes


def test_r14_the_owner_types_the_minutes_and_saves_with_enter(qtbot: QtBot, staff) -> None:
    set_current_staff(staff["owner"])
    try:
        dialog, minutes = _dialog(qtbot)
        qtbot.keyClick(minutes, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(minutes, "25")
        qtbot.keyClick(minutes, Qt.Key.Key_Return)
        assert not dialog.isVisible()
        assert load_studio().idle_lock_minutes == 25
        event = next(iter_events(newest_first=True, limit=1))
        assert (event.switch, event.new, event.actor) == ("studio:idle_lock_minutes", "25",
                                                          "Olive Owner")
    finally:
        set_current_staff(None)


def test_r15_a_manager_is_refused_and_told_why(qtbot: QtBot, staff) -> None:
    set_current_staff(staff["manager"])
    try:
        dialog, minutes = _dialog(qtbot)
        qtbot.keyClick(minutes, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(minutes, "0")
        qtbot.keyClick(minutes, Qt.Key.Key_Return)
        assert dialog.isVisible()
        assert dialog.findChild(NoticeLabel, "studioSettingsMessage").plain_text()
        assert load_studio().idle_lock_minutes == 10
    finally:
        set_current_staff(None)
