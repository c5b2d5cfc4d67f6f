"""The Needs review queue (R10, R19): due dates and ages, sorted by due date, overdue
highlighted; apply the STOP lock, SMS marketing off only, dismiss, or call about a CANCEL, all
recorded as the staff member; nothing in the queue opts a client in."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Iterator
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot

from models.audit import iter_events
from models.changes import Touched
from models.consent import load_consent, set_switch
from models.inbound import process_inbound
from models.review import ReviewAction, resolve_review, review_items
from models.rules import Channel, Switch
from ui.app_events import app_events
from ui.formatting import due_date_text
from ui.messages.review_queue_dialog import ReviewQueueDialog
from ui.session import set_current_staff


@pytest.fixture
def queue(add_client, staff) -> dict[str, int]:
    """Two texts waiting for review; Leah shares her mobile with Mark."""
    ids = {
        "leah": add_client("Leah", "Nguyen", mobile="(617) 555-0133", email="leah@example.com"),
        "mark": add_client("Mark", "Nguyen", mobile="(617) 555-0133", email=None),
        "mateo": add_client("Mateo", "Garcia", mobile="(305) 555-0177", email=None),
    }
    process_inbound("(617) 555-0133", "please stop texting me about promos", sid="SM-r1")
    process_inbound("(305) 555-0177", "Can you remove me from the list?", sid="SM-r2")
    return ids


@pytest.fixture
def signed_in(staff) -> Iterator[None]:
    set_current_staff(staff["employee"])
    yield
    set_current_staff(None)


@pytest.fixture
def dialog(qtbot: QtBot, queue, signed_in) -> Iterator[ReviewQueueDialog]:
    widget = ReviewQueueDialog()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()
    shiboken6.delete(widget)


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer every confirmation with yes, keeping its text."""
    asked: list[str] = []

    def confirm(cls, parent, title, text, action):
        asked.append(text)
        return True

    monkeypatch.setattr(ReviewQueueDialog, "confirm", classmethod(confirm))
    return asked


def _rows(dialog: ReviewQueueDialog) -> list[list[str]]:
    """Received, Due, From, Text of every row."""
    tree = dialog.findChild(QTreeWidget, "reviewList")
    role = Qt.ItemDataRole.AccessibleTextRole  # a badge's words, which the cell does not draw
    return [[tree.topLevelItem(r).text(c) or tree.topLevelItem(r).data(c, role) or ""
             for c in range(4)] for r in range(tree.topLevelItemCount())]


def _button(dialog: ReviewQueueDialog, name: str) -> QPushButton:
    return dialog.findChild(QPushButton, name)


def test_lists_when_from_whom_and_the_text(dialog: ReviewQueueDialog) -> None:
    assert dialog.objectName() == "reviewQueue"
    rows = _rows(dialog)
    assert [row[2:] for row in rows] == [
        ["(617) 555-0133 · Leah Nguyen, Mark Nguyen", "please stop texting me about promos"],
        ["(305) 555-0177 · Mateo Garcia", "Can you remove me from the list?"],
    ]
    assert rows[0][0].startswith("Today ") and rows[0][0].endswith(" · just now")
    detail = dialog.findChild(QLabel, "reviewDetail").text()
    assert "please stop texting me about promos" in detail and "share this mobile" in detail


def test_r10_r6_apply_locks_the_number_recorded_as_the_staff_member(
        qtbot: QtBot, dialog: ReviewQueueDialog, queue, staff, confirmations) -> None:
    first = dialog.message_ids()[0]
    dialog.select_message(first)
    with qtbot.waitSignal(app_events().data_changed, timeout=1000) as changed:
        qtbot.mouseClick(_button(dialog, "applyStopLock"), Qt.MouseButton.LeftButton)
    assert changed.args[0].touches(Touched.REVIEW) and set(changed.args[0].client_ids) == {queue["leah"],
                                                                         queue["mark"]}
    text = confirmations[0]
    assert "SMS" in text and "everyone on this number" in text and "START" in text
    for client in ("leah", "mark"):
        sms = load_consent(queue[client]).channels[Channel.SMS]
        assert sms.stop_locked and not sms.effective_all
    events = list(iter_events(source="review_queue"))
    assert events and all(e.actor == "Eli Employee" and e.staff_id == staff["employee"].staff_id
                          for e in events)
    assert {e.switch for e in events} == {"stop_lock", "all", "review"}
    # The lock is turned on; no switch is (nothing opts in).
    assert not any(e.new == "on" for e in events if e.switch != "stop_lock")
    assert first not in dialog.message_ids() and len(_rows(dialog)) == 1


