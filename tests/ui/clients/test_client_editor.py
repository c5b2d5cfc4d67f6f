"""The client editor in the window, driven by the keyboard as a receptionist does: Ctrl+N,
typing, Tab, Enter; Ctrl+E on the shown client; Archive and Restore (DESIGN §3, R6, R21)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from models.consent import load_consent, set_switch
from models.inbound import process_inbound
from models.rules import Channel, Switch
from models.schema import Client, ConsentEvent
from ui.clients.client_editor import ClientEditor
from ui.clients.empty_list_hint import EMPTY_LIST_TEXT
from ui.main_window import MainWindow

NUMBER = "+15555550123"
OTHER = "+12125550199"


def _editor(window: MainWindow) -> ClientEditor:
    editor = window.findChild(QDialog, "clientEditor")
    assert isinstance(editor, ClientEditor) and editor.isVisible()
    return editor


def _focused(qtbot: QtBot, name: str) -> QWidget:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().objectName() == name, timeout=2000)
    return QApplication.focusWidget()


def _tab(qtbot: QtBot, name: str) -> QWidget:
    """Press Tab where the keyboard is; the field it lands in must be `name`."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    return _focused(qtbot, name)


def _open_client_by_keyboard(qtbot: QtBot, window: MainWindow, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(_focused(qtbot, "clientSearch"), text)
    qtbot.wait(250)  # the search's debounce
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.profile().consent() is not None, timeout=2000)


def test_ctrl_n_adds_a_client_typed_with_the_keyboard(qtbot: QtBot, window_for) -> None:
    window = window_for()
    hint = window.findChild(QLabel, "emptyListHint")
    assert hint.isVisible() and hint.text() == EMPTY_LIST_TEXT  # a new studio: where to start

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = _editor(window)
    save = next(b for b in editor.findChildren(QPushButton) if b.text() == "Add client")
    qtbot.keyClicks(_focused(qtbot, "firstNameInput"), "Dana")
    qtbot.keyClicks(_tab(qtbot, "lastNameInput"), "Reyes")
    qtbot.keyClick(_tab(qtbot, "statusInput"), Qt.Key.Key_Up)  # Prospect → Member
    email = _tab(qtbot, "emailInput")
    qtbot.keyClicks(email, "dana@")
    assert "There must be something after the @-sign" in editor.field_message("emailInput")
    assert not save.isEnabled()
    qtbot.keyClicks(email, "example.com")
    assert editor.field_message("emailInput") == "" and save.isEnabled()
    mobile = _tab(qtbot, "mobileInput")
    qtbot.keyClicks(mobile, "212 555")
    assert editor.field_message("mobileInput") == "Phone number '212 555' is too short"
    assert not save.isEnabled()
    qtbot.keyClicks(mobile, "-0142")
    assert editor.field_message("mobileInput") == "(212) 555-0142 · NY"
    qtbot.keyClicks(_tab(qtbot, "homePhoneInput"), "12")
    assert "too short" in editor.field_message("homePhoneInput") and not save.isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backspace)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backspace)
    assert save.isEnabled()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=2000)
    client = Client.get(Client.last_name == "Reyes")
    assert (client.first_name, client.status, client.email, client.mobile) == (
        "Dana", "member", "dana@example.com", "+12125550142")
    assert ConsentEvent.select().where(ConsentEvent.client == client.id).count() >= 1
    model = window.panel().model()
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    assert model.client_row(0).name == "Dana Reyes" and not hint.isVisible()
    assert window.profile().header().name() == "Dana Reyes"  # shown, ready for its switches


