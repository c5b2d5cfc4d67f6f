"""File ▸ Import message log of other layouts (issue 10 parts 2 and 7): an API export
imports directly; a file of unknown columns asks which column holds what once, and the next
file with the same columns imports directly; the result is wide enough to read and, when
texts now wait in Needs review, opens the queue."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from models.consent import lock_for
from models.schema import InboundMessage
from ui.main_window import MainWindow
from ui.messages.column_mapping_dialog import ColumnMappingDialog
from ui.messages.review_queue_dialog import ReviewQueueDialog
from ui.widgets.import_result_dialog import MINIMUM_WIDTH, ImportResultDialog

API_COLUMNS = ["SMS Message SID", "From", "To", "Date Created", "Date Sent", "Date Updated",
               "Status", "Direction", "Message Segments", "Price", "Body"]
OTHER_COLUMNS = ["Id", "When", "Phone", "Message"]


@pytest.fixture
def window(window_for, add_client) -> MainWindow:
    add_client("Dana", "Reyes", mobile="(555) 555-0123")
    add_client("Priya", "Patel", mobile="(212) 555-0142")
    return window_for("employee", size=(800, 560))


def _write(path: Path, rows: list[list[str]], separator: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=separator).writerows(rows)
    return path


def _result(qtbot: QtBot, window: MainWindow) -> ImportResultDialog:
    def shown() -> ImportResultDialog | None:
        return next((d for d in window.findChildren(ImportResultDialog) if d.isVisible()), None)
    qtbot.waitUntil(lambda: shown() is not None and not window.import_running(), timeout=10000)
    return shown()


def _when_asked(window: MainWindow, act) -> None:
    """Run `act(dialog)` once the column choice is open (it blocks the test's call)."""
    def poll() -> None:
        dialog = next((d for d in window.findChildren(ColumnMappingDialog) if d.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        try:
            act(dialog)
        finally:
            if dialog.isVisible():  # a failed check must not leave the test waiting forever
                dialog.reject()
    QTimer.singleShot(20, poll)


def _import(qtbot: QtBot, window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MainWindow, "ask_open_file", classmethod(lambda *args: str(path)))
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the queue is raised
def test_an_api_export_imports_and_the_result_opens_the_review_queue(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = _write(tmp_path / "api.csv", [API_COLUMNS,
        ["SM1", "+15555550123", "+15550001111", "", "Thu, 26 Nov 2026 09:14:00 +0000", "", "received",
         "inbound", "1", "0", "STOP"],
        ["SM2", "+12125550142", "+15550001111", "", "Thu, 26 Nov 2026 09:15:00 +0000", "", "received",
         "inbound", "1", "0", "please stop texting me"],
        ["SM3", "+12125550142", "+15550001111", "", "someday", "", "received", "inbound", "1", "0", "hi"]])
    _import(qtbot, window, log, monkeypatch)
    result = _result(qtbot, window)
    assert lock_for("+15555550123") is not None
    assert result.width() >= MINIMUM_WIDTH
    text = result.text()
    assert "Needs review 1" in text and "ISO" not in text
    (problem,) = result.problems()
    assert problem["row"] == 4 and "a date and time like 2026-11-30 14:05" in problem["reason"]
    review = result.findChild(QPushButton, "openReviewButton")
    assert review.isVisible() and review.text() == "Open &Needs review (1)"
    qtbot.mouseClick(review, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ReviewQueueDialog)),
                    timeout=5000)
    assert not result.isVisible()


def test_unknown_columns_are_mapped_once_and_remembered(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _write(tmp_path / "export1.csv", [OTHER_COLUMNS,
                                              ["A1", "2026-11-26 09:14", "(555) 555-0123", "STOP"]], ";")
    asked: list[str] = []

    def choose_columns(dialog: ColumnMappingDialog) -> None:
        asked.append(dialog.findChild(QComboBox, "mapping_from").currentText())
        # The guess took Phone, Message and Id; the time is chosen by the person, with the keyboard.
        when = dialog.findChild(QComboBox, "mapping_time")
        import_button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Import")
        qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)  # refused: no time yet
        error = dialog.findChild(QLabel, "mappingError")
        asked.append(error.text() if error.isVisible() else "")
        when.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClicks(when, "W")
        qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)

    _when_asked(window, choose_columns)
    _import(qtbot, window, first, monkeypatch)
    result = _result(qtbot, window)
    assert asked == ["Phone", "Choose the column that holds: time."]
    assert lock_for("+15555550123") is not None
    qtbot.keyClick(result, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not result.isVisible() if shiboken6.isValid(result) else True, timeout=2000)

    # The next file with the same columns, in another order, imports without asking.
    window.activateWindow()  # where focus returns once the result is closed
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    second = _write(tmp_path / "export2.csv", [list(reversed(OTHER_COLUMNS)),
                                               ["hello", "(212) 555-0142", "2026-11-27 10:00", "A2"]], ";")
    _import(qtbot, window, second, monkeypatch)
    _result(qtbot, window)
    assert InboundMessage.get(InboundMessage.sid == "A2").body == "hello"
    assert not any(d.isVisible() for d in window.findChildren(ColumnMappingDialog))
    assert QApplication.activeModalWidget() is not None  # the result, not a question


def test_cancelling_the_column_choice_changes_nothing(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = _write(tmp_path / "x.csv", [OTHER_COLUMNS, ["A1", "2026-11-26 09:14", "(555) 555-0123", "STOP"]])

    _when_asked(window, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    _import(qtbot, window, log, monkeypatch)
    qtbot.wait(200)
    assert not window.import_running() and InboundMessage.select().count() == 0
    assert lock_for("+15555550123") is None
