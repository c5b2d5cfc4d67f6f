"""The Needs review queue in Spanish (issue 14): its title, buttons, column headers and due
dates (through QLocale: a Spanish day and month), and buttons that hold their longer words
on a 1024×600 screen."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot

from models.inbound import process_inbound
from models.review import review_items
from ui.messages.review_queue_dialog import ReviewQueueDialog
from ui.session import set_current_staff

SPANISH_DAYS = {"lun", "mar", "mié", "jue", "vie", "sáb", "dom"}
BUTTONS = ("applyStopLock", "smsMarketingOffOnly", "dismissReview", "openReviewClient")


@pytest.fixture
def queue(qtbot: QtBot, spanish, add_client, staff) -> Iterator[ReviewQueueDialog]:
    """Three texts waiting: one long overdue, one due soon, and a bare CANCEL."""
    add_client("Ana", "Silva", mobile="(212) 555-0101", email=None)
    add_client("Ben", "Okafor", mobile="(212) 555-0102", email=None)
    add_client("Cy", "Park", mobile="(212) 555-0103", email=None)
    now = datetime.now(timezone.utc)
    process_inbound("(212) 555-0102", "no more texts with promos", sid="SM-soon",
                    at=now - timedelta(days=1))
    process_inbound("(212) 555-0101", "please stop texting me", sid="SM-old",
                    at=now - timedelta(days=30))
    process_inbound("(212) 555-0103", "Cancel", sid="SM-cancel", at=now - timedelta(hours=2))
    set_current_staff(staff["employee"])
    dialog = ReviewQueueDialog()
    qtbot.addWidget(dialog)
    dialog.resize(940, 500)  # its own size, on a 1024×600 screen
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()
    shiboken6.delete(dialog)
    set_current_staff(None)


def _tree(dialog: ReviewQueueDialog) -> QTreeWidget:
    return dialog.findChild(QTreeWidget, "reviewList")


def _due(dialog: ReviewQueueDialog, row: int) -> str:
    """The Due cell's words (a badge's are kept for screen readers)."""
    item = _tree(dialog).topLevelItem(row)
    return item.text(ReviewQueueDialog.DUE) or item.data(ReviewQueueDialog.DUE,
                                                         Qt.ItemDataRole.AccessibleTextRole)


def _spanish_date(day) -> str:
    return QLocale(QLocale.Language.Spanish, QLocale.Country.UnitedStates).toString(
        QDate(day.year, day.month, day.day), "ddd d 'de' MMM")


def test_the_queue_speaks_spanish(queue: ReviewQueueDialog) -> None:
    assert queue.windowTitle() == "Por revisar — Opt-In Desk"
    header = _tree(queue).headerItem()
    assert [header.text(column) for column in range(4)] == ["Recibido", "Vence", "De", "Mensaje"]
    texts = {name: queue.findChild(QPushButton, name).text() for name in BUTTONS}
    assert texts == {"applyStopLock": "&Aplicar bloqueo por STOP…",
                     "smsMarketingOffOnly": "Desactivar solo &marketing SMS",
                     "dismissReview": "&Descartar", "openReviewClient": "Abrir el &cliente"}
    assert any(label.text() == "Por revisar" for label in queue.findChildren(QLabel))
    assert queue.findChild(QLabel, "reviewDetail").text().count("Vencido: vencía el") == 1


def test_a_due_date_has_a_spanish_day_and_month(queue: ReviewQueueDialog) -> None:
    items = review_items()
    overdue, cancel, soon = (_due(queue, row) for row in range(3))
    assert overdue == f"Vencido · {_spanish_date(items[0].due_by)}"
    assert cancel == "Llamar al cliente"
    assert soon == _spanish_date(items[2].due_by)
    day, number, of, month = soon.split(" ")[:4]
    assert day in SPANISH_DAYS and of == "de" and int(number) == items[2].due_by.day
    assert month == QLocale(QLocale.Language.Spanish).monthName(
        items[2].due_by.month, QLocale.FormatType.ShortFormat).rstrip(".")
    tip = _tree(queue).topLevelItem(2).toolTip(ReviewQueueDialog.DUE)
    assert tip.startswith(f"Decida a más tardar el {soon}: 10 días hábiles")


def test_the_buttons_hold_their_spanish_words_at_1024_by_600(
        qtbot: QtBot, queue: ReviewQueueDialog) -> None:
    assert queue.width() <= 1024 and queue.height() <= 600
    for row in (0, 1):  # an ordinary text, then the CANCEL ("Se llamó al cliente")
        queue.select_message(queue.message_ids()[row])
        qtbot.wait(10)
        for name in BUTTONS:
            button = queue.findChild(QPushButton, name)
            words = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
            assert button.width() >= words + button.iconSize().width(), button.text()
    assert queue.findChild(QPushButton, "dismissReview").text() == "Se &llamó al cliente"
    assert not _tree(queue).horizontalScrollBar().isVisible()
