"""MessagesDialog: the newest inbound texts, who sent them and what each did (read-only)."""

from __future__ import annotations

from typing import Iterator

import pytest
import shiboken6
from PySide6.QtWidgets import QTreeWidget
from pytestqt.qtbot import QtBot

from models.inbound import inbound_change, process_inbound
from models.review import ReviewAction, resolve_review, review_items
from ui.app_events import app_events
from ui.messages.messages_dialog import MessagesDialog


@pytest.fixture
def dialog(qtbot: QtBot, add_client, staff) -> Iterator[MessagesDialog]:
    add_client()
    add_client("Sam", "Reyes", email=None)
    process_inbound("(555) 555-0123", "STOP", sid="SM1")
    process_inbound("(555) 555-0123", "STOP", sid="SM2")  # already locked: no change
    process_inbound("(555) 555-0123", "START", sid="SM3")
    process_inbound("(212) 555-0100", "HELP", sid="SM4")
    process_inbound("(555) 555-0123", "please stop texting", sid="SM5")
    process_inbound("(555) 555-0123", "See you at 6!", sid="SM6")
    resolve_review(staff["employee"], review_items()[0].message_id, ReviewAction.DISMISS)
    widget = MessagesDialog()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()
    shiboken6.delete(widget)


def _rows(dialog: MessagesDialog) -> list[list[str]]:
    tree = dialog.findChild(QTreeWidget, "messageList")
    return [[tree.topLevelItem(r).text(c) for c in range(1, 4)]
            for r in range(tree.topLevelItemCount())]


def test_lists_from_body_and_action_newest_first(dialog: MessagesDialog) -> None:
    reyes = "(555) 555-0123 · Dana Reyes, Sam Reyes"
    assert _rows(dialog) == [
        [reyes, "See you at 6!", "—"],
        [reyes, "please stop texting", "Reviewed: dismissed"],
        ["(212) 555-0100 · not a client", "HELP", "Help"],
        [reyes, "START", "Opt-in (START)"],
        [reyes, "STOP", "Opt-out (STOP) — no change"],
        [reyes, "STOP", "Opt-out (STOP)"],
    ]


def test_a_new_text_appears(qtbot: QtBot, dialog: MessagesDialog) -> None:
    app_events().data_changed.emit(inbound_change(process_inbound("(555) 555-0123", "stop",
                                                                  sid="SM7")))
    assert dialog.message_count() == 7
    assert _rows(dialog)[0][1:] == ["stop", "Opt-out (STOP)"]


def test_ctrl_f_searches_by_number_in_any_format_and_esc_clears(qtbot: QtBot,
                                                                dialog: MessagesDialog) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    search = dialog.findChild(QLineEdit, "messageSearch")
    tree = dialog.findChild(QTreeWidget, "messageList")
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert search.hasFocus()
    qtbot.keyClicks(search, "212-555 01")
    qtbot.waitUntil(lambda: dialog.message_count() == 1)
    assert _rows(dialog)[0][:2] == ["(212) 555-0100 · not a client", "HELP"]
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == "" and dialog.message_count() == 6 and dialog.isVisible()


def test_search_by_words_of_the_text_in_any_case(qtbot: QtBot, dialog: MessagesDialog) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    search = dialog.findChild(QLineEdit, "messageSearch")
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(search, "STOP Texting")
    qtbot.waitUntil(lambda: dialog.message_count() == 1)
    assert _rows(dialog)[0][1] == "please stop texting"
    search.clear()
    qtbot.keyClicks(search, "at_6")  # LIKE's wildcards are taken literally: "at 6" is no match
    qtbot.waitUntil(lambda: dialog.message_count() == 0)
    assert dialog.message_count() == 0
