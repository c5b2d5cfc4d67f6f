"""The main window: list beside profile, menus and shortcuts, remembered geometry, sign-in
(R15) and live refresh of changes made by another process (R16)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from models import message_log
from models.changes import Change, Touched
from models.client_list import ClientFilter
from models.consent import lock_for
from models.db import sqlite_path
from models.inbound import process_inbound
from models.message_log import import_messages
from models.rules import Channel
from models.schema import ConsentEvent, InboundMessage
from models.staff import Role, SignedIn
from tests.ui.desktop import close_all
from ui.app_events import app_events
from ui.clients.client_list_model import ClientListModel
from ui.main_window import MainWindow
from ui.messages import import_worker
from ui.messages.import_progress_dialog import ImportProgressDialog
from ui.messages.review_queue_dialog import ReviewQueueDialog
from ui.session import set_current_staff, signed_in
from ui.sign_in_dialog import SignInDialog
from ui.widgets.import_result_dialog import ImportResultDialog

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Window settings in the test's own file, never the user's."""
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def family(add_client) -> dict[str, int]:
    return {
        "dana": add_client("Dana", "Reyes", mobile="(555) 555-0123", email="dana@example.com"),
        "sam": add_client("Sam", "Reyes", mobile="555-555-0123", email="sam@example.com"),
        "priya": add_client("Priya", "Patel", mobile="(212) 555-0142", email=None),
    }


@pytest.fixture
def make_window(qtbot: QtBot, staff, settings: QSettings) -> Iterator[Callable[..., MainWindow]]:
    """Build a window for the signed-in employee; every one is closed and deleted after."""
    set_current_staff(staff["employee"])
    made: list[MainWindow] = []

    def make(*, watch: bool = False, show: bool = True) -> MainWindow:
        window = MainWindow(settings=settings, watch=watch)
        qtbot.addWidget(window)
        made.append(window)
        if show:
            window.show()
            qtbot.waitExposed(window)
            # The filter counts arrive from a worker thread: wait for them, so that no test
            # sees their connection open or their query in its own measurements.
            qtbot.waitUntil(lambda: len(window.panel().filter_counts()) == len(ClientFilter),
                            timeout=10_000)
        return window

    yield make
    close_all(made)


@pytest.fixture
def window(make_window, family) -> MainWindow:
    return make_window()


def _list(window: MainWindow) -> QTableView:
    return window.findChild(QTableView, "clientList")


def _search(window: MainWindow) -> QLineEdit:
    return window.findChild(QLineEdit, "clientSearch")