def test_r10_declining_the_confirmation_changes_nothing(qtbot: QtBot, dialog: ReviewQueueDialog,
                                                       queue,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ReviewQueueDialog, "confirm", classmethod(lambda *args: False))
    qtbot.mouseClick(_button(dialog, "applyStopLock"), Qt.MouseButton.LeftButton)
    assert not load_consent(queue["leah"]).channels[Channel.SMS].stop_locked
    assert len(review_items()) == 2 and len(_rows(dialog)) == 2


def test_r10_dismiss_is_recorded_and_opts_nobody_in(qtbot: QtBot, dialog: ReviewQueueDialog,
                                                    queue, staff) -> None:
    # Mateo texted STOP before; dismissing his later text must not lift the lock (R10).
    process_inbound("(305) 555-0177", "STOP", sid="SM-stop")
    dialog.reload()
    mateo = next(item.message_id for item in review_items() if item.number == "+13055550177")
    dialog.select_message(mateo)
    dialog.findChild(object, "reviewNote").setText("asked about class times")
    with qtbot.waitSignal(app_events().data_changed, timeout=1000):
        qtbot.mouseClick(_button(dialog, "dismissReview"), Qt.MouseButton.LeftButton)
    sms = load_consent(queue["mateo"]).channels[Channel.SMS]
    assert sms.stop_locked and not sms.effective_all
    events = [e for e in iter_events(source="review_queue")]
    assert [(e.switch, e.old, e.new, e.actor, e.staff_id, e.note) for e in events] == [
        ("review", "open", "dismissed", "Eli Employee", staff["employee"].staff_id,
         "asked about class times")]
    assert not load_consent(queue["leah"]).channels[Channel.SMS].stop_locked
    assert [item.number for item in review_items()] == ["+16175550133"]


def test_r16_an_item_resolved_elsewhere_is_explained_and_reloaded(
        qtbot: QtBot, dialog: ReviewQueueDialog, staff, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(ReviewQueueDialog, "inform",
                        classmethod(lambda cls, parent, title, text: told.append(text)))
    first = dialog.message_ids()[0]
    dialog.select_message(first)
    resolve_review(staff["manager"], first, ReviewAction.DISMISS)  # another workstation
    qtbot.mouseClick(_button(dialog, "dismissReview"), Qt.MouseButton.LeftButton)
    assert told and "already dismissed" in told[0]
    assert first not in dialog.message_ids()


def test_buttons_need_a_selection_and_an_empty_queue_says_so(qtbot: QtBot,
                                                             dialog: ReviewQueueDialog,
                                                             confirmations) -> None:
    for _ in range(2):
        qtbot.mouseClick(_button(dialog, "dismissReview"), Qt.MouseButton.LeftButton)
    assert dialog.message_ids() == []
    assert not _button(dialog, "applyStopLock").isEnabled()
    assert not _button(dialog, "dismissReview").isEnabled()
    assert dialog.findChild(QLabel, "reviewEmpty").isVisible()


def test_a_new_review_text_from_elsewhere_appears(qtbot: QtBot, dialog: ReviewQueueDialog,
                                                  queue) -> None:
    from models.inbound import inbound_change

    result = process_inbound("(617) 555-0133", "no more messages please", sid="SM-r3")
    app_events().data_changed.emit(inbound_change(result))
    assert len(_rows(dialog)) == 3


# --- R19: deadlines, and R10's other decisions -------------------------------------------------

NY = ZoneInfo("America/New_York")


@pytest.fixture
def dated(add_client, staff, signed_in) -> dict[str, int]:
    """Three texts: one long overdue, one due soon, and a bare CANCEL."""
    ids = {"ana": add_client("Ana", "Silva", mobile="(212) 555-0101", email=None),
           "ben": add_client("Ben", "Okafor", mobile="(212) 555-0102", email=None),
           "cy": add_client("Cy", "Park", mobile="(212) 555-0103", email=None)}
    for client in ids.values():
        set_switch(staff["employee"], client, Channel.SMS, Switch.MARKETING, True, method="signed_form")
    now = datetime.now(timezone.utc)
    process_inbound("(212) 555-0102", "no more texts with promos", sid="SM-soon", at=now - timedelta(days=1))
    process_inbound("(212) 555-0101", "please stop texting me", sid="SM-old", at=now - timedelta(days=30))
    process_inbound("(212) 555-0103", "Cancel", sid="SM-cancel", at=now - timedelta(hours=2))
    return ids


@pytest.fixture
def dated_dialog(qtbot: QtBot, dated) -> Iterator[ReviewQueueDialog]:
    widget = ReviewQueueDialog()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)
    yield widget
    widget.close()
    shiboken6.delete(widget)