def test_r6_editing_a_mobile_to_a_stop_locked_number_warns_then_locks(qtbot: QtBot, staff,
                                                                      add_client, window_for) -> None:
    dana = add_client("Dana", "Reyes", mobile=OTHER)
    set_switch(staff["employee"], dana, Channel.SMS, Switch.MARKETING, True, method="in_person")
    process_inbound(NUMBER, "STOP", sid="SM-stop")
    window = window_for()
    _open_client_by_keyboard(qtbot, window, "dana")

    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    editor = _editor(window)
    _focused(qtbot, "firstNameInput")
    for name in ("lastNameInput", "statusInput", "emailInput", "mobileInput"):
        mobile = _tab(qtbot, name)
    mobile.selectAll()  # Tab into a line edit selects its text, as here: typing replaces it
    qtbot.keyClicks(mobile, "555-555-0123")
    qtbot.keyClick(mobile, Qt.Key.Key_Return)  # at once: the editor first says what it does

    assert editor.isVisible() and Client.get_by_id(dana).mobile == OTHER
    texts = " ".join(editor.preview_texts())
    assert "(555) 555-0123 texted STOP on " in texts and "by texting START" in texts
    assert "SMS Marketing stays with (212) 555-0199" in texts  # R21

    qtbot.keyClick(mobile, Qt.Key.Key_Return)  # read it: now it saves

    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=2000)
    sms = load_consent(dana).channels[Channel.SMS]
    assert sms.stop_locked and not sms.effective_all and not sms.marketing
    qtbot.waitUntil(lambda: window.profile().opt_in_section().stop_notice_text() != "", timeout=2000)
    assert not window.profile().opt_in_section().switch(Channel.SMS, Switch.ALL).isEnabled()


def test_names_are_needed_and_a_refusal_keeps_the_editor_open(qtbot: QtBot, add_client,
                                                              window_for) -> None:
    add_client("Dana", "Reyes")
    window = window_for()
    _open_client_by_keyboard(qtbot, window, "dana")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    editor = _editor(window)
    first = _focused(qtbot, "firstNameInput")
    first.selectAll()
    qtbot.keyClick(first, Qt.Key.Key_Delete)
    last = _tab(qtbot, "lastNameInput")
    last.selectAll()
    qtbot.keyClick(last, Qt.Key.Key_Delete)
    assert editor.findChild(QLabel, "namesMessage").text() == "A client needs a first or last name"
    qtbot.keyClick(last, Qt.Key.Key_Return)
    assert editor.isVisible()  # nothing saved while a name is missing
    qtbot.keyClick(last, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=2000)
    assert Client.get(Client.first_name == "Dana").last_name == "Reyes"


def _confirm_when_asked(answer: Qt.Key) -> list[str]:
    """Answer the confirmation box with a key once it is shown; return what it said."""
    said: list[str] = []

    def act() -> None:
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != "clientConfirm":
            QTimer.singleShot(10, act)
            return
        said.append(box.text())
        QtBot.keyClick(box, answer)

    QTimer.singleShot(0, act)
    return said


def test_archive_hides_the_client_and_the_archived_filter_shows_them(qtbot: QtBot, add_client,
                                                                     window_for) -> None:
    add_client("Dana", "Reyes")
    sam = add_client("Sam", "Reyes")
    employee_window = window_for("employee")
    assert not employee_window.findChild(QPushButton, "archiveClientButton").isEnabled()  # R15
    employee_window.close()
    window = window_for("manager")
    _open_client_by_keyboard(qtbot, window, "sam")
    archive = window.findChild(QPushButton, "archiveClientButton")
    assert archive.isVisible() and archive.text() == "Archive…"

    said = _confirm_when_asked(Qt.Key.Key_Return)
    qtbot.mouseClick(archive, Qt.MouseButton.LeftButton)

    assert said and said[0].startswith("Archive Sam Reyes?")
    assert Client.get_by_id(sam).archived
    model = window.panel().model()
    qtbot.waitUntil(lambda: model.row_of(sam) is None, timeout=2000)  # the search "sam" is empty now
    header = window.profile().header()
    assert window.findChild(QLabel, "archivedBadge").isVisible()
    assert "Archived — this client receives nothing" in window.findChild(QLabel, "archivedNotice").text()
    opt_in = window.profile().opt_in_section()
    assert not any(opt_in.switch(c, s).isEnabled() for c in Channel for s in Switch)
    assert archive.text() == "Restore…" and header.name() == "Sam Reyes"

    qtbot.mouseClick(window.findChild(QToolButton, "filter_archived"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: model.row_of(sam) is not None and model.rowCount() == 1, timeout=2000)

    said = _confirm_when_asked(Qt.Key.Key_Escape)  # Cancel: nothing changes
    qtbot.mouseClick(archive, Qt.MouseButton.LeftButton)
    assert said and said[0].startswith("Restore Sam Reyes?") and Client.get_by_id(sam).archived