def _action(window: MainWindow, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None, name
    return action


def _flags(window: MainWindow, client_id: int) -> str:
    model = window.panel().model()
    row = model.row_of(client_id)
    return "" if row is None else model.index(row, ClientListModel.FLAGS).data() or ""


def test_widgets_carry_the_interface_names(window: MainWindow) -> None:
    assert _search(window) is not None
    assert _list(window) is not None
    assert window.findChild(QWidget, "clientProfile") is window.profile()
    assert window.panel().isAncestorOf(_list(window))


def test_title_names_the_studio_and_status_bar_the_staff_member(window: MainWindow,
                                                                staff) -> None:
    assert window.windowTitle() == "Opt-In Desk — My Studio"
    label = window.findChild(QLabel, "signedInAs")
    assert label.text() == "Signed in as Eli Employee — Employee"
    set_current_staff(staff["manager"])
    assert label.text() == "Signed in as Mona Manager — Manager"


def test_list_shows_the_clients_and_selecting_one_shows_its_profile(
        qtbot: QtBot, window: MainWindow, family) -> None:
    assert window.panel().model().rowCount() == 3
    assert window.profile().client_id() is None
    window.panel().select_client(family["sam"])
    assert window.profile().client_id() == family["sam"]


def test_ctrl_f_focuses_the_search(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    _list(window).setFocus()
    assert QApplication.focusWidget() is _list(window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is _search(window)


def test_keyboard_search_down_enter_opens_the_profile(qtbot: QtBot, window: MainWindow,
                                                      family) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(_search(window), "555 555 0123")
    qtbot.keyClick(_search(window), Qt.Key.Key_Down)
    assert QApplication.focusWidget() is _list(window)
    qtbot.keyClick(_list(window), Qt.Key.Key_Down)
    assert window.profile().client_id() == family["sam"]
    qtbot.keyClick(_list(window), Qt.Key.Key_Return)
    focused = QApplication.focusWidget()
    assert focused is not None and window.profile().isAncestorOf(focused)


def test_tab_reaches_every_enabled_switch_in_order_and_space_turns_one(
        qtbot: QtBot, window: MainWindow, family, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 10: Tab walks the Opt-In switches in order, then Hailee's, and no table keeps
    Tab; Space on a focused switch asks for it as a click would. Keys only, no setFocus."""
    from ui.profile.opt_out_dialog import OptOutAnswer, OptOutDialog

    monkeypatch.setattr(OptOutDialog, "ask", classmethod(lambda cls, *a, **k: OptOutAnswer()))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(_search(window), "Dana")
    qtbot.keyClick(_search(window), Qt.Key.Key_Down)
    qtbot.keyClick(_list(window), Qt.Key.Key_Return)  # into the profile, at its first switch
    walked = []
    for _ in range(12):
        walked.append(QApplication.focusWidget().objectName())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    # Dana: email and a STOP-free mobile, no home phone (its switches are disabled).
    assert walked[:9] == ["switch_email_marketing", "switch_email_all", "switch_sms_marketing",
                          "switch_sms_all", "switch_voice_marketing", "switch_voice_all",
                          "switch_ai_outreach", "switch_ai_replies", "historyView"]
    assert walked[9] != "historyView"  # Tab leaves the History
    for _ in range(12):  # back to Email – Marketing, and Space turns it off
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget().objectName() == "switch_email_marketing"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert not window.profile().consent().channels[Channel.EMAIL].marketing


def test_view_menu_filters_have_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.panel().current_filter() is ClientFilter.STOP_LOCKED
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.panel().current_filter() is ClientFilter.ALL


def test_fits_1280_by_720_with_nothing_cut_off(qtbot: QtBot, make_window, family) -> None:
    window = make_window(show=False)
    window.resize(1280, 720)  # as on a 1280 x 720 screen (the offscreen one is 800 x 800)
    window.show()
    qtbot.waitExposed(window)
    assert (window.width(), window.height()) == (1280, 720)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    assert window.minimumWidth() <= 1280 and window.minimumHeight() <= 720
    panel, profile = window.panel(), window.profile()
    assert panel.width() >= panel.minimumSizeHint().width()
    assert profile.width() >= 600
    table = _list(window)
    for column in (ClientListModel.FLAGS, ClientListModel.NAME, ClientListModel.STATUS,
                   ClientListModel.MOBILE):
        right = table.columnViewportPosition(column) + table.columnWidth(column)
        assert right <= table.viewport().width()
    assert table.columnWidth(ClientListModel.EMAIL) >= 140
    for which in ClientFilter:  # every filter's label, with its count, is whole
        button = window.findChild(QToolButton, f"filter_{which.value}")
        qtbot.waitUntil(lambda b=button: "(" in b.text(), timeout=2000)
        assert button.width() >= button.sizeHint().width()


def test_geometry_and_splitter_are_remembered(qtbot: QtBot, make_window, family) -> None:
    # The offscreen screen is 800 x 800: stay on it, or the window manager moves things.
    first = make_window()
    first.resize(800, 640)
    qtbot.waitUntil(lambda: first.height() == 640, timeout=1000)
    splitter = first.centralWidget()
    splitter.setSizes([390, 410])
    sizes = splitter.sizes()
    assert sizes[0] < 450  # not the default split, which gives the list more room
    first.close()
    second = make_window()
    assert (second.width(), second.height()) == (800, 640)
    assert second.centralWidget().sizes() == sizes


def test_status_messages_appear_in_the_status_bar(window: MainWindow) -> None:
    app_events().status_message.emit("Saved SMS – All")
    assert window.statusBar().currentMessage() == "Saved SMS – All"


# The offscreen platform cannot raise a window above others and says so; that is the test
# platform, not the window.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_review_queue_opens_from_the_view_menu_and_the_list(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    queue = window.findChild(ReviewQueueDialog, "reviewQueue")
    assert queue is not None and queue.isVisible()
    queue.close()
    window.panel().review_queue_requested.emit()
    assert queue.isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_r19_open_the_client_from_the_queue_selects_them_and_shows_the_profile(
        qtbot: QtBot, window: MainWindow, family) -> None:
    process_inbound("(212) 555-0142", "please stop texting me", sid="SM-priya")
    queue = window.open_review_queue()
    qtbot.waitUntil(queue.isActiveWindow, timeout=2000)
    qtbot.mouseClick(queue.findChild(QPushButton, "openReviewClient"), Qt.MouseButton.LeftButton)
    assert window.panel().selected_client() == family["priya"]
    assert window.profile().client_id() == family["priya"]
    assert window.profile().header().name() == "Priya Patel"


_LOG_HEADER = "From,To,Body,Status,SentDate,Direction,Sid\n"


def _write_log(path: Path, *rows: str) -> Path:
    path.write_text(_LOG_HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The window's blocking dialogs answered: what each would have shown."""
    shown: dict[str, list[str]] = {"information": [], "warning": []}
    monkeypatch.setattr(MainWindow, "show_information",
                        classmethod(lambda cls, parent, title, text:
                                    shown["information"].append(text)))
    monkeypatch.setattr(MainWindow, "show_warning",
                        classmethod(lambda cls, parent, title, text: shown["warning"].append(text)))
    return shown


def _choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(MainWindow, "ask_open_file", classmethod(lambda *args: str(path)))


def _import_ended(window: MainWindow, answers: dict[str, list[str]]) -> Callable[[], bool]:
    return lambda: (not window.import_running()
                    and bool(answers["warning"] or _result_dialog(window) is not None))


def _result_dialog(window: MainWindow) -> ImportResultDialog | None:
    """The import's result, open over the window."""
    dialog = window.findChild(ImportResultDialog, "importResultDialog")
    return dialog if dialog is not None and dialog.isVisible() else None


def test_import_message_log_runs_off_the_gui_thread_applies_and_reports(
        qtbot: QtBot, window: MainWindow, family, tmp_path: Path, answers,
        db_connections, monkeypatch: pytest.MonkeyPatch) -> None:
    log = _write_log(
        tmp_path / "messages.csv",
        "+15555550123,+15550000000,STOP,received,2026-11-26 09:14:00 +0000,inbound,SM1",
        "(212) 555-0142,+15550000000,please stop texting,received,"
        "2026-11-26 09:15:00 +0000,inbound,SM2",
        "not a number,+15550000000,hi,received,2026-11-26 09:16:00 +0000,inbound,SM3")
    _choose_file(monkeypatch, log)
    heard: list[tuple[Change, bool]] = []

    def hear(change: Change) -> None:
        heard.append((change, threading.current_thread() is threading.main_thread()))

    action = _action(window, "importMessagesAction")
    app_events().data_changed.connect(hear)
    try:
        action.trigger()
        # The import runs on its own thread: the menu returns at once, Import offered no more.
        assert window.import_running() and not action.isEnabled()
        qtbot.waitUntil(_import_ended(window, answers), timeout=10000)
    finally:
        app_events().data_changed.disconnect(hear)

    assert answers["warning"] == []
    report = _result_dialog(window).text()
    assert "STOP 1 ·" in report and "Needs review 1" in report
    assert [problem["row"] for problem in _result_dialog(window).problems()] == [4]
    imports = [(change, on_gui_thread) for change, on_gui_thread in heard
               if change.initiator is window]
    assert len(imports) == 1
    change, on_gui_thread = imports[0]
    assert on_gui_thread  # queued from the worker's thread to the window's
    assert set(change.client_ids) == {family["dana"], family["sam"], family["priya"]}
    assert change.touches(Touched.REVIEW) and change.touches(Touched.STOP_LOCKS)
    assert action.isEnabled()
    assert lock_for("+15555550123") is not None  # R6: the client's STOP locked the number
    assert _flags(window, family["dana"]) == "STOP"
    assert _flags(window, family["priya"]) == "Review"
    assert window.statusBar().currentMessage() == "Imported 2 inbound texts from messages.csv"
    # The worker's thread opened its own connection, and closed it.
    worker_connections = [c for c in db_connections.values() if not c.on_main_thread]
    assert worker_connections and all(c.closed for c in worker_connections)
    qtbot.waitUntil(lambda: _progress_dialog(window) is None, timeout=2000)


def test_import_message_log_reports_progress_per_chunk(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, answers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    log = _write_log(tmp_path / "messages.csv", *(
        f"+1555555{1000 + n},+15550000000,hello,received,2026-11-26 09:{n:02}:00 +0000,"
        f"inbound,SM{n}" for n in range(5)))
    _choose_file(monkeypatch, log)
    monkeypatch.setattr(message_log, "IMPORT_CHUNK", 2)
    shown: list[tuple[int, int]] = []
    show_progress = ImportProgressDialog.show_progress
    monkeypatch.setattr(ImportProgressDialog, "show_progress",
                        lambda self, done, total: (shown.append((done, total)),
                                                   show_progress(self, done, total)))
    _action(window, "importMessagesAction").trigger()
    qtbot.waitUntil(_import_ended(window, answers), timeout=10000)
    assert shown == [(0, 5), (2, 5), (4, 5), (5, 5)]
    assert "5 inbound texts" in _result_dialog(window).text()


@pytest.mark.parametrize("content", [None, "PK\x03\x04 a workbook, not a CSV"],
                         ids=["missing", "a-workbook"])
def test_import_message_log_error_is_one_line_and_changes_nothing(
        qtbot: QtBot, window: MainWindow, family, tmp_path: Path, answers, db_connections,
        content: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "log.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    _choose_file(monkeypatch, path)
    events_before = ConsentEvent.select().count()
    action = _action(window, "importMessagesAction")
    with qtbot.assertNotEmitted(app_events().data_changed, wait=0):
        action.trigger()
        qtbot.waitUntil(_import_ended(window, answers), timeout=10000)
    assert _result_dialog(window) is None
    (warning,) = answers["warning"]
    assert "\n" not in warning
    assert ("no such file" if content is None else "is an Excel workbook") in warning
    assert action.isEnabled()
    assert InboundMessage.select().count() == 0
    assert ConsentEvent.select().count() == events_before
    assert all(c.closed for c in db_connections.values() if not c.on_main_thread)


def test_window_stays_responsive_while_an_import_runs(
        qtbot: QtBot, window: MainWindow, family, tmp_path: Path, answers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    log = _write_log(tmp_path / "messages.csv",
                     "+15555550123,+15550000000,STOP,received,2026-11-26 09:14:00 +0000,inbound,SM1")
    _choose_file(monkeypatch, log)
    release = threading.Event()

    def held(path: Path, *, progress=None):
        progress(0, 1)
        release.wait(10)  # an import that takes as long as the test wants
        return import_messages(path, progress=progress)

    monkeypatch.setattr(import_worker, "import_messages", held)
    paints = _PaintCounter(_list(window).viewport())
    action = _action(window, "importMessagesAction")
    try:
        action.trigger()
        # The event loop runs meanwhile: the progress dialog appears, the window repaints.
        qtbot.waitUntil(lambda: _progress_dialog(window) is not None
                        and _progress_dialog(window).isVisible(), timeout=5000)
        dialog = _progress_dialog(window)
        assert dialog.windowModality() is Qt.WindowModality.WindowModal
        assert dialog.labelText() == "Importing message log…\n0 of 1 inbound text from messages.csv"
        before = paints.count
        _list(window).viewport().update()
        qtbot.waitUntil(lambda: paints.count > before, timeout=2000)
        assert window.import_running() and not action.isEnabled()
        assert window.import_message_log(log) is None  # one import at a time
        # No Cancel: a chunk cannot stop half-way, so Escape and close leave the dialog up.
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        dialog.close()
        assert dialog.isVisible()
    finally:
        release.set()
    qtbot.waitUntil(_import_ended(window, answers), timeout=10000)
    qtbot.waitUntil(lambda: _progress_dialog(window) is None, timeout=2000)  # deleted
    assert action.isEnabled()
    assert _flags(window, family["dana"]) == "STOP"


def test_closing_the_window_waits_for_a_running_import(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, answers, db_connections,
        monkeypatch: pytest.MonkeyPatch) -> None:
    log = _write_log(tmp_path / "messages.csv",
                     "+15555550123,+15550000000,STOP,received,2026-11-26 09:14:00 +0000,inbound,SM1")
    _choose_file(monkeypatch, log)
    started = threading.Event()

    def slow(path: Path, *, progress=None):
        started.set()
        time.sleep(0.3)
        return import_messages(path, progress=progress)

    monkeypatch.setattr(import_worker, "import_messages", slow)
    _action(window, "importMessagesAction").trigger()
    assert started.wait(5)
    window.close()
    assert not window.import_running()
    assert lock_for("+15555550123") is not None  # the import ran to its end
    assert all(c.closed for c in db_connections.values() if not c.on_main_thread)
    qtbot.wait(50)  # the worker's queued report reaches a window that let the import go
    assert answers == {"information": [], "warning": []} and _result_dialog(window) is None


class _PaintCounter(QObject):
    """Counts the paint events of a widget."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _progress_dialog(window: MainWindow) -> ImportProgressDialog | None:
    return window.findChild(ImportProgressDialog, "importProgressDialog")


def _drive_sign_in(qtbot: QtBot, steps: Callable[[SignInDialog], None]) -> list[str]:
    """Run `steps` on the modal sign-in dialog once it is shown; return problems found."""
    problems: list[str] = []

    def act() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, SignInDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(10, act)
            return
        try:
            steps(dialogs[0])
        except AssertionError as error:  # reported after exec() returns
            problems.append(str(error) or repr(error))
            dialogs[0].reject()

    QTimer.singleShot(0, act)
    return problems


def test_r15_switch_user_refuses_wrong_pins_and_locks_after_five(qtbot: QtBot, window: MainWindow,
                                                                 staff) -> None:
    seen: dict[str, object] = {}

    def steps(dialog: SignInDialog) -> None:
        assert dialog.objectName() == "signInDialog"
        picker = dialog.findChild(QComboBox, "staffPicker")
        pin = dialog.findChild(QLineEdit, "pinInput")
        assert picker is not None and pin is not None
        picker.setCurrentIndex(picker.findText("Mona Manager — Manager"))
        sign_in_button = dialog.findChild(QPushButton, "signInButton")
        errors = []
        for _ in range(5):
            pin.setText("0000")
            sign_in_button.click()
            errors.append(dialog.error_text())
        pin.setText("3579")
        sign_in_button.click()
        errors.append(dialog.error_text())
        seen["errors"] = errors
        seen["visible"] = dialog.isVisible()
        dialog.reject()

    problems = _drive_sign_in(qtbot, steps)
    _action(window, "switchUserAction").trigger()
    assert problems == []
    errors = seen["errors"]
    assert "4 more tries" in errors[0] and "1 more try" in errors[3]
    assert "locked until" in errors[4]
    assert "Too many wrong PINs" in errors[5]
    assert seen["visible"]
    assert signed_in() == staff["employee"]  # nobody else signed in


def test_switch_user_signs_in_another_staff_member(qtbot: QtBot, window: MainWindow,
                                                   staff) -> None:
    def steps(dialog: SignInDialog) -> None:
        picker = dialog.findChild(QComboBox, "staffPicker")
        picker.setCurrentIndex(picker.findText("Olive Owner — Owner"))
        dialog.findChild(QLineEdit, "pinInput").setText("2468")
        dialog.findChild(QPushButton, "signInButton").click()

    problems = _drive_sign_in(qtbot, steps)
    _action(window, "switchUserAction").trigger()
    assert problems == []
    assert signed_in() == SignedIn(staff["owner"].staff_id, "Olive Owner", Role.OWNER)
    assert window.findChild(QLabel, "signedInAs").text() == "Signed in as Olive Owner — Owner"


@pytest.mark.slow
def test_r16_stop_from_another_process_shows_in_the_list_within_two_seconds(
        qtbot: QtBot, make_window, family, database_url: str) -> None:
    window = make_window(watch=True)
    qtbot.waitUntil(window.watcher().is_active, timeout=2000)
    assert _flags(window, family["dana"]) == ""
    path = sqlite_path(database_url)
    location = ["--db", str(path)] if path is not None else ["--database-url", database_url]
    done = subprocess.run([sys.executable, str(REPO / "main.py"), "inbound", *location,
                           "--from", "555.555.0123", "--body", "STOP"],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["action"] == "opt_out"
    qtbot.waitUntil(lambda: _flags(window, family["dana"]) == "STOP"
                    and _flags(window, family["sam"]) == "STOP", timeout=2500)
    assert _flags(window, family["priya"]) == ""


def test_about_names_the_version_the_database_in_use_and_the_log(
        qtbot: QtBot, window: MainWindow, answers, database_url) -> None:
    """Issue 11: a support person's first questions are answered in Help ▸ About."""
    from models.app_info import app_version, database_in_use, log_path

    _action(window, "aboutAction").trigger()
    (text,) = answers["information"]
    assert f"Opt-In Desk {app_version()}" in text
    assert database_in_use() in text and str(log_path()) in text
    assert "Qt" in text and "Python" in text


def test_find_quit_and_help_use_the_platforms_standard_keys(window: MainWindow) -> None:
    """Issue 10: where Qt knows the platform's own key for an action, the menu uses it."""
    for name, key in (("findClientAction", QKeySequence.StandardKey.Find),
                      ("shortcutsAction", QKeySequence.StandardKey.HelpContents),
                      ("quitAction", QKeySequence.StandardKey.Quit)):
        standard = QKeySequence.keyBindings(key)
        shortcuts = _action(window, name).shortcuts()
        assert shortcuts and (shortcuts == standard or not standard), name