def _due_badge(dialog: ReviewQueueDialog, row: int) -> QLabel | None:
    tree = dialog.findChild(QTreeWidget, "reviewList")
    holder = tree.itemWidget(tree.topLevelItem(row), ReviewQueueDialog.DUE)
    return None if holder is None else holder.findChild(QLabel)


def test_r19_the_queue_shows_age_and_due_date_by_due_date_and_overdue_stands_out(
        dated_dialog: ReviewQueueDialog) -> None:
    rows = _rows(dated_dialog)
    items = review_items()
    assert [row[3] for row in rows] == ["please stop texting me", "Cancel", "no more texts with promos"]
    assert rows[0][0].endswith(" · 30 days ago") and rows[1][0].endswith(" · 2 hours ago")
    assert rows[0][1] == f"Overdue · {due_date_text(items[0].due_by)}"
    assert rows[1][1] == "Call the client"
    assert rows[2][1] == due_date_text(items[2].due_by)
    overdue = _due_badge(dated_dialog, 0)
    assert overdue is not None and overdue.property("state") == "locked" and overdue.isVisible()
    assert _due_badge(dated_dialog, 1).property("state") == "warning"
    assert _due_badge(dated_dialog, 2) is None  # an ordinary due date is plain words
    detail = dated_dialog.findChild(QLabel, "reviewDetail")
    assert "Overdue: it was due" in detail.text() and detail.property("state") == "locked"


def test_r10_sms_marketing_off_only_by_its_mnemonic(qtbot: QtBot, dated_dialog: ReviewQueueDialog,
                                                     dated) -> None:
    dated_dialog.select_message(next(i.message_id for i in review_items() if i.sid == "SM-soon"))
    with qtbot.waitSignal(app_events().data_changed, timeout=1000) as changed:
        qtbot.keyClick(dated_dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert changed.args[0].touches(Touched.SWITCHES)
    sms = load_consent(dated["ben"]).channels[Channel.SMS]
    assert not sms.marketing and sms.effective_all and not sms.stop_locked
    assert [e.switch for e in iter_events(source="review_queue")] == ["marketing", "review"]
    assert "no more texts with promos" not in [row[3] for row in _rows(dated_dialog)]


def test_r10_a_cancel_is_called_not_locked_again(qtbot: QtBot, dated_dialog: ReviewQueueDialog,
                                                 dated) -> None:
    cancel = next(i.message_id for i in review_items() if i.sid == "SM-cancel")
    dated_dialog.select_message(cancel)
    assert not _button(dated_dialog, "applyStopLock").isEnabled()
    assert not _button(dated_dialog, "smsMarketingOffOnly").isEnabled()
    called = _button(dated_dialog, "dismissReview")
    assert called.text() == "&Called the client"
    assert "may have meant an appointment" in dated_dialog.findChild(QLabel, "reviewDetail").text()
    qtbot.mouseClick(called, Qt.MouseButton.LeftButton)
    assert cancel not in dated_dialog.message_ids()
    assert [(e.switch, e.new) for e in iter_events(source="review_queue")] == [("review", "called")]
    assert load_consent(dated["cy"]).channels[Channel.SMS].stop_locked  # the lock stays


def test_r19_every_action_is_reachable_by_tab_and_open_the_client_asks_for_them(
        qtbot: QtBot, dated_dialog: ReviewQueueDialog, dated) -> None:
    tree = dated_dialog.findChild(QTreeWidget, "reviewList")
    tree.setFocus()
    reached = []
    for _ in range(8):
        qtbot.keyClick(dated_dialog.focusWidget(), Qt.Key.Key_Tab)
        reached.append(dated_dialog.focusWidget().objectName())
    assert reached[:5] == ["reviewNote", "applyStopLock", "smsMarketingOffOnly", "dismissReview",
                           "openReviewClient"]
    with qtbot.waitSignal(dated_dialog.client_open_requested, timeout=1000) as asked:
        qtbot.keyClick(dated_dialog, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert asked.args == [dated["ana"]]  # the first row: Ana's overdue text
